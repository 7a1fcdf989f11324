"""What happened to a report, in order: recorded, queued, sent, each LAPOR! status, each answer.

`timeline_entries` turns a report and its audit trail into plain entries (oldest
first, newest at the bottom, like a conversation); `TimelineWidget` shows them.
Edits are left out: the autosave makes many and they tell the citizen nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lapor_desktop.domain import AuditEntry, RemoteStatus, Report, ReportState
from lapor_desktop.offices.timezone import OfficeZone
from ui.labels import remote_status_label
from ui.office_time import format_when


class EntryKind(StrEnum):
    RECORDED = "recorded"
    QUEUED = "queued"
    UNQUEUED = "unqueued"
    SENT = "sent"
    NEEDS_FIX = "needs_fix"
    STATUS = "status"
    RESPONSE = "response"


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: EntryKind
    title: str
    text: str = ""
    status: RemoteStatus | None = None  # for STATUS entries


_DOT_COLOURS = {
    EntryKind.RECORDED: "#5f6368",
    EntryKind.QUEUED: "#1a73e8",
    EntryKind.UNQUEUED: "#5f6368",
    EntryKind.SENT: "#188038",
    EntryKind.NEEDS_FIX: "#b3261e",
    EntryKind.STATUS: "#8e24aa",
    EntryKind.RESPONSE: "#e37400",
}
_STATUS_ATTENTION = {RemoteStatus.REJECTED: "#b3261e", RemoteStatus.COMPLETED: "#188038"}


def timeline_entries(
    report: Report, audit: list[AuditEntry] | tuple[AuditEntry, ...] = ()
) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            report.recorded_at,
            EntryKind.RECORDED,
            QCoreApplication.translate("timeline", "Dicatat di kantor"),
            QCoreApplication.translate("timeline", "oleh %1").replace("%1", report.recorded_by),
        )
    ]
    sent_seen = False
    for item in audit:
        if item.to_state is ReportState.QUEUED:
            entries.append(
                TimelineEntry(
                    item.at,
                    EntryKind.QUEUED,
                    QCoreApplication.translate("timeline", "Diantrekan untuk dikirim"),
                )
            )
        elif item.to_state is ReportState.DRAFT and item.from_state is not None:
            entries.append(
                TimelineEntry(
                    item.at,
                    EntryKind.UNQUEUED,
                    QCoreApplication.translate("timeline", "Ditarik kembali menjadi draf"),
                )
            )
        elif item.to_state is ReportState.SENT:
            sent_seen = True
            entries.append(_sent_entry(report, item.at))
        elif item.to_state is ReportState.NEEDS_FIX:
            entries.append(
                TimelineEntry(
                    item.at,
                    EntryKind.NEEDS_FIX,
                    QCoreApplication.translate("timeline", "LAPOR! meminta perbaikan"),
                    item.detail or "",
                )
            )
    if report.tracking_id and not sent_seen:
        # Sent by a version that kept no audit entry for it: the server's receipt time still says when.
        entries.append(_sent_entry(report, report.received_at or report.updated_at))
    for change in report.status_history:
        entries.append(
            TimelineEntry(
                change.first_seen_at,
                EntryKind.STATUS,
                QCoreApplication.translate("timeline", "Status di LAPOR! menjadi “%1”").replace(
                    "%1", remote_status_label(change.status)
                ),
                status=change.status,
            )
        )
    for response in report.responses:
        entries.append(
            TimelineEntry(
                response.at,
                EntryKind.RESPONSE,
                QCoreApplication.translate("timeline", "Tanggapan dari %1").replace("%1", response.author),
                response.text,
            )
        )
    # Stable: entries at the same moment keep the order above (sent before its first status).
    # By the second: the server's times have whole seconds, ours microseconds, so an answer
    # stamped in the second the report was recorded must not come before the recording.
    return sorted(entries, key=lambda entry: entry.at.replace(microsecond=0))


def _sent_entry(report: Report, at: dt.datetime) -> TimelineEntry:
    text = (
        QCoreApplication.translate("timeline", "Nomor pelacakan: %1").replace("%1", report.tracking_id)
        if report.tracking_id
        else ""
    )
    return TimelineEntry(
        at, EntryKind.SENT, QCoreApplication.translate("timeline", "Terkirim ke LAPOR!"), text
    )


class _EntryView(QWidget):
    """One entry: a coloured dot on the rail, then the date, what happened and any text."""

    RAIL_X = 10

    def __init__(
        self, entry: TimelineEntry, last: bool, colour: str, zone: OfficeZone, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self._last = last
        self._colour = QColor(colour)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(self.RAIL_X * 2 + 8, 0, 0, 12)
        layout.setSpacing(1)
        self.when = QLabel(format_when(entry.at, zone))
        self.when.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.when)
        self.title = QLabel(entry.title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.text = QLabel(entry.text)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setVisible(bool(entry.text))
        layout.addWidget(self.text)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self.when.geometry().center().y()
        if not self._last:
            painter.setPen(QPen(QColor("#c4c7c5"), 2))
            painter.drawLine(QPointF(self.RAIL_X, top), QPointF(self.RAIL_X, self.height()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawEllipse(QPointF(self.RAIL_X, top), 6, 6)


class TimelineWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._views: list[_EntryView] = []
        self.empty = QLabel(self.tr("Belum ada riwayat."))
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)

    def set_entries(self, entries: list[TimelineEntry], zone: OfficeZone) -> None:
        """Show `entries`, their times in the office's `zone`."""
        for view in self._views:
            self._layout.removeWidget(view)
            # Off the page now, not at the next deferred delete: it would be painted over the new entries.
            view.hide()
            view.setParent(None)
            view.deleteLater()
        self._views = []
        self.empty.setVisible(not entries)
        for index, entry in enumerate(entries):
            colour = _STATUS_ATTENTION.get(entry.status, _DOT_COLOURS[entry.kind])  # type: ignore[arg-type]
            view = _EntryView(entry, last=index == len(entries) - 1, colour=colour, zone=zone)
            self._layout.insertWidget(self._layout.count() - 1, view)
            self._views.append(view)

    def entries(self) -> list[TimelineEntry]:
        return [view.entry for view in self._views]
