"""The *MODE LATIHAN* banner and what its buttons do: demo data, reset, back to the real service.

Resetting or leaving practice deletes the practice database, which must not
be open while that happens (Windows refuses to delete an open file). So those
actions do not touch the files themselves: they ask the window to close and
hand the start-up loop (`ui.main.start_gui`) a `Restart` whose `then` runs
after every connection is closed; the loop then opens whichever office is
active.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from lapor_desktop.domain import ReportState
from ui.changes import Changes
from ui.restart import Restart
from ui.services import Services

DEMO_LOADED = Changes.of_reports((ReportState.DRAFT, ReportState.QUEUED))

BANNER_STYLE = """
QFrame#trainingBanner { background: #b45309; border-bottom: 3px solid #78350f; }
QFrame#trainingBanner QLabel { color: white; }
QLabel#trainingTitle { font-size: 18px; font-weight: bold; letter-spacing: 2px; }
QFrame#trainingBanner QPushButton { color: #78350f; background: #fef3c7; border: 1px solid #78350f;
    border-radius: 4px; padding: 4px 10px; }
QFrame#trainingBanner QPushButton:hover { background: white; }
"""


class TrainingBanner(QFrame):
    """Unmissable while practising: a wide orange band above every page."""

    demo_requested = Signal()
    reset_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.title = QLabel(self.tr("MODE LATIHAN"))
        self.title.setObjectName("trainingTitle")
        self.detail = QLabel()
        self.detail.setObjectName("trainingDetail")
        self.detail.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Isi data contoh"))
        self.demo_button.setObjectName("trainingDemo")
        self.demo_button.setToolTip(
            self.tr("Muat sekitar 40 laporan rekaan dari desa-desa di Lampung Selatan.")
        )
        self.reset_button = QPushButton(self.tr("Atur ulang data latihan"))
        self.reset_button.setObjectName("trainingReset")
        self.leave_button = QPushButton(self.tr("Selesai latihan"))
        self.leave_button.setObjectName("trainingLeave")
        self.leave_button.setToolTip(
            self.tr("Hapus semua data latihan dan beralih ke layanan LAPOR! sungguhan.")
        )
        self.demo_button.clicked.connect(self.demo_requested.emit)
        self.reset_button.clicked.connect(self.reset_requested.emit)
        self.leave_button.clicked.connect(self.leave_requested.emit)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addLayout(text, 1)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.reset_button)
        layout.addWidget(self.leave_button)
        self.set_server(None)

    def set_server(self, url: str | None) -> None:
        where = url or self.tr("(belum diatur)")
        self.detail.setText(
            self.tr(
                "Semua yang Anda catat di sini hanya latihan: laporan dikirim ke server latihan {0} "
                "dan tidak sampai ke instansi mana pun."
            ).format(where)
        )


class TrainingActions(QObject):
    """What the banner's buttons do, for one window and its services."""

    restart_requested = Signal(object)  # a Restart
    message = Signal(str)

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self._parent = parent

    @property
    def base_dir(self) -> Path:
        from lapor_desktop.offices.training import base_data_dir

        return base_data_dir(self.services.data_dir)

    def connect_banner(self, banner: TrainingBanner) -> None:
        banner.demo_requested.connect(self.load_demo)
        banner.reset_requested.connect(self.confirm_reset)
        banner.leave_requested.connect(self.confirm_leave)

    def load_demo(self) -> None:
        from lapor_desktop.offices.training import load_demo_data

        self.message.emit(self.tr("Memuat data contoh…"))
        self.services.run(
            load_demo_data,
            lambda count: self.message.emit(self.tr("{0} laporan contoh dimuat.").format(count)),
            lambda error: self.message.emit(self.tr("Data contoh tidak dapat dimuat: {0}").format(error)),
            changes=DEMO_LOADED,
        )

    def _confirm(self, title: str, text: str, action: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self._parent
        )
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setObjectName("trainingConfirm")
        box.exec()
        return box.clickedButton() is yes

    def confirm_reset(self) -> None:
        if self._confirm(
            self.tr("Atur ulang data latihan"),
            self.tr(
                "Semua laporan latihan di komputer ini akan dihapus. Server dan token latihan tetap, "
                "jadi latihan bisa dimulai lagi dari awal."
            ),
            self.tr("Hapus laporan latihan"),
        ):
            self.reset()

    def confirm_leave(self) -> None:
        if self._confirm(
            self.tr("Selesai latihan"),
            self.tr(
                "Semua laporan, pengaturan dan token latihan akan dihapus, lalu aplikasi beralih ke layanan "
                "LAPOR! sungguhan. Data kantor yang sungguhan tidak berubah."
            ),
            self.tr("Hapus data latihan dan beralih"),
        ):
            self.leave()

    def reset(self) -> None:
        from lapor_desktop.app import prepare_data_dir
        from lapor_desktop.offices.training import reset_training

        base = self.base_dir

        def then() -> None:
            prepare_data_dir(reset_training(base))

        self.restart_requested.emit(Restart(then, "reset"))

    def leave(self) -> None:
        from lapor_desktop.offices.training import leave_training

        base = self.base_dir
        self.restart_requested.emit(Restart(lambda: leave_training(base, discard=True), "leave"))
