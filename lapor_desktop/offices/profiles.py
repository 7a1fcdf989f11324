"""Office profiles: a signed file that sets up one office without typing server addresses.

A trainer makes one ``.lapor-profile`` per office from a CSV and signs them
with her Ed25519 key (made on first use, kept beside her data). An office
applies a profile only when its signer is a key the office trusts: trusted
with ``profile trust`` beforehand, or confirmed by the operator at first
start after comparing the fingerprint with the one the trainer shows. The
signature covers every field, so a profile edited by hand (another server,
another token) is refused.

The file holds the office's token: it is written with mode 0600 and must be
handed over like a key.

``kecamatan_identity`` is the kecamatan's public identity block as
``lapor_desktop.offices.keys`` prints it; it is carried here as opaque text.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lapor_desktop.offices.settings import (
    Office,
    OfficeKind,
    SettingsError,
    check_office,
    check_server_url,
    load_settings,
)
from lapor_desktop.storage.atomic import write_atomic

PROFILE_SUFFIX = ".lapor-profile"
PROFILE_FORMAT = "lapor-profile"
PROFILE_VERSION = 1
CSV_HEADER = ("kind", "name", "region_code", "server_url", "token", "training")
OPTIONAL_COLUMNS = ("kecamatan_identity",)
KEY_PREFIX = "lapor-trainer-ed25519:"
SIGNING_KEY_FILENAME = "trainer-signing-key.pem"
TRUSTED_KEYS_FILENAME = "trusted-trainer-keys.json"
# Domain separation: a signature over a profile can never be replayed as anything else.
_SIGNED_PREFIX = b"lapor-profile-v1\n"
_TRUE = frozenset({"1", "true", "ya", "yes", "y"})
_FALSE = frozenset({"", "0", "false", "tidak", "no", "n"})


class ProfileError(ValueError):
    """A profile, key or CSV that cannot be used; the message says what to fix."""


class ProfileSetupError(ProfileError):
    """This installation is not set up for the step (no trusted key, an unreadable own key): not the file's fault."""


class UntrustedSigner(ProfileSetupError):
    """A well-signed profile whose signer this office does not trust (yet)."""

    def __init__(self, public_key: bytes) -> None:
        self.public_key = public_key
        self.fingerprint = fingerprint(public_key)
        super().__init__(
            "Profil ini ditandatangani oleh kunci pelatih yang belum dipercaya kantor ini "
            f"(sidik kunci {self.fingerprint}). Cocokkan sidik kunci dengan yang ditunjukkan pelatih, "
            "lalu percayai kuncinya."
        )


@dataclass(frozen=True)
class OfficeProfile:
    office: Office
    server_url: str
    token: str | None
    training: bool
    kecamatan_identity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.office.kind.value,
            "name": self.office.name,
            "region_code": self.office.region_code,
            "server_url": self.server_url,
            "token": self.token,
            "training": self.training,
            "kecamatan_identity": self.kecamatan_identity,
        }

    @classmethod
    def from_json(cls, raw: object) -> OfficeProfile:
        if not isinstance(raw, dict):
            raise ProfileError("Isi profil tidak lengkap.")
        try:
            office = check_office(OfficeKind(raw["kind"]), str(raw["name"]), str(raw["region_code"]))
            server_url = check_server_url(str(raw["server_url"]))
        except (KeyError, ValueError) as exc:
            raise ProfileError(f"Isi profil tidak valid: {exc}") from exc
        token, training, identity = raw.get("token"), raw.get("training"), raw.get("kecamatan_identity")
        if token is not None and not isinstance(token, str):
            raise ProfileError("Token dalam profil harus berupa teks.")
        if not isinstance(training, bool):
            raise ProfileError("Tanda latihan dalam profil harus true atau false.")
        if identity is not None and not isinstance(identity, str):
            raise ProfileError("Identitas kecamatan dalam profil harus berupa teks.")
        return cls(office, server_url, token or None, training, identity or None)


@dataclass(frozen=True)
class SignedProfile:
    profile: OfficeProfile
    signer: bytes  # raw Ed25519 public key
    created_at: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signer)


@dataclass(frozen=True)
class TrustedKey:
    public_key: bytes
    note: str
    added_at: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def text(self) -> str:
        return public_key_text(self.public_key)


# -- keys -------------------------------------------------------------------------------


def fingerprint(public_key: bytes) -> str:
    """Short enough to read aloud across a training room: 5 groups of 4 hex digits."""
    digest = hashlib.sha256(public_key).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


def public_key_text(public_key: bytes) -> str:
    return KEY_PREFIX + base64.b64encode(public_key).decode("ascii")


def parse_public_key_text(text: str) -> bytes:
    match = re.search(re.escape(KEY_PREFIX) + r"([A-Za-z0-9+/=]+)", text)
    if match is None:
        raise ProfileError(f"Kunci pelatih tidak ditemukan: teksnya harus diawali {KEY_PREFIX}")
    try:
        raw = base64.b64decode(match.group(1), validate=True)
    except ValueError as exc:
        raise ProfileError("Kunci pelatih rusak: periksa apakah teksnya tersalin utuh.") from exc
    if len(raw) != 32:
        raise ProfileError("Kunci pelatih rusak: panjangnya tidak sesuai.")
    return raw


def trainer_key(base: Path):  # type: ignore[no-untyped-def]
    """The trainer's signing key (an Ed25519PrivateKey), made and stored on first use."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = base / SIGNING_KEY_FILENAME
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as exc:
            raise ProfileSetupError(f"Berkas kunci pelatih {path} rusak atau bukan kunci pribadi.") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise ProfileSetupError(f"Berkas kunci pelatih {path} bukan kunci Ed25519.")
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    write_atomic(path, pem, mode=0o600)
    return key


def raw_public_key(key) -> bytes:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# -- signing and reading ---------------------------------------------------------------------


def _canonical(body: dict[str, Any]) -> bytes:
    return _SIGNED_PREFIX + json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def sign_profile(profile: OfficeProfile, key, *, now: dt.datetime | None = None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    created = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"format": PROFILE_FORMAT, "version": PROFILE_VERSION, "created_at": created, **profile.to_json()}
    signer = raw_public_key(key)
    # The signer is inside the signed bytes: swapping in another key breaks the signature.
    body["signer"] = public_key_text(signer)
    signature = key.sign(_canonical(body))
    return {**body, "signature": base64.b64encode(signature).decode("ascii")}


def write_profile(path: Path, profile: OfficeProfile, key) -> Path:  # type: ignore[no-untyped-def]
    document = sign_profile(profile, key)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"), mode=0o600)  # it holds the office's token
    return path


def read_profile(path: Path) -> SignedProfile:
    """Parse and check the signature (not yet the trust: see `check_trusted`)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProfileError(f"Berkas profil tidak ditemukan: {path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError("Berkas ini bukan profil kantor LAPOR! Desa (isinya bukan JSON).") from exc
    if not isinstance(document, dict) or document.get("format") != PROFILE_FORMAT:
        raise ProfileError("Berkas ini bukan profil kantor LAPOR! Desa.")
    if document.get("version") != PROFILE_VERSION:
        raise ProfileError(
            "Versi profil ini tidak dikenal. Minta pelatih membuat ulang profil dengan versi aplikasi ini."
        )
    body = dict(document)
    signature_text = body.pop("signature", None)
    if not isinstance(signature_text, str) or not isinstance(body.get("signer"), str):
        raise ProfileError("Profil ini tidak bertanda tangan; minta profil yang dibuat oleh pelatih.")
    signer = parse_public_key_text(body["signer"])
    try:
        signature = base64.b64decode(signature_text, validate=True)
        Ed25519PublicKey.from_public_bytes(signer).verify(signature, _canonical(body))
    except (ValueError, InvalidSignature) as exc:
        raise ProfileError(
            "Tanda tangan profil tidak cocok: berkas ini telah diubah atau rusak. "
            "Jangan gunakan; minta salinan asli dari pelatih."
        ) from exc
    return SignedProfile(OfficeProfile.from_json(body), signer, str(body.get("created_at", "")))


# -- trust ----------------------------------------------------------------------------------------


def trusted_keys(base: Path) -> list[TrustedKey]:
    try:
        raw = json.loads((base / TRUSTED_KEYS_FILENAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    return [
        TrustedKey(parse_public_key_text(entry["key"]), entry.get("note", ""), entry.get("added_at", ""))
        for entry in raw.get("keys", [])
    ]


def trust_key(base: Path, public_key: bytes, *, note: str = "") -> TrustedKey:
    keys = trusted_keys(base)
    for key in keys:
        if key.public_key == public_key:
            return key
    added = TrustedKey(public_key, note, dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    keys.append(added)
    document = {"keys": [{"key": k.text, "note": k.note, "added_at": k.added_at} for k in keys]}
    base.mkdir(parents=True, exist_ok=True)
    write_atomic(
        base / TRUSTED_KEYS_FILENAME,
        (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    )
    return added


def trust_from_file(base: Path, path: Path) -> TrustedKey:
    """Trust the key in a file: a key as `profile key` prints it, or a profile's signer."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProfileError(f"Berkas tidak ditemukan: {path}") from exc
    if text.lstrip().startswith("{"):
        signed = read_profile(path)
        return trust_key(base, signed.signer, note=f"dari profil {Path(path).name}")
    return trust_key(base, parse_public_key_text(text), note=f"dari {Path(path).name}")


def is_trusted(base: Path, public_key: bytes) -> bool:
    return any(key.public_key == public_key for key in trusted_keys(base))


def check_trusted(base: Path, signed: SignedProfile) -> None:
    if not is_trusted(base, signed.signer):
        raise UntrustedSigner(signed.signer)


# -- applying ------------------------------------------------------------------------------------


def apply_profile(
    data_dir: Path, signed: SignedProfile, *, operator: str | None = None, discard_training: bool = True
) -> Path:
    """Set the office up from a trusted profile; returns the data dir now active.

    A training profile sets up only the practice office (nothing of it
    reaches the real settings but the mode marker). A real profile sets up
    the real office and ends practice, by default deleting the practice data
    so that nothing is left over.
    """
    from dataclasses import replace

    from lapor_desktop.offices.settings import save_settings
    from lapor_desktop.offices.token_store import save_token
    from lapor_desktop.offices.training import (
        TrainingSetup,
        base_data_dir,
        enter_training,
        leave_training,
        save_kecamatan_identity,
    )

    base = base_data_dir(data_dir)
    check_trusted(base, signed)
    profile = signed.profile
    kecamatan = _kecamatan_identity(profile)  # refuse a bad identity before changing anything
    if profile.training:
        active = enter_training(
            base,
            TrainingSetup(
                server_url=profile.server_url,
                token=profile.token,
                office=profile.office,
                operator=operator,
                kecamatan_identity=profile.kecamatan_identity or "",
            ),
        )
        _trust_kecamatan(active, profile.office, kecamatan)
        return active
    leave_training(base, discard=discard_training)
    current = load_settings(base)
    save_settings(
        base,
        replace(
            current,
            office=profile.office,
            operator=operator or current.operator,
            server_url=profile.server_url,
            training=False,
        ),
    )
    if profile.token:
        save_token(base, profile.token)
    save_kecamatan_identity(base, profile.kecamatan_identity or "")
    _trust_kecamatan(base, profile.office, kecamatan)
    return base


def _kecamatan_identity(profile: OfficeProfile):  # type: ignore[no-untyped-def]
    """The kecamatan's identity block in a desa profile, parsed and paired-checked, or None."""
    if not profile.kecamatan_identity or profile.office.kind is not OfficeKind.DESA:
        return None
    from lapor_desktop.offices.keys import IdentityRejected, TrustRefused, check_pairing, parse_identity_block

    try:
        identity = parse_identity_block(profile.kecamatan_identity)
        check_pairing(profile.office, identity.office)
    except (IdentityRejected, TrustRefused) as exc:
        raise ProfileError(f"Kunci kecamatan dalam profil tidak dapat dipakai: {exc}") from exc
    return identity


def _trust_kecamatan(data_dir: Path, office: Office, identity) -> None:  # type: ignore[no-untyped-def]
    """The desa trusts its kecamatan, so pakets go to it without typing keys."""
    if identity is None:
        return
    from lapor_desktop.app import open_app
    from lapor_desktop.offices.keys import TrustStore

    with open_app(data_dir) as app:
        TrustStore(app.db).trust(office, identity)


# -- making profiles from a CSV ------------------------------------------------------------------


def _flag(value: str, line: int) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ProfileError(f"Baris {line}: kolom training harus true/false (atau ya/tidak), bukan '{value}'.")


def profiles_from_csv(text: str) -> list[OfficeProfile]:
    """One profile per row; every row is checked before any file is written."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))  # Excel writes a BOM
    rows = list(reader)
    if not rows:
        raise ProfileError("Berkas CSV kosong.")
    header = tuple(cell.strip() for cell in rows[0])
    if header[: len(CSV_HEADER)] != CSV_HEADER or any(c not in OPTIONAL_COLUMNS for c in header[6:]):
        raise ProfileError(
            "Baris judul CSV harus tepat: " + ",".join(CSV_HEADER) + " (boleh ditambah kecamatan_identity)."
        )
    profiles: list[OfficeProfile] = []
    problems: list[str] = []
    seen: set[tuple[str, str, bool]] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"Baris {line}: ada {len(row)} kolom, seharusnya {len(header)}.")
            continue
        cells = dict(zip(header, row, strict=True))
        try:
            kind = OfficeKind(cells["kind"].strip().lower())
        except ValueError:
            problems.append(f"Baris {line}: jenis kantor harus desa atau kecamatan, bukan '{cells['kind']}'.")
            continue
        try:
            office = check_office(kind, cells["name"], cells["region_code"])
            server_url = check_server_url(cells["server_url"])
            training = _flag(cells["training"], line)
        except SettingsError as exc:
            problems.append(f"Baris {line}: {exc}")
            continue
        except ProfileError as exc:
            problems.append(str(exc))
            continue
        key = (office.region_code, office.kind.value, training)
        if key in seen:
            problems.append(f"Baris {line}: kantor {office.region_code} sudah ada di baris sebelumnya.")
            continue
        seen.add(key)
        identity = cells.get("kecamatan_identity", "").strip() or None
        profiles.append(OfficeProfile(office, server_url, cells["token"].strip() or None, training, identity))
    if problems:
        raise ProfileError("CSV belum benar:\n" + "\n".join(problems))
    if not profiles:
        raise ProfileError("CSV tidak berisi satu kantor pun di bawah baris judul.")
    return profiles


def profile_filename(profile: OfficeProfile) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", profile.office.name.lower()).strip("-") or "kantor"
    mode = "-latihan" if profile.training else ""
    return f"{profile.office.region_code}-{slug}{mode}{PROFILE_SUFFIX}"


def make_profiles(csv_path: Path, out_dir: Path, key) -> list[Path]:  # type: ignore[no-untyped-def]
    try:
        text = Path(csv_path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProfileError(f"Berkas CSV tidak ditemukan: {csv_path}") from exc
    except UnicodeDecodeError as exc:
        raise ProfileError("Berkas CSV harus berupa teks UTF-8.") from exc
    profiles = profiles_from_csv(text)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_profile(out_dir / profile_filename(p), p, key) for p in profiles]
