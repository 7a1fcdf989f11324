"""Recording, editing and queuing reports through the public service."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from sqlalchemy import text

from lapor_desktop.domain import ReportState, TransitionError
from lapor_desktop.errors import ValidationFailed
from lapor_desktop.reports.service import NotEditable, NotFound, OfficeNotSet
from tests.support.reports import valid_content


def test_create_draft_assigns_identity_and_local_reference(app):
    report = app.reports.create(valid_content(title="abc", body=""))
    assert report.state is ReportState.DRAFT
    assert len(report.client_id) == 36
    assert report.local_ref == f"18.01.01.2001/{report.recorded_at.year}/00001"
    assert report.recorded_by == "Siti Aminah"
    second = app.reports.create(valid_content())
    assert second.local_ref.endswith("/00002")
    assert second.client_id != report.client_id


def test_draft_may_be_incomplete_but_queue_requires_valid_report(app):
    draft = app.reports.create(
        valid_content(title="abc", reporter=dataclasses.replace(valid_content().reporter, nik="123"))
    )
    with pytest.raises(ValidationFailed) as caught:
        app.reports.queue(draft.id)
    assert set(caught.value.fields) >= {"title", "reporter.nik"}
    assert "Judul" in caught.value.fields["title"]
    assert app.reports.get(draft.id).state is ReportState.DRAFT


def test_create_and_queue_at_once(app):
    report = app.reports.create(valid_content(), queue=True)
    assert report.state is ReportState.QUEUED
    actions = [(e.action, e.from_state, e.to_state) for e in app.reports.audit_trail(report.id)]
    assert actions == [
        ("created", None, ReportState.DRAFT),
        ("queued", ReportState.DRAFT, ReportState.QUEUED),
    ]
    assert all(e.operator == "Siti Aminah" for e in app.reports.audit_trail(report.id))


def test_invalid_queue_at_create_changes_nothing(app):
    with pytest.raises(ValidationFailed):
        app.reports.create(valid_content(body="pendek"), queue=True)
    assert app.reports._db.engine.connect().exec_driver_sql("SELECT COUNT(*) FROM reports").scalar() == 0


def test_edit_records_changed_fields_in_audit(app):
    report = app.reports.create(valid_content(title="Judul lama sekali"))
    edited = app.reports.update(report.id, valid_content(title="Judul baru yang jelas"))
    assert edited.content.title == "Judul baru yang jelas"
    last = app.reports.audit_trail(report.id)[-1]
    assert last.action == "edited" and last.detail == "title"


def test_content_is_normalised_on_save(app):
    reporter = dataclasses.replace(valid_content().reporter, phone="0812-3456 7890", name="  Budi  ")
    report = app.reports.create(valid_content(title="  Jalan rusak di dusun  ", reporter=reporter))
    assert report.content.title == "Jalan rusak di dusun"
    assert report.content.reporter.phone == "081234567890"
    assert report.content.reporter.name == "Budi"


def test_queued_report_cannot_be_edited_but_can_be_unqueued(app):
    report = app.reports.create(valid_content(), queue=True)
    with pytest.raises(NotEditable):
        app.reports.update(report.id, valid_content(title="Ubah setelah antre"))
    back = app.reports.unqueue(report.id)
    assert back.state is ReportState.DRAFT
    assert app.reports.update(
        report.id, valid_content(title="Ubah setelah kembali")
    ).content.title.startswith("Ubah")


def test_sent_report_content_is_frozen(app):
    report = app.reports.create(valid_content(), queue=True)
    with app.db.transaction() as session:  # the outbox marks it sent; simulate that state here
        session.execute(
            text("UPDATE reports SET state='sent', tracking_id='LPR-1' WHERE id=:id"),
            {"id": report.id},
        )
    with pytest.raises(NotEditable):
        app.reports.update(report.id, valid_content(title="Tidak boleh berubah"))
    with pytest.raises(TransitionError):
        app.reports.unqueue(report.id)
    with pytest.raises(TransitionError):
        app.reports.queue(report.id)


def test_transition_table_is_enforced(app):
    draft = app.reports.create(valid_content())
    with pytest.raises(TransitionError):
        app.reports.unqueue(draft.id)  # draft -> draft is not a move


def test_unknown_report(app):
    with pytest.raises(NotFound):
        app.reports.get(999)


def test_office_must_be_set_before_recording(data_dir):
    from lapor_desktop.app import open_app

    with open_app(data_dir) as app:
        with pytest.raises(OfficeNotSet):
            app.reports.create(valid_content())


def test_delete_draft_only(app):
    draft = app.reports.create(valid_content())
    queued = app.reports.create(valid_content(), queue=True)
    app.reports.delete_draft(draft.id)
    with pytest.raises(NotFound):
        app.reports.get(draft.id)
    with pytest.raises(NotEditable):
        app.reports.delete_draft(queued.id)


def test_local_reference_unique_under_concurrent_processes(office_dir):
    """Two processes recording at once never hand out the same local reference."""
    import subprocess
    import sys

    script = (
        "import sys; sys.path.insert(0, '.');"
        "from pathlib import Path; from lapor_desktop.app import open_app;"
        "from tests.support.reports import valid_content;"
        f"app = open_app(Path({str(office_dir)!r}));"
        "[app.reports.create(valid_content()) for _ in range(25)]"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    connection = sqlite3.connect(office_dir / "lapor.db")
    refs = [r[0] for r in connection.execute("SELECT local_ref FROM reports")]
    assert len(refs) == 75 == len(set(refs))


def test_only_a_handed_over_report_may_leave_sent():
    from lapor_desktop.domain import check_transition

    # Handed to the kecamatan, never on LAPOR!: the kecamatan may return it.
    check_transition(ReportState.SENT, ReportState.NEEDS_FIX, tracking_id=None)
    with pytest.raises(TransitionError):
        check_transition(ReportState.SENT, ReportState.NEEDS_FIX, tracking_id="LPR-2026-000001")
    for wanted in (ReportState.DRAFT, ReportState.QUEUED):
        with pytest.raises(TransitionError):
            check_transition(ReportState.SENT, wanted, tracking_id=None)
