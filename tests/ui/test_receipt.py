"""Receipts as PDF: the citizen's paper carries what they need and no more."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lapor_desktop.domain import AgencyResponse, RemoteStatus, ReportState
from lapor_desktop.reports.excerpt import excerpt
from tests.support.reports import RECORDED_AT, VALID_NIK, desa_settings, stored_report, valid_content
from ui.receipt import (
    default_pdf_name,
    mask_nik,
    write_receipt_pdf,
    write_responses_pdf,
)

pypdf = pytest.importorskip("pypdf")

SETTINGS = desa_settings()
NOW = RECORDED_AT


def _text(path: Path) -> str:
    """The PDF's text with runs of whitespace made single spaces (Qt places words individually)."""
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_receipt_of_a_queuedstored_report(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "tanda-terima.pdf"
    write_receipt_pdf(stored_report(), SETTINGS, path)
    assert path.read_bytes().startswith(b"%PDF-")
    text = _text(path)
    assert "DESA WAY HUWI" in text
    assert "18.01.01.2001" in text
    assert "18.01.01.2001/2026/00012" in text
    assert "Jalan desa rusak parah" in text
    assert "Pengaduan" in text
    assert "Datang langsung" in text
    assert "Siti Aminah" in text
    assert "Nomor pelacakan LAPOR! akan diberikan setelah laporan terkirim; tanyakan ke kantor desa" in text
    # Not anonymous: the name, and the NIK only partially.
    assert "Budi Santoso" in text
    assert "1801********0001" in text
    assert VALID_NIK not in text.replace(" ", "")


def test_receipt_with_the_tracking_number(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.pdf"
    write_receipt_pdf(stored_report(state=ReportState.SENT, tracking_id="LAP-2026-000123"), SETTINGS, path)
    text = _text(path)
    assert "LAP-2026-000123" in text
    assert "Pantau di lapor.go.id dengan nomor pelacakan LAP-2026-000123" in text
    assert "akan diberikan setelah" not in text


def test_anonymous_receipt_has_no_personal_data(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "anon.pdf"
    write_receipt_pdf(stored_report(content=valid_content(anonymous=True)), SETTINGS, path)
    text = _text(path)
    compact = text.replace(" ", "")
    assert "Budi Santoso" not in text
    assert VALID_NIK not in compact and "1801********0001" not in compact
    assert "081234567890" not in compact
    assert "anonim" in text.lower()
    assert "18.01.01.2001/2026/00012" in text


def test_summary_is_cut_near_300_characters(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = "Saluran irigasi tersumbat sampah dan lumpur. " * 20
    path = tmp_path / "long.pdf"
    write_receipt_pdf(stored_report(content=valid_content(body=body)), SETTINGS, path)
    summary = excerpt(body, 300)
    assert len(summary) <= 300 and summary.endswith("…")
    assert _text(path).count("Saluran irigasi") < 20


def test_responses_document(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = stored_report(
        state=ReportState.SENT,
        tracking_id="LAP-2026-000123",
        remote_status=RemoteStatus.COMPLETED,
        responses=(
            AgencyResponse(
                "r1", NOW + dt.timedelta(days=2), "Dinas PU", "Jalan akan diperbaiki bulan depan."
            ),
            AgencyResponse("r2", NOW + dt.timedelta(days=9), "Dinas PU", "Perbaikan selesai dikerjakan."),
        ),
    )
    path = tmp_path / "jawaban.pdf"
    write_responses_pdf(report, SETTINGS, path)
    text = _text(path)
    assert "JAWABAN INSTANSI" in text
    assert "LAP-2026-000123" in text
    assert text.index("Jalan akan diperbaiki bulan depan.") < text.index("Perbaikan selesai dikerjakan.")
    assert "Selesai" in text
    assert "Budi Santoso" in text


def test_responses_document_of_an_anonymousstored_report(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = stored_report(content=valid_content(anonymous=True), tracking_id="LAP-1")
    path = tmp_path / "jawaban.pdf"
    write_responses_pdf(report, SETTINGS, path)
    text = _text(path)
    assert "Budi Santoso" not in text
    assert "Belum ada tanggapan" in text


def test_receipt_renders_to_an_image(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Page 1 rasterises (pdftoppm, when installed) into a portrait A4 page with ink on it."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    from PySide6.QtGui import QImage

    path = tmp_path / "r.pdf"
    write_receipt_pdf(stored_report(tracking_id="LAP-2026-000123"), SETTINGS, path)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    [png] = list(tmp_path.glob("page*.png"))
    image = QImage(str(png))
    assert image.height() / image.width() == pytest.approx(297 / 210, rel=0.02)
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 50


def test_mask_nik_and_file_names() -> None:
    assert mask_nik(VALID_NIK) == "1801********0001"
    assert mask_nik(None) == ""
    assert mask_nik("1234") == "****"
    assert default_pdf_name(stored_report(), "tanda-terima") == "tanda-terima-18.01.01.2001-2026-00012.pdf"
