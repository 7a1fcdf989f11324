"""*Cetak tanggapan*: `print_conversation` reads the report off the UI thread, offers the paper, then
prints or saves the PDF as the receipt does."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from lapor_desktop.domain import AgencyResponse, RemoteStatus, StatusChange
from lapor_desktop.offices.settings import Paper, load_settings, update_settings
from tests.support.dialogs import SaveDialog
from tests.support.pdf import MM_PER_PT, pdf_text, pypdf
from tests.support.reports import valid_content
from tests.support.ui import mark_sent
from ui import document_actions
from ui.document_actions import ConversationPrintDialog, print_conversation

AT = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def parent(qtbot):  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def report_id(services) -> int:  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(valid_content(), queue=True)
    mark_sent(
        app,
        report.id,
        tracking_id="LAP-2026-000123",
        received_at=AT,
        statuses=(StatusChange(RemoteStatus.IN_PROGRESS, AT),),
        responses=(AgencyResponse("r1", AT, "Dinas PU", "Tim akan meninjau lokasi pekan ini."),),
    )
    app.replies.record(report.id, "Jalan makin parah setelah hujan semalam.", recorded_by="Siti Aminah")
    return report.id


def _dialog(qtbot, parent) -> ConversationPrintDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: parent.findChild(ConversationPrintDialog, "conversationPrint") is not None)
    return parent.findChild(ConversationPrintDialog, "conversationPrint")


def test_save_the_tanggapan_on_the_paper_chosen(
    qtbot, parent, services, report_id, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    update_settings(services.data_dir, paper=Paper.A4)
    target = tmp_path / "t.pdf"
    dialog_answer = SaveDialog(target)
    monkeypatch.setattr(document_actions, "ask_save_path", dialog_answer)
    print_conversation(parent, services, report_id)
    dialog = _dialog(qtbot, parent)
    assert dialog.chosen_paper() is Paper.A4  # the office's usual paper first
    dialog.paper.setCurrentIndex(list(Paper).index(Paper.ROLL_58))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert dialog_answer.suggested is not None
    assert dialog_answer.suggested.name.startswith("Tanggapan-18.01.01.2001-")
    assert float(pypdf.PdfReader(str(target)).pages[0].mediabox.width) * MM_PER_PT == pytest.approx(
        58, abs=0.5
    )
    text = pdf_text(target)
    assert "Tim akan meninjau lokasi pekan ini." in text and "Jalan makin parah" in text
    assert load_settings(services.data_dir).document_folder == str(tmp_path)
    assert not dialog.isVisible()
    assert [b for b in parent.findChildren(QMessageBox, "pdfSaved") if b.isVisible()]


def test_print_goes_to_the_printer_with_the_documents_name(
    qtbot, parent, services, report_id, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    printed: list[QPrinter] = []

    def to_pdf(printer: QPrinter, _parent: object) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(parent_dir / "printed.pdf"))
        printed.append(printer)
        return True

    parent_dir = services.data_dir.parent
    monkeypatch.setattr(document_actions, "ask_printer", to_pdf)
    print_conversation(parent, services, report_id)
    dialog = _dialog(qtbot, parent)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    [printer] = printed
    assert printer.docName().startswith("Tanggapan-18.01.01.2001-")
    assert "Jalan makin parah" in pdf_text(parent_dir / "printed.pdf")


def test_a_missing_report_is_told(qtbot, parent, services) -> None:  # type: ignore[no-untyped-def]
    print_conversation(parent, services, 999)
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "conversationNotLoaded") is not None)
    box = parent.findChild(QMessageBox, "conversationNotLoaded")
    assert "999" in box.text()
    assert parent.findChild(ConversationPrintDialog) is None
