"""The start of a long text for paper and messages: cut at a word, marked with an ellipsis."""

from __future__ import annotations


def excerpt(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, ending on a word boundary when one is near."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.7:
        cut = cut[:space]
    return cut.rstrip(" ,.;:\n") + "…"
