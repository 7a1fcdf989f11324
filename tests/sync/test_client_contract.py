"""The client against the real training server: every endpoint and every row of the error table."""

from __future__ import annotations

import hashlib

import pytest

from lapor_desktop.domain import RemoteStatus
from sync.client import ApiClient, BatchItemOutcome
from sync.errors import (
    AuthFailure,
    MissingAttachments,
    NotFound,
    PermanentForItem,
    Transient,
    TransientKind,
    fix_messages,
    fix_summary,
)
from sync.training_server import RunningServer, add_response, set_status, set_token_enabled, simulate_fault
from sync.wire import Receipt
from tests.support.fault_proxy import FaultProxy
from tests.support.training import sample_report

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- success paths ----------------------------------------------------------


def test_ping_needs_no_token(server: RunningServer) -> None:
    with ApiClient(server.base_url, None) as anonymous:
        ping = anonymous.ping()
    assert ping.service == "lapor-api"
    assert ping.server_time.tzinfo is not None


def test_submit_then_resend_is_replayed_with_the_same_tracking_id(client: ApiClient) -> None:
    report = sample_report()
    first = client.submit(report)
    again = client.submit(report)
    assert first.replayed is False and again.replayed is True
    assert again.tracking_id == first.tracking_id
    assert again.received_at == first.received_at
    assert first.status is RemoteStatus.PENDING_VERIFICATION


def test_attachments_head_put_and_already_held(client: ApiClient) -> None:
    digest = sha(PNG)
    assert client.has_attachment(digest) is False
    assert client.put_attachment(digest, PNG, "image/png") is True
    assert client.put_attachment(digest, PNG, "image/png") is False
    assert client.has_attachment(digest) is True
    receipt = client.submit(
        sample_report(attachments=[{"sha256": digest, "filename": "foto.png", "content_type": "image/png"}])
    )
    assert receipt.replayed is False


def test_report_state_and_changes_follow_the_agency(client: ApiClient, server: RunningServer) -> None:
    receipt = client.submit(sample_report())
    first_page = client.changes(None)
    assert [s.tracking_id for s in first_page.items] == [receipt.tracking_id]
    assert client.changes(first_page.next_cursor).items == ()

    set_status(server.store, receipt.tracking_id, "in_progress")
    add_response(
        server.store, receipt.tracking_id, "Dinas PU Kabupaten", "Perbaikan dijadwalkan minggu depan."
    )

    state = client.report_state(receipt.tracking_id)
    assert state.status is RemoteStatus.IN_PROGRESS
    assert [(r.author, r.text) for r in state.responses] == [
        ("Dinas PU Kabupaten", "Perbaikan dijadwalkan minggu depan.")
    ]
    changed = client.changes(first_page.next_cursor, limit=10)
    assert [s.tracking_id for s in changed.items] == [receipt.tracking_id]
    assert changed.items[0].status is RemoteStatus.IN_PROGRESS


def test_batch_items_stand_alone(client: ApiClient) -> None:
    good = sample_report()
    client.submit(conflicting := sample_report())
    reports = [
        good,
        sample_report(title="abc"),
        sample_report(category_code="tidak_ada"),
        sample_report(
            attachments=[{"sha256": "b" * 64, "filename": "x.pdf", "content_type": "application/pdf"}]
        ),
        {**conflicting, "title": "Judul lain untuk laporan yang sama"},
        good,
    ]
    outcomes = client.submit_batch(reports)
    assert [o.client_id for o in outcomes] == [r["client_id"] for r in reports]
    assert isinstance(outcomes[0].result, Receipt) and outcomes[0].ok and outcomes[0].status == 201
    first, second, third, fourth, fifth, sixth = (o.result for o in outcomes)
    assert isinstance(second, PermanentForItem) and dict(second.fields) == {"title": "too_short"}
    assert isinstance(third, PermanentForItem) and third.code == "unknown_category"
    assert isinstance(fourth, MissingAttachments) and fourth.missing == ("b" * 64,)
    assert isinstance(fifth, PermanentForItem) and fifth.status == 409
    # The same client_id twice in one batch: stored once, the second replayed.
    assert isinstance(first, Receipt) and isinstance(sixth, Receipt)
    assert sixth.tracking_id == first.tracking_id and sixth.replayed is True


def test_batch_size_is_checked_before_sending(client: ApiClient) -> None:
    with pytest.raises(ValueError):
        client.submit_batch([])
    with pytest.raises(ValueError):
        client.submit_batch([sample_report() for _ in range(51)])
    outcomes = client.submit_batch([sample_report() for _ in range(50)])
    assert all(isinstance(o, BatchItemOutcome) and o.ok for o in outcomes)


def test_large_json_goes_gzip_compressed_and_is_accepted(server: RunningServer, token: str) -> None:
    long_body = "Warga Dusun II melaporkan jalan rusak parah sepanjang dua kilometer. " * 60
    report = sample_report(body=long_body[:4900])
    small = sample_report()
    with FaultProxy(server.base_url) as proxy, ApiClient(proxy.base_url, token) as api:
        assert api.submit(report).replayed is False
        assert api.submit(small).replayed is False
        big_post, small_post = proxy.exchanges
    assert big_post.request_header("Content-Encoding") == "gzip"
    assert int(big_post.request_header("Content-Length") or 0) < 1024
    assert small_post.request_header("Content-Encoding") is None
    assert big_post.status == 201 and small_post.status == 201


def test_every_call_but_ping_carries_the_bearer_token(server: RunningServer, token: str) -> None:
    with FaultProxy(server.base_url) as proxy, ApiClient(proxy.base_url, token) as api:
        api.ping()
        api.categories(None)
        api.has_attachment("c" * 64)
        api.changes(None)
        ping, *others = proxy.exchanges
    assert ping.request_header("Authorization") is None
    assert [e.request_header("Authorization") for e in others] == [f"Bearer {token}"] * 3
    assert all(e.request_header("Accept-Encoding") == "gzip" for e in proxy.exchanges)


# --- the error table, row by row -------------------------------------------


def test_400_bad_request_is_permanent_for_the_item(client: ApiClient) -> None:
    with pytest.raises(PermanentForItem) as caught:
        client.submit(sample_report(title=12345))
    assert caught.value.status == 400 and caught.value.code == "bad_request"
    assert "format" in str(caught.value)


def test_401_invalid_token_stops_syncing(server: RunningServer) -> None:
    with ApiClient(server.base_url, "trn_not-a-real-token") as api:
        with pytest.raises(AuthFailure) as caught:
            api.submit(sample_report())
    assert caught.value.status == 401 and caught.value.code == "invalid_token"
    assert "isi di Pengaturan" in str(caught.value)  # where the token is changed; there is no sign-in


def test_no_token_fails_as_401_without_sending(server: RunningServer) -> None:
    with FaultProxy(server.base_url) as proxy, ApiClient(proxy.base_url, None) as api:
        with pytest.raises(AuthFailure):
            api.submit(sample_report())
        assert proxy.exchanges == []


def test_head_with_bad_token_is_an_auth_failure(server: RunningServer) -> None:
    with ApiClient(server.base_url, "trn_not-a-real-token") as api, pytest.raises(AuthFailure):
        api.has_attachment("d" * 64)


def test_403_forbidden_carries_the_server_message(
    client: ApiClient, server: RunningServer, token: str
) -> None:
    set_token_enabled(server.store, token, False)
    with pytest.raises(AuthFailure) as caught:
        client.submit(sample_report())
    assert caught.value.status == 403 and caught.value.code == "forbidden"
    assert caught.value.message and caught.value.message in str(caught.value)


def test_404_not_found_for_an_unknown_tracking_id(client: ApiClient) -> None:
    with pytest.raises(NotFound) as caught:
        client.report_state("LPR-1999-999999")
    assert caught.value.status == 404


def test_409_idempotency_conflict_is_permanent(client: ApiClient) -> None:
    report = sample_report()
    client.submit(report)
    with pytest.raises(PermanentForItem) as caught:
        client.submit({**report, "title": "Judul yang sudah diubah"})
    assert caught.value.status == 409 and caught.value.code == "idempotency_conflict"


def test_413_attachment_over_5_mib(client: ApiClient) -> None:
    data = b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024)
    with pytest.raises(PermanentForItem) as caught:
        client.put_attachment(sha(data), data, "image/jpeg")
    assert caught.value.status == 413 and caught.value.code == "payload_too_large"


def test_413_json_over_1_mib_after_decompression(client: ApiClient) -> None:
    # Gzip makes it tiny on the wire; the limit applies after decompression.
    with pytest.raises(PermanentForItem) as caught:
        client.submit(sample_report(recorded_by="x" * (1024 * 1024 + 10)))
    assert caught.value.status == 413


def test_422_validation_failed_with_bahasa_field_messages(client: ApiClient) -> None:
    bad = sample_report(title="abc", reporter={"name": "Siti", "nik": "123", "phone": "12345"})
    with pytest.raises(PermanentForItem) as caught:
        client.submit(bad)
    error = caught.value
    assert error.status == 422 and error.code == "validation_failed"
    assert dict(error.fields) == {
        "title": "too_short",
        "reporter.nik": "invalid_format",
        "reporter.phone": "invalid_format",
    }
    messages = fix_messages(error)
    assert messages["title"] == "Judul terlalu pendek (minimal 5 karakter)."
    assert messages["reporter.nik"] == "NIK harus terdiri dari tepat 16 angka."
    assert "+62" in messages["reporter.phone"]
    assert "Judul terlalu pendek" in fix_summary(error)


def test_422_unknown_category(client: ApiClient) -> None:
    with pytest.raises(PermanentForItem) as caught:
        client.submit(sample_report(category_code="kategori_fiktif"))
    assert caught.value.code == "unknown_category"
    assert "kategori" in str(caught.value).lower()


def test_422_missing_attachments_then_upload_and_retry(client: ApiClient) -> None:
    digest = sha(PNG)
    report = sample_report(
        attachments=[{"sha256": digest, "filename": "foto.png", "content_type": "image/png"}]
    )
    with pytest.raises(MissingAttachments) as caught:
        client.submit(report)
    assert caught.value.missing == (digest,)
    client.put_attachment(digest, PNG, "image/png")
    assert client.submit(report).replayed is False


def test_422_hash_mismatch(client: ApiClient) -> None:
    with pytest.raises(PermanentForItem) as caught:
        client.put_attachment("e" * 64, PNG, "image/png")
    assert caught.value.code == "hash_mismatch"


@pytest.mark.parametrize(
    ("mode", "status", "kind", "retry_after"),
    [
        ("rate_limited", 429, TransientKind.RATE_LIMITED, 3.0),
        ("unavailable", 503, TransientKind.UNAVAILABLE, 3.0),
        ("internal", 500, TransientKind.SERVER_ERROR, None),
    ],
)
def test_server_faults_are_transient(
    client: ApiClient,
    server: RunningServer,
    mode: str,
    status: int,
    kind: TransientKind,
    retry_after: float | None,
) -> None:
    simulate_fault(server.store, mode, retry_after=3)
    with pytest.raises(Transient) as caught:
        client.submit(sample_report())
    assert caught.value.status == status and caught.value.kind is kind
    assert caught.value.retry_after == retry_after
    # Ping is the probe: it stays up during a simulated fault.
    assert client.ping().service == "lapor-api"
    simulate_fault(server.store, "normal")
    assert client.submit(sample_report()).replayed is False
