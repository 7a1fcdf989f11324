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
