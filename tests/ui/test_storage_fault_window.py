"""The window while the disk is full or read-only: one notice, reading goes on, nothing typed is lost.

The office lives on a real small disk (an 8 MB tmpfs) that is filled to the
byte or remounted read-only while the window runs; the report form is filled
by keyboard with recognisable personal data, which must reach neither the
log nor stderr. Skipped, with the reason, where mounting is not allowed.
"""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.storage.faults import FaultKind, fault
from lapor_desktop.support.logs import remove_logging, setup_logging
from tests.support.dialogs import SaveDialog
from tests.support.driving import Steps, message_box, shown_main_window
from tests.support.reports import valid_content
from tests.support.storage import PERSONAL, add_reports, fill_disk, log_text, tmpfs
from tests.support.ui import fill_form, report_rows, type_into
from ui.navigation import Place

TITLE = "Pompa air Dusun III mati sejak Senin"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    path = setup_logging(folder)
    assert path is not None
    yield folder
    remove_logging(path)


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window closed at the end of a test never waits for an answer (one test asks itself)."""
    from ui import report_form

    monkeypatch.setattr(report_form, "ask_discard_unsaved", lambda _parent: True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk") as mount:
        yield mount


def make_office(data_dir: Path, photos: Path) -> Path:
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    data_dir.mkdir()
    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"),
    )
    add_reports(data_dir, 3, photo_dir=photos)
    return data_dir


def open_window(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.reports_page import ReportsPage
    from ui.services import Services

    services = Services(data_dir, prepare_data_dir(data_dir), inline=True)
    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), ReportsPage))
    return window


def notices(window) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [box for box in window.findChildren(QMessageBox) if box.objectName() == "storageFaultNotice"]


def typed_report(qtbot, window):  # type: ignore[no-untyped-def]
    window.go_to(Place.NEW_REPORT)
    form = window.form_page()
    form.saver.retry_timer.setInterval(20)
    fill_form(qtbot, form, valid_content(title=TITLE))
    return form


def check_reading_goes_on(qtbot, window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """List, search, open and print (to a PDF outside the failing disk) while writing fails."""
    from ui import document_actions
    from ui.document_actions import PaperKind, ReportPaper

    window.go_to(Place.ALL)
    page = window.all_page
    page.model.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.search.setText("00002")  # the report number
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.search.clear()
    window.open_report(2)
    detail = window.detail_page()
    qtbot.waitUntil(lambda: detail.report() is not None and detail.report().id == 2)
    assert detail.report().content.title == "Jalan desa rusak nomor 1"
    monkeypatch.setattr(document_actions, "ask_save_path", SaveDialog(tmp_path / "tanda-terima.pdf"))
    monkeypatch.setattr(document_actions, "open_folder", lambda _folder: None)
    saved = ReportPaper(window.services.data_dir, PaperKind.RECEIPT).save_pdf(detail.report(), window)
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    window.go_to(Place.NEW_REPORT)


def test_full_disk_while_running(qtbot, disk, tmp_path, log_dir, capfd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data_dir = make_office(disk / "kantor", tmp_path / "photos")
    window = open_window(qtbot, data_dir)
    form = typed_report(qtbot, window)
    filler = fill_disk(disk)
    repeats: list[object] = []
    window.services.faults.repeated.connect(repeats.append)

    form.save_draft()
    [notice] = notices(window)
    assert notice.isVisible() and notice.windowTitle() == "Penyimpanan penuh"
    assert "Penyimpanan penuh" in notice.text() and "membuka dan mencetak" in notice.informativeText()
    assert form.keeps_unsaved_typing()
    assert "isian tetap di layar" in form.save_status.text()
    assert "Penyimpanan penuh" in window.status.message_label.text()

    # Typing goes on, the form retries by itself: still one notice, never a storm.
    type_into(qtbot, form.inputs.body_edit, " Warga mengambil air dari sungai.")
    form.save_draft()
    qtbot.waitUntil(lambda: len(repeats) >= 3)
    assert notices(window) == [notice]
    check_reading_goes_on(qtbot, window, monkeypatch, tmp_path)
    assert report_rows(data_dir / "lapor.db")[-1][2] != TITLE  # not stored yet: only in the form

    filler.unlink()  # space again: the next retry stores what was typed
    qtbot.waitUntil(lambda: "Tersimpan otomatis" in form.save_status.text(), timeout=10_000)
    assert not form.keeps_unsaved_typing() and window.services.faults.current is None
    assert window.status.message_label.text() == "Penyimpanan dapat ditulis lagi."
    assert report_rows(data_dir / "lapor.db")[-1][1:] == ("draft", TITLE)
    assert form.content().body.endswith("Warga mengambil air dari sungai.")
    out, err = capfd.readouterr()
    for text in (out, err, log_text(log_dir)):
        assert "Traceback" not in text
        for value in PERSONAL:
            assert value not in text
    assert "writing failed: disk_full" in log_text(log_dir)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` read-only for every file opened from now on (a read-only bind mount over itself).

    A whole disk cannot be remounted read-only while files on it are open for writing
    (the kernel says busy), so the window's connections are dropped first by the test.
    """
    done = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)  # connections opened meanwhile stay on it


def test_read_only_folder_while_running(qtbot, tmp_path, log_dir, capfd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data_dir = make_office(tmp_path / "kantor", tmp_path / "photos")
    window = open_window(qtbot, data_dir)
    form = typed_report(qtbot, window)
    window.services.release_reads()
    window.services.app().db.engine.dispose()
    with read_only(data_dir):
        form.save_draft()
        [notice] = notices(window)
        assert notice.windowTitle() == "Folder data tidak dapat ditulis"
        assert str(data_dir) in notice.text()
        assert form.keeps_unsaved_typing()
        check_reading_goes_on(qtbot, window, monkeypatch, tmp_path)
    qtbot.waitUntil(lambda: "Tersimpan otomatis" in form.save_status.text(), timeout=10_000)
    assert report_rows(data_dir / "lapor.db")[-1][1:] == ("draft", TITLE)
    assert len(notices(window)) == 1
    out, err = capfd.readouterr()
    for text in (out, err, log_text(log_dir)):
        assert "Traceback" not in text
        for value in PERSONAL:
            assert value not in text


def test_closing_while_typing_cannot_be_stored_asks_first(qtbot, disk, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import report_form

    data_dir = make_office(disk / "kantor", tmp_path / "photos")
    window = open_window(qtbot, data_dir)
    form = typed_report(qtbot, window)
    form.saver.retry_timer.setInterval(60_000)
    filler = fill_disk(disk)
    form.save_draft()
    answers = iter([False, True])
    asked: list[int] = []
    monkeypatch.setattr(report_form, "ask_discard_unsaved", lambda _parent: asked.append(1) or next(answers))

    # Opening another report would drop the typing: the form stays and says why.
    form.edit_report(1)
    assert form.current_report_id() is None and "belum tersimpan" in form.form_message.text()
    window.close()
    assert window.isVisible() and len(asked) == 1  # "Jangan tutup"
    window.close()
    assert not window.isVisible() and len(asked) == 2
    filler.unlink()


def test_a_disk_full_at_start_is_told_at_once_and_the_typing_saved_later(  # type: ignore[no-untyped-def]
    qapp, disk, tmp_path, monkeypatch
) -> None:
    """The real start-up on a disk already full: the notice comes before any typing, the list reads
    (beside the writer, see `storage.pragmas.connect`), and the report is stored once there is room."""
    from ui.main import start_gui

    monkeypatch.setenv("LAPOR_DESKTOP_LOG_DIR", str(tmp_path / "logs"))
    data_dir = make_office(disk / "kantor", tmp_path / "photos")
    filler = fill_disk(disk)
    seen: dict[str, object] = {}

    def at_start(notice: QMessageBox) -> None:
        window = shown_main_window()
        seen["rows"] = window.all_page.model.rowCount()
        notice.accept()
        window.go_to(Place.NEW_REPORT)
        form = window.form_page()
        form.saver.retry_timer.setInterval(20)
        form.inputs.title_edit.setText(TITLE)
        form.inputs.body_edit.setPlainText(
            "Pompa air bersih Dusun III mati; warga mengambil air dari sungai."
        )
        form.save_draft()
        seen["form"] = form

    def refused(window) -> None:  # type: ignore[no-untyped-def]
        seen["refused"] = window.form_page().form_message.text()
        filler.unlink()

    steps = (
        Steps()
        .when("the notice", lambda: shown_main_window() and message_box("Penyimpanan penuh"), at_start)
        .when(
            "the refusal",
            lambda: "form" in seen and seen["form"].keeps_unsaved_typing() and shown_main_window(),  # type: ignore[attr-defined]
            refused,
        )
        .when(
            "saved",
            lambda: "Tersimpan otomatis" in seen["form"].save_status.text() and shown_main_window(),  # type: ignore[attr-defined]
            lambda window: window.close(),
        )
    )
    steps.start()
    assert start_gui(["--data-dir", str(data_dir)]) == 0
    assert steps.stuck is None, steps.stuck
    assert seen["rows"] == 3
    assert "Penyimpanan penuh" in str(seen["refused"])
    assert report_rows(data_dir / "lapor.db")[-1][2] == TITLE


def test_a_fault_episode_begins_once_and_ends_with_a_write(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from ui.storage_faults import FaultWatch, describe_failure

    watch = FaultWatch(tmp_path)
    events: list[str] = []
    watch.began.connect(lambda f: events.append(f"began {f.kind}"))
    watch.repeated.connect(lambda f: events.append(f"again {f.kind}"))
    watch.ended.connect(lambda: events.append("ended"))
    full = sqlite3.OperationalError("database or disk is full")
    assert watch.failed(ValueError("Judul wajib diisi")) is None
    watch.failed(full)
    watch.failed(full)
    watch.found(fault(FaultKind.READ_ONLY, path=tmp_path))
    watch.succeeded()
    watch.succeeded()
    watch.failed(full)
    assert events == ["began disk_full", "again disk_full", "again read_only", "ended", "began disk_full"]
    assert describe_failure(full, tmp_path).startswith("Penyimpanan penuh")
    assert describe_failure(ValueError("Judul wajib diisi\nbaris kedua"), tmp_path) == "Judul wajib diisi"
    assert dataclasses.is_dataclass(valid_content())
