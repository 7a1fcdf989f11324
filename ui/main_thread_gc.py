"""Python's cyclic garbage collected on the UI thread only, while windows are open.

The collector runs on whichever thread happens to allocate when a generation
fills up: a list reader, the sync worker, the outbox's posting thread. A Qt
widget caught in a reference cycle would then be destroyed on that thread,
while the UI thread may be painting it or walking the top-level windows: a
crash, perhaps much later. So while a `Services` is open the automatic
collector is off and a timer on the UI thread collects what the thresholds
say is due (Anki's `GarbageCollector` does the same). With the heap frozen
after start-up (`Services.warm_up`) a full collection walks only what the
session made, so it costs the UI thread little.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1_000

_holders = 0  # open `MainThreadCollector`s: the automatic collector is back on when the last stops


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._active = False

    def start(self) -> None:
        global _holders
        if self._active:
            return
        self._active = True
        _holders += 1
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect what is left on this thread, then give the collector back to Python."""
        global _holders
        if not self._active:
            return
        self._active = False
        self._timer.stop()
        gc.collect()
        _holders -= 1
        if _holders == 0:
            gc.enable()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count is over its threshold, as Python itself would."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        due = [generation for generation in range(3) if counts[generation] > thresholds[generation]]
        return gc.collect(due[-1]) if due else 0
