"""Driving the real app (`ui.main.start_gui`) from inside its event loop, as an operator would.

Each step waits until its condition holds (polled on the UI thread, so it goes
on inside modal dialogs' own loops), then acts once. No sleeps: a step runs
when what it needs is on screen, and a stuck scenario fails after `patience`
polls instead of hanging.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget


class Steps:
    def __init__(self, *, interval_ms: int = 50, patience: int = 1200, settle_ms: int = 0) -> None:
        self.steps: list[tuple[str, Callable[[], Any], Callable[[Any], None]]] = []
        self.done: list[str] = []
        self.stuck: str | None = None
        self.settle_ms = settle_ms
        self._patience = patience
        self._waited = 0
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._poll)

    def when(self, name: str, condition: Callable[[], Any], action: Callable[[Any], None]) -> Steps:
        self.steps.append((name, condition, action))
        return self

    def start(self) -> Steps:
        self._timer.start()
        return self

    def _poll(self) -> None:
        if not self.steps:
            self._timer.stop()
            return
        name, condition, action = self.steps[0]
        found = condition()
        if not found:
            self._waited += 1
            if self._waited > self._patience:
                self.stuck = name
                self._timer.stop()
                for widget in QApplication.topLevelWidgets():  # end the run: the test fails on `stuck`
                    if isinstance(widget, QWidget) and widget.isVisible():
                        widget.close()
            return
        self._waited = 0
        self.steps.pop(0)
        self.done.append(name)
        self._timer.stop()

        def act() -> None:
            self._timer.start()  # first: the action may open a modal dialog (a nested loop)
            action(found)

        QTimer.singleShot(self.settle_ms, act)


def visible(object_name: str | None = None, cls: type | None = None) -> Any:
    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible():
            continue
        if object_name is not None and widget.objectName() != object_name:
            continue
        if cls is not None and not isinstance(widget, cls):
            continue
        return widget
    return None


def message_box(text_part: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            if text_part in widget.text() or text_part in widget.windowTitle():
                return widget
    return None


def press(widget: QWidget, text: str) -> None:
    """Click the visible button labelled `text` (later: a modal dialog it opens runs its own loop)."""
    for button in widget.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text and button.isVisible():
            QTimer.singleShot(0, button.click)
            return
    raise AssertionError(f"no button {text!r} in {widget.objectName() or type(widget).__name__}")


def shown_main_window() -> Any:
    from ui.main_window import MainWindow

    window = visible(cls=MainWindow)
    return window if window is not None and window.first_page_on_screen else None
