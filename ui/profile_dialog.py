"""Applying an office profile from the trainer: check, show, confirm the key, apply.

The dialog shows what the profile will set before anything changes. A
profile signed by a key this office does not trust yet can only be applied
after the operator ticks that the fingerprint matches the one the trainer
shows (read aloud or on the projector); a tampered profile cannot be applied
at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.offices.profiles import (
    PROFILE_SUFFIX,
    ProfileError,
    SignedProfile,
    is_trusted,
    read_profile,
)


class ProfileDialog(QDialog):
    def __init__(self, data_dir: Path, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from lapor_desktop.offices.training import base_data_dir

        self.base_dir = base_data_dir(data_dir)
        self.path = path
        self.signed: SignedProfile | None = None
        self.needs_confirmation = False
        self.applied_dir: Path | None = None
        self.setObjectName("profileDialog")
        self.setWindowTitle(self.tr("Profil kantor dari pelatih"))
        self.setMinimumWidth(560)

        self.summary = QLabel()
        self.summary.setObjectName("profileSummary")
        self.summary.setWordWrap(True)
        self.form = QFormLayout()
        self.office_label = QLabel()
        self.region_label = QLabel()
        self.server_label = QLabel()
        self.server_label.setWordWrap(True)
        self.mode_label = QLabel()
        self.mode_label.setObjectName("profileMode")
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("profileFingerprint")
        self.form.addRow(self.tr("Kantor"), self.office_label)
        self.form.addRow(self.tr("Kode wilayah"), self.region_label)
        self.form.addRow(self.tr("Alamat server"), self.server_label)
        self.form.addRow(self.tr("Mode"), self.mode_label)
        self.form.addRow(self.tr("Sidik kunci pelatih"), self.fingerprint_label)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("profileConfirmKey")
        self.confirm.toggled.connect(self._update_buttons)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            self.tr("Terapkan profil"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("profileApply")
        cancel = self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("profileCancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._load()

    def _load(self) -> None:
        try:
            self.signed = read_profile(self.path)
        except ProfileError as error:
            self.signed = None
            self.summary.setText(self.tr("Profil {0} tidak dapat dipakai.").format(self.path.name))
            self.error.setText(str(error))
            self.confirm.setVisible(False)
            self._update_buttons()
            return
        profile = self.signed.profile
        self.office_label.setText(f"{profile.office.name} ({profile.office.kind.value})")
        self.region_label.setText(profile.office.region_code)
        self.server_label.setText(profile.server_url)
        self.mode_label.setText(
            self.tr("MODE LATIHAN: data terpisah, hanya dikirim ke server latihan")
            if profile.training
            else self.tr("Layanan LAPOR! sungguhan")
        )
        self.fingerprint_label.setText(self.signed.fingerprint)
        trusted = is_trusted(self.base_dir, self.signed.signer)
        self.needs_confirmation = not trusted
        self.summary.setText(
            self.tr("Tanda tangan profil cocok. Periksa isinya, lalu terapkan.")
            if trusted
            else self.tr("Tanda tangan profil cocok, tetapi kunci pelatih ini belum dipercaya komputer ini.")
        )
        self.confirm.setText(
            self.tr("Sidik kunci {0} sama dengan yang ditunjukkan pelatih; percayai kunci ini.").format(
                self.signed.fingerprint
            )
        )
        self.confirm.setVisible(not trusted)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.apply_button.setEnabled(
            self.signed is not None and (not self.needs_confirmation or self.confirm.isChecked())
        )

    def accept(self) -> None:
        from lapor_desktop.offices.profiles import apply_profile, trust_key

        if self.signed is None or not self.apply_button.isEnabled():
            return
        try:
            if not is_trusted(self.base_dir, self.signed.signer):
                trust_key(self.base_dir, self.signed.signer, note=f"dikonfirmasi operator: {self.path.name}")
            self.applied_dir = apply_profile(self.base_dir, self.signed)
        except (ProfileError, ValueError, OSError) as error:
            self.error.setText(str(error))
            return
        super().accept()


def choose_profile_file(parent: QWidget | None) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ProfileDialog", "Pilih berkas profil kantor"),
        str(Path.home()),
        QCoreApplication.translate("ProfileDialog", "Profil kantor (*{0});;Semua berkas (*)").format(
            PROFILE_SUFFIX
        ),
    )
    return Path(chosen) if chosen else None


def import_profile(data_dir: Path, parent: QWidget | None = None, path: Path | None = None) -> Path | None:
    """Choose (unless given), check and apply a profile; returns the data dir now active, or None."""
    path = path or choose_profile_file(parent)
    if path is None:
        return None
    dialog = ProfileDialog(data_dir, path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.applied_dir
