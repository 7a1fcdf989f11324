"""The outbox end to end: real SQLite, real training server on 127.0.0.1, real faults."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.domain import RemoteStatus, ReportState
from sync.backoff import Backoff
from sync.engine import EXIT_CONFIG, EXIT_DONE, EXIT_TEMPFAIL, SyncEngine
from sync.training_server import add_response, add_token, set_status
from tests.support import fault_proxy as faults
from tests.support.images import write_pdf, write_photo_jpeg
from tests.support.offices import make_office
from tests.support.reports import valid_content

FAST = Backoff(base=0.05, cap=0.2, floor=0.01)


class InstantWaits(threading.Event):
    """A pass's cancel event whose waits return at once and are written down.

    The outbox pauses between retries by waiting on its cancel event; here the
    pause it asked for is checked instead of being sat through.
    """

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        return self.is_set()


@pytest.fixture
def office(tmp_path, server, token):
    return make_office(tmp_path / "desa", server.base_url, token)


def engine_for(app, **kwargs) -> SyncEngine:
    kwargs.setdefault("backoff", FAST)
    kwargs.setdefault("patience_s", 10.0)
    kwargs.setdefault("read_timeout", 5.0)
    return SyncEngine(app, **kwargs)


def queue_reports(app, n: int, **changes) -> list[int]:
    return [
        app.reports.create(valid_content(title=f"Laporan jalan rusak {i}", **changes), queue=True).id
        for i in range(n)
    ]


def test_sends_queue_with_attachments_exactly_once(office, server, tmp_path):
    photo = write_photo_jpeg(tmp_path / "jalan.jpg", (3000, 2000))
    pdf = write_pdf(tmp_path / "surat.pdf")
    with open_app(office) as app:
        refs = app.reports.import_attachments([photo, pdf])
        ids = queue_reports(app, 3, attachments=tuple(refs))
        draft = app.reports.create(valid_content()).id
        summary = engine_for(app).run_once()
        assert (summary.sent, summary.pending, summary.needs_fix, summary.exit_code) == (3, 0, 0, EXIT_DONE)
        assert summary.uploaded == 2  # shared by all three reports: each file goes once
        for report_id in ids:
            report = app.reports.get(report_id)
            stored = server.store.report(report.tracking_id)
            assert report.state is ReportState.SENT and stored is not None
            assert stored.client_id == report.client_id
            assert report.remote_status is RemoteStatus.PENDING_VERIFICATION
            assert [c.status for c in report.status_history] == [RemoteStatus.PENDING_VERIFICATION]
            assert app.reports.audit_trail(report_id)[-1].action == "sent"
        assert app.reports.get(draft).state is ReportState.DRAFT
        assert server.store.count_reports() == 3
        again = engine_for(app).run_once()
        assert (again.sent, again.uploaded) == (0, 0)
    assert all(server.store.has_attachment(r.sha256) for r in refs)


def test_server_validation_marks_only_that_report_needs_fix(office, server):
    with open_app(office) as app:
        good = queue_reports(app, 2)
        bad = app.reports.create(valid_content(category_code="kategori_tidak_ada"), queue=True).id
        summary = engine_for(app).run_once()
        assert (summary.sent, summary.needs_fix, summary.pending) == (2, 1, 0)
        report = app.reports.get(bad)
        assert report.state is ReportState.NEEDS_FIX
        assert "category_code" in report.fix_messages and report.fix_summary
        assert all(app.reports.get(i).state is ReportState.SENT for i in good)
        # The operator fixes the field and queues again: it goes out.
        app.reports.update(bad, dataclasses.replace(report.content, category_code="infrastruktur"))
        app.reports.queue(bad)
        assert engine_for(app).run_once().sent == 1
        assert app.reports.get(bad).tracking_id


def test_rejected_token_pauses_outbox_until_settings_change(office, server, tmp_path):
    from lapor_desktop.offices.token_store import save_token

    save_token(office, "token-yang-salah")
    with open_app(office) as app:
        ids = queue_reports(app, 2)
        summary = engine_for(app).run_once()
        assert summary.auth_problem and summary.exit_code == EXIT_CONFIG
        assert all(app.reports.get(i).state is ReportState.QUEUED for i in ids)  # nothing marked failed
        assert engine_for(app).run_once().auth_problem  # still paused, without asking the server
        save_token(office, add_token(server.data_dir, "Desa Way Huwi (baru)"))
        resumed = engine_for(app).run_once()
        assert resumed.auth_problem is None and resumed.sent == 2


def test_missing_settings_is_a_config_error(tmp_path):
    data = tmp_path / "kosong"
    make_office(data, "http://127.0.0.1:9/api", "x")
    (data / "server-token").unlink()
    with open_app(data) as app:
        summary = engine_for(app).run_once()
    assert summary.config_problem and summary.exit_code == EXIT_CONFIG


def test_pull_brings_status_history_and_responses(office, server):
    with open_app(office) as app:
        (report_id,) = queue_reports(app, 1)
        engine_for(app).run_once()
        tracking = app.reports.get(report_id).tracking_id
        set_status(server.store, tracking, "verified")
        set_status(server.store, tracking, "in_progress")
        add_response(
            server.store, tracking, "Dinas PUPR Lampung Selatan", "Perbaikan dijadwalkan pekan depan."
        )
        summary = engine_for(app).run_once()
        assert summary.updated == 1
        report = app.reports.get(report_id)
        assert report.remote_status is RemoteStatus.IN_PROGRESS
        assert [c.status for c in report.status_history][0] is RemoteStatus.PENDING_VERIFICATION
        assert report.status_history[-1].status is RemoteStatus.IN_PROGRESS
        assert [r.author for r in report.responses] == ["Dinas PUPR Lampung Selatan"]
        assert engine_for(app).run_once().updated == 0  # the cursor moved: nothing applied twice
        assert len(app.reports.get(report_id).responses) == 1


# -- faults between the laptop and the server ------------------------------------------------


@pytest.fixture
def office_via_proxy(tmp_path, proxy, token):
    return make_office(tmp_path / "desa-proxy", proxy.base_url, token)


def test_answer_lost_after_server_stored_is_resent_and_replayed(office_via_proxy, proxy, server):
    proxy.add_rule(faults.DropAfterForward(), method="POST", path="/v1/reports/batch", times=1)
    with open_app(office_via_proxy) as app:
        ids = queue_reports(app, 3)
        summary = engine_for(app).run_once()
        assert (summary.sent, summary.replayed, summary.pending) == (3, 3, 0)
        assert server.store.count_reports() == 3
        tracking = {app.reports.get(i).tracking_id for i in ids}
        assert tracking == {r.tracking_id for r in server.store.reports()}


@pytest.mark.parametrize(
    "action",
    [
        faults.unavailable(retry_after=1),
        faults.rate_limited(retry_after=1),
        faults.server_error(500),
        faults.server_error(502, html=True),
        faults.server_error(504),
        faults.Reset(forward=False),
        faults.Reset(forward=True),
        faults.TruncateBody(keep=20, fix_length=True),
        faults.TruncateBody(keep=20),
    ],
    ids=lambda a: type(a).__name__ + str(getattr(a, "status", "")),
)
def test_transient_failures_are_retried_within_the_pass(office_via_proxy, proxy, server, action):
    proxy.add_rule(action, method="POST", path="/v1/reports/batch", times=2)
    cancel = InstantWaits()
    with open_app(office_via_proxy) as app:
        queue_reports(app, 2)
        summary = engine_for(app, backoff=Backoff(base=0.05, cap=0.2, floor=0.01)).run_once(cancel=cancel)
        assert (summary.sent, summary.pending, summary.needs_fix) == (2, 0, 0)
    assert server.store.count_reports() == 2
    assert len(cancel.waits) == 2  # a pause before each of the two retries
    if isinstance(action, faults.Respond) and action.status in (429, 503):
        assert cancel.waits == [1.0, 1.0]  # the server's Retry-After, not the shorter back-off


def test_retry_after_is_honoured(office_via_proxy, proxy):
    proxy.add_rule(faults.unavailable(retry_after=1), method="POST", path="/v1/reports/batch", times=1)
    cancel = InstantWaits()
    with open_app(office_via_proxy) as app:
        queue_reports(app, 1)
        summary = engine_for(app).run_once(cancel=cancel)
        assert summary.sent == 1
    assert cancel.waits == [1.0]
    assert proxy.count("POST", "/v1/reports/batch") == 2


def test_long_retry_after_leaves_reports_queued_for_later(office_via_proxy, proxy):
    proxy.add_rule(faults.unavailable(retry_after=120), method="POST", path="/v1/reports/batch", times=1)
    with open_app(office_via_proxy) as app:
        (report_id,) = queue_reports(app, 1)
        summary = engine_for(app, patience_s=2.0).run_once()
        assert (summary.sent, summary.pending, summary.exit_code) == (0, 1, EXIT_TEMPFAIL)
        assert summary.retry_after_s == 120
        report = app.reports.get(report_id)
        assert report.state is ReportState.QUEUED
        # Not due yet: a pass right away does not hammer the server.
        assert engine_for(app).run_once().sent == 0


def test_captive_portal_means_offline_and_nothing_changes(office_via_proxy, proxy):
    proxy.add_rule(faults.captive_portal(), method="GET", path="/v1/ping", times=None)
    with open_app(office_via_proxy) as app:
        (report_id,) = queue_reports(app, 1)
        summary = engine_for(app).run_once()
        assert not summary.online and summary.exit_code == EXIT_TEMPFAIL and summary.message
        assert app.reports.get(report_id).state is ReportState.QUEUED
    assert proxy.count("POST") == 0


def test_slow_server_past_read_timeout_then_recovers(office_via_proxy, proxy, server):
    proxy.add_rule(faults.Delay(2.0), method="POST", path="/v1/reports/batch", times=1)
    with open_app(office_via_proxy) as app:
        queue_reports(app, 2)
        summary = engine_for(app, read_timeout=0.5).run_once()
        assert (summary.sent, summary.pending) == (2, 0)
    assert server.store.count_reports() == 2


def test_no_connection_at_all(tmp_path):
    data = make_office(tmp_path / "desa", "http://127.0.0.1:9/api", "token")
    with open_app(data) as app:
        queue_reports(app, 1)
        summary = engine_for(app).run_once()
    assert not summary.online and summary.pending == 1 and summary.exit_code == EXIT_TEMPFAIL


def test_two_processes_never_send_the_same_report(tmp_path):
    from tests.support.training import running_training_server

    with running_training_server(tmp_path, delay_s=0.05) as (server, token):
        office = make_office(tmp_path / "desa", server.base_url, token)
        with open_app(office) as app:
            queue_reports(app, 120)
        summaries = []

        def run() -> None:
            with open_app(office) as own:  # each with its own connections and claim owner
                # Generous timeouts: a resend after a timeout would be a (legitimate) replay.
                summaries.append(engine_for(own, read_timeout=60.0, patience_s=120.0).run_once())

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        # One pass's pull may mark sent what the other pass submitted a moment before,
        # so the per-pass counts can split either way; what matters is below.
        assert sum(s.sent for s in summaries) <= 120 and all(s.pending == 0 for s in summaries), summaries
        assert sum(s.replayed for s in summaries) == 0  # nobody submitted a report the other had sent
        assert server.store.count_reports() == 120
        on_server = {r.client_id: r.tracking_id for r in server.store.reports(limit=1000)}
        with open_app(office) as app:
            for report_id in range(1, 121):
                report = app.reports.get(report_id)
                assert report.state is ReportState.SENT
                assert report.tracking_id == on_server[report.client_id]
                assert report.received_at is not None


def test_a_pass_commits_once_per_batch(office, server, token):
    """While a batch is on the wire, the last batch's receipts and the claim of the one after share one
    transaction: a pass of 3 batches commits the first claim, the second claim (nothing to store yet),
    receipts + claim twice, a last claim that finds nothing, the last receipts, and the release."""
    from sqlalchemy import event

    from lapor_desktop.outbox.store import OutboxStore
    from sync.client import ApiClient
    from sync.outbox import Outbox

    with open_app(office) as app:
        ids = queue_reports(app, 120)
        commits: list[object] = []
        event.listen(app.db.engine, "commit", commits.append)
        with ApiClient(server.base_url, token) as client:
            stats = Outbox(OutboxStore(app.db), app.blobs, client).send_all()
        assert (stats.sent, stats.requests) == (120, 3)
        assert len(commits) == 1 + 1 + 2 + 1 + 1 + 1
        assert all(app.reports.get(i).state is ReportState.SENT for i in ids)


def test_a_batch_is_on_the_wire_while_the_last_receipts_are_stored(office, server, token):
    """The second batch's request waits until the first batch's receipts are committed: a pass that
    stored receipts only after the next request had answered would stop here (the guard's timeout)."""
    from lapor_desktop.outbox.store import OutboxStore
    from sync.client import ApiClient
    from sync.outbox import Outbox

    class WaitsForTheLastReceipts(ApiClient):
        def __init__(self, *args, seen: OutboxStore, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.seen = seen
            self.sent_before_posting: list[int] = []
            self.posters: set[str] = set()

        def submit_batch(self, reports):
            self.posters.add(threading.current_thread().name)
            if (
                self.sent_before_posting
            ):  # a later batch: give the first batch's receipts up to 20 s to land (a guard, not a speed)
                polls = threading.Event()
                for _ in range(2000):
                    if self.seen.counts()[ReportState.SENT] >= 50:
                        break
                    polls.wait(0.01)
            self.sent_before_posting.append(self.seen.counts()[ReportState.SENT])
            return super().submit_batch(reports)

    with open_app(office) as app, open_app(office) as watcher:
        queue_reports(app, 60)
        with WaitsForTheLastReceipts(server.base_url, token, seen=OutboxStore(watcher.db)) as client:
            stats = Outbox(OutboxStore(app.db), app.blobs, client).send_all()
        assert stats.sent == 60
        # The second request saw the first batch's 50 receipts stored by the other thread.
        assert client.sent_before_posting[0] == 0 and client.sent_before_posting[-1] == 50
        assert all(name.startswith("lapor-outbox") for name in client.posters)
        assert watcher.reports.get(60).state is ReportState.SENT


def test_a_pull_fetches_the_next_page_while_it_applies_the_last(office, server, token):
    """450 reports make three pages of 200 and an empty one; each later page is asked for by the
    worker thread while this thread applies the page before (the request waits to see its cursor
    committed: a pull that applied a page before asking for the next would stop at the guard)."""
    from lapor_desktop.outbox.store import OutboxStore
    from sync.client import MAX_CHANGES_LIMIT, ApiClient
    from sync.pull import pull_changes

    key = "pull_cursor:test"

    class SeesTheLastPageApplied(ApiClient):
        def __init__(self, *args, seen: OutboxStore, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.seen = seen
            self.asked: list[tuple[str, bool]] = []

        def changes(self, cursor, limit=MAX_CHANGES_LIMIT):
            polls = threading.Event()
            for _ in range(2000):  # at most 20 s: a guard, not a speed
                if cursor is None or self.seen.get_state(key) == cursor:
                    break
                polls.wait(0.01)
            self.asked.append((threading.current_thread().name, self.seen.get_state(key) == cursor))
            return super().changes(cursor, limit)

    with open_app(office) as app, open_app(office) as watcher:
        ids = queue_reports(app, 450)
        assert engine_for(app).run_once().sent == 450
        assert all(app.reports.get(i).due_at is not None for i in ids)  # every page was applied
        with SeesTheLastPageApplied(server.base_url, token, seen=OutboxStore(watcher.db)) as client:
            assert pull_changes(client, OutboxStore(app.db), key) == 0  # nothing new since the pass
        assert len(client.asked) == 4
        assert client.asked[0] == ("MainThread", True)  # the first page: no cursor yet, none stored
        assert all(name.startswith("lapor-pull") and applied for name, applied in client.asked[1:])


def test_a_batch_over_the_request_size_goes_in_two_requests(office, server, token):
    """50 bodies of 4,900 four-byte characters are ~960 KiB of JSON: over the 900 KiB the client
    allows itself below the contract's 1 MiB, so the batch is split, in order, and all arrive once."""
    from lapor_desktop.outbox.store import OutboxStore
    from sync.client import ApiClient
    from sync.outbox import MAX_BATCH_JSON_BYTES, Outbox

    body = "Jalan rusak " + "\U0001f6a7" * 4_888
    assert len(body) <= 5000 and len(body.encode("utf-8")) * 50 > MAX_BATCH_JSON_BYTES
    sizes: list[int] = []

    class CountsBatches(ApiClient):
        def submit_batch(self, reports):
            sizes.append(len(reports))
            return super().submit_batch(reports)

    with open_app(office) as app:
        ids = queue_reports(app, 50, body=body)
        with CountsBatches(server.base_url, token) as client:
            stats = Outbox(OutboxStore(app.db), app.blobs, client).send_all()
        assert stats.sent == 50 and sum(sizes) == 50 and len(sizes) == 2
        assert server.store.count_reports() == 50
        assert [app.reports.get(i).state for i in ids] == [ReportState.SENT] * 50
