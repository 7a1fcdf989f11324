from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from lapor_desktop.domain import (
    AgencyResponse,
    AttachmentRef,
    Channel,
    Classification,
    Location,
    RemoteStatus,
    Report,
    ReportContent,
    Reporter,
    ReportState,
    StatusChange,
)
from lapor_desktop.errors import InputError
from lapor_desktop.reports.json_form import ROOT_PATH, content_from_json, content_to_json, report_to_json
from lapor_desktop.reports.validation import validate_for_queue
from tests.support.reports import VALID_NIK, valid_content, valid_input_json

UTC = dt.UTC


def input_errors(obj: object) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        content_from_json(obj)
    return caught.value.fields


def stored_report(content: ReportContent | None = None) -> Report:
    return Report(
        id=7,
        client_id="5f0c6a52-3c1e-4b8e-9a51-0d2b8f1f7e11",
        local_ref="WH-2026-0007",
        state=ReportState.SENT,
        content=content or valid_content(),
        recorded_at=dt.datetime(2026, 11, 21, 2, 15, 0, tzinfo=UTC),
        recorded_by="Siti Aminah",
        updated_at=dt.datetime(2026, 11, 22, 3, 0, 0, 250000, tzinfo=UTC),
        tracking_id="LAP-000123",
        received_at=dt.datetime(2026, 11, 22, 3, 0, 1, tzinfo=UTC),
        remote_status=RemoteStatus.IN_PROGRESS,
        fix_messages={},
        fix_summary=None,
        status_history=(
            StatusChange(RemoteStatus.PENDING_VERIFICATION, dt.datetime(2026, 11, 22, 3, 0, 1, tzinfo=UTC)),
            StatusChange(
                RemoteStatus.IN_PROGRESS,
                dt.datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
                dt.datetime(2026, 11, 24, 7, 59, 30, tzinfo=UTC),
            ),
        ),
        responses=(
            AgencyResponse(
                "r1", dt.datetime(2026, 11, 24, 8, 0, tzinfo=UTC), "Dinas PU", "Akan ditinjau minggu ini."
            ),
        ),
    )


# --- reading ---------------------------------------------------------------------------------------


def test_full_input_is_read_into_content() -> None:
    data = valid_input_json(attachments=["/tmp/foto jalan.jpg", "surat.pdf"], queue=True)
    content, paths, queue = content_from_json(data)
    assert content == valid_content()
    assert paths == ["/tmp/foto jalan.jpg", "surat.pdf"]
    assert queue is True


def test_empty_object_is_an_empty_draft() -> None:
    assert content_from_json({}) == (ReportContent(), [], False)


def test_typing_is_normalised_at_input() -> None:
    data = valid_input_json(title="  Jalan desa rusak parah  ")
    data["reporter"] = {
        "name": " Budi ",
        "nik": "1801 0112 0585 0001",
        "phone": "0812-3456 7890",
        "email": "",
    }
    data["location"] = {"region_code": "18.01.01.2001", "address": "  "}
    content, _, _ = content_from_json(data)
    assert content.title == "Jalan desa rusak parah"
    assert content.reporter == Reporter(name="Budi", nik=VALID_NIK, phone="081234567890")
    assert content.location == Location(region_code="18.01.01.2001")
    assert validate_for_queue(content, today=dt.date(2026, 11, 29)) == {}


def test_nulls_are_accepted_for_optional_fields() -> None:
    data = valid_input_json(classification=None, incident_date=None)
    data["location"] = {"region_code": "18.01.01.2001", "address": None, "latitude": None, "longitude": None}
    data["reporter"] = {"name": "Budi", "nik": None, "phone": None, "email": None, "address": None}
    content, _, _ = content_from_json(data)
    assert content.classification is None
    assert content.incident_date is None
    assert content.location == Location(region_code="18.01.01.2001")
    assert content.reporter == Reporter(name="Budi")


@pytest.mark.parametrize("obj", [[], "laporan", 3, None, True, [{"title": "x"}]])
def test_non_object_json_is_refused_at_the_root(obj: object) -> None:
    assert list(input_errors(obj)) == [ROOT_PATH]


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"foo": 1}, "foo"),
        ({"status": "sent"}, "status"),
        ({"reporter": {"name": "Budi", "foo": "x"}}, "reporter.foo"),
        ({"location": {"region_code": "18.01.01.2001", "kode_pos": "35365"}}, "location.kode_pos"),
    ],
)
def test_unknown_fields_are_refused_by_path(changes: dict[str, Any], path: str) -> None:
    assert input_errors(valid_input_json(**changes)) == {path: "Kolom tidak dikenal."}


@pytest.mark.parametrize("field", ["client_id", "recorded_at", "recorded_by"])
def test_fields_the_app_fills_in_are_refused(field: str) -> None:
    problems = input_errors(valid_input_json(**{field: "x"}))
    assert list(problems) == [field]
    assert problems[field].endswith("hapus kolom ini.")
    if field == "recorded_by":
        assert "operator set" in problems[field]


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"title": 12345}, "title"),
        ({"title": None}, "title"),
        ({"body": ["a"]}, "body"),
        ({"category_code": 3}, "category_code"),
        ({"anonymous": "yes"}, "anonymous"),
        ({"confidential": 1}, "confidential"),
        ({"consent": "true"}, "consent"),
        ({"queue": "ya"}, "queue"),
        ({"classification": "keluhan"}, "classification"),
        ({"classification": 1}, "classification"),
        ({"channel": "email"}, "channel"),
        ({"incident_date": "2026-13-45"}, "incident_date"),
        ({"incident_date": "2026-02-30"}, "incident_date"),
        ({"incident_date": "20261120"}, "incident_date"),
        ({"incident_date": "2026-11-20T10:00:00"}, "incident_date"),
        ({"incident_date": 20261120}, "incident_date"),
        ({"location": "Dusun II"}, "location"),
        ({"location": {"region_code": 18010120}}, "location.region_code"),
        ({"location": {"region_code": "18.01.01.2001", "latitude": "abc"}}, "location.latitude"),
        ({"location": {"region_code": "18.01.01.2001", "longitude": True}}, "location.longitude"),
        ({"location": {"region_code": "18.01.01.2001", "latitude": float("nan")}}, "location.latitude"),
        ({"location": {"region_code": "18.01.01.2001", "address": 5}}, "location.address"),
        ({"reporter": None}, "reporter"),
        ({"reporter": {"name": "Budi", "nik": 1801011205850001}}, "reporter.nik"),
        ({"reporter": {"name": "Budi", "phone": 81234567890}}, "reporter.phone"),
        ({"reporter": {"name": ["Budi"]}}, "reporter.name"),
        ({"attachments": "foto.jpg"}, "attachments"),
        ({"attachments": ["foto.jpg", 3]}, "attachments.1"),
        ({"attachments": ["foto.jpg", "  "]}, "attachments.1"),
        ({"attachments": [f"foto-{i}.jpg" for i in range(6)]}, "attachments"),
    ],
)
def test_wrong_types_are_refused_by_exact_path(changes: dict[str, Any], path: str) -> None:
    assert list(input_errors(valid_input_json(**changes))) == [path]


def test_all_problems_are_reported_at_once_in_bahasa() -> None:
    data = valid_input_json(title=3, anonymous="yes", client_id="abc", incident_date="2026-13-45")
    data["reporter"] = {"name": "Budi", "foo": 1}
    data["location"] = {"region_code": "18.01.01.2001", "latitude": "abc"}
    problems = input_errors(data)
    assert problems == {
        "title": "Harus berupa teks (diapit tanda kutip).",
        "anonymous": "Harus bernilai true atau false (tanpa tanda kutip).",
        "client_id": "Pengenal laporan dibuat otomatis oleh aplikasi saat pertama disimpan; hapus kolom ini.",
        "incident_date": (
            "Harus berupa tanggal yang sah dengan format TTTT-BB-HH, misalnya 2026-05-17, atau null."
        ),
        "reporter.foo": "Kolom tidak dikenal.",
        "location.latitude": "Harus berupa angka desimal (tanpa tanda kutip), misalnya -5.4292, atau null.",
    }


def test_input_error_message_lists_the_fields() -> None:
    with pytest.raises(InputError) as caught:
        content_from_json({"title": 3})
    assert "title: Harus berupa teks" in str(caught.value)


def test_integer_coordinates_are_numbers() -> None:
    data = valid_input_json(location={"region_code": "18.01.01.2001", "latitude": -5, "longitude": 105})
    content, _, _ = content_from_json(data)
    assert content.location.latitude == -5.0
    assert content.location.longitude == 105.0


def test_incomplete_input_is_readable_and_validation_decides_queuing() -> None:
    content, _, queue = content_from_json({"title": "Jal", "queue": True})
    assert queue is True
    assert "title" in validate_for_queue(content, today=dt.date(2026, 11, 29))


# --- writing --------------------------------------------------------------------------------------


def test_report_to_json_has_identity_content_and_lifecycle() -> None:
    ref = AttachmentRef("ab" * 32, "foto-jalan.jpg", "image/jpeg", 183_204)
    report = stored_report(valid_content(attachments=(ref,)))
    data = report_to_json(report)
    assert data["id"] == 7
    assert data["client_id"] == "5f0c6a52-3c1e-4b8e-9a51-0d2b8f1f7e11"
    assert data["local_ref"] == "WH-2026-0007"
    assert data["state"] == "sent"
    assert data["classification"] == "complaint"
    assert data["incident_date"] == "2026-11-20"
    assert data["location"] == {
        "region_code": "18.01.01.2001",
        "address": "Dusun II RT 03",
        "latitude": -5.36,
        "longitude": 105.31,
    }
    assert data["reporter"]["nik"] == VALID_NIK
    assert data["attachments"] == [
        {"sha256": "ab" * 32, "filename": "foto-jalan.jpg", "content_type": "image/jpeg", "size": 183_204}
    ]
    assert data["channel"] == "datang_langsung"
    assert data["consent"] is True
    assert data["recorded_at"] == "2026-11-21T02:15:00Z"
    assert data["recorded_by"] == "Siti Aminah"
    assert data["updated_at"] == "2026-11-22T03:00:00.250000Z"
    assert data["tracking_id"] == "LAP-000123"
    assert data["received_at"] == "2026-11-22T03:00:01Z"
    assert data["remote_status"] == "in_progress"
    assert data["fix_messages"] == {}
    assert data["fix_summary"] is None
    assert data["status_history"] == [
        {"status": "pending_verification", "first_seen_at": "2026-11-22T03:00:01Z", "updated_at": None},
        {
            "status": "in_progress",
            "first_seen_at": "2026-11-24T08:00:00Z",
            "updated_at": "2026-11-24T07:59:30Z",
        },
    ]
    # Since contract 1.1 a response says who wrote it; a reporter's reply carries its client_id.
    assert data["responses"] == [
        {
            "id": "r1",
            "at": "2026-11-24T08:00:00Z",
            "author": "Dinas PU",
            "author_role": "agency",
            "client_id": None,
            "text": "Akan ditinjau minggu ini.",
        }
    ]
    assert data["agency"] is None and data["due_at"] is None and data["replies"] == []
    # The output is plain JSON.
    assert json.loads(json.dumps(data)) == data


def test_draft_with_needs_fix_to_json() -> None:
    report = dataclasses.replace(
        stored_report(ReportContent()),
        state=ReportState.NEEDS_FIX,
        tracking_id=None,
        received_at=None,
        remote_status=None,
        fix_messages={"title": "too_short"},
        fix_summary="Judul terlalu pendek.",
        status_history=(),
        responses=(),
    )
    data = report_to_json(report)
    assert data["state"] == "needs_fix"
    assert data["classification"] is None
    assert data["incident_date"] is None
    assert data["received_at"] is None and data["remote_status"] is None
    assert data["fix_messages"] == {"title": "too_short"}
    assert data["fix_summary"] == "Judul terlalu pendek."


_LIFECYCLE_KEYS = (
    "id",
    "client_id",
    "local_ref",
    "state",
    "recorded_at",
    "recorded_by",
    "updated_at",
    "tracking_id",
    "received_at",
    "remote_status",
    "fix_messages",
    "fix_summary",
    "status_history",
    "responses",
    "agency",
    "due_at",
    "replies",
    "attachments",
)


@pytest.mark.parametrize(
    "content",
    [
        valid_content(),
        ReportContent(),
        valid_content(
            classification=Classification.INFORMATION_REQUEST,
            channel=Channel.MUSYAWARAH_DESA,
            anonymous=True,
            confidential=True,
            consent=False,
            incident_date=None,
            title="Permohonan informasi 🚧 dana desa",
            location=Location(region_code="96.01.01.2001"),
            reporter=Reporter(name="Warga"),
        ),
    ],
)
def test_round_trip_through_the_output_form(content: ReportContent) -> None:
    output = json.loads(json.dumps(report_to_json(stored_report(content)), ensure_ascii=False))
    editable = {key: value for key, value in output.items() if key not in _LIFECYCLE_KEYS}
    assert content_from_json(editable) == (content, [], False)
    assert content_from_json(content_to_json(content) | {"attachments": []})[0] == content
