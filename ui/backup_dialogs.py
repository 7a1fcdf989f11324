"""The questions a backup asks (passphrase, file, confirmations) and restoring with the office closed.

Shared by *Pengaturan* › *Cadangan* (`ui.backup_box`) and the dialog shown when
the database is lost or corrupt at start-up (`ui.storage_fault_dialog`). Each
question is a module-level function, so tests answer it as the operator would.

Restoring replaces the data dir, so it never runs while the office is open:
the settings page closes the window and the start-up loop runs
`restore_with_progress` before it opens the office again; the start-up dialog
runs it before the office was ever opened. The data it replaces is set aside
by `backup.restore.restore_backup`, never deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ui.form_fields import ERROR_COLOUR
from ui.operations import Runner

if TYPE_CHECKING:
    from lapor_desktop.backup.contents import Manifest
    from lapor_desktop.backup.restore import Restored

BACKUP_SUFFIX = ".lapor"
MIN_PASSPHRASE_LENGTH = 8  # as `backup.archive.MIN_PASSPHRASE_LENGTH`, without importing `cryptography`


def backup_filter() -> str:
    return QCoreApplication.translate(
        "BackupDialogs", "Berkas cadangan LAPOR Desa (*.lapor);;Semua berkas (*)"
    )


# -- questions ---------------------------------------------------------------------------------


class PassphraseDialog(QDialog):
    """The backup's passphrase: typed twice for a new backup, once to read one."""

    def __init__(self, parent: QWidget | None, *, new: bool, file_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.new = new
        self.setWindowTitle(QCoreApplication.translate("BackupDialogs", "Kata sandi cadangan"))
        self.setMinimumWidth(460)
        intro = QLabel(
            QCoreApplication.translate(
                "BackupDialogs",
                "Cadangan dikunci dengan kata sandi ini. Catat dan simpan di tempat aman, terpisah dari "
                "flashdisk: tanpa kata sandi, cadangan tidak dapat dipulihkan oleh siapa pun.",
            )
            if new
            else QCoreApplication.translate(
                "BackupDialogs", "Ketik kata sandi yang dipakai saat cadangan {0} dibuat."
            ).format(file_name)
        )
        intro.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setObjectName("passphraseAgain")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        show = QCheckBox(QCoreApplication.translate("BackupDialogs", "Tampilkan kata sandi"))
        show.toggled.connect(self._show)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("BackupDialogs", "Kata sandi"), self.first)
        if new:
            form.addRow(QCoreApplication.translate("BackupDialogs", "Ulangi kata sandi"), self.second)
        else:
            self.second.hide()
        buttons = QDialogButtonBox()
        ok = buttons.addButton(
            QCoreApplication.translate("BackupDialogs", "Lanjutkan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        ok.setDefault(True)
        buttons.addButton(
            QCoreApplication.translate("BackupDialogs", "Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(show)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def problem(self) -> str | None:
        """Why the passphrase typed cannot be used, or None."""
        text = self.first.text()
        if not text:
            return QCoreApplication.translate("BackupDialogs", "Kata sandi belum diisi.")
        if self.new and len(text) < MIN_PASSPHRASE_LENGTH:
            return QCoreApplication.translate("BackupDialogs", "Kata sandi minimal {0} karakter.").format(
                MIN_PASSPHRASE_LENGTH
            )
        if self.new and self.second.text() != text:
            return QCoreApplication.translate("BackupDialogs", "Kedua kata sandi tidak sama.")
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()

    def passphrase(self) -> str:
        return self.first.text()


def ask_new_passphrase(parent: QWidget | None) -> str | None:
    dialog = PassphraseDialog(parent, new=True)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_passphrase(parent: QWidget | None, source: Path) -> str | None:
    dialog = PassphraseDialog(parent, new=False, file_name=source.name)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_backup_target(parent: QWidget | None, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("BackupDialogs", "Simpan cadangan (pilih flashdisk)"),
        str(suggested),
        backup_filter(),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(BACKUP_SUFFIX)


def ask_backup_source(parent: QWidget | None, folder: Path | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("BackupDialogs", "Pilih berkas cadangan"),
        str(folder or Path.home()),
        backup_filter(),
    )
    return Path(name) if name else None


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A yes/no question whose safe answer (no) is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("backupConfirm")
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(
        QCoreApplication.translate("BackupDialogs", "Batal"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def tell(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    icon = QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information
    QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent).exec()


# -- what a backup is, in words --------------------------------------------------------------------


def format_moment(at: dt.datetime) -> str:
    return at.astimezone().strftime("%d-%m-%Y %H.%M")


def manifest_moment(manifest: Manifest) -> str:
    try:
        return format_moment(dt.datetime.fromisoformat(manifest.created_at.replace("Z", "+00:00")))
    except ValueError:
        return manifest.created_at


def describe_manifest(manifest: Manifest) -> str:
    office = (
        manifest.office.label()
        if manifest.office is not None
        else QCoreApplication.translate("BackupDialogs", "(kantor belum diatur)")
    )
    return QCoreApplication.translate("BackupDialogs", "dibuat {0}, {1}, {2} laporan, {3} lampiran").format(
        manifest_moment(manifest), office, manifest.reports_total, len(manifest.attachments)
    )


def restore_warning(data_dir: Path, backup: str) -> str:
    return QCoreApplication.translate(
        "BackupDialogs",
        "Data kantor di {0} akan diganti dengan isi cadangan ({1}).\n\n"
        "Data yang sekarang tidak dihapus: foldernya disisihkan di sebelahnya (nama berakhiran "
        '".disisihkan-…"). Laporan yang dicatat sesudah cadangan ini dibuat tidak ada dalam data yang '
        "dipulihkan; laporan itu tetap ada di folder yang disisihkan.\n\nLanjutkan pemulihan?",
    ).format(data_dir, backup)


def other_office_warning(backup: str, current: str) -> str:
    return QCoreApplication.translate(
        "BackupDialogs",
        "Cadangan ini milik kantor lain: {0}, bukan {1}.\n\nBila dipulihkan, aplikasi ini menjadi kantor "
        "{0} dengan laporan-laporannya. Pulihkan hanya bila memang itu yang dimaksud (misalnya komputer "
        "ini menggantikan komputer kantor tersebut).",
    ).format(backup, current)


# -- restoring with the office closed -------------------------------------------------------------


@dataclass(frozen=True)
class RestoreRequest:
    source: Path  # an encrypted backup file or a snapshot folder
    data_dir: Path
    passphrase: str | None
    allow_other_office: bool = False


class ProgressDialog(QDialog):
    """A modal dialog with a progress bar while `fn(progress)` runs on a worker; no way to close it midway."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("backupProgress")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        label = QLabel(text)
        label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.bar)
        self.value: Any = None
        self.error: Exception | None = None

    def show_progress(self, done_total: tuple[int, int]) -> None:
        done, total = done_total
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(done, total) / total))

    def run(self, fn: Callable[[Callable[[int, int], None]], Any], runner: Runner | None = None) -> Any:
        """Run `fn` and wait for it with this dialog on screen; returns its value or raises its error."""
        runner = runner or Runner()

        def done(value: Any) -> None:
            self.value = value
            self.done(QDialog.DialogCode.Accepted)

        def failed(error: Exception) -> None:
            self.error = error
            self.done(QDialog.DialogCode.Rejected)

        runner.run_with_progress(
            lambda report: fn(lambda d, t: report((d, t))), self.show_progress, done, failed
        )
        if not runner.inline:
            self.exec()
        if self.error is not None:
            raise self.error
        return self.value

    def reject(self) -> None:
        """Escape does not stop a restore halfway; the worker's end closes the dialog."""
        if self.error is not None:
            super().reject()


def restore_with_progress(parent: QWidget | None, request: RestoreRequest) -> Restored:
    """Restore with a progress dialog; raises `ArchiveError` (refused) or an OS/storage error."""
    from lapor_desktop.backup.restore import restore_backup

    dialog = ProgressDialog(
        parent,
        QCoreApplication.translate("BackupDialogs", "Memulihkan cadangan"),
        QCoreApplication.translate("BackupDialogs", "Memulihkan data dari {0}…").format(request.source.name),
    )
    return dialog.run(  # type: ignore[no-any-return]
        lambda progress: restore_backup(
            request.source,
            request.data_dir,
            passphrase=request.passphrase,
            allow_other_office=request.allow_other_office,
            progress=progress,
        )
    )


def restored_message(restored: Restored) -> str:
    text = QCoreApplication.translate("BackupDialogs", "Data dipulihkan: {0}.").format(
        describe_manifest(restored.manifest)
    )
    if restored.set_aside is not None:
        text += "\n\n" + QCoreApplication.translate(
            "BackupDialogs", "Data sebelumnya disisihkan (tidak dihapus) di:\n{0}"
        ).format(restored.set_aside)
    return text


def restore_then_report(request: RestoreRequest, parent: QWidget | None = None) -> bool:
    """With the office closed (the start-up loop's `Restart.then`): restore, then say how it went.

    A refused or failed restore changes nothing, and the office opens again as it was.
    """
    from lapor_desktop.backup.archive import ArchiveError
    from lapor_desktop.storage.faults import classify

    try:
        restored = restore_with_progress(parent, request)
    except ArchiveError as refused:
        problem = str(refused)
    except Exception as error:
        fault = classify(error, request.data_dir)
        if fault is None:
            raise
        problem = fault.message
    else:
        tell(
            parent,
            QCoreApplication.translate("BackupDialogs", "Cadangan dipulihkan"),
            restored_message(restored),
        )
        return True
    tell(
        parent,
        QCoreApplication.translate("BackupDialogs", "Pemulihan tidak berhasil"),
        QCoreApplication.translate(
            "BackupDialogs", "Pemulihan tidak berhasil, tidak ada yang diubah: {0}"
        ).format(problem),
        error=True,
    )
    return False
