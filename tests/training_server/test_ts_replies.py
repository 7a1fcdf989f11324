"""`POST /v1/reports/{tracking_id}/replies` (1.1): every rule and every error code of the contract."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import uuid
from typing import Any

import pytest
import requests

from sync.training_server import add_response, hold_report, pass_on, set_status, set_token_enabled
from sync.training_server.deadlines import Deadlines
from sync.training_server.reference import DEFAULT_REGION
from tests.support.training import ApiClient, sample_reply, sample_report

from .conftest import Training
from .test_ts_basics import RFC3339_Z, assert_error
from .test_ts_pull import pull

MIB = 1024 * 1024
ATTACHMENT = {"sha256": "a" * 64, "filename": "foto.jpg", "content_type": "image/jpeg"}


def reply(api: ApiClient, tracking_id: str, body: Any, **kwargs: Any) -> requests.Response:
    return api.post(f"/v1/reports/{tracking_id}/replies", json=body, **kwargs)


def upload(api: ApiClient, data: bytes, content_type: str = "image/jpeg") -> dict[str, str]:
    sha = hashlib.sha256(data).hexdigest()
    response = api.request("PUT", f"/v1/attachments/{sha}", data=data, headers={"Content-Type": content_type})
    assert response.status_code == 201
    return {"sha256": sha, "filename": "lokasi.jpg", "content_type": content_type}


# -- accepted, replayed, conflicting --------------------------------------------------------


def test_first_reply_is_201_with_a_reply_receipt(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    body = sample_reply()
    response = reply(api, tracking_id, body)
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert set(receipt) == {"client_id", "tracking_id", "reply_id", "received_at", "replayed"}
    assert receipt["client_id"] == body["client_id"]
    assert receipt["tracking_id"] == tracking_id
    assert re.fullmatch(r"RSP-\d{6}", receipt["reply_id"])
    assert RFC3339_Z.match(receipt["received_at"])
    assert receipt["replayed"] is False


def test_the_reply_appears_in_responses_with_its_client_id(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    body = sample_reply(text="  Jalan masih rusak dan belum ada perbaikan.  \n")
    receipt = reply(api, tracking_id, body).json()
    [entry] = api.get(f"/v1/reports/{tracking_id}").json()["responses"]
    assert entry == {
        "id": receipt["reply_id"],
        "at": receipt["received_at"],
        "author": "Siti Aminah",
        "author_role": "reporter",
        "client_id": body["client_id"],
        "text": "Jalan masih rusak dan belum ada perbaikan.",
    }


def test_an_anonymous_reporters_name_stays_hidden(training: Training, api: ApiClient) -> None:
    tracking_id = training.send(anonymous=True)
    reply(api, tracking_id, sample_reply())
    [entry] = api.get(f"/v1/reports/{tracking_id}").json()["responses"]
    assert entry["author"] == "Pelapor (anonim)"


def test_same_content_replays_the_first_receipt(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    body = sample_reply(attachments=[])
    first = reply(api, tracking_id, body).json()
    # Key order and whitespace are not content.
    text = json.dumps(dict(reversed(list(body.items()))), indent=3)
    again = api.post(
        f"/v1/reports/{tracking_id}/replies", data=text.encode(), headers={"Content-Type": "application/json"}
    )
    assert again.status_code == 200
    assert again.json() == {**first, "replayed": True}
    # Nothing new was stored, and the replay is no change for the pull.
    assert len(api.get(f"/v1/reports/{tracking_id}").json()["responses"]) == 1


def test_other_content_under_the_same_client_id_is_a_conflict(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    body = sample_reply()
    first = reply(api, tracking_id, body).json()
    for changed in (
        {**body, "text": body["text"] + " Mohon dicek."},
        {**body, "text": body["text"] + " "},
        {**body, "recorded_by": "Kepala Desa"},
        {**body, "attachments": []},
    ):
        error = assert_error(reply(api, tracking_id, changed), 409, "idempotency_conflict")
        assert first["reply_id"] in error["message"]
    # The same reply to another report is another request too.
    other = training.send()
    assert_error(reply(api, other, body), 409, "idempotency_conflict")
    assert reply(api, tracking_id, body).status_code == 200


def test_a_reply_client_id_belongs_to_its_token(training: Training) -> None:
    mine, theirs = training.api, training.client_for("Desa Tetangga")
    shared = sample_reply()
    first = mine.post(f"/v1/reports/{training.send()}/replies", json=shared)
    own = theirs.post("/v1/reports", json=sample_report()).json()["tracking_id"]
    second = theirs.post(f"/v1/reports/{own}/replies", json=shared)
    assert first.status_code == 201 and second.status_code == 201
    assert first.json()["reply_id"] != second.json()["reply_id"]
    theirs.close()


def test_replies_are_idempotent_across_a_restart(tmp_path) -> None:
    from sync.training_server import add_token, start_in_thread

    data_dir = tmp_path / "ruang"
    token = add_token(data_dir, "Desa Tahan")
    body = sample_reply()
    with start_in_thread(data_dir) as server:
        api = ApiClient(server.base_url, token)
        tracking_id = api.post("/v1/reports", json=sample_report()).json()["tracking_id"]
        first = reply(api, tracking_id, body).json()
        api.close()
    with start_in_thread(data_dir) as server:
        api = ApiClient(server.base_url, token)
        again = reply(api, tracking_id, body)
        assert again.status_code == 200 and again.json() == {**first, "replayed": True}
        api.close()


# -- not found, closed -------------------------------------------------------------------


def test_unknown_or_foreign_reports_are_not_found(training: Training, api: ApiClient) -> None:
    assert_error(reply(api, "LPR-2026-999999", sample_reply()), 404, "not_found")
    other = training.client_for("Desa Seberang")
    theirs = other.post("/v1/reports", json=sample_report()).json()["tracking_id"]
    error = assert_error(reply(api, theirs, sample_reply()), 404, "not_found")
    assert "tidak ditemukan" in error["message"]
    other.close()


@pytest.mark.parametrize("status", ["rejected", "archived"])
def test_rejected_and_archived_reports_are_closed(training: Training, api: ApiClient, status: str) -> None:
    tracking_id = training.send()
    set_status(training.data_dir, tracking_id, status)
    error = assert_error(reply(api, tracking_id, sample_reply()), 422, "report_closed")
    assert tracking_id in error["message"] and "fields" not in error
    assert api.get(f"/v1/reports/{tracking_id}").json()["responses"] == []


def test_completed_reports_take_replies_for_ten_working_days(training: Training, api: ApiClient) -> None:
    recent, old = training.send(), training.send()
    for tracking_id in (recent, old):
        set_status(training.data_dir, tracking_id, "completed")
    # Monday 5 January; Isra Mikraj on the 16th: the 10th working day after is the 20th.
    training.backdate(old, "status_at", "2026-01-05T03:00:00Z")
    assert reply(api, recent, sample_reply()).status_code == 201
    error = assert_error(reply(api, old, sample_reply()), 422, "report_closed")
    assert "10 hari kerja" in error["message"] and "20-01-2026" in error["message"]


def test_a_replay_is_answered_even_after_the_report_closed(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    body = sample_reply()
    first = reply(api, tracking_id, body).json()
    set_status(training.data_dir, tracking_id, "archived")
    again = reply(api, tracking_id, body)
    assert again.status_code == 200 and again.json() == {**first, "replayed": True}
    assert_error(reply(api, tracking_id, sample_reply()), 422, "report_closed")


# -- what a reply does to its report ---------------------------------------------------------


def test_a_reply_takes_an_on_hold_report_back_to_verification(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    hold_report(training.data_dir, tracking_id, "Mohon sebutkan RT dan patokan lokasi.")
    assert api.get(f"/v1/reports/{tracking_id}").json()["status"] == "on_hold"
    cursor = pull(api)["next_cursor"]
    receipt = reply(api, tracking_id, sample_reply(text="RT 03, di depan masjid Al-Ikhlas.")).json()
    [changed] = pull(api, cursor)["items"]
    assert changed["status"] == "pending_verification"
    assert changed["updated_at"] == receipt["received_at"]
    assert changed["due_at"] == Deadlines().due_at(
        "pending_verification", receipt["received_at"], DEFAULT_REGION
    )
    assert [entry["author_role"] for entry in changed["responses"]] == ["lapor_admin", "reporter"]


@pytest.mark.parametrize("status", ["pending_verification", "verified", "in_progress", "completed"])
def test_a_reply_elsewhere_keeps_the_status_but_counts_as_a_change(
    training: Training, api: ApiClient, status: str
) -> None:
    tracking_id = training.send()
    if status == "verified":
        pass_on(training.data_dir, tracking_id, "18.01-DPUPR")
    elif status != "pending_verification":
        set_status(training.data_dir, tracking_id, status)
    cursor = pull(api)["next_cursor"]
    receipt = reply(api, tracking_id, sample_reply()).json()
    [changed] = pull(api, cursor)["items"]
    assert changed["status"] == status
    assert changed["responses"][-1]["id"] == receipt["reply_id"]
    assert pull(api, pull(api, cursor)["next_cursor"])["items"] == []


def test_a_disputing_reply_lets_the_trainer_reopen_a_completed_report(
    training: Training, api: ApiClient
) -> None:
    tracking_id = training.send()
    add_response(training.data_dir, tracking_id, "Dinas PUPR", "Jalan sudah ditambal.", status="completed")
    reply(api, tracking_id, sample_reply(text="Tambalan sudah lepas lagi, jalan berlubang kembali."))
    assert api.get(f"/v1/reports/{tracking_id}").json()["status"] == "completed"
    set_status(training.data_dir, tracking_id, "in_progress")
    assert api.get(f"/v1/reports/{tracking_id}").json()["status"] == "in_progress"


# -- attachments --------------------------------------------------------------------------


def test_attachments_go_up_first(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    photo = b"\xff\xd8\xff\xe0 foto jalan " + uuid.uuid4().bytes
    ref = {**ATTACHMENT, "sha256": hashlib.sha256(photo).hexdigest()}
    unheld = {**ATTACHMENT, "sha256": "b" * 64, "content_type": "application/pdf"}
    body = sample_reply(attachments=[ref, unheld, {**ref, "filename": "lagi.jpg"}])
    error = assert_error(reply(api, tracking_id, body), 422, "missing_attachments")
    assert error["missing"] == [ref["sha256"], "b" * 64]
    upload(api, photo)
    assert reply(api, tracking_id, sample_reply(attachments=[ref])).status_code == 201


def test_at_most_five_attachments(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    error = assert_error(
        reply(api, tracking_id, sample_reply(attachments=[ATTACHMENT] * 6)), 422, "validation_failed"
    )
    assert error["fields"] == {"attachments": "too_many"}


# -- validation ------------------------------------------------------------------------------


def test_text_limits_count_after_trimming(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    assert reply(api, tracking_id, sample_reply(text="  Baik.  ")).status_code == 201
    assert reply(api, tracking_id, sample_reply(text="\n" + "t" * 2000 + "\n")).status_code == 201
    for text, code in (("  Oke  ", "too_short"), ("t" * 2001, "too_long"), ("    ", "too_short")):
        error = assert_error(reply(api, tracking_id, sample_reply(text=text)), 422, "validation_failed")
        assert error["fields"] == {"text": code}


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"client_id": "bukan-uuid"}, "client_id", "invalid_format"),
        ({"recorded_at": "2026-11-30 02:10:00"}, "recorded_at", "invalid_format"),
        ({"recorded_at": "2026-11-30T09:10:00+07:00"}, "recorded_at", "invalid_format"),
        ({"recorded_by": "x" * 121}, "recorded_by", "too_long"),
        ({"tracking_id": "LPR-2026-000001"}, "tracking_id", "unknown_field"),
        ({"author": "Pelapor"}, "author", "unknown_field"),
        ({"attachments": [{**ATTACHMENT, "sha256": "A" * 64}]}, "attachments.0.sha256", "invalid_format"),
        (
            {"attachments": [{**ATTACHMENT, "content_type": "image/gif"}]},
            "attachments.0.content_type",
            "invalid_choice",
        ),
        ({"attachments": [{"sha256": "a" * 64}]}, "attachments.0.filename", "required"),
        ({"attachments": [{**ATTACHMENT, "filename": "f" * 201}]}, "attachments.0.filename", "too_long"),
    ],
)
def test_rule_breaches_are_validation_failed_per_field(
    training: Training, api: ApiClient, overrides: dict[str, Any], field: str, code: str
) -> None:
    error = assert_error(reply(api, training.send(), sample_reply(**overrides)), 422, "validation_failed")
    assert error["fields"][field] == code


@pytest.mark.parametrize("missing", ["client_id", "text", "recorded_at"])
def test_required_properties(training: Training, api: ApiClient, missing: str) -> None:
    body = sample_reply()
    del body[missing]
    error = assert_error(reply(api, training.send(), body), 422, "validation_failed")
    assert error["fields"] == {missing: "required"}


def test_optional_properties_may_be_left_out(training: Training, api: ApiClient) -> None:
    body = sample_reply()
    del body["recorded_by"]
    assert reply(api, training.send(), body).status_code == 201


@pytest.mark.parametrize(
    "overrides",
    [
        {"text": 12345},
        {"client_id": 7},
        {"recorded_at": None},
        {"recorded_by": ["Sekdes"]},
        {"attachments": {}},
        {"attachments": ["a" * 64]},
        {"attachments": [{**ATTACHMENT, "filename": 3}]},
    ],
)
def test_wrong_json_types_are_bad_request(
    training: Training, api: ApiClient, overrides: dict[str, Any]
) -> None:
    assert_error(reply(api, training.send(), sample_reply(**overrides)), 400, "bad_request")


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b'{"text": "tanpa penutup"', "application/json"),
        (b'["Jalan masih rusak"]', "application/json"),
        (b"", "application/json"),
        (b'{"text": "\\ud800 jalan rusak"}', "application/json"),
        (json.dumps(sample_reply()).encode(), "text/plain"),
    ],
)
def test_malformed_bodies_are_bad_request(
    training: Training, api: ApiClient, data: bytes, content_type: str
) -> None:
    response = api.post(
        f"/v1/reports/{training.send()}/replies", data=data, headers={"Content-Type": content_type}
    )
    assert_error(response, 400, "bad_request")


def test_gzip_bodies_and_the_json_limit(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    packed = gzip.compress(json.dumps(sample_reply()).encode())
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    assert api.post(f"/v1/reports/{tracking_id}/replies", data=packed, headers=headers).status_code == 201
    document = json.dumps(sample_reply()).encode()
    padded = document[:-1] + b" " * (MIB + 1 - len(document)) + b"}"
    bomb = gzip.compress(padded)
    response = api.post(f"/v1/reports/{tracking_id}/replies", data=bomb, headers=headers)
    assert_error(response, 413, "payload_too_large")
    exact = document[:-1] + b" " * (MIB - len(document)) + b"}"
    response = api.post(
        f"/v1/reports/{tracking_id}/replies", data=exact, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 201


def test_tokens_and_faults_apply_to_replies(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    anonymous = ApiClient(training.server.base_url, None)
    assert_error(reply(anonymous, tracking_id, sample_reply()), 401, "invalid_token")
    set_token_enabled(training.data_dir, training.token, False)
    assert_error(reply(api, tracking_id, sample_reply()), 403, "forbidden")
    set_token_enabled(training.data_dir, training.token, True)
    from sync.training_server import simulate_fault

    simulate_fault(training.data_dir, "unavailable", retry_after=9)
    response = reply(api, tracking_id, sample_reply())
    assert_error(response, 503, "unavailable")
    assert response.headers["Retry-After"] == "9"
    simulate_fault(training.data_dir, "normal")
    anonymous.close()
