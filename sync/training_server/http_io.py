"""Reading requests and writing replies for the training server's WSGI code.

Kept apart from the endpoint logic so that the contract's transport rules
(error shape, gzip both ways, body limits, RFC 3339 timestamps) live in one
place and every endpoint gets them the same way.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

JSON_BODY_LIMIT = 1024 * 1024
# Responses smaller than this are not worth compressing.
GZIP_THRESHOLD = 256

REASONS = {
    200: "OK",
    201: "Created",
    303: "See Other",
    304: "Not Modified",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}

StartResponse = Callable[..., Any]


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)


class ApiError(Exception):
    """A contract error: becomes `{"error": {"code", "message", ...}}`."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
        self.headers: list[tuple[str, str]] = []

    def detail(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.extra}

    def reply(self) -> Reply:
        reply = json_reply(self.status, {"error": self.detail()})
        reply.headers.extend(self.headers)
        return reply


@dataclass(frozen=True)
class Outcome:
    """What a single POST of one report or reply answers: a receipt or an error."""

    status: int
    receipt: dict[str, Any] | None = None
    error: ApiError | None = None

    @staticmethod
    def failed(error: ApiError) -> Outcome:
        return Outcome(error.status, error=error)

    def reply(self) -> Reply:
        if self.error is not None:
            return self.error.reply()
        return json_reply(self.status, self.receipt)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_reply(status: int, value: Any, headers: Iterable[tuple[str, str]] = ()) -> Reply:
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, "application/json; charset=utf-8", list(headers))


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN/Infinity, which are not JSON.
    raise ValueError(f"not JSON: {name}")


def gzip_wire_cap(limit: int) -> int:
    """The largest gzip body that can still inflate to at most `limit` bytes.

    Deflate never grows data by more than a few bytes per 16 KiB block, so a
    compressed body beyond this cap would certainly inflate past the limit.
    """
    return limit + limit // 100 + 1024


def read_body(environ: dict[str, Any], limit: int) -> bytes:
    """The request body, gunzipped when sent so, at most `limit` bytes.

    Raises 413 past the limit (after decompression) and 400 for a body that
    is not valid gzip or an unknown content coding.
    """
    stream = environ["wsgi.input"]
    length_text = environ.get("CONTENT_LENGTH") or ""
    coding = (environ.get("HTTP_CONTENT_ENCODING") or "identity").strip().lower()
    if coding not in ("identity", "gzip", "x-gzip"):
        raise ApiError(400, "bad_request", f"Content-Encoding '{coding[:40]}' tidak didukung; gunakan gzip.")
    too_large = ApiError(
        413, "payload_too_large", f"Isi permintaan melebihi batas {limit:,} byte.".replace(",", ".")
    )
    wire_cap = limit if coding == "identity" else gzip_wire_cap(limit)
    if length_text:
        try:
            length = int(length_text)
        except ValueError as exc:
            raise ApiError(400, "bad_request", "Header Content-Length tidak valid.") from exc
        if length > wire_cap:
            raise too_large
        raw = stream.read(length) if length > 0 else b""
    else:
        raw = stream.read(wire_cap + 1)
    if len(raw) > wire_cap:
        raise too_large
    if coding == "identity":
        return raw
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, limit + 1)
        if len(data) <= limit and not inflater.unconsumed_tail:
            data += inflater.flush()
    except zlib.error as exc:
        raise ApiError(400, "bad_request", "Isi permintaan bukan data gzip yang valid.") from exc
    if len(data) > limit or inflater.unconsumed_tail:
        raise too_large
    if not inflater.eof:
        raise ApiError(400, "bad_request", "Data gzip terpotong.")
    return data


def parse_json_body(environ: dict[str, Any]) -> Any:
    """The JSON value of the request body, or 400/413 as the contract says."""
    content_type = (environ.get("CONTENT_TYPE") or "").split(";")
    media = content_type[0].strip().lower()
    if media != "application/json":
        raise ApiError(
            400, "bad_request", "Isi permintaan harus berupa JSON (Content-Type: application/json)."
        )
    for param in content_type[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise ApiError(400, "bad_request", "JSON harus dikodekan dalam UTF-8.")
    raw = read_body(environ, JSON_BODY_LIMIT)
    try:
        text = raw.decode("utf-8")
        return json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ApiError(400, "bad_request", "Isi permintaan bukan JSON yang valid.") from exc


def accepts_gzip(environ: dict[str, Any]) -> bool:
    for part in (environ.get("HTTP_ACCEPT_ENCODING") or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() not in ("gzip", "x-gzip"):
            continue
        q = params.strip().lower()
        if q.startswith("q="):
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def send(environ: dict[str, Any], start_response: StartResponse, reply: Reply) -> list[bytes]:
    headers = list(reply.headers)
    body = reply.body
    if reply.content_type:
        headers.append(("Content-Type", reply.content_type))
    if reply.status != 304 and reply.content_type:
        headers.append(("Vary", "Accept-Encoding"))
        if len(body) >= GZIP_THRESHOLD and accepts_gzip(environ):
            # mtime=0 keeps the compressed bytes stable for equal bodies.
            body = gzip.compress(body, compresslevel=5, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    start_response(f"{reply.status} {REASONS.get(reply.status, 'Unknown')}", headers)
    if environ.get("REQUEST_METHOD") == "HEAD" or reply.status == 304:
        return []
    return [body]
