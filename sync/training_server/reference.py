"""The reference lists the training server hands out: categories and agencies, each with an ETag.

A list comes from its file (`categories.json`, `agencies.json`) in the
server's data dir when the trainer put one there, else from the shipped one
in `resources/`. The file is re-read when it changes on disk, so the ETag (a
hash of the served list's canonical JSON) changes with it without a restart.
A file that cannot be used keeps the last good list (or the shipped one) in
service and names the problem, which the trainer page shows.

Only the contract's properties go on the wire: `code`, `name`,
`description`, `parent_code` for a category; `code`, `name`, `region_code`
for an agency. The shipped agencies also carry `categories` (the leaf
categories an agency usually handles, for the client's suggestion) and the
file a `region` block (the kabupaten the server plays LAPOR! for, whose
province gives the zone of its working days and times,
`lapor_desktop.offices.timezone`); neither is served.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lapor_desktop.offices.timezone import zone_of_region
from lapor_desktop.resources import resource_path

from .report_rules import canonical_json

log = logging.getLogger(__name__)

CATEGORY_FIELDS = ("code", "name", "description", "parent_code")
AGENCY_FIELDS = ("code", "name", "region_code")
REGION_RE = re.compile(r"^[0-9]{2}(\.[0-9]{2}){0,2}$")


@dataclass(frozen=True)
class Region:
    """The kabupaten the training server plays LAPOR! for; its clock is its province's zone."""

    code: str
    name: str

    @property
    def zone_name(self) -> str:
        return zone_of_region(self.code).name

    @property
    def zone(self) -> dt.tzinfo:
        return zone_of_region(self.code).tz


DEFAULT_REGION = Region("18.01", "Kabupaten Lampung Selatan")


@dataclass(frozen=True)
class ReferenceList:
    """A served list: its items as they go on the wire, and its ETag."""

    items: tuple[dict[str, str], ...]
    etag: str
    region: Region = DEFAULT_REGION

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(item["code"] for item in self.items)

    @cached_property
    def leaves(self) -> frozenset[str]:
        """The codes no other item names as its parent: the ones a report may name."""
        parents = {item["parent_code"] for item in self.items if "parent_code" in item}
        return frozenset(item["code"] for item in self.items if item["code"] not in parents)

    def names(self) -> dict[str, str]:
        return {item["code"]: item["name"] for item in self.items}

    def find(self, code: str) -> dict[str, str] | None:
        return next((item for item in self.items if item["code"] == code), None)


def _etag(items: list[dict[str, str]]) -> str:
    canonical = canonical_json({"items": items})
    return '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32] + '"'


def _items(document: Any, fields: tuple[str, ...], what: str) -> list[dict[str, str]]:
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise ValueError(f"{what}: harus berupa objek dengan daftar 'items'")
    items: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, raw in enumerate(document["items"]):
        if not isinstance(raw, dict):
            raise ValueError(f"{what}: butir ke-{index + 1} bukan objek")
        item = {key: raw[key] for key in fields if key in raw}
        if not all(isinstance(value, str) for value in item.values()):
            raise ValueError(f"{what}: butir ke-{index + 1} memuat nilai yang bukan teks")
        if not item.get("code") or not item.get("name"):
            raise ValueError(f"{what}: butir ke-{index + 1} harus punya 'code' dan 'name'")
        if item["code"] in seen:
            raise ValueError(f"{what}: kode '{item['code']}' muncul dua kali")
        seen.add(item["code"])
        items.append(item)
    return items


def parse_categories(text: str) -> ReferenceList:
    """Two levels at most: a parent names no parent of its own."""
    items = _items(json.loads(text), CATEGORY_FIELDS, "categories.json")
    by_code = {item["code"]: item for item in items}
    for item in items:
        parent = item.get("parent_code")
        if parent is None:
            continue
        if parent not in by_code or parent == item["code"]:
            raise ValueError(f"categories.json: induk '{parent}' dari '{item['code']}' tidak ada")
        if "parent_code" in by_code[parent]:
            raise ValueError(f"categories.json: '{parent}' sudah anak kategori lain; hanya dua tingkat")
    return ReferenceList(tuple(items), _etag(items))


def _region(document: dict[str, Any]) -> Region:
    raw = document.get("region")
    if raw is None:
        return DEFAULT_REGION
    if not isinstance(raw, dict) or not isinstance(raw.get("code"), str) or not REGION_RE.match(raw["code"]):
        raise ValueError("agencies.json: 'region' perlu 'code' wilayah Kemendagri seperti 18.01")
    return Region(raw["code"], str(raw.get("name", "")))


def parse_agencies(text: str) -> ReferenceList:
    document = json.loads(text)
    items = _items(document, AGENCY_FIELDS, "agencies.json")
    return ReferenceList(tuple(items), _etag(items), _region(document))


class ReferenceSource:
    """One list, re-read when its file changes; a broken file keeps the last good list."""

    def __init__(self, data_dir: Path, filename: str, parse: Callable[[str], ReferenceList]) -> None:
        self._override = Path(data_dir) / filename
        self._default = resource_path(filename)
        self._parse = parse
        self._lock = threading.Lock()
        self._key: tuple[str, int, int] | None = None
        self._list: ReferenceList | None = None
        self.problem = ""

    def current(self) -> ReferenceList:
        path = self._override if self._override.is_file() else self._default
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if key != self._key or self._list is None:
                self._key = key
                try:
                    self._list = self._parse(path.read_text(encoding="utf-8"))
                    self.problem = ""
                except (OSError, ValueError) as problem:
                    # json.JSONDecodeError and UnicodeDecodeError are ValueErrors.
                    log.warning("%s cannot be used: %s", path.name, problem)
                    self.problem = f"{path} tidak dapat dipakai ({problem}); daftar sebelumnya tetap dipakai."
                    if self._list is None:
                        self._list = self._parse(self._default.read_text(encoding="utf-8"))
            return self._list


def category_source(data_dir: Path) -> ReferenceSource:
    return ReferenceSource(data_dir, "categories.json", parse_categories)


def agency_source(data_dir: Path) -> ReferenceSource:
    return ReferenceSource(data_dir, "agencies.json", parse_agencies)
