"""A real TCP proxy on 127.0.0.1 that breaks HTTP in the ways village networks do.

It sits in front of a real server and, per request (matched by method and
path, counted), passes it through or misbehaves: waits too long, stores the
request upstream but hangs up before answering, cuts the answer short, resets
the connection, or answers itself (503/429 with Retry-After, 5xx, a Wi-Fi
portal's HTML page, a redirect to a login page).

It speaks enough HTTP/1.1 (Content-Length and chunked framing, keep-alive,
HEAD and 304 without body) that one `requests.Session` works through it over
many requests. Everything is bounded: connection count, header and body
sizes, socket timeouts; `stop()` closes every socket and joins every thread.
"""

from __future__ import annotations

import gzip
import http
import json
import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

MAX_HEAD = 64 * 1024
MAX_BODY = 16 * 1024 * 1024


# --- actions ---------------------------------------------------------------


@dataclass(frozen=True)
class PassThrough:
    """Forward the request and relay the answer unchanged."""


@dataclass(frozen=True)
class Delay:
    """Wait `seconds` before doing `then` (the request still reaches the server afterwards)."""

    seconds: float
    then: Action = field(default_factory=PassThrough)


@dataclass(frozen=True)
class DropAfterForward:
    """Forward the request, read the server's answer, then hang up without relaying it."""


@dataclass(frozen=True)
class TruncateBody:
    """Forward, then relay the headers and only `keep` bytes of the body, and hang up.

    With `fix_length` the Content-Length is rewritten to the bytes sent, so the
    framing is fine but the JSON is cut (a proxy that trimmed the body).
    """

    keep: int | None = None
    fix_length: bool = False


@dataclass(frozen=True)
class TruncateHeaders:
    """Send only the first `keep` bytes of the answer's head, and hang up."""

    keep: int = 12
    forward: bool = True


@dataclass(frozen=True)
class Reset:
    """Abort with a TCP RST (SO_LINGER 0), optionally after the server stored the request."""

    forward: bool = False


@dataclass(frozen=True)
class Respond:
    """Answer without asking the server."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    close: bool = False


@dataclass(frozen=True, eq=False)
class Hold:
    """Keep the request here, set `held` and wait for `release`: the test acts at a known point.

    With `forward` the server has stored the request before the hold, and the
    client never gets the answer. Without it, `then` is done after the release
    (by default: hang up, the request never reached the server). `done` is set
    once all of it is over.
    """

    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    forward: bool = False
    then: Action | None = None


Action = PassThrough | Delay | DropAfterForward | TruncateBody | TruncateHeaders | Reset | Respond | Hold


def unavailable(retry_after: int | None = 7) -> Respond:
    body = json.dumps({"error": {"code": "unavailable", "message": "Sedang pemeliharaan."}}).encode()
    headers = [("Content-Type", "application/json")]
    if retry_after is not None:
        headers.append(("Retry-After", str(retry_after)))
    return Respond(503, tuple(headers), body)


def rate_limited(retry_after: int = 11) -> Respond:
    body = json.dumps({"error": {"code": "rate_limited", "message": "Terlalu banyak permintaan."}}).encode()
    return Respond(429, (("Content-Type", "application/json"), ("Retry-After", str(retry_after))), body)


def server_error(status: int = 500, *, html: bool = False) -> Respond:
    if html:
        page = f"<html><body><h1>{status} Bad Gateway</h1><p>nginx</p></body></html>".encode()
        return Respond(status, (("Content-Type", "text/html"),), page)
    body = json.dumps({"error": {"code": "internal", "message": "Kesalahan server."}}).encode()
    return Respond(status, (("Content-Type", "application/json"),), body)


CAPTIVE_PORTAL_PAGE = (
    b"<!DOCTYPE html><html><head><title>WiFi Desa - Login</title></head><body>"
    b"<h1>Selamat datang di WiFi Desa</h1><form action='/login'><input name='voucher'>"
    b"<button>Masuk</button></form></body></html>"
)


def captive_portal() -> Respond:
    return Respond(200, (("Content-Type", "text/html; charset=utf-8"),), CAPTIVE_PORTAL_PAGE)


def redirect_to_login(location: str = "http://10.0.0.1/login?orig=lapor") -> Respond:
    # The address is only written into a header; nothing ever connects to it
    # because the client does not follow redirects.
    return Respond(
        302, (("Location", location), ("Content-Type", "text/html")), b"<a href='/login'>login</a>"
    )


# --- rules and records -----------------------------------------------------


@dataclass
class Rule:
    """Apply `action` to requests matching `method`/`path`: skip the first `after`, then `times` of them.

    `path` is the path after the upstream base path (`/v1/reports`) or the
    full path; `None` matches any. `times=None` means every match from then on.
    """

    action: Action
    method: str | None = None
    path: str | None = None
    times: int | None = 1
    after: int = 0
    seen: int = 0
    used: int = 0

    def exhausted(self) -> bool:
        return self.times is not None and self.used >= self.times


@dataclass(frozen=True)
class Exchange:
    """One request as the proxy handled it. `status` is what the server or the proxy answered."""

    method: str
    path: str
    action: str
    forwarded: bool
    status: int | None
    response_headers: tuple[tuple[str, str], ...] = ()
    response_body: bytes = b""
    request_headers: tuple[tuple[str, str], ...] = ()

    def header(self, name: str) -> str | None:
        """A response header."""
        return _find(self.response_headers, name)

    def request_header(self, name: str) -> str | None:
        return _find(self.request_headers, name)

    def json(self) -> Any:
        """The upstream answer's body as JSON, un-gzipped if needed (for assertions)."""
        body = self.response_body
        if (self.header("Content-Encoding") or "").lower() == "gzip":
            body = gzip.decompress(body)
        return json.loads(body)


def _find(headers: tuple[tuple[str, str], ...] | list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name.lower():
            return value
    return None


# --- HTTP framing ----------------------------------------------------------


class _Closed(Exception):
    """The peer closed (or the proxy is stopping)."""


class _Reader:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise _Closed()
        self.buffer.extend(chunk)

    def until(self, marker: bytes, limit: int) -> bytes:
        while True:
            index = self.buffer.find(marker)
            if index >= 0:
                end = index + len(marker)
                data = bytes(self.buffer[:end])
                del self.buffer[:end]
                return data
            if len(self.buffer) > limit:
                raise _Closed()
            self._fill()

    def exactly(self, size: int) -> bytes:
        while len(self.buffer) < size:
            self._fill()
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def to_eof(self, limit: int) -> bytes:
        try:
            while len(self.buffer) <= limit:
                self._fill()
        except _Closed:
            pass
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


@dataclass
class _Message:
    head: bytes
    start_line: str
    headers: list[tuple[str, str]]
    body: bytes  # raw, still in its transfer framing
    until_eof: bool = False

    def header(self, name: str) -> str | None:
        return _find(self.headers, name)

    def wants_close(self) -> bool:
        return self.until_eof or (self.header("Connection") or "").lower() == "close"

    @property
    def raw(self) -> bytes:
        return self.head + self.body

    def content(self) -> bytes:
        """The body without chunked framing."""
        if (self.header("Transfer-Encoding") or "").lower() != "chunked":
            return self.body
        out = bytearray()
        data = self.body
        pos = 0
        while True:
            line_end = data.index(b"\r\n", pos)
            size = int(data[pos:line_end].split(b";")[0], 16)
            pos = line_end + 2
            if size == 0:
                break
            out.extend(data[pos : pos + size])
            pos += size + 2
        return bytes(out)


def _parse_head(head: bytes) -> tuple[str, list[tuple[str, str]]]:
    lines = head.decode("latin-1").split("\r\n")
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return lines[0], headers


def _read_chunked(reader: _Reader) -> bytes:
    raw = bytearray()
    while True:
        line = reader.until(b"\r\n", MAX_HEAD)
        raw.extend(line)
        size = int(line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            # Trailers end with an empty line.
            while True:
                trailer = reader.until(b"\r\n", MAX_HEAD)
                raw.extend(trailer)
                if trailer == b"\r\n":
                    return bytes(raw)
        if len(raw) + size > MAX_BODY:
            raise _Closed()
        raw.extend(reader.exactly(size + 2))


def _read_message(reader: _Reader, *, request_method: str | None = None) -> _Message:
    """A request (request_method None) or the response to a request of that method."""
    head = reader.until(b"\r\n\r\n", MAX_HEAD)
    start_line, headers = _parse_head(head)
    message = _Message(head=head, start_line=start_line, headers=headers, body=b"")
    if request_method is not None:
        status = int(start_line.split(" ", 2)[1])
        if request_method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return message
    if (message.header("Transfer-Encoding") or "").lower() == "chunked":
        message.body = _read_chunked(reader)
    elif message.header("Content-Length") is not None:
        length = int(message.header("Content-Length") or "0")
        if length > MAX_BODY:
            raise _Closed()
        message.body = reader.exactly(length)
    elif request_method is not None:
        # A response without framing ends when the server closes.
        message.body = reader.to_eof(MAX_BODY)
        message.until_eof = True
    return message


def _build_response(status: int, headers: tuple[tuple[str, str], ...], body: bytes, close: bool) -> bytes:
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{name}: {value}" for name, value in headers]
    lines.append(f"Content-Length: {len(body)}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# --- the proxy -------------------------------------------------------------


class FaultProxy:
    """`with FaultProxy(server.base_url) as proxy:` then point the client at `proxy.base_url`."""

    def __init__(
        self,
        upstream_base_url: str,
        *,
        max_connections: int = 32,
        io_timeout: float = 20.0,
    ) -> None:
        parts = urlsplit(upstream_base_url)
        if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the fault proxy only fronts a plain-HTTP server on this machine")
        self._upstream = (parts.hostname, parts.port or 80)
        self.base_path = parts.path.rstrip("/")
        self._io_timeout = io_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        self._lock = threading.Lock()
        self._rules: list[Rule] = []
        self._exchanges: list[Exchange] = []
        self._stopping = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self.port = 0
        self.connections_accepted = 0

    # -- lifecycle --------------------------------------------------------

    def start(self) -> FaultProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy-accept", daemon=True)
        self._acceptor.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._acceptor is not None:
            self._acceptor.join(timeout=5)
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
            threads = list(self._threads)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in threads:
            thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    # -- programming and inspection --------------------------------------

    def add_rule(
        self,
        action: Action,
        *,
        method: str | None = None,
        path: str | None = None,
        times: int | None = 1,
        after: int = 0,
    ) -> Rule:
        rule = Rule(
            action=action, method=method.upper() if method else None, path=path, times=times, after=after
        )
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear_rules(self) -> None:
        with self._lock:
            self._rules.clear()

    @property
    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)

    def count(
        self, method: str | None = None, path: str | None = None, *, forwarded: bool | None = None
    ) -> int:
        return sum(
            1
            for e in self.exchanges
            if (method is None or e.method == method.upper())
            and (path is None or self._path_matches(path, e.path))
            and (forwarded is None or e.forwarded == forwarded)
        )

    def _path_matches(self, wanted: str, actual: str) -> bool:
        return actual == wanted or actual == self.base_path + wanted

    def _choose(self, method: str, path: str) -> Action:
        with self._lock:
            for rule in self._rules:
                if rule.exhausted():
                    continue
                if rule.method is not None and rule.method != method:
                    continue
                if rule.path is not None and not self._path_matches(rule.path, path):
                    continue
                rule.seen += 1
                if rule.seen <= rule.after:
                    return PassThrough()
                rule.used += 1
                return rule.action
        return PassThrough()

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self._exchanges.append(exchange)

    # -- connections -------------------------------------------------------

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _untrack(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.discard(sock)
        try:
            sock.close()
        except OSError:
            pass

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self._slots.acquire(blocking=False):
                client.close()
                continue
            client.settimeout(self._io_timeout)
            self._track(client)
            with self._lock:
                self.connections_accepted += 1
            thread = threading.Thread(
                target=self._serve, args=(client,), name="fault-proxy-conn", daemon=True
            )
            with self._lock:
                self._threads = [t for t in self._threads if t.is_alive()]
                self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        upstream: _Upstream | None = None
        try:
            reader = _Reader(client)
            while not self._stopping.is_set():
                try:
                    request = _read_message(reader)
                except (_Closed, OSError, ValueError):
                    return
                method, target = request.start_line.split(" ", 2)[:2]
                path = target.split("?", 1)[0]
                action = self._choose(method, path)
                if upstream is None:
                    upstream = _Upstream(self, self._upstream, self._io_timeout)
                keep_going = self._apply(action, client, upstream, request, method, path)
                if not keep_going or request.wants_close():
                    return
        finally:
            if upstream is not None:
                upstream.close()
            self._untrack(client)
            self._slots.release()

    def _apply(
        self,
        action: Action,
        client: socket.socket,
        upstream: _Upstream,
        request: _Message,
        method: str,
        path: str,
    ) -> bool:
        """Carry out one action; False when the client connection must end."""
        name = type(action).__name__
        sent = tuple(request.headers)
        if isinstance(action, Delay):
            if self._stopping.wait(action.seconds):
                return False
            return self._apply(action.then, client, upstream, request, method, path)
        if isinstance(action, Respond):
            self._record(
                Exchange(method, path, name, False, action.status, action.headers, action.body, sent)
            )
            client.sendall(_build_response(action.status, action.headers, action.body, action.close))
            return not action.close
        if isinstance(action, Reset) and not action.forward:
            self._record(Exchange(method, path, name, False, None, request_headers=sent))
            _reset(client)
            return False
        if isinstance(action, Hold) and not action.forward:
            self._hold(action)
            try:
                if action.then is not None:
                    return self._apply(action.then, client, upstream, request, method, path)
                self._record(Exchange(method, path, name, False, None, request_headers=sent))
                return False
            finally:
                action.done.set()

        try:
            response = upstream.exchange(request, method)
        except (_Closed, OSError, ValueError):
            self._record(Exchange(method, path, name, True, None, request_headers=sent))
            _reset(client)
            return False
        status = int(response.start_line.split(" ", 2)[1])
        self._record(
            Exchange(method, path, name, True, status, tuple(response.headers), response.content(), sent)
        )

        try:
            if isinstance(action, PassThrough):
                client.sendall(response.raw)
                return not response.wants_close()
            if isinstance(action, DropAfterForward):
                return False
            if isinstance(action, Hold):
                self._hold(action)
                action.done.set()
                return False
            if isinstance(action, Reset):
                _reset(client)
                return False
            if isinstance(action, TruncateHeaders):
                client.sendall(response.head[: action.keep])
                return False
            if isinstance(action, TruncateBody):
                keep = action.keep if action.keep is not None else len(response.body) // 2
                head = response.head
                if action.fix_length:
                    head = _with_content_length(response, keep)
                client.sendall(head + response.body[:keep])
                return False
        except OSError:
            return False
        raise AssertionError(f"unknown action {action!r}")

    def _hold(self, action: Hold) -> None:
        action.held.set()
        while not action.release.wait(0.1) and not self._stopping.is_set():
            pass


def _with_content_length(response: _Message, length: int) -> bytes:
    lines = [response.start_line]
    for name, value in response.headers:
        if name.lower() in ("content-length", "transfer-encoding"):
            continue
        lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {length}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN: linger on, timeout zero."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


class _Upstream:
    """The proxy's own keep-alive connection to the real server, for one client connection."""

    def __init__(self, proxy: FaultProxy, address: tuple[str, int], timeout: float) -> None:
        self._proxy = proxy
        self._address = address
        self._timeout = timeout
        self._sock: socket.socket | None = None
        self._reader: _Reader | None = None

    def _connect(self) -> None:
        sock = socket.create_connection(self._address, timeout=self._timeout)
        self._proxy._track(sock)
        self._sock = sock
        self._reader = _Reader(sock)

    def exchange(self, request: _Message, method: str) -> _Message:
        reused = self._sock is not None
        if not reused:
            self._connect()
        try:
            return self._send(request, method)
        except (_Closed, ConnectionError):
            if not reused:
                raise
        # The server closed the idle connection before this request reached
        # it (nothing was read), so sending again on a new one is safe.
        self.close()
        self._connect()
        return self._send(request, method)

    def _send(self, request: _Message, method: str) -> _Message:
        assert self._sock is not None and self._reader is not None
        self._sock.sendall(request.raw)
        response = _read_message(self._reader, request_method=method)
        if response.wants_close():
            self.close()
        return response

    def close(self) -> None:
        if self._sock is not None:
            self._proxy._untrack(self._sock)
        self._sock = None
        self._reader = None
