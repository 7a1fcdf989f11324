"""The one way a report's lifecycle state is written: a new report, or a move to another state.

Every state change goes through `move`: it checks the move against the
domain's table (`domain.TRANSITIONS`), sets the state and `updated_at`, and
writes the audit entry, all in the caller's transaction, so the change and
its record commit or roll back together. A report comes into being only
through `insert`. `tests/core/test_lifecycle.py` fails if any other module
writes a report's state.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Mapping

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


def check(row: ReportRow, to: ReportState) -> ReportState:
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
