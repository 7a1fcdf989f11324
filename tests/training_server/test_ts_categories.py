"""`GET /v1/categories` with ETag and If-None-Match, and two-level categories (1.1)."""

from __future__ import annotations

import json
import re

import pytest
import requests

from lapor_desktop.resources import resource_path
from sync.training_server.reference import parse_categories
from tests.support.training import ApiClient, sample_report

from .conftest import Training
from .test_ts_basics import assert_error

SHIPPED = resource_path("categories.json")
# The codes of the 1.0 list: reports recorded with them keep going through.
CODES_OF_1_0 = {
    "infrastruktur",
    "kesehatan",
    "pendidikan",
    "administrasi_kependudukan",
    "bantuan_sosial",
    "pertanian",
    "lingkungan_hidup",
    "ketertiban_umum",
    "dana_desa",
    "pelayanan_publik",
    "pertanahan",
    "ketenagakerjaan",
    "energi_dan_air_bersih",
    "bencana",
    "perlindungan_perempuan_anak",
    "korupsi_pungli",
    "lainnya",
}


def shipped_items() -> list[dict[str, str]]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))["items"]


def test_shipped_list_is_a_well_formed_two_level_tree() -> None:
    items = shipped_items()
    codes = [item["code"] for item in items]
    assert len(set(codes)) == len(codes)
    by_code = {item["code"]: item for item in items}
    for item in items:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", item["code"])
        assert item["name"] and item["description"]
        assert set(item) <= {"code", "name", "description", "parent_code"}
        parent = item.get("parent_code")
        if parent is not None:
            assert parent in by_code and "parent_code" not in by_code[parent]
    tree = parse_categories(SHIPPED.read_text(encoding="utf-8"))
    parents = set(tree.codes) - set(tree.leaves)
    assert len(parents) >= 8 and len(tree.leaves) >= 30
    assert all(len([i for i in items if i.get("parent_code") == p]) >= 2 for p in parents)
    assert CODES_OF_1_0 <= tree.leaves
    assert by_code["infrastruktur"]["name"] == "Infrastruktur"
    # A category without parent and without children is a leaf of its own.
    assert "parent_code" not in by_code["lainnya"] and "lainnya" in tree.leaves


def test_list_comes_with_an_etag_and_304_when_unchanged(api: ApiClient) -> None:
    first = api.get("/v1/categories")
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert first.json() == {"items": shipped_items()}

    unchanged = api.get("/v1/categories", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["ETag"] == etag
    assert api.get("/v1/categories", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert api.get("/v1/categories", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_etag_changes_when_the_list_changes(training: Training, api: ApiClient) -> None:
    old_etag = api.get("/v1/categories").headers["ETag"]
    override = {"items": [{"code": "uji_coba", "name": "Uji Coba", "description": "Kategori latihan."}]}
    (training.data_dir / "categories.json").write_text(json.dumps(override), encoding="utf-8")

    response = api.get("/v1/categories", headers={"If-None-Match": old_etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != old_etag
    assert response.json() == override

    # The report rules follow the same list.
    assert api.post("/v1/reports", json=sample_report(category_code="uji_coba")).status_code == 201
    rejected = api.post("/v1/reports", json=sample_report())
    assert rejected.status_code == 422
    assert rejected.json()["error"]["code"] == "unknown_category"


def test_a_report_names_a_leaf(api: ApiClient) -> None:
    for code in ("infrastruktur", "irigasi", "gizi_stunting", "lainnya"):
        assert api.post("/v1/reports", json=sample_report(category_code=code)).status_code == 201, code
    parent = assert_error(
        api.post("/v1/reports", json=sample_report(category_code="pembangunan_infrastruktur")),
        422,
        "unknown_category",
    )
    assert "kelompok" in parent["message"] and "fields" not in parent
    unknown = assert_error(
        api.post("/v1/reports", json=sample_report(category_code="kuliner")), 422, "unknown_category"
    )
    assert "kuliner" in unknown["message"]


def test_a_parent_in_a_batch_is_refused_alone(api: ApiClient) -> None:
    items = [sample_report(), sample_report(category_code="kesehatan_masyarakat"), sample_report()]
    results = api.post("/v1/reports/batch", json={"reports": items}).json()["results"]
    assert [result["status"] for result in results] == [201, 422, 201]
    assert results[1]["error"]["code"] == "unknown_category"


def test_only_contract_properties_are_served(training: Training, api: ApiClient) -> None:
    override = {
        "items": [
            {"code": "induk", "name": "Induk", "internal_note": "rahasia"},
            {"code": "anak", "name": "Anak", "parent_code": "induk", "order": 3},
        ]
    }
    (training.data_dir / "categories.json").write_text(json.dumps(override), encoding="utf-8")
    assert api.get("/v1/categories").json() == {
        "items": [
            {"code": "induk", "name": "Induk"},
            {"code": "anak", "name": "Anak", "parent_code": "induk"},
        ]
    }


@pytest.mark.parametrize(
    "broken",
    [
        "{ bukan json",
        json.dumps({"items": [{"code": "a", "name": "A", "parent_code": "tidak_ada"}]}),
        json.dumps(
            {
                "items": [
                    {"code": "a", "name": "A"},
                    {"code": "b", "name": "B", "parent_code": "a"},
                    {"code": "c", "name": "C", "parent_code": "b"},
                ]
            }
        ),
        json.dumps({"items": [{"code": "a", "name": "A"}, {"code": "a", "name": "A lagi"}]}),
        json.dumps({"items": [{"code": "a"}]}),
    ],
)
def test_a_broken_override_keeps_the_last_good_list(training: Training, api: ApiClient, broken: str) -> None:
    good = api.get("/v1/categories")
    (training.data_dir / "categories.json").write_text(broken, encoding="utf-8")
    again = api.get("/v1/categories")
    assert again.status_code == 200
    assert again.headers["ETag"] == good.headers["ETag"]
    page = requests.get(training.server.page_url, timeout=10).text
    assert "categories.json" in page and "tidak dapat dipakai" in page
