"""`lapor-desktop --self-test` from source, as CI runs it on the bundle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_self_test_from_source(tmp_path: Path) -> None:
    env = dict(os.environ)
    # The self-test must not need (or touch) the user's data dir: point it at an empty place.
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "data-home")
    completed = subprocess.run(
        [sys.executable, "-m", "lapor_desktop", "--self-test"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    result = json.loads(completed.stdout)
    assert completed.returncode == 0, (result, completed.stderr[-3000:])
    assert result["ok"] is True
    names = [check["name"] for check in result["checks"]]
    assert names == [
        "migrations",
        "resources",
        "write_and_read_report",
        "log_redaction",
        "profile_signatures",
        "sync_stack",
        "main_window_offscreen",
    ]
    window = result["checks"][-1]["detail"]
    assert window["real"]["rows"] == 1
    assert "MODE LATIHAN" in window["training"]["title"]
    assert not (tmp_path / "data-home").exists()


def test_self_test_fails_loudly(tmp_path: Path) -> None:
    """A broken installation exits 1 and says which check failed (here: resources are hidden)."""
    from lapor_desktop.self_test import SelfTest

    test = SelfTest(tmp_path)
    assert test.check("passes", lambda: None)
    assert not test.check("breaks", lambda: 1 / 0)
    assert not test.ok
    assert test.checks[1]["error"].startswith("ZeroDivisionError")  # type: ignore[union-attr]
