"""`lapor-desktop --data-dir DIR ...` run in-process, as automation calls it: JSON in, JSON out."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from lapor_desktop.__main__ import run_cli as run


class Cli:
    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir = data_dir
        self.capsys = capsys

    def __call__(self, *args: str, stdin: object = None, expect: int = 0, raw: bool = False) -> object:
        """The parsed stdout on success, the `error` object of stderr otherwise (`raw`: stdout as text)."""
        self.capsys.readouterr()
        if stdin is not None:
            sys.stdin = io.StringIO(stdin if isinstance(stdin, str) else json.dumps(stdin))
        try:
            code = run(["--data-dir", str(self.data_dir), *args])
        except SystemExit as exc:
            code = exc.code
        finally:
            sys.stdin = sys.__stdin__
        out, err = self.capsys.readouterr()
        assert code == expect, (code, out, err)
        if code != 0:
            return json.loads(err)["error"]
        return out if raw else json.loads(out)

    def count(self) -> int:
        return len(self("report", "list", "--limit", "1000"))  # type: ignore[arg-type]
