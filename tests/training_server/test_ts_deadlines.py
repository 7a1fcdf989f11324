"""`due_at` from working days and the reply window, with the holidays of resources/holidays.json."""

from __future__ import annotations

import datetime as dt

import pytest

from sync.training_server.deadlines import Deadlines
from sync.training_server.reference import DEFAULT_REGION, parse_agencies

WIB = DEFAULT_REGION
WITA = parse_agencies('{"region": {"code": "73.71", "name": "Kota Makassar"}, "items": []}').region


@pytest.fixture(scope="module")
def deadlines() -> Deadlines:
    return Deadlines()


@pytest.mark.parametrize(
    ("status", "started", "due"),
    [
        # Friday morning: Monday, Tuesday, Wednesday; due at the end of Wednesday, WIB.
        ("pending_verification", "2026-11-27T02:00:00Z", "2026-12-02T16:59:59Z"),
        # 20:00 UTC on Thursday is already Friday 03:00 in Lampung.
        ("pending_verification", "2026-11-26T20:00:00Z", "2026-12-02T16:59:59Z"),
        # Cuti bersama on 24 and Christmas on 25 December 2026, then a weekend.
        ("pending_verification", "2026-12-21T03:00:00Z", "2026-12-28T16:59:59Z"),
        # Nyepi and Idulfitri 2026: 18 to 24 March are no working days.
        ("verified", "2026-03-17T03:00:00Z", "2026-03-31T16:59:59Z"),
        # A step begun on a Saturday counts from Monday.
        ("verified", "2026-11-28T03:00:00Z", "2026-12-04T16:59:59Z"),
    ],
)
def test_due_at_counts_working_days(deadlines: Deadlines, status: str, started: str, due: str) -> None:
    assert deadlines.due_at(status, started, WIB) == due


@pytest.mark.parametrize("status", ["on_hold", "in_progress", "completed", "rejected", "archived"])
def test_steps_without_a_deadline(deadlines: Deadlines, status: str) -> None:
    assert deadlines.due_at(status, "2026-11-27T02:00:00Z", WIB) is None


def test_the_kabupaten_zone_decides_the_day(deadlines: Deadlines) -> None:
    # 16:30 UTC on Thursday 26 November is Thursday in WIB but Friday 00:30 in WITA.
    assert deadlines.due_at("pending_verification", "2026-11-26T16:30:00Z", WIB) == "2026-12-01T16:59:59Z"
    assert deadlines.due_at("pending_verification", "2026-11-26T16:30:00Z", WITA) == "2026-12-02T15:59:59Z"


def test_a_completed_report_takes_replies_for_ten_working_days(deadlines: Deadlines) -> None:
    completed = "2026-12-02T03:00:00Z"  # Wednesday
    until = deadlines.replies_until(completed, WIB)
    assert until == dt.datetime(2026, 12, 16, 23, 59, 59, tzinfo=WIB.zone)
    last_second = dt.datetime(2026, 12, 16, 16, 59, 59, tzinfo=dt.UTC)
    assert not deadlines.closed_for_replies("completed", completed, last_second, WIB)
    assert deadlines.closed_for_replies("completed", completed, last_second + dt.timedelta(seconds=1), WIB)


@pytest.mark.parametrize("status", ["rejected", "archived"])
def test_rejected_and_archived_never_take_replies(deadlines: Deadlines, status: str) -> None:
    now = dt.datetime(2026, 12, 2, 4, tzinfo=dt.UTC)
    assert deadlines.closed_for_replies(status, "2026-12-02T03:00:00Z", now, WIB)


@pytest.mark.parametrize("status", ["pending_verification", "on_hold", "verified", "in_progress"])
def test_open_reports_take_replies(deadlines: Deadlines, status: str) -> None:
    now = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    assert not deadlines.closed_for_replies(status, "2026-01-05T03:00:00Z", now, WIB)
