"""The command line's parser speaking Bahasa Indonesia, argparse's own words included.

argparse writes its usage line, section titles, `-h` help and error messages
in English through `gettext` with no catalogue for Indonesian. The operator
reads the whole line in one language: the parser class below (inherited by
every sub-parser) names the sections, the help option and the usage in
Indonesian, and `error` turns argparse's messages into Indonesian before
printing them with exit code 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's English messages (Python 3.11-3.13) and their Indonesian; the first match wins.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^unrecognized arguments: (.*)$", r"argumen tidak dikenal: \1"),
        (r"^the following arguments are required: (.*)$", r"argumen berikut wajib diisi: \1"),
        (
            r"^argument (.+?): invalid choice: (.*?) \(choose from (.*)\)$",
            r"argumen \1: pilihan \2 tidak ada (pilih dari \3)",
        ),
        (r"^argument (.+?): invalid (\w+) value: (.*)$", r"argumen \1: nilai \3 tidak sah (harus \2)"),
        (r"^argument (.+?): expected one argument$", r"argumen \1: perlu satu nilai"),
        (r"^argument (.+?): expected at least one argument$", r"argumen \1: perlu setidaknya satu nilai"),
        (r"^argument (.+?): not allowed with argument (.*)$", r"argumen \1: tidak boleh bersama argumen \2"),
        (r"^argument (.+?): ignored explicit argument (.*)$", r"argumen \1: nilai \2 diabaikan"),
        (r"^ambiguous option: (.*)$", r"pilihan tidak jelas: \1"),
    )
)
_TYPE_NAMES = {"int": "bilangan bulat", "float": "angka"}


def indonesian(message: str) -> str:
    """argparse's error `message` in Bahasa Indonesia (unchanged when it is not one of argparse's)."""
    for pattern, replacement in _MESSAGES:
        if pattern.match(message):
            translated = pattern.sub(replacement, message)
            for english, bahasa in _TYPE_NAMES.items():
                translated = translated.replace(f"(harus {english})", f"(harus {bahasa})")
            return translated
    return message


class IndonesianHelp(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "cara pakai: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An `ArgumentParser` whose own texts are in Bahasa Indonesia; sub-parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", IndonesianHelp)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan: {indonesian(message)}\n")
