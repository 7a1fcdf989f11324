from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Never touch the developer's real keyring or screen from tests.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LAPOR_DESKTOP_DATA_DIR", None)
# Logs of GUI start-ups in tests go to a throw-away dir, not the developer's log dir.
os.environ["LAPOR_DESKTOP_LOG_DIR"] = tempfile.mkdtemp(prefix="lapor-test-logs-")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def office_dir(data_dir: Path) -> Path:
    """A data dir with the office and operator set, as after first start."""
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"),
    )
    return data_dir


@pytest.fixture
def cli(office_dir: Path, capsys: pytest.CaptureFixture[str]) -> object:
    """The command line on the configured office (`tests.support.cli.Cli`)."""
    from tests.support.cli import Cli

    return Cli(office_dir, capsys)


@pytest.fixture
def app(office_dir: Path) -> Iterator[object]:
    from lapor_desktop.app import open_app

    with open_app(office_dir) as opened:
        yield opened
