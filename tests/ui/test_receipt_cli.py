"""`report receipt`: the window's receipt PDFs from the command line; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lapor_desktop.domain import AgencyResponse, RemoteStatus, StatusChange
from tests.support.reports import valid_content
from tests.support.ui import mark_sent

pypdf = pytest.importorskip("pypdf")
MM_PER_PT = 25.4 / 72
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def report_id(app) -> int:  # type: ignore[no-untyped-def]
    return app.reports.create(valid_content(), queue=True).id


@pytest.mark.parametrize(("paper", "width"), [("a4", 210), ("a5", 148), ("80mm", 80), ("58mm", 58)])
def test_receipt_on_each_paper(qapp, cli, report_id, tmp_path, paper, width) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"tt-{paper}.pdf"
    result = cli("report", "receipt", str(report_id), "--paper", paper, "--out", str(out))
    assert result["paper"] == paper and result["pages"] == 1 and result["document"] == "receipt"
    assert result["width_mm"] == pytest.approx(width, abs=0.1)
    reader = pypdf.PdfReader(str(out))
    assert float(reader.pages[0].mediabox.width) * MM_PER_PT == pytest.approx(width, abs=0.5)
    text = " ".join(reader.pages[0].extract_text().split())
    assert result["local_ref"] in text and "WIB" in text


def test_the_agency_answer(qapp, cli, app, report_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    at = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
    mark_sent(
        app,
        report_id,
        tracking_id="LAP-2026-000123",
        received_at=at,
        statuses=(StatusChange(RemoteStatus.COMPLETED, at),),
        responses=(AgencyResponse("r1", at, "Dinas PU", "Perbaikan selesai."),),
    )
    out = tmp_path / "jawaban.pdf"
    result = cli("report", "receipt", str(report_id), "--answer", "--paper", "58mm", "--out", str(out))
    assert result["document"] == "answer"
    text = " ".join(pypdf.PdfReader(str(out)).pages[0].extract_text().split())
    assert "JAWABAN INSTANSI" in text and "Perbaikan selesai." in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99"], "Laporan 99 tidak ditemukan."),
        (["abc"], "ID laporan harus berupa angka"),
        (["{id}", "--paper", "letter"], "Ukuran kertas tidak dikenal"),
        (["{id}", "--answer"], "belum punya jawaban instansi"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(qapp, cli, report_id, out_dir, args, message) -> None:  # type: ignore[no-untyped-def]
    out = out_dir / "x.pdf"
    filled = [a.replace("{id}", str(report_id)) for a in args]
    error = cli("report", "receipt", *filled, "--out", str(out), expect=2)
    assert message in error["message"]
    assert list(out_dir.iterdir()) == []


def test_an_unwritable_out_exits_2(qapp, cli, report_id, out_dir) -> None:  # type: ignore[no-untyped-def]
    missing = out_dir / "tidak-ada" / "x.pdf"
    assert (
        "Folder tujuan tidak ada"
        in cli("report", "receipt", str(report_id), "--out", str(missing), expect=2)["message"]
    )
    assert (
        "bukan berkas" in cli("report", "receipt", str(report_id), "--out", str(out_dir), expect=2)["message"]
    )
    blocker = out_dir / "berkas"
    blocker.write_text("x")
    error = cli("report", "receipt", str(report_id), "--out", str(blocker / "x.pdf"), expect=2)
    assert "Folder tujuan tidak ada" in error["message"]
    assert sorted(p.name for p in out_dir.iterdir()) == ["berkas"]


def test_an_existing_file_is_replaced_whole(qapp, cli, report_id, out_dir) -> None:  # type: ignore[no-untyped-def]
    out = out_dir / "tt.pdf"
    out.write_bytes(b"old")
    cli("report", "receipt", str(report_id), "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out_dir.iterdir()] == ["tt.pdf"]  # no temporary file left behind


def test_runs_without_a_display(office_dir, report_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A fresh process with no display and no Qt platform set: the command makes its own offscreen app."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "tt.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "lapor_desktop", "--data-dir", str(office_dir), "report", "receipt",
         str(report_id), "--paper", "58mm", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["width_mm"] == pytest.approx(58, abs=0.1)
    assert "DESA WAY HUWI" in " ".join(pypdf.PdfReader(str(out)).pages[0].extract_text().split())
