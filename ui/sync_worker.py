"""Sending and refreshing reports in the background, driven by the window.

One sync at a time runs through `SyncEngine.run_once` on the controller's own
`Runner` (one worker: a sync takes minutes on a slow line and must not hold up
the services' writer or their background pool); progress reaches the UI thread
in order, so the window keeps answering while reports go out. An automatic run
starts every few minutes. `sync.engine` (and with it `requests`) is imported on
the worker, so the first screen never pays for it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from lapor_desktop.domain import ReportState
from lapor_desktop.storage.atomic import write_atomic
from lapor_desktop.timestamps import from_text, to_text, utcnow
from ui.changes import Changes
from ui.operations import Progress, Runner
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


# Sending moves queued reports to sent or needs-fix; pulling updates sent ones.
SYNC_CHANGES = Changes(
    reports=frozenset((ReportState.QUEUED, ReportState.SENT, ReportState.NEEDS_FIX)), replies=True
)


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
        self._runner = Runner(threads=1)
        self._running = False
        self._cancel = threading.Event()
        self.last_summary: Any = None
        self.last_success: dt.datetime | None = read_last_sync(services.data_dir)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.start_automatic)
        if auto_ms:
            self._timer.start(auto_ms)

    @property
    def is_running(self) -> bool:
        return self._running

    def has_server(self) -> bool:
        return bool(self.services.settings().server_url)

    def start(self) -> bool:
        """Start a sync unless one runs or no server is set; returns whether it started."""
        if self._running or not self.has_server():
            return False
        self._cancel = cancel = threading.Event()
        services = self.services

        def work(progress: Progress) -> Any:
            from sync.engine import SyncEngine

            return SyncEngine(services.app()).run_once(progress=progress, cancel=cancel)

        self._running = True
        self._runner.run_with_progress(work, self.progressed.emit, self._succeeded, self._crashed)
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
        self._stopped()

    def _crashed(self, error: Exception) -> None:
        # The operator gets a message; details stay in the log.
        log.error("sync failed: %s", type(error).__name__, exc_info=error)
        self.failed.emit(
            QCoreApplication.translate(
                "SyncController",
                "Pengiriman terhenti karena kesalahan di aplikasi. Laporan tetap tersimpan; coba lagi "
                "nanti atau hubungi pendamping desa.",
            )
        )
        self._stopped()

    def _stopped(self) -> None:
        self.services.notify(SYNC_CHANGES)  # a stopped run may still have sent some
        self._running = False
        self.running_changed.emit(False)

    def cancel(self) -> None:
        self._cancel.set()

    def shutdown(self, msecs: int = 3_000) -> bool:
        """Stop the timer, ask a running sync to stop, and wait for it a little."""
        self._timer.stop()
        if not self._running:
            return True
        self._cancel.set()
        return self._runner.wait(msecs)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._runner.wait(msecs)
