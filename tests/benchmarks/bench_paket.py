"""Benchmark: a paket of 1,000 reports with one photo each, exported at a desa and imported at the kecamatan.

Baselines from the same run, on the same files (the manifest JSON and the
photos): A, `zipfile` writing them to a plain stored zip (for the export);
B, `zipfile.extractall` of that zip (for the import: the issue's measure, no
fsync); C, the same extraction syncing every file and folder, as the import
must. The cases alternate round by round, each round on fresh copies of both
offices. The difference is what signing, encryption, checks and the database cost.

    .venv/bin/python tests/benchmarks/bench_paket.py [--reports 1000] [--rounds 5] [--summary FILE] [--profile]

`--profile` adds a cProfile of one more import (on a fresh copy), its top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import ImageDraw  # noqa: E402

from lapor_desktop.app import open_app  # noqa: E402
from lapor_desktop.kecamatan.desa_side import DesaTransfer  # noqa: E402
from lapor_desktop.kecamatan.paket_import import import_paket  # noqa: E402
from lapor_desktop.offices.keys import TrustStore, ensure_keys, own_identity  # noqa: E402
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402
from lapor_desktop.storage.atomic import fsync_dir  # noqa: E402
from tests.benchmarks import stats  # noqa: E402
from tests.support.images import photo_like_image  # noqa: E402
from tests.support.reports import valid_content  # noqa: E402

T = TypeVar("T")


def office(root: Path, kind: OfficeKind, name: str, code: str) -> Path:
    data_dir = root / code
    data_dir.mkdir(parents=True)
    save_settings(data_dir, Settings(office=Office(kind, name, code), operator=f"Operator {name}"))
    ensure_keys(data_dir)
    return data_dir


def photos(folder: Path, n: int) -> list[Path]:
    """Distinct phone-sized photos (1200x900 JPEG, no metadata): one base picture, a unique stamp each."""
    base = photo_like_image((1200, 900), seed=11)
    paths = []
    for i in range(n):
        picture = base.copy()
        ImageDraw.Draw(picture).rectangle(
            (20 + i % 40, 20, 220 + i % 40, 80), fill=(i % 256, (i * 7) % 256, 90)
        )
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        path = folder / f"foto-{i:04d}.jpg"
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    return paths


def extract(archive_path: Path, target: Path, *, durable: bool) -> None:
    """The baseline: `zipfile` extraction of the same files; `durable` syncs each file and folder."""
    with zipfile.ZipFile(archive_path) as archive:
        archive.extractall(target)
    if durable:
        for folder in {path.parent for path in target.rglob("*") if path.is_file()} | {target}:
            for path in folder.iterdir():
                if path.is_file():
                    fd = os.open(path, os.O_RDONLY)
                    os.fsync(fd)
                    os.close(fd)
            fsync_dir(folder)


def profile_import(kecamatan: Path, paket: Path) -> None:
    import cProfile
    import pstats

    with open_app(kecamatan) as app:
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(import_paket, app, paket)
        wall = time.perf_counter() - started
    print(f"\ncProfile of one import: wall {wall:.2f} s under the profiler; top 20 by cumulative time")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(20)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-3000:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--summary", help="append the headline rows as JSON lines (scripts/benchmark_table.py)"
    )
    parser.add_argument("--profile", action="store_true", help="profile one more import (cProfile)")
    args = parser.parse_args()
    n = args.reports
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        desa = office(root, OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001")
        kecamatan = office(root, OfficeKind.KECAMATAN, "Kecamatan Jati Agung", "18.01.01")
        with open_app(desa) as a, open_app(kecamatan) as k:
            TrustStore(a.db).trust(a.settings().office, own_identity(kecamatan))  # type: ignore[arg-type]
            TrustStore(k.db).trust(k.settings().office, own_identity(desa))  # type: ignore[arg-type]

        (root / "photos").mkdir()
        print(f"making {n} photos and reports ...", flush=True)
        files = photos(root / "photos", n)
        with open_app(desa) as app:
            for i, path in enumerate(files):
                refs = tuple(app.reports.import_attachments([path]))
                app.reports.create(
                    valid_content(title=f"Jalan rusak nomor {i}", attachments=refs), queue=True
                )
            blob_paths = sorted(app.blobs.root.glob("??/*"))
            manifest = json.dumps(
                [
                    {"client_id": r.client_id, "title": r.content.title}
                    for r in (app.reports.get(i) for i in range(1, n + 1))
                ]
            ).encode()
        photo_bytes = sum(p.stat().st_size for p in blob_paths)
        baseline = root / "baseline.zip"

        def plain_zip() -> None:
            with zipfile.ZipFile(baseline, "w") as archive:
                archive.writestr("manifest.json", manifest, compress_type=zipfile.ZIP_DEFLATED)
                for path in blob_paths:
                    archive.write(path, f"attachments/{path.name}", compress_type=zipfile.ZIP_STORED)

        # Every round works on fresh copies of both offices, so each case meets the same state.
        rounds = range(args.rounds)
        scratch = root / "rounds"
        paket = root / "paket.lpk"

        def fresh(source: Path, name: str) -> Path:
            target = scratch / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(source, target)
            return target

        def export_once() -> None:
            with open_app(fresh(desa, "desa")) as app:
                summary = DesaTransfer(app).export_reports(paket, all_queued=True)
            assert summary.reports == n

        samples: dict[str, list[float]] = {
            k: [] for k in ("export", "zip", "import", "again", "extract", "synced")
        }
        for number in rounds:
            print(f"round {number + 1} of {args.rounds} ...", flush=True)
            cases = ["export", "zip"] if number % 2 == 0 else ["zip", "export"]
            for case in cases:
                if case == "export":
                    samples["export"].append(_seconds(export_once))
                else:
                    samples["zip"].append(_seconds(plain_zip))
            kec = fresh(kecamatan, "kecamatan")
            for case in (
                ["import", "extract", "synced"] if number % 2 == 0 else ["synced", "extract", "import"]
            ):
                if case == "import":
                    with open_app(kec) as app:
                        first = _timed_into(samples["import"], lambda app=app: import_paket(app, paket))
                        again = _timed_into(samples["again"], lambda app=app: import_paket(app, paket))
                    assert first.imported == n and again.already_present == n
                else:
                    target = scratch / case
                    if target.exists():
                        shutil.rmtree(target)
                    samples[case].append(
                        _seconds(lambda t=target, c=case: extract(baseline, t, durable=c == "synced"))
                    )

        if args.profile:
            profile_import(fresh(kecamatan, "kecamatan"), paket)
        size, base_size = paket.stat().st_size, baseline.stat().st_size
        to_ms = {name: [v * 1000 for v in values] for name, values in samples.items()}
        export_ratio = stats.ratios(to_ms["export"], to_ms["zip"])
        import_ratio = stats.ratios(to_ms["import"], to_ms["extract"])
        synced_ratio = stats.ratios(to_ms["import"], to_ms["synced"])
        print()
        print(
            f"Paket of {n:,} reports with a photo each ({photo_bytes / 2**20:.1f} MiB), {args.rounds} rounds,"
        )
        print("cases alternated; every round on fresh copies of both offices; on disk.")
        print(f"paket file {size / 2**20:.1f} MiB = {size / base_size:.3f}x a plain zip of the same files")
        print(stats.header())
        print(
            stats.line("baseline A: zipfile write of the same files (stored)", stats.Summary.of(to_ms["zip"]))
        )
        print(
            stats.line(
                "export (sign, encrypt, write atomically)",
                stats.Summary.of(to_ms["export"]),
                ratio=export_ratio,
            )
        )
        print(stats.line("baseline B: zipfile.extractall of that zip", stats.Summary.of(to_ms["extract"])))
        print(
            stats.line(
                "baseline C: extractall + fsync of every file and folder", stats.Summary.of(to_ms["synced"])
            )
        )
        print(
            stats.line(
                "import vs B (verify, decrypt, store, sync)",
                stats.Summary.of(to_ms["import"]),
                ratio=import_ratio,
                goal="goal <= 8x",
            )
        )
        print(stats.line("import vs C", stats.Summary.of(to_ms["import"]), ratio=synced_ratio))
        print(stats.line("import again (all already present)", stats.Summary.of(to_ms["again"])))
        stats.record(
            args.summary,
            [
                stats.Row(
                    "bench_paket.py",
                    f"import a paket of {n:,} reports with a photo each",
                    import_ratio.ratio_text(),
                    "zipfile.extractall of the same files",
                    f"import {stats.Summary.of(to_ms['import']).text('ms', 0)}; {synced_ratio.median:.2f}x an extraction that syncs every file",
                ),
                stats.Row(
                    "bench_paket.py",
                    f"export the same paket ({size / base_size:.3f}x a plain zip's size)",
                    export_ratio.ratio_text(),
                    "zipfile write of the same files",
                    f"export {stats.Summary.of(to_ms['export']).text('ms', 0)}",
                ),
            ],
        )


def _seconds(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _timed_into(samples: list[float], fn: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = fn()
    samples.append(time.perf_counter() - started)
    return value


if __name__ == "__main__":
    main()
