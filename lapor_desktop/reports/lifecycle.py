"""The one way a report's lifecycle state is written: a new report, or a move to another state.

Every state change goes through `move` (one report, on its ORM row) or
`move_many` (a batch, in two Core statements): each checks every move against
the domain's table (`domain.TRANSITIONS`), sets the state and `updated_at`,
and writes one audit entry per report, all in the caller's transaction, so
the change and its record commit or roll back together. A report comes into
being only through `insert`. `tests/core/test_lifecycle.py` fails if any other module
writes a report's state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Protocol

from sqlalchemy import bindparam
from sqlalchemy import insert as sql_insert
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from lapor_desktop.domain import ReportState, check_transition
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.storage.schema import AuditRow, ReportRow
from lapor_desktop.timestamps import utcnow

# Statements built once: SQLAlchemy then reuses their compiled form.
_INSERT_REPORT = sql_insert(ReportRow.__table__).returning(ReportRow.__table__.c.id)
_INSERT_AUDIT = sql_insert(AuditRow.__table__)


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
    neither may hold `state` or `updated_at`. Core statements, one UPDATE and
    one INSERT for the batch: the outbox stores 50 receipts at a time and the
    unit of work's cost per row would dominate.
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
    before = [check(row, to) for row in rows]
    at = at or utcnow()
    reports = ReportRow.__table__
    statement = (
        sql_update(ReportRow.__table__)
        .where(reports.c.id == bindparam("_id"), reports.c.state == bindparam("_from"))
        .values(state=to.value, updated_at=at, **set_all, **{key: bindparam(key) for key in sorted(keys)})
    )
    connection = session.connection()
    result = connection.execute(
        statement,
        [
            {"_id": row.id, "_from": current.value, **extra}
            for row, current, extra in zip(rows, before, changes, strict=True)
        ],
    )
    if result.rowcount != len(rows):
        # Another writer cannot get in (the caller holds the write lock): a caller's bug.
        raise RuntimeError("a report's state changed between reading and moving it")
    connection.execute(
        _INSERT_AUDIT.values(at=at, operator=operator, action=action, to_state=to.value),
        [
            {"report_id": row.id, "from_state": current.value, "detail": detail}
            for row, current, detail in zip(rows, before, details, strict=True)
        ],
    )


def insert(
    session: Session,
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
    Core statements rather than the unit of work: recording happens while the
    citizen waits, and this path is measured against a raw INSERT.
    """
    if "state" in columns or "updated_at" in columns:
        raise ValueError("a new report's state and updated_at are set by the lifecycle")
    moves: list[tuple[str, ReportState | None, ReportState, str | None]] = [
        (action, None, ReportState.DRAFT, detail)
    ]
    if queue:
        check_transition(ReportState.DRAFT, ReportState.QUEUED, tracking_id=None)
        moves.append(("queued", ReportState.DRAFT, ReportState.QUEUED, None))
    connection = session.connection()
    report_id: int = connection.execute(
        _INSERT_REPORT, {**columns, "state": moves[-1][2].value, "updated_at": at}
    ).scalar_one()
    connection.execute(
        _INSERT_AUDIT,
        [
            {
                "report_id": report_id,
                "at": at,
                "operator": operator,
                "action": move_action,
                "from_state": before.value if before else None,
                "to_state": after.value,
                "detail": move_detail,
            }
            for move_action, before, after, move_detail in moves
        ],
    )
    return report_id
