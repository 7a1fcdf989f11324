"""`lapor-desktop` and `python -m lapor_desktop`: the CLI, or the GUI when no command is given."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from lapor_desktop.cli import run

    argv = sys.argv[1:] if argv is None else argv
    code = run(argv)
    if code != -1:
        return code
    from ui.main import start_gui

    return start_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
