"""Receipts on every paper a desa has: the page's width, the text, nothing off the page, a QR that scans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lapor_desktop.domain import AgencyResponse, RemoteStatus, Report, ReportState
from lapor_desktop.offices.settings import Office, OfficeKind, Paper
from tests.support.pdf import MM_PER_PT
from tests.support.pdf import assert_inside as _assert_inside
from tests.support.pdf import pdf_text as _text
from tests.support.reports import RECORDED_AT, desa_settings, stored_report, valid_content
from ui.document_render import SPECS, lay_out
from ui.receipt import receipt_document, write_receipt_pdf, write_responses_pdf

pypdf = pytest.importorskip("pypdf")

SETTINGS = desa_settings()
NOW = RECORDED_AT  # 10.15 WIB, 11.15 WITA
PAPER_WIDTH_MM = {Paper.A4: 210, Paper.A5: 148, Paper.ROLL_80: 80, Paper.ROLL_58: 58}
LONG_WORD = "Pembangunanjembatanpenghubungantardusunyangterputussejakbanjirbandang2025"


def _sent(**changes: object) -> Report:
    sent = stored_report(
        state=ReportState.SENT,
        tracking_id="LAP-2026-000123",
        remote_status=RemoteStatus.IN_PROGRESS,
        responses=(
            AgencyResponse("r1", NOW + dt.timedelta(days=2), "Dinas PU", "Jalan diperbaiki bulan depan."),
        ),
    )
    return dataclasses.replace(sent, **changes)


def _long_report() -> Report:
    """Everything a citizen or an office may make long, in one report."""
    reporter = dataclasses.replace(
        valid_content().reporter,
        name="Raden Ajeng Siti Nurhaliza Kusumawardhani binti Haji Abdurrahman",
        address=f"Dusun Sukamaju Makmur RT 003/RW 001, {LONG_WORD}",
    )
    content = valid_content(
        title=f"Jembatan putus: {LONG_WORD}", body=(LONG_WORD + " ") * 8, reporter=reporter
    )
    return _sent(content=content, recorded_by="Muhammad Fadhlurrahman Al-Khawarizmi Siregar")


@pytest.mark.parametrize("paper", list(Paper))
def test_receipt_on_each_paper(qapp, tmp_path, paper: Paper) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"receipt-{paper.value}.pdf"
    rendered = write_receipt_pdf(_sent(), SETTINGS, path, paper)
    reader = pypdf.PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert float(box.width) * MM_PER_PT == pytest.approx(PAPER_WIDTH_MM[paper], abs=0.5)
    assert rendered.width_mm == pytest.approx(PAPER_WIDTH_MM[paper], abs=0.1)
    assert len(reader.pages) == 1
    if SPECS[paper].height_mm is None:
        # A roll as long as the receipt, not a sheet's length of blank paper.
        assert 150 < float(box.height) * MM_PER_PT < 330
    else:
        assert float(box.height) * MM_PER_PT == pytest.approx(SPECS[paper].height_mm, abs=0.5)
    text = _text(path)
    assert "18.01.01.2001/2026/00012" in text
    assert "LAP-2026-000123" in text
    assert "29 November 2026 pukul 10.15 WIB" in text
    assert "DESA WAY HUWI" in text and "Budi Santoso" in text
    _assert_inside(path, paper)


@pytest.mark.parametrize("paper", [Paper.ROLL_58, Paper.ROLL_80, Paper.A5])
def test_nothing_clipped_when_everything_is_long(qapp, tmp_path, paper: Paper) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "long.pdf"
    settings = dataclasses.replace(
        SETTINGS,
        office=Office(OfficeKind.DESA, "Desa Sukamaju Makmur Sejahtera Tanjung Bintang", "18.01.01.2001"),
    )
    write_receipt_pdf(_long_report(), settings, path, paper)
    _assert_inside(path, paper)
    compact = _text(path).replace(" ", "")
    for part in ("18.01.01.2001/2026/00012", LONG_WORD, "binti", "Al-Khawarizmi", "LAP-2026-000123"):
        assert part in compact, part
    # The layout itself never grows wider than the paper's printable width.
    from PySide6.QtGui import QPdfWriter

    writer = QPdfWriter(str(tmp_path / "measure.pdf"))
    writer.setResolution(300)
    laid_out = lay_out(receipt_document(_long_report(), settings, paper), paper, writer)
    assert laid_out.size().width() <= writer.width() + 0.5


def test_the_agency_answer_on_a_58_mm_roll(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "jawaban.pdf"
    write_responses_pdf(_sent(), SETTINGS, path, Paper.ROLL_58)
    box = pypdf.PdfReader(str(path)).pages[0].mediabox
    assert float(box.width) * MM_PER_PT == pytest.approx(58, abs=0.5)
    text = _text(path)
    assert "JAWABAN INSTANSI" in text and "Jalan diperbaiki bulan depan." in text
    assert "1 Desember 2026 pukul 10.15 WIB" in text
    _assert_inside(path, Paper.ROLL_58)


def test_a_very_long_answer_on_a_roll_is_cut_into_pages(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """PDF pages stop at 200 inches; a roll's document longer than 2 m is split, nothing lost."""
    responses = tuple(
        AgencyResponse(f"r{i}", NOW + dt.timedelta(hours=i), "Dinas PU", f"Tanggapan nomor {i}. " * 6)
        for i in range(160)
    )
    path = tmp_path / "long.pdf"
    rendered = write_responses_pdf(_sent(responses=responses), SETTINGS, path, Paper.ROLL_58)
    reader = pypdf.PdfReader(str(path))
    assert rendered.pages == len(reader.pages) > 1
    assert all(float(page.mediabox.height) * MM_PER_PT <= 2000.5 for page in reader.pages)
    text = _text(path)
    assert "Tanggapan nomor 0." in text and "Tanggapan nomor 159." in text


def test_time_is_on_the_offices_clock(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    makassar = dataclasses.replace(SETTINGS, office=Office(OfficeKind.DESA, "Desa Bontoa", "73.71.01.1001"))
    path = tmp_path / "wita.pdf"
    write_receipt_pdf(stored_report(local_ref="73.71.01.1001/2026/00001"), makassar, path, Paper.ROLL_80)
    text = _text(path)
    assert "29 November 2026 pukul 11.15 WITA" in text
    assert "UTC" not in text


def test_no_double_punctuation_after_lapor(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for report in (stored_report(), _sent()):
        for writer in (write_receipt_pdf, write_responses_pdf):
            path = tmp_path / "p.pdf"
            writer(report, SETTINGS, path, Paper.A4)
            text = _text(path)
            assert not re.search(r"LAPOR![.:,;]", text), text


def _decode_qr(pdf: Path, tmp_path: Path) -> str:
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg (zbar-tools) or pdftoppm (poppler-utils) not installed")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "qr")], check=True
    )
    [png] = list(tmp_path.glob("qr*.png"))
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
    )
    return result.stdout.rstrip("\n")


@pytest.mark.parametrize("paper", [Paper.ROLL_58, Paper.A4])
def test_the_qr_code_scans_to_the_number_and_link(qapp, tmp_path, paper: Paper) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sent.pdf"
    write_receipt_pdf(_sent(), SETTINGS, path, paper)
    assert _decode_qr(path, tmp_path) == (
        "Nomor laporan 18.01.01.2001/2026/00012\nhttps://www.lapor.go.id/laporan/detil/LAP-2026-000123"
    )


def test_before_sending_the_qr_code_has_the_number_only(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "queued.pdf"
    write_receipt_pdf(stored_report(), SETTINGS, path, Paper.ROLL_58)
    assert _decode_qr(path, tmp_path) == "Nomor laporan 18.01.01.2001/2026/00012"


def test_the_office_paper_is_the_default(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "default.pdf"
    rendered = write_receipt_pdf(stored_report(), dataclasses.replace(SETTINGS, paper=Paper.ROLL_80), path)
    assert rendered.width_mm == pytest.approx(80, abs=0.1)
