"""Storage faults: the one place that turns a failing disk or database into words for the operator.

A full disk, a read-only folder, a truncated or garbage `lapor.db` and a lost
database surface as `sqlite3` errors, SQLAlchemy wrappers of them, or
`OSError`s with an errno, from many call sites. `classify` maps any of them
to a `StorageFault` with a message in Bahasa Indonesia saying what happened
and what to do, so the CLI prints one line and the window can show one
dialog. The message never quotes the original error text: SQL errors can
carry the statement's parameters (names, NIK, phone numbers).
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from lapor_desktop.storage.paths import DB_FILENAME


class FaultKind(StrEnum):
    DISK_FULL = "disk_full"
    DISK_ERROR = "disk_error"
    READ_ONLY = "read_only"
    CORRUPT = "corrupt"
    DATABASE_LOST = "database_lost"


# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_BY_SQLITE_CODE = {
    _SQLITE_FULL: FaultKind.DISK_FULL,
    _SQLITE_IOERR: FaultKind.DISK_ERROR,
    _SQLITE_READONLY: FaultKind.READ_ONLY,
    _SQLITE_PERM: FaultKind.READ_ONLY,
    _SQLITE_CANTOPEN: FaultKind.READ_ONLY,
    _SQLITE_CORRUPT: FaultKind.CORRUPT,
    _SQLITE_NOTADB: FaultKind.CORRUPT,
}
# Older drivers give no code: the message texts SQLite uses for the same results.
_BY_SQLITE_TEXT = (
    ("database or disk is full", FaultKind.DISK_FULL),
    ("disk i/o error", FaultKind.DISK_ERROR),
    ("attempt to write a readonly database", FaultKind.READ_ONLY),
    ("unable to open database file", FaultKind.READ_ONLY),
    ("database disk image is malformed", FaultKind.CORRUPT),
    ("file is not a database", FaultKind.CORRUPT),
)
_NEARLY_FULL_BYTES = 4 << 20
_BY_ERRNO = {
    errno.ENOSPC: FaultKind.DISK_FULL,
    errno.EDQUOT: FaultKind.DISK_FULL,
    errno.EFBIG: FaultKind.DISK_FULL,
    errno.EIO: FaultKind.DISK_ERROR,
    errno.EROFS: FaultKind.READ_ONLY,
    errno.EACCES: FaultKind.READ_ONLY,
    errno.EPERM: FaultKind.READ_ONLY,
}


class StorageFault(Exception):
    """The disk or the database failed; `message` says what happened and what to do.

    `restore_from` is the newest backup found for a corrupt or lost database,
    for a window to offer as a button; `kind` tells the caller whether only
    writing is affected (`writing_only`) or nothing can be read either.
    """

    def __init__(
        self, kind: FaultKind, message: str, *, path: Path | None = None, restore_from: Path | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.path = path
        self.restore_from = restore_from

    @property
    def writing_only(self) -> bool:
        """Reads still work: lists, search and printing go on while the operator frees space."""
        return self.kind in (FaultKind.DISK_FULL, FaultKind.DISK_ERROR, FaultKind.READ_ONLY)

    def cli_line(self, data_dir: Path | None = None) -> str:
        """The message plus the command that restores the newest backup, when there is one."""
        if self.restore_from is None:
            return self.message
        where = f' --data-dir "{data_dir}"' if data_dir is not None else ""
        return f'{self.message} Jalankan: lapor-desktop{where} backup restore "{self.restore_from}"'


@dataclass(frozen=True)
class _Found:
    kind: FaultKind
    path: Path | None


def classify(exc: BaseException, data_dir: Path | None = None) -> StorageFault | None:
    """The storage fault behind `exc` (or its causes), or None when it is not one."""
    if isinstance(exc, StorageFault):
        return exc
    found = _find(exc, data_dir)
    if found is None:
        if data_dir is not None and _is_busy(exc):
            # On a full or read-only disk SQLite cannot share the database between connections
            # (no WAL index, see `pragmas.connect`): "locked" then means the disk, not a writer.
            return check_writable(data_dir)
        return None
    if found.kind is FaultKind.DISK_ERROR and data_dir is not None and _nearly_full(data_dir):
        # SQLite often says "disk I/O error" when it could not grow a file on a full disk.
        found = _Found(FaultKind.DISK_FULL, None)
    if found.kind is FaultKind.READ_ONLY and found.path is None and data_dir is not None:
        # A connection opened read-only because the disk was full says "readonly", not "full".
        probe = check_writable(data_dir)
        if probe is not None and probe.kind is FaultKind.DISK_FULL:
            found = _Found(FaultKind.DISK_FULL, None)
    restore_from = None
    if found.kind is FaultKind.CORRUPT and data_dir is not None:
        from lapor_desktop.storage.guard import newest_backup

        restore_from = newest_backup(data_dir)
    path = found.path or data_dir
    if found.kind is FaultKind.CORRUPT and data_dir is not None:
        path = data_dir / DB_FILENAME
    return fault(found.kind, path=path, restore_from=restore_from)


def check_writable(data_dir: Path) -> StorageFault | None:
    """A read-only or (nearly) full disk, found before a write fails: for the window to warn at once.

    Cheap (a statvfs and an access check); None when nothing can be told or all looks well.
    """
    import os

    try:
        read_only = hasattr(os, "statvfs") and bool(os.statvfs(data_dir).f_flag & os.ST_RDONLY)
        read_only = read_only or not os.access(data_dir, os.W_OK)
    except OSError:
        return None
    if read_only:
        return fault(FaultKind.READ_ONLY, path=data_dir)
    if _nearly_full(data_dir):
        return fault(FaultKind.DISK_FULL, path=data_dir)
    return None


def fault(kind: FaultKind, *, path: Path | None = None, restore_from: Path | None = None) -> StorageFault:
    return StorageFault(kind, _message(kind, path, restore_from), path=path, restore_from=restore_from)


def _message(kind: FaultKind, path: Path | None, restore_from: Path | None) -> str:
    where = f" ({path})" if path is not None else ""
    if kind is FaultKind.DISK_FULL:
        return (
            "Penyimpanan penuh: perubahan tidak disimpan, data yang sudah tersimpan tetap aman. "
            "Kosongkan ruang disk (hapus atau pindahkan berkas yang tidak perlu), lalu ulangi."
        )
    if kind is FaultKind.DISK_ERROR:
        return (
            "Disk gagal menulis (galat masukan/keluaran): perubahan tidak disimpan. "
            "Periksa ruang kosong dan kondisi disk, lalu ulangi."
        )
    if kind is FaultKind.READ_ONLY:
        return (
            f"Folder tidak dapat ditulis{where}: hanya-baca atau tanpa izin, perubahan tidak disimpan. "
            "Periksa izin folder atau pastikan disk tidak dikunci, lalu ulangi."
        )
    if kind is FaultKind.CORRUPT:
        advice = (
            "Pulihkan dari cadangan terbaru."
            if restore_from is not None
            else "Jangan hapus folder data; hubungi pendamping TI dan pulihkan dari cadangan."
        )
        return f"Basis data laporan rusak{where}: perubahan tidak disimpan dan folder data tidak diubah. {advice}"
    advice = (
        "Pulihkan dari cadangan terbaru."
        if restore_from is not None
        else "Kembalikan berkas lapor.db (dari flashdisk atau salinan cadangan), jangan mulai dari kosong."
    )
    return (
        f"Basis data laporan (lapor.db) hilang, kosong, atau tidak terbaca{where}, padahal folder ini berisi "
        f"data kantor; aplikasi tidak membuat basis data kosong baru agar lampiran dan laporan tidak hilang. {advice}"
    )


def _find(exc: BaseException, data_dir: Path | None) -> _Found | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _direct(current, data_dir)
        if found is not None:
            return found
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
        if isinstance(orig, BaseException) and _is_sqlalchemy_error(current):
            found = _direct(orig, data_dir)
            if found is not None:
                return found
        current = current.__cause__ or current.__context__
    return None


def _is_busy(exc: BaseException) -> bool:
    """Whether `exc` (or a cause) is SQLite's "database is locked"."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for candidate in (current, getattr(current, "orig", None)):
            if isinstance(candidate, sqlite3.Error):
                code = getattr(candidate, "sqlite_errorcode", None)
                if (isinstance(code, int) and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)) or (
                    "database is locked" in str(candidate).lower()
                ):
                    return True
        current = current.__cause__ or current.__context__
    return False


def _is_sqlalchemy_error(exc: BaseException) -> bool:
    if "sqlalchemy" not in sys.modules:
        return False
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, DBAPIError)


def _direct(exc: BaseException, data_dir: Path | None) -> _Found | None:
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _BY_SQLITE_CODE:
            return _Found(_BY_SQLITE_CODE[code & 0xFF], None)
        text = str(exc).lower()
        for needle, kind in _BY_SQLITE_TEXT:
            if needle in text:
                return _Found(kind, None)
        return None
    if isinstance(exc, OSError) and exc.errno in _BY_ERRNO:
        kind = _BY_ERRNO[exc.errno]
        filename = Path(exc.filename) if isinstance(exc.filename, (str, Path)) else None
        if kind is FaultKind.READ_ONLY and filename is not None and not _inside(filename, data_dir):
            # Not the data dir (a flashdisk, an export folder): name that folder instead.
            return _Found(kind, filename.parent)
        return _Found(kind, None)
    return None


def _nearly_full(data_dir: Path) -> bool:
    import shutil

    folder = data_dir if data_dir.exists() else data_dir.parent
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _inside(path: Path, data_dir: Path | None) -> bool:
    if data_dir is None:
        return False
    try:
        path.resolve().relative_to(data_dir.resolve())
    except ValueError:
        return False
    return True
