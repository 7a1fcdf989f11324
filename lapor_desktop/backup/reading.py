"""Reading a backup (an encrypted file or a snapshot folder) member by member, and checking it.

Verify and restore share this path: restore keeps what it reads in a fresh
folder, verify keeps only the database (in a scratch folder, for SQLite's
integrity check) and hashes the rest as it streams past.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lapor_desktop.backup.archive import ArchiveError, DecryptingReader
from lapor_desktop.backup.contents import (
    MANIFEST_NAME,
    FileEntry,
    Manifest,
    OfficeIdentity,
    database_facts,
    integrity_ok,
    member_kind,
    office_identity,
)
from lapor_desktop.storage.paths import DB_FILENAME
from lapor_desktop.storage.permissions import FILE_MODE, create_private, private_dir, write_private

_BLOCK = 1 << 20
_MAX_SMALL = 64 << 20  # a manifest or settings file larger than this is not ours

# How far reading has come: (bytes done, bytes in all), called after each member.
Progress = Callable[[int, int], None]


class BackupInvalid(ArchiveError):
    """The backup decrypts but what it holds does not match its manifest."""


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    stream: BinaryIO
    source: Path | None = None  # the file on disk, when the backup is a snapshot folder


@dataclass
class Unpacked:
    manifest: Manifest | None = None
    database: FileEntry | None = None
    attachments: dict[str, FileEntry] = field(default_factory=dict)
    files: dict[str, FileEntry] = field(default_factory=dict)
    office: OfficeIdentity | None = None


@contextmanager
def archive_members(
    path: Path, passphrase: str, progress: Progress | None = None
) -> Iterator[Iterator[Member]]:
    """The members of an encrypted backup file, in order; the whole file is authenticated at the end."""
    with open(path, "rb") as raw:
        total = os.fstat(raw.fileno()).st_size
        reader = DecryptingReader(raw, passphrase)
        try:
            # "r:" reads members straight from our stream (it only ever seeks forward);
            # stream mode "r|" would copy every byte through a 10 KiB buffer several times.
            archive = tarfile.open(fileobj=reader, mode="r:")  # type: ignore[call-overload]
        except tarfile.TarError:
            raise BackupInvalid("Isi berkas cadangan tidak terbaca.") from None

        def members() -> Iterator[Member]:
            try:
                for info in archive:
                    if not info.isreg():
                        raise BackupInvalid(
                            f"Berkas cadangan berisi entri yang tidak diizinkan: {info.name}."
                        )
                    stream = archive.extractfile(info)
                    assert stream is not None
                    yield Member(info.name, info.size, stream)
                    if progress is not None:
                        progress(raw.tell(), total)
            except tarfile.TarError:
                raise BackupInvalid("Isi berkas cadangan tidak terbaca.") from None
            reader.read_to_end()
            if progress is not None:
                progress(total, total)

        yield members()


@contextmanager
def snapshot_members(folder: Path, progress: Progress | None = None) -> Iterator[Iterator[Member]]:
    """The members of a snapshot folder, in the order a backup file has them."""
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.is_file():
        raise BackupInvalid(f"Folder ini bukan cadangan LAPOR Desa (tidak ada {MANIFEST_NAME}): {folder}")

    def members() -> Iterator[Member]:
        manifest = Manifest.from_json(manifest_path.read_bytes())
        names = [e.path for e in manifest.files]
        names += [DB_FILENAME, *(e.path for e in manifest.attachments), MANIFEST_NAME]
        total = sum(e.size for e in (*manifest.files, manifest.database, *manifest.attachments))
        done = 0
        for name in names:
            path = folder / name
            try:
                handle = open(path, "rb")
            except FileNotFoundError:
                raise BackupInvalid(f"Cadangan tidak lengkap: {name} tidak ada.") from None
            with handle:
                size = os.fstat(handle.fileno()).st_size
                yield Member(name, size, handle, source=path)
            if progress is not None and name != MANIFEST_NAME:
                done += size
                progress(min(done, total), total)

    yield members()


def unpack(
    members: Iterator[Member],
    target: Path,
    *,
    keep_all: bool,
    on_office: Callable[[OfficeIdentity | None], None] | None = None,
) -> Unpacked:
    """Read every member: the database always goes to `target`, other members only with `keep_all`."""
    result = Unpacked()
    seen: set[str] = set()
    for member in members:
        kind = member_kind(member.name)
        if kind is None or member.name in seen:
            raise BackupInvalid(f"Berkas cadangan berisi entri yang tidak diizinkan: {member.name}.")
        seen.add(member.name)
        if kind == "manifest":
            try:
                result.manifest = Manifest.from_json(_read_small(member))
            except ValueError:
                raise BackupInvalid("Daftar isi (manifest) cadangan tidak terbaca.") from None
            continue
        if member.name == "settings.json":
            data = _read_small(member)
            result.office = office_identity(data)
            if on_office is not None:
                on_office(result.office)
            entry = _keep_bytes(data, member.name, target if keep_all else None)
        elif kind == "database":
            entry = _copy(member, target / DB_FILENAME)
        elif keep_all:
            entry = _copy(member, target / member.name, link=kind == "attachment")
        else:
            entry = _hash_only(member)
        if kind == "database":
            result.database = entry
        elif kind == "attachment":
            result.attachments[member.name.rsplit("/", 1)[1]] = entry
        else:
            result.files[member.name] = entry
    return result


def check(unpacked: Unpacked, db_path: Path) -> Manifest:
    """Everything the manifest promises is there and intact; raises `BackupInvalid` otherwise."""
    manifest = unpacked.manifest
    if manifest is None:
        raise BackupInvalid("Cadangan tidak lengkap: daftar isi (manifest) tidak ada.")
    if unpacked.database is None:
        raise BackupInvalid("Cadangan tidak lengkap: basis data tidak ada.")
    if (unpacked.database.size, unpacked.database.sha256) != (
        manifest.database.size,
        manifest.database.sha256,
    ):
        raise BackupInvalid("Basis data dalam cadangan tidak cocok dengan sidik (SHA-256) di daftar isinya.")
    if not integrity_ok(db_path):
        raise BackupInvalid("Basis data dalam cadangan tidak lolos pemeriksaan integritas SQLite.")
    facts = database_facts(db_path)
    if facts.reports_by_state != manifest.reports_by_state:
        raise BackupInvalid("Jumlah laporan dalam basis data cadangan tidak cocok dengan daftar isinya.")
    listed = {e.path.rsplit("/", 1)[1]: e for e in manifest.attachments}
    named = {sha for sha, _size in facts.attachments}
    if set(listed) | set(manifest.missing_attachments) != named:
        raise BackupInvalid("Daftar lampiran cadangan tidak cocok dengan basis datanya.")
    if set(unpacked.attachments) != set(listed):
        raise BackupInvalid("Jumlah lampiran dalam cadangan tidak cocok dengan daftar isinya.")
    for sha256, entry in unpacked.attachments.items():
        # Compared with the manifest, not the name: a file already damaged in the store is
        # backed up as it was (and reported), so that one bad photo never blocks a backup.
        if (entry.sha256, entry.size) != (listed[sha256].sha256, listed[sha256].size):
            raise BackupInvalid(
                f"Lampiran {sha256[:12]}... dalam cadangan rusak (sidik SHA-256 tidak cocok)."
            )
    files = {e.path: e for e in manifest.files}
    if set(files) != set(unpacked.files):
        raise BackupInvalid("Berkas pengaturan dalam cadangan tidak cocok dengan daftar isinya.")
    for name, entry in unpacked.files.items():
        if (entry.size, entry.sha256) != (files[name].size, files[name].sha256):
            raise BackupInvalid(f"Berkas {name} dalam cadangan rusak (sidik SHA-256 tidak cocok).")
    return manifest


def _read_small(member: Member) -> bytes:
    if member.size > _MAX_SMALL:
        raise BackupInvalid(f"Entri {member.name} dalam cadangan terlalu besar.")
    return member.stream.read()


def _keep_bytes(data: bytes, name: str, target: Path | None) -> FileEntry:
    if target is not None:
        path = target / name
        private_dir(path.parent)
        write_private(path, data)
    return FileEntry.of(name, data)


def _hash_only(member: Member) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    while block := member.stream.read(_BLOCK):
        digest.update(block)
        size += len(block)
    return FileEntry(member.name, size, digest.hexdigest())


def _copy(member: Member, path: Path, *, link: bool = False) -> FileEntry:
    """Write (or, from a snapshot, hard-link) the member to `path`, hashing what it holds."""
    private_dir(path.parent)
    if link and member.source is not None:
        try:
            os.link(member.source, path)
        except OSError:
            shutil.copyfile(member.source, path)
            os.chmod(path, FILE_MODE)
        return _hash_only(member)
    digest = hashlib.sha256()
    size = 0
    with create_private(path) as out:
        while block := member.stream.read(_BLOCK):
            digest.update(block)
            size += len(block)
            out.write(block)
    return FileEntry(member.name, size, digest.hexdigest())
