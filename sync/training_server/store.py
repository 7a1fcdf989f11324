"""The training server's own SQLite store: tokens, reports, follow-ups, files.

One SQLite file (`training.sqlite3`) in the caller's data dir, WAL with
`synchronous=FULL` so that an answered POST survives a power cut, and an
`attachments/` folder of content-addressed files written atomically.

Every change to a report (received, status moved, response written) takes
the next value of one global sequence; the pull cursor is that value, which
makes "oldest change first" and "nothing missed" hold under concurrency:
SQLite runs one write transaction at a time, so sequence order is commit
order.

The HTTP server is multi-threaded: each thread gets its own connection.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.storage.atomic import write_atomic

from .http_io import rfc3339, utc_now

STATUSES = ("pending_verification", "verified", "in_progress", "completed", "rejected", "archived")
DB_NAME = "training.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS reports (
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
);
CREATE INDEX IF NOT EXISTS reports_by_token_change ON reports (token_id, change_seq);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    kind TEXT NOT NULL,
    status TEXT,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_report ON changes (report_id, seq);
CREATE TABLE IF NOT EXISTS responses (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS responses_by_report ON responses (report_id, id);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

REPORT_COLUMNS = (
    "r.id, r.token_id, t.name, r.client_id, r.tracking_id, r.content, r.classification, r.title, "
    "r.category_code, r.status, r.received_at, r.updated_at, r.change_seq"
)


class UnknownReport(LookupError):
    pass


@dataclass(frozen=True)
class Token:
    id: int
    name: str
    token: str
    created_at: str
    enabled: bool


@dataclass(frozen=True)
class StoredReport:
    id: int
    token_id: int
    token_name: str
    client_id: str
    tracking_id: str
    content: str
    classification: str
    title: str
    category_code: str
    status: str
    received_at: str
    updated_at: str
    change_seq: int


@dataclass(frozen=True)
class StoredResponse:
    id: str
    at: str
    author: str
    text: str


@dataclass(frozen=True)
class StatusEvent:
    status: str
    at: str


def _report(row: tuple) -> StoredReport:
    return StoredReport(*row)


def _response(row: tuple) -> StoredResponse:
    return StoredResponse(f"RSP-{row[0]:06d}", row[1], row[2], row[3])


def _token(row: tuple) -> Token:
    return Token(row[0], row[1], row[2], row[3], bool(row[4]))


def _record_change(conn: sqlite3.Connection, report_id: int, kind: str, status: str | None, at: str) -> int:
    cursor = conn.execute(
        "INSERT INTO changes (report_id, kind, status, at) VALUES (?, ?, ?, ?)", (report_id, kind, status, at)
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


class Intake:
    """Report intake inside one write transaction (one POST or one whole batch)."""

    def __init__(self, conn: sqlite3.Connection, attachments_dir: Path) -> None:
        self._conn = conn
        self._attachments_dir = attachments_dir

    def find(self, token_id: int, client_id: str) -> StoredReport | None:
        row = self._conn.execute(
            f"SELECT {REPORT_COLUMNS} FROM reports r JOIN tokens t ON t.id = r.token_id "
            "WHERE r.token_id = ? AND r.client_id = ?",
            (token_id, client_id),
        ).fetchone()
        return _report(row) if row else None

    def missing_attachments(self, shas: tuple[str, ...]) -> list[str]:
        missing: list[str] = []
        for sha in shas:
            if sha in missing:
                continue
            held = self._conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)).fetchone()
            if not held:
                missing.append(sha)
        return missing

    def insert(
        self, token_id: int, client_id: str, content: str, classification: str, title: str, category_code: str
    ) -> StoredReport:
        now = utc_now()
        at = rfc3339(now)
        (next_id,) = self._conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM reports").fetchone()
        tracking_id = f"LPR-{now.year}-{next_id:06d}"
        self._conn.execute(
            "INSERT INTO reports (id, token_id, client_id, tracking_id, content, classification, title, "
            "category_code, status, received_at, updated_at, change_seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (
                next_id,
                token_id,
                client_id,
                tracking_id,
                content,
                classification,
                title,
                category_code,
                STATUSES[0],
                at,
                at,
            ),
        )
        seq = _record_change(self._conn, next_id, "received", STATUSES[0], at)
        self._conn.execute("UPDATE reports SET change_seq = ? WHERE id = ?", (seq, next_id))
        found = self.find(token_id, client_id)
        assert found is not None
        return found


class Store:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.attachments_dir = self.data_dir / "attachments"
        self.attachments_dir.mkdir(exist_ok=True)
        self._path = self.data_dir / DB_NAME
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False
        conn = self._conn()
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)
        # Names this store in pull cursors, so a cursor from a wiped store is recognised.
        conn.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES ('instance_id', ?)", (secrets.token_hex(6),)
        )

    # -- connections -------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise RuntimeError("store is closed")
            conn = sqlite3.connect(self._path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        # IMMEDIATE takes the write lock up front, so two writers never
        # deadlock upgrading from a read lock.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        self._closed = True
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- tokens --------------------------------------------------------------

    def add_token(self, name: str) -> Token:
        name = name.strip()
        if not name:
            raise ValueError("Nama kantor untuk token tidak boleh kosong.")
        value = "trn_" + secrets.token_urlsafe(24)
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO tokens (name, token, created_at) VALUES (?, ?, ?)",
                (name, value, rfc3339(utc_now())),
            )
            row = conn.execute(
                "SELECT id, name, token, created_at, enabled FROM tokens WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _token(row)

    def list_tokens(self) -> list[Token]:
        rows = self._conn().execute("SELECT id, name, token, created_at, enabled FROM tokens ORDER BY id")
        return [_token(row) for row in rows]

    def find_token(self, value: str) -> Token | None:
        row = (
            self._conn()
            .execute("SELECT id, name, token, created_at, enabled FROM tokens WHERE token = ?", (value,))
            .fetchone()
        )
        return _token(row) if row else None

    def set_token_enabled(self, token_id: int, enabled: bool) -> None:
        with self._write() as conn:
            cursor = conn.execute("UPDATE tokens SET enabled = ? WHERE id = ?", (int(enabled), token_id))
            if cursor.rowcount == 0:
                raise LookupError(f"token {token_id} tidak ditemukan")

    # -- reports -------------------------------------------------------------

    @contextmanager
    def intake(self) -> Iterator[Intake]:
        with self._write() as conn:
            yield Intake(conn, self.attachments_dir)

    def report(self, tracking_id: str, token_id: int | None = None) -> StoredReport | None:
        sql = f"SELECT {REPORT_COLUMNS} FROM reports r JOIN tokens t ON t.id = r.token_id WHERE r.tracking_id = ?"
        params: tuple = (tracking_id,)
        if token_id is not None:
            sql += " AND r.token_id = ?"
            params += (token_id,)
        row = self._conn().execute(sql, params).fetchone()
        return _report(row) if row else None

    def reports(self, limit: int = 500) -> list[StoredReport]:
        rows = self._conn().execute(
            f"SELECT {REPORT_COLUMNS} FROM reports r JOIN tokens t ON t.id = r.token_id "
            "ORDER BY r.id DESC LIMIT ?",
            (limit,),
        )
        return [_report(row) for row in rows]

    def count_reports(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def changed_after(self, token_id: int, seq: int, limit: int) -> list[StoredReport]:
        rows = self._conn().execute(
            f"SELECT {REPORT_COLUMNS} FROM reports r JOIN tokens t ON t.id = r.token_id "
            "WHERE r.token_id = ? AND r.change_seq > ? ORDER BY r.change_seq LIMIT ?",
            (token_id, seq, limit),
        )
        return [_report(row) for row in rows]

    def responses(self, report_ids: list[int]) -> dict[int, list[StoredResponse]]:
        found: dict[int, list[StoredResponse]] = {report_id: [] for report_id in report_ids}
        conn = self._conn()
        # Chunks stay under SQLite's bound-parameter limit.
        for start in range(0, len(report_ids), 500):
            chunk = report_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT report_id, id, at, author, text FROM responses WHERE report_id IN ({marks}) "
                "ORDER BY id",
                chunk,
            )
            for row in rows:
                found[row[0]].append(_response(row[1:]))
        return found

    def status_history(self, report_id: int) -> list[StatusEvent]:
        rows = self._conn().execute(
            "SELECT status, at FROM changes WHERE report_id = ? AND status IS NOT NULL ORDER BY seq",
            (report_id,),
        )
        return [StatusEvent(*row) for row in rows]

    def set_status(self, tracking_id: str, status: str) -> bool:
        """Move a report to `status`; False when it already had it."""
        if status not in STATUSES:
            raise ValueError(f"Status '{status}' tidak dikenal.")
        with self._write() as conn:
            row = conn.execute(
                "SELECT id, status FROM reports WHERE tracking_id = ?", (tracking_id,)
            ).fetchone()
            if row is None:
                raise UnknownReport(tracking_id)
            if row[1] == status:
                return False
            at = rfc3339(utc_now())
            seq = _record_change(conn, row[0], "status", status, at)
            conn.execute(
                "UPDATE reports SET status = ?, updated_at = ?, change_seq = ? WHERE id = ?",
                (status, at, seq, row[0]),
            )
        return True

    def add_response(self, tracking_id: str, author: str, text: str) -> StoredResponse:
        author, text = author.strip(), text.strip()
        if not author or not text:
            raise ValueError("Nama instansi/petugas dan isi tanggapan wajib diisi.")
        with self._write() as conn:
            row = conn.execute("SELECT id FROM reports WHERE tracking_id = ?", (tracking_id,)).fetchone()
            if row is None:
                raise UnknownReport(tracking_id)
            at = rfc3339(utc_now())
            cursor = conn.execute(
                "INSERT INTO responses (report_id, at, author, text) VALUES (?, ?, ?, ?)",
                (row[0], at, author, text),
            )
            seq = _record_change(conn, row[0], "response", None, at)
            conn.execute("UPDATE reports SET updated_at = ?, change_seq = ? WHERE id = ?", (at, seq, row[0]))
        return StoredResponse(f"RSP-{cursor.lastrowid:06d}", at, author, text)

    # -- attachments ---------------------------------------------------------

    def attachment_path(self, sha256: str) -> Path:
        return self.attachments_dir / sha256[:2] / sha256

    def has_attachment(self, sha256: str) -> bool:
        row = self._conn().execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def put_attachment(self, sha256: str, data: bytes, content_type: str) -> bool:
        """Store verified bytes; True when new, False when already held."""
        if self.has_attachment(sha256):
            return False
        # Written (and its rename made durable) before the row claims the file.
        write_atomic(self.attachment_path(sha256), data)
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO attachments (sha256, size, content_type, stored_at) VALUES (?, ?, ?, ?)",
                (sha256, len(data), content_type, rfc3339(utc_now())),
            )
            return cursor.rowcount == 1

    # -- settings ------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        row = self._conn().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
