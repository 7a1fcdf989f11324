"""*Catat tanggapan pelapor*: the citizen's answer to LAPOR!, recorded offline like a report.

The citizen comes to the office (or phones) with what LAPOR! asked for, or to
say the road is still broken. The dialog shows what they answer, takes the
text and, optionally, photos or a PDF, and saves it through the core's
`ReplyService` on the writer thread: the core validates it (the same rules
the CLI meets) and queues it for the outbox. A refusal is shown field by field
and nothing closes; a refused earlier reply can be copied in to be corrected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import Reply, Report, ResponseRole
from lapor_desktop.errors import FieldErrors
from lapor_desktop.replies.service import MAX_TEXT
from lapor_desktop.reports.validation import MAX_ATTACHMENTS
from ui.attachments_widget import format_size
from ui.changes import REPLIES
from ui.field_editors import LongTextEditor
from ui.form_fields import ErrorLabel, hint_label

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from ui.services import Services

FILE_FILTER = "*.jpg *.jpeg *.png *.pdf"


class ReplyDialog(QDialog):
    """Record one reply to `report`; `saved` holds the queued reply once it is stored."""

    def __init__(self, services: Services, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._report = report
        self.saved: Reply | None = None
        self._paths: list[Path] = []
        self.setWindowTitle(self.tr("Catat tanggapan pelapor"))
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)

        heading = QLabel(
            self.tr("Laporan %1: %2").replace("%1", report.local_ref).replace("%2", report.content.title)
        )
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        column.addWidget(heading)
        self.context = QLabel(self._context_text(report))
        self.context.setObjectName("replyContext")
        self.context.setWordWrap(True)
        self.context.setTextFormat(Qt.TextFormat.PlainText)
        self.context.setStyleSheet("color: #3c2f00; background: #fff4e5; padding: 6px;")
        self.context.setVisible(bool(self.context.text()))
        column.addWidget(self.context)

        column.addWidget(QLabel(self.tr("Tanggapan pelapor")))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(
            self.tr("Tulis apa yang disampaikan pelapor, dengan kata-katanya sendiri.")
        )
        self.text_edit.setMinimumHeight(130)
        self.text = LongTextEditor(self.text_edit, MAX_TEXT)
        column.addWidget(self.text.widget)
        self.text_error = ErrorLabel()
        column.addWidget(self.text_error)

        files_row = QHBoxLayout()
        files_row.addWidget(QLabel(self.tr("Lampiran (boleh kosong)")))
        files_row.addStretch(1)
        self.add_button = QPushButton(self.tr("Tambah foto atau PDF…"))
        self.add_button.clicked.connect(self.choose_files)
        files_row.addWidget(self.add_button)
        self.remove_button = QPushButton(self.tr("Hapus"))
        self.remove_button.clicked.connect(self._remove_selected)
        files_row.addWidget(self.remove_button)
        column.addLayout(files_row)
        self.files = QListWidget()
        self.files.setMaximumHeight(110)
        self.files.currentRowChanged.connect(lambda _row: self._update_buttons())
        column.addWidget(self.files)
        column.addWidget(
            hint_label(
                self.tr(
                    "Foto (JPEG atau PNG) atau PDF, paling banyak %1 berkas, masing-masing paling besar 5 MB."
                ).replace("%1", str(MAX_ATTACHMENTS))
            )
        )
        self.files_error = ErrorLabel()
        column.addWidget(self.files_error)
        self.error = ErrorLabel()
        column.addWidget(self.error)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Simpan dan antrekan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._update_buttons()

    def _context_text(self, report: Report) -> str:
        question = report.question
        if question is not None:
            return self.tr("LAPOR! meminta keterangan tambahan: %1").replace("%1", question.text)
        answers = [r for r in report.responses if r.role is not ResponseRole.REPORTER]
        if answers:
            return (
                self.tr("Jawaban terakhir dari %1: %2")
                .replace("%1", answers[-1].author)
                .replace("%2", answers[-1].text)
            )
        return ""

    # -- files ---------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Pilih foto atau PDF"),
            str(Path.home()),
            self.tr("Foto atau PDF (%1)").replace("%1", FILE_FILTER),
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path in self._paths:
                continue
            self._paths.append(path)
            try:
                size = format_size(path.stat().st_size)
            except OSError:
                size = "?"
            item = QListWidgetItem(f"{path.name} ({size})")
            item.setToolTip(str(path))
            self.files.addItem(item)
        self._update_buttons()

    def attachment_paths(self) -> list[Path]:
        return list(self._paths)

    def _remove_selected(self) -> None:
        row = self.files.currentRow()
        if row >= 0:
            self.files.takeItem(row)
            del self._paths[row]
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self._paths) < MAX_ATTACHMENTS)
        self.remove_button.setEnabled(self.files.currentRow() >= 0)
        self.files.setVisible(bool(self._paths))

    # -- saving ----------------------------------------------------------------------------------------

    def prefill(self, text: str) -> None:
        """Start from an earlier reply's text (one LAPOR! refused), to be corrected."""
        self.text.set_value(text)

    def save(self) -> None:
        """Validate and queue on the writer thread; the dialog closes when it is stored."""
        report_id, text, paths = self._report.id, self.text.value(), self.attachment_paths()
        self._set_busy(True)
        record: Callable[[App], Reply] = lambda app: app.replies.record(report_id, text, paths)  # noqa: E731
        self._services.run(record, self._saved, self._refused, changes=REPLIES)

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.save_button.setText(self.tr("Menyimpan…") if busy else self.tr("Simpan dan antrekan"))

    def _saved(self, reply: Reply) -> None:
        self.saved = reply
        self._set_busy(False)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        for label in (self.text_error, self.files_error, self.error):
            label.show_message(None)
        if not isinstance(error, FieldErrors):
            self.error.show_message(str(error))  # a storage fault has its own dialog too
            return
        leftovers = []
        for path, message in error.fields.items():
            if path == "text":
                self.text_error.show_message(message)
            elif path.startswith("attachments"):
                self.files_error.show_message(message)
            else:
                leftovers.append(message)
        self.error.show_message("\n".join([error.summary, *leftovers]) if leftovers else None)
        if "text" in error.fields:
            self.text_edit.setFocus()
