"""What the crash tests run in a child process until it is killed with SIGKILL."""

from __future__ import annotations

import dataclasses
import os
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from lapor_desktop.app import open_app
from tests.support.reports import valid_content


def title(run: int, n: int, *, edited: bool = False) -> str:
    return f"Laporan uji {run}-{n}" + (" (diubah)" if edited else "")


def save_until_killed(data_dir: Path, photos: list[Path], run: int, done: Connection) -> None:
    """Records, edits and queues reports as fast as it can; sends each step once it is committed.

    Each message (``("imported"|"created"|"edited"|"queued", n, report_id)``) is
    a promise: that step is on disk and must survive the kill.
    """
    app = open_app(data_dir)
    n = 0
    while True:
        n += 1
        refs = app.reports.import_attachments([photos[n % len(photos)], photos[(n + 1) % len(photos)]])
        done.send(("imported", n, None))
        report = app.reports.create(valid_content(title=title(run, n), attachments=tuple(refs)))
        done.send(("created", n, report.id))
        edited = dataclasses.replace(
            report.content, title=title(run, n, edited=True), attachments=tuple(refs[:1])
        )
        app.reports.update(report.id, edited)
        done.send(("edited", n, report.id))
        app.reports.queue(report.id)
        done.send(("queued", n, report.id))


def import_then_die(data_dir: Path, photo: Path) -> None:
    """The narrowest window: the blob is on disk, the report naming it never committed."""
    open_app(data_dir).reports.import_attachments([photo])
    os.kill(os.getpid(), signal.SIGKILL)


def sync_until_done(data_dir: Path) -> None:
    """`lapor-desktop --data-dir DIR sync`, as the command line runs it."""
    from lapor_desktop.__main__ import run_cli

    raise SystemExit(run_cli(["--data-dir", str(data_dir), "sync"]))
