"""How much attachment processing costs, against a bare decode measured in the same run.

Run: ``python tests/benchmarks/bench_attachments.py [--repeat N]``

Prints, for a 4000x3000 phone-like JPEG (EXIF orientation 6, GPS, ICC), the three cases taking
turns round by round: a bare ``Image.open().load()`` (the baseline), `process_bytes` with
``draft()`` and the same path without ``draft()`` (median, range, p90, worst, ratio per round),
bytes in/out, and how close the draft output is to the no-draft output (PSNR). Then the
measurements behind the encoder settings and the small-JPEG and PNG policies (medians).
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image, ImageChops  # noqa: E402

from lapor_desktop.attachments import processing as ap  # noqa: E402
from tests.benchmarks import stats  # noqa: E402
from tests.support.images import (  # noqa: E402
    photo_exif,
    photo_like_image,
    screenshot_like_image,
    write_photo_jpeg,
)


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm-up: first-call imports and allocator growth are not what we measure
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def psnr(a: Image.Image, b: Image.Image) -> float:
    a, b = a.convert("RGB"), b.convert("RGB")
    histogram = ImageChops.difference(a, b).histogram()
    mse = sum(count * (index % 256) ** 2 for index, count in enumerate(histogram)) / (a.width * a.height * 3)
    return 99.0 if mse == 0 else 10 * math.log10(255**2 / mse)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def table(title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n{title}")
    for index, row in enumerate(cells):
        print(
            "  "
            + "  ".join(
                cell.rjust(w) if i else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if index == 0:
            print("  " + "  ".join("-" * w for w in widths))


def bench_photo(data: bytes, repeat: int) -> list[stats.Row]:
    samples = stats.alternate(
        {
            "bare": lambda: decode(data),
            "draft": lambda: ap.process_bytes(data, "foto.jpg"),
            "plain": lambda: ap._process_jpeg(data, "foto.jpg", use_draft=False),
        },
        repeat,
    )
    out_draft = ap.process_bytes(data, "foto.jpg").data
    out_plain, _ = ap._process_jpeg(data, "foto.jpg", use_draft=False)
    shipped = stats.ratios(samples["draft"], samples["bare"])
    size = decode(out_draft).size
    print(f"\n4000x3000 phone JPEG -> {size[0]}x{size[1]}, {repeat} rounds, cases alternated")
    print(stats.header())
    print(stats.line("baseline: bare Image.open().load()", stats.Summary.of(samples["bare"])))
    print(
        stats.line("process_bytes with draft() (shipped)", stats.Summary.of(samples["draft"]), ratio=shipped)
    )
    print(
        stats.line(
            "the same path without draft()",
            stats.Summary.of(samples["plain"]),
            ratio=stats.ratios(samples["plain"], samples["bare"]),
        )
    )
    print(
        f"  bytes in {len(data):,}, out {len(out_draft):,} ({len(out_draft) / len(data):.3f}); "
        f"PSNR of draft() against no draft(): {psnr(decode(out_draft), decode(out_plain)):.1f} dB"
    )
    return [
        stats.Row(
            "bench_attachments.py",
            "downscale a 4000x3000 phone JPEG",
            shipped.ratio_text(),
            "a bare Image.open().load() of it",
            f"{stats.Summary.of(samples['draft']).text('ms', 0)}; {len(out_draft) / len(data):.2f} of the input bytes",
        )
    ]


def bench_encoder(repeat: int) -> None:
    image = photo_like_image((1600, 1200), seed=7)
    rows = []
    for quality in (80, 82, 85, 88):
        for label, options in (
            ("baseline", {}),
            ("optimize", {"optimize": True}),
            ("progressive", {"progressive": True}),
        ):
            data = encode(image, "JPEG", quality=quality, **options)
            seconds = median_seconds(
                lambda q=quality, o=options: encode(image, "JPEG", quality=q, **o), repeat
            )
            rows.append(
                (quality, label, len(data), f"{seconds * 1000:.1f}", f"{psnr(decode(data), image):.1f}")
            )
    table("JPEG encoder settings on a 1600x1200 photo", ("quality", "mode", "bytes", "ms", "PSNR dB"), rows)


def bench_small_jpegs(repeat: int) -> None:
    source = photo_like_image((1200, 900), seed=5)
    rows = []
    for quality in (80, 85, 92, 95, 100):
        data = encode(source, "JPEG", quality=quality, exif=photo_exif(1).tobytes(), comment=b"catatan")
        stripped = ap.strip_jpeg_metadata(data) or b""
        reencoded = encode(decode(data), "JPEG", quality=ap.JPEG_QUALITY, optimize=True)
        shipped = ap.process_bytes(data, "kecil.jpg").data
        seconds = median_seconds(lambda d=data: ap.process_bytes(d, "kecil.jpg"), repeat)
        rows.append(
            (
                quality,
                len(data),
                len(stripped),
                len(reencoded),
                f"{psnr(decode(reencoded), decode(data)):.1f}",
                "kept (lossless)" if shipped == stripped else "re-encoded",
                f"{seconds * 1000:.0f}",
            )
        )
    table(
        "1200x900 JPEG (no resize needed): strip metadata losslessly vs re-encode at quality 85",
        ("orig q", "bytes in", "stripped", "re-encoded", "re-enc loss dB", "shipped", "ms"),
        rows,
    )


def bench_png(repeat: int) -> None:
    scan = Image.blend(
        screenshot_like_image((1240, 1754)).convert("L"), Image.effect_noise((1240, 1754), 30), 0.15
    )
    cases = {
        "screenshot 1920x1080": screenshot_like_image((1920, 1080)),
        "photo 1600x1200": photo_like_image((1600, 1200), seed=8),
        "noisy grey scan 1240x1754": scan,
    }
    rows = []
    for label, image in cases.items():
        data = encode(image, "PNG", compress_level=1)
        result = ap.process_bytes(data, "gambar.png")
        size = ap.target_size(image.size)
        resized = image.resize(size, Image.Resampling.LANCZOS) if size != image.size else image
        png1 = encode(resized, "PNG", compress_level=1)
        png6 = encode(resized, "PNG")
        jpeg = encode(resized, "JPEG", quality=ap.JPEG_QUALITY, optimize=True)
        seconds = median_seconds(lambda d=data: ap.process_bytes(d, "gambar.png"), repeat)
        rows.append(
            (label, len(png1), len(png6), len(jpeg), f"{len(png1) / len(jpeg):.1f}", result.content_type, len(result.data),
             f"{seconds * 1000:.0f}")
        )  # fmt: skip
    table(
        "PNG: keep PNG or convert to JPEG (after the 1600 px downscale)",
        ("input", "PNG level 1", "PNG level 6", "JPEG q85", "PNG1/JPEG", "shipped", "bytes out", "ms"),
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=15, help="rounds of the shipped path and its baseline")
    parser.add_argument(
        "--summary", help="append the headline rows as JSON lines (scripts/benchmark_table.py)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = write_photo_jpeg(Path(folder) / "foto.jpg").read_bytes()
    stats.record(args.summary, bench_photo(data, args.rounds))
    bench_encoder(args.repeat)
    bench_small_jpegs(args.repeat)
    bench_png(max(3, args.repeat // 2))


if __name__ == "__main__":
    main()
