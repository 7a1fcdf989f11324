"""The dashboard page: counts, QPainter charts a camat can read, exports and the monthly PDF rekap."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.domain import RemoteStatus
from lapor_desktop.outbox.store import OutboxStore
from tests.support.reports import valid_content


@pytest.fixture
def filled(services):
    """Reports in two months: 3 in October (one overdue), 1 in November."""
    with open_app(services.data_dir) as app:
        ids = [
            app.reports.create(valid_content(title=f"Laporan jalan rusak {i}"), queue=True).id
            for i in range(4)
        ]
        OutboxStore(app.db).mark_sent(
            ids[0],
            tracking_id="LPR-2026-000001",
            received_at=dt.datetime(2026, 10, 9, 3, tzinfo=dt.UTC),
            status=RemoteStatus.PENDING_VERIFICATION,
        )
    connection = sqlite3.connect(services.db_path)
    with connection:
        for report_id, stamp in zip(
            ids, ("2026-10-08", "2026-10-12", "2026-10-20", "2026-11-03"), strict=True
        ):
            connection.execute(
                "UPDATE reports SET recorded_at = ? WHERE id = ?", (f"{stamp}T03:00:00.000000Z", report_id)
            )
    connection.close()
    return ids


def test_dashboard_shows_counts_and_draws_bars(qtbot, services, filled):
    from ui.dashboard_page import DashboardPage

    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.refresh(today=dt.date(2026, 11, 30))
    assert page.total_label.text() == "4 laporan tercatat."
    assert "terlewati untuk 1 laporan" in page.overdue_label.text()
    assert page.overdue_table.item(0, 0).text().startswith("18.01.01.2001/")
    assert page.month_chart.data == [("Okt 26", 3), ("Nov 26", 1)]
    assert page.desa_chart.data == [("Desa Way Huwi", 4)]

    image = page.month_chart.grab().toImage()  # paints the chart
    october, november = page.month_chart.bar_rects
    assert october.height() == pytest.approx(3 * november.height())
    centre = october.center().toPoint()
    assert image.pixelColor(centre).name() == "#1e5aa0"


def test_exports_and_monthly_rekap_pdf(qtbot, services, filled, tmp_path):
    from pypdf import PdfReader

    from ui.dashboard_page import DashboardPage

    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.export_list("csv", tmp_path / "daftar.csv")
    assert page.last_message == (f"4 laporan diekspor ke {tmp_path / 'daftar.csv'}.", False)
    page.export_list("xlsx", tmp_path / "daftar.xlsx")
    assert (tmp_path / "daftar.xlsx").stat().st_size > 0

    target = tmp_path / "rekap.pdf"
    page.export_rekap(2026, 10, target)
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    flat = " ".join(text.split())
    assert "REKAPITULASI PENGADUAN MASYARAKAT" in flat
    assert "DESA WAY HUWI" in flat and "Oktober 2026" in flat
    assert "Jumlah laporan tercatat pada periode ini: 3" in flat
    assert "18.01.01.2001" in flat and "infrastruktur" in flat


def test_per_status_shows_every_row_without_a_scrollbar(qtbot, services):
    from tests.support.bulk import bulk_insert_reports
    from ui.dashboard_page import DashboardPage

    bulk_insert_reports(services.db_path, 120, seed=5)  # drafts, queued, sent in every remote status...
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.resize(1054, 620)  # what the window gives a page on a 1280x720 screen
    page.show()
    page.refresh()
    qtbot.waitExposed(page)
    table = page.status_table
    assert table.rowCount() >= 6
    qtbot.wait(20)
    assert not table.verticalScrollBar().isVisible()
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    assert table.viewport().height() >= rows  # every status on screen at once
