"""The office's settings: who records, where reports go, what paper the office prints on.

Kept as a small JSON file in the data dir (so `--data-dir` isolates a whole
office, which tests and training mode rely on). The server token is not here:
see `token_store`. Keys added later have defaults, so an older settings.json
still loads; a value this version does not know (a paper a newer one added)
falls back to the default rather than refusing the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote

from lapor_desktop.storage.atomic import write_atomic

SETTINGS_FILENAME = "settings.json"

_DESA_CODE = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$")
_KECAMATAN_CODE = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$")


class OfficeKind(StrEnum):
    DESA = "desa"
    KECAMATAN = "kecamatan"


class Paper(StrEnum):
    """What the office prints the citizen's documents on: sheets, or a thermal roll cut to the content."""

    A4 = "a4"
    A5 = "a5"
    ROLL_80 = "80mm"
    ROLL_58 = "58mm"


# Where a citizen follows a report on LAPOR!, `{tracking_id}` standing for its tracking number.
# A setting (`tracking_url`), as the public site has moved before.
DEFAULT_TRACKING_URL = "https://www.lapor.go.id/laporan/detil/{tracking_id}"
TRACKING_PLACEHOLDER = "{tracking_id}"


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
    paper: Paper = Paper.A4
    tracking_url: str | None = None  # None: DEFAULT_TRACKING_URL
    document_folder: str | None = None  # where the last receipt PDF was saved

    def tracking_link(self, tracking_id: str | None) -> str | None:
        """The public LAPOR! page of a report; None before it has a tracking number, and in training,
        where the number is the practice server's and would lead nowhere on the real site."""
        if not tracking_id or self.training:
            return None
        pattern = self.tracking_url or DEFAULT_TRACKING_URL
        return pattern.replace(TRACKING_PLACEHOLDER, quote(tracking_id, safe=""))


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
    """The address as stored: no trailing slash, scheme and host in lower case (they ignore case)."""
    url = url.strip().rstrip("/")
    match = re.match(r"^(https?)://([^\s/]+)(.*)$", url, re.IGNORECASE)
    if not match or re.search(r"\s", url):
        raise SettingsError("Alamat server harus diawali http:// atau https://.")
    scheme, host, rest = match.groups()
    return f"{scheme.lower()}://{host.lower()}{rest}"


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _server_key(url: str) -> tuple[str, str, int | None, str]:
    """What makes two server addresses the same server: scheme, host (every loopback name is one),
    port (the scheme's own when none is written) and path, ignoring case and trailing slashes."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip().lower())
    host = (parts.hostname or "").rstrip(".")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        port = None
    path = re.sub(r"/+", "/", parts.path).rstrip("/")
    return parts.scheme, "loopback" if loopback else host, port, path


def same_server(first: str, second: str) -> bool:
    """Whether two addresses reach the same server: `localhost`, `127.0.0.1` and `[::1]` are one
    host, and case and trailing slashes do not matter."""
    return _server_key(first) == _server_key(second)


def parse_paper(text: str) -> Paper:
    """``A4``, ``a5``, ``80mm``, ``80 mm`` or ``58`` -> the paper; SettingsError for anything else."""
    compact = text.strip().lower().replace(" ", "")
    for paper in Paper:
        if compact in (paper.value, paper.value.removesuffix("mm")):
            return paper
    choices = ", ".join(p.value for p in Paper)
    raise SettingsError(f"Ukuran kertas tidak dikenal: {text!r}. Pilihan: {choices}.")


def check_tracking_url(pattern: str) -> str:
    """The LAPOR! page address with ``{tracking_id}`` where the tracking number goes."""
    pattern = pattern.strip()
    if not re.match(r"^https?://[^\s/{}]+", pattern):
        raise SettingsError("Alamat pelacakan harus diawali http:// atau https:// lalu nama situs.")
    if pattern.count(TRACKING_PLACEHOLDER) != 1:
        raise SettingsError(
            f"Alamat pelacakan harus memuat {TRACKING_PLACEHOLDER} satu kali, di tempat nomor pelacakan, "
            f"misalnya {DEFAULT_TRACKING_URL}"
        )
    if re.search(r"\s", pattern):
        raise SettingsError("Alamat pelacakan tidak boleh berisi spasi.")
    return pattern


def _paper(value: object) -> Paper:
    try:
        return Paper(str(value))
    except ValueError:
        return Paper.A4


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
        paper=_paper(raw.get("paper", Paper.A4.value)),
        tracking_url=raw.get("tracking_url"),
        document_folder=raw.get("document_folder"),
    )


def save_settings(data_dir: Path, settings: Settings) -> None:
    raw = asdict(settings)
    if settings.office is not None:
        raw["office"]["kind"] = settings.office.kind.value
    raw["paper"] = settings.paper.value
    text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    write_atomic(data_dir / SETTINGS_FILENAME, text.encode("utf-8"))


def update_settings(data_dir: Path, **changes: object) -> Settings:
    settings = replace(load_settings(data_dir), **changes)  # type: ignore[arg-type]
    save_settings(data_dir, settings)
    return settings
