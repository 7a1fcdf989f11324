"""The LAPOR API client: one method per endpoint, typed results, typed failures.

Every call either returns its typed result or raises one of `sync.errors`
(`Transient`, `AuthFailure`, `PermanentForItem`, `MissingAttachments`,
`NotFound`). The client makes exactly one HTTP request per call and never
retries by itself: the outbox owns the schedule (see `sync.backoff`), and a
hidden retry inside the client would hide what the operator should see.

Transport rules kept here: one `requests.Session`; TLS verification always
on; explicit (connect, read) timeouts; redirects never followed (a redirect
on an API call is a Wi-Fi portal, and following it would only fetch the
portal's page); JSON bodies over 1 KB gzip-compressed. Logs carry method,
path, status and elapsed time only: never the token, never a body.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from lapor_desktop.reports.agencies import Agency
from lapor_desktop.reports.categories import Category

from .errors import (
    AuthFailure,
    ItemError,
    MalformedResponse,
    Transient,
    TransientKind,
    error_for_status,
)
from .wire import (
    ChangesPage,
    Ping,
    Receipt,
    RemoteReportState,
    ReplyReceipt,
    parse_agencies,
    parse_batch,
    parse_categories,
    parse_changes,
    parse_error_body,
    parse_ping,
    parse_receipt,
    parse_reply_receipt,
    parse_report_state,
)

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "lapor-desktop/0.1 (+https://www.lapor.go.id)"
GZIP_THRESHOLD = 1024
MAX_BATCH = 50
MAX_CHANGES_LIMIT = 200
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class CategoriesResult:
    """`not_modified` means the held list (the `etag` sent) is still current; `items` is then empty."""

    not_modified: bool
    items: tuple[Category, ...]
    etag: str | None


@dataclass(frozen=True)
class AgenciesResult:
    """As `CategoriesResult`; `absent` when the server has no agency list (`404`: it speaks 1.0)."""

    not_modified: bool
    items: tuple[Agency, ...]
    etag: str | None
    absent: bool = False


@dataclass(frozen=True)
class BatchItemOutcome:
    """One batch item: `result` is its `Receipt` or the typed failure a single POST would have raised."""

    client_id: str
    status: int
    result: Receipt | ItemError

    @property
    def ok(self) -> bool:
        return isinstance(self.result, Receipt)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds from a `Retry-After` header: the contract's integer, or an HTTP date to be lenient."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        return None
    return max(0.0, seconds)


class ApiClient:
    """A client for one LAPOR API base URL (e.g. `https://lapor.example.go.id/api`)."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        session: requests.Session | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        ca_bundle: str | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("base_url must be an http(s) URL")
        self.base_url = base_url.rstrip("/")
        self._base_path = parts.path.rstrip("/")
        self._token = token
        self.timeout = (float(connect_timeout), float(read_timeout))
        self._owns_session = session is None
        self.session = session if session is not None else requests.Session()
        # Verification is passed on every request too, so a session handed in
        # with verify=False cannot switch it off; a CA bundle only narrows trust.
        self._verify: bool | str = ca_bundle if ca_bundle else True
        self.session.verify = self._verify
        self._user_agent = user_agent

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        if self._owns_session:
            self.session.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- endpoints ---------------------------------------------------------

    def ping(self) -> Ping:
        response = self._request("GET", "/v1/ping", auth=False)
        if response.status_code != 200:
            raise self._failure(response)
        return parse_ping(self._json(response))

    def categories(self, etag: str | None = None) -> CategoriesResult:
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/v1/categories", headers=headers)
        if response.status_code == 304 and etag:
            return CategoriesResult(not_modified=True, items=(), etag=response.headers.get("ETag") or etag)
        if response.status_code != 200:
            raise self._failure(response)
        items = parse_categories(self._json(response))
        return CategoriesResult(not_modified=False, items=items, etag=response.headers.get("ETag"))

    def agencies(self, etag: str | None = None) -> AgenciesResult:
        """`GET /v1/agencies` (1.1) with the held ETag; a 1.0 server's 404 is an absent list."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/v1/agencies", headers=headers)
        if response.status_code == 304 and etag:
            return AgenciesResult(not_modified=True, items=(), etag=response.headers.get("ETag") or etag)
        if response.status_code == 404:
            return AgenciesResult(not_modified=False, items=(), etag=None, absent=True)
        if response.status_code != 200:
            raise self._failure(response)
        items = parse_agencies(self._json(response))
        return AgenciesResult(not_modified=False, items=items, etag=response.headers.get("ETag"))

    def has_attachment(self, sha256: str) -> bool:
        _check_sha256(sha256)
        response = self._request("HEAD", f"/v1/attachments/{sha256}")
        status = response.status_code
        if status == 200:
            # A portal answers HEAD with its HTML page and a 200; that is not "held".
            if "text/html" in response.headers.get("Content-Type", "").lower():
                raise MalformedResponse(
                    "HEAD answered with an HTML page", kind=TransientKind.NOT_JSON, status=200
                )
            return True
        if status == 404:
            return False
        # HEAD answers carry no body, so the status alone has to tell.
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status == 401:
            raise AuthFailure(401, "invalid_token", "")
        if status == 403:
            raise AuthFailure(403, "forbidden", "")
        if 300 <= status < 400:
            raise Transient(TransientKind.REDIRECT, f"HEAD {status}", status=status)
        if status == 429:
            raise Transient(TransientKind.RATE_LIMITED, "HEAD 429", status=status, retry_after=retry_after)
        if status == 503:
            raise Transient(TransientKind.UNAVAILABLE, "HEAD 503", status=status, retry_after=retry_after)
        if status >= 500:
            raise Transient(
                TransientKind.SERVER_ERROR, f"HEAD {status}", status=status, retry_after=retry_after
            )
        raise Transient(
            TransientKind.UNEXPECTED_STATUS, f"HEAD {status}", status=status, retry_after=retry_after
        )

    def put_attachment(self, sha256: str, data: bytes, content_type: str) -> bool:
        """Upload raw bytes; True when the server stored them now, False when it already had them."""
        _check_sha256(sha256)
        response = self._request(
            "PUT", f"/v1/attachments/{sha256}", raw_body=data, headers={"Content-Type": content_type}
        )
        if response.status_code == 201:
            return True
        if response.status_code == 200:
            return False
        raise self._failure(response)

    def submit(self, report_json: dict[str, Any]) -> Receipt:
        """POST one `ReportIn`; safe to repeat after any failure (idempotent on `client_id`)."""
        response = self._request("POST", "/v1/reports", json_body=report_json)
        if response.status_code not in (200, 201):
            raise self._failure(response)
        receipt = parse_receipt(self._json(response))
        if receipt.client_id != report_json.get("client_id"):
            raise MalformedResponse("receipt for another client_id", status=response.status_code)
        return receipt

    def submit_batch(self, reports: list[dict[str, Any]]) -> list[BatchItemOutcome]:
        """POST 1..50 reports; one outcome per item, in order.

        A failure of the whole request (auth, transport, a batch too large)
        raises as for `submit`; per-item failures come back as values.
        """
        if not 1 <= len(reports) <= MAX_BATCH:
            raise ValueError(f"a batch holds 1 to {MAX_BATCH} reports")
        response = self._request("POST", "/v1/reports/batch", json_body={"reports": reports})
        if response.status_code != 200:
            raise self._failure(response)
        results = parse_batch(self._json(response), expected=len(reports))
        outcomes: list[BatchItemOutcome] = []
        for sent, item in zip(reports, results, strict=True):
            if item.client_id != sent.get("client_id"):
                raise MalformedResponse("batch results out of order", status=200)
            if item.receipt is not None:
                if item.receipt.client_id != item.client_id:
                    raise MalformedResponse("batch receipt for another client_id", status=200)
                outcomes.append(BatchItemOutcome(item.client_id, item.status, item.receipt))
            else:
                assert item.error is not None  # parse_batch guarantees one of the two
                outcomes.append(
                    BatchItemOutcome(item.client_id, item.status, error_for_status(item.status, item.error))
                )
        return outcomes

    def submit_reply(self, tracking_id: str, reply_json: dict[str, Any]) -> ReplyReceipt:
        """POST one `ReplyIn` (1.1); safe to repeat after any failure (idempotent on its `client_id`)."""
        response = self._request(
            "POST", f"/v1/reports/{quote(tracking_id, safe='')}/replies", json_body=reply_json
        )
        if response.status_code not in (200, 201):
            raise self._failure(response)
        receipt = parse_reply_receipt(self._json(response))
        if receipt.client_id != reply_json.get("client_id"):
            raise MalformedResponse("reply receipt for another client_id", status=response.status_code)
        return receipt

    def report_state(self, tracking_id: str) -> RemoteReportState:
        response = self._request("GET", f"/v1/reports/{quote(tracking_id, safe='')}")
        if response.status_code != 200:
            raise self._failure(response)
        return parse_report_state(self._json(response))

    def changes(self, cursor: str | None, limit: int = MAX_CHANGES_LIMIT) -> ChangesPage:
        if not 1 <= limit <= MAX_CHANGES_LIMIT:
            raise ValueError(f"limit must be 1..{MAX_CHANGES_LIMIT}")
        params: dict[str, str] = {"limit": str(limit)}
        if cursor:
            params["updated_since"] = cursor
        response = self._request("GET", "/v1/reports", params=params)
        if response.status_code != 200:
            raise self._failure(response)
        return parse_changes(self._json(response))

    # -- transport ---------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        json_body: Any = None,
        raw_body: bytes | None = None,
    ) -> requests.Response:
        send_headers = {
            "User-Agent": self._user_agent,
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
        }
        if auth:
            if not self._token:
                # No token means the operator never signed in: the same as a rejected token.
                raise AuthFailure(401, "invalid_token", "")
            send_headers["Authorization"] = f"Bearer {self._token}"
        data: bytes | None = raw_body
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            send_headers["Content-Type"] = "application/json"
            if len(data) > GZIP_THRESHOLD:
                # mtime=0 keeps the bytes identical for identical reports.
                data = gzip.compress(data, compresslevel=6, mtime=0)
                send_headers["Content-Encoding"] = "gzip"
        if headers:
            send_headers.update(headers)

        log_path = self._base_path + path
        started = time.monotonic()
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                params=params,
                data=data,
                headers=send_headers,
                timeout=self.timeout,
                allow_redirects=False,
                verify=self._verify,
            )
        except requests.exceptions.SSLError as exc:
            self._log(method, log_path, "tls-error", started)
            raise Transient(
                TransientKind.TLS, f"{method} {log_path}: TLS failure {type(exc).__name__}"
            ) from exc
        except requests.exceptions.Timeout as exc:
            self._log(method, log_path, "timeout", started)
            raise Transient(TransientKind.TIMEOUT, f"{method} {log_path}: {type(exc).__name__}") from exc
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            self._log(method, log_path, "truncated", started)
            raise Transient(TransientKind.TRUNCATED, f"{method} {log_path}: {type(exc).__name__}") from exc
        except requests.exceptions.RequestException as exc:
            self._log(method, log_path, "connection-error", started)
            raise Transient(TransientKind.CONNECTION, f"{method} {log_path}: {type(exc).__name__}") from exc
        self._log(method, log_path, str(response.status_code), started)
        return response

    @staticmethod
    def _log(method: str, path: str, outcome: str, started: float) -> None:
        log.info("%s %s -> %s in %.0f ms", method, path, outcome, (time.monotonic() - started) * 1000)

    @staticmethod
    def _json(response: requests.Response) -> Any:
        """The body as JSON, or a transient failure when it is a page or a cut body."""
        raw = response.content
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if not raw:
            raise MalformedResponse("empty body", status=response.status_code, retry_after=retry_after)
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            content_type = response.headers.get("Content-Type", "").lower()
            kind = TransientKind.MALFORMED if "json" in content_type else TransientKind.NOT_JSON
            raise MalformedResponse(
                f"body is not JSON ({content_type or 'no content type'})",
                kind=kind,
                status=response.status_code,
                retry_after=retry_after,
            ) from exc

    def _failure(self, response: requests.Response) -> ItemError:
        """The typed outcome of a non-success answer; to be raised by the caller."""
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if 300 <= status < 400:
            return Transient(
                TransientKind.REDIRECT, f"HTTP {status} redirect", status=status, retry_after=retry_after
            )
        if 200 <= status < 300:
            return Transient(TransientKind.UNEXPECTED_STATUS, f"HTTP {status}", status=status)
        # Only a conforming error body may blame the report; anything else is
        # the network talking (portal, proxy page, cut body).
        if not response.content:
            return MalformedResponse("error answer without a body", status=status, retry_after=retry_after)
        try:
            detail = parse_error_body(self._json(response))
        except MalformedResponse as exc:
            return MalformedResponse(exc.detail, kind=exc.kind, status=status, retry_after=retry_after)
        return error_for_status(status, detail, retry_after)


def _check_sha256(sha256: str) -> None:
    if not _SHA256.match(sha256):
        raise ValueError("sha256 must be 64 lowercase hex digits")
