"""The structure of a NIK (Nomor Induk Kependudukan), the 16-digit citizen number.

Layout, digit by digit (1-based):

- 1–2   province code (Kemendagri, see ``resources/provinces.json``)
- 3–4   kabupaten/kota code, never ``00``
- 5–6   kecamatan code, never ``00``
- 7–12  birth date as DDMMYY; for women DD is increased by 40 (so 41–71)
- 13–16 serial number, never ``0000``

The contract only asks for 16 digits; the structure check catches the typing
mistakes (a swapped digit, a missed one) that a pattern cannot, while the
citizen is still at the office to read the number off the KTP again.

Messages never repeat the digits: a NIK is personal data and messages may end
up in logs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass

from lapor_desktop.resources import resource_path

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40

_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class NikInfo:
    province_code: str
    regency_code: str
    district_code: str
    birth_date: dt.date
    female: bool
    serial: str


class NikError(ValueError):
    """A NIK that is not well formed; ``message`` says why, in Bahasa Indonesia."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@functools.cache
def province_names() -> dict[str, str]:
    """Kemendagri province code -> name, e.g. ``{"18": "Lampung", ...}``."""
    with resource_path("provinces.json").open(encoding="utf-8") as handle:
        document = json.load(handle)
    return {entry["code"]: entry["name"] for entry in document["provinces"]}


def parse_nik(nik: str, *, today: dt.date | None = None) -> NikInfo:
    """Split a NIK into its parts, or raise `NikError` with the reason.

    The birth year has two digits; the century is chosen so that the birth
    date is not after ``today`` (default: the local date), so ``...0126...``
    read in 2026 is 2026 only if that day has already come, else 1926.
    """
    if today is None:
        today = dt.date.today()
    if not _DIGITS.fullmatch(nik):
        raise NikError("NIK hanya boleh berisi angka 0–9, tanpa huruf, spasi atau tanda baca.")
    if len(nik) != NIK_LENGTH:
        raise NikError(f"NIK harus terdiri atas tepat {NIK_LENGTH} angka (sekarang {len(nik)}).")

    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    if province not in province_names():
        raise NikError(
            "Dua angka pertama NIK bukan kode provinsi yang dikenal. Periksa kembali NIK pada KTP."
        )
    if regency == "00":
        raise NikError("Angka ke-3 dan ke-4 NIK (kode kabupaten/kota) tidak boleh 00.")
    if district == "00":
        raise NikError("Angka ke-5 dan ke-6 NIK (kode kecamatan) tidak boleh 00.")

    birth_date, female = _birth_date(nik[6:12], today)

    serial = nik[12:16]
    if serial == "0000":
        raise NikError("Empat angka terakhir NIK (nomor urut) tidak boleh 0000.")
    return NikInfo(province, regency, district, birth_date, female, serial)


def nik_problem(nik: str, *, today: dt.date | None = None) -> str | None:
    """The reason a NIK is not well formed, or ``None`` when it is."""
    try:
        parse_nik(nik, today=today)
    except NikError as error:
        return error.message
    return None


def _birth_date(digits: str, today: dt.date) -> tuple[dt.date, bool]:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    female = day > FEMALE_DAY_OFFSET
    if female:
        day -= FEMALE_DAY_OFFSET
    for century in (2000, 1900):
        try:
            candidate = dt.date(century + year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate, female
    raise NikError(
        "Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang sah (format HHBBTT; untuk perempuan "
        "tanggalnya ditambah 40, jadi 41–71). Periksa kembali NIK pada KTP."
    )
