"""*Tes koneksi*: the address, the LAPOR! service and the token, each checked and shown on its own line.

The check (`sync.probe.check_access`) runs on the services' background pool,
so the guide and *Pengaturan* never freeze on a slow line. Used by the
first-start guide and by *Pengaturan*, wherever a server address and a token
are typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lapor_desktop.offices.settings import SettingsError

if TYPE_CHECKING:
    from sync.probe import AccessCheck
    from ui.services import Services

_MARKS = {"ok": "✓", "failed": "✗", "skipped": "–"}


def run_check(url: str, token: str) -> AccessCheck:
    """On a worker: imports `requests` only here."""
    from sync.probe import check_access

    return check_access(url, token)


class ConnectionTest(QWidget):
    finished = Signal(bool, str)  # all three passed; the one-line summary

    def __init__(
        self,
        services: Services,
        address: Callable[[], str | None],
        token: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        """`address()` gives the checked server address (None when empty; raises SettingsError)."""
        super().__init__(parent)
        self._services = services
        self._address = address
        self._token = token
        self.button = QPushButton(self.tr("Tes koneksi"))
        self.button.setObjectName("testConnection")
        self.button.setToolTip(self.tr("Periksa alamat server, layanan LAPOR! dan token, satu per satu."))
        self.button.clicked.connect(self.run)
        self.result = QLabel()
        self.result.setObjectName("probeResult")
        self.result.setWordWrap(True)
        self._names = {
            "address": self.tr("Alamat server"),
            "service": self.tr("Layanan LAPOR!"),
            "token": self.tr("Token"),
        }
        self.rows: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for row, (step, name) in enumerate(self._names.items()):
            caption = QLabel(name)
            caption.setObjectName("fieldHint")
            text = QLabel()
            text.setObjectName(f"check_{step}")
            text.setWordWrap(True)
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1, Qt.AlignmentFlag.AlignTop)
            self.rows[step] = text
        grid.setColumnStretch(1, 1)
        self._grid = QWidget()
        self._grid.setLayout(grid)
        self._grid.setVisible(False)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.button)
        top.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self._grid)

    def run(self) -> bool:
        """Start the check; False (with the reason shown) when there is no address to check."""
        try:
            url = self._address()
        except SettingsError as error:
            self._show_summary(False, str(error))
            return False
        if url is None:
            self._show_summary(False, self.tr("Isi alamat server dulu, lalu tekan Tes koneksi."))
            return False
        self.button.setEnabled(False)
        self._grid.setVisible(False)
        self._set_state("")
        self.result.setText(self.tr("Menghubungi server…"))
        token = self._token().strip()
        self._services.run_background(lambda: run_check(url, token), self._checked, self._crashed)
        return True

    def _checked(self, check: AccessCheck) -> None:
        self.button.setEnabled(True)
        for step in check.steps:
            self.rows[step.step.value].setText(f"{_MARKS[step.outcome.value]} {step.message}")
            self.rows[step.step.value].setProperty("state", step.outcome.value)
        self._grid.setVisible(True)
        failed = check.failed
        if failed is None:
            summary = self.tr("Koneksi baik: alamat, layanan LAPOR! dan token semuanya diterima.")
            if check.clock_warning:
                summary = f"{summary} {check.clock_warning}"
        else:
            summary = self.tr("Bermasalah di langkah “{0}”.").format(self._names[failed.step.value])
        self._show_summary(check.ok, summary)

    def _crashed(self, _error: Exception) -> None:
        self.button.setEnabled(True)
        self._show_summary(False, self.tr("Koneksi tidak dapat diperiksa. Coba lagi sebentar lagi."))

    def _show_summary(self, ok: bool, text: str) -> None:
        self.result.setText(text)
        self._set_state("online" if ok else "offline")
        self.finished.emit(ok, text)

    def _set_state(self, state: str) -> None:
        self.result.setProperty("state", state)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)

    def step_text(self, step: str) -> str:
        return self.rows[step].text()
