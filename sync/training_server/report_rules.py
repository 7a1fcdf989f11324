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
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
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
    """One text per JSON value: key order and whitespace do not matter."""
    return json.dumps(normalized(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _is_type(value: Any, wanted: type | tuple[type, ...]) -> bool:
    # bool is an int in Python but not a number in JSON.
    if isinstance(value, bool):
        return wanted is bool
    return isinstance(value, wanted)


def _type_errors(report: dict[str, Any]) -> list[str]:
    wrong: list[str] = []

    def check(obj: dict[str, Any], types: dict[str, Any], prefix: str) -> None:
        for key, wanted in types.items():
            if key in obj and not _is_type(obj[key], wanted):
                wrong.append(f"'{prefix}{key}' harus berupa {TYPE_NAMES[wanted]}")

    check(report, TOP_LEVEL, "")
    if isinstance(report.get("reporter"), dict):
        check(report["reporter"], REPORTER_TYPES, "reporter.")
    if isinstance(report.get("location"), dict):
        check(report["location"], LOCATION_TYPES, "location.")
    if isinstance(report.get("attachments"), list):
        for index, item in enumerate(report["attachments"]):
            if not isinstance(item, dict):
                wrong.append(f"'attachments.{index}' harus berupa objek")
            else:
                check(item, ATTACHMENT_TYPES, f"attachments.{index}.")
    return wrong


def _length(problems: dict[str, str], key: str, text: str, low: int, high: int) -> None:
    size = len(text.strip())
    if size < low:
        problems[key] = "required" if size == 0 and low == 1 else "too_short"
    elif size > high:
        problems[key] = "too_long"


def _max_length(problems: dict[str, str], key: str, text: str | None, high: int) -> None:
    if text is not None and len(text) > high:
        problems[key] = "too_long"


def _rule_problems(report: dict[str, Any], today: dt.date) -> dict[str, str]:
    problems: dict[str, str] = {}
    for key in report:
        if key not in TOP_LEVEL:
            problems[key] = "unknown_field"
    for key in REQUIRED:
        if key not in report:
            problems[key] = "required"

    client_id = report.get("client_id")
    if client_id is not None and not UUID_RE.match(client_id):
        problems["client_id"] = "invalid_format"
    classification = report.get("classification")
    if classification is not None and classification not in CLASSIFICATIONS:
        problems["classification"] = "invalid_choice"
    if "title" in report:
        _length(problems, "title", report["title"], 5, 150)
    if "body" in report:
        _length(problems, "body", report["body"], 20, 5000)
    incident = report.get("incident_date")
    if incident is not None:
        try:
            if not DATE_RE.match(incident):
                raise ValueError(incident)
            if dt.date.fromisoformat(incident) > today:
                problems["incident_date"] = "in_future"
        except ValueError:
            problems["incident_date"] = "invalid_format"
    recorded_at = report.get("recorded_at")
    if recorded_at is not None:
        try:
            if not TIMESTAMP_RE.match(recorded_at):
                raise ValueError(recorded_at)
            dt.datetime.fromisoformat(recorded_at.upper().replace("Z", "+00:00"))
        except ValueError:
            problems["recorded_at"] = "invalid_format"
    _max_length(problems, "recorded_by", report.get("recorded_by"), 120)

    reporter = report.get("reporter")
    if isinstance(reporter, dict):
        if "name" not in reporter:
            problems["reporter.name"] = "required"
        else:
            _length(problems, "reporter.name", reporter["name"], 1, 120)
        if reporter.get("nik") is not None and not NIK_RE.match(reporter["nik"]):
            problems["reporter.nik"] = "invalid_format"
        if reporter.get("phone") is not None and not PHONE_RE.match(reporter["phone"]):
            problems["reporter.phone"] = "invalid_format"
        if reporter.get("email") is not None and not EMAIL_RE.match(reporter["email"]):
            problems["reporter.email"] = "invalid_format"
        _max_length(problems, "reporter.address", reporter.get("address"), 300)

    location = report.get("location")
    if isinstance(location, dict):
        if "region_code" not in location:
            problems["location.region_code"] = "required"
        elif not REGION_RE.match(location["region_code"]):
            problems["location.region_code"] = "invalid_format"
        _max_length(problems, "location.address", location.get("address"), 300)
        for key, bound in (("latitude", 90), ("longitude", 180)):
            number = location.get(key)
            if number is not None and not (math.isfinite(number) and -bound <= number <= bound):
                problems[f"location.{key}"] = "out_of_range"

    attachments = report.get("attachments")
    if isinstance(attachments, list):
        if len(attachments) > MAX_ATTACHMENTS:
            problems["attachments"] = "too_many"
        for index, item in enumerate(attachments):
            prefix = f"attachments.{index}."
            for key in ATTACHMENT_TYPES:
                if key not in item:
                    problems[prefix + key] = "required"
            if "sha256" in item and not SHA256_RE.match(item["sha256"]):
                problems[prefix + "sha256"] = "invalid_format"
            _max_length(problems, prefix + "filename", item.get("filename"), 200)
            if "content_type" in item and item["content_type"] not in CONTENT_TYPES:
                problems[prefix + "content_type"] = "invalid_choice"
    return problems


def check_report(value: Any, today: dt.date) -> CheckedReport:
    """Type-check one report (raising 400) and list its rule breaches."""
    if not isinstance(value, dict):
        raise ApiError(400, "bad_request", "Laporan harus berupa objek JSON.")
    wrong = _type_errors(value)
    if wrong:
        raise ApiError(400, "bad_request", "Tipe data tidak sesuai: " + "; ".join(wrong[:10]) + ".")
    problems = _rule_problems(value, today)
    attachments = value.get("attachments") if isinstance(value.get("attachments"), list) else []
    shas = tuple(
        item["sha256"] for item in attachments if "sha256" in item and SHA256_RE.match(item["sha256"])
    )
    return CheckedReport(
        client_id=value.get("client_id"),
        canonical=canonical_json(value),
        problems=problems,
        classification=value.get("classification", ""),
        title=value.get("title", "").strip(),
        category_code=value.get("category_code", ""),
        attachment_shas=shas,
    )


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


def validation_error(problems: dict[str, str]) -> ApiError:
    listed = "; ".join(f"{key} {FIELD_LABELS.get(code, code)}" for key, code in sorted(problems.items()))
    return ApiError(
        422,
        "validation_failed",
        f"Isian laporan belum sesuai, mohon perbaiki: {listed}.",
        fields=dict(sorted(problems.items())),
    )
