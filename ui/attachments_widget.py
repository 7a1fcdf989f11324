"""The attachments part of the report form: add by button or drag-and-drop, see, remove.

The tiles (thumbnail, name, size) are also what the detail page shows, there
without the remove button.

A file is shown only after it has been processed (downscaled, metadata removed,
stored content-addressed) on the writer thread, so the thumbnail and the size
are those of what will be sent. A refused file gets the core's Bahasa message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import AttachmentRef
from lapor_desktop.reports.validation import MAX_ATTACHMENTS
from ui.changes import NOTHING
from ui.form_fields import ErrorLabel, hint_label

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from ui.services import Services

THUMBNAIL_SIZE = 96


def format_size(size: int) -> str:
    """``319488`` -> "312 KB"; a decimal comma as written in Indonesia."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def load_thumbnail(path: Path, content_type: str) -> QImage | None:
    """A small image of a stored attachment; QImage (unlike QPixmap) may be made on a worker."""
    if not content_type.startswith("image/"):
        return None
    image = QImage(str(path))
    if image.isNull():
        return None
    return image.scaled(
        THUMBNAIL_SIZE,
        THUMBNAIL_SIZE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def request_thumbnail(
    services: Services, ref: AttachmentRef, deliver: Callable[[QImage | None], None]
) -> None:
    """Decode the stored attachment's thumbnail on a worker; `deliver` gets it on the UI thread."""

    def work() -> QImage | None:
        return load_thumbnail(services.app().reports.attachment_path(ref.sha256), ref.content_type)

    services.run_background(work, deliver, lambda _error: deliver(None))


class _Thumbnail(QLabel):
    """The tile's picture; a click on it asks for the attachment large."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class AttachmentTile(QFrame):
    remove_requested = Signal(str)  # sha256
    open_requested = Signal(str)  # sha256: show it large

    def __init__(self, ref: AttachmentRef, parent: QWidget | None = None, *, removable: bool = True) -> None:
        super().__init__(parent)
        self.ref = ref
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(THUMBNAIL_SIZE + 48)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.thumbnail = _Thumbnail()
        self.thumbnail.setFixedSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.thumbnail.setCursor(Qt.CursorShape.PointingHandCursor)
        self.thumbnail.setToolTip(self.tr("Klik untuk melihat %1 lebih besar").replace("%1", ref.filename))
        self.thumbnail.clicked.connect(lambda: self.open_requested.emit(ref.sha256))
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if ref.content_type == "application/pdf":
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            self.thumbnail.setPixmap(icon.pixmap(48, 48))
        layout.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignHCenter)
        name = QLabel()
        name.setToolTip(ref.filename)
        name.setText(
            name.fontMetrics().elidedText(ref.filename, Qt.TextElideMode.ElideMiddle, THUMBNAIL_SIZE + 30)
        )
        layout.addWidget(name)
        self.size_label = QLabel(format_size(ref.size))
        self.size_label.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.size_label)
        self.remove_button: QPushButton | None = None
        if removable:
            remove = QPushButton(self.tr("Hapus"))
            remove.setToolTip(self.tr("Hapus lampiran %1").replace("%1", ref.filename))
            remove.clicked.connect(lambda: self.remove_requested.emit(ref.sha256))
            layout.addWidget(remove)
            self.remove_button = remove

    def set_thumbnail(self, image: QImage | None) -> None:
        if image is not None:
            self.thumbnail.setPixmap(QPixmap.fromImage(image))

    def has_thumbnail(self) -> bool:
        pixmap = self.thumbnail.pixmap()
        return pixmap is not None and not pixmap.isNull()


class AttachmentsWidget(QWidget):
    """Holds up to `MAX_ATTACHMENTS` processed attachments; `changed` fires when the list changes."""

    changed = Signal()
    busy_changed = Signal(bool)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._refs: list[AttachmentRef] = []
        self._tiles: dict[str, AttachmentTile] = {}
        self._processing = 0
        self._generation = 0  # results for a list that was replaced since are dropped
        self.setAcceptDrops(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah lampiran…"))
        self.add_button.clicked.connect(self.choose_files)
        top.addWidget(self.add_button)
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6368;")
        top.addWidget(self.status, 1)
        layout.addLayout(top)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Foto (JPEG/PNG) atau dokumen PDF, paling banyak %1 berkas. "
                    "Berkas juga dapat diseret ke sini. Foto diperkecil dan data lokasinya dihapus."
                ).replace("%1", str(MAX_ATTACHMENTS))
            )
        )
        self.tiles_row = QHBoxLayout()
        self.tiles_row.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.tiles_row)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self._update_status()

    # -- public ------------------------------------------------------------------------

    def attachments(self) -> tuple[AttachmentRef, ...]:
        return tuple(self._refs)

    def tiles(self) -> list[AttachmentTile]:
        return [self._tiles[ref.sha256] for ref in self._refs]

    def open_viewer(self, sha256: str) -> None:
        from ui.photo_viewer import open_viewer

        open_viewer(self._services, self._refs, sha256, self)

    def set_attachments(self, refs: tuple[AttachmentRef, ...] | list[AttachmentRef]) -> None:
        """Show a stored report's attachments (no `changed`): thumbnails load in the background."""
        self._generation += 1
        for tile in self._tiles.values():
            tile.deleteLater()
        self._tiles.clear()
        self._refs = []
        self.error.show_message(None)
        for ref in refs:
            self._append(ref)
            self._load_thumbnail(ref)
        self._update_status()

    def is_busy(self) -> bool:
        return self._processing > 0

    def show_error(self, message: str | None) -> None:
        self.error.show_message(message)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Pilih lampiran"),
            str(Path.home()),
            self.tr("Foto dan PDF (*.jpg *.jpeg *.png *.pdf *.JPG *.JPEG *.PNG *.PDF);;Semua berkas (*)"),
        )
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Process each file on the writer thread; show it once stored, or say why it was refused."""
        room = MAX_ATTACHMENTS - len(self._refs) - self._processing
        if not paths:
            return
        if room <= 0:
            self.error.show_message(
                self.tr(
                    "Paling banyak %1 lampiran. Hapus salah satu lampiran untuk menambah yang lain."
                ).replace("%1", str(MAX_ATTACHMENTS))
            )
            return
        skipped = paths[room:]
        self.error.show_message(
            self.tr("Hanya %1 berkas pertama yang ditambahkan: paling banyak %2 lampiran.")
            .replace("%1", str(room))
            .replace("%2", str(MAX_ATTACHMENTS))
            if skipped
            else None
        )
        for path in paths[:room]:
            self._start_import(path)

    # -- processing ----------------------------------------------------------------------

    def _start_import(self, path: Path) -> None:
        self._processing += 1
        self._update_status()
        generation = self._generation

        def work(app: App) -> tuple[AttachmentRef, QImage | None]:
            ref = app.reports.import_attachment(path)
            return ref, load_thumbnail(app.reports.attachment_path(ref.sha256), ref.content_type)

        def done(result: tuple[AttachmentRef, QImage | None]) -> None:
            self._finish_one()
            if generation != self._generation:
                return
            ref, image = result
            if ref.sha256 in self._tiles:
                self.error.show_message(self.tr("Berkas %1 sudah dilampirkan.").replace("%1", path.name))
                return
            self._append(ref).set_thumbnail(image)
            self.changed.emit()

        def failed(error: Exception) -> None:
            self._finish_one()
            if generation != self._generation:
                return
            message = getattr(error, "message", None) or str(error)
            self.error.show_message(
                self.tr("Berkas %1 tidak dapat dilampirkan: %2")
                .replace("%1", path.name)
                .replace("%2", message)
            )

        self._services.run(work, done, failed, changes=NOTHING)

    def _finish_one(self) -> None:
        self._processing = max(0, self._processing - 1)
        self._update_status()

    def _load_thumbnail(self, ref: AttachmentRef) -> None:
        generation = self._generation

        def done(image: QImage | None) -> None:
            tile = self._tiles.get(ref.sha256)
            if generation == self._generation and tile is not None:
                tile.set_thumbnail(image)

        request_thumbnail(self._services, ref, done)

    def _append(self, ref: AttachmentRef) -> AttachmentTile:
        tile = AttachmentTile(ref)
        tile.remove_requested.connect(self._remove)
        tile.open_requested.connect(self.open_viewer)
        self._refs.append(ref)
        self._tiles[ref.sha256] = tile
        self.tiles_row.addWidget(tile)
        self._update_status()
        return tile

    def _remove(self, sha256: str) -> None:
        tile = self._tiles.pop(sha256, None)
        if tile is None:
            return
        self._refs = [ref for ref in self._refs if ref.sha256 != sha256]
        tile.deleteLater()
        self.error.show_message(None)
        self._update_status()
        self.changed.emit()
        self.add_button.setFocus()

    def _update_status(self) -> None:
        count = len(self._refs)
        text = self.tr("%1 dari %2 lampiran").replace("%1", str(count)).replace("%2", str(MAX_ATTACHMENTS))
        if self._processing:
            text += " · " + self.tr("memproses %1 berkas…").replace("%1", str(self._processing))
        self.status.setText(text)
        self.add_button.setEnabled(count + self._processing < MAX_ATTACHMENTS)
        self.busy_changed.emit(self._processing > 0)

    # -- drag and drop -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if len(files) < len(paths):
            self.error.show_message(self.tr("Hanya berkas yang dapat dilampirkan, bukan folder."))
        self.add_files(files)
        event.acceptProposedAction()
