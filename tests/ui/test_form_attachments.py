"""Attachments in the form: real files processed by the core, shown with their stored size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from lapor_desktop.reports.validation import MAX_ATTACHMENTS
from tests.support.images import write_pdf, write_photo_jpeg, write_plain_jpeg
from tests.support.ui import show_and_activate
from ui.attachments_widget import format_size
from ui.report_form import ReportFormPage


@pytest.fixture
def form(qtbot, services):  # type: ignore[no-untyped-def]
    page = ReportFormPage(services, autosave_idle_ms=60_000, autosave_max_ms=120_000)
    qtbot.addWidget(page)
    show_and_activate(qtbot, page)
    return page


def _drop(widget, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """What the window system delivers for a drag from the file manager: enter, then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(widget, drop)


def test_a_dropped_phone_photo_shows_its_thumbnail_and_processed_size(form, tmp_path) -> None:  # type: ignore[no-untyped-def]
    photo = write_photo_jpeg(tmp_path / "IMG_20261128_091500.jpg", (4000, 3000))
    original_size = photo.stat().st_size
    _drop(form.inputs.attachments, [photo])
    [ref] = form.inputs.attachments.attachments()
    assert ref.content_type == "image/jpeg"
    assert ref.size < original_size  # downscaled to 1600 px before it is shown
    tile = form.inputs.attachments._tiles[ref.sha256]
    assert tile.size_label.text() == format_size(ref.size)
    assert tile.size_label.text().endswith("KB")
    pixmap = tile.thumbnail.pixmap()
    assert not pixmap.isNull()
    assert max(pixmap.width(), pixmap.height()) == 96
    assert form.content().attachments == (ref,)
    assert form.has_unsaved_changes()
    assert "1 dari 5" in form.inputs.attachments.status.text()


def test_a_text_file_named_jpg_is_refused_in_bahasa(form, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "foto.jpg"
    fake.write_text("ini bukan foto, hanya teks biasa\n" * 20, encoding="utf-8")
    form.inputs.attachments.add_files([fake])
    assert form.inputs.attachments.attachments() == ()
    message = form.inputs.attachments.error.text()
    assert form.inputs.attachments.error.isVisible()
    assert message.startswith("Berkas foto.jpg tidak dapat dilampirkan:")
    assert "JPEG" in message or "foto" in message.lower()


def test_a_pdf_and_removing_an_attachment(qtbot, form, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = write_pdf(tmp_path / "surat.pdf", pages=2)
    photo = write_plain_jpeg(tmp_path / "jalan.jpg", (800, 600))
    form.inputs.attachments.add_files([pdf, photo])
    refs = form.inputs.attachments.attachments()
    assert [r.content_type for r in refs] == ["application/pdf", "image/jpeg"]
    tile = form.inputs.attachments._tiles[refs[0].sha256]
    assert tile.size_label.text() == format_size(pdf.stat().st_size)  # PDFs are kept byte for byte
    qtbot.mouseClick(tile.remove_button, Qt.MouseButton.LeftButton)
    assert [r.sha256 for r in form.inputs.attachments.attachments()] == [refs[1].sha256]


def test_at_most_five_attachments(form, tmp_path) -> None:  # type: ignore[no-untyped-def]
    photos = [
        write_plain_jpeg(tmp_path / f"foto{i}.jpg", (320, 240), seed=i + 10)
        for i in range(MAX_ATTACHMENTS + 1)
    ]
    form.inputs.attachments.add_files(photos)
    assert len(form.inputs.attachments.attachments()) == MAX_ATTACHMENTS
    assert not form.inputs.attachments.add_button.isEnabled()
    assert "paling banyak 5" in form.inputs.attachments.error.text()


def test_attachments_are_saved_with_the_draft_and_shown_again(qtbot, form, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    photo = write_plain_jpeg(tmp_path / "jalan.jpg", (800, 600))
    form.inputs.attachments.add_files([photo])
    qtbot.keyClick(form.inputs.attachments.add_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    report_id = form.current_report_id()
    stored = services.app().reports.get(report_id).content.attachments
    assert stored == form.inputs.attachments.attachments()

    form.new_report()
    assert form.inputs.attachments.attachments() == ()
    form.edit_report(report_id)
    assert form.inputs.attachments.attachments() == stored
    tile = form.inputs.attachments._tiles[stored[0].sha256]
    assert not tile.thumbnail.pixmap().isNull()


def test_format_size() -> None:
    assert format_size(512) == "512 B"
    assert format_size(319_488) == "312 KB"
    assert format_size(1_572_864) == "1,5 MB"
