"""Which draft to offer after a restart, and that the offer is accurate."""

from __future__ import annotations

from lapor_desktop.domain import ReportState
from tests.support.reports import valid_content
from ui.drafts import clear_unfinished, find_unfinished_draft, mark_unfinished, marker_path, read_marker


def test_no_marker_no_offer(services) -> None:  # type: ignore[no-untyped-def]
    assert find_unfinished_draft(services) is None


def test_marked_draft_is_offered(services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(valid_content(title="Draf"))
    mark_unfinished(services.data_dir, report.id)
    assert find_unfinished_draft(services) == report.id


def test_a_queued_or_deleted_report_is_not_offered_and_the_marker_goes(services) -> None:  # type: ignore[no-untyped-def]
    reports = services.app().reports
    queued = reports.create(valid_content(), queue=True)
    mark_unfinished(services.data_dir, queued.id)
    assert find_unfinished_draft(services) is None
    assert not marker_path(services.data_dir).exists()

    draft = reports.create(valid_content())
    mark_unfinished(services.data_dir, draft.id)
    reports.delete_draft(draft.id)
    assert find_unfinished_draft(services) is None


def test_a_report_needing_a_fix_is_offered(services) -> None:  # type: ignore[no-untyped-def]
    from tests.support.ui import mark_needs_fix

    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    mark_needs_fix(app, report.id, {"title": "Terlalu umum."}, "Periksa judul.")
    assert app.reports.get(report.id).state is ReportState.NEEDS_FIX
    mark_unfinished(services.data_dir, report.id)
    assert find_unfinished_draft(services) == report.id


def test_a_damaged_marker_is_ignored(services) -> None:  # type: ignore[no-untyped-def]
    marker_path(services.data_dir).write_text("{not json", encoding="utf-8")
    assert read_marker(services.data_dir) is None
    assert find_unfinished_draft(services) is None
    marker_path(services.data_dir).write_text('{"report_id": true}', encoding="utf-8")
    assert read_marker(services.data_dir) is None


def test_clear_only_the_named_report(services) -> None:  # type: ignore[no-untyped-def]
    mark_unfinished(services.data_dir, 5)
    clear_unfinished(services.data_dir, 6)
    assert read_marker(services.data_dir) == 5
    clear_unfinished(services.data_dir, 5)
    assert read_marker(services.data_dir) is None
    clear_unfinished(services.data_dir)  # nothing there: no error


def test_offer_dialog_continue_and_decline(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.drafts import ask_to_continue

    report = services.app().reports.create(valid_content(title="Belum selesai"))

    def answer(button_text: str) -> None:
        def press() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(20, press)
                return
            assert "Belum selesai" in box.text()
            [button] = [b for b in box.buttons() if b.text() == button_text]
            button.click()

        QTimer.singleShot(20, press)

    mark_unfinished(services.data_dir, report.id)
    answer("Lanjutkan draf")
    assert ask_to_continue(services) == report.id

    answer("Nanti saja")
    assert ask_to_continue(services) is None
    # Declined: the report stays a draft, the offer is not repeated.
    assert read_marker(services.data_dir) is None
    assert services.app().reports.get(report.id).state is ReportState.DRAFT
