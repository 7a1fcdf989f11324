"""The population register as the report form and *Pengaturan* use it.

One object per data dir; every method may be called from a worker thread
(the form's look-ups run off the UI thread). Look-ups share one connection
behind a lock, as each takes well under a millisecond; an import or a clear
opens its own, so a look-up waits for neither.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.labels import SKIP_REASON_LABELS
from lapor_desktop.penduduk import store
from lapor_desktop.penduduk.reader import ExportRefused, read_export
from lapor_desktop.penduduk.resident import Resident, prefix_key
from lapor_desktop.penduduk.store import ClearOutcome, ImportRecord, PendudukStatus
from lapor_desktop.reports.nik import NIK_LENGTH

DEFAULT_SUGGESTIONS = 10
MAX_SUGGESTIONS = 50


@dataclass(frozen=True)
class ImportSummary:
    record: ImportRecord
    replaced: int  # residents of the previous import
    warnings: tuple[str, ...]


class PendudukService:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._lock = threading.Lock()
        self._reader: sqlite3.Connection | None = None

    def _read(self) -> sqlite3.Connection:
        if self._reader is None:
            self._reader = store.open_connection(self.db_path, check_same_thread=False)
        return self._reader

    def find(self, nik: str) -> Resident | None:
        """The living resident with this NIK, or ``None``; a malformed NIK (``0`` too) never matches."""
        nik = nik.strip()
        if len(nik) != NIK_LENGTH or not nik.isdigit() or nik.startswith("0"):
            return None
        with self._lock, store.translated_faults():
            return store.find(self._read(), nik)

    def suggest(self, typed_name: str, limit: int = DEFAULT_SUGGESTIONS) -> list[Resident]:
        """Residents whose name starts with what was typed (case and spacing ignored), A to Z."""
        key = prefix_key(typed_name)
        if not key:
            return []
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        with self._lock, store.translated_faults():
            return store.by_name_prefix(self._read(), key, limit)

    def status(self) -> PendudukStatus:
        """How many residents are stored and which export they came from (its date included)."""
        with self._lock, store.translated_faults():
            return store.load_status(self._read())

    def last_import(self) -> ImportRecord | None:
        """Which export the stored residents came from (its date), without counting them."""
        with self._lock, store.translated_faults():
            return store.load_record(self._read())

    def import_file(
        self,
        path: Path,
        *,
        allow_older: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        """Read an OpenSID export and let it replace the stored residents in one transaction.

        Raises `ExportRefused` (bad file, or older than the stored data unless
        ``allow_older``) or `PendudukFault` (the database); either way nothing changed.
        """
        result = read_export(path, progress=progress)
        if not result.residents:
            reasons = "; ".join(
                f"{result.skipped.of(reason)} {label}"
                for reason, label in SKIP_REASON_LABELS.items()
                if result.skipped.of(reason)
            )
            raise ExportRefused(
                f"Tidak ada penduduk yang dapat diimpor dari {result.source_name}: {result.rows} baris "
                f"dilewati semuanya ({reasons})."
            )
        connection = store.open_connection(self.db_path)
        try:
            outcome = store.replace_all(connection, result, allow_older=allow_older)
        finally:
            connection.close()
        return ImportSummary(record=outcome.record, replaced=outcome.replaced, warnings=result.warnings)

    def clear(self) -> ClearOutcome:
        """Delete every resident, then compact the database file."""
        with self._lock:
            self._close_reader()  # VACUUM and the WAL truncation want no reader of ours open
            connection = store.open_connection(self.db_path)
            try:
                return store.clear_all(connection, self.db_path)
            finally:
                connection.close()

    def close(self) -> None:
        with self._lock:
            self._close_reader()

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def __enter__(self) -> PendudukService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
