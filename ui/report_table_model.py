"""The report list as a Qt table model: keyset pages fetched as the user scrolls.

Rows come from `ReportQueries.page` 200 at a time (`canFetchMore`/`fetchMore`),
so a list of 500,000 reports holds only what has been scrolled into view.
Every page is read off the UI thread by the list's `ListReader`: a newer
filter, sort, search or refresh supersedes a read still running, so typing
never waits on a query and an overtaken answer is never shown. The rows on
screen stay until the new page is in.

The view paints from Qt's own models, not from Python: a paint asks the model
about every visible cell some ten times (text, flags, font, colours…), and
answering each from a Python `data()` cost more than half of each paint while
the operator types (about 5 of 9 ms for a screen of rows). So the worker that
reads a page also writes its cells into a `QStandardItemModel` of its own (C++
items, no Python object per cell) and hands it to the UI thread, where the
pages are joined (`QConcatenateTablesProxyModel`) behind this proxy: a new
first page is one reset for the view, a further page one insertion, and the
UI thread does no per-row work at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QConcatenateTablesProxyModel,
    QCoreApplication,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from lapor_desktop.offices.timezone import OfficeZone
from lapor_desktop.reports.categories import known_tree
from lapor_desktop.reports.queries import ListRow, Page, PageKey, ReportFilter, ReportQueries
from ui.labels import list_state_label, remote_status_label
from ui.list_reads import ListReader
from ui.office_time import format_day, format_when, office_zone

log = logging.getLogger(__name__)

PAGE_SIZE = 200  # rows read at a time as the operator scrolls
# A new list (search, filter, sort) starts with a few screens of rows, not a full page: what the
# worker reads and makes cells for before the operator sees anything, at every pause in typing.
FIRST_PAGE_SIZE = 50
_ROOT = QModelIndex()  # Qt's "no parent": the table's top level
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
# What a read-only table's cell may do (QAbstractTableModel's own default).
_CELL_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class Column:
    title: str
    sort_key: str | None


def _columns() -> tuple[Column, ...]:
    # A literal context in every call: pyside6-lupdate finds no text behind a variable.
    return (
        Column(QCoreApplication.translate("ReportTableModel", "No. laporan"), "local_ref"),
        Column(QCoreApplication.translate("ReportTableModel", "Judul"), "title"),
        Column(QCoreApplication.translate("ReportTableModel", "Status"), "state"),
        Column(QCoreApplication.translate("ReportTableModel", "Status LAPOR!"), "remote_status"),
        Column(QCoreApplication.translate("ReportTableModel", "Kategori"), "category_code"),
        Column(QCoreApplication.translate("ReportTableModel", "Pelapor"), None),
        Column(QCoreApplication.translate("ReportTableModel", "Tanggal"), "recorded_at"),
    )


COL_REF, COL_TITLE, COL_STATE, COL_REMOTE, COL_CATEGORY, COL_REPORTER, COL_DATE = range(7)
_COLUMN_COUNT = 7


def category_paths(data_dir: Path) -> dict[str, str]:
    """Code -> "Group › Category" for every category a stored report may name."""
    tree = known_tree(data_dir)
    return {category.code: tree.path_label(category.code) for category in tree.categories}


class _Cells:
    """What each column of a row shows and tells (its tooltip), written into a page's own store.

    Made on the list's worker thread (`QCoreApplication.translate` is thread-safe); the labels a
    page repeats on every row are looked up once per page."""

    def __init__(self, categories: dict[str, str], zone: OfficeZone) -> None:
        self._categories = categories
        self._zone = zone
        self._states: dict[tuple[object, ...], str] = {}
        self._remote: dict[object, str] = {}
        self._untitled = QCoreApplication.translate("ReportTableModel", "(tanpa judul)")
        self._anonymous = QCoreApplication.translate("ReportTableModel", "Anonim")

    def store(self, rows: list[ListRow]) -> QStandardItemModel:
        """A table of `rows` for the UI thread: its cells are C++ items (the prototype gives each
        its flags), so no Python object outlives the filling of it."""
        store = QStandardItemModel(len(rows), _COLUMN_COUNT)
        prototype = QStandardItem()
        prototype.setFlags(_CELL_FLAGS)
        store.setItemPrototype(prototype)  # the store owns it now
        index, set_data = store.index, store.setData
        for number, row in enumerate(rows):
            for column, (text, tip) in enumerate(self._row(row)):
                cell = index(number, column)
                set_data(cell, text)
                if tip:
                    set_data(cell, tip, _TOOLTIP)
        store.moveToThread(QCoreApplication.instance().thread())
        return store

    def _row(self, row: ListRow) -> tuple[tuple[str, str | None], ...]:
        state_key = (row.state, row.review_state, row.returned_by_kecamatan)
        state = self._states.get(state_key)
        if state is None:
            state = self._states[state_key] = list_state_label(*state_key)  # type: ignore[arg-type]
        remote = self._remote.get(row.remote_status)
        if remote is None:
            remote = self._remote[row.remote_status] = (
                remote_status_label(row.remote_status) if row.remote_status else ""
            )
        return (
            (row.tracking_id or row.local_ref, _tracking_tip(row)),
            (row.title or self._untitled, row.title),
            (state, _state_tip(row)),
            (remote, _handling_tip(row, self._zone)),
            (self.category(row.category_code), None),
            (self._anonymous if row.anonymous else row.reporter_name, None),
            (format_day(row.recorded_at, self._zone), format_when(row.recorded_at, self._zone)),
        )

    def category(self, code: str) -> str:
        return self._categories.get(code, code)


def _tracking_tip(row: ListRow) -> str | None:
    if not row.tracking_id:
        return None
    return QCoreApplication.translate("ReportTableModel", "Nomor pelacakan (dari LAPOR!): {0}").format(
        row.tracking_id
    )


def _handling_tip(row: ListRow, zone: OfficeZone) -> str | None:
    """Who handles the report now and by when LAPOR!'s current step is due."""
    lines = []
    if row.agency_name:
        lines.append(QCoreApplication.translate("ReportTableModel", "Ditangani: {0}").format(row.agency_name))
    if row.due_at is not None:
        lines.append(
            QCoreApplication.translate("ReportTableModel", "Tenggat tahap ini: {0}").format(
                format_when(row.due_at, zone)
            )
        )
    return "\n".join(lines) or None


def _state_tip(row: ListRow) -> str | None:
    if row.returned_by_kecamatan:
        return QCoreApplication.translate(
            "ReportTableModel",
            "Kecamatan mengembalikan laporan ini untuk diperbaiki, lalu diserahkan lagi.",
        )
    if row.review_state is not None and row.review_state.value == "returned":
        return QCoreApplication.translate(
            "ReportTableModel",
            "Dikembalikan ke desa untuk diperbaiki; desa menyerahkannya lagi lewat paket.",
        )
    return None


@dataclass(frozen=True)
class _Delivery:
    """A page read on the worker, with the cells made there for it."""

    page: Page
    store: QStandardItemModel
    categories: dict[str, str]  # the names the cells were made with


class ReportTableModel(QIdentityProxyModel):
    loading_changed = Signal(bool)
    reset_done = Signal()  # a new first page (filter, sort, search or refresh) is in
    read_failed = Signal(object)  # the exception: a page could not be read

    def __init__(self, reader: ListReader, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._reader = reader
        self._columns = _columns()
        self._categories = category_paths(data_dir)
        self._zone = office_zone(data_dir)  # the office's WIB/WITA/WIT
        self._rows: list[ListRow] = []
        self._next: PageKey | None = None
        self._filter = ReportFilter()
        self._sort = "id"
        self._descending = True
        self._pending = False
        self._stores: list[QStandardItemModel] = []  # one per page, in order
        self._pages = self._joined(QStandardItemModel(0, _COLUMN_COUNT))  # until the first page is in
        self.setSourceModel(self._pages)

    # -- what the view asks (the cells themselves come from the store, in C++) -------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._next is not None and not self._pending

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or self._next is None or self._pending:
            return
        after = self._next
        flt, sort, descending = self._filter, self._sort, self._descending
        self._load(
            lambda q: q.page(flt, sort=sort, descending=descending, after=after, limit=PAGE_SIZE), False
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key if 0 <= column < len(self._columns) else None
        if key is None:
            return
        self.set_sort(key, descending=order == Qt.SortOrder.DescendingOrder)

    # -- what the page asks ----------------------------------------------------------

    @property
    def report_filter(self) -> ReportFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def categories(self) -> dict[str, str]:
        return dict(self._categories)

    @property
    def is_loading(self) -> bool:
        return self._pending

    @property
    def has_more(self) -> bool:
        return self._next is not None

    def set_category_names(self, names: dict[str, str]) -> None:
        self._categories = dict(names)
        self._name_categories(self._stores)

    def _name_categories(self, stores: list[QStandardItemModel]) -> None:
        cells = _Cells(self._categories, self._zone)
        number = 0
        for store in self._stores:
            count = store.rowCount()
            if store in stores:
                for row in range(count):
                    name = cells.category(self._rows[number + row].category_code)
                    store.setData(store.index(row, COL_CATEGORY), name)
            number += count

    def set_filter(self, flt: ReportFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def set_search(self, text: str) -> None:
        self.set_filter(replace(self._filter, search=text))

    def set_sort(self, key: str, *, descending: bool) -> None:
        if (key, descending) != (self._sort, self._descending):
            self._sort = key
            self._descending = descending
            self.reload()

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Read the first page again; with `keep_loaded`, as many rows as are loaded now (refresh)."""
        limit = max(FIRST_PAGE_SIZE, len(self._rows)) if keep_loaded else FIRST_PAGE_SIZE
        flt, sort, descending = self._filter, self._sort, self._descending
        self._load(lambda q: q.page(flt, sort=sort, descending=descending, limit=limit), True)

    def report_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, report_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == report_id:
                return number
        return None

    def list_row(self, row: int) -> ListRow:
        return self._rows[row]

    def wait(self, msecs: int = 5_000) -> bool:
        return self._reader.wait(msecs)

    # -- loading ----------------------------------------------------------------------

    def _load(self, query: Callable[[ReportQueries], Page], reset: bool) -> None:
        self._set_pending(True)
        categories, zone = self._categories, self._zone

        def read(queries: ReportQueries) -> _Delivery:
            page = query(queries)
            return _Delivery(page, _Cells(categories, zone).store(page.rows), categories)

        self._reader.read(read, lambda delivery: self._delivered(delivery, reset), self._failed)

    def _delivered(self, delivery: _Delivery, reset: bool) -> None:
        self._set_pending(False)
        self._apply(delivery, reset)

    def _failed(self, error: Exception) -> None:
        self._set_pending(False)
        log.error("list page not read: %s", type(error).__name__)
        self.read_failed.emit(error)

    def _set_pending(self, pending: bool) -> None:
        if pending != self._pending:
            self._pending = pending
            self.loading_changed.emit(pending)

    def _joined(self, first: QStandardItemModel) -> QConcatenateTablesProxyModel:
        """A new list whose first page is `first`; later pages join it as they come."""
        pages = QConcatenateTablesProxyModel()
        pages.addSourceModel(first)
        self._stores = [first]
        return pages

    def _apply(self, delivery: _Delivery, reset: bool) -> None:
        page, store = delivery.page, delivery.store
        if reset:
            old = self._pages, self._stores  # kept until the view has let go of them
            self._pages = self._joined(store)
            self._rows = list(page.rows)
            self._next = page.next_key
            self.setSourceModel(self._pages)  # the view hears one reset
            del old
        elif page.rows:
            self._rows.extend(page.rows)
            self._next = page.next_key
            self._stores.append(store)
            self._pages.addSourceModel(store)  # the view hears one insertion
        else:
            self._next = None
        if delivery.categories is not self._categories and page.rows:
            self._name_categories([store])  # the names changed while the page was read
        if reset:
            self.reset_done.emit()
