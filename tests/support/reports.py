"""Valid report content for tests, built the way an operator would fill it in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from lapor_desktop.domain import (
    Channel,
    Classification,
    Location,
    Report,
    ReportContent,
    Reporter,
    ReportState,
)
from lapor_desktop.offices.settings import Office, OfficeKind, Settings

VALID_NIK = "1801011205850001"  # Lampung Selatan, born 12-05-1985, male


def valid_content(**changes: Any) -> ReportContent:
    content = ReportContent(
        classification=Classification.COMPLAINT,
        title="Jalan desa rusak parah",
        body="Jalan utama Dusun II berlubang besar sejak musim hujan dan membahayakan pengendara motor.",
        category_code="infrastruktur",
        incident_date=dt.date(2026, 11, 20),
        location=Location(
            region_code="18.01.01.2001", address="Dusun II RT 03", latitude=-5.36, longitude=105.31
        ),
        reporter=Reporter(
            name="Budi Santoso",
            nik=VALID_NIK,
            phone="081234567890",
            email="budi@example.com",
            address="Dusun II",
        ),
        anonymous=False,
        confidential=False,
        channel=Channel.DATANG_LANGSUNG,
        consent=True,
    )
    return dataclasses.replace(content, **changes)


def valid_input_json(**changes: Any) -> dict[str, Any]:
    """The CLI's `report add` JSON for the same report."""
    data: dict[str, Any] = {
        "classification": "complaint",
        "title": "Jalan desa rusak parah",
        "body": "Jalan utama Dusun II berlubang besar sejak musim hujan dan membahayakan pengendara motor.",
        "category_code": "infrastruktur",
        "incident_date": "2026-11-20",
        "location": {
            "region_code": "18.01.01.2001",
            "address": "Dusun II RT 03",
            "latitude": -5.36,
            "longitude": 105.31,
        },
        "reporter": {
            "name": "Budi Santoso",
            "nik": VALID_NIK,
            "phone": "081234567890",
            "email": "budi@example.com",
            "address": "Dusun II",
        },
        "anonymous": False,
        "confidential": False,
        "channel": "datang_langsung",
        "consent": True,
        "attachments": [],
    }
    data.update(changes)
    return data


RECORDED_AT = dt.datetime(2026, 11, 29, 3, 15, tzinfo=dt.UTC)  # 10.15 WIB


def desa_settings(**changes: Any) -> Settings:
    """The settings of the desa office most tests use."""
    settings = Settings(
        office=Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.01.2001"), operator="Siti Aminah"
    )
    return dataclasses.replace(settings, **changes)


def stored_report(**changes: Any) -> Report:
    """A queued report as the service returns it, for paper and messages made without a database."""
    report = Report(
        id=7,
        client_id="0b6d6f8e-6a55-4a4e-9d1c-1d0c8f3f0a11",
        local_ref="18.01.01.2001/2026/00012",
        state=ReportState.QUEUED,
        content=valid_content(),
        recorded_at=RECORDED_AT,
        recorded_by="Siti Aminah",
        updated_at=RECORDED_AT,
    )
    return dataclasses.replace(report, **changes)
