"""Stand-ins for the modal dialogs a test cannot click through: they answer as the operator would."""

from __future__ import annotations

from pathlib import Path


class SaveDialog:
    """Answers a save dialog with `answer` (None: cancelled), remembering the path it suggested."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.suggested: Path | None = None

    def __call__(self, _parent: object, suggested: Path, *_args: object) -> Path | None:
        self.suggested = suggested
        return self.answer


class MessageBoxAnswer:
    """Presses the button labelled `button` in the next modal QMessageBox, as the operator would.

    Schedule it before the action that opens the box; the press happens inside the box's own
    event loop. `text` is what the box said (None: no box came while the test waited).
    """

    ATTEMPTS = 500

    def __init__(self, button: str) -> None:
        from PySide6.QtCore import QTimer

        self.button = button
        self.text: str | None = None
        self.name: str | None = None
        self._attempts = 0
        QTimer.singleShot(0, self._press)

    def _press(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            self._attempts += 1
            if self._attempts < self.ATTEMPTS:
                QTimer.singleShot(10, self._press)
            return
        self.text, self.name = box.text(), box.objectName()
        [button] = [b for b in box.buttons() if b.text() == self.button]
        button.click()


def press_in_message_box(button: str) -> MessageBoxAnswer:
    return MessageBoxAnswer(button)
