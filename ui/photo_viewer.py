"""An attached photo, large: opened from a thumbnail in the form or the report's detail.

The stored file is decoded on a worker (a phone photo is kept at up to a few
megapixels) and scaled to the dialog, which never grows past the screen. The
arrow keys (or the buttons) page through the report's other attachments; a PDF
is named, with a button to open it in the PC's own PDF reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from lapor_desktop.domain import AttachmentRef
from ui.attachments_widget import format_size

if TYPE_CHECKING:
    from ui.services import Services

PREFERRED = QSize(1000, 760)
SCREEN_SHARE = 0.9  # of the screen's free area, at most


def load_image(path: Path) -> QImage | None:
    """On a worker: QImage, unlike QPixmap, may be made off the UI thread."""
    image = QImage(str(path))
    return None if image.isNull() else image


class PhotoViewer(QDialog):
    def __init__(
        self, services: Services, refs: list[AttachmentRef], index: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self._services = services
        self._refs = list(refs)
        self._index = index
        self._images: dict[str, QImage | None] = {}
        self._paths: dict[str, Path] = {}
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image_label.setMinimumSize(200, 150)
        self.image_label.setStyleSheet("background: #202124; color: #e8eaed;")
        self.caption = QLabel()
        self.caption.setObjectName("photoCaption")
        self.previous_button = QPushButton(self.tr("‹ Sebelumnya"))
        self.previous_button.clicked.connect(lambda: self.show_index(self._index - 1))
        self.next_button = QPushButton(self.tr("Berikutnya ›"))
        self.next_button.clicked.connect(lambda: self.show_index(self._index + 1))
        self.open_elsewhere_button = QPushButton(self.tr("Buka di aplikasi lain…"))
        self.open_elsewhere_button.setToolTip(
            self.tr("Buka berkas ini dengan aplikasi bawaan komputer (misalnya pembaca PDF).")
        )
        self.open_elsewhere_button.clicked.connect(self._open_elsewhere)
        close = QPushButton(self.tr("Tutup"))
        close.clicked.connect(self.accept)
        for button in (self.previous_button, self.next_button, self.open_elsewhere_button, close):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys page, Escape closes
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.caption, 1)
        buttons.addWidget(self.open_elsewhere_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 1)
        layout.addLayout(buttons)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._fit_to_screen()
        self.show_index(index)

    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget() or self).screen().availableGeometry()
        width = min(PREFERRED.width(), int(screen.width() * SCREEN_SHARE))
        height = min(PREFERRED.height(), int(screen.height() * SCREEN_SHARE))
        self.resize(width, height)
        self.setMaximumSize(screen.width(), screen.height())

    # -- what is shown --------------------------------------------------------------------------

    def current(self) -> AttachmentRef:
        return self._refs[self._index]

    def has_image(self) -> bool:
        pixmap = self.image_label.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def show_index(self, index: int) -> None:
        if not self._refs:
            return
        self._index = index % len(self._refs)
        ref = self.current()
        self.setWindowTitle(self.tr("Lampiran: %1").replace("%1", ref.filename))
        self.caption.setText(
            self.tr("%1 · %2 · %3 dari %4")
            .replace("%1", ref.filename)
            .replace("%2", format_size(ref.size))
            .replace("%3", str(self._index + 1))
            .replace("%4", str(len(self._refs)))
        )
        several = len(self._refs) > 1
        self.previous_button.setVisible(several)
        self.next_button.setVisible(several)
        image = ref.content_type.startswith("image/")
        self.open_elsewhere_button.setVisible(not image)
        self.image_label.clear()
        if not image:
            self.image_label.setText(self.tr("Dokumen PDF: buka di aplikasi lain untuk membacanya."))
        elif ref.sha256 in self._images:
            self._show_image(ref.sha256)
        else:
            self.image_label.setText(self.tr("Memuat foto…"))
            self._load(ref)

    def _load(self, ref: AttachmentRef) -> None:
        services = self._services

        def work() -> tuple[Path, QImage | None]:
            path = services.app().reports.attachment_path(ref.sha256)
            return path, load_image(path)

        def done(result: tuple[Path, QImage | None]) -> None:
            self._paths[ref.sha256], self._images[ref.sha256] = result
            if self.current().sha256 == ref.sha256:
                self._show_image(ref.sha256)

        def failed(_error: Exception) -> None:
            self._images[ref.sha256] = None
            if self.current().sha256 == ref.sha256:
                self._show_image(ref.sha256)

        services.run_background(work, done, failed)

    def _show_image(self, sha256: str) -> None:
        image = self._images.get(sha256)
        if image is None:
            self.image_label.setText(self.tr("Foto ini tidak dapat ditampilkan."))
            return
        area = self.image_label.contentsRect().size()
        self.image_label.setPixmap(
            QPixmap.fromImage(image).scaled(
                area, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    # -- the operator -----------------------------------------------------------------------------

    def _open_elsewhere(self) -> None:
        ref = self.current()
        path = self._paths.get(ref.sha256)
        if path is None:
            services = self._services
            self._services.run_background(
                lambda: services.app().reports.attachment_path(ref.sha256),
                lambda found: QDesktopServices.openUrl(QUrl.fromLocalFile(str(found))),
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.show_index(self._index + 1)
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.show_index(self._index - 1)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if (
            self._refs
            and self.current().sha256 in self._images
            and self.current().content_type.startswith("image/")
        ):
            self._show_image(self.current().sha256)


def open_viewer(services: Services, refs: list[AttachmentRef], sha256: str, parent: QWidget) -> PhotoViewer:
    """Show the attachment `sha256` of `refs` large (the others a key press away)."""
    index = next((i for i, ref in enumerate(refs) if ref.sha256 == sha256), 0)
    for old in parent.window().findChildren(PhotoViewer):
        old.close()
        old.deleteLater()
    viewer = PhotoViewer(services, refs, index, parent.window())
    viewer.open()
    return viewer
