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


# -- NIK and phone ------------------------------------------------------------------------------


def _with_reporter(nik: str | None, phone: str | None, title: str = "Lampu jalan padam"):
    from lapor_desktop.domain import Reporter

    return valid_content(title=title, reporter=Reporter(name="Budi Santoso", nik=nik, phone=phone))


def test_search_by_the_reporters_nik_or_phone_in_any_common_writing(app):
    budi = app.reports.create(_with_reporter("1801011205850001", "081234567890")).id
    sri = app.reports.create(_with_reporter("1801015708900002", "+6281298765432")).id
    app.reports.create(_with_reporter(None, None, title="Laporan tanpa kontak"))
    queries = ReportQueries(app.db_path)

    def found(text: str) -> list[int]:
        return [r.id for r in queries.page(ReportFilter(search=text)).rows]

    for written in ("081234567890", "0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890", "6281234567890"):
        assert found(written) == [budi], written
    for written in ("081298765432", "+62 812-9876-5432", "62 812 9876 5432"):
        assert found(written) == [sri], written
    assert found("1801011205850001") == [budi]
    assert found("1801 0112 0585 0001") == [budi]
    assert found("1801-0157-0890-0002") == [sri]
    assert queries.count(ReportFilter(search="0812 3456 7890")) == 1
    # Exactly: a part of a number finds nothing, as the numbers are not in the full-text index.
    assert found("08123456789") == []
    assert found("18010112") == []
    assert found("3456") == []


def test_nik_and_phone_keys_follow_an_edit(app):
    report = app.reports.create(_with_reporter("1801011205850001", "081234567890"))
    app.reports.update(report.id, _with_reporter("1801015708900002", "0813-1111-2222"))
    queries = ReportQueries(app.db_path)
    assert queries.page(ReportFilter(search="081234567890")).rows == []
    assert [r.id for r in queries.page(ReportFilter(search="+6281311112222")).rows] == [report.id]
    assert [r.id for r in queries.page(ReportFilter(search="1801015708900002")).rows] == [report.id]


def test_nik_search_keeps_the_other_filters(app):
    draft = app.reports.create(_with_reporter("1801011205850001", None)).id
    queued = app.reports.create(_with_reporter("1801011205850001", None), queue=True).id
    queries = ReportQueries(app.db_path)
    both = queries.page(ReportFilter(search="1801011205850001")).rows
    assert [r.id for r in both] == [queued, draft]
    only = queries.page(ReportFilter(search="1801011205850001", states=(ReportState.QUEUED,))).rows
    assert [r.id for r in only] == [queued]


# -- the last word as the operator types it ----------------------------------------------------------


def test_a_short_last_word_is_a_whole_word_or_left_out_while_typing(app):
    bridge, rt = fill(app, ["Jembatan gantung putus", "Jembatan RT 03 rusak"])
    queries = ReportQueries(app.db_path)

    def found(text: str) -> list[int]:
        return [r.id for r in queries.page(ReportFilter(search=text)).rows]

    assert found("jembatan rt") == [rt]  # a whole word of two letters
    assert found("jembatan 03") == [rt]
    assert found("jembatan g") == [rt, bridge]  # no word "g": the list of "jembatan" while typing
    assert found("jembatan ga") == [rt, bridge]
    assert found("jembatan gan") == [bridge]  # three letters: a prefix
    assert found("ga") == []  # alone, a short word must be whole
    assert queries.count(ReportFilter(search="jembatan g")) == 2


def test_a_short_last_part_of_a_report_number_is_left_out_too(app):
    (report,) = fill(app, ["Jembatan gantung putus"])
    local_ref = app.reports.get(report).local_ref  # 18.01.01.2001/2026/00001
    queries = ReportQueries(app.db_path)
    assert [r.id for r in queries.page(ReportFilter(search=local_ref[:-4])).rows] == [report]
    assert [r.id for r in queries.page(ReportFilter(search=local_ref[:-2])).rows] == [report]


def test_search_plans():
    from lapor_desktop.reports.contact_keys import ContactKind, ContactLookup
    from lapor_desktop.reports.queries import search_plan

    assert search_plan("jalan rus").matches == ('"jalan" AND "rus"*',)
    assert search_plan("jalan d").matches == ('"jalan" AND "d"', '"jalan"')
    assert search_plan("rt").matches == ('"rt"',)
    assert search_plan("18.01/2026/0").matches == ('"18.01/2026/0"', '"18.01/2026/"')
    assert search_plan("0812-3456-7890").contact == ContactLookup(ContactKind.PHONE, "81234567890")
    assert search_plan("1801 0112 0585 0001").contact == ContactLookup(ContactKind.NIK, "1801011205850001")
    assert search_plan("0812").contact is None  # too short for a phone: words
