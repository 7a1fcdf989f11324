"""The form's agency (instansi): optional, searchable by any part of its name, suggested from the category.

The report may name the agency it is meant for; LAPOR! decides who handles it.
Typing part of a name ("pupr", "kesehatan") lists the agencies holding it.
When the category makes the likely agency clear, it is chosen for the
operator, with a note saying so; a choice of the operator's own (another agency,
or none) is never replaced by a later suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QVBoxLayout, QWidget

from lapor_desktop.reports.agencies import Agency
from ui.field_editors import Changed, Editor
from ui.form_fields import HINT_COLOUR


class AgencyEditor(Editor):
    """`value()` is the agency's code, or None when none is named."""

    def __init__(self, none_text: str, unknown: str, not_in_list: str, suggested_note: str) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(30)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCompleter(completer)
        column.addWidget(self.combo)
        self.note = QLabel(suggested_note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {HINT_COLOUR};")
        self.note.hide()
        column.addWidget(self.note)
        super().__init__(box, self.combo)
        self._none_text = none_text
        self._unknown = unknown  # "%1 (not in the list)"
        self._not_in_list = not_in_list
        self.suggested: str | None = None  # the code the window chose for the operator
        self.own_choice = False  # the operator chose (an agency, or none): no suggestion replaces it
        self.combo.activated.connect(self._chosen_by_operator)
        self.combo.lineEdit().editingFinished.connect(self._typed)
        self.combo.currentIndexChanged.connect(lambda _index: self._show_note())

    def set_agencies(self, agencies: Sequence[Agency]) -> None:
        """A (refreshed) list; the agency chosen stays chosen."""
        chosen = self.value() if self.combo.count() else None
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self._none_text, None)
        for agency in sorted(agencies, key=lambda a: a.name):
            self.combo.addItem(agency.name, agency.code)
        self.combo.blockSignals(False)
        self._show(chosen)

    def value(self) -> str | None:
        index = self._index_of_text()
        return self.combo.itemData(index) if index >= 0 else None

    def _index_of_text(self) -> int:
        """The item whose name is what the edit shows (-1 when it shows something else)."""
        text = self.combo.currentText().strip()
        if not text:
            return 0
        current = self.combo.currentIndex()
        if current >= 0 and self.combo.itemText(current) == text:
            return current
        return self.combo.findText(text, Qt.MatchFlag.MatchFixedString)

    def set_value(self, value: str | None) -> None:
        """Show a stored choice (a report being filled in): one that names an agency is the operator's."""
        self.suggested = None
        self.own_choice = bool(value)
        self._show(value)

    def _show(self, value: str | None) -> None:
        index = self.combo.findData(value) if value else 0
        if index < 0:  # an agency the list has dropped since: kept, marked
            self.combo.addItem(self._unknown.replace("%1", value or ""), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        self.combo.setEditText(self.combo.itemText(index))
        self._show_note()

    def suggest(self, code: str | None) -> None:
        """Choose `code` (None: none) for the operator unless they made a choice of their own."""
        if self.own_choice:
            return
        self.suggested = code if code and self.combo.findData(code) >= 0 else None
        self._show(self.suggested)

    def adopt(self, code: str | None) -> None:
        """A stored choice that is what the category suggests counts as the suggestion (it may follow
        the category), not as the operator's own."""
        if code and self.value() == code:
            self.suggested = code
            self.own_choice = False
            self._show_note()

    def _chosen_by_operator(self, _index: int) -> None:
        self.own_choice = True
        self.suggested = None
        self._show_note()

    def _typed(self) -> None:
        if self.value() != self.suggested:
            self._chosen_by_operator(-1)

    def input_problem(self) -> str | None:
        return self._not_in_list if self._index_of_text() < 0 else None

    def _show_note(self) -> None:
        self.note.setVisible(self.suggested is not None and self.value() == self.suggested)

    def connect(self, changed: Changed, left: Changed) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: changed())
        self.combo.lineEdit().editingFinished.connect(left)
