"""CSV and XLSX of any filtered report list, written as it is read.

Rows come page by page from `ReportQueries` (keyset paging, 1,000 at a time)
and go straight to the file: CSV through the csv module, XLSX through
openpyxl's write-only workbook, which streams rows to a temporary file rather
than keeping a sheet in memory. The file appears under its name only when it
is complete (written beside it, then renamed).

No NIK, phone, e-mail or address leaves in an export: a list for a camat's
meeting needs none of them. The reporter's name is left out for anonymous
reports, as in the app's lists.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from lapor_desktop.kecamatan.overdue import desa_of
from lapor_desktop.labels import CLASSIFICATION_LABELS, REMOTE_STATUS_LABELS, STATE_LABELS
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
)


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


def _cells(row: ListRow, tz: dt.tzinfo | None) -> list[object]:
    return [
        row.local_ref,
        desa_of(row.local_ref),
        row.recorded_at.astimezone(tz).replace(tzinfo=None, microsecond=0),
        CLASSIFICATION_LABELS.get(row.classification.value, "") if row.classification else "",
        row.category_code,
        row.title,
        "(anonim)" if row.anonymous else row.reporter_name,
        STATE_LABELS.get(row.state.value, row.state.value),
        REMOTE_STATUS_LABELS.get(row.remote_status.value, "") if row.remote_status else "",
        row.tracking_id or "",
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
) -> int:
    """Write the list as UTF-8 CSV with a BOM (so Excel shows Indonesian text right); returns rows written."""
    temp = _temp_for(target)
    count = 0
    try:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            for row in iter_rows(db_path, flt, desa_code=desa_code):
                cells = _cells(row, tz)
                cells[2] = cells[2].strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
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
) -> int:
    """Write the list as an Excel workbook (one sheet, dates as real dates); returns rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJ", (26, 16, 17, 20, 24, 50, 24, 16, 22, 20), strict=True):
        sheet.column_dimensions[column].width = width
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in iter_rows(db_path, flt, desa_code=desa_code):
        cells = _cells(row, tz)
        date_cell = WriteOnlyCell(sheet, value=cells[2])
        date_cell.number_format = "yyyy-mm-dd hh:mm"
        sheet.append([_defuse(cells[0]), cells[1], date_cell, *[_defuse(c) for c in cells[3:]]])
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
