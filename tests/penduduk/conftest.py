from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.support.opensid import OpenSidRow, nik_for

SITI_NIK = nik_for(dt.date(1985, 3, 12), 1, female=True)
BUDI_NIK = nik_for(dt.date(1979, 8, 17), 2)
KARTO_NIK = nik_for(dt.date(1940, 1, 5), 3)
RINA_NIK = nik_for(dt.date(2002, 9, 9), 4, female=True)

# Values of columns the app must never keep; each is unique, so finding one in a file is a leak.
DROPPED = {
    "nama_ibu": "SUMIATI BINTI RAHASIA",
    "nama_ayah": "SUPARMAN BIN RAHASIA",
    "nomor_kk": "1801019912990042",
    "nik_ibu": "1801015507589942",
    "tempat_lahir": "KOTA LAHIR RAHASIA",
    "akta_lahir": "AL.RAHASIA.0042",
    "alamat_sekarang": "ALAMAT SEKARANG RAHASIA",
    "created_at": "2011-11-11 11:11:11",
    "desa_id": "99.99.99.9999",
}


def resident_row(nama: str, nik: str, **values: str | None) -> OpenSidRow:
    row = OpenSidRow(nama=nama, nomor_nik=nik, **DROPPED)  # type: ignore[arg-type]
    for key, value in values.items():
        setattr(row, key, value)
    return row


def first_register() -> list[OpenSidRow]:
    return [
        resident_row("SITI AMINAH", SITI_NIK, id="1", foto="kecil_1.jpg"),
        resident_row("BUDI SANTOSO", BUDI_NIK, id="2", dusun="SUKADAMAI", rt="7", rw="2", alamat=None),
        resident_row("MBAH KARTO SUDIRO", KARTO_NIK, id="3", status_dasar="2", foto="kecil_3.jpg"),
        resident_row("TANPA NIK", "0", id="4"),
    ]


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "Unduhan"
    folder.mkdir()
    return folder
