"""Categories: ETag refresh, the offline cache and the shipped default."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sync import categories as cats
from sync.categories import RefreshOutcome, load_categories, refresh_categories
from sync.client import ApiClient
from sync.training_server import RunningServer
from tests.support.fault_proxy import FaultProxy, Reset, captive_portal

REPO_DEFAULT = Path(__file__).resolve().parents[2] / "resources" / "categories.json"


def shipped_codes() -> list[str]:
    return [item["code"] for item in json.loads(REPO_DEFAULT.read_text(encoding="utf-8"))["items"]]


def test_without_a_cache_the_shipped_default_is_used(data_dir: Path) -> None:
    listed = load_categories(data_dir)
    assert [c.code for c in listed] == shipped_codes()
    assert all(c.name for c in listed)


def test_refresh_caches_then_sends_the_etag_and_gets_304(
    data_dir: Path, proxy: FaultProxy, proxied: ApiClient
) -> None:
    first = refresh_categories(proxied, data_dir)
    assert first.outcome is RefreshOutcome.UPDATED
    assert first.categories and "diperbarui" in first.message
    cached = json.loads((data_dir / "categories.json").read_text(encoding="utf-8"))
    assert cached["etag"] and [i["code"] for i in cached["items"]] == [c.code for c in first.categories]

    second = refresh_categories(proxied, data_dir)
    assert second.outcome is RefreshOutcome.NOT_MODIFIED
    assert second.categories == first.categories
    statuses = [(e.request_header("If-None-Match"), e.status) for e in proxy.exchanges]
    assert statuses == [(None, 200), (cached["etag"], 304)]


def test_server_side_change_replaces_the_cache(
    data_dir: Path, server: RunningServer, client: ApiClient
) -> None:
    refresh_categories(client, data_dir)
    changed = {"items": [{"code": "uji", "name": "Kategori Uji", "description": "Hanya untuk pelatihan."}]}
    (server.data_dir / "categories.json").write_text(json.dumps(changed), encoding="utf-8")
    result = refresh_categories(client, data_dir)
    assert result.outcome is RefreshOutcome.UPDATED
    assert [(c.code, c.name, c.description) for c in result.categories] == [
        ("uji", "Kategori Uji", "Hanya untuk pelatihan.")
    ]
    assert [c.code for c in load_categories(data_dir)] == ["uji"]


def test_offline_keeps_the_last_list(
    data_dir: Path, server: RunningServer, proxy: FaultProxy, proxied: ApiClient
) -> None:
    changed = {"items": [{"code": "uji", "name": "Kategori Uji"}]}
    (server.data_dir / "categories.json").write_text(json.dumps(changed), encoding="utf-8")
    assert refresh_categories(proxied, data_dir).outcome is RefreshOutcome.UPDATED

    proxy.add_rule(Reset(), path="/v1/categories")
    proxy.add_rule(captive_portal(), path="/v1/categories")
    for _ in range(2):
        result = refresh_categories(proxied, data_dir)
        assert result.outcome is RefreshOutcome.FAILED
        assert result.error is not None
        assert [c.code for c in result.categories] == ["uji"]
        assert "daftar tersimpan tetap dipakai" in result.message
    assert [c.code for c in load_categories(data_dir)] == ["uji"]


def test_offline_without_a_cache_falls_back_to_the_default(
    data_dir: Path, proxy: FaultProxy, proxied: ApiClient
) -> None:
    proxy.add_rule(Reset(), path="/v1/categories")
    result = refresh_categories(proxied, data_dir)
    assert result.outcome is RefreshOutcome.FAILED
    assert [c.code for c in result.categories] == shipped_codes()
    assert not (data_dir / "categories.json").exists()


def test_a_damaged_cache_is_ignored(data_dir: Path) -> None:
    (data_dir / "categories.json").write_text('{"items": [{"code": "a", "na', encoding="utf-8")
    assert [c.code for c in load_categories(data_dir)] == shipped_codes()
    (data_dir / "categories.json").write_text('{"items": []}', encoding="utf-8")
    assert [c.code for c in load_categories(data_dir)] == shipped_codes()


def test_cache_write_is_atomic_and_leaves_no_temp_files(data_dir: Path, client: ApiClient) -> None:
    for _ in range(3):
        refresh_categories(client, data_dir)
    cats.write_cache(data_dir, tuple(load_categories(data_dir)), '"x"')
    assert sorted(p.name for p in data_dir.iterdir()) == ["categories.json"]


def test_default_is_found_inside_a_pyinstaller_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "resources").mkdir(parents=True)
    (bundle / "resources" / "categories.json").write_text(
        json.dumps({"items": [{"code": "dibundel", "name": "Dibundel"}]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    data_dir = tmp_path / "data-empty"
    data_dir.mkdir()
    assert [c.code for c in load_categories(data_dir)] == ["dibundel"]
