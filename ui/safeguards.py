"""What watches over the office's data while the window runs.

- Storage faults: the first failed write of an episode (`ui.storage_faults`)
  gets one window-modal dialog saying what happened and what still works;
  repeats (the form retrying) only update the status bar, and the write that
  succeeds again says so there. A storage fault that escapes a slot (a list
  page reading a page-corrupted database) is caught on its way to
  `sys.excepthook` (other errors go on to the hook before ours): no
  traceback, and a corrupt database gets the restore dialog of start-up.
- At start (once the first page is on screen) and every hour, on a worker:
  a read-only or full disk is told before the operator types a whole report;
  the day's local snapshot is taken if none exists yet; and the reminder to
  back up to a flashdisk (reports waiting, last flashdisk backup older than
  7 days) shows as a banner with a button to *Pengaturan* › *Cadangan*.

Snapshots and the reminder concern the real office, never practice data.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from lapor_desktop.storage.faults import FaultKind, StorageFault, check_writable, classify
from ui.restart import Restart
from ui.storage_fault_dialog import EXIT_STORAGE_FAULT, Outcome, StorageFaultDialog, fault_title

if TYPE_CHECKING:
    from lapor_desktop.backup.reminder import BackupReminder
    from lapor_desktop.backup.snapshots import Snapshot
    from ui.main_window import MainWindow

CHECK_EVERY_MS = 60 * 60 * 1000
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    unwritable: StorageFault | None  # a read-only or full disk, found before any write failed
    snapshot: Snapshot | None  # taken now (None: today's exists, or none was possible)
    snapshot_fault: StorageFault | None
    reminder: BackupReminder | None


def run_checks(data_dir: Path, base_dir: Path, *, remind: bool) -> CheckResult:
    """The periodic checks (worker thread): writable disk, the day's snapshot, the reminder."""
    from lapor_desktop.backup.reminder import backup_reminder
    from lapor_desktop.backup.snapshots import take_snapshot_if_due

    unwritable = check_writable(data_dir)
    snapshot = snapshot_fault = None
    if check_writable(base_dir) is None:
        try:
            snapshot = take_snapshot_if_due(base_dir)
        except Exception as error:
            snapshot_fault = classify(error, base_dir)
            if snapshot_fault is None:
                raise
    reminder = backup_reminder(base_dir) if remind else None
    return CheckResult(unwritable, snapshot, snapshot_fault, reminder)


def what_still_works(kind: FaultKind) -> str:
    if kind in (FaultKind.CORRUPT, FaultKind.DATABASE_LOST):
        return QCoreApplication.translate(
            "Safeguards",
            "Buka Pengaturan › Cadangan untuk memulihkan dari cadangan terbaru; data yang sekarang "
            "disisihkan, tidak dihapus.",
        )
    return QCoreApplication.translate(
        "Safeguards",
        "Yang tetap bisa: melihat daftar, mencari, membuka dan mencetak laporan. Isian formulir tetap di "
        "layar dan tersimpan otomatis begitu penyimpanan bisa ditulis lagi.",
    )


class Safeguards(QObject):
    def __init__(self, window: MainWindow, *, check_every_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(window)
        from lapor_desktop.offices.training import base_data_dir, is_training_dir

        self.window = window
        self.services = window.services
        self.base_dir = base_data_dir(self.services.data_dir)
        self.training = is_training_dir(self.services.data_dir)
        self.fault_box: QMessageBox | StorageFaultDialog | None = None
        self.exit_code = 0  # the app's exit code when the operator leaves over a corrupt database
        self.reminder: BackupReminder | None = None
        self.last_snapshot: Snapshot | None = None
        self._checking = False
        self._timer = QTimer(self, interval=check_every_ms)
        self._timer.timeout.connect(self.check)
        faults = self.services.faults
        faults.began.connect(self._fault_began)
        faults.repeated.connect(self._fault_repeated)
        faults.ended.connect(self._fault_ended)
        window.banner.action_requested.connect(self._banner_action)
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook

    def _excepthook(self, kind: type[BaseException], error: BaseException, trace: object) -> None:
        fault = classify(error, self.services.data_dir)
        if fault is None:
            self._previous_hook(kind, error, trace)  # type: ignore[arg-type]
            return
        log.warning("a storage fault stopped a step of the window: %s", fault.kind.value)
        self.services.faults.found(fault)

    def start(self) -> None:
        """Once the first page is on screen: check now, then every hour."""
        self.check()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook

    def check(self) -> None:
        if self._checking:
            return
        self._checking = True
        data_dir, base_dir, remind = self.services.data_dir, self.base_dir, not self.training

        def done(result: CheckResult) -> None:
            self._checking = False
            self._checked(result)

        def failed(error: Exception) -> None:
            self._checking = False
            log.warning("safeguard check failed: %s", type(error).__name__)

        self.services.run_background(lambda: run_checks(data_dir, base_dir, remind=remind), done, failed)

    def _checked(self, result: CheckResult) -> None:
        faults = self.services.faults
        if result.unwritable is not None:
            faults.found(result.unwritable)
        elif faults.current is not None and faults.current.writing_only:
            self.services.release_reads()  # opened while the disk was full: may hold the file alone
            faults.succeeded()  # room again, and no write pending to prove it
        if result.snapshot is not None:
            self.last_snapshot = result.snapshot
            log.info("snapshot taken: %s", result.snapshot.path.name)
        if result.snapshot_fault is not None:
            log.warning("snapshot postponed: %s", result.snapshot_fault.kind.value)
        self.show_reminder(result.reminder)

    # -- the reminder -------------------------------------------------------------------------------

    def show_reminder(self, reminder: BackupReminder | None) -> None:
        banner = self.window.banner
        if reminder is not None:
            banner.show_notice(
                reminder.message, QCoreApplication.translate("Safeguards", "Buat cadangan"), "warning"
            )
        elif self.reminder is not None and banner.label.text() == self.reminder.message:
            banner.hide()
        self.reminder = reminder

    def backup_made(self) -> None:
        """A flashdisk backup was written: the reminder goes (checked again on the worker)."""
        self.check()

    def _banner_action(self) -> None:
        # The window opens Pengaturan for any banner; for the reminder, also the backup section.
        if self.reminder is not None and self.window.banner.label.text() == self.reminder.message:
            box = getattr(self.window.settings_page(), "backup_box", None)
            if box is not None:
                box.reveal()
                box.create_button.setFocus()

    # -- storage faults -----------------------------------------------------------------------------

    def _status(self, fault: StorageFault) -> None:
        """A short line in the status bar (the whole message in its tooltip and the dialog)."""
        self.window.status.show_message(
            QCoreApplication.translate("Safeguards", "{0}: perubahan belum tersimpan").format(
                fault_title(fault.kind)
            )
        )
        self.window.status.message_label.setToolTip(fault.message)

    def _fault_began(self, fault: StorageFault) -> None:
        log.warning("writing failed: %s", fault.kind.value)
        self._status(fault)
        if not fault.writing_only:
            self._database_fault(fault)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            fault_title(fault.kind),
            fault.message,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("storageFaultNotice")
        box.setInformativeText(what_still_works(fault.kind))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.fault_box = box

    def _database_fault(self, fault: StorageFault) -> None:
        """The database is corrupt: restore (the window closes for it) or leave with exit code 1."""
        dialog = StorageFaultDialog(fault, self.services.data_dir, self.window, in_window=True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _result: self._database_dialog_closed(dialog))
        dialog.open()
        self.fault_box = dialog

    def _database_dialog_closed(self, dialog: StorageFaultDialog) -> None:
        from ui.backup_dialogs import restore_then_report

        request = dialog.request
        if dialog.outcome is Outcome.RESTORED and request is not None:
            self.window.restart(Restart(then=lambda: restore_then_report(request), reason="restore"))
            return
        self.exit_code = EXIT_STORAGE_FAULT
        self.window.close()

    def _fault_repeated(self, fault: StorageFault) -> None:
        self._status(fault)

    def _fault_ended(self) -> None:
        log.info("writing works again")
        self.window.status.show_message(
            QCoreApplication.translate("Safeguards", "Penyimpanan dapat ditulis lagi.")
        )
