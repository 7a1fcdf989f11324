"""The overdue rule: 3 working days to verify, 5 to follow up, skipping weekends and holidays."""

from __future__ import annotations

import datetime as dt
import json

from lapor_desktop.domain import RemoteReportState, RemoteStatus
from lapor_desktop.kecamatan.overdue import deadline, load_calendar, overdue_reports
from lapor_desktop.outbox.store import OutboxStore
from lapor_desktop.resources import resource_path
from tests.support.reports import valid_content

WIB = dt.timezone(dt.timedelta(hours=7))
D = dt.date


def test_holiday_file_covers_2025_to_2027_with_sources():
    raw = json.loads(resource_path("holidays.json").read_text(encoding="utf-8"))
    assert set(raw["years"]) == {"2025", "2026", "2027"}
    for year in raw["years"].values():
        assert year["source"] and year["status"] in ("official", "provisional")
    calendar = load_calendar()
    assert D(2025, 8, 18) in calendar.holidays  # cuti bersama HUT ke-80 RI (SKB amendment)
    assert (
        D(2026, 3, 19) in calendar.holidays and D(2026, 3, 23) in calendar.holidays
    )  # Nyepi, cuti Idulfitri
    assert D(2027, 12, 25) in calendar.holidays


def test_plain_weekend_is_skipped():
    calendar = load_calendar()
    # Thursday 5 Nov 2026: Fri 6 (1), Mon 9 (2), Tue 10 (3).
    limit = deadline(RemoteStatus.PENDING_VERIFICATION, D(2026, 11, 5), calendar)
    assert limit is not None and limit.due == D(2026, 11, 10)
    assert not limit.overdue_on(D(2026, 11, 10)) and limit.overdue_on(D(2026, 11, 11))


def test_weekend_and_holidays_are_skipped():
    calendar = load_calendar()
    # Friday 13 Mar 2026: Mon 16 (1), Tue 17 (2); Wed 18 cuti Nyepi, Thu 19 Nyepi, Fri 20 cuti Idulfitri,
    # weekend (Idulfitri), Mon 23 and Tue 24 cuti Idulfitri; Wed 25 (3).
    limit = deadline(RemoteStatus.PENDING_VERIFICATION, D(2026, 3, 13), calendar)
    assert limit is not None and limit.due == D(2026, 3, 25)
    assert not limit.overdue_on(D(2026, 3, 24))
    assert not limit.overdue_on(D(2026, 3, 25))
    assert limit.overdue_on(D(2026, 3, 26))
    # Follow-up: verified on Wed 24 Dec 2025; Thu 25 Natal, Fri 26 cuti, Mon 29 (1), Tue 30 (2), Wed 31 (3),
    # Thu 1 Jan 2026 holiday, Fri 2 (4), Mon 5 (5).
    follow = deadline(RemoteStatus.VERIFIED, D(2025, 12, 24), calendar)
    assert follow is not None and follow.due == D(2026, 1, 5)
    assert deadline(RemoteStatus.COMPLETED, D(2026, 1, 5), calendar) is None


def _sent(app, title: str, received: dt.datetime) -> int:
    report = app.reports.create(valid_content(title=title), queue=True)
    OutboxStore(app.db).mark_sent(
        report.id,
        tracking_id=f"LPR-{report.id:06d}",
        received_at=received,
        status=RemoteStatus.PENDING_VERIFICATION,
    )
    return report.id


def test_overdue_reports_from_the_database(app):
    # Received Friday 13 Mar 2026, 10:00 WIB: due Wed 25 Mar, overdue from Thu 26.
    late = _sent(app, "Laporan terlambat verifikasi", dt.datetime(2026, 3, 13, 3, 0, tzinfo=dt.UTC))
    fresh = _sent(app, "Laporan masih dalam batas", dt.datetime(2026, 3, 24, 3, 0, tzinfo=dt.UTC))
    verified = _sent(app, "Laporan sudah diverifikasi", dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC))
    store = OutboxStore(app.db)
    verified_report = app.reports.get(verified)
    store.apply_remote(
        [
            RemoteReportState(
                client_id=verified_report.client_id,
                tracking_id=verified_report.tracking_id,
                status=RemoteStatus.VERIFIED,
                updated_at=dt.datetime(
                    2026, 3, 16, 2, 0, tzinfo=dt.UTC
                ),  # Mon 16 Mar: 5 working days to Mon 30 Mar
                responses=(),
            )
        ],
        cursor_key="c",
        cursor="1",
    )
    on_25 = overdue_reports(app.db_path, D(2026, 3, 25), tz=WIB)
    assert on_25 == []
    on_26 = overdue_reports(app.db_path, D(2026, 3, 26), tz=WIB)
    assert [(o.report_id, o.rule, o.due) for o in on_26] == [(late, "verifikasi", D(2026, 3, 25))]
    on_30 = overdue_reports(app.db_path, D(2026, 3, 30), tz=WIB)
    assert {o.report_id: o.rule for o in on_30} == {late: "verifikasi", fresh: "verifikasi"}
    assert on_30[0].report_id == late and on_30[0].late_by == 3  # Thu 26, Fri 27, Mon 30
    on_31 = overdue_reports(app.db_path, D(2026, 3, 31), tz=WIB)
    assert {o.report_id: o.rule for o in on_31} == {
        late: "verifikasi",
        fresh: "verifikasi",
        verified: "tindak_lanjut",
    }
