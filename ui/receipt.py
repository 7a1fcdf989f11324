"""Paper for the citizen: the receipt (tanda terima) and the agency's answer, for every paper a desa has.

Both are simple HTML laid out by QTextDocument (`ui.document_render`) on A4,
A5 or a thermal roll of 80 or 58 mm, so they use real fonts and stay
searchable text. On a roll, labels stand above their values and the QR code
has its own line; a thermal head gets black only. The documents are always
in Bahasa Indonesia, whatever language the window uses: they are for the
citizen. Times are on the office's clock (WIB, WITA or WIT), not the PC's.

Personal data: the reporter's name, NIK, phone and address are printed only when
the report is not anonymous, and the NIK even then only partially
(``1801********0001``): enough for the citizen to recognise, useless to someone
who finds the paper.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lapor_desktop.dates import format_date
from lapor_desktop.domain import Report
from lapor_desktop.offices.settings import Paper, Settings
from lapor_desktop.reports.excerpt import excerpt
from ui.document_parts import (
    NO_NAMES,
    DocumentContext,
    ReferenceNames,
    default_pdf_name,
    document_context,
    header_html,
    printed_html,
    rows_html,
    tracking_block,
    with_qr,
    write_document_pdf,
)
from ui.document_parts import escape as _e
from ui.document_render import Document, RenderedPdf
from ui.labels import channel_label, classification_label, remote_status_label

__all__ = [
    "default_pdf_name",
    "mask_nik",
    "receipt_document",
    "receipt_html",
    "responses_document",
    "responses_html",
    "write_receipt_pdf",
    "write_responses_pdf",
]

SUMMARY_CHARS = 300


def mask_nik(nik: str | None) -> str:
    """``1801011205850001`` -> ``1801********0001``: the region and the last digits only."""
    if not nik:
        return ""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


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


def _signature(report: Report, ctx: DocumentContext) -> str:
    if ctx.spec.narrow:
        return f'<p align="center" style="margin-top:10px;">Petugas,<br><br><br>{_e(report.recorded_by)}</p>'
    # A5 is short: room to sign, and the receipt still fits one sheet with its category rows.
    small = ctx.spec.height_mm is not None and ctx.spec.height_mm < 297
    room = "<br>" * (2 if small else 4)
    return (
        f'<table width="100%" style="margin-top:{12 if small else 24}px;"><tr><td width="55%"></td>'
        f'<td align="center">Petugas,{room}{_e(report.recorded_by)}</td></tr></table>'
    )


def _category_rows(report: Report, names: ReferenceNames) -> list[tuple[str, str]]:
    """The category as parent › leaf, and the agency the report asks for when it names one."""
    content = report.content
    rows = []
    if content.category_code:
        rows.append(("Kategori", _e(names.category_path(content.category_code))))
    if content.agency_code:
        rows.append(("Instansi yang dituju", _e(names.agency_name(content.agency_code))))
    return rows


def receipt_html(
    report: Report,
    settings: Settings,
    paper: Paper = Paper.A4,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> str:
    ctx = document_context(settings, paper)
    content = report.content
    rows: list[tuple[str, str]] = [
        (
            "Nomor laporan",
            f'<b style="{ctx.size(1.0 if ctx.spec.narrow else 1.1)}">{_e(report.local_ref)}</b>',
        ),
        ("Tanggal dicatat", _e(ctx.when(report.recorded_at))),
        ("Jenis laporan", _e(classification_label(content.classification, translated=False))),
        ("Judul", f"<b>{_e(content.title)}</b>"),
        *_category_rows(report, names),
        ("Ringkasan isi", _e(excerpt(content.body, SUMMARY_CHARS))),
        ("Disampaikan melalui", _e(channel_label(content.channel, translated=False))),
    ]
    if content.incident_date is not None:
        rows.insert(4, ("Tanggal kejadian", _e(format_date(content.incident_date))))
    if report.tracking_id:
        rows.insert(1, ("Nomor pelacakan LAPOR!", f"<b>{_e(report.tracking_id)}</b>"))
    rows.extend(_reporter_rows(report))
    if content.confidential:
        rows.append(("Kerahasiaan", _e("Laporan rahasia: isinya tidak dipublikasikan")))
    if content.attachments:
        rows.append(("Lampiran", _e(f"{len(content.attachments)} berkas")))
    rows.append(("Dicatat oleh", _e(report.recorded_by)))
    return (
        "<html><body>"
        + header_html(ctx, "TANDA TERIMA LAPORAN")
        + '<p style="margin-bottom:8px;">Laporan berikut telah diterima dan dicatat untuk diteruskan ke '
        "LAPOR! (Layanan Aspirasi dan Pengaduan Online Rakyat).</p>"
        + rows_html(ctx, rows)
        + tracking_block(report, ctx)
        + f'<p style="margin-top:12px; color:{ctx.grey};">Simpan tanda terima ini. Sebutkan nomor laporan di '
        "atas bila menanyakan perkembangan laporan.</p>"
        + _signature(report, ctx)
        + printed_html(ctx, printed_at or dt.datetime.now(dt.UTC))
        + "</body></html>"
    )


def responses_html(
    report: Report,
    settings: Settings,
    paper: Paper = Paper.A4,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> str:
    ctx = document_context(settings, paper)
    content = report.content
    rows: list[tuple[str, str]] = [
        ("Nomor laporan", f"<b>{_e(report.local_ref)}</b>"),
        ("Nomor pelacakan LAPOR!", _e(report.tracking_id or "belum ada")),
        ("Tanggal dicatat", _e(ctx.when(report.recorded_at))),
        ("Judul", f"<b>{_e(content.title)}</b>"),
        *_category_rows(report, names),
    ]
    if report.agency is not None:
        rows.append(("Instansi yang menangani", _e(report.agency.name)))
    if report.remote_status is not None:
        rows.append(("Status terakhir", _e(remote_status_label(report.remote_status, translated=False))))
    if not content.anonymous:
        rows.append(("Nama pelapor", _e(content.reporter.name)))
    parts = [
        "<html><body>",
        header_html(ctx, "JAWABAN INSTANSI ATAS LAPORAN"),
        rows_html(ctx, rows),
        '<p style="margin-top:12px;"><b>Tanggapan</b></p>',
    ]
    if not report.responses:
        parts.append("<p>Belum ada tanggapan dari instansi.</p>")
    for number, response in enumerate(sorted(report.responses, key=lambda r: r.at), start=1):
        heading = (
            f"<b>{number}. {_e(response.author)}</b><br>"
            f'<span style="color:{ctx.grey};">{_e(ctx.when(response.at))}</span><br>'
        )
        if ctx.spec.narrow:
            parts.append(f'<hr/><p style="margin:2px 0 4px 0;">{heading}{_e(response.text)}</p>')
        else:
            parts.append(
                '<table width="100%" cellspacing="0" cellpadding="6" '
                'style="border:1px solid #999999; border-collapse:collapse; margin-top:6px;"><tr><td>'
                f"{heading}{_e(response.text)}</td></tr></table>"
            )
    parts.append(tracking_block(report, ctx))
    parts.append(
        f'<p style="margin-top:12px; color:{ctx.grey};">Tanggapan ini disalin dari LAPOR! oleh petugas '
        f"{_e(ctx.office_name)}.</p>"
    )
    parts.append(printed_html(ctx, printed_at or dt.datetime.now(dt.UTC)))
    parts.append("</body></html>")
    return "".join(parts)


def receipt_document(
    report: Report,
    settings: Settings,
    paper: Paper,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> Document:
    body = receipt_html(report, settings, paper, names=names, printed_at=printed_at)
    return with_qr(report, settings, body, f"Tanda terima {report.local_ref}")


def responses_document(
    report: Report,
    settings: Settings,
    paper: Paper,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> Document:
    body = responses_html(report, settings, paper, names=names, printed_at=printed_at)
    return with_qr(report, settings, body, f"Jawaban instansi {report.local_ref}")


def write_receipt_pdf(
    report: Report,
    settings: Settings,
    path: Path,
    paper: Paper | None = None,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> RenderedPdf:
    """The receipt as a PDF on `paper` (the office's usual paper when None), written whole."""
    return write_document_pdf(receipt_document, report, settings, path, paper, names, printed_at)


def write_responses_pdf(
    report: Report,
    settings: Settings,
    path: Path,
    paper: Paper | None = None,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> RenderedPdf:
    """The agency's answer as a PDF on `paper` (the office's usual paper when None), written whole."""
    return write_document_pdf(responses_document, report, settings, path, paper, names, printed_at)
