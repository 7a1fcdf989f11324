"""The first-start guide: which office, who records, where reports go.

Shown when no office is set, and again from *Pengaturan*. Every page checks
its fields with the same rules the CLI uses (`lapor_desktop.offices.settings.check_*`)
and says in plain words what to fix. "Tes koneksi" pings the server on a
worker so the guide never freezes on a slow network.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from lapor_desktop.offices.settings import (
    Office,
    OfficeKind,
    Settings,
    SettingsError,
    check_office,
    check_operator,
    check_server_url,
    load_settings,
)
from lapor_desktop.offices.token_store import load_token
from lapor_desktop.offices.training import TrainingError
from ui.connection_test import ConnectionTest
from ui.form_fields import message_label, show_message
from ui.services import Services

TRAINING_URL = "http://127.0.0.1:8080/api"

log = logging.getLogger(__name__)


class OfficePage(QWizardPage):
    def __init__(self, current: Settings) -> None:
        super().__init__()
        self.setTitle(self.tr("Kantor Anda"))
        self.setSubTitle(
            self.tr(
                "Nama kantor dan kode wilayahnya dicetak di tanda terima dan dikirim bersama setiap laporan."
            )
        )
        self.kind = QComboBox()
        self.kind.setObjectName("officeKind")
        self.kind.addItem(self.tr("Desa / kelurahan"), OfficeKind.DESA.value)
        self.kind.addItem(self.tr("Kecamatan"), OfficeKind.KECAMATAN.value)
        self.name = QLineEdit()
        self.name.setObjectName("officeName")
        self.name.setPlaceholderText(self.tr("contoh: Desa Way Huwi"))
        self.region = QLineEdit()
        self.region.setObjectName("regionCode")
        self.region_hint = QLabel()
        self.region_hint.setWordWrap(True)
        self.region_hint.setObjectName("fieldHint")
        self.error = message_label()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if current.office is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(current.office.kind.value)))
            self.name.setText(current.office.name)
            self.region.setText(current.office.region_code)
        self._kind_changed()
        form = QFormLayout(self)
        form.addRow(self.tr("Jenis kantor"), self.kind)
        form.addRow(self.tr("Nama kantor"), self.name)
        form.addRow(self.tr("Kode wilayah"), self.region)
        form.addRow("", self.region_hint)
        form.addRow("", self.error)

    def _kind_changed(self) -> None:
        desa = self.kind.currentData() == OfficeKind.DESA.value
        self.region.setPlaceholderText("18.01.01.2001" if desa else "18.01.01")
        self.region_hint.setText(
            self.tr(
                "Kode Kemendagri empat bagian: provinsi.kabupaten.kecamatan.desa, misalnya 18.01.01.2001."
            )
            if desa
            else self.tr("Kode Kemendagri tiga bagian: provinsi.kabupaten.kecamatan, misalnya 18.01.01.")
        )

    def office(self) -> Office:
        return check_office(OfficeKind(self.kind.currentData()), self.name.text(), self.region.text())

    def validatePage(self) -> bool:
        try:
            self.office()
        except SettingsError as error:
            show_message(self.error, str(error))
            return False
        show_message(self.error, "")
        return True


class OperatorPage(QWizardPage):
    def __init__(self, current: Settings) -> None:
        super().__init__()
        self.setTitle(self.tr("Operator"))
        self.setSubTitle(self.tr("Nama Anda dicatat pada setiap laporan yang Anda rekam."))
        self.name = QLineEdit(current.operator or "")
        self.name.setObjectName("operatorName")
        self.name.setPlaceholderText(self.tr("contoh: Siti Aminah"))
        self.error = message_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Nama operator"), self.name)
        form.addRow("", self.error)

    def validatePage(self) -> bool:
        try:
            check_operator(self.name.text())
        except SettingsError as error:
            show_message(self.error, str(error))
            return False
        show_message(self.error, "")
        return True


class ServerPage(QWizardPage):
    def __init__(self, services: Services, current: Settings) -> None:
        super().__init__()
        self.services = services
        self.setTitle(self.tr("Server LAPOR!"))
        self.setSubTitle(
            self.tr(
                "Alamat dan token diberikan oleh admin LAPOR! kabupaten. Tanpa internet pun Anda tetap bisa "
                "mencatat laporan; laporan dikirim saat koneksi tersedia."
            )
        )
        self.real = QRadioButton(self.tr("Server LAPOR! sungguhan"))
        self.real.setObjectName("modeReal")
        self.training = QRadioButton(self.tr("Mode latihan (laporan tidak sampai ke instansi)"))
        self.training.setObjectName("modeTraining")
        group = QButtonGroup(self)
        group.addButton(self.real)
        group.addButton(self.training)
        self.url = QLineEdit(current.server_url or "")
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("https://lapor.example.go.id/api")
        self.token = QLineEdit(load_token(services.data_dir) or "")
        self.token.setObjectName("serverToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("token dari admin LAPOR!"))
        self.connection = ConnectionTest(services, self.server_url, self.token.text)
        self.error = message_label()
        later = QLabel(self.tr("Boleh dikosongkan dan diisi nanti di Pengaturan."))
        later.setObjectName("fieldHint")
        self.training.setChecked(current.training)
        self.real.setChecked(not current.training)
        self.training.toggled.connect(self._mode_changed)

        modes = QVBoxLayout()
        modes.addWidget(self.real)
        modes.addWidget(self.training)
        form = QFormLayout(self)
        form.addRow(self.tr("Tujuan"), modes)
        form.addRow(self.tr("Alamat server"), self.url)
        form.addRow(self.tr("Token"), self.token)
        form.addRow("", later)
        form.addRow("", self.connection)
        form.addRow("", self.error)

    def _mode_changed(self, training: bool) -> None:
        if training and not self.url.text().strip():
            self.url.setText(TRAINING_URL)
        elif not training and self.url.text().strip() == TRAINING_URL:
            self.url.clear()

    def server_url(self) -> str | None:
        text = self.url.text().strip()
        return check_server_url(text) if text else None

    def validatePage(self) -> bool:
        try:
            self.server_url()
        except SettingsError as error:
            show_message(self.error, str(error))
            return False
        show_message(self.error, "")
        return True


class SetupWizard(QWizard):
    """Collects the office settings and saves them (and the token) when the operator finishes."""

    saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Panduan awal LAPOR! Desa"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        self.setMinimumSize(640, 460)
        current = load_settings(services.data_dir)
        self.office_page = OfficePage(current)
        self.operator_page = OperatorPage(current)
        self.server_page = ServerPage(services, current)
        for page in (self.office_page, self.operator_page, self.server_page):
            self.addPage(page)
        # A trainer's signed profile fills office, server and token in one go.
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Pakai profil dari pelatih…"))
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.customButtonClicked.connect(self._custom_button)
        self.active_dir: Path = services.data_dir

    def _custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.use_profile()

    def use_profile(self, path: Path | None = None) -> Path | None:
        """Apply a profile; the caller reopens on the office it made active (see `active_dir`)."""
        from ui.profile_dialog import import_profile

        applied = import_profile(self.services.data_dir, self, path)
        if applied is None:
            return None
        self.active_dir = applied
        if applied != self.services.data_dir:
            self.reject()  # the other office (practice or real) is active now: the caller reopens on it
            return applied
        self._refill(load_settings(applied))  # stay: the operator's name may still be missing
        self.saved.emit()
        return applied

    def _refill(self, current: Settings) -> None:
        if current.office is not None:
            page = self.office_page
            page.kind.setCurrentIndex(max(0, page.kind.findData(current.office.kind.value)))
            page.name.setText(current.office.name)
            page.region.setText(current.office.region_code)
        if current.operator:
            self.operator_page.name.setText(current.operator)
        self.server_page.url.setText(current.server_url or "")
        self.server_page.token.setText(load_token(self.services.data_dir) or "")
        self.server_page.training.setChecked(current.training)
        self.server_page.real.setChecked(not current.training)

    def accept(self) -> None:
        # Overriding accept() bypasses QWizard's own check of the last page.
        if not self.validateCurrentPage():
            return
        try:
            self.save()
        except (SettingsError, TrainingError) as error:
            # A setup the core refuses (practice on the real server): said on the page, kept in the log.
            log.warning("setup not saved: %s", error)
            show_message(self.server_page.error, str(error))
            return
        super().accept()

    def save(self) -> Settings:
        from lapor_desktop.offices.training import save_office_setup

        # Practice goes to the practice office and the real service to the real one,
        # whichever of the two this guide was opened on.
        self.active_dir = save_office_setup(
            self.services.data_dir,
            office=self.office_page.office(),
            operator=check_operator(self.operator_page.name.text()),
            server_url=self.server_page.server_url(),
            token=self.server_page.token.text().strip() or None,
            training=self.server_page.training.isChecked(),
        )
        self.saved.emit()
        return load_settings(self.active_dir)
