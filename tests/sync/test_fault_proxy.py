"""The fault proxy itself: HTTP/1.1 framing, keep-alive, rule counting, clean stop."""

from __future__ import annotations

import json
import socket
import threading

import pytest
import requests

from sync.training_server import RunningServer
from tests.support.fault_proxy import FaultProxy, PassThrough, Respond, captive_portal
from tests.support.training import sample_report


def test_one_session_keeps_one_connection_through_the_proxy(proxy: FaultProxy, token: str) -> None:
    with requests.Session() as session:
        for _ in range(10):
            reply = session.get(proxy.base_url + "/v1/ping", timeout=10)
            assert reply.json()["service"] == "lapor-api"
        head = session.head(
            proxy.base_url + "/v1/attachments/" + "a" * 64,
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert head.status_code == 404
        listing = session.get(proxy.base_url + "/v1/categories", headers={"Authorization": f"Bearer {token}"})
        etag = listing.headers["ETag"]
        unchanged = session.get(
            proxy.base_url + "/v1/categories",
            headers={"Authorization": f"Bearer {token}", "If-None-Match": etag},
            timeout=10,
        )
        assert unchanged.status_code == 304
    # waitress ends the connection after its 304 (no body framing), so that one comes last.
    assert proxy.connections_accepted == 1
    assert [e.status for e in proxy.exchanges] == [200] * 10 + [404, 200, 304]


def test_chunked_request_bodies_are_forwarded(proxy: FaultProxy, token: str) -> None:
    body = json.dumps(sample_report()).encode()

    def pieces():  # a generator makes requests send Transfer-Encoding: chunked
        for start in range(0, len(body), 100):
            yield body[start : start + 100]

    with requests.Session() as session:
        reply = session.post(
            proxy.base_url + "/v1/reports",
            data=pieces(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            timeout=10,
        )
    assert reply.status_code == 201
    assert proxy.exchanges[0].request_header("Transfer-Encoding") == "chunked"


def test_rules_match_by_method_and_path_and_count(proxy: FaultProxy) -> None:
    proxy.add_rule(captive_portal(), method="GET", path="/v1/ping", after=1, times=2)
    with requests.Session() as session:
        kinds = [
            session.get(proxy.base_url + "/v1/ping", timeout=10).headers["Content-Type"] for _ in range(4)
        ]
        # A POST to the same path does not match a GET rule.
        assert session.post(proxy.base_url + "/v1/ping", timeout=10).status_code == 405
    assert ["html" in k for k in kinds] == [False, True, True, False]
    assert proxy.count("GET", "/v1/ping") == 4
    assert proxy.count("GET", "/v1/ping", forwarded=False) == 2
    assert proxy.count("POST") == 1


def test_unlimited_rule_and_clear(proxy: FaultProxy) -> None:
    proxy.add_rule(Respond(418, body=b"teapot"), times=None)
    with requests.Session() as session:
        assert [session.get(proxy.base_url + "/v1/ping", timeout=10).status_code for _ in range(3)] == [
            418
        ] * 3
        proxy.clear_rules()
        proxy.add_rule(PassThrough())
        assert session.get(proxy.base_url + "/v1/ping", timeout=10).status_code == 200


def test_respond_with_close_ends_the_connection(proxy: FaultProxy) -> None:
    proxy.add_rule(Respond(503, (("Retry-After", "1"),), b"{}", close=True))
    with requests.Session() as session:
        assert session.get(proxy.base_url + "/v1/ping", timeout=10).status_code == 503
        assert session.get(proxy.base_url + "/v1/ping", timeout=10).status_code == 200
    assert proxy.connections_accepted == 2


def test_stop_closes_everything_and_frees_the_port(server: RunningServer) -> None:
    before = threading.active_count()
    proxy = FaultProxy(server.base_url).start()
    session = requests.Session()
    assert session.get(proxy.base_url + "/v1/ping", timeout=10).status_code == 200
    proxy.stop()
    session.close()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", proxy.port), timeout=2):
        pass
    assert threading.active_count() <= before


def test_only_local_upstreams_are_accepted() -> None:
    with pytest.raises(ValueError):
        FaultProxy("http://192.0.2.10/api")
    with pytest.raises(ValueError):
        FaultProxy("https://127.0.0.1:8443/api")
