"""Dates as an Indonesian office types them: day first (20-11-2026), whatever separator, or in words.

`parse_typed_date` reads what was typed or says it cannot (None); it never
guesses a nearby date, so a mistyped date is shown back to the operator
rather than silently replaced.
"""

from __future__ import annotations

import datetime as dt
import re

# Indonesian first (with the old spellings still seen on forms), then English.
MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

_NUMERIC = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s*[-/.\s]?\s*([a-z]+)\.?\s*[-/.\s]?\s*(\d{2}|\d{4})$")

DISPLAY_FORMAT = "%d-%m-%Y"


def _year(text: str, today: dt.date) -> int:
    if len(text) == 4:
        return int(text)
    # Two digits: this century unless that would be after this year.
    year = 2000 + int(text)
    return year if year <= today.year else year - 100


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_typed_date(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """The date in `text` (day-month-year, ISO, 8 digits or with the month in words), else None."""
    text = text.strip().lower()
    today = today or dt.date.today()
    if found := _ISO.match(text):
        return _date(int(found[1]), int(found[2]), int(found[3]))
    if found := _NUMERIC.match(text):
        return _date(_year(found[3], today), int(found[2]), int(found[1]))
    if found := _COMPACT.match(text):
        return _date(int(found[3]), int(found[2]), int(found[1]))
    if (found := _WORDS.match(text)) and found[2] in MONTHS:
        return _date(_year(found[3], today), MONTHS[found[2]], int(found[1]))
    return None


def format_date(value: dt.date) -> str:
    """How the window shows a date: 20-11-2026."""
    return value.strftime(DISPLAY_FORMAT)
