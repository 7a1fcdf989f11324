"""The opaque pull cursor of `GET /v1/reports`.

It carries the store's change sequence and the store's instance id. A cursor
from another store (the trainer wiped the data dir between sessions) starts
the client over from the beginning instead of silently hiding every change
numbered below the old position.
"""

from __future__ import annotations

import base64
import binascii

from .http_io import ApiError
from .store import Store

PREFIX = "v1"


def store_instance(store: Store) -> str:
    return store.setting("instance_id")


def encode_cursor(instance: str, seq: int) -> str:
    text = f"{PREFIX}.{instance}.{seq}"
    return base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, instance: str) -> int:
    """The change sequence after which to list; 0 for a foreign store's cursor."""
    invalid = ApiError(400, "bad_request", "Nilai updated_since bukan cursor yang dikeluarkan server ini.")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        prefix, owner, seq_text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii").split(".")
        seq = int(seq_text)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise invalid from exc
    if prefix != PREFIX or seq < 0:
        raise invalid
    return seq if owner == instance else 0
