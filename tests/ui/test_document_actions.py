"""Printing and saving the citizen's paper from the detail detail_page: the paper, the file's name and folder,
the confirmation, and the print job's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton

from lapor_desktop.offices.settings import Paper, load_settings, update_settings
from tests.support.dialogs import SaveDialog
from tests.support.reports import valid_content
from ui import document_actions
from ui.report_detail import ReportDetailPage

pypdf = pytest.importorskip("pypdf")
MM_PER_PT = 25.4 / 72


@pytest.fixture
def report(services):  # type: ignore[no-untyped-def]
    return services.app().reports.create(valid_content(), queue=True)


def _width_mm(path: Path) -> float:
    return float(pypdf.PdfReader(str(path)).pages[0].mediabox.width) * MM_PER_PT


def _saved_box(detail_page: ReportDetailPage, name: str) -> QMessageBox:
    boxes = [box for box in detail_page.findChildren(QMessageBox, name) if box.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_save_suggests_a_name_per_report_in_the_folder_used_last(
    qtbot, detail_page, report, services, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    last = tmp_path / "arsip"
    last.mkdir()
    update_settings(services.data_dir, document_folder=str(last), paper=Paper.ROLL_58)
    chosen = tmp_path / "cetak" / "tt.pdf"
    chosen.parent.mkdir()
    dialog = SaveDialog(chosen)
    monkeypatch.setattr(document_actions, "ask_save_path", dialog)
    opened: list[Path] = []
    monkeypatch.setattr(document_actions, "open_folder", opened.append)
    detail_page.show_report(report.id)

    qtbot.mouseClick(detail_page.pdf_receipt_button, Qt.MouseButton.LeftButton)

    expected_name = "Tanda-terima-" + report.local_ref.replace("/", "-") + ".pdf"
    assert dialog.suggested == last / expected_name
    assert _width_mm(chosen) == pytest.approx(58, abs=0.5)  # the office's usual paper
    assert load_settings(services.data_dir).document_folder == str(chosen.parent)
    box = _saved_box(detail_page, "pdfSaved")
    assert str(chosen) in box.text()
    [open_button] = [b for b in box.findChildren(QPushButton) if b.objectName() == "openFolder"]
    assert open_button.text() == "Buka folder"
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert opened == [chosen.parent]


def test_the_first_save_opens_in_documents(detail_page, report, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = SaveDialog(None)  # the operator cancels
    monkeypatch.setattr(document_actions, "ask_save_path", dialog)
    detail_page.show_report(report.id)
    detail_page.pdf_receipt_button.click()
    assert dialog.suggested is not None
    assert dialog.suggested.parent == document_actions.document_folder(load_settings(services.data_dir))
    assert dialog.suggested.parent.is_dir()
    assert load_settings(services.data_dir).document_folder is None
    assert not detail_page.findChildren(QMessageBox, "pdfSaved")


def test_another_paper_for_one_print(detail_page, report, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "a5.pdf"
    monkeypatch.setattr(document_actions, "ask_save_path", SaveDialog(target))
    monkeypatch.setattr(document_actions, "open_folder", lambda _folder: None)
    detail_page.show_report(report.id)
    detail_page.pdf_receipt_button.paper_actions[Paper.A5].trigger()
    assert _width_mm(target) == pytest.approx(148, abs=0.5)
    assert load_settings(services.data_dir).paper is Paper.A4  # the usual paper stays


def test_a_pdf_that_cannot_be_written_says_so_and_leaves_nothing(
    detail_page, report, services, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    monkeypatch.setattr(document_actions, "ask_save_path", SaveDialog(blocker / "tt.pdf"))
    detail_page.show_report(report.id)
    detail_page.pdf_receipt_button.click()
    box = _saved_box(detail_page, "pdfNotSaved")
    assert "PDF tidak dapat disimpan di" in box.text()
    assert blocker.read_text() == "x"
    assert load_settings(services.data_dir).document_folder is None


def test_printing_names_the_job_and_lays_out_the_roll(
    detail_page, report, services, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The print job's name is the file name, so *Print to PDF* suggests it whole."""
    output = tmp_path / "printed.pdf"
    seen: list[str] = []

    def print_to_pdf(printer: QPrinter, _parent: object) -> bool:
        seen.append(printer.docName())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return True

    monkeypatch.setattr(document_actions, "ask_printer", print_to_pdf)
    update_settings(services.data_dir, paper=Paper.ROLL_80)
    detail_page.show_report(report.id)
    detail_page.print_receipt_button.click()
    assert seen == ["Tanda-terima-" + report.local_ref.replace("/", "-") + ".pdf"]
    reader = pypdf.PdfReader(str(output))
    assert len(reader.pages) == 1
    assert _width_mm(output) == pytest.approx(80, abs=0.5)
    assert report.local_ref in reader.pages[0].extract_text()


def test_a_cancelled_print_prints_nothing(detail_page, report, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(document_actions, "ask_printer", lambda _printer, _parent: False)
    detail_page.show_report(report.id)
    assert (
        document_actions.ReportPaper(
            detail_page._services.data_dir, document_actions.PaperKind.RECEIPT
        ).print(report, detail_page)
        is False
    )


def test_the_menu_marks_the_usual_paper(detail_page, services) -> None:  # type: ignore[no-untyped-def]
    update_settings(services.data_dir, paper=Paper.ROLL_58)
    button = detail_page.print_receipt_button
    button.menu().aboutToShow.emit()
    assert [p for p, action in button.paper_actions.items() if action.isChecked()] == [Paper.ROLL_58]
    assert [action.text() for action in button.paper_actions.values()] == [
        "A4 (printer biasa)",
        "A5 (setengah A4)",
        "Struk 80 mm (printer thermal)",
        "Struk 58 mm (printer thermal kecil)",
    ]
