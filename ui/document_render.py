"""Lays out a citizen's document for its paper and writes it as PDF or to a printer.

A sheet (A4, A5) is paginated as usual. A thermal roll has no pages: the
document is laid out at the roll's printable width, its height measured, and
the page made exactly that long (a custom page size), so the printer feeds no
blank paper. A document longer than `ROLL_PAGE_MAX_MM` on a roll is split
into pages of that length: PDF pages may not be longer than 200 inches.

The layout uses the device itself (the 300 dpi PDF, or the printer) as its
paint device, so lines break where they will break on paper. Long words and
numbers wrap anywhere when they must (QTextDocument's default), so nothing
runs off a 58 mm roll.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from lapor_desktop.offices.settings import Paper
from lapor_desktop.storage.atomic import write_atomic

PDF_DPI = 300
MM_PER_INCH = 25.4
ROLL_PAGE_MAX_MM = 2000.0
# Room below the measured content of a roll: the last line's descenders, and rounding.
ROLL_SLACK_MM = 1.0


@dataclass(frozen=True)
class PaperSpec:
    width_mm: float
    height_mm: float | None  # None: a roll, cut as long as the content
    side_mm: float  # left and right margin
    end_mm: float  # top and bottom margin
    point_size: float
    narrow: bool  # labels above values, the QR code on its own line
    thermal: bool  # black only: grey comes out dithered and faint on a thermal head

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - 2 * self.side_mm


# Thermal rolls print 72 mm of an 80 mm roll and 48 mm of a 58 mm one (576 and 384 dots at 203 dpi).
SPECS: dict[Paper, PaperSpec] = {
    Paper.A4: PaperSpec(210, 297, 18, 18, 11, narrow=False, thermal=False),
    Paper.A5: PaperSpec(148, 210, 12, 10, 9, narrow=False, thermal=False),
    Paper.ROLL_80: PaperSpec(80, None, 4, 4, 9, narrow=True, thermal=True),
    Paper.ROLL_58: PaperSpec(58, None, 5, 4, 8, narrow=True, thermal=True),
}


@dataclass(frozen=True)
class Document:
    """HTML ready for QTextDocument, its title, and the images it names (``<img src="qr.png">``)."""

    html: str
    title: str
    images: dict[str, QImage] = field(default_factory=dict)


def css_px(mm: float) -> int:
    """`mm` as an ``<img width>``: QTextDocument reads those in pixels of the screen's logical dpi."""
    dpi = QImage(1, 1, QImage.Format.Format_Mono).logicalDpiX()  # Qt's default dpi, as the layout uses
    return round(mm / MM_PER_INCH * dpi)


def _page_layout(spec: PaperSpec, height_mm: float) -> QPageLayout:
    if spec.height_mm is None:
        size = QPageSize(
            QSizeF(spec.width_mm, height_mm),
            QPageSize.Unit.Millimeter,
            f"{spec.width_mm:g} mm",
            QPageSize.SizeMatchPolicy.ExactMatch,  # never snapped to a standard size
        )
    else:
        size = QPageSize(QSizeF(spec.width_mm, spec.height_mm), QPageSize.Unit.Millimeter)
    margins = QMarginsF(spec.side_mm, spec.end_mm, spec.side_mm, spec.end_mm)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def lay_out(document: Document, paper: Paper, device: QPagedPaintDevice) -> QTextDocument:
    """The document laid out for `paper` on `device`, whose page is set to fit (a roll: the content's length)."""
    spec = SPECS[paper]
    device.setPageLayout(_page_layout(spec, spec.height_mm or ROLL_PAGE_MAX_MM))
    dpi = device.logicalDpiY()
    text = QTextDocument()
    text.documentLayout().setPaintDevice(device)
    text.setDocumentMargin(0)
    font = QFont()
    font.setPointSizeF(spec.point_size)
    text.setDefaultFont(font)
    for name, image in document.images.items():
        text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    text.setHtml(document.html)
    text.setTextWidth(device.width())
    if spec.height_mm is None:
        content_mm = text.size().height() / dpi * MM_PER_INCH + ROLL_SLACK_MM
        page_mm = min(content_mm, ROLL_PAGE_MAX_MM - 2 * spec.end_mm)
        device.setPageLayout(_page_layout(spec, page_mm + 2 * spec.end_mm))
    text.setPageSize(QSizeF(device.width(), device.height()))
    return text


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    width_mm: float
    height_mm: float  # of the first page: a roll's length


def render_pdf(document: Document, paper: Paper) -> RenderedPdf:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(document.title)
    writer.setCreator("LAPOR Desa")
    laid_out = lay_out(document, paper, writer)
    pages = laid_out.pageCount()
    size = writer.pageLayout().fullRect(QPageLayout.Unit.Millimeter).size()
    laid_out.print_(writer)
    del writer  # the PDF's trailer is written when the writer goes
    buffer.close()
    return RenderedPdf(bytes(data.data()), pages, size.width(), size.height())


def write_pdf(document: Document, paper: Paper, path: Path) -> RenderedPdf:
    """Lay out and write the PDF whole (a temporary file renamed), so a failed write leaves no half file."""
    rendered = render_pdf(document, paper)
    write_atomic(Path(path), rendered.data)
    return rendered
