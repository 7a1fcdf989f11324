"""*Pengaturan* › *Cetakan*: the office's paper and the LAPOR! page of the QR code, saved as chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lapor_desktop.offices.settings import Paper, load_settings, update_settings
from ui.settings_page import SettingsPage


def _page(qtbot, services):  # type: ignore[no-untyped-def]
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_paper_is_saved_when_chosen(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, services)
    box = page.print_box
    assert box.paper.currentData() == "a4"
    box.paper.setCurrentIndex(box.paper.findData("58mm"))
    assert load_settings(services.data_dir).paper is Paper.ROLL_58
    assert "58 mm" in box.note.text()
    # Set elsewhere (another window, the CLI): shown when the page reloads.
    update_settings(services.data_dir, paper=Paper.A5)
    page.reload()
    assert box.paper.currentData() == "a5"


def test_the_tracking_link_is_checked_before_it_is_saved(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, services)
    box = page.print_box
    box.tracking_url.setText("lapor.go.id/laporan")
    box.save_tracking_url()
    assert load_settings(services.data_dir).tracking_url is None
    assert "http" in box.note.text()
    box.tracking_url.clear()
    qtbot.keyClicks(box.tracking_url, "https://lapor.example.id/cek/{tracking_id}")
    qtbot.keyClick(box.tracking_url, Qt.Key.Key_Return)
    assert load_settings(services.data_dir).tracking_url == "https://lapor.example.id/cek/{tracking_id}"
    assert box.note.text() == "Alamat pelacakan tersimpan."
    box.tracking_url.clear()
    box.save_tracking_url()
    assert load_settings(services.data_dir).tracking_url is None
    assert "bawaan" in box.note.text()
