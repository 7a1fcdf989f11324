"""A label that never asks for more width than it is given, whatever it is told to say.

A plain `QLabel` asks for the width of its whole text, so one long status
message (a path, a server's explanation) widens the window past the screen
and pushes *Kirim sekarang* off it. `ElidedLabel` shows what fits, on at most
`lines` lines, ends with "…" when it had to cut, and carries the full text in
its tooltip.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QTextLayout
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def elided_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """`text` broken at word boundaries into at most `max_lines` lines of `width`, the last one cut with "…"."""
    text = " ".join(text.split())
    if not text or width <= 0:
        return []
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    lines: list[str] = []
    layout.beginLayout()
    try:
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            if len(lines) == max_lines - 1:
                lines.append(metrics.elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
                break
            lines.append(text[start : start + line.textLength()].rstrip())
    finally:
        layout.endLayout()
    return lines


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None, *, lines: int = 1) -> None:
        super().__init__(parent)
        self._full = ""
        self._lines = max(1, lines)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text or ""
        # Rich text, so that a long tooltip wraps instead of running off the screen.
        self.setToolTip(f"<p>{html.escape(self._full)}</p>" if self._full else "")
        super().setText(self._full)
        self.updateGeometry()
        self.update()

    def full_text(self) -> str:
        return self._full

    def shown_lines(self) -> list[str]:
        """What is on screen now, line by line (for tests and for the paint)."""
        width = self.contentsRect().width()
        return elided_lines(self._full, self.font(), width, self._lines)

    def is_elided(self) -> bool:
        shown = " ".join(self.shown_lines())
        return shown != " ".join(self._full.split())

    def _height_for(self, lines: int) -> int:
        margins = self.contentsMargins()
        return QFontMetrics(self.font()).lineSpacing() * lines + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(0, self._height_for(1))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = QFontMetrics(self.font())
        margins = self.contentsMargins()
        width = metrics.horizontalAdvance(" ".join(self._full.split())) + margins.left() + margins.right()
        # As wide as the text up to a sensible line; more lines only when there is more text.
        line = 640
        lines = min(self._lines, max(1, -(-width // line)))
        return QSize(min(width, line), self._height_for(lines))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        area = self.contentsRect()
        spacing = QFontMetrics(self.font()).lineSpacing()
        lines = self.shown_lines()
        top = area.top() + max(0, (area.height() - spacing * len(lines)) // 2)
        for number, text in enumerate(lines):
            painter.drawText(
                area.left(),
                top + number * spacing,
                area.width(),
                spacing,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        painter.end()
