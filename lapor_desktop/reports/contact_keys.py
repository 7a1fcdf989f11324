"""Finding a report by its reporter's NIK or phone number, however it was written.

A phone number is written 0812-3456-7890, +62 812 3456 7890 or 6281234567890;
a NIK 3201 0112 3456 0001. Each report stores a key of each (revision 0006):
the NIK's 16 digits, and the phone's national number (digits after +62, 62 or
0). A search text that looks like one of them is looked up by that key, in an
index, exactly; NIKs and phone numbers never enter the full-text index, so a
word search can never surface a report through them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

NIK_DIGITS = 16
# A national number: a mobile number has 9 to 12 digits after the 0, a landline with its
# area code at least 8; the contract allows up to 13.
PHONE_NATIONAL_MIN = 8
PHONE_NATIONAL_MAX = 13

_SEPARATORS = re.compile(r"[\s\-.()/\u00a0]")
_NOT_DIGIT = re.compile(r"[^0-9]")
_COUNTRY_PREFIXES = ("0062", "62", "0")


class ContactKind(StrEnum):
    NIK = "nik"
    PHONE = "phone"


@dataclass(frozen=True)
class ContactLookup:
    """A search for the report(s) whose reporter has this NIK or phone key."""

    kind: ContactKind
    key: str


def nik_key(nik: str | None) -> str | None:
    """The NIK's digits (None when it has none): what a NIK search compares."""
    if not nik:
        return None
    digits = _NOT_DIGIT.sub("", nik)
    return digits or None


def phone_key(phone: str | None) -> str | None:
    """The national number, without +62, 62, 0062 or 0 (None when it has no digits)."""
    if not phone:
        return None
    digits = _NOT_DIGIT.sub("", phone)
    for prefix in _COUNTRY_PREFIXES:
        if digits.startswith(prefix) and len(digits) > len(prefix):
            return digits[len(prefix) :]
    return digits or None


def contact_lookup(text: str) -> ContactLookup | None:
    """What a search text asks for when it is a NIK or a phone number; None for words.

    16 digits are a NIK (no phone number is that long); a number starting with
    0, 62 or +62 with 8 to 13 digits after it is a phone. Anything else,
    letters included, is a full-text search.
    """
    compact = _SEPARATORS.sub("", text)
    plus = compact.startswith("+")
    digits = compact[1:] if plus else compact
    if not digits.isascii() or not digits.isdigit():
        return None
    if not plus and len(digits) == NIK_DIGITS:
        return ContactLookup(ContactKind.NIK, digits)
    if plus and not digits.startswith("62"):
        return None
    if not digits.startswith(_COUNTRY_PREFIXES):
        return None
    key = phone_key(digits)
    if key is not None and PHONE_NATIONAL_MIN <= len(key) <= PHONE_NATIONAL_MAX:
        return ContactLookup(ContactKind.PHONE, key)
    return None
