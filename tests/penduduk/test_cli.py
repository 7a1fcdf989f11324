"""`lapor-desktop penduduk import|find|status|clear` on a real data dir, with exports as OpenSID writes them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from lapor_desktop.storage.paths import DB_FILENAME
from tests.penduduk.conftest import (
    BUDI_NIK,
    DROPPED,
    KARTO_NIK,
    RINA_NIK,
    SITI_NIK,
    first_register,
    resident_row,
)
from tests.support.cli import Cli
from tests.support.opensid import write_csv, write_opensid_zip

FIRST_DAY = dt.date(2026, 12, 2)


def data_bytes(data_dir: Path) -> bytes:
    """Every byte the app keeps in its data dir: the database, its WAL, and any other file."""
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file())


def db_and_wal(data_dir: Path) -> bytes:
    db = data_dir / DB_FILENAME
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_import_prints_counts_reasons_and_the_export_date(cli: Cli, exports: Path) -> None:
    export = write_opensid_zip(exports, first_register(), day=FIRST_DAY)

    out = cli("penduduk", "import", str(export))

    assert out["imported"] == 2
    assert out["rows"] == 4
    assert out["skipped"] == {
        "total": 2,
        "not_living": 1,
        "no_nik": 1,
        "invalid_nik": 0,
        "no_name": 0,
        "duplicate": 0,
    }
    assert set(out["skip_reasons"]) == {"not_living", "no_nik", "invalid_nik", "no_name", "duplicate"}
    assert out["export_date"] == "2026-12-02"
    assert out["export_date_source"] == "file_name"
    assert out["export_date_note"] == "dari nama berkas"
    assert out["source"] == "penduduk_02_12_2026_opendk.zip"
    assert out["format"] == "opensid_zip"
    assert out["replaced"] == 0

    status = cli("penduduk", "status")
    assert status["residents"] == 2
    assert status["export_date"] == "2026-12-02"
    assert status["skipped"]["not_living"] == 1


def test_find_by_nik_gives_name_and_address(cli: Cli, exports: Path) -> None:
    cli("penduduk", "import", str(write_opensid_zip(exports, first_register(), day=FIRST_DAY)))

    siti = cli("penduduk", "find", SITI_NIK)
    assert siti == {
        "nik": SITI_NIK,
        "name": "SITI AMINAH",
        "birth_date": "1985-03-12",
        "address": "JL. MERPATI NO. 7, Dusun SUKAMAJU RT 003/RW 001",
        "address_parts": {"alamat": "JL. MERPATI NO. 7", "dusun": "SUKAMAJU", "rt": "003", "rw": "001"},
        "export_date": "2026-12-02",
    }
    assert cli("penduduk", "find", BUDI_NIK)["address"] == "Dusun SUKADAMAI RT 007/RW 002"


def test_find_not_found_exits_1_and_bad_nik_exits_2(cli: Cli, exports: Path, capsys) -> None:
    error = cli("penduduk", "find", SITI_NIK, expect=1)
    assert "Belum ada data penduduk" in error["message"]

    cli("penduduk", "import", str(write_opensid_zip(exports, first_register(), day=FIRST_DAY)))
    error = cli("penduduk", "find", KARTO_NIK, expect=1)  # died: in the file, never offered
    assert error["message"].startswith("Tidak ditemukan")
    assert "2026-12-02" in error["message"]
    assert KARTO_NIK not in error["message"]

    error = cli("penduduk", "find", "0", expect=2)
    assert "nik" in error["fields"]
    error = cli("penduduk", "find", SITI_NIK[:-1], expect=2)
    assert "16 angka" in error["message"] and SITI_NIK[:-1] not in error["message"]
    cli("penduduk", "find", "1801011385000001", expect=2)  # month 13: not a NIK at all


def test_dropped_columns_and_photos_are_nowhere_in_the_data_dir(cli: Cli, exports: Path) -> None:
    export = write_opensid_zip(exports, first_register(), day=FIRST_DAY)
    cli("penduduk", "status")  # creates the database
    before = {p.name for p in cli.data_dir.rglob("*")}
    # A reader holding a snapshot keeps the WAL from being emptied: its frames get checked too.
    holder = sqlite3.connect(cli.data_dir / DB_FILENAME, isolation_level=None)
    holder.execute("BEGIN")
    holder.execute("SELECT COUNT(*) FROM reports").fetchone()

    cli("penduduk", "import", str(export))

    wal = cli.data_dir / (DB_FILENAME + "-wal")
    assert wal.stat().st_size > 0
    raw = db_and_wal(cli.data_dir)
    assert b"SITI AMINAH" in raw  # the scan does see what is kept
    everything = data_bytes(cli.data_dir)
    for column, value in DROPPED.items():
        assert value.encode() not in everything, column
    assert b"MBAH KARTO" not in everything  # not living: not stored either
    assert b"FOTO-PENDUDUK-" not in everything and b"kecil_1.jpg" not in everything
    holder.execute("COMMIT")
    holder.close()
    after = {p.name for p in cli.data_dir.rglob("*")}
    assert after - before <= {DB_FILENAME + "-wal", DB_FILENAME + "-shm"}


def test_a_refused_file_exits_2_and_changes_nothing(cli: Cli, exports: Path, capsys) -> None:
    cli("penduduk", "import", str(write_opensid_zip(exports, first_register(), day=FIRST_DAY)))
    status = cli("penduduk", "status")

    not_an_export = exports / "penduduk_03_12_2026_opendk.csv"
    not_an_export.write_text(f"nik,nama_lengkap\n{RINA_NIK},RINA WULANDARI\n", encoding="utf-8")
    error = cli("penduduk", "import", str(not_an_export), expect=2)

    assert "bukan ekspor data penduduk OpenSID" in error["message"]
    assert "tidak berubah" in error["message"]
    assert RINA_NIK not in error["message"] and "RINA" not in error["message"]
    assert cli("penduduk", "status") == status
    assert cli("penduduk", "find", SITI_NIK)["name"] == "SITI AMINAH"


def test_an_export_where_every_row_is_skipped_is_refused(cli: Cli, exports: Path) -> None:
    cli("penduduk", "import", str(write_opensid_zip(exports, first_register(), day=FIRST_DAY)))
    dead = [resident_row("MBAH KARTO SUDIRO", KARTO_NIK, status_dasar="2")]
    error = cli(
        "penduduk", "import", str(write_opensid_zip(exports, dead, day=dt.date(2026, 12, 9))), expect=2
    )
    assert "Tidak ada penduduk yang dapat diimpor" in error["message"]
    assert "1 bukan penduduk hidup" in error["message"]
    assert cli("penduduk", "status")["residents"] == 2


def test_a_newer_export_replaces_the_old_set(cli: Cli, exports: Path) -> None:
    cli("penduduk", "import", str(write_opensid_zip(exports, first_register(), day=FIRST_DAY)))
    newer = [
        resident_row("SITI AMINAH", SITI_NIK, status_dasar="2"),  # died since
        resident_row("BUDI SANTOSO", BUDI_NIK, dusun="TANJUNG SARI", rt="1", rw="4"),  # moved within the desa
        resident_row("RINA WULANDARI", RINA_NIK),  # new
    ]
    later = exports / "later"
    later.mkdir()

    out = cli("penduduk", "import", str(write_opensid_zip(later, newer, day=dt.date(2027, 1, 6))))

    assert (out["imported"], out["replaced"], out["export_date"]) == (2, 2, "2027-01-06")
    cli("penduduk", "find", SITI_NIK, expect=1)
    assert cli("penduduk", "find", BUDI_NIK)["address"].endswith("Dusun TANJUNG SARI RT 001/RW 004")
    assert cli("penduduk", "find", RINA_NIK)["name"] == "RINA WULANDARI"
    # secure_delete and the WAL checkpoint: the old set is not lying in free pages either.
    assert b"SITI AMINAH" not in db_and_wal(cli.data_dir)


def test_an_older_export_needs_allow_older(cli: Cli, exports: Path) -> None:
    cli("penduduk", "import", str(write_opensid_zip(exports, first_register(), day=FIRST_DAY)))
    older_rows = [resident_row("RINA WULANDARI", RINA_NIK)]
    older = write_opensid_zip(exports, older_rows, day=dt.date(2026, 11, 1))

    error = cli("penduduk", "import", str(older), expect=2)
    assert "lebih lama" in error["message"] and "--allow-older" in error["message"]
    assert cli("penduduk", "status")["export_date"] == "2026-12-02"

    out = cli("penduduk", "import", str(older), "--allow-older")
    assert (out["imported"], out["export_date"]) == (1, "2026-11-01")


def test_csv_import_is_dated_by_the_newest_change(cli: Cli, exports: Path) -> None:
    rows = first_register()
    rows[1].updated_at = "2026-11-29 16:45:10"
    out = cli("penduduk", "import", str(write_csv(exports / "penduduk.csv", rows, delimiter=";")))
    assert (out["format"], out["export_date"], out["export_date_source"]) == (
        "csv",
        "2026-11-29",
        "updated_at",
    )
    assert "perubahan data penduduk terbaru" in out["export_date_note"]


def test_a_failure_inside_the_replacement_keeps_the_old_set(cli: Cli, exports: Path) -> None:
    cli("penduduk", "import", str(write_opensid_zip(exports, first_register(), day=FIRST_DAY)))
    connection = sqlite3.connect(cli.data_dir / DB_FILENAME)
    connection.execute(
        f"CREATE TRIGGER refuse_rina BEFORE INSERT ON residents WHEN NEW.nik = '{RINA_NIK}'"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    connection.commit()
    connection.close()
    newer = [resident_row("BUDI SANTOSO", BUDI_NIK), resident_row("RINA WULANDARI", RINA_NIK)]

    error = cli(
        "penduduk", "import", str(write_opensid_zip(exports, newer, day=dt.date(2027, 1, 6))), expect=1
    )

    assert "tidak berubah" in error["message"]
    status = cli("penduduk", "status")
    assert (status["residents"], status["export_date"]) == (2, "2026-12-02")
    assert cli("penduduk", "find", SITI_NIK)["name"] == "SITI AMINAH"


def test_clear_deletes_everything_and_compacts(cli: Cli, exports: Path) -> None:
    from tests.support.opensid import generated_rows

    rows = first_register() + list(generated_rows(1000, start=10))
    cli("penduduk", "import", str(write_opensid_zip(exports, rows, day=FIRST_DAY)))

    out = cli("penduduk", "clear")

    assert out["deleted"] == 1002
    assert out["compacted"] is True
    assert out["database_bytes_after"] < out["database_bytes_before"]
    status = cli("penduduk", "status")
    assert (status["residents"], status["imported_at"], status["export_date"]) == (0, None, None)
    cli("penduduk", "find", SITI_NIK, expect=1)
    raw = data_bytes(cli.data_dir)
    assert b"SITI AMINAH" not in raw and b"JL. MAWAR" not in raw


def test_commands_do_not_import_sqlalchemy(office_dir: Path, exports: Path) -> None:
    import subprocess
    import sys

    from lapor_desktop.app import prepare_data_dir

    export = write_opensid_zip(exports, first_register(), day=FIRST_DAY)
    prepare_data_dir(office_dir)  # a first start migrates (Alembic, SQLAlchemy); later ones need neither
    code = (
        "import sys; sys.path.insert(0, '.');"
        "from lapor_desktop.__main__ import run_cli as run;"
        f"run(['--data-dir', {str(office_dir)!r}, 'penduduk', 'import', {str(export)!r}]);"
        f"run(['--data-dir', {str(office_dir)!r}, 'penduduk', 'find', {SITI_NIK!r}]);"
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("command", [("status",), ("clear",)])
def test_status_and_clear_work_on_a_new_data_dir(cli: Cli, command: tuple[str, ...]) -> None:
    out = cli("penduduk", *command)
    assert out.get("residents", out.get("deleted")) == 0
