"""The outbox's side of storage: claiming queued reports and recording what the server said.

Every method is one transaction. Claims keep two processes (the GUI and a
CLI run, or two windows) from sending the same report at the same time; a
claim dies with its process or when its lease runs out.

The per-batch paths (claiming, storing a batch's receipts, applying a page
of the status pull) read and write with Core or plain sqlite3 statements (on
the session's connection, in its transaction) over a bounded set of rows:
their cost per report stays flat however long the queue is.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import uuid
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain import (
    AttachmentRef,
    RemoteReportState,
    RemoteStatus,
    Report,
    ReportState,
)
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.mapping import PLAIN_REPORT_COLUMNS, plain_row, report_of
from lapor_desktop.reports.remote_status import RemoteFacts, brings_news, merge_remote, only_assignment_news
from lapor_desktop.storage.database import Database, driver_connection
from lapor_desktop.storage.schema import (
    ReplyRow,
    ReportRow,
    SyncStateRow,
)
from lapor_desktop.support.processes import is_alive
from lapor_desktop.timestamps import from_text, to_text, utcnow

CLAIM_LEASE = dt.timedelta(minutes=10)
SYNC_OPERATOR = "sinkronisasi"


@dataclass(frozen=True)
class SentReceipt:
    """The server's receipt for one of our reports."""

    report_id: int
    tracking_id: str
    received_at: dt.datetime
    status: RemoteStatus


@dataclass(frozen=True)
class SentBatch:
    """What storing a batch's receipts did: the reports marked sent now, and the next batch claimed."""

    marked: list[int]
    claimed: list[Report]


class ClaimOf(Protocol):
    """A report's claim columns: an ORM `ReportRow` or a claim's `_Candidate`."""

    @property
    def claim_owner(self) -> str | None: ...
    @property
    def claim_pid(self) -> int | None: ...
    @property
    def claim_expires_at(self) -> dt.datetime | None: ...


def is_unclaimed(row: ClaimOf, now: dt.datetime) -> bool:
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
        """Take up to `limit` queued reports that are due and not held by a live process, oldest first.

        A report without attachments goes on the wire straight after its claim,
        so its attempt is noted (see `note_attempt`) in the claim's own
        transaction: one commit fewer per batch. Should the pass stop before
        that request (another report's upload gave up, the process died), the
        report merely counts as possibly sent until a pass sends it: the safe side.
        """
        now = now or utcnow()
        with self._db.transaction() as session:
            return self._claim(session, limit, now)

    def _claim(self, session: Session, limit: int, now: dt.datetime) -> list[Report]:
        rows = self._claimable(session, limit, now)
        if not rows:
            return []
        ids = [row.id for row in rows]
        driver_connection(session).execute(
            f"UPDATE reports SET claim_owner = ?, claim_pid = ?, claim_expires_at = ? WHERE id IN ({_marks(ids)})",
            [self.owner, os.getpid(), to_text(now + CLAIM_LEASE), *ids],
        )
        attachments = _attachments_of(session, ids)
        self._note(session, [i for i in ids if i not in attachments], now)
        return [report_of(plain_row(row.report), attachments=attachments.get(row.id, ())) for row in rows]

    def _claimable(self, session: Session, limit: int, now: dt.datetime) -> list[_Candidate]:
        """The first `limit` claimable reports, read `limit` candidates at a time.

        Walks `ix_reports_state_id` from the oldest queued report; it reads past
        only reports that are not due or held by another live process, so a
        claim costs the same with 50 or 50,000 queued.
        """
        connection = driver_connection(session)
        found: list[_Candidate] = []
        after = 0
        while len(found) < limit:
            candidates = [
                _Candidate(raw[3], raw[0], raw[1], None if raw[2] is None else from_text(raw[2]), raw[3:])
                for raw in connection.execute(
                    _CLAIMABLE, (ReportState.QUEUED.value, after, to_text(now), self.owner, limit)
                )
            ]
            found.extend(row for row in candidates if is_unclaimed(row, now))
            if len(candidates) < limit:
                break
            after = candidates[-1].id
        return found[:limit]

    def release_all(self) -> None:
        """Give back every claim this process holds (end of a pass)."""
        with self._db.transaction() as session:
            release_claims(session, ReportRow, self.owner)

    # -- outcomes ------------------------------------------------------------------

    def note_attempt(self, report_ids: Iterable[int]) -> None:
        """Record that these reports are about to go on the wire.

        From now on the server may hold them, so their content must not change:
        `ReportService.unqueue` refuses them, and the desa does not hand them to
        the kecamatan. (`claim` already noted those without attachments.)
        """
        ids = list(report_ids)
        if not ids:
            return
        with self._db.transaction() as session:
            self._note(session, ids, utcnow())

    def _note(self, session: Session, ids: list[int], now: dt.datetime) -> None:
        if ids:
            driver_connection(session).execute(
                "UPDATE reports SET send_attempts = send_attempts + 1, "
                "first_attempt_at = coalesce(first_attempt_at, ?) "
                f"WHERE claim_owner = ? AND id IN ({_marks(ids)})",
                [to_text(now), self.owner, *ids],
            )

    def mark_sent(
        self, report_id: int, *, tracking_id: str, received_at: dt.datetime, status: RemoteStatus
    ) -> bool:
        """Store one receipt (see `mark_all_sent`); False if the report was not ours to mark."""
        return bool(self.mark_all_sent([SentReceipt(report_id, tracking_id, received_at, status)]).marked)

    def mark_all_sent(self, receipts: Sequence[SentReceipt], *, claim_next: int = 0) -> SentBatch:
        """Store a batch's receipts and mark those reports sent, all in one transaction.

        A report no longer queued is left as it is, except that one another
        process's status pull marked sent first keeps this receipt's time.
        `claim_next` claims that many more reports (see `claim`) in the same
        transaction: a pass then commits once per batch.
        """
        by_id = {receipt.report_id: receipt for receipt in receipts}
        if not by_id and not claim_next:
            return SentBatch([], [])
        now = utcnow()
        with self._db.transaction() as session:
            marked = self._mark_sent(session, by_id, now) if by_id else []
            claimed = self._claim(session, claim_next, now) if claim_next else []
        return SentBatch(marked, claimed)

    def _mark_sent(self, session: Session, by_id: dict[int, SentReceipt], now: dt.datetime) -> list[int]:
        connection = driver_connection(session)
        rows = [
            _Receiving(*found)
            for found in connection.execute(
                f"SELECT id, state, tracking_id, received_at IS NULL FROM reports "
                f"WHERE id IN ({_marks(by_id)}) ORDER BY id",
                list(by_id),
            )
        ]
        queued = [row for row in rows if row.state == ReportState.QUEUED.value]
        pulled_first = [
            (to_text(by_id[row.id].received_at), row.id)
            for row in rows
            if row.state == ReportState.SENT.value
            and row.tracking_id == by_id[row.id].tracking_id
            and row.unreceived
        ]
        if pulled_first:
            connection.executemany(_SET_RECEIVED_AT, pulled_first)
        if not queued:
            return []
        receipts = [by_id[row.id] for row in queued]
        # `at` lets each receipt's audit entry and its first status share one instant,
        # so the timeline shows "sent" before "status: pending verification".
        lifecycle.move_many(
            session,
            queued,
            ReportState.SENT,
            action="sent",
            operator=SYNC_OPERATOR,
            at=now,
            details=[receipt.tracking_id for receipt in receipts],
            changes=[
                {
                    "tracking_id": receipt.tracking_id,
                    "received_at": receipt.received_at,
                    "remote_status": receipt.status.value,
                }
                for receipt in receipts
            ],
            set_all=_SENT_CLEARS,
        )
        first_seen = to_text(now)
        connection.executemany(
            _INSERT_STATUS,
            [
                (receipt.report_id, receipt.status.value, first_seen, to_text(receipt.received_at))
                for receipt in receipts
            ],
        )
        return [receipt.report_id for receipt in receipts]

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
        with self._db.transaction() as session:
            postpone_queued(
                session,
                ReportRow,
                list(report_ids),
                queued=ReportState.QUEUED.value,
                until=until,
                error=error,
            )

    # -- remote status -----------------------------------------------------------------

    def apply_remote(self, updates: Iterable[RemoteReportState], *, cursor_key: str, cursor: str) -> int:
        """Apply one page of changes and move the cursor in the same transaction; returns reports changed.

        The page's reports and their known responses are read in three queries;
        only a report the page brings news about is loaded and merged.
        """
        items = list(updates)
        now = utcnow()
        changed = 0
        assignments: list[tuple[object, ...]] = []
        stamp = to_text(now)
        with self._db.transaction() as session:
            by_client, by_tracking = self._page_rows(session, items)
            known = self._known_responses(
                session, [row.id for row in (*by_client.values(), *by_tracking.values())]
            )
            for item in items:
                row = by_client.get(item.client_id) or by_tracking.get(item.tracking_id)
                if row is None:
                    continue  # sent from another machine with the same token: not ours to show
                facts = _facts_of(item)
                if not brings_news(
                    facts,
                    state=row.state,
                    tracking_id=row.tracking_id,
                    remote_status=row.remote_status,
                    known_responses=known.get(row.id, set()),
                    agency_code=row.handling_agency_code,
                    due_at=row.due_at,
                ):
                    continue
                if only_assignment_news(
                    facts,
                    state=row.state,
                    tracking_id=row.tracking_id,
                    remote_status=row.remote_status,
                    known_responses=known.get(row.id, set()),
                ):
                    assignments.append(_assignment(row.id, facts, stamp))
                    changed += 1
                    continue
                stored = session.get(ReportRow, row.id)
                assert stored is not None  # read in this same transaction
                if self._apply_one(session, stored, facts, now):
                    changed += 1
            if assignments:
                driver_connection(session).executemany(_SET_ASSIGNMENT, assignments)
            self._put(session, cursor_key, cursor)
        return changed

    @staticmethod
    def _page_rows(
        session: Session, items: list[RemoteReportState]
    ) -> tuple[dict[str, _PageRow], dict[str, _PageRow]]:
        """The page's local reports by client id, and by tracking id those not found so."""
        connection = driver_connection(session)
        client_ids = list({item.client_id for item in items})
        by_client = {
            row.client_id: row
            for row in map(_PageRow.of, connection.execute(_PAGE_ROWS_BY_CLIENT(len(client_ids)), client_ids))
        }
        orphans = list({item.tracking_id for item in items if item.client_id not in by_client})
        by_tracking = (
            {
                row.tracking_id: row
                for row in map(_PageRow.of, connection.execute(_PAGE_ROWS_BY_TRACKING(len(orphans)), orphans))
            }
            if orphans
            else {}
        )
        return by_client, by_tracking

    @staticmethod
    def _known_responses(session: Session, report_ids: list[int]) -> dict[int, set[str]]:
        known: dict[int, set[str]] = {}
        if report_ids:
            for report_id, response_id in driver_connection(session).execute(
                "SELECT report_id, response_id FROM agency_responses "
                f"WHERE report_id IN ({_marks(report_ids)})",
                report_ids,
            ):
                known.setdefault(report_id, set()).add(response_id)
        return known

    def _apply_one(self, session: Session, row: ReportRow, facts: RemoteFacts, now: dt.datetime) -> bool:
        was_queued = row.state == ReportState.QUEUED.value
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


def release_claims(session: Session, rows: type[ReportRow | ReplyRow], owner: str) -> None:
    """Give back every claim `owner` holds on this outbox table (reports or replies)."""
    session.execute(update(rows).where(rows.claim_owner == owner).values(_NO_CLAIM))


def postpone_queued(
    session: Session,
    rows: type[ReportRow | ReplyRow],
    ids: list[int],
    *,
    queued: str,
    until: dt.datetime,
    error: str,
) -> None:
    """These items of an outbox table, if still `queued`, wait until `until` with `error`, unclaimed."""
    if ids:
        session.execute(
            update(rows)
            .where(rows.id.in_(ids), rows.state == queued)
            .values(next_attempt_at=until, last_error=error, **_NO_CLAIM)
            .execution_options(synchronize_session=False)
        )


_NO_CLAIM: dict[str, Any] = {"claim_owner": None, "claim_pid": None, "claim_expires_at": None}


class _Candidate(NamedTuple):
    """A queued report a claim may take: its claim (a `ClaimOf`), and its `PLAIN_REPORT_COLUMNS` as read."""

    id: int
    claim_owner: str | None
    claim_pid: int | None
    claim_expires_at: dt.datetime | None
    report: tuple[Any, ...]


# The next claimable reports after an id (see `_claimable`): timestamps compare as the text they are stored as.
_CLAIMABLE = (
    f"SELECT claim_owner, claim_pid, claim_expires_at, {PLAIN_REPORT_COLUMNS} FROM reports "
    "WHERE state = ? AND id > ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
    "AND (claim_owner IS NULL OR claim_owner != ?) ORDER BY id LIMIT ?"
)


class _Receiving(NamedTuple):
    """A report a batch's receipt is for, as `_mark_sent` reads it (a `lifecycle.StateOf`)."""

    id: int
    state: str
    tracking_id: str | None
    unreceived: bool


class _PageRow(NamedTuple):
    """A report as a status pull's page reads it (a `lifecycle.StateOf`)."""

    id: int
    client_id: str
    state: str
    tracking_id: str | None
    remote_status: str | None
    handling_agency_code: str | None
    due_at: dt.datetime | None

    @classmethod
    def of(cls, raw: tuple[Any, ...]) -> _PageRow:
        return cls(*raw[:6], None if raw[6] is None else from_text(raw[6]))


def _page_rows_where(column: str) -> Callable[[int], str]:
    @functools.cache
    def statement(count: int) -> str:
        return (
            "SELECT id, client_id, state, tracking_id, remote_status, handling_agency_code, due_at "
            f"FROM reports WHERE {column} IN ({', '.join('?' * count)})"
        )

    return statement


# A pull page's reports (see `_page_rows`), by the page's client ids or tracking ids.
_PAGE_ROWS_BY_CLIENT = _page_rows_where("client_id")
_PAGE_ROWS_BY_TRACKING = _page_rows_where("tracking_id")


def _marks(values: Sized) -> str:
    """The placeholders of an `IN (...)` for these values."""
    return ", ".join("?" * len(values))


def _attachments_of(session: Session, report_ids: list[int]) -> dict[int, tuple[AttachmentRef, ...]]:
    found: dict[int, list[AttachmentRef]] = {}
    for report_id, sha256, filename, content_type, size in driver_connection(session).execute(
        "SELECT links.report_id, links.sha256, links.filename, blobs.content_type, blobs.size "
        "FROM report_attachments AS links JOIN attachments AS blobs ON blobs.sha256 = links.sha256 "
        f"WHERE links.report_id IN ({_marks(report_ids)}) ORDER BY links.report_id, links.position",
        report_ids,
    ):
        found.setdefault(report_id, []).append(
            AttachmentRef(sha256=sha256, filename=filename, content_type=content_type, size=size)
        )
    return {report_id: tuple(refs) for report_id, refs in found.items()}


def _facts_of(item: RemoteReportState) -> RemoteFacts:
    return RemoteFacts(
        tracking_id=item.tracking_id,
        status=item.status,
        status_updated_at=item.updated_at,
        responses=item.responses,
        agency=item.agency,
        due_at=item.due_at,
    )


def _assignment(report_id: int, facts: RemoteFacts, now: str) -> tuple[object, ...]:
    """`_SET_ASSIGNMENT`'s values for one report; `now` as `timestamps.to_text` writes it."""
    return (
        facts.agency.code if facts.agency else None,
        facts.agency.name if facts.agency else None,
        None if facts.due_at is None else to_text(facts.due_at),
        now,
        report_id,
    )


# The handling agency and due date of a page's reports (see `only_assignment_news`).
_SET_ASSIGNMENT = (
    "UPDATE reports SET handling_agency_code = ?, handling_agency_name = ?, due_at = ?, updated_at = ? "
    "WHERE id = ?"
)
# A receipt for a report another process's status pull marked sent first: keep the receipt's time.
# Plain SQL (timestamps as `timestamps.to_text`, as the schema's type stores them), like the lifecycle's
# batch moves: this path runs once per batch of 50 receipts.
_SET_RECEIVED_AT = "UPDATE reports SET received_at = ? WHERE id = ? AND received_at IS NULL"
_INSERT_STATUS = (
    "INSERT INTO remote_status_history (report_id, status, first_seen_at, updated_at) VALUES (?, ?, ?, ?)"
)
# A sent report needs no fix, no retry and no claim.
_SENT_CLEARS: dict[str, object] = dict.fromkeys(
    (
        "fix_messages",
        "fix_summary",
        "last_error",
        "next_attempt_at",
        "claim_owner",
        "claim_pid",
        "claim_expires_at",
    ),
    None,
)
