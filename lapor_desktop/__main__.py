"""`lapor-desktop` and `python -m lapor_desktop`: the composition root.

The one module (with the self-test it starts) that sees every layer: it
hands the command modules that live outside the CLI to the parser, runs
`--self-test`, and starts the window when no command is given. The rest of
the core never imports `sync` or `ui`; tests/test_layers.py and
`lint-imports` check it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

# Modules with `add_commands(subparsers)`, in the order `--help` lists them.
# Imported by name here and nowhere else; build.spec bundles them from this tuple.
COMMAND_MODULES = (
    "sync.commands",
    "lapor_desktop.offices.commands",
    "lapor_desktop.kecamatan.commands",
    "lapor_desktop.penduduk.commands",
    "lapor_desktop.backup.commands",
    "ui.commands",
)


def command_modules() -> list[ModuleType]:
    """The command modules this installation has; handlers import what they need when they run."""
    found = []
    for name in COMMAND_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue  # a build without that package: fewer commands, not a crash
            raise
    return found


def run_cli(argv: Sequence[str]) -> int:
    """The whole command line, as `lapor-desktop ARGS` runs it (NO_COMMAND when argv names none)."""
    from lapor_desktop.cli.main import run

    return run(argv, command_modules())


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


# The window cannot open here (no display, missing system libraries): said, not aborted.
EXIT_NO_WINDOW = 1


def open_window(argv: list[str]) -> int:
    """Check that a window can open (before Qt loads, as Qt aborts when it cannot), then open it."""
    from ui.display_check import display_problem, qt_import_problem

    problem = display_problem(argv)
    if problem is None:
        try:
            from ui.main import start_gui
        except ImportError as error:
            problem = qt_import_problem(error)  # Qt's own libraries need a missing system library
            if problem is None:
                raise
        else:
            return start_gui(argv)
    print(problem.message, file=sys.stderr)
    return EXIT_NO_WINDOW


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--self-test" in argv:
        from lapor_desktop.self_test import main as self_test

        return self_test(argv)
    if not wants_gui(argv):
        from lapor_desktop.cli.main import NO_COMMAND

        code = run_cli(argv)
        if code != NO_COMMAND:
            return code
    return open_window(argv)


if __name__ == "__main__":
    sys.exit(main())
