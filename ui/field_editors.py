"""One adapter per kind of control on the report form, all with the same face; and the table's row.

An editor reads and writes the Python value of one field path of
`ReportContent` (text, a date, a choice, a number) and says when the operator
changes it, so the form's field table can fill, read, check and place errors
without knowing which control sits behind a path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from lapor_desktop.reports.dates import format_date, parse_typed_date
from ui.attachments_widget import AttachmentsWidget
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR, ErrorLabel, hint_label

Changed = Callable[[], None]


class Editor:
    """The common face. `typed` editors are judged after a pause in typing or when left;
    the others (choices) at once."""

    typed = False
    bordered = True  # False for controls a red frame would only clutter (radio buttons)
    own_messages = False  # judges itself as it changes and shows its messages in its own red line

    def __init__(self, widget: QWidget, focus: QWidget | None = None) -> None:
        self.widget = widget  # what the layout places
        self.focus = focus or widget  # takes focus, the label's buddy, the red border

    def tab_chain(self) -> list[QWidget]:
        return [self.focus]

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def input_problem(self) -> str | None:
        """A message when what is typed cannot even be read as a value (not a validation rule)."""
        return None

    def connect(self, changed: Changed, left: Changed) -> None:
        raise NotImplementedError


class TextEditor(Editor):
    """A line of text; `optional` fields hold None rather than an empty string.

    `shown_in` is a container holding the edit and what goes with it (the NIK's resident offer).
    """

    typed = True

    def __init__(self, edit: QLineEdit, *, optional: bool = False, shown_in: QWidget | None = None) -> None:
        super().__init__(shown_in or edit, edit)
        self.edit = edit
        self._optional = optional

    def value(self) -> str | None:
        text = self.edit.text()
        return (text or None) if self._optional else text

    def set_value(self, value: str | None) -> None:
        self.edit.setText(value or "")

    def connect(self, changed: Changed, left: Changed) -> None:
        self.edit.textChanged.connect(lambda _text: changed())
        self.edit.editingFinished.connect(left)


class CoordinateEditor(TextEditor):
    """A decimal degree typed the Indonesian way (``-5,36``); empty means unknown."""

    def __init__(self, edit: QLineEdit, not_a_number: str) -> None:
        super().__init__(edit, optional=True)
        self._not_a_number = not_a_number

    def _parsed(self) -> tuple[float | None, bool]:
        text = self.edit.text().strip().replace(",", ".")
        if not text:
            return None, True
        try:
            return float(text), True
        except ValueError:
            return None, False

    def value(self) -> float | None:
        return self._parsed()[0]

    def set_value(self, value: float | None) -> None:
        self.edit.setText("" if value is None else f"{value:g}".replace(".", ","))

    def input_problem(self) -> str | None:
        return None if self._parsed()[1] else self._not_a_number


class LongTextEditor(Editor):
    """Several lines, with a count of characters against `limit` under them."""

    typed = True

    def __init__(self, edit: QPlainTextEdit, limit: int) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(edit)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        column.addWidget(self.counter)
        super().__init__(box, edit)
        self.edit = edit
        self._limit = limit
        edit.textChanged.connect(self._count)

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: str) -> None:
        self.edit.setPlainText(value)
        self._count()

    def connect(self, changed: Changed, left: Changed) -> None:
        self.edit.textChanged.connect(changed)

    def _count(self) -> None:
        count = len(self.edit.toPlainText().strip())
        self.counter.setText(f"{count}/{self._limit}")
        self.counter.setStyleSheet(f"color: {ERROR_COLOUR if count > self._limit else HINT_COLOUR};")


class RadioEditor(Editor):
    """One of a few values, each a radio button with a grey explanation under it; none at first."""

    bordered = False

    def __init__(self, labels: Mapping[Any, str], explanations: Mapping[Any, str]) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.group = QButtonGroup(box)
        self.buttons: dict[Any, QRadioButton] = {}
        for index, (value, label) in enumerate(labels.items()):
            button = QRadioButton(label)
            self.group.addButton(button, index)
            self.buttons[value] = button
            column.addWidget(button)
            explanation = hint_label(explanations[value])
            explanation.setContentsMargins(24, 0, 0, 4)
            column.addWidget(explanation)
        super().__init__(box, next(iter(self.buttons.values())))

    def tab_chain(self) -> list[QWidget]:
        return list(self.buttons.values())

    def value(self) -> Any:
        return next((value for value, button in self.buttons.items() if button.isChecked()), None)

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)  # so that none may be checked
        for choice, button in self.buttons.items():
            button.setChecked(choice == value)
        self.group.setExclusive(True)

    def connect(self, changed: Changed, left: Changed) -> None:
        self.group.idToggled.connect(lambda _id, on: on and changed())


class ComboEditor(Editor):
    """A choice from a list of (label, value); `Enum` values are kept as their text in the combo."""

    def __init__(self, combo: QComboBox, to_value: Callable[[Any], Any] = lambda data: data) -> None:
        super().__init__(combo)
        self.combo = combo
        self._to_value = to_value

    def set_items(self, items: list[tuple[str, Any]]) -> None:
        self.combo.clear()
        for label, value in items:
            self.combo.addItem(label, getattr(value, "value", value))

    def value(self) -> Any:
        return self._to_value(self.combo.currentData())

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(getattr(value, "value", value)), 0))

    def connect(self, changed: Changed, left: Changed) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: changed())


class CodeListEditor(ComboEditor):
    """A code from a list that may have dropped it since: a stored unknown code stays, marked."""

    def __init__(self, combo: QComboBox, unknown: str) -> None:
        super().__init__(combo, lambda data: data or "")
        self._unknown = unknown  # "%1 (not in the list)"

    def set_value(self, value: str) -> None:
        index = self.combo.findData(value)
        if index < 0 and value:
            self.combo.addItem(self._unknown.replace("%1", value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


class DateEditor(Editor):
    """A date typed day first (20-11-2026, 20/11/2026, 20 Nov 2026...), picked from a calendar, or
    "unknown" (a check box beside it). What is typed stays as typed: a date that cannot be read is
    named under the field (`input_problem`), never replaced by another."""

    typed = True

    def __init__(self, unknown_text: str, unreadable: str, missing: str, calendar_tip: str) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date_edit = QLineEdit()
        self.date_edit.setMaxLength(24)
        self.date_edit.setPlaceholderText("hh-bb-tttt")
        self.date_edit.setMaximumWidth(180)
        layout.addWidget(self.date_edit)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip(calendar_tip)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types the date
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.calendar_button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._calendar_opens)
        self.calendar_button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        layout.addWidget(self.calendar_button)
        self.unknown = QCheckBox(unknown_text)
        self.unknown.toggled.connect(self._unknown_toggled)
        layout.addWidget(self.unknown)
        layout.addStretch(1)
        self._unreadable = unreadable  # "%1 is not a date..."
        self._missing = missing
        super().__init__(row, self.date_edit)

    def tab_chain(self) -> list[QWidget]:
        return [self.date_edit, self.unknown]

    def value(self) -> dt.date | None:
        if self.unknown.isChecked():
            return None
        return parse_typed_date(self.date_edit.text())

    def set_value(self, value: dt.date | None) -> None:
        self.date_edit.setText(format_date(value if value is not None else dt.date.today()))
        self.unknown.setChecked(value is None)
        self._unknown_toggled(value is None)

    def input_problem(self) -> str | None:
        if self.unknown.isChecked():
            return None
        text = self.date_edit.text().strip()
        if not text:
            return self._missing
        return None if parse_typed_date(text) is not None else self._unreadable.replace("%1", text)

    def connect(self, changed: Changed, left: Changed) -> None:
        self.date_edit.textChanged.connect(lambda _text: changed())
        self.date_edit.editingFinished.connect(left)
        self.unknown.toggled.connect(lambda _on: changed())

    def _unknown_toggled(self, unknown: bool) -> None:
        self.date_edit.setEnabled(not unknown)
        self.calendar_button.setEnabled(not unknown)

    def _calendar_opens(self) -> None:
        today = QDate.currentDate()
        self.calendar.setMaximumDate(today)
        typed = self.value()
        shown = QDate(typed.year, typed.month, typed.day) if typed is not None else today
        self.calendar.setSelectedDate(min(shown, today))

    def _picked(self, date: QDate) -> None:
        self.date_edit.setText(format_date(dt.date(date.year(), date.month(), date.day())))
        self.date_edit.editingFinished.emit()  # judged at once, as a choice is
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.hide()


class CheckEditor(Editor):
    """Yes or no; the check box carries its own text."""

    def __init__(self, check: QCheckBox) -> None:
        super().__init__(check)
        self.check = check

    def value(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: bool) -> None:
        self.check.setChecked(value)

    def connect(self, changed: Changed, left: Changed) -> None:
        self.check.toggled.connect(lambda _on: changed())


class AttachmentsEditor(Editor):
    """The report's files: the widget refuses and counts them itself as they are added."""

    bordered = False
    own_messages = True

    def __init__(self, attachments: AttachmentsWidget) -> None:
        super().__init__(attachments, attachments.add_button)
        self.attachments = attachments

    @property
    def error(self) -> ErrorLabel:
        return self.attachments.error

    def value(self) -> tuple[Any, ...]:
        return self.attachments.attachments()

    def set_value(self, value: tuple[Any, ...]) -> None:
        self.attachments.set_attachments(value)

    def connect(self, changed: Changed, left: Changed) -> None:
        self.attachments.changed.connect(changed)


Check = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class FieldSpec:
    """One row of the report form's field table (`ui.report_inputs`).

    `check` is the queuing rule for the field alone, judged on the editor's value.
    """

    path: str
    label: str  # the caption beside it; "" when the control carries its own text
    editor: Editor
    hint: str = ""
    check: Check | None = None
