"""The residents' tables (migration 0004), read and written with the stdlib sqlite3 driver.

Why not SQLAlchemy here: the form looks residents up on a worker thread while
the operator types, and `penduduk` commands should start without the ~0.4 s
import; a replacement is 20,000 plain rows, which `executemany` writes in
one transaction. The connection gets the same pragmas as every other
(`storage.pragmas`), plus ``secure_delete``: a resident who died or moved
away, or a whole cleared set, is overwritten on disk, not left in free pages.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.penduduk.kinds import DateSource, SourceFormat
from lapor_desktop.penduduk.reader import ExportRefused, ReadResult, SkipCounts
from lapor_desktop.penduduk.resident import Resident, name_key
from lapor_desktop.storage.pragmas import BUSY_TIMEOUT_MS, apply_pragmas
from lapor_desktop.timestamps import from_text, to_text, utcnow

_COLUMNS = "nik, name, birth_date, address, dusun, rt, rw"
_SKIP_COLUMNS = (
    "skipped_not_living",
    "skipped_no_nik",
    "skipped_invalid_nik",
    "skipped_no_name",
    "skipped_duplicate",
)
# Above every character a name can hold: the end of a prefix range in a BINARY (UTF-8) index.
_PREFIX_END = "\U0010ffff"
CHECKPOINT_WAIT_MS = 250


class PendudukFault(Exception):
    """The database could not be read or written (disk full, read-only, damaged); Bahasa Indonesia."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OlderExport(ExportRefused):
    """The file is older than the data already imported; both dates, for a window to ask about."""

    def __init__(self, message: str, *, file_date: dt.date, stored_date: dt.date) -> None:
        super().__init__(message)
        self.file_date = file_date
        self.stored_date = stored_date


@dataclass(frozen=True)
class ImportRecord:
    """What the stored residents came from."""

    imported_at: dt.datetime
    export_date: dt.date | None
    date_source: DateSource
    source_name: str
    source_format: SourceFormat
    rows: int
    imported: int
    skipped: SkipCounts


@dataclass(frozen=True)
class PendudukStatus:
    residents: int
    last_import: ImportRecord | None


@dataclass(frozen=True)
class ReplaceOutcome:
    record: ImportRecord
    replaced: int  # residents of the previous import, now gone or renewed


@dataclass(frozen=True)
class ClearOutcome:
    deleted: int
    bytes_before: int
    bytes_after: int


def open_connection(db_path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    with translated_faults():
        connection = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=check_same_thread)
        apply_pragmas(connection)
        connection.execute("PRAGMA secure_delete = ON")
    return connection


@contextmanager
def translated_faults() -> Iterator[None]:
    """SQLite's failures as a `PendudukFault` whose message names the cause, never the data."""
    try:
        yield
    except sqlite3.Error as exc:
        raise PendudukFault(_fault_message(exc)) from exc


def _fault_message(exc: sqlite3.Error) -> str:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    if code == sqlite3.SQLITE_FULL:
        return (
            "Data penduduk tidak dapat disimpan: ruang disk penuh. Kosongkan sebagian disk, lalu coba lagi."
        )
    if code == sqlite3.SQLITE_READONLY:
        return "Data penduduk tidak dapat disimpan: folder data hanya dapat dibaca."
    if code == sqlite3.SQLITE_BUSY:
        return "Basis data sedang dipakai terlalu lama oleh proses lain. Coba lagi sebentar lagi."
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return "Basis data rusak. Pulihkan dari cadangan atau hubungi pendamping desa."
    return "Basis data tidak dapat dibuka atau ditulis. Periksa folder data, lalu coba lagi."


@contextmanager
def _immediate(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        if connection.in_transaction:  # SQLite rolls back by itself after some errors (disk full)
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


# -- writes ---------------------------------------------------------------------------------------


def replace_all(connection: sqlite3.Connection, result: ReadResult, *, allow_older: bool) -> ReplaceOutcome:
    """The file's residents replace the stored ones, in one transaction."""
    record = ImportRecord(
        imported_at=utcnow(),
        export_date=result.export_date,
        date_source=result.date_source,
        source_name=result.source_name,
        source_format=result.source_format,
        rows=result.rows,
        imported=len(result.residents),
        skipped=result.skipped,
    )
    rows = (
        (r.nik, r.name, name_key(r.name), _iso(r.birth_date), r.address, r.dusun, r.rt, r.rw)
        for r in result.residents
    )
    with translated_faults(), _immediate(connection):
        current = load_record(connection)
        if not allow_older and _is_older(result.export_date, current):
            assert result.export_date is not None and current is not None and current.export_date is not None
            raise OlderExport(
                f"Berkas ini berisi data per {result.export_date.isoformat()}, lebih lama daripada data "
                f"penduduk yang sudah ada (per {current.export_date.isoformat()}). Pilih berkas terbaru, "
                "atau gunakan --allow-older untuk tetap memakainya.",
                file_date=result.export_date,
                stored_date=current.export_date,
            )
        (replaced,) = connection.execute("SELECT COUNT(*) FROM residents").fetchone()
        connection.execute("DELETE FROM residents")
        connection.executemany(
            "INSERT INTO residents (nik, name, name_key, birth_date, address, dusun, rt, rw)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        _save_record(connection, record)
    _truncate_wal(connection)
    return ReplaceOutcome(record=record, replaced=int(replaced))


def clear_all(connection: sqlite3.Connection, db_path: Path) -> ClearOutcome:
    """Delete every resident and the import record, then compact the file (VACUUM)."""
    before = _file_bytes(db_path)
    with translated_faults():
        with _immediate(connection):
            (deleted,) = connection.execute("SELECT COUNT(*) FROM residents").fetchone()
            connection.execute("DELETE FROM residents")
            connection.execute("DELETE FROM resident_import")
        connection.execute("VACUUM")
    _truncate_wal(connection)
    return ClearOutcome(deleted=int(deleted), bytes_before=before, bytes_after=_file_bytes(db_path))


def _truncate_wal(connection: sqlite3.Connection) -> None:
    # The previous set's pages may still sit in the WAL. Emptying it waits for readers to move
    # on; if one does not (the window mid-query), SQLite overwrites those frames as it reuses the
    # WAL, so we wait briefly rather than the full busy timeout.
    try:
        connection.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error:
        pass


def _file_bytes(db_path: Path) -> int:
    total = 0
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            total += path.stat().st_size
        except FileNotFoundError:
            pass
    return total


def _is_older(export_date: dt.date | None, current: ImportRecord | None) -> bool:
    return (
        export_date is not None
        and current is not None
        and current.export_date is not None
        and export_date < current.export_date
    )


def _save_record(connection: sqlite3.Connection, record: ImportRecord) -> None:
    skipped = record.skipped
    connection.execute("DELETE FROM resident_import")
    connection.execute(
        "INSERT INTO resident_import (id, imported_at, export_date, export_date_source, source_name,"
        f" source_format, rows, imported, {', '.join(_SKIP_COLUMNS)})"
        " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            to_text(record.imported_at),
            _iso(record.export_date),
            record.date_source.value,
            record.source_name,
            record.source_format.value,
            record.rows,
            record.imported,
            skipped.not_living,
            skipped.no_nik,
            skipped.invalid_nik,
            skipped.no_name,
            skipped.duplicate,
        ),
    )


# -- reads ----------------------------------------------------------------------------------------


def find(connection: sqlite3.Connection, nik: str) -> Resident | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM residents WHERE nik = ?", (nik,)).fetchone()
    return None if row is None else _resident(row)


def by_name_prefix(connection: sqlite3.Connection, key: str, limit: int) -> list[Resident]:
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM residents WHERE name_key >= ? AND name_key < ?"
        " ORDER BY name_key, nik LIMIT ?",
        (key, key + _PREFIX_END, limit),
    ).fetchall()
    return [_resident(row) for row in rows]


def load_status(connection: sqlite3.Connection) -> PendudukStatus:
    (count,) = connection.execute("SELECT COUNT(*) FROM residents").fetchone()
    return PendudukStatus(residents=int(count), last_import=load_record(connection))


def load_record(connection: sqlite3.Connection) -> ImportRecord | None:
    row = connection.execute(
        "SELECT imported_at, export_date, export_date_source, source_name, source_format, rows, imported,"
        f" {', '.join(_SKIP_COLUMNS)} FROM resident_import WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    imported_at, export_date, date_source, source_name, source_format, rows, imported, *skipped = row
    return ImportRecord(
        imported_at=from_text(imported_at),
        export_date=None if export_date is None else dt.date.fromisoformat(export_date),
        date_source=DateSource(date_source),
        source_name=source_name,
        source_format=SourceFormat(source_format),
        rows=rows,
        imported=imported,
        skipped=SkipCounts(*skipped),
    )


def _resident(row: tuple[str, str, str | None, str | None, str | None, str | None, str | None]) -> Resident:
    nik, name, birth_date, address, dusun, rt, rw = row
    return Resident(
        nik=nik,
        name=name,
        birth_date=None if birth_date is None else dt.date.fromisoformat(birth_date),
        address=address,
        dusun=dusun,
        rt=rt,
        rw=rw,
    )


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
