"""SIGKILL in the middle of saving leaves the old or the new state, never half of one."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from tests.support import crash
from tests.support.images import write_photo_jpeg, write_plain_jpeg
from tests.support.processes import CHILD_TIMEOUT_S, pipe, start

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


RUNS = 12


def kill_after(process: BaseProcess, done: Connection, steps: int) -> list[tuple[str, int, int | None]]:
    """SIGKILL `process` right after it reported `steps` committed steps; every step it reported."""
    reported = []
    for _ in range(steps):
        assert done.poll(CHILD_TIMEOUT_S), "the writer stopped reporting"
        reported.append(done.recv())
    process.kill()
    process.join(CHILD_TIMEOUT_S)
    assert process.exitcode == -signal.SIGKILL
    while done.poll():  # what it committed (and said so) between that step and the kill
        try:
            reported.append(done.recv())
        except EOFError:
            break
    return reported


def check_old_or_new(data_dir: Path, run: int, reported: list[tuple[str, int, int | None]]) -> int:
    """Each report of `run` is wholly before or wholly after each step; every reported step is there."""
    connection = sqlite3.connect(data_dir / "lapor.db", isolation_level=None)
    try:
        rows = connection.execute(
            "SELECT r.id, r.state, r.title, COUNT(ra.sha256) FROM reports r"
            " LEFT JOIN report_attachments ra ON ra.report_id = r.id"
            " WHERE r.title LIKE ? GROUP BY r.id",
            (f"Laporan uji {run}-%",),
        ).fetchall()
    finally:
        connection.close()
    steps = {(step, n) for step, n, _ in reported}
    created = {n for step, n in steps if step == "created"}
    found = {}
    for report_id, state, title, attachments in rows:
        n = int(title.removeprefix(f"Laporan uji {run}-").split()[0])
        found[n] = report_id
        edited = title == crash.title(run, n, edited=True)
        # The edit changes the title and the attachments in one transaction: never one without the other.
        assert (title, attachments) in ((crash.title(run, n), 2), (crash.title(run, n, edited=True), 1))
        assert state in ("draft", "queued") and (state == "draft" or edited)
        assert edited or ("edited", n) not in steps
        assert state == "queued" or ("queued", n) not in steps
    assert created <= set(found), "a report the writer had saved is gone"
    assert len(set(found) - created) <= 1, "more than the one report being saved at the kill"
    assert {found[n] for n in created} == {rid for step, n, rid in reported if step == "created"}
    return len(found)


@pytest.mark.slow
def test_sigkill_during_saves_never_leaves_half_a_report(office_dir: Path, tmp_path: Path):
    """Killed right after its 1st to 8th committed step: each part of a save, of a first and a later report."""
    # One to rotate (re-encoded), one kept as it is, one stripped of its metadata; small, so that
    # the runs spend their time committing rather than resizing.
    photos = [
        write_photo_jpeg(tmp_path / "a.jpg", (800, 600), seed=1, orientation=6),
        write_plain_jpeg(tmp_path / "b.jpg", (640, 480), seed=2),
        write_photo_jpeg(tmp_path / "c.jpg", (640, 480), seed=3, orientation=1),
    ]
    open_app(office_dir).close()  # migrate once so every run spends its time saving
    rng = random.Random(20261129)
    saved = 0
    for run in range(RUNS):
        done, child_end = pipe()
        process = start(crash.save_until_killed, office_dir, photos, run, child_end)
        child_end.close()
        reported = kill_after(process, done, steps=1 + run % 8 if run < 8 else rng.randint(1, 8))
        with open_app(office_dir):  # the next start runs recovery
            pass
        check_consistent(office_dir)
        saved += check_old_or_new(office_dir, run, reported)
    reports, blobs = check_consistent(office_dir)
    assert reports == saved >= RUNS // 4 and blobs >= 1


def test_killed_after_attachment_written_before_report_saved(office_dir: Path, tmp_path: Path):
    """The narrowest window: the blob is on disk, the report naming it never committed."""
    photo = write_photo_jpeg(tmp_path / "a.jpg", (1600, 1200), seed=4)
    process = start(crash.import_then_die, office_dir, photo)
    process.join(CHILD_TIMEOUT_S)
    assert process.exitcode == -signal.SIGKILL
    assert len(list((office_dir / "attachments").glob("??/*"))) == 1  # the orphan exists before recovery
    open_app(office_dir).close()  # the next start runs recovery
    assert check_consistent(office_dir) == (0, 0)
