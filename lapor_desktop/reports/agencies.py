"""The agencies (instansi) a report may be meant for, read without the network (contract 1.1).

`<data_dir>/agencies.json` holds the last list the LAPOR! server sent, its ETag
and when it came (`sync.agencies` fetches and writes it, atomically); without a
usable copy the list shipped in `resources/agencies.json` is used, and without
that the list is empty (the agency is optional on a report). Both files have
the contract's shape, ``{"items": [{"code", "name", "region_code"?}]}``; the
shipped one also names, per agency, the leaf categories it usually handles
(``categories``), which is what `suggest_agency` goes by. The server's list
does not carry them, so they are taken from the shipped list by code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.reports.reference_cache import CachedList, optional_text, read_cached_list, read_document
from lapor_desktop.resources import resource_path

log = logging.getLogger(__name__)

CACHE_NAME = "agencies.json"


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    region_code: str | None = None
    # The leaf categories it usually handles (shipped list only; never on the wire).
    categories: tuple[str, ...] = ()


CachedAgencies = CachedList[Agency]


def cache_path(data_dir: Path) -> Path:
    return Path(data_dir) / CACHE_NAME


def default_path() -> Path:
    return resource_path(CACHE_NAME)


def _hints(item: dict[str, object]) -> tuple[str, ...]:
    value = item.get("categories")
    if isinstance(value, list) and all(isinstance(code, str) for code in value):
        return tuple(value)
    return ()


def parse_items(document: object) -> tuple[Agency, ...]:
    """The agencies of a list document; ValueError when it has another shape."""
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise ValueError("no list of items")
    agencies = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ValueError("an item without a code")
        if not isinstance(item.get("name"), str):
            raise ValueError("an item without a name")
        agencies.append(Agency(item["code"], item["name"], optional_text(item, "region_code"), _hints(item)))
    return tuple(agencies)


def to_json(items: Iterable[Agency]) -> dict[str, object]:
    """The contract's `{"items": [...]}` shape (hints are not stored: they come from the shipped list)."""
    out: list[dict[str, str]] = []
    for agency in items:
        entry = {"code": agency.code, "name": agency.name}
        if agency.region_code is not None:
            entry["region_code"] = agency.region_code
        out.append(entry)
    return {"items": out}


def _read(path: Path) -> tuple[dict[str, object], tuple[Agency, ...]]:
    return read_document(path, parse_items)


def default_agencies() -> tuple[Agency, ...]:
    try:
        return _read(default_path())[1]
    except (OSError, ValueError):
        log.error("the shipped agency list is missing or unreadable")
        return ()


def read_cache(data_dir: Path) -> CachedList[Agency] | None:
    """The cached list, or None when there is none, it is empty or it is damaged (then it is ignored)."""
    return read_cached_list(cache_path(data_dir), parse_items)


def load_agencies(data_dir: Path) -> tuple[Agency, ...]:
    """The agencies to offer: the cached server list (with the shipped hints), else the shipped one."""
    shipped = default_agencies()
    cached = read_cache(data_dir)
    if cached is None:
        return shipped
    hints = {agency.code: agency.categories for agency in shipped}
    return tuple(
        Agency(a.code, a.name, a.region_code, a.categories or hints.get(a.code, ())) for a in cached.items
    )


def _serves(agency: Agency, region_code: str | None) -> bool:
    """The agency's area holds the office's region (a kabupaten agency serves all its desa)."""
    if agency.region_code is None or region_code is None:
        return True
    return region_code == agency.region_code or region_code.startswith(agency.region_code + ".")


def suggest_agency(category_code: str, agencies: Sequence[Agency], region_code: str | None) -> Agency | None:
    """The likely agency for a category where that is clear: the one agency serving the office's
    region that usually handles it. None when none does, or when several do (e.g. health: the
    Dinas and a hospital); the operator then chooses, or leaves it to LAPOR!."""
    if not category_code:
        return None
    found = [a for a in agencies if category_code in a.categories and _serves(a, region_code)]
    return found[0] if len(found) == 1 else None


def agency_name(code: str, agencies: Sequence[Agency]) -> str:
    """The agency's name; the code itself when the list does not know it."""
    for agency in agencies:
        if agency.code == code:
            return agency.name
    return code
