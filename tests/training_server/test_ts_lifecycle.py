"""Restarts, Python admin functions, simulated faults and concurrent offices."""

from __future__ import annotations

import concurrent.futures
import hashlib
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from sync.training_server import (
    UnknownReport,
    add_response,
    add_token,
    list_tokens,
    set_status,
    simulate_fault,
    start_in_thread,
)
from tests.support.training import ApiClient, running_training_server, sample_report

from .conftest import Training
from .test_ts_basics import assert_error


def test_data_survives_a_restart(tmp_path) -> None:
    data_dir = tmp_path / "data"
    token = add_token(data_dir, "Desa Tahan")
    report = sample_report()
    attachment = b"%PDF-1.4 berita acara"
    sha = hashlib.sha256(attachment).hexdigest()
    with start_in_thread(data_dir) as server:
        api = ApiClient(server.base_url, token)
        headers = {"Content-Type": "application/pdf"}
        assert (
            api.request("PUT", f"/v1/attachments/{sha}", data=attachment, headers=headers).status_code == 201
        )
        receipt = api.post("/v1/reports", json=report).json()
        set_status(data_dir, receipt["tracking_id"], "verified")
        cursor = api.get("/v1/reports").json()["next_cursor"]
        api.close()

    with start_in_thread(data_dir) as server:
        api = ApiClient(server.base_url, token)
        replay = api.post("/v1/reports", json=report)
        assert replay.status_code == 200
        assert replay.json() == {**receipt, "status": "verified", "replayed": True}
        assert api.get(f"/v1/reports/{receipt['tracking_id']}").json()["status"] == "verified"
        assert api.request("HEAD", f"/v1/attachments/{sha}").status_code == 200
        assert api.get("/v1/reports", params={"updated_since": cursor}).json()["items"] == []
        add_response(data_dir, receipt["tracking_id"], "Camat", "Diteruskan ke dinas terkait.")
        [changed] = api.get("/v1/reports", params={"updated_since": cursor}).json()["items"]
        assert changed["responses"][0]["text"] == "Diteruskan ke dinas terkait."
        # A new report continues the numbering instead of reusing it.
        assert api.post("/v1/reports", json=sample_report()).json()["tracking_id"] != receipt["tracking_id"]
        api.close()


def test_stop_is_clean_with_open_keep_alive_connections(tmp_path) -> None:
    with running_training_server(tmp_path) as (server, token):
        api = ApiClient(server.base_url, token)
        assert api.get("/v1/ping").ok
    # The connection the session keeps is closed with the server; stop() returned.
    with pytest.raises(Exception):  # noqa: B017 - any connection error will do
        api.get("/v1/ping")
    api.close()


def test_admin_functions_work_on_a_running_server(training: Training, api: ApiClient) -> None:
    receipt = api.post("/v1/reports", json=sample_report()).json()
    assert set_status(training.data_dir, receipt["tracking_id"], "completed") is True
    assert set_status(training.data_dir, receipt["tracking_id"], "completed") is False
    response = add_response(
        training.server.store, receipt["tracking_id"], "Dinas Kesehatan", "Selesai ditangani."
    )
    state = api.get(f"/v1/reports/{receipt['tracking_id']}").json()
    assert state["status"] == "completed"
    assert state["responses"] == [
        {
            "id": response.id,
            "at": response.at,
            "author": "Dinas Kesehatan",
            "author_role": "agency",
            "text": "Selesai ditangani.",
        }
    ]
    with pytest.raises(ValueError):
        set_status(training.data_dir, receipt["tracking_id"], "done")
    with pytest.raises(UnknownReport):
        set_status(training.data_dir, "LPR-2026-999999", "verified")
    with pytest.raises(ValueError):
        add_response(training.data_dir, receipt["tracking_id"], "", "teks")
    assert [token.name for token in list_tokens(training.data_dir)] == ["Desa Sukamaju"]
    with pytest.raises(ValueError):
        add_token(training.data_dir, "   ")


@pytest.mark.parametrize(
    ("mode", "status", "code"),
    [
        ("rate_limited", 429, "rate_limited"),
        ("unavailable", 503, "unavailable"),
        ("internal", 500, "internal"),
    ],
)
def test_simulated_faults(training: Training, api: ApiClient, mode: str, status: int, code: str) -> None:
    simulate_fault(training.data_dir, mode, retry_after=7)
    response = api.post("/v1/reports", json=sample_report())
    assert_error(response, status, code)
    if status != 500:
        assert response.headers["Retry-After"] == "7"
    assert api.get("/v1/ping").json()["service"] == "lapor-api"
    simulate_fault(training.data_dir, "normal")
    assert api.post("/v1/reports", json=sample_report()).status_code == 201
    assert api.get("/v1/reports").json()["items"][0]["status"] == "pending_verification"


def test_fault_mode_from_the_page_form(training: Training, api: ApiClient) -> None:
    from .test_ts_pull import TrainerBrowser

    browser = TrainerBrowser(training.server.page_url)
    assert browser.submit("/", "/aksi/gangguan", mode="unavailable", retry_after="12").status_code == 303
    response = api.get("/v1/categories")
    assert_error(response, 503, "unavailable")
    assert response.headers["Retry-After"] == "12"
    assert browser.submit("/", "/aksi/gangguan", mode="normal", retry_after="30").status_code == 303
    assert api.get("/v1/categories").status_code == 200


def test_a_room_of_offices_syncing_at_once(training: Training) -> None:
    clients = [training.client_for(f"Desa Peserta {index}") for index in range(20)]

    def sync(client: ApiClient) -> list[int]:
        statuses = [client.get("/v1/ping").status_code]
        batch = client.post("/v1/reports/batch", json={"reports": [sample_report() for _ in range(5)]})
        statuses += [result["status"] for result in batch.json()["results"]]
        statuses.append(len(client.get("/v1/reports").json()["items"]))
        return statuses

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(sync, clients))
    assert outcomes == [[200, 201, 201, 201, 201, 201, 5]] * 20
    assert training.server.store.count_reports() == 100
    for client in clients:
        client.close()


def test_serve_blocks_until_ctrl_c(tmp_path) -> None:
    repo = Path(__file__).resolve().parents[2]
    code = "import sys; from pathlib import Path; from sync.training_server import serve; serve(Path(sys.argv[1]), port=0)"
    process = subprocess.Popen(
        [sys.executable, "-u", "-c", code, str(tmp_path / "data")],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline() if process.stdout else ""
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert match, first
        assert (
            requests.get(f"http://127.0.0.1:{match[1]}/api/v1/ping", timeout=10).json()["service"]
            == "lapor-api"
        )
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "dihentikan" in out
    assert (tmp_path / "data" / "training.sqlite3").is_file()
