"""The report form: what the secretary fills in while the citizen sits across the desk.

Keyboard first (Tab through the fields, Ctrl+S saves the draft, Ctrl+Enter queues),
problems shown in red under the field as the operator types, and typing never lost:
the draft is saved by itself a few seconds after the last change (and at least every
`autosave_max_ms` while typing goes on), and on close through `save_now()`.

The page composes its parts: the fields (`ui.report_inputs`, one table of them),
the saving (`ui.form_saving`, driving the Qt-free `ui.form_save.SaveProtocol`),
the notice above the fields and the page shown after queuing (`ui.form_confirmation`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import Classification, Location, Report, ReportContent, ReportState
from lapor_desktop.errors import FieldErrors
from lapor_desktop.offices.settings import OfficeKind, Settings
from ui.changes import NOTHING, Changes
from ui.form_confirmation import QueuedPage, ReportNotice
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR, Field
from ui.form_saving import FormSaver, ReportHandle
from ui.office_time import format_clock
from ui.report_actions import unqueue
from ui.report_inputs import ReportInputs
from ui.storage_faults import describe_failure

if TYPE_CHECKING:
    from ui.services import Services


def ask_discard_unsaved(parent: QWidget) -> bool:
    """Closing while typing cannot be stored: the operator decides (the default keeps the window)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        parent.tr("Isian belum tersimpan"),
        parent.tr(
            "Laporan yang sedang diisi belum tersimpan karena penyimpanan penuh atau tidak dapat ditulis. "
            "Bila jendela ditutup sekarang, isian itu hilang. Kosongkan ruang disk dulu, lalu tunggu "
            'sampai tertulis "Tersimpan otomatis".'
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    keep = box.addButton(parent.tr("Jangan tutup"), QMessageBox.ButtonRole.RejectRole)
    box.addButton(parent.tr("Tutup dan buang isian"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is not keep


def _default_region(settings: Settings) -> str:
    """The office's own code for a desa; a kecamatan's code and a dot, for the operator to finish."""
    office = settings.office
    if office is None:
        return ""
    return office.region_code if office.kind is OfficeKind.DESA else office.region_code + "."


class ReportFormPage(QWidget):
    saved = Signal(int)  # an explicit "Simpan draf" finished (autosaves only update the status line)
    queued = Signal(int)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        autosave_idle_ms: int = 3000,
        autosave_max_ms: int = 10_000,
        validation_delay_ms: int = 700,
        retry_ms: int = 15_000,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._report: Report | None = None
        self._editable = True
        self._typing_new = False  # the form holds a report begun with "Laporan baru", still being typed
        self._fault_shown = False  # form_message holds a storage fault's message
        self.inputs = ReportInputs(services, validation_delay_ms=validation_delay_ms)
        self.fields = self.inputs.fields
        self.inputs.edited.connect(self._edited)
        self.saver = FormSaver(
            services,
            self.inputs.content,
            idle_ms=autosave_idle_ms,
            max_ms=autosave_max_ms,
            retry_ms=retry_ms,
            parent=self,
        )
        self.saver.saved.connect(self._saved)
        self.saver.save_failed.connect(self._save_failed)
        self.saver.refused.connect(self._refused)
        self.saver.queued.connect(self._queued)
        self.saver.queue_failed.connect(self._queue_failed)
        self.saver.queue_finished.connect(lambda: self._set_busy(False))
        self._build()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        QShortcut(
            QKeySequence("Ctrl+S"),
            self,
            self.save_draft,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(
                QKeySequence(keys),
                self,
                self.queue_report,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self.new_report()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        header.addWidget(self.heading, 1)
        self.save_status = QLabel()
        self.save_status.setStyleSheet(f"color: {HINT_COLOUR};")
        header.addWidget(self.save_status)
        outer.addLayout(header)

        self.notice = ReportNotice()
        self.notice.unqueue_requested.connect(self._unqueue)
        outer.addWidget(self.notice)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.inputs.pinned)  # the consent, under the page: always in view
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.inputs)
        self.stack.addWidget(self.scroll)
        self.confirmation = QueuedPage(self._services)
        self.confirmation.new_requested.connect(self.new_report)
        self._services.changed.connect(self._report_changed)
        self.stack.addWidget(self.confirmation)

        self.button_bar = QWidget()
        bar = QHBoxLayout(self.button_bar)
        bar.setContentsMargins(0, 6, 0, 0)
        self.form_message = QLabel()
        self.form_message.setWordWrap(True)
        self.form_message.setStyleSheet(f"color: {ERROR_COLOUR};")
        bar.addWidget(self.form_message, 1)
        self.save_button = QPushButton(self.tr("Simpan draf (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_draft)
        bar.addWidget(self.save_button)
        self.queue_button = QPushButton(self.tr("Antrekan untuk dikirim (Ctrl+Enter)"))
        self.queue_button.setDefault(True)
        self.queue_button.clicked.connect(self.queue_report)
        bar.addWidget(self.queue_button)
        outer.addWidget(self.button_bar)

        chain = [*self.inputs.tab_chain(), self.save_button, self.queue_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- what the window and the operator ask ------------------------------------------------------

    def current_report_id(self) -> int | None:
        return self.saver.handle.id

    def is_typing_new_report(self) -> bool:
        """A report begun here and not queued yet: *Laporan baru* returns to it, not to a blank form."""
        return self._typing_new and self.stack.currentWidget() is self.scroll

    def has_unsaved_changes(self) -> bool:
        return self.saver.has_unsaved_changes

    def content(self) -> ReportContent:
        """What the form holds now, as typed (the services normalise it before storing)."""
        return self.inputs.content()

    def queue_problems(self) -> dict[str, str]:
        """Everything that stops this report from being queued: ``{field_path: message}``."""
        return self.inputs.queue_problems(dt.date.today())

    def new_report(self) -> None:
        """An empty form (office's region code filled in); the previous report is saved first."""
        self.saver.begin(ReportHandle(), save_typing=self._editable)
        self._typing_new = True
        self._report = None
        region = _default_region(self._services.settings())
        self._show_content(ReportContent(location=Location(region_code=region)))
        self.notice.show_text(None)
        self._set_editable(True)
        self.heading.setText(self.tr("Laporan baru"))
        self.inputs.classification_buttons[Classification.COMPLAINT].setFocus()
        self.scroll.verticalScrollBar().setValue(0)

    def keeps_unsaved_typing(self) -> bool:
        """What is typed exists only in this form: its save failed on the disk and waits for room."""
        return self.saver.waiting_for_storage

    def confirm_close(self) -> bool:
        """Whether the window may close: typing that could not be stored is lost only if the operator agrees."""
        return not self.keeps_unsaved_typing() or ask_discard_unsaved(self)

    def edit_report(self, report_id: int) -> None:
        """Load a stored report into the form; only drafts and reports needing a fix can be changed."""
        if self.keeps_unsaved_typing():
            # Leaving now would drop what is typed: it stays until the disk takes it.
            self.form_message.setText(
                self.tr(
                    "Laporan yang sedang diisi belum tersimpan karena penyimpanan bermasalah. "
                    "Laporan lain dapat dibuka setelah isian ini tersimpan."
                )
            )
            return
        handle = ReportHandle(id=report_id)
        self.saver.begin(handle, save_typing=self._editable)
        self._typing_new = False
        self.notice.show_text(self.tr("Memuat laporan…"))
        self._set_editable(False)

        def failed(error: Exception) -> None:
            if handle is self.saver.handle:
                self.notice.show_text(describe_failure(error, self._services.data_dir))

        self._services.run(
            lambda app: app.reports.get(report_id),
            lambda report: handle is self.saver.handle and self._show_loaded(report),
            failed,
            changes=NOTHING,
        )

    def save_draft(self) -> None:
        """Ctrl+S: save now, and count it as the operator's own save (no "continue draft?" offer)."""
        if self._editable and self.stack.currentWidget() is self.scroll:
            self.saver.save(explicit=True)

    def save_now(self) -> None:
        """Flush the autosave and wait for it: for the window's closeEvent."""
        self.saver.flush(save=self._editable)

    def queue_report(self) -> None:
        """Ctrl+Enter: check the whole report; problems go next to the fields, else save and queue it."""
        if not self._editable or self.stack.currentWidget() is not self.scroll or self.saver.is_queuing:
            return
        if self.inputs.attachments.is_busy():
            self.form_message.setText(self.tr("Tunggu sampai lampiran selesai diproses, lalu antrekan lagi."))
            return
        problems = self.queue_problems()
        if problems:
            self.show_problems(problems, focus=True)
            count = len(problems)
            self.save_status.setText(self.tr("%n bagian perlu diperbaiki sebelum diantrekan.", "", count))
            return
        self.show_problems({}, focus=False)
        # Typing during the queue job would be lost: the job carries the content as it was.
        self._set_busy(True)
        self.saver.queue(self.content())

    def show_problems(self, problems: dict[str, str], *, focus: bool) -> None:
        """Show each message under its field (others above the buttons); optionally focus the first."""
        first, leftovers = self.inputs.show_problems(problems)
        self.form_message.setText("\n".join(leftovers))
        if focus and first is not None:
            self.stack.setCurrentWidget(self.scroll)
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            self.show_field(first)

    def show_field(self, field: Field) -> None:
        """Scroll so the whole field is in view: its control, its explanation and its message
        (the consent's explanation under the check box is what the operator reads out)."""
        widgets = [w for w in field.block if not w.isHidden() or w.sizePolicy().retainSizeWhenHidden()]
        if not widgets or not self.inputs.isAncestorOf(widgets[0]):
            return  # not on the scrolling page (the consent sits under it)
        area = widgets[0].geometry()
        for widget in widgets[1:]:
            area = area.united(widget.geometry())
        top_left = widgets[0].parentWidget().mapTo(self.inputs, area.topLeft())
        margin = 8
        height = min(area.height(), self.scroll.viewport().height() - 2 * margin)
        self.scroll.ensureVisible(top_left.x(), top_left.y() + height // 2, 0, height // 2 + margin)

    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is None or not self.inputs.isAncestorOf(now):
            return
        for field in self.fields.values():
            if field.editor is now or field.editor.isAncestorOf(now):
                # After the scroll area's own "make the focused control visible".
                QTimer.singleShot(0, lambda field=field: self.show_field(field))
                return

    # -- what the saving reports -------------------------------------------------------------------

    def _edited(self) -> None:
        if self._editable:
            self.saver.edited()

    def _saved(self, report: Report, explicit: bool) -> None:
        self._report = report
        self.heading.setText(self.tr("Laporan %1").replace("%1", report.local_ref))
        time = format_clock(dt.datetime.now(dt.UTC), self._services.zone)
        if self._fault_shown:
            self._fault_shown = False
            self.form_message.setText("")
        if explicit:
            self.save_status.setText(self.tr("Draf disimpan pukul %1").replace("%1", time))
            self.saved.emit(report.id)
        else:
            self.save_status.setText(self.tr("Tersimpan otomatis pukul %1").replace("%1", time))

    def _refused(self, problems: dict[str, str], explicit: bool) -> None:
        self.show_problems(problems, focus=explicit)
        self.save_status.setText(self.tr("Draf belum dapat disimpan: perbaiki bagian yang ditandai merah."))

    def _save_failed(self, error: Exception) -> None:
        if isinstance(error, FieldErrors):
            self.show_problems(error.fields, focus=False)
        if self.saver.storage_fault is not None:
            self._fault_shown = True
            self.save_status.setText(
                self.tr("Belum tersimpan: isian tetap di layar dan disimpan otomatis begitu bisa.")
            )
            self.form_message.setText(self.saver.storage_fault.message)
            return
        self.save_status.setText(self.tr("Draf belum tersimpan."))
        self.form_message.setText(describe_failure(error, self._services.data_dir))

    def _queued(self, report: Report) -> None:
        self._report = report
        self.heading.setText(self.tr("Laporan %1").replace("%1", report.local_ref))
        self.save_status.setText("")
        self.notice.show_text(None)  # a request to fix it, now answered, is history
        self.confirmation.show_report(report)
        self.stack.setCurrentWidget(self.confirmation)
        self.button_bar.hide()
        self.inputs.pinned.hide()
        self.confirmation.print_button.setFocus()
        self.queued.emit(report.id)

    def _report_changed(self, changes: Changes) -> None:
        """While the confirmation shows, it follows its report (a sync sent it, LAPOR! refused it)."""
        shown = self.confirmation.report
        if self.stack.currentWidget() is not self.confirmation or shown is None or not changes.reports:
            return
        report_id = shown.id

        def reloaded(report: Report) -> None:
            if self.confirmation.report is not None and self.confirmation.report.id == report_id:
                self.confirmation.show_report(report)

        self._services.run(
            lambda app: app.reports.get(report_id), reloaded, lambda _error: None, changes=NOTHING
        )

    def _queue_failed(self, error: Exception) -> None:
        if isinstance(error, FieldErrors):
            self.show_problems(error.fields, focus=True)
        else:
            self.form_message.setText(describe_failure(error, self._services.data_dir))

    # -- showing a report --------------------------------------------------------------------------

    def _show_content(self, content: ReportContent) -> None:
        self.inputs.fill(content)
        self.saver.loaded()
        self.save_status.setText("")
        self.form_message.setText("")
        self.stack.setCurrentWidget(self.scroll)
        self.button_bar.show()
        self.inputs.pinned.show()

    def _show_loaded(self, report: Report) -> None:
        self._report = report
        self._show_content(report.content)
        self.heading.setText(self.tr("Laporan %1").replace("%1", report.local_ref))
        editable = self.notice.show_report(report)
        self._set_editable(editable)
        if report.state is ReportState.NEEDS_FIX:
            self.show_problems(report.fix_messages, focus=True)
        elif editable:
            self.inputs.title_edit.setFocus()

    def _set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.inputs.setEnabled(not busy and self._editable)
        self.inputs.pinned.setEnabled(not busy and self._editable)
        self.queue_button.setEnabled(not busy and self._editable)
        self.save_button.setEnabled(not busy and self._editable)

    def _unqueue(self) -> None:
        handle = self.saver.handle
        if handle.id is None:
            return
        unqueue(
            self._services,
            handle.id,
            self,
            lambda report: handle is self.saver.handle and self._show_loaded(report),
        )
