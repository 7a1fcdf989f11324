from __future__ import annotations

import hashlib
import io
import os
import struct
import tracemalloc
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from lapor_desktop.attachments.processing import (
    MAX_INPUT_BYTES,
    MAX_STORED_BYTES,
    AttachmentRejected,
    RejectReason,
    format_megabytes,
    output_filename,
    process_bytes,
    process_file,
    strip_jpeg_metadata,
)
from lapor_desktop.domain import CONTENT_TYPES
from tests.support.images import (
    MARKER_RGB,
    pdf_bytes,
    photo_like_image,
    write_pdf,
    write_photo_jpeg,
    write_plain_jpeg,
    write_png,
    write_sparse_file,
)


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 12 MP phone photo stored landscape with EXIF orientation 6, GPS, ICC, XMP and a comment."""
    return write_photo_jpeg(tmp_path_factory.mktemp("photo") / "IMG_20261128_091500.jpg")


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def is_marker(pixel: tuple[int, ...]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel[:3], MARKER_RGB, strict=True))


def rejected(call, *args) -> AttachmentRejected:  # type: ignore[no-untyped-def]
    with pytest.raises(AttachmentRejected) as caught:
        call(*args)
    return caught.value


# --- photos ---------------------------------------------------------------------------------------


def test_phone_photo_is_rotated_downscaled_and_small(phone_photo: Path) -> None:
    result = process_file(phone_photo)

    assert result.content_type == "image/jpeg"
    assert result.content_type in CONTENT_TYPES
    assert result.filename == "IMG_20261128_091500.jpg"
    assert result.original_size == phone_photo.stat().st_size
    assert result.sha256 == hashlib.sha256(result.data).hexdigest()
    assert len(result.data) < 1_000_000 < result.original_size

    image = decoded(result.data)
    assert image.format == "JPEG"
    assert image.size == (1200, 1600)  # orientation 6: the stored landscape is shown portrait
    # Orientation 6 turns the stored image 90 degrees clockwise: its top-left corner ends top-right.
    assert is_marker(image.getpixel((1200 - 20, 20)))
    assert not is_marker(image.getpixel((20, 20)))


def test_phone_photo_loses_exif_gps_xmp_icc_and_comment(phone_photo: Path) -> None:
    source = Image.open(phone_photo)
    assert source.getexif().get_ifd(0x8825), "the test photo must carry GPS to begin with"
    assert {"icc_profile", "xmp", "comment"} <= set(source.info)

    data = process_file(phone_photo).data
    image = decoded(data)
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(0x8825)
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
    assert b"Exif" not in data and b"ContohPonsel" not in data and b"lokasi rahasia" not in data


def test_processing_is_deterministic(phone_photo: Path) -> None:
    first = process_file(phone_photo)
    second = process_bytes(phone_photo.read_bytes(), phone_photo.name)
    assert first == second
    assert first.sha256 == process_file(phone_photo).sha256


def test_small_jpeg_keeps_its_pixels_and_loses_its_metadata(tmp_path: Path) -> None:
    # Tagged sRGB: dropping that profile changes no colour, so the lossless path still applies.
    path = write_photo_jpeg(tmp_path / "kecil.jpg", (1200, 900), orientation=1, icc=True, quality=85)
    original = path.read_bytes()

    result = process_file(path)

    assert result.content_type == "image/jpeg"
    assert result.data != original and len(result.data) < len(original)
    assert decoded(result.data).tobytes() == decoded(original).tobytes()  # lossless: no re-encoding
    image = decoded(result.data)
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
    assert process_file(path).sha256 == result.sha256


def test_unreadable_icc_profile_does_not_block_the_photo(tmp_path: Path) -> None:
    path = tmp_path / "profil-rusak.jpg"
    photo_like_image((2000, 1500)).save(path, "JPEG", icc_profile=b"bukan profil warna" * 10)

    image = decoded(process_file(path).data)

    assert image.size == (1600, 1200) and "icc_profile" not in image.info


def test_small_jpeg_at_quality_100_is_reencoded_smaller(tmp_path: Path) -> None:
    path = write_plain_jpeg(tmp_path / "besar.jpg", (1200, 900), quality=100)

    result = process_file(path)

    assert len(result.data) < len(path.read_bytes()) * 2 / 3
    assert decoded(result.data).size == (1200, 900)


def test_small_jpeg_with_orientation_is_rotated(tmp_path: Path) -> None:
    path = write_photo_jpeg(tmp_path / "putar.jpg", (800, 600), orientation=6, icc=False)

    image = decoded(process_file(path).data)

    assert image.size == (600, 800)
    assert is_marker(image.getpixel((600 - 10, 10)))
    assert len(image.getexif()) == 0


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    path = tmp_path / "cetak.jpg"
    photo_like_image((2000, 1500)).convert("CMYK").save(path, "JPEG", quality=90)

    image = decoded(process_file(path).data)

    assert image.mode == "RGB"
    assert image.size == (1600, 1200)


def test_strip_keeps_progressive_scans_and_drops_bytes_after_the_image() -> None:
    buffer = io.BytesIO()
    photo_like_image((640, 480)).save(buffer, "JPEG", progressive=True, comment=b"rahasia")
    original = buffer.getvalue()

    stripped = strip_jpeg_metadata(original + b"data tersembunyi setelah gambar")

    assert stripped is not None
    assert stripped.endswith(b"\xff\xd9") and b"rahasia" not in stripped
    assert decoded(stripped).tobytes() == decoded(original).tobytes()


# --- PNG ------------------------------------------------------------------------------------------


def test_png_with_transparency_stays_png(tmp_path: Path) -> None:
    path = write_png(tmp_path / "logo.png", (800, 600), alpha=True)

    result = process_file(path)

    assert result.content_type == "image/png"
    assert result.filename == "logo.png"
    image = decoded(result.data)
    assert image.mode == "RGBA"
    assert image.getpixel((300, 225))[3] == 0  # inside the transparent hole
    assert not {"Author", "Comment"} & set(image.info)
    assert b"Sekretaris Desa" not in result.data


def test_screenshot_stays_png_and_is_downscaled(tmp_path: Path) -> None:
    path = write_png(tmp_path / "tangkapan.png", (3200, 1800))

    result = process_file(path)

    assert result.content_type == "image/png"
    assert decoded(result.data).size == (1600, 900)
    assert b"catatan pribadi" not in result.data


def test_photo_saved_as_png_becomes_jpeg(tmp_path: Path) -> None:
    path = write_png(tmp_path / "foto.png", (1600, 1200), kind="photo")

    result = process_file(path)

    assert result.content_type == "image/jpeg"
    assert result.filename == "foto.jpg"
    assert len(result.data) < path.stat().st_size / 3
    assert process_file(path).sha256 == result.sha256


def test_opaque_alpha_channel_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "buram.png"
    Image.new("RGBA", (300, 200), (10, 120, 200, 255)).save(path)

    image = decoded(process_file(path).data)

    assert image.mode == "RGB"


def test_16_bit_greyscale_scan_keeps_its_tones(tmp_path: Path) -> None:
    path = tmp_path / "pindai.png"
    grey = Image.new("I;16", (400, 300), 32768)  # mid grey in 16 bits
    grey.save(path)

    image = decoded(process_file(path).data)

    assert image.mode == "L"
    assert 120 <= image.getpixel((10, 10)) <= 136


def test_transparent_png_too_big_for_png_becomes_jpeg_on_white(tmp_path: Path) -> None:
    # Random noise does not compress: 1600x1600 RGBA as PNG is ~10 MB.
    noise = Image.frombytes("RGB", (1600, 1600), os.urandom(1600 * 1600 * 3)).convert("RGBA")
    ImageDraw.Draw(noise).rectangle((0, 0, 99, 99), fill=(0, 0, 0, 0))
    path = tmp_path / "derau.png"
    noise.save(path, compress_level=1)
    assert path.stat().st_size > MAX_STORED_BYTES

    result = process_file(path)

    assert result.content_type == "image/jpeg"
    assert result.filename == "derau.jpg"
    assert len(result.data) <= MAX_STORED_BYTES
    assert decoded(result.data).getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=8)


# --- content decides the type --------------------------------------------------------------------


def test_text_named_jpg_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_text("Ini bukan foto, hanya catatan.\n", encoding="utf-8")

    error = rejected(process_file, path)

    assert error.reason == RejectReason.NOT_RECOGNIZED
    assert "foto.jpg" in error.message and "bukan gambar JPEG" in error.message
    assert "teks biasa" in error.message


def test_html_named_pdf_is_refused() -> None:
    page = b"<!DOCTYPE html><html><head><title>Login Wi-Fi</title></head><body>Masuk</body></html>"

    error = rejected(process_bytes, page, "surat.pdf")

    assert error.reason == RejectReason.NOT_RECOGNIZED
    assert "bukan dokumen PDF" in error.message and "HTML" in error.message


def test_png_named_pdf_is_accepted_and_renamed(tmp_path: Path) -> None:
    data = write_png(tmp_path / "x.png", (400, 300)).read_bytes()

    result = process_bytes(data, "surat.pdf")

    assert result.content_type == "image/png"
    assert result.filename == "surat.png"


def test_png_named_jpg_is_accepted_and_renamed(tmp_path: Path) -> None:
    data = write_png(tmp_path / "x.png", (400, 300)).read_bytes()

    assert process_bytes(data, "foto.JPG").filename == "foto.png"


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"GIF89a" + bytes(40), "animasi.gif", "GIF"),
        (b"\x00\x00\x00\x18ftypheic" + bytes(40), "IMG_0001.HEIC", "HEIC"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(40), "stiker.webp", "WebP"),
        (b"PK\x03\x04" + bytes(40), "surat.docx", "PDF terlebih dahulu"),
    ],
)
def test_other_formats_are_refused_with_advice(head: bytes, name: str, expected: str) -> None:
    error = rejected(process_bytes, head, name)

    assert error.reason == RejectReason.UNSUPPORTED_FORMAT
    assert expected in error.message and "JPG" in error.message


def test_truncated_jpeg_is_refused(phone_photo: Path) -> None:
    data = phone_photo.read_bytes()

    error = rejected(process_bytes, data[: len(data) * 6 // 10], "IMG.jpg")

    assert error.reason == RejectReason.CORRUPT
    assert "terpotong" in error.message


def test_truncated_small_jpeg_is_refused(tmp_path: Path) -> None:
    data = write_plain_jpeg(tmp_path / "kecil.jpg", (640, 480)).read_bytes()

    assert rejected(process_bytes, data[: len(data) // 2], "kecil.jpg").reason == RejectReason.CORRUPT


def test_truncated_png_is_refused(tmp_path: Path) -> None:
    data = write_png(tmp_path / "x.png", (800, 600), kind="photo").read_bytes()

    assert rejected(process_bytes, data[: len(data) // 2], "x.png").reason == RejectReason.CORRUPT


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kosong.jpg"
    path.write_bytes(b"")

    error = rejected(process_file, path)

    assert error.reason == RejectReason.EMPTY and "kosong" in error.message
    assert rejected(process_bytes, b"", "kosong.pdf").reason == RejectReason.EMPTY


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    assert rejected(process_file, tmp_path / "tidak-ada.jpg").reason == RejectReason.UNREADABLE
    assert rejected(process_file, tmp_path).reason == RejectReason.UNREADABLE


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_is_kept_byte_for_byte(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "Surat Keterangan.pdf", pages=2)

    result = process_file(path)

    assert result.data == path.read_bytes()
    assert result.content_type == "application/pdf"
    assert result.filename == "Surat Keterangan.pdf"
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_truncated_pdf_is_refused() -> None:
    data = pdf_bytes(pages=3)

    error = rejected(process_bytes, data[: len(data) - 200], "surat.pdf")

    assert error.reason == RejectReason.CORRUPT and "tidak utuh" in error.message


def test_pdf_over_5_mib_is_refused(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "besar.pdf", size=6 * 1024 * 1024)

    error = rejected(process_file, path)

    assert error.reason == RejectReason.TOO_LARGE
    assert error.message.startswith("PDF terlalu besar: maksimal 5 MB, berkas ini 6,0 MB.")
    assert rejected(process_bytes, path.read_bytes(), "besar.pdf").reason == RejectReason.TOO_LARGE


def test_pdf_of_exactly_5_mib_is_accepted() -> None:
    data = pdf_bytes(size=MAX_STORED_BYTES)

    assert process_bytes(data, "pas.pdf").data == data
    assert rejected(process_bytes, pdf_bytes(size=MAX_STORED_BYTES + 1), "lebih.pdf").message.startswith(
        "PDF terlalu besar: maksimal 5 MB, berkas ini 5,1 MB."
    )


# --- size and pixel limits -----------------------------------------------------------------------


def test_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = write_sparse_file(tmp_path / "video.jpg", 50_000_000)

    tracemalloc.start()
    try:
        error = rejected(process_file, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert error.reason == RejectReason.INPUT_TOO_LARGE
    assert f"maksimal {MAX_INPUT_BYTES // 1024 // 1024} MB, berkas ini 47,7 MB" in error.message
    assert peak < 1_000_000


def write_png_header_only_image(path: Path, size: tuple[int, int]) -> Path:
    """A real 1-bit black PNG of `size`, streamed row by row so the test never holds it in memory."""
    width, height = size

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes((width + 7) // 8)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


@pytest.mark.parametrize("size", [(10_000, 6_000), (15_000, 15_000)])
def test_decompression_bombs_are_refused(tmp_path: Path, size: tuple[int, int]) -> None:
    # 60 MP is over this module's PNG limit; 225 MP also trips Pillow's own DecompressionBombError.
    path = write_png_header_only_image(tmp_path / "bom.png", size)
    assert path.stat().st_size < 100_000

    error = rejected(process_file, path)

    assert error.reason == RejectReason.TOO_MANY_PIXELS
    assert "terlalu besar" in error.message


def test_absurdly_thin_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garis.png"
    Image.new("RGB", (4000, 100), (200, 10, 10)).save(path)

    assert rejected(process_file, path).reason == RejectReason.BAD_DIMENSIONS


# --- names and numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "content_type", "expected"),
    [
        ("C:\\Users\\desa\\Pictures\\foto.HEIC", "image/jpeg", "foto.jpg"),
        ("/home/desa/IMG_1.JPEG", "image/jpeg", "IMG_1.JPEG"),
        ("scan.2024", "application/pdf", "scan.2024.pdf"),
        (".jpg", "image/jpeg", "lampiran.jpg"),
        ("jalan\x00rusak\n.png", "image/png", "jalanrusak.png"),
        ("a" * 300 + ".pdf", "application/pdf", "a" * 196 + ".pdf"),
    ],
)
def test_output_filename(given: str, content_type: str, expected: str) -> None:
    assert output_filename(given, content_type) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [(int(7.3 * 1024 * 1024), "7,3"), (MAX_STORED_BYTES + 1, "5,1"), (6 * 1024 * 1024, "6,0")],
)
def test_format_megabytes(size: int, expected: str) -> None:
    assert format_megabytes(size) == expected
