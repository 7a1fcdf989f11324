"""English from the shipped translation; Bahasa Indonesia as written in the code."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from lapor_desktop import labels as core_labels
from lapor_desktop.resources import resource_path
from ui.i18n import current_language, install_translator, translation_file
from ui.labels import classification_label, field_label, remote_status_label, state_label


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    install_translator(qapp, "en")
    yield
    install_translator(qapp, "id")


def test_the_compiled_translation_is_shipped() -> None:
    assert resource_path("translations", "lapor_en.qm").stat().st_size > 1000
    assert translation_file("en").endswith("lapor_en.qm")


def test_every_text_has_an_english_translation() -> None:
    root = ET.parse(resource_path("translations", "lapor_en.ts")).getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == []


def test_form_becomes_english(qtbot, services, english) -> None:  # type: ignore[no-untyped-def]
    from ui.report_form import ReportFormPage

    assert current_language() == "en"
    form = ReportFormPage(services)
    qtbot.addWidget(form)
    assert form.queue_button.text() == "Queue for sending (Ctrl+Enter)"
    assert form.heading.text() == "New report"
    assert form.inputs.anonymous_check.text() == "Anonymous"
    assert (
        form.inputs.classification_buttons[next(iter(form.inputs.classification_buttons))].text()
        == "Complaint"
    )
    assert classification_label("aspiration") == "Aspiration"
    assert remote_status_label("in_progress") == "In progress"
    # Numerus forms are translated too.
    assert (
        form.tr("%n bagian perlu diperbaiki sebelum diantrekan.", "", 1)
        == "1 item needs fixing before queuing."
    )
    assert (
        form.tr("%n bagian perlu diperbaiki sebelum diantrekan.", "", 3)
        == "3 items need fixing before queuing."
    )


def test_the_cores_label_table_is_translated(english) -> None:  # type: ignore[no-untyped-def]
    """One table in the core; the window reads every text of it in English."""
    assert field_label("reporter.name") == "Reporter's name"
    assert field_label("attachments.2.filename") == "Attachment 3"
    assert field_label("reporter.name", translated=False) == core_labels.FIELD_LABELS["reporter.name"]
    assert state_label("needs_fix") == "Needs a fix"
    root = ET.parse(resource_path("translations", "lapor_en.ts")).getroot()
    translated = {
        m.findtext("source")
        for context in root.iter("context")
        if context.findtext("name") == core_labels.TRANSLATION_CONTEXT
        for m in context.iter("message")
    }
    tables = (
        core_labels.CLASSIFICATION_LABELS,
        core_labels.CLASSIFICATION_EXPLANATIONS,
        core_labels.CHANNEL_LABELS,
        core_labels.STATE_LABELS,
        core_labels.REMOTE_STATUS_LABELS,
        core_labels.FIELD_LABELS,
        core_labels.SKIP_REASON_LABELS,
        core_labels.DATE_SOURCE_LABELS,
    )
    texts = {text for table in tables for text in table.values()}  # type: ignore[attr-defined]
    assert texts | {core_labels.NOT_CHOSEN, core_labels.ATTACHMENT_N} <= translated


def test_switching_back_to_bahasa(qtbot, qapp, services) -> None:  # type: ignore[no-untyped-def]
    from ui.report_form import ReportFormPage

    install_translator(qapp, "en")
    install_translator(qapp, "id")
    assert current_language() == "id"
    form = ReportFormPage(services)
    qtbot.addWidget(form)
    assert form.queue_button.text() == "Antrekan untuk dikirim (Ctrl+Enter)"
    # The citizen's receipt stays in Bahasa Indonesia whatever the interface language.
    assert classification_label("aspiration", translated=False) == "Aspirasi"


def test_an_unknown_language_falls_back_to_bahasa(qapp) -> None:  # type: ignore[no-untyped-def]
    install_translator(qapp, "fr")
    assert current_language() == "id"
    assert classification_label("complaint") == "Pengaduan"


def test_list_and_review_headers_follow_the_language(qtbot, services, english) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.reports_page import ListKind, ReportsPage
    from ui.review_page import ReviewPage

    page = ReportsPage(services, ListKind.ALL)
    qtbot.addWidget(page)
    headers = [
        page.model.headerData(column, Qt.Orientation.Horizontal) for column in range(page.model.columnCount())
    ]
    assert headers == ["Report no.", "Title", "Status", "LAPOR! status", "Category", "Reporter", "Date"]
    review = ReviewPage(services)
    qtbot.addWidget(review)
    table = review.table
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == [
        "Report number",
        "Title",
        "Category",
        "Recorded",
    ]


def test_qts_own_dialogs_speak_bahasa_in_the_indonesian_window(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Qt ships no Indonesian for its own texts; the app's own `qt_id` translation gives them."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

    install_translator(qapp, "id")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "LAPOR Desa",
        "?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert [box.button(b).text() for b in (box.StandardButton.Yes, box.StandardButton.No)] == [
        "&Ya",
        "&Tidak",
    ]
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Batal"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert {b.text() for b in buttons.buttons()} == {"Simpan", "Tutup"}

    dialog = QFileDialog(None, "Simpan")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on Linux
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["fileNameLabel"] == "&Nama berkas:"
    assert labels["fileTypeLabel"] == "&Jenis berkas:"
    accept = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert accept.text() == "&Simpan"


def test_the_qt_translation_is_complete_and_shipped() -> None:
    assert resource_path("translations", "qt_id.qm").stat().st_size > 1000
    root = ET.parse(resource_path("translations", "qt_id.ts")).getroot()
    assert [m.findtext("source") for m in root.iter("message") if not m.findtext("translation")] == []


def test_every_translated_text_in_the_window_is_a_literal_lupdate_can_find() -> None:
    """`self.tr(variable)` or `translate(CONTEXT_VAR, ...)` escapes the .ts file and stays Indonesian."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = []
    for path in sorted((root / "ui").glob("*.py")):
        if path.name == "labels.py":  # looks up the core's label table, marked in lapor_desktop/labels.py
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            aliased = isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute)
            if aliased and node.value.attr in ("tr", "translate"):  # type: ignore[attr-defined]
                found.append(f"{path.name}:{node.lineno} (an alias lupdate does not follow)")
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            literal_args = node.args[:1] if name == "tr" else node.args[:2] if name == "translate" else []
            if any(not (isinstance(a, ast.Constant) and isinstance(a.value, str)) for a in literal_args):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_the_qt_translation_leaves_key_names_alone(qtbot, qapp, services) -> None:  # type: ignore[no-untyped-def]
    """Key names are Qt's own (QShortcut, key sequences): translating "Return" broke Ctrl+Enter."""
    from PySide6.QtGui import QKeySequence

    install_translator(qapp, "id")
    root = ET.parse(resource_path("translations", "qt_id.ts")).getroot()
    assert "QShortcut" not in {c.findtext("name") for c in root.iter("context")}
    assert QKeySequence("Ctrl+Return") != QKeySequence("Ctrl+Enter")
    assert QKeySequence("Ctrl+Return").toString() == "Ctrl+Return"
