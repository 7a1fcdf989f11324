"""An office's keys, its public identity block, and the offices it trusts.

Each data dir (one office) has two key pairs, made once when the office is
set up (or on first need, for a data dir set up before this existed):

- Ed25519 for signing the pakets it sends;
- X25519 for receiving pakets only it can open.

The private keys are raw 32-byte files under ``keys/`` in the data dir, mode
0600 and written atomically, so a power cut never leaves half a key. They are
not in the OS keyring on purpose: a paket must be importable by any operator
account of the office, and the data dir already holds the citizens' data.

The public side travels as an *identity block* (``office public-key``): a
short text a desa can receive by WhatsApp or USB and pass to ``office trust``.
It is self-signed, which proves the sender holds the signing key; whether the
key really belongs to that kecamatan is for the operators to confirm by
reading the fingerprint to each other over the phone.

The trust store is the ``known_offices`` table: a desa trusts its kecamatan,
a kecamatan trusts each of its desa (which is also how it knows its list of
desa). Only that pairing is allowed: trusting an office outside one's own
kecamatan is refused.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from lapor_desktop.offices.settings import Office, OfficeKind, SettingsError, check_office, load_settings
from lapor_desktop.storage.atomic import write_atomic

KEYS_DIRNAME = "keys"
SIGNING_KEY_FILE = "signing.key"
ENCRYPTION_KEY_FILE = "encryption.key"
IDENTITY_FORMAT = "lapor-office/1"
_BEGIN = "-----BEGIN LAPOR OFFICE IDENTITY-----"
_END = "-----END LAPOR OFFICE IDENTITY-----"
_FIELDS = ("Format", "Kind", "Name", "Region-Code", "Signing-Key", "Encryption-Key")
MAX_IDENTITY_BYTES = 16 * 1024


class TrustStep(StrEnum):
    """What the operator must do about office identities before a transfer can go on.

    A message of the core names the CLI's commands; the window words the same
    step with its own menus, by this value (`trust_step` of the error).
    """

    TRUST_PEER = "trust_peer"  # get the other office's identity file, and trust it here
    SEND_OWN_IDENTITY = "send_own_identity"  # give this office's identity to the other office again
    RESEND_IDENTITY = "resend_identity"  # the file is no identity: ask the other office for it again


class NeedsTrustStep(Exception):
    """An error whose way out is a `TrustStep` (with the other office's name, when known)."""

    def __init__(self, message: str, *, trust_step: TrustStep | None = None, peer: str = "") -> None:
        super().__init__(message)
        self.trust_step = trust_step
        self.peer = peer


class OfficeKeyError(NeedsTrustStep):
    """Keys or identities that cannot be used (message in Bahasa Indonesia)."""


class IdentityRejected(OfficeKeyError):
    pass


class TrustRefused(OfficeKeyError):
    pass


@dataclass(frozen=True)
class OfficeIdentity:
    """What another office needs to know about this one: who it is and its public keys."""

    kind: OfficeKind
    name: str
    region_code: str
    signing_key: bytes  # Ed25519 public, 32 bytes
    encryption_key: bytes  # X25519 public, 32 bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key, self.encryption_key)

    @property
    def office(self) -> Office:
        return Office(self.kind, self.name, self.region_code)


@dataclass(frozen=True)
class OfficeKeys:
    """This office's private keys (never leave the data dir)."""

    signing: object  # Ed25519PrivateKey
    encryption: object  # X25519PrivateKey

    @property
    def signing_public(self) -> bytes:
        return _raw_public(self.signing)

    @property
    def encryption_public(self) -> bytes:
        return _raw_public(self.encryption)


def fingerprint(signing_key: bytes, encryption_key: bytes) -> str:
    """Short enough to read aloud: 8 groups of 4 hex digits of SHA-256 over both public keys."""
    digest = hashlib.sha256(b"lapor-office-keys\0" + signing_key + encryption_key).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def _raw_public(private: object) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def _raw_private(private: object) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def keys_dir(data_dir: Path) -> Path:
    return data_dir / KEYS_DIRNAME


def ensure_keys(data_dir: Path) -> OfficeKeys:
    """Load this office's keys, making them the first time (never replaced once made)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    folder = keys_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    signing_path = folder / SIGNING_KEY_FILE
    encryption_path = folder / ENCRYPTION_KEY_FILE
    # Each file is made only if missing: replacing a key would orphan every paket in transit.
    if not signing_path.exists():
        write_atomic(signing_path, _raw_private(Ed25519PrivateKey.generate()), mode=0o600)
    if not encryption_path.exists():
        write_atomic(encryption_path, _raw_private(X25519PrivateKey.generate()), mode=0o600)
    return load_keys(data_dir)


def load_keys(data_dir: Path) -> OfficeKeys:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    folder = keys_dir(data_dir)
    try:
        signing = (folder / SIGNING_KEY_FILE).read_bytes()
        encryption = (folder / ENCRYPTION_KEY_FILE).read_bytes()
    except FileNotFoundError as exc:
        raise OfficeKeyError(
            "Kunci kantor belum dibuat. Jalankan `lapor-desktop office set ...` atau buka Pengaturan kantor."
        ) from exc
    if len(signing) != 32 or len(encryption) != 32:
        raise OfficeKeyError(f"Berkas kunci kantor di {folder} rusak. Pulihkan dari cadangan data.")
    return OfficeKeys(
        signing=Ed25519PrivateKey.from_private_bytes(signing),
        encryption=X25519PrivateKey.from_private_bytes(encryption),
    )


def own_identity(data_dir: Path) -> OfficeIdentity:
    settings = load_settings(data_dir)
    if settings.office is None:
        raise OfficeKeyError(
            "Kantor belum diatur. Jalankan `lapor-desktop office set --kind desa|kecamatan --name NAMA "
            "--region-code KODE` terlebih dahulu."
        )
    keys = ensure_keys(data_dir)
    office = settings.office
    return OfficeIdentity(
        office.kind, office.name, office.region_code, keys.signing_public, keys.encryption_public
    )


# -- identity block ----------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _signed_lines(identity: OfficeIdentity) -> list[str]:
    return [
        f"Format: {IDENTITY_FORMAT}",
        f"Kind: {identity.kind.value}",
        f"Name: {identity.name}",
        f"Region-Code: {identity.region_code}",
        f"Signing-Key: {_b64(identity.signing_key)}",
        f"Encryption-Key: {_b64(identity.encryption_key)}",
    ]


def _signed_bytes(lines: list[str]) -> bytes:
    return ("lapor-office-identity\n" + "\n".join(lines) + "\n").encode("utf-8")


def identity_block(data_dir: Path) -> str:
    """This office's public identity as one self-signed text block."""
    identity = own_identity(data_dir)
    keys = load_keys(data_dir)
    lines = _signed_lines(identity)
    signature = keys.signing.sign(_signed_bytes(lines))  # type: ignore[attr-defined]
    return (
        "\n".join(
            [
                _BEGIN,
                *lines,
                f"Fingerprint: {identity.fingerprint}",
                f"Signature: {_b64(signature)}",
                _END,
            ]
        )
        + "\n"
    )


def parse_identity_block(text: str) -> OfficeIdentity:
    """Read and check an identity block; raises IdentityRejected with what is wrong."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines or lines[0] != _BEGIN or lines[-1] != _END:
        raise IdentityRejected(
            "Berkas ini bukan identitas kantor LAPOR Desa. Minta kantor pengirim menjalankan "
            "`office public-key` dan kirim ulang hasilnya utuh.",
            trust_step=TrustStep.RESEND_IDENTITY,
        )
    values: dict[str, str] = {}
    for line in lines[1:-1]:
        key, sep, value = line.partition(":")
        if not sep:
            raise IdentityRejected(f"Baris identitas kantor tidak dapat dibaca: {line[:60]!r}.")
        values[key.strip()] = value.strip()
    missing = [f for f in (*_FIELDS, "Signature") if f not in values]
    if missing:
        raise IdentityRejected(f"Profil kantor tidak lengkap: kolom {', '.join(missing)} tidak ada.")
    if values["Format"] != IDENTITY_FORMAT:
        raise IdentityRejected(f"Versi identitas kantor tidak dikenal: {values['Format']}.")
    try:
        kind = OfficeKind(values["Kind"])
        office = check_office(kind, values["Name"], values["Region-Code"])
        signing_key = base64.b64decode(values["Signing-Key"], validate=True)
        encryption_key = base64.b64decode(values["Encryption-Key"], validate=True)
        signature = base64.b64decode(values["Signature"], validate=True)
    except (ValueError, SettingsError) as exc:
        raise IdentityRejected(f"Profil kantor tidak valid: {exc}") from exc
    if len(signing_key) != 32 or len(encryption_key) != 32:
        raise IdentityRejected("Profil kantor tidak valid: panjang kunci publik salah.")
    identity = OfficeIdentity(office.kind, office.name, office.region_code, signing_key, encryption_key)
    try:
        Ed25519PublicKey.from_public_bytes(signing_key).verify(
            signature, _signed_bytes(_signed_lines(identity))
        )
    except InvalidSignature as exc:
        raise IdentityRejected(
            "Tanda tangan identitas kantor tidak cocok: berkas telah diubah atau rusak. Minta kiriman ulang."
        ) from exc
    return identity


def read_identity_file(path: Path) -> OfficeIdentity:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise IdentityRejected(f"Berkas tidak ditemukan: {path}") from exc
    if size > MAX_IDENTITY_BYTES:
        raise IdentityRejected("Berkas terlalu besar untuk sebuah identitas kantor (maksimal 16 KB).")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise IdentityRejected("Berkas identitas kantor bukan teks UTF-8.") from exc
    return parse_identity_block(text)


# -- trust store ----------------------------------------------------------------------


def check_pairing(own: Office, other: Office) -> None:
    """A desa trusts its own kecamatan; a kecamatan trusts the desa within it; nothing else."""
    if own.kind is OfficeKind.DESA:
        if other.kind is not OfficeKind.KECAMATAN:
            raise TrustRefused(
                "Kantor desa hanya dapat mempercayai kantor kecamatannya, bukan kantor desa lain."
            )
        if not own.region_code.startswith(other.region_code + "."):
            raise TrustRefused(
                f"Kecamatan {other.name} ({other.region_code}) bukan kecamatan desa ini ({own.region_code}): "
                "periksa kembali berkas profil yang diterima."
            )
    else:
        if other.kind is not OfficeKind.DESA:
            raise TrustRefused("Kantor kecamatan hanya dapat mempercayai kantor desa di wilayahnya.")
        if not other.region_code.startswith(own.region_code + "."):
            raise TrustRefused(
                f"Desa {other.name} ({other.region_code}) tidak berada di kecamatan ini ({own.region_code})."
            )


@dataclass(frozen=True)
class TrustResult:
    identity: OfficeIdentity
    replaced: bool  # an earlier key of the same office was replaced (the office reinstalled)
    unchanged: bool


class TrustStore:
    """The offices this one trusts, kept in the database."""

    def __init__(self, db: object) -> None:
        self._db = db

    def trust(self, own: Office, identity: OfficeIdentity) -> TrustResult:
        from sqlalchemy import select

        from lapor_desktop.storage.schema import KnownOfficeRow
        from lapor_desktop.timestamps import utcnow

        check_pairing(own, identity.office)
        with self._db.transaction() as session:  # type: ignore[attr-defined]
            holder = session.scalar(
                select(KnownOfficeRow).where(KnownOfficeRow.signing_key == identity.signing_key.hex())
            )
            if holder is not None and holder.region_code != identity.region_code:
                raise TrustRefused(
                    f"Kunci ini sudah dipakai oleh {holder.name} ({holder.region_code}); satu kunci untuk "
                    "satu kantor."
                )
            row = session.get(KnownOfficeRow, identity.region_code)
            if row is None:
                session.add(
                    KnownOfficeRow(
                        region_code=identity.region_code,
                        kind=identity.kind.value,
                        name=identity.name,
                        signing_key=identity.signing_key.hex(),
                        encryption_key=identity.encryption_key.hex(),
                        trusted_at=utcnow(),
                    )
                )
                return TrustResult(identity, replaced=False, unchanged=False)
            unchanged = (
                row.signing_key == identity.signing_key.hex()
                and row.encryption_key == identity.encryption_key.hex()
                and row.name == identity.name
            )
            replaced = row.signing_key != identity.signing_key.hex()
            row.kind = identity.kind.value
            row.name = identity.name
            row.signing_key = identity.signing_key.hex()
            row.encryption_key = identity.encryption_key.hex()
            if not unchanged:
                row.trusted_at = utcnow()
            return TrustResult(identity, replaced=replaced, unchanged=unchanged)

    def all(self) -> list[OfficeIdentity]:
        from sqlalchemy import select

        from lapor_desktop.storage.schema import KnownOfficeRow

        with self._db.transaction() as session:  # type: ignore[attr-defined]
            rows = session.scalars(select(KnownOfficeRow).order_by(KnownOfficeRow.region_code))
            return [_identity_of(row) for row in rows]

    def by_region(self, region_code: str) -> OfficeIdentity | None:
        from lapor_desktop.storage.schema import KnownOfficeRow

        with self._db.transaction() as session:  # type: ignore[attr-defined]
            row = session.get(KnownOfficeRow, region_code)
            return None if row is None else _identity_of(row)


def _identity_of(row: object) -> OfficeIdentity:
    return OfficeIdentity(
        kind=OfficeKind(row.kind),  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        region_code=row.region_code,  # type: ignore[attr-defined]
        signing_key=bytes.fromhex(row.signing_key),  # type: ignore[attr-defined]
        encryption_key=bytes.fromhex(row.encryption_key),  # type: ignore[attr-defined]
    )
