"""Reading the category list without the network: the server's cached copy over the shipped one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lapor_desktop.reports.categories import (
    Category,
    category_names,
    default_categories,
    load_categories,
    read_cache,
)

ROOT = Path(__file__).resolve().parents[2]


def _write_cache(data_dir: Path, items: list[dict[str, str]], **extra: str) -> None:
    document = {"items": items, **extra}
    (data_dir / "categories.json").write_text(json.dumps(document), encoding="utf-8")


def test_the_cache_wins_over_the_shipped_list_with_its_etag(data_dir: Path) -> None:
    _write_cache(data_dir, [{"code": "uji", "name": "Uji", "description": "Latihan"}], etag='"v1"')
    assert load_categories(data_dir) == [Category("uji", "Uji", "Latihan")]
    cached = read_cache(data_dir)
    assert cached is not None and cached.etag == '"v1"' and cached.fetched_at is None


def test_a_damaged_or_empty_cache_falls_back_to_the_shipped_list(data_dir: Path) -> None:
    shipped = default_categories()
    assert shipped, "the shipped list is readable"
    (data_dir / "categories.json").write_text("{not json", encoding="utf-8")
    assert load_categories(data_dir) == shipped
    _write_cache(data_dir, [{"code": "tanpa-nama"}])
    assert load_categories(data_dir) == shipped
    _write_cache(data_dir, [])
    assert read_cache(data_dir) is None
    assert load_categories(data_dir) == shipped


def test_names_keep_codes_the_server_dropped(data_dir: Path) -> None:
    shipped = default_categories()[0]
    _write_cache(data_dir, [{"code": "uji", "name": "Uji"}, {"code": shipped.code, "name": "Nama baru"}])
    names = category_names(data_dir)
    assert names["uji"] == "Uji"
    assert names[shipped.code] == "Nama baru"  # the server's name over the shipped one
    assert all(names[c.code] for c in default_categories())  # codes only the shipped list has


def test_reading_the_list_imports_no_http_client() -> None:
    script = (
        "import sys\n"
        "from lapor_desktop.reports.categories import load_categories\n"
        "print(sorted(m for m in ('requests', 'urllib3', 'sync') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
