"""The window never grows past the screen, whatever message shows, on the screens desa offices have.

Each case runs `tests.support.screen_fit` in its own process on an offscreen
screen of that size (Qt's offscreen platform takes a screen from a config file),
so the window is placed and sized exactly as on such a laptop.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCREENS = {
    "1366x768": (1366, 768, None),
    "1280x720": (1280, 720, None),
    "1920x1080 at 150%": (1920, 1080, "1.5"),
}


def _run(tmp_path: Path, size: tuple[int, int, str | None], kind: str) -> dict[str, object]:
    width, height, scale = size
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "synchronousWindowSystemEvents": False,
                "windowFrameMargins": True,
                "screens": [
                    {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}
                ],
            }
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
    env.pop("QT_SCALE_FACTOR", None)
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.screen_fit", str(data_dir), kind],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("kind", ["desa", "kecamatan", "latihan"])
def test_every_page_fits_the_screen_with_the_longest_messages(tmp_path: Path, screen: str, kind: str) -> None:
    width, height, scale = SCREENS[screen]
    result = _run(tmp_path, SCREENS[screen], kind)
    factor = float(scale or 1)
    assert result["screen"] == [round(width / factor), round(height / factor)]
    assert result["problems"] == []
