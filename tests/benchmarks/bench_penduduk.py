"""Benchmark: importing a 20,000-resident OpenSID export, and looking a resident up by NIK.

The baseline, measured in the same run on the same file, is reading that
export's xlsx with openpyxl alone (read-only, every row, values only), from
the xlsx already unpacked on disk. The import starts from the zip as OpenSID
writes it (photos included) and ends with the residents committed. Cases
alternate, round by round, so a busy machine slows both alike. Goals (issue
14): import <= 1.5x the bare read; a look-up by NIK under 2 ms.

    .venv/bin/python tests/benchmarks/bench_penduduk.py [--residents 20000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import openpyxl  # noqa: E402

from lapor_desktop.app import prepare_data_dir  # noqa: E402
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402
from lapor_desktop.penduduk.service import PendudukService  # noqa: E402
from tests.benchmarks import stats  # noqa: E402
from tests.support.opensid import OpenSidRow, generated_rows, write_opensid_zip  # noqa: E402


def register(n: int) -> list[OpenSidRow]:
    """A desa's register: mostly living residents, some who died or moved, some without a NIK yet."""
    rows = list(generated_rows(n))
    for i, row in enumerate(rows):
        if i % 20 == 7:
            row.status_dasar = "2"
        elif i % 50 == 11:
            row.nomor_nik = "0"
    return rows


def bare_read(xlsx: Path) -> int:
    workbook = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed_both(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall time and this process's CPU time: on a shared machine the second is the steadier."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def spread(values: list[float], unit: str, scale: float = 1.0) -> str:
    summary = stats.Summary.of([v * scale for v in values])
    text = (
        f"{summary.min:.3f} / {summary.median:.3f} / {summary.max:.3f} {unit} (min / median / max), "
        f"p90 {summary.p90:.3f}, worst {summary.max:.3f}"
    )
    if len(values) >= 100:  # many short calls: one preempted by another process shows only in max
        text += f", 99th percentile {statistics.quantiles(values, n=100)[98] * scale:.3f} {unit}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument(
        "--summary", help="append the headline rows as JSON lines (scripts/benchmark_table.py)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "exports").mkdir()
        rows = register(args.residents)
        export = write_opensid_zip(root / "exports", rows)
        with zipfile.ZipFile(export) as archive:
            inner = next(n for n in archive.namelist() if n.endswith(".xlsx"))
            archive.extract(inner, root / "unpacked")
        xlsx = root / "unpacked" / inner
        data_dir = root / "data"
        data_dir.mkdir()
        save_settings(data_dir, Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001")))
        service = PendudukService(prepare_data_dir(data_dir))
        print(
            f"export: {export.stat().st_size / 1e6:.1f} MB zip ({args.residents} residents, "
            f"xlsx {xlsx.stat().st_size / 1e6:.1f} MB, photos for 1 in 10)"
        )

        bare: list[tuple[float, float]] = []
        imports: list[tuple[float, float]] = []
        for number in range(args.rounds):
            # Taking turns, the order rotated: neither always runs on the cache the other warmed.
            if number % 2 == 0:
                bare.append(timed_both(lambda: bare_read(xlsx)))
            imports.append(timed_both(lambda: service.import_file(export, allow_older=True)))
            if number % 2 == 1:
                bare.append(timed_both(lambda: bare_read(xlsx)))
        summary = service.status()
        assert summary.last_import is not None
        print(f"imported {summary.residents} residents, skipped {summary.last_import.skipped.total}")
        cpu_ratio = stats.ratios([i[1] for i in imports], [b[1] for b in bare])
        for index, clock in ((0, "wall"), (1, "CPU")):
            bare_times = [b[index] for b in bare]
            import_times = [i[index] for i in imports]
            ratios = [i / b for i, b in zip(import_times, bare_times, strict=True)]
            print(f"bare openpyxl read, {clock:4}: {spread(bare_times, 's')}")
            print(f"penduduk import, {clock:4}  : {spread(import_times, 's')}")
            print(f"import / bare read, {clock:4}: {spread(ratios, 'x')}   goal <= 1.5x")
        report_rows = [
            stats.Row(
                "bench_penduduk.py",
                f"import a {args.residents:,}-resident OpenSID export (CPU time)",
                cpu_ratio.ratio_text(),
                "a bare openpyxl read of its xlsx",
                f"import {stats.Summary.of([i[0] for i in imports]).median:.1f} s wall",
            )
        ]

        living = [r.nomor_nik for r in rows if r.status_dasar == "1" and r.nomor_nik != "0"]
        chosen = random.Random(14).sample(living, min(args.lookups, len(living)))
        service.close()
        cold = timed(lambda: service.find(chosen[0]))  # opens the connection
        hits: list[float] = []
        misses: list[float] = []
        for nik in chosen:
            hits.append(timed(lambda nik=nik: service.find(nik)))
            missing = nik[:-4] + "9999"
            misses.append(timed(lambda missing=missing: service.find(missing)))
        prefixes = ["S", "SITI", "SITI A", "BUDI SAPUTRA 1", "WAYAN"]
        suggests = [timed(lambda p=p: service.suggest(p, 10)) for p in prefixes * 50]
        print(f"find, first call    : {cold * 1000:.3f} ms (opens the connection)")
        print(f"find, found         : {spread(hits, 'ms', 1000)}   goal < 2 ms")
        print(f"find, not found     : {spread(misses, 'ms', 1000)}")
        print(f"suggest, 10 names   : {spread(suggests, 'ms', 1000)}")
        service.close()
        found = stats.Summary.of([h * 1000 for h in hits])
        report_rows.append(
            stats.Row("bench_penduduk.py", "find a resident by NIK", "", "", found.text("ms", 3))
        )
        stats.record(args.summary, report_rows)


if __name__ == "__main__":
    main()
