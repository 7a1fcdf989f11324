"""*Pengaturan*: the operator, the server and its token, this office's identity and the offices it
trusts, the interface language, and the way back to the guide.

What the first-start guide says "can be changed later in Pengaturan" is changed
here: the operator's name, the server address and the token (kept by
`lapor_desktop.offices.token_store`, never shown again once saved), each with
*Tes koneksi*. The office and its region code stay with the guide, as a new
region code starts a new numbering of reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.offices.settings import (
    OfficeKind,
    SettingsError,
    check_operator,
    check_server_url,
    load_settings,
    same_server,
    update_settings,
)
from lapor_desktop.offices.token_store import load_token, save_token
from ui.backup_box import BackupBox
from ui.changes import NOTHING
from ui.connection_test import ConnectionTest
from ui.form_fields import message_label, scrolling, show_message
from ui.penduduk_box import PendudukBox
from ui.print_settings import PrintSettingsBox
from ui.services import Services

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from lapor_desktop.offices.keys import OfficeIdentity
    from ui.paket_dialogs import PaketActions

LANGUAGES = (("id", "Bahasa Indonesia"), ("en", "English"))


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldHint")
    label.setWordWrap(True)
    return label


def _stacked(*parts: QWidget | QHBoxLayout | QVBoxLayout) -> QWidget:
    """A field and what goes under it (hint, message) in one cell: a hidden message takes no room."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(3)
    for part in parts:
        if isinstance(part, QWidget):
            column.addWidget(part)
        else:
            column.addLayout(part)
    return cell


class SettingsPage(QWidget):
    rerun_wizard_requested = Signal()
    office_switched = Signal()  # a profile changed which office (practice or real) is active
    language_changed = Signal(str)
    saved = Signal()  # the operator, the server or the token changed

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("settingsPage")
        self._paket: PaketActions | None = None
        title = QLabel(self.tr("Pengaturan"))
        title.setObjectName("pageTitle")

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self._office_box())
        column.addWidget(self._server_box())
        save_row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Simpan perubahan"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.save_note = QLabel()
        self.save_note.setObjectName("fieldHint")
        self.save_note.setWordWrap(True)
        self.save_note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        save_row.addWidget(self.save_note, 1)
        save_row.addWidget(self.save_button)
        column.addLayout(save_row)
        column.addWidget(self._identity_box())
        column.addWidget(self._language_box())
        self.print_box = PrintSettingsBox(services.data_dir)
        column.addWidget(self.print_box)
        self.penduduk_box = PendudukBox(services)
        column.addWidget(self.penduduk_box)
        self.backup_box = BackupBox(services)
        column.addWidget(self.backup_box)
        column.addLayout(self._buttons())
        data_label = _hint(self.tr("Folder data: {0}").format(services.data_dir))
        data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(data_label)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        self.scroll = scrolling(body)  # the sections outgrow a 1366x768 screen: they scroll
        layout.addWidget(self.scroll, 1)
        self.reload()
        self.language.currentIndexChanged.connect(self._language_chosen)

    # -- building ---------------------------------------------------------------------------------

    def _office_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Kantor dan operator"))
        self.office_label = QLabel()
        self.office_label.setObjectName("settingsOffice")
        self.region_label = QLabel()
        self.region_label.setObjectName("settingsRegion")
        self.operator_edit = QLineEdit()
        self.operator_edit.setObjectName("settingsOperator")
        self.operator_edit.setMaxLength(120)
        self.operator_edit.setPlaceholderText(self.tr("contoh: Siti Aminah"))
        self.operator_error = message_label()
        form = QFormLayout(box)
        form.addRow(self.tr("Kantor"), self.office_label)
        form.addRow(self.tr("Kode wilayah"), self.region_label)
        form.addRow(
            self.tr("Operator"),
            _stacked(
                self.operator_edit,
                self.operator_error,
                _hint(self.tr("Nama kantor dan kode wilayah diubah lewat Jalankan ulang panduan.")),
            ),
        )
        return box

    def _server_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Server LAPOR!"))
        self.mode_label = QLabel()
        self.mode_label.setObjectName("settingsMode")
        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("settingsServer")
        self.server_edit.setPlaceholderText("https://lapor.example.go.id/api")
        self.server_error = message_label()
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("settingsToken")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setClearButtonEnabled(True)
        self.connection = ConnectionTest(self.services, self._typed_server, self._token_to_test)
        form = QFormLayout(box)
        form.addRow(self.tr("Mode"), self.mode_label)
        form.addRow(self.tr("Alamat server"), _stacked(self.server_edit, self.server_error))
        form.addRow(
            self.tr("Token"),
            _stacked(
                self.token_edit,
                _hint(self.tr("Alamat dan token diberikan oleh admin LAPOR! kabupaten.")),
                self.connection,
            ),
        )
        return box

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Identitas kantor dan kantor yang dipercaya"))
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("settingsFingerprint")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_identity_button = QPushButton(self.tr("Simpan identitas kantor ini…"))
        self.save_identity_button.setObjectName("saveIdentity")
        self.save_identity_button.clicked.connect(lambda: self.paket.choose_save_profile())
        self.trust_button = QPushButton(self.tr("Percayai kantor lain…"))
        self.trust_button.setObjectName("trustOffice")
        self.trust_button.clicked.connect(lambda: self.paket.choose_trust())
        self.known_list = QListWidget()
        self.known_list.setObjectName("knownOffices")
        self.known_list.setMaximumHeight(96)
        self.known_empty = _hint(self.tr("Belum ada. Pilih Percayai kantor lain… untuk menambahkan."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_identity_button)
        buttons.addWidget(self.trust_button)
        buttons.addStretch(1)
        form = QFormLayout(box)
        form.addRow(
            self.tr("Sidik kunci kantor ini"),
            _stacked(
                self.fingerprint_label,
                buttons,
                _hint(
                    self.tr(
                        "Desa dan kecamatan saling bertukar berkas identitas sekali saja, lalu paket di "
                        "antara keduanya dapat dibuka dan diperiksa keasliannya. Cocokkan sidik kunci lewat "
                        "telepon."
                    )
                ),
            ),
        )
        form.addRow(self.tr("Kantor yang dipercaya"), _stacked(self.known_list, self.known_empty))
        return box

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bahasa tampilan"))
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.setMinimumWidth(240)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language_note = QLabel()
        self.language_note.setObjectName("fieldHint")
        self.language_note.setWordWrap(True)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language_note.setVisible(False)
        form.addRow(self.tr("Bahasa"), _stacked(self.language, self.language_note))
        return box

    def _buttons(self) -> QHBoxLayout:
        self.rerun_button = QPushButton(self.tr("Jalankan ulang panduan"))
        self.rerun_button.setObjectName("rerunWizard")
        self.rerun_button.setToolTip(self.tr("Ubah jenis kantor, nama kantor, atau kode wilayah."))
        self.rerun_button.clicked.connect(self.rerun_wizard_requested.emit)
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
        for button in (self.rerun_button, self.profile_button, self.about_button, self.send_log_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    @property
    def paket(self) -> PaketActions:
        """Saving this office's identity and trusting another's: the same actions as the Paket menu."""
        if self._paket is None:
            from ui.paket_dialogs import PaketActions

            self._paket = PaketActions(self.services, self)
            self._paket.show_messages()
            self._paket.done.connect(lambda _summary: self._load_identity())
        return self._paket

    # -- showing ----------------------------------------------------------------------------------

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
        self.operator_edit.setText(settings.operator or "")
        self.server_edit.setText(settings.server_url or "")
        self.mode_label.setText(
            self.tr("Latihan: laporan tidak sampai ke instansi")
            if settings.training
            else self.tr("Sungguhan")
        )
        self._show_token_state()
        for label in (self.operator_error, self.server_error):
            label.setVisible(False)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.blockSignals(False)
        self.language_note.setText("")
        self.language_note.setVisible(False)
        self.print_box.reload()
        self.penduduk_box.reload()
        self._load_identity()

    def _show_token_state(self) -> None:
        self.token_edit.clear()
        self.token_edit.setPlaceholderText(
            self.tr("Tersimpan (isi hanya untuk mengganti)")
            if load_token(self.services.data_dir)
            else self.tr("Belum ada token: isi token dari admin LAPOR!")
        )

    def _load_identity(self) -> None:
        """This office's fingerprint and the offices it trusts (keys are made on first use: a worker)."""

        def read(app: App) -> tuple[OfficeIdentity | None, list[OfficeIdentity]]:
            from lapor_desktop.offices.keys import OfficeKeyError, TrustStore, own_identity

            try:
                own = own_identity(app.data_dir)
            except OfficeKeyError:
                own = None
            return own, TrustStore(app.db).all()

        self.services.run(read, self._show_identity, lambda _error: None, changes=NOTHING)

    def _show_identity(self, found: tuple[OfficeIdentity | None, list[OfficeIdentity]]) -> None:
        own, known = found
        self.fingerprint_label.setText(
            own.fingerprint if own is not None else self.tr("(kantor belum diatur)")
        )
        self.known_list.clear()
        for identity in known:
            self.known_list.addItem(
                f"{identity.name} ({identity.region_code}): {self.tr('sidik')} {identity.fingerprint}"
            )
        self.known_list.setVisible(bool(known))
        self.known_empty.setVisible(not known)

    # -- saving -----------------------------------------------------------------------------------

    def _typed_server(self) -> str | None:
        text = self.server_edit.text().strip()
        return check_server_url(text) if text else None

    def _token_to_test(self) -> str:
        return self.token_edit.text().strip() or load_token(self.services.data_dir) or ""

    def save(self) -> bool:
        """Check what is typed, then store it; nothing is stored while a field is wrong."""
        for label in (self.operator_error, self.server_error):
            label.setVisible(False)
        try:
            operator = check_operator(self.operator_edit.text())
        except SettingsError as error:
            show_message(self.operator_error, str(error))
            return False
        try:
            server_url = self._typed_server()
            self._refuse_real_server_for_practice(server_url)
        except SettingsError as error:
            show_message(self.server_error, str(error))
            return False
        data_dir = self.services.data_dir
        update_settings(data_dir, operator=operator, server_url=server_url)
        token = self.token_edit.text().strip()
        if token:
            save_token(data_dir, token)
        self.server_edit.setText(server_url or "")
        self._show_token_state()
        self.save_note.setText(self.tr("Perubahan disimpan."))
        self.saved.emit()
        return True

    def _refuse_real_server_for_practice(self, server_url: str | None) -> None:
        from lapor_desktop.offices.training import base_data_dir, is_training_dir

        data_dir = self.services.data_dir
        if server_url is None or not is_training_dir(data_dir):
            return
        real = load_settings(base_data_dir(data_dir)).server_url
        if real is not None and same_server(server_url, real):
            raise SettingsError(
                self.tr(
                    "Alamat server latihan sama dengan alamat server LAPOR! sungguhan. Gunakan alamat "
                    "server latihan dari pelatih."
                )
            )

    # -- the rest ---------------------------------------------------------------------------------

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        update_settings(self.services.data_dir, language=code)
        self.language_note.setText(self.tr("Jendela dibuka ulang dalam bahasa baru…"))
        self.language_note.setVisible(True)
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
