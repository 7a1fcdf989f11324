"""Starting the window: data dir, translator, style, first-start guide, main window.

Start-up happens in three steps, each on screen before the next begins:
1. the window's frame: navigation with counts, status bar, menu (no list yet);
2. the start page, built right after that first paint (`MainWindow.list_page`);
3. once that page is on screen (`MainWindow.first_page_ready`): the log file,
   the write side on a worker (`Services.warm_up`, SQLAlchemy), the offer to
   continue a draft.
Nothing before step 3 imports SQLAlchemy, `requests` or Pillow: the lists read
through stdlib sqlite3.

`LAPOR_DESKTOP_BENCH_EXIT=shown|first-page` makes the app print
``BENCH <event> <unix time>`` and quit at that moment, so benchmarks can time
the real start-up from outside.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.offices.settings import load_settings
from lapor_desktop.offices.training import active_data_dir, base_data_dir
from lapor_desktop.resources import resource_path
from lapor_desktop.storage.paths import resolve_data_dir
from ui.error_reporting import installed_error_hook
from ui.first_paint import after_first_paint
from ui.restart import Restart
from ui.storage_fault_dialog import EXIT_STORAGE_FAULT, Outcome, open_guarded

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
    log_file = _LogFile(base_dir)

    def send_log() -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(active_data_dir(base_dir), qt_app.activeWindow()).choose_and_make_zip()

    try:
        # One pass per office opened: switching between practice and the real office,
        # resetting practice or changing the language closes the window and everything
        # on the database, then loops. An error in a slot is logged and told (ui.error_reporting).
        open_at = ""
        with installed_error_hook(send_log, log_file.start):
            while True:
                data_dir = active_data_dir(base_dir)
                # A lost or corrupt database, a full or read-only disk: a dialog with the way out, no traceback.
                opened = open_guarded(
                    data_dir,
                    lambda: _open_office(qt_app, data_dir, log_file, open_at),  # noqa: B023 (called at once)
                    before_dialog=log_file.start,
                )
                if isinstance(opened, Outcome):
                    if opened is Outcome.QUIT:
                        return EXIT_STORAGE_FAULT
                    open_at = ""
                    continue  # restored, or the disk was fixed: open the office again
                code, restart = opened
                if restart is None:
                    return code
                if restart.then is not None:
                    restart.then()
                open_at = restart.open_at
    except Exception:
        log_file.start()
        logging.getLogger(__name__).exception("the window stopped on an error")
        raise
    finally:
        log_file.stop()


class _LogFile:
    """The support log, opened once the first window is on screen: its imports cost ~20 ms.

    Until then warnings go to stderr (Python's last-resort handler), and an
    error that stops start-up opens the file to be written there.
    """

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._started = False
        self._path: Path | None = None

    def start(self) -> None:
        if not self._started:
            from lapor_desktop.support.logs import default_log_dir, setup_logging

            self._started = True
            # The office's own folder; the user's log dir when that cannot be written.
            self._path = setup_logging(default_log_dir(self._data_dir)) or setup_logging(default_log_dir())

    def stop(self) -> None:
        if self._path is not None:
            from lapor_desktop.support.logs import remove_logging

            remove_logging(self._path)
            self._path = None


def _open_office(
    qt_app: QApplication, data_dir: Path, log_file: _LogFile, open_at: str = ""
) -> tuple[int, Restart | None]:
    from ui.services import Services

    settings = load_settings(data_dir)
    _install_translator(qt_app, settings.language)  # first: a storage fault's dialog speaks it too
    db_path = prepare_data_dir(data_dir)
    services = Services(data_dir, db_path)
    try:
        if settings.office is None or not settings.operator:
            from ui.setup_wizard import SetupWizard

            log_file.start()
            wizard = SetupWizard(services)
            accepted = wizard.exec() == QDialog.DialogCode.Accepted
            if active_data_dir(base_data_dir(data_dir)) != data_dir:
                return 0, Restart(reason="mode")  # the guide or a profile chose the other office
            if not accepted:
                return 0, None
        return _run_main_window(qt_app, services, log_file, open_at)
    finally:
        services.close()


def _run_main_window(
    qt_app: QApplication, services: object, log_file: _LogFile, open_at: str = ""
) -> tuple[int, Restart | None]:
    from ui.main_window import MainWindow
    from ui.navigation import Place
    from ui.services import Services

    assert isinstance(services, Services)
    bench = os.environ.get(BENCH_ENV, "")
    window = MainWindow(services, start_place=Place(open_at) if open_at else Place.ALL)
    if bench == "shown":
        after_first_paint(window, lambda: _bench_exit("shown"))
    elif bench == "first-page":
        window.first_page_ready.connect(lambda: _bench_exit("first-page"))
    # What can wait waits until the list is on screen: the log, the write side
    # (SQLAlchemy, ~0.4 s of imports on a worker that would share the GIL), the draft offer.
    window.first_page_ready.connect(log_file.start)
    if not bench:
        window.first_page_ready.connect(services.warm_up)
        window.first_page_ready.connect(window.safeguards.start)  # disk check, daily snapshot, reminder
        window.first_page_ready.connect(window.offer_unfinished_draft)
        QTimer.singleShot(FIRST_SYNC_DELAY_MS, window.sync.start)
    window.show()
    code = qt_app.exec()
    return code or window.safeguards.exit_code, window.pending_restart
