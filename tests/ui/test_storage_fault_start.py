"""The window when the office cannot be opened: a dialog in Bahasa Indonesia, never a traceback.

The real start-up (`ui.main.start_gui`) on a real data dir whose `lapor.db`
was emptied, replaced by garbage or page-corrupted; the operator's answers
are given through the dialog's buttons (and the few questions it asks
through module-level functions). Each test checks the exit code, that
nothing of the office was changed or lost, and that no personal data and no
traceback reached stderr or the log.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lapor_desktop.backup.snapshots import take_snapshot
from lapor_desktop.storage.faults import FaultKind
from tests.support.driving import Steps, press, shown_main_window, visible
from tests.support.storage import PERSONAL, add_reports, corrupt_pages, dump_data_dir, log_text
from ui import backup_dialogs
from ui.storage_fault_dialog import Outcome, StorageFaultDialog, open_guarded

PASSPHRASE = "kata sandi kantor desa"


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("LAPOR_DESKTOP_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def office(office_dir: Path, tmp_path: Path) -> Path:
    add_reports(office_dir, 4, photo_dir=tmp_path / "photos")
    return office_dir


def empty_database(data_dir: Path) -> None:
    (data_dir / "lapor.db").write_bytes(b"")  # `: > lapor.db`
    for name in ("lapor.db-wal", "lapor.db-shm"):
        (data_dir / name).unlink(missing_ok=True)


def file_hashes(data_dir: Path) -> dict[str, str]:
    """Every file's bytes (the database's too, as bytes: it cannot be dumped any more)."""
    import hashlib

    return {
        str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and p.name not in ("lapor.db-wal", "lapor.db-shm")
    }


def no_personal_data(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text, text[-2000:]
        for value in PERSONAL:
            assert value not in text, (value, text[-2000:])


def run_app(data_dir: Path, steps: Steps) -> int:
    from ui.main import start_gui

    steps.start()
    code = start_gui(["--data-dir", str(data_dir)])
    assert steps.stuck is None, f"the window never reached: {steps.stuck} (done: {steps.done})"
    return code


def test_an_emptied_database_gets_a_dialog_and_leaving_it_exits_1(qapp, office, log_dir, capfd) -> None:  # type: ignore[no-untyped-def]
    take_snapshot(office)
    empty_database(office)
    before = dump_data_dir(office)
    seen: dict[str, str] = {}

    def read_and_quit(dialog: StorageFaultDialog) -> None:
        seen.update(
            title=dialog.windowTitle(),
            message=dialog.message.text(),
            backup=dialog.backup_note.text(),
            buttons=" | ".join(b.text() for b in (dialog.restore_button, dialog.choose_button) if b),
        )
        press(dialog, "Keluar")

    code = run_app(office, Steps().when("the dialog", lambda: visible("storageFaultDialog"), read_and_quit))
    assert code == 1
    assert "hilang, kosong, atau tidak terbaca" in seen["message"]
    assert "tidak membuat basis data kosong baru" in seen["message"]
    assert "snapshot otomatis" in seen["backup"] and "4 laporan" in seen["backup"]
    assert seen["buttons"] == "Pulihkan cadangan terbaru… | Pilih berkas cadangan…"
    assert dump_data_dir(office) == before  # nothing written, nothing deleted
    out, err = capfd.readouterr()
    no_personal_data(out, err, log_text(log_dir))
    assert "could not be opened: database_lost" in log_text(log_dir)


def test_restoring_the_newest_snapshot_opens_the_office_again(  # type: ignore[no-untyped-def]
    qapp, office, log_dir, capfd, monkeypatch
) -> None:
    snapshot = take_snapshot(office)
    expected = dump_data_dir(snapshot.path)["tables"]
    empty_database(office)
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(backup_dialogs, "confirm", lambda _p, title, text, _yes: asked.append(text) or True)
    monkeypatch.setattr(backup_dialogs, "tell", lambda _p, _title, text, error=False: told.append(text))
    rows: list[int] = []

    def in_the_window(window) -> None:  # type: ignore[no-untyped-def]
        rows.append(window.all_page.model.rowCount())
        window.close()

    steps = (
        Steps()
        .when(
            "the dialog",
            lambda: visible("storageFaultDialog"),
            lambda d: press(d, "Pulihkan cadangan terbaru…"),
        )
        .when("the window", shown_main_window, in_the_window)
    )
    assert run_app(office, steps) == 0
    assert "akan diganti" in asked[0] and "disisihkan" in asked[0]
    assert "Data dipulihkan" in told[0] and "4 laporan" in told[0]
    assert rows == [4]
    assert dump_data_dir(office)["tables"] == expected
    [set_aside] = office.parent.glob("data.disisihkan-*")
    assert (set_aside / "lapor.db").stat().st_size == 0  # the emptied file, kept as it was
    out, err = capfd.readouterr()
    no_personal_data(out, err, log_text(log_dir))


def test_a_garbage_database_is_restored_from_a_chosen_file_after_a_wrong_passphrase(  # type: ignore[no-untyped-def]
    qapp, office, tmp_path, log_dir, capfd, monkeypatch
) -> None:
    from lapor_desktop.backup.archive import ScryptParams
    from lapor_desktop.backup.external import create_backup

    usb = tmp_path / "usb"
    usb.mkdir()
    backup = usb / "cadangan.lapor"
    create_backup(office, backup, PASSPHRASE, params=ScryptParams(log2_n=12))
    expected = dump_data_dir(office)["tables"]
    (office / "lapor.db").write_bytes(b"MZ\x90\x00 this was a USB virus" * 100)
    before = dump_data_dir(office)
    passphrases = iter(["salah sekali", PASSPHRASE])
    monkeypatch.setattr(backup_dialogs, "ask_backup_source", lambda _parent, folder=None: backup)
    monkeypatch.setattr(backup_dialogs, "ask_passphrase", lambda _parent, _source: next(passphrases))
    monkeypatch.setattr(backup_dialogs, "confirm", lambda *_args: True)
    monkeypatch.setattr(backup_dialogs, "tell", lambda *_args, **_kw: None)
    refusals: list[str] = []

    def refused_then_again(dialog: StorageFaultDialog) -> None:
        refusals.append(dialog.result_note.text())
        assert dump_data_dir(office) == before  # a refused restore changes nothing
        press(dialog, "Pilih berkas cadangan…")

    steps = (
        Steps()
        .when(
            "the dialog", lambda: visible("storageFaultDialog"), lambda d: press(d, "Pilih berkas cadangan…")
        )
        .when(
            "the refusal",
            lambda: (d := visible("storageFaultDialog")) and d.result_note.isVisible() and d,
            refused_then_again,
        )
        .when("the window", shown_main_window, lambda w: w.close())
    )
    assert run_app(office, steps) == 0
    assert "Kata sandi cadangan salah" in refusals[0] and "tidak ada yang diubah" in refusals[0]
    assert dump_data_dir(office)["tables"] == expected
    out, err = capfd.readouterr()
    no_personal_data(out, err, log_text(log_dir))


def test_a_page_corrupted_database_gets_the_dialog_without_sql_or_personal_data(  # type: ignore[no-untyped-def]
    qapp, office, log_dir, capfd
) -> None:
    corrupt_pages(office / "lapor.db", "reports")
    before = file_hashes(office)
    seen: list[str] = []

    def quit_dialog(dialog: StorageFaultDialog) -> None:
        seen.append(dialog.message.text())
        press(dialog, "Keluar")

    code = run_app(office, Steps().when("the dialog", lambda: visible("storageFaultDialog"), quit_dialog))
    assert code == 1
    assert "Basis data laporan rusak" in seen[0]
    assert file_hashes(office) == before
    out, err = capfd.readouterr()
    no_personal_data(out, err, log_text(log_dir))
    assert "INSERT" not in err + log_text(log_dir)


def test_a_disk_that_cannot_be_written_offers_to_try_again(qapp, office_dir) -> None:  # type: ignore[no-untyped-def]
    """A fault other than the database's own: the dialog offers Coba lagi, which opens the office again."""
    from lapor_desktop.storage.faults import fault

    attempts: list[int] = []

    def open_office() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError(28, "No space left on device")
        return "opened"

    asked: list[FaultKind] = []

    def ask(found, _data_dir):  # type: ignore[no-untyped-def]
        asked.append(found.kind)
        dialog = StorageFaultDialog(found, office_dir)
        assert dialog.retry_button is not None and dialog.restore_button is None
        dialog.retry_button.click()
        return dialog.outcome

    assert open_guarded(office_dir, open_office, ask=ask) is Outcome.RETRY
    assert open_guarded(office_dir, open_office, ask=ask) == "opened"
    assert asked == [FaultKind.DISK_FULL]
    with pytest.raises(ValueError):  # not a storage fault: it propagates unchanged
        open_guarded(office_dir, lambda: (_ for _ in ()).throw(ValueError("bug")), ask=ask)
    assert fault(FaultKind.READ_ONLY, path=office_dir).writing_only


def test_a_database_found_corrupt_in_the_window_is_restored_with_the_window_closed(  # type: ignore[no-untyped-def]
    qapp, office, log_dir, capfd, monkeypatch
) -> None:
    snapshot = take_snapshot(office)
    expected = dump_data_dir(snapshot.path)["tables"]
    corrupt_pages(office / "lapor.db", "reports")
    told: list[str] = []
    monkeypatch.setattr(backup_dialogs, "confirm", lambda *_args: True)
    monkeypatch.setattr(backup_dialogs, "tell", lambda _p, _title, text, error=False: told.append(text))
    windows: list[object] = []

    def restore(dialog: StorageFaultDialog) -> None:
        assert dialog.in_window  # the window is open behind it: it asks, the start-up loop restores
        windows.append(dialog.parent())
        press(dialog, "Pulihkan cadangan terbaru…")

    def reopened(window) -> None:  # type: ignore[no-untyped-def]
        assert window is not windows[0]
        assert window.all_page.model.rowCount() == 4
        window.close()

    steps = (
        Steps()
        .when("the dialog", lambda: visible("storageFaultDialog"), restore)
        .when(
            "the window again",
            lambda: (w := shown_main_window()) is not None and w not in windows and w,
            reopened,
        )
    )
    assert run_app(office, steps) == 0
    assert "Data dipulihkan" in told[0]
    assert dump_data_dir(office)["tables"] == expected
    assert len(list(office.parent.glob("data.disisihkan-*"))) == 1
    out, err = capfd.readouterr()
    no_personal_data(out, err, log_text(log_dir))
