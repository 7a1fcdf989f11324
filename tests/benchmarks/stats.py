"""What every benchmark shares: cases taken in turns, and figures as min–median–max with the tails.

A case measured after another meets a different machine (fsync on this disk
swings from 0.1 to 4 ms from one minute to the next; other work comes and
goes), so cases run in turns, round after round, with the order rotated, and
a ratio is taken per round (each case against the baseline of the same
round). A median alone hides what a user feels: the 90th percentile and the
worst case are printed beside it.

`--summary FILE` on a benchmark appends its headline rows here as JSON lines
(`record`), for `scripts/benchmark_table.py` to write the README's table.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Summary:
    n: int
    min: float
    median: float
    p90: float
    max: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        if not samples:
            raise ValueError("no samples")
        ordered = sorted(samples)
        p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]  # nearest rank
        return cls(len(ordered), ordered[0], statistics.median(ordered), p90, ordered[-1])

    def text(self, unit: str = "ms", digits: int = 2) -> str:
        """`median (min–max), p90 x, worst y unit`."""
        f = f"{{:.{digits}f}}"
        return (
            f"{f.format(self.median)} ({f.format(self.min)}–{f.format(self.max)}), "
            f"p90 {f.format(self.p90)}, worst {f.format(self.max)} {unit}"
        ).strip()

    def ratio_text(self) -> str:
        """`1.62x (1.20–2.41x), p90 2.0x`: a ratio's median, range and tail."""
        return f"{self.median:.2f}x ({self.min:.2f}–{self.max:.2f}x), p90 {self.p90:.2f}x"


def ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def alternate(
    cases: Mapping[str, Callable[[], object]], rounds: int, *, warmup: int = 1
) -> dict[str, list[float]]:
    """Milliseconds per call of each case, the cases taking turns round by round (order rotated)."""
    return alternate_measured(
        {name: (lambda fn=fn: ms(fn)) for name, fn in cases.items()}, rounds, warmup=warmup
    )


def alternate_measured(
    cases: Mapping[str, Callable[[], float]], rounds: int, *, warmup: int = 1
) -> dict[str, list[float]]:
    """As `alternate`, for cases that measure themselves (a child process's own clock): their values."""
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            cases[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(cases[name]())
    return samples


def ratios(values: Sequence[float], baseline: Sequence[float]) -> Summary:
    """The per-round ratios of paired samples."""
    return Summary.of([v / b for v, b in zip(values, baseline, strict=True)])


def line(
    label: str, summary: Summary, *, unit: str = "ms", ratio: Summary | None = None, goal: str = ""
) -> str:
    ratio_text = f"{ratio.ratio_text():<32}" if ratio is not None else " " * 32
    return f"  {label:<50} {ratio_text} {summary.text(unit):<44} {goal}".rstrip()


def header() -> str:
    return f"  {'case':<50} {'ratio to baseline: median (range), p90':<32} {'median (min–max), p90, worst':<44} goal"


@dataclass(frozen=True)
class Row:
    """One headline figure for the README table."""

    benchmark: str
    what: str
    ratio: str  # "1.6x (1.2–2.4x)", or "" when the row has no baseline
    baseline: str  # what the ratio is against
    figures: str


def record(path: str | None, rows: Sequence[Row]) -> None:
    if path is None:
        return
    with Path(path).open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
