"""Views refresh for what an operation changed: typing a draft leaves the outbox alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.domain import ReportState
from tests.support.reports import valid_content
from tests.support.ui import fill_form, mark_needs_fix, report_rows, show_and_activate, type_into
from ui.changes import NOTHING, Changes
from ui.main_window import MainWindow
from ui.navigation import Place
from ui.report_form import ReportFormPage

CTRL = Qt.KeyboardModifier.ControlModifier


class Reloads:
    """How often each list read its rows again and the outbox counts were read."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.outbox = self.all = self.counts = 0
        window.outbox_page.model.reset_done.connect(lambda: self._add("outbox"))
        window.all_page.model.reset_done.connect(lambda: self._add("all"))
        update_counts = window.update_counts
        monkeypatch.setattr(window, "update_counts", lambda: (self._add("counts"), update_counts()))

    def _add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    def clear(self) -> None:
        self.outbox = self.all = self.counts = 0


@pytest.fixture
def window(qtbot, services) -> MainWindow:  # type: ignore[no-untyped-def]
    shown = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.first_page_ready):
        shown.show()
    shown.go_to(Place.OUTBOX)  # both lists read and listening
    return shown


@pytest.fixture
def form(qtbot, services) -> ReportFormPage:  # type: ignore[no-untyped-def]
    page = ReportFormPage(services, autosave_idle_ms=20, autosave_max_ms=100, validation_delay_ms=10)
    qtbot.addWidget(page)
    show_and_activate(qtbot, page)
    return page


def test_autosaving_a_draft_does_not_reload_the_outbox(qtbot, window, form, monkeypatch, db_path) -> None:  # type: ignore[no-untyped-def]
    reloads = Reloads(window, monkeypatch)
    type_into(qtbot, form.inputs.title_edit, "Sampah menumpuk")
    qtbot.waitUntil(lambda: bool(report_rows(db_path)) and not form.has_unsaved_changes(), timeout=5000)
    qtbot.keyClicks(form.inputs.title_edit, " di pasar")
    qtbot.waitUntil(lambda: report_rows(db_path)[0][2] == "Sampah menumpuk di pasar", timeout=5000)
    qtbot.waitUntil(lambda: not form.has_unsaved_changes(), timeout=5000)
    assert reloads.outbox == 0
    assert reloads.counts == 0
    assert reloads.all >= 2  # *Semua laporan* shows drafts: it follows every save
    assert window.all_page.model.rowCount() == 1


def test_queuing_reloads_the_outbox_and_its_counts_once(qtbot, window, form, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fill_form(qtbot, form, valid_content())
    qtbot.waitUntil(lambda: not form.has_unsaved_changes(), timeout=5000)
    reloads = Reloads(window, monkeypatch)
    with qtbot.waitSignal(form.queued, timeout=5000):
        qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_Return, CTRL)
    assert (reloads.outbox, reloads.all, reloads.counts) == (1, 1, 1)
    assert window.outbox_page.model.rowCount() == 1
    assert window.status.waiting_label.text() == "1 laporan menunggu dikirim"


def test_autosaving_a_report_that_needs_a_fix_does_reload_the_outbox(  # type: ignore[no-untyped-def]
    qtbot, window, form, services, monkeypatch
) -> None:
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    mark_needs_fix(app, report.id, {"title": "Terlalu umum."}, "Perbaiki judul.")
    form.edit_report(report.id)
    reloads = Reloads(window, monkeypatch)
    type_into(qtbot, form.inputs.title_edit, " di Dusun II")
    qtbot.waitUntil(lambda: not form.has_unsaved_changes(), timeout=5000)
    assert reloads.outbox >= 1  # its new title shows in the outbox
    row = window.outbox_page.model.row_of(report.id)
    assert row is not None
    assert window.outbox_page.model.list_row(row).title.endswith("di Dusun II")


def test_reads_change_nothing_and_emit_nothing(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    seen: list[Changes] = []
    services.changed.connect(seen.append)
    services.run(lambda app: app.reports.create(valid_content()).id, changes=NOTHING)
    assert seen == []
    services.run(
        lambda app: app.reports.create(valid_content(), queue=True),
        changes=lambda report: Changes.of_reports((report.state,)),
    )
    assert seen == [Changes.of_reports((ReportState.QUEUED,))]
    assert seen[0].touches_outbox


def test_change_sets_merge() -> None:
    drafts = Changes.of_reports((ReportState.DRAFT,))
    assert not drafts.touches_outbox
    merged = drafts | Changes(review=True)
    assert merged.review and merged.reports == {ReportState.DRAFT}
    assert not NOTHING and merged
