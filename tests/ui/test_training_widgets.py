"""The MODE LATIHAN banner and its actions, *Tentang* with *Kirim log*, and the profile dialog."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.offices.profiles import (
    OfficeProfile,
    raw_public_key,
    trainer_key,
    trust_key,
    write_profile,
)
from lapor_desktop.offices.settings import Office, OfficeKind, load_settings
from lapor_desktop.offices.token_store import load_token
from lapor_desktop.offices.training import (
    TrainingSetup,
    active_data_dir,
    demo_reports,
    enter_training,
    training_dir,
)
from tests.support.ui import report_rows


@pytest.fixture
def practice_services(qapp: object, office_dir: Path) -> Iterator[object]:
    from ui.services import Services

    practice = enter_training(office_dir, TrainingSetup(server_url="http://127.0.0.1:9/api", token="latihan"))
    opened = Services(practice, prepare_data_dir(practice), inline=True)
    yield opened
    opened.close()


def test_banner_says_where_reports_go(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.training_banner import TrainingBanner

    banner = TrainingBanner()
    qtbot.addWidget(banner)
    banner.set_server("http://192.168.1.10:8080/api")
    assert banner.title.text() == "MODE LATIHAN"
    assert "http://192.168.1.10:8080/api" in banner.detail.text()
    assert "tidak sampai ke instansi" in banner.detail.text()


def test_demo_button_loads_the_lampung_selatan_reports(qtbot, practice_services) -> None:  # type: ignore[no-untyped-def]
    from ui.training_banner import TrainingActions, TrainingBanner

    banner = TrainingBanner()
    qtbot.addWidget(banner)
    actions = TrainingActions(practice_services, banner)
    actions.connect_banner(banner)
    messages: list[str] = []
    actions.message.connect(messages.append)
    banner.demo_button.click()
    assert len(report_rows(practice_services.db_path)) == len(demo_reports())
    assert messages[-1] == f"{len(demo_reports())} laporan contoh dimuat."


def test_reset_and_leave_wait_for_the_window_to_close(qtbot, practice_services, office_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.restart import Restart
    from ui.training_banner import TrainingActions, TrainingBanner

    banner = TrainingBanner()
    qtbot.addWidget(banner)
    actions = TrainingActions(practice_services, banner)
    requested: list[Restart] = []
    actions.restart_requested.connect(requested.append)
    actions.load_demo()
    actions.reset()
    # Nothing is deleted while the practice database is open...
    assert len(report_rows(practice_services.db_path)) == len(demo_reports())
    practice_services.close()
    requested[0].then()  # ...only once the start-up loop has closed it.
    assert report_rows(practice_services.db_path) == []
    assert load_token(training_dir(office_dir)) == "latihan"

    actions.leave()
    requested[1].then()
    assert not training_dir(office_dir).exists()
    assert active_data_dir(office_dir) == office_dir
    assert load_settings(office_dir).training is False


def test_about_shows_the_version_and_makes_a_redacted_log_zip(qtbot, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop import __version__
    from ui.about_dialog import AboutDialog

    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / "lapor-desktop.log").write_text(
        "INFO sync: reporter nik 1801014501900001 phone 081234567890 Bearer abcdef\n", encoding="utf-8"
    )
    dialog = AboutDialog(services.data_dir, log_dir=log_dir)
    qtbot.addWidget(dialog)
    assert dialog.version_label.text() == __version__
    assert dialog.heading.text() == f"LAPOR! Desa {__version__}"
    target = dialog.make_zip(tmp_path / "out" / "log.zip")
    with zipfile.ZipFile(target) as archive:
        text = archive.read("log/lapor-desktop.log").decode("utf-8")
        summary = json.loads(archive.read("sistem.json"))
    assert "1801014501900001" not in text and "081234567890" not in text and "abcdef" not in text
    assert summary["app_version"] == __version__
    assert summary["qt"] == qVersion()


@pytest.fixture
def profile_file(tmp_path: Path) -> tuple[Path, bytes]:
    key = trainer_key(tmp_path / "trainer")
    path = write_profile(
        tmp_path / "way-huwi.lapor-profile",
        OfficeProfile(
            Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.09.2001"), "http://127.0.0.1:9/api", "tok", True
        ),
        key,
    )
    return path, raw_public_key(key)


def test_profile_dialog_needs_the_fingerprint_confirmed(qtbot, office_dir: Path, profile_file) -> None:  # type: ignore[no-untyped-def]
    from ui.profile_dialog import ProfileDialog

    path, _key = profile_file
    dialog = ProfileDialog(office_dir, path)
    qtbot.addWidget(dialog)
    assert "MODE LATIHAN" in dialog.mode_label.text()
    assert dialog.needs_confirmation
    assert not dialog.apply_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.applied_dir == training_dir(office_dir)
    assert load_settings(training_dir(office_dir)).office == Office(
        OfficeKind.DESA, "Desa Way Huwi", "18.01.09.2001"
    )
    # The real office keeps its own office; practice has its own.
    assert load_settings(office_dir).office == Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001")


def test_profile_dialog_with_a_trusted_key_applies_at_once(qtbot, office_dir: Path, profile_file) -> None:  # type: ignore[no-untyped-def]
    from ui.profile_dialog import ProfileDialog

    path, key = profile_file
    trust_key(office_dir, key)
    dialog = ProfileDialog(office_dir, path)
    qtbot.addWidget(dialog)
    assert not dialog.needs_confirmation and dialog.apply_button.isEnabled()


def test_profile_dialog_refuses_a_tampered_profile(qtbot, office_dir: Path, profile_file) -> None:  # type: ignore[no-untyped-def]
    from ui.profile_dialog import ProfileDialog

    path, key = profile_file
    trust_key(office_dir, key)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["server_url"] = "https://evil.example.com/api"
    path.write_text(json.dumps(document), encoding="utf-8")
    dialog = ProfileDialog(office_dir, path)
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled()
    assert "telah diubah" in dialog.error.text()
    dialog.accept()
    assert dialog.applied_dir is None
    assert not training_dir(office_dir).exists()
