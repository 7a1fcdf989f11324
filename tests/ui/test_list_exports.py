"""The desa's own recap from its lists: the list as filtered to CSV/XLSX, and the monthly PDF."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lapor_desktop.app import open_app
from lapor_desktop.domain import RemoteStatus
from lapor_desktop.offices.settings import Office, OfficeKind, load_settings, update_settings
from lapor_desktop.outbox.store import OutboxStore
from tests.support.dialogs import SaveDialog
from tests.support.reports import valid_content
from ui import list_exports
from ui.reports_page import ListKind, ReportsPage

pypdf = pytest.importorskip("pypdf")

# (title, recorded at in UTC, anonymous)
REPORTS = (
    ("Jalan desa rusak", "2026-10-08T03:00:00", False),
    ("Sumur warga kering", "2026-10-12T03:00:00", False),
    ("Lampu jalan mati", "2026-10-20T03:00:00", True),
    # 20.00 UTC on 31 October is 03.00 WIB on 1 November: the desa's November.
    ("Sumur umum tercemar", "2026-10-31T20:00:00", False),
)


@pytest.fixture
def filled(services):  # type: ignore[no-untyped-def]
    with open_app(services.data_dir) as app:
        ids = [
            app.reports.create(valid_content(title=title, anonymous=anonymous), queue=True).id
            for title, _at, anonymous in REPORTS
        ]
        OutboxStore(app.db).mark_sent(
            ids[0],
            tracking_id="LPR-2026-000001",
            received_at=dt.datetime(2026, 10, 8, 4, tzinfo=dt.UTC),
            status=RemoteStatus.PENDING_VERIFICATION,
        )
    connection = sqlite3.connect(services.db_path)
    with connection:
        for report_id, (_title, at, _anonymous) in zip(ids, REPORTS, strict=True):
            connection.execute(
                "UPDATE reports SET recorded_at = ? WHERE id = ?", (f"{at}.000000Z", report_id)
            )
    connection.close()
    return ids


@pytest.fixture
def page(qtbot, services, filled):  # type: ignore[no-untyped-def]
    reports = ReportsPage(services, ListKind.ALL)
    qtbot.addWidget(reports)
    reports.resize(1200, 700)
    reports.show()
    return reports


def _visible_box(widget: object, name: str) -> QMessageBox:
    [box] = [b for b in widget.findChildren(QMessageBox, name) if b.isVisible()]  # type: ignore[attr-defined]
    return box


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages))


def test_csv_of_the_list_as_filtered(qtbot, page, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(list_exports, "open_folder", lambda _folder: None, raising=False)
    qtbot.keyClicks(page.search, "Sumur")
    page.flush_search()
    target = tmp_path / "sumur.csv"
    dialog = SaveDialog(target)
    monkeypatch.setattr(list_exports, "ask_save_path", dialog)
    page.export_button.csv_action.trigger()
    assert dialog.suggested is not None
    assert re.fullmatch(r"Daftar-laporan-Desa-Way-Huwi-\d{4}-\d{2}-\d{2}\.csv", dialog.suggested.name)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert sorted(row[5] for row in rows[1:]) == ["Sumur umum tercemar", "Sumur warga kering"]
    assert page.export_button.last_message == (f"2 laporan diekspor ke:\n{target}", False)
    assert str(target) in _visible_box(page.export_button, "pdfSaved").text()
    assert load_settings(services.data_dir).document_folder == str(tmp_path)


def test_excel_of_the_whole_list(page, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    target = tmp_path / "semua.xlsx"
    monkeypatch.setattr(list_exports, "ask_save_path", SaveDialog(target))
    page.export_button.xlsx_action.trigger()
    sheet = load_workbook(target, read_only=True).active
    titles = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(title for title, _at, _anon in REPORTS)


def test_an_export_that_cannot_be_written(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    page.export_button.export_list("csv", blocker / "daftar.csv")
    text, error = page.export_button.last_message
    assert error and text.startswith(f"Daftar tidak dapat disimpan di {blocker / 'daftar.csv'}")
    assert _visible_box(page.export_button, "exportFailed").isVisible()


def test_the_desa_monthly_recap(page, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(list_exports, "ask_month", lambda _parent, _title: (2026, 10))
    target = tmp_path / "rekap.pdf"
    dialog = SaveDialog(target)
    monkeypatch.setattr(list_exports, "ask_save_path", dialog)
    assert page.export_button.recap_action.isVisible()
    page.export_button.recap_action.trigger()
    assert dialog.suggested is not None and dialog.suggested.name == "Rekap-Desa-Way-Huwi-2026-10.pdf"
    reader = pypdf.PdfReader(str(target))
    assert float(reader.pages[0].mediabox.width) * 25.4 / 72 == pytest.approx(210, abs=0.5)
    text = _pdf_text(target)
    assert "REKAPITULASI PENGADUAN MASYARAKAT DESA WAY HUWI" in text
    assert "Periode Oktober 2026" in text
    assert "Jumlah laporan tercatat pada periode ini: 3" in text
    assert "mendapat nomor pelacakan: 1" in text
    for title in ("Jalan desa rusak", "Sumur warga kering", "Lampu jalan mati"):
        assert title in text
    assert "Sumur umum tercemar" not in text  # November on the desa's clock
    assert "(anonim)" in text and "LPR-2026-000001" in text
    assert "Infrastruktur" in text  # the category's name, not its code
    assert "Mengetahui" in text and "Siti Aminah" in text
    assert "WIB" in text
    assert page.export_button.last_message == (f"Rekap bulanan disimpan di:\n{target}", False)


def test_a_kecamatan_has_its_recap_on_the_dasbor(page, services) -> None:  # type: ignore[no-untyped-def]
    update_settings(services.data_dir, office=Office(OfficeKind.KECAMATAN, "Kecamatan Natar", "18.01.01"))
    page.export_button.menu().aboutToShow.emit()
    assert not page.export_button.recap_action.isVisible()
    assert page.export_button.csv_action.isVisible()
