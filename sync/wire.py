"""The LAPOR API wire format, in one place.

`report_to_wire` builds exactly a `ReportIn`; the `parse_*` functions turn
response bodies into frozen dataclasses. A body of the wrong shape raises
`MalformedResponse` (a transient failure: it is the connection that lies,
not the report that is wrong). Nothing untyped leaves this module.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from lapor_desktop.domain import (
    AgencyRef,
    AgencyResponse,
    RemoteReportState,
    RemoteStatus,
    Reply,
    Report,
    ResponseRole,
)
from lapor_desktop.reports.agencies import Agency
from lapor_desktop.reports.categories import Category
from lapor_desktop.timestamps import to_wire

from .errors import ErrorDetail, MalformedResponse

# ---------------------------------------------------------------------------
# Request side
# ---------------------------------------------------------------------------


def format_timestamp(value: dt.datetime) -> str:
    """RFC 3339 UTC with a `Z` suffix (the project's one wire form, `timestamps.to_wire`).

    A naive value is taken as UTC. The same stored value always gives the
    same text, which idempotent resends rely on.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return to_wire(value)


def _put_text(target: dict[str, Any], key: str, value: str | None) -> None:
    if value is not None and value != "":
        target[key] = value


def speaks_replies(api_version: str | None) -> bool:
    """Whether a server of this `api_version` knows contract 1.1 (agencies, replies); unknown: no."""
    try:
        major, minor = (int(part) for part in (api_version or "").split(".")[:2])
    except ValueError:
        return False
    return (major, minor) >= (1, 1)


def report_to_wire(report: Report, *, agency: bool = True) -> dict[str, Any]:
    """The `ReportIn` body for a stored report.

    Only contract fields go out (channel, consent, local_ref and the local
    lifecycle stay home); optional fields that are empty are omitted rather
    than sent as null; title and body go as stored, since the idempotency
    check compares exactly what was sent before. `agency`: the server speaks
    1.1, so the `agency_code` asked for goes too (a 1.0 server would refuse it).
    """
    content = report.content
    if content.classification is None:
        raise ValueError("a report without classification cannot be sent")

    location: dict[str, Any] = {"region_code": content.location.region_code}
    _put_text(location, "address", content.location.address)
    if content.location.latitude is not None:
        location["latitude"] = content.location.latitude
    if content.location.longitude is not None:
        location["longitude"] = content.location.longitude

    reporter: dict[str, Any] = {"name": content.reporter.name}
    _put_text(reporter, "nik", content.reporter.nik)
    _put_text(reporter, "phone", content.reporter.phone)
    _put_text(reporter, "email", content.reporter.email)
    _put_text(reporter, "address", content.reporter.address)

    body: dict[str, Any] = {
        "client_id": report.client_id,
        "classification": content.classification.value,
        "title": content.title,
        "body": content.body,
        "category_code": content.category_code,
    }
    if agency:
        _put_text(body, "agency_code", content.agency_code)
    if content.incident_date is not None:
        body["incident_date"] = content.incident_date.isoformat()
    body["location"] = location
    body["reporter"] = reporter
    body["anonymous"] = bool(content.anonymous)
    body["confidential"] = bool(content.confidential)
    body["recorded_at"] = format_timestamp(report.recorded_at)
    _put_text(body, "recorded_by", report.recorded_by)
    body["attachments"] = [
        {"sha256": a.sha256, "filename": a.filename, "content_type": a.content_type}
        for a in content.attachments
    ]
    return body


def reply_to_wire(reply: Reply) -> dict[str, Any]:
    """The `ReplyIn` body for a stored reply (1.1); like a report's, it never changes once sent."""
    body: dict[str, Any] = {
        "client_id": reply.client_id,
        "text": reply.text,
        "recorded_at": format_timestamp(reply.recorded_at),
    }
    _put_text(body, "recorded_by", reply.recorded_by)
    if reply.attachments:
        body["attachments"] = [
            {"sha256": a.sha256, "filename": a.filename, "content_type": a.content_type}
            for a in reply.attachments
        ]
    return body


# ---------------------------------------------------------------------------
# Response side
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Ping:
    service: str
    api_version: str
    server_time: dt.datetime


@dataclass(frozen=True)
class Receipt:
    client_id: str
    tracking_id: str
    status: RemoteStatus
    received_at: dt.datetime
    replayed: bool


@dataclass(frozen=True)
class ReplyReceipt:
    client_id: str
    tracking_id: str
    reply_id: str
    received_at: dt.datetime
    replayed: bool


@dataclass(frozen=True)
class BatchItemResult:
    """One item of a batch answer, as sent; `sync.client` turns it into an outcome."""

    client_id: str
    status: int
    receipt: Receipt | None
    error: ErrorDetail | None


@dataclass(frozen=True)
class ChangesPage:
    items: tuple[RemoteReportState, ...]
    next_cursor: str


PING_SERVICE = "lapor-api"

_FRACTION = re.compile(r"(\.\d+)")


def parse_timestamp(value: object, where: str) -> dt.datetime:
    """An aware UTC datetime from RFC 3339 text (`Z` or an offset; any fraction length)."""
    if not isinstance(value, str) or not value:
        raise MalformedResponse(f"{where}: timestamp is not a string")
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    text = text.replace("t", "T", 1) if "T" not in text else text
    # fromisoformat takes at most 6 fraction digits; servers may send 3 or 9.
    match = _FRACTION.search(text)
    if match:
        digits = match.group(1)[1:7].ljust(6, "0")
        text = text[: match.start()] + "." + digits + text[match.end() :]
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise MalformedResponse(f"{where}: not an RFC 3339 timestamp") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedResponse(f"{where}: expected an object")
    return value


def _string(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise MalformedResponse(f"{where}.{key}: expected a string")
    return value


def _optional_string(obj: dict[str, Any], key: str, where: str) -> str | None:
    return None if obj.get(key) is None else _string(obj, key, where)


def _bool(obj: dict[str, Any], key: str, where: str) -> bool:
    value = obj.get(key)
    if not isinstance(value, bool):
        raise MalformedResponse(f"{where}.{key}: expected a boolean")
    return value


def _status(obj: dict[str, Any], where: str) -> RemoteStatus:
    value = obj.get("status")
    try:
        return RemoteStatus(value)
    except ValueError as exc:
        raise MalformedResponse(f"{where}.status: not a contract status") from exc


def _list(obj: dict[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise MalformedResponse(f"{where}.{key}: expected an array")
    return value


def parse_ping(value: object) -> Ping:
    """A `Ping`; any other `service` is not the LAPOR API (a portal that answers JSON)."""
    obj = _object(value, "ping")
    service = _string(obj, "service", "ping")
    if service != PING_SERVICE:
        raise MalformedResponse("ping.service: not lapor-api")
    return Ping(
        service=service,
        api_version=_string(obj, "api_version", "ping"),
        server_time=parse_timestamp(obj.get("server_time"), "ping.server_time"),
    )


def parse_category(value: object, where: str = "category") -> Category:
    obj = _object(value, where)
    return Category(
        code=_string(obj, "code", where),
        name=_string(obj, "name", where),
        description=_optional_string(obj, "description", where),
        parent_code=_optional_string(obj, "parent_code", where),
    )


def parse_categories(value: object) -> tuple[Category, ...]:
    obj = _object(value, "categories")
    return tuple(
        parse_category(item, f"categories.items[{i}]")
        for i, item in enumerate(_list(obj, "items", "categories"))
    )


def categories_to_json(items: tuple[Category, ...] | list[Category]) -> dict[str, Any]:
    """The same `{"items": [...]}` shape, for the offline cache."""
    out: list[dict[str, str]] = []
    for c in items:
        entry = {"code": c.code, "name": c.name}
        if c.description is not None:
            entry["description"] = c.description
        if c.parent_code is not None:
            entry["parent_code"] = c.parent_code
        out.append(entry)
    return {"items": out}


def parse_receipt(value: object, where: str = "receipt") -> Receipt:
    obj = _object(value, where)
    return Receipt(
        client_id=_string(obj, "client_id", where),
        tracking_id=_string(obj, "tracking_id", where),
        status=_status(obj, where),
        received_at=parse_timestamp(obj.get("received_at"), f"{where}.received_at"),
        replayed=_bool(obj, "replayed", where),
    )


def parse_reply_receipt(value: object, where: str = "reply_receipt") -> ReplyReceipt:
    obj = _object(value, where)
    return ReplyReceipt(
        client_id=_string(obj, "client_id", where),
        tracking_id=_string(obj, "tracking_id", where),
        reply_id=_string(obj, "reply_id", where),
        received_at=parse_timestamp(obj.get("received_at"), f"{where}.received_at"),
        replayed=_bool(obj, "replayed", where),
    )


def parse_response(value: object, where: str = "response") -> AgencyResponse:
    """A `Response`; one from a 1.0 server (no `author_role`) was written by the agency."""
    obj = _object(value, where)
    raw_role = obj.get("author_role")
    try:
        role = ResponseRole.AGENCY if raw_role is None else ResponseRole(raw_role)
    except ValueError as exc:
        raise MalformedResponse(f"{where}.author_role: not a contract role") from exc
    return AgencyResponse(
        id=_string(obj, "id", where),
        at=parse_timestamp(obj.get("at"), f"{where}.at"),
        author=_string(obj, "author", where),
        text=_string(obj, "text", where),
        role=role,
        client_id=_optional_string(obj, "client_id", where),
    )


def parse_agency_ref(value: object, where: str) -> AgencyRef | None:
    if value is None:
        return None
    obj = _object(value, where)
    return AgencyRef(code=_string(obj, "code", where), name=_string(obj, "name", where))


def parse_agencies(value: object) -> tuple[Agency, ...]:
    obj = _object(value, "agencies")
    agencies = []
    for i, item in enumerate(_list(obj, "items", "agencies")):
        where = f"agencies.items[{i}]"
        entry = _object(item, where)
        agencies.append(
            Agency(
                code=_string(entry, "code", where),
                name=_string(entry, "name", where),
                region_code=_optional_string(entry, "region_code", where),
            )
        )
    return tuple(agencies)


def parse_report_state(value: object, where: str = "report_state") -> RemoteReportState:
    obj = _object(value, where)
    responses = tuple(
        parse_response(item, f"{where}.responses[{i}]")
        for i, item in enumerate(_list(obj, "responses", where))
    )
    return RemoteReportState(
        client_id=_string(obj, "client_id", where),
        tracking_id=_string(obj, "tracking_id", where),
        status=_status(obj, where),
        updated_at=parse_timestamp(obj.get("updated_at"), f"{where}.updated_at"),
        responses=responses,
        agency=parse_agency_ref(obj.get("agency"), f"{where}.agency"),
        due_at=None if obj.get("due_at") is None else parse_timestamp(obj.get("due_at"), f"{where}.due_at"),
    )


def parse_changes(value: object) -> ChangesPage:
    obj = _object(value, "changes")
    items = tuple(
        parse_report_state(item, f"changes.items[{i}]")
        for i, item in enumerate(_list(obj, "items", "changes"))
    )
    return ChangesPage(items=items, next_cursor=_string(obj, "next_cursor", "changes"))


def parse_error_detail(value: object, where: str = "error") -> ErrorDetail:
    obj = _object(value, where)
    code = _string(obj, "code", where)
    message = _string(obj, "message", where)
    raw_fields = obj.get("fields")
    fields: dict[str, str] = {}
    if raw_fields is not None:
        if not isinstance(raw_fields, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw_fields.items()
        ):
            raise MalformedResponse(f"{where}.fields: expected an object of strings")
        fields = dict(raw_fields)
    raw_missing = obj.get("missing")
    missing: tuple[str, ...] = ()
    if raw_missing is not None:
        if not isinstance(raw_missing, list) or not all(isinstance(m, str) for m in raw_missing):
            raise MalformedResponse(f"{where}.missing: expected an array of strings")
        missing = tuple(raw_missing)
    if code == "missing_attachments" and not missing:
        raise MalformedResponse(f"{where}.missing: absent for missing_attachments")
    return ErrorDetail(code=code, message=message, fields=MappingProxyType(fields), missing=missing)


def parse_error_body(value: object) -> ErrorDetail:
    """The `{"error": {...}}` body every non-2xx answer of a conforming server has."""
    return parse_error_detail(_object(value, "error_body").get("error"), "error")


def parse_batch(value: object, expected: int) -> tuple[BatchItemResult, ...]:
    """The batch answer; it must hold one result per item sent, in order."""
    obj = _object(value, "batch")
    raw = _list(obj, "results", "batch")
    if len(raw) != expected:
        raise MalformedResponse(f"batch.results: {len(raw)} results for {expected} items")
    results: list[BatchItemResult] = []
    for i, item in enumerate(raw):
        where = f"batch.results[{i}]"
        entry = _object(item, where)
        status = entry.get("status")
        if not isinstance(status, int) or isinstance(status, bool):
            raise MalformedResponse(f"{where}.status: expected an integer")
        receipt = (
            parse_receipt(entry["receipt"], f"{where}.receipt") if entry.get("receipt") is not None else None
        )
        error = (
            parse_error_detail(entry["error"], f"{where}.error") if entry.get("error") is not None else None
        )
        if (receipt is None) == (error is None):
            raise MalformedResponse(f"{where}: needs exactly one of receipt and error")
        if receipt is not None and status not in (200, 201):
            raise MalformedResponse(f"{where}: receipt with status {status}")
        results.append(
            BatchItemResult(
                client_id=_string(entry, "client_id", where), status=status, receipt=receipt, error=error
            )
        )
    return tuple(results)
