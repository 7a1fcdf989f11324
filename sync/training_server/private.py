"""Owner-only folders and files for the training server's data: it holds every trainee's
token and whole reports with NIK and phone numbers, so nothing of it is readable by other
users of the trainer's laptop, whatever the umask (issue 11).

POSIX only: on Windows a user's profile folder is already private and `chmod` only
toggles the read-only flag.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) and make `path` itself owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty when missing, owner-only either way; SQLite gives its -wal and -shm
    files the mode of the database file, so creating that one first covers all three."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE)
    return path
