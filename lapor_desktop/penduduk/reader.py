"""Reading OpenSID's population export, keeping only what the report form needs.

OpenSID (menu OpenDK > Sinkronisasi > Penduduk > Unduh) writes
``penduduk_<dd_mm_yyyy>_opendk.zip``: one xlsx of the same name whose first row
holds column keys (``alamat, dusun, rw, rt, nama, nomor_kk, nomor_nik, ...,
nama_ayah, nama_ibu, ..., id, foto, status_dasar, created_at, updated_at,
desa_id``), one row per resident, plus the residents' photos. NIKs are text;
``0`` (or a temporary NIK starting with 0) means "no NIK yet"; ``-`` stands
for a missing dusun, RT or RW; ``status_dasar`` 1 is a living resident.

We accept that zip, the xlsx alone, or a CSV with the same keys. Of each row
only NIK, name, date of birth and the address parts are picked; every other
column is never copied out of the parser's row tuple, and the photos are never
opened. openpyxl needs a seekable file, so the xlsx inside a zip is read into
memory (its compressed bytes, a few MB for a large desa): nothing is written
to disk, in the data dir or elsewhere.

Messages never quote a cell: the file holds personal data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from lapor_desktop.penduduk.kinds import DateSource, SkipReason, SourceFormat
from lapor_desktop.penduduk.resident import Resident, clean_part
from lapor_desktop.reports.nik import nik_problem

NIK_KEY = "nomor_nik"
NAME_KEY = "nama"
REQUIRED_KEYS = (NIK_KEY, NAME_KEY)
# The columns we read; OpenSID writes some 40 more, which are never picked.
_PICKED = (NIK_KEY, NAME_KEY, "tanggal_lahir", "alamat", "dusun", "rt", "rw", "status_dasar", "updated_at")
_LIVING = frozenset({"1", "1.0"})

MAX_XLSX_BYTES = 256 * 1024 * 1024  # an xlsx member this large is not a desa's register
PROGRESS_EVERY = 1000
_FILE_DATE = re.compile(r"penduduk_(\d{2})_(\d{2})_(\d{4})_opendk", re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_CSV_DELIMITERS = (",", ";", "\t")
_CSV_SNIFF_CHARS = 64 * 1024

HOW_TO_EXPORT = "Unduh dari OpenSID: menu OpenDK > Sinkronisasi > Penduduk > Unduh."


class ExportRefused(Exception):
    """A file we will not import; ``message`` says why, in Bahasa Indonesia. Nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SkipCounts:
    not_living: int = 0
    no_nik: int = 0
    invalid_nik: int = 0
    no_name: int = 0
    duplicate: int = 0

    @property
    def total(self) -> int:
        return self.not_living + self.no_nik + self.invalid_nik + self.no_name + self.duplicate

    def of(self, reason: SkipReason) -> int:
        return int(getattr(self, reason.value))


@dataclass(frozen=True)
class ReadResult:
    residents: list[Resident]  # living, valid, unique; sorted by NIK
    rows: int  # data rows in the file (the header and empty rows not counted)
    skipped: SkipCounts
    export_date: dt.date | None
    date_source: DateSource
    source_format: SourceFormat
    source_name: str
    warnings: tuple[str, ...] = field(default=())


def read_export(path: Path, *, progress: Callable[[int], None] | None = None) -> ReadResult:
    """Read an OpenSID population export (zip, xlsx or CSV); raises `ExportRefused` for anything else.

    ``progress`` is called with the number of rows read so far, every `PROGRESS_EVERY` rows.
    """
    if not path.is_file():
        raise ExportRefused(f"Berkas tidak ditemukan: {path}")
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as exc:
        raise ExportRefused(f"Berkas tidak dapat dibaca: {path.name}.") from exc
    if is_zip:
        return _read_zip(path, progress)
    return _read_csv(path, progress)


# -- containers -----------------------------------------------------------------------------------


def _read_zip(path: Path, progress: Callable[[int], None] | None) -> ReadResult:
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" in archive.namelist():
                member = None
            else:
                member = _pick_xlsx_member(archive, path.name)
                if member.file_size > MAX_XLSX_BYTES:
                    raise ExportRefused(
                        f"Berkas data penduduk di dalam {path.name} terlalu besar untuk dibaca."
                    )
                # openpyxl seeks, so the xlsx member is read into memory; the photos are never read.
                data = io.BytesIO(archive.read(member))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError) as exc:
        raise ExportRefused(f"Berkas ZIP {path.name} rusak atau tidak lengkap. {HOW_TO_EXPORT}") from exc
    if member is None:
        return _read_workbook(path, path, SourceFormat.XLSX, (path.name,), progress)
    inner_name = Path(member.filename).name
    return _read_workbook(data, path, SourceFormat.OPENSID_ZIP, (path.name, inner_name), progress)


def _pick_xlsx_member(archive: zipfile.ZipFile, zip_name: str) -> zipfile.ZipInfo:
    sheets = [i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith(".xlsx")]
    exported = [i for i in sheets if _FILE_DATE.search(Path(i.filename).name)]
    if len(exported) == 1:
        return exported[0]
    if len(sheets) == 1:
        return sheets[0]
    if not sheets:
        raise ExportRefused(
            f"Berkas ZIP {zip_name} bukan ekspor data penduduk OpenSID: tidak ada berkas .xlsx di dalamnya. "
            f"{HOW_TO_EXPORT}"
        )
    raise ExportRefused(
        f"Berkas ZIP {zip_name} berisi lebih dari satu berkas .xlsx; tidak jelas mana data penduduknya. "
        f"{HOW_TO_EXPORT}"
    )


def _read_workbook(
    source: Path | IO[bytes],
    path: Path,
    source_format: SourceFormat,
    names: Sequence[str],
    progress: Callable[[int], None] | None,
) -> ReadResult:
    import openpyxl

    # openpyxl warns on stderr about styles and odd cells; its warnings can quote a cell.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file; none is ours
            raise ExportRefused(f"Berkas {path.name} bukan berkas Excel (.xlsx) yang dapat dibaca.") from exc
        try:
            if not workbook.worksheets:
                raise ExportRefused(f"Berkas {path.name} tidak berisi lembar kerja.")
            rows = _parser_guarded(workbook.worksheets[0].iter_rows(values_only=True), path.name)
            return _collect(rows, source_format, path.name, names, progress)
        finally:
            workbook.close()


def _parser_guarded(rows: Iterator[Sequence[Any]], file_name: str) -> Iterator[Sequence[Any]]:
    """The parser's rows; its failures (a damaged sheet) become a refusal, ours stay bugs."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise ExportRefused(f"Lembar data di dalam {file_name} rusak dan tidak dapat dibaca.") from exc
        yield row


def _read_csv(path: Path, progress: Callable[[int], None] | None) -> ReadResult:
    # Excel on an Indonesian Windows saves CSV in the ANSI code page and with ";" between fields.
    last_error: UnicodeDecodeError | None = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with _csv_rows(path, encoding) as rows:
                return _collect(rows, SourceFormat.CSV, path.name, (path.name,), progress)
        except UnicodeDecodeError as exc:
            last_error = exc
        except (OSError, csv.Error) as exc:  # a stick pulled out mid-read; a field too large
            raise ExportRefused(f"Berkas tidak dapat dibaca sampai selesai: {path.name}.") from exc
    raise ExportRefused(_not_an_export(path.name)) from last_error


@contextmanager
def _csv_rows(path: Path, encoding: str) -> Iterator[Iterator[list[str]]]:
    try:
        handle = path.open(encoding=encoding, newline="")
    except OSError as exc:
        raise ExportRefused(f"Berkas tidak dapat dibaca: {path.name}.") from exc
    with handle:
        try:
            sample = handle.read(_CSV_SNIFF_CHARS)
        except OSError as exc:
            raise ExportRefused(f"Berkas tidak dapat dibaca: {path.name}.") from exc
        if "\x00" in sample:
            raise ExportRefused(_not_an_export(path.name))
        handle.seek(0)
        yield csv.reader(handle, delimiter=_csv_delimiter(sample))


def _csv_delimiter(sample: str) -> str:
    first_line = sample.split("\n", 1)[0]
    for delimiter in _CSV_DELIMITERS:
        keys = {_key(k) for k in first_line.split(delimiter)}
        if all(k in keys for k in REQUIRED_KEYS):
            return delimiter
    return max(_CSV_DELIMITERS, key=first_line.count)


# -- rows -------------------------------------------------------------------------------------------


def _key(value: object) -> str:
    return "" if value is None else str(value).strip().strip('"').lower()


def _not_an_export(file_name: str, missing: Iterable[str] = REQUIRED_KEYS) -> str:
    return (
        f"Berkas {file_name} bukan ekspor data penduduk OpenSID: baris pertamanya tidak memuat kolom "
        f"{', '.join(missing)}. {HOW_TO_EXPORT}"
    )


def _collect(
    rows: Iterator[Sequence[Any]],
    source_format: SourceFormat,
    source_name: str,
    names: Sequence[str],
    progress: Callable[[int], None] | None,
) -> ReadResult:
    header = next(rows, None)
    keys = [_key(k) for k in header] if header is not None else []
    missing = [k for k in REQUIRED_KEYS if k not in keys]
    if missing:
        raise ExportRefused(_not_an_export(source_name, missing))
    index = {k: keys.index(k) for k in _PICKED if k in keys}
    warnings: list[str] = []
    if "status_dasar" not in index:
        warnings.append("Kolom status_dasar tidak ada: semua baris dianggap penduduk hidup.")

    file_date = _date_from_names(names)
    collector = _Collector(
        index,
        want_updated=file_date is None,
        today=dt.date.today(),
    )
    collector.consume(rows, progress)
    if collector.rows == 0:
        raise ExportRefused(f"Berkas {source_name} tidak berisi satu baris penduduk pun.")

    if file_date is not None:
        export_date, date_source = file_date, DateSource.FILE_NAME
    elif collector.newest_update is not None:
        export_date, date_source = collector.newest_update, DateSource.UPDATED_AT
    else:
        export_date, date_source = None, DateSource.UNKNOWN
    return ReadResult(
        residents=sorted((kept for kept, _ in collector.kept.values()), key=_by_nik),
        rows=collector.rows,
        skipped=SkipCounts(**{reason.value: count for reason, count in collector.skipped.items()}),
        export_date=export_date,
        date_source=date_source,
        source_format=source_format,
        source_name=source_name,
        warnings=tuple(warnings),
    )


def _by_nik(resident: Resident) -> str:
    return resident.nik


class _Collector:
    """Turns data rows into residents, counting what it leaves out and why."""

    def __init__(self, index: dict[str, int], *, want_updated: bool, today: dt.date) -> None:
        self._positions = [index.get(k) for k in _PICKED]
        present = [p for p in self._positions if p is not None]
        self._width = max(present) + 1
        # Absent columns read from one slot past the row, which `_padded` fills with None.
        self._pick = itemgetter(*(self._width if p is None else p for p in self._positions))
        self._has_status = index.get("status_dasar") is not None
        self._want_updated = want_updated
        self._today = today
        self.rows = 0
        self.skipped = dict.fromkeys(SkipReason, 0)
        self.kept: dict[str, tuple[Resident, str]] = {}
        self.newest_update: dt.date | None = None

    def consume(self, rows: Iterable[Sequence[Any]], progress: Callable[[int], None] | None) -> None:
        width = self._width + 1
        for row in rows:
            if len(row) < width:
                row = (*row, *((None,) * (width - len(row))))
            picked = self._pick(row)
            if not any(v is not None and v != "" for v in picked):
                continue  # an empty line (often at the end of an edited file)
            self.rows += 1
            self._take(picked)
            if progress is not None and self.rows % PROGRESS_EVERY == 0:
                progress(self.rows)
        if progress is not None:
            progress(self.rows)

    def _take(self, picked: Sequence[Any]) -> None:
        nik_value, name_value, birth, address, dusun, rt, rw, status, updated = picked
        updated_text = _text(updated)
        if self._want_updated:
            self._note_update(updated)
        if self._has_status and _text(status) not in _LIVING:
            self.skipped[SkipReason.NOT_LIVING] += 1
            return
        nik = _nik_text(nik_value)
        if not nik or nik.startswith("0"):  # OpenSID: 0 = no NIK yet; 0... = a temporary NIK
            self.skipped[SkipReason.NO_NIK] += 1
            return
        if nik_problem(nik, today=self._today) is not None:
            self.skipped[SkipReason.INVALID_NIK] += 1
            return
        name = " ".join(_text(name_value).split())
        if not name:
            self.skipped[SkipReason.NO_NAME] += 1
            return
        resident = Resident(
            nik=nik,
            name=name,
            birth_date=_date(birth),
            address=clean_part(_text(address)),
            dusun=clean_part(_text(dusun)),
            rt=clean_part(_text(rt)),
            rw=clean_part(_text(rw)),
        )
        earlier = self.kept.get(nik)
        if earlier is not None:
            self.skipped[SkipReason.DUPLICATE] += 1
            if updated_text <= earlier[1]:
                return
        self.kept[nik] = (resident, updated_text)

    def _note_update(self, value: object) -> None:
        day = _date(value)
        if day is not None and (self.newest_update is None or day > self.newest_update):
            self.newest_update = day


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _nik_text(value: object) -> str:
    text = _text(value)
    return text[1:] if text.startswith("'") else text  # Excel's "keep as text" mark, typed by hand


def _date(value: object) -> dt.date | None:
    """A date from OpenSID's ``YYYY-MM-DD`` (or ``YYYY-MM-DD HH:MM:SS``), a cell date, or ``DD-MM-YYYY``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 8:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    match = _DMY.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None  # OpenSID's 0000-00-00 and typing slips: no date rather than a wrong one


def _date_from_names(names: Iterable[str]) -> dt.date | None:
    for name in names:
        match = _FILE_DATE.search(name)
        if match is None:
            continue
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            continue
    return None
