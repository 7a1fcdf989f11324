"""The layers hold because a test reads every import, not by convention.

The core (`lapor_desktop/`, except the composition root `__main__.py` and the
self-test it runs) imports no Qt, no HTTP library, no `sync` and no `ui`;
`sync` imports no Qt and no `ui`. Every import counts: at module level, inside
a function, under ``if TYPE_CHECKING``, and through ``importlib.import_module``
or ``__import__`` with a literal name. Outside the composition root a module
name computed at run time is refused outright: it is how a layer would be
crossed without this test seeing it. `lint-imports` (import-linter, contracts
in pyproject.toml) checks the same graph with its own reader; it runs here too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMPOSITION_ROOT = frozenset({"lapor_desktop.__main__", "lapor_desktop.self_test"})
QT = ("PySide6", "shiboken6")
HTTP = ("requests", "urllib3", "waitress")
CORE_MAY_NOT_IMPORT = (*QT, *HTTP, "sync", "ui", *COMPOSITION_ROOT)
SYNC_MAY_NOT_IMPORT = (*QT, "ui", "lapor_desktop.cli.main", *COMPOSITION_ROOT)
DYNAMIC_IMPORTERS = frozenset({"import_module", "__import__"})


@dataclass(frozen=True)
class Import:
    line: int
    module: str  # absolute, dotted; "?" when computed at run time


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in(source: str, module: str, *, is_package: bool = False) -> Iterator[Import]:
    """Every module `source` may import, wherever the import statement or call stands."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield Import(node.lineno, base)
            for alias in node.names:  # `from pkg import sub` may import the submodule pkg.sub
                yield Import(node.lineno, f"{base}.{alias.name}")
        elif isinstance(node, ast.Call) and _called_name(node.func) in DYNAMIC_IMPORTERS:
            first = node.args[0] if node.args else None
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            yield Import(node.lineno, first.value if literal else "?")  # type: ignore[union-attr]


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def forbidden(name: str, rules: tuple[str, ...]) -> bool:
    return name == "?" or any(name == rule or name.startswith(rule + ".") for rule in rules)


def violations(folder: str, rules: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((REPO / folder).rglob("*.py")):
        module = module_name(path)
        if module in COMPOSITION_ROOT:
            continue
        source = path.read_text(encoding="utf-8")
        for imported in imports_in(source, module, is_package=path.name == "__init__.py"):
            if forbidden(imported.module, rules):
                shown = "a module named at run time" if imported.module == "?" else imported.module
                found.append(f"{path.relative_to(REPO)}:{imported.line} imports {shown}")
    return found


def test_the_core_imports_no_qt_no_http_no_sync_and_no_ui() -> None:
    assert violations("lapor_desktop", CORE_MAY_NOT_IMPORT) == []


def test_sync_imports_no_qt_no_ui_and_not_the_cli_parser() -> None:
    assert violations("sync", SYNC_MAY_NOT_IMPORT) == []


def test_the_reader_sees_every_way_of_importing() -> None:
    source = """
import PySide6.QtCore
from requests import Session
from .. import sync_helpers
from ..cli import main
import importlib

def later():
    import waitress
    from ui.main import start_gui

if TYPE_CHECKING:
    from sync.client import ApiClient

importlib.import_module("sync.commands")
__import__("urllib3")
importlib.import_module(NAME)
"""
    found = [i.module for i in imports_in(source, "lapor_desktop.reports.service")]
    assert [name for name in found if forbidden(name, CORE_MAY_NOT_IMPORT)] == [
        "PySide6.QtCore",
        "requests",
        "requests.Session",
        "waitress",
        "ui.main",
        "ui.main.start_gui",
        "sync.client",
        "sync.client.ApiClient",
        "sync.commands",
        "urllib3",
        "?",
    ]
    assert "lapor_desktop.sync_helpers" in found and "lapor_desktop.cli.main" in found
    assert forbidden("lapor_desktop.cli.main", SYNC_MAY_NOT_IMPORT)
    assert not forbidden("lapor_desktop.cli.output", SYNC_MAY_NOT_IMPORT)
    assert not forbidden("synchronise", CORE_MAY_NOT_IMPORT) and not forbidden("uikit", CORE_MAY_NOT_IMPORT)


def test_relative_imports_resolve_from_a_package() -> None:
    found = [
        i.module for i in imports_in("from .store import Store", "sync.training_server", is_package=True)
    ]
    assert found == ["sync.training_server.store", "sync.training_server.store.Store"]


def test_import_linter_contracts_are_kept() -> None:
    # In a child process: lint-imports reconfigures logging, which disables every logger already made.
    run_lint_imports = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    completed = subprocess.run(
        [sys.executable, "-c", run_lint_imports, "--no-cache", "--no-logo"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert " 0 broken" in completed.stdout, completed.stdout
