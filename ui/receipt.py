"""Paper for the citizen: the receipt (tanda terima) and the agency's answers, as PDF or print.

Both documents are simple HTML laid out by QTextDocument, then printed to a
QPdfWriter (A4 portrait) or to the printer the operator picks, so they use real
fonts and stay searchable text. They are always in Bahasa Indonesia, whatever
language the window uses: they are for the citizen.

Personal data: the reporter's name, NIK, phone and address are printed only when
the report is not anonymous, and the NIK even then only partially
(``1801********0001``): enough for the citizen to recognise, useless to someone
who finds the paper.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lapor_desktop.domain import Report
from lapor_desktop.offices.settings import OfficeKind, Settings
from ui.labels import channel_label, classification_label, remote_status_label

SUMMARY_CHARS = 300
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}
_MARGIN_MM = 18
_BASE_POINT_SIZE = 11


def mask_nik(nik: str | None) -> str:
    """``1801011205850001`` -> ``1801********0001``: the region and the last digits only."""
    if not nik:
        return ""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def format_date(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime) -> str:
    """An aware time in the computer's zone, e.g. "29 November 2026 pukul 10.32 WIB"."""
    local = value.astimezone()
    offset = local.utcoffset() or dt.timedelta()
    hours = offset.total_seconds() / 3600
    zone = _ZONES.get(int(hours)) if hours.is_integer() else None
    if zone is None:
        zone = f"UTC{'+' if hours >= 0 else '-'}{abs(hours):g}"
    return f"{format_date(local.date())} pukul {local:%H.%M} {zone}"


def summary_of(body: str, limit: int = SUMMARY_CHARS) -> str:
    text = body.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # End on a word boundary when one is near, so the summary does not stop mid-word.
    space = cut.rfind(" ")
    if space > limit * 0.7:
        cut = cut[:space]
    return cut.rstrip() + " …"


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _office_lines(settings: Settings) -> tuple[str, str, str]:
    """(name, region line, what to call the office in sentences)."""
    office = settings.office
    if office is None:
        return "Kantor desa", "", "kantor desa"
    kind = "kecamatan" if office.kind is OfficeKind.KECAMATAN else "desa"
    return office.name, f"Kode wilayah {office.region_code}", f"kantor {kind}"


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td width="32%" style="color:#444444; padding:3px 8px 3px 0;">{_e(label)}</td>'
        f'<td style="padding:3px 0;">{value}</td></tr>'
        for label, value in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="0">{cells}</table>'


def _header(settings: Settings, heading: str) -> str:
    name, region, _ = _office_lines(settings)
    return (
        f'<p align="center" style="margin:0;"><b style="font-size:13pt;">{_e(name.upper())}</b></p>'
        f'<p align="center" style="margin:0; color:#444444;">{_e(region)}</p>'
        "<hr/>"
        f'<p align="center" style="margin-top:6px;"><b style="font-size:15pt;">{_e(heading)}</b></p>'
    )


def _tracking_block(report: Report, settings: Settings) -> str:
    _, _, office_word = _office_lines(settings)
    if report.tracking_id:
        return (
            '<table width="100%" cellpadding="8" style="border:1px solid #333333; margin-top:10px;"><tr><td>'
            f'Nomor pelacakan LAPOR!: <b style="font-size:14pt;">{_e(report.tracking_id)}</b><br>'
            f"Pantau di lapor.go.id dengan nomor pelacakan {_e(report.tracking_id)}."
            "</td></tr></table>"
        )
    return (
        '<table width="100%" cellpadding="8" style="border:1px solid #333333; margin-top:10px;"><tr><td>'
        "Nomor pelacakan LAPOR! akan diberikan setelah laporan terkirim; "
        f"tanyakan ke {_e(office_word)} dengan menyebut nomor laporan {_e(report.local_ref)}."
        "</td></tr></table>"
    )


def _reporter_rows(report: Report) -> list[tuple[str, str]]:
    content = report.content
    if content.anonymous:
        return [("Pelapor", _e("Dirahasiakan (laporan anonim)"))]
    reporter = content.reporter
    rows = [("Nama pelapor", _e(reporter.name))]
    if reporter.nik:
        rows.append(("NIK", _e(mask_nik(reporter.nik))))
    if reporter.phone:
        rows.append(("Telepon", _e(reporter.phone)))
    if reporter.address:
        rows.append(("Alamat", _e(reporter.address)))
    return rows


def receipt_html(report: Report, settings: Settings, *, printed_at: dt.datetime | None = None) -> str:
    content = report.content
    printed_at = printed_at or dt.datetime.now(dt.UTC)
    rows: list[tuple[str, str]] = [
        ("Nomor laporan", f"<b>{_e(report.local_ref)}</b>"),
        ("Tanggal dicatat", _e(format_datetime(report.recorded_at))),
        ("Jenis laporan", _e(classification_label(content.classification, translated=False))),
        ("Judul", f"<b>{_e(content.title)}</b>"),
        ("Ringkasan isi", _e(summary_of(content.body))),
        ("Disampaikan melalui", _e(channel_label(content.channel, translated=False))),
    ]
    if content.incident_date is not None:
        rows.insert(4, ("Tanggal kejadian", _e(format_date(content.incident_date))))
    rows.extend(_reporter_rows(report))
    if content.confidential:
        rows.append(("Kerahasiaan", _e("Laporan rahasia: isinya tidak dipublikasikan.")))
    if content.attachments:
        rows.append(("Lampiran", _e(f"{len(content.attachments)} berkas")))
    rows.append(("Dicatat oleh", _e(report.recorded_by)))
    return (
        "<html><body>"
        + _header(settings, "TANDA TERIMA LAPORAN")
        + '<p style="margin-bottom:8px;">Laporan berikut telah diterima dan dicatat untuk diteruskan ke '
        "LAPOR! (Layanan Aspirasi dan Pengaduan Online Rakyat).</p>"
        + _rows(rows)
        + _tracking_block(report, settings)
        + '<p style="margin-top:14px; color:#444444;">Simpan tanda terima ini. Sebutkan nomor laporan di atas '
        "bila menanyakan perkembangan laporan.</p>"
        + '<table width="100%" style="margin-top:24px;"><tr><td width="55%"></td><td align="center">'
        f"Petugas,<br><br><br><br>{_e(report.recorded_by)}</td></tr></table>"
        + f'<p style="margin-top:18px; font-size:8pt; color:#666666;">Dicetak {_e(format_datetime(printed_at))}</p>'
        + "</body></html>"
    )


def responses_html(report: Report, settings: Settings, *, printed_at: dt.datetime | None = None) -> str:
    content = report.content
    printed_at = printed_at or dt.datetime.now(dt.UTC)
    rows: list[tuple[str, str]] = [
        ("Nomor laporan", f"<b>{_e(report.local_ref)}</b>"),
        ("Nomor pelacakan LAPOR!", _e(report.tracking_id or "belum ada")),
        ("Tanggal dicatat", _e(format_datetime(report.recorded_at))),
        ("Judul", f"<b>{_e(content.title)}</b>"),
    ]
    if report.remote_status is not None:
        rows.append(("Status terakhir", _e(remote_status_label(report.remote_status, translated=False))))
    if not content.anonymous:
        rows.append(("Nama pelapor", _e(content.reporter.name)))
    parts = [
        "<html><body>",
        _header(settings, "JAWABAN INSTANSI ATAS LAPORAN"),
        _rows(rows),
        '<p style="margin-top:12px;"><b>Tanggapan</b></p>',
    ]
    if not report.responses:
        parts.append("<p>Belum ada tanggapan dari instansi.</p>")
    for number, response in enumerate(sorted(report.responses, key=lambda r: r.at), start=1):
        parts.append(
            '<table width="100%" cellpadding="6" style="border:1px solid #999999; margin-top:6px;"><tr><td>'
            f"<b>{number}. {_e(response.author)}</b>"
            f' <span style="color:#444444;">— {_e(format_datetime(response.at))}</span><br>'
            f"{_e(response.text)}</td></tr></table>"
        )
    parts.append(
        '<p style="margin-top:14px; color:#444444;">Tanggapan ini disalin dari LAPOR! oleh '
        f"{_e(_office_lines(settings)[2])}. Tanggapan terbaru juga dapat dilihat di lapor.go.id"
        + (f" dengan nomor pelacakan {_e(report.tracking_id)}" if report.tracking_id else "")
        + ".</p>"
    )
    parts.append(
        f'<p style="margin-top:18px; font-size:8pt; color:#666666;">Dicetak {_e(format_datetime(printed_at))}</p>'
    )
    parts.append("</body></html>")
    return "".join(parts)


def _document(html_text: str) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPointSize(_BASE_POINT_SIZE)
    document.setDefaultFont(font)
    document.setHtml(html_text)
    return document


def _prepare(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )


def _write_pdf(html_text: str, path: Path, title: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("lapor-desktop")
    writer.setResolution(300)
    _prepare(writer)
    document = _document(html_text)
    document.print_(writer)
    del writer  # the file is finished when the writer goes away


def write_receipt_pdf(report: Report, settings: Settings, path: Path) -> None:
    _write_pdf(receipt_html(report, settings), path, f"Tanda terima {report.local_ref}")


def write_responses_pdf(report: Report, settings: Settings, path: Path) -> None:
    _write_pdf(responses_html(report, settings), path, f"Jawaban instansi {report.local_ref}")


def _print(html_text: str, title: str, parent: QWidget | None) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    _prepare(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("receipt", "Cetak"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html_text).print_(printer)
    return True


def print_receipt(report: Report, settings: Settings, parent: QWidget | None = None) -> bool:
    """Ask for a printer and print the receipt; False when the operator cancelled."""
    return _print(receipt_html(report, settings), f"Tanda terima {report.local_ref}", parent)


def print_responses(report: Report, settings: Settings, parent: QWidget | None = None) -> bool:
    return _print(responses_html(report, settings), f"Jawaban instansi {report.local_ref}", parent)


def default_pdf_name(report: Report, kind: str) -> str:
    """``tanda-terima-18.01.01.2001-2026-00012.pdf``: no slashes, which name folders."""
    return f"{kind}-{report.local_ref.replace('/', '-')}.pdf"


def _save_dialog(report: Report, kind: str, parent: QWidget | None) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("receipt", "Simpan PDF"),
        str(Path.home() / default_pdf_name(report, kind)),
        QCoreApplication.translate("receipt", "Dokumen PDF (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def _save_with_dialog(
    report: Report, settings: Settings, parent: QWidget | None, kind: str, writer
) -> Path | None:  # type: ignore[no-untyped-def]
    path = _save_dialog(report, kind, parent)
    if path is None:
        return None
    try:
        writer(report, settings, path)
    except OSError as error:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("receipt", "PDF tidak tersimpan"),
            QCoreApplication.translate("receipt", "PDF tidak dapat disimpan di %1: %2")
            .replace("%1", str(path))
            .replace("%2", error.strerror or str(error)),
        )
        return None
    return path


def save_receipt_pdf_dialog(report: Report, settings: Settings, parent: QWidget | None = None) -> Path | None:
    """Ask where to save the receipt PDF and write it; the path, or None when cancelled or failed."""
    return _save_with_dialog(report, settings, parent, "tanda-terima", write_receipt_pdf)


def save_responses_pdf_dialog(
    report: Report, settings: Settings, parent: QWidget | None = None
) -> Path | None:
    return _save_with_dialog(report, settings, parent, "jawaban-instansi", write_responses_pdf)
