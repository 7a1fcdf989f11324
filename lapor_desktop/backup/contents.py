"""What a backup holds, and its manifest.

A backup, whether a local snapshot folder or the tar inside an encrypted
file, has the same members, in this order:

- the office's small files: ``settings.json``, ``keys/...``, the token file,
  categories, the kecamatan identity... (everything in the data dir except
  the database's own files, snapshots, migration copies, the quarantine, the
  practice office and temporary files);
- ``lapor.db``: a consistent copy made with SQLite's online backup API, in
  rollback-journal mode so it is one self-contained file;
- ``attachments/<2 hex>/<sha256>``: every attachment the database names;
- ``manifest.json``: office identity, report counts per state, and the size
  and SHA-256 of the database and of every other member.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lapor_desktop.storage.paths import DB_FILENAME, LOGS_DIRNAME

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "lapor-desktop-backup"
MANIFEST_VERSION = 1
ATTACHMENTS_DIRNAME = "attachments"
STATE_FILENAME = "backup-state.json"

# Top-level names of the data dir that are not the office's data (or are copied another way).
_NOT_BACKED_UP = frozenset(
    {
        DB_FILENAME,
        f"{DB_FILENAME}-wal",
        f"{DB_FILENAME}-shm",
        f"{DB_FILENAME}-journal",
        f"{DB_FILENAME}.created",
        ATTACHMENTS_DIRNAME,
        "snapshots",
        "backups",
        "quarantine",
        "training",
        LOGS_DIRNAME,  # the support log: the office's record is its database, not its log
        STATE_FILENAME,
    }
)
_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,120}$")
_ATTACHMENT = re.compile(r"^attachments/([0-9a-f]{2})/([0-9a-f]{64})$")
_MAX_DEPTH = 4
_READ_SIZE = 1 << 20


@dataclass(frozen=True)
class FileEntry:
    path: str  # POSIX path inside the backup
    size: int
    sha256: str

    @classmethod
    def of(cls, path: str, data: bytes) -> FileEntry:
        return cls(path, len(data), hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class OfficeIdentity:
    kind: str
    name: str
    region_code: str

    def label(self) -> str:
        return f"{self.name} ({self.region_code})"


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    schema_revision: str | None
    office: OfficeIdentity | None
    reports_by_state: dict[str, int]
    database: FileEntry
    attachments: tuple[FileEntry, ...]
    files: tuple[FileEntry, ...]
    missing_attachments: tuple[str, ...] = field(default=())

    @property
    def reports_total(self) -> int:
        return sum(self.reports_by_state.values())

    def to_json(self) -> bytes:
        raw = asdict(self)
        raw = {"format": MANIFEST_FORMAT, "version": MANIFEST_VERSION, **raw}
        return (json.dumps(raw, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw.get("format") != MANIFEST_FORMAT or raw.get("version") != MANIFEST_VERSION:
                raise ValueError("format")
            office = raw["office"]
            return cls(
                created_at=str(raw["created_at"]),
                app_version=str(raw["app_version"]),
                schema_revision=raw["schema_revision"],
                office=OfficeIdentity(**office) if office else None,
                reports_by_state={str(k): int(v) for k, v in raw["reports_by_state"].items()},
                database=FileEntry(**raw["database"]),
                attachments=tuple(FileEntry(**e) for e in raw["attachments"]),
                files=tuple(FileEntry(**e) for e in raw["files"]),
                missing_attachments=tuple(raw.get("missing_attachments", ())),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError("manifest cadangan tidak terbaca") from exc


def office_identity(settings_bytes: bytes | None) -> OfficeIdentity | None:
    if not settings_bytes:
        return None
    try:
        office = json.loads(settings_bytes.decode("utf-8")).get("office")
        if not office:
            return None
        return OfficeIdentity(str(office["kind"]), str(office["name"]), str(office["region_code"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def same_office(a: OfficeIdentity | None, b: OfficeIdentity | None) -> bool:
    """Offices match on region code and name; an office not yet set matches anything."""
    if a is None or b is None:
        return True
    return a.region_code == b.region_code and a.name.casefold() == b.name.casefold()


def office_files(data_dir: Path) -> list[tuple[str, Path]]:
    """The office's small files as (name in the backup, path), sorted, `settings.json` first."""
    found: list[tuple[str, Path]] = []

    def walk(folder: Path, prefix: str, depth: int) -> None:
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if not _SAFE_PART.match(entry.name) or entry.is_symlink():
                continue  # temp files (".name.tmp") and links stay out
            if depth == 0 and entry.name in _NOT_BACKED_UP:
                continue
            name = f"{prefix}{entry.name}"
            if entry.is_dir() and depth < _MAX_DEPTH:
                walk(entry, f"{name}/", depth + 1)
            elif entry.is_file():
                found.append((name, entry))

    walk(data_dir, "", 0)
    found.sort(key=lambda item: (item[0] != "settings.json", item[0]))
    return found


def office_payloads(data_dir: Path) -> Iterator[tuple[str, bytes]]:
    """The office's small files as (name in the backup, bytes as backed up)."""
    for name, path in office_files(data_dir):
        data = path.read_bytes()
        yield name, settings_for_backup(data) if name == "settings.json" else data


def settings_for_backup(data: bytes) -> bytes:
    """The settings as backed up: the practice-mode flag is not kept (the practice office is not)."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except ValueError:
        return data
    if isinstance(raw, dict) and raw.get("training"):
        raw["training"] = False
        return (json.dumps(raw, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return data


def member_kind(name: str) -> str | None:
    """'database', 'manifest', 'attachment' or 'file' for a safe member name; None for anything else."""
    if name == DB_FILENAME:
        return "database"
    if name == MANIFEST_NAME:
        return "manifest"
    match = _ATTACHMENT.match(name)
    if match:
        return "attachment" if match.group(2).startswith(match.group(1)) else None
    parts = name.split("/")
    if len(parts) > _MAX_DEPTH + 1 or not all(_SAFE_PART.match(p) for p in parts):
        return None
    if parts[0] in _NOT_BACKED_UP:
        return None
    return "file"


def attachment_name(sha256: str) -> str:
    return f"{ATTACHMENTS_DIRNAME}/{sha256[:2]}/{sha256}"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database (SQLite online backup), as one rollback-journal file."""
    from lapor_desktop.storage.permissions import private_file

    private_file(target)
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    finally:
        reader.close()


@dataclass(frozen=True)
class DatabaseFacts:
    schema_revision: str | None
    reports_by_state: dict[str, int]
    attachments: tuple[tuple[str, int], ...]  # (sha256, size), sorted


def database_facts(db_path: Path) -> DatabaseFacts:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        by_state = dict(
            connection.execute("SELECT state, COUNT(*) FROM reports GROUP BY state ORDER BY state")
        )
        attachments = tuple(connection.execute("SELECT sha256, size FROM attachments ORDER BY sha256"))
    finally:
        connection.close()
    return DatabaseFacts(None if revision is None else str(revision[0]), by_state, attachments)


def integrity_ok(db_path: Path) -> bool:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def hash_file(path: Path) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(_READ_SIZE):
            digest.update(block)
            size += len(block)
    return FileEntry(str(path), size, digest.hexdigest())


def chunks(handle: object, size: int = _READ_SIZE) -> Iterator[bytes]:
    while block := handle.read(size):  # type: ignore[attr-defined]
        yield block


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
