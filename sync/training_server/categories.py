"""The category list the training server hands out, with its ETag.

The list comes from `categories.json` in the server's data dir when the
trainer put one there, else from the shipped `resources/categories.json`.
The file is re-read when it changes on disk, so the ETag (a hash of the
list's canonical JSON) changes with it without a restart.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from .report_rules import canonical_json

DEFAULT_CATEGORIES = Path(__file__).resolve().parents[2] / "resources" / "categories.json"


@dataclass(frozen=True)
class CategoryList:
    items: tuple[dict[str, str], ...]
    codes: frozenset[str]
    etag: str


def parse_categories(text: str) -> CategoryList:
    document = json.loads(text)
    items = document["items"]
    if not isinstance(items, list) or not all(
        isinstance(item, dict) and isinstance(item.get("code"), str) and isinstance(item.get("name"), str)
        for item in items
    ):
        raise ValueError("categories.json: every item needs a string 'code' and 'name'")
    canonical = canonical_json({"items": items})
    etag = '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32] + '"'
    return CategoryList(tuple(items), frozenset(item["code"] for item in items), etag)


class CategorySource:
    def __init__(self, data_dir: Path) -> None:
        self._override = data_dir / "categories.json"
        self._lock = threading.Lock()
        self._key: tuple[str, int, int] | None = None
        self._list: CategoryList | None = None

    def current(self) -> CategoryList:
        path = self._override if self._override.is_file() else DEFAULT_CATEGORIES
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if key != self._key or self._list is None:
                self._list = parse_categories(path.read_text(encoding="utf-8"))
                self._key = key
            return self._list
