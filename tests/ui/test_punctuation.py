"""Texts the operator reads never put a full stop or a colon right after "LAPOR!" ("server LAPOR!.")."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from lapor_desktop.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
# The receipts (and the training server's own pages) belong to their own work.
NOT_HERE = {Path("ui/receipt.py")}
DOUBLE = re.compile(r"![.:](?=\s|$|[\"'<])")


def _texts(tree: ast.AST) -> Iterator[str]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value
        elif isinstance(node, ast.JoinedStr):
            yield "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _sources() -> Iterator[Path]:
    for folder in ("ui", "sync", "lapor_desktop"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative in NOT_HERE or "training_server" in relative.parts:
                continue
            yield path


def test_no_full_stop_or_colon_after_an_exclamation_mark_in_the_code() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {text!r}"
        for path in _sources()
        for text in _texts(ast.parse(path.read_text(encoding="utf-8")))
        if DOUBLE.search(text)
    ]
    assert found == []


def test_nor_in_the_english_translation() -> None:
    root = ET.parse(resource_path("translations", "lapor_en.ts")).getroot()
    found = [
        text
        for message in root.iter("message")
        for text in (message.findtext("source") or "", message.findtext("translation") or "")
        if DOUBLE.search(text)
    ]
    assert found == []
