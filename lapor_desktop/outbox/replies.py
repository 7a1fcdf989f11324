"""The outbox's side of storage for the reporter's replies: claims and what the server said.

Like `outbox.store` for reports: every method is one transaction; a claim
keeps two processes from sending the same reply at once and dies with its
process or its lease. A reply leaves the queue only as sent (LAPOR! holds
it), refused (permanently, with the reason kept beside its text), or handed
over in a paket. A reply to a report the kecamatan sent is never claimed here
(see `replies.routing`): it waits for a paket, with a note saying so.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select, update

from lapor_desktop.domain import Reply, ReplyState
from lapor_desktop.outbox.store import (
    CLAIM_LEASE,
    SYNC_OPERATOR,
    is_unclaimed,
    postpone_queued,
    release_claims,
)
from lapor_desktop.replies.mapping import reply_attachments, reply_of
from lapor_desktop.replies.routing import VIA_KECAMATAN_NOTE, through_kecamatan
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.remote_status import mark_reply_sent, move_reply
from lapor_desktop.storage.database import Database, driver_connection
from lapor_desktop.storage.schema import ReplyRow, ReportRow
from lapor_desktop.timestamps import utcnow

_QUEUED = ReplyState.QUEUED.value


@dataclass(frozen=True)
class OutgoingReply:
    """A claimed reply and the tracking id of the report it answers."""

    reply: Reply
    tracking_id: str


class ReplyOutboxStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.owner = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"

    def any_queued(self) -> bool:
        """Whether any reply is queued: a pass with none skips the reply steps (three transactions)."""
        with self._db.transaction() as session:
            found = (
                driver_connection(session)
                .execute("SELECT 1 FROM replies WHERE state = ? LIMIT 1", (_QUEUED,))
                .fetchone()
            )
        return found is not None

    def claim(self, limit: int, *, now: dt.datetime | None = None) -> list[OutgoingReply]:
        """Up to `limit` queued replies that are due and held by no live process, oldest first."""
        now = now or utcnow()
        with self._db.transaction() as session:
            candidates = session.execute(
                select(ReplyRow, ReportRow.tracking_id)
                .join(ReportRow, ReportRow.id == ReplyRow.report_id)
                .where(
                    ReplyRow.state == _QUEUED,
                    ReportRow.tracking_id.is_not(None),
                    ~through_kecamatan(),
                    or_(ReplyRow.next_attempt_at.is_(None), ReplyRow.next_attempt_at <= now),
                )
                .order_by(ReplyRow.id)
                .limit(limit * 4)
            ).all()
            taken = [(row, tracking) for row, tracking in candidates if is_unclaimed(row, now)][:limit]
            for row, _ in taken:
                row.claim_owner, row.claim_pid, row.claim_expires_at = (
                    self.owner,
                    os.getpid(),
                    now + CLAIM_LEASE,
                )
            attachments = reply_attachments(session, [row.id for row, _ in taken])
            return [
                OutgoingReply(reply_of(row, attachments.get(row.id, ())), tracking) for row, tracking in taken
            ]

    def note_attempt(self, reply_id: int) -> None:
        """The reply is about to go on the wire: from now on the server may hold it."""
        now = utcnow()
        with self._db.transaction() as session:
            session.execute(
                update(ReplyRow)
                .where(ReplyRow.id == reply_id, ReplyRow.claim_owner == self.owner)
                .values(
                    send_attempts=ReplyRow.send_attempts + 1,
                    first_attempt_at=func.coalesce(ReplyRow.first_attempt_at, now),
                )
            )

    def mark_sent(self, reply_id: int, *, remote_id: str, received_at: dt.datetime) -> bool:
        """Store the receipt; False when the reply was already sent (e.g. the status pull saw it first)."""
        with self._db.transaction() as session:
            row = session.get(ReplyRow, reply_id)
            if row is None:
                return False
            row.remote_id = remote_id
            if not mark_reply_sent(session, row.report_id, row.client_id, at=received_at):
                return False
            report = session.get(ReportRow, row.report_id)
            assert report is not None  # a reply's report is deleted with it
            record_audit(session, report, SYNC_OPERATOR, "reply_sent", None, None, row.client_id)
            return True

    def refuse(self, reply_id: int, reason: str) -> bool:
        """LAPOR! refuses this reply for good: keep its text, say why."""
        with self._db.transaction() as session:
            row = session.get(ReplyRow, reply_id)
            if row is None or row.state != _QUEUED:
                return False
            move_reply(session, row.id, ReplyState.REFUSED, refusal=reason)
            report = session.get(ReportRow, row.report_id)
            assert report is not None
            record_audit(session, report, SYNC_OPERATOR, "reply_refused", None, None, reason)
            return True

    def postpone(self, reply_ids: Iterable[int], *, until: dt.datetime, error: str) -> None:
        """A transient failure: try again after `until`."""
        ids = list(reply_ids)
        if not ids:
            return
        with self._db.transaction() as session:
            postpone_queued(session, ReplyRow, ids, queued=_QUEUED, until=until, error=error)

    def set_waiting_note(self, note: str | None) -> int:
        """Say why every queued reply still waits (the server speaks 1.0), or clear it; returns how many.

        A reply that waits for a paket to the kecamatan says that instead, whatever the server speaks.
        """
        changed = 0
        with self._db.transaction() as session:
            for clause, text in ((~through_kecamatan(), note), (through_kecamatan(), VIA_KECAMATAN_NOTE)):
                differs = (
                    ReplyRow.waiting_note.is_not(None)
                    if text is None
                    else ReplyRow.waiting_note.is_distinct_from(text)
                )
                result = session.execute(
                    update(ReplyRow)
                    .where(ReplyRow.state == _QUEUED, clause, differs)
                    .values(waiting_note=text)
                )
                changed += int(result.rowcount or 0)
        return changed

    def release_all(self) -> None:
        with self._db.transaction() as session:
            release_claims(session, ReplyRow, self.owner)

    def counts(self) -> dict[ReplyState, int]:
        with self._db.transaction() as session:
            found = dict(session.execute(select(ReplyRow.state, func.count()).group_by(ReplyRow.state)).all())
        return {state: int(found.get(state.value, 0)) for state in ReplyState}
