"""List reads off the UI thread: a newer request skips, interrupts and drops the older ones."""

from __future__ import annotations

import sqlite3
import threading

from lapor_desktop.reports.queries import ReportFilter, ReportQueries
from tests.support.bulk import bulk_insert_reports
from ui.list_reads import ListReader
from ui.operations import Runner, Superseding
from ui.reports_page import ListKind, ReportsPage

# Long enough never to finish within a test run unless interrupted; bounded so a broken
# interrupt fails the test (waitUntil times out) instead of leaving a thread running forever.
_ENDLESS = (
    "WITH RECURSIVE c(x) AS (SELECT began() UNION ALL SELECT x + 1 FROM c WHERE x < 200000000) "
    "SELECT count(*) FROM c"
)


def test_requests_not_started_are_skipped_and_a_superseded_result_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    latest = Superseding(Runner(threads=1), stop_running=lambda: None)
    gate = threading.Event()
    began = threading.Event()
    ran: list[str] = []
    shown: list[str] = []

    def first(_still_current) -> str:  # type: ignore[no-untyped-def]
        began.set()
        gate.wait(10)
        ran.append("first")
        return "first"

    def named(name: str):  # type: ignore[no-untyped-def]
        def work(_still_current) -> str:  # type: ignore[no-untyped-def]
            ran.append(name)
            return name

        return work

    latest.submit(first, shown.append)
    assert began.wait(10)
    latest.submit(named("second"), shown.append)
    latest.submit(named("third"), shown.append)
    gate.set()
    qtbot.waitUntil(lambda: shown == ["third"], timeout=10_000)
    latest.wait()
    assert ran == ["first", "third"]  # the second never ran
    assert shown == ["third"]  # the first ran to its end but was not shown


def test_a_newer_read_interrupts_the_running_query(qtbot, db_path) -> None:  # type: ignore[no-untyped-def]
    ids = bulk_insert_reports(db_path, 30, seed=3)
    reader = ListReader(db_path)
    began = threading.Event()
    outcome: list[object] = []

    def endless(queries: ReportQueries) -> int:
        queries.connection.create_function("began", 0, lambda: began.set() or 1)
        try:
            return queries.connection.execute(_ENDLESS).fetchone()[0]
        except sqlite3.OperationalError as exc:
            outcome.append(exc.sqlite_errorname)
            raise

    shown: list[object] = []
    failures: list[Exception] = []
    reader.read(endless, shown.append, failures.append)
    assert began.wait(10)  # the query is running on the worker
    reader.read(lambda q: [r.id for r in q.page(limit=5).rows], shown.append, failures.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    reader.close()
    assert shown == [sorted(ids, reverse=True)[:5]]
    assert outcome == ["SQLITE_INTERRUPT"]
    assert failures == []  # the interrupted read was superseded: nobody is told it failed


def test_typing_reads_pages_off_the_ui_thread_and_shows_the_last_search(
    qtbot, threaded_services, db_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    bulk_insert_reports(db_path, 300, seed=5)
    reading_threads: list[threading.Thread] = []
    page_of = ReportQueries.page

    def recorded_page(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        reading_threads.append(threading.current_thread())
        return page_of(self, *args, **kwargs)

    monkeypatch.setattr(ReportQueries, "page", recorded_page)
    page = ReportsPage(threaded_services, ListKind.ALL)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    for text in ("j", "je", "jem", "jemb", "jembatan"):
        page.search.setText(text)
        page.flush_search()
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10_000)
    readers = list(reading_threads)
    expected = threaded_services.queries.page(ReportFilter(search="jembatan")).rows
    assert [page.model.report_id(row) for row in range(page.model.rowCount())] == [r.id for r in expected]
    assert readers and threading.main_thread() not in readers
