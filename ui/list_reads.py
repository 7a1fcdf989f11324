"""A list's reads off the UI thread: each on the list's own connection, only the newest counting.

Typing in the search field asks for a new first page at every pause; the
operator must never wait on one, and an answer that a newer keystroke has
overtaken must never reach the screen. So every read of a list runs on a
one-thread `Runner`, through `Superseding`: a newer request skips the older
ones not yet started, interrupts the one running (`sqlite3`'s `interrupt()`
on this list's connection, which no other reader shares) and drops its result.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lapor_desktop.reports.queries import ReportQueries
from ui.operations import Runner, Superseding

T = TypeVar("T")


def _interrupted(exc: sqlite3.OperationalError) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_INTERRUPT"


class ListReader:
    def __init__(
        self,
        db_path: Path,
        *,
        tz: dt.tzinfo | None = None,
        inline: bool = False,
        storage_failing: Callable[[], bool] = lambda: False,
    ) -> None:
        """`tz`: the office's zone, whose calendar days the date filters mean. While
        `storage_failing()`, each read closes its connection after it: on a full or read-only disk
        a connection kept open can stand in the way of the writer's next attempt."""
        self._queries = ReportQueries(db_path, tz=tz, shared=True, any_thread=True)
        self._storage_failing = storage_failing
        self._latest = Superseding(Runner(threads=1, inline=inline), self._queries.interrupt)

    def read(
        self,
        query: Callable[[ReportQueries], T],
        on_result: Callable[[T], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        """`query(queries)` on the worker; `on_result` on the UI thread unless a newer read came."""
        queries = self._queries

        def run(still_current: Callable[[], bool]) -> T:
            while True:
                try:
                    return query(queries)
                except sqlite3.OperationalError as exc:
                    # Interrupted for a newer read that came just as this one began: read again.
                    if not _interrupted(exc) or not still_current():
                        raise
                finally:
                    if self._storage_failing():
                        queries.close()
                    else:
                        queries.close_if_fallback()

        self._latest.submit(run, on_result, on_failure)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._latest.wait(msecs)

    def release(self) -> None:
        """Close the connection once the current read is done; the next read opens it afresh."""
        self.wait()
        self._queries.close()

    def close(self) -> None:
        self.release()
