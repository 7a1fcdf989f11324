"""*Pengaturan* › *Cadangan*: backups an operator can make, check and restore without a terminal.

- *Buat cadangan ke flashdisk…*: one encrypted file (`backup.external`),
  the passphrase typed twice, written on a worker with a progress bar;
- *Periksa berkas cadangan…*: decrypts and checks everything, changes nothing;
- *Pulihkan dari cadangan…*: checks the file first, warns (and asks again for
  another office's backup), then closes the window; the start-up loop
  restores with the office closed and opens it again (`ui.backup_dialogs`);
- *Snapshot otomatis…*: the daily local snapshots (`ui.safeguards` takes
  them), each of which can be restored the same way.

Backups are of the real office: in practice mode restoring is off (it would
set aside the practice office in use as well).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import backup_dialogs
from ui.backup_dialogs import RestoreRequest, describe_manifest, format_moment
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR
from ui.operations import Runner
from ui.restart import Restart
from ui.storage_faults import describe_failure

if TYPE_CHECKING:
    from lapor_desktop.backup.external import CreatedBackup, VerifiedBackup
    from lapor_desktop.backup.snapshots import Snapshot
    from ui.services import Services

OK_COLOUR = "#1e6b34"


class BackupBox(QGroupBox):
    restart_requested = Signal(object)  # Restart: restoring closes the window first
    backup_created = Signal(object)  # CreatedBackup

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cadangan"), parent)
        from lapor_desktop.offices.training import base_data_dir, is_training_dir

        self.setObjectName("backupBox")
        self.services = services
        self.data_dir = base_data_dir(services.data_dir)
        self.training = is_training_dir(services.data_dir)
        self._runner = Runner(threads=1, inline=services.inline)
        self.busy = False

        self.last_label = QLabel()
        self.last_label.setObjectName("backupLast")
        self.last_label.setWordWrap(True)
        self.snapshots_label = QLabel()
        self.snapshots_label.setObjectName("backupSnapshots")
        self.snapshots_label.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Buat cadangan ke flashdisk…"))
        self.create_button.setObjectName("createBackup")
        self.create_button.setToolTip(
            self.tr("Satu berkas terkunci kata sandi berisi semua laporan, lampiran dan pengaturan kantor.")
        )
        self.create_button.clicked.connect(self.create_backup)
        self.verify_button = QPushButton(self.tr("Periksa berkas cadangan…"))
        self.verify_button.setObjectName("verifyBackup")
        self.verify_button.clicked.connect(self.verify_backup)
        self.restore_button = QPushButton(self.tr("Pulihkan dari cadangan…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_backup)
        self.snapshots_button = QPushButton(self.tr("Snapshot otomatis…"))
        self.snapshots_button.setObjectName("showSnapshots")
        self.snapshots_button.clicked.connect(self.show_snapshots)
        self.progress = QProgressBar()
        self.progress.setObjectName("backupProgress")
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.result = QLabel()
        self.result.setObjectName("backupResult")
        self.result.setWordWrap(True)
        self.result.hide()

        buttons = QHBoxLayout()
        for button in (self.create_button, self.verify_button, self.restore_button, self.snapshots_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.last_label)
        layout.addWidget(self.snapshots_label)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        if self.training:
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip(
                self.tr("Matikan mode latihan dulu: pemulihan mengganti data kantor sungguhan.")
            )
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self.reload()
        super().showEvent(event)

    # -- what there is ------------------------------------------------------------------------------

    def reload(self) -> None:
        from lapor_desktop.backup.snapshots import list_snapshots
        from lapor_desktop.backup.state import load_state

        last = load_state(self.data_dir).last_external
        if last is None:
            self.last_label.setText(self.tr("Belum pernah dicadangkan ke flashdisk."))
        else:
            self.last_label.setText(
                self.tr("Cadangan ke flashdisk terakhir: {0} ({1} laporan), {2}").format(
                    format_moment(last.at), last.reports, last.path
                )
            )
        snapshots = list_snapshots(self.data_dir)
        if snapshots:
            self.snapshots_label.setText(
                self.tr(
                    "Snapshot otomatis harian di komputer ini: %n tersimpan, terbaru {0}.", "", len(snapshots)
                ).format(format_moment(snapshots[-1].taken_at))
            )
        else:
            self.snapshots_label.setText(
                self.tr("Snapshot otomatis diambil sekali sehari selama aplikasi terbuka; belum ada.")
            )
        self.snapshots_label.setStyleSheet(f"color: {HINT_COLOUR};")

    def _set_busy(self, text: str | None) -> None:
        self.busy = text is not None
        for button in (self.create_button, self.verify_button, self.snapshots_button):
            button.setEnabled(not self.busy)
        self.restore_button.setEnabled(not self.busy and not self.training)
        self.progress.setVisible(self.busy)
        if text is not None:
            self.progress.setRange(0, 0)
            self.show_result(text)

    def _show_progress(self, done_total: tuple[int, int]) -> None:
        done, total = done_total
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))

    def show_result(self, text: str, *, error: bool = False, good: bool = False) -> None:
        colour = ERROR_COLOUR if error else OK_COLOUR if good else HINT_COLOUR
        self.result.setStyleSheet(f"color: {colour};")
        self.result.setText(text)
        self.result.show()
        QTimer.singleShot(0, lambda: self.reveal(self.result))

    def reveal(self, widget: QWidget | None = None) -> None:
        """Scroll the page (when it scrolls) so that `widget`, or the whole section, is on screen."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self, 0, 0)
            if widget is not None:
                parent.ensureWidgetVisible(widget, 0, 16)

    def _failed(self, error: Exception, *, action: str) -> None:
        from lapor_desktop.backup.archive import ArchiveError
        from lapor_desktop.storage.faults import FaultKind, classify

        self._set_busy(None)
        if isinstance(error, ArchiveError):
            text = str(error)
        else:
            fault = classify(error, self.data_dir)
            if fault is not None and fault.kind is FaultKind.DISK_FULL and action == "create":
                text = self.tr(
                    "Ruang tidak cukup untuk cadangan (di flashdisk tujuan atau di komputer ini). "
                    "Kosongkan ruang atau pilih flashdisk lain, lalu ulangi."
                )
            else:
                text = describe_failure(error, self.data_dir)
        self.show_result(self.tr("Tidak berhasil: {0}").format(text), error=True)

    # -- create ---------------------------------------------------------------------------------------

    def suggested_target(self) -> Path:
        from lapor_desktop.backup.state import load_state

        last = load_state(self.data_dir).last_external
        folder = last.path.parent if last is not None and last.path.parent.is_dir() else Path.home()
        office = self.services.settings().office
        code = office.region_code if office is not None else "kantor"
        return folder / f"lapor-cadangan-{code}-{dt.date.today():%Y%m%d}{backup_dialogs.BACKUP_SUFFIX}"

    def target_problem(self, target: Path) -> str | None:
        target = target.expanduser().resolve()
        if target.is_dir():
            return self.tr("Pilih nama berkas, bukan folder.")
        if target.is_relative_to(self.data_dir.resolve()):
            return self.tr("Simpan cadangan di luar folder data (misalnya di flashdisk), bukan di dalamnya.")
        if not target.parent.is_dir():
            return self.tr("Folder tujuan tidak ada: {0}").format(target.parent)
        return None

    def create_backup(self) -> None:
        if self.busy:
            return
        target = backup_dialogs.ask_backup_target(self, self.suggested_target())
        if target is None:
            return
        problem = self.target_problem(target)
        if problem is not None:
            self.show_result(problem, error=True)
            return
        passphrase = backup_dialogs.ask_new_passphrase(self)
        if passphrase is None:
            return
        from lapor_desktop.backup.external import create_backup

        data_dir = self.data_dir
        self._set_busy(self.tr("Membuat cadangan ke {0}…").format(target))
        self._runner.run_with_progress(
            lambda report: create_backup(
                data_dir, target, passphrase, progress=lambda done, total: report((done, total))
            ),
            self._show_progress,
            self._created,
            lambda error: self._failed(error, action="create"),
        )

    def _created(self, created: CreatedBackup) -> None:
        self._set_busy(None)
        size = created.size / (1024 * 1024)
        text = self.tr(
            "Cadangan dibuat: {0} ({1:.1f} MB; {2}). Simpan kata sandinya di tempat aman, terpisah dari flashdisk."
        ).format(created.path, size, describe_manifest(created.manifest))
        if created.damaged_attachments:
            text += " " + self.tr(
                "%n lampiran di komputer ini sudah rusak sebelum dicadangkan (disalin apa adanya).",
                "",
                len(created.damaged_attachments),
            )
        self.show_result(text, good=True)
        self.reload()
        self.backup_created.emit(created)

    # -- verify ---------------------------------------------------------------------------------------

    def _ask_file_and_passphrase(self) -> tuple[Path, str] | None:
        from lapor_desktop.backup.state import load_state

        last = load_state(self.data_dir).last_external
        source = backup_dialogs.ask_backup_source(self, last.path.parent if last is not None else None)
        if source is None:
            return None
        passphrase = backup_dialogs.ask_passphrase(self, source)
        return None if passphrase is None else (source, passphrase)

    def _verify(self, source: Path, passphrase: str, then: Any) -> None:
        from lapor_desktop.backup.external import verify_backup

        self._set_busy(self.tr("Memeriksa {0}…").format(source.name))
        self._runner.run_with_progress(
            lambda report: verify_backup(
                source, passphrase, progress=lambda done, total: report((done, total))
            ),
            self._show_progress,
            then,
            lambda error: self._failed(error, action="verify"),
        )

    def verify_backup(self) -> None:
        if self.busy:
            return
        asked = self._ask_file_and_passphrase()
        if asked is not None:
            self._verify(*asked, then=lambda verified: self._verified(asked[0], verified))

    def _verified(self, source: Path, verified: VerifiedBackup) -> None:
        self._set_busy(None)
        text = self.tr(
            "Cadangan {0} baik: {1}. Semua isinya cocok dengan sidiknya; data di komputer ini tidak diubah."
        ).format(source.name, describe_manifest(verified.manifest))
        self.show_result(text, good=True)

    # -- restore --------------------------------------------------------------------------------------

    def restore_backup(self) -> None:
        """Check the file, warn, then restore with the window closed."""
        if self.busy or self.training:
            return
        asked = self._ask_file_and_passphrase()
        if asked is None:
            return
        source, passphrase = asked
        self._verify(
            source, passphrase, then=lambda verified: self._checked_for_restore(source, passphrase, verified)
        )

    def _checked_for_restore(self, source: Path, passphrase: str, verified: VerifiedBackup) -> None:
        from lapor_desktop.backup.contents import OfficeIdentity, same_office

        self._set_busy(None)
        self.result.hide()
        manifest = verified.manifest
        office = self.services.settings().office
        current = (
            None if office is None else OfficeIdentity(office.kind.value, office.name, office.region_code)
        )
        other = not same_office(manifest.office, current)
        if other:
            assert manifest.office is not None and current is not None
            if not backup_dialogs.confirm(
                self,
                self.tr("Cadangan kantor lain"),
                backup_dialogs.other_office_warning(manifest.office.label(), current.label()),
                self.tr("Tetap pulihkan"),
            ):
                return
        self._confirm_and_restart(
            RestoreRequest(source, self.data_dir, passphrase, allow_other_office=other),
            self.tr("berkas {0}, {1}").format(source.name, describe_manifest(manifest)),
        )

    def restore_snapshot(self, snapshot: Snapshot) -> None:
        if self.busy or self.training:
            return
        try:
            label = self.tr("snapshot otomatis {0}").format(describe_manifest(snapshot.manifest()))
        except (OSError, ValueError):
            label = self.tr("snapshot otomatis {0}").format(snapshot.path.name)
        self._confirm_and_restart(RestoreRequest(snapshot.path, self.data_dir, None), label)

    def _confirm_and_restart(self, request: RestoreRequest, label: str) -> None:
        text = (
            backup_dialogs.restore_warning(self.data_dir, label)
            + "\n\n"
            + self.tr("Jendela ditutup selama pemulihan dan dibuka lagi sesudahnya.")
        )
        if not backup_dialogs.confirm(self, self.tr("Pulihkan cadangan?"), text, self.tr("Pulihkan")):
            return
        self.restart_requested.emit(
            Restart(then=lambda: backup_dialogs.restore_then_report(request), reason="restore")
        )

    # -- snapshots ------------------------------------------------------------------------------------

    def show_snapshots(self) -> None:
        dialog = SnapshotsDialog(self.data_dir, self, can_restore=not self.training)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.restore_snapshot(dialog.chosen)


class SnapshotsDialog(QDialog):
    """The daily local snapshots, newest first; one can be chosen to restore."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None, *, can_restore: bool = True) -> None:
        super().__init__(parent)
        from lapor_desktop.backup.snapshots import list_snapshots

        self.setObjectName("snapshotsDialog")
        self.setWindowTitle(self.tr("Snapshot otomatis"))
        self.setMinimumSize(560, 320)
        self.chosen: Snapshot | None = None
        self.snapshots = list(reversed(list_snapshots(data_dir)))
        intro = QLabel(
            self.tr(
                "Salinan harian di komputer ini (7 hari terakhir dan 4 minggu terakhir). Salinan ini ikut hilang "
                "bila diska komputer rusak: buat juga cadangan ke flashdisk."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.snapshots), 3)
        self.table.setObjectName("snapshotsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Diambil"), self.tr("Laporan"), self.tr("Lampiran")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, snapshot in enumerate(self.snapshots):
            try:
                manifest = snapshot.manifest()
                counts = (str(manifest.reports_total), str(len(manifest.attachments)))
            except (OSError, ValueError):
                counts = (self.tr("rusak"), "")
            cells = (format_moment(snapshot.taken_at), *counts)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.snapshots:
            self.table.selectRow(0)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            self.tr("Pulihkan snapshot ini…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restoreSnapshot")
        self.restore_button.setEnabled(can_restore and bool(self.snapshots))
        buttons.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if self.snapshots:
            layout.addWidget(self.table)
        else:
            self.table.hide()
            empty = QLabel(
                self.tr("Belum ada snapshot. Snapshot pertama diambil tak lama setelah aplikasi dibuka.")
            )
            empty.setWordWrap(True)
            layout.addWidget(empty)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.snapshots[rows[0].row()]
            self.accept()
