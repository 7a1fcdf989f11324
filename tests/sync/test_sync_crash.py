"""`lapor-desktop sync` killed with SIGKILL at random moments, restarted each time."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.domain import ReportState
from tests.support.offices import make_office
from tests.support.reports import valid_content
from tests.support.training import running_training_server

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]


def sync_command(office: Path) -> list[str]:
    return [sys.executable, "-m", "lapor_desktop", "--data-dir", str(office), "sync"]


def test_killed_sync_never_loses_or_duplicates_a_report(tmp_path):
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # Every request takes 0.15 s, so kills land before, during and after the server stores a batch.
    with running_training_server(tmp_path, delay_s=0.15) as (server, token):
        office = make_office(tmp_path / "desa", server.base_url, token)
        with open_app(office) as app:
            ids = [
                app.reports.create(valid_content(title=f"Laporan nomor {i}"), queue=True).id
                for i in range(160)
            ]
        kills = 0
        for _ in range(15):
            process = subprocess.Popen(
                sync_command(office), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            time.sleep(rng.uniform(0.3, 1.6))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                kills += 1
            process.wait(timeout=60)
        final = subprocess.run(sync_command(office), env=env, capture_output=True, text=True, timeout=300)
        assert final.returncode == 0, final.stderr
        assert json.loads(final.stdout)["pending"] == 0
        assert kills >= 5

        on_server = {r.client_id: r.tracking_id for r in server.store.reports(limit=1000)}
        assert server.store.count_reports() == len(ids) == len(on_server)
        with open_app(office) as app:
            for report_id in ids:
                report = app.reports.get(report_id)
                assert report.state is ReportState.SENT
                assert report.tracking_id == on_server[report.client_id]
