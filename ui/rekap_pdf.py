"""The monthly *rekapitulasi* for the camat: one PDF per kecamatan and month.

Built as HTML in a QTextDocument and printed with QPdfWriter (A4, 300 dpi),
so it needs a QGuiApplication but no window. Figures come from `dashboard`
and `overdue`, the same numbers the dashboard page shows.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from lapor_desktop.kecamatan.dashboard import (
    STATUS_LABELS,
    STATUS_ORDER,
    Dashboard,
    load_dashboard,
    month_range,
)
from lapor_desktop.kecamatan.overdue import RULE_LABELS, OverdueReport, overdue_reports

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def _e(value: object) -> str:
    return html.escape(str(value))


def rekap_html(
    board: Dashboard,
    overdue: list[OverdueReport],
    *,
    office_name: str,
    region_code: str,
    year: int,
    month: int,
    names: dict[str, str],
    printed_on: dt.date,
) -> str:
    statuses = [s for s in STATUS_ORDER if any(s in row for row in board.by_desa_status.values())]
    head = "".join(f"<th>{_e(STATUS_LABELS[s])}</th>" for s in statuses)
    rows = []
    for code, total in board.by_desa:
        counts = board.by_desa_status.get(code, {})
        cells = "".join(f"<td align='right'>{counts.get(s, 0)}</td>" for s in statuses)
        rows.append(
            f"<tr><td>{_e(names.get(code, code))}<br/><small>{_e(code)}</small></td>{cells}"
            f"<td align='right'><b>{total}</b></td></tr>"
        )
    totals = "".join(f"<td align='right'><b>{dict(board.by_status).get(s, 0)}</b></td>" for s in statuses)
    rows.append(f"<tr><td><b>Jumlah</b></td>{totals}<td align='right'><b>{board.total}</b></td></tr>")
    categories = "".join(
        f"<tr><td>{_e(code or '(tanpa kategori)')}</td><td align='right'>{n}</td></tr>"
        for code, n in board.by_category
    )
    late = "".join(
        f"<tr><td>{_e(o.local_ref)}</td><td>{_e(names.get(o.desa_code, o.desa_code))}</td><td>{_e(o.title)}</td>"
        f"<td>{_e(RULE_LABELS[o.rule])}</td><td>{o.due.strftime('%d-%m-%Y')}</td><td align='right'>{o.late_by}</td></tr>"
        for o in overdue
    )
    late_table = (
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr><th>Nomor</th><th>Desa</th>"
        f"<th>Judul</th><th>Keterangan</th><th>Batas</th><th>Terlambat (hari kerja)</th></tr>{late}</table>"
        if overdue
        else "<p>Tidak ada laporan yang melewati batas waktu.</p>"
    )
    return f"""
<html><body style="font-family: sans-serif; font-size: 10pt;">
<h2 align="center">REKAPITULASI PENGADUAN MASYARAKAT<br/>{_e(office_name.upper())}</h2>
<p align="center">Kode wilayah {_e(region_code)} &middot; Periode {_e(month_name(year, month))}</p>
<p>Jumlah laporan tercatat pada periode ini: <b>{board.total}</b>.
Laporan melewati batas waktu layanan (per {printed_on.strftime("%d-%m-%Y")}): <b>{len(overdue)}</b>.</p>
<h3>1. Laporan per desa dan status</h3>
<table border="1" cellspacing="0" cellpadding="4" width="100%"><tr><th>Desa</th>{head}<th>Jumlah</th></tr>
{"".join(rows)}</table>
<h3>2. Laporan per kategori</h3>
<table border="1" cellspacing="0" cellpadding="4"><tr><th>Kategori</th><th>Jumlah</th></tr>{categories}</table>
<h3>3. Laporan melewati batas waktu</h3>
<p><small>Batas: verifikasi LAPOR! 3 hari kerja, tindak lanjut instansi 5 hari kerja; hari kerja tidak
termasuk Sabtu, Minggu, hari libur nasional dan cuti bersama.</small></p>
{late_table}
<p><br/>Dicetak {printed_on.strftime("%d-%m-%Y")} dengan aplikasi LAPOR Desa.</p>
</body></html>"""


def write_rekap_pdf(
    db_path: Path,
    target: Path,
    *,
    year: int,
    month: int,
    office_name: str,
    region_code: str,
    names: dict[str, str] | None = None,
    today: dt.date | None = None,
    tz: dt.tzinfo | None = None,
) -> Path:
    """Write the month's rekap for the office whose database is `db_path`; returns `target`."""
    today = today or dt.date.today()
    board = load_dashboard(db_path, month_range(year, month), tz=tz)
    in_month = _recorded_in(db_path, year, month, tz)
    late = [o for o in overdue_reports(db_path, today, tz=tz) if o.report_id in in_month]
    document = QTextDocument()
    document.setHtml(
        rekap_html(
            board,
            late,
            office_name=office_name,
            region_code=region_code,
            year=year,
            month=month,
            names=names or {},
            printed_on=today,
        )
    )
    writer = QPdfWriter(str(target))
    writer.setResolution(300)
    writer.setTitle(f"Rekapitulasi {office_name} {month_name(year, month)}")
    writer.setCreator("LAPOR Desa")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15)
        )
    )
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    return target


def _recorded_in(db_path: Path, year: int, month: int, tz: dt.tzinfo | None) -> set[int]:
    """Ids of the reports recorded in that month (local days), for the overdue list of the rekap."""
    import sqlite3

    from lapor_desktop.timestamps import from_text

    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute("SELECT id, recorded_at FROM reports WHERE state = 'sent'").fetchall()
    finally:
        connection.close()
    return {
        report_id
        for report_id, recorded_at in rows
        if (day := from_text(recorded_at).astimezone(tz).date()).year == year and day.month == month
    }
