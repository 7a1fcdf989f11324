"""Dashboard counts and CSV/XLSX exports on real databases."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3

from lapor_desktop.domain import RemoteStatus
from lapor_desktop.kecamatan.dashboard import DashboardFilter, load_dashboard, month_range
from lapor_desktop.outbox.store import OutboxStore
from lapor_desktop.reports.exports import HEADERS, export_csv, export_xlsx
from lapor_desktop.reports.queries import ReportFilter
from tests.support.bulk import bulk_insert_reports
from tests.support.reports import VALID_NIK, valid_content

WIB = dt.timezone(dt.timedelta(hours=7))


def _move(db_path, report_id: int, *, local_ref: str | None = None, recorded_at: str | None = None) -> None:
    connection = sqlite3.connect(db_path)
    with connection:
        if local_ref:
            connection.execute("UPDATE reports SET local_ref = ? WHERE id = ?", (local_ref, report_id))
        if recorded_at:
            connection.execute("UPDATE reports SET recorded_at = ? WHERE id = ?", (recorded_at, report_id))
    connection.close()


def test_dashboard_counts_by_desa_status_category_and_month(app):
    store = OutboxStore(app.db)
    a = app.reports.create(valid_content(category_code="infrastruktur"), queue=True).id
    b = app.reports.create(valid_content(category_code="kesehatan"), queue=True).id
    c = app.reports.create(valid_content(category_code="infrastruktur")).id
    d = app.reports.create(valid_content(category_code="pendidikan"), queue=True).id
    store.mark_sent(a, tracking_id="LPR-1", received_at=dt.datetime.now(dt.UTC), status=RemoteStatus.VERIFIED)
    # b comes from another desa and was recorded in October (WIB) although it is 30 Sep in UTC.
    _move(app.db_path, b, local_ref="18.01.01.2002/2026/00001", recorded_at="2026-09-30T18:00:00.000000Z")
    _move(app.db_path, a, recorded_at="2026-10-05T03:00:00.000000Z")
    _move(app.db_path, c, recorded_at="2026-11-02T03:00:00.000000Z")
    _move(app.db_path, d, recorded_at="2026-11-20T03:00:00.000000Z")

    board = load_dashboard(app.db_path, tz=WIB)
    assert board.total == 4
    assert board.by_desa == [("18.01.01.2001", 3), ("18.01.01.2002", 1)]
    assert dict(board.by_status) == {"draft": 1, "queued": 2, "verified": 1}
    assert [s for s, _ in board.by_status] == ["draft", "queued", "verified"]  # the order a report moves
    assert board.by_category == [("infrastruktur", 2), ("kesehatan", 1), ("pendidikan", 1)]
    assert board.by_month == [("2026-10", 2), ("2026-11", 2)]
    assert board.by_desa_status["18.01.01.2001"] == {"verified": 1, "draft": 1, "queued": 1}

    november = load_dashboard(app.db_path, month_range(2026, 11), tz=WIB)
    assert november.total == 2 and november.by_month == [("2026-11", 2)]
    only_2002 = load_dashboard(app.db_path, DashboardFilter(desa_code="18.01.01.2002"), tz=WIB)
    assert only_2002.total == 1 and only_2002.by_category == [("kesehatan", 1)]


def test_csv_and_xlsx_stream_every_filtered_row_without_personal_data(app, tmp_path):
    bulk_insert_reports(app.db_path, 2_345, seed=4)
    formula = app.reports.create(valid_content(title='=HYPERLINK("http://x") jalan'), queue=True)
    anonymous = app.reports.create(
        valid_content(anonymous=True, title="Laporan tanpa nama pelapor"), queue=True
    )
    expected = 2_347

    out_csv = tmp_path / "laporan.csv"
    assert export_csv(app.db_path, out_csv, tz=WIB) == expected
    with open(out_csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HEADERS and len(rows) == expected + 1
    text = out_csv.read_text(encoding="utf-8-sig")
    assert VALID_NIK not in text and "081234567890" not in text
    by_ref = {row[0]: row for row in rows[1:]}
    assert by_ref[formula.local_ref][5].startswith("'=")
    assert by_ref[anonymous.local_ref][6] == "(anonim)"

    queued = ReportFilter(states=(formula.state,))
    out_xlsx = tmp_path / "laporan.xlsx"
    written = export_xlsx(app.db_path, out_xlsx, queued, tz=WIB)
    from openpyxl import load_workbook

    sheet = load_workbook(out_xlsx, read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == HEADERS and len(values) == written + 1
    assert {v[7] for v in values[1:]} == {"Menunggu dikirim"}
    assert isinstance(values[-1][2], dt.datetime)
    assert not list(tmp_path.glob(".*.tmp"))
