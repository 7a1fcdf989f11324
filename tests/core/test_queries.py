"""Lists and search on the fast read path."""

from __future__ import annotations

import datetime as dt
import sqlite3

from lapor_desktop.domain import ReportState
from lapor_desktop.reports.queries import ReportFilter, ReportQueries, fts_query
from tests.support.reports import valid_content


def fill(app, titles: list[str]) -> list[int]:
    return [app.reports.create(valid_content(title=t)).id for t in titles]


def test_newest_first_and_keyset_pages_cover_everything_once(app):
    ids = fill(app, [f"Laporan nomor {i:03d} tentang jalan" for i in range(23)])
    queries = ReportQueries(app.db_path)
    seen: list[int] = []
    page = queries.page(limit=5)
    while True:
        seen += [r.id for r in page.rows]
        if page.next_key is None:
            break
        page = queries.page(after=page.next_key, limit=5)
    assert seen == sorted(ids, reverse=True)


def test_sorted_pages_by_title_ascending(app):
    fill(app, ["Beras bantuan", "Air bersih", "Drainase tersumbat", "Cahaya lampu jalan", "Air bersih"])
    queries = ReportQueries(app.db_path)
    first = queries.page(sort="title", descending=False, limit=2)
    rest = queries.page(sort="title", descending=False, after=first.next_key, limit=10)
    titles = [r.title for r in first.rows + rest.rows]
    assert titles == sorted(titles)
    assert len(titles) == 5


def test_search_matches_words_prefix_reference_and_name(app):
    a, b, _ = fill(app, ["Jembatan gantung putus", "Lampu jalan padam", "Sampah menumpuk di pasar"])
    queries = ReportQueries(app.db_path)

    def found(text: str) -> list[int]:
        return [r.id for r in queries.page(ReportFilter(search=text)).rows]

    assert found("jembatan") == [a]
    assert found("jemba") == [a]  # as-you-type prefix
    assert found("lampu padam") == [b]
    assert found("lampu jembatan") == []
    local_ref = app.reports.get(b).local_ref
    assert found(local_ref) == [b]
    assert set(found("Budi")) >= {a, b}
    assert found('"') == [r.id for r in queries.page().rows]  # nothing searchable: no filter


def test_filter_by_state_with_search_and_count(app):
    ids = fill(app, ["Jalan rusak satu", "Jalan rusak dua", "Air keruh"])
    app.reports.queue(ids[0])
    queries = ReportQueries(app.db_path)
    queued = queries.page(ReportFilter(states=(ReportState.QUEUED,), search="rusak")).rows
    assert [r.id for r in queued] == [ids[0]]
    assert queries.count(ReportFilter(search="rusak")) == 2
    assert queries.counts_by_state()[ReportState.DRAFT] == 2


def test_filter_by_recorded_date(app):
    fill(app, ["Laporan hari ini"])
    queries = ReportQueries(app.db_path)
    today = dt.date.today()
    assert len(queries.page(ReportFilter(recorded_from=today, recorded_to=today)).rows) == 1
    assert queries.page(ReportFilter(recorded_to=today - dt.timedelta(days=2))).rows == []


def test_search_query_escapes_quotes():
    assert fts_query('jalan "rusak') == '"jalan" AND """rusak"*'
    assert fts_query("   ") is None


def test_search_plan_walks_fts_by_rowid(app):
    """The search must not sort all matches: SQLite's plan has no temp B-tree for ORDER BY."""
    fill(app, ["Jalan rusak"])
    connection = sqlite3.connect(app.db_path)
    plan = connection.execute(
        "EXPLAIN QUERY PLAN SELECT r.id FROM report_fts JOIN reports r ON r.id = report_fts.rowid "
        "WHERE report_fts MATCH ? ORDER BY report_fts.rowid DESC LIMIT 200",
        ('"jalan"*',),
    ).fetchall()
    assert not any("TEMP B-TREE" in row[-1] for row in plan), plan
