"""Printing a report's paper, or saving it as PDF, from any page: the receipt and the agency's answer.

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

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lapor_desktop.domain import Report
from lapor_desktop.offices.settings import Paper, Settings, load_settings, update_settings
from ui.document_render import Document, lay_out, write_pdf
from ui.receipt import default_pdf_name, receipt_document, responses_document


class PaperKind(StrEnum):
    RECEIPT = "receipt"
    ANSWER = "answer"


_FILE_PREFIXES = {PaperKind.RECEIPT: "Tanda-terima", PaperKind.ANSWER: "Jawaban-instansi"}
_MAKERS: dict[PaperKind, Callable[..., Document]] = {
    PaperKind.RECEIPT: receipt_document,
    PaperKind.ANSWER: responses_document,
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
        return _MAKERS[self.kind](report, settings, chosen), chosen

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
