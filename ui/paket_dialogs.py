"""Paket and office-profile actions for the window: file dialogs in front, work on the writer thread.

`PaketActions` does each step with an explicit path (what tests call) and has
`choose_*` twins that ask for the path with a file dialog first. Outcomes are
reported through `message` (text, is_error); `show_messages` connects it to a
non-blocking message box.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lapor_desktop.offices.keys import TrustStep
from ui.changes import EVERY_REPORT
from ui.services import Services

if TYPE_CHECKING:
    from lapor_desktop.app import App

# The README's names: pakets are `.lapor`, identities `.identity` (older `.lpk` and `.txt` still open).
PAKET_SUFFIX = ".lapor"
IDENTITY_SUFFIX = ".identity"


def _paket_filter() -> str:
    return QCoreApplication.translate("PaketActions", "Paket LAPOR Desa (*.lapor *.lpk);;Semua berkas (*)")


def _identity_filter() -> str:
    return QCoreApplication.translate("PaketActions", "Identitas kantor (*.identity *.txt);;Semua berkas (*)")


def window_text(error: Exception) -> str:
    """An error of a paket or identity step, worded for the window: menus to open, not commands to type."""
    step = getattr(error, "trust_step", None)
    peer = getattr(error, "peer", "") or QCoreApplication.translate("PaketActions", "Kantor itu")
    if step == TrustStep.TRUST_PEER:
        return QCoreApplication.translate(
            "PaketActions",
            "{0} belum dikenal di komputer ini. Minta berkas identitas kantornya (di sana: menu Paket › "
            "Simpan identitas kantor ini…), lalu di sini buka Pengaturan › Percayai kantor lain… dan pilih "
            "berkas itu.",
        ).format(peer)
    if step == TrustStep.SEND_OWN_IDENTITY:
        return QCoreApplication.translate(
            "PaketActions",
            "Paket ini dibuat untuk kunci kantor yang lama atau lain. Di Pengaturan, pilih Simpan identitas "
            "kantor ini…, kirim berkasnya ke {0}, lalu minta paket baru.",
        ).format(peer)
    if step == TrustStep.RESEND_IDENTITY:
        return QCoreApplication.translate(
            "PaketActions",
            "Berkas ini bukan identitas kantor LAPOR Desa. Minta kantor pengirim menyimpan identitasnya "
            "lagi (menu Paket › Simpan identitas kantor ini…) dan mengirim berkas itu utuh.",
        )
    return str(error)


class PaketActions(QObject):
    message = Signal(str, bool)  # text for the operator, is_error
    done = Signal(object)  # the summary of a finished step

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.parent_widget = parent
        self.last_message: tuple[str, bool] | None = None
        self.message.connect(lambda text, error: setattr(self, "last_message", (text, error)))

    def show_messages(self, *, errors_only: bool = False) -> None:
        """Every outcome in a message box (or only the errors: the window's status bar has the rest)."""
        self.message.connect(lambda text, error: (error or not errors_only) and self.show_box(text, error))

    def show_box(self, text: str, error: bool) -> None:
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
            work, succeeded, lambda error: self.message.emit(window_text(error), True), changes=EVERY_REPORT
        )

    # -- desa ----------------------------------------------------------------------------------

    def export_queued(self, target: Path) -> None:
        def work(app: App) -> object:
            from lapor_desktop.kecamatan.desa_side import DesaTransfer

            return DesaTransfer(app).export_reports(Path(target), all_queued=True)

        def describe(s: Any) -> str:
            if not s.replies:
                return self.tr(
                    "Paket berisi {0} laporan ({1} lampiran, {2:.1f} MB) disimpan di {3}. "
                    "Serahkan berkas ini ke {4}."
                ).format(s.reports, s.attachments, s.bytes / 1024 / 1024, s.path, s.recipient_name)
            return self.tr(
                "Paket berisi {0} laporan dan {1} tanggapan pelapor ({2} lampiran, {3:.1f} MB) disimpan di "
                "{4}. Serahkan berkas ini ke {5}."
            ).format(s.reports, s.replies, s.attachments, s.bytes / 1024 / 1024, s.path, s.recipient_name)

        self._run(work, describe)

    def choose_export_queued(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            self.tr("Simpan paket untuk kecamatan"),
            f"paket-laporan-{dt.date.today():%Y-%m-%d}{PAKET_SUFFIX}",
            _paket_filter(),
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
                text = self.tr(
                    "Balasan dari {0}: {1} laporan terkirim ke LAPOR!, {2} dikembalikan untuk diperbaiki, "
                    "{3} ditandai duplikat."
                ).format(s.sender_name, s.sent, s.returned, s.duplicates)
                if s.replies_sent or s.replies_refused_by_lapor:
                    text += " " + self.tr(
                        "Tanggapan pelapor: {0} terkirim ke LAPOR!, {1} ditolak (alasannya ada di laporan)."
                    ).format(s.replies_sent, s.replies_refused_by_lapor)
                return text
            text = self.tr(
                "Paket dari {0}: {1} laporan baru menunggu tinjauan, {2} dikirim ulang, {3} sudah ada."
            ).format(s.sender_name, s.imported, s.resubmitted, s.already_present)
            if s.replies_imported or s.replies_already_present:
                text += " " + self.tr(
                    "Tanggapan pelapor: {0} baru, dikirim ke LAPOR! pada sinkronisasi berikutnya; {1} sudah ada."
                ).format(s.replies_imported, s.replies_already_present)
            if s.refused:
                text += " " + self.tr(
                    "{0} laporan ditolak: pengenalnya milik laporan yang bukan dari desa ini."
                ).format(s.refused)
            if s.replies_refused:
                text += " " + self.tr(
                    "{0} tanggapan pelapor ditolak: bukan untuk laporan desa ini yang dipegang kecamatan."
                ).format(s.replies_refused)
            return text

        self._run(work, describe)

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Buka paket"), "", _paket_filter())
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
                "Identitas kantor disimpan di {0}. Sidik kunci: {1} (bacakan lewat telepon saat kantor lain "
                "memasangnya)."
            ).format(target, identity.fingerprint),
        )

    def choose_save_profile(self) -> None:
        office = self.services.settings().office
        suggested = f"identitas-{office.region_code if office else 'kantor'}{IDENTITY_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Simpan identitas kantor ini"), suggested, _identity_filter()
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
            self.parent_widget, self.tr("Buka identitas kantor lain"), "", _identity_filter()
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
            lambda s: (
                self.tr("Paket balasan untuk {0} ({1} jawaban) disimpan di {2}.").format(
                    s.recipient_name, s.reports, s.path
                )
                if not s.replies
                else self.tr(
                    "Paket balasan untuk {0} ({1} jawaban, {2} kabar tanggapan pelapor) disimpan di {3}."
                ).format(s.recipient_name, s.reports, s.replies, s.path)
            ),
        )

    def choose_export_reply(self, desa_code: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            self.tr("Simpan paket balasan"),
            f"balasan-{desa_code}{PAKET_SUFFIX}",
            _paket_filter(),
        )
        if name:
            self.export_reply(desa_code, Path(name))
