"""Sync benchmarks for the outbox issue; prints figures and ratios measured in this run.

    .venv/bin/python tests/benchmarks/bench_sync.py [--reports 1000] [--photo-reports 100]

1. N queued reports without attachments through a training server that adds
   300 ms to every request: wall time and requests of one `SyncEngine` pass,
   vs one request per report (timed on a sample of 40 single POSTs through the
   same server in this run, scaled to N). Target: at least 20x faster.
2. 100 reports with two 12 MP photos each: bytes on the wire per report
   (counted by a relay between client and server), and uploads skipped when
   the same photos go out again.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from lapor_desktop.app import open_app  # noqa: E402
from sync.client import ApiClient  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.training_server import add_token, start_in_thread  # noqa: E402
from sync.wire import report_to_wire  # noqa: E402
from tests.support.images import photo_exif, photo_like_image  # noqa: E402
from tests.support.offices import make_office  # noqa: E402
from tests.support.reports import valid_content  # noqa: E402


class CountingRelay:
    """A TCP relay on 127.0.0.1 that counts bytes and connections in both directions."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.sent = 0  # client -> server
        self.received = 0  # server -> client
        self.requests = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._pump, args=(client, server, "sent"), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "received"), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, counter: str) -> None:
        try:
            while chunk := source.recv(65536):
                with self._lock:
                    setattr(self, counter, getattr(self, counter) + len(chunk))
                    if counter == "sent":
                        self.requests += chunk.count(b" HTTP/1.1\r\n")
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def reset(self) -> None:
        with self._lock:
            self.sent = self.received = self.requests = 0

    def close(self) -> None:
        self._stop = True
        self._listener.close()


def bench_batching(base: Path, n: int, delay_s: float) -> None:
    print(f"\n1. {n:,} queued reports, server adds {delay_s * 1000:.0f} ms to every request")
    server_dir = base / "server-1"
    token = add_token(server_dir, "Desa Bench")
    with start_in_thread(server_dir, delay_s=delay_s) as server:
        relay = CountingRelay(server.port)
        url = f"http://127.0.0.1:{relay.port}/api"
        office = make_office(base / "desa-1", url, token)
        with open_app(office) as app:
            for i in range(n):
                app.reports.create(valid_content(title=f"Laporan antre nomor {i}"), queue=True)
            # Baseline: one request per report, timed on a sample through the same server.
            sample = 40
            sample_office = make_office(base / "desa-1b", url, token)
            with open_app(sample_office) as other:
                reports = [other.reports.create(valid_content(), queue=True) for _ in range(sample)]
            with ApiClient(url, token) as client:
                started = time.perf_counter()
                for report in reports:
                    client.submit(report_to_wire(report))
                single = (time.perf_counter() - started) / sample
            relay.reset()
            started = time.perf_counter()
            summary = SyncEngine(app).run_once()
            wall = time.perf_counter() - started
        relay.close()
    baseline = single * n
    print(f"  one request per report (baseline, {sample} timed, scaled): {baseline:8.1f} s  {n:>6,} requests")
    print(
        f"  SyncEngine.run_once (probe, categories, batches, pull):  {wall:8.1f} s  {relay.requests:>6,} requests"
    )
    print(
        f"  sent {summary.sent:,}, pending {summary.pending}; speed-up {baseline / wall:.1f}x (target >= 20x)"
    )


def make_photos(folder: Path, count: int) -> list[Path]:
    """Distinct 12 MP phone-like JPEGs: one synthetic scene, a different patch drawn on each."""
    from PIL import ImageDraw

    folder.mkdir()
    scene = photo_like_image((4000, 3000), seed=3)
    exif = photo_exif(6, True).tobytes()
    paths = []
    for i in range(count):
        picture = scene.copy()
        draw = ImageDraw.Draw(picture)
        x, y = (i * 97) % 3600, (i * 61) % 2600
        draw.rectangle((x, y, x + 400, y + 400), fill=((i * 37) % 256, (i * 91) % 256, (i * 53) % 256))
        path = folder / f"IMG_{i:04d}.jpg"
        picture.save(path, "JPEG", quality=92, exif=exif)
        paths.append(path)
    return paths


def bench_photos(base: Path, n: int) -> None:
    print(f"\n2. {n} reports with two 12 MP photos each")
    started = time.perf_counter()
    photos = make_photos(base / "photos", 2 * n)
    bytes_in = sum(p.stat().st_size for p in photos)
    print(
        f"   ({len(photos)} photos made in {time.perf_counter() - started:.0f} s, {bytes_in / len(photos) / 1e6:.2f} MB each)"
    )
    server_dir = base / "server-2"
    token = add_token(server_dir, "Desa Foto")
    with start_in_thread(server_dir) as server:
        relay = CountingRelay(server.port)
        office = make_office(base / "desa-2", f"http://127.0.0.1:{relay.port}/api", token)
        with open_app(office) as app:
            started = time.perf_counter()
            refs_per_report = []
            for i in range(n):
                refs = app.reports.import_attachments(photos[2 * i : 2 * i + 2])
                refs_per_report.append(refs)
                app.reports.create(
                    valid_content(title=f"Laporan foto {i}", attachments=tuple(refs)), queue=True
                )
            processing = time.perf_counter() - started
            stored = sum(r.size for refs in refs_per_report for r in refs)
            relay.reset()
            started = time.perf_counter()
            first = SyncEngine(app).run_once()
            wall = time.perf_counter() - started
            wire_first = relay.sent + relay.received
            # The same photos again (a second report about the same place, or a pass after a crash).
            for i, refs in enumerate(refs_per_report):
                app.reports.create(
                    valid_content(title=f"Laporan foto ulang {i}", attachments=tuple(refs)), queue=True
                )
            relay.reset()
            second = SyncEngine(app).run_once()
            wire_second = relay.sent + relay.received
        relay.close()
    print(
        f"  photos in: {bytes_in / len(photos) / 1e3:8.0f} KB each; stored after processing: {stored / len(photos) / 1e3:6.0f} KB each "
        f"({stored / bytes_in:.2f} of input; {processing / len(photos) * 1000:.0f} ms per photo)"
    )
    print(
        f"  first pass:  {first.sent} sent, {first.uploaded} uploaded, {first.upload_skipped} skipped, "
        f"{wire_first / n / 1e3:7.0f} KB on the wire per report ({wall:.1f} s)"
    )
    print(
        f"  second pass: {second.sent} sent, {second.uploaded} uploaded, {second.upload_skipped} skipped, "
        f"{wire_second / n / 1e3:7.1f} KB on the wire per report"
    )
    print(f"  wire bytes per report vs the two original photos: {wire_first / n / (bytes_in / n):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--photo-reports", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_batching(Path(tmp), args.reports, args.delay)
        bench_photos(Path(tmp), args.photo_reports)


if __name__ == "__main__":
    main()
