"""SIGKILL in the middle of saving leaves the old or the new state, never half of one."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from tests.support.images import write_photo_jpeg, write_plain_jpeg

WRITER = Path(__file__).with_name("crash_writer.py")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def check_consistent(data_dir: Path) -> tuple[int, int]:
    connection = sqlite3.connect(data_dir / "lapor.db", isolation_level=None)
    try:
        return _check(connection, data_dir)
    finally:
        connection.close()


def _check(connection: sqlite3.Connection, data_dir: Path) -> tuple[int, int]:
    reports = connection.execute("SELECT id, state, title, local_ref FROM reports").fetchall()
    for report_id, state, title, local_ref in reports:
        actions = [
            r[0] for r in connection.execute("SELECT action FROM audit_log WHERE report_id=?", (report_id,))
        ]
        assert actions[0] == "created", (report_id, actions)
        assert local_ref and title.startswith("Laporan uji")
        if state == "queued":
            assert "queued" in actions
    links = connection.execute(
        "SELECT ra.sha256, a.size FROM report_attachments ra JOIN attachments a USING (sha256)"
    )
    for sha256, size in links:
        blob = data_dir / "attachments" / sha256[:2] / sha256
        data = blob.read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == sha256
    assert (
        connection.execute("SELECT COUNT(*) FROM report_attachments").fetchone()[0]
        == connection.execute(
            "SELECT COUNT(*) FROM report_attachments ra JOIN attachments a USING (sha256)"
        ).fetchone()[0]
    )
    known = {r[0] for r in connection.execute("SELECT sha256 FROM attachments")}
    referenced = {r[0] for r in connection.execute("SELECT sha256 FROM report_attachments")}
    on_disk = {p.name for p in (data_dir / "attachments").glob("??/*") if not p.name.startswith(".")}
    temp_files = list((data_dir / "attachments").glob("??/.*"))
    assert known == referenced == on_disk, (known - referenced, on_disk - known)
    assert temp_files == []
    assert connection.execute("SELECT COUNT(*) FROM pending_blobs").fetchone()[0] == 0
    connection.execute("INSERT INTO report_fts(report_fts) VALUES ('integrity-check')")
    return len(reports), len(on_disk)


@pytest.mark.slow
def test_sigkill_during_saves_never_leaves_half_a_report(office_dir: Path, tmp_path: Path):
    photos = [
        write_photo_jpeg(tmp_path / "a.jpg", (2000, 1500), seed=1),
        write_plain_jpeg(tmp_path / "b.jpg", seed=2),
        write_photo_jpeg(tmp_path / "c.jpg", (1800, 1200), seed=3, orientation=1),
    ]
    open_app(office_dir).close()  # migrate once so every run spends its time saving
    rng = random.Random(20261129)
    kills = 0
    for _ in range(12):
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(office_dir), *map(str, photos)],
            stdout=subprocess.PIPE,
            text=True,
        )
        # Wait for the first save so the kill lands while saving, not while importing.
        assert process.stdout is not None
        process.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        kills += 1
        with open_app(office_dir):  # the next start runs recovery
            pass
        check_consistent(office_dir)
    reports, blobs = check_consistent(office_dir)
    assert kills == 12 and reports > 12 and blobs >= 1


def test_killed_after_attachment_written_before_report_saved(office_dir: Path, tmp_path: Path):
    """The narrowest window: the blob is on disk, the report naming it never committed."""
    photo = write_photo_jpeg(tmp_path / "a.jpg", (1600, 1200), seed=4)
    script = (
        "import os, signal, sys; sys.path.insert(0, '.'); from pathlib import Path;"
        "from lapor_desktop.app import open_app;"
        f"app = open_app(Path({str(office_dir)!r}));"
        f"app.reports.import_attachments([Path({str(photo)!r})]);"
        "os.kill(os.getpid(), signal.SIGKILL)"
    )
    process = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert len(list((office_dir / "attachments").glob("??/*"))) == 1  # the orphan exists before recovery
    open_app(office_dir).close()  # the next start runs recovery
    assert check_consistent(office_dir) == (0, 0)
