"""The training server's SQLite schema and how an older store is brought forward in place.

`PRAGMA user_version` holds the schema version. Version 1 is the store of the
1.0 training server (a trainer may bring one from the last Bimtek, with its
tokens and reports); it carried no version, so a store with tables and
version 0 is a version 1 store. Version 2 adds what contract 1.1 needs:
the agency a report asks for and the one handling it, when its status and
its current step began (for `due_at` and the reply window), and replies from
the reporter among the responses (with their role, `client_id`, content and
the change that wrote them).

Before an existing store is changed, a copy is taken beside it with SQLite's
online backup (`training-backup-v1.sqlite3`), owner-only like the store.
A fresh store goes through the same steps as an old one, so the migration
path is the one every test exercises.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .private import private_file

SCHEMA_VERSION = 2

V1 = (
    """CREATE TABLE IF NOT EXISTS tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE IF NOT EXISTS reports (
        id INTEGER PRIMARY KEY,
        token_id INTEGER NOT NULL REFERENCES tokens(id),
        client_id TEXT NOT NULL,
        tracking_id TEXT NOT NULL UNIQUE,
        content TEXT NOT NULL,
        classification TEXT NOT NULL,
        title TEXT NOT NULL,
        category_code TEXT NOT NULL,
        status TEXT NOT NULL,
        received_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        change_seq INTEGER NOT NULL,
        UNIQUE (token_id, client_id)
    )""",
    "CREATE INDEX IF NOT EXISTS reports_by_token_change ON reports (token_id, change_seq)",
    """CREATE TABLE IF NOT EXISTS changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id INTEGER NOT NULL REFERENCES reports(id),
        kind TEXT NOT NULL,
        status TEXT,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS changes_by_report ON changes (report_id, seq)",
    """CREATE TABLE IF NOT EXISTS responses (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id),
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS responses_by_report ON responses (report_id, id)",
    """CREATE TABLE IF NOT EXISTS attachments (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        stored_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
)

V2 = (
    # The agency the report asked for (ReportIn.agency_code) and the one LAPOR! passed it on to.
    "ALTER TABLE reports ADD COLUMN agency_code TEXT",
    "ALTER TABLE reports ADD COLUMN handling_agency_code TEXT",
    "ALTER TABLE reports ADD COLUMN handling_agency_name TEXT",
    # When the current status was reached, and when the current deadline step began.
    "ALTER TABLE reports ADD COLUMN status_at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE reports ADD COLUMN step_started_at TEXT NOT NULL DEFAULT ''",
    """UPDATE reports SET status_at = COALESCE(
        (SELECT c.at FROM changes c WHERE c.report_id = reports.id AND c.status IS NOT NULL
          ORDER BY c.seq DESC LIMIT 1),
        received_at)""",
    "UPDATE reports SET step_started_at = status_at",
    # Every 1.0 response was written on the trainer page as the agency.
    "ALTER TABLE responses ADD COLUMN author_role TEXT NOT NULL DEFAULT 'agency'",
    "ALTER TABLE responses ADD COLUMN token_id INTEGER REFERENCES tokens(id)",
    "ALTER TABLE responses ADD COLUMN client_id TEXT",
    "ALTER TABLE responses ADD COLUMN content TEXT",
    # The change that wrote a response, so that a conversation reads in the order it happened
    # even within one second; for 1.0 rows, the response change of the same report and time.
    "ALTER TABLE responses ADD COLUMN change_seq INTEGER",
    """UPDATE responses SET change_seq = (
        SELECT MIN(c.seq) FROM changes c
         WHERE c.report_id = responses.report_id AND c.kind = 'response' AND c.at = responses.at)""",
    # A reply's client_id is its idempotency key, per token like a report's.
    "CREATE UNIQUE INDEX replies_by_client ON responses (token_id, client_id) WHERE client_id IS NOT NULL",
)

STEPS = {1: V1, 2: V2}
BACKUP_NAME = "training-backup-v{version}.sqlite3"


class NewerStore(RuntimeError):
    """The store was written by a newer training server."""


def _version(conn: sqlite3.Connection) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0 and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reports'").fetchone():
        return 1
    return version


def _back_up(conn: sqlite3.Connection, db_path: Path, version: int) -> None:
    target = db_path.with_name(BACKUP_NAME.format(version=version))
    if target.exists():
        return
    private_file(target)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()


def migrate(conn: sqlite3.Connection, db_path: Path) -> int:
    """Bring the store to `SCHEMA_VERSION`; returns the version it had (0 for a new store).

    Safe with several processes opening the store at once: the version is read
    again inside the write transaction.
    """
    found = _version(conn)
    if found > SCHEMA_VERSION:
        raise NewerStore(
            f"Data server pelatihan di {db_path.parent} dibuat oleh versi yang lebih baru "
            f"(skema {found}); perbarui aplikasi LAPOR Desa."
        )
    if found == SCHEMA_VERSION:
        return found
    if found >= 1 and conn.execute("SELECT 1 FROM reports LIMIT 1").fetchone():
        _back_up(conn, db_path, found)
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = _version(conn)
        for version in range(found + 1, SCHEMA_VERSION + 1):
            for statement in STEPS[version]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return found
