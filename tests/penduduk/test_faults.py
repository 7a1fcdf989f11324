"""A full disk during an import: a message and exit 1, no traceback, and the previous set stays."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings
from tests.penduduk.conftest import SITI_NIK, first_register
from tests.support.cli import Cli
from tests.support.opensid import generated_rows, write_opensid_zip


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill the disk, then free ``leave`` bytes again."""
    filler = disk / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def test_full_disk_during_import_keeps_the_previous_set(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = small_disk / "data"
    data_dir.mkdir()
    save_settings(data_dir, Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001")))
    cli = Cli(data_dir, capsys)
    exports = tmp_path / "Unduhan"
    exports.mkdir()
    cli("penduduk", "import", str(write_opensid_zip(exports, first_register())))
    bigger = write_opensid_zip(
        exports, first_register() + list(generated_rows(1000, start=10)), name="baru.zip"
    )
    filler = fill(small_disk, leave=48 * 1024)

    error = cli("penduduk", "import", str(bigger), expect=1)

    assert "ruang disk penuh" in error["message"] and "tidak berubah" in error["message"]
    filler.unlink()
    assert cli("penduduk", "status")["residents"] == 2
    assert cli("penduduk", "find", SITI_NIK)["name"] == "SITI AMINAH"
