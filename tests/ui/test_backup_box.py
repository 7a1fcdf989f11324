"""*Pengaturan* › *Cadangan*, the daily snapshot and the flashdisk reminder, as the operator uses them.

Real backup files (scrypt and AES-GCM from `cryptography`), real snapshots,
real restores; the file dialogs and yes/no questions are answered through the
module-level functions the widgets call.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lapor_desktop.backup.snapshots import list_snapshots, take_snapshot
from lapor_desktop.backup.state import load_state
from tests.support.storage import add_reports, dump_data_dir
from ui import backup_dialogs
from ui.backup_box import BackupBox, SnapshotsDialog
from ui.backup_dialogs import PassphraseDialog
from ui.restart import Restart

PASSPHRASE = "sandi-desa-2026"


@pytest.fixture
def office(office_dir: Path, tmp_path: Path) -> Path:
    add_reports(office_dir, 3, photo_dir=tmp_path / "photos")
    return office_dir


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheaper key derivation, so that each backup here takes milliseconds (the format keeps it)."""
    from lapor_desktop.backup import archive

    monkeypatch.setattr(archive.ScryptParams, "log2_n", 12)


@pytest.fixture
def box(qtbot, office, services, fast_scrypt) -> BackupBox:  # type: ignore[no-untyped-def]
    widget = BackupBox(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


class Answers:
    """What the operator answers to each question the box asks, and what it was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, **answers: object) -> None:
        self.asked: list[tuple[str, str]] = []
        self.answers = answers
        for name in ("ask_backup_target", "ask_backup_source", "ask_new_passphrase", "ask_passphrase"):
            monkeypatch.setattr(backup_dialogs, name, self._answer(name))
        monkeypatch.setattr(backup_dialogs, "confirm", self._confirm)

    def _answer(self, name: str):  # type: ignore[no-untyped-def]
        def answer(*_args: object) -> object:
            self.asked.append((name, ""))
            value = self.answers.get(name)
            return next(value) if hasattr(value, "__next__") else value  # type: ignore[call-overload]

        return answer

    def _confirm(self, _parent: object, title: str, text: str, _yes: str) -> bool:
        self.asked.append((title, text))
        value = self.answers.get("confirm", True)
        return bool(next(value) if hasattr(value, "__next__") else value)  # type: ignore[call-overload]


def test_a_backup_is_made_with_the_passphrase_asked_twice(qtbot, box, office, usb, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = usb / "cadangan.lapor"
    Answers(monkeypatch, ask_backup_target=target, ask_new_passphrase=PASSPHRASE)
    assert box.last_label.text() == "Belum pernah dicadangkan ke flashdisk."
    assert box.suggested_target().name.startswith("lapor-cadangan-18.01.01.2001-")
    made: list[object] = []
    box.backup_created.connect(made.append)
    progress: list[int] = []
    box.progress.valueChanged.connect(progress.append)

    with qtbot.waitSignal(box.backup_created, timeout=30_000):
        box.create_button.click()
    assert target.is_file() and made and not box.busy
    assert progress and progress[-1] == 1000
    assert "Cadangan dibuat" in box.result.text() and "3 laporan" in box.result.text()
    assert "Simpan kata sandinya" in box.result.text()
    assert load_state(office).last_external.path == target.resolve()  # type: ignore[union-attr]
    assert "Cadangan ke flashdisk terakhir" in box.last_label.text()

    from lapor_desktop.backup.external import verify_backup

    assert verify_backup(target, PASSPHRASE).manifest.reports_total == 3


def test_a_backup_is_never_written_inside_the_data_dir(qtbot, box, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers = Answers(monkeypatch, ask_backup_target=office / "cadangan.lapor", ask_new_passphrase=PASSPHRASE)
    box.create_backup()
    assert "di luar folder data" in box.result.text()
    assert ("ask_new_passphrase", "") not in answers.asked
    assert not (office / "cadangan.lapor").exists()


def test_the_passphrase_dialog_wants_it_twice_and_long_enough(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PassphraseDialog(None, new=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("pendek")
    dialog.second.setText("pendek")
    dialog.accept()
    assert dialog.result() == 0 and "minimal 8" in dialog.error.text()
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "x")
    dialog.accept()
    assert "tidak sama" in dialog.error.text()
    dialog.second.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == 1 and dialog.passphrase() == PASSPHRASE
    reading = PassphraseDialog(None, new=False, file_name="cadangan.lapor")
    qtbot.addWidget(reading)
    assert reading.second.isHidden()
    reading.first.setText("x")  # any length: it only has to match the file's
    reading.accept()
    assert reading.result() == 1


def test_verify_says_what_the_file_holds_or_why_it_is_refused(qtbot, box, office, usb, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop.backup.archive import ScryptParams
    from lapor_desktop.backup.external import create_backup

    target = usb / "cadangan.lapor"
    create_backup(office, target, PASSPHRASE, params=ScryptParams(log2_n=12))
    before = dump_data_dir(office)
    Answers(monkeypatch, ask_backup_source=target, ask_passphrase=iter(["bukan ini", PASSPHRASE]))
    box.verify_backup()
    assert "Kata sandi cadangan salah" in box.result.text()
    box.verify_backup()
    assert "baik" in box.result.text() and "3 laporan" in box.result.text()
    assert "tidak diubah" in box.result.text()
    changed = bytearray(target.read_bytes())
    changed[len(changed) // 2] ^= 1
    target.write_bytes(bytes(changed))
    Answers(monkeypatch, ask_backup_source=target, ask_passphrase=PASSPHRASE)
    box.verify_backup()
    assert "rusak atau telah diubah" in box.result.text()
    assert dump_data_dir(office) == before


def test_restore_checks_warns_then_restores_with_the_window_closed(  # type: ignore[no-untyped-def]
    qtbot, box, office, usb, monkeypatch
) -> None:
    from lapor_desktop.backup.archive import ScryptParams
    from lapor_desktop.backup.external import create_backup

    target = usb / "cadangan.lapor"
    create_backup(office, target, PASSPHRASE, params=ScryptParams(log2_n=12))
    expected = dump_data_dir(office)["tables"]
    add_reports(office, 2, photo_dir=office.parent / "later")  # recorded after the backup
    answers = Answers(monkeypatch, ask_backup_source=target, ask_passphrase=PASSPHRASE)
    told: list[str] = []
    monkeypatch.setattr(backup_dialogs, "tell", lambda _p, _title, text, error=False: told.append(text))
    restarts: list[Restart] = []
    box.restart_requested.connect(restarts.append)

    box.restore_backup()
    [(title, warning)] = [a for a in answers.asked if a[0] == "Pulihkan cadangan?"]
    assert "akan diganti" in warning and "disisihkan" in warning and "Jendela ditutup" in warning
    assert "3 laporan" in warning
    [restart] = restarts
    assert restart.reason == "restore" and restart.then is not None
    assert len(dump_data_dir(office)["tables"]) != len(expected)  # nothing happens before the window closes

    restart.then()  # what the start-up loop runs once every connection is closed
    assert dump_data_dir(office)["tables"] == expected
    [set_aside] = office.parent.glob("data.disisihkan-*")
    assert "Data dipulihkan" in told[0] and str(set_aside) in told[0]


def test_a_backup_of_another_office_needs_its_own_confirmation(  # type: ignore[no-untyped-def]
    qtbot, box, office, usb, tmp_path, monkeypatch
) -> None:
    from lapor_desktop.backup.archive import ScryptParams
    from lapor_desktop.backup.external import create_backup
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    other = tmp_path / "desa-lain"
    other.mkdir()
    save_settings(
        other, Settings(office=Office(OfficeKind.DESA, "Desa Sidoharjo", "18.01.01.2002"), operator="Ani")
    )
    add_reports(other, 1, photo_dir=tmp_path / "p2")
    target = usb / "lain.lapor"
    create_backup(other, target, PASSPHRASE, params=ScryptParams(log2_n=12))
    answers = Answers(monkeypatch, ask_backup_source=target, ask_passphrase=PASSPHRASE, confirm=False)
    restarts: list[Restart] = []
    box.restart_requested.connect(restarts.append)
    box.restore_backup()
    [(title, text)] = answers.asked[-1:]
    assert title == "Cadangan kantor lain" and "Desa Sidoharjo (18.01.01.2002)" in text
    assert restarts == []  # refused: nothing more asked, nothing closes
    answers.answers["confirm"] = True
    box.restore_backup()
    assert restarts and answers.asked[-1][0] == "Pulihkan cadangan?"


def test_snapshots_are_listed_newest_first_and_one_can_be_restored(qtbot, box, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    day = dt.datetime.now(dt.UTC)
    older = take_snapshot(office, day - dt.timedelta(days=2))
    newer = take_snapshot(office, day)
    dialog = SnapshotsDialog(office)
    qtbot.addWidget(dialog)
    assert [s.path for s in dialog.snapshots] == [newer.path, older.path]
    assert dialog.table.item(0, 1).text() == "3"
    dialog.table.selectRow(1)
    dialog.restore_button.click()
    assert dialog.chosen is not None and dialog.chosen.path == older.path

    Answers(monkeypatch)
    restarts: list[Restart] = []
    box.restart_requested.connect(restarts.append)
    box.restore_snapshot(dialog.chosen)
    monkeypatch.setattr(backup_dialogs, "tell", lambda *_a, **_k: None)
    restarts[0].then()  # type: ignore[misc]
    assert dump_data_dir(office)["tables"] == dump_data_dir(older.path)["tables"]
    box.reload()
    assert "2 tersimpan" in box.snapshots_label.text()  # carried over into the restored office


def test_practice_mode_cannot_restore(qtbot, qapp, tmp_path, fast_scrypt) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop.app import prepare_data_dir
    from lapor_desktop.offices.training import TrainingSetup, enter_training
    from ui.services import Services

    base = tmp_path / "kantor"
    base.mkdir()
    practice = enter_training(base, TrainingSetup(server_url="http://127.0.0.1:9/api", token="trn_x" * 8))
    services = Services(practice, prepare_data_dir(practice), inline=True)
    try:
        widget = BackupBox(services)
        qtbot.addWidget(widget)
        assert widget.data_dir == base and not widget.restore_button.isEnabled()
        assert widget.create_button.isEnabled()
    finally:
        services.close()


def test_the_day_starts_with_a_snapshot_and_the_reminder_leads_to_the_backup(  # type: ignore[no-untyped-def]
    qtbot, office, services, usb, monkeypatch, fast_scrypt
) -> None:
    from ui.main_window import MainWindow
    from ui.navigation import Place
    from ui.reports_page import ReportsPage

    window = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), ReportsPage))
    window.safeguards.start()  # what start-up does once the first page is on screen
    [snapshot] = list_snapshots(office)
    assert snapshot.manifest().reports_total == 3
    assert window.banner.isVisible()
    assert "3 laporan belum terkirim" in window.banner.label.text()
    assert window.banner.action.text() == "Buat cadangan"
    window.safeguards.check()  # an hour later: today's snapshot exists, none more
    assert len(list_snapshots(office)) == 1

    window.banner.action.click()
    page = window.settings_page()
    assert window.pages.currentWidget() is page
    assert window.focusWidget() is page.backup_box.create_button  # the section's first button
    viewport = page.scroll.viewport()
    corner = page.backup_box.create_button.mapTo(viewport, page.backup_box.create_button.rect().bottomRight())
    assert viewport.rect().contains(corner)  # scrolled into view
    Answers(monkeypatch, ask_backup_target=usb / "c.lapor", ask_new_passphrase=PASSPHRASE)
    page.backup_box.create_button.click()
    assert "Cadangan dibuat" in page.backup_box.result.text()
    assert not window.banner.isVisible()  # the reminder went with the backup
    window.go_to(Place.ALL)
