"""The one text form of instants: fixed width, UTC with Z, so text order is time order."""

from __future__ import annotations

import datetime as dt

import pytest

from lapor_desktop.timestamps import from_text, to_text, to_wire

WIB = dt.timezone(dt.timedelta(hours=7))


def test_stored_text_is_fixed_width_utc_with_z_and_reads_back():
    instants = [
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=WIB),
        dt.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ]
    texts = [to_text(value) for value in instants]
    assert texts == [
        "2026-01-02T03:04:05.000000Z",
        "2026-01-01T20:04:05.000006Z",
        "1999-12-31T23:59:59.999999Z",
    ]
    assert [from_text(text) for text in texts] == instants
    assert sorted(texts) == [to_text(value) for value in sorted(instants)]


def test_a_naive_instant_is_refused_for_storage():
    with pytest.raises(ValueError):
        to_text(dt.datetime(2026, 1, 2))


def test_wire_text_has_whole_seconds_unless_there_is_a_fraction():
    assert to_wire(dt.datetime(2026, 1, 2, 10, 4, 5, tzinfo=WIB)) == "2026-01-02T03:04:05Z"
    assert to_wire(dt.datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=dt.UTC)) == "2026-01-02T03:04:05.120000Z"
    assert from_text("2026-01-02T10:04:05+07:00") == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
