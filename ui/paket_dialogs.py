"""Paket and office-profile actions for the window: file dialogs in front, work on the writer thread.

`PaketActions` does each step with an explicit path (what tests call) and has
`choose_*` twins that ask for the path with a file dialog first. Outcomes are
reported through `message` (text, is_error); `show_messages` connects it to a
non-blocking message box.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.changes import EVERY_REPORT
from ui.services import Services

if TYPE_CHECKING:
    from lapor_desktop.app import App

PAKET_FILTER = "Paket LAPOR Desa (*.lpk);;Semua berkas (*)"
PROFILE_FILTER = "Profil kantor (*.txt);;Semua berkas (*)"


class PaketActions(QObject):
    message = Signal(str, bool)  # text for the operator, is_error
    done = Signal(object)  # the summary of a finished step

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.parent_widget = parent
        self.last_message: tuple[str, bool] | None = None
        self.message.connect(lambda text, error: setattr(self, "last_message", (text, error)))

    def show_messages(self) -> None:
        self.message.connect(self._show)

    def _show(self, text: str, error: bool) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
            "LAPOR Desa",
            text,
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        box.open()

    def _run(self, work: Any, describe: Any) -> None:
        def succeeded(summary: object) -> None:
            self.message.emit(describe(summary), False)
            self.done.emit(summary)

        # A paket may hand reports over, add a desa's reports or apply a kecamatan's decisions.
        self.services.run(
            work, succeeded, lambda error: self.message.emit(str(error), True), changes=EVERY_REPORT
        )

    # -- desa ----------------------------------------------------------------------------------

    def export_queued(self, target: Path) -> None:
        def work(app: App) -> object:
            from lapor_desktop.kecamatan.desa_side import DesaTransfer

            return DesaTransfer(app).export_reports(Path(target), all_queued=True)

        self._run(
            work,
            lambda s: self.tr(
                "Paket berisi {0} laporan ({1} lampiran, {2:.1f} MB) disimpan di {3}. Serahkan berkas ini ke {4}."
            ).format(s.reports, s.attachments, s.bytes / 1024 / 1024, s.path, s.recipient_name),
        )

    def choose_export_queued(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Simpan paket untuk kecamatan"), "paket-laporan.lpk", PAKET_FILTER
        )
        if name:
            self.export_queued(Path(name))

    # -- either side ------------------------------------------------------------------------

    def import_file(self, source: Path) -> None:
        def work(app: App) -> object:
            from lapor_desktop.kecamatan.paket_import import import_paket

            return import_paket(app, Path(source))

        def describe(s: Any) -> str:
            if s.kind == "reply":
                return self.tr(
                    "Balasan dari {0}: {1} laporan terkirim ke LAPOR!, {2} dikembalikan untuk diperbaiki, "
                    "{3} ditandai duplikat."
                ).format(s.sender_name, s.sent, s.returned, s.duplicates)
            text = self.tr(
                "Paket dari {0}: {1} laporan baru menunggu tinjauan, {2} dikirim ulang, {3} sudah ada."
            ).format(s.sender_name, s.imported, s.resubmitted, s.already_present)
            if s.refused:
                text += " " + self.tr(
                    "{0} laporan ditolak: pengenalnya milik laporan yang bukan dari desa ini."
                ).format(s.refused)
            return text

        self._run(work, describe)

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Buka paket"), "", PAKET_FILTER)
        if name:
            self.import_file(Path(name))

    def save_profile(self, target: Path) -> None:
        def work(app: App) -> object:
            from lapor_desktop.offices.keys import identity_block, own_identity
            from lapor_desktop.storage.atomic import write_atomic

            write_atomic(Path(target), identity_block(app.data_dir).encode("utf-8"))
            return own_identity(app.data_dir)

        self._run(
            work,
            lambda identity: self.tr(
                "Profil kantor disimpan di {0}. Sidik kunci: {1} (bacakan lewat telepon saat kantor lain "
                "memasangnya)."
            ).format(target, identity.fingerprint),
        )

    def choose_save_profile(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Simpan profil kantor"), "profil-kantor.txt", PROFILE_FILTER
        )
        if name:
            self.save_profile(Path(name))

    def trust_file(self, source: Path) -> None:
        def work(app: App) -> object:
            from lapor_desktop.offices.keys import OfficeKeyError, TrustStore, read_identity_file

            identity = read_identity_file(Path(source))
            office = app.settings().office
            if office is None:
                raise OfficeKeyError("Kantor ini belum diatur: lengkapi Pengaturan terlebih dahulu.")
            return TrustStore(app.db).trust(office, identity)

        self._run(
            work,
            lambda r: self.tr("{0} ({1}) kini dikenal. Sidik kunci: {2}.").format(
                r.identity.name, r.identity.region_code, r.identity.fingerprint
            ),
        )

    def choose_trust(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("Buka profil kantor"), "", PROFILE_FILTER
        )
        if name:
            self.trust_file(Path(name))

    # -- kecamatan ----------------------------------------------------------------------------

    def export_reply(self, desa_code: str, target: Path) -> None:
        def work(app: App) -> object:
            from lapor_desktop.kecamatan.kecamatan_side import KecamatanTransfer

            return KecamatanTransfer(app).export_reply(desa_code, Path(target))

        self._run(
            work,
            lambda s: self.tr("Paket balasan untuk {0} ({1} jawaban) disimpan di {2}.").format(
                s.recipient_name, s.reports, s.path
            ),
        )

    def choose_export_reply(self, desa_code: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Simpan paket balasan"), f"balasan-{desa_code}.lpk", PAKET_FILTER
        )
        if name:
            self.export_reply(desa_code, Path(name))
