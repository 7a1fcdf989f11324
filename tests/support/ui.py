"""Helpers for the form, detail and receipt widget tests: fill the form as an operator would,
and put reports into the states that only the sync engine reaches (sent, needs fix) directly
through SQLAlchemy, exactly as the engine stores them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from lapor_desktop.domain import (
    AgencyRef,
    AgencyResponse,
    RemoteStatus,
    ReportContent,
    ReportState,
    StatusChange,
)
from lapor_desktop.storage.schema import AgencyResponseRow, AuditRow, ReportRow, StatusHistoryRow

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from lapor_desktop.app import App
    from ui.report_form import ReportFormPage


def show_and_activate(qtbot: QtBot, widget: object) -> None:
    """Shortcuts only fire in the active window, as for a real user."""
    widget.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(widget)
    widget.activateWindow()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a radio button or check box on its indicator (the row may be wider than its text)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def choose_category(form: ReportFormPage, code: str) -> None:
    """The category in two steps, as chosen in the window: its group, then itself."""
    inputs = form.inputs
    group = inputs.category.tree.parent_of(code)
    if inputs.category_group_combo.isVisibleTo(form):
        groups = inputs.category_group_combo
        groups.setCurrentIndex(groups.findData(group.code if group is not None else code))
    inputs.category_combo.setCurrentIndex(inputs.category_combo.findData(code))


def fill_form(qtbot: QtBot, form: ReportFormPage, content: ReportContent) -> None:
    """Fill every field by keyboard and mouse, the way the secretary does (lists chosen by index)."""
    if content.classification is not None:
        click(qtbot, form.inputs.classification_buttons[content.classification])
    form.inputs.title_edit.clear()
    type_into(qtbot, form.inputs.title_edit, content.title)
    form.inputs.body_edit.clear()
    type_into(qtbot, form.inputs.body_edit, content.body)
    choose_category(form, content.category_code)
    if content.incident_date is not None:
        if form.inputs.date_unknown.isChecked():
            click(qtbot, form.inputs.date_unknown)
        form.inputs.date_edit.clear()
        type_into(qtbot, form.inputs.date_edit, content.incident_date.strftime("%d-%m-%Y"))
    form.inputs.channel_combo.setCurrentIndex(form.inputs.channel_combo.findData(content.channel.value))
    form.inputs.region_edit.clear()
    type_into(qtbot, form.inputs.region_edit, content.location.region_code)
    type_into(qtbot, form.inputs.location_address_edit, content.location.address or "")
    if content.location.latitude is not None:
        type_into(qtbot, form.inputs.latitude_edit, str(content.location.latitude).replace(".", ","))
    if content.location.longitude is not None:
        type_into(qtbot, form.inputs.longitude_edit, str(content.location.longitude))
    reporter = content.reporter
    type_into(qtbot, form.inputs.name_edit, reporter.name)
    type_into(qtbot, form.inputs.nik_edit, reporter.nik or "")
    type_into(qtbot, form.inputs.phone_edit, reporter.phone or "")
    type_into(qtbot, form.inputs.email_edit, reporter.email or "")
    type_into(qtbot, form.inputs.reporter_address_edit, reporter.address or "")
    if content.anonymous != form.inputs.anonymous_check.isChecked():
        click(qtbot, form.inputs.anonymous_check)
    if content.confidential != form.inputs.confidential_check.isChecked():
        click(qtbot, form.inputs.confidential_check)
    if content.consent != form.inputs.consent_check.isChecked():
        click(qtbot, form.inputs.consent_check)


def report_rows(app_or_db_path: object) -> list[tuple[int, str, str]]:
    """(id, state, title) of every stored report, read with plain sqlite3."""
    import sqlite3

    connection = sqlite3.connect(str(app_or_db_path))
    try:
        return list(connection.execute("SELECT id, state, title FROM reports ORDER BY id"))
    finally:
        connection.close()


def mark_sent(
    app: App,
    report_id: int,
    *,
    tracking_id: str,
    received_at: dt.datetime,
    statuses: tuple[StatusChange, ...] = (),
    responses: tuple[AgencyResponse, ...] = (),
    agency: AgencyRef | None = None,
    due_at: dt.datetime | None = None,
) -> None:
    """Store what the sync engine stores when LAPOR! accepted a report and later reported on it."""
    with app.db.transaction() as session:
        row = session.get(ReportRow, report_id)
        assert row is not None
        previous = row.state
        row.state = ReportState.SENT.value
        row.tracking_id = tracking_id
        row.received_at = received_at
        row.remote_status = statuses[-1].status.value if statuses else RemoteStatus.PENDING_VERIFICATION.value
        row.handling_agency_code = agency.code if agency is not None else None
        row.handling_agency_name = agency.name if agency is not None else None
        row.due_at = due_at
        session.add(
            AuditRow(
                report_id=report_id,
                at=received_at,
                operator="Siti Aminah",
                action="sent",
                from_state=previous,
                to_state=ReportState.SENT.value,
                detail=tracking_id,
            )
        )
        for change in statuses:
            session.add(
                StatusHistoryRow(
                    report_id=report_id,
                    status=change.status.value,
                    first_seen_at=change.first_seen_at,
                    updated_at=change.updated_at,
                )
            )
        for response in responses:
            session.add(
                AgencyResponseRow(
                    report_id=report_id,
                    response_id=response.id,
                    at=response.at,
                    author=response.author,
                    text=response.text,
                    author_role=response.role.value,
                    client_id=response.client_id,
                )
            )


def mark_needs_fix(app: App, report_id: int, fix_messages: dict[str, str], summary: str) -> None:
    """Store what the sync engine stores when LAPOR! refused a queued report's content."""
    with app.db.transaction() as session:
        row = session.get(ReportRow, report_id)
        assert row is not None
        previous = row.state
        row.state = ReportState.NEEDS_FIX.value
        row.fix_messages = json.dumps(fix_messages, ensure_ascii=False)
        row.fix_summary = summary
        session.add(
            AuditRow(
                report_id=report_id,
                at=dt.datetime.now(dt.UTC),
                operator="Siti Aminah",
                action="needs_fix",
                from_state=previous,
                to_state=ReportState.NEEDS_FIX.value,
                detail=summary,
            )
        )
