"""Run in a subprocess on an offscreen screen of a given size: does every page fit it?

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=1.5] \
        python -m tests.support.screen_fit DATA_DIR desa|kecamatan|latihan

Builds an office in DATA_DIR, opens the main window, and on every page (with
the longest messages in the status bar and the banner) checks that the window
stays inside the screen's available area and that the buttons that matter
(*Kirim sekarang*, *Antrekan untuk dikirim*) are on screen. Prints one JSON
line: {"screen": [w, h], "problems": [...]}.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

# The longest texts the window shows in its status bar and banner: a refused token with the
# server's words, and a paket saved to a deep folder (a path has no place to wrap).
LONG_PATH = (
    "C:\\Users\\Sekretaris Desa Way Huwi\\Documents\\Paket untuk kecamatan\\Desember 2026\\"
    "paket-laporan-18.01.01.2001-2026-12-03-siang-setelah-musyawarah-desa.lapor"
)
LONG_MESSAGES = (
    "Server LAPOR! menolak token ini (401 invalid_token): token tidak berlaku lagi atau dicabut oleh "
    "admin. Pengiriman dihentikan sampai alamat server atau token diganti; minta token baru kepada admin "
    "LAPOR! kabupaten, lalu isi di Pengaturan. Laporan tetap tersimpan di komputer ini dan tidak hilang.",
    f"Paket berisi 48 laporan (131 lampiran, 23.4 MB) disimpan di {LONG_PATH}. Serahkan berkas ini ke "
    "Kecamatan Jati Agung.",
)


def _settle(app: object) -> None:
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]


def _guide(window: object) -> object:
    from ui.help_dialog import HelpDialog

    window.show_guide()  # type: ignore[attr-defined]
    return window.findChild(HelpDialog)  # type: ignore[attr-defined]


def _unscrolled_buttons(window: object) -> list[object]:
    """The window's visible push buttons outside scroll areas: each must be whole on the screen."""
    from PySide6.QtWidgets import QAbstractScrollArea, QPushButton

    found = []
    for button in window.findChildren(QPushButton):  # type: ignore[attr-defined]
        if not button.isVisibleTo(window) or button.window() is not window:
            continue
        parent, scrolled = button.parentWidget(), False
        while parent is not None and parent is not window:
            if isinstance(parent, QAbstractScrollArea):
                scrolled = True
                break
            parent = parent.parentWidget()
        if not scrolled:
            found.append(button)
    return found


def main(data_dir: Path, kind: str) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from lapor_desktop.app import open_app, prepare_data_dir
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings
    from tests.support.reports import valid_content
    from tests.support.ui import mark_needs_fix
    from ui.main import load_style

    qt_app = QApplication.instance() or QApplication([])
    qt_app.setStyleSheet(load_style())
    desa = kind in ("desa", "latihan")
    code = "18.01.01.2001" if desa else "18.01.01"
    office_kind = OfficeKind.DESA if desa else OfficeKind.KECAMATAN
    office = Office(office_kind, "Desa Way Huwi", code)
    if kind == "latihan":  # the practice office: the orange band above every page
        save_settings(data_dir, Settings(office=office, operator="Siti Aminah", training=True))
        data_dir = data_dir / "training"
        data_dir.mkdir()
    save_settings(
        data_dir,
        Settings(
            office=office,
            operator="Siti Aminah",
            training=kind == "latihan",
            server_url="http://127.0.0.1:8080/api" if kind == "latihan" else None,
        ),
    )
    from tests.support.images import write_plain_jpeg

    with open_app(data_dir) as app:
        title = "Jalan utama Dusun II menuju balai desa berlubang besar sejak musim hujan tahun lalu"
        photo = app.reports.import_attachment(write_plain_jpeg(data_dir / "foto.jpg", (3000, 4000)))
        first = app.reports.create(valid_content(title=title, attachments=(photo,)), queue=True).id
        ids = [first, *(app.reports.create(valid_content(title=title), queue=True).id for _ in range(11))]
        mark_needs_fix(app, ids[0], {"title": "Judul terlalu umum. " * 8}, "Perbaiki judul. " * 10)

    from ui.main_window import MainWindow
    from ui.navigation import Place
    from ui.services import Services

    services = Services(data_dir, prepare_data_dir(data_dir), inline=True)
    window = MainWindow(services, auto_sync_ms=None)
    window.show()
    _settle(qt_app)
    screen = window.screen().availableGeometry()
    problems: list[str] = []

    def check(where: str) -> None:
        for message in LONG_MESSAGES:
            window.status.show_message(message)
            window.banner.show_notice(message, window.tr("Buka Pengaturan"), "error")
            _settle(qt_app)
            frame = window.frameGeometry()
            if not screen.contains(frame):
                problems.append(f"{where}: window {frame.getRect()} outside the screen {screen.getRect()}")
            inside = window.rect()
            for name, button in (("Kirim sekarang", window.status.send_button),):
                corner = button.mapTo(window, button.rect().bottomRight())
                if not inside.contains(corner):
                    problems.append(f"{where}: {name} off the window ({corner.x()}, {corner.y()})")
            for button in _unscrolled_buttons(window):
                corner = button.mapTo(window, button.rect().bottomRight())
                if not inside.contains(corner):
                    problems.append(f"{where}: {button.text()!r} cut off at the window's edge")

    places = [Place.ALL, Place.OUTBOX, Place.NEW_REPORT, Place.SETTINGS]
    if not desa:
        places += [Place.REVIEW, Place.DASHBOARD]
    for place in places:
        window.go_to(place)
        check(place.value)
        if place is Place.NEW_REPORT:
            form = window.form_page()
            form.queue_report()  # every field shows its problem
            check("new_report with every problem shown")
            corner = form.queue_button.mapTo(window, form.queue_button.rect().bottomRight())
            if not window.rect().contains(corner):
                problems.append("new_report: Antrekan untuk dikirim off the window")
    window.showMaximized()  # as on most laptops: the pages get the whole screen's width
    for place in places:
        window.go_to(place)
        check(f"{place.value}, maximised")
    window.showNormal()
    window.open_report(ids[0])
    check("detail of a report to fix")
    detail = window.detail_page()
    detail.attachment_tiles[0].open_requested.emit(detail.attachment_tiles[0].ref.sha256)
    from ui.photo_viewer import PhotoViewer

    for dialog in (window.findChild(PhotoViewer), _guide(window)):
        _settle(qt_app)
        if dialog is None or not screen.contains(dialog.frameGeometry()):
            problems.append(f"{type(dialog).__name__}: {dialog and dialog.frameGeometry().getRect()}")
        if dialog is not None:
            dialog.close()
    window.form_page().save_now()
    window.close()
    services.close()
    return {"screen": [screen.width(), screen.height()], "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])), flush=True)
