from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import pytest

from lapor_desktop.reports.nik import NikError, NikInfo, nik_problem, parse_nik, province_names
from lapor_desktop.resources import resource_path
from tests.support.reports import VALID_NIK

TODAY = dt.date(2026, 11, 29)


def test_provinces_file_holds_the_38_provinces_with_kemendagri_codes() -> None:
    names = province_names()
    assert len(names) == 38
    assert names["11"] == "Aceh"
    assert names["18"] == "Lampung"
    assert names["31"] == "DKI Jakarta"
    assert names["91"] == "Papua"
    assert names["92"] == "Papua Barat"
    assert names["96"] == "Papua Barat Daya"
    # Codes from before the 2022 Papua split stay valid in old NIKs.
    document = json.loads(resource_path("provinces.json").read_text(encoding="utf-8"))
    before = {entry["code"]: entry.get("name_before_2022") for entry in document["provinces"]}
    assert before["91"] == "Papua Barat"
    assert before["94"] == "Papua"
    assert all(len(code) == 2 and code.isdigit() for code in names)


def test_a_real_looking_nik_is_parsed_into_its_parts() -> None:
    info = parse_nik(VALID_NIK, today=TODAY)
    assert info == NikInfo(
        province_code="18",
        regency_code="01",
        district_code="01",
        birth_date=dt.date(1985, 5, 12),
        female=False,
        serial="0001",
    )


def test_women_have_forty_added_to_the_birth_day() -> None:
    info = parse_nik("3201014501900002", today=TODAY)
    assert info.female is True
    assert info.birth_date == dt.date(1990, 1, 5)


@pytest.mark.parametrize("day", ["41", "71"])
def test_female_day_bounds_are_valid(day: str) -> None:
    month = "01" if day == "41" else "03"  # 31 March exists
    assert nik_problem(f"320101{day}{month}900002", today=TODAY) is None


@pytest.mark.parametrize("day", ["00", "32", "40", "72"])
def test_days_outside_both_ranges_are_invalid(day: str) -> None:
    message = nik_problem(f"320101{day}01900002", today=TODAY)
    assert message is not None
    assert "bukan tanggal lahir yang sah" in message


def test_impossible_birth_date_is_invalid() -> None:
    message = nik_problem("3201013102990001", today=TODAY)
    assert message is not None
    assert "ke-7 sampai ke-12" in message
    # The digits themselves are personal data and are never echoed.
    assert "310299" not in message


def test_female_impossible_date_is_invalid() -> None:
    # 30 Feb for a woman: 70 - 40 = 30.
    assert nik_problem("3201017002900001", today=TODAY) is not None


def test_century_is_chosen_so_the_birth_date_is_not_in_the_future() -> None:
    # Born 28-11-26: yesterday in 2026 -> 2026; 30-11-26 is tomorrow -> 1926.
    assert parse_nik("3201012811260001", today=TODAY).birth_date == dt.date(2026, 11, 28)
    assert parse_nik("3201013011260001", today=TODAY).birth_date == dt.date(1926, 11, 30)
    assert parse_nik("3201011205990001", today=TODAY).birth_date == dt.date(1999, 5, 12)
    # 29 Feb 2000 exists (2000 is a leap year, 1900 is not).
    assert parse_nik("3201012902000001", today=TODAY).birth_date == dt.date(2000, 2, 29)


def test_29_february_of_a_non_leap_year_is_invalid() -> None:
    assert nik_problem("3201012902010001", today=TODAY) is not None


@pytest.mark.parametrize("province", ["00", "99", "10", "20", "97"])
def test_unknown_province_prefix_is_invalid(province: str) -> None:
    message = nik_problem(f"{province}01011205850001", today=TODAY)
    assert message == "Dua angka pertama NIK bukan kode provinsi yang dikenal. Periksa kembali NIK pada KTP."


@pytest.mark.parametrize("province", ["91", "94", "96", "65", "21"])
def test_new_and_old_papua_and_other_codes_are_accepted(province: str) -> None:
    assert nik_problem(f"{province}01011205850001", today=TODAY) is None


def test_kabupaten_00_is_invalid() -> None:
    assert nik_problem("1800011205850001", today=TODAY) == (
        "Angka ke-3 dan ke-4 NIK (kode kabupaten/kota) tidak boleh 00."
    )


def test_kecamatan_00_is_invalid() -> None:
    assert nik_problem("1801001205850001", today=TODAY) == (
        "Angka ke-5 dan ke-6 NIK (kode kecamatan) tidak boleh 00."
    )


def test_serial_0000_is_invalid() -> None:
    assert (
        nik_problem("1801011205850000", today=TODAY)
        == "Empat angka terakhir NIK (nomor urut) tidak boleh 0000."
    )


@pytest.mark.parametrize(
    ("nik", "expected"),
    [
        ("180101120585000", "NIK harus terdiri atas tepat 16 angka (sekarang 15)."),
        ("18010112058500011", "NIK harus terdiri atas tepat 16 angka (sekarang 17)."),
        ("18010112058500O1", "NIK hanya boleh berisi angka 0–9, tanpa huruf, spasi atau tanda baca."),
        ("1801 0112 0585 0001", "NIK hanya boleh berisi angka 0–9, tanpa huruf, spasi atau tanda baca."),
        ("", "NIK hanya boleh berisi angka 0–9, tanpa huruf, spasi atau tanda baca."),
        # Arabic-Indic digits are digits to str.isdigit, not to the contract's [0-9].
        ("١٨٠١٠١١٢٠٥٨٥٠٠٠١", "NIK hanya boleh berisi angka 0–9, tanpa huruf, spasi atau tanda baca."),
    ],
)
def test_malformed_nik_messages(nik: str, expected: str) -> None:
    with pytest.raises(NikError) as caught:
        parse_nik(nik, today=TODAY)
    assert caught.value.message == expected
    assert nik_problem(nik, today=TODAY) == expected


def born_on(day: dt.date) -> str:
    return f"180101{day.day:02d}{day.month:02d}{day.year % 100:02d}0001"


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX")
def test_today_defaults_to_the_local_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without `today`, a birthday this century counts once it has come on the office's clock.

    At any instant UTC+14 is one or two calendar days ahead of UTC-12, so the
    same NIK reads as born this century east of the date line and a hundred
    years earlier west of it: only the local date can decide that.
    """
    east, west = dt.timezone(dt.timedelta(hours=14)), dt.timezone(dt.timedelta(hours=-12))
    try:
        for zone in ("Etc/GMT-14", "Etc/GMT+12"):  # POSIX signs: GMT-14 is fourteen hours ahead
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            for _ in range(3):  # a midnight passing between the two reads: read again
                before = dt.datetime.now(east).date()
                east_born = parse_nik(born_on(before)).birth_date
                if dt.datetime.now(east).date() == before:
                    break
            expected_year = before.year if zone == "Etc/GMT-14" else before.year - 100
            assert dt.datetime.now(west).date() < before
            assert east_born == before.replace(year=expected_year), zone
    finally:
        monkeypatch.undo()
        time.tzset()


def test_resources_are_found_in_a_checkout_and_in_a_pyinstaller_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    checkout = resource_path("provinces.json")
    assert checkout.is_file()
    assert checkout.parent.name == "resources"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("provinces.json") == tmp_path / "resources" / "provinces.json"
    assert resource_path("icons", "app.png") == tmp_path / "resources" / "icons" / "app.png"
