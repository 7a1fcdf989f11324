"""What the report form shows around the fields: the notice above them, and the page after queuing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lapor_desktop.domain import EDITABLE_STATES, Report, ReportState
from lapor_desktop.offices.settings import Paper
from ui.document_actions import PaperKind, ReportPaper
from ui.form_fields import hint_label
from ui.paper_button import PaperButton

if TYPE_CHECKING:
    from ui.services import Services


class ReportNotice(QWidget):
    """Why a report cannot be typed in (or what the server asks to fix); hidden when there is nothing to say."""

    unqueue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(
            "background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; padding: 8px; color: #3c2f00;"
        )
        layout.addWidget(self.label)
        self.unqueue_button = QPushButton(self.tr("Tarik kembali menjadi draf"))
        self.unqueue_button.clicked.connect(self.unqueue_requested.emit)
        layout.addWidget(self.unqueue_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_text(None)

    def text(self) -> str:
        return self.label.text()

    def show_text(self, text: str | None, *, can_unqueue: bool = False) -> None:
        self.label.setText(text or "")
        self.label.setVisible(bool(text))
        self.unqueue_button.setVisible(can_unqueue)
        self.setVisible(bool(text))

    def show_report(self, report: Report) -> bool:
        """The notice for a stored report; returns whether the report may be edited."""
        state = report.state
        if state is ReportState.NEEDS_FIX:
            self.show_text(
                self.tr(
                    "LAPOR! meminta laporan ini diperbaiki. %1 Perbaiki bagian yang ditandai merah, "
                    "lalu antrekan lagi (Ctrl+Enter)."
                ).replace("%1", report.fix_summary or "")
            )
            return True
        if state in EDITABLE_STATES:
            self.show_text(None)
            return True
        if state is ReportState.QUEUED:
            self.show_text(
                self.tr(
                    "Laporan ini sudah menunggu dikirim. Untuk mengubahnya, tarik kembali menjadi draf dulu."
                ),
                can_unqueue=True,
            )
            return False
        self.show_text(self.tr("Laporan ini sudah terkirim ke LAPOR! dan tidak dapat diubah lagi."))
        return False


class QueuedPage(QWidget):
    """After Ctrl+Enter: the report's number to tell the citizen, and the receipt.

    What it says follows the report: waiting (and whether it will go by itself, which needs a
    server), sent with its tracking number, handed to the kecamatan, or sent back to be fixed.
    """

    new_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self._services = services  # settings read when printing: the office and paper as they are then
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setStyleSheet("color: #188038;")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.ref = QLabel()
        self.ref.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ref_font = self.ref.font()
        ref_font.setPointSizeF(ref_font.pointSizeF() * 1.6)
        ref_font.setBold(True)
        self.ref.setFont(ref_font)
        self.ref.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.ref)
        self.hint = hint_label("")
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.hint)
        layout.addSpacing(12)
        buttons = QHBoxLayout()
        self.print_button = PaperButton(self.tr("Cetak tanda terima"), self._usual_paper)
        self.print_button.paper_chosen.connect(self._print_receipt)
        buttons.addWidget(self.print_button)
        self.pdf_button = PaperButton(self.tr("Simpan PDF tanda terima…"), self._usual_paper)
        self.pdf_button.paper_chosen.connect(self._save_receipt_pdf)
        buttons.addWidget(self.pdf_button)
        self.new_button = QPushButton(self.tr("Laporan baru"))
        self.new_button.clicked.connect(self.new_requested.emit)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_report(self, report: Report) -> None:
        self.report = report
        self.ref.setText(self.tr("Nomor laporan: %1").replace("%1", report.local_ref))
        receipt = self.tr("Berikan tanda terima kepada pelapor.")
        if report.state is ReportState.SENT and report.tracking_id:
            title = self.tr("Laporan sudah terkirim ke LAPOR!")
            hint = self.tr(
                "Nomor pelacakan: %1. Status dan jawaban instansi muncul di rincian laporan."
            ).replace("%1", report.tracking_id)
        elif report.state is ReportState.SENT:
            title = self.tr("Laporan sudah diserahkan ke kecamatan")
            hint = self.tr(
                "Kecamatan meneruskannya ke LAPOR! dan mengirim nomor pelacakannya bersama paket balasan."
            )
        elif report.state is ReportState.NEEDS_FIX:
            title = self.tr("LAPOR! meminta laporan ini diperbaiki")
            hint = self.tr(
                "Buka laporan ini dari Kotak keluar, perbaiki bagian yang ditandai, lalu antrekan lagi."
            )
        elif self._services.settings().server_url:
            title = self.tr("Laporan sudah diantrekan untuk dikirim")
            hint = self.tr(
                "Laporan akan dikirim ke LAPOR! secara otomatis saat komputer terhubung ke internet. "
                "Nomor pelacakan muncul di rincian laporan setelah terkirim."
            )
        else:
            title = self.tr("Laporan sudah diantrekan")
            hint = self.tr(
                "Alamat server LAPOR! belum diisi, jadi laporan ini belum bisa dikirim. Isi alamat server "
                "dan token di Pengaturan agar laporan yang menunggu bisa dikirim, atau serahkan lewat "
                "paket ke kecamatan (menu Paket)."
            )
        self.title.setText(title)
        self.title.setStyleSheet(
            f"color: {'#b3261e' if report.state is ReportState.NEEDS_FIX else '#188038'};"
        )
        self.hint.setText(f"{hint} {receipt}")

    def _usual_paper(self) -> Paper:
        return self._services.settings().paper

    def _print_receipt(self, paper: Paper) -> None:
        if self.report is not None:
            ReportPaper(self._services.data_dir, PaperKind.RECEIPT).print(self.report, self, paper)

    def _save_receipt_pdf(self, paper: Paper) -> None:
        if self.report is not None:
            ReportPaper(self._services.data_dir, PaperKind.RECEIPT).save_pdf(self.report, self, paper)
