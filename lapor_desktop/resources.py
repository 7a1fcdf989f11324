"""Where the app's data files live, in a source checkout and in a frozen build.

One locator so that every module finds ``resources/`` the same way, including
inside a PyInstaller bundle, where files are unpacked under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        # PyInstaller bundles are built with `--add-data resources:resources`.
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a file under ``resources/``, e.g. ``resource_path("provinces.json")``."""
    return resources_dir().joinpath(*parts)
