"""The LAPOR API v1.1 contract as a plain WSGI application.

Mounted under `/api` by `serve.py`; `PATH_INFO` here starts with `/v1`.
No framework: the contract has eight routes and its transport rules (error
shape, gzip, limits) are simplest to keep exact in `http_io`. Replies (1.1)
are judged in `replies`.

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
- A report is judged in this order: idempotency, `validation_failed`,
  `unknown_category` (also for a parent category), `unknown_agency`,
  `missing_attachments`.
- Each batch item runs in its own savepoint: whatever goes wrong with one
  item (even a server fault, answered as its own `500 internal`) leaves the
  others' results standing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from .cursor import decode_cursor, encode_cursor, store_instance
from .deadlines import Deadlines
from .faults import current_fault, fault_error
from .http_io import (
    ApiError,
    Outcome,
    Reply,
    StartResponse,
    json_reply,
    parse_json_body,
    read_body,
    rfc3339,
    send,
    utc_now,
)
from .reference import ReferenceList, ReferenceSource
from .replies import ReplyDesk
from .reply_rules import check_reply
from .report_rules import (
    CONTENT_TYPES,
    SHA256_RE,
    CheckedReport,
    check_report,
    is_unicode,
    missing_attachments_error,
    validation_error,
)
from .store import Intake, Store, StoredReport, Token

log = logging.getLogger(__name__)

API_VERSION = "1.1"
ATTACHMENT_LIMIT = 5 * 1024 * 1024
BATCH_LIMIT = 50
PULL_DEFAULT, PULL_MAX = 100, 200
ATTACHMENT_PATH = re.compile(r"^/v1/attachments/([^/]*)$")
REPORT_PATH = re.compile(r"^/v1/reports/([^/]+)$")
REPLIES_PATH = re.compile(r"^/v1/reports/([^/]+)/replies$")


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
        categories: ReferenceSource,
        agencies: ReferenceSource,
        *,
        delay_s: float = 0.0,
        today: Callable[[], dt.date] = dt.date.today,
        deadlines: Deadlines | None = None,
    ) -> None:
        self.store = store
        self.categories = categories
        self.agencies = agencies
        self.delay_s = delay_s
        # The server's date for `incident_date`: the trainer laptop's calendar day.
        self.today = today
        self.deadlines = deadlines or Deadlines()
        self.replies = ReplyDesk(self.deadlines, lambda: self.agencies.current().region)

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
            return self._guarded(
                environ, method, ("GET",), lambda env, token: self.listing(env, self.categories)
            )
        if path == "/v1/agencies":
            return self._guarded(
                environ, method, ("GET",), lambda env, token: self.listing(env, self.agencies)
            )
        if path == "/v1/reports/batch":
            return self._guarded(environ, method, ("POST",), self.post_batch)
        if path == "/v1/reports":
            handler = self.post_report if method == "POST" else self.pull
            return self._guarded(environ, method, ("GET", "POST"), handler)
        match = REPLIES_PATH.match(path)
        if match:
            return self._guarded(
                environ, method, ("POST",), lambda env, token: self.post_reply(env, token, match[1])
            )
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
            200, {"service": "lapor-api", "api_version": API_VERSION, "server_time": rfc3339(utc_now())}
        )

    def listing(self, environ: dict[str, Any], source: ReferenceSource) -> Reply:
        """A reference list with its ETag; `304` when the client holds the current one."""
        current = source.current()
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
        lists = (self.categories.current(), self.agencies.current())
        with self.store.intake() as intake:
            outcome = self._admit(intake, token, checked, *lists)
        return outcome.reply()

    def post_reply(self, environ: dict[str, Any], token: Token, tracking_id: str) -> Reply:
        checked = check_reply(parse_json_body(environ))
        with self.store.intake() as intake:
            outcome = self.replies.admit(intake, token, tracking_id, checked)
        return outcome.reply()

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
            except Exception:
                log.exception("training server failed checking one batch item")
                checked.append(ApiError(500, "internal", "Terjadi kesalahan pada server pelatihan."))
        lists = (self.categories.current(), self.agencies.current())
        # One transaction for the whole batch: one fsync instead of fifty,
        # while each item is still judged on its own.
        with self.store.intake() as intake:
            outcomes = [
                Outcome.failed(entry)
                if isinstance(entry, ApiError)
                else self._admit_item(intake, token, entry, lists)
                for entry in checked
            ]
        results = []
        for item, outcome in zip(items, outcomes, strict=True):
            client_id = item.get("client_id") if isinstance(item, dict) else None
            result: dict[str, Any] = {
                # A client_id that is not Unicode text cannot be echoed in a JSON answer.
                "client_id": client_id if isinstance(client_id, str) and is_unicode(client_id) else "",
                "status": outcome.status,
            }
            if outcome.receipt is not None:
                result["receipt"] = outcome.receipt
            if outcome.error is not None:
                result["error"] = outcome.error.detail()
            results.append(result)
        return json_reply(200, {"results": results})

    def _admit_item(
        self, intake: Intake, token: Token, checked: CheckedReport, lists: tuple[ReferenceList, ReferenceList]
    ) -> Outcome:
        try:
            with intake.item():
                return self._admit(intake, token, checked, *lists)
        except Exception:
            log.exception("training server failed on one batch item")
            return Outcome.failed(ApiError(500, "internal", "Terjadi kesalahan pada server pelatihan."))

    def _admit(
        self,
        intake: Intake,
        token: Token,
        checked: CheckedReport,
        categories: ReferenceList,
        agencies: ReferenceList,
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
            return Outcome.failed(validation_error(checked.problems))
        if checked.category_code not in categories.leaves:
            return Outcome.failed(unknown_category(checked.category_code, categories))
        if checked.agency_code is not None and checked.agency_code not in agencies.codes:
            return Outcome.failed(
                ApiError(
                    422,
                    "unknown_agency",
                    f"Instansi '{checked.agency_code[:60]}' tidak dikenal. Perbarui daftar instansi lalu pilih "
                    "instansi yang tersedia, atau kirim tanpa instansi tujuan.",
                )
            )
        missing = intake.missing_attachments(checked.attachment_shas)
        if missing:
            return Outcome.failed(missing_attachments_error(missing, "laporan"))
        assert checked.client_id is not None
        stored = intake.insert(
            token.id,
            checked.client_id,
            checked.canonical,
            checked.classification,
            checked.title,
            checked.category_code,
            checked.agency_code,
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
        region = self.agencies.current().region
        return [
            {
                "client_id": report.client_id,
                "tracking_id": report.tracking_id,
                "status": report.status,
                "updated_at": report.updated_at,
                "agency": report.agency(),
                "due_at": self.deadlines.due_at(report.status, report.step_started_at, region),
                "responses": [item.wire() for item in responses[report.id]],
            }
            for report in reports
        ]


def unknown_category(code: str, categories: ReferenceList) -> ApiError:
    shown = code[:60]
    if code in categories.codes:
        message = (
            f"Kategori '{shown}' adalah kelompok kategori. Pilih salah satu kategori di bawahnya "
            "(laporan menyebut kategori paling rinci)."
        )
    else:
        message = (
            f"Kategori '{shown}' tidak dikenal. Perbarui daftar kategori lalu pilih kategori yang tersedia."
        )
    return ApiError(422, "unknown_category", message)


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
