"""When the report form judges a field: after a pause in typing, when the operator leaves it, or at once.

Only fields the operator has touched are judged (an empty form nags nobody), and a
field already showing a problem is judged on every key, so the message goes the
moment it is fixed. Choices (radio, list, date, check box) are judged at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ui.field_editors import FieldSpec
from ui.form_fields import Field


class LiveChecks(QObject):
    def __init__(self, fields: dict[str, Field], delay_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields = fields
        self._touched: set[str] = set()
        self._pending: dict[str, FieldSpec] = {}
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._run_pending)

    def changed(self, spec: FieldSpec) -> None:
        self._touched.add(spec.path)
        if spec.editor.typed and not self._fields[spec.path].message:
            self._pending[spec.path] = spec
            self._timer.start()
        else:
            self.check_now(spec)

    def left(self, spec: FieldSpec) -> None:
        if spec.path in self._touched:
            self._pending.pop(spec.path, None)
            self.check_now(spec)

    def clear(self) -> None:
        """New content: nothing touched, nothing waiting."""
        self._touched.clear()
        self._pending.clear()
        self._timer.stop()

    def check_now(self, spec: FieldSpec) -> None:
        if spec.editor.own_messages:
            return  # judged as it changed; its messages are not overwritten here
        # Classification and consent have no rule of their own: only queuing insists,
        # and choosing one clears the message.
        problem = spec.editor.input_problem() or (spec.check(spec.editor.value()) if spec.check else None)
        self._fields[spec.path].show_error(problem)

    def _run_pending(self) -> None:
        for path in sorted(self._pending):
            self.check_now(self._pending[path])
        self._pending.clear()
