"""Automatic local snapshots: a daily copy of the office in ``DATA_DIR/snapshots/<UTC stamp>/``.

A snapshot is a backup unpacked (see `contents`): the office's small files,
``lapor.db`` copied with SQLite's online backup API while the app runs, the
attachments as hard links (they are content-addressed and never change, so a
snapshot costs the size of the database) or copies where links are not
possible, and ``manifest.json`` last; a folder without a manifest is an
unfinished snapshot and is never offered. Rotation keeps the newest snapshot
of each of the last 7 days that have one and of each of the last 4 weeks.

The window calls `take_snapshot_if_due(data_dir)` from a worker, at start-up
and every hour or so; `backup list` shows them; `backup restore <folder>`
restores one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.backup.contents import (
    MANIFEST_NAME,
    FileEntry,
    Manifest,
    attachment_name,
    copy_database,
    database_facts,
    hash_file,
    office_identity,
    office_payloads,
    utc_stamp,
)
from lapor_desktop.storage.atomic import fsync_dir
from lapor_desktop.storage.paths import DB_FILENAME
from lapor_desktop.storage.permissions import FILE_MODE, private_dir, write_private

SNAPSHOTS_DIRNAME = "snapshots"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_STAMP = re.compile(r"^\d{8}T\d{6}Z$")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: dt.datetime  # aware UTC

    def manifest(self) -> Manifest:
        return Manifest.from_json((self.path / MANIFEST_NAME).read_bytes())


def snapshots_dir(data_dir: Path) -> Path:
    return data_dir / SNAPSHOTS_DIRNAME


def list_snapshots(data_dir: Path) -> list[Snapshot]:
    """Finished snapshots, oldest first."""
    folder = snapshots_dir(data_dir)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        if _STAMP.match(entry.name) and (entry / MANIFEST_NAME).is_file():
            taken = dt.datetime.strptime(entry.name, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            found.append(Snapshot(entry, taken))
    return sorted(found, key=lambda s: s.taken_at)


def is_due(data_dir: Path, now: dt.datetime | None = None) -> bool:
    """No snapshot yet today (local calendar day), and there is a database to copy."""
    if not (data_dir / DB_FILENAME).is_file():
        return False
    now = now or dt.datetime.now(dt.UTC)
    existing = list_snapshots(data_dir)
    return not existing or _local_day(existing[-1].taken_at) < _local_day(now)


def take_snapshot_if_due(data_dir: Path, now: dt.datetime | None = None) -> Snapshot | None:
    """The snapshot taken now, or None when today's exists (cheap: a directory listing).

    Raises `StorageFault` (disk full, corrupt database...) like any write; the
    unfinished folder is removed.
    """
    if not is_due(data_dir, now):
        return None
    return take_snapshot(data_dir, now)


def take_snapshot(data_dir: Path, now: dt.datetime | None = None) -> Snapshot:
    from lapor_desktop import __version__
    from lapor_desktop.storage.guard import check_database

    check_database(data_dir)
    now = now or dt.datetime.now(dt.UTC)
    root = private_dir(snapshots_dir(data_dir))
    stamp = utc_stamp(now)
    final = root / stamp
    if final.exists():
        return Snapshot(final, _parse(stamp))
    work = root / f".{stamp}.{os.getpid()}.tmp"
    private_dir(work)
    try:
        files = []
        for name, data in office_payloads(data_dir):
            target = work / name
            private_dir(target.parent)
            write_private(target, data)
            files.append(FileEntry.of(name, data))
        copy_database(data_dir / DB_FILENAME, work / DB_FILENAME)
        database = hash_file(work / DB_FILENAME)
        facts = database_facts(work / DB_FILENAME)
        attachments, missing = _link_attachments(data_dir, work, facts.attachments)
        manifest = Manifest(
            created_at=now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            app_version=__version__,
            schema_revision=facts.schema_revision,
            office=office_identity((work / "settings.json").read_bytes())
            if (work / "settings.json").is_file()
            else None,
            reports_by_state=facts.reports_by_state,
            database=FileEntry(DB_FILENAME, database.size, database.sha256),
            attachments=tuple(attachments),
            files=tuple(files),
            missing_attachments=tuple(missing),
        )
        write_private(work / MANIFEST_NAME, manifest.to_json())
        # The links point at files already on disk; the copy and the manifest are new.
        _fsync(work / DB_FILENAME)
        _fsync(work / MANIFEST_NAME)
        fsync_dir(work)
        os.replace(work, final)
        fsync_dir(root)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    rotate(data_dir)
    return Snapshot(final, _parse(stamp))


def rotate(data_dir: Path) -> list[Path]:
    """Remove snapshots beyond 7 daily and 4 weekly ones; returns what was removed."""
    existing = list_snapshots(data_dir)
    keep: set[Path] = set()
    for key, limit in ((_local_day, KEEP_DAILY), (_local_week, KEEP_WEEKLY)):
        newest_per: dict[object, Snapshot] = {}
        for snapshot in existing:  # oldest first: the last one per key wins
            newest_per[key(snapshot.taken_at)] = snapshot
        for period in sorted(newest_per, reverse=True)[:limit]:  # type: ignore[type-var]
            keep.add(newest_per[period].path)
    removed = []
    for snapshot in existing:
        if snapshot.path not in keep:
            shutil.rmtree(snapshot.path, ignore_errors=True)
            removed.append(snapshot.path)
    return removed


def _link_attachments(
    data_dir: Path, work: Path, named: tuple[tuple[str, int], ...]
) -> tuple[list[FileEntry], list[str]]:
    entries, missing = [], []
    for sha256, _size in named:
        name = attachment_name(sha256)
        source = data_dir / name
        target = work / name
        private_dir(target.parent)
        try:
            try:
                os.link(source, target)
            except FileNotFoundError:
                raise
            except OSError:  # FAT flashdisks and some shares have no hard links
                shutil.copyfile(source, target)
                os.chmod(target, FILE_MODE)
        except FileNotFoundError:
            missing.append(sha256)
            continue
        entries.append(FileEntry(name, target.stat().st_size, sha256))
    return entries, missing


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _parse(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date()


def _local_week(moment: dt.datetime) -> tuple[int, int]:
    year, week, _ = moment.astimezone().isocalendar()
    return (year, week)
