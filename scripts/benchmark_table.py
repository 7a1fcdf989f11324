"""Run the benchmarks and write the README's benchmark table from that run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/benchmark_table.py [--only bench_storage ...]
        [--summary FILE] [--from-summary FILE] [--readme README.md]

Each benchmark appends its headline rows to one JSON-lines summary
(`tests/benchmarks/stats.py`, `--summary`); the table is written between the
README's `<!-- benchmarks:start -->` and `<!-- benchmarks:end -->` markers,
ratios first, with the machine it ran on (nproc, CPU model, Python, date).
`--from-summary` writes the table from an earlier run's summary without
running anything. A benchmark that writes no summary rows keeps its row
from the README as it was, marked as not re-run here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "tests" / "benchmarks"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
# What each benchmark is run with for the table, in the table's order.
RUNS: dict[str, list[str]] = {
    "bench_storage.py": ["--reports", "100000", "500000"],
    "bench_gui_startup.py": ["--reports", "100000", "500000"],
    "bench_paket.py": [],
    "bench_sync.py": [],
    "bench_training_server.py": [],
    "bench_attachments.py": [],
    "bench_backup.py": [],
    "bench_penduduk.py": [],
}


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs (nproc), {model}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {dt.date.today().isoformat()}"
    )


def takes_summary(script: Path) -> bool:
    return "--summary" in script.read_text(encoding="utf-8")


def run(names: list[str], summary: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for name in names:
        script = BENCHMARKS / name
        if not takes_summary(script):
            print(f"skipping {name}: it writes no summary rows", flush=True)
            continue
        print(f"running {name} ...", flush=True)
        subprocess.run(
            [sys.executable, str(script), *RUNS[name], "--summary", str(summary)],
            cwd=REPO,
            env=env,
            check=True,
        )


def table(rows: list[dict[str, str]], old_rows: dict[str, str], header: str) -> str:
    lines = [
        header,
        "",
        "| benchmark | what | ratio to its baseline: median (min–max), p90 | baseline (same run) | figures |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in RUNS:
        mine = [r for r in rows if r["benchmark"] == name]
        for row in mine:
            lines.append(
                f"| `{name}` | {row['what']} | {row['ratio'] or '—'} | {row['baseline'] or '—'} | {row['figures']} |"
            )
        if not mine and name in old_rows:
            cells = [c.strip() for c in old_rows[name].strip().strip("|").split("|")]
            what, figures = cells[1], cells[-1]
            if len(cells) >= 5:
                lines.append(
                    f"| `{name}` | {what} | {cells[2]} | {cells[3]} | {figures} (an earlier run: not re-run here) |"
                )
            else:
                lines.append(f"| `{name}` | {what} | — | — | {figures} (an earlier run: not re-run here) |")
    return "\n".join(lines)


def old_table_rows(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("| `bench_"):
            name = line.split("`")[1]
            found.setdefault(name, line)
    return found


def write_readme(readme: Path, block: str) -> None:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme} has no {START} ... {END} markers")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    readme.write_text(f"{before}{START}\n{block}\n{END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=list(RUNS), help="run only these")
    parser.add_argument("--summary", help="where the run's rows go (default: a temporary file)")
    parser.add_argument("--from-summary", help="write the table from this summary, running nothing")
    parser.add_argument("--readme", default=str(REPO / "README.md"))
    args = parser.parse_args()
    if args.from_summary:
        summary = Path(args.from_summary)
    else:
        summary = Path(args.summary) if args.summary else Path(tempfile.mkstemp(suffix=".jsonl")[1])
        with summary.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"machine": machine()}) + "\n")
        run(args.only or list(RUNS), summary)
    found = [json.loads(line) for line in summary.read_text(encoding="utf-8").splitlines() if line.strip()]
    machines = [r["machine"] for r in found if "machine" in r]
    rows = [r for r in found if "benchmark" in r]
    readme = Path(args.readme)
    old = old_table_rows(readme.read_text(encoding="utf-8"))
    where = machines[-1] if machines else machine()
    header = f"Measured on {where}; every figure below from that one run of `scripts/benchmark_table.py`."
    write_readme(readme, table(rows, old, header))
    print(f"wrote the table of {len(rows)} rows into {readme}")


if __name__ == "__main__":
    main()
