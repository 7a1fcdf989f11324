"""Pulling status changes and agency responses back, with the contract's cursor."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from lapor_desktop.outbox.store import OutboxStore
from sync.client import MAX_CHANGES_LIMIT, ApiClient


def pull_changes(
    client: ApiClient, store: OutboxStore, cursor_key: str, *, cancel: threading.Event | None = None
) -> int:
    """Apply every change since the stored cursor; returns how many local reports changed.

    Each page is applied in the same transaction that stores its `next_cursor`,
    so a crash between pages neither skips nor double-applies a change. The
    next page is fetched by a worker thread while this one applies the last:
    a page's `next_cursor` is known before it is applied.
    """
    cancel = cancel or threading.Event()
    changed = 0
    if cancel.is_set():
        return changed
    page = client.changes(store.get_state(cursor_key), limit=MAX_CHANGES_LIMIT)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lapor-pull") as wire:
        while True:
            following = (
                wire.submit(client.changes, page.next_cursor, limit=MAX_CHANGES_LIMIT)
                if page.items and not cancel.is_set()
                else None
            )
            changed += store.apply_remote(page.items, cursor_key=cursor_key, cursor=page.next_cursor)
            if following is None:
                break
            page = following.result()
    return changed
