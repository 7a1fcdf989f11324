"""Restoring a backup file or a snapshot: into a fresh folder, checked, then swapped in.

The fresh folder is a sibling of the data dir (same disk, so the swap is two
renames). Nothing in the data dir changes until the restored copy has passed
every check of `reading.check`; then the data dir is renamed aside
(``<name>.disisihkan-<stamp>``, never deleted) and the fresh folder takes its
name. The local snapshots move along into the restored office so its
history stays in `backup list`.

Close the window before restoring: a running app would go on writing into
the folder that was set aside.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.backup.archive import ArchiveError
from lapor_desktop.backup.contents import Manifest, OfficeIdentity, same_office, utc_stamp
from lapor_desktop.backup.reading import Member, Progress, archive_members, check, snapshot_members, unpack
from lapor_desktop.backup.snapshots import SNAPSHOTS_DIRNAME
from lapor_desktop.storage.atomic import fsync_dir
from lapor_desktop.storage.paths import DB_FILENAME
from lapor_desktop.storage.permissions import private_dir

SET_ASIDE_INFIX = ".disisihkan-"


class OtherOffice(ArchiveError):
    def __init__(self, backup: OfficeIdentity, current: OfficeIdentity) -> None:
        super().__init__(
            f"Cadangan ini milik kantor lain: {backup.label()}, bukan {current.label()}. "
            "Bila memang ingin menggantinya, ulangi dengan --yes-other-office."
        )
        self.backup = backup
        self.current = current


class NewerSchema(ArchiveError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            f"Cadangan ini dibuat oleh versi aplikasi yang lebih baru (skema {revision}): "
            "perbarui aplikasi dulu, lalu pulihkan."
        )


class PassphraseNeeded(ArchiveError):
    def __init__(self) -> None:
        super().__init__("Berkas cadangan terenkripsi: kata sandi diperlukan.")


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    set_aside: Path | None  # where the replaced data now is (None when there was none)


def restore_backup(
    source: Path,
    data_dir: Path,
    *,
    passphrase: str | None,
    allow_other_office: bool = False,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Restored:
    """Restore `source` (an encrypted file or a snapshot folder) as the office in `data_dir`.

    `progress(done, total)` follows the reading of the backup, from the worker it runs on.
    """
    from lapor_desktop.offices.settings import load_settings
    from lapor_desktop.storage.migrate import HEAD_REVISION

    now = now or dt.datetime.now(dt.UTC)
    stamp = utc_stamp(now)
    current = load_settings(data_dir).office if data_dir.is_dir() else None
    current_identity = (
        None if current is None else OfficeIdentity(current.kind.value, current.name, current.region_code)
    )

    def on_office(found: OfficeIdentity | None) -> None:
        if allow_other_office or same_office(found, current_identity):
            return
        assert found is not None and current_identity is not None
        raise OtherOffice(found, current_identity)

    private_dir(data_dir.parent)
    fresh = data_dir.parent / f".{data_dir.name}.pulih-{stamp}-{os.getpid()}"
    private_dir(fresh)
    try:
        with _members(source, passphrase, progress) as members:
            unpacked = unpack(members, fresh, keep_all=True, on_office=on_office)
        manifest = check(unpacked, fresh / DB_FILENAME)
        if manifest.schema_revision is not None and manifest.schema_revision > HEAD_REVISION:
            raise NewerSchema(manifest.schema_revision)
        from lapor_desktop.storage.guard import mark_database

        mark_database(fresh)
        if hasattr(os, "sync"):
            os.sync()  # everything restored is on disk before it replaces anything
        set_aside = _swap(fresh, data_dir, stamp)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if set_aside is not None:
        _carry_snapshots(set_aside, data_dir)
    return Restored(manifest, set_aside)


def _members(
    source: Path, passphrase: str | None, progress: Progress | None
) -> AbstractContextManager[Iterator[Member]]:
    if source.is_dir():
        return snapshot_members(source, progress)
    if passphrase is None:
        raise PassphraseNeeded()
    return archive_members(source, passphrase, progress)


def _swap(fresh: Path, data_dir: Path, stamp: str) -> Path | None:
    set_aside = None
    if data_dir.exists():
        if any(data_dir.iterdir()):
            set_aside = data_dir.parent / f"{data_dir.name}{SET_ASIDE_INFIX}{stamp}"
            n = 1
            while set_aside.exists():  # two restores within a second: never onto the first one's
                n += 1
                set_aside = data_dir.parent / f"{data_dir.name}{SET_ASIDE_INFIX}{stamp}-{n}"
            os.rename(data_dir, set_aside)
        else:
            data_dir.rmdir()  # an empty folder holds nothing to set aside
    try:
        os.rename(fresh, data_dir)
    except BaseException:
        if set_aside is not None:
            os.rename(set_aside, data_dir)
        raise
    fsync_dir(data_dir.parent)
    return set_aside


def _carry_snapshots(set_aside: Path, data_dir: Path) -> None:
    old = set_aside / SNAPSHOTS_DIRNAME
    if old.is_dir() and not (data_dir / SNAPSHOTS_DIRNAME).exists():
        try:
            os.rename(old, data_dir / SNAPSHOTS_DIRNAME)
        except OSError:
            pass  # they stay, intact, in the folder set aside
