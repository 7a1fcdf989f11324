"""Report categories: fetched with ETag, kept for offline use, a shipped default behind that.

The cache is `<data_dir>/categories.json` holding the last list the server
sent, its ETag and when it came. It is written atomically so a power cut
leaves the old list or the new one, never half a file. Without a usable
cache the list shipped in `resources/categories.json` is used.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from lapor_desktop.resources import resource_path
from lapor_desktop.storage.atomic import write_atomic
from lapor_desktop.timestamps import to_wire, utcnow

from .client import ApiClient
from .errors import ApiError, MalformedResponse
from .wire import Category, categories_to_json, parse_categories

log = logging.getLogger(__name__)

CACHE_NAME = "categories.json"


@dataclass(frozen=True)
class CachedCategories:
    items: tuple[Category, ...]
    etag: str | None
    fetched_at: str | None


class RefreshOutcome(StrEnum):
    UPDATED = "updated"
    NOT_MODIFIED = "not_modified"
    FAILED = "failed"


@dataclass(frozen=True)
class RefreshResult:
    outcome: RefreshOutcome
    categories: list[Category]
    message: str
    error: ApiError | None = None


def cache_path(data_dir: Path) -> Path:
    return Path(data_dir) / CACHE_NAME


def default_path() -> Path:
    """The shipped list: `resources/` of the checkout, or of the PyInstaller bundle."""
    return resource_path(CACHE_NAME)


def default_categories() -> list[Category]:
    try:
        return list(parse_categories(json.loads(default_path().read_text(encoding="utf-8"))))
    except (OSError, ValueError, MalformedResponse):
        log.error("the shipped category list is missing or unreadable")
        return []


def read_cache(data_dir: Path) -> CachedCategories | None:
    """The cached list, or None when there is none or it is damaged (then it is ignored)."""
    path = cache_path(data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        items = parse_categories(raw)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, MalformedResponse):
        log.warning("category cache unreadable; falling back")
        return None
    if not items:
        return None
    etag = raw.get("etag")
    fetched_at = raw.get("fetched_at")
    return CachedCategories(
        items=items,
        etag=etag if isinstance(etag, str) else None,
        fetched_at=fetched_at if isinstance(fetched_at, str) else None,
    )


def write_cache(data_dir: Path, items: tuple[Category, ...], etag: str | None) -> None:
    document = categories_to_json(items)
    document["etag"] = etag
    document["fetched_at"] = to_wire(utcnow())
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    write_atomic(cache_path(data_dir), data)


def load_categories(data_dir: Path) -> list[Category]:
    """The categories to offer, without the network: the cache, else the shipped default."""
    cached = read_cache(data_dir)
    if cached is not None:
        return list(cached.items)
    return default_categories()


def refresh_categories(client: ApiClient, data_dir: Path) -> RefreshResult:
    """Ask the server for the list (with the cached ETag); never raises for network trouble."""
    cached = read_cache(data_dir)
    try:
        result = client.categories(cached.etag if cached is not None else None)
    except ApiError as error:
        return RefreshResult(
            outcome=RefreshOutcome.FAILED,
            categories=load_categories(data_dir),
            message=f"Daftar kategori belum dapat diperbarui; daftar tersimpan tetap dipakai. {error}",
            error=error,
        )
    if result.not_modified and cached is not None:
        return RefreshResult(
            outcome=RefreshOutcome.NOT_MODIFIED,
            categories=list(cached.items),
            message="Daftar kategori sudah yang terbaru.",
        )
    if not result.items:
        # An empty list would leave the operator nothing to choose: keep the old one.
        return RefreshResult(
            outcome=RefreshOutcome.FAILED,
            categories=load_categories(data_dir),
            message="Server mengirim daftar kategori kosong; daftar tersimpan tetap dipakai.",
        )
    write_cache(data_dir, result.items, result.etag)
    return RefreshResult(
        outcome=RefreshOutcome.UPDATED,
        categories=list(result.items),
        message=f"Daftar kategori diperbarui ({len(result.items)} kategori).",
    )
