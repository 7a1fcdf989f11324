"""What the window needs from the core when the disk fails: a warning before the first write, "locked"
told as the disk it is, readers that leave the writer room, and backups that report their progress."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.storage.faults import FaultKind, check_writable, classify
from lapor_desktop.storage.pragmas import connect
from tests.support.storage import add_reports, fill_disk, remount, tmpfs

PASSPHRASE = "kata sandi kantor desa"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk") as mount:
        yield mount


def make_office(data_dir: Path, photos: Path, n: int = 3) -> Path:
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"),
    )
    add_reports(data_dir, n, photo_dir=photos)
    return data_dir


def test_check_writable_tells_a_full_or_read_only_disk_before_a_write_fails(small_disk: Path) -> None:
    folder = small_disk / "kantor"
    folder.mkdir()
    assert check_writable(folder) is None
    filler = fill_disk(small_disk)
    found = check_writable(folder)
    assert found is not None and found.kind is FaultKind.DISK_FULL and found.writing_only
    filler.unlink()
    assert check_writable(folder) is None
    remount(small_disk, read_only=True)
    try:
        found = check_writable(folder)
        assert found is not None and found.kind is FaultKind.READ_ONLY
        assert str(folder) in found.message
    finally:
        remount(small_disk, read_only=False)


def test_locked_is_the_disk_when_the_disk_is_full(small_disk: Path, tmp_path: Path) -> None:
    """On a full disk connections cannot share the file: "database is locked" means the disk."""
    locked = sqlite3.OperationalError("database is locked")
    folder = small_disk / "kantor"
    folder.mkdir()
    assert classify(locked, folder) is None  # a writer elsewhere: not a storage fault
    filler = fill_disk(small_disk)
    try:
        found = classify(locked, folder)
        assert found is not None and found.kind is FaultKind.DISK_FULL
        # A connection opened read-only for lack of room says "readonly": it is the full disk too.
        readonly = sqlite3.OperationalError("attempt to write a readonly database")
        assert classify(readonly, folder).kind is FaultKind.DISK_FULL  # type: ignore[union-attr]
    finally:
        filler.unlink()
    assert classify(sqlite3.OperationalError("attempt to write a readonly database"), folder).kind is (  # type: ignore[union-attr]
        FaultKind.READ_ONLY
    )


def test_shared_readers_leave_the_writer_room_on_a_disk_full_at_start(
    small_disk: Path, tmp_path: Path
) -> None:
    """The window's list reads (shared) take the immutable view: the writer is refused for the disk,
    at once, not after a lock wait, and writes once there is room again."""
    data_dir = make_office(small_disk / "kantor", tmp_path / "photos")
    db = str(data_dir / "lapor.db")
    assert not os.path.exists(db + "-shm")  # closed cleanly: no WAL index to share
    filler = fill_disk(small_disk)
    reader = connect(db, shared=True)
    assert reader.execute("SELECT COUNT(*) FROM reports").fetchone() == (3,)
    writer = connect(db)  # exclusive: the reader holds no lock
    with pytest.raises(sqlite3.OperationalError) as refused:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE reports SET title = title || '!' WHERE id = 1")
        writer.execute("COMMIT")
    assert classify(refused.value, data_dir).kind is FaultKind.DISK_FULL  # type: ignore[union-attr]
    writer.close()
    reader.close()
    filler.unlink()
    writer = connect(db)
    writer.execute("UPDATE reports SET title = 'Tersimpan setelah ada ruang' WHERE id = 1")
    writer.close()
    reader = connect(db, shared=True)
    assert reader.execute("SELECT title FROM reports WHERE id = 1").fetchone() == (
        "Tersimpan setelah ada ruang",
    )
    reader.close()


def test_backups_report_their_progress(office_dir: Path, tmp_path: Path) -> None:
    from lapor_desktop.backup.archive import ScryptParams
    from lapor_desktop.backup.external import create_backup, verify_backup
    from lapor_desktop.backup.restore import restore_backup
    from lapor_desktop.backup.snapshots import take_snapshot

    add_reports(office_dir, 4, photo_dir=tmp_path / "photos")
    seen: dict[str, list[tuple[int, int]]] = {"create": [], "verify": [], "restore": [], "snapshot": []}
    target = tmp_path / "usb" / "cadangan.lapor"
    target.parent.mkdir()
    fast = ScryptParams(log2_n=12)
    create_backup(
        office_dir, target, PASSPHRASE, params=fast, progress=lambda d, t: seen["create"].append((d, t))
    )
    verify_backup(target, PASSPHRASE, progress=lambda d, t: seen["verify"].append((d, t)))
    snapshot = take_snapshot(office_dir)
    restore_backup(
        snapshot.path, office_dir, passphrase=None, progress=lambda d, t: seen["snapshot"].append((d, t))
    )
    restore_backup(
        target, office_dir, passphrase=PASSPHRASE, progress=lambda d, t: seen["restore"].append((d, t))
    )
    for name, steps in seen.items():
        assert len(steps) >= 5, name  # the database and each of the 4 photos at least
        done = [d for d, _t in steps]
        assert done == sorted(done), name
        total = steps[-1][1]
        assert {t for _d, t in steps} == {total} and steps[-1][0] == total > 0, name
