"""Storage benchmarks for the foundation issue; prints figures and ratios measured in this run.

    .venv/bin/python tests/benchmarks/bench_storage.py [--reports 100000]

1. Saving one queued report through ReportService (durable, one transaction)
   vs a raw sqlite3 INSERT of the same row with the same pragmas (target <= 3x).
2. Full-text search over N reports, the 200 newest matches, for a word in most
   reports and for a rare one (target <= 20 ms median), vs a plain FTS5 match
   sorted by date (the naive plan).
3. One page of 200 reports newest first, with and without filters, near the
   top and deep in the list (keyset) (target <= 10 ms median), vs OFFSET paging.
4. Start-up of `lapor-desktop report list` vs a bare `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from lapor_desktop.app import open_app  # noqa: E402
from lapor_desktop.domain import RemoteStatus, ReportState  # noqa: E402
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402
from lapor_desktop.reports.queries import ReportFilter, ReportQueries  # noqa: E402
from lapor_desktop.storage.pragmas import connect  # noqa: E402
from tests.support.bulk import bulk_insert_reports  # noqa: E402
from tests.support.reports import valid_content  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def row(label: str, value: float, baseline: float | None = None, target: str = "") -> None:
    ratio = f"{value / baseline:6.2f}x" if baseline else "       "
    print(f"  {label:<58} {value:9.2f} ms  {ratio}  {target}")


def bench_save(base: Path) -> None:
    print("\n1. Saving one queued report (durable: WAL, synchronous=FULL)")
    data = base / "save"
    data.mkdir()
    save_settings(
        data, Settings(office=Office(OfficeKind.DESA, "Desa Bench", "18.01.01.2001"), operator="Siti")
    )
    content = valid_content()
    with open_app(data) as app:
        app.reports.create(content, queue=True)  # warm caches and mappers
        service = median_ms(lambda: app.reports.create(content, queue=True), 200)
    counter = iter(range(10**9))
    columns = (
        "client_id, local_ref, state, title, body, category_code, region_code, reporter_name, reporter_nik,"
        " reporter_phone, recorded_at, recorded_by, updated_at, anonymous, confidential, channel, consent"
    )

    def raw_insert(db: sqlite3.Connection) -> Callable[[], None]:
        def insert_one() -> None:
            n = next(counter)
            db.execute("BEGIN IMMEDIATE")
            db.execute(
                f"INSERT INTO reports ({columns}) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 'datang_langsung', 1)",
                (
                    f"id-{n}",
                    f"ref-{n}",
                    content.title,
                    content.body,
                    content.category_code,
                    "18.01.01.2001",
                    content.reporter.name,
                    content.reporter.nik,
                    content.reporter.phone,
                    "2026-11-29T00:00:00.000000Z",
                    "Siti",
                    "2026-11-29T00:00:00.000000Z",
                ),
            )
            db.execute("COMMIT")

        return insert_one

    bare_db = connect(str(base / "raw.db"))
    bare_db.execute(
        "CREATE TABLE reports (id INTEGER PRIMARY KEY, client_id TEXT UNIQUE, local_ref TEXT UNIQUE, state TEXT,"
        " title TEXT, body TEXT, category_code TEXT, region_code TEXT, reporter_name TEXT, reporter_nik TEXT,"
        " reporter_phone TEXT, recorded_at TEXT, recorded_by TEXT, updated_at TEXT, anonymous INTEGER,"
        " confidential INTEGER, channel TEXT, consent INTEGER)"
    )
    raw = median_ms(raw_insert(bare_db), 200)
    bare_db.close()

    # The same row into the app's own schema: its indexes and FTS trigger included.
    schema_dir = base / "schema"
    schema_dir.mkdir()
    from lapor_desktop.app import prepare_data_dir

    app_db = connect(str(prepare_data_dir(schema_dir)))
    raw_schema = median_ms(raw_insert(app_db), 200)
    app_db.close()
    row("raw sqlite3 INSERT + COMMIT, bare table (baseline A)", raw, raw)
    row("raw sqlite3 INSERT + COMMIT, app schema (baseline B)", raw_schema, raw)
    row("ReportService.create(queue=True) vs A", service, raw, "target <= 3x")
    row("ReportService.create(queue=True) vs B", service, raw_schema, "target <= 3x")


def bench_lists(base: Path, n: int) -> None:
    data = base / "lists"
    data.mkdir()
    db_path = data / "lapor.db"
    started = time.perf_counter()
    bulk_insert_reports(db_path, n, seed=1)
    # A rare word: in 25 reports spread through the list.
    connection = sqlite3.connect(db_path, isolation_level=None)
    ids = [r[0] for r in connection.execute("SELECT id FROM reports WHERE id % ? = 0", (max(n // 25, 1),))]
    connection.executemany(
        "UPDATE reports SET title = title || ' dekat kincir air' WHERE id = ?", [(i,) for i in ids]
    )
    common_hits = connection.execute(
        "SELECT COUNT(*) FROM report_fts WHERE report_fts MATCH 'mohon'"
    ).fetchone()[0]
    print(
        f"\n   ({n:,} reports inserted in {time.perf_counter() - started:.1f} s; 'mohon' is in {common_hits:,})"
    )
    queries = ReportQueries(db_path)

    print(f"\n2. Full-text search, 200 newest matches, {n:,} reports (median of 30)")
    naive_sql = (
        "SELECT r.id FROM report_fts JOIN reports r ON r.id = report_fts.rowid WHERE report_fts MATCH ?"
        " ORDER BY r.recorded_at DESC LIMIT 200"
    )
    naive_common = median_ms(lambda: connection.execute(naive_sql, ('"mohon"',)).fetchall(), 15)
    row("naive: MATCH 'mohon' ORDER BY recorded_at (baseline)", naive_common, naive_common)
    for label, text in (
        ("common word 'mohon'", "mohon"),
        ("rare word 'kincir'", "kincir"),
        ("two words as typed 'jalan rus'", "jalan rus"),
    ):
        value = median_ms(lambda text=text: queries.page(ReportFilter(search=text)), 30)
        row(f"ReportQueries search: {label}", value, naive_common, "target <= 20 ms")
    value = median_ms(lambda: queries.page(ReportFilter(search="mohon", states=(ReportState.QUEUED,))), 30)
    row("search 'mohon' + state filter queued", value, naive_common, "target <= 20 ms")

    print(f"\n3. One page of 200, newest first, {n:,} reports (median of 30)")
    deep_offset = n - 400
    offset_deep = median_ms(
        lambda: connection.execute(
            "SELECT id, title FROM reports ORDER BY id DESC LIMIT 200 OFFSET ?", (deep_offset,)
        ).fetchall(),
        15,
    )
    row(f"OFFSET {deep_offset:,} (baseline)", offset_deep, offset_deep)
    first = queries.page()
    row("first page, no filter", median_ms(lambda: queries.page(), 30), offset_deep, "target <= 10 ms")
    deep_key = first.next_key
    # Walk to ~95% of the list to find a deep key.
    key = deep_key
    walked = 200
    while walked < n * 0.95 and key is not None:
        page = queries.page(after=key)
        key = page.next_key
        walked += 200
    row(
        f"deep page (after {walked:,} rows), keyset",
        median_ms(lambda: queries.page(after=key), 30),
        offset_deep,
        "target <= 10 ms",
    )
    filters = {
        "state=queued": ReportFilter(states=(ReportState.QUEUED,)),
        "remote_status=completed": ReportFilter(remote_statuses=(RemoteStatus.COMPLETED,)),
        "category=kesehatan": ReportFilter(category_code="kesehatan"),
        "state=needs_fix (rare)": ReportFilter(states=(ReportState.NEEDS_FIX,)),
    }
    for label, flt in filters.items():
        row(
            f"first page, {label}",
            median_ms(lambda flt=flt: queries.page(flt), 30),
            offset_deep,
            "target <= 10 ms",
        )
    for sort in ("title", "recorded_at"):
        p1 = queries.page(sort=sort, descending=False)
        row(
            f"sorted by {sort}, second page (keyset)",
            median_ms(
                lambda p1=p1, sort=sort: queries.page(sort=sort, descending=False, after=p1.next_key), 30
            ),
            offset_deep,
            "target <= 10 ms",
        )
    queries.close()
    connection.close()
    bench_startup(data)


def bench_startup(data: Path) -> None:
    print("\n4. Start-up of a read-only CLI command (median of 7 process runs)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def run(args: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)

    bare = median_ms(run([sys.executable, "-c", "pass"]), 7)
    imports = median_ms(run([sys.executable, "-c", "import sqlalchemy.orm"]), 7)
    listing = median_ms(
        run([sys.executable, "-m", "lapor_desktop", "--data-dir", str(data), "report", "list"]), 7
    )
    row("python -c pass (baseline)", bare, bare)
    row("python -c 'import sqlalchemy.orm' (what we avoid)", imports, bare)
    row("lapor-desktop report list (200 rows of 100k as JSON)", listing, bare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        bench_save(base)
        bench_lists(base, args.reports)


if __name__ == "__main__":
    main()
