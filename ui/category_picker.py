"""The form's category, chosen in two steps: the group (parent), then the category in it (a leaf).

LAPOR! 1.1 groups its categories one level deep and a report names a leaf. The
group list holds the top-level entries; the second list the leaves under the
chosen group. A top-level entry without children (*Lainnya*, or every entry of
a 1.0 server's flat list) is a leaf itself: choosing it chooses it. When no
entry has children the group list is not shown at all. A stored code that is
no longer in the list stays chosen, marked, so opening an old report loses
nothing (validation then names it).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from lapor_desktop.reports.categories import Category, CategoryTree
from ui.field_editors import Changed, Editor


def _combo(minimum_chars: int) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(minimum_chars)
    return combo


class CategoryEditor(Editor):
    """`value()` is the leaf's code ("" while none is chosen)."""

    def __init__(self, group_placeholder: str, leaf_placeholder: str, unknown: str) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.group_combo = _combo(18)
        self.leaf_combo = _combo(22)
        self.arrow = QLabel("›")
        row.addWidget(self.group_combo, 1)
        row.addWidget(self.arrow)
        row.addWidget(self.leaf_combo, 1)
        super().__init__(box, self.group_combo)
        self._group_placeholder = group_placeholder
        self._leaf_placeholder = leaf_placeholder
        self._unknown = unknown  # "%1 (not in the list)"
        self.tree = CategoryTree(())
        self.group_combo.currentIndexChanged.connect(self._group_chosen)

    def tab_chain(self) -> list[QWidget]:
        return [self.group_combo, self.leaf_combo] if self._grouped() else [self.leaf_combo]

    def _grouped(self) -> bool:
        return bool(self.tree.parents())

    def _roots(self) -> list[Category]:
        return [c for c in self.tree.categories if self.tree.parent_of(c.code) is None]

    def _group_of(self, code: str) -> Category | None:
        return self.tree.parent_of(code) or self.tree.get(code)

    def set_categories(self, categories: Sequence[Category]) -> None:
        """A (refreshed) list; the category chosen stays chosen."""
        chosen = self.value()
        self.tree = CategoryTree(tuple(categories))
        grouped = self._grouped()
        self.group_combo.setVisible(grouped)
        self.arrow.setVisible(grouped)
        self.focus = self.group_combo if grouped else self.leaf_combo
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItem(self._group_placeholder, "")
        for root in self._roots():
            self.group_combo.addItem(root.name, root.code)
        self.group_combo.blockSignals(False)
        self.set_value(chosen)

    def leaf_codes(self) -> list[str]:
        return [leaf.code for leaf in self.tree.leaves()]

    def value(self) -> str:
        return self.leaf_combo.currentData() or ""

    def set_value(self, value: str | None) -> None:
        code = value or ""
        known = self.tree.get(code)
        group = self._group_of(code) if known is not None else None
        self.group_combo.blockSignals(True)
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(group.code if group else "")))
        self.group_combo.blockSignals(False)
        self._fill_leaves(group.code if group else "")
        index = self.leaf_combo.findData(code) if code else 0
        if index < 0:  # unknown, or a group where a leaf is wanted: kept, and named by the checks
            name = known.name if known is not None else code
            self.leaf_combo.addItem(self._unknown.replace("%1", name), code)
            index = self.leaf_combo.count() - 1
        self.leaf_combo.setCurrentIndex(index)

    def _fill_leaves(self, group: str) -> None:
        """The leaves under `group`; all leaves when the list has no groups."""
        if not self._grouped():
            leaves = list(self.tree.leaves())
        elif not group:
            leaves = []
        else:
            root = self.tree.get(group)
            children = list(self.tree.children(group))
            leaves = children or ([root] if root is not None else [])
        self.leaf_combo.blockSignals(True)
        self.leaf_combo.clear()
        if len(leaves) != 1 or not self._grouped():
            self.leaf_combo.addItem(self._leaf_placeholder, "")
        for leaf in leaves:
            self.leaf_combo.addItem(leaf.name, leaf.code)
        self.leaf_combo.setEnabled(bool(leaves) or self.leaf_combo.count() > 1)
        self.leaf_combo.blockSignals(False)

    def _group_chosen(self, _index: int) -> None:
        before = self.value()
        self._fill_leaves(self.group_combo.currentData() or "")
        if self.value() != before:
            self.leaf_combo.currentIndexChanged.emit(self.leaf_combo.currentIndex())

    def connect(self, changed: Changed, left: Changed) -> None:
        self.leaf_combo.currentIndexChanged.connect(lambda _index: changed())
