"""Times as the window shows them: in the office's own zone (WIB, WITA or WIT), named.

The zone follows the office's province (`lapor_desktop.offices.timezone`), not
the PC's clock setting. Numeric, so it reads the same in both languages:
"29-11-2026 10.32 WIB" (a dot between hours and minutes, as Indonesians write it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lapor_desktop.offices.settings import load_settings
from lapor_desktop.offices.timezone import OfficeZone, zone_of_region


def office_zone(data_dir: Path) -> OfficeZone:
    office = load_settings(data_dir).office
    return zone_of_region(office.region_code if office is not None else None)


# Fields, not strftime: lists format two times a row on their worker, and each strftime imports
# `time` anew through PySide's import hook (Python code holding the GIL the UI thread waits for).


def format_when(value: dt.datetime, zone: OfficeZone) -> str:
    """ "29-11-2026 10.32 WIB" """
    local = zone.local(value)
    return f"{local.day:02}-{local.month:02}-{local.year} {local.hour:02}.{local.minute:02} {zone.name}"


def format_day(value: dt.datetime, zone: OfficeZone) -> str:
    """ "29-11-2026": the office's calendar day of an instant."""
    local = zone.local(value)
    return f"{local.day:02}-{local.month:02}-{local.year}"


def format_clock(value: dt.datetime, zone: OfficeZone) -> str:
    """ "10.32 WIB" """
    return f"{zone.local(value):%H.%M} {zone.name}"


def format_recent(value: dt.datetime, zone: OfficeZone, now: dt.datetime | None = None) -> str:
    """The clock time for today (in the office's zone), the full date and time otherwise."""
    today = zone.local(now or dt.datetime.now(dt.UTC)).date()
    return format_clock(value, zone) if zone.local(value).date() == today else format_when(value, zone)
