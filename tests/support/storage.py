"""For storage-fault and backup tests: an office full of recognisable personal data, a dump of
everything committed, the CLI with raw output, and small or read-only disks (tmpfs)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from lapor_desktop.__main__ import run_cli as run
from tests.support.images import photo_like_image
from tests.support.reports import VALID_NIK, valid_content

# Recognisable in any output: a NIK, a name, a phone number, an address.
NIK = VALID_NIK
NAME = "Budi Santoso"
PHONE = "081234567890"
ADDRESS = "Dusun II RT 03"
PERSONAL = (NIK, NAME, PHONE, ADDRESS, "1801 0112 0585 0001")
# Files that SQLite makes and removes as it likes: their bytes are not the data.
_TRANSIENT = ("lapor.db-wal", "lapor.db-shm", "lapor.db-journal")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str

    def assert_no_personal_data(self, *extra: str) -> None:
        for text in (self.out, self.err, *extra):
            for value in PERSONAL:
                assert value not in text, (value, text[:2000])
        assert "Traceback" not in self.err


def run_cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str, stdin: str = "") -> Outcome:
    """`lapor-desktop --data-dir DIR ARGS`, in process; a traceback propagates (it is a test failure)."""
    capsys.readouterr()
    sys.stdin = io.StringIO(stdin)
    try:
        code = run(["--data-dir", str(data_dir), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return Outcome(code, out, err)


def add_reports(
    data_dir: Path,
    n: int,
    *,
    photo_dir: Path,
    photo_size: tuple[int, int] = (320, 240),
    noise: bool = False,
) -> None:
    """`n` reports with the recognisable reporter, each with its own photo, through the service.

    `noise` photos barely compress (about 1.4 MB at 1600x1200): big backups, made fast.
    """
    from PIL import Image

    from lapor_desktop.app import open_app

    photo_dir.mkdir(parents=True, exist_ok=True)
    with open_app(data_dir) as app:
        for i in range(n):
            photo = photo_dir / f"foto-{i}.jpg"
            if noise:
                Image.effect_noise(photo_size, 60).convert("RGB").save(photo, "JPEG", quality=90)
            else:
                photo_like_image(photo_size, seed=1000 + i).save(photo, "JPEG", quality=80)
            refs = app.reports.import_attachments([photo])
            content = dataclasses.replace(
                valid_content(), title=f"Jalan desa rusak nomor {i}", attachments=tuple(refs)
            )
            app.reports.create(content, queue=i % 2 == 0)


def dump_data_dir(data_dir: Path) -> dict[str, object]:
    """Every table (as SQL) and every file (as SHA-256) of a data dir, for before/after comparisons."""
    files = {}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and path.name not in _TRANSIENT and path.name != "lapor.db":
            files[str(path.relative_to(data_dir))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"tables": dump_tables(data_dir / "lapor.db"), "files": files}


def dump_tables(db_path: Path) -> list[str]:
    if not db_path.exists() or db_path.stat().st_size == 0:
        return []
    from lapor_desktop.storage.pragmas import connect

    try:
        connection = connect(str(db_path), readonly=True)
    except sqlite3.DatabaseError:  # not a database (any more): its bytes are what must not change
        return [f"unreadable {hashlib.sha256(db_path.read_bytes()).hexdigest()}"]
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def attachment_hashes(data_dir: Path) -> dict[str, str]:
    """Each stored attachment's name and the SHA-256 of its bytes (equal when intact)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (data_dir / "attachments").glob("??/*")
    }


def log_text(log_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(log_dir.glob("*.log*")))


@contextmanager
def tmpfs(mount_point: Path, size: str = "8m") -> Iterator[Path]:
    """A small RAM disk at `mount_point` (root only); skips the test when mounting is not allowed."""
    mount_point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def remount(mount_point: Path, *, read_only: bool) -> None:
    option = "remount,ro" if read_only else "remount,rw"
    subprocess.run(["mount", "-o", option, str(mount_point)], check=True)


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the disk is full; returns it (delete it to free the space)."""
    filler = folder / "filler.bin"
    block = b"\0" * 65536
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(block)
        except OSError:
            pass
    # The last, smaller bits: a full disk is full to the byte.
    with open(filler, "ab", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 512)
        except OSError:
            pass
    return filler


def corrupt_pages(db_path: Path, table_or_index: str) -> None:
    """Overwrite the root page of one table or index with garbage, as a failing disk would."""
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (table_or_index,)
    ).fetchone()[0]
    connection.close()
    with open(db_path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(os.urandom(page_size))
