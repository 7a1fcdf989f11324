"""Storage faults in the CLI: a message and exit 1, never a traceback or personal data, nothing lost.

Each fault is made for real: an emptied, missing, garbage or page-corrupted
`lapor.db`, a full disk (a small tmpfs filled to the byte) and a read-only
disk (the tmpfs remounted read-only). The office's reports carry a
recognisable NIK, name and phone number, which must appear in no error
output and no log line; a dump of every table and file before and after
shows nothing committed was lost.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.storage.faults import FaultKind, StorageFault, classify
from lapor_desktop.support.logs import remove_logging, setup_logging
from tests.support.reports import valid_input_json
from tests.support.storage import (
    PERSONAL,
    add_reports,
    attachment_hashes,
    corrupt_pages,
    dump_data_dir,
    dump_tables,
    fill_disk,
    log_text,
    remount,
    run_cli,
    tmpfs,
)

WRITES = (
    ("report", "add", "-"),
    ("report", "queue", "2"),
    ("report", "edit", "2", "-"),
)
READS = (
    ("report", "list"),
    ("report", "list", "--search", "rusak"),
    ("report", "show", "1"),
)


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    path = setup_logging(folder)
    assert path is not None
    yield folder
    remove_logging(path)


def make_office(data_dir: Path, photos: Path, n: int = 4) -> Path:
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"),
    )
    add_reports(data_dir, n, photo_dir=photos)
    return data_dir


def error_message(outcome) -> str:  # type: ignore[no-untyped-def]
    return json.loads(outcome.err)["error"]["message"]


def stdin_for(args: tuple[str, ...]) -> str:
    if args[:2] == ("report", "add"):
        return json.dumps(valid_input_json())
    if args[:2] == ("report", "edit"):
        return json.dumps({"title": "Judul baru yang tidak boleh tersimpan"})
    return ""


@pytest.mark.parametrize("how", ["emptied", "missing"])
def test_lost_database_is_refused_and_the_newest_snapshot_offered(
    how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], log_dir: Path
) -> None:
    from lapor_desktop.backup.snapshots import take_snapshot

    office = make_office(tmp_path / "data", tmp_path / "photos")
    original = dump_data_dir(office)
    snapshot = take_snapshot(office)
    db = office / "lapor.db"
    if how == "emptied":
        db.write_bytes(b"")  # `: > lapor.db`
    else:
        db.unlink()
    before = dump_data_dir(office)

    for args in (*READS, *WRITES):
        outcome = run_cli(capsys, office, *args, stdin=stdin_for(args))
        assert outcome.code == 1, (args, outcome)
        message = error_message(outcome)
        assert "lapor.db" in message and "hilang" in message
        assert f'backup restore "{snapshot.path}"' in message
        outcome.assert_no_personal_data(log_text(log_dir))
    with pytest.raises(StorageFault) as raised:
        open_app(office)  # the window's way in: refused too, and recovery never ran
    assert raised.value.kind is FaultKind.DATABASE_LOST and raised.value.restore_from == snapshot.path

    assert dump_data_dir(office) == before  # no fresh schema, every photo still there
    assert (how == "emptied") == db.exists()
    assert not db.exists() or db.stat().st_size == 0

    restored = run_cli(capsys, office, "backup", "restore", str(snapshot.path))
    assert restored.code == 0, restored
    assert dump_tables(db) == original["tables"]
    assert attachment_hashes(office) == {
        Path(name).name: sha for name, sha in original["files"].items() if name.startswith("attachments/")
    }


def test_garbage_database_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log_dir: Path
) -> None:
    office = make_office(tmp_path / "data", tmp_path / "photos", n=2)
    db = office / "lapor.db"
    garbage = b"MZ\x90\x00" + os.urandom(16_380)  # what a USB virus leaves
    db.write_bytes(garbage)
    for name in ("lapor.db-wal", "lapor.db-shm"):
        (office / name).unlink(missing_ok=True)
    before = dump_data_dir(office)
    for args in (*READS, *WRITES):
        outcome = run_cli(capsys, office, *args, stdin=stdin_for(args))
        assert outcome.code == 1, (args, outcome)
        message = error_message(outcome)
        assert "Basis data laporan rusak" in message and "cadangan" in message
        outcome.assert_no_personal_data(log_text(log_dir))
    assert db.read_bytes() == garbage
    assert dump_data_dir(office) == before


def test_page_corrupted_database_prints_no_sql_parameters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log_dir: Path
) -> None:
    office = make_office(tmp_path / "data", tmp_path / "photos", n=2)
    corrupt_pages(office / "lapor.db", "reports")
    outcome = run_cli(capsys, office, "report", "add", "-", stdin=json.dumps(valid_input_json()))
    assert outcome.code == 1, outcome
    assert "Basis data laporan rusak" in error_message(outcome)
    outcome.assert_no_personal_data(log_text(log_dir))

    # Below the CLI too: SQLAlchemy's error (what a window's log would get) carries no parameters.
    from tests.support.reports import valid_content

    app = open_app(office, recover=False)
    try:
        with pytest.raises(Exception) as raised:
            app.reports.create(valid_content())
    finally:
        app.close()
    import traceback

    text = "".join(traceback.format_exception(raised.value))
    assert "malformed" in text
    for value in PERSONAL:
        assert value not in text
    fault = classify(raised.value, office)
    assert fault is not None and fault.kind is FaultKind.CORRUPT


def test_full_disk_refuses_writes_and_keeps_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log_dir: Path
) -> None:
    with tmpfs(tmp_path / "disk", "8m") as disk:
        office = make_office(disk / "data", tmp_path / "photos", n=3)
        # A clean close leaves no -wal or -shm: the next open must make them on the full disk.
        before = dump_data_dir(office)
        reads = {args: run_cli(capsys, office, *args).out for args in READS}
        filler = fill_disk(disk)
        photo = tmp_path / "photos" / "foto-0.jpg"
        for args in WRITES:
            stdin = stdin_for(args)
            if args[:2] == ("report", "add"):
                stdin = json.dumps(valid_input_json(attachments=[str(photo)]))
            outcome = run_cli(capsys, office, *args, stdin=stdin)
            assert outcome.code == 1, (args, outcome)
            assert error_message(outcome).startswith("Penyimpanan penuh"), outcome
            outcome.assert_no_personal_data(log_text(log_dir))
        for args, expected in reads.items():  # only writing is refused
            outcome = run_cli(capsys, office, *args)
            assert outcome.code == 0, (args, outcome)
            assert outcome.out == expected
            assert "Traceback" not in outcome.err
        filler.unlink()
        assert dump_data_dir(office) == before  # nothing committed was lost
        again = run_cli(capsys, office, "report", "add", "-", stdin=json.dumps(valid_input_json()))
        assert again.code == 0, again  # space is back: writing works again


def test_read_only_disk_refuses_writes_and_keeps_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log_dir: Path
) -> None:
    with tmpfs(tmp_path / "disk", "16m") as disk:
        office = make_office(disk / "data", tmp_path / "photos", n=3)
        before = dump_data_dir(office)
        reads = {args: run_cli(capsys, office, *args).out for args in READS}
        remount(disk, read_only=True)
        try:
            for args in WRITES:
                outcome = run_cli(capsys, office, *args, stdin=stdin_for(args))
                assert outcome.code == 1, (args, outcome)
                message = error_message(outcome)
                assert message.startswith("Folder tidak dapat ditulis") and str(office) in message
                outcome.assert_no_personal_data(log_text(log_dir))
            for args, expected in reads.items():
                outcome = run_cli(capsys, office, *args)
                assert outcome.code == 0, (args, outcome)
                assert outcome.out == expected
        finally:
            remount(disk, read_only=False)
        assert dump_data_dir(office) == before


def test_a_new_office_without_database_still_starts(office_dir: Path) -> None:
    """Settings and keys come before the first database (`office set`): that is no lost database."""
    from lapor_desktop.offices.keys import ensure_keys

    ensure_keys(office_dir)
    with open_app(office_dir) as app:
        assert app.reports.create is not None
    assert (office_dir / "lapor.db.created").is_file()


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), FaultKind.DISK_FULL),
        (sqlite3.OperationalError("database or disk is full"), FaultKind.DISK_FULL),
        (sqlite3.OperationalError("attempt to write a readonly database"), FaultKind.READ_ONLY),
        (sqlite3.OperationalError("unable to open database file"), FaultKind.READ_ONLY),
        (sqlite3.DatabaseError("database disk image is malformed"), FaultKind.CORRUPT),
        (sqlite3.DatabaseError("file is not a database"), FaultKind.CORRUPT),
        (OSError(errno.EIO, "Input/output error"), FaultKind.DISK_ERROR),
    ],
)
def test_classify_by_error(exc: BaseException, kind: FaultKind, tmp_path: Path) -> None:
    fault = classify(exc, tmp_path)
    assert fault is not None and fault.kind is kind
    assert str(exc) not in fault.message  # our words, never the driver's (it may quote data)


def test_classify_follows_causes_and_ignores_other_errors(tmp_path: Path) -> None:
    try:
        try:
            raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "attachments" / "ab"))
        except OSError as inner:
            raise RuntimeError("while saving") from inner
    except RuntimeError as outer:
        fault = classify(outer, tmp_path)
    assert fault is not None and fault.kind is FaultKind.READ_ONLY and str(tmp_path) in fault.message
    assert classify(ValueError("nope"), tmp_path) is None
    assert classify(FileNotFoundError(errno.ENOENT, "gone"), tmp_path) is None
