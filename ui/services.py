"""What the widgets use to read and change data, without ever blocking the window.

Reads of list pages use the fast sqlite3 path (`ReportQueries`) on the UI
thread: a page costs milliseconds. Everything else (SQLAlchemy-backed
services, attachments, sync) runs through `run()` on a worker. Each `run()`
declares what it changes (`ui.changes.Changes`); `changed` carries that to the
views after a successful change, and each view refreshes only for what it shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from lapor_desktop.offices.settings import Settings, load_settings
from lapor_desktop.reports.queries import ReportQueries
from ui.changes import Changes
from ui.operations import Runner
from ui.storage_faults import FaultWatch

if TYPE_CHECKING:
    from lapor_desktop.app import App

T = TypeVar("T")


class Services(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(str)  # a Bahasa Indonesia message for an operation with no failure handler

    def __init__(self, data_dir: Path, db_path: Path, *, inline: bool = False) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.db_path = db_path
        self.inline = inline  # for pools of a widget's own (tests run them inline too)
        self.queries = ReportQueries(db_path, shared=True)
        self._app: App | None = None
        self._app_lock = threading.Lock()
        self._writer = Runner(threads=1, inline=inline)
        self._background = Runner(threads=2, inline=inline)
        self.faults = FaultWatch(data_dir, self)  # a full or read-only disk: one episode, one dialog

    def settings(self) -> Settings:
        return load_settings(self.data_dir)

    def app(self) -> App:
        """The SQLAlchemy-backed services; the first call imports and opens them (~0.5 s): workers only."""
        with self._app_lock:
            if self._app is None:
                from lapor_desktop.app import App

                self._app = App(self.data_dir, self.db_path)
            return self._app

    def warm_up(self) -> None:
        """Open the write side in the background right after the window shows."""
        self._background.run(self.app)

    def run(
        self,
        fn: Callable[[App], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        changes: Changes | Callable[[T], Changes],
    ) -> None:
        """Run `fn(app)` on the single writer thread; callbacks come back on the UI thread.

        `changes` says what a success changed (a function of the result when that decides it).
        """

        def succeeded(value: Any) -> None:
            done = changes(value) if callable(changes) else changes
            if done and self.faults.current is not None:
                # Something was written: the disk takes writes again. Connections opened while
                # it did not (a read-only view, a file held alone) are opened afresh.
                self.release_reads()
                if self._app is not None:
                    self._app.db.engine.dispose()
                self.faults.succeeded()
            if on_success is not None:
                on_success(value)
            self.notify(done)

        def failed(error: Exception) -> None:
            fault = self.faults.failed(error)  # a storage fault reaches the window through `faults`
            if on_failure is not None:
                on_failure(error)
            elif fault is None:
                self.failed.emit(str(error))

        self._writer.run(lambda: self._write(fn), succeeded, failed)

    def _write(self, fn: Callable[[App], T]) -> T:
        app = self.app()
        try:
            return fn(app)
        except Exception as error:
            from lapor_desktop.storage.faults import classify

            if classify(error, self.data_dir) is not None:
                # On a full or read-only disk a connection may have had to lock the file for itself
                # (see `storage.pragmas.connect`): drop it, so a later attempt starts afresh.
                app.db.engine.dispose()
            raise

    def release_reads(self) -> None:
        """Close the window's read connection (it reopens on the next read), before a write is retried:
        on a disk that was full at start it may hold the file for itself."""
        self.queries.close()

    def notify(self, changes: Changes) -> None:
        """Tell the views about a change made elsewhere (the sync, for one)."""
        if changes:
            self.changed.emit(changes)

    def run_background(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run work that does not write the database (network, image decoding) on another worker."""
        self._background.run(fn, on_success, on_failure)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._writer.wait(msecs) and self._background.wait(msecs)

    def close(self) -> None:
        self.wait()
        self.queries.close()
        if self._app is not None:
            self._app.close()
