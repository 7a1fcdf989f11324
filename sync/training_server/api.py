"""The LAPOR API v1 contract as a plain WSGI application.

Mounted under `/api` by `serve.py`; `PATH_INFO` here starts with `/v1`.
No framework: the contract has six routes and its transport rules (error
shape, gzip, limits) are simplest to keep exact in `http_io`.

Choices where the contract leaves room (also in the module docs of
`report_rules`):
- A property not in `ReportIn` (additionalProperties: false) is
  `422 validation_failed` with `fields[name] = "unknown_field"`; `400
  bad_request` is kept for what the contract names: malformed JSON and wrong
  JSON types (a `null` for an optional property is a wrong type: omit it).
- A missing required property is `422 validation_failed`, `required`.
- A batch with no item or more than 50 is `422 validation_failed` with
  `fields.reports` = `too_few` / `too_many`.
- `client_id` is unique per token: the same UUID under two tokens is two
  reports (a prepared training database copied to many laptops must not make
  one trainee's report another's replay).
- An attachment PUT with an unsupported Content-Type is `422
  validation_failed` with `fields.content_type = "invalid_choice"`.
- A replay's receipt carries the report's current status.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from .categories import CategoryList, CategorySource
from .cursor import decode_cursor, encode_cursor, store_instance
from .faults import current_fault, fault_error
from .http_io import (
    ApiError,
    Reply,
    StartResponse,
    json_reply,
    parse_json_body,
    read_body,
    rfc3339,
    send,
    utc_now,
)
from .report_rules import CONTENT_TYPES, SHA256_RE, CheckedReport, check_report, validation_error
from .store import Intake, Store, StoredReport, Token

log = logging.getLogger(__name__)

ATTACHMENT_LIMIT = 5 * 1024 * 1024
BATCH_LIMIT = 50
PULL_DEFAULT, PULL_MAX = 100, 200
ATTACHMENT_PATH = re.compile(r"^/v1/attachments/([^/]*)$")
REPORT_PATH = re.compile(r"^/v1/reports/([^/]+)$")


@dataclass(frozen=True)
class Outcome:
    """What a single POST of one report answers: a receipt or an error."""

    status: int
    receipt: dict[str, Any] | None = None
    error: ApiError | None = None


def receipt(report: StoredReport, replayed: bool) -> dict[str, Any]:
    return {
        "client_id": report.client_id,
        "tracking_id": report.tracking_id,
        "status": report.status,
        "received_at": report.received_at,
        "replayed": replayed,
    }


class Api:
    def __init__(
        self,
        store: Store,
        categories: CategorySource,
        *,
        delay_s: float = 0.0,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.store = store
        self.categories = categories
        self.delay_s = delay_s
        # The server's date for `incident_date`: the trainer laptop's calendar day.
        self.today = today

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if self.delay_s > 0:
            time.sleep(self.delay_s)
        try:
            reply = self.handle(environ)
        except ApiError as error:
            reply = error.reply()
        except Exception:
            # Only method and path: bodies and headers may hold NIK, phone or token.
            log.exception(
                "training server failed on %s %s", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
            )
            reply = ApiError(500, "internal", "Terjadi kesalahan pada server pelatihan.").reply()
        return send(environ, start_response, reply)

    # -- routing -------------------------------------------------------------

    def handle(self, environ: dict[str, Any]) -> Reply:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/v1/ping":
            self._allow(method, ("GET",))
            return self.ping()
        if path == "/v1/categories":
            return self._guarded(environ, method, ("GET",), self.get_categories)
        if path == "/v1/reports/batch":
            return self._guarded(environ, method, ("POST",), self.post_batch)
        if path == "/v1/reports":
            handler = self.post_report if method == "POST" else self.pull
            return self._guarded(environ, method, ("GET", "POST"), handler)
        match = REPORT_PATH.match(path)
        if match:
            return self._guarded(
                environ, method, ("GET",), lambda env, token: self.get_report(token, match[1])
            )
        match = ATTACHMENT_PATH.match(path)
        if match:
            sha = match[1]
            if method == "HEAD":
                return self._guarded(environ, method, ("HEAD",), lambda env, token: self.head_attachment(sha))
            return self._guarded(
                environ, method, ("HEAD", "PUT"), lambda env, token: self.put_attachment(env, sha)
            )
        raise ApiError(404, "not_found", "Alamat API tidak dikenal.")

    def _allow(self, method: str, allowed: tuple[str, ...]) -> None:
        if method not in allowed:
            error = ApiError(405, "bad_request", f"Metode {method} tidak didukung untuk alamat ini.")
            error.headers.append(("Allow", ", ".join(allowed)))
            raise error

    def _guarded(
        self,
        environ: dict[str, Any],
        method: str,
        allowed: tuple[str, ...],
        handler: Callable[[dict[str, Any], Token], Reply],
    ) -> Reply:
        self._allow(method, allowed)
        token = self._authenticate(environ)
        fault = fault_error(current_fault(self.store))
        if fault is not None:
            raise fault
        return handler(environ, token)

    def _authenticate(self, environ: dict[str, Any]) -> Token:
        scheme, _, value = (environ.get("HTTP_AUTHORIZATION") or "").strip().partition(" ")
        value = value.strip()
        token = self.store.find_token(value) if scheme.lower() == "bearer" and value else None
        if token is None:
            message = (
                "Token akses tidak dikenal. Mohon masuk kembali dengan token dari administrator Diskominfo."
                if value
                else "Permintaan ini memerlukan token akses (Authorization: Bearer <token>)."
            )
            error = ApiError(401, "invalid_token", message)
            error.headers.append(("WWW-Authenticate", 'Bearer realm="lapor-api"'))
            raise error
        if not token.enabled:
            raise ApiError(
                403,
                "forbidden",
                f"Akses kantor '{token.name}' sedang dinonaktifkan oleh administrator. "
                "Hubungi Diskominfo untuk mengaktifkannya kembali.",
            )
        return token

    # -- endpoints -----------------------------------------------------------

    def ping(self) -> Reply:
        return json_reply(
            200, {"service": "lapor-api", "api_version": "1.0", "server_time": rfc3339(utc_now())}
        )

    def get_categories(self, environ: dict[str, Any], token: Token) -> Reply:
        current = self.categories.current()
        headers = [("ETag", current.etag), ("Cache-Control", "no-cache")]
        if _etag_matches(environ.get("HTTP_IF_NONE_MATCH"), current.etag):
            return Reply(304, headers=headers)
        return json_reply(200, {"items": list(current.items)}, headers)

    def head_attachment(self, sha: str) -> Reply:
        held = SHA256_RE.match(sha) is not None and self.store.has_attachment(sha)
        return Reply(200 if held else 404)

    def put_attachment(self, environ: dict[str, Any], sha: str) -> Reply:
        if not SHA256_RE.match(sha):
            raise ApiError(
                400, "bad_request", "Alamat lampiran harus SHA-256 dalam 64 huruf heksadesimal kecil."
            )
        content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if content_type not in CONTENT_TYPES:
            raise ApiError(
                422,
                "validation_failed",
                "Jenis berkas lampiran harus image/jpeg, image/png, atau application/pdf.",
                fields={"content_type": "invalid_choice"},
            )
        data = read_body(environ, ATTACHMENT_LIMIT)
        if hashlib.sha256(data).hexdigest() != sha:
            raise ApiError(
                422,
                "hash_mismatch",
                "Isi berkas tidak sesuai dengan SHA-256 pada alamat. Mohon unggah ulang.",
            )
        created = self.store.put_attachment(sha, data, content_type)
        return json_reply(201 if created else 200, {"sha256": sha, "size": len(data)})

    def post_report(self, environ: dict[str, Any], token: Token) -> Reply:
        value = parse_json_body(environ)
        checked = check_report(value, self.today())
        categories = self.categories.current()
        with self.store.intake() as intake:
            outcome = self._admit(intake, token, checked, categories)
        if outcome.error is not None:
            raise outcome.error
        return json_reply(outcome.status, outcome.receipt)

    def post_batch(self, environ: dict[str, Any], token: Token) -> Reply:
        value = parse_json_body(environ)
        if not isinstance(value, dict):
            raise ApiError(
                400, "bad_request", "Isi permintaan harus berupa objek JSON dengan daftar 'reports'."
            )
        if "reports" not in value:
            raise validation_error({"reports": "required"})
        items = value["reports"]
        if not isinstance(items, list):
            raise ApiError(400, "bad_request", "'reports' harus berupa daftar laporan.")
        if not 1 <= len(items) <= BATCH_LIMIT:
            raise validation_error({"reports": "too_few" if not items else "too_many"})
        today = self.today()
        checked: list[CheckedReport | ApiError] = []
        for item in items:
            try:
                checked.append(check_report(item, today))
            except ApiError as error:
                checked.append(error)
        categories = self.categories.current()
        # One transaction for the whole batch: one fsync instead of fifty,
        # while each item is still judged on its own.
        with self.store.intake() as intake:
            outcomes = [
                Outcome(entry.status, error=entry)
                if isinstance(entry, ApiError)
                else self._admit(intake, token, entry, categories)
                for entry in checked
            ]
        results = []
        for item, outcome in zip(items, outcomes, strict=True):
            client_id = item.get("client_id") if isinstance(item, dict) else None
            result: dict[str, Any] = {
                "client_id": client_id if isinstance(client_id, str) else "",
                "status": outcome.status,
            }
            if outcome.receipt is not None:
                result["receipt"] = outcome.receipt
            if outcome.error is not None:
                result["error"] = outcome.error.detail()
            results.append(result)
        return json_reply(200, {"results": results})

    def _admit(
        self, intake: Intake, token: Token, checked: CheckedReport, categories: CategoryList
    ) -> Outcome:
        # Idempotency comes first: a replay of a report accepted earlier is
        # answered the same even if the rules or categories changed since.
        if checked.client_id is not None and "client_id" not in checked.problems:
            existing = intake.find(token.id, checked.client_id)
            if existing is not None:
                if existing.content == checked.canonical:
                    return Outcome(200, receipt(existing, replayed=True))
                return Outcome(
                    409,
                    error=ApiError(
                        409,
                        "idempotency_conflict",
                        f"client_id ini sudah dipakai untuk laporan {existing.tracking_id} dengan isi yang "
                        "berbeda. Laporan tidak disimpan dua kali.",
                    ),
                )
        if checked.problems:
            error = validation_error(checked.problems)
            return Outcome(error.status, error=error)
        if checked.category_code not in categories.codes:
            return Outcome(
                422,
                error=ApiError(
                    422,
                    "unknown_category",
                    f"Kategori '{checked.category_code[:60]}' tidak dikenal. Perbarui daftar kategori lalu pilih "
                    "kategori yang tersedia.",
                ),
            )
        missing = intake.missing_attachments(checked.attachment_shas)
        if missing:
            return Outcome(
                422,
                error=ApiError(
                    422,
                    "missing_attachments",
                    f"{len(missing)} lampiran belum diunggah. Unggah lampiran tersebut, lalu kirim ulang laporan.",
                    missing=missing,
                ),
            )
        assert checked.client_id is not None
        stored = intake.insert(
            token.id,
            checked.client_id,
            checked.canonical,
            checked.classification,
            checked.title,
            checked.category_code,
        )
        return Outcome(201, receipt(stored, replayed=False))

    def get_report(self, token: Token, tracking_id: str) -> Reply:
        report = self.store.report(tracking_id, token.id)
        if report is None:
            raise ApiError(404, "not_found", f"Laporan {tracking_id[:40]} tidak ditemukan untuk kantor ini.")
        return json_reply(200, self._states([report])[0])

    def pull(self, environ: dict[str, Any], token: Token) -> Reply:
        query = parse_qs(environ.get("QUERY_STRING") or "", keep_blank_values=True)
        limit_text = (query.get("limit") or [""])[-1]
        limit = PULL_DEFAULT
        if limit_text:
            try:
                limit = int(limit_text)
            except ValueError:
                limit = 0
            if not 1 <= limit <= PULL_MAX:
                raise ApiError(400, "bad_request", f"Nilai limit harus bilangan bulat 1 sampai {PULL_MAX}.")
        instance = store_instance(self.store)
        cursor_text = (query.get("updated_since") or [""])[-1]
        after = decode_cursor(cursor_text, instance) if cursor_text else 0
        changed = self.store.changed_after(token.id, after, limit)
        last = changed[-1].change_seq if changed else after
        return json_reply(200, {"items": self._states(changed), "next_cursor": encode_cursor(instance, last)})

    def _states(self, reports: list[StoredReport]) -> list[dict[str, Any]]:
        responses = self.store.responses([report.id for report in reports])
        return [
            {
                "client_id": report.client_id,
                "tracking_id": report.tracking_id,
                "status": report.status,
                "updated_at": report.updated_at,
                "responses": [
                    {"id": item.id, "at": item.at, "author": item.author, "text": item.text}
                    for item in responses[report.id]
                ],
            }
            for report in reports
        ]


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*":
            return True
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == etag:
            return True
    return False
