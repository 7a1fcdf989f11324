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
from collections.abc import Mapping

from sqlalchemy import insert as sql_insert
from sqlalchemy.orm import Session

from lapor_desktop.domain import ReportState, check_transition
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.storage.schema import AuditRow, ReportRow
from lapor_desktop.timestamps import utcnow

# Statements built once: SQLAlchemy then reuses their compiled form.
_INSERT_REPORT = sql_insert(ReportRow.__table__).returning(ReportRow.__table__.c.id)
_INSERT_AUDIT = sql_insert(AuditRow.__table__)


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
