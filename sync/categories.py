"""Report categories: fetched with ETag and kept for offline use.

The cache is `<data_dir>/categories.json` holding the last list the server
sent, its ETag and when it came. It is written atomically so a power cut
leaves the old list or the new one, never half a file. Reading it (and the
shipped default behind it) is the core's `lapor_desktop.reports.categories`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desktop.reports.categories import Category, cache_path, load_categories, read_cache
from lapor_desktop.storage.atomic import write_atomic
from lapor_desktop.timestamps import to_wire, utcnow

from .errors import ApiError
from .wire import categories_to_json

if TYPE_CHECKING:
    from .client import ApiClient


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


def write_cache(data_dir: Path, items: tuple[Category, ...], etag: str | None) -> None:
    document = categories_to_json(items)
    document["etag"] = etag
    document["fetched_at"] = to_wire(utcnow())
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    write_atomic(cache_path(data_dir), data)


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


def refresh_for_office(data_dir: Path) -> RefreshResult:
    """Refresh with the office's own server and token (what *Perbarui daftar kategori* does)."""
    from lapor_desktop.offices.settings import load_settings
    from lapor_desktop.offices.token_store import load_token

    from .client import ApiClient

    server_url = load_settings(data_dir).server_url
    token = load_token(data_dir)
    if not server_url or not token:
        return RefreshResult(
            outcome=RefreshOutcome.FAILED,
            categories=load_categories(data_dir),
            message="Alamat server atau token belum diisi; daftar kategori tersimpan tetap dipakai. "
            "Isi keduanya di Pengaturan.",
        )
    with ApiClient(server_url, token, connect_timeout=5.0, read_timeout=15.0) as client:
        return refresh_categories(client, data_dir)
