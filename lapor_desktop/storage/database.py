"""The SQLite engine for writes: durable pragmas and immediate transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from lapor_desktop.storage.pragmas import connect


def make_engine(db_path: Path) -> Engine:
    # Statement parameters hold names, NIKs and phone numbers: never in an error's text.
    # The creator is the stdlib path's `connect`: the same pragmas, and reads go on on a full disk.
    engine = create_engine(
        f"sqlite:///{db_path}",
        future=True,
        hide_parameters=True,
        creator=lambda: connect(str(db_path), pooled=True),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE itself: taking the
        # write lock up front avoids SQLITE_BUSY on a read->write upgrade when
        # the GUI and a CLI run write at the same time.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]

    return engine


def driver_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under `session`, in its transaction (begun if need be).

    For the few hot paths that write many rows (recording, a paket's reports)
    with plain SQL; everything else goes through the session.
    """
    return session.connection().connection.driver_connection  # type: ignore[return-value]


class Database:
    """Owns the engine; `transaction()` is the way to change data, `write()` its plain-SQL form."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self.engine = make_engine(db_path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit of work: commits on success, rolls back on any error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """The same atomic unit as `transaction()`, as a plain sqlite3 connection (BEGIN IMMEDIATE
        ... COMMIT, ROLLBACK on any error), from the same pool with the same pragmas.

        For recording a report, which the citizen waits for and `bench_storage`
        holds to twice a raw INSERT: the session's own begin and commit cost
        about as much as the INSERT.
        """
        with self.engine.connect() as pooled:
            connection: sqlite3.Connection = pooled.connection.driver_connection  # type: ignore[assignment]
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def dispose(self) -> None:
        self.engine.dispose()
