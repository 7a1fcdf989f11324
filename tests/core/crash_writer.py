"""Run by test_crash_safety in a subprocess that is killed with SIGKILL at random moments.

Keeps recording reports with attachments and editing them, as fast as it can.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lapor_desktop.app import open_app  # noqa: E402
from tests.support.reports import valid_content  # noqa: E402


def main(data_dir: Path, photos: list[Path]) -> None:
    app = open_app(data_dir)
    n = 0
    while True:
        n += 1
        refs = app.reports.import_attachments([photos[n % len(photos)], photos[(n + 1) % len(photos)]])
        report = app.reports.create(valid_content(title=f"Laporan uji ke-{n}", attachments=tuple(refs)))
        edited = dataclasses.replace(
            report.content, title=f"Laporan uji ke-{n} (diubah)", attachments=tuple(refs[:1])
        )
        app.reports.update(report.id, edited)
        app.reports.queue(report.id)
        print(n, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
