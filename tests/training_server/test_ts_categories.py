"""`GET /v1/categories` with ETag and If-None-Match, and the shipped list."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sync.training_server.categories import DEFAULT_CATEGORIES
from tests.support.training import ApiClient, sample_report

from .conftest import Training


def test_shipped_list_is_well_formed() -> None:
    items = json.loads(Path(DEFAULT_CATEGORIES).read_text(encoding="utf-8"))["items"]
    assert len(items) >= 15
    codes = [item["code"] for item in items]
    assert len(set(codes)) == len(codes)
    for item in items:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", item["code"])
        assert item["name"] and item["description"]
    assert {"infrastruktur", "kesehatan", "administrasi_kependudukan", "dana_desa"} <= set(codes)


def test_list_comes_with_an_etag_and_304_when_unchanged(api: ApiClient) -> None:
    first = api.get("/v1/categories")
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    shipped = json.loads(Path(DEFAULT_CATEGORIES).read_text(encoding="utf-8"))
    assert first.json() == shipped

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
