"""Recording the reporter's replies (`app.replies`): validation, storage, the report's view of them."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from lapor_desktop.domain import (
    AgencyResponse,
    RemoteStatus,
    ReplyState,
    ResponseRole,
)
from lapor_desktop.outbox.store import OutboxStore
from lapor_desktop.replies.service import ReplyRefused
from lapor_desktop.reports.service import NotFound
from lapor_desktop.timestamps import utcnow
from tests.support.images import write_pdf, write_photo_jpeg
from tests.support.reports import valid_content

TEXT = "Jalan masih rusak, lubangnya bertambah besar setelah hujan kemarin."


def sent_report(app, status: RemoteStatus = RemoteStatus.PENDING_VERIFICATION, tracking_id: str = "LPR-1"):
    report = app.reports.create(valid_content(), queue=True)
    assert OutboxStore(app.db).mark_sent(
        report.id, tracking_id=tracking_id, received_at=utcnow(), status=status
    )
    if status is not RemoteStatus.PENDING_VERIFICATION:
        with app.db.transaction() as session:
            from lapor_desktop.storage.schema import ReportRow

            session.get(ReportRow, report.id).remote_status = status.value
    return report


def count(app, table: str) -> int:
    connection = sqlite3.connect(app.db_path)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_records_a_queued_reply_with_attachments(app, tmp_path):
    report = sent_report(app)
    photo = write_photo_jpeg(tmp_path / "jalan.jpg", (800, 600))
    pdf = write_pdf(tmp_path / "surat.pdf")
    reply = app.replies.record(report.id, f"  {TEXT}\r\n", [photo, pdf])
    assert reply.state is ReplyState.QUEUED and reply.text == TEXT
    assert reply.recorded_by == "Siti Aminah" and len(reply.client_id) == 36
    assert [a.content_type for a in reply.attachments] == ["image/jpeg", "application/pdf"]
    assert app.replies.get(reply.id) == reply
    assert app.replies.for_report(report.id) == (reply,)
    assert app.reports.get(report.id).replies == (reply,)
    assert app.replies.record(report.id, "Masih sama saja, Pak.", recorded_by="Kepala Dusun").recorded_by == (
        "Kepala Dusun"
    )
    assert [r.id for r in app.reports.get(report.id).replies][0] == reply.id
    assert "reply_recorded" in [entry.action for entry in app.reports.audit_trail(report.id)]


def test_the_outbox_sees_whether_any_reply_is_queued(app):
    from lapor_desktop.outbox.replies import ReplyOutboxStore

    outbox = ReplyOutboxStore(app.db)
    assert not outbox.any_queued()
    reply = app.replies.record(sent_report(app).id, TEXT)
    assert outbox.any_queued()
    assert outbox.mark_sent(reply.id, remote_id="R-1", received_at=utcnow())
    assert not outbox.any_queued()


@pytest.mark.parametrize(
    ("text", "field"),
    [("Oke", "text"), ("   a   ", "text"), ("x" * 2001, "text")],
)
def test_bad_text_is_refused_and_nothing_is_stored(app, text, field):
    report = sent_report(app)
    with pytest.raises(ReplyRefused) as refused:
        app.replies.record(report.id, text)
    assert field in refused.value.fields and "karakter" in refused.value.fields[field]
    assert count(app, "replies") == 0


def test_too_many_or_bad_attachments_store_nothing(app, tmp_path):
    report = sent_report(app)
    photos = [write_photo_jpeg(tmp_path / f"f{i}.jpg", (400, 300)) for i in range(6)]
    with pytest.raises(ReplyRefused) as refused:
        app.replies.record(report.id, TEXT, photos)
    assert "maksimal 5" in refused.value.fields["attachments"]
    bad = tmp_path / "catatan.txt"
    bad.write_text("bukan gambar")
    with pytest.raises(ReplyRefused) as refused:
        app.replies.record(report.id, TEXT, [photos[0], bad])
    assert "attachments" in refused.value.fields
    assert count(app, "replies") == 0 and count(app, "reply_attachments") == 0


def test_only_a_report_lapor_holds_and_has_not_closed_takes_a_reply(app):
    draft = app.reports.create(valid_content())
    with pytest.raises(ReplyRefused) as refused:
        app.replies.record(draft.id, TEXT)
    assert "nomor pelacakan" in refused.value.fields["report"]
    for status, label in (
        (RemoteStatus.REJECTED, "Tidak dapat diproses"),
        (RemoteStatus.ARCHIVED, "Diarsipkan"),
    ):
        closed = sent_report(app, status, tracking_id=f"LPR-{status.value}")
        with pytest.raises(ReplyRefused) as refused:
            app.replies.record(closed.id, TEXT)
        assert label in refused.value.fields["report"]
    with pytest.raises(NotFound):
        app.replies.record(9999, TEXT)
    assert count(app, "replies") == 0


def test_question_awaiting_reply_and_overdue(app):
    report = sent_report(app, RemoteStatus.ON_HOLD)
    asked_at = utcnow() - dt.timedelta(hours=1)
    question = AgencyResponse("q-1", asked_at, "Admin LAPOR!", "Mohon foto lokasi.", ResponseRole.LAPOR_ADMIN)
    with_question = app.reports.get(report.id)
    import dataclasses

    on_hold = dataclasses.replace(with_question, responses=(question,))
    assert on_hold.question == question and on_hold.awaiting_reply
    reply = app.replies.record(report.id, TEXT)
    answered = dataclasses.replace(app.reports.get(report.id), responses=(question,))
    assert answered.replies == (reply,) and not answered.awaiting_reply
    now = utcnow()
    due = dataclasses.replace(answered, due_at=now - dt.timedelta(days=1))
    assert due.overdue(now) and not dataclasses.replace(due, due_at=now + dt.timedelta(days=1)).overdue(now)
    assert not dataclasses.replace(due, remote_status=RemoteStatus.COMPLETED).overdue(now)
    assert dataclasses.replace(due, remote_status=RemoteStatus.VERIFIED).question is None


def test_cli_reply_records_and_show_lists_it(office_dir, capsys, tmp_path):
    from lapor_desktop.app import open_app
    from tests.support.cli import Cli

    cli = Cli(office_dir, capsys)
    with open_app(office_dir) as app:
        report = sent_report(app)
    photo = write_photo_jpeg(tmp_path / "jalan.jpg", (640, 480))
    out = cli("report", "reply", str(report.id), "--text", TEXT, "--attach", str(photo))
    assert out["state"] == "queued" and out["text"] == TEXT and len(out["attachments"]) == 1
    form = tmp_path / "tanggapan.json"
    form.write_text('{"text": "Masih sama, belum ada perbaikan.", "attachments": []}', encoding="utf-8")
    assert cli("report", "reply", str(report.id), "--json", str(form))["state"] == "queued"
    shown = cli("report", "show", str(report.id))
    assert [r["state"] for r in shown["replies"]] == ["queued", "queued"]
    assert shown["agency"] is None and shown["due_at"] is None
    assert "reply_recorded" in [entry["action"] for entry in shown["audit"]]


@pytest.mark.parametrize(
    "args",
    [
        ("--text", "Oke"),
        (),
        ("--text", TEXT, "--json", "-"),
        ("--json", "-"),
    ],
    ids=["too-short", "nothing", "both", "bad-json"],
)
def test_cli_reply_bad_input_exits_2_and_changes_nothing(office_dir, capsys, args):
    from lapor_desktop.app import open_app
    from tests.support.cli import Cli

    cli = Cli(office_dir, capsys)
    with open_app(office_dir) as app:
        report = sent_report(app)
    error = cli("report", "reply", str(report.id), *args, stdin={"teks": 1}, expect=2)
    assert error["message"] and all(
        " the " not in m for m in [error["message"], *error.get("fields", {}).values()]
    )
    with open_app(office_dir) as app:
        assert count(app, "replies") == 0


def test_cli_reply_to_a_draft_or_unknown_report_exits_2(office_dir, capsys):
    from lapor_desktop.app import open_app
    from tests.support.cli import Cli

    cli = Cli(office_dir, capsys)
    with open_app(office_dir) as app:
        draft = app.reports.create(valid_content())
    error = cli("report", "reply", str(draft.id), "--text", TEXT, expect=2)
    assert "nomor pelacakan" in error["fields"]["report"]
    assert "tidak ditemukan" in cli("report", "reply", "999", "--text", TEXT, expect=2)["message"]
