"""Turning a file the operator attaches into the bytes the app stores and sends.

Attachments are JPEG, PNG or PDF, at most 5 MiB each after processing. The policy, with the
measurements behind it in ``tests/benchmarks/bench_attachments.py``:

- The type is decided by content: magic bytes, then a full decode for images. The extension is
  only used to write a clear message and is otherwise ignored: a ``.jpg`` that is really a PNG is
  accepted and its name fixed to ``.png``; a ``.jpg`` that is text, HTML or a truncated file is
  refused. The returned filename always carries an extension matching the stored content.
- JPEG larger than 1600 px on the long side: decoded with ``draft()`` (DCT-domain pre-scaling by
  1/2, 1/4 or 1/8, never below the target), resized with LANCZOS, EXIF orientation applied, colours
  converted to sRGB when an ICC profile other than sRGB is present (Display P3, Adobe RGB), and re-encoded at quality 85, optimized
  Huffman tables, baseline (not progressive), with no EXIF, XMP, ICC, comment or thumbnail.
- JPEG already within 1600 px: when it needs no rotation and no colour conversion, its metadata
  segments are cut out losslessly, so the pixels are exactly the original's (checked by decoding
  both). It is re-encoded as above instead when that makes it under 2/3 of the size (a quality
  95-100 original), or when it must be rotated or colour-converted.
- PNG: re-encoded (which drops text, EXIF, XMP and time chunks), downscaled over 1600 px. It stays
  PNG when it has real transparency, or when the PNG is small (at most 512 KiB) or no more than
  three times the size of the JPEG made from it (screenshots and forms, where JPEG blurs text);
  the comparison uses a fast zlib level 1 PNG, the one kept is re-encoded at level 6.
  Otherwise it becomes a JPEG (photos saved as PNG).
- When an image is still over 5 MiB, lower JPEG qualities are tried (a transparent PNG is put on
  white first) before refusing.
- PDF: must start with ``%PDF-`` and have ``%%EOF`` in its last 1024 bytes; kept byte for byte.
- Output is deterministic for the same input bytes (same Pillow build), so re-adding a photo
  yields the same SHA-256 and deduplicates.

Pillow is imported inside functions so that importing this module (and the CLI's read-only
commands) stays cheap.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import stat
import struct
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MAX_STORED_BYTES = 5 * 1024 * 1024
# Large enough for a 108 MP phone photo (15-30 MB), small enough that reading it into memory is harmless.
MAX_INPUT_BYTES = 40 * 1024 * 1024
MAX_LONG_SIDE = 1600
JPEG_QUALITY = 85
# Tried in turn when an image is still over MAX_STORED_BYTES at JPEG_QUALITY.
FALLBACK_JPEG_QUALITIES = (75, 65, 50)
# JPEG decodes with draft() at 1/4 or 1/8 scale, so a 108 MP photo (12000x9000) costs little memory.
MAX_JPEG_PIXELS = 120_000_000
# PNG has no reduced-scale decode: 50 MP RGBA is 200 MB in memory. An A4 page scanned at 600 dpi is 35 MP.
MAX_PNG_PIXELS = 50_000_000
# A long side over 20x the short one ends up a sliver of a few dozen pixels at 1600 px: unreadable.
MAX_ASPECT_RATIO = 20
# A small JPEG is kept (metadata cut out losslessly) unless re-encoding makes it smaller than this
# fraction of its size. Measured on 1200x900 photos: re-encoding a quality 80-92 original saves 0-22%
# for a visible generation loss; a quality 95 original halves, a quality 100 one shrinks to 1/5.
REENCODE_SMALL_JPEG_BELOW = 2 / 3
# A non-transparent PNG up to this size stays PNG whatever JPEG would save.
KEEP_PNG_BYTES = 512 * 1024
# ... and above it still stays PNG unless JPEG is smaller by more than this factor.
PNG_OVER_JPEG_FACTOR = 3
# Readers look for %%EOF in the last 1024 bytes (PDF 1.7, implementation note 18).
PDF_EOF_WINDOW = 1024
# Only what sniffing needs; files are read in full only after the size checks.
_HEAD_BYTES = 512

JPEG_TYPE = "image/jpeg"
PNG_TYPE = "image/png"
PDF_TYPE = "application/pdf"

_MIB = 1024 * 1024
_MAX_FILENAME_CHARS = 200  # AttachmentRef.filename maxLength in the contract
_FALLBACK_STEM = "lampiran"
_EXTENSION = {JPEG_TYPE: ".jpg", PNG_TYPE: ".png", PDF_TYPE: ".pdf"}
_MATCHING_EXTENSIONS = {JPEG_TYPE: {".jpg", ".jpeg"}, PNG_TYPE: {".png"}, PDF_TYPE: {".pdf"}}
# Suffixes that name a file type and are replaced rather than kept as part of the name
# ("scan.2024" keeps ".2024" and gets ".pdf" appended).
_TYPE_SUFFIXES = {
    ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".pdf", ".gif", ".webp", ".heic", ".heif", ".avif",
    ".bmp", ".tif", ".tiff", ".txt", ".htm", ".html", ".doc", ".docx", ".xls", ".xlsx", ".rtf",
}  # fmt: skip
_CLAIMED_TYPE = {
    ".jpg": "gambar JPEG",
    ".jpeg": "gambar JPEG",
    ".jpe": "gambar JPEG",
    ".jfif": "gambar JPEG",
    ".png": "gambar PNG",
    ".pdf": "dokumen PDF",
}
_ALLOWED_HINT = "Lampiran harus berupa foto JPG, gambar PNG, atau dokumen PDF."


class RejectReason(StrEnum):
    EMPTY = "empty"
    INPUT_TOO_LARGE = "input_too_large"
    UNREADABLE = "unreadable"
    UNSUPPORTED_FORMAT = "unsupported_format"
    NOT_RECOGNIZED = "not_recognized"
    CORRUPT = "corrupt"
    TOO_MANY_PIXELS = "too_many_pixels"
    BAD_DIMENSIONS = "bad_dimensions"
    TOO_LARGE = "too_large"


class AttachmentRejected(Exception):
    """A file that cannot become an attachment.

    ``message`` is for the operator (Bahasa Indonesia, says what to do); ``reason`` is a
    `RejectReason` value for code and tests.
    """

    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class ProcessedAttachment:
    data: bytes
    content_type: str  # one of lapor_desktop.domain.CONTENT_TYPES
    filename: str  # the original base name with an extension matching `content_type`
    sha256: str  # lowercase hex of `data`
    original_size: int


def process_file(path: Path) -> ProcessedAttachment:
    """Read and process the file at `path`; refuses oversized files before reading them."""
    name = path.name
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise AttachmentRejected(
                RejectReason.UNREADABLE, f"'{name}' bukan berkas biasa. Pilih berkas foto atau dokumen."
            )
        _check_input_size(info.st_size, name)
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
            # A PDF is kept as is, so one over the stored limit can be refused right away.
            if head.startswith(b"%PDF-"):
                _check_pdf_size(info.st_size)
            # Bounded read: the file may have grown since stat().
            data = head + handle.read(MAX_INPUT_BYTES + 1 - len(head))
    except FileNotFoundError:
        raise AttachmentRejected(
            RejectReason.UNREADABLE, f"Berkas '{name}' tidak ditemukan. Periksa lagi lokasinya."
        ) from None
    except PermissionError:
        raise AttachmentRejected(
            RejectReason.UNREADABLE,
            f"Berkas '{name}' tidak dapat dibuka karena izin akses ditolak. "
            "Salin berkas ke folder Anda terlebih dahulu.",
        ) from None
    except IsADirectoryError:
        raise AttachmentRejected(
            RejectReason.UNREADABLE, f"'{name}' adalah folder. Pilih sebuah berkas di dalamnya."
        ) from None
    except OSError:
        raise AttachmentRejected(
            RejectReason.UNREADABLE,
            f"Berkas '{name}' tidak dapat dibaca. Coba salin berkas ke komputer ini lalu lampirkan lagi.",
        ) from None
    return process_bytes(data, name)


def process_bytes(data: bytes, filename: str) -> ProcessedAttachment:
    """Process `data` that came from a file named `filename` (only its base name is kept)."""
    name = _base_name(filename)
    _check_input_size(len(data), name)
    kind = _sniff(data)
    if kind == PDF_TYPE:
        out, content_type = _process_pdf(data), PDF_TYPE
    elif kind == JPEG_TYPE:
        out, content_type = _process_jpeg(data, name)
    elif kind == PNG_TYPE:
        out, content_type = _process_png(data, name)
    else:
        raise _not_supported(data, name)
    return ProcessedAttachment(
        data=out,
        content_type=content_type,
        filename=output_filename(name, content_type),
        sha256=hashlib.sha256(out).hexdigest(),
        original_size=len(data),
    )


def output_filename(filename: str, content_type: str) -> str:
    """The base name of `filename`, cleaned, with an extension matching `content_type`."""
    name = _base_name(filename)
    stem, suffix = os.path.splitext(name)
    if not suffix and name.lower() in _TYPE_SUFFIXES:  # ".jpg": splitext sees a hidden file's stem
        stem, suffix = "", name
    if suffix.lower() in _MATCHING_EXTENSIONS[content_type]:
        extension = suffix
    else:
        extension = _EXTENSION[content_type]
        if suffix.lower() not in _TYPE_SUFFIXES:
            stem = name
    stem = stem.strip(" .") or _FALLBACK_STEM
    return stem[: _MAX_FILENAME_CHARS - len(extension)] + extension


def format_megabytes(size: int) -> str:
    """`size` in MB (MiB, as Windows shows it) with an Indonesian decimal comma, rounded up.

    Rounding up keeps "maksimal 5 MB, berkas ini 5,0 MB" from happening for a file just over.
    """
    tenths = math.ceil(size * 10 / _MIB)
    return f"{tenths // 10},{tenths % 10}"


# --- checks -------------------------------------------------------------------------------------


def _base_name(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    return "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()


def _check_input_size(size: int, name: str) -> None:
    if size == 0:
        raise AttachmentRejected(
            RejectReason.EMPTY,
            f"Berkas '{name}' kosong (0 byte). Pilih berkas yang berisi foto atau dokumen.",
        )
    if size > MAX_INPUT_BYTES:
        raise AttachmentRejected(
            RejectReason.INPUT_TOO_LARGE,
            f"Berkas '{name}' terlalu besar untuk diproses: maksimal {MAX_INPUT_BYTES // _MIB} MB, "
            f"berkas ini {format_megabytes(size)} MB. Perkecil ukurannya terlebih dahulu.",
        )


def _check_pdf_size(size: int) -> None:
    if size > MAX_STORED_BYTES:
        raise AttachmentRejected(
            RejectReason.TOO_LARGE,
            f"PDF terlalu besar: maksimal {MAX_STORED_BYTES // _MIB} MB, "
            f"berkas ini {format_megabytes(size)} MB. "
            "Pisahkan menjadi beberapa berkas atau pindai ulang dengan resolusi lebih rendah.",
        )


def _check_dimensions(size: tuple[int, int], max_pixels: int) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise AttachmentRejected(
            RejectReason.BAD_DIMENSIONS, "Ukuran gambar tidak sah (lebar atau tinggi nol)."
        )
    if width * height > max_pixels:
        raise AttachmentRejected(
            RejectReason.TOO_MANY_PIXELS,
            f"Gambar terlalu besar ({width}×{height} piksel, maksimal {max_pixels // 1_000_000} megapiksel). "
            "Perkecil gambar terlebih dahulu lalu lampirkan lagi.",
        )
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise AttachmentRejected(
            RejectReason.BAD_DIMENSIONS,
            f"Gambar terlalu panjang atau sempit ({width}×{height} piksel). "
            "Potong menjadi beberapa gambar lalu lampirkan satu per satu.",
        )


# --- sniffing -----------------------------------------------------------------------------------


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG_TYPE
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG_TYPE
    if data.startswith(b"%PDF-"):
        return PDF_TYPE
    return None


def _describe(head: bytes) -> tuple[str, str]:
    """What an unsupported file looks like, and what the operator can do about it."""
    head = head[:_HEAD_BYTES]
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gambar GIF", "Simpan ulang sebagai PNG atau JPG."
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "gambar WebP", "Simpan ulang sebagai JPG atau PNG."
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return (
                "foto HEIC (format kamera iPhone)",
                "Kirim ulang foto dari ponsel dalam format JPG (di iPhone: Pengaturan > Kamera > Format > "
                "Paling Kompatibel).",
            )
        if brand in (b"avif", b"avis"):
            return "gambar AVIF", "Simpan ulang sebagai JPG atau PNG."
        return "video", "Ambil tangkapan layar dari video tersebut dan lampirkan sebagai gambar."
    if head.startswith(b"BM"):
        return "gambar BMP", "Simpan ulang sebagai PNG atau JPG."
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "gambar TIFF", "Simpan ulang sebagai PDF, PNG atau JPG."
    if head.startswith(b"PK\x03\x04"):
        return "arsip ZIP atau dokumen Office (Word/Excel)", "Simpan dokumen sebagai PDF terlebih dahulu."
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "dokumen Office (Word/Excel)", "Simpan dokumen sebagai PDF terlebih dahulu."
    if head.startswith(b"{\\rtf"):
        return "dokumen RTF", "Simpan dokumen sebagai PDF terlebih dahulu."
    text = _as_text(head)
    if text is not None:
        lowered = text.lstrip("\ufeff \t\r\n").lower()
        if lowered.startswith(("<!doctype html", "<html", "<head", "<?xml", "<body")) or "<html" in lowered:
            return (
                "halaman web (HTML), bukan berkas aslinya",
                "Unduh ulang berkasnya; mungkin yang tersimpan adalah halaman login Wi-Fi "
                "atau halaman galat.",
            )
        return "teks biasa", "Pilih berkas foto atau dokumen yang benar."
    return "berkas yang tidak dikenali", "Pilih berkas foto atau dokumen yang benar."


def _as_text(head: bytes) -> str | None:
    if not head or b"\x00" in head:
        return None
    # The head may end inside a multi-byte character: drop up to 3 trailing bytes.
    for cut in range(4):
        try:
            text = head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
        return text if printable >= 0.95 * len(text) else None
    return None


def _not_supported(data: bytes, name: str) -> AttachmentRejected:
    what, advice = _describe(data)
    claimed = _CLAIMED_TYPE.get(os.path.splitext(name)[1].lower())
    if claimed:
        return AttachmentRejected(
            RejectReason.NOT_RECOGNIZED,
            f"Berkas '{name}' bukan {claimed} yang sah: isinya {what}. {advice} {_ALLOWED_HINT}",
        )
    if what in ("teks biasa", "berkas yang tidak dikenali") or what.startswith("halaman web"):
        return AttachmentRejected(
            RejectReason.NOT_RECOGNIZED, f"Berkas '{name}' berisi {what}. {advice} {_ALLOWED_HINT}"
        )
    return AttachmentRejected(
        RejectReason.UNSUPPORTED_FORMAT,
        f"Berkas '{name}' berupa {what}, yang tidak dapat dilampirkan. {advice} {_ALLOWED_HINT}",
    )


# --- PDF ----------------------------------------------------------------------------------------


def _process_pdf(data: bytes) -> bytes:
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise AttachmentRejected(
            RejectReason.CORRUPT,
            "Dokumen PDF ini tidak utuh (bagian akhirnya hilang, mungkin unduhan terputus). "
            "Unduh atau salin ulang berkasnya.",
        )
    _check_pdf_size(len(data))
    return data


# --- images -------------------------------------------------------------------------------------


@contextmanager
def _decoding(name: str, label: str) -> Iterator[None]:
    """Turns what Pillow raises for broken or hostile images into a clear refusal."""
    from PIL import Image

    with warnings.catch_warnings():
        # Our own pixel limits (checked from the header, before decoding) apply; Pillow's
        # warning threshold (89 MP) is below a 108 MP phone photo, which is fine with draft().
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            yield
        except Image.DecompressionBombError:
            raise AttachmentRejected(
                RejectReason.TOO_MANY_PIXELS,
                f"Gambar '{name}' terlalu besar untuk diproses. Perkecil gambar terlebih dahulu.",
            ) from None
        except MemoryError:
            raise AttachmentRejected(
                RejectReason.TOO_MANY_PIXELS,
                f"Memori tidak cukup untuk memproses gambar '{name}'. Perkecil gambar terlebih dahulu.",
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError, struct.error):
            raise AttachmentRejected(
                RejectReason.CORRUPT,
                f"Berkas '{name}' bukan {label} yang utuh (rusak atau terpotong, mungkin unduhan terputus). "
                "Salin atau ambil ulang gambarnya.",
            ) from None


def _open(data: bytes, pillow_format: str) -> Image.Image:
    from PIL import Image

    return Image.open(io.BytesIO(data), formats=[pillow_format])


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1-8); broken EXIF counts as upright since the EXIF is dropped anyway."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = image.getexif().get(0x0112, 1)
    except (OSError, SyntaxError, ValueError, KeyError, IndexError, TypeError, struct.error):
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _apply_orientation(image: Image.Image, orientation: int) -> Image.Image:
    from PIL import Image as PILImage

    # The same table as PIL.ImageOps.exif_transpose, applied to the already downscaled image
    # (transposing 1600 px instead of 4000 px) and without touching EXIF we are dropping.
    method = {
        2: PILImage.Transpose.FLIP_LEFT_RIGHT,
        3: PILImage.Transpose.ROTATE_180,
        4: PILImage.Transpose.FLIP_TOP_BOTTOM,
        5: PILImage.Transpose.TRANSPOSE,
        6: PILImage.Transpose.ROTATE_270,
        7: PILImage.Transpose.TRANSVERSE,
        8: PILImage.Transpose.ROTATE_90,
    }.get(orientation)
    return image.transpose(method) if method is not None else image


def target_size(size: tuple[int, int], long_side: int = MAX_LONG_SIDE) -> tuple[int, int]:
    width, height = size
    if max(width, height) <= long_side:
        return size
    scale = long_side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _non_srgb_profile(icc_profile: bytes | None) -> bytes | None:
    """The profile if its colours need converting; None for none or sRGB.

    Untagged images are read as sRGB, so dropping an sRGB profile changes nothing, and it saves the
    conversion (~70 ms at 1600x1200 with LittleCMS). Phones tag photos sRGB or Display P3.
    """
    if not icc_profile:
        return None
    from PIL import ImageCms

    try:
        description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)))
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # unreadable: it could not be applied either
    return None if "srgb" in description.lower() else icc_profile


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """RGB or L pixels in sRGB: the profile is about to be dropped, so its colours are applied first."""
    if icc_profile and image.mode in ("RGB", "RGBA", "CMYK"):
        from PIL import ImageCms

        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None  # a broken profile: fall back to the plain conversion below
        if converted is not None:
            image = converted
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGB")
    return image


def _clean(image: Image.Image, keep: tuple[str, ...] = ()) -> Image.Image:
    # Pillow carries some of `info` (comment, ICC, transparency) into what it saves: start empty.
    image.info = {key: image.info[key] for key in keep if key in image.info}
    return image


def _encode_jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    _clean(image).save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _encode_png(image: Image.Image, compress_level: int = 6) -> bytes:
    buffer = io.BytesIO()
    _clean(image, keep=("transparency",)).save(buffer, "PNG", compress_level=compress_level)
    return buffer.getvalue()


def _jpeg_within_limit(image: Image.Image, name: str, first: bytes | None = None) -> bytes:
    """`first` (a JPEG at JPEG_QUALITY) if small enough, otherwise the best lower quality that fits."""
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    encoded = first if first is not None else _encode_jpeg(image, JPEG_QUALITY)
    for quality in FALLBACK_JPEG_QUALITIES:
        if len(encoded) <= MAX_STORED_BYTES:
            return encoded
        encoded = _encode_jpeg(image, quality)
    if len(encoded) <= MAX_STORED_BYTES:
        return encoded
    raise AttachmentRejected(
        RejectReason.TOO_LARGE,
        f"Gambar '{name}' masih terlalu besar setelah diperkecil ({format_megabytes(len(encoded))} MB, "
        f"maksimal {MAX_STORED_BYTES // _MIB} MB). Potong atau perkecil gambar terlebih dahulu.",
    )


def _process_jpeg(data: bytes, name: str, use_draft: bool = True) -> tuple[bytes, str]:
    from PIL import Image

    with _decoding(name, "gambar JPEG"):
        image = _open(data, "JPEG")
        _check_dimensions(image.size, MAX_JPEG_PIXELS)
        orientation = _orientation(image)
        icc_profile = _non_srgb_profile(image.info.get("icc_profile"))
        target = target_size(image.size)
        if target == image.size:
            image.load()
            if orientation == 1 and not icc_profile and image.mode in ("RGB", "L"):
                stripped = _lossless_strip(data, image)
                if stripped is not None:
                    reencoded = _encode_jpeg(image, JPEG_QUALITY)
                    if len(reencoded) >= REENCODE_SMALL_JPEG_BELOW * len(stripped):
                        return stripped, JPEG_TYPE
                    return _jpeg_within_limit(image, name, first=reencoded), JPEG_TYPE
        else:
            if use_draft:
                image.draft(None, target)
            image.load()
            image = image.resize(target, Image.Resampling.LANCZOS)
        image = _apply_orientation(_to_srgb(image, icc_profile), orientation)
        return _jpeg_within_limit(image, name), JPEG_TYPE


def _lossless_strip(data: bytes, decoded: Image.Image) -> bytes | None:
    """The JPEG without its metadata segments, if that provably leaves the pixels alone."""
    stripped = strip_jpeg_metadata(data)
    if stripped is None or len(stripped) > MAX_STORED_BYTES:
        return None
    check = _open(stripped, "JPEG")
    check.load()
    # Cutting segments must not change a single pixel; if it does, re-encoding is the safe path.
    if check.mode != decoded.mode or check.size != decoded.size or check.tobytes() != decoded.tobytes():
        return None
    return stripped


def _process_png(data: bytes, name: str) -> tuple[bytes, str]:
    from PIL import Image

    with _decoding(name, "gambar PNG"):
        image = _open(data, "PNG")
        _check_dimensions(image.size, MAX_PNG_PIXELS)
        image.load()
        orientation = _orientation(image)
        icc_profile = _non_srgb_profile(image.info.get("icc_profile"))
        image = _normalise_png_mode(image)
        transparent = image.mode in ("RGBA", "LA") or "transparency" in image.info
        target = target_size(image.size)
        if target != image.size:
            if image.mode in ("P", "1"):
                image = image.convert("RGBA" if transparent else "RGB")
            # Pillow documents reducing_gap >= 3 as indistinguishable from plain resampling, and it
            # spares LANCZOS most of the work on big reductions (a 5000 px scan to 1600 px).
            image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        if icc_profile and image.mode in ("P", "RGB", "RGBA"):
            # Greyscale PNGs keep their pixels; a grey profile only nudges the tone curve.
            image = _to_srgb(image.convert("RGBA" if transparent else "RGB"), icc_profile)
        image = _apply_orientation(image, orientation)

        if transparent:
            png = _encode_png(image)
            if len(png) <= MAX_STORED_BYTES:
                return png, PNG_TYPE
            # Too big with transparency: the only smaller form left is a JPEG on white.
            return _jpeg_within_limit(_on_white(image), name), JPEG_TYPE
        # The decision uses a fast PNG (zlib level 1, within ~15% of level 6 in size): on photo-like
        # content level 6 takes ~1 s for 1600 px, only to be thrown away for the JPEG.
        quick_png = _encode_png(image, compress_level=1)
        opaque = image if image.mode in ("RGB", "L") else image.convert("RGB")
        jpeg = _encode_jpeg(opaque, JPEG_QUALITY)
        if len(quick_png) <= KEEP_PNG_BYTES or len(quick_png) <= PNG_OVER_JPEG_FACTOR * len(jpeg):
            png = _encode_png(image)
            if len(png) <= MAX_STORED_BYTES:
                return png, PNG_TYPE
        return _jpeg_within_limit(opaque, name, first=jpeg), JPEG_TYPE


def _normalise_png_mode(image: Image.Image) -> Image.Image:
    """8-bit modes only, and alpha only when some pixel is actually see-through."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale scans: keep the top 8 bits (convert() alone would clip at 255).
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    elif image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    if image.mode in ("P", "L", "RGB") and "transparency" in image.info:
        image = image.convert("RGBA" if image.mode != "L" else "LA")
    if image.mode in ("RGBA", "LA"):
        lowest_alpha = image.getchannel("A").getextrema()[0]
        if lowest_alpha == 255:
            image = image.convert("RGB" if image.mode == "RGBA" else "L")
    return image


def _on_white(image: Image.Image) -> Image.Image:
    from PIL import Image

    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


# --- lossless JPEG metadata removal -------------------------------------------------------------

_APP0, _APP14, _COM, _SOS, _EOI = 0xE0, 0xEE, 0xFE, 0xDA, 0xD9


def strip_jpeg_metadata(data: bytes) -> bytes | None:
    """`data` without EXIF, XMP, ICC, IPTC, comments, thumbnails or bytes after the image.

    Only APP0 "JFIF" and APP14 "Adobe" are kept (the latter says how to read the colours). The
    entropy-coded data is copied untouched, so the decoded pixels are identical. Returns None when
    the structure is not the plain one this expects (the caller then re-encodes instead).
    """
    if not data.startswith(b"\xff\xd8"):
        return None
    out = bytearray(b"\xff\xd8")
    i, n = 2, len(data)
    while i < n:
        if data[i] != 0xFF:
            return None
        while i < n and data[i] == 0xFF:  # fill bytes before a marker
            i += 1
        if i >= n:
            return None
        marker = data[i]
        i += 1
        if marker == _EOI:
            out += b"\xff\xd9"
            return bytes(out)
        if marker in (0x01, *range(0xD0, 0xD8)):  # parameterless markers
            out += bytes((0xFF, marker))
            continue
        if i + 2 > n:
            return None
        length = int.from_bytes(data[i : i + 2], "big")
        end = i + length
        if length < 2 or end > n:
            return None
        body = data[i + 2 : end]
        drop = marker == _COM or (
            0xE0 <= marker <= 0xEF
            and not (marker == _APP0 and body.startswith(b"JFIF\x00"))
            and not (marker == _APP14 and body.startswith(b"Adobe"))
        )
        if not drop:
            out += bytes((0xFF, marker)) + data[i:end]
        i = end
        if marker == _SOS:
            scan_end = _end_of_scan(data, i)
            if scan_end is None:
                return None
            out += data[i:scan_end]
            i = scan_end
    return None


def _end_of_scan(data: bytes, start: int) -> int | None:
    """Index of the first marker after entropy-coded data (stuffed FF00 and RSTn are part of it)."""
    position = start
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            return None
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position = found + 2
        elif following == 0xFF:
            position = found + 1
        else:
            return found
