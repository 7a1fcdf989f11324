"""Running work off the UI thread, with results (and progress) delivered back on it.

The one way the window runs background work. Each `Runner` is a pool with a
purpose: the services' writer (one thread: SQLite has one writer, and saves
land in the order the operator acted), the services' background pool (network
probes, thumbnails), a list page's sorted reads (own connection, so a slow
sort never holds up a save) and the sync (long, cancellable, reports
progress). Callbacks run on the UI thread via a queued signal. In tests,
`inline=True` runs everything synchronously, as Picard does, so widget tests
need no waiting.

`Superseding` runs reads on a Runner where only the newest request counts (a
list as the operator types): older requests are skipped, stopped or dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
Progress = Callable[[Any], None]


class _Relay(QObject):
    """Lives on the UI thread; signals emitted from a worker arrive queued here."""

    done = Signal(object, object, object)  # callback, value, error

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._deliver)

    @Slot(object, object, object)
    def _deliver(self, callback: Callable[[Any, BaseException | None], None], value: Any, error: Any) -> None:
        callback(value, error)


class _Task(QRunnable):
    def __init__(
        self, fn: Callable[[], Any], relay: _Relay, finish: Callable[[Any, BaseException | None], None]
    ):
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._finish = finish

    def run(self) -> None:
        try:
            value = self._fn()
        except Exception as exc:  # delivered to on_failure on the UI thread
            # The type only: an SQL error's text carries the statement's parameters (personal data).
            log.debug("background operation failed: %s", type(exc).__name__)
            self._relay.done.emit(self._finish, None, exc)
        else:
            self._relay.done.emit(self._finish, value, None)


class Runner:
    """`run(fn, on_success, on_failure)`: fn runs on a worker, callbacks on the UI thread."""

    def __init__(self, *, threads: int = 1, inline: bool = False) -> None:
        self.inline = inline
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay()

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callback | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        def finish(value: Any, error: BaseException | None) -> None:
            if error is None:
                if on_success is not None:
                    on_success(value)
            elif on_failure is not None:
                on_failure(error)  # type: ignore[arg-type]
            else:
                log.error("background operation failed: %s", type(error).__name__)

        if self.inline:
            try:
                value = fn()
            except Exception as exc:
                finish(None, exc)
            else:
                finish(value, None)
            return
        self._pool.start(_Task(fn, self._relay, finish))

    def run_with_progress(
        self,
        fn: Callable[[Progress], Any],
        on_progress: Callback,
        on_success: Callback | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """As `run`, for work that reports as it goes: `fn(progress)` may call `progress(value)`
        from the worker, and `on_progress(value)` follows on the UI thread, in order."""
        if self.inline:
            self.run(lambda: fn(on_progress), on_success, on_failure)
            return
        relay = self._relay

        def progress(value: Any) -> None:
            relay.done.emit(lambda delivered, _error: on_progress(delivered), value, None)

        self.run(lambda: fn(progress), on_success, on_failure)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)


class Superseded(Exception):
    """A request overtaken by a newer one before it started: it is skipped, and nobody hears of it."""


class Superseding:
    """Requests on a one-thread Runner where each newer one supersedes those before it.

    A superseded request that has not started is skipped; one that is running is
    asked to stop (`stop_running`, e.g. `sqlite3.Connection.interrupt`); and a
    superseded result or failure never reaches its callbacks, so a slow old
    answer can never replace a newer one on screen. `stop_running` is called
    under a lock that the worker also takes around each request, so it only
    ever reaches a superseded request (or, between two requests, nothing).
    """

    def __init__(self, runner: Runner, stop_running: Callable[[], None]) -> None:
        self._runner = runner
        self._stop_running = stop_running
        self._lock = threading.Lock()
        self._latest = 0
        self._running: int | None = None

    @property
    def latest(self) -> int:
        return self._latest

    def is_current(self, ticket: int) -> bool:
        return ticket == self._latest

    def submit(
        self,
        fn: Callable[[Callable[[], bool]], Any],
        on_success: Callback,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> int:
        """Run `fn(still_current)` after the requests before it; return this request's ticket.

        `still_current()` tells the work whether a newer request came (so it can
        retry after being stopped for nothing, or give up early).
        """
        with self._lock:
            self._latest += 1
            ticket = self._latest
            if self._running is not None:
                self._stop_running()

        def still_current() -> bool:
            return ticket == self._latest

        def work() -> Any:
            with self._lock:
                if ticket != self._latest:
                    raise Superseded()
                self._running = ticket
            try:
                return fn(still_current)
            finally:
                with self._lock:
                    self._running = None

        def succeeded(value: Any) -> None:
            if ticket == self._latest:
                on_success(value)

        def failed(error: Exception) -> None:
            if ticket == self._latest and not isinstance(error, Superseded) and on_failure is not None:
                on_failure(error)

        self._runner.run(work, succeeded, failed)
        return ticket

    def wait(self, msecs: int = 30_000) -> bool:
        return self._runner.wait(msecs)
