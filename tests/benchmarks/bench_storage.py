"""Storage benchmarks: saving, search and pages at 100,000 and 500,000 reports, `report list` start-up.

    .venv/bin/python tests/benchmarks/bench_storage.py [--reports 100000 500000] [--rounds 300]
        [--prefix-index] [--summary FILE]

Every case runs in turns with its baseline, round after round, in the same
run and on the same disk; each prints median (min–max), p90 and worst, and
its ratio to the baseline taken round by round.

1. Saving one queued report through `ReportService.create` (durable: WAL,
   synchronous=FULL) against the same report row as a raw sqlite3 INSERT +
   COMMIT into the same schema (goal <= 2x), and against raw SQL doing all of
   create's writes (counter, report, two audit rows).
2. At each size: search as the operator types (every keystroke of a few
   phrases, against the FTS5 query the list used before: the last word always
   a prefix); whole-word, NIK and phone searches against the bare query for
   the same rows; pages by key against OFFSET.
3. Start-up of `lapor-desktop report list` against `python -c pass` and a
   bare sqlite3 script printing the same page as JSON.
4. With --prefix-index: what an FTS5 prefix index would cost (size) and bring
   (the same typing), on the largest database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from lapor_desktop.app import open_app, prepare_data_dir  # noqa: E402
from lapor_desktop.domain import RemoteStatus, ReportState  # noqa: E402
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402
from lapor_desktop.reports.contact_keys import nik_key, phone_key  # noqa: E402
from lapor_desktop.reports.queries import ReportFilter, ReportQueries  # noqa: E402
from lapor_desktop.storage.pragmas import connect  # noqa: E402
from lapor_desktop.timestamps import to_text, utcnow  # noqa: E402
from tests.benchmarks import stats  # noqa: E402
from tests.support.bulk import bulk_insert_reports  # noqa: E402
from tests.support.reports import valid_content  # noqa: E402

PHRASES = ("jalan desa rusak", "air bersih", "pupuk subsidi", "budi santoso", "posyandu timbangan")
REGION = "18.01.01.2001"
_LIST_SCRIPT = """
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT id, local_ref, state, classification, title, category_code, reporter_name, anonymous,"
                 " recorded_at, remote_status, tracking_id FROM reports ORDER BY id DESC LIMIT 200").fetchall()
keys = ("id", "local_ref", "state", "classification", "title", "category_code", "reporter_name", "anonymous",
        "recorded_at", "remote_status", "tracking_id")
sys.stdout.write(json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False, indent=2) + "\\n")
"""


def out(text: str = "") -> None:
    print(text, flush=True)


# -- 1. saving ----------------------------------------------------------------------------------


def bench_save(base: Path, rounds: int) -> list[stats.Row]:
    out(f"\n1. Saving one queued report, durable (WAL, synchronous=FULL), {rounds} rounds on disk")
    data = base / "save"
    data.mkdir()
    save_settings(data, Settings(office=Office(OfficeKind.DESA, "Desa Bench", REGION), operator="Siti"))
    content = valid_content()
    columns = {
        "client_id": None,
        "local_ref": None,
        "state": "queued",
        "classification": content.classification.value if content.classification else None,
        "title": content.title,
        "body": content.body,
        "category_code": content.category_code,
        "incident_date": content.incident_date.isoformat() if content.incident_date else None,
        "region_code": REGION,
        "location_address": content.location.address,
        "latitude": content.location.latitude,
        "longitude": content.location.longitude,
        "reporter_name": content.reporter.name,
        "reporter_nik": content.reporter.nik,
        "reporter_phone": content.reporter.phone,
        "reporter_email": content.reporter.email,
        "reporter_address": content.reporter.address,
        "reporter_nik_key": nik_key(content.reporter.nik),
        "reporter_phone_key": phone_key(content.reporter.phone),
        "anonymous": 0,
        "confidential": 0,
        "channel": content.channel.value,
        "consent": 1,
        "recorded_at": None,
        "recorded_by": "Siti",
        "updated_at": None,
    }
    insert = f"INSERT INTO reports ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    counter = iter(range(10**9))

    def values() -> list[object]:
        n = next(counter)
        now = to_text(utcnow())
        row = {
            **columns,
            "client_id": f"raw-{n}",
            "local_ref": f"raw/{n}",
            "recorded_at": now,
            "updated_at": now,
        }
        return list(row.values())

    def raw_db(name: str) -> sqlite3.Connection:
        folder = base / name
        folder.mkdir()
        return connect(str(prepare_data_dir(folder)))

    plain = raw_db("raw-insert")
    whole = raw_db("raw-create")

    def raw_insert() -> None:
        plain.execute("BEGIN IMMEDIATE")
        plain.execute(insert, values())
        plain.execute("COMMIT")

    def raw_create() -> None:
        whole.execute("BEGIN IMMEDIATE")
        (number,) = whole.execute(
            "INSERT INTO local_ref_counters (prefix, last) VALUES ('x', 1) "
            "ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last"
        ).fetchone()
        row = values()
        (report_id,) = whole.execute(insert + " RETURNING id", row).fetchone()
        whole.executemany(
            "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (report_id, row[-1], "Siti", "created", None, "draft"),
                (report_id, row[-1], "Siti", "queued", "draft", "queued"),
            ],
        )
        whole.execute("COMMIT")

    with open_app(data) as app:
        samples = stats.alternate(
            {
                "raw": raw_insert,
                "raw_create": raw_create,
                "service": lambda: app.reports.create(content, queue=True),
            },
            rounds,
            warmup=5,
        )
    plain.close()
    whole.close()
    vs_insert = stats.ratios(samples["service"], samples["raw"])
    vs_writes = stats.ratios(samples["service"], samples["raw_create"])
    out(stats.header())
    out(
        stats.line(
            "baseline A: raw INSERT + COMMIT of the row, same schema", stats.Summary.of(samples["raw"])
        )
    )
    out(
        stats.line("baseline B: raw SQL of create's writes (4 rows)", stats.Summary.of(samples["raw_create"]))
    )
    out(
        stats.line(
            "ReportService.create(queue=True) vs A",
            stats.Summary.of(samples["service"]),
            ratio=vs_insert,
            goal="goal <= 2x",
        )
    )
    out(
        stats.line(
            "ReportService.create(queue=True) vs B", stats.Summary.of(samples["service"]), ratio=vs_writes
        )
    )
    return [
        stats.Row(
            "bench_storage.py",
            "save one queued report (ReportService.create)",
            vs_insert.ratio_text(),
            "raw sqlite3 INSERT + COMMIT of the row, same schema",
            f"{stats.Summary.of(samples['service']).text()}; {vs_writes.median:.2f}x raw SQL of all its writes",
        )
    ]


# -- 2. lists at one size -----------------------------------------------------------------------


def build(base: Path, n: int) -> Path:
    data = base / f"lists-{n}"
    data.mkdir()
    db_path = prepare_data_dir(data)
    started = time.perf_counter()
    bulk_insert_reports(db_path, n, seed=1)
    # A rare word: in 25 reports spread through the list.
    connection = sqlite3.connect(db_path, isolation_level=None)
    ids = [r[0] for r in connection.execute("SELECT id FROM reports WHERE id % ? = 0", (max(n // 25, 1),))]
    connection.executemany(
        "UPDATE reports SET title = title || ' dekat kincir air' WHERE id = ?", [(i,) for i in ids]
    )
    connection.close()
    out(f"\n   {n:,} reports inserted in {time.perf_counter() - started:.1f} s (bulk, tests/support/bulk.py)")
    return db_path


def _before_plan(text: str) -> str:
    """The FTS5 query the list used before: every word whole but the last, always a prefix."""
    words = ['"' + w.replace('"', '""') + '"' for w in text.split()]
    words[-1] += "*"
    return " AND ".join(words)


_FTS_PAGE = (
    "SELECT r.id, r.title FROM report_fts JOIN reports r ON r.id = report_fts.rowid "
    "WHERE report_fts MATCH ? ORDER BY report_fts.rowid DESC LIMIT 200"
)


def keystrokes() -> list[str]:
    return [
        phrase[:i] for phrase in PHRASES for i in range(1, len(phrase) + 1) if not phrase[:i].endswith(" ")
    ]


def bench_lists(db_path: Path, n: int, rounds: int) -> list[stats.Row]:
    queries = ReportQueries(db_path)
    bare = sqlite3.connect(db_path)
    rows: list[stats.Row] = []

    out(f"\n2a. Search as the operator types, {n:,} reports: every keystroke of {len(PHRASES)} phrases")
    typed = keystrokes()
    now: list[float] = []
    before: list[float] = []
    for _ in range(3):
        for text in typed:
            pair = stats.alternate(
                {
                    "now": lambda text=text: queries.page(ReportFilter(search=text)),
                    "before": lambda text=text: bare.execute(_FTS_PAGE, (_before_plan(text),)).fetchall(),
                },
                1,
                warmup=0,
            )
            now += pair["now"]
            before += pair["before"]
    typing = stats.Summary.of(now)
    out(stats.header())
    out(stats.line("before: the last word always a prefix (bare FTS5)", stats.Summary.of(before)))
    out(
        stats.line(
            "ReportQueries.page as typed (prefix from 3 letters)", typing, ratio=stats.ratios(now, before)
        )
    )
    rows.append(
        stats.Row(
            "bench_storage.py",
            f"search as typed, {n:,} reports ({len(typed)} keystrokes x 3)",
            "",
            "",
            f"{typing.text()} (before: p90 {stats.Summary.of(before).p90:.1f}, worst {max(before):.1f} ms)",
        )
    )

    out(
        f"\n2b. One search page of 200, {n:,} reports, {rounds} rounds, against the bare query for the same rows"
    )
    nik, phone = bare.execute(
        "SELECT reporter_nik, reporter_phone FROM reports WHERE reporter_nik IS NOT NULL ORDER BY id DESC LIMIT 1 OFFSET 777"
    ).fetchone()
    phone_written = f"+62 {phone[1:4]}-{phone[4:8]}-{phone[8:]}"
    cases: dict[str, tuple[ReportFilter, str, tuple[object, ...]]] = {
        "common word 'mohon' (in every report)": (ReportFilter(search="mohon"), _FTS_PAGE, ('"mohon"',)),
        "rare word 'kincir'": (ReportFilter(search="kincir"), _FTS_PAGE, ('"kincir"',)),
        "two words as typed 'jalan rus'": (
            ReportFilter(search="jalan rus"),
            _FTS_PAGE,
            ('"jalan" AND "rus"*',),
        ),
        "'mohon' + state queued": (
            ReportFilter(search="mohon", states=(ReportState.QUEUED,)),
            _FTS_PAGE.replace("ORDER", "AND r.state = 'queued' ORDER"),
            ('"mohon"',),
        ),
        "NIK written with spaces": (
            ReportFilter(search=" ".join(nik[i : i + 4] for i in range(0, 16, 4))),
            "SELECT id, title FROM reports WHERE reporter_nik_key = ? ORDER BY id DESC LIMIT 200",
            (nik,),
        ),
        f"phone written {phone_written}": (
            ReportFilter(search=phone_written),
            "SELECT id, title FROM reports WHERE reporter_phone_key = ? ORDER BY id DESC LIMIT 200",
            (phone_key(phone),),
        ),
    }
    out(stats.header())
    for label, (flt, sql, params) in cases.items():
        samples = stats.alternate(
            {
                "page": lambda flt=flt: queries.page(flt),
                "bare": lambda sql=sql, params=params: bare.execute(sql, params).fetchall(),
            },
            rounds,
        )
        out(
            stats.line(
                label, stats.Summary.of(samples["page"]), ratio=stats.ratios(samples["page"], samples["bare"])
            )
        )
        if label.startswith(("NIK", "phone")):
            rows.append(
                stats.Row(
                    "bench_storage.py",
                    f"find by {label.split()[0]} ({n:,} reports)",
                    stats.ratios(samples["page"], samples["bare"]).ratio_text(),
                    "the bare indexed SELECT",
                    stats.Summary.of(samples["page"]).text(),
                )
            )

    out(f"\n2c. One page of 200, newest first, {n:,} reports, {rounds} rounds, against OFFSET paging")
    deep_offset = int(n * 0.95)
    key = queries.page().next_key
    walked = 200
    while walked < deep_offset and key is not None:
        key = queries.page(after=key, limit=2000).next_key
        walked += 2000
    by_title = queries.page(sort="title", descending=False).next_key
    by_date = queries.page(sort="recorded_at", descending=False).next_key
    page_cases: dict[str, Callable[[], object]] = {
        "first page, no filter": lambda: queries.page(),
        f"deep page (after {walked:,} rows), by key": lambda: queries.page(after=key),
        "first page, state=queued": lambda: queries.page(ReportFilter(states=(ReportState.QUEUED,))),
        "first page, remote_status=completed": lambda: queries.page(
            ReportFilter(remote_statuses=(RemoteStatus.COMPLETED,))
        ),
        "first page, category=kesehatan": lambda: queries.page(ReportFilter(category_code="kesehatan")),
        "sorted by title, second page": lambda: queries.page(sort="title", descending=False, after=by_title),
        "sorted by date, second page": lambda: queries.page(
            sort="recorded_at", descending=False, after=by_date
        ),
    }
    offset = lambda: bare.execute(  # noqa: E731
        "SELECT id, title FROM reports ORDER BY id DESC LIMIT 200 OFFSET ?", (walked,)
    ).fetchall()
    samples = stats.alternate({"offset": offset, **page_cases}, max(rounds // 5, 10))
    out(stats.header())
    out(stats.line(f"baseline: OFFSET {walked:,} LIMIT 200", stats.Summary.of(samples["offset"])))
    for label in page_cases:
        out(
            stats.line(
                label, stats.Summary.of(samples[label]), ratio=stats.ratios(samples[label], samples["offset"])
            )
        )
    worst = max(page_cases, key=lambda label: stats.Summary.of(samples[label]).p90)
    rows.append(
        stats.Row(
            "bench_storage.py",
            f"a page of 200 by key ({n:,} reports; slowest case: {worst})",
            stats.ratios(samples[worst], samples["offset"]).ratio_text(),
            f"OFFSET {walked:,} LIMIT 200",
            stats.Summary.of(samples[worst]).text(),
        )
    )

    fts_bytes = _size(bare, "report_fts%")
    out(
        f"\n   database {db_path.stat().st_size / 2**20:.0f} MiB, of it the full-text index {fts_bytes / 2**20:.0f} MiB"
    )
    queries.close()
    bare.close()
    return rows


def _size(connection: sqlite3.Connection, pattern: str) -> int:
    try:
        return int(
            connection.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE ?", (pattern,)).fetchone()[0]
            or 0
        )
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return 0


# -- 3. start-up ---------------------------------------------------------------------------------


def bench_startup(db_path: Path, rounds: int) -> list[stats.Row]:
    out(f"\n3. Start-up of a read-only command, {rounds} rounds of fresh processes")
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def run(args: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)

    samples = stats.alternate(
        {
            "bare": run([sys.executable, "-c", "pass"]),
            "script": run([sys.executable, "-c", _LIST_SCRIPT, str(db_path)]),
            "list": run(
                [sys.executable, "-m", "lapor_desktop", "--data-dir", str(db_path.parent), "report", "list"]
            ),
        },
        rounds,
    )
    vs_bare = stats.ratios(samples["list"], samples["bare"])
    vs_script = stats.ratios(samples["list"], samples["script"])
    out(stats.header())
    out(stats.line("baseline A: python -c pass", stats.Summary.of(samples["bare"])))
    out(stats.line("baseline B: bare sqlite3 script, same page as JSON", stats.Summary.of(samples["script"])))
    out(stats.line("lapor-desktop report list vs A", stats.Summary.of(samples["list"]), ratio=vs_bare))
    out(stats.line("lapor-desktop report list vs B", stats.Summary.of(samples["list"]), ratio=vs_script))
    return [
        stats.Row(
            "bench_storage.py",
            "`report list` start-up (200 newest as JSON)",
            vs_script.ratio_text(),
            "a bare sqlite3 script printing the same page",
            f"{stats.Summary.of(samples['list']).text('ms', 0)}; {vs_bare.median:.2f}x `python -c pass`",
        )
    ]


# -- 4. what a prefix index would cost and bring ------------------------------------------------


def bench_prefix_index(db_path: Path, n: int) -> None:
    out(f"\n4. FTS5 prefix indexes, {n:,} reports: size, and the same typing (min / median / p90 / worst ms)")
    copy = db_path.parent / "prefix-variants.db"
    shutil.copyfile(db_path, copy)
    connection = sqlite3.connect(copy, isolation_level=None)
    base = _size(connection, "report_fts%")
    typed = keystrokes()
    variants = {
        "none (as shipped)": None,
        "prefix='3'": "3",
        "prefix='2 3'": "2 3",
        "prefix='2 3 4 5'": "2 3 4 5",
    }
    for label, prefix in variants.items():
        table = "report_fts"
        if prefix is not None:
            table = "fx_" + prefix.replace(" ", "")
            started = time.perf_counter()
            connection.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(title, body, reporter_name, local_ref, content='reports', "
                f"content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='{prefix}')"
            )
            connection.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            built = time.perf_counter() - started
        else:
            built = 0.0
        size = _size(connection, f"{table}%")
        sql = _FTS_PAGE.replace("report_fts", table)
        minimum = 2 if prefix else 3
        timings = [
            stats.ms(
                lambda t=text, q=sql, m=minimum: connection.execute(q, (_plan_with_minimum(t, m),)).fetchall()
            )
            for _ in range(2)
            for text in typed
        ]
        summary = stats.Summary.of(timings)
        out(
            f"  {label:<18} index {size / 2**20:7.0f} MiB ({size / base:4.2f}x)  built in {built:5.1f} s  "
            f"typing {summary.min:.2f} / {summary.median:.2f} / {summary.p90:.2f} / {summary.max:.2f}"
            + ("   (last word a prefix from 2 letters)" if prefix else "   (from 3 letters)")
        )
    connection.close()
    copy.unlink()


def _plan_with_minimum(text: str, minimum: int) -> str:
    words = ['"' + w.replace('"', '""') + '"' for w in text.split()]
    if len(text.split()[-1]) >= minimum:
        words[-1] += "*"
    return " AND ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--rounds", type=int, default=300, help="rounds of the saving and search cases")
    parser.add_argument("--startup-rounds", type=int, default=11)
    parser.add_argument("--prefix-index", action="store_true", help="also measure FTS5 prefix indexes (slow)")
    parser.add_argument(
        "--summary", help="append the headline rows as JSON lines (scripts/benchmark_table.py)"
    )
    args = parser.parse_args()
    rows: list[stats.Row] = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        base = Path(tmp)
        rows += bench_save(base, args.rounds)
        last = None
        for n in args.reports:
            db_path = build(base, n)
            rows += bench_lists(db_path, n, max(args.rounds // 10, 20))
            if last is not None:
                shutil.rmtree(last.parent)
            last = db_path
        assert last is not None
        rows += bench_startup(last, args.startup_rounds)
        if args.prefix_index:
            bench_prefix_index(last, args.reports[-1])
    stats.record(args.summary, rows)


if __name__ == "__main__":
    main()
