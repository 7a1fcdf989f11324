"""Sync benchmark: the client's pass against a bare `requests` loop, same batches, same run.

    .venv/bin/python tests/benchmarks/bench_sync.py            # the full run (several minutes)
    .venv/bin/python tests/benchmarks/bench_sync.py --quick    # small sizes, two rounds
    .venv/bin/python tests/benchmarks/bench_sync.py --sizes 5000 --photo-reports 0 \\
        --scaling "" --wire-reports 0 --profile 5000           # only the profile of one pass

Every run, client or baseline, gets a fresh training server (waitress on
127.0.0.1, its own empty data dir) and a copy of the same office with the same
N queued reports, so both post literally the same client_ids, bodies and
photos to an identical server. Runs alternate (client, bare, bare+, client,
...) and each figure is min - median - max over the rounds.

- client: `SyncEngine.run_once` on the office: probe, categories, claims,
  batches of 50 (attachments first), receipts stored, status pull.
- bare (the floor): one `requests.Session` posting the same reports as gzip'd
  batches of 50 (json.dumps + gzip level 6 + POST + parse the answer), with
  each photo HEADed and PUT first when there are photos. Nothing stored.
- bare+: the bare loop plus every other request the pass makes (ping,
  categories, the changes feed page by page): the floor for the whole pass.

Sections: 1. reports without photos (goal <= 2x bare); 2. with a 1600 px photo
each (goal <= 1.2x bare); 3. cost per report from 1,000 to 20,000 (goal:
flat); 4. bytes on the wire for two 12 MP photos per report (counted by a relay).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import requests  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import selectinload  # noqa: E402

from lapor_desktop.app import open_app  # noqa: E402
from lapor_desktop.domain import ReportState  # noqa: E402
from lapor_desktop.reports.mapping import report_of  # noqa: E402
from lapor_desktop.storage.schema import ReportAttachmentRow, ReportRow  # noqa: E402
from sync.client import GZIP_THRESHOLD, MAX_BATCH, MAX_CHANGES_LIMIT  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.training_server import add_token  # noqa: E402
from sync.wire import report_to_wire  # noqa: E402
from tests.benchmarks import stats  # noqa: E402
from tests.support.images import photo_exif, photo_like_image  # noqa: E402
from tests.support.offices import make_office  # noqa: E402
from tests.support.reports import valid_content  # noqa: E402

UNREACHABLE = "http://127.0.0.1:9/api"
ROWS: list[stats.Row] = []  # headline figures for the README table (`--summary`)


# -- the office: N queued reports, built once and copied for every run ---------------------------


@dataclass(frozen=True)
class Photo:
    sha256: str
    content_type: str
    path: Path


@dataclass(frozen=True)
class Template:
    """A data dir holding `size` queued reports, and what the bare loop sends for them."""

    size: int
    data_dir: Path
    wire: list[dict[str, Any]]
    photos: list[list[Photo]]  # per report, in order


def distinct_photo(scene: Any, i: int, folder: Path) -> Path:
    """A 1600x1200 phone-like JPEG, different pixels for every `i` (so no two share a SHA-256)."""
    from PIL import ImageDraw

    picture = scene.copy()
    draw = ImageDraw.Draw(picture)
    x, y = (i * 97) % 1400, (i * 61) % 1000
    draw.rectangle((x, y, x + 160, y + 160), fill=((i * 37) % 256, (i * 91) % 256, (i * 53) % 256))
    draw.text((10, 10), f"{i:06d}", fill=(255, 255, 255))
    path = folder / f"IMG_{i:06d}.jpg"
    picture.save(path, "JPEG", quality=85, exif=photo_exif(None, True).tobytes())
    return path


def build_templates(base: Path, sizes: list[int], *, photos: bool) -> dict[int, Template]:
    """One office grown to each size in turn, copied aside at every size (built once per section)."""
    work = base / ("grow-photos" if photos else "grow")
    make_office(work, UNREACHABLE, "placeholder")
    scene = photo_like_image((1600, 1200), seed=5) if photos else None
    scratch = base / "photo-scratch"
    scratch.mkdir(exist_ok=True)
    templates: dict[int, Template] = {}
    made = 0
    started = time.perf_counter()
    for size in sorted(set(sizes)):
        with open_app(work) as app:
            while made < size:
                attachments: tuple = ()
                if scene is not None:
                    path = distinct_photo(scene, made, scratch)
                    attachments = tuple(app.reports.import_attachments([path]))
                    path.unlink()
                app.reports.create(
                    valid_content(title=f"Laporan antre nomor {made}", attachments=attachments), queue=True
                )
                made += 1
            wire, per_report = queued_wire(app)
        target = base / f"template-{'photos-' if photos else ''}{size}"
        shutil.copytree(work, target)
        templates[size] = Template(size, target, wire, per_report)
    kind = "with a photo each" if photos else "without photos"
    print(
        f"   (offices of {', '.join(f'{s:,}' for s in sorted(templates))} reports {kind} built in {time.perf_counter() - started:.0f} s)"
    )
    return templates


def queued_wire(app: Any) -> tuple[list[dict[str, Any]], list[list[Photo]]]:
    with app.db.transaction() as session:
        rows = session.scalars(
            select(ReportRow)
            .where(ReportRow.state == ReportState.QUEUED.value)
            .order_by(ReportRow.id)
            .options(selectinload(ReportRow.attachments).joinedload(ReportAttachmentRow.blob))
        ).all()
        reports = [report_of(row) for row in rows]
    wire = [report_to_wire(r) for r in reports]
    photos = [
        [
            Photo(a.sha256, a.content_type, app.reports.attachment_path(a.sha256))
            for a in r.content.attachments
        ]
        for r in reports
    ]
    return wire, photos


# -- one run each --------------------------------------------------------------------------------


# The server runs in its own process, as LAPOR! runs on its own machine: in a thread of this
# process it would share the GIL and the garbage collector's walks with the client.
SERVER_PROCESS = (
    "import sys; from pathlib import Path; from sync.training_server import start_in_thread; "
    "server = start_in_thread(Path(sys.argv[1]), delay_s=float(sys.argv[2])); "
    "print(server.port, flush=True); sys.stdin.read(); server.stop()"
)


@dataclass(frozen=True)
class Server:
    base_url: str
    port: int
    data_dir: Path

    def count_reports(self) -> int:
        from sync.training_server import Store

        with Store(self.data_dir) as store:
            return store.count_reports()


@contextmanager
def fresh_server(base: Path, name: str, delay_s: float) -> Iterator[tuple[Server, str]]:
    """A training server with an empty data dir, in a process of its own; yields it and a token."""
    server_dir = base / name
    token = add_token(server_dir, "Desa Bench")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER_PROCESS, str(server_dir), str(delay_s)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield Server(f"http://127.0.0.1:{port}/api", port, server_dir), token
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
        shutil.rmtree(server_dir, ignore_errors=True)


def run_client(
    template: Template, base: Path, name: str, delay_s: float, profile: cProfile.Profile | None = None
) -> float:
    office = base / f"{name}-office"
    shutil.copytree(template.data_dir, office)
    try:
        with fresh_server(base, f"{name}-server", delay_s) as (server, token):
            make_office(office, server.base_url, token)
            with open_app(office) as app:
                engine = SyncEngine(app)
                if profile is not None:
                    profile.enable()
                started = time.perf_counter()
                summary = engine.run_once()
                wall = time.perf_counter() - started
                if profile is not None:
                    profile.disable()
            if summary.sent != template.size or summary.pending or server.count_reports() != template.size:
                raise SystemExit(f"client run incomplete: {summary}")
        return wall
    finally:
        shutil.rmtree(office, ignore_errors=True)


def _json_body(value: Any) -> tuple[bytes, dict[str, str]]:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if len(data) > GZIP_THRESHOLD:
        data = gzip.compress(data, compresslevel=6, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return data, headers


def bare_pass(template: Template, url: str, token: str, *, whole_pass: bool) -> None:
    """The floor: the same HTTP work with nothing stored; `whole_pass` adds the pass's other requests."""
    auth = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    with requests.Session() as session:
        if whole_pass:
            session.get(f"{url}/v1/ping", timeout=30).raise_for_status()
            session.get(f"{url}/v1/categories", headers=auth, timeout=30).raise_for_status()
        for start in range(0, template.size, MAX_BATCH):
            for photos in template.photos[start : start + MAX_BATCH]:
                for photo in photos:
                    held = session.head(f"{url}/v1/attachments/{photo.sha256}", headers=auth, timeout=30)
                    if held.status_code == 404:
                        put = session.put(
                            f"{url}/v1/attachments/{photo.sha256}",
                            data=photo.path.read_bytes(),
                            headers={**auth, "Content-Type": photo.content_type},
                            timeout=30,
                        )
                        put.raise_for_status()
            data, headers = _json_body({"reports": template.wire[start : start + MAX_BATCH]})
            answer = session.post(
                f"{url}/v1/reports/batch", data=data, headers={**auth, **headers}, timeout=30
            )
            answer.raise_for_status()
            if not all(item["status"] in (200, 201) for item in answer.json()["results"]):
                raise SystemExit("bare run: an item was refused")
        if whole_pass:
            cursor: str | None = None
            while True:
                params = {"limit": str(MAX_CHANGES_LIMIT), **({"updated_since": cursor} if cursor else {})}
                page = session.get(f"{url}/v1/reports", params=params, headers=auth, timeout=30)
                page.raise_for_status()
                body = page.json()
                cursor = body["next_cursor"]
                if not body["items"]:
                    break


def run_bare(template: Template, base: Path, name: str, delay_s: float, *, whole_pass: bool) -> float:
    with fresh_server(base, f"{name}-server", delay_s) as (server, token):
        started = time.perf_counter()
        bare_pass(template, server.base_url, token, whole_pass=whole_pass)
        wall = time.perf_counter() - started
        if server.count_reports() != template.size:
            raise SystemExit("bare run incomplete")
    return wall


# -- alternated comparison -----------------------------------------------------------------------


@dataclass
class Timings:
    client: list[float]
    bare: list[float]
    bare_plus: list[float]


def compare(template: Template, base: Path, rounds: int, delay_s: float) -> Timings:
    cases: list[tuple[str, Callable[[str], float]]] = [
        ("client", lambda name: run_client(template, base, name, delay_s)),
        ("bare", lambda name: run_bare(template, base, name, delay_s, whole_pass=False)),
        ("bare_plus", lambda name: run_bare(template, base, name, delay_s, whole_pass=True)),
    ]
    found: dict[str, list[float]] = {name: [] for name, _ in cases}
    for round_no in range(rounds):
        for name, run in cases:
            found[name].append(run(f"r{round_no}-{name}"))
    return Timings(found["client"], found["bare"], found["bare_plus"])


def spread(values: list[float]) -> str:
    return f"{min(values):7.2f} - {statistics.median(values):7.2f} - {max(values):7.2f} s"


def print_comparison(timings: Timings, n: int, goal: float, *, photos: bool, what: str = "") -> None:
    bare_what = "HEAD+PUT photos, " if photos else "requests: "
    batches = -(-n // MAX_BATCH)
    rows = [
        ("client  SyncEngine.run_once (whole pass)", timings.client),
        (f"bare    {bare_what}{batches} gzip'd batches of 50", timings.bare),
        ("bare+   bare + ping, categories, changes feed", timings.bare_plus),
    ]
    print(f"   {'':48s} {'min - median - max':>27s}   ms/report (median)")
    for label, values in rows:
        print(f"   {label:48s} {spread(values)}   {statistics.median(values) / n * 1000:6.3f}")
    # Each round's client run against the bare runs right after it: robust to a machine whose speed drifts.
    paired = [c / b for c, b in zip(timings.client, timings.bare, strict=True)]
    paired_plus = [c / b for c, b in zip(timings.client, timings.bare_plus, strict=True)]
    ratio = statistics.median(paired)
    verdict = "met" if ratio <= goal else "NOT met"
    print(
        f"   client / bare, paired by round: median {ratio:.2f}x ({min(paired):.2f} - {max(paired):.2f}); "
        f"goal <= {goal}x: {verdict}"
    )
    print(
        f"   client / bare+, paired by round: median {statistics.median(paired_plus):.2f}x "
        f"({min(paired_plus):.2f} - {max(paired_plus):.2f}); "
        f"min / min: {min(timings.client) / min(timings.bare):.2f}x"
    )
    if what:
        client = stats.Summary.of(timings.client)
        ROWS.append(
            stats.Row(
                "bench_sync.py",
                what,
                stats.Summary.of(paired).ratio_text() + f" (goal <= {goal}x)",
                "a bare requests loop posting the same gzip'd batches of 50"
                + (", photos HEAD+PUT first" if photos else ""),
                f"{client.median:.2f} s ({client.min:.2f}–{client.max:.2f}) a pass; "
                f"{statistics.median(paired_plus):.2f}x bare + ping, lists and changes feed",
            )
        )


def section_plain(
    base: Path, templates: dict[int, Template], sizes: list[int], rounds: int, delay_s: float
) -> None:
    for n in sizes:
        print(f"\n1. {n:,} queued reports without photos, {rounds} rounds alternated")
        print_comparison(
            compare(templates[n], base, rounds, delay_s),
            n,
            2.0,
            photos=False,
            what=f"send {n:,} queued reports without photos (whole pass)",
        )


def section_photos(base: Path, n: int, rounds: int, delay_s: float) -> None:
    print(f"\n2. {n:,} queued reports with a 1600x1200 photo each, {rounds} rounds alternated")
    template = build_templates(base, [n], photos=True)[n]
    size = sum(p.path.stat().st_size for photos in template.photos for p in photos) / n
    print(f"   (photos {size / 1e3:.0f} KB each)")
    print_comparison(
        compare(template, base, rounds, delay_s),
        n,
        1.2,
        photos=True,
        what=f"send {n:,} reports with a {size / 1e3:.0f} KB photo each",
    )
    shutil.rmtree(template.data_dir)


def section_scaling(
    base: Path, templates: dict[int, Template], sizes: list[int], rounds: int, delay_s: float
) -> None:
    print(
        f"\n3. Cost per report as the queue grows ({rounds} rounds alternated at each size; median ms/report)"
    )
    print(f"   {'reports':>8s}  {'client':>8s}  {'bare':>8s}  {'bare+':>8s}  client/bare (paired)")
    per_report: dict[int, float] = {}
    for n in sizes:
        timings = compare(templates[n], base, rounds, delay_s)
        client, bare, plus = (
            statistics.median(v) / n * 1000 for v in (timings.client, timings.bare, timings.bare_plus)
        )
        per_report[n] = client
        paired = statistics.median(c / b for c, b in zip(timings.client, timings.bare, strict=True))
        print(f"   {n:8,}  {client:8.3f}  {bare:8.3f}  {plus:8.3f}  {paired:8.2f}x")
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        print(
            f"   client ms/report at {last:,} / at {first:,}: {per_report[last] / per_report[first]:.2f} (goal: flat, ~1.0)"
        )
        ROWS.append(
            stats.Row(
                "bench_sync.py",
                f"cost per report, {first:,} to {last:,} queued",
                "",
                "",
                f"{per_report[first]:.2f} -> {per_report[last]:.2f} ms/report "
                f"({per_report[last] / per_report[first]:.2f}x; goal flat)",
            )
        )


# -- the profile -----------------------------------------------------------------------------------

WATCHED = {
    "claim": "OutboxStore.claim",
    "note_attempt": "OutboxStore.note_attempt",
    "mark_sent": "OutboxStore.mark_sent",
    "mark_all_sent": "OutboxStore.mark_all_sent",
    "submit_batch": "ApiClient.submit_batch",
    "pull_changes": "pull_changes",
    "apply_remote": "OutboxStore.apply_remote",
}


def section_profile(base: Path, template: Template, delay_s: float, out_file: str | None) -> None:
    print(f"\n5. cProfile of one client pass over {template.size:,} reports (server thread not profiled)")
    profile = cProfile.Profile()
    wall = run_client(template, base, "profile", delay_s, profile)
    if out_file:
        profile.dump_stats(out_file)
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"   wall {wall:.2f} s under the profiler; profiled total {total:.2f} s")
    entries = stats.stats  # type: ignore[attr-defined]
    for name, label in WATCHED.items():
        found = [(key, value) for key, value in entries.items() if key[2] == name]
        for key, (_, calls, _, cumulative, _) in found:
            where = f"{Path(key[0]).parent.name}/{Path(key[0]).name}"
            print(
                f"   {label:28s} {calls:7,} calls  {cumulative:7.2f} s cumulative  {cumulative / total:5.1%}  ({where})"
            )
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
    print("   top 15 by own time:")
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("ncalls"))
    for line in lines[start : start + 16]:
        print("   " + line)


# -- bytes on the wire -----------------------------------------------------------------------------


class CountingRelay:
    """A TCP relay on 127.0.0.1 that counts bytes and requests in both directions."""

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


def make_12mp_photos(folder: Path, count: int) -> list[Path]:
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


def section_wire(base: Path, n: int) -> None:
    print(f"\n4. Bytes on the wire: {n} reports with two 12 MP photos each")
    started = time.perf_counter()
    photos = make_12mp_photos(base / "photos-12mp", 2 * n)
    bytes_in = sum(p.stat().st_size for p in photos)
    print(
        f"   ({len(photos)} photos made in {time.perf_counter() - started:.0f} s, {bytes_in / len(photos) / 1e6:.2f} MB each)"
    )
    with fresh_server(base, "wire-server", 0.0) as (server, token):
        relay = CountingRelay(server.port)
        office = make_office(base / "wire-office", f"http://127.0.0.1:{relay.port}/api", token)
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
            first = SyncEngine(app).run_once()
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
        f"   photos in: {bytes_in / len(photos) / 1e3:8.0f} KB each; stored after processing: "
        f"{stored / len(photos) / 1e3:6.0f} KB each ({stored / bytes_in:.2f} of input; "
        f"{processing / len(photos) * 1000:.0f} ms per photo)"
    )
    print(
        f"   first pass:  {first.sent} sent, {first.uploaded} uploaded, {first.upload_skipped} skipped, "
        f"{wire_first / n / 1e3:7.0f} KB on the wire per report; the photos as stored: {stored / n / 1e3:.0f} KB"
    )
    print(
        f"   second pass: {second.sent} sent, {second.uploaded} uploaded, {second.upload_skipped} skipped, "
        f"{wire_second / n / 1e3:7.1f} KB on the wire per report"
    )
    print(f"   wire bytes per report vs the two original photos: {wire_first / n / (bytes_in / n):.2f}x")
    ROWS.append(
        stats.Row(
            "bench_sync.py",
            f"bytes on the wire, {n} reports with two 12 MP photos each",
            f"{wire_first / bytes_in:.2f}x",
            "the two original photos' bytes",
            f"{wire_first / n / 1e3:.0f} KB per report; the same photos in new reports: "
            f"{wire_second / n / 1e3:.1f} KB per report (not uploaded again)",
        )
    )


# -- what a desa pays for: requests and bytes of an idle pass, 10 replies, a pull of 1,000 ----------


def _measure(relay: CountingRelay, app: Any) -> tuple[int, int, Any]:
    relay.reset()
    summary = SyncEngine(app).run_once()
    return relay.requests, relay.sent + relay.received, summary


def section_pays(base: Path, pull_reports: int) -> None:
    """Goal: an idle pass at most 3 requests and under 4 KB (headers included, both directions)."""
    from sync.training_server import set_status

    print(f"\n5. What a desa pays for (requests, bytes both ways incl. HTTP headers; {pull_reports} to pull)")
    with fresh_server(base, "pays-server", 0.0) as (server, token):
        relay = CountingRelay(server.port)
        office = make_office(base / "pays-office", f"http://127.0.0.1:{relay.port}/api", token)
        with open_app(office) as app:
            ids = [
                app.reports.create(valid_content(title=f"Laporan bayar {i}"), queue=True).id
                for i in range(pull_reports)
            ]
            requests_, wire, _ = _measure(relay, app)
            print(
                f"   first pass, {pull_reports} reports sent + reference lists: {requests_} requests, {wire / 1e3:.1f} KB"
            )
            requests_, wire, _ = _measure(relay, app)
            idle = f"idle pass {requests_} requests, {wire} bytes (goal <= 3, < 4 KB)"
            verdict = "ok" if requests_ <= 3 and wire < 4096 else "OVER GOAL"
            print(
                f"   idle pass (nothing queued, nothing changed): {requests_} requests, {wire} bytes [{verdict}]"
            )
            tracking = [app.reports.get(i).tracking_id for i in ids]
            for report_id in ids[:10]:
                app.replies.record(
                    report_id, "Jalan masih rusak dan lubangnya bertambah besar, mohon ditinjau."
                )
            requests_, wire, summary = _measure(relay, app)
            replies = f"10 replies {requests_} requests, {wire / 1e3:.1f} KB"
            print(
                f"   pass sending 10 replies: {requests_} requests, {wire / 1e3:.1f} KB "
                f"({summary.replies_sent} sent; their 10 changed reports pulled back)"
            )
            for tracking_id in tracking:
                set_status(server.data_dir, tracking_id, "verified")
            requests_, wire, summary = _measure(relay, app)
            print(
                f"   pull of {pull_reports} changed reports: {requests_} requests, {wire / 1e3:.1f} KB "
                f"({wire / pull_reports:.0f} bytes per report; {summary.updated} updated)"
            )
            ROWS.append(
                stats.Row(
                    "bench_sync.py",
                    "what a desa pays for on mobile data (bytes both ways, headers included)",
                    "",
                    "",
                    f"{idle}; {replies}; pull of {pull_reports:,} changed {requests_} requests, "
                    f"{wire / 1e3:.1f} KB",
                )
            )
        relay.close()


# -- main ------------------------------------------------------------------------------------------


def sizes_arg(text: str) -> list[int]:
    return [int(part) for part in text.replace("_", "").split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=sizes_arg, default=[1000, 5000], help="section 1 sizes, e.g. 1000,5000"
    )
    parser.add_argument("--photo-reports", type=int, default=1000, help="section 2 size (0 skips)")
    parser.add_argument(
        "--scaling",
        type=sizes_arg,
        default=[1000, 2000, 5000, 10000, 20000],
        help="section 3 sizes ('' skips)",
    )
    parser.add_argument("--wire-reports", type=int, default=100, help="section 4 size (0 skips)")
    parser.add_argument("--pays-reports", type=int, default=1000, help="section 5 pull size (0 skips)")
    parser.add_argument("--rounds", type=int, default=5, help="alternated rounds per comparison")
    parser.add_argument(
        "--scaling-rounds", type=int, default=0, help="rounds in section 3 (default: --rounds)"
    )
    parser.add_argument(
        "--profile", type=int, default=0, help="profile one client pass of this size (0 skips)"
    )
    parser.add_argument("--profile-out", help="also save that profile's pstats to this file")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds the server adds to every request")
    parser.add_argument(
        "--quick", action="store_true", help="small sizes and two rounds: a check, not a figure"
    )
    parser.add_argument(
        "--summary", help="append the headline rows as JSON lines (scripts/benchmark_table.py)"
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.photo_reports, args.scaling = [200, 1000], 100, [500, 1000, 2000]
        args.wire_reports, args.rounds = 5, 2
    print(
        f"Python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        wanted = sorted(set(args.sizes) | set(args.scaling) | ({args.profile} if args.profile else set()))
        templates = build_templates(base, wanted, photos=False) if wanted else {}
        section_plain(base, templates, args.sizes, args.rounds, args.delay)
        if args.photo_reports:
            section_photos(base, args.photo_reports, args.rounds, args.delay)
        if args.scaling:
            section_scaling(base, templates, args.scaling, args.scaling_rounds or args.rounds, args.delay)
        if args.wire_reports:
            section_wire(base, args.wire_reports)
        if args.pays_reports:
            section_pays(base, args.pays_reports)
        if args.profile:
            section_profile(base, templates[args.profile], args.delay, args.profile_out)
    stats.record(args.summary, ROWS)


if __name__ == "__main__":
    main()
