"""What the window hands the start-up loop when it closes to open an office again.

Resetting or leaving practice deletes the practice database, which must not
be open while that happens (Windows refuses to delete an open file), so those
actions close the window and let `ui.main.start_gui` run `then` with every
connection closed before it opens whichever office is active. A new interface
language takes the same way: the window is built again with the new
translator, on the page it was left on (`open_at`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Restart:
    """Close the window, run `then` with every connection closed, open the active office again."""

    then: Callable[[], None] | None = None
    reason: str = ""
    open_at: str = ""  # a `ui.navigation.Place` value: the page the new window starts on
