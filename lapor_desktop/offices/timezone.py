"""The office's own time zone (WIB, WITA or WIT), from the province in its region code.

Indonesia keeps three fixed zones without daylight saving, so a fixed offset
is exact. Times are shown and printed in the office's zone, not the PC's: a
laptop bought in Jakarta and used in Maluku often keeps Jakarta's clock zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeZone:
    name: str  # "WIB", "WITA" or "WIT"
    tz: dt.tzinfo

    def local(self, value: dt.datetime) -> dt.datetime:
        """An aware instant as wall-clock time in this zone."""
        return value.astimezone(self.tz)


WIB = OfficeZone("WIB", dt.timezone(dt.timedelta(hours=7), "WIB"))
WITA = OfficeZone("WITA", dt.timezone(dt.timedelta(hours=8), "WITA"))
WIT = OfficeZone("WIT", dt.timezone(dt.timedelta(hours=9), "WIT"))

# Kemendagri province codes. WITA: Bali, Nusa Tenggara, the eastern and northern
# Kalimantan provinces and all of Sulawesi; WIT: Maluku and Papua. The rest,
# Sumatra, Java and West and Central Kalimantan, is WIB.
_WITA = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
_WIT = frozenset({"81", "82", "91", "92", "93", "94", "95", "96", "97"})


def zone_of_region(region_code: str | None) -> OfficeZone:
    """The zone of a Kemendagri region code (any level); WIB when the code is missing or unknown."""
    province = (region_code or "")[:2]
    if province in _WIT:
        return WIT
    if province in _WITA:
        return WITA
    return WIB
