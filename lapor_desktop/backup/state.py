"""What the app remembers about backups: when and where the last one to a flashdisk was written."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.backup.contents import STATE_FILENAME


@dataclass(frozen=True)
class ExternalBackup:
    path: Path
    at: dt.datetime  # aware UTC
    reports: int


@dataclass(frozen=True)
class BackupState:
    last_external: ExternalBackup | None = None


def load_state(data_dir: Path) -> BackupState:
    try:
        raw = json.loads((data_dir / STATE_FILENAME).read_text(encoding="utf-8"))
        last = raw.get("last_external")
        if not last:
            return BackupState()
        at = dt.datetime.fromisoformat(str(last["at"]).replace("Z", "+00:00"))
        return BackupState(ExternalBackup(Path(last["path"]), at, int(last["reports"])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return BackupState()


def record_external(data_dir: Path, backup: ExternalBackup) -> None:
    from lapor_desktop.storage.atomic import write_atomic

    raw = {
        "last_external": {
            "path": str(backup.path),
            "at": backup.at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            "reports": backup.reports,
        }
    }
    write_atomic(data_dir / STATE_FILENAME, (json.dumps(raw, ensure_ascii=False) + "\n").encode("utf-8"))
