"""Sub-commands contributed by `sync` (sync, training server).

The core may not import `sync` at module level; the entry point asks for
these lazily, and a build without `sync` simply has fewer commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def registered() -> list[Callable[[Any], None]]:
    try:
        from sync.commands import add_commands
    except ImportError:
        return []
    return [add_commands]
