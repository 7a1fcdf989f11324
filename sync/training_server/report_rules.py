"""The contract's rules for one `ReportIn`, without storage.

Two stages, because the contract gives them different codes: a value of the
wrong JSON type is `400 bad_request`; a value of the right type that breaks a
rule (length, pattern, range, date, unknown property) is `422
validation_failed` with one entry per field in `fields`.

Field keys in `fields` are dotted paths into the report: `title`,
`reporter.nik`, `location.region_code`, `attachments.0.sha256`. The values
are short machine codes: `required`, `too_short`, `too_long`,
`invalid_format`, `invalid_choice`, `out_of_range`, `in_future`, `too_many`,
`unknown_field`.

A string holding a lone UTF-16 surrogate (`"\\ud800"` in the JSON text) is
not Unicode text: it is `400 bad_request` for that report alone, never a
failure of the request around it.

The helpers below the report rules are shared with `reply_rules`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .http_io import ApiError

CLASSIFICATIONS = ("complaint", "aspiration", "information_request")
CONTENT_TYPES = ("image/jpeg", "image/png", "application/pdf")
MAX_ATTACHMENTS = 5

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
NIK_RE = re.compile(r"^[0-9]{16}$")
PHONE_RE = re.compile(r"^(\+62|0)[0-9]{8,13}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REGION_RE = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# The contract's timestamps are UTC with a Z suffix.
TIMESTAMP_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?[Zz]$")

# Each property of ReportIn with the JSON type it must have.
TOP_LEVEL: dict[str, type | tuple[type, ...]] = {
    "client_id": str,
    "classification": str,
    "title": str,
    "body": str,
    "category_code": str,
    "agency_code": str,
    "incident_date": str,
    "location": dict,
    "reporter": dict,
    "anonymous": bool,
    "confidential": bool,
    "recorded_at": str,
    "recorded_by": str,
    "attachments": list,
}
REQUIRED = (
    "client_id",
    "classification",
    "title",
    "body",
    "category_code",
    "location",
    "reporter",
    "anonymous",
    "confidential",
    "recorded_at",
    "attachments",
)
REPORTER_TYPES = {"name": str, "nik": str, "phone": str, "email": str, "address": str}
LOCATION_TYPES: dict[str, type | tuple[type, ...]] = {
    "region_code": str,
    "address": str,
    "latitude": (int, float),
    "longitude": (int, float),
}
ATTACHMENT_TYPES = {"sha256": str, "filename": str, "content_type": str}

TYPE_NAMES = {str: "teks", bool: "true/false", dict: "objek", list: "daftar", (int, float): "angka"}


@dataclass(frozen=True)
class CheckedReport:
    """A report whose types are right; `problems` holds its rule breaches."""

    client_id: str | None
    canonical: str
    problems: dict[str, str]
    classification: str
    title: str
    category_code: str
    agency_code: str | None
    attachment_shas: tuple[str, ...]


def normalized(value: Any) -> Any:
    """The JSON value with numbers made comparable (1 and 1.0 are one number)."""
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def canonical_json(value: Any) -> str:
    """One text per JSON value: key order and whitespace do not matter.

    A value nested too deeply to walk (json.loads takes deeper nesting than Python
    recursion leaves here) is `400 bad_request` for that value alone.
    """
    try:
        return json.dumps(normalized(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except RecursionError as exc:
        raise ApiError(400, "bad_request", "Isi JSON terlalu dalam bersarang.") from exc


def _is_type(value: Any, wanted: type | tuple[type, ...]) -> bool:
    # bool is an int in Python but not a number in JSON.
    if isinstance(value, bool):
        return wanted is bool
    return isinstance(value, wanted)


def wrong_types(obj: dict[str, Any], types: dict[str, Any], prefix: str = "") -> list[str]:
    """What in `obj` has the wrong JSON type, one phrase each; attachments are looked into."""
    wrong = [
        f"'{prefix}{key}' harus berupa {TYPE_NAMES[wanted]}"
        for key, wanted in types.items()
        if key in obj and not _is_type(obj[key], wanted)
    ]
    if prefix == "" and "attachments" in types and isinstance(obj.get("attachments"), list):
        for index, item in enumerate(obj["attachments"]):
            if not isinstance(item, dict):
                wrong.append(f"'attachments.{index}' harus berupa objek")
            else:
                wrong += wrong_types(item, ATTACHMENT_TYPES, f"attachments.{index}.")
    return wrong


def _type_errors(report: dict[str, Any]) -> list[str]:
    wrong = wrong_types(report, TOP_LEVEL)
    if isinstance(report.get("reporter"), dict):
        wrong += wrong_types(report["reporter"], REPORTER_TYPES, "reporter.")
    if isinstance(report.get("location"), dict):
        wrong += wrong_types(report["location"], LOCATION_TYPES, "location.")
    return wrong


def lone_surrogate_at(value: Any, path: str = "") -> str | None:
    """The dotted path of the first key or string holding a lone UTF-16 surrogate, else None."""
    if isinstance(value, str):
        return None if is_unicode(value) else (path or "(nilai)")
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            found = lone_surrogate_at(key, "(nama properti)") or lone_surrogate_at(item, where)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = lone_surrogate_at(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


def is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def refuse_broken_text(value: Any, canonical: str, what: str) -> None:
    """400 for a value holding a lone surrogate; its path is named, never its text.

    `canonical` is the value's canonical JSON: one encode of it clears the common case.
    """
    if is_unicode(canonical):
        return
    where = lone_surrogate_at(value)
    if where is not None:
        # The path may itself be the broken key: it must not reach the JSON answer.
        shown = where if lone_surrogate_at(where) is None else "(nama properti)"
        raise ApiError(
            400,
            "bad_request",
            f"{what} memuat teks yang tidak sah (karakter pengganti UTF-16 tanpa pasangan) di {shown}.",
        )


def check_length(problems: dict[str, str], key: str, text: str, low: int, high: int) -> None:
    size = len(text.strip())
    if size < low:
        problems[key] = "required" if size == 0 and low == 1 else "too_short"
    elif size > high:
        problems[key] = "too_long"


def check_max_length(problems: dict[str, str], key: str, text: str | None, high: int) -> None:
    if text is not None and len(text) > high:
        problems[key] = "too_long"


def _rule_problems(report: dict[str, Any], today: dt.date) -> dict[str, str]:
    problems: dict[str, str] = {}
    unknown_and_missing(problems, report, TOP_LEVEL, REQUIRED)
    check_client_id(problems, report)
    classification = report.get("classification")
    if classification is not None and classification not in CLASSIFICATIONS:
        problems["classification"] = "invalid_choice"
    if "title" in report:
        check_length(problems, "title", report["title"], 5, 150)
    if "body" in report:
        check_length(problems, "body", report["body"], 20, 5000)
    incident = report.get("incident_date")
    if incident is not None:
        try:
            if not DATE_RE.match(incident):
                raise ValueError(incident)
            if dt.date.fromisoformat(incident) > today:
                problems["incident_date"] = "in_future"
        except ValueError:
            problems["incident_date"] = "invalid_format"
    check_recorded(problems, report)

    reporter = report.get("reporter")
    if isinstance(reporter, dict):
        if "name" not in reporter:
            problems["reporter.name"] = "required"
        else:
            check_length(problems, "reporter.name", reporter["name"], 1, 120)
        if reporter.get("nik") is not None and not NIK_RE.match(reporter["nik"]):
            problems["reporter.nik"] = "invalid_format"
        if reporter.get("phone") is not None and not PHONE_RE.match(reporter["phone"]):
            problems["reporter.phone"] = "invalid_format"
        if reporter.get("email") is not None and not EMAIL_RE.match(reporter["email"]):
            problems["reporter.email"] = "invalid_format"
        check_max_length(problems, "reporter.address", reporter.get("address"), 300)

    location = report.get("location")
    if isinstance(location, dict):
        if "region_code" not in location:
            problems["location.region_code"] = "required"
        elif not REGION_RE.match(location["region_code"]):
            problems["location.region_code"] = "invalid_format"
        check_max_length(problems, "location.address", location.get("address"), 300)
        for key, bound in (("latitude", 90), ("longitude", 180)):
            number = location.get(key)
            if number is not None and not (math.isfinite(number) and -bound <= number <= bound):
                problems[f"location.{key}"] = "out_of_range"

    check_attachments(problems, report.get("attachments"))
    return problems


def unknown_and_missing(problems: dict[str, str], value: dict[str, Any], known: Any, required: Any) -> None:
    for key in value:
        if key not in known:
            problems[key] = "unknown_field"
    for key in required:
        if key not in value:
            problems[key] = "required"


def check_client_id(problems: dict[str, str], value: dict[str, Any]) -> None:
    client_id = value.get("client_id")
    if client_id is not None and not UUID_RE.match(client_id):
        problems["client_id"] = "invalid_format"


def check_recorded(problems: dict[str, str], value: dict[str, Any]) -> None:
    """`recorded_at` (RFC 3339 UTC with Z) and `recorded_by` (at most 120 characters)."""
    recorded_at = value.get("recorded_at")
    if recorded_at is not None:
        try:
            if not TIMESTAMP_RE.match(recorded_at):
                raise ValueError(recorded_at)
            dt.datetime.fromisoformat(recorded_at.upper().replace("Z", "+00:00"))
        except ValueError:
            problems["recorded_at"] = "invalid_format"
    check_max_length(problems, "recorded_by", value.get("recorded_by"), 120)


def check_attachments(problems: dict[str, str], attachments: Any) -> None:
    if not isinstance(attachments, list):
        return
    if len(attachments) > MAX_ATTACHMENTS:
        problems["attachments"] = "too_many"
    for index, item in enumerate(attachments):
        prefix = f"attachments.{index}."
        for key in ATTACHMENT_TYPES:
            if key not in item:
                problems[prefix + key] = "required"
        if "sha256" in item and not SHA256_RE.match(item["sha256"]):
            problems[prefix + "sha256"] = "invalid_format"
        check_max_length(problems, prefix + "filename", item.get("filename"), 200)
        if "content_type" in item and item["content_type"] not in CONTENT_TYPES:
            problems[prefix + "content_type"] = "invalid_choice"


def attachment_shas(value: dict[str, Any]) -> tuple[str, ...]:
    """The well-formed SHA-256 addresses a report or reply names."""
    attachments = value.get("attachments") if isinstance(value.get("attachments"), list) else []
    return tuple(
        item["sha256"] for item in attachments if "sha256" in item and SHA256_RE.match(item["sha256"])
    )


def well_typed(value: Any, what: str, type_errors: Callable[[dict[str, Any]], list[str]]) -> str:
    """The canonical JSON of an object whose JSON types are all right; 400 otherwise.

    `what` names the object in the message ("Laporan", "Tanggapan").
    """
    if not isinstance(value, dict):
        raise ApiError(400, "bad_request", f"{what} harus berupa objek JSON.")
    canonical = canonical_json(value)
    refuse_broken_text(value, canonical, what)
    wrong = type_errors(value)
    if wrong:
        raise type_error(wrong)
    return canonical


def check_report(value: Any, today: dt.date) -> CheckedReport:
    """Type-check one report (raising 400) and list its rule breaches."""
    canonical = well_typed(value, "Laporan", _type_errors)
    return CheckedReport(
        client_id=value.get("client_id"),
        canonical=canonical,
        problems=_rule_problems(value, today),
        classification=value.get("classification", ""),
        title=value.get("title", "").strip(),
        category_code=value.get("category_code", ""),
        agency_code=value.get("agency_code"),
        attachment_shas=attachment_shas(value),
    )


def missing_attachments_error(missing: list[str], what: str) -> ApiError:
    """`422 missing_attachments` with `error.missing`; `what` is sent again after the upload."""
    return ApiError(
        422,
        "missing_attachments",
        f"{len(missing)} lampiran belum diunggah. Unggah lampiran tersebut, lalu kirim ulang {what}.",
        missing=missing,
    )


def type_error(wrong: list[str]) -> ApiError:
    return ApiError(400, "bad_request", "Tipe data tidak sesuai: " + "; ".join(wrong[:10]) + ".")


FIELD_LABELS = {
    "required": "wajib diisi",
    "too_short": "terlalu pendek",
    "too_long": "terlalu panjang",
    "invalid_format": "formatnya tidak sesuai",
    "invalid_choice": "pilihannya tidak dikenal",
    "out_of_range": "di luar rentang yang diizinkan",
    "in_future": "tidak boleh setelah tanggal hari ini",
    "too_many": "jumlahnya melebihi batas",
    "unknown_field": "tidak dikenal dalam kontrak API",
}


def validation_error(problems: dict[str, str], what: str = "laporan") -> ApiError:
    listed = "; ".join(f"{key} {FIELD_LABELS.get(code, code)}" for key, code in sorted(problems.items()))
    return ApiError(
        422,
        "validation_failed",
        f"Isian {what} belum sesuai, mohon perbaiki: {listed}.",
        fields=dict(sorted(problems.items())),
    )
