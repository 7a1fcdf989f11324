"""Owner-only files: the data dir holds NIKs, phone numbers and photos of citizens.

On POSIX every folder of the data dir is 0700 and every file 0600, whatever
the umask. New files get these modes where they are made (`private_file`,
`private_dir`, `write_atomic`'s mkstemp); `tighten` brings an install made
before this rule (or a dir someone else created) in line when it is opened.
Windows keeps the ACLs of the user's profile folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

DIR_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


def private_dir(path: Path) -> Path:
    """Make `path` and its missing parents owner-only folders (an existing folder is left as is)."""
    if path.is_dir():
        return path
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
    return path


def private_file(path: Path) -> None:
    """Create `path` empty and owner-only if it does not exist, so a later open keeps that mode."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def create_private(path: Path) -> BinaryIO:
    """A new owner-only file open for writing; fails if `path` exists (never overwrites)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb")


def write_private(path: Path, data: bytes) -> None:
    with create_private(path) as out:
        out.write(data)


def tighten(data_dir: Path, db_filename: str) -> None:
    """Owner-only modes for the data dir: a full walk when the dir itself is still open to others.

    Once the dir is 0700 only the database's own files are checked (three
    stats), so opening stays cheap with thousands of attachments.
    """
    if not _POSIX:
        return
    try:
        mode = stat.S_IMODE(data_dir.stat().st_mode)
    except OSError:
        return
    if mode & 0o077:
        _tighten_tree(data_dir)
        return
    for suffix in ("", "-wal", "-shm"):
        _chmod(data_dir / f"{db_filename}{suffix}", FILE_MODE)


def _tighten_tree(root: Path) -> None:
    for folder, dirnames, filenames in os.walk(root):
        base = Path(folder)
        _chmod(base, DIR_MODE)
        for name in filenames:
            _chmod(base / name, FILE_MODE)
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]


def _chmod(path: Path, wanted: int) -> None:
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) & ~wanted == 0:
            return
        os.chmod(path, stat.S_IMODE(info.st_mode) & wanted)
    except OSError:
        pass  # not ours, read-only disk, or gone: tightening never stops the app from opening
