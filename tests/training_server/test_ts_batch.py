"""`POST /v1/reports/batch`: 1 to 50 items, each judged as a single POST would be."""

from __future__ import annotations

import uuid
from typing import Any

from tests.support.training import ApiClient, sample_report

from .conftest import Training
from .test_ts_basics import assert_error


def mixed_items() -> list[Any]:
    shared = str(uuid.uuid4())
    return [
        sample_report(),
        sample_report(title="abc"),
        sample_report(category_code="tidak_ada"),
        sample_report(attachments=[{"sha256": "d" * 64, "filename": "x.png", "content_type": "image/png"}]),
        sample_report(title=42),
        "bukan objek",
        sample_report(client_id=shared),
        sample_report(client_id=shared),
        sample_report(client_id=shared, title="Isi lain dengan client_id yang sama"),
        sample_report(extra="x"),
    ]


def test_mixed_batch_answers_each_item_alone(api: ApiClient) -> None:
    items = mixed_items()
    response = api.post("/v1/reports/batch", json={"reports": items})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [result["status"] for result in results] == [201, 422, 422, 422, 400, 400, 201, 200, 409, 422]
    assert [result.get("error", {}).get("code") for result in results] == [
        None,
        "validation_failed",
        "unknown_category",
        "missing_attachments",
        "bad_request",
        "bad_request",
        None,
        None,
        "idempotency_conflict",
        "validation_failed",
    ]
    for item, result in zip(items, results, strict=True):
        expected_id = item["client_id"] if isinstance(item, dict) else ""
        assert result["client_id"] == expected_id
        assert ("receipt" in result) == (result["status"] in (200, 201))
        assert ("error" in result) != ("receipt" in result)
    assert results[1]["error"]["fields"] == {"title": "too_short"}
    assert results[3]["error"]["missing"] == ["d" * 64]
    assert results[7]["receipt"]["tracking_id"] == results[6]["receipt"]["tracking_id"]
    assert results[7]["receipt"]["replayed"] is True


def test_item_status_is_what_a_single_post_would_answer(training: Training, api: ApiClient) -> None:
    items = mixed_items()
    batch = api.post("/v1/reports/batch", json={"reports": items}).json()["results"]
    # A second office sends the same items one by one (client_id is per token).
    single = training.client_for("Desa Pembanding")
    answers = [single.post("/v1/reports", json=item) for item in items]
    assert [result["status"] for result in batch] == [answer.status_code for answer in answers]
    for result, answer in zip(batch, answers, strict=True):
        if "error" in result:
            assert result["error"]["code"] == answer.json()["error"]["code"]
    single.close()


def test_replaying_a_whole_batch_stores_nothing_twice(api: ApiClient) -> None:
    items = [sample_report() for _ in range(5)]
    first = api.post("/v1/reports/batch", json={"reports": items}).json()["results"]
    again = api.post("/v1/reports/batch", json={"reports": items}).json()["results"]
    assert [result["status"] for result in first] == [201] * 5
    assert [result["status"] for result in again] == [200] * 5
    assert [r["receipt"]["tracking_id"] for r in first] == [r["receipt"]["tracking_id"] for r in again]
    pulled = api.get("/v1/reports", params={"limit": 200}).json()["items"]
    assert len(pulled) == 5


def test_batch_of_fifty_is_accepted(api: ApiClient) -> None:
    response = api.post("/v1/reports/batch", json={"reports": [sample_report() for _ in range(50)]})
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 50
    assert {result["status"] for result in results} == {201}
    assert len({result["receipt"]["tracking_id"] for result in results}) == 50


def test_batch_size_and_shape_errors(api: ApiClient) -> None:
    assert assert_error(api.post("/v1/reports/batch", json={"reports": []}), 422, "validation_failed")[
        "fields"
    ] == {"reports": "too_few"}
    too_many = {"reports": [sample_report() for _ in range(51)]}
    assert assert_error(api.post("/v1/reports/batch", json=too_many), 422, "validation_failed")["fields"] == {
        "reports": "too_many"
    }
    assert assert_error(api.post("/v1/reports/batch", json={}), 422, "validation_failed")["fields"] == {
        "reports": "required"
    }
    assert_error(api.post("/v1/reports/batch", json={"reports": sample_report()}), 400, "bad_request")
    assert_error(api.post("/v1/reports/batch", json=[sample_report()]), 400, "bad_request")
    # Nothing of the refused batches was stored.
    assert api.get("/v1/reports").json()["items"] == []
