"""Running the training server: the API under `/api`, the trainer page at `/`.

HTTP stack: waitress, a pure-Python multi-threaded WSGI server. Its default
socket options set TCP_NODELAY, so keep-alive replies go out at once instead
of waiting for Nagle's algorithm (Python's http.server answers each
keep-alive request about 40 ms late); and it buffers request bodies before a
worker thread sees them, so a slow trainee laptop on the room's Wi-Fi does
not hold a thread. What it buffers is bounded by the contract's limits
(`limits`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import waitress
from waitress import wasyncore
from waitress.server import BaseWSGIServer

from .api import ATTACHMENT_LIMIT, Api
from .deadlines import Deadlines
from .http_io import JSON_BODY_LIMIT, gzip_wire_cap
from .limits import bounded_channel
from .page import FORM_LIMIT, TrainerPage
from .reference import agency_source, category_source
from .store import Store

__all__ = ["RunningServer", "TrainingApp", "serve", "start_in_thread"]

API_PREFIX = "/api"
# One thread per trainee of a room of about 40 syncing at once, plus the trainer's page:
# most of a request's time is spent waiting for SQLite's single writer and fsync, not on the CPU.
THREADS = 48
CONNECTION_LIMIT = 400
# A little above the largest body the contract allows (a 5 MiB attachment): the
# most waitress buffers for one request, chunked bodies included.
WAITRESS_BODY_LIMIT = ATTACHMENT_LIMIT + 64 * 1024
ATTACHMENTS_PREFIX = API_PREFIX + "/v1/attachments/"
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def body_limit(path: str) -> int:
    """The largest `Content-Length` a request to `path` may declare."""
    if path.startswith(ATTACHMENTS_PREFIX):
        return ATTACHMENT_LIMIT
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        return gzip_wire_cap(JSON_BODY_LIMIT)
    return FORM_LIMIT


@dataclass
class TrainingApp:
    """The WSGI entry point: routes `/api/...` to the contract, the rest to the page."""

    store: Store
    delay_s: float = 0.0
    # The address the server listens on: the trainer page also answers to it when it is a specific one.
    bind_host: str = "127.0.0.1"
    api: Api = field(init=False)
    page: TrainerPage = field(init=False)

    def __post_init__(self) -> None:
        categories = category_source(self.store.data_dir)
        agencies = agency_source(self.store.data_dir)
        deadlines = Deadlines()
        self.api = Api(self.store, categories, agencies, delay_s=self.delay_s, deadlines=deadlines)
        self.page = TrainerPage(self.store, categories, agencies, deadlines, bind_host=self.bind_host)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + API_PREFIX
            environ["PATH_INFO"] = path[len(API_PREFIX) :] or "/"
            return self.api(environ, start_response)
        return self.page(environ, start_response)


def _create_server(app: TrainingApp, host: str, port: int) -> BaseWSGIServer:
    # A short queue while the whole room syncs at once is expected, not worth a warning each time.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    server = waitress.create_server(
        app,
        host=host,
        port=port,
        threads=THREADS,
        connection_limit=CONNECTION_LIMIT,
        max_request_body_size=WAITRESS_BODY_LIMIT,
        channel_timeout=120,
        ident="lapor-training",
        # poll() has no 1024-descriptor ceiling, unlike select().
        asyncore_use_poll=True,
    )
    # Accepted connections get this class: refused bodies are not buffered (see `limits`).
    server.channel_class = bounded_channel(body_limit)  # type: ignore[attr-defined]
    return server


class RunningServer:
    """A server running in a background thread; `stop()` or use as a context manager."""

    def __init__(self, server: BaseWSGIServer, store: Store, host: str) -> None:
        self._server = server
        self.store = store
        self.data_dir = store.data_dir
        shown_host = f"[{host}]" if ":" in host else host
        self.port: int = server.effective_port  # type: ignore[attr-defined]
        self.page_url = f"http://{shown_host}:{self.port}/"
        self.base_url = f"http://{shown_host}:{self.port}{API_PREFIX}"
        self._thread = threading.Thread(target=server.run, name="lapor-training-server", daemon=True)
        self._thread.start()
        self._stopped = False

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        server = self._server
        # Workers first: one finishing a request pulls the trigger, which
        # must still be open then.
        server.task_dispatcher.shutdown(timeout=10)  # type: ignore[attr-defined]
        # The loop runs while any channel is open, keep-alive ones included;
        # closing them all from inside the loop's own thread ends it cleanly.
        try:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map, ignore_all=True))  # type: ignore[attr-defined]
        except OSError:
            # The loop woke for another reason and ran the thunk, closing the
            # trigger, before this thread's wake-up write.
            pass
        self._thread.join(timeout=10)
        self.store.close()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_in_thread(
    data_dir: Path, host: str = "127.0.0.1", port: int = 0, *, delay_s: float = 0.0
) -> RunningServer:
    """Start on `host:port` (0 = a free port) and return at once.

    `delay_s` adds a pause to every API request, to imitate a slow link in
    benchmarks and client tests.
    """
    store = Store(data_dir)
    try:
        server = _create_server(TrainingApp(store, delay_s, host), host, port)
    except BaseException:
        store.close()
        raise
    return RunningServer(server, store, host)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def announcement(host: str, port: int, data_dir: Path) -> list[str]:
    """What the console says when the server starts, in Bahasa Indonesia."""
    wildcard = host in WILDCARD_HOSTS
    page_host = "127.0.0.1" if wildcard or host == "localhost" else _url_host(host)
    api = f"http://{_url_host(host or '0.0.0.0')}:{port}{API_PREFIX}"
    if wildcard:
        api += f" (ganti {host or '0.0.0.0'} dengan IP laptop ini)"
    elif host in ("127.0.0.1", "::1", "localhost"):
        api += " (hanya dari laptop ini; jalankan dengan --host 0.0.0.0 agar laptop peserta terhubung)"
    return [
        f"Server pelatihan LAPOR! berjalan. Halaman pelatih: http://{page_host}:{port}/",
        f"Alamat API untuk peserta: {api}",
        f"Data disimpan di: {data_dir.resolve()}. Tekan Ctrl+C untuk berhenti.",
    ]


def serve(
    data_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve until Ctrl+C.

    Use host "0.0.0.0" so trainees' laptops can reach the API. The trainer
    page answers only on the laptop itself: at 127.0.0.1 (or localhost), or
    at the address given as host when it is a specific one.
    """
    with Store(data_dir) as store:
        server = _create_server(TrainingApp(store, bind_host=host), host, port)
        for line in announcement(host, server.effective_port, Path(data_dir)):  # type: ignore[attr-defined]
            announce(line)
        try:
            # waitress itself catches Ctrl+C here and winds its threads down.
            server.run()
        finally:
            server.close()
        announce("Server pelatihan dihentikan.")
