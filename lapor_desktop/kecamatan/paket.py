"""Paket: one file that carries reports (or a kecamatan's answers) between offices without a network.

A desa with no connection exports its queued reports to a paket, takes it to
the kecamatan on a USB stick or sends it by WhatsApp; the kecamatan imports,
reviews and sends them on to LAPOR!, and answers with a *reply* paket
(tracking ids, returns with a note, duplicates).

File format, versions 1 and 2 (all integers big-endian; version 2 is version 1 whose manifest
may carry ``replies``, see `VERSION`)::

    "LAPORPK1"                 8 bytes magic
    header length              4 bytes, at most 64 KiB
    header                     UTF-8 JSON, in clear (no personal data):
                               format, version, paket_id, kind ("reports" | "reply"), created_at,
                               sender {kind, name, region_code, signing_key},
                               recipient {region_code, encryption_key}, ephemeral_key,
                               chunk_size, chunks, size (of the plaintext)
    body                       `chunks` AES-256-GCM sealed chunks of `chunk_size` plaintext bytes
                               (the last one shorter), each followed by its 16-byte tag
    signature                  64 bytes Ed25519, by the sender, over
                               "lapor-paket/1" || SHA-256(every byte before the signature)

The plaintext is a zip with ``manifest.json`` (the reports as JSON, or the
reply items) and ``attachments/<sha256>`` (stored, not deflated: photos do not
compress). The body key is HKDF-SHA256 of an X25519 exchange between a fresh
ephemeral key and the recipient's public key (salt: both public keys; info:
"lapor-paket/1 " + paket_id), so only the recipient can read it and the key is
never used twice. Chunk nonces are an 11-byte chunk counter plus a 1-byte
"last chunk" flag, and every chunk is bound to the header through its
associated data (SHA-256 of the header), so chunks can be neither reordered,
dropped from the end, nor moved to another paket.

Import checks everything before changing anything, in this order: file size
(over `MAX_PAKET_BYTES` is refused without reading it), magic and header,
recipient (this office, this key), sender (a trusted office with that
signing key), exact length, signature over the whole file (streamed), then
decryption to a temporary file, zip entry names (only the two forms above:
``../../x`` and friends are refused), entry sizes, manifest shape, and every
attachment's SHA-256. Only then are attachments written (content-addressed,
with write intents so a crash leaves nothing behind) and the reports stored
in one transaction. A refused paket leaves the database as it was.

Exactly once end to end: the `client_id` is the key everywhere. A report
already at the kecamatan is counted `already_present`, never stored twice; an
item naming a report that did not come from the paket's signer is `refused`
(see `kecamatan_side`).
The desa marks exported reports as handed over: they move queued -> sent
(sent from this office's point of view: they left it) with no tracking id and
a `handovers` row, so the desa's own outbox never sends them; LAPOR! gets
each one only through the kecamatan, under the kecamatan's token. The reply
paket brings back the tracking ids and statuses, or returns a report, which
the desa then sees as "needs fix" with the kecamatan's note and may fix and
send again (directly, or in a new paket). A hand-over whose paket was lost
(USB stick gone) is repaired by exporting the same reports again by id: the
kecamatan counts the ones it already has as `already_present`.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import struct
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lapor_desktop.domain import CONTENT_TYPES, AttachmentRef, Reply, Report, ReportContent
from lapor_desktop.offices.keys import (
    NeedsTrustStep,
    OfficeIdentity,
    OfficeKeys,
    TrustStep,
    TrustStore,
    ensure_keys,
    own_identity,
)
from lapor_desktop.offices.settings import OfficeKind
from lapor_desktop.timestamps import from_text, to_text, utcnow

MAGIC = b"LAPORPK1"
FORMAT = "lapor-paket"
# Version 2 adds the reporter's replies (a desa's queued replies; the kecamatan's answers about
# them). A paket without replies is still written as version 1, which any app reads; an older
# app refuses a version 2 paket as a whole, asking to be updated, so no reply is silently dropped.
VERSION = 2
PLAIN_VERSION = 1
READABLE_VERSIONS = (1, 2)
SIGNATURE_CONTEXT = b"lapor-paket/1"
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
SIGNATURE_SIZE = 64
MAX_HEADER_BYTES = 64 * 1024
# A month of a large desa's reports with photos is a few hundred MB; a file over this is not a paket
# (or not one a USB stick should carry): refused from its size alone, before reading a byte.
MAX_PAKET_BYTES = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 60_000
MANIFEST_NAME = "manifest.json"
ATTACHMENT_PREFIX = "attachments/"
_ENTRY_NAME = re.compile(r"^attachments/[0-9a-f]{64}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

KIND_REPORTS = "reports"
KIND_REPLY = "reply"


class PaketRejected(NeedsTrustStep):
    """A paket that is refused as a whole; nothing of it was imported (message in Bahasa Indonesia)."""


class PaketExportError(NeedsTrustStep):
    """Reports that cannot go into a paket now (message in Bahasa Indonesia)."""


# -- the envelope ------------------------------------------------------------------------


@dataclass(frozen=True)
class Envelope:
    """The header of a paket file, as read and checked."""

    paket_id: str
    kind: str
    created_at: dt.datetime
    sender: OfficeIdentity
    recipient_code: str
    recipient_key: bytes
    ephemeral_key: bytes
    chunk_size: int
    chunks: int
    size: int
    header_bytes: bytes

    @property
    def body_offset(self) -> int:
        return len(MAGIC) + 4 + len(self.header_bytes)

    @property
    def expected_file_size(self) -> int:
        return self.body_offset + self.size + self.chunks * TAG_SIZE + SIGNATURE_SIZE


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str, length: int) -> bytes:
    if not isinstance(text, str):
        raise PaketRejected(f"Kepala paket tidak valid: {what} tidak ada.")
    try:
        value = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise PaketRejected(f"Kepala paket tidak valid: {what} rusak.") from exc
    if len(value) != length:
        raise PaketRejected(f"Kepala paket tidak valid: panjang {what} salah.")
    return value


def _body_key(shared: bytes, ephemeral: bytes, recipient: bytes, paket_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=b"lapor-paket/1 " + paket_id.encode("ascii"),
    ).derive(shared)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _chunk_count(size: int, chunk_size: int) -> int:
    return max(1, -(-size // chunk_size))


def seal(
    plaintext_path: Path,
    target: Path,
    *,
    kind: str,
    sender: OfficeIdentity,
    sender_keys: OfficeKeys,
    recipient: OfficeIdentity,
    paket_id: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    version: int = PLAIN_VERSION,
) -> str:
    """Encrypt `plaintext_path` for `recipient` and sign it as `sender` into `target`; returns the SHA-256.

    Streams in `chunk_size` pieces; `target` is written in place (callers write to a temp name).
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    paket_id = paket_id or str(uuid.uuid4())
    size = plaintext_path.stat().st_size
    chunks = _chunk_count(size, chunk_size)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.encryption_key))
    cipher = AESGCM(_body_key(shared, ephemeral_public, recipient.encryption_key, paket_id))
    header = {
        "format": FORMAT,
        "version": version,
        "paket_id": paket_id,
        "kind": kind,
        "created_at": to_text(utcnow()),
        "sender": {
            "kind": sender.kind.value,
            "name": sender.name,
            "region_code": sender.region_code,
            "signing_key": _b64(sender.signing_key),
        },
        "recipient": {"region_code": recipient.region_code, "encryption_key": _b64(recipient.encryption_key)},
        "ephemeral_key": _b64(ephemeral_public),
        "chunk_size": chunk_size,
        "chunks": chunks,
        "size": size,
    }
    header_bytes = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    aad = hashlib.sha256(header_bytes).digest()
    digest = hashlib.sha256()
    whole = hashlib.sha256()
    with open(plaintext_path, "rb") as source, open(target, "wb") as out:

        def put(data: bytes) -> None:
            out.write(data)
            digest.update(data)
            whole.update(data)

        put(MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes)
        for index in range(chunks):
            piece = source.read(chunk_size)
            put(cipher.encrypt(_nonce(index, index == chunks - 1), piece, aad))
        signature = sender_keys.signing.sign(SIGNATURE_CONTEXT + digest.digest())  # type: ignore[attr-defined]
        out.write(signature)
        whole.update(signature)
        out.flush()
        os.fsync(out.fileno())
    return whole.hexdigest()


def read_envelope(path: Path) -> Envelope:
    """Size, magic and header; nothing is trusted yet."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise PaketRejected(f"Berkas paket tidak ditemukan: {path}") from exc
    if not path.is_file():
        raise PaketRejected(f"{path} bukan berkas paket.")
    if size > MAX_PAKET_BYTES:
        raise PaketRejected(
            f"Berkas terlalu besar untuk sebuah paket ({size / 1024**3:.1f} GB; maksimal "
            f"{MAX_PAKET_BYTES // 1024**3} GB). Minta desa membagi laporannya ke beberapa paket."
        )
    with open(path, "rb") as handle:
        start = handle.read(len(MAGIC) + 4)
        if len(start) < len(MAGIC) + 4 or start[: len(MAGIC)] != MAGIC:
            raise PaketRejected("Berkas ini bukan paket LAPOR Desa (atau awal berkasnya rusak).")
        (length,) = struct.unpack(">I", start[len(MAGIC) :])
        if length > MAX_HEADER_BYTES:
            raise PaketRejected("Kepala paket rusak: ukurannya tidak masuk akal.")
        header_bytes = handle.read(length)
    if len(header_bytes) != length:
        raise PaketRejected(
            "Paket terpotong: berkas berakhir sebelum kepala paket selesai. Minta kiriman ulang."
        )
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PaketRejected("Kepala paket rusak dan tidak dapat dibaca. Minta kiriman ulang.") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise PaketRejected("Berkas ini bukan paket LAPOR Desa.")
    if header.get("version") not in READABLE_VERSIONS:
        raise PaketRejected(
            f"Versi paket {header.get('version')!r} tidak dikenal aplikasi ini; perbarui aplikasi LAPOR Desa."
        )
    try:
        sender = header["sender"]
        recipient = header["recipient"]
        envelope = Envelope(
            paket_id=_check_uuid(header["paket_id"]),
            kind=str(header["kind"]),
            created_at=from_text(str(header["created_at"])),
            sender=OfficeIdentity(
                kind=OfficeKind(sender["kind"]),
                name=str(sender["name"]),
                region_code=str(sender["region_code"]),
                signing_key=_unb64(sender["signing_key"], "kunci tanda tangan pengirim", 32),
                encryption_key=b"",
            ),
            recipient_code=str(recipient["region_code"]),
            recipient_key=_unb64(recipient["encryption_key"], "kunci penerima", 32),
            ephemeral_key=_unb64(header["ephemeral_key"], "kunci sesi", 32),
            chunk_size=int(header["chunk_size"]),
            chunks=int(header["chunks"]),
            size=int(header["size"]),
            header_bytes=header_bytes,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PaketRejected("Kepala paket tidak lengkap atau rusak. Minta kiriman ulang.") from exc
    if envelope.kind not in (KIND_REPORTS, KIND_REPLY):
        raise PaketRejected(f"Jenis paket {envelope.kind!r} tidak dikenal.")
    if not (1 <= envelope.chunk_size <= 16 * CHUNK_SIZE) or envelope.size < 0:
        raise PaketRejected("Kepala paket rusak: ukuran potongan tidak masuk akal.")
    if envelope.chunks != _chunk_count(envelope.size, envelope.chunk_size):
        raise PaketRejected("Kepala paket rusak: jumlah potongan tidak cocok dengan ukurannya.")
    if size < envelope.expected_file_size:
        raise PaketRejected(
            "Paket terpotong: berkasnya lebih pendek dari yang tertulis di kepalanya. Salin atau kirim ulang "
            "paket ini dari kantor pengirim."
        )
    if size > envelope.expected_file_size:
        raise PaketRejected("Paket rusak: ada data tambahan setelah akhir paket. Minta kiriman ulang.")
    return envelope


def _check_uuid(value: object) -> str:
    if not isinstance(value, str) or not _UUID.match(value):
        raise ValueError("paket_id")
    return value


def verify_signature(path: Path, envelope: Envelope, signing_key: bytes) -> str:
    """Check the sender's signature over the whole file (streamed); returns the file's SHA-256."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    signed_length = envelope.expected_file_size - SIGNATURE_SIZE
    digest = hashlib.sha256()
    whole = hashlib.sha256()
    with open(path, "rb") as handle:
        remaining = signed_length
        while remaining:
            piece = handle.read(min(CHUNK_SIZE, remaining))
            if not piece:
                raise PaketRejected("Paket terpotong saat dibaca. Salin ulang paket ini.")
            digest.update(piece)
            whole.update(piece)
            remaining -= len(piece)
        signature = handle.read(SIGNATURE_SIZE)
    whole.update(signature)
    try:
        Ed25519PublicKey.from_public_bytes(signing_key).verify(signature, SIGNATURE_CONTEXT + digest.digest())
    except InvalidSignature as exc:
        raise PaketRejected(
            "Tanda tangan paket tidak cocok: paket telah diubah atau rusak dalam perjalanan. Tidak ada yang "
            "diimpor; minta kantor pengirim mengirim ulang."
        ) from exc
    return whole.hexdigest()


def open_body(path: Path, envelope: Envelope, keys: OfficeKeys, target: IO[bytes]) -> None:
    """Decrypt the body into `target`, chunk by chunk; every chunk is authenticated."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    shared = keys.encryption.exchange(X25519PublicKey.from_public_bytes(envelope.ephemeral_key))  # type: ignore[attr-defined]
    cipher = AESGCM(_body_key(shared, envelope.ephemeral_key, envelope.recipient_key, envelope.paket_id))
    aad = hashlib.sha256(envelope.header_bytes).digest()
    with open(path, "rb") as handle:
        handle.seek(envelope.body_offset)
        remaining = envelope.size
        for index in range(envelope.chunks):
            plain = min(envelope.chunk_size, remaining)
            sealed = handle.read(plain + TAG_SIZE)
            try:
                target.write(cipher.decrypt(_nonce(index, index == envelope.chunks - 1), sealed, aad))
            except InvalidTag as exc:
                raise PaketRejected(
                    "Isi paket tidak dapat dibuka: paket rusak atau bukan untuk kunci kantor ini."
                ) from exc
            remaining -= plain
    target.flush()


# -- the zip inside -------------------------------------------------------------------------


@dataclass
class PaketContents:
    """A verified, decrypted paket: its manifest and where each attachment entry is."""

    envelope: Envelope
    manifest: dict[str, Any]
    zip: zipfile.ZipFile
    file_sha256: str
    attachment_sizes: dict[str, int] = field(default_factory=dict)

    def attachment_stream(self, sha256: str) -> IO[bytes]:
        return self.zip.open(ATTACHMENT_PREFIX + sha256)


def _check_entries(archive: zipfile.ZipFile) -> dict[str, int]:
    """Only `manifest.json` and `attachments/<sha256>`; sizes within limits. Returns attachment sizes."""
    seen: set[str] = set()
    attachments: dict[str, int] = {}
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PaketRejected("Paket berisi terlalu banyak berkas.")
    for info in infos:
        name = info.filename
        if name in seen:
            raise PaketRejected(f"Paket tidak valid: berkas {name[:80]!r} muncul dua kali.")
        seen.add(name)
        if name == MANIFEST_NAME:
            if info.file_size > MAX_MANIFEST_BYTES:
                raise PaketRejected("Paket tidak valid: daftar laporan terlalu besar.")
            continue
        if not _ENTRY_NAME.match(name):
            raise PaketRejected(
                f"Paket tidak valid: berisi berkas dengan nama terlarang {name[:80]!r}. Tidak ada yang diimpor."
            )
        if info.file_size > MAX_ATTACHMENT_BYTES:
            raise PaketRejected(f"Paket tidak valid: lampiran {name[-64:][:12]}… lebih dari 5 MB.")
        attachments[name[len(ATTACHMENT_PREFIX) :]] = info.file_size
    if MANIFEST_NAME not in seen:
        raise PaketRejected("Paket tidak valid: daftar isinya (manifest.json) tidak ada.")
    return attachments


def _hash_entry(archive: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with archive.open(name) as stream:
        while True:
            piece = stream.read(CHUNK_SIZE)
            if not piece:
                break
            size += len(piece)
            if size > MAX_ATTACHMENT_BYTES:
                raise PaketRejected("Paket tidak valid: sebuah lampiran lebih besar dari yang tercatat.")
            digest.update(piece)
    return digest.hexdigest(), size


@contextlib.contextmanager
def opened_paket(path: Path, data_dir: Path, trust: TrustStore) -> Iterator[PaketContents]:
    """Verify and open a paket addressed to this office; everything is checked before it is yielded."""
    own = own_identity(data_dir)
    keys = ensure_keys(data_dir)
    envelope = read_envelope(path)
    if envelope.recipient_code != own.region_code:
        raise PaketRejected(
            f"Paket ini ditujukan untuk kantor {envelope.recipient_code}, bukan kantor ini ({own.region_code}). "
            "Tidak ada yang diimpor."
        )
    if envelope.recipient_key != own.encryption_key:
        raise PaketRejected(
            "Paket ini dibuat untuk kunci kantor yang lama atau lain. Kirim identitas kantor ini (office "
            "public-key) ke pengirim dan minta paket baru.",
            trust_step=TrustStep.SEND_OWN_IDENTITY,
            peer=envelope.sender.name,
        )
    known = trust.by_region(envelope.sender.region_code)
    if known is None or known.signing_key != envelope.sender.signing_key:
        raise PaketRejected(
            f"Paket ditandatangani oleh kantor yang tidak dikenal ({envelope.sender.name}, "
            f"{envelope.sender.region_code}). Percayai dulu identitas kantor itu (office trust) bila memang "
            "benar kantor tersebut, lalu impor lagi.",
            trust_step=TrustStep.TRUST_PEER,
            peer=f"{envelope.sender.name} ({envelope.sender.region_code})",
        )
    file_sha256 = verify_signature(path, envelope, known.signing_key)
    scratch = data_dir / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=scratch) as plain:
        open_body(path, envelope, keys, plain)
        plain.seek(0)
        try:
            archive = zipfile.ZipFile(plain)
        except zipfile.BadZipFile as exc:
            raise PaketRejected("Isi paket rusak (bukan arsip yang sah).") from exc
        with archive:
            sizes = _check_entries(archive)
            try:
                manifest = json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile) as exc:
                raise PaketRejected("Daftar isi paket rusak dan tidak dapat dibaca.") from exc
            if not isinstance(manifest, dict) or manifest.get("kind") != envelope.kind:
                raise PaketRejected("Daftar isi paket tidak cocok dengan kepala paket.")
            for sha256 in sizes:
                actual, size = _hash_entry(archive, ATTACHMENT_PREFIX + sha256)
                if actual != sha256:
                    raise PaketRejected(
                        "Lampiran dalam paket tidak cocok dengan sidik SHA-256-nya: paket rusak."
                    )
                sizes[sha256] = size
            yield PaketContents(envelope, manifest, archive, file_sha256, sizes)


def listed_in(contents: PaketContents, key: str) -> list[object]:
    """An optional list of the manifest: absent (empty) from a version 1 paket."""
    raw = contents.manifest.get(key, [])
    if not isinstance(raw, list):
        raise PaketRejected("Daftar isi paket tidak dapat dibaca.")
    return raw


def write_paket(
    target: Path,
    *,
    kind: str,
    manifest: dict[str, Any],
    files: Iterable[tuple[str, Path]],
    sender: OfficeIdentity,
    sender_keys: OfficeKeys,
    recipient: OfficeIdentity,
    scratch_dir: Path,
    paket_id: str | None = None,
) -> tuple[str, str]:
    """Zip `manifest` and `files` (arcname, path), seal it into `target`; returns (paket_id, sha256).

    `target` is written in place: callers choose a temporary name and rename it.
    """
    paket_id = paket_id or str(uuid.uuid4())
    manifest = {**manifest, "kind": kind, "paket_id": paket_id}
    scratch_dir.mkdir(parents=True, exist_ok=True)
    fd, plain_name = tempfile.mkstemp(dir=scratch_dir, suffix=".zip")
    os.close(fd)
    plain = Path(plain_name)
    try:
        with zipfile.ZipFile(plain, "w", allowZip64=True) as archive:
            archive.writestr(
                zipfile.ZipInfo(MANIFEST_NAME, date_time=(2020, 1, 1, 0, 0, 0)),
                json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                compress_type=zipfile.ZIP_DEFLATED,
            )
            for arcname, source in files:
                info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_STORED
                with open(source, "rb") as src, archive.open(info, "w") as dst:
                    shutil.copyfileobj(src, dst, CHUNK_SIZE)
        sha256 = seal(
            plain,
            target,
            kind=kind,
            sender=sender,
            sender_keys=sender_keys,
            recipient=recipient,
            paket_id=paket_id,
            version=VERSION if manifest.get("replies") else PLAIN_VERSION,
        )
    finally:
        plain.unlink(missing_ok=True)
    return paket_id, sha256


# -- report entries in the manifest -----------------------------------------------------------


def report_entry(report: Report, handover_id: str) -> dict[str, Any]:
    from lapor_desktop.reports.json_form import content_to_json

    content = content_to_json(report.content)
    del content["attachments"]
    return {
        "client_id": report.client_id,
        "handover_id": handover_id,
        "local_ref": report.local_ref,
        "recorded_at": to_text(report.recorded_at),
        "recorded_by": report.recorded_by,
        "content": content,
        "attachments": _attachments_json(report.content.attachments),
    }


@dataclass(frozen=True)
class IncomingReport:
    client_id: str
    handover_id: str
    local_ref: str
    recorded_at: dt.datetime
    recorded_by: str
    content: ReportContent


def parse_report_entry(entry: object, index: int, sender_code: str, sizes: dict[str, int]) -> IncomingReport:
    """One report of a manifest, checked as strictly as a report typed in; raises PaketRejected."""
    import dataclasses

    from lapor_desktop.errors import InputError
    from lapor_desktop.reports.json_form import content_from_json
    from lapor_desktop.reports.validation import validate_draft

    where = f"Laporan ke-{index + 1} dalam paket"
    if not isinstance(entry, dict):
        raise PaketRejected(f"{where} tidak dapat dibaca.")
    client_id = entry.get("client_id")
    local_ref = entry.get("local_ref")
    recorded_by = entry.get("recorded_by")
    if not isinstance(client_id, str) or not _UUID.match(client_id):
        raise PaketRejected(f"{where}: pengenal laporan (client_id) tidak valid.")
    handover_id = entry.get("handover_id")
    if not isinstance(handover_id, str) or not _UUID.match(handover_id):
        raise PaketRejected(f"{where}: pengenal penyerahan (handover_id) tidak valid.")
    if not isinstance(local_ref, str) or not local_ref.startswith(sender_code + "/") or len(local_ref) > 60:
        raise PaketRejected(f"{where}: nomor laporan {str(local_ref)[:60]!r} bukan milik desa pengirim.")
    if not isinstance(recorded_by, str) or not recorded_by.strip() or len(recorded_by) > 120:
        raise PaketRejected(f"{where} ({local_ref}): nama pencatat tidak valid.")
    try:
        recorded_at = from_text(str(entry.get("recorded_at")))
    except ValueError as exc:
        raise PaketRejected(f"{where} ({local_ref}): waktu pencatatan tidak valid.") from exc
    raw_content = entry.get("content")
    if not isinstance(raw_content, dict):
        raise PaketRejected(f"{where} ({local_ref}): isi laporan tidak ada.")
    try:
        content, _paths, _queue = content_from_json({**raw_content, "attachments": []})
    except InputError as exc:
        raise PaketRejected(f"{where} ({local_ref}) tidak valid: {exc}") from exc
    refs = _parse_attachments(entry.get("attachments"), f"{where} ({local_ref})", sizes)
    content = dataclasses.replace(content, attachments=refs)
    problems = validate_draft(content)
    if problems:
        detail = "; ".join(f"{k}: {v}" for k, v in sorted(problems.items()))
        raise PaketRejected(f"{where} ({local_ref}) tidak valid: {detail}")
    return IncomingReport(client_id, handover_id, local_ref, recorded_at, recorded_by.strip(), content)


def _attachments_json(refs: Iterable[AttachmentRef]) -> list[dict[str, Any]]:
    return [
        {"sha256": a.sha256, "filename": a.filename, "content_type": a.content_type, "size": a.size}
        for a in refs
    ]


def _parse_attachments(raw: object, where: str, sizes: dict[str, int]) -> tuple[AttachmentRef, ...]:
    """An entry's attachment list: each one must be in the paket, with the type and size it claims."""
    from lapor_desktop.reports.validation import MAX_ATTACHMENTS

    if not isinstance(raw, list) or len(raw) > MAX_ATTACHMENTS:
        raise PaketRejected(f"{where}: daftar lampiran tidak valid.")
    refs = []
    for item in raw:
        if not isinstance(item, dict):
            raise PaketRejected(f"{where}: lampiran tidak valid.")
        sha256, filename, content_type, size = (
            item.get("sha256"),
            item.get("filename"),
            item.get("content_type"),
            item.get("size"),
        )
        if not isinstance(sha256, str) or not _HEX64.match(sha256) or sha256 not in sizes:
            raise PaketRejected(f"{where}: lampiran yang disebut tidak ada di dalam paket.")
        if not isinstance(filename, str) or not filename.strip() or len(filename) > 200:
            raise PaketRejected(f"{where}: nama lampiran tidak valid.")
        if content_type not in CONTENT_TYPES or size != sizes[sha256]:
            raise PaketRejected(f"{where}: jenis atau ukuran lampiran {filename!r} tidak cocok.")
        refs.append(AttachmentRef(sha256=sha256, filename=filename, content_type=content_type, size=size))
    return tuple(refs)


# -- reply entries in the manifest (version 2) ---------------------------------------------------


def reply_entry(reply: Reply, report_client_id: str) -> dict[str, Any]:
    """A reporter's reply the desa hands over, under the `client_id` of the report it answers."""
    return {
        "client_id": reply.client_id,
        "report_client_id": report_client_id,
        "text": reply.text,
        "recorded_at": to_text(reply.recorded_at),
        "recorded_by": reply.recorded_by,
        "attachments": _attachments_json(reply.attachments),
    }


@dataclass(frozen=True)
class IncomingReply:
    client_id: str
    report_client_id: str
    text: str
    recorded_at: dt.datetime
    recorded_by: str
    attachments: tuple[AttachmentRef, ...]


def parse_reply_entry(entry: object, index: int, sizes: dict[str, int]) -> IncomingReply:
    """One reply of a manifest, checked as a reply typed in is; a malformed one refuses the paket."""
    from lapor_desktop.replies.service import MAX_RECORDED_BY, normalize_text, text_problem

    where = f"Tanggapan pelapor ke-{index + 1} dalam paket"
    if not isinstance(entry, dict):
        raise PaketRejected(f"{where} tidak dapat dibaca.")
    client_id, report_client_id = entry.get("client_id"), entry.get("report_client_id")
    if not isinstance(client_id, str) or not _UUID.match(client_id):
        raise PaketRejected(f"{where}: pengenal tanggapan (client_id) tidak valid.")
    if not isinstance(report_client_id, str) or not _UUID.match(report_client_id):
        raise PaketRejected(f"{where}: pengenal laporan yang ditanggapi tidak valid.")
    text = entry.get("text")
    problem = "isi tanggapan tidak ada." if not isinstance(text, str) else text_problem(normalize_text(text))
    if problem:
        raise PaketRejected(f"{where}: {problem}")
    assert isinstance(text, str)
    recorded_by = entry.get("recorded_by")
    if not isinstance(recorded_by, str) or not recorded_by.strip() or len(recorded_by) > MAX_RECORDED_BY:
        raise PaketRejected(f"{where}: nama pencatat tidak valid.")
    try:
        recorded_at = from_text(str(entry.get("recorded_at")))
    except ValueError as exc:
        raise PaketRejected(f"{where}: waktu pencatatan tidak valid.") from exc
    attachments = _parse_attachments(entry.get("attachments"), where, sizes)
    return IncomingReply(
        client_id, report_client_id, normalize_text(text), recorded_at, recorded_by.strip(), attachments
    )
