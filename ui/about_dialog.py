"""*Tentang*: the version and where things are, and *Kirim log* for support."""

from __future__ import annotations

import datetime as dt
import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop import __version__
from lapor_desktop.offices.settings import load_settings


def default_zip_name() -> str:
    return f"lapor-desktop-log-{dt.datetime.now():%Y%m%d-%H%M}.zip"


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None, *, log_dir: Path | None = None) -> None:
        super().__init__(parent)
        from lapor_desktop.offices.training import base_data_dir
        from lapor_desktop.support.logs import default_log_dir

        self.data_dir = data_dir
        self.base_dir = base_data_dir(data_dir)
        self.log_dir = log_dir or default_log_dir(self.base_dir)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("Tentang LAPOR! Desa"))
        self.setMinimumWidth(520)

        self.heading = QLabel(self.tr("LAPOR! Desa {0}").format(__version__))
        self.heading.setObjectName("pageTitle")
        self.version_label = QLabel(__version__)
        self.version_label.setObjectName("aboutVersion")
        intro = QLabel(
            self.tr(
                "Mencatat pengaduan, aspirasi dan permintaan informasi warga di kantor desa tanpa internet, "
                "lalu mengirimkannya ke SP4N-LAPOR! saat terhubung."
            )
        )
        intro.setWordWrap(True)
        settings = load_settings(data_dir)
        mode = self.tr("Latihan") if settings.training else self.tr("Sungguhan")
        form = QFormLayout()
        form.addRow(self.tr("Versi"), self.version_label)
        form.addRow(self.tr("Mode"), QLabel(mode))
        form.addRow(
            self.tr("Komponen"),
            QLabel(f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}"),
        )
        form.addRow(self.tr("Sistem"), QLabel(platform.platform(terse=True)))
        for label, path in ((self.tr("Folder data"), data_dir), (self.tr("Folder log"), self.log_dir)):
            value = QLabel(str(path))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
        if getattr(sys, "frozen", False):
            form.addRow("", QLabel(self.tr("Paket instalasi (PyInstaller)")))

        self.send_log_button = QPushButton(self.tr("Kirim log…"))
        self.send_log_button.setObjectName("sendLog")
        self.send_log_button.setToolTip(
            self.tr(
                "Buat berkas zip berisi catatan aplikasi untuk tim dukungan. NIK, nomor telepon dan token disamarkan."
            )
        )
        self.send_log_button.clicked.connect(self.choose_and_make_zip)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.addButton(self.send_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def make_zip(self, target: Path) -> Path:
        from lapor_desktop.support.logs import make_support_zip

        return make_support_zip(
            target, log_directory=self.log_dir, data_dir=self.base_dir, extra={"qt": qVersion()}
        )

    def choose_and_make_zip(self) -> None:
        suggested = str(Path.home() / default_zip_name())
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan log untuk dukungan"), suggested, self.tr("Arsip zip (*.zip)")
        )
        if not chosen:
            return
        try:
            target = self.make_zip(Path(chosen))
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Log tidak dapat disimpan"),
                self.tr("Berkas tidak dapat ditulis ({0}). Pilih folder lain, misalnya Dokumen.").format(
                    error.strerror or error
                ),
            )
            return
        QMessageBox.information(
            self,
            self.tr("Log tersimpan"),
            self.tr(
                "Log disimpan di {0}. Kirim berkas ini ke tim dukungan; NIK, nomor telepon, surel dan "
                "token sudah disamarkan."
            ).format(target),
        )
