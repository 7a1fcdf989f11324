"""*Kabari pelapor*: the citizen's message (composed by the core) to copy, or to open in WhatsApp or as an SMS.

The operator may touch up the text before sending; WhatsApp and SMS get the
text as it stands in the box. The message itself is in Bahasa Indonesia
whatever the window's language: it goes to the citizen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import Report
from lapor_desktop.reports.citizen_message import CitizenMessage, Unavailable, citizen_message, unavailable
from ui.form_fields import HINT_COLOUR

if TYPE_CHECKING:
    from ui.services import Services


def open_url(url: str) -> bool:
    """Hand a wa.me or sms: link to the system; False when nothing on this PC opens it."""
    return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))


class CitizenMessageDialog(QDialog):
    def __init__(self, message: CitizenMessage, reporter_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citizenMessageDialog")
        self.setWindowTitle(self.tr("Kabari pelapor"))
        self.message = message
        heading = QLabel(
            self.tr("Pesan untuk %1, nomor %2").replace("%1", reporter_name).replace("%2", message.phone)
        )
        heading.setWordWrap(True)
        self.editor = QPlainTextEdit(message.text)
        self.editor.setObjectName("citizenMessage")
        self.editor.setMinimumSize(460, 260)
        hint = QLabel(
            self.tr("Periksa pesan ini dan ubah bila perlu, lalu salin atau kirim lewat WhatsApp atau SMS.")
            if message.mobile
            else self.tr(
                "Nomor %1 bukan nomor HP, jadi pesan tidak dapat dikirim lewat WhatsApp atau SMS. "
                "Salin pesan ini untuk disampaikan dengan cara lain."
            ).replace("%1", message.phone)
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {HINT_COLOUR};")
        self.status = QLabel()
        self.status.setObjectName("citizenMessageStatus")
        self.status.setWordWrap(True)

        self.copy_button = QPushButton(self.tr("Salin pesan"))
        self.copy_button.clicked.connect(self.copy)
        self.whatsapp_button = QPushButton(self.tr("Buka WhatsApp"))
        self.whatsapp_button.clicked.connect(self.open_whatsapp)
        self.sms_button = QPushButton(self.tr("Kirim SMS"))
        self.sms_button.clicked.connect(self.open_sms)
        for button in (self.whatsapp_button, self.sms_button):
            button.setEnabled(message.mobile is not None)
        actions = QHBoxLayout()
        for button in (self.copy_button, self.whatsapp_button, self.sms_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        close.rejected.connect(self.reject)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addLayout(actions)

    def current(self) -> CitizenMessage:
        """The message as the operator left it in the box."""
        return replace(self.message, text=self.editor.toPlainText().strip())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.current().text)
        self.status.setText(self.tr("Pesan disalin. Tempelkan di aplikasi pesan (Ctrl+V)."))

    def open_whatsapp(self) -> None:
        self._open(self.current().whatsapp_url)

    def open_sms(self) -> None:
        self._open(self.current().sms_url)

    def _open(self, url: str | None) -> None:
        if url is None:
            return
        if open_url(url):
            self.status.setText(self.tr("Pesan dibuka di aplikasi lain. Periksa, lalu kirim dari sana."))
        else:
            self.status.setText(
                self.tr(
                    "Tidak ada aplikasi di komputer ini yang dapat membukanya. Salin pesan dan kirim dari HP."
                )
            )


class NotifyButton(QPushButton):
    """*Kabari pelapor…* on the detail page: enabled for a reporter who gave a phone and is not anonymous."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Kabari pelapor…"), parent)
        self.setObjectName("notifyReporter")
        self._services = services
        self._report: Report | None = None
        self.dialog: CitizenMessageDialog | None = None
        self.clicked.connect(self.open_dialog)
        self.set_report(None)

    def set_report(self, report: Report | None) -> None:
        self._report = report
        reason = unavailable(report) if report is not None else None
        self.setEnabled(report is not None and reason is None)
        tips = {
            Unavailable.ANONYMOUS: self.tr("Laporan anonim: pelapor tidak dikabari lewat pesan."),
            Unavailable.NO_PHONE: self.tr("Pelapor tidak memberi nomor telepon."),
        }
        self.setToolTip(
            tips[reason]
            if reason is not None
            else self.tr("Pesan singkat tentang laporan ini untuk pelapor.")
        )

    def open_dialog(self) -> None:
        if self._report is None:
            return
        message = citizen_message(self._report, self._services.settings())
        if message is None:
            return
        self.dialog = CitizenMessageDialog(message, self._report.content.reporter.name, self.window())
        self.dialog.open()
