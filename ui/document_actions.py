"""Printing a report's paper, or saving it as PDF, from any page: the receipt, the agency's answer,
and the *Tanggapan* (the report's conversation with LAPOR!, `print_conversation`).

The paper is the office's usual one (*Pengaturan*) unless the operator picks
another for this print. A saved PDF gets a name of its own per report
(``Tanda-terima-18.01.01.2001-2026-00012.pdf``), in the folder used last
(Documents the first time), and a message says where it went with a way to
open the folder. The print job carries the same name, so a *Print to PDF*
printer suggests it too instead of cutting the number at its first dot.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from lapor_desktop.domain import Report
from lapor_desktop.offices.settings import Paper, Settings, load_settings, update_settings
from ui.changes import NOTHING
from ui.conversation_document import conversation_document
from ui.document_parts import default_pdf_name, reference_names
from ui.document_render import Document, lay_out, write_pdf
from ui.labels import paper_label
from ui.receipt import receipt_document, responses_document
from ui.storage_faults import describe_failure

if TYPE_CHECKING:
    from ui.services import Services


class PaperKind(StrEnum):
    RECEIPT = "receipt"
    ANSWER = "answer"
    CONVERSATION = "conversation"


_FILE_PREFIXES = {
    PaperKind.RECEIPT: "Tanda-terima",
    PaperKind.ANSWER: "Jawaban-instansi",
    PaperKind.CONVERSATION: "Tanggapan",
}
_MAKERS: dict[PaperKind, Callable[..., Document]] = {
    PaperKind.RECEIPT: receipt_document,
    PaperKind.ANSWER: responses_document,
    PaperKind.CONVERSATION: conversation_document,
}


def file_name(report: Report, kind: PaperKind) -> str:
    return default_pdf_name(report, _FILE_PREFIXES[kind])


def document_folder(settings: Settings) -> Path:
    """Where the save dialog opens: the folder used last if it still exists, else Documents, else home."""
    candidates = [
        settings.document_folder,
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


# -- the dialogs, one function each so tests can answer them -------------------------------------


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("document_actions", "Cetak"))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def ask_save_path(parent: QWidget | None, suggested: Path, title: str = "", pattern: str = "") -> Path | None:
    """Where to save; the suggested name's extension is added when the operator typed none."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        title or QCoreApplication.translate("document_actions", "Simpan PDF"),
        str(suggested),
        pattern or QCoreApplication.translate("document_actions", "Dokumen PDF (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    suffix = suggested.suffix
    return path if path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)


def remember_folder(data_dir: Path, folder: Path) -> None:
    """The next save dialog opens here; a settings file that cannot be written only loses the memory."""
    try:
        update_settings(data_dir, document_folder=str(folder))
    except OSError:
        pass


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


# -- the actions ------------------------------------------------------------------------------------


class ReportPaper:
    """Prints or saves one kind of paper for reports of the office whose data dir is given."""

    def __init__(self, data_dir: Path, kind: PaperKind) -> None:
        self.data_dir = data_dir
        self.kind = kind

    def document(self, report: Report, paper: Paper | None = None) -> tuple[Document, Paper]:
        settings = load_settings(self.data_dir)
        chosen = paper or settings.paper
        names = reference_names(self.data_dir)
        return _MAKERS[self.kind](report, settings, chosen, names=names), chosen

    def print(self, report: Report, parent: QWidget | None, paper: Paper | None = None) -> bool:
        """Ask for a printer and print; False when the operator cancelled."""
        document, chosen = self.document(report, paper)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(file_name(report, self.kind))
        lay_out(document, chosen, printer)  # the dialog opens on the right paper
        if not ask_printer(printer, parent):
            return False
        # Laid out again: the printer chosen in the dialog has its own resolution and may reset the page.
        lay_out(document, chosen, printer).print_(printer)
        return True

    def save_pdf(self, report: Report, parent: QWidget | None, paper: Paper | None = None) -> Path | None:
        """Ask where, write the PDF and say where it went; the path, or None when cancelled or failed."""
        settings = load_settings(self.data_dir)
        path = ask_save_path(parent, document_folder(settings) / file_name(report, self.kind))
        if path is None:
            return None
        document, chosen = self.document(report, paper)
        try:
            write_pdf(document, chosen, path)
        except OSError as error:
            warning = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("document_actions", "PDF tidak tersimpan"),
                QCoreApplication.translate("document_actions", "PDF tidak dapat disimpan di %1: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
                QMessageBox.StandardButton.Ok,
                parent,
            )
            warning.setObjectName("pdfNotSaved")
            warning.open()
            return None
        remember_folder(self.data_dir, path.parent)
        confirm_saved(
            parent,
            path,
            QCoreApplication.translate("document_actions", "PDF disimpan di:\n%1").replace("%1", str(path)),
        )
        return path


def confirm_saved(parent: QWidget | None, path: Path, text: str) -> QMessageBox:
    """A message saying where a file went, with *Buka folder*; it does not block the window."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("document_actions", "Tersimpan"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("pdfSaved")
    open_button = box.addButton(
        QCoreApplication.translate("document_actions", "Buka folder"), QMessageBox.ButtonRole.ActionRole
    )
    open_button.setObjectName("openFolder")
    open_button.clicked.connect(lambda: open_folder(path.parent))
    box.open()
    return box


# -- the Tanggapan ----------------------------------------------------------------------------------


class ConversationPrintDialog(QDialog):
    """*Cetak tanggapan*: the paper (the office's usual one first), then print or save as PDF."""

    def __init__(self, data_dir: Path, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPrint")
        self.setWindowTitle(self.tr("Cetak tanggapan"))
        self.report = report
        self.paper_for_report = ReportPaper(data_dir, PaperKind.CONVERSATION)
        self.paper = QComboBox()
        self.paper.setObjectName("conversationPaper")
        for paper in Paper:
            self.paper.addItem(paper_label(paper), paper)
        self.paper.setCurrentIndex(list(Paper).index(load_settings(data_dir).paper))
        about = QLabel(
            self.tr(
                "Laporan %1 dengan percakapannya: pertanyaan dari LAPOR! beserta jawaban instansi, dan tanggapan pelapor."
            ).replace("%1", report.local_ref)
        )
        about.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button = QPushButton(self.tr("Cetak…"))
        self.print_button.setObjectName("conversationPrintButton")
        self.pdf_button = QPushButton(self.tr("Simpan PDF…"))
        self.pdf_button.setObjectName("conversationPdfButton")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_it)
        self.pdf_button.clicked.connect(self.save_it)
        form = QFormLayout(self)
        form.addRow(about)
        form.addRow(self.tr("Kertas"), self.paper)
        form.addRow(buttons)

    def chosen_paper(self) -> Paper:
        return Paper(self.paper.currentData())

    def print_it(self) -> None:
        if self.paper_for_report.print(self.report, self, self.chosen_paper()):
            self.accept()

    def save_it(self) -> None:
        if self.paper_for_report.save_pdf(self.report, self.parentWidget(), self.chosen_paper()) is not None:
            self.accept()


def print_conversation(parent: QWidget, services: Services, report_id: int) -> None:
    """Offer the report's *Tanggapan* for printing or as PDF; the report is read on the worker thread."""

    def loaded(report: Report) -> None:
        dialog = ConversationPrintDialog(services.data_dir, report, parent)
        dialog.open()

    def failed(error: Exception) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("document_actions", "Tanggapan tidak dapat dicetak"),
            describe_failure(error, services.data_dir),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("conversationNotLoaded")
        box.open()

    services.run(lambda app: app.reports.get(report_id), loaded, failed, changes=NOTHING)
