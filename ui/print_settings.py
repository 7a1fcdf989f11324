"""*Pengaturan* › *Cetakan*: the paper this office prints on, and the LAPOR! page the QR code opens.

Each change is saved at once, like the language. The paper is the one every
print and PDF uses unless the operator picks another for one print (the
arrow beside *Cetak tanda terima*).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from lapor_desktop.offices.settings import (
    DEFAULT_TRACKING_URL,
    Paper,
    SettingsError,
    check_tracking_url,
    load_settings,
    update_settings,
)
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR
from ui.labels import paper_label


class PrintSettingsBox(QGroupBox):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cetakan"), parent)
        self.data_dir = data_dir
        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        for paper in Paper:
            self.paper.addItem(paper_label(paper), paper.value)
        self.tracking_url = QLineEdit()
        self.tracking_url.setObjectName("trackingUrl")
        self.tracking_url.setPlaceholderText(DEFAULT_TRACKING_URL)
        self.tracking_url.setMinimumWidth(420)
        self.note = QLabel()
        self.note.setObjectName("printSettingsNote")
        self.note.setWordWrap(True)
        self.note.setMinimumWidth(420)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Kertas tanda terima"), self.paper)
        form.addRow(self.tr("Alamat pelacakan LAPOR!"), self.tracking_url)
        form.addRow("", self.note)
        self.reload()
        self.paper.currentIndexChanged.connect(self._paper_chosen)
        self.tracking_url.editingFinished.connect(self.save_tracking_url)

    def _hint(self) -> str:
        return self.tr(
            "Alamat halaman laporan di situs LAPOR! yang dibuka kode QR, dengan {tracking_id} di tempat "
            "nomor pelacakan. Kosongkan untuk memakai alamat bawaan."
        )

    def _show_note(self, text: str, *, error: bool = False) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {ERROR_COLOUR if error else HINT_COLOUR};")

    def reload(self) -> None:
        settings = load_settings(self.data_dir)
        self.paper.blockSignals(True)
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.paper.value)))
        self.paper.blockSignals(False)
        self.tracking_url.setText(settings.tracking_url or "")
        self._show_note(self._hint())

    def _paper_chosen(self) -> None:
        paper = Paper(self.paper.currentData())
        update_settings(self.data_dir, paper=paper)
        self._show_note(self.tr("Tanda terima dicetak pada %1.").replace("%1", paper_label(paper)))

    def save_tracking_url(self) -> None:
        text = self.tracking_url.text().strip()
        if text == (load_settings(self.data_dir).tracking_url or ""):
            return
        if not text:
            update_settings(self.data_dir, tracking_url=None)
            self._show_note(self.tr("Alamat pelacakan kembali ke alamat bawaan."))
            return
        try:
            pattern = check_tracking_url(text)
        except SettingsError as error:
            self._show_note(str(error), error=True)
            return
        update_settings(self.data_dir, tracking_url=pattern)
        self._show_note(self.tr("Alamat pelacakan tersimpan."))
