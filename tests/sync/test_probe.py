"""The connectivity probe: online only for the real LAPOR API ping."""

from __future__ import annotations

import datetime as dt
import json
import socket

from sync.client import ApiClient
from sync.probe import ONLINE_REASON, clock_warning, probe
from tests.support.fault_proxy import (
    Delay,
    FaultProxy,
    Reset,
    Respond,
    captive_portal,
    redirect_to_login,
    unavailable,
)


def test_online_against_the_training_server(client: ApiClient) -> None:
    result = probe(client)
    assert result.online is True
    assert result.reason == ONLINE_REASON
    assert result.server_time is not None
    assert result.clock_skew_s is not None and abs(result.clock_skew_s) < 120
    assert result.clock_warning is None


def test_clock_far_off_the_server_gives_a_bahasa_warning(client: ApiClient) -> None:
    ahead = probe(client, now=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(minutes=12))
    assert ahead.online is True
    assert ahead.clock_skew_s is not None and ahead.clock_skew_s > 300
    assert ahead.clock_warning is not None and "lebih cepat" in ahead.clock_warning
    assert "12 menit" in ahead.clock_warning or "11 menit" in ahead.clock_warning

    behind = probe(client, now=lambda: dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    assert behind.clock_warning is not None and "lebih lambat" in behind.clock_warning
    assert "3 hari" in behind.clock_warning


def test_clock_warning_threshold_is_five_minutes() -> None:
    assert clock_warning(299.0) is None
    assert clock_warning(-300.0) is None
    assert clock_warning(301.0) is not None
    assert clock_warning(-7200.0) is not None and "2 jam" in (clock_warning(-7200.0) or "")


def test_captive_portal_html_200_is_offline(proxy: FaultProxy, proxied: ApiClient) -> None:
    proxy.add_rule(captive_portal(), path="/v1/ping")
    result = probe(proxied)
    assert result.online is False
    assert "login" in result.reason and "peramban" in result.reason
    assert result.server_time is None and result.clock_warning is None


def test_redirect_to_login_is_offline(proxy: FaultProxy, proxied: ApiClient) -> None:
    proxy.add_rule(redirect_to_login(), path="/v1/ping")
    result = probe(proxied)
    assert result.online is False and "login" in result.reason


def test_other_json_is_offline(proxy: FaultProxy, proxied: ApiClient) -> None:
    other = {"service": "wifi-portal", "api_version": "1.0", "server_time": "2026-11-29T05:42:50Z"}
    proxy.add_rule(Respond(200, (("Content-Type", "application/json"),), json.dumps(other).encode()))
    result = probe(proxied)
    assert result.online is False and "bukan layanan LAPOR!" in result.reason


def test_server_trouble_is_offline_with_the_status(proxy: FaultProxy, proxied: ApiClient) -> None:
    proxy.add_rule(unavailable(30), path="/v1/ping")
    result = probe(proxied)
    assert result.online is False and "503" in result.reason


def test_reset_and_timeout_are_offline(proxy: FaultProxy, token: str) -> None:
    proxy.add_rule(Reset(), path="/v1/ping")
    proxy.add_rule(Delay(2.0), path="/v1/ping")
    with ApiClient(proxy.base_url, token, read_timeout=0.5) as impatient:
        reset = probe(impatient)
        slow = probe(impatient)
        assert probe(impatient).online is True
    assert reset.online is False and "tidak dapat dihubungi" in reset.reason
    assert slow.online is False and "batas waktu" in slow.reason


def test_refused_connection_is_offline() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    with ApiClient(f"http://127.0.0.1:{port}/api", None, connect_timeout=2.0) as api:
        result = probe(api)
    assert result.online is False
    assert "tidak dapat dihubungi" in result.reason


# -- Tes koneksi: the address, the service and the token, each judged on its own -----------------


def test_access_check_passes_all_three_with_the_right_token(server, token: str) -> None:
    from sync.probe import AccessStep, StepOutcome, check_access

    result = check_access(server.base_url, token)
    assert [(s.step, s.outcome) for s in result.steps] == [
        (AccessStep.ADDRESS, StepOutcome.OK),
        (AccessStep.SERVICE, StepOutcome.OK),
        (AccessStep.TOKEN, StepOutcome.OK),
    ]
    assert result.ok and result.failed is None


def test_a_wrong_or_missing_token_fails_only_the_token_step(server) -> None:
    from sync.probe import AccessStep, StepOutcome, check_access

    wrong = check_access(server.base_url, "bukan-token-yang-benar")
    assert [s.outcome for s in wrong.steps] == [StepOutcome.OK, StepOutcome.OK, StepOutcome.FAILED]
    assert wrong.failed is not None and wrong.failed.step is AccessStep.TOKEN
    assert "ditolak" in wrong.failed.message and "masuk kembali" not in wrong.failed.message
    empty = check_access(server.base_url, "")
    assert empty.failed is not None and empty.failed.step is AccessStep.TOKEN
    assert "belum diisi" in empty.failed.message


def test_another_service_fails_the_service_step(proxy: FaultProxy) -> None:
    from sync.probe import AccessStep, StepOutcome, check_access

    proxy.add_rule(captive_portal(), path="/v1/ping")
    result = check_access(proxy.base_url, "t")
    assert [s.outcome for s in result.steps] == [StepOutcome.OK, StepOutcome.FAILED, StepOutcome.SKIPPED]
    assert result.failed is not None and result.failed.step is AccessStep.SERVICE


def test_an_address_nobody_answers_on_fails_the_address_step() -> None:
    from sync.probe import AccessStep, StepOutcome, check_access

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = check_access(f"http://127.0.0.1:{port}/api", "t")
    assert [s.outcome for s in result.steps] == [StepOutcome.FAILED, StepOutcome.SKIPPED, StepOutcome.SKIPPED]
    assert result.failed is not None and result.failed.step is AccessStep.ADDRESS
    not_a_url = check_access("lapor.example.go.id", "t")
    assert not_a_url.failed is not None and not_a_url.failed.step is AccessStep.ADDRESS
    assert "http://" in not_a_url.failed.message
