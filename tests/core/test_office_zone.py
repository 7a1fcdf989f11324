import datetime as dt

import pytest

from lapor_desktop.offices.timezone import WIB, WIT, WITA, zone_of_region


@pytest.mark.parametrize(
    ("region", "zone"),
    [
        ("18.01.01.2001", WIB),  # Lampung
        ("31", WIB),  # DKI Jakarta
        ("62.01", WIB),  # Kalimantan Tengah
        ("51.71", WITA),  # Bali
        ("64.72.01", WITA),  # Kalimantan Timur
        ("73.71.01.1001", WITA),  # Sulawesi Selatan
        ("81.71", WIT),  # Maluku
        ("94.71", WIT),  # Papua (code before 2022)
        ("97.01", WIT),  # Papua Barat Daya
        ("", WIB),
        (None, WIB),
    ],
)
def test_zone_follows_the_province(region: str | None, zone: object) -> None:
    assert zone_of_region(region) is zone


def test_local_time_is_the_zones_wall_clock() -> None:
    instant = dt.datetime(2026, 12, 2, 23, 30, tzinfo=dt.UTC)
    assert WIT.local(instant).strftime("%d %H:%M") == "03 08:30"
    assert WITA.local(instant).utcoffset() == dt.timedelta(hours=8)
    assert WIB.local(instant).hour == 6
