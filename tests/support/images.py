"""Real attachment files for tests and benchmarks: photo-like JPEGs with EXIF, PNGs, small PDFs.

Everything is made with Pillow or written byte by byte, so the files are what a phone, a
screenshot tool or a PDF writer would hand the app, not mocks.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter

# The stored (not displayed) top-left corner of `photo_like_image` is painted this colour, so a test
# can check where EXIF rotation moved it.
MARKER_RGB = (230, 20, 20)
MARKER_FRACTION = 8  # the marker covers 1/8 of each side


def photo_like_image(size: tuple[int, int] = (4000, 3000), seed: int = 1) -> Image.Image:
    """An RGB image that compresses like a photo: smooth gradients, shapes, blur and sensor-like noise."""
    rng = random.Random(seed)
    width, height = size
    # Gradients are generated small and scaled up: cheap, and smooth like sky or walls.
    small = (max(2, width // 16), max(2, height // 16))
    red = Image.linear_gradient("L").resize(small)
    green = Image.linear_gradient("L").rotate(90).resize(small)
    blue = Image.radial_gradient("L").resize(small)
    base = Image.merge("RGB", (red, green, blue)).resize(size, Image.Resampling.BICUBIC)

    draw = ImageDraw.Draw(base)
    for _ in range(60):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1, y1 = x0 + rng.randrange(20, width // 3), y0 + rng.randrange(20, height // 3)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        if rng.random() < 0.5:
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        else:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(radius=max(1, width // 800)))

    # Texture like foliage or fabric: fine noise, lightly blurred, then sensor grain on top.
    texture = Image.effect_noise(size, 40).filter(ImageFilter.GaussianBlur(1))
    grain = Image.effect_noise(size, 12)
    textured = Image.merge(
        "RGB",
        tuple(Image.blend(channel, texture, 0.25) for channel in base.split()),
    )
    photo = Image.merge("RGB", tuple(Image.blend(channel, grain, 0.08) for channel in textured.split()))

    marker = (0, 0, width // MARKER_FRACTION, height // MARKER_FRACTION)
    ImageDraw.Draw(photo).rectangle(marker, fill=MARKER_RGB)
    return photo


def photo_exif(orientation: int | None = 6, gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ContohPonsel"
    exif[ExifTags.Base.Model] = "Model X 12MP"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[ExifTags.Base.DateTimeOriginal] = "2026:11:28 09:15:00"
    if gps:
        location = exif.get_ifd(ExifTags.IFD.GPSInfo)
        location[ExifTags.GPS.GPSLatitudeRef] = "S"
        location[ExifTags.GPS.GPSLatitude] = (5.0, 25.0, 12.5)
        location[ExifTags.GPS.GPSLongitudeRef] = "E"
        location[ExifTags.GPS.GPSLongitude] = (105.0, 15.0, 48.0)
    return exif


def srgb_icc_bytes() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def write_photo_jpeg(
    path: Path,
    size: tuple[int, int] = (4000, 3000),
    *,
    orientation: int | None = 6,
    gps: bool = True,
    quality: int = 92,
    icc: bool = True,
    comment: bool = True,
    xmp: bool = True,
    seed: int = 1,
    image: Image.Image | None = None,
) -> Path:
    """A phone-like JPEG: EXIF (orientation, camera, date, optional GPS), ICC, comment and XMP."""
    picture = image if image is not None else photo_like_image(size, seed)
    options: dict[str, object] = {"quality": quality, "exif": photo_exif(orientation, gps).tobytes()}
    if icc:
        options["icc_profile"] = srgb_icc_bytes()
    if comment:
        options["comment"] = b"Diambil di Balai Desa"
    if xmp:
        options["xmp"] = (
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b"<rdf:Description>lokasi rahasia</rdf:Description></rdf:RDF></x:xmpmeta>"
        )
    picture.save(path, "JPEG", **options)
    return path


def write_plain_jpeg(
    path: Path, size: tuple[int, int] = (1200, 900), quality: int = 85, seed: int = 2
) -> Path:
    """A JPEG with no metadata at all, as an already-processed or web image would be."""
    photo_like_image(size, seed).save(path, "JPEG", quality=quality)
    return path


def screenshot_like_image(size: tuple[int, int] = (1920, 1080), mode: str = "RGB") -> Image.Image:
    """Flat colours and text-like strokes: what a screenshot or a form looks like."""
    image = Image.new(mode, size, (245, 245, 245, 255) if mode == "RGBA" else (245, 245, 245))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, 0, width, height // 14), fill=(30, 90, 160))
    rng = random.Random(3)
    for row in range(height // 14 + 20, height - 20, 28):
        x = 40
        while x < width - 120:
            word = rng.randrange(20, 110)
            draw.rectangle((x, row, x + word, row + 12), fill=(40, 40, 40))
            x += word + 14
    return image


def write_png(
    path: Path,
    size: tuple[int, int] = (1920, 1080),
    *,
    kind: str = "screenshot",
    alpha: bool = False,
    text_chunk: bool = True,
) -> Path:
    """A PNG: `kind` is "screenshot" (flat) or "photo" (photo-like); `alpha` punches a transparent hole."""
    from PIL import PngImagePlugin

    if kind == "photo":
        image = photo_like_image(size)
    else:
        image = screenshot_like_image(size)
    if alpha:
        image = image.convert("RGBA")
        mask = Image.new("L", size, 255)
        ImageDraw.Draw(mask).ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=0)
        image.putalpha(mask)
    options: dict[str, object] = {}
    if text_chunk:
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", "Sekretaris Desa")
        info.add_text("Comment", "catatan pribadi")
        options["pnginfo"] = info
    image.save(path, "PNG", **options)
    return path


def pdf_bytes(pages: int = 1, size: int | None = None) -> bytes:
    """A small valid PDF (correct xref offsets); with `size`, exactly that long via an unused stream."""
    if size is None:
        return _pdf(pages, None)
    filler = max(0, size - len(_pdf(pages, 0)))
    for _ in range(3):  # the /Length and offset digits may grow with the filler: settle in a few steps
        data = _pdf(pages, filler)
        if len(data) == size:
            return data
        filler += size - len(data)
    raise ValueError(f"cannot make a PDF of exactly {size} bytes")


def _pdf(pages: int, filler: int | None) -> bytes:
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(pages))
        + f"] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i in range(pages):
        text = f"BT /F1 18 Tf 72 720 Td (Surat keterangan halaman {i + 1}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
    if filler is not None:
        block = bytes(random.Random(4).randrange(256) for _ in range(4096))
        stuffing = (block * (filler // len(block) + 1))[:filler]
        objects.append(b"<< /Length %d >>\nstream\n" % len(stuffing) + stuffing + b"\nendstream")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def write_pdf(path: Path, pages: int = 1, size: int | None = None) -> Path:
    path.write_bytes(pdf_bytes(pages, size))
    return path


def write_sparse_file(path: Path, size: int, head: bytes = b"\xff\xd8\xff\xe0") -> Path:
    """A file of `size` bytes that takes no disk space (a hole after `head`)."""
    with open(path, "wb") as handle:
        handle.write(head)
    os.truncate(path, size)
    return path
