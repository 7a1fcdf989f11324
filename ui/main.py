"""Starting the window: data dir, translator, style, first-start guide, main window.

The path from process start to the list on screen avoids SQLAlchemy,
`requests` and Pillow: the lists read through stdlib sqlite3 and the write
side is opened in the background once the window shows (`Services.warm_up`).

`LAPOR_DESKTOP_BENCH_EXIT=shown|first-page` makes the app print
``BENCH <event> <unix time>`` and quit at that moment, so benchmarks can time
the real start-up from outside.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.paths import resolve_data_dir
from lapor_desktop.resources import resource_path
from lapor_desktop.settings import load_settings
from lapor_desktop.training import active_data_dir, base_data_dir
from ui.training_banner import Restart

BENCH_ENV = "LAPOR_DESKTOP_BENCH_EXIT"
FIRST_SYNC_DELAY_MS = 4_000


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lapor-desktop", add_help=False)
    parser.add_argument("--data-dir")
    args, _unknown = parser.parse_known_args(argv)  # Qt options such as -platform pass through
    return args


def load_style() -> str:
    try:
        return resource_path("style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


class _OnFirstPaint(QObject):
    """Calls `callback` once, when `watched` first paints (optionally only once `ready()` holds)."""

    def __init__(
        self, watched: QObject, callback: Callable[[], None], ready: Callable[[], bool] | None = None
    ):
        super().__init__(watched)
        self._callback = callback
        self._ready = ready
        self._watched = watched
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and (self._ready is None or self._ready()):
            self._watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def _bench_exit(event: str) -> None:
    print(f"BENCH {event} {time.time():.6f}", flush=True)
    QApplication.quit()


def _install_translator(app: QApplication, language: str) -> None:
    from ui.i18n import install_translator

    install_translator(app, language)


def start_gui(argv: list[str]) -> int:
    args = parse_gui_args(argv)
    base_dir = resolve_data_dir(args.data_dir)
    qt_app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "lapor-desktop", *argv])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("LAPOR! Desa")
    qt_app.setOrganizationName("LAPOR Desa")
    qt_app.setStyleSheet(load_style())
    from lapor_desktop.logs import remove_logging, setup_logging

    log_file = setup_logging()
    try:
        # One pass per office opened: switching between practice and the real office, or
        # resetting practice, closes the window and everything on the database, then loops.
        while True:
            code, restart = _open_office(qt_app, active_data_dir(base_dir))
            if restart is None:
                return code
            if restart.then is not None:
                restart.then()
    finally:
        if log_file is not None:
            remove_logging(log_file)


def _open_office(qt_app: QApplication, data_dir: Path) -> tuple[int, Restart | None]:
    from ui.services import Services

    db_path = prepare_data_dir(data_dir)
    settings = load_settings(data_dir)
    _install_translator(qt_app, settings.language)
    services = Services(data_dir, db_path)
    try:
        if settings.office is None or not settings.operator:
            from ui.setup_wizard import SetupWizard

            wizard = SetupWizard(services)
            accepted = wizard.exec() == QDialog.DialogCode.Accepted
            if active_data_dir(base_data_dir(data_dir)) != data_dir:
                return 0, Restart(reason="mode")  # the guide or a profile chose the other office
            if not accepted:
                return 0, None
        return _run_main_window(qt_app, services)
    finally:
        services.close()


def _run_main_window(qt_app: QApplication, services: object) -> tuple[int, Restart | None]:
    from ui.main_window import MainWindow
    from ui.services import Services

    assert isinstance(services, Services)
    bench = os.environ.get(BENCH_ENV, "")
    window = MainWindow(services)
    if bench == "shown":
        _OnFirstPaint(window, lambda: _bench_exit("shown"))
    elif bench == "first-page":
        table = window.all_page.table
        _OnFirstPaint(
            table.viewport(), lambda: _bench_exit("first-page"), lambda: window.all_page.model.rowCount() > 0
        )
    else:
        # The write side and the draft check wait until the list is on screen.
        _OnFirstPaint(window, services.warm_up)
        _OnFirstPaint(window, window.offer_unfinished_draft)
        QTimer.singleShot(FIRST_SYNC_DELAY_MS, window.sync.start)
    window.show()
    code = qt_app.exec()
    return code, window.pending_restart
