"""*Kirim sekarang* against the training server on 127.0.0.1, with the real sync thread."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt

from lapor_desktop.domain import ReportState
from lapor_desktop.offices.settings import update_settings
from lapor_desktop.offices.token_store import save_token
from sync.training_server import set_token_enabled
from tests.support.reports import valid_content
from tests.support.training import running_training_server
from ui.changes import Changes
from ui.main_window import MainWindow
from ui.navigation import Place
from ui.report_table_model import COL_REF, COL_STATE

QUEUED = Changes.of_reports((ReportState.QUEUED,))


def _queue_one(services) -> int:  # type: ignore[no-untyped-def]
    created: list[int] = []
    services.run(
        lambda app: app.reports.create(valid_content(), queue=True).id, created.append, changes=QUEUED
    )
    return created[0]


def _window(qtbot, services) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_send_now_turns_queued_into_sent_with_tracking_number(
    qtbot, services, office_dir: Path, tmp_path: Path
) -> None:
    report_id = _queue_one(services)
    with running_training_server(tmp_path, office="Desa Way Huwi") as (server, token):
        update_settings(office_dir, server_url=server.base_url, training=True)
        save_token(office_dir, token)
        window = _window(qtbot, services)
        assert window.status.waiting_label.text() == "1 laporan menunggu dikirim"
        progress: list[object] = []
        window.sync.progressed.connect(progress.append)
        with qtbot.waitSignal(window.sync.finished, timeout=30_000) as blocker:
            qtbot.mouseClick(window.status.send_button, Qt.MouseButton.LeftButton)
            assert not window.status.send_button.isEnabled()  # running: no second click
        summary = blocker.args[0]
        qtbot.waitUntil(lambda: not window.sync.is_running)
    assert summary.online and summary.sent == 1
    assert progress, "progress reached the window"
    model = window.all_page.model
    row = model.row_of(report_id)
    assert row is not None
    tracking = model.data(model.index(row, COL_REF))
    assert tracking and tracking.startswith("LPR-")
    assert model.data(model.index(row, COL_STATE)) == "Terkirim"
    assert window.status.waiting_label.text() == "Tidak ada laporan menunggu"
    assert window.status.connection_label.property("state") == "online"
    assert window.status.send_button.isEnabled()
    assert window.status.last_sync_label.text().startswith("Sinkron terakhir: ")
    window.go_to(Place.OUTBOX)
    assert window.outbox_page.model.rowCount() == 0


def test_refused_token_shows_a_notice_with_the_way_to_settings(
    qtbot, services, office_dir: Path, tmp_path: Path
) -> None:
    _queue_one(services)
    with running_training_server(tmp_path) as (server, token):
        set_token_enabled(tmp_path / "training-server", token, False)
        update_settings(office_dir, server_url=server.base_url, training=True)
        save_token(office_dir, token)
        window = _window(qtbot, services)
        with qtbot.waitSignal(window.sync.finished, timeout=30_000) as blocker:
            window.send_now()
        qtbot.waitUntil(lambda: not window.sync.is_running)
    assert blocker.args[0].auth_problem
    assert window.banner.isVisible()
    assert window.banner.property("kind") == "error"
    assert window.banner.label.text() == blocker.args[0].auth_problem
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)
    assert window.navigation.current_place() is Place.SETTINGS
    assert window.status.waiting_label.text() == "1 laporan menunggu dikirim"


def test_offline_server_keeps_reports_waiting(
    qtbot, threaded_services, office_dir: Path, tmp_path: Path
) -> None:
    """Real worker threads throughout: the writer thread for the report, the sync thread for sending."""
    done: list[int] = []
    threaded_services.run(
        lambda app: app.reports.create(valid_content(), queue=True).id, done.append, changes=QUEUED
    )
    qtbot.waitUntil(lambda: bool(done))
    with running_training_server(tmp_path) as (server, token):
        url = server.base_url
    update_settings(office_dir, server_url=url, training=True)  # nothing listens there any more
    save_token(office_dir, token)
    window = _window(qtbot, threaded_services)
    qtbot.waitUntil(lambda: window.status.waiting == 1)
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        window.send_now()
    qtbot.waitUntil(lambda: not window.sync.is_running)
    assert blocker.args[0].online is False
    assert window.status.connection_label.property("state") == "offline"
    assert window.status.message_label.text() == blocker.args[0].message
    window.go_to(Place.OUTBOX)
    qtbot.waitUntil(lambda: window.outbox_page.model.rowCount() == 1)  # read off the UI thread
    assert dataclasses.is_dataclass(blocker.args[0])
