"""The report as the office knows it: plain typed values, no storage, no I/O.

Field names follow `ReportIn` of the LAPOR API contract so that the wire
mapping in `sync` is a straight copy; local-only fields are marked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Classification(StrEnum):
    COMPLAINT = "complaint"
    ASPIRATION = "aspiration"
    INFORMATION_REQUEST = "information_request"


class Channel(StrEnum):
    """How the citizen brought the report to the office (local only)."""

    DATANG_LANGSUNG = "datang_langsung"
    MUSYAWARAH_DESA = "musyawarah_desa"
    TELEPON = "telepon"
    SURAT = "surat"


class ReportState(StrEnum):
    """The local lifecycle of a report."""

    DRAFT = "draft"
    QUEUED = "queued"
    SENT = "sent"
    NEEDS_FIX = "needs_fix"


class RemoteStatus(StrEnum):
    """The status LAPOR! reports for a sent report (contract `Status`)."""

    PENDING_VERIFICATION = "pending_verification"
    VERIFIED = "verified"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REJECTED = "rejected"
    ARCHIVED = "archived"


class ReviewState(StrEnum):
    """At a kecamatan: where a desa's imported report stands; only an approved one is edited or sent."""

    AWAITING = "awaiting_review"
    APPROVED = "approved"
    RETURNED = "returned"
    DUPLICATE = "duplicate"


CONTENT_TYPES = ("image/jpeg", "image/png", "application/pdf")


@dataclass(frozen=True)
class Reporter:
    name: str = ""
    nik: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Location:
    region_code: str = ""
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class AttachmentRef:
    """An attachment already processed and stored content-addressed."""

    sha256: str
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class ReportContent:
    """What the operator types: everything a draft may hold.

    Drafts may be incomplete (empty strings, ``None``); queuing requires the
    content to pass `validation.validate_for_queue`.
    """

    classification: Classification | None = None
    title: str = ""
    body: str = ""
    category_code: str = ""
    incident_date: dt.date | None = None
    location: Location = field(default_factory=Location)
    reporter: Reporter = field(default_factory=Reporter)
    anonymous: bool = False
    confidential: bool = False
    channel: Channel = Channel.DATANG_LANGSUNG
    consent: bool = False
    attachments: tuple[AttachmentRef, ...] = ()


@dataclass(frozen=True)
class AgencyResponse:
    id: str
    at: dt.datetime
    author: str
    text: str


@dataclass(frozen=True)
class StatusChange:
    status: RemoteStatus
    first_seen_at: dt.datetime
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class Report:
    """A stored report: content plus the identity and lifecycle the app keeps."""

    id: int
    client_id: str
    local_ref: str
    state: ReportState
    content: ReportContent
    recorded_at: dt.datetime
    recorded_by: str
    updated_at: dt.datetime
    tracking_id: str | None = None
    received_at: dt.datetime | None = None
    remote_status: RemoteStatus | None = None
    fix_messages: dict[str, str] = field(default_factory=dict)
    fix_summary: str | None = None
    status_history: tuple[StatusChange, ...] = ()
    responses: tuple[AgencyResponse, ...] = ()


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    operator: str
    action: str
    from_state: ReportState | None
    to_state: ReportState | None
    detail: str | None = None


class MoveRule(StrEnum):
    """When a move in the lifecycle table is allowed."""

    ALWAYS = "always"
    # Only while LAPOR! has not received the report (it has no tracking id).
    BEFORE_LAPOR = "before_lapor"


# Allowed lifecycle moves. `sent` is final for the content: only the remote
# status and responses change after it, with one exception. A desa marks a
# report it handed to its kecamatan in a paket as sent (it left this office;
# its own outbox must not send it too); if the kecamatan returns it before it
# ever reached LAPOR!, it comes back as `needs_fix`.
TRANSITIONS: dict[ReportState, dict[ReportState, MoveRule]] = {
    ReportState.DRAFT: {ReportState.QUEUED: MoveRule.ALWAYS},
    ReportState.QUEUED: {
        ReportState.SENT: MoveRule.ALWAYS,
        ReportState.NEEDS_FIX: MoveRule.ALWAYS,
        ReportState.DRAFT: MoveRule.ALWAYS,
    },
    ReportState.NEEDS_FIX: {ReportState.QUEUED: MoveRule.ALWAYS, ReportState.DRAFT: MoveRule.ALWAYS},
    ReportState.SENT: {ReportState.NEEDS_FIX: MoveRule.BEFORE_LAPOR},
}

EDITABLE_STATES = frozenset({ReportState.DRAFT, ReportState.NEEDS_FIX})


class TransitionError(Exception):
    """A lifecycle move the rules do not allow."""

    def __init__(self, current: ReportState, wanted: ReportState) -> None:
        super().__init__(f"Laporan berstatus '{current}' tidak dapat diubah menjadi '{wanted}'.")
        self.current = current
        self.wanted = wanted


def check_transition(current: ReportState, wanted: ReportState, *, tracking_id: str | None) -> None:
    """Refuse a move the table does not allow for a report with this tracking id (None: not on LAPOR!)."""
    rule = TRANSITIONS[current].get(wanted)
    if rule is None or (rule is MoveRule.BEFORE_LAPOR and tracking_id is not None):
        raise TransitionError(current, wanted)
