"""*Pengaturan*: what is set for this office, the interface language, and the way back to the guide."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.offices.settings import OfficeKind, update_settings
from lapor_desktop.offices.token_store import load_token
from ui.backup_box import BackupBox
from ui.print_settings import PrintSettingsBox
from ui.services import Services

LANGUAGES = (("id", "Bahasa Indonesia"), ("en", "English"))


class SettingsPage(QWidget):
    rerun_wizard_requested = Signal()
    office_switched = Signal()  # a profile changed which office (practice or real) is active
    language_changed = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("settingsPage")
        title = QLabel(self.tr("Pengaturan"))
        title.setObjectName("pageTitle")

        office_box = QGroupBox(self.tr("Kantor dan operator"))
        self.office_label = QLabel()
        self.office_label.setObjectName("settingsOffice")
        self.region_label = QLabel()
        self.region_label.setObjectName("settingsRegion")
        self.operator_label = QLabel()
        self.operator_label.setObjectName("settingsOperator")
        office_form = QFormLayout(office_box)
        office_form.addRow(self.tr("Kantor"), self.office_label)
        office_form.addRow(self.tr("Kode wilayah"), self.region_label)
        office_form.addRow(self.tr("Operator"), self.operator_label)

        server_box = QGroupBox(self.tr("Server LAPOR!"))
        self.server_label = QLabel()
        self.server_label.setObjectName("settingsServer")
        self.server_label.setWordWrap(True)
        self.mode_label = QLabel()
        self.mode_label.setObjectName("settingsMode")
        self.token_label = QLabel()
        self.token_label.setObjectName("settingsToken")
        server_form = QFormLayout(server_box)
        server_form.addRow(self.tr("Alamat server"), self.server_label)
        server_form.addRow(self.tr("Mode"), self.mode_label)
        server_form.addRow(self.tr("Token"), self.token_label)

        language_box = QGroupBox(self.tr("Bahasa tampilan"))
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.setMinimumWidth(240)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language_note = QLabel()
        self.language_note.setObjectName("fieldHint")
        self.language_note.setWordWrap(True)
        language_form = QFormLayout(language_box)
        language_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        language_form.addRow(self.tr("Bahasa"), self.language)
        language_form.addRow("", self.language_note)

        self.print_box = PrintSettingsBox(services.data_dir)
        self.backup_box = BackupBox(services)

        self.rerun_button = QPushButton(self.tr("Jalankan ulang panduan"))
        self.rerun_button.setObjectName("rerunWizard")
        self.rerun_button.setToolTip(self.tr("Ubah kantor, operator, alamat server, atau token."))
        self.rerun_button.clicked.connect(self.rerun_wizard_requested.emit)
        data_label = QLabel(self.tr("Folder data: {0}").format(services.data_dir))
        data_label.setObjectName("fieldHint")
        data_label.setWordWrap(True)

        # The sections outgrow a 1366x768 screen: they scroll, the window keeps its size.
        content = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("settingsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(office_box)
        layout.addWidget(server_box)
        layout.addWidget(language_box)
        layout.addWidget(self.print_box)
        layout.addWidget(self.backup_box)
        self.profile_button = QPushButton(self.tr("Pakai profil dari pelatih…"))
        self.profile_button.setObjectName("useProfile")
        self.profile_button.setToolTip(self.tr("Atur kantor, server dan token dari berkas .lapor-profile."))
        self.profile_button.clicked.connect(self.use_profile)
        self.about_button = QPushButton(self.tr("Tentang aplikasi"))
        self.about_button.setObjectName("showAbout")
        self.about_button.clicked.connect(self.show_about)
        self.send_log_button = QPushButton(self.tr("Kirim log…"))
        self.send_log_button.setObjectName("sendLogSettings")
        self.send_log_button.clicked.connect(self.send_log)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rerun_button)
        buttons.addWidget(self.profile_button)
        buttons.addWidget(self.about_button)
        buttons.addWidget(self.send_log_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(data_label)
        layout.addStretch(1)
        self.reload()
        self.language.currentIndexChanged.connect(self._language_chosen)

    def reload(self) -> None:
        settings = self.services.settings()
        not_set = self.tr("(belum diisi)")
        if settings.office is not None:
            kind = self.tr("Desa") if settings.office.kind is OfficeKind.DESA else self.tr("Kecamatan")
            self.office_label.setText(f"{settings.office.name} ({kind})")
            self.region_label.setText(settings.office.region_code)
        else:
            self.office_label.setText(not_set)
            self.region_label.setText(not_set)
        self.operator_label.setText(settings.operator or not_set)
        self.server_label.setText(settings.server_url or not_set)
        self.mode_label.setText(
            self.tr("Latihan: laporan tidak sampai ke instansi")
            if settings.training
            else self.tr("Sungguhan")
        )
        self.token_label.setText(
            self.tr("Tersimpan") if load_token(self.services.data_dir) else self.tr("Belum ada token")
        )
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.blockSignals(False)
        self.language_note.setText("")
        self.print_box.reload()

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        update_settings(self.services.data_dir, language=code)
        self.language_note.setText(self.tr("Jendela dibuka ulang dalam bahasa baru…"))
        self.language_changed.emit(code)

    def use_profile(self, path: object = None) -> None:
        from pathlib import Path

        from ui.profile_dialog import import_profile

        applied = import_profile(self.services.data_dir, self, Path(str(path)) if path else None)
        if applied is not None:
            self.office_switched.emit()  # the window reopens on whichever office is now active

    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.services.data_dir, self).exec()

    def send_log(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.services.data_dir, self).choose_and_make_zip()
