"""An attached photo opens large, from the form's and the detail's thumbnails."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.images import write_pdf, write_plain_jpeg
from tests.support.reports import valid_content


def _attachments(services, tmp_path):  # type: ignore[no-untyped-def]
    app = services.app()
    return (
        app.reports.import_attachment(write_plain_jpeg(tmp_path / "jalan.jpg", (1600, 1200), seed=3)),
        app.reports.import_attachment(write_plain_jpeg(tmp_path / "selokan.jpg", (900, 1200), seed=4)),
        app.reports.import_attachment(write_pdf(tmp_path / "surat.pdf", pages=1)),
    )


def _open_first(qtbot, tiles):  # type: ignore[no-untyped-def]
    from ui.photo_viewer import PhotoViewer

    qtbot.mouseClick(tiles[0].thumbnail, Qt.MouseButton.LeftButton)
    viewer = tiles[0].window().findChild(PhotoViewer)
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.isVisible() and viewer.has_image())
    return viewer


def test_a_photo_opens_large_from_the_detail_and_pages_through_the_rest(qtbot, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.report_detail import ReportDetailPage

    refs = _attachments(services, tmp_path)
    report = services.app().reports.create(valid_content(attachments=refs), queue=True)
    page = ReportDetailPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.show_report(report.id)
    viewer = _open_first(qtbot, page.attachment_tiles)
    assert "jalan.jpg" in viewer.caption.text() and "1 dari 3" in viewer.caption.text()
    shown = viewer.image_label.pixmap()
    assert max(shown.width(), shown.height()) > 96 * 3  # large, not the thumbnail
    area = viewer.image_label.contentsRect()
    assert shown.width() <= area.width() and shown.height() <= area.height()  # fits, whole
    screen = viewer.screen().availableGeometry()
    assert (
        viewer.frameGeometry().width() <= screen.width()
        and viewer.frameGeometry().height() <= screen.height()
    )

    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: "selokan.jpg" in viewer.caption.text() and viewer.has_image())
    assert "2 dari 3" in viewer.caption.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # a PDF: named, with a way to open it elsewhere
    qtbot.waitUntil(lambda: "surat.pdf" in viewer.caption.text())
    assert not viewer.has_image() and viewer.open_elsewhere_button.isVisible()
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_a_photo_opens_large_from_the_form(qtbot, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.report_form import ReportFormPage

    refs = _attachments(services, tmp_path)[:2]
    form = ReportFormPage(services)
    qtbot.addWidget(form)
    form.resize(900, 700)
    form.show()
    form.inputs.attachments.set_attachments(refs)
    tiles = form.inputs.attachments.tiles()
    viewer = _open_first(qtbot, tiles)
    assert "1 dari 2" in viewer.caption.text()
