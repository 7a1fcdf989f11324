"""The JSON form of a report for the command line: what it reads and what it prints.

Input (`content_from_json`) has the fields of the contract's `ReportIn`
(nested ``location`` and ``reporter``) plus the local ``channel`` and
``consent``, with ``attachments`` as a list of file paths and an optional
``"queue": true``. Fields the app fills in itself are refused rather than
silently ignored, so nobody believes they set them:

- ``client_id`` and ``recorded_at`` are made when the report is first saved;
- ``recorded_by`` is the operator configured with ``operator set``: one
  source of truth for who recorded a report.

Missing fields are allowed (a draft may be incomplete); whether a report may
be queued is `validation.validate_for_queue`'s decision, not this module's.
Everything this module refuses is about shape (unknown fields, wrong types,
impossible dates), reported per dotted path in one `InputError`.

Output (`report_to_json`) is the stored report with its identity and
lifecycle; timestamps are RFC 3339 UTC with ``Z``, dates ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from lapor_desktop.domain import (
    AgencyResponse,
    AttachmentRef,
    Channel,
    Classification,
    Location,
    Reply,
    Report,
    ReportContent,
    Reporter,
    StatusChange,
)
from lapor_desktop.errors import InputError
from lapor_desktop.reports.validation import MAX_ATTACHMENTS, normalize_content
from lapor_desktop.timestamps import to_wire

__all__ = ["ROOT_PATH", "InputError", "content_from_json", "content_to_json", "report_to_json"]

# The path under which a problem with the whole document is reported.
ROOT_PATH = "$"

_UNKNOWN = "Kolom tidak dikenal."
_APP_FILLED = {
    "client_id": "Pengenal laporan dibuat otomatis oleh aplikasi saat pertama disimpan; hapus kolom ini.",
    "recorded_at": "Waktu pencatatan diisi otomatis oleh aplikasi; hapus kolom ini.",
    "recorded_by": (
        "Pencatat laporan diambil dari pengaturan operator (perintah 'operator set'); hapus kolom ini."
    ),
}
_TOP_FIELDS = frozenset(
    {
        "classification",
        "title",
        "body",
        "category_code",
        "agency_code",
        "incident_date",
        "location",
        "reporter",
        "anonymous",
        "confidential",
        "channel",
        "consent",
        "attachments",
        "queue",
    }
)
_LOCATION_FIELDS = frozenset({"region_code", "address", "latitude", "longitude"})
_REPORTER_FIELDS = frozenset({"name", "nik", "phone", "email", "address"})
_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLASSIFICATIONS = frozenset(member.value for member in Classification)
_CHANNELS = frozenset(member.value for member in Channel)


class _Reader:
    """Reads typed values out of JSON objects, collecting every problem by path."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def fail(self, path: str, message: str) -> None:
        self.problems.setdefault(path, message)

    def known_keys(self, obj: dict[str, Any], allowed: frozenset[str], prefix: str) -> None:
        for key in obj:
            if key not in allowed:
                self.fail(f"{prefix}{key}", _APP_FILLED.get(key, _UNKNOWN) if not prefix else _UNKNOWN)

    def object(self, obj: dict[str, Any], key: str, path: str) -> dict[str, Any]:
        value = obj.get(key, {})
        if isinstance(value, dict):
            return value
        self.fail(path, "Harus berupa objek JSON ({...}).")
        return {}

    def text(self, obj: dict[str, Any], key: str, path: str) -> str:
        value = obj.get(key, "")
        if isinstance(value, str):
            return value
        self.fail(path, "Harus berupa teks (diapit tanda kutip).")
        return ""

    def optional_text(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        value = obj.get(key)
        if value is None or isinstance(value, str):
            return value
        self.fail(path, "Harus berupa teks (diapit tanda kutip) atau null.")
        return None

    def flag(self, obj: dict[str, Any], key: str, path: str, default: bool = False) -> bool:
        value = obj.get(key, default)
        if isinstance(value, bool):
            return value
        self.fail(path, "Harus bernilai true atau false (tanpa tanda kutip).")
        return default

    def number(self, obj: dict[str, Any], key: str, path: str) -> float | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        self.fail(path, "Harus berupa angka desimal (tanpa tanda kutip), misalnya -5.4292, atau null.")
        return None

    def date(self, obj: dict[str, Any], key: str, path: str) -> dt.date | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, str) and _DATE_FORM.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(
            path, "Harus berupa tanggal yang sah dengan format TTTT-BB-HH, misalnya 2026-05-17, atau null."
        )
        return None

    def classification(self, obj: dict[str, Any], path: str) -> Classification | None:
        value = obj.get("classification")
        if value is None:
            return None
        if isinstance(value, str) and value in _CLASSIFICATIONS:
            return Classification(value)
        self.fail(
            path,
            "Harus salah satu dari: complaint (pengaduan), aspiration (aspirasi), "
            "information_request (permintaan informasi).",
        )
        return None

    def channel(self, obj: dict[str, Any], path: str) -> Channel:
        value = obj.get("channel", Channel.DATANG_LANGSUNG.value)
        if isinstance(value, str) and value in _CHANNELS:
            return Channel(value)
        self.fail(
            path,
            "Harus salah satu dari: datang_langsung, musyawarah_desa, telepon, surat.",
        )
        return Channel.DATANG_LANGSUNG

    def paths(self, obj: dict[str, Any], key: str, path: str) -> list[str]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.fail(path, 'Harus berupa daftar path berkas, misalnya ["foto-jalan.jpg"].')
            return []
        if len(value) > MAX_ATTACHMENTS:
            self.fail(path, f"Terlalu banyak lampiran: maksimal {MAX_ATTACHMENTS} (sekarang {len(value)}).")
        result: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.fail(f"{path}.{index}", "Harus berupa path berkas (teks).")
            elif not item.strip():
                self.fail(f"{path}.{index}", "Path berkas tidak boleh kosong.")
            else:
                result.append(item)
        return result


def content_from_json(obj: object) -> tuple[ReportContent, list[str], bool]:
    """Read the CLI's report JSON: ``(content, attachment_paths, queue)``.

    The content comes back normalised (`validation.normalize_content`): text
    trimmed, blank optional fields as ``None``, spaces and dashes removed from
    NIK and phone. Its ``attachments`` is empty: the paths are returned
    separately for the attachment service to process. Raises `InputError` with
    every shape problem by dotted path.
    """
    if not isinstance(obj, dict):
        raise InputError({ROOT_PATH: 'Data laporan harus berupa objek JSON, misalnya {"title": "..."}.'})
    read = _Reader()
    read.known_keys(obj, _TOP_FIELDS, "")
    location = read.object(obj, "location", "location")
    read.known_keys(location, _LOCATION_FIELDS, "location.")
    reporter = read.object(obj, "reporter", "reporter")
    read.known_keys(reporter, _REPORTER_FIELDS, "reporter.")

    content = ReportContent(
        classification=read.classification(obj, "classification"),
        title=read.text(obj, "title", "title"),
        body=read.text(obj, "body", "body"),
        category_code=read.text(obj, "category_code", "category_code"),
        incident_date=read.date(obj, "incident_date", "incident_date"),
        location=Location(
            region_code=read.text(location, "region_code", "location.region_code"),
            address=read.optional_text(location, "address", "location.address"),
            latitude=read.number(location, "latitude", "location.latitude"),
            longitude=read.number(location, "longitude", "location.longitude"),
        ),
        reporter=Reporter(
            name=read.text(reporter, "name", "reporter.name"),
            nik=read.optional_text(reporter, "nik", "reporter.nik"),
            phone=read.optional_text(reporter, "phone", "reporter.phone"),
            email=read.optional_text(reporter, "email", "reporter.email"),
            address=read.optional_text(reporter, "address", "reporter.address"),
        ),
        anonymous=read.flag(obj, "anonymous", "anonymous"),
        confidential=read.flag(obj, "confidential", "confidential"),
        channel=read.channel(obj, "channel"),
        consent=read.flag(obj, "consent", "consent"),
        agency_code=read.optional_text(obj, "agency_code", "agency_code"),
    )
    paths = read.paths(obj, "attachments", "attachments")
    queue = read.flag(obj, "queue", "queue")
    if read.problems:
        raise InputError(read.problems)
    return normalize_content(content), paths, queue


def content_to_json(content: ReportContent) -> dict[str, Any]:
    """The content's fields as JSON, nested like `ReportIn`; absent optional values are ``null``."""
    return {
        "classification": content.classification.value if content.classification else None,
        "title": content.title,
        "body": content.body,
        "category_code": content.category_code,
        "agency_code": content.agency_code,
        "incident_date": content.incident_date.isoformat() if content.incident_date else None,
        "location": {
            "region_code": content.location.region_code,
            "address": content.location.address,
            "latitude": content.location.latitude,
            "longitude": content.location.longitude,
        },
        "reporter": {
            "name": content.reporter.name,
            "nik": content.reporter.nik,
            "phone": content.reporter.phone,
            "email": content.reporter.email,
            "address": content.reporter.address,
        },
        "anonymous": content.anonymous,
        "confidential": content.confidential,
        "channel": content.channel.value,
        "consent": content.consent,
        "attachments": [_attachment_to_json(ref) for ref in content.attachments],
    }


def report_to_json(report: Report) -> dict[str, Any]:
    """The stored report for CLI output: identity, content, lifecycle, remote status and responses."""
    return {
        "id": report.id,
        "client_id": report.client_id,
        "local_ref": report.local_ref,
        "state": report.state.value,
        **content_to_json(report.content),
        "recorded_at": to_wire(report.recorded_at),
        "recorded_by": report.recorded_by,
        "updated_at": to_wire(report.updated_at),
        "tracking_id": report.tracking_id,
        "received_at": to_wire(report.received_at) if report.received_at else None,
        "remote_status": report.remote_status.value if report.remote_status else None,
        "fix_messages": dict(report.fix_messages),
        "fix_summary": report.fix_summary,
        "status_history": [_status_change_to_json(change) for change in report.status_history],
        "responses": [_response_to_json(response) for response in report.responses],
        "agency": {"code": report.agency.code, "name": report.agency.name} if report.agency else None,
        "due_at": to_wire(report.due_at) if report.due_at else None,
        "replies": [reply_to_json(reply) for reply in report.replies],
    }


def reply_to_json(reply: Reply) -> dict[str, Any]:
    from lapor_desktop.labels import REPLY_STATE_LABELS

    return {
        "id": reply.id,
        "client_id": reply.client_id,
        "report_id": reply.report_id,
        "text": reply.text,
        "attachments": [_attachment_to_json(ref) for ref in reply.attachments],
        "recorded_at": to_wire(reply.recorded_at),
        "recorded_by": reply.recorded_by,
        "state": reply.state.value,
        "state_label": REPLY_STATE_LABELS[reply.state],  # e.g. "Diserahkan ke kecamatan"
        "refusal": reply.refusal,
        "waiting_note": reply.waiting_note,
        "sent_at": to_wire(reply.sent_at) if reply.sent_at else None,
    }


def _attachment_to_json(ref: AttachmentRef) -> dict[str, Any]:
    return {
        "sha256": ref.sha256,
        "filename": ref.filename,
        "content_type": ref.content_type,
        "size": ref.size,
    }


def _status_change_to_json(change: StatusChange) -> dict[str, Any]:
    return {
        "status": change.status.value,
        "first_seen_at": to_wire(change.first_seen_at),
        "updated_at": to_wire(change.updated_at) if change.updated_at else None,
    }


def _response_to_json(response: AgencyResponse) -> dict[str, Any]:
    return {
        "id": response.id,
        "at": to_wire(response.at),
        "author": response.author,
        "author_role": response.role.value,
        "client_id": response.client_id,
        "text": response.text,
    }
