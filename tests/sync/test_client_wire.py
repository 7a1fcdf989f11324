"""The wire mapping and the response parsers, without a network."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lapor_desktop.domain import (
    AttachmentRef,
    Channel,
    Location,
    RemoteStatus,
    Report,
    ReportContent,
    Reporter,
    ReportState,
)
from sync.errors import MalformedResponse
from sync.wire import (
    parse_batch,
    parse_categories,
    parse_changes,
    parse_error_body,
    parse_ping,
    parse_receipt,
    parse_report_state,
    parse_timestamp,
    report_to_wire,
)
from tests.support.reports import VALID_NIK, valid_content

# shared/ sits beside the repository checkout, in development and in CI alike.
OPENAPI = Path(__file__).resolve().parents[3] / "shared" / "lapor-api" / "openapi.yaml"
REPORT_IN_KEYS = {
    "client_id",
    "classification",
    "title",
    "body",
    "category_code",
    "incident_date",
    "location",
    "reporter",
    "anonymous",
    "confidential",
    "recorded_at",
    "recorded_by",
    "attachments",
}
RECORDED = dt.datetime(2026, 11, 28, 3, 15, 0, tzinfo=dt.UTC)
SHA = "a" * 64


def make_report(content: ReportContent, **changes: object) -> Report:
    report = Report(
        id=7,
        client_id="5f0c2f7e-8d7b-4a59-9a55-0d6f1c2b9a11",
        local_ref="DWH-2026-0007",
        state=ReportState.QUEUED,
        content=content,
        recorded_at=RECORDED,
        recorded_by="Siti Aminah",
        updated_at=RECORDED,
    )
    return dataclasses.replace(report, **changes)


def test_full_report_maps_to_exactly_report_in() -> None:
    content = valid_content(
        attachments=(AttachmentRef(sha256=SHA, filename="jalan.jpg", content_type="image/jpeg", size=1234),),
        confidential=True,
    )
    wire = report_to_wire(make_report(content))

    assert set(wire) == REPORT_IN_KEYS
    assert wire["client_id"] == "5f0c2f7e-8d7b-4a59-9a55-0d6f1c2b9a11"
    assert wire["classification"] == "complaint"
    assert wire["title"] == content.title and wire["body"] == content.body
    assert wire["incident_date"] == "2026-11-20"
    assert wire["recorded_at"] == "2026-11-28T03:15:00Z"
    assert wire["recorded_by"] == "Siti Aminah"
    assert wire["anonymous"] is False and wire["confidential"] is True
    assert wire["location"] == {
        "region_code": "18.01.01.2001",
        "address": "Dusun II RT 03",
        "latitude": -5.36,
        "longitude": 105.31,
    }
    assert wire["reporter"] == {
        "name": "Budi Santoso",
        "nik": VALID_NIK,
        "phone": "081234567890",
        "email": "budi@example.com",
        "address": "Dusun II",
    }
    # `size` is local knowledge; the contract's AttachmentRef has three fields.
    assert wire["attachments"] == [{"sha256": SHA, "filename": "jalan.jpg", "content_type": "image/jpeg"}]
    # The body must be plain JSON.
    assert json.loads(json.dumps(wire)) == wire


def test_optional_fields_are_omitted_not_null() -> None:
    content = valid_content(
        incident_date=None,
        location=Location(region_code="18.01.01.2001"),
        reporter=Reporter(name="Anonim", nik=None, phone="", email=None, address=None),
        anonymous=True,
    )
    wire = report_to_wire(make_report(content, recorded_by=""))

    assert "incident_date" not in wire
    assert "recorded_by" not in wire
    assert wire["location"] == {"region_code": "18.01.01.2001"}
    assert wire["reporter"] == {"name": "Anonim"}
    assert wire["anonymous"] is True
    assert wire["attachments"] == []
    assert None not in wire.values()


def test_local_only_fields_never_travel() -> None:
    content = valid_content(channel=Channel.MUSYAWARAH_DESA, consent=True)
    report = make_report(
        content,
        local_ref="DWH-2026-0099",
        fix_messages={"title": "x"},
        fix_summary="ringkasan",
        tracking_id="LPR-1",
    )
    text = json.dumps(report_to_wire(report))
    for local in (
        "channel",
        "consent",
        "local_ref",
        "state",
        "fix_",
        "tracking_id",
        "musyawarah",
        "DWH-2026",
    ):
        assert local not in text


def test_title_and_body_are_sent_as_stored() -> None:
    content = valid_content(title="  Jalan rusak  ", body="  Isi laporan yang cukup panjang untuk dikirim.  ")
    wire = report_to_wire(make_report(content))
    assert wire["title"] == "  Jalan rusak  "
    assert wire["body"] == "  Isi laporan yang cukup panjang untuk dikirim.  "


def test_recorded_at_is_utc_with_z_whatever_the_zone() -> None:
    wib = dt.timezone(dt.timedelta(hours=7))
    local = dt.datetime(2026, 11, 28, 10, 15, 0, tzinfo=wib)
    assert (
        report_to_wire(make_report(valid_content(), recorded_at=local))["recorded_at"]
        == "2026-11-28T03:15:00Z"
    )
    naive = dt.datetime(2026, 11, 28, 3, 15, 0)
    assert (
        report_to_wire(make_report(valid_content(), recorded_at=naive))["recorded_at"]
        == "2026-11-28T03:15:00Z"
    )


def wire_bytes(report: Report) -> bytes:
    """The request body as the client encodes it."""
    return json.dumps(report_to_wire(report), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


RESEND_IN_ANOTHER_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from lapor_desktop.app import open_app
from sync.wire import report_to_wire
with open_app(Path(sys.argv[2])) as app:
    report = app.reports.get(int(sys.argv[3]))
body = json.dumps(report_to_wire(report), ensure_ascii=False, separators=(",", ":"))
sys.stdout.buffer.write(body.encode("utf-8"))
"""


def test_the_same_report_always_gives_the_same_json(office_dir: Path, tmp_path: Path) -> None:
    """A retry sends, byte for byte, what the first attempt sent (the server compares bodies:
    anything else is a 409 idempotency_conflict): after the report is read back from the
    database, and from another process with another hash seed, as after a restart."""
    from lapor_desktop.app import open_app
    from tests.support.images import write_plain_jpeg

    photos = [write_plain_jpeg(tmp_path / f"foto-{n}.jpg", (320, 240), seed=n) for n in (1, 2)]
    content = valid_content(title="Lampu jalan padam di Dusun Ā", confidential=True)
    with open_app(office_dir) as app:
        refs = app.reports.import_attachments(photos)
        created = app.reports.create(dataclasses.replace(content, attachments=tuple(refs)), queue=True)
        first = wire_bytes(created)
    with open_app(office_dir) as app:
        reread = wire_bytes(app.reports.get(created.id))
    repo = Path(__file__).resolve().parents[2]
    elsewhere = subprocess.run(
        [sys.executable, "-c", RESEND_IN_ANOTHER_PROCESS, str(repo), str(office_dir), str(created.id)],
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        capture_output=True,
        check=True,
    ).stdout
    assert reread == first and elsewhere == first
    sent = json.loads(first)
    assert [a["filename"] for a in sent["attachments"]] == ["foto-1.jpg", "foto-2.jpg"]
    assert sent["location"]["latitude"] == -5.36 and sent["title"].endswith("Ā")


def test_a_draft_without_classification_cannot_be_mapped() -> None:
    with pytest.raises(ValueError):
        report_to_wire(make_report(valid_content(classification=None)))


def test_wire_keys_match_the_contract_schema() -> None:
    """Guard against drift: every key we can send is a ReportIn property in openapi.yaml."""
    if not OPENAPI.is_file():
        pytest.skip("the contract folder shared/lapor-api is not beside this checkout")
    text = OPENAPI.read_text(encoding="utf-8")
    section = text[text.index("    ReportIn:") : text.index("    Receipt:")]
    for key in REPORT_IN_KEYS:
        assert f"        {key}:" in section


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-29T05:42:50Z", dt.datetime(2026, 11, 29, 5, 42, 50, tzinfo=dt.UTC)),
        ("2026-11-29T05:42:50.123Z", dt.datetime(2026, 11, 29, 5, 42, 50, 123000, tzinfo=dt.UTC)),
        ("2026-11-29T05:42:50.123456789Z", dt.datetime(2026, 11, 29, 5, 42, 50, 123456, tzinfo=dt.UTC)),
        ("2026-11-29T12:42:50+07:00", dt.datetime(2026, 11, 29, 5, 42, 50, tzinfo=dt.UTC)),
        ("2026-11-29t05:42:50z", dt.datetime(2026, 11, 29, 5, 42, 50, tzinfo=dt.UTC)),
    ],
)
def test_timestamps_parse_robustly(text: str, expected: dt.datetime) -> None:
    parsed = parse_timestamp(text, "t")
    assert parsed == expected
    assert parsed.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01T00:00:00Z", 1700000000, None])
def test_bad_timestamps_are_malformed(text: object) -> None:
    with pytest.raises(MalformedResponse):
        parse_timestamp(text, "t")


def test_parse_ping_accepts_only_lapor_api() -> None:
    ping = parse_ping({"service": "lapor-api", "api_version": "1.0", "server_time": "2026-11-29T05:42:50Z"})
    assert ping.api_version == "1.0"
    assert ping.server_time == dt.datetime(2026, 11, 29, 5, 42, 50, tzinfo=dt.UTC)
    with pytest.raises(MalformedResponse):
        parse_ping({"service": "portal", "api_version": "1.0", "server_time": "2026-11-29T05:42:50Z"})
    with pytest.raises(MalformedResponse):
        parse_ping(["lapor-api"])


RECEIPT = {
    "client_id": "c1",
    "tracking_id": "LPR-2026-000001",
    "status": "pending_verification",
    "received_at": "2026-11-29T05:42:50Z",
    "replayed": False,
}


def test_parse_receipt_and_its_shape_errors() -> None:
    receipt = parse_receipt(RECEIPT)
    assert receipt.tracking_id == "LPR-2026-000001"
    assert receipt.status is RemoteStatus.PENDING_VERIFICATION
    assert receipt.replayed is False
    for broken in (
        {**RECEIPT, "status": "lost"},
        {**RECEIPT, "replayed": "no"},
        {k: v for k, v in RECEIPT.items() if k != "tracking_id"},
        {**RECEIPT, "received_at": "kemarin"},
    ):
        with pytest.raises(MalformedResponse):
            parse_receipt(broken)


def test_parse_report_state_with_responses_into_domain_types() -> None:
    state = parse_report_state(
        {
            "client_id": "c1",
            "tracking_id": "LPR-2026-000001",
            "status": "in_progress",
            "updated_at": "2026-11-30T01:00:00Z",
            "responses": [
                {"id": "r1", "at": "2026-11-30T01:00:00Z", "author": "Dinas PU", "text": "Sedang ditangani."}
            ],
        }
    )
    assert state.status is RemoteStatus.IN_PROGRESS
    assert state.responses[0].author == "Dinas PU"
    assert state.responses[0].at == dt.datetime(2026, 11, 30, 1, 0, tzinfo=dt.UTC)
    with pytest.raises(MalformedResponse):
        parse_report_state({"client_id": "c1", "tracking_id": "t", "status": "verified", "updated_at": "x"})


def test_parse_changes_and_categories() -> None:
    page = parse_changes({"items": [], "next_cursor": "abc"})
    assert page.items == () and page.next_cursor == "abc"
    with pytest.raises(MalformedResponse):
        parse_changes({"items": []})
    cats = parse_categories(
        {"items": [{"code": "a", "name": "A"}, {"code": "b", "name": "B", "description": "d"}]}
    )
    assert [c.code for c in cats] == ["a", "b"]
    assert cats[0].description is None and cats[1].description == "d"
    with pytest.raises(MalformedResponse):
        parse_categories({"items": [{"code": 1, "name": "A"}]})


def test_parse_error_body() -> None:
    detail = parse_error_body(
        {"error": {"code": "validation_failed", "message": "m", "fields": {"title": "too_short"}}}
    )
    assert detail.code == "validation_failed" and dict(detail.fields) == {"title": "too_short"}
    missing = parse_error_body({"error": {"code": "missing_attachments", "message": "m", "missing": [SHA]}})
    assert missing.missing == (SHA,)
    for broken in (
        {"detail": "Not Found"},
        {"error": "boom"},
        {"error": {"code": "validation_failed", "message": "m", "fields": {"title": 3}}},
        {"error": {"code": "missing_attachments", "message": "m"}},
        "<html>",
    ):
        with pytest.raises(MalformedResponse):
            parse_error_body(broken)


def test_parse_batch_needs_one_result_per_item_with_receipt_or_error() -> None:
    ok = {"client_id": "c1", "status": 201, "receipt": RECEIPT}
    bad = {"client_id": "c2", "status": 422, "error": {"code": "unknown_category", "message": "m"}}
    results = parse_batch({"results": [ok, bad]}, expected=2)
    assert results[0].receipt is not None and results[0].error is None
    assert results[1].error is not None and results[1].error.code == "unknown_category"
    with pytest.raises(MalformedResponse):
        parse_batch({"results": [ok]}, expected=2)
    with pytest.raises(MalformedResponse):
        parse_batch({"results": [{"client_id": "c1", "status": 201}]}, expected=1)
    with pytest.raises(MalformedResponse):
        parse_batch({"results": [{**ok, "status": "201"}]}, expected=1)
