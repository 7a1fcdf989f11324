"""The report form offers residents from the desa's population data, driven as the secretary drives it."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.domain import ReportContent, Reporter
from lapor_desktop.penduduk.service import PendudukService
from tests.support.residents import (
    AISYAH_NIK,
    BUDI_NIK,
    KARTO_NIK,
    SITI_ADDRESS,
    SITI_NIK,
    SITI_OFFER,
    write_register,
)
from tests.support.ui import click, show_and_activate, type_into
from ui.report_form import ReportFormPage

CTRL = Qt.KeyboardModifier.ControlModifier


def _form(qtbot, services) -> ReportFormPage:  # type: ignore[no-untyped-def]
    page = ReportFormPage(services, autosave_idle_ms=60_000, autosave_max_ms=120_000, validation_delay_ms=10)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    show_and_activate(qtbot, page)
    return page


@pytest.fixture
def register(services, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = write_register(tmp_path / "Unduhan")
    services.penduduk().import_file(path)
    return path


@pytest.fixture
def form(qtbot, services, register):  # type: ignore[no-untyped-def]
    return _form(qtbot, services)


def _plain(text: str) -> str:
    """The offer as read aloud: its no-break spaces (wrapping only after a comma) as spaces."""
    return text.replace("\u00a0", " ")


def _grouped(nik: str) -> str:
    """As people copy a NIK off a KTP: in groups of four."""
    return " ".join(nik[i : i + 4] for i in range(0, 16, 4))


def test_a_typed_nik_offers_its_resident_and_enter_fills_name_and_address(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    residents = form.inputs.residents
    inputs = form.inputs
    type_into(qtbot, inputs.nik_edit, _grouped(SITI_NIK)[:-1])
    assert residents.offered is None
    assert not residents.offer_frame.isVisible()

    qtbot.keyClicks(inputs.nik_edit, SITI_NIK[-1])
    assert residents.offer_frame.isVisible()
    assert _plain(residents.offer_label.text()) == SITI_OFFER
    assert residents.fill_button.text() == "Isi nama dan alamat (Enter)"
    assert inputs.name_edit.text() == ""  # only offered, nothing filled yet

    qtbot.keyClick(inputs.nik_edit, Qt.Key.Key_Return)
    assert inputs.name_edit.text() == "SITI AMINAH"
    assert inputs.reporter_address_edit.text() == SITI_ADDRESS
    assert inputs.location_address_edit.text() == ""  # the incident's place is not the reporter's home
    assert residents.offered is None
    assert not residents.fill_button.isVisible()
    assert "sudah diisi" in residents.offer_label.text()
    assert form.fields["reporter.name"].message == ""
    assert form.has_unsaved_changes()  # a fill counts as typing: it is autosaved

    # The operator still has the last word.
    inputs.name_edit.selectAll()
    qtbot.keyClicks(inputs.name_edit, "Siti Aminah")
    qtbot.keyClicks(inputs.reporter_address_edit, " (rumah kos)")
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        qtbot.keyClick(inputs.name_edit, Qt.Key.Key_S, CTRL)
    reporter = services.app().reports.get(saved.args[0]).content.reporter
    assert (reporter.nik, reporter.name, reporter.address) == (
        SITI_NIK,
        "Siti Aminah",
        f"{SITI_ADDRESS} (rumah kos)",
    )


def test_the_offer_is_taken_with_a_click_and_goes_when_the_nik_changes(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    residents = form.inputs.residents
    type_into(qtbot, form.inputs.nik_edit, BUDI_NIK)
    assert _plain(residents.offer_label.text()).endswith(": BUDI SANTOSO, Dusun Tanjung Sari RT 003/RW 001")
    qtbot.keyClick(form.inputs.nik_edit, Qt.Key.Key_Backspace)
    assert residents.offered is None
    assert not residents.offer_frame.isVisible()

    qtbot.keyClicks(form.inputs.nik_edit, BUDI_NIK[-1])
    qtbot.mouseClick(residents.fill_button, Qt.MouseButton.LeftButton)
    assert form.inputs.name_edit.text() == "BUDI SANTOSO"
    assert form.inputs.reporter_address_edit.text() == "Dusun Tanjung Sari RT 003/RW 001"
    # Another resident's NIK typed over it: the note on the fill goes, the new offer comes.
    form.inputs.nik_edit.selectAll()
    qtbot.keyClicks(form.inputs.nik_edit, AISYAH_NIK)
    assert residents.offered is not None and residents.offered.name == "SITI AISYAH"
    assert residents.fill_button.isVisible()


def test_no_offer_for_a_nik_not_in_the_register_or_not_well_formed(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    residents = form.inputs.residents
    for typed in (KARTO_NIK, "3201011234560001", "1801010000000000", "0" * 16):
        form.inputs.nik_edit.clear()
        type_into(qtbot, form.inputs.nik_edit, typed)
        assert residents.offered is None, typed
        assert not residents.offer_frame.isVisible()
    # Enter with nothing offered fills nothing.
    qtbot.keyClick(form.inputs.nik_edit, Qt.Key.Key_Return)
    assert form.inputs.name_edit.text() == ""


def test_three_letters_of_a_name_suggest_residents_and_a_pick_fills_nik_name_address(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    inputs = form.inputs
    residents = inputs.residents
    popup = residents.completer.popup()
    type_into(qtbot, inputs.name_edit, "si")
    assert not popup.isVisible()
    assert residents.suggestions == ()

    qtbot.keyClicks(inputs.name_edit, "t")
    assert popup.isVisible()
    assert [r.name for r in residents.suggestions] == ["SITI AISYAH", "SITI AMINAH"]
    rows = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert rows[1] == f"SITI AMINAH · {SITI_ADDRESS} · lahir 12 Maret 1985"
    assert not popup.currentIndex().isValid()  # Tab or Enter alone keeps what was typed

    # With the list open, keys reach the list: typing goes on into the name, arrows choose.
    qtbot.keyClicks(popup, "i a")
    assert inputs.name_edit.text() == "siti a"
    assert len(residents.suggestions) == 2
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert inputs.nik_edit.text() == SITI_NIK
    assert inputs.name_edit.text() == "SITI AMINAH"
    assert inputs.reporter_address_edit.text() == SITI_ADDRESS
    assert form.fields["reporter.nik"].message == ""
    # The NIK came from the register: it is noted, not offered again.
    assert residents.offered is None
    assert residents.offer_frame.isVisible()
    assert "sudah diisi" in residents.offer_label.text()


def test_tab_with_the_list_open_keeps_the_typed_name_and_a_click_picks(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    inputs = form.inputs
    popup = inputs.residents.completer.popup()
    type_into(qtbot, inputs.name_edit, "Siti")
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    assert not popup.isVisible()
    assert (inputs.name_edit.text(), inputs.nik_edit.text()) == ("Siti", "")

    inputs.name_edit.setFocus()
    qtbot.keyClick(inputs.name_edit, Qt.Key.Key_Backspace)
    assert popup.isVisible()
    first = popup.visualRect(popup.model().index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    assert (inputs.name_edit.text(), inputs.nik_edit.text()) == ("SITI AISYAH", AISYAH_NIK)
    assert inputs.reporter_address_edit.text() == "JL. MERPATI NO. 7, Dusun SUKADAMAI RT 007/RW 002"


def test_an_anonymous_report_is_filled_too_and_stays_anonymous(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, form.inputs.anonymous_check)
    type_into(qtbot, form.inputs.nik_edit, SITI_NIK)
    qtbot.keyClick(form.inputs.nik_edit, Qt.Key.Key_Enter)
    assert form.inputs.name_edit.text() == "SITI AMINAH"
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        form.save_draft()
    content = services.app().reports.get(saved.args[0]).content
    assert content.anonymous
    assert content.reporter.name == "SITI AMINAH"


def test_a_loaded_report_offers_nothing_until_the_nik_is_typed(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(
        ReportContent(title="Lampu padam", reporter=Reporter(name="X", nik=SITI_NIK))
    )
    form.edit_report(report.id)
    assert form.inputs.nik_edit.text() == SITI_NIK
    assert form.inputs.residents.offered is None
    assert not form.inputs.residents.offer_frame.isVisible()
    form.inputs.nik_edit.setFocus()
    qtbot.keyClick(form.inputs.nik_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(form.inputs.nik_edit, SITI_NIK[-1])
    assert form.inputs.residents.offered is not None
    form.new_report()  # another report: the offer does not follow it
    assert form.inputs.residents.offered is None
    assert not form.inputs.residents.offer_frame.isVisible()


def test_nothing_is_offered_before_any_data_is_imported(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    form = _form(qtbot, services)
    type_into(qtbot, form.inputs.nik_edit, SITI_NIK)
    assert form.inputs.residents.offered is None
    assert not form.inputs.residents.offer_frame.isVisible()
    type_into(qtbot, form.inputs.name_edit, "SITI")
    assert form.inputs.residents.suggestions == ()
    assert not form.inputs.residents.completer.popup().isVisible()


def test_an_older_look_up_never_overwrites_a_newer_one(qtbot, form, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Results may come back in any order from the pool: only the newest keystroke's counts."""
    held: list[tuple[object, object]] = []
    monkeypatch.setattr(services, "run_background", lambda fn, ok, _failed: held.append((fn, ok)))
    type_into(qtbot, form.inputs.nik_edit, BUDI_NIK)
    form.inputs.nik_edit.selectAll()
    qtbot.keyClicks(form.inputs.nik_edit, SITI_NIK)
    (older_fn, older_ok), (newer_fn, newer_ok) = held
    newer_ok(newer_fn())  # type: ignore[operator]
    older_ok(older_fn())  # type: ignore[operator]
    assert form.inputs.residents.offered is not None
    assert form.inputs.residents.offered.nik == SITI_NIK

    held.clear()
    form.inputs.name_edit.setFocus()
    qtbot.keyClicks(form.inputs.name_edit, "BUD")
    qtbot.keyClicks(form.inputs.name_edit, "X")
    (older_fn, older_ok), (newer_fn, newer_ok) = held
    newer_ok(newer_fn())  # type: ignore[operator]
    older_ok(older_fn())  # type: ignore[operator]
    assert form.inputs.residents.suggestions == ()


def test_clearing_the_data_in_pengaturan_takes_the_offer_away(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    from tests.support.dialogs import press_in_message_box
    from ui.penduduk_box import PendudukBox

    type_into(qtbot, form.inputs.nik_edit, SITI_NIK)
    assert form.inputs.residents.offered is not None
    box = PendudukBox(services)
    qtbot.addWidget(box)
    press_in_message_box("Hapus")
    box.clear_button.click()
    assert form.inputs.residents.offered is None  # told by Services.changed
    assert not form.inputs.residents.offer_frame.isVisible()
    form.inputs.nik_edit.clear()
    type_into(qtbot, form.inputs.nik_edit, SITI_NIK)
    assert form.inputs.residents.offered is None
    qtbot.keyClick(form.inputs.nik_edit, Qt.Key.Key_Return)
    assert form.inputs.name_edit.text() == ""


def test_look_ups_run_off_the_ui_thread_and_log_nothing_of_the_resident(
    qtbot, threaded_services, register, monkeypatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    threaded_services.penduduk().import_file(register)
    threads: list[threading.Thread] = []
    find = PendudukService.find

    def spying_find(self: PendudukService, nik: str) -> object:
        threads.append(threading.current_thread())
        return find(self, nik)

    monkeypatch.setattr(PendudukService, "find", spying_find)
    caplog.set_level(logging.DEBUG)
    form = _form(qtbot, threaded_services)
    type_into(qtbot, form.inputs.nik_edit, SITI_NIK)
    qtbot.waitUntil(lambda: form.inputs.residents.offered is not None)
    assert threads and all(t is not threading.main_thread() for t in threads)
    type_into(qtbot, form.inputs.name_edit, "BUDI")
    popup = form.inputs.residents.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(popup.model().index(0, 0)).center()
    )
    assert form.inputs.nik_edit.text() == BUDI_NIK
    logged = caplog.text
    for secret in (SITI_NIK, BUDI_NIK, "AMINAH", "BUDI", "Sukamaju", "Tanjung"):
        assert secret not in logged
