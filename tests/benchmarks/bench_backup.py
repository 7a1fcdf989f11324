"""Backup benchmark (issue 11): backup, verify and restore against `tar` of the same data dir.

    .venv/bin/python tests/benchmarks/bench_backup.py [--reports 5000] [--rounds 3]

The office: N reports (bulk-inserted rows) with one processed 1600 px photo
each (about 235 KB as the app stores it; each a distinct file). Per round,
alternating case by case:

1. `backup create` (scrypt, tar stream, AES-256-GCM, a SHA-256 of every file,
   fsync) vs `tar -cf` of the data dir (target: <= 2x);
2. `backup verify` (decrypt, integrity check, every hash) vs `tar -xOf` to
   /dev/null, tar's own read-everything pass;
3. `backup restore` into a wiped data dir (decrypt, write, hash, integrity
   check, sync, swap) vs `tar -xf` into an empty folder (target: <= 2x).

Because ours ends durable (fsync or sync) and tar does not, each tar figure
is also given followed by `sync`; both ratios are printed. Medians over the
rounds, with range, p90 and worst, ratios taken round by round; the page
cache is warm for both alike, and every case starts after a `sync` so none
pays for the write-back of the one before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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

from lapor_desktop.attachments.processing import process_file  # noqa: E402
from lapor_desktop.backup.external import create_backup, verify_backup  # noqa: E402
from lapor_desktop.backup.restore import restore_backup  # noqa: E402
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402
from lapor_desktop.timestamps import to_text  # noqa: E402
from tests.benchmarks import stats  # noqa: E402
from tests.support.bulk import bulk_insert_reports  # noqa: E402
from tests.support.images import write_photo_jpeg  # noqa: E402

PASSPHRASE = "kata sandi benchmark kantor desa"


def build_office(data_dir: Path, reports: int, scratch: Path) -> int:
    """Reports and one distinct stored photo each; returns the bytes of attachments."""
    save_settings(
        data_dir, Settings(office=Office(OfficeKind.DESA, "Desa Bench", "18.01.01.2001"), operator="Siti")
    )
    ids = bulk_insert_reports(data_dir / "lapor.db", reports)
    base = process_file(write_photo_jpeg(scratch / "photo.jpg", (1600, 1200), seed=7)).data
    assert base[:2] == b"\xff\xd8"
    now = to_text(dt.datetime.now(dt.UTC))
    total = 0
    attachments, links = [], []
    for report_id in ids:
        # A JPEG comment right after SOI makes each photo a distinct, still valid file.
        comment = f"foto laporan {report_id}".encode()
        data = base[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + base[2:]
        sha = hashlib.sha256(data).hexdigest()
        path = data_dir / "attachments" / sha[:2] / sha
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_bytes(data)
        os.chmod(path, 0o600)
        total += len(data)
        attachments.append((sha, "image/jpeg", len(data), now))
        links.append((report_id, 0, sha, f"foto-{report_id}.jpg"))
    connection = sqlite3.connect(data_dir / "lapor.db")
    with connection:
        connection.executemany("INSERT INTO attachments VALUES (?, ?, ?, ?)", attachments)
        connection.executemany(
            "INSERT INTO report_attachments (report_id, position, sha256, filename) VALUES (?, ?, ?, ?)",
            links,
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return total


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(*command: str) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", help="where to work (default: a temp dir); needs about 5x the data")
    parser.add_argument(
        "--summary", help="append the headline rows as JSON lines (scripts/benchmark_table.py)"
    )
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-backup-", dir=args.dir))
    try:
        data_dir = root / "office" / "data"
        data_dir.mkdir(parents=True)
        started = time.perf_counter()
        size = build_office(data_dir, args.reports, root)
        print(
            f"office: {args.reports} reports, {size / 1e6:.0f} MB of photos (built in {time.perf_counter() - started:.0f} s)"
        )
        backup = root / "cadangan.lapor"
        tarball = root / "office.tar"
        results: dict[str, list[float]] = {}

        def record(name: str, seconds: float) -> None:
            results.setdefault(name, []).append(seconds)

        for round_no in range(args.rounds):
            # Alternate the order each round so neither side always runs on a cache the other warmed.
            pairs: list[tuple[str, Callable[[], object]]] = [
                ("tar -cf", lambda: run("tar", "-cf", str(tarball), "-C", str(data_dir.parent), "data")),
                (
                    "tar -cf + sync",
                    lambda: (run("tar", "-cf", str(tarball), "-C", str(data_dir.parent), "data"), os.sync()),
                ),
                ("backup create", lambda: create_backup(data_dir, backup, PASSPHRASE)),
            ]
            for name, fn in pairs if round_no % 2 == 0 else list(reversed(pairs)):
                os.sync()  # no case pays for the write-back of the one before
                record(name, timed(fn))

            def tar_read() -> None:
                with open(os.devnull, "wb") as sink:
                    subprocess.run(["tar", "-xOf", str(tarball)], check=True, stdout=sink)

            pairs = [
                ("tar -xOf > /dev/null", tar_read),
                ("backup verify", lambda: verify_backup(backup, PASSPHRASE)),
            ]
            for name, fn in pairs if round_no % 2 == 0 else list(reversed(pairs)):
                os.sync()  # no case pays for the write-back of the one before
                record(name, timed(fn))

            def tar_extract(sync: bool) -> Callable[[], None]:
                def extract() -> None:
                    target = root / "tar-out"
                    shutil.rmtree(target, ignore_errors=True)
                    target.mkdir()
                    run("tar", "-xf", str(tarball), "-C", str(target))
                    if sync:
                        os.sync()

                return extract

            def restore() -> None:
                target = root / "restored" / "data"
                shutil.rmtree(target.parent, ignore_errors=True)
                target.parent.mkdir()
                restore_backup(backup, target, passphrase=PASSPHRASE)

            pairs = [
                ("tar -xf", tar_extract(False)),
                ("tar -xf + sync", tar_extract(True)),
                ("backup restore", restore),
            ]
            for name, fn in pairs if round_no % 2 == 0 else list(reversed(pairs)):
                # Cleaning up the previous output is not part of the measurement.
                shutil.rmtree(root / "tar-out", ignore_errors=True)
                shutil.rmtree(root / "restored", ignore_errors=True)
                os.sync()
                record(name, timed(fn))

        ms = {name: [v * 1000 for v in values] for name, values in results.items()}
        print(
            f"\n{args.rounds} rounds, cases alternated; backup file {backup.stat().st_size / 1e6:.0f} MB, "
            f"tar {tarball.stat().st_size / 1e6:.0f} MB"
        )
        print(stats.header())
        rows = []
        for ours, plain, synced, goal in (
            ("backup create", "tar -cf", "tar -cf + sync", "goal <= 2x"),
            ("backup verify", "tar -xOf > /dev/null", None, ""),
            ("backup restore", "tar -xf", "tar -xf + sync", "goal <= 2x"),
        ):
            print(stats.line(f"baseline: {plain}", stats.Summary.of(ms[plain])))
            if synced:
                print(stats.line(f"baseline: {synced}", stats.Summary.of(ms[synced])))
            ratio = stats.ratios(ms[ours], ms[plain])
            print(stats.line(f"{ours} vs {plain}", stats.Summary.of(ms[ours]), ratio=ratio, goal=goal))
            figures = stats.Summary.of(ms[ours]).text("ms", 0)
            if synced:
                synced_ratio = stats.ratios(ms[ours], ms[synced])
                print(stats.line(f"{ours} vs {synced}", stats.Summary.of(ms[ours]), ratio=synced_ratio))
                figures += f"; {synced_ratio.median:.2f}x `{synced}`"
            rows.append(
                stats.Row(
                    "bench_backup.py",
                    f"{ours}, {args.reports:,} reports with a photo each",
                    ratio.ratio_text(),
                    f"`{plain}` of the data dir",
                    figures,
                )
            )
        stats.record(args.summary, rows)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
