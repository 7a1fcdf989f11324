"""The contract's rules for one `ReplyIn` (a reply from the reporter, 1.1), without storage.

Same two stages and the same field codes as a report (`report_rules`): a
wrong JSON type is `400 bad_request`, a broken rule `422 validation_failed`
with one entry per field. `ReplyIn` has no other properties than
`client_id`, `text`, `recorded_at`, `recorded_by` and `attachments`
(additionalProperties: false): another one is `unknown_field`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .report_rules import (
    attachment_shas,
    check_attachments,
    check_client_id,
    check_length,
    check_recorded,
    unknown_and_missing,
    well_typed,
    wrong_types,
)

REPLY_TYPES: dict[str, type] = {
    "client_id": str,
    "text": str,
    "recorded_at": str,
    "recorded_by": str,
    "attachments": list,
}
REPLY_REQUIRED = ("client_id", "text", "recorded_at")
TEXT_MIN, TEXT_MAX = 5, 2000


@dataclass(frozen=True)
class CheckedReply:
    """A reply whose types are right; `problems` holds its rule breaches."""

    client_id: str | None
    canonical: str
    problems: dict[str, str]
    text: str
    attachment_shas: tuple[str, ...]


def check_reply(value: Any) -> CheckedReply:
    """Type-check one reply (raising 400) and list its rule breaches."""
    canonical = well_typed(value, "Tanggapan", lambda obj: wrong_types(obj, REPLY_TYPES))
    problems: dict[str, str] = {}
    unknown_and_missing(problems, value, REPLY_TYPES, REPLY_REQUIRED)
    check_client_id(problems, value)
    if "text" in value:
        check_length(problems, "text", value["text"], TEXT_MIN, TEXT_MAX)
    check_recorded(problems, value)
    check_attachments(problems, value.get("attachments"))
    return CheckedReply(
        client_id=value.get("client_id"),
        canonical=canonical,
        problems=problems,
        text=value.get("text", "").strip(),
        attachment_shas=attachment_shas(value),
    )
