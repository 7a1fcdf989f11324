"""*Pengaturan › Data penduduk*: import OpenSID's export, see its date and counts, clear it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.support.dialogs import press_in_message_box
from tests.support.opensid import OPENSID_KEYS, write_opensid_xlsx
from tests.support.residents import BUDI_NIK, NEWCOMER_NIK, SITI_NIK, newcomer, write_register
from ui import penduduk_box
from ui.penduduk_box import PendudukBox
from ui.settings_page import SettingsPage


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    shown = SettingsPage(services)
    qtbot.addWidget(shown)
    shown.resize(1000, 900)
    shown.show()
    return shown


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    return tmp_path / "Unduhan"


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(penduduk_box, "ask_export_file", lambda _parent: path)


def _import(qtbot, box: PendudukBox, monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:  # type: ignore[no-untyped-def]
    _choose(monkeypatch, path)
    qtbot.mouseClick(box.import_button, Qt.MouseButton.LeftButton)


def test_an_opensid_export_is_imported_with_its_counts_and_skip_reasons(
    qtbot, page, services, downloads, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    box = page.penduduk_box
    assert box.title() == "Data penduduk"
    assert box.status_label.text().startswith("Belum ada data penduduk.")
    assert not box.clear_button.isEnabled()

    with qtbot.waitSignal(services.changed) as changed:
        _import(qtbot, box, monkeypatch, write_register(downloads))
    # The form's offer listens; the report lists, which show no residents, do not reload.
    assert changed.args[0].residents and not changed.args[0].reports and not changed.args[0].touches_outbox
    assert box.result_label.text().splitlines() == [
        "Diimpor 3 penduduk dari 6 baris, data per 2 Desember 2026 (dari nama berkas).",
        "Dilewati 3 baris: 1 bukan penduduk hidup (meninggal, pindah, hilang; status_dasar bukan 1); "
        "1 belum ber-NIK (NIK kosong, 0, atau NIK sementara); "
        "1 NIK ganda (yang dipakai: yang terakhir diubah).",
    ]
    status = box.status_label.text()
    assert status.startswith("3 penduduk hidup, data per 2 Desember 2026 (dari nama berkas). ")
    assert "penduduk_02_12_2026_opendk.zip" in status
    assert "WIB" in status  # imported at, on the office's clock
    assert box.clear_button.isEnabled() and box.import_button.isEnabled()
    assert not box.progress.isVisible()
    assert services.penduduk().find(SITI_NIK) is not None
    # Names and NIKs are never shown in the box, only counts.
    assert "SITI" not in box.result_label.text() + status

    # Cancelled file dialog: nothing happens.
    _import(qtbot, box, monkeypatch, None)
    assert box.result_label.text().startswith("Diimpor 3 penduduk")


def test_progress_is_reported_while_the_file_is_read(qtbot, page, downloads, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.support.opensid import generated_rows

    box = page.penduduk_box
    said: list[str] = []
    say = box._say
    monkeypatch.setattr(box, "_say", lambda text, **kw: (said.append(text), say(text, **kw)))
    _import(qtbot, box, monkeypatch, write_register(downloads, extra=list(generated_rows(2500, start=100))))
    assert said[0] == "Membaca penduduk_02_12_2026_opendk.zip…"
    assert said[1:-1] == ["1000 baris dibaca…", "2000 baris dibaca…", "2506 baris dibaca…"]
    assert said[-1].startswith("Diimpor 2.503 penduduk dari 2.506 baris")


def test_a_refused_file_keeps_the_data_and_says_why(qtbot, page, services, downloads, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    box = page.penduduk_box
    _import(qtbot, box, monkeypatch, write_register(downloads))
    before = box.status_label.text()

    not_an_export = downloads / "daftar_hadir.xlsx"
    write_opensid_xlsx(not_an_export, [], header=[k for k in OPENSID_KEYS if k != "nomor_nik"])
    _import(qtbot, box, monkeypatch, not_an_export)
    message = box.result_label.text()
    assert "nomor_nik" in message
    assert message.endswith("Data penduduk yang sudah ada tidak berubah.")
    assert "b3261e" in box.result_label.styleSheet()  # in red
    assert box.status_label.text() == before
    assert services.penduduk().find(SITI_NIK) is not None
    assert box.import_button.isEnabled()

    good = write_register(downloads / "rusak")
    broken = downloads / "penduduk_03_12_2026_opendk.zip"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # a download cut off half-way
    _import(qtbot, box, monkeypatch, broken)
    assert box.result_label.text().endswith("Data penduduk yang sudah ada tidak berubah.")
    assert services.penduduk().status().residents == 3


def test_an_older_export_is_used_only_when_the_operator_confirms(
    qtbot, page, services, downloads, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    box = page.penduduk_box
    _import(qtbot, box, monkeypatch, write_register(downloads / "baru", extra=[newcomer()]))
    older = write_register(downloads / "lama", day=dt.date(2026, 10, 1))

    answer = press_in_message_box("Batal")
    _import(qtbot, box, monkeypatch, older)
    assert answer.name == "pendudukOlder"
    assert answer.text is not None
    assert "per 1 Oktober 2026, lebih lama daripada data penduduk yang sudah ada (per 2 Desember 2026)" in (
        answer.text
    )
    assert box.result_label.text() == "Impor dibatalkan. Data penduduk yang sudah ada tidak berubah."
    assert services.penduduk().find(NEWCOMER_NIK) is not None

    press_in_message_box("Pakai berkas ini")
    _import(qtbot, box, monkeypatch, older)
    assert box.result_label.text().splitlines()[:2] == [
        "Diimpor 3 penduduk dari 6 baris, data per 1 Oktober 2026 (dari nama berkas).",
        "Data sebelumnya (4 penduduk) diganti.",
    ]
    assert services.penduduk().find(NEWCOMER_NIK) is None
    assert "data per 1 Oktober 2026" in box.status_label.text()


def test_clearing_asks_first_then_deletes_everything(qtbot, page, services, downloads, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    box = page.penduduk_box
    _import(qtbot, box, monkeypatch, write_register(downloads))

    answer = press_in_message_box("Batal")
    qtbot.mouseClick(box.clear_button, Qt.MouseButton.LeftButton)
    assert answer.text is not None and answer.text.startswith("Hapus semua data penduduk (3 penduduk)?")
    assert services.penduduk().status().residents == 3

    press_in_message_box("Hapus")
    qtbot.mouseClick(box.clear_button, Qt.MouseButton.LeftButton)
    assert box.result_label.text() == "Data penduduk dihapus (3 penduduk)."
    assert box.status_label.text().startswith("Belum ada data penduduk.")
    assert not box.clear_button.isEnabled()
    assert services.penduduk().find(BUDI_NIK) is None


def test_the_import_runs_on_the_writer_thread(qtbot, threaded_services, downloads, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from lapor_desktop.penduduk.service import PendudukService

    threads: list[threading.Thread] = []
    import_file = PendudukService.import_file

    def spying(self: PendudukService, *args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return import_file(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PendudukService, "import_file", spying)
    box = PendudukBox(threaded_services)
    qtbot.addWidget(box)
    _import(qtbot, box, monkeypatch, write_register(downloads))
    assert not box.import_button.isEnabled()  # busy until the writer is done
    qtbot.waitUntil(lambda: box.import_button.isEnabled(), timeout=10_000)
    assert box.result_label.text().startswith("Diimpor 3 penduduk")
    qtbot.waitUntil(lambda: box.status_label.text().startswith("3 penduduk hidup"))
    assert threads and threads[0] is not threading.main_thread()


def test_the_box_speaks_english(qtbot, qapp, services, downloads, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_translator

    install_translator(qapp, "en")
    try:
        box = PendudukBox(services)
        qtbot.addWidget(box)
        assert box.title() == "Population data"
        assert box.import_button.text() == "Import population data…"
        _import(qtbot, box, monkeypatch, write_register(downloads))
        lines = box.result_label.text().splitlines()
        assert (
            lines[0] == "Imported 3 residents from 6 rows, data as of 2 Desember 2026 (from the file name)."
        )
        assert lines[1].startswith("Skipped 3 rows: 1 not a living resident")
    finally:
        install_translator(qapp, "id")
