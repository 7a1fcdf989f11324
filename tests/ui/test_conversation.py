"""The detail page of a report LAPOR! put on hold: its question up front, the handling agency and
the step's due date, *Catat tanggapan pelapor* and the replies with where they stand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.domain import (
    AgencyRef,
    AgencyResponse,
    RemoteStatus,
    ReplyState,
    ResponseRole,
    StatusChange,
)
from tests.support.reports import valid_content
from tests.support.ui import mark_sent
from ui.changes import REPLIES
from ui.timeline import EntryKind

T0 = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)  # after the reports these tests record
QUESTION = "Mohon lampirkan foto lokasi jalan yang rusak dan sebutkan RT-nya."
DPUPR = AgencyRef("18.01-DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lampung Selatan")


def on_hold_report(services, *, due_at: dt.datetime | None = None) -> int:  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    # LAPOR! answers within the second the report was recorded (as fast as a test runs); the server
    # writes whole seconds.
    T0 = report.recorded_at.replace(microsecond=0)
    mark_sent(
        app,
        report.id,
        tracking_id=f"LAP-2026-{report.id:06d}",
        received_at=T0,
        statuses=(
            StatusChange(RemoteStatus.PENDING_VERIFICATION, T0),
            StatusChange(RemoteStatus.ON_HOLD, T0),
        ),
        responses=(AgencyResponse("q1", T0, "Admin LAPOR!", QUESTION, role=ResponseRole.LAPOR_ADMIN),),
        agency=DPUPR,
        due_at=due_at or T0 + dt.timedelta(days=5),
    )
    return report.id


def test_the_question_is_shown_up_front_with_the_agency_and_due_date(detail_page, services) -> None:  # type: ignore[no-untyped-def]
    due = dt.datetime(2030, 1, 7, 9, 0, tzinfo=dt.UTC)
    detail_page.show_report(on_hold_report(services, due_at=due))
    assert detail_page.hold_banner.isVisible()
    assert detail_page.hold_text.text() == f"LAPOR! meminta keterangan tambahan: {QUESTION}"
    assert detail_page.hold_reply_button.isVisible()
    assert detail_page._value("remote_status").text() == "Ditunda"
    assert detail_page._value("agency").text() == DPUPR.name
    assert detail_page._value("due_at").text() == "07-01-2030 16.00 WIB"  # the office's clock
    assert detail_page._value("agency_code").text() == "Tidak dipilih"
    kinds = [entry.kind for entry in detail_page.timeline.entries()]
    assert kinds[-2:] == [EntryKind.STATUS, EntryKind.QUESTION]
    newest_status = [e for e in detail_page.timeline.entries() if e.kind is EntryKind.STATUS][-1]
    assert f"Ditangani: {DPUPR.name}" in newest_status.text
    assert "Tenggat tahap ini: 07-01-2030 16.00 WIB" in newest_status.text


def test_a_past_due_date_is_marked(detail_page, services) -> None:  # type: ignore[no-untyped-def]
    detail_page.show_report(on_hold_report(services, due_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1)))
    assert detail_page._value("due_at").text().endswith("(lewat tenggat)")


def test_a_reply_is_recorded_in_the_dialog_and_waits_in_the_timeline(
    qtbot, detail_page, services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.support.images import write_plain_jpeg

    report_id = on_hold_report(services)
    detail_page.show_report(report_id)
    qtbot.mouseClick(detail_page.hold_reply_button, Qt.MouseButton.LeftButton)
    from ui.reply_dialog import ReplyDialog

    dialog = detail_page.findChild(ReplyDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.context.text() == f"LAPOR! meminta keterangan tambahan: {QUESTION}"
    qtbot.keyClicks(dialog.text_edit, "Oke")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused by the core's rule, nothing stored
    assert "minimal 5 karakter" in dialog.text_error.text()
    assert services.app().replies.for_report(report_id) == ()
    dialog.text_edit.clear()
    qtbot.keyClicks(dialog.text_edit, "Lokasinya di RT 03, depan masjid. Foto terlampir.")
    dialog.add_files([write_plain_jpeg(tmp_path / "lokasi.jpg", (800, 600))])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.saved is not None and dialog.saved.state is ReplyState.QUEUED
    replies = services.app().replies.for_report(report_id)
    assert [r.attachments[0].filename for r in replies] == ["lokasi.jpg"]
    # The page reloaded on the change: the reply is in the conversation, waiting.
    entries = detail_page.timeline.entries()
    assert entries[-1].kind is EntryKind.REPLY
    assert "Menunggu dikirim" in entries[-1].title
    assert "Lokasinya di RT 03" in entries[-1].text
    assert not detail_page.hold_reply_button.isVisible()  # answered; the banner still says what was asked
    assert "sudah dicatat" in detail_page.hold_text.text()


def test_a_refused_reply_shows_why_and_a_waiting_one_its_note(detail_page, services) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop.storage.schema import ReplyRow

    report_id = on_hold_report(services)
    app = services.app()
    refused = app.replies.record(report_id, "Jalan masih rusak sampai sekarang.")
    waiting = app.replies.record(report_id, "Sudah kami foto, menyusul.")
    with app.db.transaction() as session:
        row = session.get(ReplyRow, refused.id)
        row.state = ReplyState.REFUSED.value
        row.refusal = "Laporan sudah ditutup."
        other = session.get(ReplyRow, waiting.id)
        other.waiting_note = "Server LAPOR! ini belum menerima tanggapan pelapor (API 1.0)."
    detail_page.show_report(report_id)
    views = {view.entry.text: view for view in detail_page.timeline._views}
    refused_view = views["Jalan masih rusak sampai sekarang."]
    assert "Ditolak" in refused_view.entry.title
    assert refused_view.note.text() == "Alasan penolakan: Laporan sudah ditutup."
    assert not refused_view.note.isHidden()
    assert views["Sudah kami foto, menyusul."].note.text().startswith("Server LAPOR! ini belum menerima")


@pytest.mark.parametrize("status", [RemoteStatus.REJECTED, RemoteStatus.ARCHIVED])
def test_a_closed_report_takes_no_reply(detail_page, services, status) -> None:  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    mark_sent(
        app, report.id, tracking_id="LAP-2026-000201", received_at=T0, statuses=(StatusChange(status, T0),)
    )
    detail_page.show_report(report.id)
    assert not detail_page.reply_button.isEnabled()
    assert not detail_page.hold_banner.isVisible()
    assert detail_page.record_reply() is None


def test_a_draft_takes_no_reply(detail_page, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(valid_content())
    detail_page.show_report(report.id)
    assert not detail_page.reply_button.isEnabled()


def test_cetak_tanggapan_opens_the_printed_conversation(qtbot, detail_page, services) -> None:  # type: ignore[no-untyped-def]
    from ui.document_actions import ConversationPrintDialog

    report_id = on_hold_report(services)
    services.app().replies.record(report_id, "Lokasinya di RT 03, depan masjid.")
    detail_page.show_report(report_id)
    assert detail_page.print_conversation_button.isEnabled()
    qtbot.mouseClick(detail_page.print_conversation_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail_page.findChild(ConversationPrintDialog) is not None)
    dialog = detail_page.findChild(ConversationPrintDialog)
    assert dialog.isVisible()
    dialog.reject()


def test_the_list_filters_ditunda_and_lewat_tenggat_and_shows_the_path(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from ui.report_table_model import COL_CATEGORY, COL_REMOTE
    from ui.reports_page import ListKind, ReportsPage

    held = on_hold_report(services, due_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=3))
    late = on_hold_report(services, due_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    services.app().reports.create(valid_content(title="Draf yang belum dikirim"))
    page = ReportsPage(services, ListKind.ALL)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    page.remote_box.setCurrentIndex(page.remote_box.findText("Ditunda"))
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert model.row_of(held) is not None and model.row_of(late) is not None
    page.remote_box.setCurrentIndex(page.remote_box.findText("Lewat tenggat"))
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.row_of(late) == 0
    assert model.data(model.index(0, COL_CATEGORY)) == "Pembangunan dan Infrastruktur › Infrastruktur"
    tip = model.data(model.index(0, COL_REMOTE), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Ditangani: {DPUPR.name}\nTenggat tahap ini: ")


def test_the_outbox_count_tells_of_questions_waiting(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.navigation import Place

    report_id = on_hold_report(services)
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "?1" in window.navigation.item_text(Place.OUTBOX))
    assert "1 pertanyaan LAPOR! menunggu jawaban pelapor" in window.status.waiting_label.text()
    services.run(lambda app: app.replies.record(report_id, "Lokasinya di RT 03."), changes=REPLIES)
    qtbot.waitUntil(lambda: "?" not in window.navigation.item_text(Place.OUTBOX))
    assert "pertanyaan" not in window.status.waiting_label.text()
