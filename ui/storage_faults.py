"""Writing fails while the window runs: a full disk, a read-only folder, a database gone bad.

`FaultWatch` (one per `Services`) turns failed writes into episodes: the
first failure that `storage.faults.classify` recognises begins one, later
ones only repeat it, and the next write that succeeds ends it. The window
(`ui.safeguards`) shows one dialog when an episode begins, never a storm of
them while the report form retries; the form keeps what was typed and saves
it once writing works again.

Messages come from `classify`, never from the error's own text: SQL errors
carry the statement's parameters (names, NIK, phone numbers).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from lapor_desktop.storage.faults import StorageFault, classify


class FaultWatch(QObject):
    began = Signal(object)  # StorageFault: the first failure of an episode
    repeated = Signal(object)  # StorageFault: a later failure while it lasts
    ended = Signal()  # a write succeeded again

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.current: StorageFault | None = None

    def failed(self, error: BaseException) -> StorageFault | None:
        """Record a failed write; returns its storage fault, or None when it is another kind of error."""
        fault = classify(error, self.data_dir)
        if fault is not None:
            self.found(fault)
        return fault

    def found(self, fault: StorageFault) -> None:
        """A fault seen before any write failed (a read-only or full disk at start-up)."""
        if self.current is None:
            self.current = fault
            self.began.emit(fault)
        else:
            self.current = fault
            self.repeated.emit(fault)

    def succeeded(self) -> None:
        if self.current is not None:
            self.current = None
            self.ended.emit()


def describe_failure(error: BaseException, data_dir: Path) -> str:
    """One line for the operator: the storage fault's message, else the error's first line."""
    fault = classify(error, data_dir)
    if fault is not None:
        return fault.message
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
