"""The restore drill: an office of 200 reports with photos, backed up to a file, its data dir
wiped, restored; every table and every attachment comes back the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.storage import add_reports, attachment_hashes, dump_tables, run_cli

# Written when a database is opened or a backup made: bookkeeping, not the office's data.
_BOOKKEEPING = {"lapor.db.created", "backup-state.json"}


def office_files(data_dir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in data_dir.rglob("*")
        if p.is_file() and not p.name.startswith("lapor.db") and p.name not in _BOOKKEEPING
    }


@pytest.mark.slow
def test_restore_drill_200_reports_with_photos(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lapor_desktop.offices.keys import ensure_keys
    from tests.support.offices import make_office

    office = make_office(tmp_path / "data", "https://lapor.example", "token-kantor")
    ensure_keys(office)
    add_reports(office, 200, photo_dir=tmp_path / "photos")
    tables = dump_tables(office / "lapor.db")
    photos = attachment_hashes(office)
    files = office_files(office)
    assert len(photos) == 200 and all(name == sha for name, sha in photos.items())
    assert "server-token" in files and any(name.startswith("keys/") for name in files)

    secret = tmp_path / "sandi.txt"
    secret.write_text("latihan pemulihan kantor desa\n", encoding="utf-8")
    usb = tmp_path / "flashdisk" / "cadangan-way-huwi.lapor"
    usb.parent.mkdir()
    made = run_cli(capsys, office, "backup", "create", "--to", str(usb), "--passphrase-file", str(secret))
    assert made.code == 0, made
    assert json.loads(made.out)["attachments"] == 200

    shutil.rmtree(office)  # the PC's disk is gone
    restored = run_cli(capsys, office, "backup", "restore", str(usb), "--passphrase-file", str(secret))
    assert restored.code == 0, restored
    assert dump_tables(office / "lapor.db") == tables
    assert attachment_hashes(office) == photos
    assert office_files(office) == files
    listed = run_cli(capsys, office, "report", "list", "--limit", "500")
    assert len(json.loads(listed.out)) == 200
