"""Reading a reference list the sync keeps offline (`categories.json`, `agencies.json`).

Each cache has the contract's `{"items": [...]}` shape plus the ETag it came
with and when it came. A missing, damaged or empty cache reads as None, so
the caller falls back to the list shipped in `resources/`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class CachedList(Generic[T]):
    items: tuple[T, ...]
    etag: str | None
    fetched_at: str | None


def optional_text(item: dict[str, object], key: str) -> str | None:
    """An item's optional text field; ValueError when it holds something else."""
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{key} is not text")


def read_document(
    path: Path, parse: Callable[[object], tuple[T, ...]]
) -> tuple[dict[str, object], tuple[T, ...]]:
    """The JSON document and its parsed items; OSError or ValueError when it cannot be used."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return document, parse(document)


def read_cached_list(path: Path, parse: Callable[[object], tuple[T, ...]]) -> CachedList[T] | None:
    try:
        document, items = read_document(path, parse)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        log.warning("%s unreadable; falling back", path.name)
        return None
    if not items:
        return None
    etag = document.get("etag")
    fetched_at = document.get("fetched_at")
    return CachedList(
        items=items,
        etag=etag if isinstance(etag, str) else None,
        fetched_at=fetched_at if isinstance(fetched_at, str) else None,
    )
