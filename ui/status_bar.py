"""The bottom line of the window: online or not, what waits, when it last went well, *Kirim sekarang*.

Plus the notice banner the window shows above its pages for problems the
operator must act on (a refused token), without a modal dialog in the way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QWidget,
)

from lapor_desktop.offices.timezone import WIB, OfficeZone
from ui.elided_label import ElidedLabel
from ui.office_time import format_recent


class SyncStatusBar(QStatusBar):
    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusBar")
        self.setSizeGripEnabled(False)
        self.zone: OfficeZone = WIB  # the office's, set by the window
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionLabel")
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("waitingLabel")
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("lastSyncLabel")
        self.message_label = ElidedLabel()
        self.message_label.setObjectName("syncMessage")
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.send_button = QPushButton(self.tr("Kirim sekarang"))
        self.send_button.setObjectName("sendNowButton")
        self.send_button.setToolTip(
            self.tr("Kirim laporan yang menunggu dan ambil kabar terbaru dari LAPOR!")
        )
        self.send_button.clicked.connect(self.send_requested.emit)
        self.addWidget(self.connection_label)
        self.addWidget(self._separator())
        self.addWidget(self.waiting_label)
        self.addWidget(self._separator())
        self.addWidget(self.last_sync_label)
        self.addWidget(self.message_label, 1)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.send_button)
        self._show_connection(None)
        self.set_waiting(0)
        self.set_last_sync(None)

    @staticmethod
    def _separator() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def set_connection(self, online: bool | None, reason: str = "") -> None:
        self._show_connection(online, reason)
        # The style sheet picks its colour by the `state` property: re-polish to apply it.
        self.connection_label.style().unpolish(self.connection_label)
        self.connection_label.style().polish(self.connection_label)

    def _show_connection(self, online: bool | None, reason: str = "") -> None:
        if online is None:
            text, state = self.tr("○ Belum diperiksa"), "unknown"
        elif online:
            text, state = self.tr("● Daring"), "online"
        else:
            text, state = self.tr("● Luring"), "offline"
        self.connection_label.setText(text)
        self.connection_label.setProperty("state", state)
        self.connection_label.setToolTip(reason)

    def set_waiting(self, count: int, awaiting_reply: int = 0) -> None:
        """Reports waiting to be sent; and LAPOR!'s questions waiting for a citizen's answer."""
        self.waiting = count
        self.awaiting_reply = awaiting_reply
        if count == 0:
            text = self.tr("Tidak ada laporan menunggu")
        else:
            text = self.tr("%n laporan menunggu dikirim", "", count)
        if awaiting_reply:
            text += " · " + self.tr("%n pertanyaan LAPOR! menunggu jawaban pelapor", "", awaiting_reply)
        self.waiting_label.setText(text)

    def set_last_sync(self, at: dt.datetime | None) -> None:
        if at is None:
            self.last_sync_label.setText(self.tr("Belum pernah tersinkron"))
        else:
            self.last_sync_label.setText(
                self.tr("Sinkron terakhir: {0}").format(format_recent(at, self.zone))
            )

    def set_running(self, running: bool) -> None:
        self.send_button.setEnabled(not running)
        self.send_button.setText(self.tr("Mengirim…") if running else self.tr("Kirim sekarang"))
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)  # busy until the first progress report says how much
            self.message_label.setText(self.tr("Menghubungi server LAPOR!…"))

    def show_progress(self, progress: Any) -> None:
        total = int(getattr(progress, "total", 0) or 0)
        done = int(getattr(progress, "done", 0) or 0)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(f"{min(done, total)}/{total}")
        else:
            self.progress.setRange(0, 0)
        message = getattr(progress, "message", "") or ""
        if message:
            self.message_label.setText(message)

    def show_message(self, text: str) -> None:
        """One line, cut with "…" where the bar ends; the tooltip has it whole."""
        self.message_label.setText(text)


class NoticeBanner(QFrame):
    """A calm, non-modal line above the pages: a problem, and the button that leads to the fix."""

    action_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.label = ElidedLabel(lines=2)
        self.action = QPushButton()
        self.action.setObjectName("noticeAction")
        self.action.clicked.connect(self.action_requested.emit)
        close = QPushButton(self.tr("Tutup"))
        close.setObjectName("noticeClose")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(close)
        self.hide()

    def show_notice(self, text: str, action_text: str, kind: str = "warning") -> None:
        self.label.setText(text)
        self.action.setText(action_text)
        self.action.setVisible(bool(action_text))
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
