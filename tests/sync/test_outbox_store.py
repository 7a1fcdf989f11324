"""The outbox's storage side on a real SQLite file: bounded claims, a batch's receipts, a pull page."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from lapor_desktop.domain import (
    AgencyResponse,
    Channel,
    Classification,
    RemoteReportState,
    RemoteStatus,
    ReportState,
    TransitionError,
)
from lapor_desktop.outbox.store import OutboxStore, SentReceipt
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.mapping import report_of
from lapor_desktop.storage.schema import AgencyResponseRow, AuditRow, ReportRow, StatusHistoryRow
from tests.support.reports import valid_content

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def queue(app, n: int) -> list[int]:
    return [app.reports.create(valid_content(title=f"Laporan {i}"), queue=True).id for i in range(n)]


@contextmanager
def counting(app) -> Iterator[dict[str, int]]:
    """Counts ORM report rows loaded, transactions committed and SELECTs run while the block runs.

    The SELECTs are counted by SQLite itself (a trace callback on each connection the engine
    hands out), so they include the plain sqlite3 statements run on a session's driver connection.
    """
    seen = {"loaded": 0, "commits": 0, "selects": 0, "limited": 0}
    traced: list[sqlite3.Connection] = []

    def loaded(target, context) -> None:
        seen["loaded"] += 1

    def committed(connection) -> None:
        seen["commits"] += 1

    def executed(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen["selects"] += 1
            seen["limited"] += " LIMIT " in statement.upper()

    def checked_out(dbapi_connection, record, proxy) -> None:
        dbapi_connection.set_trace_callback(executed)
        traced.append(dbapi_connection)

    event.listen(ReportRow, "load", loaded)
    event.listen(app.db.engine, "commit", committed)
    event.listen(app.db.engine, "checkout", checked_out)
    try:
        yield seen
    finally:
        event.remove(ReportRow, "load", loaded)
        event.remove(app.db.engine, "commit", committed)
        event.remove(app.db.engine, "checkout", checked_out)
        for connection in traced:
            connection.set_trace_callback(None)


def hold(app, report_ids: list[int], *, owner: str, pid: int, expires: dt.datetime) -> None:
    with app.db.transaction() as session:
        for report_id in report_ids:
            row = session.get(ReportRow, report_id)
            row.claim_owner, row.claim_pid, row.claim_expires_at = owner, pid, expires


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def audit(app, report_id: int) -> list[tuple[str, str | None, str | None, str | None]]:
    with app.db.transaction() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.report_id == report_id).order_by(AuditRow.id))
        return [(a.action, a.from_state, a.to_state, a.detail) for a in rows]


# -- claims ------------------------------------------------------------------------------------


def test_a_claim_reads_only_the_batch_it_takes(app):
    ids = queue(app, 300)
    store = OutboxStore(app.db)
    with counting(app) as seen:
        batch = store.claim(50)
    assert [r.id for r in batch] == ids[:50]
    assert [r.content for r in batch] == [app.reports.get(i).content for i in ids[:50]]
    # One transaction; the reports read with LIMIT (their attachments by id): no ORM row at all.
    assert seen == {"loaded": 0, "commits": 1, "selects": 2, "limited": 1}
    assert [r.id for r in store.claim(50)] == ids[50:100]  # its own claims are not taken twice


def test_a_claim_builds_the_reports_the_orm_rows_give(app, tmp_path):
    """The claim reads its batch with plain sqlite3: its Reports are `report_of` on the ORM rows, to the type."""
    from tests.support.images import write_pdf, write_plain_jpeg

    refs = app.reports.import_attachments(
        [
            write_pdf(tmp_path / "surat.pdf", pages=2),
            write_plain_jpeg(tmp_path / "foto.jpg"),
            write_pdf(tmp_path / "a.pdf"),
        ]
    )
    full = valid_content(
        classification=Classification.ASPIRATION,
        channel=Channel.MUSYAWARAH_DESA,
        anonymous=True,
        confidential=True,
        attachments=(refs[1], refs[0], refs[2]),  # their order is kept, not the files'
        agency_code="kemendesa",
    )
    ids = [
        app.reports.create(full, queue=True).id,
        app.reports.create(valid_content(attachments=(refs[2],)), queue=True).id,
        app.reports.create(valid_content(title="Tanpa lampiran"), queue=True).id,
    ]
    with app.db.transaction() as session:
        # Every column `report_of` reads holds a value on the first report, as odd as that is while queued.
        row = session.get(ReportRow, ids[0])
        row.location_address, row.latitude, row.longitude = "Dusun IV, RT 02/RW 01", -5.123456, 105.654321
        row.tracking_id, row.received_at, row.remote_status = (
            "LPR-2026-000123",
            T0,
            RemoteStatus.VERIFIED.value,
        )
        row.fix_messages, row.fix_summary = '{"title": "Judul terlalu pendek"}', "Perbaiki judul"
        row.handling_agency_code, row.handling_agency_name = "dinas-pu", "Dinas Pekerjaan Umum"
        row.due_at = T0 + dt.timedelta(days=5, microseconds=250)
        # The third: nothing optional at all.
        bare = session.get(ReportRow, ids[2])
        bare.classification, bare.incident_date, bare.agency_code = None, None, None
        bare.location_address = bare.latitude = bare.longitude = None
        bare.reporter_nik = bare.reporter_phone = bare.reporter_email = bare.reporter_address = None

    claimed = OutboxStore(app.db).claim(50)

    with app.db.transaction() as session:
        expected = [report_of(session.get(ReportRow, report_id)) for report_id in ids]
    assert claimed == expected
    assert repr(claimed) == repr(expected)  # the same types too: bools, enums, dates, aware UTC instants
    first = claimed[0]
    assert [a.filename for a in first.content.attachments] == ["foto.jpg", "surat.pdf", "a.pdf"]
    assert first.content.agency_code == "kemendesa" and first.agency is not None
    assert first.fix_messages == {"title": "Judul terlalu pendek"}
    assert first.due_at == T0 + dt.timedelta(days=5, microseconds=250)
    assert claimed[2].content.classification is None and claimed[2].content.attachments == ()


def test_a_claim_notes_the_attempt_of_reports_without_attachments(app, tmp_path):
    from tests.support.images import write_pdf

    refs = app.reports.import_attachments([write_pdf(tmp_path / "surat.pdf")])
    plain = app.reports.create(valid_content(), queue=True).id
    with_file = app.reports.create(valid_content(attachments=tuple(refs)), queue=True).id
    store = OutboxStore(app.db)
    store.claim(50)

    def attempts() -> dict[int, tuple[int, bool]]:
        with app.db.transaction() as session:
            rows = session.execute(select(ReportRow.id, ReportRow.send_attempts, ReportRow.first_attempt_at))
            return {row.id: (row.send_attempts, row.first_attempt_at is not None) for row in rows}

    # The plain one goes on the wire next; the other only once its file is uploaded.
    assert attempts() == {plain: (1, True), with_file: (0, False)}
    store.note_attempt([with_file])
    store.note_attempt([])
    assert attempts() == {plain: (1, True), with_file: (1, True)}


def test_a_claim_reads_past_reports_held_by_a_live_process(app):
    ids = queue(app, 12)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    hold(app, ids[:7], owner="other-window", pid=os.getpid(), expires=later)  # this pid: alive
    store = OutboxStore(app.db)
    assert [r.id for r in store.claim(3)] == ids[7:10]  # past two pages of 3 held ones
    assert [r.id for r in store.claim(3)] == ids[10:12]
    assert store.claim(3) == []


def test_a_claim_takes_reports_whose_holder_died_or_whose_lease_ran_out(app):
    ids = queue(app, 4)
    now = dt.datetime.now(dt.UTC)
    hold(app, ids[:1], owner="crashed", pid=dead_pid(), expires=now + dt.timedelta(minutes=5))
    hold(app, ids[1:2], owner="slow", pid=os.getpid(), expires=now - dt.timedelta(seconds=1))
    hold(app, ids[2:3], owner="busy", pid=os.getpid(), expires=now + dt.timedelta(minutes=5))
    assert [r.id for r in OutboxStore(app.db).claim(50)] == [ids[0], ids[1], ids[3]]


def test_a_claim_skips_reports_not_due_and_not_queued(app):
    ids = queue(app, 3)
    draft = app.reports.create(valid_content()).id
    store = OutboxStore(app.db)
    store.postpone([ids[0]], until=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1), error="503")
    assert [r.id for r in store.claim(50)] == ids[1:]
    assert draft not in ids


def test_a_claim_brings_each_reports_attachments(app, tmp_path):
    from tests.support.images import write_pdf

    refs = app.reports.import_attachments([write_pdf(tmp_path / "surat.pdf")])
    report = app.reports.create(valid_content(attachments=tuple(refs)), queue=True)
    (claimed,) = OutboxStore(app.db).claim(50)
    assert claimed.id == report.id
    assert claimed.content.attachments == report.content.attachments


# -- a batch's receipts ------------------------------------------------------------------------------


def receipts_for(
    ids: list[int], status: RemoteStatus = RemoteStatus.PENDING_VERIFICATION
) -> list[SentReceipt]:
    return [SentReceipt(report_id, f"LPR-{report_id:05d}", T0, status) for report_id in ids]


def test_a_batchs_receipts_are_stored_in_one_transaction(app):
    ids = queue(app, 50)
    store = OutboxStore(app.db)
    store.claim(50)
    with counting(app) as seen:
        marked = store.mark_all_sent(receipts_for(ids)).marked
    assert marked == ids
    assert (seen["loaded"], seen["commits"]) == (0, 1)
    for report_id in ids:
        report = app.reports.get(report_id)
        assert report.state is ReportState.SENT
        assert (report.tracking_id, report.received_at) == (f"LPR-{report_id:05d}", T0)
        assert report.remote_status is RemoteStatus.PENDING_VERIFICATION
        assert [c.status for c in report.status_history] == [RemoteStatus.PENDING_VERIFICATION]
        assert report.status_history[0].first_seen_at == report.updated_at
        assert audit(app, report_id)[-1] == ("sent", "queued", "sent", f"LPR-{report_id:05d}")
        assert app.reports.audit_trail(report_id)[-1].at == report.updated_at
    with app.db.transaction() as session:
        held = session.scalar(select(func.count()).where(ReportRow.claim_owner.is_not(None)))
    assert held == 0


def test_receipts_leave_reports_no_longer_queued_alone(app):
    ids = queue(app, 3)
    store = OutboxStore(app.db)
    app.reports.unqueue(ids[0])  # back to draft before anything went out
    # Another process's status pull marked the second sent first, without the receipt's time.
    store.apply_remote(
        [RemoteReportState(app.reports.get(ids[1]).client_id, "LPR-00002", RemoteStatus.VERIFIED, T0, ())],
        cursor_key="c",
        cursor="1",
    )
    assert app.reports.get(ids[1]).received_at is None
    marked = store.mark_all_sent(receipts_for(ids)).marked
    assert marked == [ids[2]]
    assert app.reports.get(ids[0]).state is ReportState.DRAFT
    second = app.reports.get(ids[1])
    assert (second.state, second.received_at, second.remote_status) == (
        ReportState.SENT,
        T0,
        RemoteStatus.VERIFIED,
    )
    assert [a[0] for a in audit(app, ids[1])].count("sent") == 1
    assert store.mark_all_sent(receipts_for(ids)).marked == []  # a replayed receipt changes nothing


def test_mark_sent_of_one_report_is_the_same_path(app):
    (report_id,) = queue(app, 1)
    store = OutboxStore(app.db)
    assert store.mark_sent(report_id, tracking_id="LPR-1", received_at=T0, status=RemoteStatus.VERIFIED)
    assert not store.mark_sent(report_id, tracking_id="LPR-1", received_at=T0, status=RemoteStatus.VERIFIED)
    assert app.reports.get(report_id).remote_status is RemoteStatus.VERIFIED


# -- the batch move itself ---------------------------------------------------------------------------


def state_rows(session, ids: list[int]):
    return session.execute(
        select(ReportRow.id, ReportRow.state, ReportRow.tracking_id)
        .where(ReportRow.id.in_(ids))
        .order_by(ReportRow.id)
    ).all()


def test_move_many_checks_every_move_before_writing_any(app):
    ids = queue(app, 3)
    with app.db.transaction() as session:
        lifecycle.move(
            session, session.get(ReportRow, ids[1]), ReportState.DRAFT, action="unqueued", operator="Siti"
        )
    trails = {report_id: audit(app, report_id) for report_id in ids}
    with pytest.raises(TransitionError), app.db.transaction() as session:
        lifecycle.move_many(
            session, state_rows(session, ids), ReportState.SENT, action="sent", operator="sinkronisasi", at=T0
        )
    assert [app.reports.get(i).state for i in ids] == [
        ReportState.QUEUED,
        ReportState.DRAFT,
        ReportState.QUEUED,
    ]
    assert {report_id: audit(app, report_id) for report_id in ids} == trails


def test_move_many_refuses_changes_it_owns_or_that_differ(app):
    ids = queue(app, 2)
    with app.db.transaction() as session:
        rows = state_rows(session, ids)
        for changes in (
            [{"state": "sent"}, {"state": "sent"}],
            [{"updated_at": T0}, {"updated_at": T0}],
            [{"tracking_id": "A"}, {"remote_status": "verified"}],
            [{"tracking_id": "A"}],
        ):
            with pytest.raises(ValueError):
                lifecycle.move_many(
                    session, rows, ReportState.SENT, action="sent", operator="x", changes=changes
                )
        with pytest.raises(ValueError):
            lifecycle.move_many(session, [rows[0], rows[0]], ReportState.SENT, action="sent", operator="x")
    assert all(app.reports.get(i).state is ReportState.QUEUED for i in ids)


def test_move_many_rolls_back_with_the_callers_transaction(app):
    ids = queue(app, 2)
    trails = {report_id: audit(app, report_id) for report_id in ids}
    with pytest.raises(RuntimeError, match="next step"), app.db.transaction() as session:
        lifecycle.move_many(
            session, state_rows(session, ids), ReportState.NEEDS_FIX, action="x", operator="y"
        )
        raise RuntimeError("the caller's next step failed")
    assert all(app.reports.get(i).state is ReportState.QUEUED for i in ids)
    assert {report_id: audit(app, report_id) for report_id in ids} == trails


# -- one page of the status pull ---------------------------------------------------------------------


def test_a_pull_page_is_one_transaction_and_loads_only_reports_with_news(app):
    ids = queue(app, 40)
    store = OutboxStore(app.db)
    store.mark_all_sent(receipts_for(ids))
    reports = [app.reports.get(i) for i in ids]
    response = AgencyResponse("RSP-1", T0, "Dinas PUPR", "Dijadwalkan.")
    page = [
        RemoteReportState(r.client_id, r.tracking_id, RemoteStatus.PENDING_VERIFICATION, T0, ())
        for r in reports
    ]
    page[3] = RemoteReportState(reports[3].client_id, reports[3].tracking_id, RemoteStatus.VERIFIED, T0, ())
    page[7] = RemoteReportState(
        reports[7].client_id, reports[7].tracking_id, RemoteStatus.PENDING_VERIFICATION, T0, (response,)
    )
    page.append(
        RemoteReportState("00000000-0000-4000-8000-00000000abcd", "LPR-X", RemoteStatus.VERIFIED, T0, ())
    )
    with counting(app) as seen:
        changed = store.apply_remote(page, cursor_key="pull", cursor="41")
    assert changed == 2
    assert (seen["loaded"], seen["commits"]) == (2, 1)
    assert store.get_state("pull") == "41"
    assert app.reports.get(ids[3]).remote_status is RemoteStatus.VERIFIED
    assert [r.id for r in app.reports.get(ids[7]).responses] == ["RSP-1"]
    with counting(app) as seen:
        assert store.apply_remote(page, cursor_key="pull", cursor="42") == 0  # nothing applied twice
    assert seen["loaded"] == 0
    with app.db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(AgencyResponseRow)) == 1
        assert session.scalar(select(func.count()).select_from(StatusHistoryRow)) == 41


def test_a_pull_page_finds_a_report_by_tracking_id_and_a_queued_one_becomes_sent(app):
    first, second = queue(app, 2)
    store = OutboxStore(app.db)
    store.mark_sent(first, tracking_id="LPR-1", received_at=T0, status=RemoteStatus.PENDING_VERIFICATION)
    queued = app.reports.get(second)
    page = [
        RemoteReportState("00000000-0000-4000-8000-0000000000ff", "LPR-1", RemoteStatus.COMPLETED, T0, ()),
        RemoteReportState(queued.client_id, "LPR-2", RemoteStatus.PENDING_VERIFICATION, T0, ()),
    ]
    assert store.apply_remote(page, cursor_key="pull", cursor="2") == 2
    assert app.reports.get(first).remote_status is RemoteStatus.COMPLETED
    now_sent = app.reports.get(second)
    assert (now_sent.state, now_sent.tracking_id) == (ReportState.SENT, "LPR-2")
    assert audit(app, second)[-1] == ("sent", "queued", "sent", "LPR-2")


# -- indexes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "index"),
    [
        # A claim's candidates: the oldest queued reports after the last page read.
        (
            "SELECT id, claim_owner, claim_pid, claim_expires_at FROM reports WHERE state = 'queued' AND id > 5"
            " AND (next_attempt_at IS NULL OR next_attempt_at <= 'x') AND (claim_owner IS NULL OR"
            " claim_owner != 'me') ORDER BY id LIMIT 50",
            "ix_reports_state_id",
        ),
        # Releasing a pass's claims at its end.
        ("UPDATE reports SET claim_owner = NULL WHERE claim_owner = 'me'", "ix_reports_claim_owner"),
    ],
)
def test_claim_statements_are_served_by_an_index(app, statement, index):
    import sqlite3

    connection = sqlite3.connect(app.db_path)
    try:
        plan = " ".join(row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + statement))
    finally:
        connection.close()
    assert f"INDEX {index}" in plan, plan


def test_storing_receipts_can_claim_the_next_batch_in_the_same_transaction(app):
    ids = queue(app, 120)
    store = OutboxStore(app.db)
    first = store.claim(50)
    with counting(app) as seen:
        stored = store.mark_all_sent(receipts_for([r.id for r in first]), claim_next=50)
    assert stored.marked == ids[:50]
    assert [r.id for r in stored.claimed] == ids[50:100]
    assert seen["commits"] == 1
    assert [r.id for r in store.claim(50)] == ids[100:]  # the batch claimed ahead is held
    assert store.mark_all_sent([], claim_next=50).claimed == []
