"""The client through the fault proxy: what broken networks do, and what the client makes of it."""

from __future__ import annotations

import pytest

from sync.backoff import Backoff
from sync.client import ApiClient
from sync.errors import MalformedResponse, Transient, TransientKind
from sync.training_server import RunningServer
from tests.support.fault_proxy import (
    DropAfterForward,
    FaultProxy,
    Hold,
    PassThrough,
    Reset,
    Respond,
    TruncateBody,
    TruncateHeaders,
    captive_portal,
    rate_limited,
    redirect_to_login,
    server_error,
    unavailable,
)
from tests.support.training import sample_report

REPORTS = "/v1/reports"


def stored_tracking_id(proxy: FaultProxy) -> str:
    """The tracking id the server gave to the first forwarded POST (the answer the client never heard)."""
    first = next(e for e in proxy.exchanges if e.method == "POST" and e.forwarded)
    assert first.status == 201
    return first.json()["tracking_id"]


def test_dropped_after_store_is_transient_and_the_resend_is_replayed(
    proxy: FaultProxy, proxied: ApiClient
) -> None:
    report = sample_report()
    proxy.add_rule(DropAfterForward(), method="POST", path=REPORTS)
    with pytest.raises(Transient) as caught:
        proxied.submit(report)
    assert caught.value.kind is TransientKind.CONNECTION

    receipt = proxied.submit(report)
    assert receipt.replayed is True
    assert receipt.tracking_id == stored_tracking_id(proxy)
    assert proxy.count("POST", REPORTS, forwarded=True) == 2


def test_reset_after_store_then_resend_is_replayed(proxy: FaultProxy, proxied: ApiClient) -> None:
    report = sample_report()
    proxy.add_rule(Reset(forward=True), method="POST", path=REPORTS)
    with pytest.raises(Transient) as caught:
        proxied.submit(report)
    assert caught.value.kind is TransientKind.CONNECTION
    receipt = proxied.submit(report)
    assert receipt.replayed is True and receipt.tracking_id == stored_tracking_id(proxy)


def test_reset_before_the_server_sees_it(proxy: FaultProxy, proxied: ApiClient) -> None:
    report = sample_report()
    proxy.add_rule(Reset(), method="POST", path=REPORTS)
    with pytest.raises(Transient):
        proxied.submit(report)
    assert proxy.count("POST", REPORTS, forwarded=True) == 0
    assert proxied.submit(report).replayed is False


def test_batch_dropped_after_store_is_replayed_item_by_item(proxy: FaultProxy, proxied: ApiClient) -> None:
    reports = [sample_report() for _ in range(3)]
    proxy.add_rule(DropAfterForward(), method="POST", path="/v1/reports/batch")
    with pytest.raises(Transient):
        proxied.submit_batch(reports)
    outcomes = proxied.submit_batch(reports)
    assert all(o.ok for o in outcomes)
    assert all(o.result.replayed for o in outcomes)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("answer", "status", "kind", "retry_after"),
    [
        (unavailable(7), 503, TransientKind.UNAVAILABLE, 7.0),
        (unavailable(None), 503, TransientKind.UNAVAILABLE, None),
        (rate_limited(11), 429, TransientKind.RATE_LIMITED, 11.0),
        (server_error(500), 500, TransientKind.SERVER_ERROR, None),
        (server_error(502), 502, TransientKind.SERVER_ERROR, None),
        (server_error(504), 504, TransientKind.SERVER_ERROR, None),
        (server_error(502, html=True), 502, TransientKind.NOT_JSON, None),
    ],
)
def test_server_side_failures_are_transient(
    proxy: FaultProxy,
    proxied: ApiClient,
    answer: Respond,
    status: int,
    kind: TransientKind,
    retry_after: float | None,
) -> None:
    proxy.add_rule(answer, method="POST", path=REPORTS)
    with pytest.raises(Transient) as caught:
        proxied.submit(sample_report())
    assert caught.value.status == status
    assert caught.value.kind is kind
    assert caught.value.retry_after == retry_after
    # The keep-alive connection still works for the next request.
    assert proxied.submit(sample_report()).replayed is False


def test_retry_after_from_the_wire_is_honoured_by_backoff(proxy: FaultProxy, proxied: ApiClient) -> None:
    proxy.add_rule(unavailable(42), method="POST", path=REPORTS)
    with pytest.raises(Transient) as caught:
        proxied.submit(sample_report())
    policy = Backoff(base=1.0, cap=10.0, random_source=lambda: 1.0)
    assert policy.delay(0, caught.value.retry_after) == 42.0


def test_html_on_an_error_status_never_blames_the_report(proxy: FaultProxy, proxied: ApiClient) -> None:
    # A proxy's own 403/422 page must not mark a report as needing a fix.
    for status in (400, 403, 422):
        proxy.add_rule(
            Respond(status, (("Content-Type", "text/html"),), b"<html>Blocked</html>"), path=REPORTS
        )
        with pytest.raises(MalformedResponse) as caught:
            proxied.submit(sample_report())
        assert caught.value.status == status and caught.value.kind is TransientKind.NOT_JSON


def test_captive_portal_page_is_a_transient_failure(proxy: FaultProxy, proxied: ApiClient) -> None:
    proxy.add_rule(captive_portal(), times=None)
    with pytest.raises(MalformedResponse) as caught:
        proxied.submit(sample_report())
    assert caught.value.kind is TransientKind.NOT_JSON
    with pytest.raises(MalformedResponse):
        proxied.report_state("LPR-2026-000001")
    with pytest.raises(MalformedResponse):
        proxied.has_attachment("a" * 64)
    assert proxy.count(forwarded=True) == 0


def test_redirect_to_a_login_page_is_not_followed(proxy: FaultProxy, proxied: ApiClient) -> None:
    proxy.add_rule(redirect_to_login(), path=REPORTS)
    with pytest.raises(Transient) as caught:
        proxied.submit(sample_report())
    assert caught.value.kind is TransientKind.REDIRECT and caught.value.status == 302
    # Only the one request: the client did not go to the portal.
    assert len(proxy.exchanges) == 1


def test_truncated_body_is_transient(proxy: FaultProxy, proxied: ApiClient) -> None:
    report = sample_report()
    proxy.add_rule(TruncateBody(keep=20), method="POST", path=REPORTS)
    with pytest.raises(Transient) as caught:
        proxied.submit(report)
    assert caught.value.kind is TransientKind.TRUNCATED
    assert proxied.submit(report).replayed is True


def test_trimmed_json_with_a_matching_length_is_malformed(proxy: FaultProxy, proxied: ApiClient) -> None:
    report = sample_report()
    proxy.add_rule(TruncateBody(keep=30, fix_length=True), method="POST", path=REPORTS)
    with pytest.raises(MalformedResponse) as caught:
        proxied.submit(report)
    assert caught.value.status == 201
    assert proxied.submit(report).replayed is True


def test_truncated_gzip_response_is_transient(proxy: FaultProxy, proxied: ApiClient) -> None:
    # The category list is large enough for the server to gzip it.
    proxy.add_rule(TruncateBody(fix_length=True), path="/v1/categories")
    with pytest.raises(Transient):
        proxied.categories(None)
    assert proxy.exchanges[0].header("Content-Encoding") == "gzip"
    assert proxied.categories(None).items


@pytest.mark.parametrize("keep", [5, 15, 60])
def test_truncated_headers_are_transient(proxy: FaultProxy, proxied: ApiClient, keep: int) -> None:
    # Cut inside the status line, just after it, or among the headers: http.client
    # reads some as a bad status line and others as a head without a body.
    report = sample_report()
    proxy.add_rule(TruncateHeaders(keep=keep), method="POST", path=REPORTS)
    with pytest.raises(Transient) as caught:
        proxied.submit(report)
    assert caught.value.kind in (TransientKind.CONNECTION, TransientKind.MALFORMED, TransientKind.TRUNCATED)
    assert proxied.submit(report).replayed is True


def test_slow_server_past_the_read_timeout(proxy: FaultProxy, token: str, server: RunningServer) -> None:
    report = sample_report()
    # Held until the client has given up: a server slower than any read timeout, however loaded the machine.
    late = Hold(then=PassThrough())
    proxy.add_rule(late, method="POST", path=REPORTS)
    with ApiClient(proxy.base_url, token, read_timeout=0.5) as impatient:
        with pytest.raises(Transient) as caught:
            impatient.submit(report)
        assert caught.value.kind is TransientKind.TIMEOUT
        # The late request still reaches the server; let it, wait for it, then resend.
        late.release.set()
        assert late.done.wait(20)
        assert proxy.count("POST", REPORTS, forwarded=True) == 1
        receipt = impatient.submit(report)
    assert receipt.replayed is True
    assert receipt.tracking_id == stored_tracking_id(proxy)
    assert server.store.count_reports() == 1


def test_refused_connection_is_transient(token: str) -> None:
    import socket

    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    # Nothing listens on the port any more.
    with ApiClient(f"http://127.0.0.1:{port}/api", token, connect_timeout=2.0) as api:
        with pytest.raises(Transient) as caught:
            api.submit(sample_report())
    assert caught.value.kind is TransientKind.CONNECTION


def test_logs_carry_no_token_and_no_report_content(
    proxy: FaultProxy, proxied: ApiClient, token: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    report = sample_report()
    proxy.add_rule(unavailable(5), method="POST", path=REPORTS)
    with pytest.raises(Transient):
        proxied.submit(report)
    proxied.submit(report)
    text = caplog.text
    assert "POST /api/v1/reports -> 503" in text and "POST /api/v1/reports -> 201" in text
    for secret in (token, report["reporter"]["nik"], report["reporter"]["phone"], report["title"]):
        assert secret not in text
