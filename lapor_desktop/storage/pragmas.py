"""Connection settings every connection to the app database gets.

Kept free of SQLAlchemy so the fast read path (stdlib sqlite3) shares them.
"""

from __future__ import annotations

import sqlite3

BUSY_TIMEOUT_MS = 15_000


def apply_pragmas(connection: sqlite3.Connection) -> None:
    # WAL survives power cuts with synchronous=FULL and lets readers run while
    # the outbox writes; foreign keys are off by default in SQLite.
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")


def connect(db_path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode (transactions are explicit)."""
    if readonly:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection
    connection = sqlite3.connect(db_path, isolation_level=None)
    apply_pragmas(connection)
    return connection
