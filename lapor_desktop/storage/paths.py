"""Where the app keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "lapor-desktop"
APP_AUTHOR = "LAPOR Desa"
DATA_DIR_ENV = "LAPOR_DESKTOP_DATA_DIR"
DB_FILENAME = "lapor.db"
LOGS_DIRNAME = "logs"  # the support log, in each data dir


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then LAPOR_DESKTOP_DATA_DIR, then the OS's user data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """The user's log dir: for a log written before a data dir is known (or when it is not writable)."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
