"""Running work right after a widget is first on screen, so start-up shows the window before it is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class _OnFirstPaint(QObject):
    def __init__(self, watched: QObject, callback: Callable[[], None]) -> None:
        super().__init__(watched)
        self._callback = callback
        self._watched = watched
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._watched.removeEventFilter(self)
            # Posted, not called: the paint must reach the screen before the work starts.
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def after_first_paint(widget: QObject, callback: Callable[[], None]) -> None:
    """Call `callback` once, just after `widget` first paints."""
    _OnFirstPaint(widget, callback)
