"""The first-start guide and the settings page, filled in through the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.offices.settings import OfficeKind, load_settings
from lapor_desktop.offices.token_store import load_token
from tests.support.training import running_training_server
from ui.services import Services
from ui.settings_page import SettingsPage
from ui.setup_wizard import SetupWizard


@pytest.fixture
def fresh_services(qapp, data_dir: Path):  # type: ignore[no-untyped-def]
    opened = Services(data_dir, prepare_data_dir(data_dir))
    yield opened
    opened.close()


def _next(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_first_start_shows_the_wizard(qapp, data_dir: Path) -> None:
    from ui.main import start_gui

    seen: list[str] = []

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if dialog is not None:
            seen.append(dialog.windowTitle())
            dialog.reject()

    QTimer.singleShot(200, look_and_cancel)
    assert start_gui(["--data-dir", str(data_dir)]) == 0
    assert seen == ["SetupWizard", "Panduan awal LAPOR! Desa"]
    assert load_settings(data_dir).office is None  # cancelled: nothing written


def test_completing_the_wizard_writes_settings_and_token(qtbot, fresh_services, data_dir: Path) -> None:
    wizard = SetupWizard(fresh_services)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.office_page
    qtbot.keyClicks(page.name, "Desa Sukamaju")
    qtbot.keyClicks(page.region, "18.01.01")  # a kecamatan code for a desa: refused
    _next(qtbot, wizard)
    assert wizard.currentPage() is page
    assert page.error.isVisibleTo(wizard)
    assert "18.01.01.2001" in page.error.text()
    qtbot.keyClicks(page.region, ".2005")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.operator_page

    _next(qtbot, wizard)  # no operator name yet
    assert wizard.currentPage() is wizard.operator_page
    assert wizard.operator_page.error.text() == "Nama operator wajib diisi."
    qtbot.keyClicks(wizard.operator_page.name, "Rina Wati")
    _next(qtbot, wizard)
    server = wizard.server_page
    assert wizard.currentPage() is server
    qtbot.keyClicks(server.url, "https://lapor.example.go.id/api/")
    qtbot.keyClicks(server.token, "rahasia-token-123")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    settings = load_settings(data_dir)
    assert settings.office is not None
    assert settings.office.kind is OfficeKind.DESA
    assert settings.office.name == "Desa Sukamaju"
    assert settings.office.region_code == "18.01.01.2005"
    assert settings.operator == "Rina Wati"
    assert settings.server_url == "https://lapor.example.go.id/api"
    assert settings.training is False
    assert load_token(data_dir) == "rahasia-token-123"
    assert "rahasia-token-123" not in (data_dir / "settings.json").read_text(encoding="utf-8")


def test_bad_server_address_is_refused_with_a_reason(qtbot, fresh_services) -> None:
    wizard = SetupWizard(fresh_services)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.office_page.name, "Desa Sukamaju")
    qtbot.keyClicks(wizard.office_page.region, "18.01.01.2005")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.operator_page.name, "Rina Wati")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.server_page.url, "lapor.example.go.id")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible()
    assert "http://" in wizard.server_page.error.text()


def test_connection_test_against_training_server(qtbot, fresh_services, tmp_path: Path) -> None:
    wizard = SetupWizard(fresh_services)
    qtbot.addWidget(wizard)
    server_page = wizard.server_page
    check = server_page.connection
    with running_training_server(tmp_path) as (server, token):
        server_page.training.setChecked(True)
        server_page.url.clear()
        qtbot.keyClicks(server_page.url, server.base_url)
        qtbot.keyClicks(server_page.token, token)
        with qtbot.waitSignal(check.finished, timeout=15_000) as blocker:
            qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
        assert blocker.args[0] is True
        assert check.result.text().startswith("Koneksi baik")
        assert [check.step_text(s)[0] for s in ("address", "service", "token")] == ["✓", "✓", "✓"]

        # A token the server does not know: the address and the service pass, the token is named.
        server_page.token.clear()
        qtbot.keyClicks(server_page.token, "token-salah-ketik")
        with qtbot.waitSignal(check.finished, timeout=15_000) as blocker:
            qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
        assert blocker.args[0] is False
        assert "Token" in check.result.text()
        assert check.step_text("service").startswith("✓")
        assert check.step_text("token").startswith("✗") and "ditolak" in check.step_text("token")
        port = server.port
    # The server is gone now: the address fails, the rest is not checked.
    with qtbot.waitSignal(check.finished, timeout=15_000) as blocker:
        qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is False
    assert check.step_text("address").startswith("✗")
    assert check.step_text("token").startswith("–")
    assert str(port) in server_page.url.text()


def test_training_mode_fills_the_training_address(qtbot, fresh_services) -> None:
    wizard = SetupWizard(fresh_services)
    qtbot.addWidget(wizard)
    wizard.server_page.training.setChecked(True)
    assert wizard.server_page.url.text() == "http://127.0.0.1:8080/api"
    wizard.server_page.real.setChecked(True)
    assert wizard.server_page.url.text() == ""


def test_settings_page_shows_values_and_reruns_the_guide(qtbot, services, office_dir: Path) -> None:
    page = SettingsPage(services)
    qtbot.addWidget(page)
    assert page.office_label.text() == "Desa Way Huwi (Desa)"
    assert page.region_label.text() == "18.01.01.2001"
    assert page.operator_edit.text() == "Siti Aminah"
    assert page.server_edit.text() == ""
    assert "Belum ada token" in page.token_edit.placeholderText()
    with qtbot.waitSignal(page.rerun_wizard_requested):
        qtbot.mouseClick(page.rerun_button, Qt.MouseButton.LeftButton)

    wizard = SetupWizard(services)
    qtbot.addWidget(wizard)
    assert wizard.office_page.name.text() == "Desa Way Huwi"
    assert wizard.operator_page.name.text() == "Siti Aminah"

    page.language.setCurrentIndex(page.language.findData("en"))
    assert load_settings(office_dir).language == "en"
    assert "bahasa baru" in page.language_note.text()


@pytest.mark.parametrize(
    "practice_url",
    [
        "http://127.0.0.1:8080/api",
        "http://localhost:8080/api/",
        "HTTP://LocalHost:8080/API",
        "http://[::1]:8080/api",
    ],
)
def test_practice_on_the_real_server_is_explained_in_the_guide_not_a_traceback(
    qtbot, services, office_dir: Path, caplog, practice_url: str
) -> None:
    from lapor_desktop.offices.settings import update_settings

    update_settings(office_dir, server_url="http://127.0.0.1:8080/api")
    wizard = SetupWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    page = wizard.server_page
    assert wizard.currentPage() is page
    page.training.setChecked(True)
    page.url.clear()
    qtbot.keyClicks(page.url, practice_url)
    with caplog.at_level("WARNING"):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and wizard.currentPage() is page
    assert page.error.isVisibleTo(wizard)
    assert "sama dengan alamat server LAPOR! sungguhan" in page.error.text()
    assert "sama dengan alamat server LAPOR! sungguhan" in caplog.text
    assert not load_settings(office_dir).training  # nothing switched


def test_the_same_server_in_any_writing() -> None:
    from lapor_desktop.offices.settings import same_server

    base = "http://127.0.0.1:8080/api"
    for other in (
        "http://localhost:8080/api",
        "http://127.0.0.1:8080/api/",
        "HTTP://LOCALHOST:8080/Api//",
        "http://[::1]:8080/api",
        "http://127.0.0.2:8080/api",
    ):
        assert same_server(base, other), other
    assert same_server("https://lapor.example.go.id/api", "https://LAPOR.example.go.id:443/api/")
    assert not same_server(base, "http://127.0.0.1:8081/api")
    assert not same_server(base, "http://192.168.1.20:8080/api")
    assert not same_server("https://lapor.example.go.id/api", "https://lapor.example.go.id/latihan/api")


# -- Pengaturan: what the guide said could be changed later can be changed there ------------------


def test_operator_server_and_token_are_edited_in_settings(
    qtbot, services, office_dir: Path, tmp_path
) -> None:
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.operator_edit.clear()
    qtbot.keyClicks(page.operator_edit, "Rina Susanti")
    qtbot.keyClicks(page.server_edit, "https://lapor.example.go.id/api/")
    qtbot.keyClicks(page.token_edit, "token-baru-dari-admin")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = load_settings(office_dir)
    assert saved.operator == "Rina Susanti"
    assert saved.server_url == "https://lapor.example.go.id/api"
    assert load_token(office_dir) == "token-baru-dari-admin"
    assert page.token_edit.text() == "" and "tersimpan" in page.token_edit.placeholderText().lower()
    assert "disimpan" in page.save_note.text()

    # A bad address changes nothing and says why, under the field.
    page.server_edit.setText("lapor.example.go.id")
    page.operator_edit.setText("Orang Lain")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "http://" in page.server_error.text() and page.server_error.isVisibleTo(page)
    assert load_settings(office_dir).operator == "Rina Susanti"

    # The connection test sits beside the fields it checks.
    with running_training_server(tmp_path) as (server, token):
        page.server_edit.setText(server.base_url)
        page.token_edit.setText(token)
        with qtbot.waitSignal(page.connection.finished, timeout=15_000) as blocker:
            qtbot.mouseClick(page.connection.button, Qt.MouseButton.LeftButton)
        assert blocker.args[0] is True


def test_practice_settings_refuse_the_real_server(qtbot, qapp, office_dir: Path) -> None:
    from lapor_desktop.offices.settings import update_settings
    from lapor_desktop.offices.training import TrainingSetup, enter_training

    update_settings(office_dir, server_url="https://lapor.example.go.id/api")
    practice = enter_training(office_dir, TrainingSetup(server_url="http://127.0.0.1:8080/api"))
    opened = Services(practice, prepare_data_dir(practice), inline=True)
    try:
        page = SettingsPage(opened)
        qtbot.addWidget(page)
        page.server_edit.setText("https://LAPOR.example.go.id/api/")
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert "sungguhan" in page.server_error.text()
        assert load_settings(practice).server_url == "http://127.0.0.1:8080/api"
    finally:
        opened.close()


def test_settings_show_this_offices_identity_and_trust_another(qtbot, services, tmp_path, capsys) -> None:
    from lapor_desktop.offices.keys import own_identity
    from tests.kecamatan.conftest import make_cli_office

    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.fingerprint_label.text() != "")
    assert page.fingerprint_label.text() == own_identity(services.data_dir).fingerprint
    assert page.known_list.count() == 0

    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", "18.01.01")
    page.paket.trust_file(kecamatan.identity_file())
    qtbot.waitUntil(lambda: page.known_list.count() == 1)
    assert "Kecamatan Jati Agung" in page.known_list.item(0).text()
    assert page.trust_button.text() == "Percayai kantor lain…"
    assert page.save_identity_button.text() == "Simpan identitas kantor ini…"


def test_save_dialogs_suggest_the_readmes_file_names(qtbot, services, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui.paket_dialogs import PaketActions

    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _parent, _title, name, pattern: (asked.append((name, pattern)), ("", ""))[1],
    )
    actions = PaketActions(services)
    actions.choose_export_queued()
    actions.choose_save_profile()
    actions.choose_export_reply("18.01.01.2001")
    assert asked[0][0].endswith(".lapor") and "*.lapor" in asked[0][1]
    assert asked[1][0].endswith(".identity") and "*.identity" in asked[1][1]
    assert asked[2][0].endswith(".lapor")
