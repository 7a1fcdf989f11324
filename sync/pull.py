"""Pulling status changes and agency responses back, with the contract's cursor."""

from __future__ import annotations

import threading

from lapor_desktop.outbox.store import OutboxStore
from sync.client import MAX_CHANGES_LIMIT, ApiClient


def pull_changes(
    client: ApiClient, store: OutboxStore, cursor_key: str, *, cancel: threading.Event | None = None
) -> int:
    """Apply every change since the stored cursor; returns how many local reports changed.

    Each page is applied in the same transaction that stores its `next_cursor`,
    so a crash between pages neither skips nor double-applies a change.
    """
    cancel = cancel or threading.Event()
    changed = 0
    while not cancel.is_set():
        cursor = store.get_state(cursor_key)
        page = client.changes(cursor, limit=MAX_CHANGES_LIMIT)
        changed += store.apply_remote(page.items, cursor_key=cursor_key, cursor=page.next_cursor)
        if not page.items:
            break
    return changed
