"""One encrypted backup file for a flashdisk: writing it and checking it.

`create_backup` streams the office (see `contents` for the members) through
tar and the encrypted container of `archive`; attachments are hashed as they
pass, so each is read once. `verify_backup` decrypts and checks everything
(SQLite integrity check, report counts, every hash) in a scratch folder
outside the data dir.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lapor_desktop.backup.archive import ArchiveError, EncryptingWriter, ScryptParams
from lapor_desktop.backup.contents import (
    MANIFEST_NAME,
    FileEntry,
    Manifest,
    attachment_name,
    copy_database,
    database_facts,
    office_identity,
    office_payloads,
)
from lapor_desktop.backup.reading import Progress, archive_members, check, unpack
from lapor_desktop.backup.state import ExternalBackup, record_external
from lapor_desktop.storage.atomic import fsync_dir
from lapor_desktop.storage.paths import DB_FILENAME
from lapor_desktop.storage.permissions import FILE_MODE

_COPY_BUFFER = 1 << 20


class NothingToBackUp(ArchiveError):
    def __init__(self) -> None:
        super().__init__("Belum ada data laporan di folder ini untuk dicadangkan.")


@dataclass(frozen=True)
class CreatedBackup:
    path: Path
    size: int
    manifest: Manifest
    damaged_attachments: tuple[str, ...]  # stored files whose bytes no longer match their name


@dataclass(frozen=True)
class VerifiedBackup:
    manifest: Manifest
    damaged_attachments: tuple[str, ...]


class _Hashing:
    """A reader that hashes what passes through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def create_backup(
    data_dir: Path,
    target: Path,
    passphrase: str,
    *,
    params: ScryptParams | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> CreatedBackup:
    """Write the encrypted backup to `target` (atomically) and remember it for the reminder.

    `progress(done, total)` counts the bytes of the database and attachments written so far.
    """
    from lapor_desktop import __version__
    from lapor_desktop.storage.guard import check_database

    check_database(data_dir)
    if not (data_dir / DB_FILENAME).is_file():
        raise NothingToBackUp()
    now = now or dt.datetime.now(dt.UTC)
    mtime = int(now.timestamp())
    temp = target.parent / f".{target.name}.{os.getpid()}.tmp"
    with tempfile.TemporaryDirectory(prefix="lapor-cadangan-") as scratch:
        db_copy = Path(scratch) / DB_FILENAME
        copy_database(data_dir / DB_FILENAME, db_copy)
        facts = database_facts(db_copy)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as out:
                writer = EncryptingWriter(out, passphrase, params)
                # Plain "w" mode on our forward-only writer: tarfile's stream mode would
                # re-slice every byte through a 10 KiB buffer.
                archive = tarfile.open(fileobj=writer, mode="w", format=tarfile.PAX_FORMAT)  # type: ignore[call-overload]
                archive.copybufsize = _COPY_BUFFER
                files = []
                office = None
                for name, data in office_payloads(data_dir):
                    if name == "settings.json":
                        office = office_identity(data)
                    _add(archive, name, len(data), io.BytesIO(data), mtime)
                    files.append(FileEntry.of(name, data))
                database = _add_file(archive, DB_FILENAME, db_copy, mtime)
                total = database.size + sum(size for _sha, size in facts.attachments)
                done = database.size
                if progress is not None:
                    progress(done, total)
                attachments, missing, damaged = [], [], []
                for sha256, size in facts.attachments:
                    name = attachment_name(sha256)
                    done += size
                    try:
                        entry = _add_file(archive, name, data_dir / name, mtime)
                    except FileNotFoundError:
                        missing.append(sha256)
                        continue
                    if progress is not None:
                        progress(min(done, total), total)
                    attachments.append(entry)
                    if entry.sha256 != sha256:
                        damaged.append(sha256)
                manifest = Manifest(
                    created_at=now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
                    app_version=__version__,
                    schema_revision=facts.schema_revision,
                    office=office,
                    reports_by_state=facts.reports_by_state,
                    database=database,
                    attachments=tuple(attachments),
                    files=tuple(files),
                    missing_attachments=tuple(missing),
                )
                data = manifest.to_json()
                _add(archive, MANIFEST_NAME, len(data), io.BytesIO(data), mtime)
                archive.close()
                writer.close()
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    fsync_dir(target.parent)
    size = target.stat().st_size
    record_external(data_dir, ExternalBackup(target.resolve(), now, manifest.reports_total))
    return CreatedBackup(target, size, manifest, tuple(damaged))


def verify_backup(path: Path, passphrase: str, progress: Progress | None = None) -> VerifiedBackup:
    """Decrypt and check everything; raises `ArchiveError` (wrong passphrase, damage, mismatch)."""
    with tempfile.TemporaryDirectory(prefix="lapor-periksa-") as scratch:
        with archive_members(path, passphrase, progress) as members:
            unpacked = unpack(members, Path(scratch), keep_all=False)
        manifest = check(unpacked, Path(scratch) / DB_FILENAME)
    return VerifiedBackup(manifest, _damaged(manifest))


def _damaged(manifest: Manifest) -> tuple[str, ...]:
    return tuple(e.sha256 for e in manifest.attachments if not e.path.endswith(e.sha256))


def _add(archive: tarfile.TarFile, name: str, size: int, stream: BinaryIO, mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = FILE_MODE
    archive.addfile(info, stream)


def _add_file(archive: tarfile.TarFile, name: str, path: Path, mtime: int) -> FileEntry:
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        hashing = _Hashing(handle)
        _add(archive, name, size, hashing, mtime)  # type: ignore[arg-type]
    return FileEntry(name, hashing.size, hashing.digest.hexdigest())
