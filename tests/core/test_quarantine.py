"""Recovery never deletes an attachment outright: unreferenced files wait in the quarantine."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

from lapor_desktop.app import open_app
from lapor_desktop.attachments.quarantine import GRACE
from tests.support.storage import add_reports


def quarantined(data_dir: Path) -> set[str]:
    folder = data_dir / "quarantine" / "attachments"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def stray(data_dir: Path, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    path = data_dir / "attachments" / sha[:2] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return sha


def test_a_stray_goes_to_quarantine_and_only_leaves_after_the_grace_period(office_dir: Path) -> None:
    open_app(office_dir).close()
    sha = stray(office_dir, b"foto yang tidak disebut laporan mana pun")
    open_app(office_dir).close()
    assert not (office_dir / "attachments" / sha[:2] / sha).exists()
    assert quarantined(office_dir) == {sha}

    open_app(office_dir).close()  # a day later: still there
    assert quarantined(office_dir) == {sha}

    old = (dt.datetime.now(dt.UTC) - GRACE - dt.timedelta(days=1)).timestamp()
    os.utime(office_dir / "quarantine" / "attachments" / sha, (old, old))
    open_app(office_dir).close()  # the grace period is over and the database is healthy
    assert quarantined(office_dir) == set()


def test_an_emptied_store_comes_back_when_the_database_names_its_files_again(
    office_dir: Path, tmp_path: Path
) -> None:
    """A database swapped for one that knows no photos (then the right one put back)."""
    add_reports(office_dir, 3, photo_dir=tmp_path / "photos")
    db = office_dir / "lapor.db"
    saved = tmp_path / "saved.db"
    source = sqlite3.connect(db)
    target = sqlite3.connect(saved)
    source.backup(target)
    source.close()
    target.close()
    names = {p.name for p in (office_dir / "attachments").glob("??/*")}
    assert len(names) == 3

    connection = sqlite3.connect(db)
    connection.executescript("DELETE FROM report_attachments; DELETE FROM attachments;")
    connection.close()
    open_app(office_dir).close()
    assert quarantined(office_dir) == names  # moved, not deleted
    assert not list((office_dir / "attachments").glob("??/*"))

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    saved.rename(db)
    open_app(office_dir).close()
    assert {p.name for p in (office_dir / "attachments").glob("??/*")} == names
    assert quarantined(office_dir) == set()
