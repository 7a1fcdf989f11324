"""The support log: one folder per data dir, and an error in the window lands in it (and is said)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from tests.support.reports import VALID_NIK

ROOT = Path(__file__).resolve().parents[2]


def test_each_data_dir_keeps_its_own_log(tmp_path: Path, office_dir: Path) -> None:
    script = (
        f"from ui.main import start_gui\nraise SystemExit(start_gui(['--data-dir', {str(office_dir)!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LAPOR_DESKTOP_BENCH_EXIT": "first-page"}
    env["PYTHONPATH"] = str(ROOT)
    env.pop("LAPOR_DESKTOP_LOG_DIR", None)  # as installed: no override
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    log = office_dir / "logs" / "lapor-desktop.log"
    assert "log started: lapor-desktop" in log.read_text(encoding="utf-8")


def test_the_about_dialog_and_kirim_log_use_that_folder(qtbot, services, monkeypatch) -> None:
    from ui.about_dialog import AboutDialog

    monkeypatch.delenv("LAPOR_DESKTOP_LOG_DIR", raising=False)
    dialog = AboutDialog(services.data_dir)
    qtbot.addWidget(dialog)
    assert dialog.log_dir == services.data_dir / "logs"


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_redacted_and_told_to_the_operator(qtbot, tmp_path: Path) -> None:
    from lapor_desktop.support.logs import LOG_FILENAME, remove_logging, setup_logging
    from ui.error_reporting import installed_error_hook

    path = setup_logging(tmp_path / "logs")
    assert path is not None
    button = QPushButton("Simpan")
    qtbot.addWidget(button)

    def broken() -> None:
        raise ValueError(f"pelapor {VALID_NIK} tidak dapat disimpan")

    button.clicked.connect(broken)
    try:
        with installed_error_hook():
            button.click()  # PySide6 hands the slot's exception to sys.excepthook
            qtbot.waitUntil(
                lambda: any(
                    isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
                )
            )
            box = next(
                w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
            )
            assert "kesalahan" in box.text() and "Kirim log" in box.informativeText()
            assert VALID_NIK not in box.text() + box.informativeText()
            button.click()  # a second error while the first dialog is open: logged, not a second dialog
            boxes = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
            ]
            assert len(boxes) == 1
            box.close()
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = (tmp_path / "logs" / LOG_FILENAME).read_text(encoding="utf-8")
        assert text.count("ValueError") >= 2 and "Traceback" in text and "broken" in text
        assert VALID_NIK not in text and "[NIK]" in text
    finally:
        remove_logging(path)
