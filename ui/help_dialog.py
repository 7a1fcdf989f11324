"""*Bantuan › Panduan singkat*: a short guide in the app itself, so it works without internet."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from lapor_desktop.resources import resource_path
from ui.i18n import current_language

SIZE = (760, 640)


def guide_html(language: str) -> str:
    path = resource_path("help", f"panduan_{language}.html")
    if not path.exists():
        path = resource_path("help", "panduan_id.html")
    return path.read_text(encoding="utf-8")


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Panduan singkat LAPOR! Desa"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(guide_html(current_language()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = (parent or self).screen().availableGeometry()
        self.resize(min(SIZE[0], int(screen.width() * 0.9)), min(SIZE[1], int(screen.height() * 0.9)))
