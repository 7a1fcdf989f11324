"""Training mode: practice data in its own office, sent only to the training server, gone on leaving.

Two real training servers on 127.0.0.1 stand for "the real LAPOR! service" and
"the trainer's server"; the office practises, syncs, resets and leaves, and the
real service, the real settings and the real database never see any of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.offices.settings import load_settings
from lapor_desktop.offices.token_store import load_token
from lapor_desktop.offices.training import (
    TrainingError,
    TrainingSetup,
    active_data_dir,
    demo_reports,
    enter_training,
    is_training_dir,
    leave_training,
    load_demo_data,
    reset_training,
    save_office_setup,
    training_dir,
)
from lapor_desktop.reports.json_form import content_from_json
from lapor_desktop.reports.queries import ReportFilter, ReportQueries
from lapor_desktop.storage.paths import DB_FILENAME
from sync.engine import SyncEngine
from sync.training_server import RunningServer
from tests.support.offices import make_office
from tests.support.reports import valid_input_json
from tests.support.training import running_training_server


@pytest.fixture
def real_server(tmp_path: Path) -> Iterator[tuple[RunningServer, str]]:
    with running_training_server(tmp_path / "real") as pair:
        yield pair


@pytest.fixture
def practice_server(tmp_path: Path) -> Iterator[tuple[RunningServer, str]]:
    with running_training_server(tmp_path / "practice") as pair:
        yield pair


@pytest.fixture
def office(tmp_path: Path, real_server: tuple[RunningServer, str]) -> Path:
    server, token = real_server
    return make_office(tmp_path / "office", server.base_url, token)


def _record(data_dir: Path, title: str, *, queue: bool = True) -> None:
    content, _paths, _queue = content_from_json({**valid_input_json(), "title": title})
    with open_app(data_dir) as app:
        app.reports.create(content, queue=queue)


def _titles(data_dir: Path) -> list[str]:
    queries = ReportQueries(data_dir / DB_FILENAME)
    try:
        return [row.title for row in queries.page(ReportFilter(), limit=500).rows]
    finally:
        queries.close()


def _sync(data_dir: Path) -> object:
    with open_app(data_dir) as app:
        return SyncEngine(app, patience_s=5.0).run_once()


def test_practice_reaches_only_the_training_server(
    office: Path, real_server: tuple[RunningServer, str], practice_server: tuple[RunningServer, str]
) -> None:
    real, real_token = real_server
    practice, practice_token = practice_server
    _record(office, "Laporan warga sungguhan di kantor desa")
    settings_before = (office / "settings.json").read_bytes()

    practice_dir = enter_training(office, TrainingSetup(server_url=practice.base_url, token=practice_token))
    assert active_data_dir(office) == practice_dir == training_dir(office)
    assert load_settings(practice_dir).office == load_settings(office).office  # receipts look familiar
    _record(practice_dir, "Latihan: jalan rusak di Dusun II")
    _record(practice_dir, "Latihan: lampu jalan padam", queue=False)
    summary = _sync(practice_dir)
    assert summary.sent == 1

    assert practice.store.count_reports() == 1
    assert real.store.count_reports() == 0
    # The real office: same settings but the mode marker, same token, only its own report.
    real_settings = json.loads((office / "settings.json").read_text(encoding="utf-8"))
    before = json.loads(settings_before)
    assert {**real_settings, "training": False} == before and real_settings["training"] is True
    assert load_token(office) == real_token
    assert load_token(practice_dir) == practice_token
    assert _titles(office) == ["Laporan warga sungguhan di kantor desa"]

    leave_training(office)
    assert not training_dir(office).exists()
    assert (office / "settings.json").read_bytes() == settings_before
    assert active_data_dir(office) == office
    # Back on the real service, the real report goes to the real server, and nothing else.
    assert _sync(office).sent == 1
    assert real.store.count_reports() == 1
    assert practice.store.count_reports() == 1
    assert [r.title for r in real.store.reports()] == ["Laporan warga sungguhan di kantor desa"]


def test_the_real_server_cannot_be_the_training_server(office: Path) -> None:
    real_url = load_settings(office).server_url
    with pytest.raises(TrainingError, match="sama dengan alamat server LAPOR! sungguhan"):
        enter_training(office, TrainingSetup(server_url=real_url, token="x"))
    assert active_data_dir(office) == office
    assert not training_dir(office).exists()


def test_reset_keeps_the_practice_server_and_token(
    office: Path, practice_server: tuple[RunningServer, str]
) -> None:
    practice, token = practice_server
    practice_dir = enter_training(office, TrainingSetup(server_url=practice.base_url, token=token))
    _record(practice_dir, "Latihan: laporan yang akan dihapus")
    reset_training(office)
    assert not (practice_dir / DB_FILENAME).exists()
    assert not (office / DB_FILENAME).exists()  # practice never even created the real database
    with open_app(practice_dir):
        pass
    assert _titles(practice_dir) == []
    assert load_settings(practice_dir).server_url == practice.base_url
    assert load_token(practice_dir) == token
    assert is_training_dir(practice_dir)


def test_reset_without_practice_is_refused(office: Path) -> None:
    with pytest.raises(TrainingError):
        reset_training(office)


def test_demo_data_of_lampung_selatan(office: Path) -> None:
    entries = demo_reports()
    assert len(entries) >= 40
    assert all(str(e["location"]["region_code"]).startswith("18.01.") for e in entries)  # type: ignore[index]
    with open_app(office) as app, pytest.raises(TrainingError, match="hanya boleh dimuat dalam mode latihan"):
        load_demo_data(app)
    practice_dir = enter_training(office, TrainingSetup(server_url="http://127.0.0.1:9/api"))
    with open_app(practice_dir) as app:
        assert load_demo_data(app) == len(entries)
    assert len(_titles(practice_dir)) == len(entries)
    assert _titles(office) == []  # opened above, so it exists: and it stayed empty


def test_the_setup_guide_routes_practice_to_the_practice_office(office: Path) -> None:
    real = load_settings(office)
    assert real.office is not None
    active = save_office_setup(
        office,
        office=real.office,
        operator="Peserta Bimtek",
        server_url="http://127.0.0.1:9/api",
        token="latihan",
        training=True,
    )
    assert active == training_dir(office)
    assert load_settings(active).operator == "Peserta Bimtek"
    assert load_settings(office).operator == "Siti Aminah"
    # Choosing the real service from the practice office switches back, keeping practice data.
    back = save_office_setup(
        active,
        office=real.office,
        operator="Siti Aminah",
        server_url=real.server_url,
        token=None,
        training=False,
    )
    assert back == office and active_data_dir(office) == office
    assert training_dir(office).exists()


def test_cli_training_commands(office: Path, practice_server: tuple[RunningServer, str], capsys) -> None:  # type: ignore[no-untyped-def]
    from lapor_desktop.__main__ import run_cli as run

    practice, token = practice_server

    def cli(*args: str) -> dict[str, object]:
        assert run(["--data-dir", str(office), *args]) == 0
        return json.loads(capsys.readouterr().out)

    assert cli("training", "on", "--server", practice.base_url, "--token", token)["training"] is True
    assert cli("training", "status")["training"] is True
    assert cli("training", "demo")["loaded"] == len(demo_reports())
    listed = cli("report", "list", "--limit", "500")
    assert len(listed) == len(demo_reports())  # type: ignore[arg-type]
    assert cli("training", "reset")["reset"] is True
    assert cli("report", "list") == []
    assert cli("training", "off")["training_data_kept"] is False
    assert not training_dir(office).exists()
    assert cli("training", "status")["training"] is False
