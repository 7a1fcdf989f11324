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
    ON_HOLD = "on_hold"  # 1.1: LAPOR! asks the reporter for more; the newest response says what
    VERIFIED = "verified"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REJECTED = "rejected"
    ARCHIVED = "archived"


# No reply is taken and nothing is due any more.
TERMINAL_STATUSES = frozenset({RemoteStatus.REJECTED, RemoteStatus.ARCHIVED})
# Past its due date, a report in one of these is not overdue: nothing is waited for.
SETTLED_STATUSES = TERMINAL_STATUSES | {RemoteStatus.COMPLETED}


class ResponseRole(StrEnum):
    """Who wrote a response LAPOR! lists for a report (contract 1.1 `author_role`)."""

    LAPOR_ADMIN = "lapor_admin"
    AGENCY = "agency"
    REPORTER = "reporter"


class ReplyState(StrEnum):
    """Where a reporter's reply recorded at this office stands."""

    QUEUED = "queued"  # waits for the outbox
    SENT = "sent"
    REFUSED = "refused"  # permanent: report_closed, not_found, validation; the text is kept
    HANDED_OVER = "handed_over"  # left in a paket to the kecamatan, which sends it


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
    agency_code: str | None = None  # 1.1: the agency the report asks for (LAPOR! decides)


@dataclass(frozen=True)
class AgencyResponse:
    """A response LAPOR! lists for a report: its admin's, the agency's, or the reporter's own reply."""

    id: str
    at: dt.datetime
    author: str
    text: str
    role: ResponseRole = ResponseRole.AGENCY
    client_id: str | None = None  # set for a reporter's reply: the local reply's client_id


@dataclass(frozen=True)
class AgencyRef:
    """The agency (instansi) handling a report, as LAPOR! names it."""

    code: str
    name: str


@dataclass(frozen=True)
class Reply:
    """A reporter's answer to LAPOR!, recorded at this office and sent through the outbox."""

    id: int
    client_id: str
    report_id: int
    text: str
    attachments: tuple[AttachmentRef, ...]
    recorded_at: dt.datetime
    recorded_by: str
    state: ReplyState
    refusal: str | None = None  # why, in Bahasa Indonesia, for REFUSED
    waiting_note: str | None = None  # why a QUEUED reply still waits (e.g. the server speaks 1.0)
    sent_at: dt.datetime | None = None


@dataclass(frozen=True)
class StatusChange:
    status: RemoteStatus
    first_seen_at: dt.datetime
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class RemoteReportState:
    """A report's state on LAPOR! (the contract's `ReportState`), as the status pull reads it."""

    client_id: str
    tracking_id: str
    status: RemoteStatus
    updated_at: dt.datetime
    responses: tuple[AgencyResponse, ...]
    agency: AgencyRef | None = None  # 1.1
    due_at: dt.datetime | None = None  # 1.1


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
    agency: AgencyRef | None = None  # the agency handling it, as LAPOR! says (1.1)
    due_at: dt.datetime | None = None  # when LAPOR!'s current step is due (1.1), aware UTC
    replies: tuple[Reply, ...] = ()  # the reporter's replies recorded here, oldest first

    @property
    def question(self) -> AgencyResponse | None:
        """On hold: LAPOR!'s question, the newest response not written by the reporter."""
        if self.remote_status is not RemoteStatus.ON_HOLD:
            return None
        asked = [r for r in self.responses if r.role is not ResponseRole.REPORTER]
        return max(asked, key=lambda r: r.at) if asked else None

    @property
    def awaiting_reply(self) -> bool:
        """On hold, and no reply recorded (here or arrived from LAPOR!) after the question."""
        if self.remote_status is not RemoteStatus.ON_HOLD:
            return False
        question = self.question
        if question is None:
            return not any(reply.state is not ReplyState.REFUSED for reply in self.replies) and not any(
                r.role is ResponseRole.REPORTER for r in self.responses
            )
        if any(r.role is ResponseRole.REPORTER and r.at >= question.at for r in self.responses):
            return False
        return not any(
            reply.recorded_at >= question.at and reply.state is not ReplyState.REFUSED
            for reply in self.replies
        )

    def overdue(self, now: dt.datetime) -> bool:
        """LAPOR!'s current step is past its due date and the report is not settled."""
        return (
            self.due_at is not None
            and self.due_at < now
            and self.remote_status is not None
            and self.remote_status not in SETTLED_STATUSES
        )


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
