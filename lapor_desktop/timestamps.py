"""One text form for instants, shared by storage, the CLI and the wire.

Stored as fixed-width RFC 3339 UTC with a ``Z`` so that text order is time
order in SQLite indexes.
"""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    # isoformat is twice as fast as strftime, and every receipt, claim and audit entry writes a few.
    return _utc(value).isoformat(timespec="microseconds")[:-6] + "Z"


def to_wire(value: dt.datetime) -> str:
    """RFC 3339 UTC with Z, whole seconds unless there is a fraction."""
    value = _utc(value)
    return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")[:-6] + "Z"


def _utc(value: dt.datetime) -> dt.datetime:
    """`value` in UTC (local time for a naive one, as `astimezone` reads it)."""
    return value if value.tzinfo is dt.UTC else value.astimezone(dt.UTC)


def from_text(text: str) -> dt.datetime:
    if text.endswith("Z"):
        # What storage always writes: Python reads the Z itself, as UTC (lists parse two per row).
        return dt.datetime.fromisoformat(text)
    if text.endswith("z"):
        text = text[:-1] + "+00:00"
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)
