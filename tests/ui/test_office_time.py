"""Every time the window shows is the office's own (WIB, WITA or WIT from its province), named so.

The office here is in Maluku (WIT, UTC+9); the test machine's clock zone is
whatever it is (UTC in CI), as a laptop bought in Jakarta and used in Ambon
keeps Jakarta's.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings
from tests.support.reports import valid_content
from tests.support.ui import mark_sent

MALUKU = "81.01.01.2001"
RECORDED = dt.datetime(2026, 11, 28, 16, 30, tzinfo=dt.UTC)  # 29-11-2026 01.30 in Ambon


@pytest.fixture
def maluku(qapp, tmp_path: Path):  # type: ignore[no-untyped-def]
    from ui.services import Services

    data_dir = tmp_path / "ambon"
    data_dir.mkdir()
    save_settings(data_dir, Settings(office=Office(OfficeKind.DESA, "Negeri Hative", MALUKU), operator="Ina"))
    services = Services(data_dir, prepare_data_dir(data_dir), inline=True)
    report = services.app().reports.create(
        valid_content(location=valid_content().location.__class__(region_code=MALUKU)), queue=True
    )
    mark_sent(services.app(), report.id, tracking_id="LPR-2026-000777", received_at=RECORDED)
    with sqlite3.connect(services.db_path) as connection:
        connection.execute(
            "UPDATE reports SET recorded_at = ? WHERE id = ?", ("2026-11-28T16:30:00.000000Z", report.id)
        )
    yield services, report.id
    services.close()


def test_lists_detail_timeline_and_status_bar_show_the_offices_zone(qtbot, maluku) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow
    from ui.report_table_model import COL_DATE
    from ui.reports_page import ReportsPage

    services, report_id = maluku
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), ReportsPage))
    model = window.all_page.model
    assert model.data(model.index(0, COL_DATE)) == "29-11-2026"  # the next day already, in Ambon
    assert model.data(model.index(0, COL_DATE), Qt.ItemDataRole.ToolTipRole) == "29-11-2026 01.30 WIT"

    window.open_report(report_id)
    detail = window.detail_page()
    assert detail._value("recorded").text().startswith("29-11-2026 01.30 WIT")
    sent = [entry for entry in detail.timeline._views if entry.entry.kind.value == "sent"]
    assert sent and sent[0].when.text() == "29-11-2026 01.30 WIT"

    window.status.set_last_sync(dt.datetime(2026, 11, 28, 23, 5, tzinfo=dt.UTC))
    assert window.status.last_sync_label.text().endswith("29-11-2026 08.05 WIT")


def test_a_kecamatan_in_bali_reads_wita() -> None:
    from lapor_desktop.offices.timezone import zone_of_region
    from ui.office_time import format_when

    assert format_when(RECORDED, zone_of_region("51.03.05")) == "29-11-2026 00.30 WITA"
    assert format_when(RECORDED, zone_of_region("18.01.01.2001")) == "28-11-2026 23.30 WIB"
