"""When the window cannot open, the app says why and what to install, and exits with an error code.

Each start runs `python -m lapor_desktop` in its own process with the desktop
environment of the case, as a user would start it; before this check Qt
aborted these with SIGABRT.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ui.display_check import display_problem, missing_libraries, needed_libraries, plugin_file

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops only")


def _desktop_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.pop("XDG_SESSION_TYPE", None)
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def _start(data_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lapor_desktop", "--data-dir", str(data_dir)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _free_display() -> str:
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return f":{number}"
    raise RuntimeError("no free X display number")


def test_no_display_at_all_is_said_in_bahasa_not_aborted(tmp_path: Path) -> None:
    done = _start(tmp_path / "data", _desktop_env())
    assert done.returncode == 1, done.stderr[-2000:]
    assert "tidak dapat membuka jendela" in done.stderr
    assert "DISPLAY" in done.stderr and "lapor-desktop report list" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_display_nobody_answers_on(tmp_path: Path) -> None:
    display = _free_display()
    done = _start(tmp_path / "data", _desktop_env(DISPLAY=display))
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"layar {display} tidak dapat dihubungi" in done.stderr


def _plugin_missing_icccm(tmp_path: Path) -> Path:
    """A copy of Qt's xcb plugin whose Qt library asks for libxcb-icccm.so.9, which no system has."""
    real = plugin_file("xcb", {})
    assert real is not None
    qt_lib = real.parent.parent.parent / "lib"
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    shutil.copy2(real, platforms / real.name)
    libs = tmp_path / "lib"  # the plugin finds Qt's libraries at $ORIGIN/../../lib
    libs.mkdir()
    for library in qt_lib.iterdir():
        (libs / library.name).symlink_to(library)
    for holder in (platforms / real.name, libs / "libQt6XcbQpa.so.6"):
        data = holder.read_bytes()
        if b"libxcb-icccm.so.4" in data:
            holder.unlink()
            holder.write_bytes(data.replace(b"libxcb-icccm.so.4", b"libxcb-icccm.so.9"))
    return platforms


def test_missing_xcb_libraries_are_named_with_their_debian_package(tmp_path: Path) -> None:
    platforms = _plugin_missing_icccm(tmp_path)
    env = _desktop_env(DISPLAY=_free_display(), QT_QPA_PLATFORM_PLUGIN_PATH=str(platforms))
    done = _start(tmp_path / "data", env)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "libxcb-icccm.so.9" in done.stderr
    assert "sudo apt install libxcb-icccm4" in done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr


def test_the_installed_plugin_has_everything_it_needs() -> None:
    plugin = plugin_file("xcb", {})
    assert plugin is not None
    assert "libxcb-icccm.so.4" in needed_libraries(plugin.parent.parent.parent / "lib" / "libQt6XcbQpa.so.6")
    assert missing_libraries(plugin) == []


def test_offscreen_and_other_systems_are_not_checked() -> None:
    assert display_problem([], {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem(["-platform", "minimal"], {}) is None
    assert display_problem([], {}, platform="win32") is None
    assert display_problem([], {}) is not None  # Linux, no display at all


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_a_real_x_server_passes(tmp_path: Path) -> None:
    display = _free_display()
    server = subprocess.Popen(["Xvfb", display, "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    try:
        socket_path = Path(f"/tmp/.X11-unix/X{display[1:]}")
        deadline = time.monotonic() + 20
        while not socket_path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert display_problem([], {"DISPLAY": display}) is None
    finally:
        server.terminate()
        server.wait(10)
    _ = socket  # the X socket is a Unix socket file; nothing else to open
