"""Owner-only files on POSIX, with the umask most Linux desktops have (022)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from tests.support.cli import Cli
from tests.support.images import write_photo_jpeg
from tests.support.reports import valid_input_json

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def assert_owner_only(root: Path) -> None:
    for name, mode in modes(root).items():
        path = root / name
        wanted = 0o700 if path.is_dir() else 0o600
        assert mode == wanted, (name, oct(mode))


def test_everything_the_app_writes_is_owner_only(
    umask_022: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lapor_desktop.backup.snapshots import take_snapshot
    from lapor_desktop.support.logs import remove_logging, setup_logging

    data_dir = tmp_path / "data"
    cli = Cli(data_dir, capsys)
    cli("office", "set", "--name", "Desa Way Huwi", "--region-code", "18.01.01.2001")
    cli("operator", "set", "Siti Aminah")
    photo = write_photo_jpeg(tmp_path / "foto.jpg", (800, 600))
    cli("report", "add", "-", stdin=valid_input_json(attachments=[str(photo)]))
    with open_app(data_dir):  # the database open: -wal and -shm exist now
        assert (data_dir / "lapor.db-wal").exists()
        take_snapshot(data_dir)
        assert_owner_only(data_dir)
    secret = tmp_path / "sandi.txt"
    secret.write_text("kata-sandi-panjang\n")
    backup = tmp_path / "usb" / "cadangan.lapor"
    backup.parent.mkdir()
    cli("backup", "create", "--to", str(backup), "--passphrase-file", str(secret))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert_owner_only(data_dir)

    logs = tmp_path / "logs"
    log_file = setup_logging(logs)
    assert log_file is not None
    try:
        import logging

        logging.getLogger("test").warning("satu baris")
        for handler in logging.getLogger().handlers:
            handler.flush()
    finally:
        remove_logging(log_file)
    assert_owner_only(logs)


def test_an_older_install_is_tightened_when_opened(umask_022: None, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    from tests.support.offices import make_office

    make_office(data_dir, "https://lapor.example", "tok")
    open_app(data_dir).close()
    photo_dir = data_dir / "attachments" / "ab"
    photo_dir.mkdir(parents=True)
    (photo_dir / ("ab" + "0" * 62)).write_bytes(b"x")
    for path in [data_dir, *data_dir.rglob("*")]:  # as an install made before this rule left them
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    with open_app(data_dir, recover=False):
        pass
    assert_owner_only(data_dir)
    assert json.loads((data_dir / "settings.json").read_text())["office"]["name"] == "Desa Way Huwi"
