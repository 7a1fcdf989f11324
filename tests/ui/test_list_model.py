"""The list's model: each page's cells made on the list's worker as a Qt store, shown in one step."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import Qt, QThread

from lapor_desktop.reports.queries import ReportQueries
from tests.support.bulk import bulk_insert_reports
from ui.report_table_model import COL_CATEGORY, COL_TITLE, FIRST_PAGE_SIZE, PAGE_SIZE
from ui.reports_page import ListKind, ReportsPage


def _signals(model) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    heard: list[tuple[object, ...]] = []
    model.modelReset.connect(lambda: heard.append(("reset",)))
    model.rowsInserted.connect(lambda _parent, first, last: heard.append(("inserted", first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: heard.append(("removed", first, last)))
    model.dataChanged.connect(lambda *_args: heard.append(("changed",)))
    return heard


def test_a_new_list_is_one_reset_and_each_further_page_one_insertion(qtbot, services, db_path) -> None:  # type: ignore[no-untyped-def]
    bulk_insert_reports(db_path, 300, seed=11)
    page = ReportsPage(services, ListKind.ALL)
    qtbot.addWidget(page)
    heard = _signals(page.model)

    page.search.setText("jalan")
    page.flush_search()
    assert heard == [("reset",)]  # no row by row: the view lays out once

    heard.clear()
    page.model.fetchMore()
    shown = page.model.rowCount()
    assert FIRST_PAGE_SIZE < shown <= FIRST_PAGE_SIZE + PAGE_SIZE
    assert heard == [("inserted", FIRST_PAGE_SIZE, shown - 1)]


def test_cells_are_read_only_and_carry_their_tooltips(qtbot, services, db_path) -> None:  # type: ignore[no-untyped-def]
    bulk_insert_reports(db_path, 20, seed=12)
    page = ReportsPage(services, ListKind.ALL)
    qtbot.addWidget(page)
    model = page.model
    title = model.index(0, COL_TITLE)
    assert model.flags(title) == (
        Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
    )
    assert model.data(title, Qt.ItemDataRole.ToolTipRole) == model.list_row(0).title
    assert model.headerData(COL_TITLE, Qt.Orientation.Horizontal) == "Judul"
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_cells_are_made_on_the_worker_and_shown_from_the_ui_thread(
    qtbot, threaded_services, db_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    bulk_insert_reports(db_path, 120, seed=13)
    made_on: list[threading.Thread] = []
    from ui import report_table_model

    store_of = report_table_model._Cells.store

    def recorded_store(self, rows):  # type: ignore[no-untyped-def]
        made_on.append(threading.current_thread())
        return store_of(self, rows)

    monkeypatch.setattr(report_table_model._Cells, "store", recorded_store)
    page = ReportsPage(threaded_services, ListKind.ALL)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.is_loading, timeout=10_000)
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 120 and not page.model.is_loading, timeout=10_000)

    assert made_on and threading.main_thread() not in made_on
    pages = page.model.sourceModel()
    assert pages.thread() is QThread.currentThread()
    assert all(store.thread() is QThread.currentThread() for store in pages.sourceModels())
    expected = threaded_services.queries.page(limit=120).rows
    assert [page.model.report_id(row) for row in range(120)] == [row.id for row in expected]


def test_category_names_changed_while_a_page_is_read_reach_that_page(
    qtbot, threaded_services, db_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    bulk_insert_reports(db_path, 30, seed=14)
    page = ReportsPage(threaded_services, ListKind.ALL)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 30 and not page.model.is_loading, timeout=10_000)
    codes = {page.model.list_row(row).category_code for row in range(30)}

    reading = threading.Event()
    release = threading.Event()
    page_of = ReportQueries.page

    def held_page(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        reading.set()
        release.wait(10)
        return page_of(self, *args, **kwargs)

    monkeypatch.setattr(ReportQueries, "page", held_page)
    page.refresh()
    assert reading.wait(10)
    page.set_categories([(code, f"Nama baru {code}") for code in codes])  # while the worker reads
    release.set()
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10_000)

    model = page.model
    for row in range(model.rowCount()):
        code = model.list_row(row).category_code
        assert model.data(model.index(row, COL_CATEGORY)) == f"Nama baru {code}"


def test_the_heap_is_frozen_after_the_warm_up_and_thawed_on_close(qapp, office_dir, db_path) -> None:  # type: ignore[no-untyped-def]
    from ui.services import Services

    services = Services(office_dir, db_path, inline=True)
    try:
        services.warm_up()
        assert gc.get_freeze_count() > 0  # a full collection no longer walks the start-up heap
    finally:
        services.close()
    assert gc.get_freeze_count() == 0
