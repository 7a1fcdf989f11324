"""The pieces every citizen's paper is built from: the office's header, label/value rows, the QR block.

Shared by the receipt, the agency's answer (`ui.receipt`) and the printed
*Tanggapan* (`ui.conversation_document`), so they look alike on every paper:
on a sheet labels sit beside their values in a table; on a roll they stand
above them and the QR code has its own line; a thermal head gets black only.
Times are on the office's clock (WIB, WITA or WIT), not the PC's.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lapor_desktop.dates import format_instant
from lapor_desktop.domain import Report
from lapor_desktop.offices.settings import DEFAULT_TRACKING_URL, OfficeKind, Paper, Settings
from lapor_desktop.offices.timezone import OfficeZone, zone_of_region
from ui.document_render import SPECS, Document, PaperSpec, RenderedPdf, css_px, write_pdf
from ui.receipt_qr import qr_image, qr_payload

QR_NAME = "qr.png"
QR_MM_SHEET = 30.0
QR_MM_ROLL = 28.0


def escape(text: str) -> str:
    """`text` as HTML, its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def default_pdf_name(report: Report, kind: str) -> str:
    """``Tanda-terima-18.01.01.2001-2026-00012.pdf``: one name per report, no slashes (they name folders)."""
    return f"{kind}-{report.local_ref.replace('/', '-')}.pdf"


@dataclass(frozen=True)
class DocumentContext:
    """What every part of a document needs: the paper's look, the office and its clock."""

    spec: PaperSpec
    settings: Settings
    zone: OfficeZone

    @property
    def grey(self) -> str:
        return "#000000" if self.spec.thermal else "#444444"

    def size(self, factor: float) -> str:
        return f"font-size:{self.spec.point_size * factor:.1f}pt;"

    def when(self, value: dt.datetime) -> str:
        return format_instant(value, self.zone)

    @property
    def office_name(self) -> str:
        office = self.settings.office
        return office.name if office is not None else "Kantor desa"

    @property
    def office_word(self) -> str:
        office = self.settings.office
        return (
            "kantor kecamatan"
            if office is not None and office.kind is OfficeKind.KECAMATAN
            else "kantor desa"
        )

    @property
    def lapor_site(self) -> str:
        """``lapor.go.id``: where a citizen types the tracking number, from the tracking link setting."""
        host = urlsplit(self.settings.tracking_url or DEFAULT_TRACKING_URL).hostname or "lapor.go.id"
        return host.removeprefix("www.")


def document_context(settings: Settings, paper: Paper) -> DocumentContext:
    region = settings.office.region_code if settings.office is not None else None
    return DocumentContext(SPECS[paper], settings, zone_of_region(region))


def rows_html(ctx: DocumentContext, rows: Iterable[tuple[str, str]]) -> str:
    """Label/value rows (values are HTML already): a two-column table on a sheet, stacked on a roll."""
    if ctx.spec.narrow:
        return "".join(
            f'<p style="margin:0 0 4px 0;"><span style="{ctx.size(0.9)} color:{ctx.grey};">{escape(label)}'
            f"</span><br>{value}</p>"
            for label, value in rows
        )
    cells = "".join(
        f'<tr><td width="32%" style="color:{ctx.grey}; padding:3px 8px 3px 0;">{escape(label)}</td>'
        f'<td style="padding:3px 0;">{value}</td></tr>'
        for label, value in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="0">{cells}</table>'


def header_html(ctx: DocumentContext, heading: str) -> str:
    office = ctx.settings.office
    region = f"Kode wilayah {office.region_code}" if office is not None else ""
    return (
        f'<p align="center" style="margin:0;"><b style="{ctx.size(1.2)}">{escape(ctx.office_name.upper())}'
        "</b></p>"
        f'<p align="center" style="margin:0; color:{ctx.grey};">{escape(region)}</p>'
        "<hr/>"
        f'<p align="center" style="margin-top:4px;"><b style="{ctx.size(1.35)}">{escape(heading)}</b></p>'
    )


def _qr_img(ctx: DocumentContext) -> str:
    side = css_px(QR_MM_ROLL if ctx.spec.narrow else QR_MM_SHEET)
    return f'<img src="{QR_NAME}" width="{side}" height="{side}">'


def _tracking_text(report: Report, ctx: DocumentContext) -> str:
    if report.tracking_id:
        return (
            f"Pantau di {escape(ctx.lapor_site)} dengan nomor pelacakan <b>{escape(report.tracking_id)}</b>, "
            "atau pindai kode QR ini."
        )
    return (
        "Nomor pelacakan LAPOR! akan diberikan setelah laporan terkirim; "
        f"tanyakan ke {escape(ctx.office_word)} dengan menyebut nomor laporan {escape(report.local_ref)}."
    )


def tracking_block(report: Report, ctx: DocumentContext) -> str:
    """The QR code with what to do with the numbers: beside each other on a sheet, stacked on a roll."""
    text = _tracking_text(report, ctx)
    if ctx.spec.narrow:
        return (
            f'<p align="center" style="margin-top:8px;">{_qr_img(ctx)}</p>'
            f'<p align="center" style="margin-top:2px;">{text}</p>'
        )
    return (
        '<table width="100%" cellspacing="0" cellpadding="8" style="border:1px solid #333333; '
        'border-collapse:collapse; margin-top:10px;"><tr>'
        f'<td valign="middle">{text}</td>'
        f'<td width="1%" align="right" valign="middle">{_qr_img(ctx)}</td>'
        "</tr></table>"
    )


def printed_html(ctx: DocumentContext, printed_at: dt.datetime) -> str:
    return (
        f'<p style="margin-top:14px; {ctx.size(0.75)} color:{ctx.grey};">'
        f"Dicetak {escape(ctx.when(printed_at))}</p>"
    )


def with_qr(report: Report, settings: Settings, body: str, title: str) -> Document:
    """The document with the report's QR code (number and tracking link) as the image it names."""
    return Document(body, title, {QR_NAME: qr_image(qr_payload(report, settings))})


def _as_is(code: str) -> str:
    return code


@dataclass(frozen=True)
class ReferenceNames:
    """Names for the codes a report holds: its category as parent › leaf, an agency by its name.

    Codes stand for themselves when no list knows them (a category the server has since dropped).
    """

    category_path: Callable[[str], str] = _as_is
    agency_name: Callable[[str], str] = _as_is


NO_NAMES = ReferenceNames()


def reference_names(data_dir: Path) -> ReferenceNames:
    """The names the office's reference lists give (the server's last lists over the shipped ones)."""
    from lapor_desktop.reports.agencies import agency_name, load_agencies
    from lapor_desktop.reports.categories import known_tree

    tree = known_tree(data_dir)
    agencies = load_agencies(data_dir)
    return ReferenceNames(category_path=tree.path_label, agency_name=lambda code: agency_name(code, agencies))


def write_document_pdf(
    make: Callable[..., Document],
    report: Report,
    settings: Settings,
    path: Path,
    paper: Paper | None,
    names: ReferenceNames,
    printed_at: dt.datetime | None,
) -> RenderedPdf:
    """One of the citizen's papers (`make` builds it) as a PDF on `paper` (the office's usual paper
    when None), written whole."""
    chosen = paper or settings.paper
    return write_pdf(make(report, settings, chosen, names=names, printed_at=printed_at), chosen, path)
