"""What the window does to one stored report from wherever it is shown (list, detail, form).

One function per action, so the list's menu, the detail's button and the
form's notice take a report back to draft the same way, with the same
changes announced and the same message when the core refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from lapor_desktop.domain import Report, ReportState
from ui.changes import Changes
from ui.storage_faults import describe_failure

if TYPE_CHECKING:
    from ui.services import Services

# Taking a queued report back moves it from the outbox to the drafts.
UNQUEUED = Changes.of_reports((ReportState.QUEUED, ReportState.DRAFT))


def unqueue(
    services: Services, report_id: int, parent: QWidget, on_done: Callable[[Report], None] | None = None
) -> None:
    """Take a queued report back to draft; a refusal (it is being sent already) is shown to the operator."""

    def refused(error: Exception) -> None:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("report_actions", "Laporan tidak dapat ditarik kembali"),
            describe_failure(error, services.data_dir),
        )

    services.run(lambda app: app.reports.unqueue(report_id), on_done, refused, changes=UNQUEUED)
