"""The QR code on the citizen's paper: the report's number and, once known, its LAPOR! page.

Made with `segno` (pure Python, no dependencies, ISO/IEC 18004 complete and
well kept) rather than by hand. Error correction M survives a smudged
thermal print; the image carries the standard quiet zone of four modules, so
it scans wherever the layout puts it.
"""

from __future__ import annotations

import io

from PySide6.QtGui import QImage

from lapor_desktop.domain import Report
from lapor_desktop.offices.settings import Settings

PIXELS_PER_MODULE = 8  # about 0.7 mm a module at 300 dpi, drawn to size by the layout
QUIET_ZONE = 4


def qr_payload(report: Report, settings: Settings) -> str:
    """What a phone reads: the number on the first line; the tracking page on the second once sent."""
    lines = [f"Nomor laporan {report.local_ref}"]
    link = settings.tracking_link(report.tracking_id)
    if link is not None:
        lines.append(link)
    elif report.tracking_id:
        lines.append(f"Nomor pelacakan {report.tracking_id}")
    return "\n".join(lines)


def qr_image(payload: str) -> QImage:
    import segno

    code = segno.make(payload, error="m", micro=False, boost_error=False)
    png = io.BytesIO()
    code.save(png, kind="png", scale=PIXELS_PER_MODULE, border=QUIET_ZONE)
    image = QImage.fromData(png.getvalue(), "PNG")
    if image.isNull():
        raise RuntimeError("QR image could not be decoded")
    return image
