"""Never start empty over a lost database.

SQLite treats a missing or 0-byte file as an empty database, so an emptied
`lapor.db` used to get a fresh schema, and start-up recovery then took every
photo for a stray. Before anything opens the database we look at the data
dir: if it shows that a database lived here (the marker written when the
schema was first made, attachments, snapshots, migration backups) and the
file is missing, empty or not an SQLite file, nothing is written and the
operator is told which backup to restore.

Settings and keys alone are no such sign: `office set` writes both before the
first database exists.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lapor_desktop.storage.faults import FaultKind, fault
from lapor_desktop.storage.paths import DB_FILENAME

# Written once the schema exists; its presence means "a database lived here".
DB_MARKER = "lapor.db.created"
SQLITE_HEADER = b"SQLite format 3\x00"


def check_database(data_dir: Path) -> None:
    """Raise a `StorageFault` when `lapor.db` is lost or is not a database; cheap (a stat, 16 bytes)."""
    db_path = data_dir / DB_FILENAME
    try:
        size = db_path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size == 0:
        if held_a_database(data_dir):
            raise fault(FaultKind.DATABASE_LOST, path=db_path, restore_from=newest_backup(data_dir))
        return
    with open(db_path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise fault(FaultKind.CORRUPT, path=db_path, restore_from=newest_backup(data_dir))


def held_a_database(data_dir: Path) -> bool:
    """Whether this data dir shows that a database with an office's data lived in it."""
    if (data_dir / DB_MARKER).exists():
        return True
    if _any_file(data_dir / "attachments", "??/*"):
        return True
    if _any_file(data_dir / "backups", "*.db"):
        return True
    from lapor_desktop.backup.snapshots import list_snapshots

    return bool(list_snapshots(data_dir))


def mark_database(data_dir: Path) -> None:
    """Record that the database exists (once); a full or read-only disk just leaves it for next time."""
    marker = data_dir / DB_MARKER
    if marker.exists():
        return
    from lapor_desktop.storage.atomic import write_atomic
    from lapor_desktop.timestamps import to_text

    try:
        write_atomic(marker, (to_text(dt.datetime.now(dt.UTC)) + "\n").encode("ascii"), mode=0o600)
    except OSError:
        pass


def newest_backup(data_dir: Path) -> Path | None:
    """The newest local snapshot, else the last backup file written to a flashdisk if it is reachable."""
    from lapor_desktop.backup.snapshots import list_snapshots
    from lapor_desktop.backup.state import load_state

    snapshots = list_snapshots(data_dir)
    if snapshots:
        return snapshots[-1].path
    state = load_state(data_dir)
    if state.last_external is not None and state.last_external.path.is_file():
        return state.last_external.path
    return None


def _any_file(folder: Path, pattern: str) -> bool:
    try:
        return any(p.is_file() for p in folder.glob(pattern))
    except OSError:
        return False
