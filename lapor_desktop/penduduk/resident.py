"""A resident as the report form sees one: NIK, name, date of birth, and where they live.

OpenSID writes ``-`` where a resident has no dusun, RT or RW; those read as
missing. Addresses are formatted the way a desa writes them on a letter:
``JL. MAWAR NO. 5, Dusun Sukamaju RT 003/RW 001``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_MISSING = frozenset({"", "-", "0"})
_RT_RW_WIDTH = 3


@dataclass(frozen=True, slots=True)
class Resident:
    nik: str
    name: str
    birth_date: dt.date | None = None
    address: str | None = None  # street and house number, from the family card (alamat)
    dusun: str | None = None
    rt: str | None = None
    rw: str | None = None

    @property
    def formatted_address(self) -> str:
        return format_address(self.address, self.dusun, self.rt, self.rw)


def name_key(name: str) -> str:
    """The form a name is searched by: case-folded, runs of spaces as one."""
    return " ".join(name.casefold().split())


def prefix_key(typed: str) -> str:
    """`name_key` of what the operator typed so far; a trailing space ends a word."""
    key = name_key(typed)
    if key and typed[-1:].isspace():
        key += " "
    return key


def clean_part(value: str | None) -> str | None:
    """An address part as stored: trimmed, single-spaced, ``None`` for OpenSID's ``-``."""
    if value is None:
        return None
    text = " ".join(value.split())
    return None if text in _MISSING else text


def _rt_rw(value: str) -> str:
    return value.zfill(_RT_RW_WIDTH) if value.isdigit() else value


def format_address(address: str | None, dusun: str | None, rt: str | None, rw: str | None) -> str:
    """``"JL. MAWAR NO. 5, Dusun Sukamaju RT 003/RW 001"``; parts that are missing are left out."""
    place: list[str] = []
    if dusun:
        place.append(dusun if dusun.casefold().startswith("dusun ") else f"Dusun {dusun}")
    neighbourhood = [f"{label} {_rt_rw(value)}" for label, value in (("RT", rt), ("RW", rw)) if value]
    if neighbourhood:
        place.append("/".join(neighbourhood))
    return ", ".join(part for part in (address, " ".join(place)) if part)
