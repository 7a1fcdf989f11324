"""At the kecamatan, a desa's report is decided in the review queue only."""

from __future__ import annotations

from tests.kecamatan.conftest import queue_reports


def test_report_awaiting_review_cannot_be_queued_or_edited_directly(offices, tmp_path):
    queue_reports(offices.desa.data_dir, 2)
    paket = tmp_path / "paket.lapor"
    offices.desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    offices.kecamatan.cli("paket", "import", str(paket))
    waiting = offices.kecamatan.cli("review", "list")
    first, second = (item["id"] for item in waiting)  # type: ignore[union-attr]

    error = offices.kecamatan.cli("report", "queue", str(first), expect=2)
    assert "menunggu tinjauan" in error["message"]  # type: ignore[index]
    patch = tmp_path / "patch.json"
    patch.write_text('{"title": "Judul diubah di kecamatan"}', encoding="utf-8")
    error = offices.kecamatan.cli("report", "edit", str(first), str(patch), expect=2)
    assert "menunggu tinjauan" in error["message"]  # type: ignore[index]

    # Approving through the review queue queues it; from then on it is an ordinary queued report.
    offices.kecamatan.cli("review", "approve", str(first))
    shown = offices.kecamatan.cli("report", "show", str(first))
    assert shown["state"] == "queued"  # type: ignore[index]
    offices.kecamatan.cli("review", "return", str(second), "--note", "Lengkapi alamat lokasi.")
    error = offices.kecamatan.cli("report", "queue", str(second), expect=2)
    assert "menunggu tinjauan" in error["message"]  # type: ignore[index]
