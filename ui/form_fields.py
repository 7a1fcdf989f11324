"""Building blocks for forms that show a problem right under the field it concerns.

`FieldGrid` lays out label / editor / red message rows and remembers which editor
belongs to which dotted field path (``reporter.nik``), so a page can show a whole
``{path: message}`` dict from validation or from the server and move focus to the
first field that needs work.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

ERROR_COLOUR = "#b3261e"
HINT_COLOUR = "#5f6368"

_INVALID_STYLES: dict[type, str] = {
    QLineEdit: f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; padding: 1px 2px; }}",
    QPlainTextEdit: f"QPlainTextEdit {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}",
    QTextEdit: f"QTextEdit {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}",
    QComboBox: f"QComboBox {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; padding: 1px 4px; }}",
    QAbstractSpinBox: f"QAbstractSpinBox {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}",
}


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """A red border on `widget` (or none), keeping the platform look otherwise."""
    widget.setProperty("invalid", invalid)
    if not invalid:
        widget.setStyleSheet("")
        return
    for kind, style in _INVALID_STYLES.items():
        if isinstance(widget, kind):
            widget.setStyleSheet(style)
            return
    widget.setStyleSheet(f"border: 2px solid {ERROR_COLOUR}; border-radius: 3px;")


class ErrorLabel(QLabel):
    """A red message under a field; hidden while there is nothing to say.

    With `reserve`, its first line keeps its place while hidden, so a message appearing or going
    while the operator types does not move the fields below under the mouse.
    """

    def __init__(self, parent: QWidget | None = None, *, reserve: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if reserve:
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.setSizePolicy(policy)
            self.setMinimumHeight(self.fontMetrics().lineSpacing())
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def message_label() -> QLabel:
    """A red message for a settings form (the style sheet colours `fieldError`); hidden until needed."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def scrolling(body: QWidget) -> QScrollArea:
    """`body` in a frameless scroll area that gives it the full width: a page taller than the screen."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A one-line grey explanation under a control."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {HINT_COLOUR};")
    return label


@dataclass
class Field:
    path: str
    editor: QWidget
    error: ErrorLabel
    label: QLabel | None = None
    bordered: bool = True  # False for controls a red frame would only clutter (radio buttons)
    hint: QLabel | None = None  # the grey explanation under it
    block: tuple[QWidget, ...] = ()  # everything of the field on the page: editor, hint, message

    def show_error(self, message: str | None) -> None:
        self.error.show_message(message)
        if self.bordered:
            mark_invalid(self.editor, bool(message))

    @property
    def message(self) -> str:
        return self.error.text()


class FieldGrid(QGridLayout):
    """Two columns: labels on the left, editors with their hint and message on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnStretch(1, 1)
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(4)
        self._row = 0
        self.fields: dict[str, Field] = {}

    def add_field(
        self,
        path: str,
        label_text: str,
        editor: QWidget,
        *,
        hint: str | None = None,
        focus_widget: QWidget | None = None,
        bordered: bool = True,
    ) -> Field:
        """`editor` may be a container; `focus_widget` is then the control that takes focus and the border."""
        label = QLabel(label_text) if label_text else None
        if label is not None:
            label.setBuddy(focus_widget or editor)
            self.addWidget(label, self._row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.addWidget(editor, self._row, 1)
        self._row += 1
        hint_widget = None
        if hint:
            hint_widget = hint_label(hint)
            self.addWidget(hint_widget, self._row, 1)
            self._row += 1
        error = ErrorLabel(reserve=True)
        self.addWidget(error, self._row, 1)
        self._row += 1
        block = tuple(w for w in (label, editor, hint_widget, error) if w is not None)
        field = Field(
            path=path,
            editor=focus_widget or editor,
            error=error,
            label=label,
            bordered=bordered,
            hint=hint_widget,
            block=block,
        )
        self.fields[path] = field
        return field

    def label_width(self) -> int:
        return max(
            (f.label.sizeHint().width() for f in self.fields.values() if f.label is not None), default=0
        )
