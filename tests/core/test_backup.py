"""Backups: encrypted files for a flashdisk, local snapshots, restore, the reminder."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

from lapor_desktop.backup.archive import CHUNK_SIZE, HEADER_SIZE, EncryptingWriter, ScryptParams
from lapor_desktop.backup.reminder import backup_reminder
from lapor_desktop.backup.snapshots import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    list_snapshots,
    take_snapshot,
    take_snapshot_if_due,
)
from lapor_desktop.backup.state import load_state
from tests.support.storage import Outcome, add_reports, dump_data_dir, run_cli

PASSPHRASE = "kata sandi kantor desa"
# Made when a database is opened or a backup written: not the office's data.
_BOOKKEEPING = ("lapor.db.created", "backup-state.json")


@pytest.fixture
def office(office_dir: Path, tmp_path: Path) -> Path:
    from lapor_desktop.offices.keys import ensure_keys

    ensure_keys(office_dir)
    add_reports(office_dir, 5, photo_dir=tmp_path / "photos")
    return office_dir


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "sandi.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def office_dump(data_dir: Path) -> dict[str, object]:
    dump = dump_data_dir(data_dir)
    files = {k: v for k, v in dump["files"].items() if k not in _BOOKKEEPING}  # type: ignore[union-attr]
    return {"tables": dump["tables"], "files": files}


def create(capsys: pytest.CaptureFixture[str], data_dir: Path, target: Path, secret: Path) -> Outcome:
    return run_cli(
        capsys, data_dir, "backup", "create", "--to", str(target), "--passphrase-file", str(secret)
    )


def error(outcome: Outcome) -> str:
    return json.loads(outcome.err)["error"]["message"]


def siblings(data_dir: Path) -> set[str]:
    return {p.name for p in data_dir.parent.iterdir()}


def test_create_verify_restore_into_a_wiped_data_dir(
    office: Path, tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = office_dump(office)
    target = tmp_path / "usb" / "cadangan.lapor"
    target.parent.mkdir()
    created = create(capsys, office, target, secret)
    assert created.code == 0, created
    summary = json.loads(created.out)
    assert summary["reports"] == 5 and summary["attachments"] == 5
    assert summary["office"]["region_code"] == "18.01.01.2001"
    created.assert_no_personal_data()
    assert b"Budi" not in target.read_bytes()  # encrypted, not just packed

    verified = run_cli(
        capsys, tmp_path / "elsewhere", "backup", "verify", str(target), "--passphrase-file", str(secret)
    )
    assert verified.code == 0, verified
    assert json.loads(verified.out)["database_sha256"] == summary["database_sha256"]
    assert not (tmp_path / "elsewhere").exists()  # verify touches no data dir

    shutil.rmtree(office)
    restored = run_cli(capsys, office, "backup", "restore", str(target), "--passphrase-file", str(secret))
    assert restored.code == 0, restored
    assert json.loads(restored.out)["set_aside"] is None
    assert office_dump(office) == before
    listed = run_cli(capsys, office, "report", "list")
    assert len(json.loads(listed.out)) == 5


@pytest.fixture(scope="module")
def big_backup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """An office whose backup spans a few 1 MiB chunks, made once for the damage cases."""
    from lapor_desktop.backup.external import create_backup
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    base = tmp_path_factory.mktemp("big")
    data_dir = base / "data"
    data_dir.mkdir()
    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"),
    )
    add_reports(data_dir, 3, photo_dir=base / "photos", photo_size=(1600, 1200), noise=True)
    target = base / "cadangan.lapor"
    create_backup(data_dir, target, PASSPHRASE)
    return data_dir, target.read_bytes()


@pytest.mark.parametrize(
    "damage", ["passphrase", "header", "first", "middle", "last", "cut", "at_chunk_end", "appended"]
)
def test_a_wrong_passphrase_or_a_changed_byte_is_refused_and_changes_nothing(
    damage: str,
    big_backup: tuple[Path, bytes],
    tmp_path: Path,
    secret: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    office = tmp_path / "data"
    shutil.copytree(big_backup[0], office)
    target = tmp_path / "cadangan.lapor"
    data = bytearray(big_backup[1])
    assert len(data) > HEADER_SIZE + 2 * (CHUNK_SIZE + 16)
    if damage == "header":
        data[20] ^= 0x01
    elif damage == "first":
        data[HEADER_SIZE + 3] ^= 0x01
    elif damage == "middle":
        data[len(data) // 2] ^= 0x01
    elif damage == "last":
        data[-5] ^= 0x80
    elif damage == "cut":
        del data[len(data) // 2 :]
    elif damage == "at_chunk_end":  # whole chunks, only the last one missing
        del data[HEADER_SIZE + 2 * (CHUNK_SIZE + 16) :]
    elif damage == "appended":
        data += b"\0" * 100
    target.write_bytes(bytes(data))
    if damage == "passphrase":
        secret.write_text("bukan kata sandinya\n", encoding="utf-8")
    before = dump_data_dir(office)
    around = siblings(office)
    for command in ("verify", "restore"):
        outcome = run_cli(capsys, office, "backup", command, str(target), "--passphrase-file", str(secret))
        assert outcome.code == 2, (command, outcome)
        message = error(outcome)
        if damage in ("passphrase", "header"):
            assert "Kata sandi cadangan salah" in message
        else:
            assert "rusak" in message or "terpotong" in message, message
        outcome.assert_no_personal_data()
    assert dump_data_dir(office) == before
    assert siblings(office) == around  # no half-restored folder left beside it


def test_a_backup_of_another_office_needs_confirmation(
    office: Path, tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cadangan.lapor"
    assert create(capsys, office, target, secret).code == 0
    other = tmp_path / "lain"
    assert (
        run_cli(
            capsys, other, "office", "set", "--name", "Desa Sidomulyo", "--region-code", "18.01.02.2003"
        ).code
        == 0
    )
    before = dump_data_dir(other)
    refused = run_cli(capsys, other, "backup", "restore", str(target), "--passphrase-file", str(secret))
    assert refused.code == 2
    assert "kantor lain" in error(refused) and "--yes-other-office" in error(refused)
    assert dump_data_dir(other) == before and siblings(other) == {
        "lain",
        "cadangan.lapor",
        "sandi.txt",
        "data",
        "photos",
    }

    confirmed = run_cli(
        capsys,
        other,
        "backup",
        "restore",
        str(target),
        "--passphrase-file",
        str(secret),
        "--yes-other-office",
    )
    assert confirmed.code == 0, confirmed
    set_aside = Path(json.loads(confirmed.out)["set_aside"])
    assert json.loads((set_aside / "settings.json").read_text())["office"]["name"] == "Desa Sidomulyo"
    assert json.loads((other / "settings.json").read_text())["office"]["name"] == "Desa Way Huwi"


def test_passphrase_refusals(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cadangan.lapor"
    no_terminal = run_cli(capsys, office, "backup", "create", "--to", str(target))
    assert no_terminal.code == 2 and "--passphrase-file" in error(no_terminal)
    short = tmp_path / "pendek.txt"
    short.write_text("1234\n")
    assert create(capsys, office, target, short).code == 2
    inside = run_cli(
        capsys, office, "backup", "create", "--to", str(office / "x.lapor"), "--passphrase-file", str(short)
    )
    assert inside.code == 2 and "di luar folder data" in error(inside)
    assert not target.exists()


def test_a_crafted_backup_cannot_write_outside_the_fresh_folder(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], secret: Path
) -> None:
    target = tmp_path / "jahat.lapor"
    with open(target, "wb") as out:
        writer = EncryptingWriter(out, PASSPHRASE, ScryptParams(log2_n=14))
        with tarfile.open(fileobj=writer, mode="w|") as archive:  # type: ignore[call-overload]
            payload = b"pwned"
            info = tarfile.TarInfo("../../pwned.txt")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
        writer.close()
    before = dump_data_dir(office)
    outcome = run_cli(capsys, office, "backup", "restore", str(target), "--passphrase-file", str(secret))
    assert outcome.code == 2 and "tidak diizinkan" in error(outcome)
    assert not (tmp_path / "pwned.txt").exists() and not (office.parent.parent / "pwned.txt").exists()
    assert dump_data_dir(office) == before


def test_snapshot_daily_restore_and_list(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = office_dump(office)
    morning = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    first = take_snapshot_if_due(office, morning)
    assert first is not None
    assert take_snapshot_if_due(office, morning + dt.timedelta(hours=3)) is None  # once a day
    manifest = first.manifest()
    assert manifest.reports_total == 5 and len(manifest.attachments) == 5
    photo = next((first.path / "attachments").glob("??/*"))
    original = office / photo.relative_to(first.path)
    assert photo.stat().st_ino == original.stat().st_ino  # a hard link: costs no space

    listed = run_cli(capsys, office, "backup", "list")
    assert [s["path"] for s in json.loads(listed.out)["snapshots"]] == [str(first.path)]

    run_cli(
        capsys, office, "report", "add", "-", stdin=json.dumps({"title": "x"})
    )  # refused input, no change
    restored = run_cli(capsys, office, "backup", "restore", str(first.path))
    assert restored.code == 0, restored
    assert office_dump(office) == {**before, "files": {**before["files"], **_snapshot_files(office)}}  # type: ignore[dict-item]
    assert [s.path.name for s in list_snapshots(office)] == [first.path.name]  # carried along


def _snapshot_files(data_dir: Path) -> dict[str, str]:
    dump = dump_data_dir(data_dir)["files"]
    return {k: v for k, v in dump.items() if k.startswith("snapshots/")}  # type: ignore[union-attr]


def test_rotation_keeps_seven_daily_and_four_weekly(office: Path) -> None:
    start = dt.datetime(2026, 9, 1, 3, 0, tzinfo=dt.UTC)
    for day in range(40):
        take_snapshot_if_due(office, start + dt.timedelta(days=day))
    kept = [s.taken_at for s in list_snapshots(office)]
    newest = start + dt.timedelta(days=39)
    assert kept[-KEEP_DAILY:] == [newest - dt.timedelta(days=d) for d in reversed(range(KEEP_DAILY))]
    weeks = {t.isocalendar()[:2] for t in kept}
    assert len(kept) <= KEEP_DAILY + KEEP_WEEKLY and len(weeks) >= KEEP_WEEKLY
    assert kept[0] >= newest - dt.timedelta(weeks=KEEP_WEEKLY + 1)


def test_reminder_when_reports_wait_and_the_last_flashdisk_backup_is_old(
    office: Path, tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = dt.datetime.now(dt.UTC)
    reminder = backup_reminder(office, now)
    assert reminder is not None and reminder.waiting_reports == 5 and reminder.last_backup_at is None
    assert "belum pernah dicadangkan" in reminder.message
    assert create(capsys, office, tmp_path / "cadangan.lapor", secret).code == 0
    last = load_state(office).last_external
    assert last is not None and last.path == tmp_path / "cadangan.lapor"
    assert backup_reminder(office, last.at + dt.timedelta(days=6)) is None
    later = backup_reminder(office, last.at + dt.timedelta(days=8))
    assert later is not None and later.days_since == 8 and later.last_backup_path == last.path
    assert "8 hari lalu" in later.message
    take_snapshot(office)  # a local snapshot is not a flashdisk backup
    assert backup_reminder(office, last.at + dt.timedelta(days=8)) is not None


def test_no_reminder_without_waiting_reports(office_dir: Path) -> None:
    from lapor_desktop.app import open_app

    open_app(office_dir).close()
    assert backup_reminder(office_dir) is None
