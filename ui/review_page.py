"""*Tinjauan* (kecamatan): every desa's imported reports in one place, and the decision on each.

Left, the desa with how many reports wait; right, that desa's reports
awaiting review; *Lihat laporan* (or a double click) opens one in full
(`open_requested`), so it is read before it is decided. Approve queues a report for LAPOR!; return asks for a note
for the desa; duplicate asks which report it repeats. Replies to the desa
(returns, duplicates, tracking ids) leave in a reply paket.

Constructible as ``ReviewPage(services, parent=None)``; ``refresh()`` reloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import ReportState
from lapor_desktop.reports.categories import category_names
from ui.changes import NOTHING, Changes
from ui.office_time import format_when
from ui.paket_dialogs import PaketActions
from ui.services import Services

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from lapor_desktop.kecamatan.review import DesaQueue, ReviewItem

# A decision settles the review; approving also queues the report for LAPOR!.
DECIDED = Changes(review=True)
APPROVED = Changes.of_reports((ReportState.DRAFT, ReportState.NEEDS_FIX, ReportState.QUEUED), review=True)


class ReviewPage(QWidget):
    open_requested = Signal(int)  # a report id, to read in full before deciding

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("reviewPage")
        self.actions = PaketActions(services, self)
        self.actions.show_messages()
        self.actions.done.connect(lambda _summary: self.refresh())
        self.queues: list[DesaQueue] = []
        self.items: list[ReviewItem] = []
        self.error: str | None = None

        title = QLabel(self.tr("Tinjauan laporan desa"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")

        self.desa_list = QListWidget()
        self.desa_list.setObjectName("reviewDesaList")
        self.desa_list.setMinimumWidth(260)
        self.desa_list.currentRowChanged.connect(lambda _row: self._load_items())

        columns = (self.tr("Nomor laporan"), self.tr("Judul"), self.tr("Kategori"), self.tr("Dicatat"))
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName("reviewTable")
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)  # as the other lists: the number is the report's
        header = self.table.horizontalHeader()
        for column in range(len(columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())

        self.open_button = QPushButton(self.tr("Lihat laporan"))
        self.open_button.setObjectName("reviewOpen")
        self.open_button.clicked.connect(self.open_selected)

        self.approve_button = QPushButton(self.tr("Setujui dan antrekan"))
        self.approve_button.setObjectName("reviewApprove")
        self.approve_button.clicked.connect(self.approve_selected)
        self.return_button = QPushButton(self.tr("Kembalikan ke desa…"))
        self.return_button.setObjectName("reviewReturn")
        self.return_button.clicked.connect(self._ask_return)
        self.duplicate_button = QPushButton(self.tr("Tandai duplikat…"))
        self.duplicate_button.setObjectName("reviewDuplicate")
        self.duplicate_button.clicked.connect(self._ask_duplicate)
        self.import_button = QPushButton(self.tr("Impor paket…"))
        self.import_button.setObjectName("reviewImport")
        self.import_button.clicked.connect(self.actions.choose_import)
        self.reply_button = QPushButton(self.tr("Buat paket balasan…"))
        self.reply_button.setObjectName("reviewReply")
        self.reply_button.clicked.connect(self._ask_reply)
        self.trust_button = QPushButton(self.tr("Kenali desa baru…"))
        self.trust_button.setObjectName("reviewTrust")
        self.trust_button.clicked.connect(self.actions.choose_trust)

        # What acts on the selected report: enabled only while one is selected.
        self._row_buttons = (self.open_button, self.approve_button, self.return_button, self.duplicate_button)
        decisions = QHBoxLayout()
        for button in self._row_buttons:
            decisions.addWidget(button)
        decisions.addStretch(1)
        transfer = QHBoxLayout()
        for button in (self.import_button, self.reply_button, self.trust_button):
            transfer.addWidget(button)
        transfer.addStretch(1)

        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addLayout(decisions)
        body = QHBoxLayout()
        body.addWidget(self.desa_list)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(transfer)
        layout.addLayout(body, 1)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        def work(app: App) -> list[DesaQueue]:
            from lapor_desktop.kecamatan.review import ReviewService

            return ReviewService(app).desa_queues()

        self.services.run(work, self._show_queues, self._failed, changes=NOTHING)

    def _failed(self, error: Exception) -> None:
        self.error = str(error)
        self.summary.setText(self.error)

    def _show_queues(self, queues: list[DesaQueue]) -> None:
        keep = self.selected_desa()
        self.queues = queues
        self.desa_list.blockSignals(True)
        self.desa_list.clear()
        for queue in queues:
            item = QListWidgetItem(
                self.tr("{0}\n{1} · {2} menunggu").format(queue.name, queue.region_code, queue.awaiting)
            )
            item.setData(Qt.ItemDataRole.UserRole, queue.region_code)
            self.desa_list.addItem(item)
        self.desa_list.blockSignals(False)
        codes = [q.region_code for q in queues]
        if codes:
            self.desa_list.setCurrentRow(codes.index(keep) if keep in codes else 0)
        waiting = sum(q.awaiting for q in queues)
        self.summary.setText(
            self.tr("{0} laporan dari {1} desa menunggu tinjauan.").format(waiting, len(queues))
            if queues
            else self.tr(
                "Belum ada desa yang dikenal. Kenali desa dengan profil kantornya, lalu impor paketnya."
            )
        )
        self._load_items()

    def selected_desa(self) -> str | None:
        item = self.desa_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _load_items(self) -> None:
        desa = self.selected_desa()
        if desa is None:
            self._show_items([])
            return

        def work(app: App) -> list[ReviewItem]:
            from lapor_desktop.kecamatan.review import ReviewService

            return ReviewService(app).items(desa)

        self.services.run(work, self._show_items, self._failed, changes=NOTHING)

    def _show_items(self, items: list[ReviewItem]) -> None:
        names = category_names(self.services.data_dir)
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = (
                item.local_ref,
                item.title,
                names.get(item.category_code, item.category_code),
                format_when(item.recorded_at, self.services.zone),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if items:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_item(self) -> ReviewItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected_item() is not None
        for button in self._row_buttons:
            button.setEnabled(chosen)
        self.reply_button.setEnabled(self.selected_desa() is not None)

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.open_requested.emit(item.report_id)

    # -- decisions ---------------------------------------------------------------------------------

    def _decide(self, work, done_message: str, changes: Changes = DECIDED) -> None:  # type: ignore[no-untyped-def]
        def succeeded(_value: object) -> None:
            self.actions.message.emit(done_message, False)
            self.refresh()

        self.services.run(
            work, succeeded, lambda error: self.actions.message.emit(str(error), True), changes=changes
        )

    def approve_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        from lapor_desktop.kecamatan.review import ReviewService

        self._decide(
            lambda app: ReviewService(app).approve(item.report_id),
            self.tr("{0} disetujui dan masuk antrean untuk dikirim ke LAPOR! dari kecamatan.").format(
                item.local_ref
            ),
            APPROVED,
        )

    def return_selected(self, note: str) -> None:
        item = self.selected_item()
        if item is None:
            return
        from lapor_desktop.kecamatan.review import ReviewService

        self._decide(
            lambda app: ReviewService(app).return_to_desa(item.report_id, note),
            self.tr("{0} dikembalikan; catatan ikut dalam paket balasan berikutnya.").format(item.local_ref),
        )

    def mark_selected_duplicate(self, of_report_id: int, note: str = "") -> None:
        item = self.selected_item()
        if item is None:
            return
        from lapor_desktop.kecamatan.review import ReviewService

        self._decide(
            lambda app: ReviewService(app).mark_duplicate(item.report_id, of_report_id, note),
            self.tr("{0} ditandai sebagai duplikat.").format(item.local_ref),
        )

    def _ask_reply(self) -> None:
        desa = self.selected_desa()
        if desa is not None:
            self.actions.choose_export_reply(desa)

    def _ask_return(self) -> None:
        note, ok = QInputDialog.getMultiLineText(
            self, self.tr("Kembalikan ke desa"), self.tr("Apa yang perlu diperbaiki desa?")
        )
        if ok:
            self.return_selected(note)

    def _ask_duplicate(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        others = [i for i in self.items if i.report_id != item.report_id]
        labels = [f"{i.local_ref} — {i.title}" for i in others]
        if not labels:
            self.actions.message.emit(self.tr("Tidak ada laporan lain dalam daftar ini untuk dipilih."), True)
            return
        choice, ok = QInputDialog.getItem(
            self, self.tr("Tandai duplikat"), self.tr("Laporan ini mengulang laporan:"), labels, 0, False
        )
        if ok and choice in labels:
            self.mark_selected_duplicate(others[labels.index(choice)].report_id)
