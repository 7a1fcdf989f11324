"""The conversation end to end in the window, against the training server on 127.0.0.1: LAPOR! puts
a report on hold with a question, the office records the citizen's reply while offline, the next
*Kirim sekarang* sends it and the report is back to pending verification, all in the timeline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from lapor_desktop.domain import RemoteStatus, ReplyState, ReportState
from lapor_desktop.offices.settings import update_settings
from lapor_desktop.offices.token_store import save_token
from sync.training_server import add_token, hold_report, start_in_thread
from tests.support.reports import valid_content
from ui.changes import Changes
from ui.main_window import MainWindow
from ui.navigation import Place
from ui.timeline import EntryKind

QUESTION = "Mohon sebutkan RT dan patokan lokasi jalan yang rusak."
REPLY = "Lokasinya di RT 03, di depan masjid Al-Ikhlas, lubangnya dua."


def _sync(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as blocker:
        window.send_now()
    qtbot.waitUntil(lambda: not window.sync.is_running)
    return blocker.args[0]


def test_on_hold_reply_offline_then_sync_back_to_pending_verification(
    qtbot, services, office_dir: Path, tmp_path: Path
) -> None:
    server_dir = tmp_path / "training-server"
    token = add_token(server_dir, "Desa Way Huwi")
    created: list[int] = []
    services.run(
        lambda app: app.reports.create(valid_content(), queue=True).id,
        created.append,
        changes=Changes.of_reports((ReportState.QUEUED,)),
    )
    report_id = created[0]
    with start_in_thread(server_dir) as server:
        update_settings(office_dir, server_url=server.base_url, training=True)
        save_token(office_dir, token)
        window = MainWindow(services, auto_sync_ms=None)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert _sync(qtbot, window).sent == 1
        tracking_id = services.app().reports.get(report_id).tracking_id
        hold_report(server_dir, tracking_id, QUESTION)  # the trainer, as LAPOR!'s verifier
        _sync(qtbot, window)
    # The question reached the office: the outbox count and the status bar say a citizen must be asked.
    assert services.app().reports.get(report_id).remote_status is RemoteStatus.ON_HOLD
    assert "?1" in window.navigation.item_text(Place.OUTBOX)
    assert "1 pertanyaan LAPOR! menunggu jawaban pelapor" in window.status.waiting_label.text()

    # Offline now (the server is gone): the citizen comes to the office and answers.
    window.go_to(Place.ALL)
    window.open_report(report_id)
    detail = window.detail_page()
    qtbot.waitUntil(lambda: detail.hold_banner.isVisible())
    assert detail.hold_text.text() == f"LAPOR! meminta keterangan tambahan: {QUESTION}"
    qtbot.mouseClick(detail.hold_reply_button, Qt.MouseButton.LeftButton)
    from ui.reply_dialog import ReplyDialog

    dialog = detail.findChild(ReplyDialog)
    qtbot.keyClicks(dialog.text_edit, REPLY)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    last = detail.timeline.entries()[-1]
    assert last.kind is EntryKind.REPLY and "Menunggu dikirim" in last.title
    assert "?" not in window.navigation.item_text(Place.OUTBOX)  # answered, though not yet sent

    with start_in_thread(server_dir) as server:  # the connection is back
        update_settings(office_dir, server_url=server.base_url, training=True)
        summary = _sync(qtbot, window)
    assert summary.online
    report = services.app().reports.get(report_id)
    assert [reply.state for reply in report.replies] == [ReplyState.SENT]
    assert report.remote_status is RemoteStatus.PENDING_VERIFICATION
    qtbot.waitUntil(lambda: not detail.hold_banner.isVisible())
    assert detail._value("remote_status").text() == "Belum terverifikasi"
    # The conversation in order: LAPOR!'s question, the reply, the new status.
    # The on-hold status itself is timed by when the pull saw it: before or after the question,
    # as the second the pull ran fell (the server stamps whole seconds), so it is left out here.
    entries = [
        e
        for e in detail.timeline.entries()
        if not (e.kind is EntryKind.STATUS and e.status is RemoteStatus.ON_HOLD)
    ]
    question = next(i for i, e in enumerate(entries) if e.kind is EntryKind.QUESTION)
    tail = entries[question:]
    assert [e.kind for e in tail] == [EntryKind.QUESTION, EntryKind.REPLY, EntryKind.STATUS]
    assert tail[0].text == QUESTION
    assert tail[1].text == REPLY and "Terkirim" in tail[1].title
    assert tail[2].status is RemoteStatus.PENDING_VERIFICATION
