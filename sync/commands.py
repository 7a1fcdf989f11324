"""The `sync` and `training-server` sub-commands. Imports stay inside handlers."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from pathlib import Path
from typing import Any

from lapor_desktop.cli.output import emit


def _indonesian_parser(parent: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    return parent.add_parser(name, help=help_text)  # the core's Parser: its own words in Indonesian


def add_commands(commands: Any) -> None:
    sync = commands.add_parser("sync", help="kirim antrean dan ambil status dari LAPOR! (satu putaran)")
    sync.add_argument("--watch", action="store_true", help="terus sinkron setiap kali server terjangkau")
    sync.add_argument(
        "--interval", type=float, default=60.0, help="detik antar putaran saat --watch (bawaan 60)"
    )
    sync.set_defaults(handler=cmd_sync)

    training = _indonesian_parser(
        commands, "training-server", "server pelatihan LAPOR! (API 1.1) untuk Bimtek di laptop pelatih"
    )
    training.description = (
        "Menjalankan tiruan layanan LAPOR! untuk pelatihan. Halaman pelatih hanya terbuka di laptop ini "
        "(http://127.0.0.1:PORT/); aplikasi peserta memakai alamat API http://IP-LAPTOP:PORT/api."
    )
    training.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ALAMAT",
        help="alamat yang didengarkan (bawaan 127.0.0.1: hanya laptop ini; 0.0.0.0 agar laptop peserta "
        "terhubung)",
    )
    training.add_argument("--port", type=int, default=8080, metavar="PORT", help="nomor port (bawaan 8080)")
    training.add_argument(
        "--data-dir",
        dest="server_data_dir",
        metavar="FOLDER",
        help="folder data server pelatihan (bawaan: FOLDER-DATA/training-server)",
    )
    training.set_defaults(handler=cmd_training_serve)
    actions = training.add_subparsers(dest="training_action", metavar="AKSI")
    token = _indonesian_parser(actions, "token", "kelola token peserta").add_subparsers(
        dest="token_action", metavar="AKSI", required=True
    )
    token_add = _indonesian_parser(token, "add", "buat token untuk satu kantor peserta")
    token_add.add_argument("name", metavar="NAMA_KANTOR", help="nama desa atau kecamatan peserta")
    token_add.set_defaults(handler=cmd_training_token_add)
    token_list = _indonesian_parser(token, "list", "daftar token peserta")
    token_list.set_defaults(handler=cmd_training_token_list)


def cmd_sync(args: argparse.Namespace) -> int:
    from lapor_desktop.app import open_app
    from sync.engine import SyncEngine

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with open_app(args.data_dir) as app:
        engine = SyncEngine(app)
        if not args.watch:
            summary = engine.run_once()
            emit(summary.to_json())
            return summary.exit_code
        return _watch(engine, args.interval)


def _watch(engine: Any, interval: float) -> int:
    """Sync whenever the server is reachable, until Ctrl+C or SIGTERM."""
    from sync.backoff import Backoff

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    backoff = Backoff(base=5.0, cap=max(interval, 5.0))
    failures = 0
    code = 0
    while not stop.is_set():
        summary = engine.run_once(cancel=stop)
        emit(summary.to_json())
        code = summary.exit_code
        if summary.online and not summary.auth_problem and summary.retry_after_s is None:
            failures = 0
            wait = interval
        else:
            wait = backoff.delay(failures, summary.retry_after_s)
            failures += 1
        stop.wait(wait)
    return code


def _server_dir(args: argparse.Namespace) -> Path:
    explicit = getattr(args, "server_data_dir", None)
    return Path(explicit).expanduser().resolve() if explicit else args.data_dir / "training-server"


def cmd_training_serve(args: argparse.Namespace) -> int:
    if getattr(args, "training_action", None):
        return 0
    from sync.training_server import serve

    serve(_server_dir(args), host=args.host, port=args.port)
    return 0


def cmd_training_token_add(args: argparse.Namespace) -> int:
    from sync.training_server import add_token

    token = add_token(_server_dir(args), args.name)
    emit({"name": args.name, "token": token})
    return 0


def cmd_training_token_list(args: argparse.Namespace) -> int:
    from sync.training_server import list_tokens

    emit([{"name": t.name, "token": t.token} for t in list_tokens(_server_dir(args))])
    return 0
