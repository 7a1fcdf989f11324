"""The form's category in two steps (group, then category) and its agency: optional, searchable,
suggested from the category, never overriding the operator's own choice."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from tests.support.reports import valid_content
from tests.support.ui import show_and_activate
from ui.report_form import ReportFormPage

DPUPR = "18.01-DPUPR"
DISHUB = "18.01-DISHUB"
DINSOS = "18.01-DINSOS"


@pytest.fixture
def form(qtbot, services):  # type: ignore[no-untyped-def]
    page = ReportFormPage(services, autosave_idle_ms=60_000, autosave_max_ms=120_000, validation_delay_ms=10)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    show_and_activate(qtbot, page)
    return page


def choose(combo, data: str | None) -> None:  # type: ignore[no-untyped-def]
    """Pick the item holding `data`, as a click in the list does (`activated` included)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def choose_category(form, group: str, leaf: str) -> None:  # type: ignore[no-untyped-def]
    choose(form.inputs.category_group_combo, group)
    choose(form.inputs.category_combo, leaf)


def test_a_category_is_chosen_in_two_steps_and_names_a_leaf(form) -> None:  # type: ignore[no-untyped-def]
    inputs = form.inputs
    groups = [inputs.category_group_combo.itemData(i) for i in range(inputs.category_group_combo.count())]
    assert "pembangunan_infrastruktur" in groups and "infrastruktur" not in groups
    assert inputs.category_combo.count() == 1  # only "— pilih kategori —" before a group
    choose(inputs.category_group_combo, "pembangunan_infrastruktur")
    leaves = [inputs.category_combo.itemText(i) for i in range(1, inputs.category_combo.count())]
    assert leaves == [
        "Infrastruktur",
        "Irigasi dan Sumber Daya Air",
        "Penerangan Jalan Umum",
        "Energi dan Air Bersih",
        "Transportasi dan Perhubungan",
    ]
    assert form.content().category_code == ""  # a group alone names nothing
    choose(inputs.category_combo, "irigasi")
    assert form.content().category_code == "irigasi"
    # A top-level category without children is chosen with the group list alone.
    choose(inputs.category_group_combo, "lainnya")
    assert form.content().category_code == "lainnya"


def test_a_stored_leaf_opens_with_its_group_and_a_group_code_is_refused(form, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(
        dataclasses.replace(valid_content(), category_code="pupuk_bersubsidi")
    )
    form.edit_report(report.id)
    assert form.inputs.category_group_combo.currentData() == "pertanian_perekonomian"
    assert form.inputs.category_combo.currentData() == "pupuk_bersubsidi"
    form.inputs.category.set_value("pertanian_perekonomian")  # a group where a leaf belongs
    assert form.content().category_code == "pertanian_perekonomian"
    assert "category_code" in form.queue_problems()


def test_the_category_suggests_the_agency_and_follows_it(form) -> None:  # type: ignore[no-untyped-def]
    inputs = form.inputs
    assert inputs.agency.value() is None
    choose_category(form, "pembangunan_infrastruktur", "infrastruktur")
    assert inputs.agency.value() == DPUPR
    assert form.content().agency_code == DPUPR
    assert inputs.agency.note.isVisible()  # "Disarankan dari kategori…"
    choose(inputs.category_combo, "transportasi")
    assert inputs.agency.value() == DISHUB
    # Pelayanan publik points to no one agency: no suggestion, and the earlier one goes with it.
    choose_category(form, "pemerintahan_pelayanan", "pelayanan_publik")
    assert inputs.agency.value() is None
    assert not inputs.agency.note.isVisible()


def test_the_operators_own_agency_is_never_replaced(form) -> None:  # type: ignore[no-untyped-def]
    inputs = form.inputs
    choose_category(form, "pembangunan_infrastruktur", "infrastruktur")
    choose(inputs.agency_combo, DINSOS)  # the operator knows better
    assert not inputs.agency.note.isVisible()
    choose(inputs.category_combo, "transportasi")
    assert inputs.agency.value() == DINSOS
    choose(inputs.agency_combo, None)  # "none" on purpose stays none too
    choose(inputs.category_combo, "irigasi")
    assert inputs.agency.value() is None


def test_the_agency_is_found_by_typing_part_of_its_name(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    combo = form.inputs.agency_combo
    combo.setFocus()
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "perhubungan")
    completer = combo.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert found == ["Dinas Perhubungan Kabupaten Lampung Selatan"]
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert form.inputs.agency.value() == DISHUB
    # What matches no agency is named under the field rather than sent.
    combo.lineEdit().setText("Dinas yang tidak ada")
    assert form.queue_problems()["agency_code"] == "Pilih instansi dari daftar, atau kosongkan isiannya."


def test_the_agency_is_saved_and_comes_back_with_the_draft(qtbot, form, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(
        dataclasses.replace(valid_content(), category_code="bantuan_sosial", agency_code="18.01-DP3A")
    )
    form.edit_report(report.id)
    assert form.inputs.agency.value() == "18.01-DP3A"
    assert not form.inputs.agency.note.isVisible()
    choose(form.inputs.category_combo, "disabilitas_lansia")
    assert form.inputs.agency.value() == "18.01-DP3A"  # stored as chosen: the operator's
