"""The main window: navigation, counts, status bar, closing safely, and a light first screen."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from lapor_desktop.domain import ReportState
from tests.support.bulk import bulk_insert_reports
from tests.support.reports import valid_content
from ui.changes import Changes
from ui.main_window import MainWindow
from ui.navigation import Place
from ui.report_table_model import COL_CATEGORY
from ui.reports_page import ReportsPage

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot, services) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), ReportsPage))
    return window


def _menu(window: MainWindow, title: str):  # type: ignore[no-untyped-def]
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


def _create(services, *, queue: bool, title: str = "Jalan desa rusak parah") -> int:  # type: ignore[no-untyped-def]
    created: list[int] = []
    state = ReportState.QUEUED if queue else ReportState.DRAFT
    services.run(
        lambda app: app.reports.create(valid_content(title=title), queue=queue).id,
        created.append,
        changes=Changes.of_reports((state,)),
    )
    return created[0]


def test_status_bar_and_navigation_count_waiting_reports(qtbot, services) -> None:
    window = _window(qtbot, services)
    assert window.status.waiting_label.text() == "Tidak ada laporan menunggu"
    assert window.navigation.item_text(Place.OUTBOX) == "Kotak keluar"

    _create(services, queue=True)
    _create(services, queue=True, title="Lampu jalan padam")
    _create(services, queue=False, title="Draf saja")
    assert window.status.waiting_label.text() == "2 laporan menunggu dikirim"
    assert window.navigation.item_text(Place.OUTBOX) == "Kotak keluar  (2)"
    assert window.outbox_page.model.rowCount() == 0  # not read before it is first shown
    window.go_to(Place.OUTBOX)
    assert window.outbox_page.model.rowCount() == 2
    assert window.all_page.model.rowCount() == 3


def test_needs_fix_counts_in_the_outbox(qtbot, services, db_path: Path) -> None:
    bulk_insert_reports(db_path, 60, seed=3)
    with sqlite3.connect(db_path) as connection:
        counts = dict(connection.execute("SELECT state, COUNT(*) FROM reports GROUP BY state"))
    window = _window(qtbot, services)
    queued, needs_fix = counts.get("queued", 0), counts.get("needs_fix", 0)
    assert window.navigation.item_text(Place.OUTBOX) == f"Kotak keluar  ({queued + needs_fix})"
    window.go_to(Place.OUTBOX)
    assert window.outbox_page.model.rowCount() == queued + needs_fix


def test_a_large_outbox_count_fits_the_navigation(qtbot, services) -> None:
    window = _window(qtbot, services)
    window.navigation.set_outbox_counts(7_017, 3_000)
    assert window.navigation.item_text(Place.OUTBOX) == "Kotak keluar  (999+)"
    item = window.navigation._items[Place.OUTBOX]
    assert item.toolTip() == "7017 menunggu dikirim, 3000 perlu diperbaiki"
    from PySide6.QtGui import QFontMetrics

    from ui.main import load_style

    window.navigation.setStyleSheet(load_style())  # the 11 pt and the item padding of the real window
    font = window.navigation.font()
    font.setBold(True)  # some need fixing
    padding = 16 + 4 + 10  # the style sheet's left padding and border, and the item's text margins
    assert QFontMetrics(font).horizontalAdvance(item.text()) + padding <= window.navigation.width()


def test_navigation_switches_pages(qtbot, services) -> None:
    window = _window(qtbot, services)
    assert window.pages.currentWidget() is window.all_page
    window.navigation.setCurrentRow(1)
    assert window.pages.currentWidget() is window.outbox_page
    window.navigation.setCurrentRow(window.navigation.count() - 1)  # Pengaturan is last
    assert type(window.pages.currentWidget()).__name__ == "SettingsPage"
    window.navigation.setCurrentRow(0)
    assert type(window.pages.currentWidget()).__name__ == "ReportFormPage"


def test_window_shows_before_its_list_is_built_then_the_list_follows(qtbot, services, db_path: Path) -> None:
    bulk_insert_reports(db_path, 30, seed=5)
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    assert window.findChild(ReportsPage) is None  # the first frame carries no list widgets or query
    assert window.navigation.current_place() is Place.ALL
    with qtbot.waitSignal(window.first_page_ready):
        window.show()
    page = window.pages.currentWidget()
    assert page is window.all_page
    assert page.model.rowCount() == 30
    assert window.findChild(ReportsPage, "reportsPage_outbox") is None  # built when first opened
    window.go_to(Place.OUTBOX)
    assert window.pages.currentWidget() is window.outbox_page


def test_an_empty_office_also_reports_its_first_page_on_screen(qtbot, services) -> None:
    """Work that waits for the list (log, write side, draft offer) must not wait forever for rows."""
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_page_ready):
        window.show()
    assert window.first_page_on_screen
    assert window.all_page.model.rowCount() == 0


def test_leaving_the_start_place_before_the_first_paint_wins(qtbot, services) -> None:
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.go_to(Place.SETTINGS)
    # first_page_ready comes once the start has been finished after the first paint: the moment
    # the pending start page would have been put on screen.
    with qtbot.waitSignal(window.first_page_ready):
        window.show()
    assert type(window.pages.currentWidget()).__name__ == "SettingsPage"
    assert window.navigation.current_place() is Place.SETTINGS
    assert window.findChild(ReportsPage) is None  # the start list was never built behind it


def test_a_report_opened_before_the_first_paint_stays_open(qtbot, services) -> None:
    report_id = _create(services, queue=False)
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.open_report(report_id)
    with qtbot.waitSignal(window.first_page_ready):
        window.show()
    assert window.pages.currentWidget() is window.detail_page()


def test_an_opened_report_highlights_the_list_it_returns_to(qtbot, services) -> None:
    report_id = _create(services, queue=True)
    window = _window(qtbot, services)
    window.go_to(Place.OUTBOX)
    window.go_to(Place.NEW_REPORT)  # e.g. the operator was about to type a new one
    window.open_report(report_id)
    assert window.navigation.current_place() is Place.OUTBOX
    window.detail_page().back_requested.emit()
    assert window.pages.currentWidget() is window.outbox_page


def test_send_now_without_server_points_to_settings(qtbot, services) -> None:
    window = _window(qtbot, services)
    qtbot.mouseClick(window.status.send_button, Qt.MouseButton.LeftButton)
    assert window.banner.isVisible()
    assert "belum diisi" in window.banner.label.text()
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)
    assert type(window.pages.currentWidget()).__name__ == "SettingsPage"
    assert window.navigation.current_place() is Place.SETTINGS


def test_closing_saves_what_is_typed_in_the_form(qtbot, services, db_path: Path) -> None:
    window = _window(qtbot, services)
    window.go_to(Place.NEW_REPORT)
    form = window.form_page()
    qtbot.keyClicks(form.inputs.title_edit, "Sumur bor macet")
    assert form.has_unsaved_changes()
    window.close()
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT title, state FROM reports").fetchall()
    assert rows == [("Sumur bor macet", ReportState.DRAFT.value)]


def test_first_screen_does_not_import_heavy_modules(tmp_path: Path, db_path: Path, office_dir: Path) -> None:
    """The real start path up to the list on screen, in a fresh process; the log opens once it shows."""
    bulk_insert_reports(db_path, 300)
    script = (
        "import json, sys\n"
        "from ui.main import start_gui\n"
        f"code = start_gui(['--data-dir', {str(office_dir)!r}])\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'requests', 'PIL', 'alembic') if m in sys.modules)\n"
        "print('MODULES ' + json.dumps({'code': code, 'heavy': heavy}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LAPOR_DESKTOP_BENCH_EXIT": "first-page"}
    env["PYTHONPATH"] = str(ROOT)
    env["LAPOR_DESKTOP_LOG_DIR"] = str(tmp_path / "logs")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(("MODULES ", "BENCH "))]
    assert any(line.startswith("BENCH first-page ") for line in lines), done.stderr[-2000:]
    result = json.loads(next(line for line in lines if line.startswith("MODULES "))[len("MODULES ") :])
    assert result == {"code": 0, "heavy": []}
    assert "log started: lapor-desktop" in (tmp_path / "logs" / "lapor-desktop.log").read_text(
        encoding="utf-8"
    )


def test_an_error_before_the_window_shows_is_logged(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the data dir should be", encoding="utf-8")
    script = f"from ui.main import start_gui\nstart_gui(['--data-dir', {str(blocked)!r}])\n"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env["LAPOR_DESKTOP_LOG_DIR"] = str(tmp_path / "logs")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode != 0
    log = (tmp_path / "logs" / "lapor-desktop.log").read_text(encoding="utf-8")
    assert "the window stopped on an error" in log
    assert "FileExistsError" in log or "NotADirectoryError" in log


def test_kecamatan_office_gets_review_and_dashboard(qtbot, services) -> None:
    from lapor_desktop.offices.settings import Office, OfficeKind, update_settings

    window = _window(qtbot, services)
    review_item = window.navigation._items[Place.REVIEW]
    assert review_item.isHidden()  # a desa office does not review
    update_settings(services.data_dir, office=Office(OfficeKind.KECAMATAN, "Kecamatan Natar", "18.01.01"))
    window._settings_saved()
    assert not review_item.isHidden()
    window.go_to(Place.REVIEW)
    assert type(window.pages.currentWidget()).__name__ == "ReviewPage"
    window.go_to(Place.DASHBOARD)
    assert type(window.pages.currentWidget()).__name__ == "DashboardPage"
    assert [a.text() for a in window.menuBar().actions()] == ["&Berkas", "&Paket", "B&antuan"]


def test_paket_menu_builds_its_actions_once_and_reports_in_the_status_bar(
    qtbot, services, tmp_path: Path
) -> None:
    window = _window(qtbot, services)
    menu = _menu(window, "&Paket")
    assert [action.text() for action in menu.actions() if action.text()] == [
        "Serahkan antrean ke kecamatan (ekspor paket)…",
        "Impor paket…",
        "Simpan identitas kantor ini…",
        "Percayai kantor lain…",
    ]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.paket_dialogs import PaketActions

    assert window.findChild(PaketActions) is None  # nothing built until the menu is used
    asked: list[str] = []

    def cancel_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel_dialog)
            return
        asked.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(20, cancel_dialog)
    menu.actions()[1].trigger()  # Impor paket…: asks for a file, which the operator cancels
    assert asked == ["Buka paket"]
    actions = window.paket_actions()
    assert window.findChild(PaketActions) is actions
    not_an_identity = tmp_path / "bukan-identitas.txt"
    not_an_identity.write_text("ini bukan identitas kantor", encoding="utf-8")
    actions.trust_file(not_an_identity)
    assert actions.last_message is not None and actions.last_message[1]  # an error, in Bahasa
    assert window.status.message_label.text() == actions.last_message[0]


def test_a_new_language_applies_at_once_on_the_settings_page(qapp, office_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from lapor_desktop.offices.settings import load_settings
    from ui.i18n import install_translator
    from ui.main import start_gui

    seen: list[tuple[str, str]] = []

    def shown_window() -> MainWindow | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.first_page_on_screen:
                return widget
        return None

    def step() -> None:
        window = shown_window()
        if window is None or (seen and window.navigation.item_text(Place.ALL) == seen[-1][0]):
            QTimer.singleShot(30, step)
            return
        seen.append((window.navigation.item_text(Place.ALL), type(window.pages.currentWidget()).__name__))
        if len(seen) == 1:
            window.go_to(Place.SETTINGS)
            settings = window.settings_page()
            settings.language.setCurrentIndex(settings.language.findData("en"))  # as the operator picks it
            QTimer.singleShot(30, step)
        else:
            window.close()

    QTimer.singleShot(30, step)
    try:
        assert start_gui(["--data-dir", str(office_dir)]) == 0
    finally:
        install_translator(qapp, "id")
    assert seen == [("Semua laporan", "ReportsPage"), ("All reports", "SettingsPage")]
    assert load_settings(office_dir).language == "en"


def test_a_long_status_message_is_cut_with_the_whole_text_in_its_tooltip(qtbot, services) -> None:
    window = _window(qtbot, services)
    width = window.width()
    text = "Paket disimpan di " + "/sangat/panjang" * 60 + "/paket.lapor. Serahkan berkas ini ke kecamatan."
    window.status.show_message(text)
    window.banner.show_notice(text, "Buka Pengaturan", "error")
    qtbot.waitUntil(lambda: window.status.message_label.is_elided())
    assert window.width() == width
    assert window.status.message_label.shown_lines()[0].endswith("…")
    assert "paket.lapor. Serahkan berkas ini ke kecamatan." in window.status.message_label.toolTip()
    assert len(window.banner.label.shown_lines()) == 2 and window.banner.label.is_elided()
    assert "Serahkan berkas ini" in window.banner.label.toolTip()


def test_the_window_notices_what_the_cli_or_another_window_writes(qtbot, services, office_dir: Path) -> None:
    from lapor_desktop.app import open_app

    window = _window(qtbot, services)
    assert window.all_page.model.rowCount() == 0
    with open_app(office_dir) as other:  # another process's connection, as `lapor-desktop report add` has
        other.reports.create(valid_content(title="Dicatat lewat perintah baris"), queue=True)
    qtbot.waitUntil(lambda: window.all_page.model.rowCount() == 1, timeout=10_000)
    assert window.navigation.item_text(Place.OUTBOX) == "Kotak keluar  (1)"
    assert window.status.waiting_label.text() == "1 laporan menunggu dikirim"
    assert window.all_page.model.list_row(0).title == "Dicatat lewat perintah baris"


def test_its_own_writes_are_not_read_twice(qtbot, services) -> None:
    window = _window(qtbot, services)
    _create(services, queue=True)  # announced through its typed changes
    assert window.all_page.model.rowCount() == 1
    assert services.check_for_other_writers() is False  # the poll knows this write already


# -- the menus a person expects -------------------------------------------------------------------


def test_the_menus_a_person_expects(qtbot, services) -> None:
    window = _window(qtbot, services)
    assert [a.text() for a in window.menuBar().actions()] == ["&Berkas", "&Paket", "B&antuan"]
    berkas = _menu(window, "&Berkas")
    assert [a.text() for a in berkas.actions() if a.text()] == [
        "Laporan baru",
        "Perbarui daftar kategori",
        "Keluar",
    ]
    assert berkas.actions()[0].shortcut().toString() == "Ctrl+N"
    bantuan = _menu(window, "B&antuan")
    assert [a.text() for a in bantuan.actions() if a.text()] == [
        "Panduan singkat",
        "Tentang LAPOR! Desa",
        "Kirim log…",
    ]

    berkas.actions()[0].trigger()
    assert window.pages.currentWidget() is window.form_page()

    from ui.help_dialog import HelpDialog

    bantuan.actions()[0].trigger()  # works offline: the guide is in the app
    guide = window.findChild(HelpDialog)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    for words in ("Laporan baru", "Kotak keluar", "Tanda terima", "Perlu diperbaiki", "Paket"):
        assert words in text
    guide.close()

    berkas.actions()[-1].trigger()  # Keluar
    assert not window.isVisible()


def test_the_category_list_is_refreshed_from_the_menu(
    qtbot, services, office_dir: Path, tmp_path: Path
) -> None:
    from lapor_desktop.offices.settings import update_settings
    from lapor_desktop.offices.token_store import save_token
    from tests.support.training import running_training_server

    services.app().reports.create(valid_content(category_code="pendidikan"))  # not on the server's list
    window = _window(qtbot, services)
    qtbot.waitUntil(lambda: window.all_page.model.rowCount() == 1, timeout=10_000)
    shipped_name = window.all_page.model.index(0, COL_CATEGORY).data()
    assert shipped_name not in ("", "pendidikan")
    window.go_to(Place.NEW_REPORT)
    combo = window.form_page().inputs.category_combo
    groups = window.form_page().inputs.category_group_combo
    assert groups.isVisibleTo(window) and groups.count() > 3  # the shipped list: two levels
    server_dir = tmp_path / "training-server"
    server_dir.mkdir()
    short = {
        "items": [
            {"code": "infrastruktur", "name": "Infrastruktur"},
            {"code": "baru", "name": "Kategori Baru"},
        ]
    }
    (server_dir / "categories.json").write_text(json.dumps(short), encoding="utf-8")
    with running_training_server(tmp_path) as (server, token):
        update_settings(office_dir, server_url=server.base_url)
        save_token(office_dir, token)
        _menu(window, "&Berkas").actions()[1].trigger()
        # A flat list (a 1.0 server's): no groups, the two in one list after "— pilih —".
        qtbot.waitUntil(lambda: combo.count() == 3, timeout=15_000)
    assert not groups.isVisibleTo(window)
    assert combo.findData("baru") >= 0
    assert "Daftar kategori diperbarui" in window.status.message_label.full_text()
    assert window.all_page.category_box.findData("baru") >= 0
    # A stored report keeps its category's shipped name, though the server no longer lists it.
    assert window.all_page.model.index(0, COL_CATEGORY).data() == shipped_name
