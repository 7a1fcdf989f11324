"""The one way a report's lifecycle state is written: a new report, or a move to another state.

Every state change goes through `move` (one report, on its ORM row) or
`move_many` (a batch, in two plain-SQL statements): each checks every move against
the domain's table (`domain.TRANSITIONS`), sets the state and `updated_at`,
and writes one audit entry per report, all in the caller's transaction, so
the change and its record commit or roll back together. A report comes into
being only through `insert`. `tests/core/test_lifecycle.py` fails if any other module
writes a report's state.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from lapor_desktop.domain import ReportState, check_transition
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.storage.database import driver_connection
from lapor_desktop.storage.schema import ReportRow
from lapor_desktop.timestamps import to_text, utcnow

_REPORT_COLUMNS = frozenset(column.name for column in ReportRow.__table__.columns)
_INSERT_AUDIT = (
    "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state, detail) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


class StateOf(Protocol):
    """What a move is checked against: an ORM `ReportRow`, or a Core row selecting these columns."""

    @property
    def id(self) -> int: ...
    @property
    def state(self) -> str: ...
    @property
    def tracking_id(self) -> str | None: ...


def check(row: StateOf, to: ReportState) -> ReportState:
    """Refuse (`TransitionError`) a move the table does not allow for this report; return its state."""
    current = ReportState(row.state)
    check_transition(current, to, tracking_id=row.tracking_id)
    return current


def move(
    session: Session,
    row: ReportRow,
    to: ReportState,
    *,
    action: str,
    operator: str,
    detail: str | None = None,
    at: dt.datetime | None = None,
) -> ReportState:
    """Move `row` to `to` in the caller's transaction, with its audit entry; return the state it left.

    `at` (default: now) is both the new `updated_at` and the audit entry's time,
    so that a receipt's entry and its first status can share one instant.
    """
    current = check(row, to)
    at = at or utcnow()
    row.state = to.value
    row.updated_at = at
    record_audit(session, row, operator, action, current, to, detail, at=at)
    return current


def move_many(
    session: Session,
    rows: Sequence[StateOf],
    to: ReportState,
    *,
    action: str,
    operator: str,
    at: dt.datetime | None = None,
    details: Sequence[str | None] | None = None,
    changes: Sequence[Mapping[str, object]] | None = None,
    set_all: Mapping[str, object] | None = None,
) -> None:
    """Move every report in `rows` to `to` in the caller's transaction, each with its audit entry.

    `rows` are the reports as read in this transaction (id, state and tracking
    id). Every move is checked before anything is written, so one refused move
    (`TransitionError`) changes nothing. `details[i]` is row i's audit detail;
    `changes[i]` are other columns of row i to set in the same UPDATE (all with
    the same keys), `set_all` columns set to the same value in every row;
    neither may hold `state` or `updated_at`. Values are stored as the schema's
    types store them (see `_stored`). One plain-SQL UPDATE and one INSERT for
    the batch, like `insert`: the outbox stores 50 receipts at a time, and the
    unit of work's (or Core's parameter processing's) cost per row would dominate.
    Whatever the caller added to the session before is flushed first.
    """
    if not rows:
        return
    details = details if details is not None else [None] * len(rows)
    changes = changes if changes is not None else [{}] * len(rows)
    set_all = set_all or {}
    if not len(rows) == len(details) == len(changes):
        raise ValueError("rows, details and changes must have one entry per report")
    if len({row.id for row in rows}) != len(rows):
        raise ValueError("a report may be moved once per batch")
    keys = set(changes[0])
    if {"state", "updated_at", "id"} & (keys | set(set_all)):
        raise ValueError("a move's state and updated_at are set by the lifecycle")
    if any(set(extra) != keys for extra in changes) or keys & set(set_all):
        raise ValueError("every report's changes must set the same columns, and none of set_all")
    unknown = (keys | set(set_all)) - _REPORT_COLUMNS
    if unknown:
        raise ValueError(f"not columns of reports: {sorted(unknown)}")
    before = [check(row, to) for row in rows]
    at = at or utcnow()
    stamp = to_text(at)
    names = tuple(sorted(keys))
    shared = (to.value, stamp, *(_stored(value) for value in set_all.values()))
    if session.new or session.dirty or session.deleted:
        session.flush()
    connection = driver_connection(session)
    cursor = connection.executemany(
        _update_states(tuple(set_all), names),
        [
            (*shared, *(_stored(extra[name]) for name in names), row.id, current.value)
            for row, current, extra in zip(rows, before, changes, strict=True)
        ],
    )
    if cursor.rowcount != len(rows):
        # Another writer cannot get in (the caller holds the write lock): a caller's bug.
        raise RuntimeError("a report's state changed between reading and moving it")
    connection.executemany(
        _INSERT_AUDIT,
        [
            (row.id, stamp, operator, action, current.value, to.value, detail)
            for row, current, detail in zip(rows, before, details, strict=True)
        ],
    )


def insert(
    writer: Session | sqlite3.Connection,
    columns: Mapping[str, object],
    *,
    action: str,
    operator: str,
    at: dt.datetime,
    detail: str | None = None,
    queue: bool = False,
) -> int:
    """Add a new report as a draft (audited as `action`), queued at once when `queue`; return its id.

    `columns` are every column but `state` and `updated_at` (which is `at`).
    `writer` is the caller's transaction: a session, or the connection of
    `Database.write()`. Plain SQL either way, rather than the unit of work or
    Core statements: recording happens while the citizen waits, a paket brings
    a thousand reports at once, and this path is measured against a raw INSERT
    (`bench_storage`). Whatever the caller added to a session before is flushed
    first, so rows keep the order they were made in.
    """
    if "state" in columns or "updated_at" in columns:
        raise ValueError("a new report's state and updated_at are set by the lifecycle")
    unknown = set(columns) - _REPORT_COLUMNS
    if unknown:
        raise ValueError(f"not columns of reports: {sorted(unknown)}")
    moves: list[tuple[str, ReportState | None, ReportState, str | None]] = [
        (action, None, ReportState.DRAFT, detail)
    ]
    if queue:
        check_transition(ReportState.DRAFT, ReportState.QUEUED, tracking_id=None)
        moves.append(("queued", ReportState.DRAFT, ReportState.QUEUED, None))
    if isinstance(writer, sqlite3.Connection):
        connection = writer
    else:
        if writer.new or writer.dirty or writer.deleted:
            writer.flush()
        connection = driver_connection(writer)
    values = {**columns, "state": moves[-1][2].value, "updated_at": at}
    names = tuple(values)
    report_id: int = connection.execute(
        _insert_report(names), [_stored(values[n]) for n in names]
    ).fetchone()[0]
    stamp = to_text(at)
    connection.executemany(
        _INSERT_AUDIT,
        [
            (
                report_id,
                stamp,
                operator,
                move_action,
                before.value if before else None,
                after.value,
                move_detail,
            )
            for move_action, before, after, move_detail in moves
        ],
    )
    return report_id


@functools.cache
def _update_states(set_all: tuple[str, ...], changed: tuple[str, ...]) -> str:
    """`move_many`'s UPDATE: state, updated_at, then these columns (checked against the table)."""
    others = "".join(f", {name} = ?" for name in (*set_all, *changed))
    return f"UPDATE reports SET state = ?, updated_at = ?{others} WHERE id = ? AND state = ?"


@functools.cache
def _insert_report(names: tuple[str, ...]) -> str:
    """The INSERT for these columns (names checked against the table), made once per column set."""
    placeholders = ", ".join("?" * len(names))
    return f"INSERT INTO reports ({', '.join(names)}) VALUES ({placeholders}) RETURNING id"


def _stored(value: object) -> object:
    """A value as the schema's types store it (`storage.schema`: UtcDateTime, IsoDate)."""
    if isinstance(value, dt.datetime):
        return to_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
