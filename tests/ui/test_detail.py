"""The report detail page: fields, timeline, the server's reasons for a fix."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.domain import AgencyResponse, RemoteStatus, StatusChange
from tests.support.reports import VALID_NIK, valid_content
from tests.support.ui import mark_needs_fix, mark_sent
from ui.report_detail import ReportDetailPage
from ui.sync_worker import SYNC_CHANGES
from ui.timeline import EntryKind, timeline_entries

# Later than the reports these tests record "now".
T0 = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    detail = ReportDetailPage(services)
    qtbot.addWidget(detail)
    detail.resize(1100, 800)
    detail.show()
    return detail


def _sent_report(services):  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    mark_sent(
        app,
        report.id,
        tracking_id="LAP-2026-000123",
        received_at=T0 + dt.timedelta(hours=1),
        statuses=(
            StatusChange(RemoteStatus.PENDING_VERIFICATION, T0 + dt.timedelta(hours=1)),
            StatusChange(RemoteStatus.IN_PROGRESS, T0 + dt.timedelta(days=2)),
        ),
        responses=(
            AgencyResponse(
                "r1",
                T0 + dt.timedelta(days=3),
                "Dinas PU Kab. Lampung Selatan",
                "Perbaikan dijadwalkan minggu depan.",
            ),
        ),
    )
    return report


def test_timeline_shows_recorded_queued_sent_statuses_and_responses(qtbot, page, services) -> None:  # type: ignore[no-untyped-def]
    report = _sent_report(services)
    page.show_report(report.id)
    entries = page.timeline.entries()
    kinds = [entry.kind for entry in entries]
    assert kinds == [
        EntryKind.RECORDED,
        EntryKind.QUEUED,
        EntryKind.SENT,
        EntryKind.STATUS,
        EntryKind.STATUS,
        EntryKind.RESPONSE,
    ]
    assert [entry.at for entry in entries] == sorted(entry.at for entry in entries)  # newest at the bottom
    sent = entries[2]
    assert "LAP-2026-000123" in sent.text
    assert "Sedang ditindaklanjuti" in entries[4].title
    assert entries[5].title == "Tanggapan dari Dinas PU Kab. Lampung Selatan"
    assert entries[5].text == "Perbaikan dijadwalkan minggu depan."
    # What the operator sees, not only the model.
    assert page.timeline._views[5].text.text() == "Perbaikan dijadwalkan minggu depan."
    qtbot.waitUntil(page.timeline._views[5].isVisible)


def test_fields_are_shown_with_the_nik_masked_until_revealed(qtbot, page, services) -> None:  # type: ignore[no-untyped-def]
    report = _sent_report(services)
    page.show_report(report.id)
    assert page._value("title").text() == "Jalan desa rusak parah"
    assert page._value("category_code").text() == "Pembangunan dan Infrastruktur › Infrastruktur"
    assert page._value("tracking_id").text() == "LAP-2026-000123"
    assert page._value("remote_status").text() == "Sedang ditindaklanjuti"
    assert page._value("reporter.nik").text() == "1801********0001"
    qtbot.mouseClick(page.reveal_nik, Qt.MouseButton.LeftButton)
    assert page._value("reporter.nik").text() == VALID_NIK
    assert page.print_responses_button.isEnabled()
    assert page.state_chip.text() == "Terkirim"
    assert not page.fix_banner.isVisible()


def test_a_report_without_responses_cannot_print_answers(page, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(valid_content(anonymous=True))
    page.show_report(report.id)
    assert page.print_receipt_button.isEnabled()
    assert not page.print_responses_button.isEnabled()
    assert not page.pdf_responses_button.isEnabled()
    assert page.reporter_note.isVisible()
    assert page.edit_button.isVisible()
    assert "Belum ada" in page._value("tracking_id").text()


def test_needs_fix_shows_reasons_next_to_fields_and_perbaiki_asks_to_edit(qtbot, page, services) -> None:  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    mark_needs_fix(
        app,
        report.id,
        {
            "title": "Judul terlalu umum.",
            "location.latitude": "Koordinat di luar wilayah desa.",
            "attachments.0.filename": "Nama berkas tidak sah.",
            "server.only": "Alasan lain dari server.",
        },
        "Periksa judul dan koordinat.",
    )
    page.show_report(report.id)
    assert page._error("title").text() == "Judul terlalu umum."
    assert page._error("title").isVisible()
    assert "Koordinat di luar wilayah desa." in page._error("location.coordinates").text()
    assert "Lampiran ke-1" in page._error("attachments").text()
    assert page.fix_banner.isVisible()
    assert "Periksa judul dan koordinat." in page.fix_text.text()
    assert "Alasan lain dari server." in page.fix_text.text()
    assert page.timeline.entries()[-1].kind is EntryKind.NEEDS_FIX
    with qtbot.waitSignal(page.edit_requested) as requested:
        qtbot.mouseClick(page.fix_button, Qt.MouseButton.LeftButton)
    assert requested.args == [report.id]


def test_back_button_and_escape(qtbot, page, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(valid_content())
    page.show_report(report.id)
    with qtbot.waitSignal(page.back_requested):
        qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)


def test_page_refreshes_when_a_sync_brings_news(page, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(valid_content(), queue=True)
    page.show_report(report.id)
    assert page.state_chip.text() == "Menunggu dikirim"
    mark_sent(services.app(), report.id, tracking_id="LAP-9", received_at=T0)
    services.notify(SYNC_CHANGES)
    assert page.state_chip.text() == "Terkirim"
    assert page._value("tracking_id").text() == "LAP-9"


def test_a_missing_report_says_so(page) -> None:  # type: ignore[no-untyped-def]
    page.show_report(999)
    assert page.heading.text() == "Laporan tidak dapat dibuka"
    assert "999" in page.message.text()


def test_sent_entry_comes_from_the_report_when_the_audit_has_none(services) -> None:  # type: ignore[no-untyped-def]
    report = _sent_report(services)
    stored = services.app().reports.get(report.id)
    entries = timeline_entries(stored, [])
    assert [e.kind for e in entries].count(EntryKind.SENT) == 1


def test_attachments_show_as_thumbnails_that_a_reload_keeps(qtbot, page, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.images import write_pdf, write_plain_jpeg

    app = services.app()
    photo = app.reports.import_attachment(write_plain_jpeg(tmp_path / "jalan.jpg", (1200, 900)))
    pdf = app.reports.import_attachment(write_pdf(tmp_path / "surat.pdf", pages=1))
    report = app.reports.create(valid_content(attachments=(photo, pdf)), queue=False)
    page.show_report(report.id)
    tiles = page.attachment_tiles
    assert [tile.ref.filename for tile in tiles] == ["jalan.jpg", "surat.pdf"]
    assert all(tile.remove_button is None for tile in tiles)  # the detail only shows them
    qtbot.waitUntil(lambda: all(tile.has_thumbnail() for tile in tiles))
    thumbnail = tiles[0].thumbnail.pixmap()
    assert max(thumbnail.width(), thumbnail.height()) == 96
    assert "jalan.jpg" in page._value("attachments").text()

    page.show_report(report.id)  # a sync brought news: same files, same tiles
    assert page.attachment_tiles == tiles
    other = app.reports.create(valid_content(title="Lampu jalan padam"), queue=False)
    page.show_report(other.id)
    assert page.attachment_tiles == []


def test_server_times_in_the_same_second_still_follow_the_recording(services) -> None:  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    same_second = report.recorded_at.replace(microsecond=0)  # how the server writes times
    mark_sent(
        app,
        report.id,
        tracking_id="LAP-2026-000124",
        received_at=same_second,
        statuses=(StatusChange(RemoteStatus.PENDING_VERIFICATION, same_second),),
        responses=(AgencyResponse("r9", same_second, "Dinas PU", "Sudah kami terima."),),
    )
    entries = timeline_entries(app.reports.get(report.id), app.reports.audit_trail(report.id))
    assert [entry.kind for entry in entries] == [
        EntryKind.RECORDED,
        EntryKind.QUEUED,
        EntryKind.SENT,
        EntryKind.STATUS,
        EntryKind.RESPONSE,
    ]


def test_a_queued_report_is_taken_back_to_draft_from_its_detail(qtbot, page, services) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop.domain import ReportState

    report = services.app().reports.create(valid_content(), queue=True)
    page.show_report(report.id)
    assert page.unqueue_button.isVisibleTo(page) and page.edit_button.isHidden()
    qtbot.mouseClick(page.unqueue_button, Qt.MouseButton.LeftButton)
    assert services.app().reports.get(report.id).state is ReportState.DRAFT
    assert page.state_chip.text() == "Draf"
    assert page.unqueue_button.isHidden() and page.edit_button.isVisibleTo(page)
    assert page.timeline.entries()[-1].kind is EntryKind.UNQUEUED

    sent = _sent_report(services)  # once on the wire, it cannot be taken back: no button
    page.show_report(sent.id)
    assert page.unqueue_button.isHidden()
