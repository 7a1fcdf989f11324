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

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain import AgencyResponse, RemoteStatus, Report, ReportState
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.mapping import report_of
from lapor_desktop.reports.remote_status import RemoteFacts, merge_remote
from lapor_desktop.storage.database import Database
from lapor_desktop.storage.schema import ReportRow, StatusHistoryRow, SyncStateRow
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


def is_unclaimed(row: ReportRow, now: dt.datetime) -> bool:
    """No live process holds a claim on `row`: none was taken, its lease ran out, or its process died."""
    if row.claim_owner is None:
        return True
    if row.claim_expires_at is not None and row.claim_expires_at < now:
        return True
    return row.claim_pid is None or not is_alive(row.claim_pid)


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
                if not is_unclaimed(row, now):
                    continue
                row.claim_owner = self.owner
                row.claim_pid = os.getpid()
                row.claim_expires_at = now + CLAIM_LEASE
                claimed.append(row)
                if len(claimed) == limit:
                    break
            return [report_of(row) for row in claimed]

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
            # `at` lets the receipt's audit entry and its first status share one instant,
            # so the timeline shows "sent" before "status: pending verification".
            lifecycle.move(
                session,
                row,
                ReportState.SENT,
                action="sent",
                operator=SYNC_OPERATOR,
                detail=tracking_id,
                at=now,
            )
            row.tracking_id = tracking_id
            row.received_at = received_at
            row.remote_status = status.value
            row.fix_messages = None
            row.fix_summary = None
            row.last_error = None
            row.next_attempt_at = None
            self._clear_claim(row)
            session.add(
                StatusHistoryRow(
                    report_id=row.id, status=status.value, first_seen_at=now, updated_at=received_at
                )
            )
            return True

    def mark_needs_fix(self, report_id: int, *, messages: dict[str, str], summary: str) -> bool:
        now = utcnow()
        with self._db.transaction() as session:
            row = session.get(ReportRow, report_id)
            if row is None or row.state != ReportState.QUEUED.value:
                return False
            lifecycle.move(
                session,
                row,
                ReportState.NEEDS_FIX,
                action="rejected_by_server",
                operator=SYNC_OPERATOR,
                detail=summary,
                at=now,
            )
            row.fix_messages = json.dumps(messages, ensure_ascii=False)
            row.fix_summary = summary
            row.next_attempt_at = None
            self._clear_claim(row)
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
        was_queued = row.state == ReportState.QUEUED.value
        facts = RemoteFacts(
            tracking_id=item.tracking_id,
            status=item.status,
            status_updated_at=item.updated_at,
            responses=item.responses,
        )
        touched = merge_remote(session, row, facts, operator=SYNC_OPERATOR, now=now)
        if was_queued:
            # The server has it although we never heard the receipt (e.g. sent through the kecamatan).
            self._clear_claim(row)
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

    # -- internals -----------------------------------------------------------------

    @staticmethod
    def _clear_claim(row: ReportRow) -> None:
        row.claim_owner = None
        row.claim_pid = None
        row.claim_expires_at = None
