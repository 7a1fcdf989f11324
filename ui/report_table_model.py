"""The report list as a Qt table model: keyset pages fetched as the user scrolls.

Rows come from `ReportQueries.page` 200 at a time (`canFetchMore`/`fetchMore`),
so a list of 500,000 reports holds only what has been scrolled into view.
Every page is read off the UI thread by the list's `ListReader`: a newer
filter, sort, search or refresh supersedes a read still running, so typing
never waits on a query and an overtaken answer is never shown. The rows on
screen stay until the new page is in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from lapor_desktop.reports.categories import known_tree
from lapor_desktop.reports.queries import ListRow, Page, PageKey, ReportFilter, ReportQueries
from ui.labels import list_state_label, remote_status_label
from ui.list_reads import ListReader
from ui.office_time import format_day, format_when, office_zone

log = logging.getLogger(__name__)

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ID = int(ID_ROLE)
_ROOT = QModelIndex()  # Qt's "no parent": the table's top level


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


def category_paths(data_dir: Path) -> dict[str, str]:
    """Code -> "Group › Category" for every category a stored report may name."""
    tree = known_tree(data_dir)
    return {category.code: tree.path_label(category.code) for category in tree.categories}


class ReportTableModel(QAbstractTableModel):
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
        self._texts: dict[int, tuple[str, ...]] = {}  # row number -> what each column shows
        self._next: PageKey | None = None
        self._filter = ReportFilter()
        self._sort = "id"
        self._descending = True
        self._pending = False

    # -- what the view asks ----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        # Called for every visible cell and a dozen roles at each paint, on the UI thread while the
        # operator types: the roles this model has are plain ints, a row's texts are made once.
        if role == _DISPLAY:
            number = index.row()
            texts = self._texts.get(number)
            if texts is None:
                if not index.isValid():
                    return None
                row = self._rows[number]
                texts = self._texts[number] = tuple(self._display(row, c) for c in range(len(self._columns)))
            return texts[index.column()]
        if role != _TOOLTIP and role != _ID or not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == _ID:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_REF and row.tracking_id:
            return QCoreApplication.translate(
                "ReportTableModel", "Nomor pelacakan (dari LAPOR!): {0}"
            ).format(row.tracking_id)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_STATE:
            return self._state_tip(row)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_TITLE:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_DATE:
            return format_when(row.recorded_at, self._zone)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_REMOTE:
            return self._handling_tip(row)
        return None

    def _handling_tip(self, row: ListRow) -> str | None:
        """Who handles the report now and by when LAPOR!'s current step is due."""
        lines = []
        if row.agency_name:
            lines.append(
                QCoreApplication.translate("ReportTableModel", "Ditangani: {0}").format(row.agency_name)
            )
        if row.due_at is not None:
            lines.append(
                QCoreApplication.translate("ReportTableModel", "Tenggat tahap ini: {0}").format(
                    format_when(row.due_at, self._zone)
                )
            )
        return "\n".join(lines) or None

    @staticmethod
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

    def _display(self, row: ListRow, column: int) -> str:
        if column == COL_REF:
            return row.tracking_id or row.local_ref
        if column == COL_TITLE:
            return row.title or QCoreApplication.translate("ReportTableModel", "(tanpa judul)")
        if column == COL_STATE:
            return list_state_label(row.state, row.review_state, row.returned_by_kecamatan)
        if column == COL_REMOTE:
            return remote_status_label(row.remote_status) if row.remote_status else ""
        if column == COL_CATEGORY:
            return self._categories.get(row.category_code, row.category_code)
        if column == COL_REPORTER:
            if row.anonymous:
                return QCoreApplication.translate("ReportTableModel", "Anonim")
            return row.reporter_name
        if column == COL_DATE:
            return format_day(row.recorded_at, self._zone)
        return ""

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
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_CATEGORY), self.index(len(self._rows) - 1, COL_CATEGORY))

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
        limit = max(PAGE_SIZE, len(self._rows)) if keep_loaded else PAGE_SIZE
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
        self._reader.read(query, lambda page: self._delivered(page, reset), self._failed)

    def _delivered(self, page: Page, reset: bool) -> None:
        self._set_pending(False)
        self._apply(page, reset)

    def _failed(self, error: Exception) -> None:
        self._set_pending(False)
        log.error("list page not read: %s", type(error).__name__)
        self.read_failed.emit(error)

    def _set_pending(self, pending: bool) -> None:
        if pending != self._pending:
            self._pending = pending
            self.loading_changed.emit(pending)

    def _apply(self, page: Page, reset: bool) -> None:
        if reset:
            self.beginResetModel()
            self._texts = {}
            self._rows = list(page.rows)
            self._next = page.next_key
            self.endResetModel()
            self.reset_done.emit()
            return
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self._next = page.next_key
            self.endInsertRows()
        else:
            self._next = None
