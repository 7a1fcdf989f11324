"""`lapor-desktop sync` killed with SIGKILL at chosen points of the protocol, restarted each time."""

from __future__ import annotations

import os

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.domain import ReportState
from tests.support import crash
from tests.support.fault_proxy import FaultProxy, Hold
from tests.support.offices import make_office
from tests.support.processes import CHILD_TIMEOUT_S, start
from tests.support.reports import valid_content
from tests.support.training import running_training_server

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

BATCH = "/v1/reports/batch"
# Where each run is killed: (method, path, matching requests let through first, forwarded first).
# Held and unforwarded, the request never reached the server; forwarded, the server stored it and
# the answer never came. 120 reports go in batches of 50: every point below is reached.
KILL_POINTS = [
    ("POST", BATCH, 0, False),  # the first batch is lost on the way
    ("POST", BATCH, 0, True),  # stored, unanswered
    ("POST", BATCH, 1, True),  # the replay of that batch answered and recorded, the next one unanswered
    ("POST", BATCH, 0, False),
    ("GET", "/v1/ping", 0, False),  # before anything
    ("POST", BATCH, 1, False),
    ("POST", BATCH, 0, True),
    ("GET", "/v1/reports", 0, False),  # pulling statuses, after everything it could send was sent
]


def kill_at(proxy: FaultProxy, office, points) -> None:
    """Run `sync` once per point and SIGKILL it when the request of that point is held."""
    for method, path, skip, forward in points:
        hold = Hold(forward=forward)
        proxy.clear_rules()
        proxy.add_rule(hold, method=method, path=path, after=skip)
        process = start(crash.sync_until_done, office)
        try:
            reached = hold.held.wait(CHILD_TIMEOUT_S)
            process.kill()
            process.join(CHILD_TIMEOUT_S)
        finally:
            hold.release.set()
        assert reached, f"the sync ended before {method} {path} (after {skip}): {process.exitcode}"
    proxy.clear_rules()


def test_killed_sync_never_loses_or_duplicates_a_report(tmp_path):
    with (
        running_training_server(tmp_path) as (server, token),
        FaultProxy(server.base_url) as proxy,
    ):
        office = make_office(tmp_path / "desa", proxy.base_url, token)
        with open_app(office) as app:
            ids = [
                app.reports.create(valid_content(title=f"Laporan nomor {i}"), queue=True).id
                for i in range(120)
            ]
        kill_at(proxy, office, KILL_POINTS)

        final = start(crash.sync_until_done, office)
        final.join(CHILD_TIMEOUT_S)
        assert final.exitcode == 0  # everything sent and the statuses pulled

        on_server = {r.client_id: r.tracking_id for r in server.store.reports(limit=1000)}
        assert server.store.count_reports() == len(ids) == len(on_server)
        with open_app(office) as app:
            for report_id in ids:
                report = app.reports.get(report_id)
                assert report.state is ReportState.SENT
                assert report.tracking_id == on_server[report.client_id]
        stored_unanswered = [e for e in proxy.exchanges if e.action == "Hold" and e.forwarded]
        assert len(stored_unanswered) == sum(1 for point in KILL_POINTS if point[3])


# Replies: killed while a reply is on the way, stored unanswered, and while its attachment goes.
REPLY_KILL_POINTS = [
    ("POST", None, 0, False),  # the first reply is lost on the way
    ("POST", None, 0, True),  # stored, unanswered
    ("PUT", None, 0, True),  # an attachment stored, the reply never sent
    ("POST", None, 1, True),  # the replay answered and recorded, the next reply unanswered
]


def test_killed_sync_never_loses_or_duplicates_a_reply(tmp_path):
    from lapor_desktop.domain import ReplyState
    from tests.support.images import write_photo_jpeg

    with (
        running_training_server(tmp_path) as (server, token),
        FaultProxy(server.base_url) as proxy,
    ):
        office = make_office(tmp_path / "desa", proxy.base_url, token)
        with open_app(office) as app:
            ids = [
                app.reports.create(valid_content(title=f"Laporan nomor {i}"), queue=True).id for i in range(3)
            ]
        first = start(crash.sync_until_done, office)
        first.join(CHILD_TIMEOUT_S)
        assert first.exitcode == 0
        photos = [write_photo_jpeg(tmp_path / f"foto{i}.jpg", (640 + i, 480)) for i in range(3)]
        with open_app(office) as app:
            replies = [
                app.replies.record(report_id, f"Tanggapan warga nomor {i}: jalan masih rusak.", [photos[i]])
                for i, report_id in enumerate(ids)
            ]
        kill_at(proxy, office, REPLY_KILL_POINTS)
        final = start(crash.sync_until_done, office)
        final.join(CHILD_TIMEOUT_S)
        assert final.exitcode == 0

        with open_app(office) as app:
            for reply in replies:
                assert app.replies.get(reply.id).state is ReplyState.SENT
            tracking = {app.reports.get(i).tracking_id: i for i in ids}
        stored = {r.tracking_id: r.id for r in server.store.reports(limit=10)}
        responses = server.store.responses(list(stored.values()))
        on_server = sorted(
            r.client_id
            for tracking_id in tracking
            for r in responses.get(stored[tracking_id], [])
            if r.role == "reporter"
        )
        assert on_server == sorted(reply.client_id for reply in replies)  # each exactly once
