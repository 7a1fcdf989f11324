"""When the current step of a report is due (`due_at`), and until when a completed report takes replies.

SP4N-LAPOR!'s service standard, the same rule the kecamatan's overdue list
applies (`lapor_desktop.kecamatan.overdue`): LAPOR! verifies within 3 working
days, the agency answers within 5. Working days skip weekends and the
holidays in `resources/holidays.json`; the day a step starts does not count,
and a step is due at the end of its last working day in the kabupaten's own
time zone (WIB for Lampung Selatan). So a report received on a Friday
morning is due on Wednesday at 23:59:59 WIB, `...T16:59:59Z`.

Steps with a deadline:
- `pending_verification`: LAPOR! verifies; the step starts when the report
  arrives or when the reporter's reply takes it back off hold.
- `verified`: the agency answers; the step starts when LAPOR! verifies or
  passes the report on to another agency.
`on_hold` waits for the reporter, and `in_progress`, `completed`, `rejected`
and `archived` have no deadline: `due_at` is null.

A reporter may reply to a completed report through the 10th working day after
its completion; later it is `report_closed`, as a rejected or archived one
always is.
"""

from __future__ import annotations

import datetime as dt

from lapor_desktop.kecamatan.overdue import FOLLOW_UP_WITHIN, VERIFY_WITHIN, WorkingCalendar, load_calendar

from .http_io import rfc3339
from .reference import Region

STEP_DAYS = {"pending_verification": VERIFY_WITHIN, "verified": FOLLOW_UP_WITHIN}
REPLY_WINDOW_DAYS = 10
CLOSED_STATUSES = ("rejected", "archived")
END_OF_DAY = dt.time(23, 59, 59)


def parse_stamp(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def local_day(stamp: str, region: Region) -> dt.date:
    return parse_stamp(stamp).astimezone(region.zone).date()


def end_of_day(day: dt.date, region: Region) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=region.zone)


class Deadlines:
    def __init__(self, calendar: WorkingCalendar | None = None) -> None:
        self.calendar = calendar or load_calendar()

    def due_at(self, status: str, step_started_at: str, region: Region) -> str | None:
        days = STEP_DAYS.get(status)
        if days is None or not step_started_at:
            return None
        due = self.calendar.add_working_days(local_day(step_started_at, region), days)
        return rfc3339(end_of_day(due, region))

    def replies_until(self, completed_at: str, region: Region) -> dt.datetime:
        """The last moment a completed report takes a reply."""
        last = self.calendar.add_working_days(local_day(completed_at, region), REPLY_WINDOW_DAYS)
        return end_of_day(last, region)

    def closed_for_replies(self, status: str, status_at: str, now: dt.datetime, region: Region) -> bool:
        if status in CLOSED_STATUSES:
            return True
        return status == "completed" and now > self.replies_until(status_at, region)
