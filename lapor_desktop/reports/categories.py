"""The report categories an office chooses from, read without the network.

`<data_dir>/categories.json` holds the last list the LAPOR! server sent, its
ETag and when it came (`sync.categories` fetches and writes it, atomically);
without a usable copy the list shipped in `resources/categories.json` is used.
Both files have the contract's shape, ``{"items": [{"code", "name", "description"?}]}``.
Reading them is plain JSON, so the window can name categories without importing
the HTTP side.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.resources import resource_path

log = logging.getLogger(__name__)

CACHE_NAME = "categories.json"


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class CachedCategories:
    items: tuple[Category, ...]
    etag: str | None
    fetched_at: str | None


def cache_path(data_dir: Path) -> Path:
    return Path(data_dir) / CACHE_NAME


def default_path() -> Path:
    """The shipped list: `resources/` of the checkout, or of the PyInstaller bundle."""
    return resource_path(CACHE_NAME)


def _optional_text(item: dict[str, object], key: str) -> str | None:
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{key} is not text")


def _items(document: object) -> tuple[Category, ...]:
    """The categories of a list document; ValueError when it has another shape."""
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise ValueError("no list of items")
    categories = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ValueError("an item without a code")
        if not isinstance(item.get("name"), str):
            raise ValueError("an item without a name")
        categories.append(Category(item["code"], item["name"], _optional_text(item, "description")))
    return tuple(categories)


def _read(path: Path) -> tuple[dict[str, object], tuple[Category, ...]]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return document, _items(document)


def default_categories() -> list[Category]:
    try:
        return list(_read(default_path())[1])
    except (OSError, ValueError):
        log.error("the shipped category list is missing or unreadable")
        return []


def read_cache(data_dir: Path) -> CachedCategories | None:
    """The cached list, or None when there is none or it is damaged (then it is ignored)."""
    try:
        document, items = _read(cache_path(data_dir))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        log.warning("category cache unreadable; falling back")
        return None
    if not items:
        return None
    etag = document.get("etag")
    fetched_at = document.get("fetched_at")
    return CachedCategories(
        items=items,
        etag=etag if isinstance(etag, str) else None,
        fetched_at=fetched_at if isinstance(fetched_at, str) else None,
    )


def load_categories(data_dir: Path) -> list[Category]:
    """The categories to offer: the cached server list, else the shipped default."""
    cached = read_cache(data_dir)
    if cached is not None:
        return list(cached.items)
    return default_categories()


def category_names(data_dir: Path) -> dict[str, str]:
    """Code -> name for showing stored reports: the shipped list with the server's over it,
    so a code the server has since dropped still shows its name on old reports."""
    names = {c.code: c.name for c in default_categories()}
    cached = read_cache(data_dir)
    if cached is not None:
        names.update({c.code: c.name for c in cached.items})
    return names
