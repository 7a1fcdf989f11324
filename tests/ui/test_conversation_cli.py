"""`report tanggapan`: the printed conversation from the command line; bad input writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from lapor_desktop.domain import AgencyResponse, RemoteStatus, StatusChange
from tests.support.pdf import MM_PER_PT, pdf_text, pypdf
from tests.support.reports import valid_content
from tests.support.ui import mark_sent

AT = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def queued_id(app) -> int:  # type: ignore[no-untyped-def]
    return app.reports.create(valid_content(), queue=True).id


@pytest.fixture
def answered_id(app, queued_id) -> int:  # type: ignore[no-untyped-def]
    mark_sent(
        app,
        queued_id,
        tracking_id="LAP-2026-000123",
        received_at=AT,
        statuses=(
            StatusChange(RemoteStatus.PENDING_VERIFICATION, AT),
            StatusChange(RemoteStatus.IN_PROGRESS, AT),
        ),
        responses=(AgencyResponse("r1", AT, "Dinas PU", "Tim akan meninjau lokasi pekan ini."),),
    )
    app.replies.record(queued_id, "Jalan makin parah setelah hujan semalam.", recorded_by="Siti Aminah")
    return queued_id


@pytest.mark.parametrize(("paper", "width"), [("a4", 210), ("80mm", 80), ("58mm", 58)])
def test_tanggapan_on_each_paper(qapp, cli, answered_id, out_dir, paper, width) -> None:  # type: ignore[no-untyped-def]
    out = out_dir / f"tanggapan-{paper}.pdf"
    result = cli("report", "tanggapan", str(answered_id), "--paper", paper, "--out", str(out))
    assert result["document"] == "tanggapan" and result["paper"] == paper
    assert result["width_mm"] == pytest.approx(width, abs=0.1)
    reader = pypdf.PdfReader(str(out))
    assert float(reader.pages[0].mediabox.width) * MM_PER_PT == pytest.approx(width, abs=0.5)
    text = pdf_text(out)
    for part in (
        "TANGGAPAN ATAS LAPORAN",
        result["local_ref"],
        "LAP-2026-000123",
        "Tim akan meninjau lokasi pekan ini.",
        "Jalan makin parah setelah hujan semalam.",
        "Menunggu dikirim",
        "Sedang ditindaklanjuti",
    ):
        assert part in text, part
    assert text.index("Tim akan meninjau") < text.index("Jalan makin parah")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99"], "Laporan 99 tidak ditemukan."),
        (["abc"], "ID laporan harus berupa angka"),
        (["{id}", "--paper", "letter"], "Ukuran kertas tidak dikenal"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(qapp, cli, answered_id, out_dir, args, message) -> None:  # type: ignore[no-untyped-def]
    out = out_dir / "x.pdf"
    filled = [a.replace("{id}", str(answered_id)) for a in args]
    error = cli("report", "tanggapan", *filled, "--out", str(out), expect=2)
    assert message in error["message"]
    assert list(out_dir.iterdir()) == []


def test_a_report_not_sent_yet_has_no_tanggapan(qapp, cli, queued_id, out_dir) -> None:  # type: ignore[no-untyped-def]
    error = cli("report", "tanggapan", str(queued_id), "--out", str(out_dir / "x.pdf"), expect=2)
    assert "belum terkirim ke LAPOR!" in error["message"] and "report receipt" in error["message"]
    assert list(out_dir.iterdir()) == []


def test_a_folder_as_out_exits_2(qapp, cli, answered_id, out_dir) -> None:  # type: ignore[no-untyped-def]
    error = cli("report", "tanggapan", str(answered_id), "--out", str(out_dir), expect=2)
    assert "bukan berkas" in error["message"]
