"""Sub-commands that live outside the CLI module (sync, training server, paket, profiles).

The core may not import `sync` at module level; the entry point asks for
these lazily. Each entry names a module with `add_commands(subparsers)`; its
handlers import what they need when they run, so listing them stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

COMMAND_MODULES = (
    "sync.commands",
    "lapor_desktop.offices.commands",
    "lapor_desktop.kecamatan.commands",
    "lapor_desktop.penduduk.commands",
)


def registered() -> list[Callable[[Any], None]]:
    found = []
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue  # a build without that package: fewer commands, not a crash
            raise
        found.append(module.add_commands)
    return found
