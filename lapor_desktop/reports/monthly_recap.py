"""A desa's month on paper: how many reports, where they stand, by category, the list, and what is late.

The figures are the dashboard's and the overdue rule's (`kecamatan.dashboard`,
`kecamatan.overdue`), so the desa's recap and the camat's count the same way.
Months are the office's calendar months (its own zone, not the PC's).
Of the month's reports it also counts those LAPOR! has put on hold
(*Ditunda*) and, of those, the ones whose question no reply of the citizen
has answered yet: the citizens the desa still has to reach.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from lapor_desktop.domain import RemoteStatus
from lapor_desktop.kecamatan.dashboard import Dashboard, load_dashboard, month_range
from lapor_desktop.kecamatan.overdue import OverdueReport, overdue_reports
from lapor_desktop.offices.timezone import OfficeZone
from lapor_desktop.reports.exports import iter_rows
from lapor_desktop.reports.list_details import RowDetails, awaiting_reply_ids, row_details
from lapor_desktop.reports.queries import ListRow, ReportFilter


@dataclass(frozen=True)
class MonthlyRecap:
    year: int
    month: int
    board: Dashboard
    rows: list[ListRow]  # the month's reports, oldest first
    overdue: list[OverdueReport]  # of those, the ones past a service deadline today
    # Of those, the ids of the ones whose question waits for the citizen.
    awaiting_reply: frozenset[int] = frozenset()
    details: dict[int, RowDetails] = field(default_factory=dict)  # agencies and due date, by id

    @property
    def sent(self) -> int:
        return sum(1 for row in self.rows if row.tracking_id)

    @property
    def on_hold(self) -> int:
        return sum(1 for row in self.rows if row.remote_status is RemoteStatus.ON_HOLD)


def monthly_recap(db_path: Path, year: int, month: int, *, zone: OfficeZone, today: dt.date) -> MonthlyRecap:
    period = month_range(year, month)
    assert period.recorded_from is not None and period.recorded_to is not None
    # The list filter counts days on the PC's clock: ask a day wider, keep the office's days.
    wider = ReportFilter(
        recorded_from=period.recorded_from - dt.timedelta(days=1),
        recorded_to=period.recorded_to + dt.timedelta(days=1),
    )
    rows = [
        row
        for row in iter_rows(db_path, wider)
        if period.recorded_from <= zone.local(row.recorded_at).date() <= period.recorded_to
    ]
    ids = {row.id for row in rows}
    ordered = [row.id for row in rows]
    late = [item for item in overdue_reports(db_path, today, tz=zone.tz) if item.report_id in ids]
    board = load_dashboard(db_path, period, tz=zone.tz)
    return MonthlyRecap(
        year, month, board, rows, late, awaiting_reply_ids(db_path, ordered), row_details(db_path, ordered)
    )
