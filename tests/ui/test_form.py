"""The report form driven as the secretary drives it: keyboard, mouse, real database."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.domain import Channel, Classification, ReportState
from tests.support.reports import VALID_NIK, valid_content
from tests.support.ui import click, fill_form, mark_needs_fix, report_rows, show_and_activate, type_into
from ui.drafts import find_unfinished_draft, read_marker
from ui.report_form import ReportFormPage

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def form(qtbot, services):  # type: ignore[no-untyped-def]
    page = ReportFormPage(services, autosave_idle_ms=60_000, autosave_max_ms=120_000, validation_delay_ms=10)
    qtbot.addWidget(page)
    page.resize(900, 800)
    show_and_activate(qtbot, page)
    return page


def test_a_new_form_shows_no_problems_and_prefills_the_office_region(form) -> None:  # type: ignore[no-untyped-def]
    assert form.inputs.region_edit.text() == "18.01.01.2001"
    assert all(field.message == "" for field in form.fields.values())
    assert form.current_report_id() is None
    assert not form.has_unsaved_changes()


def test_nik_message_appears_for_15_digits_and_goes_when_fixed(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, form.inputs.nik_edit, VALID_NIK[:15])
    nik = form.fields["reporter.nik"]
    qtbot.waitUntil(lambda: nik.message != "")
    assert "16 angka" in nik.message
    assert nik.error.isVisible()
    assert form.inputs.nik_edit.property("invalid") is True
    # Fields the operator has not touched are not nagged about.
    assert form.fields["title"].message == ""
    assert form.fields["reporter.name"].message == ""

    qtbot.keyClicks(form.inputs.nik_edit, VALID_NIK[15])
    assert nik.message == ""
    assert not nik.error.isVisible()
    assert form.inputs.nik_edit.property("invalid") is False


def test_body_counter_counts_as_the_operator_types(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, form.inputs.body_edit, "Air bersih mati tiga hari")
    assert form.inputs.body_counter.text() == "25/5000"


def test_ctrl_s_saves_a_draft_that_is_stored(qtbot, form, services, db_path) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, form.inputs.title_edit, "Lampu jalan padam")
    assert form.has_unsaved_changes()
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_S, CTRL)
    rows = report_rows(db_path)
    assert rows == [(saved.args[0], "draft", "Lampu jalan padam")]
    assert form.current_report_id() == saved.args[0]
    assert not form.has_unsaved_changes()
    assert "Draf disimpan" in form.save_status.text()
    # Saved on purpose: nothing to offer at the next start.
    assert find_unfinished_draft(services) is None


def test_typing_is_autosaved_first_created_then_updated(qtbot, services, db_path) -> None:  # type: ignore[no-untyped-def]
    form = ReportFormPage(services, autosave_idle_ms=50, autosave_max_ms=400, validation_delay_ms=10)
    qtbot.addWidget(form)
    show_and_activate(qtbot, form)
    type_into(qtbot, form.inputs.title_edit, "Sampah menumpuk")
    qtbot.waitUntil(lambda: form.current_report_id() is not None, timeout=5000)
    report_id = form.current_report_id()
    assert report_rows(db_path) == [(report_id, "draft", "Sampah menumpuk")]
    assert "otomatis" in form.save_status.text()
    # Autosaved only: the next start offers to continue it.
    assert read_marker(services.data_dir) == report_id
    assert find_unfinished_draft(services) == report_id

    qtbot.keyClicks(form.inputs.title_edit, " di pasar")
    qtbot.waitUntil(lambda: report_rows(db_path)[0][2] == "Sampah menumpuk di pasar", timeout=5000)
    assert len(report_rows(db_path)) == 1
    qtbot.waitUntil(lambda: not form.has_unsaved_changes())


def test_save_now_flushes_typing_on_close(qtbot, threaded_services) -> None:  # type: ignore[no-untyped-def]
    form = ReportFormPage(threaded_services, autosave_idle_ms=60_000, autosave_max_ms=60_000)
    qtbot.addWidget(form)
    show_and_activate(qtbot, form)
    type_into(qtbot, form.inputs.title_edit, "Listrik sering padam")
    form.save_now()
    assert report_rows(threaded_services.db_path)[0][1:] == ("draft", "Listrik sering padam")
    assert find_unfinished_draft(threaded_services) == report_rows(threaded_services.db_path)[0][0]


def test_ctrl_enter_with_a_short_title_shows_it_and_does_not_queue(qtbot, form, db_path) -> None:  # type: ignore[no-untyped-def]
    fill_form(qtbot, form, valid_content(title="Jal"))
    form.inputs.body_edit.setFocus()
    qtbot.keyClick(form.inputs.body_edit, Qt.Key.Key_Return, CTRL)
    title = form.fields["title"]
    assert "terlalu pendek" in title.message
    assert form.inputs.title_edit.hasFocus()
    assert form.stack.currentWidget() is form.scroll
    assert all(state != "queued" for _, state, _ in report_rows(db_path))


def test_consent_is_required_to_queue(qtbot, form, db_path) -> None:  # type: ignore[no-untyped-def]
    fill_form(qtbot, form, valid_content(consent=False))
    qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_Enter, CTRL)
    assert "UU No. 27 Tahun 2022" in form.fields["consent"].message
    assert form.inputs.consent_check.hasFocus()
    assert report_rows(db_path) == []
    click(qtbot, form.inputs.consent_check)
    assert form.fields["consent"].message == ""


def test_a_full_valid_form_queues_and_confirms_with_the_local_reference(
    qtbot, form, services, db_path
) -> None:  # type: ignore[no-untyped-def]
    fill_form(qtbot, form, valid_content())
    with qtbot.waitSignal(form.queued, timeout=5000) as queued:
        qtbot.keyClick(form.inputs.name_edit, Qt.Key.Key_Return, CTRL)
    report_id = queued.args[0]
    [(stored_id, state, title)] = report_rows(db_path)
    assert (stored_id, state, title) == (report_id, "queued", "Jalan desa rusak parah")
    assert form.stack.currentWidget() is form.confirmation
    report = services.app().reports.get(report_id)
    assert report.local_ref in form.confirmation.ref.text()
    assert report.content.reporter.nik == VALID_NIK
    assert report.content.location.latitude == pytest.approx(-5.36)
    assert report.content.classification is Classification.COMPLAINT
    assert form.confirmation.print_button.isVisible() and form.confirmation.new_button.isVisible()
    assert find_unfinished_draft(services) is None

    qtbot.mouseClick(form.confirmation.new_button, Qt.MouseButton.LeftButton)
    assert form.stack.currentWidget() is form.scroll
    assert form.inputs.title_edit.text() == ""
    assert form.current_report_id() is None


def test_an_autosaved_draft_is_queued_as_the_same_report(qtbot, form, db_path) -> None:  # type: ignore[no-untyped-def]
    fill_form(qtbot, form, valid_content())
    qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_S, CTRL)
    draft_id = form.current_report_id()
    with qtbot.waitSignal(form.queued, timeout=5000) as queued:
        qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_Return, CTRL)
    assert queued.args[0] == draft_id
    assert report_rows(db_path) == [(draft_id, "queued", "Jalan desa rusak parah")]


def test_editing_a_report_that_needs_a_fix_shows_the_servers_reasons(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    mark_needs_fix(
        app,
        report.id,
        {"title": "Judul terlalu umum menurut verifikator.", "reporter.phone": "Nomor tidak aktif."},
        "Periksa judul dan nomor telepon.",
    )
    form.edit_report(report.id)
    assert form.fields["title"].message == "Judul terlalu umum menurut verifikator."
    assert form.fields["reporter.phone"].message == "Nomor tidak aktif."
    assert "Periksa judul dan nomor telepon." in form.notice.text()
    assert form.inputs.title_edit.hasFocus()
    assert form.inputs.title_edit.text() == "Jalan desa rusak parah"

    form.inputs.title_edit.selectAll()
    qtbot.keyClicks(form.inputs.title_edit, "Jalan Dusun II berlubang 1 meter")
    with qtbot.waitSignal(form.queued, timeout=5000):
        qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_Return, CTRL)
    again = app.reports.get(report.id)
    assert again.state is ReportState.QUEUED
    assert again.content.title == "Jalan Dusun II berlubang 1 meter"
    # Fixed and queued again: the request to fix it is history now.
    assert form.notice.isHidden() and "meminta laporan ini diperbaiki" not in form.notice.text()


def test_a_queued_report_opens_read_only_until_taken_back(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(valid_content(), queue=True)
    form.edit_report(report.id)
    assert not form.inputs.isEnabled()
    assert form.notice.unqueue_button.isVisible()
    qtbot.mouseClick(form.notice.unqueue_button, Qt.MouseButton.LeftButton)
    assert form.inputs.isEnabled()
    assert services.app().reports.get(report.id).state is ReportState.DRAFT


def test_an_invalid_coordinate_is_named(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, form.inputs.latitude_edit, "lima")
    qtbot.waitUntil(lambda: form.fields["location.latitude"].message != "")
    assert "angka" in form.fields["location.latitude"].message
    problems = form.queue_problems()
    assert "location.latitude" in problems


def test_leaving_for_a_new_report_keeps_the_draft_and_drops_the_offer(qtbot, services, db_path) -> None:  # type: ignore[no-untyped-def]
    form = ReportFormPage(services, autosave_idle_ms=60_000, autosave_max_ms=60_000)
    qtbot.addWidget(form)
    show_and_activate(qtbot, form)
    type_into(qtbot, form.inputs.title_edit, "Draf yang ditinggal")
    form.new_report()
    assert report_rows(db_path)[0][1:] == ("draft", "Draf yang ditinggal")
    assert find_unfinished_draft(services) is None
    assert form.inputs.title_edit.text() == ""


def test_unknown_stored_category_is_kept(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(dataclasses.replace(valid_content(), category_code="lama_dihapus"))
    form.edit_report(report.id)
    assert form.inputs.category_combo.currentData() == "lama_dihapus"
    assert form.content().category_code == "lama_dihapus"
    assert "category_code" in form.queue_problems()


def test_tab_order_follows_the_page(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.inputs.title_edit.setFocus()
    qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_Tab)
    assert form.inputs.body_edit.hasFocus()
    qtbot.keyClick(form.inputs.body_edit, Qt.Key.Key_Tab)
    assert form.inputs.category_group_combo.hasFocus()  # the group, then the category in it
    qtbot.keyClick(form.inputs.category_group_combo, Qt.Key.Key_Tab)
    assert form.inputs.agency_combo.hasFocus()  # no group yet: its categories wait, greyed
    form.inputs.category_group_combo.setCurrentIndex(1)
    form.inputs.category_group_combo.setFocus()
    qtbot.keyClick(form.inputs.category_group_combo, Qt.Key.Key_Tab)
    assert form.inputs.category_combo.hasFocus()
    qtbot.keyClick(form.inputs.category_combo, Qt.Key.Key_Tab)
    assert form.inputs.agency_combo.hasFocus()
    form.inputs.reporter_address_edit.setFocus()
    qtbot.keyClick(form.inputs.reporter_address_edit, Qt.Key.Key_Tab)
    assert form.inputs.anonymous_check.hasFocus()


def test_with_worker_threads_autosave_and_queue_make_one_report(qtbot, threaded_services) -> None:  # type: ignore[no-untyped-def]
    """As in the running app: saves run on the writer thread while the operator keeps typing."""
    form = ReportFormPage(threaded_services, autosave_idle_ms=20, autosave_max_ms=100, validation_delay_ms=10)
    qtbot.addWidget(form)
    show_and_activate(qtbot, form)
    fill_form(qtbot, form, valid_content())
    with qtbot.waitSignal(form.queued, timeout=15_000) as queued:
        qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_Return, CTRL)
    threaded_services.wait()
    assert report_rows(threaded_services.db_path) == [(queued.args[0], "queued", "Jalan desa rusak parah")]
    assert find_unfinished_draft(threaded_services) is None


def _leaf_paths(record_type: type, prefix: str = "") -> list[str]:
    paths = []
    for field in dataclasses.fields(record_type):
        inner = field.default_factory if field.default_factory is not dataclasses.MISSING else None
        if inner is not None and dataclasses.is_dataclass(inner):
            paths.extend(_leaf_paths(inner, f"{prefix}{field.name}."))  # type: ignore[arg-type]
        else:
            paths.append(prefix + field.name)
    return paths


def test_one_table_row_per_field_of_the_report(form) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop.domain import ReportContent

    table = [spec.path for spec in form.inputs.specs]
    assert sorted(table) == sorted(_leaf_paths(ReportContent))
    assert list(form.fields) == table  # messages are placed, and the first one found, in page order


def test_what_is_filled_in_reads_back_the_same(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    content = dataclasses.replace(
        valid_content(anonymous=True, confidential=True, channel=Channel.SURAT, incident_date=None),
        classification=Classification.INFORMATION_REQUEST,
    )
    form.inputs.fill(content)
    assert form.content() == content
    assert not form.has_unsaved_changes()  # filling is not typing
    assert form.inputs.date_unknown.isChecked() and not form.inputs.date_edit.isEnabled()


def test_tab_order_follows_the_table(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    chain = form.inputs.tab_chain()
    assert chain[0] is form.inputs.classification_buttons[Classification.COMPLAINT]
    ends = [*chain, form.save_button, form.queue_button]

    def next_of_ours(widget):  # type: ignore[no-untyped-def]
        widget = widget.nextInFocusChain()
        while widget not in ends:  # labels and containers sit between them in Qt's chain
            widget = widget.nextInFocusChain()
        return widget

    assert [next_of_ours(widget) for widget in ends[:-1]] == ends[1:]


# -- the incident date, typed day first ------------------------------------------------------------


def _type_date(qtbot, form, text: str) -> None:  # type: ignore[no-untyped-def]
    if form.inputs.date_unknown.isChecked():  # a new report starts on "Tidak tahu"
        click(qtbot, form.inputs.date_unknown)
    edit = form.inputs.date_edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaves the field: it is judged


@pytest.mark.parametrize("typed", ["20-11-2026", "20/11/2026", "20.11.2026", "20112026", "20 November 2026"])
def test_a_day_first_date_is_taken_as_typed_whatever_today_is(qtbot, form, typed: str) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    _type_date(qtbot, form, typed)
    assert form.content().incident_date == dt.date(2026, 11, 20)
    assert form.fields["incident_date"].message == ""
    assert "incident_date" not in form.queue_problems()


def test_a_date_that_does_not_exist_or_lies_ahead_is_named_not_replaced(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    _type_date(qtbot, form, "31-11-2026")  # November has 30 days
    assert form.inputs.date_edit.text() == "31-11-2026"  # kept as typed, for the operator to fix
    assert "31-11-2026" in form.fields["incident_date"].message
    assert "incident_date" in form.queue_problems()

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    _type_date(qtbot, form, tomorrow.strftime("%d-%m-%Y"))
    assert "tidak boleh setelah hari ini" in form.fields["incident_date"].message
    assert form.content().incident_date == tomorrow  # what was typed, refused at queuing, never changed


def test_the_calendar_fills_the_date_too(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from PySide6.QtCore import QDate

    click(qtbot, form.inputs.date_unknown)
    form.inputs.date.calendar.setSelectedDate(QDate(2026, 11, 20))
    form.inputs.date.calendar.clicked.emit(QDate(2026, 11, 20))
    assert form.inputs.date_edit.text() == "20-11-2026"
    assert form.content().incident_date == dt.date(2026, 11, 20)


# -- the page after queuing says what is true now -------------------------------------------------


def test_with_no_server_set_the_confirmation_promises_no_automatic_sending(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    fill_form(qtbot, form, valid_content())
    with qtbot.waitSignal(form.queued, timeout=5000):
        form.queue_report()
    text = form.confirmation.hint.text()
    assert "otomatis" not in text and "akan dikirim" not in text
    assert "Pengaturan" in text and "belum" in text


def test_the_confirmation_follows_the_report_once_it_is_sent(qtbot, form, services, office_dir) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from lapor_desktop.offices.settings import update_settings
    from tests.support.ui import mark_sent
    from ui.sync_worker import SYNC_CHANGES

    update_settings(office_dir, server_url="https://lapor.example.go.id/api")
    fill_form(qtbot, form, valid_content())
    with qtbot.waitSignal(form.queued, timeout=5000) as queued:
        form.queue_report()
    assert "akan dikirim" in form.confirmation.hint.text()
    mark_sent(
        services.app(), queued.args[0], tracking_id="LPR-2026-000042", received_at=dt.datetime.now(dt.UTC)
    )
    services.notify(SYNC_CHANGES)  # what the sync tells the window when it has sent
    assert "akan dikirim" not in form.confirmation.hint.text()
    assert "terkirim" in form.confirmation.title.text().lower()
    assert "LPR-2026-000042" in form.confirmation.hint.text()


# -- a form that stays put ------------------------------------------------------------------------


def test_a_message_appearing_or_going_does_not_move_the_fields_below(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    below = form.inputs.body_edit
    before = below.mapTo(form.inputs, below.rect().topLeft()).y()
    type_into(qtbot, form.inputs.title_edit, "Jln")  # too short: a message under the title
    qtbot.keyClick(form.inputs.title_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.fields["title"].message != "")
    qtbot.wait(20)  # the layout settles
    assert below.mapTo(form.inputs, below.rect().topLeft()).y() == before
    type_into(qtbot, form.inputs.title_edit, " desa rusak parah")
    qtbot.waitUntil(lambda: form.fields["title"].message == "")
    qtbot.wait(20)
    assert below.mapTo(form.inputs, below.rect().topLeft()).y() == before


def _fully_in_view(form, widget) -> bool:  # type: ignore[no-untyped-def]
    viewport = form.scroll.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


def _on_screen(form, widget) -> bool:  # type: ignore[no-untyped-def]
    """Not hidden, and not scrolled away: inside the scroll area's viewport when it is in there."""
    if not widget.isVisibleTo(form):
        return False
    viewport = form.scroll.viewport()
    holder = viewport if viewport.isAncestorOf(widget) else form
    top_left = widget.mapTo(holder, widget.rect().topLeft())
    bottom_right = widget.mapTo(holder, widget.rect().bottomRight())
    return holder.rect().contains(top_left) and holder.rect().contains(bottom_right)


def test_the_consent_and_its_explanation_stay_in_view_wherever_the_page_is_scrolled(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.resize(900, 520)  # a 1366x768 laptop's share: the page scrolls
    qtbot.wait(20)
    consent = form.fields["consent"]
    assert consent.hint is not None and "UU No. 27 Tahun 2022" in consent.hint.text()
    bar = form.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    for position in (0, bar.maximum() // 2, bar.maximum()):
        bar.setValue(position)
        assert _on_screen(form, form.inputs.consent_check) and _on_screen(form, consent.hint), position
    # Still the last stop before the buttons when tabbing, and problems still land under it.
    chain = form.inputs.tab_chain()
    assert chain[-1] is form.inputs.consent_check
    form.show_problems({"consent": "Tanyakan persetujuan pelapor, lalu centang."}, focus=True)
    assert form.inputs.consent_check.hasFocus() and _on_screen(form, consent.error)


def test_laporan_baru_always_opens_a_blank_form(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.navigation import Place

    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    window.go_to(Place.NEW_REPORT)
    form = window.form_page()
    fill_form(qtbot, form, valid_content())
    with qtbot.waitSignal(form.queued, timeout=5000):
        form.queue_report()
    assert form.stack.currentWidget() is form.confirmation
    window.go_to(Place.ALL)
    window.go_to(Place.NEW_REPORT)
    assert form.stack.currentWidget() is form.scroll
    assert form.inputs.title_edit.text() == "" and form.current_report_id() is None

    draft = services.app().reports.create(valid_content(title="Draf lama yang dibuka"))
    window.edit_report(draft.id)
    assert form.inputs.title_edit.text() == "Draf lama yang dibuka"
    window.go_to(Place.NEW_REPORT)
    assert form.inputs.title_edit.text() == "" and form.current_report_id() is None

    # A new report being typed is still there after a look at the list.
    type_into(qtbot, form.inputs.title_edit, "Sedang diketik")
    window.go_to(Place.ALL)
    window.go_to(Place.NEW_REPORT)
    assert form.inputs.title_edit.text() == "Sedang diketik"
