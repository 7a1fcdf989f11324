"""Build the PyInstaller bundle, check it against its budgets, and self-test it.

    .venv/bin/python scripts/build_bundle.py [--archive xz|zip|both|none] [--startup-runs N]

1. runs PyInstaller on build.spec (onedir: dist/lapor-desktop/);
2. measures the folder (budget 130 MB) and packs it as .tar.xz and/or .zip
   (budget 55 MB for the shipped archive: the .tar.xz when made, else the .zip);
3. runs the built executable's `--self-test` (fresh temp data dir,
   migrations, one report written and read, the window rendered offscreen);
4. with --startup-runs N > 0, times start-up to the main window's first paint
   (LAPOR_DESKTOP_BENCH_EXIT=shown) of the bundle and of the same app run from
   source, alternating, and prints the ratio of medians (budget 1.3x).

Prints one JSON summary; exits 1 when the build, the self-test or a size
budget fails (start-up time is reported, not gated: a loaded CI machine makes
it noisy).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "lapor-desktop"
MB = 1_000_000
FOLDER_BUDGET_MB = 130
ARCHIVE_BUDGET_MB = 55
STARTUP_BUDGET = 1.3


def run_pyinstaller(dist: Path, work: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started


def remove_dangling_links(folder: Path) -> int:
    """PyInstaller links every Qt library at the top level, also those the spec filtered out."""
    removed = 0
    for path in folder.rglob("*"):
        if path.is_symlink() and not path.exists():
            path.unlink()
            removed += 1
    return removed


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def make_archives(folder: Path, kind: str) -> dict[str, int]:
    sizes: dict[str, int] = {}
    if kind in ("xz", "both"):
        target = folder.with_name(folder.name + ".tar.xz")
        if shutil.which("tar") and shutil.which("xz"):
            # xz -T0 uses every core; Python's lzma would take minutes on one.
            env = dict(os.environ, XZ_OPT="-6 -T0")
            subprocess.run(
                ["tar", "-C", str(folder.parent), "-cJf", str(target), folder.name], check=True, env=env
            )
        else:
            with tarfile.open(target, "w:xz") as archive:
                archive.add(folder, arcname=folder.name)
        sizes["tar.xz"] = target.stat().st_size
    if kind in ("zip", "both"):
        target = folder.with_name(folder.name + ".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() or path.is_symlink():
                    archive.write(path, str(path.relative_to(folder.parent)))
        sizes["zip"] = target.stat().st_size
    return sizes


def executable(folder: Path) -> Path:
    return folder / (NAME + (".exe" if os.name == "nt" else ""))


def self_test(exe: Path) -> dict[str, object]:
    env = dict(os.environ)
    env.pop("LAPOR_DESKTOP_DATA_DIR", None)
    completed = subprocess.run(
        [str(exe), "--self-test"], capture_output=True, text=True, env=env, timeout=300
    )
    try:
        result = json.loads(completed.stdout)
    except json.JSONDecodeError:
        result = {"ok": False, "stdout": completed.stdout[-2000:]}
    result["exit_code"] = completed.returncode
    if completed.returncode != 0:
        result["stderr"] = completed.stderr[-4000:]
        result["ok"] = False
    return result


def _office(data_dir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"),
    )


def _time_to_window(command: list[str], data_dir: Path) -> float:
    env = dict(os.environ, LAPOR_DESKTOP_BENCH_EXIT="shown", QT_QPA_PLATFORM="offscreen")
    env.pop("LAPOR_DESKTOP_DATA_DIR", None)
    started = time.time()
    completed = subprocess.run(
        [*command, "--data-dir", str(data_dir)], capture_output=True, text=True, env=env, timeout=120
    )
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH shown "):
            return float(line.split()[2]) - started
    raise RuntimeError(f"no BENCH line from {command[0]}: {completed.stderr[-1000:]}")


def startup(exe: Path, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="lapor-startup-") as temp:
        data_dir = Path(temp) / "data"
        _office(data_dir)
        source_cmd = [sys.executable, "-m", "lapor_desktop"]
        # One untimed start each: migrations on the fresh dir, a cold page cache.
        _time_to_window([str(exe)], data_dir)
        _time_to_window(source_cmd, data_dir)
        bundle, source = [], []
        for _ in range(runs):
            bundle.append(_time_to_window([str(exe)], data_dir))
            source.append(_time_to_window(source_cmd, data_dir))
    ratio = statistics.median(bundle) / statistics.median(source)
    return {
        "bundle_median_s": round(statistics.median(bundle), 3),
        "source_median_s": round(statistics.median(source), 3),
        "ratio": round(ratio, 3),
        "budget": STARTUP_BUDGET,
        "within_budget": ratio <= STARTUP_BUDGET,
        "runs": runs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--work", default=str(ROOT / "build"))
    parser.add_argument("--archive", choices=["xz", "zip", "both", "none"], default="both")
    parser.add_argument("--startup-runs", type=int, default=5, help="0 skips the start-up timing")
    parser.add_argument("--skip-build", action="store_true", help="measure and test an existing build")
    args = parser.parse_args()

    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    folder = dist / NAME
    summary: dict[str, object] = {}
    if not args.skip_build:
        summary["build_s"] = round(run_pyinstaller(dist, work), 1)
    summary["dangling_links_removed"] = remove_dangling_links(folder)
    size = folder_size(folder)
    summary["folder_mb"] = round(size / MB, 1)
    summary["folder_within_budget"] = size <= FOLDER_BUDGET_MB * MB
    archives = make_archives(folder, args.archive)
    summary["archives_mb"] = {kind: round(value / MB, 1) for kind, value in archives.items()}
    # The budget is for the archive that is shipped: .tar.xz where it was made (Linux), else .zip.
    shipped = archives.get("tar.xz", archives.get("zip"))
    summary["archive_within_budget"] = shipped is None or shipped <= ARCHIVE_BUDGET_MB * MB
    exe = executable(folder)
    test = self_test(exe)
    summary["self_test"] = {
        "ok": test.get("ok"),
        "seconds": test.get("seconds"),
        "failed": [c for c in test.get("checks", []) if not c.get("ok")],  # type: ignore[union-attr]
        **({"stderr": test["stderr"]} if "stderr" in test else {}),
    }
    if args.startup_runs > 0:
        summary["startup"] = startup(exe, args.startup_runs)
    print(json.dumps(summary, indent=2))
    ok = bool(test.get("ok")) and summary["folder_within_budget"] and summary["archive_within_budget"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
