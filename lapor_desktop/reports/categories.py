"""The report categories an office chooses from, read without the network.

`<data_dir>/categories.json` holds the last list the LAPOR! server sent, its
ETag and when it came (`sync.categories` fetches and writes it, atomically);
without a usable copy the list shipped in `resources/categories.json` is used.
Both files have the contract's shape, ``{"items": [{"code", "name", "description"?, "parent_code"?}]}``:
since contract 1.1 categories are two-level, and a report names a leaf (see `CategoryTree`).
Reading them is plain JSON, so the window can name categories without importing
the HTTP side.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.reports.reference_cache import CachedList, optional_text, read_cached_list, read_document
from lapor_desktop.resources import resource_path

log = logging.getLogger(__name__)

CACHE_NAME = "categories.json"


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    description: str | None = None
    parent_code: str | None = None  # 1.1: the parent category; reports name leaves only


PATH_SEPARATOR = " \u203a "  # "Infrastruktur › Jalan rusak"


class CategoryTree:
    """Two-level categories: parents, and the leaves a report names."""

    def __init__(self, categories: Iterable[Category]) -> None:
        self.categories: tuple[Category, ...] = tuple(categories)
        self._by_code = {c.code: c for c in self.categories}
        self._parents = {c.parent_code for c in self.categories if c.parent_code}

    def get(self, code: str) -> Category | None:
        return self._by_code.get(code)

    def leaves(self) -> tuple[Category, ...]:
        """The categories a report may name: those no other category has as its parent."""
        return tuple(c for c in self.categories if c.code not in self._parents)

    def parents(self) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.code in self._parents)

    def children(self, code: str) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.parent_code == code)

    def parent_of(self, code: str) -> Category | None:
        category = self._by_code.get(code)
        if category is None or not category.parent_code:
            return None
        return self._by_code.get(category.parent_code)

    def is_leaf(self, code: str) -> bool:
        return code in self._by_code and code not in self._parents

    def path_label(self, code: str) -> str:
        """ "Pembangunan dan Infrastruktur › Infrastruktur"; a category without parent by its name; an
        unknown code as itself."""
        category = self._by_code.get(code)
        if category is None:
            return code
        parent = self.parent_of(code)
        return category.name if parent is None else f"{parent.name}{PATH_SEPARATOR}{category.name}"


CachedCategories = CachedList[Category]


def cache_path(data_dir: Path) -> Path:
    return Path(data_dir) / CACHE_NAME


def default_path() -> Path:
    """The shipped list: `resources/` of the checkout, or of the PyInstaller bundle."""
    return resource_path(CACHE_NAME)


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
        categories.append(
            Category(
                item["code"],
                item["name"],
                optional_text(item, "description"),
                optional_text(item, "parent_code"),
            )
        )
    return tuple(categories)


def _read(path: Path) -> tuple[dict[str, object], tuple[Category, ...]]:
    return read_document(path, _items)


def default_categories() -> list[Category]:
    try:
        return list(_read(default_path())[1])
    except (OSError, ValueError):
        log.error("the shipped category list is missing or unreadable")
        return []


def read_cache(data_dir: Path) -> CachedList[Category] | None:
    """The cached list, or None when there is none, it is empty or it is damaged (then it is ignored)."""
    return read_cached_list(cache_path(data_dir), _items)


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


def category_tree(data_dir: Path) -> CategoryTree:
    """The categories to offer, as a tree (see `load_categories`)."""
    return CategoryTree(load_categories(data_dir))


def known_tree(data_dir: Path) -> CategoryTree:
    """Every category a stored report may name: the shipped list with the server's over it."""
    categories = {c.code: c for c in default_categories()}
    cached = read_cache(data_dir)
    if cached is not None:
        categories.update({c.code: c for c in cached.items})
    return CategoryTree(categories.values())


def path_label(code: str, data_dir: Path) -> str:
    """A stored report's category as "Parent › Leaf" (see `known_tree`; build that once for many)."""
    return known_tree(data_dir).path_label(code)
