"""What LAPOR! says about a sent report, merged into the stored one.

Two roads bring it: the outbox's status pull, and at a desa the kecamatan's
reply paket for a report it sent on the desa's behalf. Both apply it here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain import (
    AgencyRef,
    AgencyResponse,
    RemoteStatus,
    ReplyState,
    ReportState,
    ResponseRole,
)
from lapor_desktop.reports import lifecycle
from lapor_desktop.storage.schema import AgencyResponseRow, ReplyRow, ReportRow, StatusHistoryRow


@dataclass(frozen=True)
class RemoteFacts:
    """A report as LAPOR! holds it: its tracking id, status and the agency's responses."""

    tracking_id: str
    status: RemoteStatus | None
    status_updated_at: dt.datetime | None
    responses: tuple[AgencyResponse, ...] = ()
    received_at: dt.datetime | None = None
    # Contract 1.1; None from a 1.0 server (and `agency` None until LAPOR! passed the report on).
    agency: AgencyRef | None = None
    due_at: dt.datetime | None = None


def brings_news(
    facts: RemoteFacts,
    *,
    state: str,
    tracking_id: str | None,
    remote_status: str | None,
    known_responses: Collection[str],
    agency_code: str | None = None,
    due_at: dt.datetime | None = None,
) -> bool:
    """Whether `merge_remote` would change a report stored with these values.

    Lets a caller applying many facts at once (the status pull's page) skip
    loading the reports that nothing new is known about.
    """
    return (
        state == ReportState.QUEUED.value
        or tracking_id is None
        or _status_moved(remote_status, facts)
        or any(response.id not in known_responses for response in facts.responses)
        or (facts.agency.code if facts.agency else None) != agency_code
        or facts.due_at != due_at
    )


def only_assignment_news(
    facts: RemoteFacts,
    *,
    state: str,
    tracking_id: str | None,
    remote_status: str | None,
    known_responses: Collection[str],
) -> bool:
    """Whether all `merge_remote` would change is the handling agency and the due date.

    The usual news about a report just sent (LAPOR! names the due date of its
    verification): a page of them is stored in one batched UPDATE instead of a
    merge per report. Anything touching the lifecycle, the status history, the
    responses or a reply takes the full merge.
    """
    return (
        state != ReportState.QUEUED.value
        and tracking_id is not None
        and not _status_moved(remote_status, facts)
        and all(response.id in known_responses for response in facts.responses)
        and not any(response.role is ResponseRole.REPORTER for response in facts.responses)
    )


def _status_moved(stored: str | None, facts: RemoteFacts) -> bool:
    return facts.status is not None and stored != facts.status.value


def merge_remote(
    session: Session, row: ReportRow, facts: RemoteFacts, *, operator: str, now: dt.datetime
) -> bool:
    """Apply `facts` to `row` in the caller's transaction; True if anything changed.

    A queued report LAPOR! already holds (sent another way, e.g. through the
    kecamatan, or the receipt was lost) becomes sent. The tracking id is only
    learnt once; a status is recorded in the history when it changes; a
    response is added once, by its id. The handling agency and the due date
    are LAPOR!'s current ones. A reporter's response naming a local reply's
    `client_id` means LAPOR! holds that reply: it is marked sent.
    """
    touched = False
    if row.state == ReportState.QUEUED.value:
        lifecycle.move(
            session, row, ReportState.SENT, action="sent", operator=operator, detail=facts.tracking_id, at=now
        )
        touched = True
    if row.tracking_id is None:
        row.tracking_id = facts.tracking_id
        if facts.received_at is not None:
            row.received_at = facts.received_at
        touched = True
    if facts.status is not None and _status_moved(row.remote_status, facts):
        row.remote_status = facts.status.value
        session.add(
            StatusHistoryRow(
                report_id=row.id,
                status=facts.status.value,
                first_seen_at=now,
                updated_at=facts.status_updated_at,
            )
        )
        touched = True
    agency_code = facts.agency.code if facts.agency else None
    agency_name = facts.agency.name if facts.agency else None
    if (row.handling_agency_code, row.handling_agency_name) != (agency_code, agency_name):
        row.handling_agency_code, row.handling_agency_name = agency_code, agency_name
        touched = True
    if row.due_at != facts.due_at:
        row.due_at = facts.due_at
        touched = True
    known = set(
        session.scalars(select(AgencyResponseRow.response_id).where(AgencyResponseRow.report_id == row.id))
    )
    for response in facts.responses:
        if response.id not in known:
            session.add(
                AgencyResponseRow(
                    report_id=row.id,
                    response_id=response.id,
                    at=response.at,
                    author=response.author,
                    text=response.text,
                    author_role=response.role.value,
                    client_id=response.client_id,
                )
            )
            touched = True
        if response.role is ResponseRole.REPORTER and response.client_id:
            mark_reply_sent(session, row.id, response.client_id, at=response.at)
    if touched:
        row.updated_at = now
    return touched


def mark_reply_sent(session: Session, report_id: int, client_id: str, *, at: dt.datetime) -> bool:
    """LAPOR! holds this reply (a receipt, or it came back in the report's responses): mark it sent.

    A reply already sent keeps its first time. LAPOR! listing a reply outweighs an earlier refusal
    (e.g. a 404 while the report was still on its way through the kecamatan).
    """
    reply = session.scalar(
        select(ReplyRow).where(ReplyRow.client_id == client_id, ReplyRow.report_id == report_id)
    )
    if reply is None or reply.state == ReplyState.SENT.value:
        return False
    move_reply(session, reply.id, ReplyState.SENT, sent_at=at, refusal=None)
    return True


def move_reply(session: Session, reply_id: int, to: ReplyState, **values: object) -> None:
    """The one way a stored reply changes state: it leaves the outbox (no claim, no retry, no note)."""
    session.execute(
        update(ReplyRow)
        .where(ReplyRow.id == reply_id)
        .values(
            state=to.value,
            waiting_note=None,
            last_error=None,
            next_attempt_at=None,
            claim_owner=None,
            claim_pid=None,
            claim_expires_at=None,
            **values,
        )
    )
