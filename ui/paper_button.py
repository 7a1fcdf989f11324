"""A print or save button on the office's usual paper, with an arrow to pick another paper this once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from lapor_desktop.offices.settings import Paper
from ui.labels import paper_label


class PaperButton(QToolButton):
    """Click: the usual paper; the arrow: a menu of every paper. `paper_chosen` carries the one to use."""

    paper_chosen = Signal(object)  # Paper

    def __init__(self, text: str, usual: Callable[[], Paper], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usual = usual
        self.setText(text)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        menu = QMenu(self)
        group = QActionGroup(menu)
        self.paper_actions: dict[Paper, QAction] = {}
        for paper in Paper:
            action = QAction(paper_label(paper), menu, checkable=True)
            action.triggered.connect(lambda _checked=False, paper=paper: self.paper_chosen.emit(paper))
            group.addAction(action)
            menu.addAction(action)
            self.paper_actions[paper] = action
        menu.aboutToShow.connect(self._mark_usual)
        self.setMenu(menu)
        self.clicked.connect(lambda: self.paper_chosen.emit(self._usual()))

    def _mark_usual(self) -> None:
        usual = self._usual()
        for paper, action in self.paper_actions.items():
            action.setChecked(paper is usual)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self.setToolTip(
                self.tr("Kertas: %1. Klik panah untuk memakai kertas lain kali ini.").replace(
                    "%1", paper_label(self._usual())
                )
            )
        return super().event(event)
