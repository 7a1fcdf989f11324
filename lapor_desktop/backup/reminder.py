"""Whether to remind the operator to back up to a flashdisk.

Reports not yet sent exist nowhere but on this PC. When some are waiting and
the last backup written with `backup create --to` (a flashdisk, as a rule) is
older than `REMIND_AFTER`, or there never was one, the window shows the
reminder this module returns. Cheap: one small file and one COUNT query on
the stdlib driver, so the window can ask at start-up and after each save.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.backup.state import load_state
from lapor_desktop.storage.paths import DB_FILENAME

REMIND_AFTER = dt.timedelta(days=7)


@dataclass(frozen=True)
class BackupReminder:
    waiting_reports: int  # reports not yet sent: drafts, queued, to be fixed
    last_backup_at: dt.datetime | None  # the last backup to a flashdisk, aware UTC
    last_backup_path: Path | None
    days_since: int | None
    message: str  # for the operator, in Bahasa Indonesia


def backup_reminder(data_dir: Path, now: dt.datetime | None = None) -> BackupReminder | None:
    """A reminder when reports are waiting and no flashdisk backup is newer than 7 days, else None."""
    now = now or dt.datetime.now(dt.UTC)
    waiting = _waiting_reports(data_dir / DB_FILENAME)
    if waiting == 0:
        return None
    last = load_state(data_dir).last_external
    if last is not None and now - last.at < REMIND_AFTER:
        return None
    if last is None:
        days = None
        message = (
            f"{waiting} laporan belum terkirim dan belum pernah dicadangkan ke flashdisk. "
            "Buat cadangan sekarang agar laporan tidak hilang bila komputer rusak."
        )
    else:
        days = (now - last.at).days
        message = (
            f"{waiting} laporan belum terkirim; cadangan terakhir ke flashdisk {days} hari lalu. "
            "Buat cadangan baru sekarang agar laporan tidak hilang bila komputer rusak."
        )
    return BackupReminder(
        waiting_reports=waiting,
        last_backup_at=None if last is None else last.at,
        last_backup_path=None if last is None else last.path,
        days_since=days,
        message=message,
    )


def _waiting_reports(db_path: Path) -> int:
    if not db_path.is_file():
        return 0
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT COUNT(*) FROM reports WHERE state != 'sent'").fetchone()
        return int(row[0])
    except sqlite3.Error:
        return 0
    finally:
        connection.close()
