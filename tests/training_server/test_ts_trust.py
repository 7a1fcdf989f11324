"""Issue 11's trust boundaries on the training server: bounded bodies, items that stand alone,
owner-only files."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from sync.training_server import add_token, start_in_thread
from sync.training_server.serve import WAITRESS_BODY_LIMIT
from tests.support.training import ApiClient, sample_reply, sample_report

from .conftest import Training
from .test_ts_basics import assert_error

MIB = 1024 * 1024


# -- bodies are bounded before the application sees them ------------------------------------


def raw_exchange(port: int, head: bytes, body_chunks=(), on_chunk=None) -> bytes:
    """Send a request by hand on a fresh connection and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head)
        try:
            for chunk in body_chunks:
                conn.sendall(chunk)
                if on_chunk is not None:
                    on_chunk()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the whole body was sent
        received = b""
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                received += data
        except ConnectionResetError:
            pass
    return received


def answer_of(raw: bytes) -> tuple[int, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body)


def held_temp_bytes() -> int:
    """The largest regular file this process holds open that is not part of the store."""
    largest = 0
    for entry in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(entry)
            info = os.stat(entry)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and "training.sqlite3" not in target and "/attachments/" not in target:
            largest = max(largest, info.st_size)
    return largest


def test_an_oversized_content_length_is_refused_before_its_body(training: Training) -> None:
    head = (
        f"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {training.token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {300 * MIB}\r\n\r\n"
    ).encode()
    status, body = answer_of(raw_exchange(training.server.port, head))
    assert status == 413
    assert body["error"]["code"] == "payload_too_large"


def test_attachment_and_json_limits_apply_by_path(training: Training) -> None:
    # Over its path's limit but under waitress's cap: read and dropped, answered in the contract's shape.
    for path, size in (("/api/v1/reports/batch", 2 * MIB), ("/api/v1/attachments/" + "a" * 64, 5 * MIB + 10)):
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {size}\r\n\r\n"
        ).encode()
        chunks = [b" " * 65536] * (size // 65536) + [b" " * (size % 65536)]
        status, body = answer_of(raw_exchange(training.server.port, head, chunks))
        assert (status, body["error"]["code"]) == (413, "payload_too_large"), path


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see open temp files")
def test_a_chunked_flood_buffers_no_more_than_the_largest_allowed_body(training: Training) -> None:
    head = (
        f"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {training.token}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    piece = b" " * (256 * 1024)
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    seen: list[int] = []
    raw = raw_exchange(
        training.server.port, head, [chunk] * 80, on_chunk=lambda: seen.append(held_temp_bytes())
    )  # 20 MiB offered
    status, body = answer_of(raw)
    assert status == 413 and body["error"]["code"] == "payload_too_large"
    assert max(seen) <= WAITRESS_BODY_LIMIT + 256 * 1024
    assert held_temp_bytes() < MIB
    # The server is fine afterwards.
    assert requests.get(training.server.base_url + "/v1/ping", timeout=10).ok


def test_the_limits_still_let_the_largest_bodies_through(api: ApiClient) -> None:
    import hashlib

    data = os.urandom(5 * MIB)
    sha = hashlib.sha256(data).hexdigest()
    response = api.request("PUT", f"/v1/attachments/{sha}", data=data, headers={"Content-Type": "image/jpeg"})
    assert response.status_code == 201
    document = json.dumps({"reports": [sample_report()]}).encode()
    exact = document[:-1] + b" " * (MIB - len(document)) + b"}"
    assert api.post("/v1/reports/batch", data=exact, headers={"Content-Type": "application/json"}).ok


# -- one broken item never sinks the others ---------------------------------------------------

LONE = "\ud800"


def post_text(api: ApiClient, path: str, value: object) -> requests.Response:
    # json.dumps writes a lone surrogate as the escape \ud800, as a broken client would send it.
    return api.post(path, data=json.dumps(value).encode(), headers={"Content-Type": "application/json"})


def test_a_lone_surrogate_fails_only_its_own_batch_item(api: ApiClient) -> None:
    items = [
        sample_report(),
        sample_report(title="Judul dengan " + LONE),
        sample_report(reporter={"name": "Siti", "address": "RT 01 " + LONE}),
        sample_report(),
    ]
    response = post_text(api, "/v1/reports/batch", {"reports": items})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [result["status"] for result in results] == [201, 400, 400, 201]
    assert results[1]["error"]["code"] == "bad_request" and "title" in results[1]["error"]["message"]
    assert "reporter.address" in results[2]["error"]["message"]
    pulled = api.get("/v1/reports").json()["items"]
    assert {item["client_id"] for item in pulled} == {items[0]["client_id"], items[3]["client_id"]}


def test_a_broken_client_id_or_key_is_not_echoed(api: ApiClient) -> None:
    broken_id = sample_report(client_id="a" * 8 + LONE)
    broken_key = sample_report()
    broken_key["catatan" + LONE] = "x"
    response = post_text(api, "/v1/reports/batch", {"reports": [broken_id, broken_key, sample_report()]})
    results = response.json()["results"]
    assert [result["status"] for result in results] == [400, 400, 201]
    assert results[0]["client_id"] == ""


def test_a_lone_surrogate_in_a_single_report_or_reply_is_bad_request(
    training: Training, api: ApiClient
) -> None:
    assert_error(
        post_text(api, "/v1/reports", sample_report(body="Isi laporan " + LONE * 30)), 400, "bad_request"
    )
    tracking_id = training.send()
    assert_error(
        post_text(api, f"/v1/reports/{tracking_id}/replies", sample_reply(text="Jawab " + LONE)),
        400,
        "bad_request",
    )
    assert api.get(f"/v1/reports/{tracking_id}").json()["responses"] == []


def test_a_deeply_nested_item_fails_alone(api: ApiClient) -> None:
    nested = sample_report()
    document = json.dumps({"reports": [sample_report(), nested]})
    deep = "[" * 900 + "]" * 900
    document = document[:-3] + f', "lampiran_lain": {deep}' + document[-3:]
    response = api.post(
        "/v1/reports/batch", data=document.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert [result["status"] for result in response.json()["results"]] == [201, 400]


def test_a_failing_item_is_rolled_back_alone(training: Training, api: ApiClient, monkeypatch) -> None:
    # A fault inside one item's intake (here: the store refusing its title) is that item's 500.
    from sync.training_server.store import Intake

    original = Intake.insert

    def insert(self, token_id, client_id, content, classification, title, *rest):  # type: ignore[no-untyped-def]
        stored = original(self, token_id, client_id, content, classification, title, *rest)
        if "gagal" in title:
            raise RuntimeError("simulated fault after the row was written")
        return stored

    monkeypatch.setattr(Intake, "insert", insert)
    items = [sample_report(), sample_report(title="Judul gagal disimpan"), sample_report()]
    results = api.post("/v1/reports/batch", json={"reports": items}).json()["results"]
    assert [result["status"] for result in results] == [201, 500, 201]
    assert results[1]["error"]["code"] == "internal"
    assert training.server.store.count_reports() == 2


# -- owner-only files -------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_store_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    import hashlib

    data_dir = tmp_path / "ruang"
    old = os.umask(0o022)
    try:
        token = add_token(data_dir, "Desa Rahasia")
        with start_in_thread(data_dir) as server:
            api = ApiClient(server.base_url, token)
            photo = b"\xff\xd8 foto KTP"
            sha = hashlib.sha256(photo).hexdigest()
            api.request("PUT", f"/v1/attachments/{sha}", data=photo, headers={"Content-Type": "image/jpeg"})
            api.post("/v1/reports", json=sample_report())
            files = [path for path in data_dir.rglob("*")]
            assert data_dir / "training.sqlite3-wal" in files
            api.close()
    finally:
        os.umask(old)
    assert mode(data_dir) == 0o700
    for path in data_dir.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_left_world_readable_is_made_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "lama"
    add_token(data_dir, "Desa Lama")
    os.chmod(data_dir, 0o755)
    for path in data_dir.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    add_token(data_dir, "Desa Baru")
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "training.sqlite3") == 0o600
    assert mode(data_dir / "attachments") == 0o700


# -- console and help --------------------------------------------------------------------------


def test_console_says_replace_0000_only_when_bound_to_it(tmp_path: Path) -> None:
    from sync.training_server.serve import announcement

    everywhere = "\n".join(announcement("0.0.0.0", 8080, tmp_path))
    assert "ganti 0.0.0.0 dengan IP laptop ini" in everywhere
    assert "Halaman pelatih: http://127.0.0.1:8080/" in everywhere
    local = "\n".join(announcement("127.0.0.1", 8080, tmp_path))
    assert "ganti 0.0.0.0" not in local and "http://127.0.0.1:8080/api" in local
    assert "--host 0.0.0.0" in local
    lan = "\n".join(announcement("192.168.1.23", 8080, tmp_path))
    assert "ganti" not in lan
    assert "Halaman pelatih: http://192.168.1.23:8080/" in lan and "http://192.168.1.23:8080/api" in lan


ENGLISH = ("usage:", "show this help", "options:", "positional arguments", "optional arguments", "default")


@pytest.mark.parametrize(
    "command", [["training-server"], ["training-server", "token"], ["training-server", "token", "add"]]
)
def test_training_server_help_is_indonesian(command: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "lapor_desktop", *command, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.startswith("cara pakai: ")
    assert "tampilkan bantuan ini lalu keluar" in out
    for word in ENGLISH:
        assert word not in out.lower(), word
