"""*Kabari pelapor* on the detail detail_page: offered only for a reporter with a phone who is not anonymous;
the message is copied, or opened in WhatsApp or as an SMS, as the operator left it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from lapor_desktop.domain import AgencyResponse, RemoteStatus, StatusChange
from tests.support.reports import valid_content
from tests.support.ui import mark_sent
from ui import citizen_message_dialog
from ui.report_detail import ReportDetailPage

T0 = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)


def _with_phone(phone: str | None, **changes: object):  # type: ignore[no-untyped-def]
    reporter = dataclasses.replace(valid_content().reporter, phone=phone)
    return valid_content(reporter=reporter, **changes)


def _answered(services):  # type: ignore[no-untyped-def]
    app = services.app()
    report = app.reports.create(_with_phone("+62 812-3456-7890"), queue=True)
    mark_sent(
        app,
        report.id,
        tracking_id="LAP-2026-000777",
        received_at=T0,
        statuses=(StatusChange(RemoteStatus.IN_PROGRESS, T0 + dt.timedelta(days=1)),),
        responses=(AgencyResponse("r1", T0 + dt.timedelta(days=2), "Dinas PU", "Perbaikan dimulai Senin."),),
    )
    return report


def _open(qtbot, detail_page):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(detail_page.notify_button, Qt.MouseButton.LeftButton)
    dialog = detail_page.notify_button.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_message_opens_in_whatsapp_as_edited(qtbot, detail_page, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(citizen_message_dialog, "open_url", lambda url: opened.append(url) or True)
    report = _answered(services)
    detail_page.show_report(report.id)
    assert detail_page.notify_button.isEnabled()
    dialog = _open(qtbot, detail_page)
    text = dialog.editor.toPlainText()
    for part in (report.local_ref, "LAP-2026-000777", "Sedang ditindaklanjuti", "Perbaikan dimulai Senin."):
        assert part in text
    dialog.editor.appendPlainText("Salam dari kantor desa.")
    qtbot.mouseClick(dialog.whatsapp_button, Qt.MouseButton.LeftButton)
    [url] = opened
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("wa.me", "/6281234567890")
    sent = parse_qs(parts.query)["text"][0]
    assert sent.startswith("Yth. Bapak/Ibu Budi Santoso,") and sent.endswith("Salam dari kantor desa.")
    assert "Periksa, lalu kirim" in dialog.status.text()


def test_sms_and_copy(qtbot, detail_page, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(citizen_message_dialog, "open_url", lambda url: opened.append(url) or True)
    detail_page.show_report(_answered(services).id)
    dialog = _open(qtbot, detail_page)
    qtbot.mouseClick(dialog.sms_button, Qt.MouseButton.LeftButton)
    assert opened[0].startswith("sms:+6281234567890?body=Yth.%20Bapak%2FIbu%20Budi%20Santoso%2C%0A")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.editor.toPlainText().strip()
    assert "disalin" in dialog.status.text()


def test_no_app_for_the_link_says_what_to_do(qtbot, detail_page, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(citizen_message_dialog, "open_url", lambda _url: False)
    detail_page.show_report(_answered(services).id)
    dialog = _open(qtbot, detail_page)
    dialog.whatsapp_button.click()
    assert "Salin pesan dan kirim dari HP" in dialog.status.text()


def test_a_landline_can_only_copy(qtbot, detail_page, services) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(_with_phone("0721123456"), queue=True)
    detail_page.show_report(report.id)
    dialog = _open(qtbot, detail_page)
    assert dialog.copy_button.isEnabled()
    assert not dialog.whatsapp_button.isEnabled() and not dialog.sms_button.isEnabled()


@pytest.mark.parametrize(
    ("content", "tip"),
    [
        (valid_content(anonymous=True), "Laporan anonim"),
        (_with_phone(None), "tidak memberi nomor telepon"),
    ],
)
def test_not_offered_without_a_phone_or_for_an_anonymous_reporter(
    detail_page, services, content, tip
) -> None:  # type: ignore[no-untyped-def]
    report = services.app().reports.create(content, queue=True)
    detail_page.show_report(report.id)
    assert not detail_page.notify_button.isEnabled()
    assert tip in detail_page.notify_button.toolTip()


def test_in_english_the_window_changes_but_the_message_stays_indonesian(qtbot, qapp, services) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_translator

    install_translator(qapp, "en")
    try:
        detail = ReportDetailPage(services)
        qtbot.addWidget(detail)
        detail.show()
        detail.show_report(_answered(services).id)
        assert detail.notify_button.text() == "Notify the reporter…"
        dialog = _open(qtbot, detail)
        assert dialog.copy_button.text() == "Copy message"
        assert dialog.editor.toPlainText().startswith("Yth. Bapak/Ibu")
        assert detail.print_receipt_button.paper_actions[
            next(iter(detail.print_receipt_button.paper_actions))
        ].text() == ("A4 (ordinary printer)")
    finally:
        install_translator(qapp, "id")
