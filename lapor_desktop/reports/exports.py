"""CSV and XLSX of any filtered report list, written as it is read.

Rows come page by page from `ReportQueries` (keyset paging, 1,000 at a time)
and go straight to the file: CSV through the csv module, XLSX through
openpyxl's write-only workbook, which streams rows to a temporary file rather
than keeping a sheet in memory. The file appears under its name only when it
is complete (written beside it, then renamed).

No NIK, phone, e-mail or address leaves in an export: a list for a camat's
meeting needs none of them. The reporter's name is left out for anonymous
reports, as in the app's lists.

The category is written as parent › leaf ("Infrastruktur › Jalan rusak") when
the caller passes the office's category tree (`category_path`), else as its
code; the agency the report asked for, the one LAPOR! has handling it, and
the due date of the current step (office's clock) close each row.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from lapor_desktop.kecamatan.overdue import desa_of
from lapor_desktop.labels import CLASSIFICATION_LABELS, REMOTE_STATUS_LABELS, STATE_LABELS
from lapor_desktop.reports.list_details import NO_DETAILS, RowDetails, row_details
from lapor_desktop.reports.queries import ListRow, PageKey, ReportFilter, ReportQueries
from lapor_desktop.storage.atomic import fsync_dir

PAGE = 1000
EVERY_REPORT = ReportFilter()
HEADERS = (
    "Nomor laporan",
    "Desa/kantor",
    "Dicatat",
    "Klasifikasi",
    "Kategori",
    "Judul",
    "Pelapor",
    "Status lokal",
    "Status LAPOR!",
    "Nomor pelacakan",
    "Instansi yang dituju",
    "Instansi yang menangani",
    "Batas waktu",
)
DATE_COLUMNS = (2, 12)  # recorded, due: real dates in Excel, text in CSV
WIDTHS = (26, 16, 17, 20, 30, 50, 24, 16, 22, 20, 30, 30, 17)
CategoryPath = Callable[[str], str]
Names = tuple[CategoryPath, Callable[[str], str]]  # category path, agency name


def _code(code: str) -> str:
    return code


def iter_rows(
    db_path: Path, flt: ReportFilter = EVERY_REPORT, *, desa_code: str | None = None
) -> Iterator[ListRow]:
    """Every report matching `flt` (and recorded by `desa_code`, if given), oldest first."""
    queries = ReportQueries(db_path)
    try:
        after: PageKey | None = None
        while True:
            page = queries.page(flt, descending=False, after=after, limit=PAGE)
            for row in page.rows:
                if desa_code is None or desa_of(row.local_ref) == desa_code:
                    yield row
            if page.next_key is None:
                return
            after = page.next_key
    finally:
        queries.close()


def iter_detailed(
    db_path: Path, flt: ReportFilter = EVERY_REPORT, *, desa_code: str | None = None
) -> Iterator[tuple[ListRow, RowDetails]]:
    """`iter_rows` with each row's agencies and due date, read a page at a time."""
    rows = iter_rows(db_path, flt, desa_code=desa_code)
    while page := list(itertools.islice(rows, PAGE)):
        details = row_details(db_path, [row.id for row in page])
        for row in page:
            yield row, details.get(row.id, NO_DETAILS)


def _local(moment: dt.datetime | None, tz: dt.tzinfo | None) -> dt.datetime | None:
    """A moment as the office's wall clock, without a zone: spreadsheets know no zones."""
    if moment is None:
        return None
    return moment.astimezone(tz).replace(tzinfo=None, microsecond=0)


def _cells(row: ListRow, details: RowDetails, tz: dt.tzinfo | None, names: Names) -> list[object]:
    category_path, agency_name = names
    return [
        row.local_ref,
        desa_of(row.local_ref),
        _local(row.recorded_at, tz),
        CLASSIFICATION_LABELS.get(row.classification.value, "") if row.classification else "",
        category_path(row.category_code) if row.category_code else "",
        row.title,
        "(anonim)" if row.anonymous else row.reporter_name,
        STATE_LABELS.get(row.state.value, row.state.value),
        REMOTE_STATUS_LABELS.get(row.remote_status.value, "") if row.remote_status else "",
        row.tracking_id or "",
        agency_name(details.requested_agency_code) if details.requested_agency_code else "",
        details.agency_name or "",
        _local(details.due_at, tz),
    ]


def _temp_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")


def _finish(temp: Path, target: Path) -> None:
    os.replace(temp, target)
    fsync_dir(target.parent)


def export_csv(
    db_path: Path,
    target: Path,
    flt: ReportFilter = EVERY_REPORT,
    *,
    desa_code: str | None = None,
    tz: dt.tzinfo | None = None,
    category_path: CategoryPath = _code,
    agency_name: Callable[[str], str] = _code,
) -> int:
    """Write the list as UTF-8 CSV with a BOM (so Excel shows Indonesian text right); returns rows written."""
    temp = _temp_for(target)
    count = 0
    try:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            for row, details in iter_detailed(db_path, flt, desa_code=desa_code):
                cells = _cells(row, details, tz, (category_path, agency_name))
                for column in DATE_COLUMNS:
                    moment = cells[column]
                    cells[column] = (
                        moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, dt.datetime) else ""
                    )
                writer.writerow([_defuse(c) for c in cells])
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        _finish(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return count


def export_xlsx(
    db_path: Path,
    target: Path,
    flt: ReportFilter = EVERY_REPORT,
    *,
    desa_code: str | None = None,
    tz: dt.tzinfo | None = None,
    title: str = "Laporan",
    category_path: CategoryPath = _code,
    agency_name: Callable[[str], str] = _code,
) -> int:
    """Write the list as an Excel workbook (one sheet, dates as real dates); returns rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLM", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row, details in iter_detailed(db_path, flt, desa_code=desa_code):
        values: list[object] = []
        for column, value in enumerate(_cells(row, details, tz, (category_path, agency_name))):
            if column in DATE_COLUMNS and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd hh:mm"
                values.append(cell)
            else:
                values.append(_defuse(value))
        sheet.append(values)
        count += 1
    temp = _temp_for(target)
    try:
        workbook.save(temp)
        _finish(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return count


def _defuse(value: object) -> object:
    """Text a citizen typed must never run as a formula when the file is opened in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
