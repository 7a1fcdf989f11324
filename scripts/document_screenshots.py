"""Pictures of the citizen's paper and of *Kabari pelapor* for docs/screenshots/.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/document_screenshots.py [--out docs/screenshots]

The receipt is the real PDF (`ui.receipt`) of a sent report on a 58 mm roll,
rasterised by poppler's `pdftoppm` at a thermal printer's 203 dpi; the
dialog is the real widget with the message the core composes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from lapor_desktop.domain import (  # noqa: E402
    AgencyResponse,
    Channel,
    Classification,
    Location,
    RemoteStatus,
    Report,
    ReportContent,
    Reporter,
    ReportState,
)
from lapor_desktop.offices.settings import Office, OfficeKind, Paper, Settings  # noqa: E402
from lapor_desktop.reports.citizen_message import citizen_message  # noqa: E402

RECORDED = dt.datetime(2026, 11, 29, 3, 15, tzinfo=dt.UTC)
SETTINGS = Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah")


def demo_report() -> Report:
    content = ReportContent(
        classification=Classification.COMPLAINT,
        title="Jalan Dusun II berlubang besar",
        body="Jalan utama Dusun II berlubang besar sejak musim hujan dan membahayakan pengendara motor, "
        "terutama malam hari.",
        category_code="infrastruktur",
        incident_date=dt.date(2026, 11, 20),
        location=Location(region_code="18.01.01.2001", address="Dusun II RT 03"),
        reporter=Reporter(
            name="Budi Santoso", nik="1801011205850001", phone="0812-3456-7890", address="Dusun II"
        ),
        channel=Channel.DATANG_LANGSUNG,
        consent=True,
    )
    return Report(
        id=1,
        client_id="0b6d6f8e-6a55-4a4e-9d1c-1d0c8f3f0a11",
        local_ref="18.01.01.2001/2026/00012",
        state=ReportState.SENT,
        content=content,
        recorded_at=RECORDED,
        recorded_by="Siti Aminah",
        updated_at=RECORDED,
        tracking_id="LAP-2026-000123",
        remote_status=RemoteStatus.IN_PROGRESS,
        responses=(
            AgencyResponse(
                "r1",
                RECORDED + dt.timedelta(days=3),
                "Dinas PU Kab. Lampung Selatan",
                "Laporan sudah diteruskan ke bidang jalan; survei lapangan dijadwalkan minggu ini.",
            ),
        ),
    )


def receipt_png(out: Path, work: Path) -> Path:
    from PIL import Image, ImageOps

    from ui.receipt import write_receipt_pdf

    pdf = work / "receipt-58mm.pdf"
    write_receipt_pdf(
        demo_report(), SETTINGS, pdf, Paper.ROLL_58, printed_at=RECORDED + dt.timedelta(minutes=2)
    )
    subprocess.run(
        ["pdftoppm", "-r", "203", "-png", "-singlefile", str(pdf), str(work / "receipt")], check=True
    )
    page = Image.open(work / "receipt.png").convert("RGB")
    # A grey surround shows where the roll ends.
    framed = ImageOps.expand(ImageOps.expand(page, border=1, fill="#9e9e9e"), border=24, fill="#e8e8e8")
    target = out / "receipt-58mm.png"
    framed.save(target, optimize=True)
    return target


def kabari_png(out: Path) -> Path:
    from ui.citizen_message_dialog import CitizenMessageDialog

    report = demo_report()
    message = citizen_message(report, SETTINGS)
    assert message is not None
    dialog = CitizenMessageDialog(message, report.content.reporter.name)
    dialog.resize(560, 440)
    dialog.show()
    QApplication.processEvents()
    target = out / "kabari-pelapor.png"
    dialog.grab().save(str(target))
    dialog.close()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed to rasterise the receipt", file=sys.stderr)
        return 1
    app = QApplication(sys.argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for made in (receipt_png(args.out, Path(work)), kabari_png(args.out)):
            print(made)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
