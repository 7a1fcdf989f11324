"""Copying between the stored row and the domain `Report`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from lapor_desktop.domain import (
    AgencyRef,
    AgencyResponse,
    AttachmentRef,
    Channel,
    Classification,
    Location,
    RemoteStatus,
    Reply,
    Report,
    ReportContent,
    Reporter,
    ReportState,
    ResponseRole,
    StatusChange,
)
from lapor_desktop.reports.contact_keys import nik_key, phone_key
from lapor_desktop.storage.schema import AgencyResponseRow, ReportRow, StatusHistoryRow
from lapor_desktop.timestamps import from_text


class PlainReportRow(NamedTuple):
    """The `reports` columns `report_of` reads, as a plain sqlite3 query gives them (see `plain_row`)."""

    id: int
    client_id: str
    local_ref: str
    state: str
    classification: str | None
    title: str
    body: str
    category_code: str
    incident_date: dt.date | None
    region_code: str
    location_address: str | None
    latitude: float | None
    longitude: float | None
    reporter_name: str
    reporter_nik: str | None
    reporter_phone: str | None
    reporter_email: str | None
    reporter_address: str | None
    anonymous: bool
    confidential: bool
    channel: str
    consent: bool
    recorded_at: dt.datetime
    recorded_by: str
    updated_at: dt.datetime
    tracking_id: str | None
    received_at: dt.datetime | None
    remote_status: str | None
    fix_messages: str | None
    fix_summary: str | None
    agency_code: str | None
    handling_agency_code: str | None
    handling_agency_name: str | None
    due_at: dt.datetime | None


# For `SELECT {PLAIN_REPORT_COLUMNS} FROM reports ...`, whose rows `plain_row` reads.
PLAIN_REPORT_COLUMNS = ", ".join(PlainReportRow._fields)


def plain_row(raw: tuple[Any, ...]) -> PlainReportRow:
    """A row of `PLAIN_REPORT_COLUMNS` with the values the schema's types give: dates, instants, booleans."""
    row = PlainReportRow._make(raw)
    return row._replace(
        incident_date=None if row.incident_date is None else dt.date.fromisoformat(row.incident_date),  # type: ignore[arg-type]
        anonymous=bool(row.anonymous),
        confidential=bool(row.confidential),
        consent=bool(row.consent),
        recorded_at=from_text(row.recorded_at),  # type: ignore[arg-type]
        updated_at=from_text(row.updated_at),  # type: ignore[arg-type]
        received_at=None if row.received_at is None else from_text(row.received_at),  # type: ignore[arg-type]
        due_at=None if row.due_at is None else from_text(row.due_at),  # type: ignore[arg-type]
    )


# A report as stored: its ORM row, or a `PlainReportRow` (whose attachments then come separately).
StoredReport = ReportRow | PlainReportRow


def attachments_of(row: ReportRow) -> tuple[AttachmentRef, ...]:
    return tuple(
        AttachmentRef(
            sha256=link.sha256,
            filename=link.filename,
            content_type=link.blob.content_type,
            size=link.blob.size,
        )
        for link in row.attachments
    )


def content_of(row: StoredReport, attachments: tuple[AttachmentRef, ...] | None = None) -> ReportContent:
    """The typed content; `attachments` must be given for a plain row."""
    if attachments is None:
        assert isinstance(row, ReportRow)
        attachments = attachments_of(row)
    return ReportContent(
        classification=Classification(row.classification) if row.classification else None,
        title=row.title,
        body=row.body,
        category_code=row.category_code,
        incident_date=row.incident_date,
        location=Location(
            region_code=row.region_code,
            address=row.location_address,
            latitude=row.latitude,
            longitude=row.longitude,
        ),
        reporter=Reporter(
            name=row.reporter_name,
            nik=row.reporter_nik,
            phone=row.reporter_phone,
            email=row.reporter_email,
            address=row.reporter_address,
        ),
        anonymous=row.anonymous,
        confidential=row.confidential,
        channel=Channel(row.channel),
        consent=row.consent,
        attachments=attachments,
        agency_code=row.agency_code,
    )


def content_columns(content: ReportContent) -> dict[str, object]:
    """The `reports` columns that hold the typed fields (attachments have their own rows).

    With them the NIK and phone search keys, so every write that stores a reporter keeps them in step.
    """
    return {
        "classification": content.classification.value if content.classification else None,
        "title": content.title,
        "body": content.body,
        "category_code": content.category_code,
        "incident_date": content.incident_date,
        "region_code": content.location.region_code,
        "location_address": content.location.address,
        "latitude": content.location.latitude,
        "longitude": content.location.longitude,
        "reporter_name": content.reporter.name,
        "reporter_nik": content.reporter.nik,
        "reporter_phone": content.reporter.phone,
        "reporter_nik_key": nik_key(content.reporter.nik),
        "reporter_phone_key": phone_key(content.reporter.phone),
        "reporter_email": content.reporter.email,
        "reporter_address": content.reporter.address,
        "anonymous": content.anonymous,
        "confidential": content.confidential,
        "channel": content.channel.value,
        "consent": content.consent,
        "agency_code": content.agency_code or None,
    }


def apply_content(row: ReportRow, content: ReportContent) -> None:
    for column, value in content_columns(content).items():
        setattr(row, column, value)


def report_of(
    row: StoredReport,
    history: list[StatusHistoryRow] | None = None,
    responses: list[AgencyResponseRow] | None = None,
    *,
    attachments: tuple[AttachmentRef, ...] | None = None,
    replies: tuple[Reply, ...] = (),
) -> Report:
    """The domain report; `attachments` must be given for a plain row (see `content_of`)."""
    return Report(
        id=row.id,
        client_id=row.client_id,
        local_ref=row.local_ref,
        state=ReportState(row.state),
        content=content_of(row, attachments),
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        updated_at=row.updated_at,
        tracking_id=row.tracking_id,
        received_at=row.received_at,
        remote_status=RemoteStatus(row.remote_status) if row.remote_status else None,
        fix_messages=json.loads(row.fix_messages) if row.fix_messages else {},
        fix_summary=row.fix_summary,
        status_history=tuple(
            StatusChange(RemoteStatus(h.status), h.first_seen_at, h.updated_at) for h in history or ()
        ),
        responses=tuple(response_of(r) for r in responses or ()),
        agency=agency_of(row),
        due_at=row.due_at,
        replies=replies,
    )


def agency_of(row: StoredReport) -> AgencyRef | None:
    """The agency LAPOR! says handles the report, if it said."""
    if not row.handling_agency_code:
        return None
    return AgencyRef(row.handling_agency_code, row.handling_agency_name or row.handling_agency_code)


def response_of(row: AgencyResponseRow) -> AgencyResponse:
    return AgencyResponse(
        id=row.response_id,
        at=row.at,
        author=row.author,
        text=row.text,
        role=ResponseRole(row.author_role) if row.author_role else ResponseRole.AGENCY,
        client_id=row.client_id,
    )
