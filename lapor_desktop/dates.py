"""Dates and times as they are written in Indonesian documents: "29 November 2026 pukul 10.15 WIB".

For paper and messages meant for citizens, which are in Bahasa Indonesia
whatever language the window uses. A time is always in the office's own zone
(`offices.timezone`), never the computer's.
"""

from __future__ import annotations

import datetime as dt

from lapor_desktop.offices.timezone import OfficeZone

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def format_date(value: dt.date) -> str:
    """``2 Desember 2026``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_name(year: int, month: int) -> str:
    """``November 2026``."""
    return f"{MONTHS[month - 1]} {year}"


def format_instant(value: dt.datetime, zone: OfficeZone) -> str:
    """An aware instant on the office's clock: ``29 November 2026 pukul 10.15 WIB``."""
    local = zone.local(value)
    return f"{format_date(local.date())} pukul {local:%H.%M} {zone.name}"
