"""The list pages: *Kotak keluar* (what waits to be sent or fixed) and *Semua laporan*.

Search runs as the operator types, 150 ms after the last key; the page is read
off the UI thread and a newer key supersedes it (`ui.list_reads`), so typing
never waits. The field takes words, a report number, or the reporter's NIK or
phone number in any writing. The list refreshes when `Services.changed` says a
report it may show changed (the outbox: a queued or needs-fix one), keeping the
selected report and the scroll position.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import RemoteStatus, ReportState
from lapor_desktop.reports.queries import ReportFilter
from ui.changes import Changes
from ui.labels import list_state_labels, remote_status_label, state_label
from ui.list_exports import ListExportButton
from ui.report_actions import unqueue
from ui.report_table_model import (
    COL_CATEGORY,
    COL_DATE,
    COL_REF,
    COL_REMOTE,
    COL_REPORTER,
    COL_STATE,
    COL_TITLE,
    ReportTableModel,
)
from ui.services import Services

SEARCH_DELAY_MS = 150
# Never elided: the report number and the statuses are what the operator reads the list by; their
# width is that of the widest text they can hold. The title takes what is left (at least
# MIN_TITLE_WIDTH), and category and reporter give way first, down to MIN_FLEXIBLE_WIDTH, then hide.
FLEXIBLE_WIDTHS = ((COL_CATEGORY, 130), (COL_REPORTER, 130))
MIN_FLEXIBLE_WIDTH = 60
MIN_TITLE_WIDTH = 150
COMFORTABLE_TITLE_WIDTH = 320  # below it, category and reporter narrow first
CELL_PADDING = 14  # the cell's focus margins and some air
HEADER_PADDING = 32  # the section's padding and the sort arrow
# The widest report numbers: a desa's own (region/year/sequence) and LAPOR!'s tracking id.
REF_SAMPLES = ("88.88.88.8888/8888/88888", "LPR-8888-888888")
DATE_SAMPLE = "88-88-8888"
# "Memuat…" only for a read slow enough to notice (a sort on a big database): a label that came
# and went at every key would make the list jump.
LOADING_DELAY_MS = 400
FILTER_MIN_CHARS = 12
OUTBOX_STATES = (ReportState.QUEUED, ReportState.NEEDS_FIX)
OVERDUE = "overdue"  # the LAPOR! status filter's extra choice: past the current step's due date


class ListKind(StrEnum):
    OUTBOX = "outbox"
    ALL = "all"


class _Period(StrEnum):
    ANY = "any"
    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class _ElideMiddle(QStyledItemDelegate):
    """Report numbers differ at the end (…/2026/00017): keep both ends visible."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle  # type: ignore[attr-defined]


class _ReportTable(QTableView):
    """Tells when it is resized (its viewport too: the scroll area hands those here). An event
    filter on the viewport would run Python for each of its events, every paint included."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class ReportsPage(QWidget):
    """A filtered, searchable, sortable list of reports; double-click opens one."""

    open_requested = Signal(int)

    def __init__(
        self, services: Services, kind: ListKind, parent: QWidget | None = None, *, lazy: bool = False
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.setObjectName(f"reportsPage_{kind.value}")
        self.model = ReportTableModel(services.list_reader(), services.data_dir, self)
        self._build()
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(lambda: self.loading_label.setVisible(True))
        self._filled = False
        self._when_filled: list[Callable[[], None]] = []
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._restore_id: int | None = None
        self._restore_scroll = 0
        self.model.reset_done.connect(self._after_reset)
        self.model.loading_changed.connect(self._show_loading)
        self.model.read_failed.connect(self._read_failed)
        services.changed.connect(self._changed)
        # A lazy page (one not on the first screen) reads its rows when first shown.
        self._loaded = False
        if not lazy:
            self._first_load()

    def _first_load(self) -> None:
        self._loaded = True
        self.model.set_filter(self._current_filter())
        if self.model.report_filter == ReportFilter():
            self.model.reload()  # the default filter did not trigger a load

    def _kept_widths(self) -> dict[int, int]:
        """The width each never-elided column needs: its widest possible text, or its header."""
        if self._kept is None:
            cells = self.table.fontMetrics()
            header_font = QFont(self.table.horizontalHeader().font())
            header_font.setBold(True)
            headers = QFontMetrics(header_font)
            samples = {
                COL_REF: REF_SAMPLES,
                COL_STATE: list_state_labels(),
                COL_REMOTE: [remote_status_label(status) for status in RemoteStatus],
                COL_DATE: (DATE_SAMPLE,),
            }
            self._kept = {
                column: max(
                    max(cells.horizontalAdvance(text) for text in texts) + CELL_PADDING,
                    headers.horizontalAdvance(self.model.columns[column].title) + HEADER_PADDING,
                )
                for column, texts in samples.items()
            }
        return self._kept

    def _fit_columns(self) -> None:
        """Number, statuses and date at their full width; category and reporter narrow first (the
        reporter goes on a 1366x768 screen at 125 %), then the title, whose tooltip has it in full."""
        available = self.table.viewport().width()
        if available == self._fitted_width:
            return
        self._fitted_width = available
        kept = {c: w for c, w in self._kept_widths().items() if not self.table.isColumnHidden(c)}
        for column, width in kept.items():
            self.table.setColumnWidth(column, width)
        free = available - sum(kept.values())
        # Too narrow for all of them at their least: the last ones (reporter, then category) go.
        flexible = FLEXIBLE_WIDTHS
        while flexible and free - MIN_FLEXIBLE_WIDTH * len(flexible) < MIN_TITLE_WIDTH:
            flexible = flexible[:-1]
        for column, _width in FLEXIBLE_WIDTHS:
            self.table.setColumnHidden(column, (column, _width) not in flexible)
        if not flexible:
            return
        usual = sum(width for _column, width in flexible)
        total = min(usual, max(MIN_FLEXIBLE_WIDTH * len(flexible), free - COMFORTABLE_TITLE_WIDTH))
        for column, width in flexible:
            self.table.setColumnWidth(column, max(MIN_FLEXIBLE_WIDTH, width * total // usual))

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self._first_load()
        super().showEvent(event)

    # -- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        outbox = self.kind is ListKind.OUTBOX
        title = QLabel(self.tr("Kotak keluar") if outbox else self.tr("Semua laporan"))
        title.setObjectName("pageTitle")
        hint = QLabel(
            self.tr(
                "Laporan di sini menunggu dikirim ke LAPOR! saat ada koneksi. Laporan berstatus Perlu diperbaiki harus "
                "disunting dulu, lalu dimasukkan ke antrean lagi."
            )
            if outbox
            else self.tr("Semua laporan yang pernah dicatat di kantor ini. Klik dua kali untuk membuka.")
        )
        hint.setWordWrap(True)
        hint.setObjectName("pageHint")

        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Cari judul, isi, nama pelapor, nomor laporan, atau NIK / nomor HP pelapor…")
        )
        self.search.textChanged.connect(lambda _text: self._search_timer.start())

        self.state_box = QComboBox()
        self.state_box.setObjectName("stateFilter")
        if outbox:
            self.state_box.addItem(self.tr("Semua di kotak keluar"), None)
            for state in OUTBOX_STATES:
                self.state_box.addItem(state_label(state), state.value)
        else:
            self.state_box.addItem(self.tr("Semua status"), None)
            for state in ReportState:
                self.state_box.addItem(state_label(state), state.value)

        self.remote_box = QComboBox()
        self.remote_box.setObjectName("remoteFilter")
        self.remote_box.addItem(self.tr("Semua status LAPOR!"), None)
        for status in RemoteStatus:
            self.remote_box.addItem(remote_status_label(status), status.value)
        # Past the due date of LAPOR!'s current step (verification or the agency's answer).
        self.remote_box.addItem(self.tr("Lewat tenggat"), OVERDUE)
        self.remote_box.setVisible(not outbox)

        self.category_box = QComboBox()
        self.category_box.setObjectName("categoryFilter")
        self._fill_categories(self.model.categories)

        self.period_box = QComboBox()
        self.period_box.setObjectName("periodFilter")
        for period, text in (
            (_Period.ANY, self.tr("Semua tanggal")),
            (_Period.TODAY, self.tr("Hari ini")),
            (_Period.WEEK, self.tr("7 hari terakhir")),
            (_Period.MONTH, self.tr("30 hari terakhir")),
            (_Period.YEAR, self.tr("Tahun ini")),
            (_Period.RANGE, self.tr("Pilih rentang tanggal…")),
        ):
            self.period_box.addItem(text, period)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setVisible(False)
            edit.dateChanged.connect(self._filters_changed)
        self.date_sep = QLabel(self.tr("s.d."))
        self.date_sep.setVisible(False)

        self.clear_button = QPushButton(self.tr("Hapus filter"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)

        filters = QHBoxLayout()
        for box in (self.state_box, self.remote_box, self.category_box, self.period_box):
            box.currentIndexChanged.connect(self._filters_changed)
            # Share the row instead of each taking its longest item's width, so the row fits a
            # 1366x768 screen at 125%; the open list is as wide as its longest item.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(FILTER_MIN_CHARS)
            box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 32)
            filters.addWidget(box, 1)
        filters.addWidget(self.date_from)
        filters.addWidget(self.date_sep)
        filters.addWidget(self.date_to)
        filters.addWidget(self.clear_button)
        self.export_button = ListExportButton(self.services, lambda: self.model.report_filter)
        filters.addWidget(self.export_button)
        self.unqueue_button = QPushButton(self.tr("Tarik kembali menjadi draf"))
        self.unqueue_button.setObjectName("unqueueSelected")
        self.unqueue_button.setToolTip(
            self.tr("Keluarkan laporan yang dipilih dari antrean kirim agar isinya dapat diubah.")
        )
        self.unqueue_button.clicked.connect(self.unqueue_selected)
        self.unqueue_button.setEnabled(False)
        self.unqueue_button.setVisible(outbox)  # in Semua laporan: the row's menu (right click)
        filters.addWidget(self.unqueue_button)

        self.table = _ReportTable()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.sectionClicked.connect(self._header_clicked)
        self.table.setItemDelegateForColumn(COL_REF, _ElideMiddle(self.table))
        self.table.setColumnHidden(COL_REMOTE, outbox)  # nothing in the outbox has a LAPOR! status yet
        self._fitted_width = -1
        self._kept: dict[int, int] | None = None
        self.table.resized.connect(self._fit_columns)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_row_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_label)

        self.loading_label = QLabel(self.tr("Memuat…"))
        self.loading_label.setObjectName("loadingLabel")
        self.loading_label.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.loading_label)
        layout.addWidget(self.body, 1)

    # -- filters ----------------------------------------------------------------------

    def _current_filter(self) -> ReportFilter:
        # Qt hands enum members back as plain strings.
        state = self.state_box.currentData()
        states: tuple[ReportState, ...] = (ReportState(state),) if state else ()
        if self.kind is ListKind.OUTBOX and not states:
            states = OUTBOX_STATES
        remote = self.remote_box.currentData() if self.kind is ListKind.ALL else None
        recorded_from, recorded_to = self._period()
        return ReportFilter(
            states=states,
            remote_statuses=(RemoteStatus(remote),) if remote and remote != OVERDUE else (),
            overdue=remote == OVERDUE,
            category_code=self.category_box.currentData(),
            recorded_from=recorded_from,
            recorded_to=recorded_to,
            search=self.search.text().strip(),
        )

    def _period(self) -> tuple[dt.date | None, dt.date | None]:
        period = self.period_box.currentData()
        custom = period == _Period.RANGE
        for widget in (self.date_from, self.date_sep, self.date_to):
            widget.setVisible(custom)
        today = self.services.zone.local(dt.datetime.now(dt.UTC)).date()  # the office's calendar
        if period == _Period.TODAY:
            return today, today
        if period == _Period.WEEK:
            return today - dt.timedelta(days=6), today
        if period == _Period.MONTH:
            return today - dt.timedelta(days=29), today
        if period == _Period.YEAR:
            return dt.date(today.year, 1, 1), today
        if custom:
            start = self.date_from.date().toPython()
            end = self.date_to.date().toPython()
            return (start, end) if start <= end else (end, start)
        return None, None

    def _filters_changed(self, *_args: object) -> None:
        if self._loaded:
            self.model.set_filter(self._current_filter())

    def _apply_search(self) -> None:
        if self._loaded:
            self.model.set_search(self.search.text().strip())

    def flush_search(self) -> None:
        """Apply pending typing now (tests, and Enter in the search field)."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._apply_search()

    def clear_filters(self) -> None:
        for box in (self.state_box, self.remote_box, self.category_box, self.period_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self._filters_changed()

    def _fill_categories(self, names: dict[str, str]) -> None:
        chosen = self.category_box.currentData()
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem(self.tr("Semua kategori"), None)
        for code, name in sorted(names.items(), key=lambda item: item[1]):
            self.category_box.addItem(name, code)
        self.category_box.setCurrentIndex(max(0, self.category_box.findData(chosen)))
        self.category_box.blockSignals(False)

    def set_categories(self, categories: list[tuple[str, str]], known: dict[str, str] | None = None) -> None:
        """A refreshed category list: the filter offers it; the rows name categories by `known`
        (every category a stored report may name, also those the server no longer lists)."""
        names = dict(categories)
        self.model.set_category_names(known if known is not None else names)
        self._fill_categories(names)

    def set_state_filter(self, state: ReportState | None) -> None:
        index = self.state_box.findData(state.value if state is not None else None)
        if index >= 0:
            self.state_box.setCurrentIndex(index)

    # -- sorting, opening, refreshing -------------------------------------------------

    def _header_clicked(self, column: int) -> None:
        key = self.model.columns[column].sort_key
        header = self.table.horizontalHeader()
        if key is None:
            # Restore the indicator on the column that really orders the list.
            self._show_sort_indicator()
            return
        descending = not (self.model.sort_key == key and self.model.descending)
        if self.model.sort_key != key:
            descending = key == "recorded_at"  # newest first feels natural for dates only
        header.setSortIndicator(
            column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.model.set_sort(key, descending=descending)

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        for column, spec in enumerate(self.model.columns):
            if spec.sort_key == self.model.sort_key:
                order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
                header.setSortIndicator(column, order)
                return
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)

    def sort_by(self, key: str, *, descending: bool) -> None:
        self.model.set_sort(key, descending=descending)
        self._show_sort_indicator()

    def _open_index(self, index: QModelIndex) -> None:
        report_id = self.model.report_id(index.row())
        if report_id is not None:
            self.open_requested.emit(report_id)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _selection_changed(self) -> None:
        row = self._selected_row()
        queued = row is not None and self.model.list_row(row).state is ReportState.QUEUED
        self.unqueue_button.setEnabled(queued)

    def row_menu(self, row: int) -> QMenu:
        """What can be done to the report in `row`: open it, and take it back to draft while it is queued."""
        menu = QMenu(self)
        report_id = self.model.report_id(row)
        menu.addAction(self.tr("Buka"), lambda: report_id is not None and self.open_requested.emit(report_id))
        if self.model.list_row(row).state is ReportState.QUEUED and report_id is not None:
            menu.addAction(
                self.tr("Tarik kembali menjadi draf"), lambda: unqueue(self.services, report_id, self)
            )
        return menu

    def _show_row_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
            self.row_menu(index.row()).popup(self.table.viewport().mapToGlobal(position))

    def unqueue_selected(self) -> None:
        report_id = self.selected_report_id()
        if report_id is not None:
            unqueue(self.services, report_id, self)  # the list refreshes on the change

    def selected_report_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.report_id(rows[0].row()) if rows else None

    def _changed(self, changes: Changes) -> None:
        if changes.touches_outbox if self.kind is ListKind.OUTBOX else bool(changes.reports):
            self.refresh()

    def refresh(self) -> None:
        if not self._loaded:
            return
        self._restore_id = self.selected_report_id()
        self._restore_scroll = self.table.verticalScrollBar().value()
        self.model.reload(keep_loaded=True)

    def shown_body(self) -> QWidget:
        """What shows the rows now: the table's viewport, or the message of an empty list."""
        return self.table.viewport() if self.body.currentWidget() is self.table else self.empty_label

    def when_filled(self, callback: Callable[[], None]) -> None:
        """`callback()` once the first page is in (now, if it already is)."""
        if self._filled:
            callback()
        else:
            self._when_filled.append(callback)

    def _after_reset(self) -> None:
        if self._restore_id is not None:
            row = self.model.row_of(self._restore_id)
            if row is not None:
                self.table.selectRow(row)
            self.table.verticalScrollBar().setValue(self._restore_scroll)
        self._restore_id = None
        self._restore_scroll = 0
        self._update_empty()
        self._selection_changed()
        if not self._filled:
            self._filled = True
            waiting, self._when_filled = self._when_filled, []
            for callback in waiting:
                callback()

    def _update_empty(self) -> None:
        if self.model.rowCount() > 0:
            self.body.setCurrentWidget(self.table)
            return
        flt = self.model.report_filter
        if flt.search:
            text = self.tr(
                "Tidak ada laporan yang cocok dengan “{0}”. Periksa ejaan atau gunakan kata lain."
            ).format(flt.search)
        elif flt != replace(ReportFilter(), states=flt.states) or (self.kind is ListKind.ALL and flt.states):
            text = self.tr(
                "Tidak ada laporan yang cocok dengan filter ini. Klik “Hapus filter” untuk melihat semua."
            )
        elif self.kind is ListKind.OUTBOX:
            text = self.tr("Kotak keluar kosong: semua laporan yang siap sudah terkirim.")
        else:
            text = self.tr("Belum ada laporan. Klik “Laporan baru” untuk mencatat laporan pertama.")
        self.empty_label.setText(text)
        self.body.setCurrentWidget(self.empty_label)

    def _show_loading(self, loading: bool) -> None:
        if loading:
            self._loading_timer.start()
        else:
            self._loading_timer.stop()
            self.loading_label.setVisible(False)

    def _read_failed(self, error: Exception) -> None:
        from lapor_desktop.storage.faults import classify

        fault = classify(error, self.services.data_dir)
        if fault is not None:
            self.services.faults.found(fault)  # a corrupt or lost database: the fault dialog (ui.safeguards)
        else:
            self.services.failed.emit(self.tr("Daftar laporan tidak dapat dibaca."))
