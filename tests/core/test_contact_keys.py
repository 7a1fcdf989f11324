"""The NIK and phone keys a search compares, and which texts are looked up as numbers."""

from __future__ import annotations

import pytest

from lapor_desktop.reports.contact_keys import ContactKind, ContactLookup, contact_lookup, nik_key, phone_key


@pytest.mark.parametrize(
    "written", ["081234567890", "+6281234567890", "6281234567890", "0062 812 3456 7890", "(0812) 3456-7890"]
)
def test_one_phone_number_has_one_key_however_written(written):
    assert phone_key(written) == "81234567890"
    assert contact_lookup(written) == ContactLookup(ContactKind.PHONE, "81234567890")


def test_nik_key_is_its_digits():
    assert nik_key("3201 0112 3456 0001") == "3201011234560001"
    assert nik_key(None) is None and nik_key("") is None and phone_key("-") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("6271011205850001", ContactKind.NIK),  # province 62 (Kalimantan Tengah): 16 digits are a NIK
        ("0274 512345", ContactKind.PHONE),  # a landline with its area code
        ("+1 555 123 4567", None),  # not Indonesian
        ("0812345", None),  # too short to be a whole number
        ("08123456789012345", None),
        ("jalan 0812", None),
        ("2026", None),
        ("+62", None),
    ],
)
def test_what_looks_like_a_nik_or_a_phone(text, kind):
    found = contact_lookup(text)
    assert (found.kind if found else None) == kind
