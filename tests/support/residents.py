"""A small desa register, exported the way OpenSID exports it, for the window's tests and screenshots."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.opensid import OpenSidRow, nik_for, write_opensid_zip

EXPORT_DAY = dt.date(2026, 12, 2)
SITI_NIK = nik_for(dt.date(1985, 3, 12), 1, female=True)
AISYAH_NIK = nik_for(dt.date(1990, 7, 1), 2, female=True)
BUDI_NIK = nik_for(dt.date(1979, 8, 17), 3)
KARTO_NIK = nik_for(dt.date(1940, 1, 5), 4)  # died: never offered
NEWCOMER_NIK = nik_for(dt.date(2001, 2, 3), 5)  # only in the newer export

SITI_ADDRESS = "JL. MAWAR 5, Dusun Sukamaju RT 003/RW 001"
SITI_OFFER = f"Dari data penduduk desa, per 2 Desember 2026: SITI AMINAH, {SITI_ADDRESS}"


def _row(nama: str, nik: str, row_id: int, **values: str | None) -> OpenSidRow:
    row = OpenSidRow(nama=nama, nomor_nik=nik, id=str(row_id))
    for key, value in values.items():
        setattr(row, key, value)
    return row


def desa_register() -> list[OpenSidRow]:
    """Three living residents with a NIK, and the rows an import skips (dead, no NIK yet, a duplicate)."""
    siti = {"alamat": "JL. MAWAR 5", "dusun": "Sukamaju", "rt": "3", "rw": "1", "tanggal_lahir": "1985-03-12"}
    return [
        _row("SITI AMINAH", SITI_NIK, 1, foto="kecil_1.jpg", **siti),
        _row("SITI AISYAH", AISYAH_NIK, 2, dusun="SUKADAMAI", rt="007", rw="002", tanggal_lahir="1990-07-01"),
        _row("BUDI SANTOSO", BUDI_NIK, 3, alamat=None, dusun="Tanjung Sari", tanggal_lahir="1979-08-17"),
        _row("MBAH KARTO", KARTO_NIK, 4, status_dasar="2"),
        _row("BAYI BARU", "0", 5),
        _row("SITI AMINAH", SITI_NIK, 6, updated_at="2019-01-01 08:00:00", **siti),  # an older copy
    ]


def write_register(folder: Path, *, day: dt.date = EXPORT_DAY, extra: list[OpenSidRow] | None = None) -> Path:
    """``penduduk_<dd_mm_yyyy>_opendk.zip`` of `desa_register` (plus `extra` rows) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_opensid_zip(folder, desa_register() + (extra or []), day=day)


def newcomer() -> OpenSidRow:
    return _row("YUDA PRATAMA", NEWCOMER_NIK, 7, dusun="Sukamaju", tanggal_lahir="2001-02-03")
