"""Reading back the PDFs the app writes: their text, where it sits, and nothing outside the page."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from lapor_desktop.offices.settings import Paper
from ui.document_render import SPECS

pypdf = pytest.importorskip("pypdf")

MM_PER_PT = 25.4 / 72


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    # NFKC: Qt's PDF writes the "fi" of "terverifikasi" as one ligature glyph.
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    return re.sub(r"\s+", " ", text)


def text_positions(path: Path) -> list[tuple[str, float, float, float, float]]:
    """Each text run's start in page space (the text matrix through the CTM), with its page's size."""
    runs: list[tuple[str, float, float, float, float]] = []
    for page in pypdf.PdfReader(str(path)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
            if text.strip():
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                runs.append((text, x, y, width, height))  # noqa: B023 (used at once, page by page)

        page.extract_text(visitor_text=visit)
    return runs


def assert_inside(path: Path, paper: Paper) -> None:
    """No text run starts off the page, and (poppler, when installed) no word ends in the side margins."""
    runs = text_positions(path)
    assert runs
    for text, x, y, width, height in runs:
        assert 0 <= x <= width and 0 <= y <= height, (text, x, y, width, height)
    if shutil.which("pdftotext") is None:
        return
    side_pt = SPECS[paper].side_mm / MM_PER_PT
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    page_width = float(re.search(r'<page width="([0-9.]+)"', bbox).group(1))  # type: ignore[union-attr]
    words = re.findall(r'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)"[^>]*>([^<]*)</word>', bbox)
    assert words
    for x_min, x_max, word in words:
        assert float(x_min) >= side_pt - 1 and float(x_max) <= page_width - side_pt + 1, (word, x_min, x_max)
