"""The training server's own SQLite store: tokens, reports, responses and replies, files.

One SQLite file (`training.sqlite3`) in the caller's data dir, WAL with
`synchronous=FULL` so that an answered POST survives a power cut, and an
`attachments/` folder of content-addressed files written atomically. The
folder and every file in it are owner-only (`private`). The schema and its
migrations live in `schema`.

Every change to a report (received, status moved, passed on, response or
reply written) takes the next value of one global sequence; the pull cursor
is that value, which makes "oldest change first" and "nothing missed" hold
under concurrency: SQLite runs one write transaction at a time, so sequence
order is commit order.

The HTTP server is multi-threaded: each thread gets its own connection.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.storage.atomic import write_atomic

from .http_io import rfc3339, utc_now
from .private import private_dir, private_file
from .schema import migrate

STATUSES = (
    "pending_verification",
    "on_hold",
    "verified",
    "in_progress",
    "completed",
    "rejected",
    "archived",
)
ROLES = ("lapor_admin", "agency", "reporter")
DB_NAME = "training.sqlite3"
# The author LAPOR! itself writes as, for questions and notes to the reporter.
LAPOR_ADMIN = "Admin SP4N-LAPOR!"

REPORT_COLUMNS = (
    "r.id, r.token_id, t.name, r.client_id, r.tracking_id, r.content, r.classification, r.title, "
    "r.category_code, r.status, r.received_at, r.updated_at, r.change_seq, r.agency_code, "
    "r.handling_agency_code, r.handling_agency_name, r.status_at, r.step_started_at"
)
REPORT_FROM = f"SELECT {REPORT_COLUMNS} FROM reports r JOIN tokens t ON t.id = r.token_id"
RESPONSE_COLUMNS = "id, at, author, text, author_role, client_id, content, change_seq"


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
    agency_code: str | None
    handling_agency_code: str | None
    handling_agency_name: str | None
    status_at: str
    step_started_at: str

    def agency(self) -> dict[str, str] | None:
        """The contract's `AgencyRef` of the agency handling it now, or None before it is passed on."""
        if self.handling_agency_code is None:
            return None
        return {"code": self.handling_agency_code, "name": self.handling_agency_name or ""}

    def reporter_name(self) -> str:
        """The reporter as a reply's author: withheld for an anonymous report."""
        content = json.loads(self.content)
        name = str(content.get("reporter", {}).get("name", "")).strip()
        return "Pelapor (anonim)" if content.get("anonymous") or not name else name


@dataclass(frozen=True)
class StoredResponse:
    id: str
    at: str
    author: str
    text: str
    role: str = "agency"
    client_id: str | None = None
    content: str | None = None
    # The change that wrote it (see `StatusEvent.seq`); None only for some 1.0 rows.
    change_seq: int | None = None

    def wire(self) -> dict[str, str]:
        """The contract's `Response`; a reporter's reply carries its client_id."""
        value = {
            "id": self.id,
            "at": self.at,
            "author": self.author,
            "author_role": self.role,
            "text": self.text,
        }
        if self.client_id is not None:
            value["client_id"] = self.client_id
        return value

    def attachments(self) -> list[dict[str, str]]:
        """The attachments a reply names (a response written on the page has none)."""
        if not self.content:
            return []
        return list(json.loads(self.content).get("attachments", []))


@dataclass(frozen=True)
class StatusEvent:
    status: str
    at: str
    # The change sequence: a response and the status it brought share one.
    seq: int


def response_id(row_id: int) -> str:
    return f"RSP-{row_id:06d}"


def _report(row: tuple) -> StoredReport:
    return StoredReport(*row)


def _response(row: tuple) -> StoredResponse:
    return StoredResponse(response_id(row[0]), *row[1:])


def _token(row: tuple) -> Token:
    return Token(row[0], row[1], row[2], row[3], bool(row[4]))


def _find_report(
    conn: sqlite3.Connection, tracking_id: str, token_id: int | None = None
) -> StoredReport | None:
    sql = f"{REPORT_FROM} WHERE r.tracking_id = ?"
    params: tuple = (tracking_id,)
    if token_id is not None:
        sql += " AND r.token_id = ?"
        params += (token_id,)
    row = conn.execute(sql, params).fetchone()
    return _report(row) if row else None


def _known_report(conn: sqlite3.Connection, tracking_id: str) -> StoredReport:
    report = _find_report(conn, tracking_id)
    if report is None:
        raise UnknownReport(tracking_id)
    return report


def _insert_response(
    conn: sqlite3.Connection,
    report_id: int,
    change_seq: int,
    at: str,
    author: str,
    text: str,
    role: str,
    *,
    token_id: int | None = None,
    client_id: str | None = None,
    content: str | None = None,
) -> StoredResponse:
    cursor = conn.execute(
        "INSERT INTO responses (report_id, change_seq, at, author, text, author_role, token_id, client_id, "
        "content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (report_id, change_seq, at, author, text, role, token_id, client_id, content),
    )
    assert cursor.lastrowid is not None
    return StoredResponse(
        response_id(cursor.lastrowid), at, author, text, role, client_id, content, change_seq
    )


def _record_change(
    conn: sqlite3.Connection,
    report: StoredReport,
    kind: str,
    at: str,
    *,
    status: str | None = None,
    restart_step: bool = False,
) -> int:
    """One change of a report: the next sequence value (returned), and the status when it moves.

    A new status starts a new step (and its deadline); `restart_step` starts one
    without a new status (a verified report passed on to another agency).
    """
    moved = status is not None and status != report.status
    cursor = conn.execute(
        "INSERT INTO changes (report_id, kind, status, at) VALUES (?, ?, ?, ?)",
        (report.id, kind, status if moved else None, at),
    )
    conn.execute(
        "UPDATE reports SET updated_at = ?, change_seq = ?, status = ?, status_at = ?, step_started_at = ? "
        "WHERE id = ?",
        (
            at,
            cursor.lastrowid,
            status if moved else report.status,
            at if moved else report.status_at,
            at if moved or restart_step else report.step_started_at,
            report.id,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


class Intake:
    """Report and reply intake inside one write transaction (one POST or one whole batch)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @contextmanager
    def item(self) -> Iterator[None]:
        """One batch item: whatever fails inside leaves the others' work in place."""
        self._conn.execute("SAVEPOINT item")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK TO item")
            self._conn.execute("RELEASE item")
            raise
        self._conn.execute("RELEASE item")

    def find(self, token_id: int, client_id: str) -> StoredReport | None:
        row = self._conn.execute(
            f"{REPORT_FROM} WHERE r.token_id = ? AND r.client_id = ?", (token_id, client_id)
        ).fetchone()
        return _report(row) if row else None

    def report_for(self, token_id: int, tracking_id: str) -> StoredReport | None:
        return _find_report(self._conn, tracking_id, token_id)

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
        self,
        token_id: int,
        client_id: str,
        content: str,
        classification: str,
        title: str,
        category_code: str,
        agency_code: str | None = None,
    ) -> StoredReport:
        now = utc_now()
        at = rfc3339(now)
        (next_id,) = self._conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM reports").fetchone()
        tracking_id = f"LPR-{now.year}-{next_id:06d}"
        self._conn.execute(
            "INSERT INTO reports (id, token_id, client_id, tracking_id, content, classification, title, "
            "category_code, agency_code, status, received_at, updated_at, status_at, step_started_at, "
            "change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (
                next_id,
                token_id,
                client_id,
                tracking_id,
                content,
                classification,
                title,
                category_code,
                agency_code,
                STATUSES[0],
                at,
                at,
                at,
                at,
            ),
        )
        cursor = self._conn.execute(
            "INSERT INTO changes (report_id, kind, status, at) VALUES (?, 'received', ?, ?)",
            (next_id, STATUSES[0], at),
        )
        self._conn.execute("UPDATE reports SET change_seq = ? WHERE id = ?", (cursor.lastrowid, next_id))
        found = self.find(token_id, client_id)
        assert found is not None
        return found

    def find_reply(self, token_id: int, client_id: str) -> tuple[StoredResponse, str] | None:
        """A reply sent earlier with this client_id, and the tracking id of its report."""
        row = self._conn.execute(
            "SELECT s.id, s.at, s.author, s.text, s.author_role, s.client_id, s.content, s.change_seq, "
            "r.tracking_id FROM responses s JOIN reports r ON r.id = s.report_id "
            "WHERE s.token_id = ? AND s.client_id = ?",
            (token_id, client_id),
        ).fetchone()
        return (_response(row[:8]), row[8]) if row else None

    def insert_reply(
        self, report: StoredReport, token_id: int, client_id: str, text: str, content: str
    ) -> StoredResponse:
        """The reporter's reply; an on-hold report goes back to LAPOR! for verification."""
        at = rfc3339(utc_now())
        back = "pending_verification" if report.status == "on_hold" else None
        seq = _record_change(self._conn, report, "reply", at, status=back)
        return _insert_response(
            self._conn,
            report.id,
            seq,
            at,
            report.reporter_name(),
            text,
            "reporter",
            token_id=token_id,
            client_id=client_id,
            content=content,
        )


class Store:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = private_dir(Path(data_dir))
        self.attachments_dir = private_dir(self.data_dir / "attachments")
        self._path = private_file(self.data_dir / DB_NAME)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    def _open(self) -> None:
        conn = self._conn()
        conn.execute("PRAGMA journal_mode=WAL")
        # A store from a 1.0 server keeps its -wal/-shm files of the old mode.
        for suffix in ("-wal", "-shm"):
            side = self._path.with_name(DB_NAME + suffix)
            if side.exists():
                private_file(side)
        migrate(conn, self._path)
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

    # -- reading reports -----------------------------------------------------

    @contextmanager
    def intake(self) -> Iterator[Intake]:
        with self._write() as conn:
            yield Intake(conn)

    def report(self, tracking_id: str, token_id: int | None = None) -> StoredReport | None:
        return _find_report(self._conn(), tracking_id, token_id)

    def reports(self, limit: int = 500) -> list[StoredReport]:
        rows = self._conn().execute(f"{REPORT_FROM} ORDER BY r.id DESC LIMIT ?", (limit,))
        return [_report(row) for row in rows]

    def count_reports(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def changed_after(self, token_id: int, seq: int, limit: int) -> list[StoredReport]:
        rows = self._conn().execute(
            f"{REPORT_FROM} WHERE r.token_id = ? AND r.change_seq > ? ORDER BY r.change_seq LIMIT ?",
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
                f"SELECT report_id, {RESPONSE_COLUMNS} FROM responses WHERE report_id IN ({marks}) ORDER BY id",
                chunk,
            )
            for row in rows:
                found[row[0]].append(_response(row[1:]))
        return found

    def latest_roles(self, report_ids: list[int]) -> dict[int, str]:
        """Who wrote each report's newest response (reports without one are left out)."""
        if not report_ids:
            return {}
        marks = ",".join("?" * len(report_ids))
        rows = self._conn().execute(
            f"SELECT report_id, author_role FROM responses WHERE id IN "
            f"(SELECT MAX(id) FROM responses WHERE report_id IN ({marks}) GROUP BY report_id)",
            report_ids,
        )
        return dict(rows.fetchall())

    def status_history(self, report_id: int) -> list[StatusEvent]:
        rows = self._conn().execute(
            "SELECT status, at, seq FROM changes WHERE report_id = ? AND status IS NOT NULL ORDER BY seq",
            (report_id,),
        )
        return [StatusEvent(*row) for row in rows]

    # -- the trainer's actions (LAPOR! and the agency) ----------------------

    def set_status(self, tracking_id: str, status: str) -> bool:
        """Move a report to `status`; False when it already had it.

        `on_hold` needs the question that goes with it: use `hold`.
        """
        if status not in STATUSES:
            raise ValueError(f"Status '{status}' tidak dikenal.")
        if status == "on_hold":
            raise ValueError("Laporan hanya dapat ditunda bersama pertanyaan untuk pelapor.")
        with self._write() as conn:
            report = _known_report(conn, tracking_id)
            if report.status == status:
                return False
            _record_change(conn, report, "status", rfc3339(utc_now()), status=status)
        return True

    def add_response(
        self, tracking_id: str, author: str, text: str, role: str = "agency", status: str | None = None
    ) -> StoredResponse:
        """A response from LAPOR! (`lapor_admin`) or the agency, optionally with a new status, as one change."""
        author, text = author.strip(), text.strip()
        if not author or not text:
            raise ValueError("Nama instansi/petugas dan isi tanggapan wajib diisi.")
        if role not in ("lapor_admin", "agency"):
            raise ValueError(f"Peran penulis '{role}' tidak dapat dipakai di sini.")
        if status is not None and status not in STATUSES:
            raise ValueError(f"Status '{status}' tidak dikenal.")
        if status == "on_hold" and role != "lapor_admin":
            raise ValueError("Hanya LAPOR! yang dapat menunda laporan.")
        with self._write() as conn:
            report = _known_report(conn, tracking_id)
            at = rfc3339(utc_now())
            seq = _record_change(conn, report, "response", at, status=status)
            return _insert_response(conn, report.id, seq, at, author, text, role)

    def hold(self, tracking_id: str, question: str, author: str = LAPOR_ADMIN) -> StoredResponse:
        """Put a report on hold (ditunda) with LAPOR!'s question for the reporter."""
        if not question.strip():
            raise ValueError("Tuliskan pertanyaan atau keterangan yang diminta dari pelapor.")
        return self.add_response(tracking_id, author, question, "lapor_admin", "on_hold")

    def pass_on(
        self, tracking_id: str, agency_code: str, agency_name: str, note: str = "", author: str = LAPOR_ADMIN
    ) -> None:
        """LAPOR! passes the report on (disposisi) to an agency.

        A report still waiting for verification (or on hold) is verified by
        this; a verified one passed on to another agency gives that agency its
        own 5 working days. A note, when given, is a response to the reporter.
        """
        if not agency_code or not agency_name:
            raise ValueError("Pilih instansi tujuan.")
        with self._write() as conn:
            report = _known_report(conn, tracking_id)
            verifies = report.status in ("pending_verification", "on_hold")
            moved = report.handling_agency_code != agency_code
            if not (moved or verifies or note.strip()):
                return
            at = rfc3339(utc_now())
            conn.execute(
                "UPDATE reports SET handling_agency_code = ?, handling_agency_name = ? WHERE id = ?",
                (agency_code, agency_name, report.id),
            )
            seq = _record_change(
                conn,
                report,
                "passed_on",
                at,
                status="verified" if verifies else None,
                restart_step=report.status == "verified" and moved,
            )
            if note.strip():
                _insert_response(conn, report.id, seq, at, author, note.strip(), "lapor_admin")

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
        path = self.attachment_path(sha256)
        private_dir(path.parent)
        # Written (and its rename made durable) before the row claims the file.
        write_atomic(path, data, mode=0o600)
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
