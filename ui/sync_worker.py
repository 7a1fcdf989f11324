"""Sending and refreshing reports in the background, driven by the window.

One sync at a time runs on its own QThread through `SyncEngine.run_once`;
progress reaches the UI thread by a queued signal, so the window keeps
answering while reports go out. An automatic run starts every few minutes.
`sync.engine` (and with it `requests`) is imported inside the thread, so
the first screen never pays for it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from lapor_desktop.storage.atomic import write_atomic
from lapor_desktop.timestamps import from_text, to_text, utcnow
from ui.services import Services

log = logging.getLogger(__name__)

AUTO_SYNC_MS = 3 * 60 * 1000
LAST_SYNC_FILE = "last_sync.json"


def read_last_sync(data_dir: Path) -> dt.datetime | None:
    try:
        return from_text(json.loads((data_dir / LAST_SYNC_FILE).read_text(encoding="utf-8"))["at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_last_sync(data_dir: Path, at: dt.datetime) -> None:
    write_atomic(data_dir / LAST_SYNC_FILE, json.dumps({"at": to_text(at)}).encode("utf-8"))


class _SyncThread(QThread):
    progressed = Signal(object)  # SyncProgress
    succeeded = Signal(object)  # SyncSummary
    crashed = Signal(str)

    def __init__(self, services: Services, cancel: threading.Event) -> None:
        super().__init__()
        self._services = services
        self._cancel = cancel

    def run(self) -> None:
        try:
            from sync.engine import SyncEngine

            engine = SyncEngine(self._services.app())
            summary = engine.run_once(progress=self.progressed.emit, cancel=self._cancel)
        except Exception as exc:  # the operator gets a message; details stay in the log
            log.exception("sync failed: %s", type(exc).__name__)
            self.crashed.emit(
                QCoreApplication.translate(
                    "SyncController",
                    "Pengiriman terhenti karena kesalahan di aplikasi. Laporan tetap tersimpan; coba lagi "
                    "nanti atau hubungi pendamping desa.",
                )
            )
        else:
            self.succeeded.emit(summary)


class SyncController(QObject):
    """Starts syncs (on demand and on a timer) and reports how they went."""

    started = Signal()
    progressed = Signal(object)  # SyncProgress
    finished = Signal(object)  # SyncSummary
    failed = Signal(str)
    running_changed = Signal(bool)

    def __init__(
        self, services: Services, parent: QObject | None = None, *, auto_ms: int | None = AUTO_SYNC_MS
    ):
        super().__init__(parent)
        self.services = services
        self._thread: _SyncThread | None = None
        self._cancel = threading.Event()
        self.last_summary: Any = None
        self.last_success: dt.datetime | None = read_last_sync(services.data_dir)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.start_automatic)
        if auto_ms:
            self._timer.start(auto_ms)

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    def has_server(self) -> bool:
        return bool(self.services.settings().server_url)

    def start(self) -> bool:
        """Start a sync unless one runs or no server is set; returns whether it started."""
        if self._thread is not None or not self.has_server():
            return False
        from PySide6.QtCore import Qt  # not at import time: the first screen does without `Qt`

        self._cancel = threading.Event()
        thread = _SyncThread(self.services, self._cancel)
        queued = Qt.ConnectionType.QueuedConnection
        thread.progressed.connect(self.progressed.emit, queued)
        thread.succeeded.connect(self._succeeded, queued)
        thread.crashed.connect(self._crashed, queued)
        thread.finished.connect(self._thread_finished, queued)
        self._thread = thread
        thread.start()
        self.started.emit()
        self.running_changed.emit(True)
        return True

    def start_automatic(self) -> None:
        # An automatic run must not surprise an operator who is mid-way through
        # fixing a rejected report: sync never touches drafts, so it is safe.
        self.start()

    def _succeeded(self, summary: Any) -> None:
        self.last_summary = summary
        if getattr(summary, "online", False) and not getattr(summary, "auth_problem", None):
            self.last_success = utcnow()
            try:
                write_last_sync(self.services.data_dir, self.last_success)
            except OSError:
                log.warning("could not record the last sync time")
        self.finished.emit(summary)
        self.services.changed.emit()

    def _crashed(self, message: str) -> None:
        self.failed.emit(message)
        self.services.changed.emit()

    def _thread_finished(self) -> None:
        thread = self._thread
        self._thread = None
        if thread is not None:
            thread.deleteLater()
        self.running_changed.emit(False)

    def cancel(self) -> None:
        self._cancel.set()

    def shutdown(self, msecs: int = 3_000) -> bool:
        """Stop the timer, ask a running sync to stop, and wait for it a little."""
        self._timer.stop()
        thread = self._thread
        if thread is None:
            return True
        self._cancel.set()
        return thread.wait(msecs)

    def wait(self, msecs: int = 30_000) -> bool:
        thread = self._thread
        return True if thread is None else thread.wait(msecs)
