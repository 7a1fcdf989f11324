"""What the widgets use to read and change data, without ever blocking the window.

List pages read on the fast sqlite3 path (`ReportQueries`), each through a
`ListReader` of its own, off the UI thread (`list_reader`). Everything else (SQLAlchemy-backed
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
from ui.list_reads import ListReader
from ui.operations import Runner

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
        self.queries = ReportQueries(db_path)
        self._app: App | None = None
        self._app_lock = threading.Lock()
        self._inline = inline
        self._writer = Runner(threads=1, inline=inline)
        self._background = Runner(threads=2, inline=inline)
        self._list_readers: list[ListReader] = []

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
            if on_success is not None:
                on_success(value)
            self.notify(changes(value) if callable(changes) else changes)

        def failed(error: Exception) -> None:
            if on_failure is not None:
                on_failure(error)
            else:
                self.failed.emit(str(error))

        self._writer.run(lambda: fn(self.app()), succeeded, failed)

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

    def list_reader(self) -> ListReader:
        """Reads for one list page: its own worker and connection (a slow sort never holds up a
        save, and interrupting it stops no one else's query)."""
        reader = ListReader(self.db_path, inline=self._inline)
        self._list_readers.append(reader)
        return reader

    def wait(self, msecs: int = 30_000) -> bool:
        return self._writer.wait(msecs) and self._background.wait(msecs)

    def close(self) -> None:
        self.wait()
        for reader in self._list_readers:
            reader.close()
        self.queries.close()
        if self._app is not None:
            self._app.close()
