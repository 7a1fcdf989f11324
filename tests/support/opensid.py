"""Population exports written the way OpenSID writes them (Sinkronisasi > Penduduk > Unduh).

OpenSID's `data_penduduk()` streams an xlsx with OpenSpout: the first row
holds the column keys below, in this order; cells are inline strings (the
CodeIgniter build hands every database value over as text) or, in the
Laravel build, numbers for integer columns; ``null`` leaves the cell empty.
The xlsx and the residents' photos (``kecil_<foto>``) go into
``penduduk_<dd_mm_yyyy>_opendk.zip``, photos first.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from xml.sax.saxutils import escape

# The keys OpenSID writes, in its order.
OPENSID_KEYS = (
    "alamat",
    "dusun",
    "rw",
    "rt",
    "nama",
    "nomor_kk",
    "nomor_nik",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama",
    "pendidikan_dlm_kk",
    "pendidikan_sdg_ditempuh",
    "pekerjaan",
    "kawin",
    "hubungan_keluarga",
    "kewarganegaraan",
    "nama_ayah",
    "nama_ibu",
    "gol_darah",
    "akta_lahir",
    "nomor_dokumen_pasport",
    "tanggal_akhir_pasport",
    "nomor_dokumen_kitas",
    "nik_ayah",
    "nik_ibu",
    "nomor_akta_perkawinan",
    "tanggal_perkawinan",
    "nomor_akta_perceraian",
    "tanggal_perceraian",
    "cacat",
    "cara_kb",
    "hamil",
    "ktp_el",
    "status_rekam",
    "alamat_sekarang",
    "id",
    "foto",
    "status_dasar",
    "created_at",
    "updated_at",
    "desa_id",
)
# Columns the Laravel build hands over as PHP integers (written as numbers).
INTEGER_KEYS = frozenset(
    {
        "jenis_kelamin",
        "agama",
        "pendidikan_dlm_kk",
        "pendidikan_sdg_ditempuh",
        "pekerjaan",
        "kawin",
        "hubungan_keluarga",
        "kewarganegaraan",
        "gol_darah",
        "cacat",
        "cara_kb",
        "hamil",
        "ktp_el",
        "status_rekam",
        "id",
        "status_dasar",
    }
)


@dataclass
class OpenSidRow:
    """One row as OpenSID exports it; every field is a column key."""

    nama: str
    nomor_nik: str
    alamat: str | None = "JL. MERPATI NO. 7"
    dusun: str | None = "SUKAMAJU"
    rw: str | None = "001"
    rt: str | None = "003"
    nomor_kk: str | None = "1801010101170001"
    jenis_kelamin: str | None = "2"
    tempat_lahir: str | None = "LAMPUNG SELATAN"
    tanggal_lahir: str | None = "1985-03-12"
    agama: str | None = "1"
    pendidikan_dlm_kk: str | None = "5"
    pendidikan_sdg_ditempuh: str | None = "18"
    pekerjaan: str | None = "9"
    kawin: str | None = "2"
    hubungan_keluarga: str | None = "3"
    kewarganegaraan: str | None = "1"
    nama_ayah: str | None = "AHMAD SUBARJO"
    nama_ibu: str | None = "SUMIATI"
    gol_darah: str | None = "13"
    akta_lahir: str | None = "AL.1801.0012345"
    nomor_dokumen_pasport: str | None = None
    tanggal_akhir_pasport: str | None = None
    nomor_dokumen_kitas: str | None = None
    nik_ayah: str | None = "1801011203550001"
    nik_ibu: str | None = "1801015507580002"
    nomor_akta_perkawinan: str | None = None
    tanggal_perkawinan: str | None = None
    nomor_akta_perceraian: str | None = None
    tanggal_perceraian: str | None = None
    cacat: str | None = "7"
    cara_kb: str | None = None
    hamil: str | None = "0"
    ktp_el: str | None = "2"
    status_rekam: str | None = "4"
    alamat_sekarang: str | None = "JL. MERPATI NO. 7"
    id: str | None = "1"
    foto: str | None = None
    status_dasar: str | None = "1"
    created_at: str | None = "2019-05-02 09:14:00"
    updated_at: str | None = "2026-11-20 10:30:00"
    desa_id: str | None = "18.01.01.2001"

    def values(self) -> list[str | None]:
        return [getattr(self, key) for key in OPENSID_KEYS]


assert {f.name for f in fields(OpenSidRow)} == set(OPENSID_KEYS)


def nik_for(birth: dt.date, serial: int, *, female: bool = False, region: str = "180101") -> str:
    """A NIK with a valid structure: region, birth date (day + 40 for women), serial."""
    day = birth.day + (40 if female else 0)
    return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


_FIRST = ("SITI", "AHMAD", "DEWI", "BUDI", "RINA", "JOKO", "NUR", "AGUS", "SRI", "HENDRA", "WAYAN", "PUTU")
_LAST = ("AMINAH", "SANTOSO", "LESTARI", "HIDAYAT", "WULANDARI", "SAPUTRA", "HASANAH", "PRATAMA", "RAHAYU")
_DUSUN = ("SUKAMAJU", "SUKADAMAI", "TANJUNG SARI", "WAY HUWI", "-")


def generated_rows(n: int, *, start: int = 0) -> Iterator[OpenSidRow]:
    """``n`` living residents with distinct valid NIKs and varied names and addresses."""
    for i in range(start, start + n):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 7) % 25_000)
        female = i % 2 == 1
        yield OpenSidRow(
            nama=f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]} {i}",
            nomor_nik=nik_for(birth, i % 9999 + 1, female=female),
            tanggal_lahir=birth.isoformat(),
            jenis_kelamin="2" if female else "1",
            dusun=_DUSUN[i % len(_DUSUN)],
            rw=f"{i % 5 + 1:03d}",
            rt=f"{i % 12 + 1:03d}",
            alamat=f"JL. MAWAR NO. {i % 90 + 1}",
            nama_ibu=f"IBU KANDUNG {i}",
            nama_ayah=f"AYAH KANDUNG {i}",
            nomor_kk=f"18010125011{i % 100000:05d}",
            id=str(i + 1),
            foto=f"kecil_{i + 1}.jpg" if i % 10 == 0 else None,
        )


# -- xlsx, as OpenSpout writes it -------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default ContentType="application/xml" Extension="xml"/>'
    '<Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"'
    ' PartName="/xl/worksheets/sheet1.xml"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"'
    ' PartName="/xl/styles.xml"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"'
    ' PartName="/xl/workbook.xml"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"'
    ' PartName="/xl/sharedStrings.xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdWorkbook"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rIdSheet1" state="visible"/></sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Target="styles.xml"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
    '<Relationship Id="rIdSharedStrings" Target="sharedStrings.xml"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    '<Relationship Id="rIdSheet1" Target="worksheets/sheet1.xml"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Arial"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle builtinId="0" name="Normal" xfId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHARED_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>'
)


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


_COLUMNS = [_column(i) for i in range(len(OPENSID_KEYS))]


def _cell(ref: str, key: str, value: str | None, numbers: bool) -> str:
    if value is None or value == "":
        return ""  # OpenSpout leaves an empty cell without style out
    if numbers and key in INTEGER_KEYS and value.lstrip("-").isdigit():
        return f'<c r="{ref}" s="0"><v>{int(value)}</v></c>'
    return f'<c r="{ref}" s="0" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def _sheet_rows(header: Iterable[str], rows: Iterable[list[str | None]], numbers: bool) -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetFormatPr defaultRowHeight="15"/><sheetData>'  # no <dimension>: OpenSpout writes none
    )
    header = list(header)
    cells = "".join(_cell(f"{_COLUMNS[i]}1", k, k, False) for i, k in enumerate(header))
    yield f'<row r="1" spans="1:{len(header)}" customHeight="0">{cells}</row>'
    for number, values in enumerate(rows, start=2):
        cells = "".join(
            _cell(f"{_COLUMNS[i]}{number}", OPENSID_KEYS[i], value, numbers) for i, value in enumerate(values)
        )
        yield f'<row r="{number}" spans="1:{len(values)}" customHeight="0">{cells}</row>'
    yield "</sheetData></worksheet>"


def write_opensid_xlsx(
    path: Path,
    rows: Iterable[OpenSidRow],
    *,
    numbers: bool = False,
    header: Iterable[str] = OPENSID_KEYS,
) -> Path:
    """The xlsx OpenSID streams with OpenSpout (inline strings; ``numbers``: the Laravel build)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/sharedStrings.xml", _SHARED_STRINGS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for chunk in _sheet_rows(header, (row.values() for row in rows), numbers):
                sheet.write(chunk.encode("utf-8"))
    return path


def photo_bytes(seed: int) -> bytes:
    """A small JPEG-looking file, distinct per seed, with a marker the tests search for."""
    return b"\xff\xd8\xff\xe0" + f"FOTO-PENDUDUK-{seed:06d}".encode() + os.urandom(2048) + b"\xff\xd9"


def write_opensid_zip(
    folder: Path,
    rows: list[OpenSidRow],
    *,
    day: dt.date = dt.date(2026, 12, 2),
    numbers: bool = False,
    name: str | None = None,
) -> Path:
    """``penduduk_<dd_mm_yyyy>_opendk.zip``: the photos of residents who have one, then the xlsx."""
    stem = f"penduduk_{day:%d_%m_%Y}_opendk"
    xlsx = write_opensid_xlsx(folder / f"{stem}.xlsx", rows, numbers=numbers)
    target = folder / (name or f"{stem}.zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for row in rows:
            if row.foto:
                archive.writestr(row.foto, photo_bytes(int(row.id or 0)))
        archive.write(xlsx, xlsx.name)
    xlsx.unlink()
    return target


def write_csv(
    path: Path, rows: Iterable[OpenSidRow], *, delimiter: str = ",", encoding: str = "utf-8-sig"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(OPENSID_KEYS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row.values()])
    return path
