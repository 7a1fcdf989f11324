"""The outbox's side of storage: claiming queued reports and recording what the server said.

Every method is one transaction. Claims keep two processes (the GUI and a
CLI run, or two windows) from sending the same report at the same time; a
claim dies with its process or when its lease runs out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain import AgencyResponse, RemoteStatus, Report, ReportState, check_transition
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.mapping import report_of
from lapor_desktop.storage.database import Database
from lapor_desktop.storage.schema import (
    AgencyResponseRow,
    ReportRow,
    StatusHistoryRow,
    SyncStateRow,
)
from lapor_desktop.support.processes import is_alive
from lapor_desktop.timestamps import utcnow

CLAIM_LEASE = dt.timedelta(minutes=10)
SYNC_OPERATOR = "sinkronisasi"


@dataclass(frozen=True)
class RemoteUpdate:
    """A report's state on the server, as the status pull reads it."""

    client_id: str
    tracking_id: str
    status: RemoteStatus
    updated_at: dt.datetime
    responses: tuple[AgencyResponse, ...]


class OutboxStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.owner = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"

    # -- claiming ------------------------------------------------------------------

    def claim(self, limit: int, *, now: dt.datetime | None = None) -> list[Report]:
        """Take up to `limit` queued reports that are due and not held by a live process."""
        now = now or utcnow()
        with self._db.transaction() as session:
            candidates = session.scalars(
                select(ReportRow)
                .where(
                    ReportRow.state == ReportState.QUEUED.value,
                    or_(ReportRow.next_attempt_at.is_(None), ReportRow.next_attempt_at <= now),
                    or_(ReportRow.claim_owner.is_(None), ReportRow.claim_owner != self.owner),
                )
                .order_by(ReportRow.id)
            )
            claimed: list[ReportRow] = []
            for row in candidates:
                if row.claim_owner is not None and not self._claim_is_stale(row, now):
                    continue
                row.claim_owner = self.owner
                row.claim_pid = os.getpid()
                row.claim_expires_at = now + CLAIM_LEASE
                claimed.append(row)
                if len(claimed) == limit:
                    break
            return [report_of(row) for row in claimed]

    @staticmethod
    def _claim_is_stale(row: ReportRow, now: dt.datetime) -> bool:
        if row.claim_expires_at is not None and row.claim_expires_at < now:
            return True
        return row.claim_pid is None or not is_alive(row.claim_pid)

    def release_all(self) -> None:
        """Give back every claim this process holds (end of a pass)."""
        with self._db.transaction() as session:
            session.execute(
                update(ReportRow)
                .where(ReportRow.claim_owner == self.owner)
                .values(claim_owner=None, claim_pid=None, claim_expires_at=None)
            )

    # -- outcomes ------------------------------------------------------------------

    def note_attempt(self, report_ids: Iterable[int]) -> None:
        """Record that these reports are about to go on the wire.

        From now on the server may hold them, so their content must not change:
        `ReportService.unqueue` refuses them.
        """
        ids = list(report_ids)
        now = utcnow()
        with self._db.transaction() as session:
            session.execute(
                update(ReportRow)
                .where(ReportRow.id.in_(ids), ReportRow.claim_owner == self.owner)
                .values(
                    send_attempts=ReportRow.send_attempts + 1,
                    first_attempt_at=func.coalesce(ReportRow.first_attempt_at, now),
                )
                .execution_options(synchronize_session=False)
            )

    def mark_sent(
        self, report_id: int, *, tracking_id: str, received_at: dt.datetime, status: RemoteStatus
    ) -> bool:
        """Store the receipt and mark the report sent in one transaction; False if not ours to mark."""
        now = utcnow()
        with self._db.transaction() as session:
            row = session.get(ReportRow, report_id)
            if row is not None and row.state == ReportState.SENT.value and row.tracking_id == tracking_id:
                # Another process's status pull marked it sent first; keep the receipt's time.
                row.received_at = row.received_at or received_at
                return False
            if row is None or row.state != ReportState.QUEUED.value:
                return False
            check_transition(ReportState.QUEUED, ReportState.SENT)
            row.state = ReportState.SENT.value
            row.tracking_id = tracking_id
            row.received_at = received_at
            row.remote_status = status.value
            row.fix_messages = None
            row.fix_summary = None
            row.last_error = None
            row.next_attempt_at = None
            self._clear_claim(row)
            row.updated_at = now
            session.add(
                StatusHistoryRow(
                    report_id=row.id, status=status.value, first_seen_at=now, updated_at=received_at
                )
            )
            self._audit(session, row, "sent", ReportState.QUEUED, ReportState.SENT, tracking_id, at=now)
            return True

    def mark_needs_fix(self, report_id: int, *, messages: dict[str, str], summary: str) -> bool:
        now = utcnow()
        with self._db.transaction() as session:
            row = session.get(ReportRow, report_id)
            if row is None or row.state != ReportState.QUEUED.value:
                return False
            row.state = ReportState.NEEDS_FIX.value
            row.fix_messages = json.dumps(messages, ensure_ascii=False)
            row.fix_summary = summary
            row.next_attempt_at = None
            self._clear_claim(row)
            row.updated_at = now
            self._audit(
                session, row, "rejected_by_server", ReportState.QUEUED, ReportState.NEEDS_FIX, summary
            )
            return True

    def postpone(self, report_ids: Iterable[int], *, until: dt.datetime, error: str) -> None:
        """A transient failure: try these again after `until`; nothing else changes."""
        ids = list(report_ids)
        with self._db.transaction() as session:
            session.execute(
                update(ReportRow)
                .where(ReportRow.id.in_(ids), ReportRow.state == ReportState.QUEUED.value)
                .values(
                    next_attempt_at=until,
                    last_error=error,
                    claim_owner=None,
                    claim_pid=None,
                    claim_expires_at=None,
                )
                .execution_options(synchronize_session=False)
            )

    # -- remote status -----------------------------------------------------------------

    def apply_remote(self, updates: Iterable[RemoteUpdate], *, cursor_key: str, cursor: str) -> int:
        """Apply one page of changes and move the cursor in the same transaction; returns reports changed."""
        now = utcnow()
        changed = 0
        with self._db.transaction() as session:
            for item in updates:
                row = session.scalar(select(ReportRow).where(ReportRow.client_id == item.client_id))
                if row is None:
                    row = session.scalar(select(ReportRow).where(ReportRow.tracking_id == item.tracking_id))
                if row is None:
                    continue  # sent from another machine with the same token: not ours to show
                if self._apply_one(session, row, item, now):
                    changed += 1
            self._put(session, cursor_key, cursor)
        return changed

    def _apply_one(self, session: Session, row: ReportRow, item: RemoteUpdate, now: dt.datetime) -> bool:
        touched = False
        if row.state == ReportState.QUEUED.value:
            # The server has it although we never heard the receipt (e.g. sent through the kecamatan).
            row.state = ReportState.SENT.value
            self._clear_claim(row)
            self._audit(session, row, "sent", ReportState.QUEUED, ReportState.SENT, item.tracking_id)
            touched = True
        if row.tracking_id is None:
            row.tracking_id = item.tracking_id
            touched = True
        if row.remote_status != item.status.value:
            row.remote_status = item.status.value
            session.add(
                StatusHistoryRow(
                    report_id=row.id, status=item.status.value, first_seen_at=now, updated_at=item.updated_at
                )
            )
            touched = True
        known = set(
            session.scalars(
                select(AgencyResponseRow.response_id).where(AgencyResponseRow.report_id == row.id)
            )
        )
        for response in item.responses:
            if response.id not in known:
                session.add(
                    AgencyResponseRow(
                        report_id=row.id,
                        response_id=response.id,
                        at=response.at,
                        author=response.author,
                        text=response.text,
                    )
                )
                touched = True
        if touched:
            row.updated_at = now
        return touched

    # -- small state -----------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        with self._db.transaction() as session:
            row = session.get(SyncStateRow, key)
            return None if row is None else row.value

    def set_state(self, key: str, value: str | None) -> None:
        with self._db.transaction() as session:
            if value is None:
                row = session.get(SyncStateRow, key)
                if row is not None:
                    session.delete(row)
            else:
                self._put(session, key, value)

    @staticmethod
    def _put(session: Session, key: str, value: str) -> None:
        row = session.get(SyncStateRow, key)
        if row is None:
            session.add(SyncStateRow(key=key, value=value))
        else:
            row.value = value

    def counts(self) -> dict[ReportState, int]:
        with self._db.transaction() as session:
            found = dict(
                session.execute(select(ReportRow.state, func.count()).group_by(ReportRow.state)).all()
            )
        return {state: int(found.get(state.value, 0)) for state in ReportState}

    def due_later(self, now: dt.datetime | None = None) -> dt.datetime | None:
        """When the earliest postponed report becomes due, if any is waiting."""
        now = now or utcnow()
        with self._db.transaction() as session:
            return session.scalar(
                select(func.min(ReportRow.next_attempt_at)).where(
                    and_(ReportRow.state == ReportState.QUEUED.value, ReportRow.next_attempt_at > now)
                )
            )

    # -- internals -----------------------------------------------------------------

    @staticmethod
    def _clear_claim(row: ReportRow) -> None:
        row.claim_owner = None
        row.claim_pid = None
        row.claim_expires_at = None

    @staticmethod
    def _audit(
        session: Session,
        row: ReportRow,
        action: str,
        from_state: ReportState,
        to_state: ReportState,
        detail: str,
        *,
        at: dt.datetime | None = None,
    ) -> None:
        # `at` lets a receipt's audit entry and its first status share one instant,
        # so the timeline shows "sent" before "status: pending verification".
        record_audit(session, row, SYNC_OPERATOR, action, from_state, to_state, detail, at=at)
