"""The monthly *rekapitulasi*: the camat's (every desa of the kecamatan) and the desa's own.

Built as HTML and laid out on A4 by `ui.document_render` (QTextDocument,
300 dpi PDF, written whole), so it needs a QGuiApplication but no window.
Figures come from `dashboard` and `overdue`, the same numbers the dashboard
page shows; the desa's adds the month's list of reports and room to sign.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from lapor_desktop.dates import format_instant, month_name
from lapor_desktop.domain import RemoteStatus, ReportState
from lapor_desktop.kecamatan.dashboard import (
    STATUS_LABELS,
    STATUS_ORDER,
    Dashboard,
    load_dashboard,
    month_range,
)
from lapor_desktop.kecamatan.overdue import RULE_LABELS, OverdueReport, overdue_reports
from lapor_desktop.labels import CLASSIFICATION_LABELS, REMOTE_STATUS_LABELS, STATE_LABELS
from lapor_desktop.offices.settings import Paper, Settings
from lapor_desktop.offices.timezone import OfficeZone, zone_of_region
from lapor_desktop.reports.list_details import NO_DETAILS, RowDetails
from lapor_desktop.reports.monthly_recap import MonthlyRecap, monthly_recap
from lapor_desktop.reports.queries import ListRow
from ui.document_render import Document, RenderedPdf, write_pdf

# A due date means nothing once LAPOR! has closed the report.
CLOSED = frozenset({RemoteStatus.COMPLETED, RemoteStatus.REJECTED, RemoteStatus.ARCHIVED})


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
    body = rekap_html(
        board,
        late,
        office_name=office_name,
        region_code=region_code,
        year=year,
        month=month,
        names=names or {},
        printed_on=today,
    )
    write_pdf(Document(body, f"Rekapitulasi {office_name} {month_name(year, month)}"), Paper.A4, target)
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


# -- the desa's own month ---------------------------------------------------------------------------


def _row_status(row: ListRow) -> str:
    """LAPOR!'s status once it has one, the local state before."""
    if row.state is ReportState.SENT and row.remote_status is not None:
        return REMOTE_STATUS_LABELS.get(row.remote_status, str(row.remote_status))
    if row.state is ReportState.SENT:
        return STATUS_LABELS["handed_over"] if not row.tracking_id else STATE_LABELS[row.state]
    return STATE_LABELS[row.state]


def _table(
    headers: tuple[str, ...],
    rows: list[tuple[str, ...]],
    *,
    numeric_from: int = 99,
    widths: tuple[int, ...] = (),
    width: int = 100,
) -> str:
    """A bordered table; columns from `numeric_from` on are counts, aligned right; `widths` in percent."""

    def cell(index: int, text: str) -> str:
        align = ' align="right"' if index >= numeric_from else ""
        return f"<td{align}>{_e(text).replace(chr(10), '<br/>')}</td>"

    def head(index: int, text: str) -> str:
        share = f' width="{widths[index]}%"' if index < len(widths) else ""
        return f"<th{share}>{_e(text)}</th>"

    header = "".join(head(i, text) for i, text in enumerate(headers))
    body = "".join("<tr>" + "".join(cell(i, text) for i, text in enumerate(row)) + "</tr>" for row in rows)
    return (
        f"<table border='1' cellspacing='0' cellpadding='3' width='{width}%'><tr>{header}</tr>{body}</table>"
    )


def _title_cell(row: ListRow, category_path: Callable[[str], str]) -> str:
    return f"{row.title}\n{category_path(row.category_code)}" if row.category_code else row.title


def _status_cell(row: ListRow, details: RowDetails, zone: OfficeZone, awaiting_reply: bool) -> str:
    """The status, with who handles the report and until when, and whether LAPOR! waits for the citizen."""
    lines = [_row_status(row)]
    if awaiting_reply:
        lines.append("menunggu jawaban pelapor")
    if details.agency_name:
        lines.append(details.agency_name)
    if details.due_at is not None and row.remote_status not in CLOSED:
        lines.append(f"batas {zone.local(details.due_at).strftime('%d-%m-%Y')}")
    return "\n".join(lines)


def desa_rekap_html(
    recap: MonthlyRecap,
    *,
    office_name: str,
    region_code: str,
    zone: OfficeZone,
    category_path: Callable[[str], str],
    operator: str,
    printed_at: dt.datetime,
) -> str:
    board = recap.board
    statuses = [(STATUS_LABELS.get(status, status), str(n)) for status, n in board.by_status]
    by_category = [
        (category_path(code) if code else "(tanpa kategori)", str(n)) for code, n in board.by_category
    ]
    listing = [
        (
            str(number),
            row.local_ref,
            zone.local(row.recorded_at).strftime("%d-%m-%Y"),
            CLASSIFICATION_LABELS[row.classification] if row.classification else "",
            _title_cell(row, category_path),
            "(anonim)" if row.anonymous else row.reporter_name,
            _status_cell(row, recap.details.get(row.id, NO_DETAILS), zone, row.id in recap.awaiting_reply),
            row.tracking_id or "-",
        )
        for number, row in enumerate(recap.rows, start=1)
    ]
    late = [
        (o.local_ref, o.title, RULE_LABELS[o.rule], o.due.strftime("%d-%m-%Y"), str(o.late_by))
        for o in recap.overdue
    ]
    period = month_name(recap.year, recap.month)
    parts = [
        '<html><body style="font-size: 9pt;">',
        f"<h2 align='center'>REKAPITULASI PENGADUAN MASYARAKAT<br/>{_e(office_name.upper())}</h2>",
        f"<p align='center'>Kode wilayah {_e(region_code)} &middot; Periode {_e(period)}</p>",
        f"<p>Jumlah laporan tercatat pada periode ini: <b>{board.total}</b>; sudah terkirim ke LAPOR! "
        f"dan mendapat nomor pelacakan: <b>{recap.sent}</b>; melewati batas waktu layanan: "
        f"<b>{len(recap.overdue)}</b>; ditunda karena LAPOR! meminta keterangan tambahan: "
        f"<b>{recap.on_hold}</b>, di antaranya menunggu jawaban pelapor: <b>{len(recap.awaiting_reply)}</b>.</p>",
        "<h3>1. Laporan per status</h3>",
        _table(("Status", "Jumlah"), statuses, numeric_from=1, widths=(75, 25), width=60)
        if statuses
        else "<p>Tidak ada laporan pada periode ini.</p>",
        "<h3>2. Laporan per kategori</h3>",
        _table(("Kategori", "Jumlah"), by_category, numeric_from=1, widths=(75, 25), width=60)
        if by_category
        else "<p>-</p>",
        "<h3>3. Daftar laporan</h3>",
        '<div style="font-size: 7.5pt;">'
        + _table(
            (
                "No",
                "Nomor laporan",
                "Dicatat",
                "Jenis",
                "Judul dan kategori",
                "Pelapor",
                "Status",
                "Nomor pelacakan",
            ),
            listing,
            widths=(4, 18, 9, 10, 21, 10, 13, 15),
        )
        + "</div>"
        if listing
        else "<p>Tidak ada laporan pada periode ini.</p>",
        "<h3>4. Laporan melewati batas waktu</h3>",
        '<div style="font-size: 7.5pt;">'
        + _table(
            ("Nomor", "Judul", "Keterangan", "Batas", "Terlambat (hari kerja)"),
            late,
            numeric_from=4,
            widths=(25, 27, 24, 12, 12),
        )
        + "</div>"
        if late
        else "<p>Tidak ada laporan yang melewati batas waktu.</p>",
        "<table width='100%' style='margin-top:24px;'><tr>"
        f"<td width='50%' align='center'>Mengetahui,<br/>Kepala {_e(office_name)}<br/><br/><br/><br/>"
        "(.............................)</td>"
        f"<td align='center'>Dibuat oleh,<br/>Operator<br/><br/><br/><br/>{_e(operator)}</td>"
        "</tr></table>",
        f"<p style='font-size:7pt;'><br/>Dicetak {_e(format_instant(printed_at, zone))} dengan aplikasi "
        "LAPOR Desa.</p>",
        "</body></html>",
    ]
    return "".join(parts)


def write_desa_rekap_pdf(
    db_path: Path,
    target: Path,
    settings: Settings,
    category_path: Callable[[str], str],
    *,
    year: int,
    month: int,
    now: dt.datetime | None = None,
) -> RenderedPdf:
    """The desa's month as an A4 PDF, written whole; its times and month on the office's clock."""
    now = now or dt.datetime.now(dt.UTC)
    office = settings.office
    zone = zone_of_region(office.region_code if office else None)
    office_name = office.name if office else "Kantor desa"
    recap = monthly_recap(db_path, year, month, zone=zone, today=zone.local(now).date())
    body = desa_rekap_html(
        recap,
        office_name=office_name,
        region_code=office.region_code if office else "",
        zone=zone,
        category_path=category_path,
        operator=settings.operator or "",
        printed_at=now,
    )
    return write_pdf(
        Document(body, f"Rekapitulasi {office_name} {month_name(year, month)}"), Paper.A4, target
    )
