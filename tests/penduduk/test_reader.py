"""Reading OpenSID's population export: what is kept, what is left out and why, what is refused."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lapor_desktop.penduduk.kinds import DateSource, SourceFormat
from lapor_desktop.penduduk.reader import ExportRefused, SkipCounts, read_export
from lapor_desktop.penduduk.resident import Resident, format_address
from tests.support.opensid import (
    OPENSID_KEYS,
    OpenSidRow,
    generated_rows,
    nik_for,
    write_csv,
    write_opensid_xlsx,
    write_opensid_zip,
)

SITI_NIK = nik_for(dt.date(1985, 3, 12), 1, female=True)
BUDI_NIK = nik_for(dt.date(1979, 8, 17), 2)
DEAD_NIK = nik_for(dt.date(1940, 1, 5), 3)
TWIN_NIK = nik_for(dt.date(2001, 6, 30), 4)


def register() -> list[OpenSidRow]:
    """A small desa with one resident of every kind the reader must tell apart."""
    return [
        OpenSidRow(nama="SITI AMINAH", nomor_nik=SITI_NIK, id="1", foto="kecil_siti.jpg"),
        OpenSidRow(
            nama="BUDI  SANTOSO ",
            nomor_nik=BUDI_NIK,
            alamat="",
            dusun="-",
            rt="-",
            rw="-",
            tanggal_lahir="1979-08-17",
            id="2",
        ),
        OpenSidRow(nama="MBAH KARTO", nomor_nik=DEAD_NIK, status_dasar="2", id="3"),  # died
        OpenSidRow(nama="PINDAHAN", nomor_nik=nik_for(dt.date(1990, 1, 1), 5), status_dasar="3", id="4"),
        OpenSidRow(nama="BAYI BARU", nomor_nik="0", id="5"),  # no NIK yet
        OpenSidRow(nama="NIK SEMENTARA", nomor_nik="0180101000000123", id="6"),
        OpenSidRow(nama="SALAH KETIK", nomor_nik="180101120385001", id="7"),  # 15 digits
        OpenSidRow(nama="BULAN 13", nomor_nik="1801011213850001", id="8"),  # month 13
        OpenSidRow(nama="", nomor_nik=nik_for(dt.date(1995, 2, 2), 9), id="9"),
        OpenSidRow(nama="KEMBAR LAMA", nomor_nik=TWIN_NIK, id="10", updated_at="2025-01-01 08:00:00"),
        OpenSidRow(nama="KEMBAR BARU", nomor_nik=TWIN_NIK, id="11", updated_at="2026-11-30 08:00:00"),
    ]


EXPECTED_SKIPS = SkipCounts(not_living=2, no_nik=2, invalid_nik=2, no_name=1, duplicate=1)


def by_nik(residents: list[Resident]) -> dict[str, Resident]:
    return {r.nik: r for r in residents}


@pytest.mark.parametrize("numbers", [False, True], ids=["codeigniter-text", "laravel-numbers"])
def test_opensid_zip_keeps_living_residents_with_valid_nik(tmp_path: Path, numbers: bool) -> None:
    export = write_opensid_zip(tmp_path, register(), numbers=numbers)
    assert export.name == "penduduk_02_12_2026_opendk.zip"

    result = read_export(export)

    assert result.source_format is SourceFormat.OPENSID_ZIP
    assert result.rows == 11
    assert result.skipped == EXPECTED_SKIPS
    assert result.skipped.total == 8
    kept = by_nik(result.residents)
    assert sorted(kept) == sorted([SITI_NIK, BUDI_NIK, TWIN_NIK])
    assert [r.nik for r in result.residents] == sorted(kept)
    assert kept[SITI_NIK] == Resident(
        nik=SITI_NIK,
        name="SITI AMINAH",
        birth_date=dt.date(1985, 3, 12),
        address="JL. MERPATI NO. 7",
        dusun="SUKAMAJU",
        rt="003",
        rw="001",
    )
    # OpenSID's "-" and empty cells are missing parts; names are single-spaced.
    assert kept[BUDI_NIK] == Resident(BUDI_NIK, "BUDI SANTOSO", dt.date(1979, 8, 17))
    assert kept[TWIN_NIK].name == "KEMBAR BARU"  # the later change wins
    assert result.export_date == dt.date(2026, 12, 2)
    assert result.date_source is DateSource.FILE_NAME
    assert result.warnings == ()


def test_the_inner_xlsx_name_dates_a_renamed_zip(tmp_path: Path) -> None:
    export = write_opensid_zip(tmp_path, register(), name="data penduduk (1).zip")
    result = read_export(export)
    assert (result.export_date, result.date_source) == (dt.date(2026, 12, 2), DateSource.FILE_NAME)


def test_xlsx_alone_saved_again_by_excel_is_dated_by_newest_change(tmp_path: Path) -> None:
    # Excel writes shared strings, not OpenSpout's inline ones; the name no longer carries the date.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(OPENSID_KEYS))
    for row in register():
        sheet.append(row.values())
    path = tmp_path / "penduduk desa.xlsx"
    workbook.save(path)

    result = read_export(path)

    assert result.source_format is SourceFormat.XLSX
    assert result.skipped == EXPECTED_SKIPS
    assert sorted(r.nik for r in result.residents) == sorted([SITI_NIK, BUDI_NIK, TWIN_NIK])
    assert (result.export_date, result.date_source) == (dt.date(2026, 11, 30), DateSource.UPDATED_AT)


def test_a_nik_typed_over_as_a_number_in_excel_still_reads(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["nomor_nik", "nama", "status_dasar"])
    workbook.active.append([int(SITI_NIK), "SITI AMINAH", 1])
    workbook.active.append([float(BUDI_NIK), "BUDI SANTOSO", 1.0])
    path = tmp_path / "diketik.xlsx"
    workbook.save(path)
    assert sorted(r.nik for r in read_export(path).residents) == sorted([SITI_NIK, BUDI_NIK])


def test_xlsx_with_the_export_name_is_dated_by_it(tmp_path: Path) -> None:
    path = write_opensid_xlsx(tmp_path / "penduduk_15_10_2026_opendk.xlsx", register())
    result = read_export(path)
    assert result.source_format is SourceFormat.XLSX
    assert (result.export_date, result.date_source) == (dt.date(2026, 10, 15), DateSource.FILE_NAME)


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-8")],
    ids=["opensid-csv", "excel-indonesia", "tab"],
)
def test_csv_with_the_same_keys(tmp_path: Path, delimiter: str, encoding: str) -> None:
    rows = register()
    rows[0].alamat = "JL. KENARI NO. 2 — BLOK É"  # outside ASCII, inside cp1252
    path = write_csv(tmp_path / "penduduk.csv", rows, delimiter=delimiter, encoding=encoding)

    result = read_export(path)

    assert result.source_format is SourceFormat.CSV
    assert result.skipped == EXPECTED_SKIPS
    assert by_nik(result.residents)[SITI_NIK].address == rows[0].alamat
    assert result.date_source is DateSource.UPDATED_AT


def test_without_updated_at_or_a_dated_name_the_date_is_unknown(tmp_path: Path) -> None:
    rows = register()
    for row in rows:
        row.updated_at = None
    result = read_export(write_csv(tmp_path / "penduduk.csv", rows))
    assert (result.export_date, result.date_source) == (None, DateSource.UNKNOWN)


def test_a_csv_without_status_dasar_keeps_everyone_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "sederhana.csv"
    path.write_text(f"nomor_nik,nama,dusun,rt,rw\n{SITI_NIK},SITI AMINAH,Sukamaju,3,1\n", encoding="utf-8")
    result = read_export(path)
    assert [r.formatted_address for r in result.residents] == ["Dusun Sukamaju RT 003/RW 001"]
    assert result.warnings == ("Kolom status_dasar tidak ada: semua baris dianggap penduduk hidup.",)


def test_progress_reports_rows_read(tmp_path: Path) -> None:
    export = write_opensid_zip(tmp_path, list(generated_rows(2500)))
    seen: list[int] = []
    result = read_export(export, progress=seen.append)
    assert seen == [1000, 2000, 2500]
    assert len(result.residents) == 2500


def test_photos_in_the_zip_are_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = write_opensid_zip(tmp_path, register())
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def watching_open(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", watching_open)
    read_export(export)
    assert "kecil_siti.jpg" in zipfile.ZipFile(export).namelist()
    assert not [name for name in opened if name.endswith(".jpg")]


# -- refused files --------------------------------------------------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(ExportRefused) as caught:
        read_export(path)
    return caught.value.message


def test_refuses_a_file_that_is_not_an_export(tmp_path: Path) -> None:
    pdf = tmp_path / "surat.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    assert "bukan ekspor data penduduk OpenSID" in refusal(pdf)


def test_refuses_opensid_program_bantuan_export(tmp_path: Path) -> None:
    # The neighbouring download in the same menu: it has `nama` but no `nomor_nik`.
    path = tmp_path / "program_bantuan_opendk.csv"
    path.write_text(
        "desa_id,id,nama,sasaran,ndesc,sdate,edate,userid,status,asaldana\n18.01,1,PKH,1,,,,1,1,\n"
    )
    message = refusal(path)
    assert "nomor_nik" in message and "OpenDK > Sinkronisasi > Penduduk" in message
    assert "PKH" not in message  # never quotes a cell


def test_refuses_a_zip_without_the_register(tmp_path: Path) -> None:
    path = tmp_path / "penduduk_02_12_2026_opendk.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("kecil_siti.jpg", b"\xff\xd8\xff")
    assert "tidak ada berkas .xlsx" in refusal(path)


def test_refuses_a_damaged_zip(tmp_path: Path) -> None:
    export = write_opensid_zip(tmp_path, list(generated_rows(300)))
    data = export.read_bytes()
    damaged = tmp_path / "rusak.zip"
    damaged.write_bytes(data[:200] + bytes(len(data) - 400) + data[-200:])
    message = refusal(damaged)
    assert "rusak" in message or "bukan" in message


def test_refuses_an_xlsx_without_nik_column(tmp_path: Path) -> None:
    header = [k for k in OPENSID_KEYS if k != "nomor_nik"]
    path = write_opensid_xlsx(tmp_path / "penduduk_02_12_2026_opendk.xlsx", [], header=header)
    assert "tidak memuat kolom nomor_nik" in refusal(path)


def test_refuses_a_header_only_export(tmp_path: Path) -> None:
    path = write_opensid_zip(tmp_path, [])
    assert "tidak berisi satu baris penduduk pun" in refusal(path)


def test_refuses_a_missing_file(tmp_path: Path) -> None:
    assert "tidak ditemukan" in refusal(tmp_path / "tidak-ada.zip")


# -- addresses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("JL. MAWAR 5", "Sukamaju", "003", "001"), "JL. MAWAR 5, Dusun Sukamaju RT 003/RW 001"),
        ((None, "Sukamaju", "3", "1"), "Dusun Sukamaju RT 003/RW 001"),
        ((None, "DUSUN II", "12", None), "DUSUN II RT 012"),
        (("JL. MAWAR 5", None, None, None), "JL. MAWAR 5"),
        ((None, None, None, "02A"), "RW 02A"),
        ((None, None, None, None), ""),
    ],
)
def test_format_address(parts: tuple[str | None, ...], expected: str) -> None:
    assert format_address(*parts) == expected
