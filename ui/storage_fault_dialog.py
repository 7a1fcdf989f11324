"""The office cannot be opened: the database is lost or corrupt, or the disk refuses writing.

`open_guarded` wraps opening an office in the start-up loop (`ui.main`). A
`StorageFault` (or any error `classify` recognises as one) never ends in a
traceback: the operator gets a dialog in Bahasa Indonesia saying what
happened and what to do, with the way out that fits:

- a lost or corrupt database: restore the newest backup (a local snapshot,
  or the last backup file written to a flashdisk if it is plugged in), or
  choose a backup file; the data replaced is set aside, never deleted;
- a full, read-only or failing disk: try again once it is fixed.

Leaving the dialog otherwise ends the app with exit code 1. Nothing of the
error's own text reaches the screen or the log (it may carry personal data).

The same dialog serves a database found corrupt while the window runs (a
list that cannot be read, see `ui.safeguards`): there (`in_window`) it only
asks what to restore; the window then closes and the start-up loop restores
with every connection closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from lapor_desktop.storage.faults import FaultKind, StorageFault, classify
from ui import backup_dialogs
from ui.backup_dialogs import RestoreRequest

EXIT_STORAGE_FAULT = 1

T = TypeVar("T")
log = logging.getLogger(__name__)


def fault_title(kind: FaultKind) -> str:
    return {
        FaultKind.DISK_FULL: QCoreApplication.translate("StorageFaultDialog", "Penyimpanan penuh"),
        FaultKind.DISK_ERROR: QCoreApplication.translate("StorageFaultDialog", "Disk gagal menulis"),
        FaultKind.READ_ONLY: QCoreApplication.translate(
            "StorageFaultDialog", "Folder data tidak dapat ditulis"
        ),
        FaultKind.CORRUPT: QCoreApplication.translate("StorageFaultDialog", "Basis data laporan rusak"),
        FaultKind.DATABASE_LOST: QCoreApplication.translate(
            "StorageFaultDialog", "Basis data laporan hilang"
        ),
    }[kind]


class Outcome(StrEnum):
    RESTORED = "restored"  # a backup is in place: open the office again
    RETRY = "retry"  # the operator fixed the disk: open the office again
    QUIT = "quit"


class StorageFaultDialog(QDialog):
    def __init__(
        self, fault: StorageFault, data_dir: Path, parent: QWidget | None = None, *, in_window: bool = False
    ) -> None:
        super().__init__(parent)
        self.fault = fault
        self.data_dir = data_dir
        self.in_window = in_window
        self.outcome = Outcome.QUIT
        self.request: RestoreRequest | None = None  # in the window: what to restore once it closed
        self.setObjectName("storageFaultDialog")
        self.setWindowTitle(
            QCoreApplication.translate("StorageFaultDialog", "LAPOR! Desa: data tidak dapat dibuka")
        )
        self.setMinimumWidth(620)
        title = QLabel(fault_title(fault.kind))
        title.setObjectName("pageTitle")
        self.message = QLabel(fault.message)
        self.message.setObjectName("storageFaultMessage")
        self.message.setWordWrap(True)
        self.backup_note = QLabel()
        self.backup_note.setObjectName("storageFaultBackup")
        self.backup_note.setWordWrap(True)
        self.result_note = QLabel()
        self.result_note.setObjectName("fieldError")
        self.result_note.setWordWrap(True)
        self.result_note.hide()

        buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        self.choose_button: QPushButton | None = None
        self.retry_button: QPushButton | None = None
        if fault.kind in (FaultKind.CORRUPT, FaultKind.DATABASE_LOST):
            if fault.restore_from is not None:
                self.restore_button = buttons.addButton(
                    QCoreApplication.translate("StorageFaultDialog", "Pulihkan cadangan terbaru…"),
                    QDialogButtonBox.ButtonRole.ActionRole,
                )
                self.restore_button.setObjectName("restoreNewest")
                self.restore_button.clicked.connect(self.restore_newest)
                self.backup_note.setText(self._newest_text(fault.restore_from))
            else:
                self.backup_note.setText(
                    QCoreApplication.translate(
                        "StorageFaultDialog",
                        "Tidak ada snapshot otomatis di komputer ini. Pilih berkas cadangan dari flashdisk.",
                    )
                )
            self.choose_button = buttons.addButton(
                QCoreApplication.translate("StorageFaultDialog", "Pilih berkas cadangan…"),
                QDialogButtonBox.ButtonRole.ActionRole,
            )
            self.choose_button.setObjectName("chooseBackup")
            self.choose_button.clicked.connect(self.choose_backup)
        else:
            self.retry_button = buttons.addButton(
                QCoreApplication.translate("StorageFaultDialog", "Coba lagi"),
                QDialogButtonBox.ButtonRole.ActionRole,
            )
            self.retry_button.setObjectName("retryOpen")
            self.retry_button.clicked.connect(self._retry)
            self.backup_note.setText(
                QCoreApplication.translate(
                    "StorageFaultDialog",
                    "Laporan yang sudah tersimpan tetap aman. Setelah masalah disk diatasi, tekan Coba lagi.",
                )
            )
        self.quit_button = buttons.addButton(
            QCoreApplication.translate("StorageFaultDialog", "Keluar"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setObjectName("quitApp")
        self.quit_button.clicked.connect(self.reject)
        where = QLabel(QCoreApplication.translate("StorageFaultDialog", "Folder data: {0}").format(data_dir))
        where.setObjectName("fieldHint")
        where.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(self.backup_note)
        layout.addWidget(self.result_note)
        layout.addWidget(where)
        layout.addWidget(buttons)

    def _newest_text(self, source: Path) -> str:
        if source.is_dir():
            from lapor_desktop.backup.snapshots import Snapshot, list_snapshots

            found: Snapshot | None = next(
                (s for s in list_snapshots(self.data_dir) if s.path == source), None
            )
            if found is not None:
                try:
                    manifest = found.manifest()
                    return QCoreApplication.translate(
                        "StorageFaultDialog", "Cadangan terbaru: snapshot otomatis {0}."
                    ).format(backup_dialogs.describe_manifest(manifest))
                except (OSError, ValueError):
                    pass
            return QCoreApplication.translate(
                "StorageFaultDialog", "Cadangan terbaru: snapshot otomatis {0}."
            ).format(source.name)
        return QCoreApplication.translate(
            "StorageFaultDialog", "Cadangan terbaru: berkas {0} (kata sandinya diperlukan)."
        ).format(source)

    def _retry(self) -> None:
        self.outcome = Outcome.RETRY
        self.accept()

    def restore_newest(self) -> None:
        if self.fault.restore_from is not None:
            self.restore_from(self.fault.restore_from)

    def choose_backup(self) -> None:
        source = backup_dialogs.ask_backup_source(self)
        if source is not None:
            self.restore_from(source)

    def restore_from(self, source: Path) -> None:
        """Ask what restoring needs (passphrase, confirmation), restore, and close on success."""
        passphrase = None
        if not source.is_dir():
            passphrase = backup_dialogs.ask_passphrase(self, source)
            if passphrase is None:
                return
        label = (
            QCoreApplication.translate("StorageFaultDialog", "snapshot {0}").format(source.name)
            if source.is_dir()
            else QCoreApplication.translate("StorageFaultDialog", "berkas {0}").format(source.name)
        )
        if not backup_dialogs.confirm(
            self,
            QCoreApplication.translate("StorageFaultDialog", "Pulihkan cadangan?"),
            backup_dialogs.restore_warning(self.data_dir, label),
            QCoreApplication.translate("StorageFaultDialog", "Pulihkan"),
        ):
            return
        request = RestoreRequest(source, self.data_dir, passphrase)
        if self.in_window:
            self.request = request
            self.outcome = Outcome.RESTORED
            self.accept()
            return
        restored = self._restore(request)
        if restored is None:
            return
        backup_dialogs.tell(
            self,
            QCoreApplication.translate("StorageFaultDialog", "Cadangan dipulihkan"),
            backup_dialogs.restored_message(restored),
        )
        self.outcome = Outcome.RESTORED
        self.accept()

    def _restore(self, request: RestoreRequest) -> object | None:
        from lapor_desktop.backup.archive import ArchiveError
        from lapor_desktop.backup.restore import OtherOffice

        try:
            return backup_dialogs.restore_with_progress(self, request)
        except OtherOffice as other:
            if not backup_dialogs.confirm(
                self,
                QCoreApplication.translate("StorageFaultDialog", "Cadangan kantor lain"),
                backup_dialogs.other_office_warning(other.backup.label(), other.current.label()),
                QCoreApplication.translate("StorageFaultDialog", "Tetap pulihkan"),
            ):
                return None
            return self._restore(
                RestoreRequest(request.source, request.data_dir, request.passphrase, allow_other_office=True)
            )
        except ArchiveError as refused:
            self._show_problem(str(refused))
        except Exception as error:
            fault = classify(error, self.data_dir)
            if fault is None:
                raise
            log.warning("restore failed: %s", fault.kind.value)
            self._show_problem(fault.message)
        return None

    def _show_problem(self, text: str) -> None:
        self.result_note.setText(
            QCoreApplication.translate(
                "StorageFaultDialog", "Pemulihan tidak berhasil, tidak ada yang diubah: {0}"
            ).format(text)
        )
        self.result_note.show()

    def run(self) -> Outcome:
        self.exec()
        return self.outcome


def open_guarded(
    data_dir: Path,
    open_office: Callable[[], T],
    *,
    before_dialog: Callable[[], None] = lambda: None,
    ask: Callable[[StorageFault, Path], Outcome] | None = None,
) -> T | Outcome:
    """`open_office()`, or, when it fails on storage, the operator's way out (`Outcome`).

    Errors that are not storage faults propagate unchanged.
    """
    try:
        return open_office()
    except Exception as error:
        fault = classify(error, data_dir)
        if fault is None:
            raise
        before_dialog()
        log.warning("the office could not be opened: %s", fault.kind.value)
        return (ask or _ask)(fault, data_dir)


def _ask(fault: StorageFault, data_dir: Path) -> Outcome:
    return StorageFaultDialog(fault, data_dir).run()
