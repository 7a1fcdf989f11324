"""Finding the draft the operator was typing when the app last stopped.

How we know: the form writes a small marker file, ``unfinished_draft.json`` in
the data dir, holding the id of the report it autosaved, atomically (a power cut
leaves the old marker or the new one). The marker is written on the first
autosave of a report and removed when the operator finishes with it explicitly:
"Simpan draf" (Ctrl+S), queuing, deleting, or starting another report. So a
marker that is still there at start-up means the app stopped (closed, crashed
or lost power) while a report was open in the form and had been saved only by
the autosave. The audit trail cannot tell this: autosaves and deliberate saves
both appear there as ``edited``.

The marker is written and removed on the writer thread together with the save
it belongs to; reading it at start-up costs one small file and one indexed
SQLite row, fine on the UI thread.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from lapor_desktop.domain import EDITABLE_STATES, ReportState
from lapor_desktop.storage.atomic import write_atomic

if TYPE_CHECKING:
    from ui.services import Services

log = logging.getLogger(__name__)

MARKER_NAME = "unfinished_draft.json"


def marker_path(data_dir: Path) -> Path:
    return Path(data_dir) / MARKER_NAME


def mark_unfinished(data_dir: Path, report_id: int) -> None:
    """Remember that `report_id` holds typing saved only by the autosave."""
    data = json.dumps({"report_id": report_id}).encode("utf-8")
    write_atomic(marker_path(data_dir), data)


def read_marker(data_dir: Path) -> int | None:
    try:
        raw = json.loads(marker_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        log.warning("unfinished-draft marker unreadable; ignored")
        return None
    report_id = raw.get("report_id") if isinstance(raw, dict) else None
    return report_id if isinstance(report_id, int) and not isinstance(report_id, bool) else None


def clear_unfinished(data_dir: Path, report_id: int | None = None) -> None:
    """Forget the marker; with `report_id`, only when it names that report."""
    if report_id is not None and read_marker(data_dir) != report_id:
        return
    try:
        marker_path(data_dir).unlink()
    except FileNotFoundError:
        pass


def find_unfinished_draft(services: Services) -> int | None:
    """The report autosaved but never explicitly saved or queued, if it can still be edited."""
    report_id = read_marker(services.data_dir)
    if report_id is None:
        return None
    row = services.queries.connection.execute(
        "SELECT state FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    if row is None or ReportState(row[0]) not in EDITABLE_STATES:
        # Deleted, queued or sent since (e.g. through the CLI): nothing to continue.
        clear_unfinished(services.data_dir, report_id)
        return None
    return report_id


def ask_to_continue(services: Services, parent: QWidget | None = None) -> int | None:
    """Offer to continue the unfinished draft: its id when the operator accepts, else None.

    Declining keeps the report as a draft in the list; only the offer is dropped.
    """
    report_id = find_unfinished_draft(services)
    if report_id is None:
        return None
    title, local_ref = services.queries.connection.execute(
        "SELECT title, local_ref FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("drafts", "Lanjutkan draf?"))
    box.setText(
        QCoreApplication.translate("drafts", "Ada laporan yang belum selesai diketik: %1 (%2).")
        .replace("%1", title.strip() or QCoreApplication.translate("drafts", "tanpa judul"))
        .replace("%2", local_ref)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "drafts",
            "Isinya tersimpan otomatis. Lanjutkan sekarang? Jika tidak, laporan tetap ada di daftar sebagai draf.",
        )
    )
    resume = box.addButton(
        QCoreApplication.translate("drafts", "Lanjutkan draf"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("drafts", "Nanti saja"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(resume)
    box.exec()
    if box.clickedButton() is resume:
        return report_id
    clear_unfinished(services.data_dir, report_id)
    return None
