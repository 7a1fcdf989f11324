"""Screenshots of the window when storage fails and of *Pengaturan* › *Cadangan*, for docs/screenshots/.

Run on a 1366x768 screen (the desa laptop), as root for the full-disk case (a small tmpfs):

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/storage_screenshots.py [--out docs/screenshots]

Each scenario starts the real app (`ui.main.start_gui`) on a real data dir and
drives it as the operator would, grabbing the whole screen (dialogs included):

1. an emptied `lapor.db` with a snapshot: the start-up dialog, the restore
   confirmation, the result, and the office open again with every report;
2. a full disk (an 8 MB tmpfs filled to the byte): the notice, the form
   keeping what was typed, the list still searchable, then space freed and
   the typing saved;
3. *Pengaturan* with the backup section and the reminder, the passphrase
   asked twice, and the backup written.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
os.environ.setdefault("LAPOR_DESKTOP_LOG_DIR", tempfile.mkdtemp(prefix="lapor-shots-logs-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget  # noqa: E402

from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402

TITLES = (
    "Jalan Dusun II berlubang besar",
    "Lampu jalan Simpang Tiga padam",
    "Atap SD Negeri 2 bocor",
    "Saluran irigasi Sawah Lor tersumbat",
    "Sampah menumpuk di bantaran sungai",
    "Air PAMSIMAS tidak mengalir seminggu",
    "Jembatan gantung Dusun IV miring",
    "Genangan air di depan pasar desa",
)


def make_office(data_dir: Path) -> None:
    from lapor_desktop.app import open_app
    from tests.support.reports import valid_content

    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"),
    )
    with open_app(data_dir) as app:
        for i, title in enumerate(TITLES):
            app.reports.create(dataclasses.replace(valid_content(), title=title), queue=i % 3 != 2)


class Driver:
    """Steps run one after another, each once its condition holds (polled on the UI thread)."""

    def __init__(self, out: Path, prefix: str) -> None:
        self.out = out
        self.prefix = prefix
        self.steps: list[tuple[Callable[[], object], Callable[[object], None]]] = []
        self.timer = QTimer()
        self.timer.setInterval(150)
        self.timer.timeout.connect(self._poll)
        self.waited = 0

    def when(self, condition: Callable[[], object], action: Callable[[object], None]) -> Driver:
        self.steps.append((condition, action))
        return self

    def start(self) -> None:
        self.timer.start()

    def _poll(self) -> None:
        if not self.steps:
            self.timer.stop()
            return
        condition, action = self.steps[0]
        found = condition()
        if not found:
            self.waited += 1
            if self.waited > 400:  # a minute: the scenario is stuck
                raise SystemExit(f"{self.prefix}: step {len(self.steps)} never came")
            return
        self.waited = 0
        self.steps.pop(0)
        self.timer.stop()
        # Let the widget paint before it is grabbed or clicked; an action may open a modal dialog
        # (a nested event loop), so polling goes on from inside it.
        QTimer.singleShot(500, lambda: (self.timer.start(), action(found)))

    def grab(self, name: str) -> None:
        screen = QApplication.primaryScreen()
        path = self.out / name
        screen.grabWindow(0).save(str(path))
        print(f"wrote {path}")


def top(object_name: str | None = None, cls: type | None = None) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible():
            continue
        if object_name is not None and widget.objectName() != object_name:
            continue
        if cls is not None and not isinstance(widget, cls):
            continue
        return widget
    return None


def message_box(text_part: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if (
            isinstance(widget, QMessageBox)
            and widget.isVisible()
            and text_part in (widget.text() + widget.windowTitle())
        ):
            return widget
    return None


def click(widget: QWidget, text: str) -> None:
    for button in widget.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text and button.isVisible():
            button.click()
            return
    raise SystemExit(f"no button {text!r} in {widget.objectName() or type(widget).__name__}")


def main_window() -> QWidget | None:
    from ui.main_window import MainWindow

    window = top(cls=MainWindow)
    return window if window is not None and window.first_page_on_screen else None  # type: ignore[attr-defined]


def lost_database(out: Path, work: Path) -> None:
    from lapor_desktop.backup.snapshots import take_snapshot
    from ui.main import start_gui

    data_dir = work / "kantor"
    make_office(data_dir)
    take_snapshot(data_dir)
    (data_dir / "lapor.db").write_bytes(b"")  # `: > lapor.db`
    for name in ("lapor.db-wal", "lapor.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    d = Driver(out, "lost")
    d.when(
        lambda: top("storageFaultDialog"),
        lambda w: (d.grab("fault-lost-database.png"), click(w, "Pulihkan cadangan terbaru…")),
    )  # type: ignore[arg-type]
    d.when(
        lambda: message_box("Pulihkan cadangan?"),
        lambda w: (d.grab("fault-restore-confirm.png"), click(w, "Pulihkan")),
    )  # type: ignore[arg-type]
    d.when(lambda: message_box("Cadangan dipulihkan"), lambda w: (d.grab("fault-restored.png"), w.accept()))  # type: ignore[attr-defined]
    d.when(main_window, lambda w: (d.grab("fault-restored-window.png"), w.close()))  # type: ignore[attr-defined]
    d.start()
    code = start_gui(["--data-dir", str(data_dir)])
    print("lost database: exit", code)


def full_disk(out: Path, work: Path) -> None:
    from tests.support.storage import fill_disk
    from ui.main import start_gui
    from ui.navigation import Place

    mount = work / "kecil"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        print("full disk: skipped (mounting a tmpfs needs root)")
        return
    try:
        data_dir = mount / "kantor"
        make_office(data_dir)
        filler = fill_disk(mount)
        d = Driver(out, "full")
        state: dict[str, object] = {}

        def type_report(window: object) -> None:
            window.go_to(Place.NEW_REPORT)  # type: ignore[attr-defined]
            form = window.form_page()  # type: ignore[attr-defined]
            state["form"] = form
            form.inputs.title_edit.setText("Pompa air Dusun III mati sejak Senin")
            form.inputs.body_edit.setPlainText(
                "Pompa air bersih Dusun III mati sejak Senin; warga mengambil air dari sungai."
            )
            form.inputs.name_edit.setText("Budi Santoso")
            form.save_draft()

        def search(window: object) -> None:
            d.grab("disk-full-form.png")
            window.go_to(Place.ALL)  # type: ignore[attr-defined]
            page = window.all_page  # type: ignore[attr-defined]
            page.search.setText("sampah")

        d.when(
            lambda: main_window() is not None and message_box("Penyimpanan penuh"),
            lambda w: (d.grab("disk-full-notice.png"), w.accept()),
        )  # type: ignore[attr-defined]
        d.when(main_window, type_report)
        d.when(
            lambda: state["form"].save_status.text().startswith("Belum tersimpan") and main_window(), search
        )  # type: ignore[attr-defined]
        d.when(
            main_window,
            lambda w: (d.grab("disk-full-search.png"), filler.unlink(), w.go_to(Place.NEW_REPORT)),
        )  # type: ignore[attr-defined]
        d.when(
            lambda: "Tersimpan otomatis" in state["form"].save_status.text() and main_window(),
            lambda w: (d.grab("disk-full-saved-after.png"), w.close()),
        )  # type: ignore[attr-defined]
        d.start()
        code = start_gui(["--data-dir", str(data_dir)])
        print("full disk: exit", code)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def settings_backup(out: Path, work: Path) -> None:
    from ui import backup_dialogs
    from ui.main import start_gui
    from ui.navigation import Place

    data_dir = work / "kantor-cadangan"
    make_office(data_dir)
    flashdisk = work / "flashdisk"
    flashdisk.mkdir()
    backup_dialogs.ask_backup_target = lambda _parent, suggested: (
        flashdisk / suggested.name
    )  # the file dialog
    d = Driver(out, "settings")

    def open_settings(window: object) -> None:
        d.grab("backup-reminder.png")
        window.go_to(Place.SETTINGS)  # type: ignore[attr-defined]

    def create(window: object) -> None:
        d.grab("settings-top.png")
        window.settings_page().backup_box.reveal()  # type: ignore[attr-defined]
        QTimer.singleShot(300, lambda: d.grab("settings-backup.png"))
        QTimer.singleShot(800, window.settings_page().backup_box.create_button.click)  # type: ignore[attr-defined]

    def passphrase(dialog: object) -> None:
        dialog.first.setText("sandi-desa-2026")  # type: ignore[attr-defined]
        dialog.second.setText("sandi-desa-2026")  # type: ignore[attr-defined]
        d.grab("backup-passphrase.png")
        dialog.accept()  # type: ignore[attr-defined]

    d.when(lambda: (w := main_window()) is not None and w.banner.isVisible() and w, open_settings)  # type: ignore[attr-defined]
    d.when(main_window, create)
    d.when(lambda: top("passphraseDialog"), passphrase)
    d.when(
        lambda: (
            (w := main_window()) is not None
            and "Cadangan dibuat" in w.settings_page().backup_box.result.text()
            and w
        ),
        lambda w: (d.grab("settings-backup-created.png"), w.close()),
    )  # type: ignore[attr-defined]
    d.start()
    code = start_gui(["--data-dir", str(data_dir)])
    print("settings: exit", code)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from ui.main import load_style

    app = QApplication.instance() or QApplication(["lapor-desktop"])
    app.setStyleSheet(load_style())  # type: ignore[attr-defined]
    work = Path(tempfile.mkdtemp(prefix="lapor-shots-"))
    try:
        lost_database(out, work)
        full_disk(out, work)
        settings_backup(out, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
