"""The left-hand list of places in the window, with counts of what waits.

It is on the first frame, so it stays off PySide6's `Qt` namespace: the
first use of `Qt` builds ~110 Python enums (~20 ms) that the list pages
pay for once the window is already on screen. A row's place is its index.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

OUTBOX_COUNT_MAX = 999


class Place(StrEnum):
    NEW_REPORT = "new_report"
    OUTBOX = "outbox"
    ALL = "all"
    REVIEW = "review"
    DASHBOARD = "dashboard"
    SETTINGS = "settings"


class Navigation(QListWidget):
    place_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setUniformItemSizes(True)
        self._names = {
            Place.NEW_REPORT: self.tr("Laporan baru"),
            Place.OUTBOX: self.tr("Kotak keluar"),
            Place.ALL: self.tr("Semua laporan"),
            Place.REVIEW: self.tr("Tinjauan desa"),
            Place.DASHBOARD: self.tr("Dasbor"),
            Place.SETTINGS: self.tr("Pengaturan"),
        }
        self._items: dict[Place, QListWidgetItem] = {}
        self._places = list(self._names)
        for place, name in self._names.items():
            item = QListWidgetItem(name)
            item.setSizeHint(QSize(0, 44))
            self.addItem(item)
            self._items[place] = item
        self.currentItemChanged.connect(self._changed)
        self.set_kecamatan(False)

    def set_kecamatan(self, kecamatan: bool) -> None:
        """Review and dashboard are for a kecamatan office only."""
        for place in (Place.REVIEW, Place.DASHBOARD):
            self._items[place].setHidden(not kecamatan)

    def _changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.place_chosen.emit(self._places[self.row(current)].value)

    def select(self, place: Place) -> None:
        """Highlight `place` without announcing it (the window already shows it)."""
        self.blockSignals(True)
        self.setCurrentItem(self._items[place])
        self.blockSignals(False)

    def current_place(self) -> Place | None:
        row = self.currentRow()
        return self._places[row] if row >= 0 else None

    def set_outbox_counts(self, queued: int, needs_fix: int, awaiting_reply: int = 0) -> None:
        """What waits in the outbox; `awaiting_reply`: reports LAPOR! put on hold with a question
        no citizen has answered yet (the office must reach them)."""
        item = self._items[Place.OUTBOX]
        total = queued + needs_fix
        name = self._names[Place.OUTBOX]
        # The column is narrow; past 999 the tooltip and the status bar carry the exact number.
        shown = str(total) if total <= OUTBOX_COUNT_MAX else f"{OUTBOX_COUNT_MAX}+"
        text = f"{name}  ({shown})" if total else name
        if awaiting_reply:
            text += "  ?" + (
                str(awaiting_reply) if awaiting_reply <= OUTBOX_COUNT_MAX else f"{OUTBOX_COUNT_MAX}+"
            )
        item.setText(text)
        tips = []
        if total:
            tips.append(self.tr("{0} menunggu dikirim, {1} perlu diperbaiki").format(queued, needs_fix))
        if awaiting_reply:
            tips.append(self.tr("%n pertanyaan LAPOR! menunggu jawaban pelapor", "", awaiting_reply))
        item.setToolTip("\n".join(tips))
        font = item.font()
        font.setBold(needs_fix > 0 or awaiting_reply > 0)
        item.setFont(font)

    def item_text(self, place: Place) -> str:
        return self._items[place].text()
