"""Training server (waitress) against a plain http.server baseline, on loopback.

Run: .venv/bin/python tests/benchmarks/bench_training_server.py [--rounds N]

Measures, for both servers in the same run:
- median latency of keep-alive requests (one requests.Session) to /api/v1/ping
  and to a batch POST of 10 reports;
- throughput with 40 concurrent clients (threads), each doing a realistic sync:
  ping, a batch of 10 reports, a pull.

The baseline is ThreadingHTTPServer with trivial handlers (canned answers, no
storage, Nagle left on, HTTP/1.1 keep-alive). It does far less work per
request than the training server, which validates and stores every report
with an fsync; the point is the transport: Nagle's algorithm delays each
keep-alive answer of http.server by tens of milliseconds.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sync.training_server import add_token, start_in_thread  # noqa: E402
from tests.support.training import sample_report  # noqa: E402

CLIENTS = 40
BATCH = 10


class BaselineHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def _json(self, status: int, value: object) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.path == "/api/v1/ping":
            self._json(
                200, {"service": "lapor-api", "api_version": "1.0", "server_time": "2026-11-29T05:42:50Z"}
            )
        else:
            self._json(200, {"items": [], "next_cursor": "0"})

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        reports = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["reports"]
        results = [
            {
                "client_id": item["client_id"],
                "status": 201,
                "receipt": {
                    "client_id": item["client_id"],
                    "tracking_id": f"LPR-2026-{index:06d}",
                    "status": "pending_verification",
                    "received_at": "2026-11-29T05:42:50Z",
                    "replayed": False,
                },
            }
            for index, item in enumerate(reports)
        ]
        self._json(200, {"results": results})


def median_ms(call: Callable[[], requests.Response], count: int) -> float:
    call()  # opens the keep-alive connection
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        response = call()
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.text
    return statistics.median(timings) * 1000


def batch_body() -> dict:
    return {"reports": [sample_report(client_id=str(uuid.uuid4())) for _ in range(BATCH)]}


def measure(base_url: str, tokens: list[str], rounds: int, pings: int, batches: int) -> dict[str, float]:
    session = requests.Session()
    headers = {"Authorization": f"Bearer {tokens[0]}"}
    ping_ms = median_ms(lambda: session.get(base_url + "/v1/ping", timeout=30), pings)
    batch_ms = median_ms(
        lambda: session.post(base_url + "/v1/reports/batch", json=batch_body(), headers=headers, timeout=30),
        batches,
    )
    session.close()

    def sync(token: str) -> int:
        client = requests.Session()
        auth = {"Authorization": f"Bearer {token}"}
        for _ in range(rounds):
            assert client.get(base_url + "/v1/ping", timeout=60).ok
            assert client.post(base_url + "/v1/reports/batch", json=batch_body(), headers=auth, timeout=60).ok
            assert client.get(base_url + "/v1/reports", params={"limit": 200}, headers=auth, timeout=60).ok
        client.close()
        return rounds

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        done = sum(pool.map(sync, tokens))
    elapsed = time.perf_counter() - start
    return {"ping_ms": ping_ms, "batch_ms": batch_ms, "syncs_per_s": done / elapsed, "elapsed_s": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="syncs per client in the throughput run")
    parser.add_argument("--pings", type=int, default=200)
    parser.add_argument("--batches", type=int, default=40)
    args = parser.parse_args()

    baseline = ThreadingHTTPServer(("127.0.0.1", 0), BaselineHandler)
    threading.Thread(target=baseline.serve_forever, daemon=True).start()
    base_figures = measure(
        f"http://127.0.0.1:{baseline.server_port}/api", ["x"] * CLIENTS, args.rounds, args.pings, args.batches
    )
    baseline.shutdown()
    baseline.server_close()

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        tokens = [add_token(data_dir, f"Desa Peserta {index + 1}") for index in range(CLIENTS)]
        with start_in_thread(data_dir) as server:
            figures = measure(server.base_url, tokens, args.rounds, args.pings, args.batches)

    print(f"{'':34}{'training (waitress)':>22}{'http.server baseline':>24}{'ratio':>10}")
    rows = [
        ("keep-alive ping, median ms", "ping_ms"),
        (f"keep-alive batch of {BATCH}, median ms", "batch_ms"),
        (f"{CLIENTS} clients x {args.rounds} syncs, syncs/s", "syncs_per_s"),
        ("  wall time of that run, s", "elapsed_s"),
    ]
    for label, key in rows:
        ratio = base_figures[key] / figures[key] if key != "syncs_per_s" else figures[key] / base_figures[key]
        print(f"{label:34}{figures[key]:>22.2f}{base_figures[key]:>24.2f}{ratio:>9.1f}x")
    print("ratio > 1 means the training server is better (lower latency, more syncs per second).")


if __name__ == "__main__":
    main()
