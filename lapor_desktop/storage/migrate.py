"""Bring a database file to the schema this build expects.

The head revision is known statically so that a start-up on an up-to-date file
costs one tiny sqlite3 query and never imports Alembic. Before changing an
existing file we copy it aside (SQLite online backup), as a failed or buggy
migration on a secretary's only copy would be unrecoverable.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lapor_desktop.storage.permissions import private_dir, private_file
from lapor_desktop.storage.pragmas import connect
from lapor_desktop.timestamps import utcnow

HEAD_REVISION = "0006"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def current_revision(db_path: Path) -> str | None:
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    connection = connect(str(db_path), readonly=True)
    try:
        row = connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if found is None else str(found[0])
    finally:
        connection.close()


def backup(db_path: Path, backup_dir: Path, revision: str | None) -> Path:
    private_dir(backup_dir)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{db_path.stem}-before-migration-from-{revision}-{stamp}.db"
    private_file(target)
    source = connect(str(db_path))
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def ensure_schema(db_path: Path, backup_dir: Path, *, target: str = HEAD_REVISION) -> bool:
    """Migrate if needed; returns whether anything was run."""
    revision = current_revision(db_path)
    if revision == target:
        return False
    if revision is not None:
        backup(db_path, backup_dir, revision)
    upgrade(db_path, target)
    return True


def upgrade(db_path: Path, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    from lapor_desktop.storage.database import make_engine

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(db_path)
    try:
        # One IMMEDIATE transaction around the whole upgrade: atomic, and a
        # second process starting at the same time waits, then finds nothing to do.
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    finally:
        engine.dispose()
