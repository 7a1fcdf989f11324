"""The encrypted container of a backup file: a passphrase, scrypt, AES-256-GCM in 1 MiB chunks.

File layout (all integers big-endian); see docs/backup-format.md::

    offset  size  field
    0       8     magic  b"LAPORBAK"
    8       1     format version (1)
    9       1     key derivation (1 = scrypt)
    10      1     scrypt log2(N)          (17: N = 131072)
    11      1     scrypt r                (8)
    12      1     scrypt p                (1)
    13      16    scrypt salt (random)
    29      8     nonce prefix (random)
    37      4     plaintext chunk size    (1048576)
    41      16    key check: the GCM tag of an empty message,
                  nonce = prefix || FFFFFFFF, associated data = bytes 0..40
    57      ...   chunks

The key is scrypt(passphrase as UTF-8, salt, N, r, p) -> 32 bytes. Chunk i
(i = 0, 1, ...) is AES-256-GCM over at most `chunk size` plaintext bytes with
nonce = prefix || i (4 bytes) and associated data = bytes 0..56 of the header
followed by one byte, 1 for the last chunk and 0 for the others; it is stored
as ciphertext || 16-byte tag. Every chunk but the last holds exactly `chunk
size` bytes; the last holds fewer (possibly none). So a wrong passphrase is
told by the key check, a changed byte anywhere by the tag of its chunk, and
a file cut short or extended by the last-chunk flag.

The plaintext is a tar archive (POSIX pax) whose members are described in
`lapor_desktop.backup.contents`. Reading and writing are streams: memory
stays at a couple of chunks whatever the size of the office.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import BinaryIO

MAGIC = b"LAPORBAK"
FORMAT_VERSION = 1
KDF_SCRYPT = 1
CHUNK_SIZE = 1 << 20
TAG_SIZE = 16
_FIXED = struct.Struct(">8sBBBBB16s8sI")  # magic .. chunk size: 41 bytes
HEADER_SIZE = _FIXED.size + TAG_SIZE
_KEY_CHECK_INDEX = 0xFFFFFFFF
MIN_PASSPHRASE_LENGTH = 8


class ArchiveError(Exception):
    """A backup file that cannot be read; the message is for the operator (Bahasa Indonesia)."""


class WrongPassphrase(ArchiveError):
    def __init__(self) -> None:
        super().__init__("Kata sandi cadangan salah (atau bagian awal berkas cadangan rusak).")


class DamagedArchive(ArchiveError):
    pass


@dataclass(frozen=True)
class ScryptParams:
    log2_n: int = 17
    r: int = 8
    p: int = 1

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        kdf = Scrypt(salt=salt, length=32, n=1 << self.log2_n, r=self.r, p=self.p)
        return kdf.derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


class EncryptingWriter:
    """A write-only binary stream that encrypts into `out`; `close()` writes the last chunk."""

    def __init__(self, out: BinaryIO, passphrase: str, params: ScryptParams | None = None) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        params = params or ScryptParams()
        salt, self._prefix = os.urandom(16), os.urandom(8)
        self._aead = AESGCM(params.derive(passphrase, salt))
        fixed = _FIXED.pack(
            MAGIC,
            FORMAT_VERSION,
            KDF_SCRYPT,
            params.log2_n,
            params.r,
            params.p,
            salt,
            self._prefix,
            CHUNK_SIZE,
        )
        check = self._aead.encrypt(_nonce(self._prefix, _KEY_CHECK_INDEX), b"", fixed)
        self._header = fixed + check
        self._out = out
        self._out.write(self._header)
        self._buffer = bytearray()
        self._index = 0
        self._written = 0
        self.closed = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        while view:
            if len(self._buffer) == CHUNK_SIZE:  # a full chunk is sealed only once more data follows
                self._emit(self._buffer, final=False)
                self._buffer.clear()
            room = CHUNK_SIZE - len(self._buffer)
            self._buffer += view[:room]
            view = view[room:]
        self._written += size
        return size

    def tell(self) -> int:
        """Plaintext bytes written so far (tarfile asks)."""
        return self._written

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        if self.closed:
            return
        self._emit(self._buffer, final=True)
        self._buffer.clear()
        self._out.flush()
        self.closed = True

    def _emit(self, chunk: bytes | bytearray, *, final: bool) -> None:
        if self._index >= _KEY_CHECK_INDEX:
            raise ArchiveError("Berkas cadangan terlalu besar.")
        aad = self._header + (b"\x01" if final else b"\x00")
        self._out.write(self._aead.encrypt(_nonce(self._prefix, self._index), chunk, aad))
        self._index += 1


class DecryptingReader:
    """A read-only binary stream of the plaintext; raises `DamagedArchive` at the first bad chunk."""

    def __init__(self, source: BinaryIO, passphrase: str) -> None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._invalid_tag = InvalidTag
        header = source.read(HEADER_SIZE)
        if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
            raise DamagedArchive("Berkas ini bukan berkas cadangan LAPOR Desa.")
        magic, version, kdf, log2_n, r, p, salt, prefix, chunk_size = _FIXED.unpack(header[: _FIXED.size])
        if version != FORMAT_VERSION or kdf != KDF_SCRYPT:
            raise DamagedArchive(
                f"Versi berkas cadangan ({version}) tidak dikenal: gunakan versi aplikasi yang lebih baru."
            )
        if not (10 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16 and 4096 <= chunk_size <= 1 << 26):
            raise WrongPassphrase()  # the header is authenticated by the key check; bounds keep scrypt sane
        self._aead = AESGCM(ScryptParams(log2_n, r, p).derive(passphrase, salt))
        try:
            self._aead.decrypt(_nonce(prefix, _KEY_CHECK_INDEX), header[_FIXED.size :], header[: _FIXED.size])
        except InvalidTag:
            raise WrongPassphrase() from None
        self._header = header
        self._prefix = prefix
        self._block = chunk_size + TAG_SIZE
        self._source = source
        self._index = 0
        self._pending = source.read(self._block)
        self._plain = memoryview(b"")
        self._finished = False
        self._position = 0
        self.closed = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        parts = []
        wanted = size if size >= 0 else None
        while wanted is None or wanted > 0:
            if not self._plain:
                if self._finished:
                    break
                self._next_chunk()
                continue
            take = len(self._plain) if wanted is None else min(wanted, len(self._plain))
            parts.append(self._plain[:take].tobytes())
            self._plain = self._plain[take:]
            if wanted is not None:
                wanted -= take
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        self._position += len(data)
        return data

    def tell(self) -> int:
        return self._position

    def seekable(self) -> bool:
        return False

    def seek(self, offset: int, whence: int = 0) -> int:
        """Forward only, by reading: enough for tarfile's sequential reading in "r:" mode."""
        if whence != 0 or offset < self._position:
            raise OSError("backup stream can only move forward")
        while self._position < offset:
            if not self.read(min(offset - self._position, 1 << 20)):
                break
        return self._position

    def read_to_end(self) -> None:
        """Authenticate the rest of the file (a tar reader may stop before the last chunk)."""
        while not self._finished:
            self._next_chunk()
        self._plain = memoryview(b"")

    def close(self) -> None:
        self.closed = True

    def _next_chunk(self) -> None:
        current = self._pending
        following = self._source.read(self._block)
        final = not following
        if len(current) < TAG_SIZE or (not final and len(current) != self._block):
            raise DamagedArchive("Berkas cadangan terpotong atau rusak.")
        aad = self._header + (b"\x01" if final else b"\x00")
        try:
            plain = self._aead.decrypt(_nonce(self._prefix, self._index), current, aad)
        except self._invalid_tag:
            raise DamagedArchive(
                f"Berkas cadangan rusak atau telah diubah (bagian ke-{self._index + 1} tidak cocok)."
            ) from None
        self._index += 1
        self._pending = following
        self._plain = memoryview(plain)
        self._finished = final
