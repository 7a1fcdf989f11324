"""What happened to a report, in order: recorded, queued, sent, each LAPOR! status, each answer,
and the conversation with the citizen: LAPOR!'s question, the citizen's reply (with where it
stands: waiting, sent, refused and why), the status that followed.

`timeline_entries` turns a report and its audit trail into plain entries (oldest
first, newest at the bottom, like a conversation); `TimelineWidget` shows them.
Edits are left out: the autosave makes many and they tell the citizen nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lapor_desktop.domain import (
    AgencyResponse,
    AuditEntry,
    RemoteStatus,
    Reply,
    ReplyState,
    Report,
    ReportState,
    ResponseRole,
)
from lapor_desktop.offices.timezone import OfficeZone
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR
from ui.labels import remote_status_label, reply_state_label
from ui.office_time import format_when


class EntryKind(StrEnum):
    RECORDED = "recorded"
    QUEUED = "queued"
    UNQUEUED = "unqueued"
    SENT = "sent"
    NEEDS_FIX = "needs_fix"
    STATUS = "status"
    RESPONSE = "response"  # the agency's answer
    QUESTION = "question"  # LAPOR!'s own message (its question while a report is on hold)
    REPLY = "reply"  # the citizen's reply, recorded here or elsewhere


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: EntryKind
    title: str
    text: str = ""
    status: RemoteStatus | None = None  # for STATUS entries
    note: str = ""  # under the text: why a reply was refused or still waits
    warning: bool = False  # the note is a problem (a refusal)


_DOT_COLOURS = {
    EntryKind.RECORDED: "#5f6368",
    EntryKind.QUEUED: "#1a73e8",
    EntryKind.UNQUEUED: "#5f6368",
    EntryKind.SENT: "#188038",
    EntryKind.NEEDS_FIX: "#b3261e",
    EntryKind.STATUS: "#8e24aa",
    EntryKind.RESPONSE: "#e37400",
    EntryKind.QUESTION: "#b06000",
    EntryKind.REPLY: "#00796b",
}
_SAME_SECOND_RANK = {
    EntryKind.RECORDED: 0,
    EntryKind.QUEUED: 1,
    EntryKind.UNQUEUED: 1,
    EntryKind.SENT: 2,
    EntryKind.NEEDS_FIX: 2,
    EntryKind.STATUS: 3,
    EntryKind.RESPONSE: 3,
    EntryKind.QUESTION: 3,
    EntryKind.REPLY: 4,
}
_AFTER_REPLY = 5
_STATUS_ATTENTION = {RemoteStatus.REJECTED: "#b3261e", RemoteStatus.COMPLETED: "#188038"}


def timeline_entries(
    report: Report, audit: list[AuditEntry] | tuple[AuditEntry, ...] = (), zone: OfficeZone | None = None
) -> list[TimelineEntry]:
    """The entries, oldest first; with the office's `zone`, the current step's due date is named."""
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
    local_replies = {reply.client_id for reply in report.replies}
    for response in report.responses:
        if response.role is ResponseRole.REPORTER and response.client_id in local_replies:
            continue  # the reply recorded here, shown once, with its state
        entries.append(_response_entry(report, response))
    entries.extend(_reply_entry(reply) for reply in report.replies)
    _add_handling(report, entries, zone)
    # By the second: the server's times have whole seconds, ours microseconds, so an answer
    # stamped in the second the report was recorded must not come before the recording. Within
    # one second, things come in the order they can happen (stable within a rank: sent before its
    # first status): a status seen after a reply (both our clock) is what the reply led to.
    replied = [reply.recorded_at for reply in report.replies]

    def rank(entry: TimelineEntry) -> int:
        if entry.kind is EntryKind.STATUS and any(at < entry.at for at in replied):
            return _AFTER_REPLY
        return _SAME_SECOND_RANK[entry.kind]

    return sorted(entries, key=lambda entry: (entry.at.replace(microsecond=0), rank(entry)))


def _response_entry(report: Report, response: AgencyResponse) -> TimelineEntry:
    if response.role is ResponseRole.REPORTER:
        title = QCoreApplication.translate("timeline", "Tanggapan pelapor")
        return TimelineEntry(response.at, EntryKind.REPLY, title, response.text)
    if response.role is ResponseRole.LAPOR_ADMIN:
        if report.question == response:
            title = QCoreApplication.translate("timeline", "LAPOR! meminta keterangan tambahan (%1)")
        else:
            title = QCoreApplication.translate("timeline", "Pesan dari LAPOR! (%1)")
        return TimelineEntry(
            response.at, EntryKind.QUESTION, title.replace("%1", response.author), response.text
        )
    title = QCoreApplication.translate("timeline", "Tanggapan dari %1").replace("%1", response.author)
    return TimelineEntry(response.at, EntryKind.RESPONSE, title, response.text)


def _reply_entry(reply: Reply) -> TimelineEntry:
    """A reply recorded at this office: when it was taken down, and where it stands."""
    title = (
        QCoreApplication.translate("timeline", "Tanggapan pelapor dicatat oleh %1 · %2")
        .replace("%1", reply.recorded_by)
        .replace("%2", reply_state_label(reply.state))
    )
    refused = reply.state is ReplyState.REFUSED
    if refused:
        note = QCoreApplication.translate("timeline", "Alasan penolakan: %1").replace(
            "%1", reply.refusal or ""
        )
    elif reply.state is ReplyState.QUEUED:
        note = reply.waiting_note or ""
    else:
        note = ""
    if reply.attachments:
        files = ", ".join(ref.filename for ref in reply.attachments)
        text = (
            QCoreApplication.translate("timeline", "%1\nLampiran: %2")
            .replace("%1", reply.text)
            .replace("%2", files)
        )
    else:
        text = reply.text
    return TimelineEntry(reply.recorded_at, EntryKind.REPLY, title, text, note=note, warning=refused)


def _add_handling(report: Report, entries: list[TimelineEntry], zone: OfficeZone | None) -> None:
    """The newest status says who handles the report now and by when the step is due."""
    statuses = [index for index, entry in enumerate(entries) if entry.kind is EntryKind.STATUS]
    if not statuses or (report.agency is None and report.due_at is None):
        return
    lines = []
    if report.agency is not None:
        lines.append(
            QCoreApplication.translate("timeline", "Ditangani: %1").replace("%1", report.agency.name)
        )
    if report.due_at is not None and zone is not None:
        lines.append(
            QCoreApplication.translate("timeline", "Tenggat tahap ini: %1").replace(
                "%1", format_when(report.due_at, zone)
            )
        )
    newest = max(statuses, key=lambda index: (entries[index].at, index))  # ties: the later in the history
    entry = entries[newest]
    entries[newest] = replace(entry, text="\n".join([entry.text, *lines] if entry.text else lines))


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
        self.note = QLabel(entry.note)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet(f"color: {ERROR_COLOUR if entry.warning else HINT_COLOUR};")
        self.note.setVisible(bool(entry.note))
        layout.addWidget(self.note)

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
