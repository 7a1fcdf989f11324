"""Opening an office's data dir: the one entry point the CLI and the GUI share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.offices.settings import SETTINGS_FILENAME, Settings, load_settings
from lapor_desktop.storage.guard import check_database, mark_database
from lapor_desktop.storage.migrate import ensure_schema
from lapor_desktop.storage.paths import DB_FILENAME
from lapor_desktop.storage.permissions import private_dir, private_file, tighten


def prepare_data_dir(data_dir: Path) -> Path:
    """Create the dir and bring the database to the current schema; returns the db path.

    Cheap when nothing is to do, and free of SQLAlchemy imports, so read-only
    commands can call it on their fast path. Raises `StorageFault` when the
    database is lost or is not a database (see `storage.guard`).
    """
    private_dir(data_dir)
    tighten(data_dir, DB_FILENAME)
    check_database(data_dir)  # a lost or garbage database is refused before anything writes
    db_path = data_dir / DB_FILENAME
    private_file(db_path)
    ensure_schema(db_path, data_dir / "backups")
    mark_database(data_dir)
    return db_path


@dataclass
class App:
    """The services of one data dir. Close it when done."""

    data_dir: Path
    db_path: Path

    def __post_init__(self) -> None:
        from lapor_desktop.attachments.blobs import BlobStore
        from lapor_desktop.replies.service import ReplyService
        from lapor_desktop.reports.service import ReportService
        from lapor_desktop.storage.database import Database

        self.db = Database(self.db_path)
        self.blobs = BlobStore(self.data_dir / "attachments")
        self.reports = ReportService(self.db, self.blobs, self.settings)
        self.replies = ReplyService(self.db, self.reports, self.settings)
        self._settings_cache: tuple[tuple[int, int, int], Settings] | None = None

    def settings(self) -> Settings:
        """The current settings; re-read only when the file changed (another window may change them)."""
        try:
            stat = (self.data_dir / SETTINGS_FILENAME).stat()
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except FileNotFoundError:
            return Settings()
        if self._settings_cache is None or self._settings_cache[0] != stamp:
            self._settings_cache = (stamp, load_settings(self.data_dir))
        return self._settings_cache[1]

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_app(data_dir: Path, *, recover: bool = True) -> App:
    app = App(data_dir, prepare_data_dir(data_dir))
    if recover:
        _recover(app)
    return app


def _recover(app: App) -> None:
    """Housekeeping after a crash; a full or read-only disk postpones it so reading still works."""
    from lapor_desktop.attachments.recovery import recover as run_recovery
    from lapor_desktop.storage.faults import classify

    try:
        run_recovery(app.db, app.blobs)
    except Exception as exc:
        fault = classify(exc, app.data_dir)
        if fault is None or not fault.writing_only:
            app.close()
            raise
        import logging

        logging.getLogger(__name__).warning("recovery postponed: %s", fault.kind.value)
