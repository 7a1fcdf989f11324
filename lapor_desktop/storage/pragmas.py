"""Connection settings every connection to the app database gets.

Kept free of SQLAlchemy so the fast read path (stdlib sqlite3) shares them.
"""

from __future__ import annotations

import os
import sqlite3
import time
from urllib.parse import quote

BUSY_TIMEOUT_MS = 15_000
# The exclusive fallback gives up at once when another connection already holds the file (in
# this process, the window's list): waiting could not help, and the immutable view can still read.
_FALLBACK_BUSY_MS = 100

# What SQLite says when it cannot make or grow the WAL index (`-shm`) or the `-wal`
# file: a full disk, or a read-only folder.
_INDEX_UNAVAILABLE = frozenset({"SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_READONLY_CANTINIT"})


def apply_pragmas(connection: sqlite3.Connection, *, busy_ms: int = BUSY_TIMEOUT_MS) -> None:
    # WAL survives power cuts with synchronous=FULL and lets readers run while
    # the outbox writes; foreign keys are off by default in SQLite.
    connection.execute(f"PRAGMA busy_timeout = {busy_ms}")
    _set_wal(connection, busy_ms)
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")


def _set_wal(connection: sqlite3.Connection, busy_ms: int) -> None:
    # On a brand-new file another process may be creating the schema: switching the
    # journal mode then fails at once with SQLITE_BUSY (SQLite skips the busy
    # handler where waiting could deadlock), so wait here, up to the busy timeout.
    deadline = time.monotonic() + busy_ms / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_BUSY" or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def connect(
    db_path: str, *, readonly: bool = False, pooled: bool = False, shared: bool = False
) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode (transactions are explicit).

    `pooled`: for SQLAlchemy's pool, which hands a connection to one thread
    at a time but not always the thread that made it.

    On a full or read-only disk SQLite cannot make its shared WAL index, and
    every read would fail; then the connection keeps the index in its own
    memory (exclusive locking: nobody else can share a full disk's database
    anyway) or, on read-only media with an empty WAL, opens the file as
    immutable. Reading goes on; writing still fails, as a storage fault.

    `shared`: a reader in a process with other connections (the window's
    lists) takes the immutable view first when it can, so that it never holds
    the file alone: the window's writer must still be able to try (and, once
    there is room again, to succeed). Such a reader is reopened once writing
    works again (`ui.services.Services.release_reads`).
    """
    same_thread = not pooled
    try:
        return _connect(db_path, readonly=readonly, same_thread=same_thread)
    except sqlite3.OperationalError as exc:
        if not _index_unavailable(exc) or not os.path.isfile(db_path):
            raise
        first = exc
    if shared and _wal_is_empty(db_path):
        return _connect_immutable(db_path, same_thread)
    try:
        return _connect_exclusive(db_path, same_thread)
    except sqlite3.OperationalError:
        pass
    if _wal_is_empty(db_path):
        return _connect_immutable(db_path, same_thread)
    raise first


def _connect(db_path: str, *, readonly: bool, same_thread: bool) -> sqlite3.Connection:
    if readonly:
        connection = sqlite3.connect(
            f"file:{db_path}?mode=ro", uri=True, isolation_level=None, check_same_thread=same_thread
        )
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA schema_version").fetchone()  # first read: opens the WAL index
        except BaseException:
            connection.close()
            raise
        return connection
    connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=same_thread)
    try:
        apply_pragmas(connection)
    except BaseException:
        connection.close()
        raise
    return connection


class FallbackConnection(sqlite3.Connection):
    """A connection opened the fallback way (exclusive or immutable): a reader closes it after use,
    so it neither shuts out the writer nor misses what is written once the disk works again."""


def _connect_exclusive(db_path: str, same_thread: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(
        db_path, isolation_level=None, check_same_thread=same_thread, factory=FallbackConnection
    )
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")  # before the first read: no -shm at all
        apply_pragmas(connection, busy_ms=_FALLBACK_BUSY_MS)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        connection.close()
        raise
    return connection


def _connect_immutable(db_path: str, same_thread: bool) -> sqlite3.Connection:
    uri = f"file:{quote(db_path)}?mode=ro&immutable=1"
    connection = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=same_thread, factory=FallbackConnection
    )
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _index_unavailable(exc: sqlite3.OperationalError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_IOERR") or name in _INDEX_UNAVAILABLE


def _wal_is_empty(db_path: str) -> bool:
    try:
        return os.path.getsize(f"{db_path}-wal") == 0
    except OSError:
        return True
