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


def test_review_state_tells_where_a_desa_report_stands(offices, tmp_path):
    from lapor_desktop.app import open_app
    from lapor_desktop.domain import ReviewState
    from lapor_desktop.kecamatan.review import ReviewService

    queue_reports(offices.desa.data_dir, 3)
    paket = tmp_path / "paket.lapor"
    offices.desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    offices.kecamatan.cli("paket", "import", str(paket))
    first, second, third = (item["id"] for item in offices.kecamatan.cli("review", "list"))  # type: ignore[union-attr]
    offices.kecamatan.cli("review", "approve", str(first))
    offices.kecamatan.cli("review", "return", str(second), "--note", "Lengkapi alamat lokasi.")
    [own] = queue_reports(offices.kecamatan.data_dir, 1)
    with open_app(offices.kecamatan.data_dir) as app:
        review = ReviewService(app)
        assert review.review_state(first) is ReviewState.APPROVED
        assert review.review_state(second) is ReviewState.RETURNED
        assert review.review_state(third) is ReviewState.AWAITING
        assert review.review_state(own) is None  # the kecamatan's own report is not reviewed
