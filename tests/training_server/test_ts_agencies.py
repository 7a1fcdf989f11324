"""`GET /v1/agencies` (1.1) with its ETag, and `agency_code` on a report."""

from __future__ import annotations

import json
import re

from lapor_desktop.resources import resource_path
from sync.training_server.reference import parse_agencies, parse_categories
from tests.support.training import ApiClient, sample_report

from .conftest import Training
from .test_ts_basics import assert_error

SHIPPED = resource_path("agencies.json")


def shipped() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_shipped_agencies_are_lampung_selatan_s() -> None:
    document = shipped()
    items = document["items"]
    codes = [item["code"] for item in items]
    assert len(set(codes)) == len(codes)
    names = {item["name"] for item in items}
    for expected in (
        "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lampung Selatan",
        "Dinas Kesehatan Kabupaten Lampung Selatan",
        "Dinas Pendidikan dan Kebudayaan Kabupaten Lampung Selatan",
        "Dinas Sosial Kabupaten Lampung Selatan",
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung Selatan",
        "Badan Penanggulangan Bencana Daerah Kabupaten Lampung Selatan",
        "RSUD dr. H. Bob Bazar, SKM Kalianda",
        "Kecamatan Kalianda",
        "Kecamatan Bakauheni",
    ):
        assert expected in names
    kecamatan = [item for item in items if item["name"].startswith("Kecamatan ")]
    assert len(kecamatan) == 17
    for item in items:
        assert item["code"] and item["name"]
        assert re.fullmatch(r"18(\.01(\.[0-9]{2})?)?", item["region_code"])
    for item in kecamatan:
        assert re.fullmatch(r"18\.01\.[0-9]{2}", item["region_code"])
    assert document["region"] == {"code": "18.01", "name": "Kabupaten Lampung Selatan"}
    # The suggestion hints name leaf categories only.
    leaves = parse_categories(resource_path("categories.json").read_text(encoding="utf-8")).leaves
    hinted = {code for item in items for code in item.get("categories", [])}
    assert hinted and hinted <= leaves
    assert parse_agencies(SHIPPED.read_text(encoding="utf-8")).region.zone_name == "WIB"


def test_list_comes_with_an_etag_and_304_when_unchanged(api: ApiClient) -> None:
    first = api.get("/v1/agencies")
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    # Only the contract's Agency properties go out: no suggestion hints, no region block.
    assert first.json() == {
        "items": [
            {"code": item["code"], "name": item["name"], "region_code": item["region_code"]}
            for item in shipped()["items"]
        ]
    }
    unchanged = api.get("/v1/agencies", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["ETag"] == etag
    assert api.get("/v1/agencies", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    assert api.get("/v1/agencies", headers={"If-None-Match": "*"}).status_code == 304
    assert api.get("/v1/agencies", headers={"If-None-Match": '"lama"'}).status_code == 200
    assert api.get("/v1/categories").headers["ETag"] != etag


def test_etag_follows_the_trainers_own_list(training: Training, api: ApiClient) -> None:
    old = api.get("/v1/agencies").headers["ETag"]
    override = {"items": [{"code": "DINAS-UJI", "name": "Dinas Uji Coba"}]}
    (training.data_dir / "agencies.json").write_text(json.dumps(override), encoding="utf-8")
    changed = api.get("/v1/agencies", headers={"If-None-Match": old})
    assert changed.status_code == 200
    assert changed.json() == override
    assert changed.headers["ETag"] != old
    assert api.post("/v1/reports", json=sample_report(agency_code="DINAS-UJI")).status_code == 201
    assert_error(
        api.post("/v1/reports", json=sample_report(agency_code="18.01-DINKES")), 422, "unknown_agency"
    )


def test_agency_code_is_checked_against_the_list(training: Training, api: ApiClient) -> None:
    accepted = api.post("/v1/reports", json=sample_report(agency_code="18.01-DPUPR"))
    assert accepted.status_code == 201
    error = assert_error(
        api.post("/v1/reports", json=sample_report(agency_code="DINAS-KULINER")), 422, "unknown_agency"
    )
    assert "DINAS-KULINER" in error["message"] and "fields" not in error
    # Without agency_code a report is as valid as in 1.0; the agency is LAPOR!'s to decide.
    assert api.post("/v1/reports", json=sample_report()).status_code == 201
    state = api.get(f"/v1/reports/{accepted.json()['tracking_id']}").json()
    assert state["agency"] is None


def test_agency_code_must_be_text(api: ApiClient) -> None:
    assert_error(api.post("/v1/reports", json=sample_report(agency_code=12)), 400, "bad_request")
    assert_error(api.post("/v1/reports", json=sample_report(agency_code=None)), 400, "bad_request")


def test_rules_come_in_the_contracts_order(api: ApiClient) -> None:
    # A validation problem first, then the category, then the agency, then attachments.
    bad_all = sample_report(
        title="abc",
        category_code="kuliner",
        agency_code="X",
        attachments=[{"sha256": "e" * 64, "filename": "a.jpg", "content_type": "image/jpeg"}],
    )
    assert_error(api.post("/v1/reports", json=bad_all), 422, "validation_failed")
    del bad_all["title"]
    bad_all["title"] = "Judul yang cukup"
    assert_error(api.post("/v1/reports", json=bad_all), 422, "unknown_category")
    bad_all["category_code"] = "infrastruktur"
    assert_error(api.post("/v1/reports", json=bad_all), 422, "unknown_agency")
    bad_all["agency_code"] = "18.01-DPUPR"
    assert assert_error(api.post("/v1/reports", json=bad_all), 422, "missing_attachments")["missing"] == [
        "e" * 64
    ]


def test_batch_items_with_unknown_agencies_stand_alone(api: ApiClient) -> None:
    items = [sample_report(agency_code="18.01-BPBD"), sample_report(agency_code="?"), sample_report()]
    results = api.post("/v1/reports/batch", json={"reports": items}).json()["results"]
    assert [result["status"] for result in results] == [201, 422, 201]
    assert results[1]["error"]["code"] == "unknown_agency"
