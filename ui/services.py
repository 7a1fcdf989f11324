"""What the widgets use to read and change data, without ever blocking the window.

List pages read on the fast sqlite3 path (`ReportQueries`), each through a
`ListReader` of its own, off the UI thread (`list_reader`). Everything else (SQLAlchemy-backed
services, attachments, sync) runs through `run()` on a worker. Each `run()`
declares what it changes (`ui.changes.Changes`); `changed` carries that to the
views after a successful change, and each view refreshes only for what it shows.

Writes by others (the CLI, another window, a `sync --watch`) are noticed by
polling SQLite's `PRAGMA data_version` on the read connection every
`WATCH_MS`: a counter that moves only when another connection commits, so the
poll costs microseconds and reads nothing. A move the window did not announce
itself is passed on as `OTHER_WRITERS` (any report may have changed).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from lapor_desktop.offices.settings import Settings, load_settings
from lapor_desktop.reports.queries import ReportQueries
from ui.changes import EVERY_REPORT, Changes
from ui.list_reads import ListReader
from ui.main_thread_gc import MainThreadCollector
from ui.office_time import office_zone
from ui.operations import Progress, Runner
from ui.storage_faults import FaultWatch

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from lapor_desktop.penduduk.service import PendudukService

T = TypeVar("T")

WATCH_MS = 1_500
OTHER_WRITERS = EVERY_REPORT  # what someone else wrote is not known: any report, any review


class Services(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(str)  # a Bahasa Indonesia message for an operation with no failure handler

    def __init__(
        self, data_dir: Path, db_path: Path, *, inline: bool = False, watch_ms: int | None = WATCH_MS
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.db_path = db_path
        self.zone = office_zone(data_dir)  # the office's WIB/WITA/WIT: its days and its clock
        self.queries = ReportQueries(db_path, tz=self.zone.tz, shared=True)
        self.inline = inline  # for pools of a widget's own (tests run them inline too)
        self._app: App | None = None
        self._app_lock = threading.Lock()
        self._penduduk: PendudukService | None = None
        self._penduduk_lock = threading.Lock()
        self._writer = Runner(threads=1, inline=inline)
        self._background = Runner(threads=2, inline=inline)
        self.faults = FaultWatch(data_dir, self)  # a full or read-only disk: one episode, one dialog
        self._known_version: int | None = None
        self._watch = QTimer(self)
        self._watch.timeout.connect(self.check_for_other_writers)
        if watch_ms:
            self._known_version = self.queries.data_version()
            self._watch.start(watch_ms)
        self._list_readers: list[ListReader] = []
        self._heap_frozen = False
        self._collector = MainThreadCollector(self)  # Qt objects are freed on this thread only
        self._collector.start()

    def settings(self) -> Settings:
        return load_settings(self.data_dir)

    def app(self) -> App:
        """The SQLAlchemy-backed services; the first call imports and opens them (~0.5 s): workers only."""
        with self._app_lock:
            if self._app is None:
                from lapor_desktop.app import App

                self._app = App(self.data_dir, self.db_path)
            return self._app

    def penduduk(self) -> PendudukService:
        """The population register (stdlib sqlite3, opened in a moment; safe from any thread)."""
        with self._penduduk_lock:
            if self._penduduk is None:
                from lapor_desktop.penduduk.service import PendudukService

                self._penduduk = PendudukService(self.db_path)
            return self._penduduk

    def warm_up(self) -> None:
        """Open the write side in the background right after the window shows; then freeze the heap."""
        self._background.run(self.app, lambda _app: self._freeze_heap())

    def _freeze_heap(self) -> None:
        # Start-up is over: what is loaded now (modules, SQLAlchemy, the window) stays while this
        # office is open. A full collection walks all of it, ~35 ms on this heap, holding the GIL on
        # whichever thread triggers it, so the UI thread stops for that long; frozen, it is skipped.
        gc.freeze()
        self._heap_frozen = True

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
        succeeded, failed = self._finishers(on_success, on_failure, changes)
        self._writer.run(lambda: self._write(fn), succeeded, failed)

    def run_write(
        self,
        fn: Callable[[Progress], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        changes: Changes | Callable[[T], Changes],
        on_progress: Callable[[Any], None] | None = None,
    ) -> None:
        """As `run`, for a write that needs no `App` (the population register): `fn(progress)` runs
        on the writer thread; what it passes to `progress` reaches `on_progress` on the UI thread."""
        succeeded, failed = self._finishers(on_success, on_failure, changes)
        self._writer.run_with_progress(fn, on_progress or (lambda _value: None), succeeded, failed)

    def _finishers(
        self,
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[Exception], None] | None,
        changes: Changes | Callable[[T], Changes],
    ) -> tuple[Callable[[T], None], Callable[[Exception], None]]:
        def succeeded(value: T) -> None:
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

        return succeeded, failed

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
        for reader in self._list_readers:
            reader.release()
        if self._penduduk is not None:
            self._penduduk.close()  # the register's lookups reopen it

    def notify(self, changes: Changes) -> None:
        """Tell the views about a change made elsewhere (the sync, for one)."""
        if changes:
            self.changed.emit(changes)
            # The views have what is committed now; the poll need not report it again.
            if self._watch.isActive():
                self._known_version = self.queries.data_version()

    def check_for_other_writers(self) -> bool:
        """Whether someone else committed since the last look; if so the views refresh (the poll)."""
        version = self.queries.data_version()
        if self._known_version is None or version == self._known_version:
            self._known_version = version
            return False
        self._known_version = version
        self.changed.emit(OTHER_WRITERS)
        return True

    def run_background(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run work that does not write the database (network, image decoding) on another worker."""
        self._background.run(fn, on_success, on_failure)

    def list_reader(self) -> ListReader:
        """Reads for one list page: its own worker and connection (a slow sort never holds up a
        save, and interrupting it stops no one else's query)."""
        reader = ListReader(
            self.db_path,
            tz=self.zone.tz,
            inline=self.inline,
            storage_failing=lambda: self.faults.current is not None,
        )
        self._list_readers.append(reader)
        return reader

    def wait(self, msecs: int = 30_000) -> bool:
        return self._writer.wait(msecs) and self._background.wait(msecs)

    def close(self) -> None:
        self._watch.stop()
        self.wait()
        if self._heap_frozen:
            gc.unfreeze()  # the window's objects may be collected again (another office may open next)
            self._heap_frozen = False
        for reader in self._list_readers:
            reader.close()
        self.queries.close()
        if self._penduduk is not None:
            self._penduduk.close()
        if self._app is not None:
            self._app.close()
        self._collector.stop()
