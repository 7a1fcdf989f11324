"""`lapor-desktop` and `python -m lapor_desktop`: the CLI, or the GUI when no command is given."""

from __future__ import annotations

import sys


def wants_gui(argv: list[str]) -> bool:
    """No sub-command, only `--data-dir`: start the window without building the CLI parser."""
    index = 0
    while index < len(argv):
        if argv[index] == "--data-dir":
            index += 2
        elif argv[index].startswith("--data-dir="):
            index += 1
        else:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if wants_gui(argv):
        from ui.main import start_gui

        return start_gui(argv)
    from lapor_desktop.cli.main import run

    if "--self-test" in argv:
        from lapor_desktop.self_test import main as self_test

        return self_test(argv)
    code = run(argv)
    if code != -1:
        return code
    from ui.main import start_gui

    return start_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
