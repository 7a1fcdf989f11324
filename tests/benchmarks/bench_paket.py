"""Benchmark: a paket of 1,000 reports with one photo each, exported at a desa and imported at the kecamatan.

Prints the time and file size of export, first import and a repeated import
(all `already_present`), against a baseline measured in the same run on the
same files: a plain zip (stored, as the paket's inner zip) of the manifest
JSON and the photos, then reading that zip back with SHA-256 of every entry.
The difference is what signing, encryption and the checks cost.

    .venv/bin/python tests/benchmarks/bench_paket.py [--reports 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import ImageDraw  # noqa: E402

from lapor_desktop.app import open_app  # noqa: E402
from lapor_desktop.kecamatan.desa_side import DesaTransfer  # noqa: E402
from lapor_desktop.kecamatan.paket_import import import_paket  # noqa: E402
from lapor_desktop.offices.keys import TrustStore, ensure_keys, own_identity  # noqa: E402
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402
from tests.support.images import photo_like_image  # noqa: E402
from tests.support.reports import valid_content  # noqa: E402


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


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
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

        def plain_zip() -> Path:
            target = root / "baseline.zip"
            with zipfile.ZipFile(target, "w") as archive:
                archive.writestr("manifest.json", manifest, compress_type=zipfile.ZIP_DEFLATED)
                for path in blob_paths:
                    archive.write(path, f"attachments/{path.name}", compress_type=zipfile.ZIP_STORED)
            return target

        def read_zip(target: Path) -> int:
            count = 0
            with zipfile.ZipFile(target) as archive:
                for info in archive.infolist():
                    with archive.open(info) as stream:
                        hashlib.sha256(stream.read()).hexdigest()
                    count += 1
            return count

        baseline, baseline_write_s = timed(plain_zip)
        _, baseline_read_s = timed(lambda: read_zip(baseline))

        paket = root / "paket.lpk"
        with open_app(desa) as app:
            summary, export_s = timed(lambda: DesaTransfer(app).export_reports(paket, all_queued=True))
        with open_app(kecamatan) as app:
            first, import_s = timed(lambda: import_paket(app, paket))
            again, reimport_s = timed(lambda: import_paket(app, paket))
        assert summary.reports == n and first.imported == n and again.already_present == n

        size = paket.stat().st_size
        base_size = baseline.stat().st_size
        print(f"reports: {n}, photos: {len(blob_paths)} ({photo_bytes / 1024 / 1024:.1f} MiB)")
        print(f"paket file:   {size / 1024 / 1024:8.1f} MiB  ({size / base_size:.3f} x plain zip)")
        print(f"plain zip:    {base_size / 1024 / 1024:8.1f} MiB")
        print(
            f"export:       {export_s:8.2f} s    (plain zip write {baseline_write_s:.2f} s, "
            f"x{export_s / baseline_write_s:.1f})"
        )
        print(
            f"import:       {import_s:8.2f} s    (plain zip read+hash {baseline_read_s:.2f} s, "
            f"x{import_s / baseline_read_s:.1f})"
        )
        print(f"import again: {reimport_s:8.2f} s    (all {again.already_present} already present)")
        print(f"per report:   export {export_s / n * 1000:.1f} ms, import {import_s / n * 1000:.1f} ms")


if __name__ == "__main__":
    main()
