"""What every command writes: JSON on stdout, a JSON error and an exit code otherwise.

Command modules outside the CLI (`sync.commands`, the profile and paket
commands) import these from here, never from `lapor_desktop.cli.main`, so
no command module depends on the parser that lists it. Only the standard
library is imported: a module that needs `emit` pays nothing for it.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

EXIT_OK = 0
EXIT_CONFIG = 1
EXIT_INVALID = 2


class CliError(Exception):
    def __init__(
        self, message: str, *, code: int = EXIT_INVALID, fields: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.fields = fields


def emit(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def fail(error: CliError) -> NoReturn:
    body: dict[str, Any] = {"message": error.message}
    if error.fields:
        body["fields"] = error.fields
    sys.stderr.write(json.dumps({"error": body}, ensure_ascii=False, indent=2) + "\n")
    raise SystemExit(error.code)
