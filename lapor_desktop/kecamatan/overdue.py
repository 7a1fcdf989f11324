"""Which sent reports LAPOR! or an agency has left waiting too long.

The service standard: LAPOR! verifies a report within 3 working days of
receiving it, and the agency follows up within 5 working days of
verification. A report is overdue when its remote status has not moved past
the step in time: still `pending_verification` after 3 working days, or still
`verified` after 5. Working days skip Saturdays, Sundays and the national
holidays and cuti bersama listed in ``resources/holidays.json``; the day the
status was reached does not count, and a report is overdue from the day after
its last allowed working day. Days are the office's calendar days (local time).

Reads use the stdlib sqlite3 driver, like `queries`: the dashboard calls this
on the UI thread.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lapor_desktop.domain import RemoteStatus
from lapor_desktop.resources import resource_path
from lapor_desktop.storage.pragmas import connect
from lapor_desktop.timestamps import from_text

VERIFY_WITHIN = 3
FOLLOW_UP_WITHIN = 5
RULES: dict[RemoteStatus, tuple[int, str]] = {
    RemoteStatus.PENDING_VERIFICATION: (VERIFY_WITHIN, "verifikasi"),
    RemoteStatus.VERIFIED: (FOLLOW_UP_WITHIN, "tindak_lanjut"),
}
RULE_LABELS = {
    "verifikasi": "Belum diverifikasi LAPOR! (batas 3 hari kerja)",
    "tindak_lanjut": "Belum ditindaklanjuti instansi (batas 5 hari kerja)",
}


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[dt.date]
    covered_years: frozenset[int] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The `n`-th working day after `start` (`start` itself never counts)."""
        day = start
        counted = 0
        while counted < n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when `end` <= `start`)."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def load_calendar(path: Path | None = None) -> WorkingCalendar:
    return _load_calendar(str(path or resource_path("holidays.json")))


@lru_cache(maxsize=4)
def _load_calendar(path: str) -> WorkingCalendar:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    days = frozenset(
        dt.date.fromisoformat(entry["date"]) for year in raw["years"].values() for entry in year["days"]
    )
    return WorkingCalendar(days, frozenset(int(y) for y in raw["years"]))


@dataclass(frozen=True)
class Deadline:
    rule: str
    since: dt.date
    due: dt.date

    def overdue_on(self, today: dt.date) -> bool:
        return today > self.due


def deadline(
    status: RemoteStatus, since: dt.date, calendar: WorkingCalendar | None = None
) -> Deadline | None:
    """The last working day allowed for leaving `status` reached on `since`; None if no rule applies."""
    rule = RULES.get(status)
    if rule is None:
        return None
    days, name = rule
    return Deadline(name, since, (calendar or load_calendar()).add_working_days(since, days))


@dataclass(frozen=True)
class OverdueReport:
    report_id: int
    local_ref: str
    title: str
    desa_code: str
    tracking_id: str | None
    status: RemoteStatus
    rule: str
    since: dt.date
    due: dt.date
    late_by: int  # working days past the deadline


_QUERY = """
SELECT r.id, r.local_ref, r.title, r.tracking_id, r.remote_status, r.received_at,
       (SELECT COALESCE(h.updated_at, h.first_seen_at) FROM remote_status_history h
         WHERE h.report_id = r.id AND h.status = r.remote_status ORDER BY h.id DESC LIMIT 1)
FROM reports r
WHERE r.state = 'sent' AND r.remote_status IN ('pending_verification', 'verified')
ORDER BY r.id
"""


def desa_of(local_ref: str) -> str:
    """The office code a local reference starts with (a desa's code for a desa's report)."""
    return local_ref.split("/", 1)[0]


def overdue_reports(
    source: Path | sqlite3.Connection,
    today: dt.date,
    *,
    calendar: WorkingCalendar | None = None,
    tz: dt.tzinfo | None = None,
) -> list[OverdueReport]:
    """Sent reports past their deadline on `today`, most late first."""
    calendar = calendar or load_calendar()
    connection = connect(str(source)) if isinstance(source, Path) else source
    try:
        rows = connection.execute(_QUERY).fetchall()
    finally:
        if isinstance(source, Path):
            connection.close()
    found: list[OverdueReport] = []
    for report_id, local_ref, title, tracking_id, status_text, received_at, changed_at in rows:
        status = RemoteStatus(status_text)
        stamp = received_at if status is RemoteStatus.PENDING_VERIFICATION and received_at else changed_at
        stamp = stamp or received_at
        if stamp is None:
            continue
        since = from_text(stamp).astimezone(tz).date()
        limit = deadline(status, since, calendar)
        if limit is None or not limit.overdue_on(today):
            continue
        found.append(
            OverdueReport(
                report_id=report_id,
                local_ref=local_ref,
                title=title,
                desa_code=desa_of(local_ref),
                tracking_id=tracking_id,
                status=status,
                rule=limit.rule,
                since=since,
                due=limit.due,
                late_by=calendar.working_days_between(limit.due, today),
            )
        )
    found.sort(key=lambda item: (-item.late_by, item.due, item.report_id))
    return found
