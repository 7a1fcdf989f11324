"""The office's settings: who records, where reports go.

Kept as a small JSON file in the data dir (so `--data-dir` isolates a whole
office, which tests and training mode rely on). The server token is not here:
see `token_store`.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path

from lapor_desktop.storage.atomic import write_atomic

SETTINGS_FILENAME = "settings.json"

_DESA_CODE = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$")
_KECAMATAN_CODE = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$")


class OfficeKind(StrEnum):
    DESA = "desa"
    KECAMATAN = "kecamatan"


@dataclass(frozen=True)
class Office:
    kind: OfficeKind
    name: str
    region_code: str


@dataclass(frozen=True)
class Settings:
    office: Office | None = None
    operator: str | None = None
    server_url: str | None = None
    training: bool = False
    language: str = "id"


class SettingsError(ValueError):
    """A setting the user gave that cannot be right (message in Bahasa Indonesia)."""


def check_office(kind: OfficeKind, name: str, region_code: str) -> Office:
    name = name.strip()
    if not name:
        raise SettingsError("Nama kantor wajib diisi.")
    if len(name) > 120:
        raise SettingsError("Nama kantor terlalu panjang: maksimal 120 karakter.")
    pattern, example = (
        (_DESA_CODE, "18.01.01.2001") if kind is OfficeKind.DESA else (_KECAMATAN_CODE, "18.01.01")
    )
    if not pattern.match(region_code.strip()):
        raise SettingsError(
            f"Kode wilayah {kind.value} tidak valid: gunakan format Kemendagri seperti {example}."
        )
    return Office(kind=kind, name=name, region_code=region_code.strip())


def check_operator(name: str) -> str:
    name = name.strip()
    if not name:
        raise SettingsError("Nama operator wajib diisi.")
    if len(name) > 120:
        raise SettingsError("Nama operator terlalu panjang: maksimal 120 karakter.")
    return name


def check_server_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not re.match(r"^https?://[^\s/]+", url):
        raise SettingsError("Alamat server harus diawali http:// atau https://.")
    return url


def load_settings(data_dir: Path) -> Settings:
    path = data_dir / SETTINGS_FILENAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    office = raw.get("office")
    return Settings(
        office=Office(OfficeKind(office["kind"]), office["name"], office["region_code"]) if office else None,
        operator=raw.get("operator"),
        server_url=raw.get("server_url"),
        training=bool(raw.get("training", False)),
        language=raw.get("language", "id"),
    )


def save_settings(data_dir: Path, settings: Settings) -> None:
    raw = asdict(settings)
    if settings.office is not None:
        raw["office"]["kind"] = settings.office.kind.value
    text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    write_atomic(data_dir / SETTINGS_FILENAME, text.encode("utf-8"))


def update_settings(data_dir: Path, **changes: object) -> Settings:
    settings = replace(load_settings(data_dir), **changes)  # type: ignore[arg-type]
    save_settings(data_dir, settings)
    return settings
