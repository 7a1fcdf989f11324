"""Agencies (instansi, contract 1.1): fetched with ETag and kept for offline use.

The cache is `<data_dir>/agencies.json` with the last list the server sent,
its ETag and when it came, written atomically. A 1.0 server has no list
(`404`): that is an empty answer, not a failure, and the cache is kept.
Reading the cache (and the shipped list behind it) is the core's
`lapor_desktop.reports.agencies`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desktop.reports.agencies import Agency, cache_path, load_agencies, read_cache, to_json
from lapor_desktop.storage.atomic import write_atomic
from lapor_desktop.timestamps import to_wire, utcnow

from .categories import RefreshOutcome
from .errors import ApiError

if TYPE_CHECKING:
    from .client import ApiClient


@dataclass(frozen=True)
class AgencyRefresh:
    outcome: RefreshOutcome
    agencies: tuple[Agency, ...]
    message: str
    absent: bool = False  # the server has no agency list (it speaks 1.0)
    error: ApiError | None = None


def write_cache(data_dir: Path, items: tuple[Agency, ...], etag: str | None) -> None:
    document = to_json(items)
    document["etag"] = etag
    document["fetched_at"] = to_wire(utcnow())
    write_atomic(cache_path(data_dir), json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))


def refresh_agencies(client: ApiClient, data_dir: Path) -> AgencyRefresh:
    """Ask the server for the list (with the cached ETag); never raises for network trouble."""
    cached = read_cache(data_dir)
    try:
        result = client.agencies(cached.etag if cached is not None else None)
    except ApiError as error:
        return AgencyRefresh(
            RefreshOutcome.FAILED,
            load_agencies(data_dir),
            f"Daftar instansi belum dapat diperbarui; daftar tersimpan tetap dipakai. {error}",
            error=error,
        )
    if result.absent:
        return AgencyRefresh(
            RefreshOutcome.NOT_MODIFIED,
            (),
            "Server LAPOR! ini belum menyediakan daftar instansi (API 1.0); daftar tersimpan tetap disimpan.",
            absent=True,
        )
    if result.not_modified and cached is not None:
        return AgencyRefresh(
            RefreshOutcome.NOT_MODIFIED, load_agencies(data_dir), "Daftar instansi sudah yang terbaru."
        )
    if not result.items:
        return AgencyRefresh(
            RefreshOutcome.FAILED,
            load_agencies(data_dir),
            "Server mengirim daftar instansi kosong; daftar tersimpan tetap dipakai.",
        )
    write_cache(data_dir, result.items, result.etag)
    return AgencyRefresh(
        RefreshOutcome.UPDATED,
        load_agencies(data_dir),
        f"Daftar instansi diperbarui ({len(result.items)} instansi).",
    )
