"""gzip in both directions and the 1 MiB JSON limit."""

from __future__ import annotations

import gzip
import json
import os

import requests

from tests.support.training import ApiClient, sample_report

from .test_ts_basics import assert_error

MIB = 1024 * 1024


def post_raw(api: ApiClient, path: str, data: bytes, **headers: str) -> requests.Response:
    return api.post(path, data=data, headers={"Content-Type": "application/json", **headers})


def test_gzip_request_bodies_are_accepted(api: ApiClient) -> None:
    report = sample_report()
    single = post_raw(
        api, "/v1/reports", gzip.compress(json.dumps(report).encode()), **{"Content-Encoding": "gzip"}
    )
    assert single.status_code == 201
    # A gzip replay of the same report is the same content.
    plain = api.post("/v1/reports", json=report)
    assert plain.status_code == 200
    assert plain.json()["tracking_id"] == single.json()["tracking_id"]
    batch = json.dumps({"reports": [sample_report() for _ in range(10)]}).encode()
    response = post_raw(api, "/v1/reports/batch", gzip.compress(batch), **{"Content-Encoding": "gzip"})
    assert response.status_code == 200
    assert {result["status"] for result in response.json()["results"]} == {201}


def test_broken_gzip_and_unknown_codings_are_bad_request(api: ApiClient) -> None:
    packed = gzip.compress(json.dumps(sample_report()).encode())
    assert_error(
        post_raw(api, "/v1/reports", packed[:-12], **{"Content-Encoding": "gzip"}), 400, "bad_request"
    )
    assert_error(
        post_raw(api, "/v1/reports", b"not gzip", **{"Content-Encoding": "gzip"}), 400, "bad_request"
    )
    assert_error(post_raw(api, "/v1/reports", packed, **{"Content-Encoding": "br"}), 400, "bad_request")


def test_responses_are_gzipped_only_when_asked(api: ApiClient) -> None:
    api.post("/v1/reports/batch", json={"reports": [sample_report() for _ in range(5)]})
    zipped = api.get("/v1/reports", headers={"Accept-Encoding": "gzip"}, stream=True)
    assert zipped.headers["Content-Encoding"] == "gzip"
    raw = zipped.raw.read(decode_content=False)
    assert len(json.loads(gzip.decompress(raw))["items"]) == 5
    plain = api.get("/v1/reports", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert len(plain.json()["items"]) == 5
    refused = api.get("/v1/reports", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers
    # Errors follow the same rule and keep their shape.
    error = api.post("/v1/reports", json=sample_report(title="x" * 200), headers={"Accept-Encoding": "gzip"})
    assert error.json()["error"]["code"] == "validation_failed"


def padded_batch(size: int) -> bytes:
    """A valid batch document of exactly `size` bytes (padding is whitespace)."""
    document = json.dumps({"reports": [sample_report()]}).encode()
    return document[:-1] + b" " * (size - len(document)) + b"}"


def test_json_limit_is_one_mebibyte_after_decompression(api: ApiClient) -> None:
    assert post_raw(api, "/v1/reports/batch", padded_batch(MIB)).status_code == 200
    assert_error(post_raw(api, "/v1/reports/batch", padded_batch(MIB + 1)), 413, "payload_too_large")
    # Small on the wire, too large once inflated.
    bomb = gzip.compress(padded_batch(MIB + 1))
    assert len(bomb) < 10_000
    response = post_raw(api, "/v1/reports/batch", bomb, **{"Content-Encoding": "gzip"})
    assert_error(response, 413, "payload_too_large")
    assert post_raw(
        api, "/v1/reports/batch", gzip.compress(padded_batch(MIB)), **{"Content-Encoding": "gzip"}
    ).ok


def test_incompressible_gzip_body_over_the_limit_is_refused_early(api: ApiClient) -> None:
    noise = gzip.compress(os.urandom(2 * MIB), compresslevel=1)
    assert_error(
        post_raw(api, "/v1/reports", noise, **{"Content-Encoding": "gzip"}), 413, "payload_too_large"
    )
