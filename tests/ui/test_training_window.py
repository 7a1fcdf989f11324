"""Training mode in the running window: the banner, reset and leave through the start-up loop,
the guide and profiles switching between practice and the real office."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.offices.profiles import OfficeProfile, trainer_key, write_profile
from lapor_desktop.offices.settings import Office, OfficeKind, load_settings
from lapor_desktop.offices.training import (
    TrainingSetup,
    active_data_dir,
    demo_reports,
    enter_training,
    training_dir,
)
from lapor_desktop.storage.paths import DB_FILENAME
from tests.support.ui import report_rows

PRACTICE_URL = "http://127.0.0.1:9/api"


@pytest.fixture
def practice_services(qapp: object, office_dir: Path) -> Iterator[object]:
    from ui.services import Services

    practice = enter_training(office_dir, TrainingSetup(server_url=PRACTICE_URL, token="latihan"))
    opened = Services(practice, prepare_data_dir(practice), inline=True)
    yield opened
    opened.close()


def test_the_banner_shows_only_in_training(qtbot, services, practice_services) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    real = MainWindow(services, auto_sync_ms=None)
    qtbot.addWidget(real)
    assert real.training_banner is None  # a real office never builds the practice band
    practice = MainWindow(practice_services, auto_sync_ms=None)
    qtbot.addWidget(practice)
    assert practice.training_banner.isVisibleTo(practice)
    assert PRACTICE_URL in practice.training_banner.detail.text()
    assert "MODE LATIHAN" in practice.windowTitle()


def test_reset_closes_the_window_and_hands_over_the_deletion(
    qtbot, practice_services, office_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(practice_services, auto_sync_ms=None)
    qtbot.addWidget(window)
    window.show()
    window.training_banner.demo_button.click()
    assert len(report_rows(practice_services.db_path)) == len(demo_reports())
    window.training_actions.reset()
    assert not window.isVisible()
    assert window.pending_restart is not None and window.pending_restart.reason == "reset"
    practice_services.close()
    window.pending_restart.then()
    assert report_rows(training_dir(office_dir) / DB_FILENAME) == []


def _top_window() -> object:
    from ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible() and widget.first_page_on_screen:
            return widget
    return None


def test_start_up_loop_opens_practice_then_the_real_office(  # type: ignore[no-untyped-def]
    qapp, office_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from ui.main import start_gui

    monkeypatch.setenv("LAPOR_DESKTOP_LOG_DIR", str(tmp_path / "logs"))
    enter_training(office_dir, TrainingSetup(server_url=PRACTICE_URL))
    seen: list[tuple[str, bool]] = []

    def step() -> None:
        window = _top_window()
        if window is None:
            QTimer.singleShot(50, step)
            return
        banner = window.training_banner  # type: ignore[attr-defined]
        seen.append((str(window.services.data_dir), banner is not None and banner.isVisible()))
        if len(seen) == 1:
            window.training_actions.leave()  # type: ignore[attr-defined]  # as "Selesai latihan" does
            QTimer.singleShot(50, step)
        else:
            window.close()  # type: ignore[attr-defined]

    QTimer.singleShot(50, step)
    assert start_gui(["--data-dir", str(office_dir)]) == 0
    assert seen == [(str(training_dir(office_dir)), True), (str(office_dir), False)]
    assert not training_dir(office_dir).exists()
    assert (tmp_path / "logs" / "lapor-desktop.log").exists()


def test_the_guide_sends_practice_to_the_practice_office(qtbot, services, office_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.setup_wizard import SetupWizard

    wizard = SetupWizard(services)
    qtbot.addWidget(wizard)
    wizard.server_page.training.setChecked(True)
    wizard.save()
    assert wizard.active_dir == training_dir(office_dir) == active_data_dir(office_dir)
    assert load_settings(training_dir(office_dir)).server_url == "http://127.0.0.1:8080/api"
    real = load_settings(office_dir)
    assert real.server_url is None and real.training is True  # only the marker
    assert not (office_dir / "server-token").exists()


def test_a_profile_from_the_settings_page_switches_office(
    qtbot, services, office_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop.offices.profiles import raw_public_key, trust_key
    from ui.settings_page import SettingsPage

    key = trainer_key(tmp_path / "trainer")
    trust_key(office_dir, raw_public_key(key))
    path = write_profile(
        tmp_path / "p.lapor-profile",
        OfficeProfile(Office(OfficeKind.DESA, "Desa Latihan", "18.01.09.2001"), PRACTICE_URL, "tok", True),
        key,
    )
    page = SettingsPage(services)
    qtbot.addWidget(page)
    assert page.about_button.text() == "Tentang aplikasi" and page.send_log_button.isEnabled()

    def accept_dialog() -> None:
        from ui.profile_dialog import ProfileDialog

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ProfileDialog)
        dialog.apply_button.click()

    QTimer.singleShot(100, accept_dialog)
    with qtbot.waitSignal(page.office_switched, timeout=5_000):
        page.use_profile(path)
    assert active_data_dir(office_dir) == training_dir(office_dir)
    assert load_settings(training_dir(office_dir)).office.name == "Desa Latihan"  # type: ignore[union-attr]


@pytest.mark.parametrize("training", [False, True])
def test_the_first_start_guide_takes_a_profile(
    qtbot, qapp, data_dir: Path, tmp_path: Path, training: bool
) -> None:  # type: ignore[no-untyped-def]
    from ui.profile_dialog import ProfileDialog
    from ui.services import Services
    from ui.setup_wizard import SetupWizard

    path = write_profile(
        tmp_path / "p.lapor-profile",
        OfficeProfile(
            Office(OfficeKind.DESA, "Desa Agom", "18.01.01.2004"), "http://127.0.0.1:9/api", "tok", training
        ),
        trainer_key(tmp_path / "trainer"),
    )
    services = Services(data_dir, prepare_data_dir(data_dir), inline=True)
    try:
        wizard = SetupWizard(services)
        qtbot.addWidget(wizard)
        wizard.show()

        def confirm_and_apply() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ProfileDialog)
            dialog.confirm.setChecked(True)  # the operator compared the fingerprint with the trainer's
            dialog.apply_button.click()

        QTimer.singleShot(100, confirm_and_apply)
        applied = wizard.use_profile(path)
        if training:
            # The practice office is active now: the guide closes and start-up reopens there.
            assert applied == training_dir(data_dir) and not wizard.isVisible()
        else:
            # Same office: the guide stays open with the fields filled, the operator's name still to give.
            assert applied == data_dir and wizard.isVisible()
            assert wizard.office_page.name.text() == "Desa Agom"
            assert wizard.server_page.url.text() == "http://127.0.0.1:9/api"
            assert wizard.server_page.token.text() == "tok"
            assert wizard.operator_page.name.text() == ""
    finally:
        services.close()
