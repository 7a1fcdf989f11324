"""The audit trail: one row per state change or edit, with time and operator."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from lapor_desktop.domain import ReportState
from lapor_desktop.storage.schema import AuditRow, ReportRow
from lapor_desktop.timestamps import utcnow


def record_audit(
    session: Session,
    row: ReportRow,
    operator: str,
    action: str,
    before: ReportState | None,
    after: ReportState | None,
    detail: str | None = None,
    *,
    at: dt.datetime | None = None,
) -> None:
    """Add the entry to the caller's transaction, so it commits or rolls back with the change."""
    session.add(
        AuditRow(
            report_id=row.id,
            at=at or utcnow(),
            operator=operator,
            action=action,
            from_state=before.value if before else None,
            to_state=after.value if after else None,
            detail=detail,
        )
    )
