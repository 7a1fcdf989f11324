"""An error the code did not expect, while the window runs: into the support log, and a calm word.

PySide6 hands an exception raised in a slot or a Qt override to
`sys.excepthook` (and carries on); Python hands one in a plain thread to
`threading.excepthook`. While the window runs both go to the log (redacted on
its way to the file, traceback included), so *Kirim log* carries them, and the
operator sees one message, with *Kirim log…*, not a traceback on a console
nobody reads. A second error while that message is open is logged only.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


class ErrorReporter:
    def __init__(
        self, send_log: Callable[[], None] | None = None, open_log: Callable[[], None] | None = None
    ) -> None:
        self._send_log = send_log
        self._open_log = open_log  # the log file may not be open yet (it opens after the first paint)
        self._box: QMessageBox | None = None

    def _log(self, message: str, *args: object, exc_info: object) -> None:
        if self._open_log is not None:
            self._open_log()
        log.error(message, *args, exc_info=exc_info)  # type: ignore[arg-type]

    def python_error(
        self, kind: type[BaseException], value: BaseException, traceback: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        self._log("unexpected error in the window", exc_info=(kind, value, traceback))
        self._tell()

    def thread_error(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self._log(
            "unexpected error in thread %s",
            getattr(args.thread, "name", "?"),
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    def _tell(self) -> None:
        if self._box is not None and self._box.isVisible():
            return  # one message at a time; the log has every error
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "LAPOR! Desa",
            QCoreApplication.translate(
                "ErrorReporter", "Terjadi kesalahan di aplikasi. Laporan yang sudah tersimpan tetap aman."
            ),
            QMessageBox.StandardButton.Close,
            QApplication.activeWindow(),
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ErrorReporter",
                "Jika pekerjaan tadi belum selesai, coba sekali lagi. Bila kesalahan ini muncul lagi, "
                "pilih Kirim log… dan kirim berkasnya ke pendamping desa atau tim dukungan.",
            )
        )
        if self._send_log is not None:
            send = box.addButton(
                QCoreApplication.translate("ErrorReporter", "Kirim log…"), QMessageBox.ButtonRole.ActionRole
            )
            send.clicked.connect(self._send_log)
        self._box = box
        box.open()


@contextmanager
def installed_error_hook(
    send_log: Callable[[], None] | None = None, open_log: Callable[[], None] | None = None
) -> Iterator[ErrorReporter]:
    """Route unexpected errors to the log (opened by `open_log` first) and the operator while the block runs."""
    reporter = ErrorReporter(send_log, open_log)
    previous = sys.excepthook, threading.excepthook
    sys.excepthook = reporter.python_error
    threading.excepthook = reporter.thread_error
    try:
        yield reporter
    finally:
        sys.excepthook, threading.excepthook = previous
