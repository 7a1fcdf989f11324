"""`POST /v1/reports`: receipts, exactly-once on client_id, and every rule."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

import pytest

from tests.support.training import ApiClient, sample_report

from .conftest import Training
from .test_ts_basics import RFC3339_Z, assert_error


def test_first_post_is_201_with_a_receipt(api: ApiClient) -> None:
    report = sample_report()
    response = api.post("/v1/reports", json=report)
    assert response.status_code == 201
    receipt = response.json()
    assert receipt["client_id"] == report["client_id"]
    assert re.fullmatch(r"LPR-\d{4}-\d{6}", receipt["tracking_id"])
    assert receipt["status"] == "pending_verification"
    assert RFC3339_Z.match(receipt["received_at"])
    assert receipt["replayed"] is False


def test_same_content_replays_the_original_receipt(api: ApiClient) -> None:
    report = sample_report()
    first = api.post("/v1/reports", json=report).json()
    again = api.post("/v1/reports", json=report)
    assert again.status_code == 200
    assert again.json() == {**first, "replayed": True}


def test_key_order_whitespace_and_number_spelling_do_not_matter(api: ApiClient) -> None:
    report = sample_report(location={"region_code": "18.01.01.2001", "latitude": -5, "longitude": 105.25})
    first = api.post("/v1/reports", json=report).json()
    reordered = dict(reversed(list(report.items())))
    reordered["location"] = {"longitude": 105.250, "latitude": -5.0, "region_code": "18.01.01.2001"}
    text = json.dumps(reordered, indent=4, ensure_ascii=True)
    again = api.post("/v1/reports", data=text.encode(), headers={"Content-Type": "application/json"})
    assert again.status_code == 200, again.text
    assert again.json()["tracking_id"] == first["tracking_id"]
    assert again.json()["received_at"] == first["received_at"]


def test_same_client_id_with_other_content_is_a_conflict(api: ApiClient) -> None:
    report = sample_report()
    first = api.post("/v1/reports", json=report).json()
    changed = {**report, "body": report["body"] + " Mohon segera diperbaiki."}
    error = assert_error(api.post("/v1/reports", json=changed), 409, "idempotency_conflict")
    assert first["tracking_id"] in error["message"]
    # Whitespace inside a value is content, not formatting.
    assert_error(
        api.post("/v1/reports", json={**report, "title": report["title"] + " "}), 409, "idempotency_conflict"
    )
    # The original stays as it was.
    assert api.post("/v1/reports", json=report).status_code == 200


def test_replay_wins_over_rules_that_changed_since(training: Training, api: ApiClient) -> None:
    report = sample_report()
    assert api.post("/v1/reports", json=report).status_code == 201
    override = {"items": [{"code": "lainnya", "name": "Lainnya"}]}
    (training.data_dir / "categories.json").write_text(json.dumps(override), encoding="utf-8")
    assert api.post("/v1/reports", json=report).status_code == 200


def test_client_id_belongs_to_the_token_that_sent_it(training: Training, api: ApiClient) -> None:
    report = sample_report()
    mine = api.post("/v1/reports", json=report).json()
    other = training.client_for("Desa Tetangga")
    theirs = other.post("/v1/reports", json=report)
    assert theirs.status_code == 201
    assert theirs.json()["tracking_id"] != mine["tracking_id"]
    other.close()


def test_optional_fields_may_be_left_out(api: ApiClient) -> None:
    report = sample_report(reporter={"name": "Warga"}, location={"region_code": "18.01.01.2001"})
    for key in ("incident_date", "recorded_by"):
        del report[key]
    assert api.post("/v1/reports", json=report).status_code == 201


def test_accepts_the_limits_exactly(api: ApiClient) -> None:
    today = dt.date.today().isoformat()
    report = sample_report(
        title="  " + "J" * 150 + "  ",
        body="\n" + "b" * 5000 + "\n",
        incident_date=today,
        reporter={
            "name": "R" * 120,
            "phone": "+62" + "8" * 13,
            "email": "warga@desa.id",
            "address": "a" * 300,
        },
        location={"region_code": "18.01.01.2001", "latitude": 90, "longitude": -180},
    )
    assert api.post("/v1/reports", json=report).status_code == 201
    short = sample_report(title=" " + "J" * 5 + " ", body=" " + "b" * 20 + " ", reporter={"name": "A"})
    assert api.post("/v1/reports", json=short).status_code == 201


ATTACHMENT = {"sha256": "a" * 64, "filename": "foto.jpg", "content_type": "image/jpeg"}
FUTURE = (dt.date.today() + dt.timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"client_id": "not-a-uuid"}, "client_id", "invalid_format"),
        ({"classification": "complaints"}, "classification", "invalid_choice"),
        ({"title": "   Abc   "}, "title", "too_short"),
        ({"title": "J" * 151}, "title", "too_long"),
        ({"body": " " * 30 + "terlalu pendek"}, "body", "too_short"),
        ({"body": "b" * 5001}, "body", "too_long"),
        ({"incident_date": FUTURE}, "incident_date", "in_future"),
        ({"incident_date": "2026-02-30"}, "incident_date", "invalid_format"),
        ({"incident_date": "20-11-2026"}, "incident_date", "invalid_format"),
        ({"recorded_at": "2026-11-28 03:15:00"}, "recorded_at", "invalid_format"),
        ({"recorded_at": "2026-11-28T10:15:00+07:00"}, "recorded_at", "invalid_format"),
        ({"recorded_by": "x" * 121}, "recorded_by", "too_long"),
        ({"reporter": {"name": "Siti", "nik": "180101450190000"}}, "reporter.nik", "invalid_format"),
        ({"reporter": {"name": "Siti", "nik": "18010145019000012"}}, "reporter.nik", "invalid_format"),
        ({"reporter": {"name": "Siti", "nik": "18010145019000a1"}}, "reporter.nik", "invalid_format"),
        ({"reporter": {"name": "Siti", "phone": "81234567890"}}, "reporter.phone", "invalid_format"),
        ({"reporter": {"name": "Siti", "phone": "0812345"}}, "reporter.phone", "invalid_format"),
        ({"reporter": {"name": "Siti", "phone": "+62" + "8" * 14}}, "reporter.phone", "invalid_format"),
        ({"reporter": {"name": "Siti", "email": "bukan-email"}}, "reporter.email", "invalid_format"),
        ({"reporter": {"name": "Siti", "address": "a" * 301}}, "reporter.address", "too_long"),
        ({"reporter": {"name": "  "}}, "reporter.name", "required"),
        ({"reporter": {"name": "n" * 121}}, "reporter.name", "too_long"),
        ({"reporter": {}}, "reporter.name", "required"),
        ({"location": {"region_code": "18.01.01"}}, "location.region_code", "invalid_format"),
        ({"location": {"address": "Dusun II"}}, "location.region_code", "required"),
        ({"location": {"region_code": "18.01.01.2001", "latitude": 91}}, "location.latitude", "out_of_range"),
        (
            {"location": {"region_code": "18.01.01.2001", "longitude": -181}},
            "location.longitude",
            "out_of_range",
        ),
        (
            {"location": {"region_code": "18.01.01.2001", "address": "a" * 301}},
            "location.address",
            "too_long",
        ),
        ({"attachments": [ATTACHMENT] * 6}, "attachments", "too_many"),
        ({"attachments": [{**ATTACHMENT, "sha256": "A" * 64}]}, "attachments.0.sha256", "invalid_format"),
        (
            {"attachments": [{**ATTACHMENT, "content_type": "image/gif"}]},
            "attachments.0.content_type",
            "invalid_choice",
        ),
        ({"attachments": [{**ATTACHMENT, "filename": "f" * 201}]}, "attachments.0.filename", "too_long"),
        ({"attachments": [{"sha256": "a" * 64}]}, "attachments.0.filename", "required"),
        ({"sender": "desa"}, "sender", "unknown_field"),
    ],
)
def test_rule_breaches_are_validation_failed_per_field(
    api: ApiClient, overrides: dict[str, Any], field: str, code: str
) -> None:
    error = assert_error(api.post("/v1/reports", json=sample_report(**overrides)), 422, "validation_failed")
    assert error["fields"][field] == code


@pytest.mark.parametrize(
    "missing", ["client_id", "title", "body", "location", "reporter", "anonymous", "attachments"]
)
def test_missing_required_property_is_validation_failed(api: ApiClient, missing: str) -> None:
    report = sample_report()
    del report[missing]
    error = assert_error(api.post("/v1/reports", json=report), 422, "validation_failed")
    assert error["fields"] == {missing: "required"}


def test_all_breaches_are_listed_together(api: ApiClient) -> None:
    report = sample_report(title="abc", reporter={"name": "Siti", "nik": "123"})
    error = assert_error(api.post("/v1/reports", json=report), 422, "validation_failed")
    assert error["fields"] == {"title": "too_short", "reporter.nik": "invalid_format"}


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": 12345},
        {"anonymous": "false"},
        {"confidential": 0},
        {"attachments": {}},
        {"attachments": ["a" * 64]},
        {"reporter": "Siti"},
        {"location": {"region_code": "18.01.01.2001", "latitude": "1.5"}},
        {"location": {"region_code": "18.01.01.2001", "latitude": True}},
        {"incident_date": None},
        {"client_id": 42},
    ],
)
def test_wrong_json_types_are_bad_request(api: ApiClient, overrides: dict[str, Any]) -> None:
    assert_error(api.post("/v1/reports", json=sample_report(**overrides)), 400, "bad_request")


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b'{"title": "tanpa penutup"', "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b"", "application/json"),
        (b'{"latitude": NaN}', "application/json"),
        (b"\xff\xfe not utf-8", "application/json"),
        (json.dumps(sample_report()).encode(), "text/plain"),
        (json.dumps(sample_report()).encode(), "application/json; charset=latin-1"),
    ],
)
def test_malformed_bodies_are_bad_request(api: ApiClient, data: bytes, content_type: str) -> None:
    response = api.post("/v1/reports", data=data, headers={"Content-Type": content_type})
    assert_error(response, 400, "bad_request")


def test_unknown_category_is_422(api: ApiClient) -> None:
    error = assert_error(
        api.post("/v1/reports", json=sample_report(category_code="kuliner")), 422, "unknown_category"
    )
    assert "kuliner" in error["message"]
    assert "fields" not in error


def test_reports_naming_unheld_attachments_list_them(api: ApiClient) -> None:
    refs = [
        {"sha256": "b" * 64, "filename": "a.jpg", "content_type": "image/jpeg"},
        {"sha256": "c" * 64, "filename": "b.pdf", "content_type": "application/pdf"},
        {"sha256": "b" * 64, "filename": "a-lagi.jpg", "content_type": "image/jpeg"},
    ]
    error = assert_error(
        api.post("/v1/reports", json=sample_report(attachments=refs)), 422, "missing_attachments"
    )
    assert error["missing"] == ["b" * 64, "c" * 64]


def test_get_report_returns_its_state(training: Training, api: ApiClient) -> None:
    report = sample_report()
    receipt = api.post("/v1/reports", json=report).json()
    state = api.get(f"/v1/reports/{receipt['tracking_id']}")
    assert state.status_code == 200
    body = state.json()
    assert body == {
        "client_id": report["client_id"],
        "tracking_id": receipt["tracking_id"],
        "status": "pending_verification",
        "updated_at": receipt["received_at"],
        "agency": None,
        "due_at": body["due_at"],
        "responses": [],
    }
    assert RFC3339_Z.match(body["due_at"]) and body["due_at"] > receipt["received_at"]
    assert_error(api.get("/v1/reports/LPR-2026-999999"), 404, "not_found")
    other = training.client_for("Kecamatan Lain")
    assert_error(other.get(f"/v1/reports/{receipt['tracking_id']}"), 404, "not_found")
    other.close()


def test_tracking_ids_are_unique_and_sequential(api: ApiClient) -> None:
    ids = [api.post("/v1/reports", json=sample_report()).json()["tracking_id"] for _ in range(3)]
    numbers = [int(item.rsplit("-", 1)[1]) for item in ids]
    assert numbers == sorted(numbers) and len(set(numbers)) == 3


def test_uuid_in_upper_case_is_a_valid_client_id(api: ApiClient) -> None:
    response = api.post("/v1/reports", json=sample_report(client_id=str(uuid.uuid4()).upper()))
    assert response.status_code == 201
