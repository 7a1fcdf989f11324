"""`HEAD` and `PUT /v1/attachments/{sha256}`, and reports that name attachments."""

from __future__ import annotations

import hashlib
import os

from tests.support.training import ApiClient, sample_report

from .conftest import Training
from .test_ts_basics import assert_error

LIMIT = 5 * 1024 * 1024


def put(api: ApiClient, data: bytes, content_type: str = "image/jpeg", sha: str | None = None):
    sha = sha or hashlib.sha256(data).hexdigest()
    return api.request("PUT", f"/v1/attachments/{sha}", data=data, headers={"Content-Type": content_type})


def test_upload_round_trip(training: Training, api: ApiClient) -> None:
    data = b"\xff\xd8\xff\xe0" + os.urandom(2048)
    sha = hashlib.sha256(data).hexdigest()
    assert api.request("HEAD", f"/v1/attachments/{sha}").status_code == 404
    assert put(api, data).status_code == 201
    assert api.request("HEAD", f"/v1/attachments/{sha}").status_code == 200
    assert put(api, data).status_code == 200
    stored = training.data_dir / "attachments" / sha[:2] / sha
    assert stored.read_bytes() == data
    assert not [path for path in stored.parent.iterdir() if path.name.startswith(".part-")]

    ref = {"sha256": sha, "filename": "jalan.jpg", "content_type": "image/jpeg"}
    assert api.post("/v1/reports", json=sample_report(attachments=[ref])).status_code == 201


def test_attachments_are_shared_across_offices(training: Training, api: ApiClient) -> None:
    data = b"%PDF-1.4 surat" + os.urandom(64)
    assert put(api, data, "application/pdf").status_code == 201
    other = training.client_for("Desa Lain")
    assert other.request("HEAD", f"/v1/attachments/{hashlib.sha256(data).hexdigest()}").status_code == 200
    other.close()


def test_bytes_that_do_not_hash_to_the_path_are_refused(api: ApiClient) -> None:
    data = os.urandom(100)
    other = hashlib.sha256(b"something else").hexdigest()
    assert_error(put(api, data, sha=other), 422, "hash_mismatch")
    assert api.request("HEAD", f"/v1/attachments/{other}").status_code == 404


def test_size_limit_is_five_mebibytes(api: ApiClient) -> None:
    exact = os.urandom(LIMIT)
    assert put(api, exact, "image/png").status_code == 201
    over = exact + b"x"
    assert_error(put(api, over, "image/png"), 413, "payload_too_large")
    assert api.request("HEAD", f"/v1/attachments/{hashlib.sha256(over).hexdigest()}").status_code == 404


def test_unsupported_content_type_and_bad_address(api: ApiClient) -> None:
    error = assert_error(put(api, b"GIF89a", "image/gif"), 422, "validation_failed")
    assert error["fields"] == {"content_type": "invalid_choice"}
    data = b"png bytes"
    assert_error(put(api, data, sha=hashlib.sha256(data).hexdigest().upper()), 400, "bad_request")
    assert_error(put(api, data, sha="abc"), 400, "bad_request")
    assert api.request("HEAD", "/v1/attachments/abc").status_code == 404
