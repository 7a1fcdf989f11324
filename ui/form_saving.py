"""The report form's saving: the autosave timers and the jobs on the writer thread, driving `SaveProtocol`.

The report being edited is a `ReportHandle` shared with the queued jobs: the
first save creates the report and stores its id there, so a later job
(another save, queuing) that was submitted before the id came back still
updates the same report instead of creating a second one. Results for a
handle the form has since left update the protocol only, never the page.

A save that failed on a full or read-only disk (a storage fault) is tried
again every `retry_ms` until it lands, besides the next edit and Ctrl+S:
what was typed stays in the form meanwhile, and `storage_fault` says why it
is not stored yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from lapor_desktop.domain import Report, ReportContent, ReportState
from lapor_desktop.reports.validation import normalize_content, validate_draft
from lapor_desktop.storage.faults import StorageFault, classify
from ui.changes import NOTHING, Changes
from ui.drafts import clear_unfinished, mark_unfinished
from ui.form_save import SaveJob, SaveProtocol, SaveState

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from ui.services import Services

# Queuing takes a draft or a report that needed a fix into the outbox.
QUEUED = Changes.of_reports((ReportState.DRAFT, ReportState.NEEDS_FIX, ReportState.QUEUED))


@dataclass
class ReportHandle:
    """The report the form edits, shared with the jobs queued on the writer thread."""

    id: int | None = None
    marked: bool = False  # the unfinished-draft marker names this report


class FormSaver(QObject):
    """Saves what `content()` returns: after a pause in typing, every `max_ms` while typing goes on,
    on Ctrl+S, and before the form leaves a report. Signals concern the current report only."""

    saved = Signal(object, bool)  # Report, explicit
    save_failed = Signal(object)  # Exception
    refused = Signal(object, bool)  # {path: message}: the draft cannot be stored as typed; explicit
    queued = Signal(object)  # Report
    queue_failed = Signal(object)  # Exception
    queue_finished = Signal()  # whichever report it was for, before `queued` or `queue_failed`

    def __init__(
        self,
        services: Services,
        content: Callable[[], ReportContent],
        *,
        idle_ms: int,
        max_ms: int,
        retry_ms: int = 15_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._content = content
        self.protocol = SaveProtocol()
        self.handle = ReportHandle()
        # Why the typing of the current report is not stored yet, while writing fails.
        self.storage_fault: StorageFault | None = None
        self._idle_timer = QTimer(self, singleShot=True, interval=idle_ms)
        self._idle_timer.timeout.connect(self._autosave)
        self._max_timer = QTimer(self, singleShot=True, interval=max_ms)
        self._max_timer.timeout.connect(self._autosave)
        self.retry_timer = QTimer(self, singleShot=True, interval=retry_ms)
        self.retry_timer.timeout.connect(self._retry)

    @property
    def has_unsaved_changes(self) -> bool:
        return self.protocol.has_unsaved_changes

    @property
    def is_queuing(self) -> bool:
        return self.protocol.state is SaveState.QUEUING

    @property
    def waiting_for_storage(self) -> bool:
        """Typing is kept only in the form: its save failed on the disk and is being retried."""
        return self.storage_fault is not None and self.protocol.has_unsaved_changes

    def edited(self) -> None:
        self.protocol.edited()
        self._idle_timer.start()
        if not self._max_timer.isActive():
            self._max_timer.start()

    def begin(self, handle: ReportHandle, *, save_typing: bool) -> None:
        """Leave the current report for `handle`: what is typed is saved first (if `save_typing`),
        and the "continue draft?" marker goes, as leaving a report is deliberate."""
        self._stop_timers()
        if save_typing and self.protocol.dirty:
            if self.protocol.save_running:
                # A follow-up would read the next report's fields: save this one's now, behind the
                # running save (one writer keeps the order, and the shared handle has its id by then).
                self._parting_save()
            else:
                self._start(self.protocol.request_save(explicit=False))
        left = self.handle
        if left.id is not None or self.protocol.save_running:
            data_dir = self._services.data_dir
            self._services.run(
                lambda _app: clear_unfinished(data_dir, left.id) if left.id is not None else None,
                changes=NOTHING,
            )
        self.protocol.left()
        self.handle = handle
        self.storage_fault = None

    def loaded(self) -> None:
        """The form now shows other content, none of it typed."""
        self._stop_timers()
        self.protocol.loaded()
        self.storage_fault = None

    def save(self, *, explicit: bool) -> None:
        self._stop_timers()
        self._start(self.protocol.request_save(explicit=explicit))

    def flush(self, *, save: bool) -> None:
        """Save what is typed (if `save`) and wait for the saves (closing the window)."""
        if save and self.protocol.dirty:
            self.save(explicit=False)
        for _ in range(3):
            self._services.wait()
            # Deliver the finished job's callback, which may start the follow-up save of newer typing.
            QCoreApplication.processEvents()
            if not self.protocol.save_running:
                break

    def queue(self, content: ReportContent) -> None:
        """Store `content` and queue it, after any save still running (the writer keeps the order)."""
        self._stop_timers()
        self.protocol.queue_started()
        handle = self.handle
        data_dir = self._services.data_dir

        def work(app: App) -> Report:
            if handle.id is None:
                report = app.reports.create(content, queue=True)
                handle.id = report.id
            else:
                app.reports.update(handle.id, content)
                report = app.reports.queue(handle.id)
            clear_unfinished(data_dir)
            handle.marked = False
            return report

        def done(report: Report) -> None:
            self.protocol.queue_finished(queued=True)
            self.queue_finished.emit()
            if handle is self.handle:
                self.queued.emit(report)

        def failed(error: Exception) -> None:
            self.protocol.queue_finished(queued=False)
            self.queue_finished.emit()
            if handle is self.handle:
                self.queue_failed.emit(error)

        self._services.run(work, done, failed, changes=QUEUED)

    # -- inside ----------------------------------------------------------------------------------

    def _stop_timers(self) -> None:
        self._idle_timer.stop()
        self._max_timer.stop()
        self.retry_timer.stop()

    def _retry(self) -> None:
        """After a storage fault: try the same typing again (an edit or Ctrl+S may have done so already)."""
        if self.protocol.state is SaveState.FAILED and self.protocol.dirty:
            self._services.release_reads()
            self._start(self.protocol.request_save(explicit=False))

    def _autosave(self) -> None:
        self._stop_timers()
        if self.protocol.autosave_due():
            self._start(self.protocol.request_save(explicit=False))

    def _start(self, job: SaveJob | None) -> None:
        if job is None:
            return
        content = self._content()
        problems = validate_draft(normalize_content(content))
        if problems:
            self.protocol.save_refused(job)
            self.refused.emit(problems, job.explicit)
            return
        handle = self.handle

        def done(report: Report) -> None:
            follow_up = self.protocol.save_succeeded(job)
            if handle is self.handle:
                self.storage_fault = None
                self.saved.emit(report, job.explicit)
            self._start(follow_up)

        def failed(error: Exception) -> None:
            self.protocol.save_failed(job)
            if handle is not self.handle:
                return
            fault = classify(error, self._services.data_dir)
            self.storage_fault = fault
            if fault is not None and self.protocol.state is SaveState.FAILED:
                self.retry_timer.start()
            self.save_failed.emit(error)

        self._submit(handle, content, job.explicit, done, failed)

    def _parting_save(self) -> None:
        content = self._content()
        if not validate_draft(normalize_content(content)):
            self._submit(self.handle, content, False, lambda _report: None, lambda _error: None)

    def _submit(
        self,
        handle: ReportHandle,
        content: ReportContent,
        explicit: bool,
        done: Callable[[Report], None],
        failed: Callable[[Exception], None],
    ) -> None:
        data_dir = self._services.data_dir

        def work(app: App) -> Report:
            if handle.id is None:
                report = app.reports.create(content)
                handle.id = report.id
            else:
                report = app.reports.update(handle.id, content)
            if explicit:
                clear_unfinished(data_dir, report.id)
                handle.marked = False
            elif not handle.marked:
                mark_unfinished(data_dir, report.id)
                handle.marked = True
            return report

        # A draft's content shows in *Semua laporan*; a report that needed a fix also in the outbox.
        self._services.run(work, done, failed, changes=lambda report: Changes.of_reports((report.state,)))
