"""The reporter's replies through the outbox, end to end: real SQLite, the training server (1.1) on
127.0.0.1, the fault proxy for drops, resets, 429/503 and a 1.0 server."""

from __future__ import annotations

import json

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.domain import RemoteStatus, ReplyState, ReportState, ResponseRole
from lapor_desktop.reports.queries import ReportFilter, ReportQueries
from lapor_desktop.storage.schema import ReplyRow
from lapor_desktop.timestamps import to_wire, utcnow
from sync.outbox import WAITING_FOR_1_1
from sync.training_server import hold_report, pass_on, set_status
from tests.support import fault_proxy as faults
from tests.support.images import write_photo_jpeg
from tests.support.offices import make_office
from tests.support.reports import valid_content
from tests.sync.test_outbox_engine import InstantWaits, engine_for

TEXT = "Jalan di Dusun II masih rusak, lubangnya bertambah besar setelah hujan kemarin."
QUESTION = "Mohon kirim foto lokasi jalan yang rusak."


def sent_report(app, **changes) -> int:
    report_id = app.reports.create(valid_content(**changes), queue=True).id
    assert engine_for(app).run_once().sent == 1
    return report_id


def reporter_replies_on_server(server, tracking_id: str) -> list:
    stored = server.store.report(tracking_id)
    return [r for r in server.store.responses([stored.id])[stored.id] if r.role == "reporter"]


def test_on_hold_question_reply_and_agency_round_trip(tmp_path, server, token):
    office = make_office(tmp_path / "desa", server.base_url, token)
    photo = write_photo_jpeg(tmp_path / "jalan.jpg", (800, 600))
    with open_app(office) as app:
        report_id = sent_report(app, agency_code="18.01-DPUPR")
        tracking_id = app.reports.get(report_id).tracking_id
        assert server.store.report(tracking_id).agency_code == "18.01-DPUPR"  # asked for, sent to 1.1
        hold_report(server.data_dir, tracking_id, QUESTION)
        assert engine_for(app).run_once().updated == 1
        report = app.reports.get(report_id)
        assert report.remote_status is RemoteStatus.ON_HOLD  # nothing is due from LAPOR! while it waits
        assert report.question is not None and report.question.text == QUESTION
        assert report.question.role is ResponseRole.LAPOR_ADMIN and report.awaiting_reply
        queries = ReportQueries(app.db_path)
        assert queries.count_awaiting_reply() == 1
        assert [r.id for r in queries.page(ReportFilter(remote_statuses=(RemoteStatus.ON_HOLD,))).rows] == [
            report_id
        ]

        reply = app.replies.record(report_id, TEXT, [photo])
        assert queries.count_awaiting_reply() == 0
        summary = engine_for(app).run_once()
        assert (summary.replies_sent, summary.replies_refused, summary.replies_waiting) == (1, 0, 0)
        assert summary.uploaded == 1 and summary.updated == 1
        sent = app.replies.get(reply.id)
        assert sent.state is ReplyState.SENT and sent.sent_at is not None
        report = app.reports.get(report_id)
        # LAPOR! took the reply: the report is back to verification, the reply among its responses.
        assert report.remote_status is RemoteStatus.PENDING_VERIFICATION and report.due_at is not None
        echoed = [r for r in report.responses if r.role is ResponseRole.REPORTER]
        assert [(r.client_id, r.text) for r in echoed] == [(reply.client_id, TEXT)]
        on_server = reporter_replies_on_server(server, tracking_id)
        assert [r.client_id for r in on_server] == [reply.client_id]

        pass_on(server.data_dir, tracking_id, "18.01-DISHUB")
        engine_for(app).run_once()
        report = app.reports.get(report_id)
        assert report.agency is not None and report.agency.code == "18.01-DISHUB"
        row = queries.page().rows[0]
        assert row.agency_code == "18.01-DISHUB" and row.agency_name == report.agency.name
        assert row.due_at == report.due_at
        # A due date in the past makes it overdue until it is settled.
        later = report.due_at.replace(year=report.due_at.year + 1)
        assert queries.count(ReportFilter(overdue=True, now=later)) == 1
        assert queries.count(ReportFilter(overdue=True, now=report.due_at)) == 0
        queries.close()


@pytest.mark.parametrize(
    "action",
    [faults.DropAfterForward(), faults.Reset(forward=True), faults.Reset(forward=False)],
    ids=["answer-lost", "reset-after-store", "reset-before"],
)
def test_reply_goes_exactly_once_through_a_lost_answer(tmp_path, server, token, proxy, action):
    office = make_office(tmp_path / "desa", proxy.base_url, token)
    with open_app(office) as app:
        report_id = sent_report(app)
        tracking_id = app.reports.get(report_id).tracking_id
        reply = app.replies.record(report_id, TEXT)
        path = f"/v1/reports/{tracking_id}/replies"
        proxy.add_rule(action, method="POST", path=path)
        summary = engine_for(app).run_once(cancel=InstantWaits())
        assert summary.replies_sent == 1
        assert app.replies.get(reply.id).state is ReplyState.SENT
        assert proxy.count("POST", path) == 2
    assert [r.client_id for r in reporter_replies_on_server(server, tracking_id)] == [reply.client_id]


@pytest.mark.parametrize("status", [429, 503])
def test_busy_server_is_waited_for_as_it_asks(tmp_path, server, token, proxy, status):
    office = make_office(tmp_path / "desa", proxy.base_url, token)
    with open_app(office) as app:
        report_id = sent_report(app)
        tracking_id = app.reports.get(report_id).tracking_id
        reply = app.replies.record(report_id, TEXT)
        code = "rate_limited" if status == 429 else "unavailable"
        body = json.dumps({"error": {"code": code, "message": "sibuk"}}).encode()
        proxy.add_rule(
            faults.Respond(status, (("Retry-After", "7"), ("Content-Type", "application/json")), body),
            method="POST",
            path=f"/v1/reports/{tracking_id}/replies",
        )
        waits = InstantWaits()
        summary = engine_for(app).run_once(cancel=waits)
        assert 7.0 in waits.waits and summary.replies_sent == 1
        assert app.replies.get(reply.id).state is ReplyState.SENT


def test_patience_runs_out_and_the_reply_stays_queued(tmp_path, server, token, proxy):
    office = make_office(tmp_path / "desa", proxy.base_url, token)
    with open_app(office) as app:
        report_id = sent_report(app)
        tracking_id = app.reports.get(report_id).tracking_id
        reply = app.replies.record(report_id, TEXT)
        body = json.dumps({"error": {"code": "unavailable", "message": "pemeliharaan"}}).encode()
        proxy.add_rule(
            faults.Respond(503, (("Retry-After", "3600"), ("Content-Type", "application/json")), body),
            method="POST",
            path=f"/v1/reports/{tracking_id}/replies",
            times=None,
        )
        summary = engine_for(app).run_once(cancel=InstantWaits())
        assert summary.replies_waiting == 1 and summary.retry_after_s == 3600
        assert app.replies.get(reply.id).state is ReplyState.QUEUED
        proxy.clear_rules()
        with app.db.transaction() as session:  # the hour has passed
            session.get(ReplyRow, reply.id).next_attempt_at = None
        assert engine_for(app).run_once().replies_sent == 1


def test_refusals_keep_the_reply_and_say_why(tmp_path, server, token):
    office = make_office(tmp_path / "desa", server.base_url, token)
    with open_app(office) as app:
        closed_id = sent_report(app, title="Laporan yang ditolak LAPOR")
        open_id = sent_report(app, title="Laporan yang masih berjalan")
        closed_tracking = app.reports.get(closed_id).tracking_id
        closed = app.replies.record(closed_id, TEXT)
        too_short = app.replies.record(open_id, TEXT)
        set_status(server.data_dir, closed_tracking, "rejected")
        with app.db.transaction() as session:  # written by an older build that did not check the length
            session.get(ReplyRow, too_short.id).text = "abc"
        summary = engine_for(app).run_once()
        assert (summary.replies_sent, summary.replies_refused) == (0, 2)
        refused = app.replies.get(closed.id)
        assert refused.state is ReplyState.REFUSED and refused.text == TEXT
        assert "menutup laporan ini" in refused.refusal
        short = app.replies.get(too_short.id)
        assert short.state is ReplyState.REFUSED and "Isi tanggapan" in short.refusal
        # Refused for good: the next pass does not send them again.
        assert engine_for(app).run_once().replies_refused == 0


def test_unknown_tracking_id_is_refused_as_not_found(tmp_path, server, token):
    from lapor_desktop.outbox.store import OutboxStore

    office = make_office(tmp_path / "desa", server.base_url, token)
    with open_app(office) as app:
        report_id = app.reports.create(valid_content(), queue=True).id
        OutboxStore(app.db).mark_sent(
            report_id, tracking_id="LPR-TIDAK-ADA", received_at=utcnow(), status=RemoteStatus.VERIFIED
        )
        reply = app.replies.record(report_id, TEXT)
        assert engine_for(app).run_once().replies_refused == 1
        refused = app.replies.get(reply.id)
        assert refused.state is ReplyState.REFUSED and "LPR-TIDAK-ADA" in refused.refusal


def as_1_0_server(proxy) -> None:
    """The proxy plays a 1.0 server: its ping says 1.0 and it has no agency list."""
    ping = {
        "service": "lapor-api",
        "api_version": "1.0",
        "server_time": to_wire(utcnow()).replace(".000000", ""),
    }
    proxy.add_rule(
        faults.Respond(200, (("Content-Type", "application/json"),), json.dumps(ping).encode()),
        path="/v1/ping",
        times=None,
    )
    missing = json.dumps({"error": {"code": "not_found", "message": "Not found"}}).encode()
    proxy.add_rule(
        faults.Respond(404, (("Content-Type", "application/json"),), missing), path="/v1/agencies", times=None
    )


def test_against_a_1_0_server_replies_wait_and_reports_still_go(tmp_path, server, token, proxy):
    office = make_office(tmp_path / "desa", proxy.base_url, token)
    with open_app(office) as app:
        report_id = sent_report(app)  # while the server spoke 1.1
        reply = app.replies.record(report_id, TEXT)
        as_1_0_server(proxy)
        later_id = app.reports.create(valid_content(agency_code="18.01-DPUPR"), queue=True).id
        from lapor_desktop.outbox.store import OutboxStore

        OutboxStore(app.db).set_state("reference_checked:agencies", None)
        summary = engine_for(app).run_once()
        assert summary.api_version == "1.0" and summary.sent == 1
        assert (summary.replies_sent, summary.replies_refused, summary.replies_waiting) == (0, 0, 1)
        assert WAITING_FOR_1_1 in summary.message
        waiting = app.replies.get(reply.id)
        assert waiting.state is ReplyState.QUEUED and waiting.waiting_note == WAITING_FOR_1_1
        later = app.reports.get(later_id)
        assert later.state is ReportState.SENT and later.content.agency_code == "18.01-DPUPR"
        # Sent without the agency a 1.0 server does not know; the agency list's 404 was no failure.
        assert server.store.report(later.tracking_id).agency_code is None
        assert [e.status for e in proxy.exchanges if e.path.endswith("/v1/agencies")][-1] == 404
        assert not [e for e in proxy.exchanges if e.path.endswith("/replies")]

        proxy.clear_rules()  # the server is upgraded
        summary = engine_for(app).run_once()
        assert summary.replies_sent == 1 and summary.replies_waiting == 0
        sent = app.replies.get(reply.id)
        assert sent.state is ReplyState.SENT and sent.waiting_note is None
