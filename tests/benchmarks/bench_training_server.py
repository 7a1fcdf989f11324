"""Training server (waitress) against a fair http.server baseline, on loopback.

Run: .venv/bin/python tests/benchmarks/bench_training_server.py [--rounds N] [--summary FILE]

Both servers run at once; requests alternate between them one by one:
- keep-alive latency (one requests.Session each) of /api/v1/ping and of a
  batch POST of 10 reports;
- throughput with 40 concurrent clients (threads), each doing a realistic
  sync (ping, a batch of 10 reports, a pull), the two servers taking turns.

The baseline is a fair `http.server`: ThreadingHTTPServer, HTTP/1.1
keep-alive, Nagle off (TCP_NODELAY, as waitress has it), with canned answers
and no storage. It does far less per request than the training server, which
validates and stores every report with an fsync: its figures are the floor
of the transport, and a ratio is what the training server's work costs.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sync.training_server import add_token, start_in_thread  # noqa: E402
from tests.benchmarks import stats  # noqa: E402
from tests.support.training import sample_report  # noqa: E402

CLIENTS = 40
BATCH = 10


class BaselineHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True  # TCP_NODELAY: no delayed-ACK stall on each keep-alive answer

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


def batch_body() -> dict:
    return {"reports": [sample_report(client_id=str(uuid.uuid4())) for _ in range(BATCH)]}


class Client:
    """One keep-alive session to one server."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.auth = {"Authorization": f"Bearer {token}"}

    def ping(self) -> None:
        response = self.session.get(self.base_url + "/v1/ping", timeout=30)
        assert response.status_code == 200, response.text

    def batch(self) -> None:
        response = self.session.post(
            self.base_url + "/v1/reports/batch", json=batch_body(), headers=self.auth, timeout=30
        )
        assert response.status_code == 200, response.text


def throughput(base_url: str, tokens: list[str], rounds: int) -> float:
    """Wall ms of 40 clients each syncing `rounds` times at once."""

    def sync(token: str) -> int:
        client = requests.Session()
        auth = {"Authorization": f"Bearer {token}"}
        for _ in range(rounds):
            assert client.get(base_url + "/v1/ping", timeout=60).ok
            assert client.post(base_url + "/v1/reports/batch", json=batch_body(), headers=auth, timeout=60).ok
            assert client.get(base_url + "/v1/reports", params={"limit": 200}, headers=auth, timeout=60).ok
        client.close()
        return rounds

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        sum(pool.map(sync, tokens))
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="syncs per client in a throughput run")
    parser.add_argument("--runs", type=int, default=4, help="throughput runs per server, taking turns")
    parser.add_argument("--pings", type=int, default=300)
    parser.add_argument("--batches", type=int, default=60)
    parser.add_argument(
        "--summary", help="append the headline rows as JSON lines (scripts/benchmark_table.py)"
    )
    args = parser.parse_args()

    baseline = ThreadingHTTPServer(("127.0.0.1", 0), BaselineHandler)
    threading.Thread(target=baseline.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{baseline.server_port}/api"
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        tokens = [add_token(data_dir, f"Desa Peserta {index + 1}") for index in range(CLIENTS)]
        with start_in_thread(data_dir) as server:
            ours, theirs = Client(server.base_url, tokens[0]), Client(base_url, "x")
            pings = stats.alternate({"training": ours.ping, "baseline": theirs.ping}, args.pings, warmup=3)
            batches = stats.alternate(
                {"training": ours.batch, "baseline": theirs.batch}, args.batches, warmup=2
            )
            runs = stats.alternate(
                {
                    "training": lambda: throughput(server.base_url, tokens, args.rounds),
                    "baseline": lambda: throughput(base_url, ["x"] * CLIENTS, args.rounds),
                },
                args.runs,
                warmup=0,
            )
    baseline.shutdown()
    baseline.server_close()

    syncs = CLIENTS * args.rounds
    print(
        "Training server (waitress) vs baseline: http.server, HTTP/1.1 keep-alive, TCP_NODELAY, canned answers"
    )
    print("(ratio = training / baseline: above 1 the training server is slower; it stores every report)")
    print(stats.header())
    ping_ratio = stats.ratios(pings["training"], pings["baseline"])
    batch_ratio = stats.ratios(batches["training"], batches["baseline"])
    run_ratio = stats.ratios(runs["training"], runs["baseline"])
    print(stats.line("baseline: keep-alive ping", stats.Summary.of(pings["baseline"])))
    print(stats.line("training: keep-alive ping", stats.Summary.of(pings["training"]), ratio=ping_ratio))
    print(stats.line(f"baseline: keep-alive batch of {BATCH}", stats.Summary.of(batches["baseline"])))
    print(
        stats.line(
            f"training: keep-alive batch of {BATCH}", stats.Summary.of(batches["training"]), ratio=batch_ratio
        )
    )
    print(
        stats.line(
            f"baseline: {CLIENTS} clients x {args.rounds} syncs, wall", stats.Summary.of(runs["baseline"])
        )
    )
    print(
        stats.line(
            f"training: {CLIENTS} clients x {args.rounds} syncs, wall",
            stats.Summary.of(runs["training"]),
            ratio=run_ratio,
        )
    )
    ours_rate = syncs / (stats.Summary.of(runs["training"]).median / 1000)
    theirs_rate = syncs / (stats.Summary.of(runs["baseline"]).median / 1000)
    print(f"  syncs per second, median run: training {ours_rate:.0f}, baseline {theirs_rate:.0f}")
    stats.record(
        args.summary,
        [
            stats.Row(
                "bench_training_server.py",
                "keep-alive ping; 40 trainees syncing at once",
                f"{ping_ratio.ratio_text()}; {CLIENTS} clients {run_ratio.median:.2f}x",
                "http.server, HTTP/1.1 keep-alive, TCP_NODELAY, canned answers (no storage)",
                f"ping {stats.Summary.of(pings['training']).text()}; {ours_rate:.0f} syncs/s (baseline {theirs_rate:.0f})",
            )
        ],
    )


if __name__ == "__main__":
    main()
