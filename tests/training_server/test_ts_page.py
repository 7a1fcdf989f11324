"""The trainer page: what it shows, escaping, its forms, and who may use it."""

from __future__ import annotations

import io

import pytest
import requests

from sync.training_server import add_response, list_tokens
from sync.training_server.page import TrainerPage, is_local_host, is_local_peer
from sync.training_server.reference import agency_source, category_source
from tests.support.training import ApiClient, sample_report

from .conftest import Training
from .test_ts_pull import TrainerBrowser

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_page_lists_reports_and_tokens(training: Training, api: ApiClient) -> None:
    receipt = api.post("/v1/reports", json=sample_report(classification="aspiration")).json()
    page = requests.get(training.server.page_url, timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in page.headers
    text = page.text
    assert '<html lang="id">' in text
    for expected in (
        receipt["tracking_id"],
        "Desa Sukamaju",
        "Jalan desa rusak berlubang",
        "Pembangunan dan Infrastruktur › Infrastruktur",
    ):
        assert expected in text
    detail = requests.get(training.server.page_url + f"laporan/{receipt['tracking_id']}", timeout=10).text
    assert "Aspirasi" in detail
    assert "Belum terverifikasi" in text
    assert training.token in text
    assert '<script src="/aset/segarkan.js" defer></script>' in text
    assert 'data-segarkan="/fragmen/laporan"' in text

    fragment = requests.get(training.server.page_url + "fragmen/laporan", timeout=10)
    assert receipt["tracking_id"] in fragment.text
    script = requests.get(training.server.page_url + "aset/segarkan.js", timeout=10)
    assert "data-segarkan" in script.text and "setInterval" in script.text


def test_report_text_is_escaped_everywhere(training: Training) -> None:
    office = ApiClient(training.server.base_url, None)
    office.token = training.client_for(XSS).token
    report = sample_report(
        title="Judul " + XSS,
        body="Isi laporan yang panjang " + XSS,
        reporter={"name": XSS},
        location={"region_code": "18.01.01.2001", "address": XSS},
        recorded_by=XSS,
        attachments=[],
    )
    receipt = office.post("/v1/reports", json=report).json()
    add_response(training.data_dir, receipt["tracking_id"], XSS, "Tanggapan " + XSS)
    for path in ("", "fragmen/laporan", f"laporan/{receipt['tracking_id']}"):
        text = requests.get(training.server.page_url + path, timeout=10).text
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    office.close()


def test_detail_page_masks_personal_numbers(training: Training, api: ApiClient) -> None:
    receipt = api.post("/v1/reports", json=sample_report()).json()
    text = requests.get(training.server.page_url + f"laporan/{receipt['tracking_id']}", timeout=10).text
    assert "1801014501900001" not in text and "************0001" in text
    assert "081234567890" not in text and "*********890" in text
    assert "Jalan utama Dusun II" in text


def test_token_forms_issue_and_disable_tokens(training: Training) -> None:
    browser = TrainerBrowser(training.server.page_url)
    assert browser.submit("/", "/aksi/token", nama="Desa Baru Latihan").status_code == 303
    [new] = [token for token in list_tokens(training.data_dir) if token.name == "Desa Baru Latihan"]
    assert new.token in requests.get(training.server.page_url, timeout=10).text
    client = ApiClient(training.server.base_url, new.token)
    assert client.post("/v1/reports", json=sample_report()).status_code == 201

    page = browser.session.get(training.server.page_url, timeout=10).text
    key = browser.form("/", "/aksi/token")["kunci"]
    assert f'name="token_id" value="{new.id}"' in page
    off = browser.session.post(
        training.server.page_url + "aksi/token-aktif",
        data={"kunci": key, "token_id": str(new.id), "aktif": "0"},
        allow_redirects=False,
        timeout=10,
    )
    assert off.status_code == 303
    assert client.get("/v1/categories").status_code == 403
    client.close()


def test_forms_need_the_page_key(training: Training, api: ApiClient) -> None:
    receipt = api.post("/v1/reports", json=sample_report()).json()
    forged = requests.post(
        training.server.page_url + "aksi/status",
        data={"tracking_id": receipt["tracking_id"], "status": "completed", "kunci": "tebakan"},
        allow_redirects=False,
        timeout=10,
    )
    assert forged.status_code == 403
    assert api.get(f"/v1/reports/{receipt['tracking_id']}").json()["status"] == "pending_verification"


def test_form_mistakes_are_explained(training: Training, api: ApiClient) -> None:
    receipt = api.post("/v1/reports", json=sample_report()).json()
    browser = TrainerBrowser(training.server.page_url)
    empty = browser.respond(receipt["tracking_id"], "Dinas Sosial", "   ")
    assert empty.status_code == 400
    assert "wajib diisi" in empty.text
    unknown = browser.submit(
        f"/laporan/{receipt['tracking_id']}", "/aksi/status", tracking_id="LPR-0000-000000"
    )
    assert unknown.status_code == 404
    assert requests.get(training.server.page_url + "laporan/LPR-0000-000000", timeout=10).status_code == 404


def test_page_refuses_foreign_host_names(training: Training) -> None:
    # A web page that rebinds its DNS name to 127.0.0.1 still sends its own Host.
    response = requests.get(training.server.page_url, headers={"Host": "evil.example"}, timeout=10)
    assert response.status_code == 403
    assert "Desa Sukamaju" not in response.text
    assert requests.get(
        training.server.page_url, headers={"Host": f"localhost:{training.server.port}"}, timeout=10
    ).ok


def in_process(training: Training, remote: str, host: str, bind_host: str = "0.0.0.0") -> tuple[str, bytes]:
    """The page called in-process: tests send no traffic beyond 127.0.0.1, so a LAN peer is an environ."""
    data_dir = training.data_dir
    page = TrainerPage(
        training.server.store, category_source(data_dir), agency_source(data_dir), bind_host=bind_host
    )
    captured: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "REMOTE_ADDR": remote,
        "HTTP_HOST": host,
        "SERVER_PORT": "8080",
        "wsgi.input": io.BytesIO(b""),
    }
    body = b"".join(page(environ, lambda status, headers: captured.append(status)))
    return captured[0], body


def test_page_refuses_other_machines(training: Training) -> None:
    status, body = in_process(training, "192.168.1.23", "127.0.0.1:8080")
    assert status == "403 Forbidden"
    assert training.token.encode() not in body


def test_page_answers_on_the_bound_lan_address_only_from_the_laptop(training: Training) -> None:
    # The laptop opening its own LAN address sees that address as the peer.
    assert in_process(training, "192.168.1.23", "192.168.1.23:8080", bind_host="192.168.1.23")[0] == "200 OK"
    assert in_process(training, "192.168.1.50", "192.168.1.23:8080", bind_host="192.168.1.23")[0] == (
        "403 Forbidden"
    )
    # Bound to every address, a LAN name or address is no proof of being the laptop.
    assert in_process(training, "192.168.1.23", "192.168.1.23:8080")[0] == "403 Forbidden"
    assert in_process(training, "::ffff:127.0.0.1", "127.0.0.1:8080")[0] == "200 OK"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1.attacker.example",
        "127.0.0.1.attacker.example:8080",
        "127.0.0.1.nip.io",
        "localhost.attacker.example",
        "attacker.example",
        "evil.example:8080",
        "",
        "127.0.0.1:80x",
        "127.0.0.1:",
        "[::1",
        "[::1]x",
        "127.1",
        "0x7f000001",
        "2130706433",
        "127.0.0.1:8080@evil.example",
        "1.2.3.4",
    ],
)
def test_host_check_refuses_names_that_only_look_local(host: str) -> None:
    assert not is_local_host(host, "0.0.0.0")
    assert not is_local_host(host, "127.0.0.1")


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.0.0.1:8080", "localhost", "LocalHost:8080", "[::1]", "[::1]:8080", "127.0.1.1:80"],
)
def test_host_check_accepts_exact_loopback_names(host: str) -> None:
    assert is_local_host(host, "0.0.0.0")


def test_host_check_accepts_the_bound_address() -> None:
    assert is_local_host("192.168.1.23:8080", "192.168.1.23")
    assert not is_local_host("192.168.1.23:8080", "0.0.0.0")
    assert not is_local_host("192.168.1.24", "192.168.1.23")
    assert is_local_peer("127.0.0.1", "0.0.0.0") and is_local_peer("::1", "0.0.0.0")
    assert is_local_peer("192.168.1.23", "192.168.1.23")
    assert not is_local_peer("192.168.1.23", "0.0.0.0") and not is_local_peer("", "0.0.0.0")


@pytest.mark.parametrize("host", ["127.0.0.1.attacker.example", "localhost.attacker.example:{port}"])
def test_dns_rebinding_gets_no_tokens_over_http(training: Training, host: str) -> None:
    response = requests.get(
        training.server.page_url, headers={"Host": host.format(port=training.server.port)}, timeout=10
    )
    assert response.status_code == 403
    assert training.token not in response.text
    fragment = requests.get(training.server.page_url + "fragmen/laporan", headers={"Host": host}, timeout=10)
    assert fragment.status_code == 403
