"""Kabari pelapor: the citizen's message, composed without Qt, and its WhatsApp and SMS links."""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from lapor_desktop.domain import AgencyResponse, RemoteStatus, Report, ReportState
from lapor_desktop.reports.citizen_message import (
    ANSWER_CHARS,
    Unavailable,
    citizen_message,
    mobile_number,
    unavailable,
)
from tests.support.reports import RECORDED_AT, desa_settings, stored_report, valid_content

SETTINGS = desa_settings()
NOW = RECORDED_AT


def _answered(**changes: object) -> Report:
    answered = stored_report(
        state=ReportState.SENT,
        tracking_id="LAP-2026-000123",
        remote_status=RemoteStatus.IN_PROGRESS,
        responses=(
            AgencyResponse("r1", NOW + dt.timedelta(days=1), "Dinas PU", "Tim akan meninjau lokasi."),
            # Stamped 23.30 UTC: already the next day on the office's clock (WIB).
            AgencyResponse(
                "r2",
                dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC),
                "Dinas PU",
                "Jalan diperbaiki pekan depan.",
            ),
        ),
    )
    return dataclasses.replace(answered, **changes)


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("081234567890", "6281234567890"),
        ("0812-3456-7890", "6281234567890"),
        ("0812 3456 7890", "6281234567890"),
        ("+6281234567890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("(0812) 3456.7890", "6281234567890"),
        ("0721123456", None),  # a landline in Bandar Lampung: neither WhatsApp nor SMS
        ("+1 415 555 0100", None),
        ("08123", None),
        ("", None),
        (None, None),
    ],
)
def test_mobile_numbers_in_every_common_writing(phone: str | None, expected: str | None) -> None:
    assert mobile_number(phone) == expected


def test_message_of_an_answeredstored_report() -> None:
    message = citizen_message(_answered(), SETTINGS)
    assert message is not None
    text = message.text
    assert text.startswith("Yth. Bapak/Ibu Budi Santoso,")
    assert "“Jalan desa rusak parah”" in text and "Desa Way Huwi" in text
    assert "Nomor laporan: 18.01.01.2001/2026/00012" in text
    assert "Nomor pelacakan: LAP-2026-000123" in text
    assert "Status: Sedang ditindaklanjuti" in text
    # The newest answer only, dated on the office's clock.
    assert "Tanggapan terbaru (Dinas PU, 2 Desember 2026):\nJalan diperbaiki pekan depan." in text
    assert "Tim akan meninjau" not in text
    assert "https://www.lapor.go.id/laporan/detil/LAP-2026-000123" in text
    assert text.endswith("Terima kasih.\nSiti Aminah\nDesa Way Huwi")
    assert "LAPOR!:" not in text and "LAPOR!." not in text
    # What the citizen must not receive in a message: the NIK, their own address.
    assert "1801011205850001" not in text and "Dusun II" not in text


def test_message_before_the_report_is_sent() -> None:
    message = citizen_message(stored_report(), SETTINGS)
    assert message is not None
    assert "Nomor pelacakan: belum ada, diberikan setelah laporan terkirim" in message.text
    assert "Status: Sudah kami catat dan menunggu dikirim ke LAPOR!" in message.text
    assert "Tanggapan" not in message.text and "https://" not in message.text


def test_training_gives_no_link_to_the_real_site() -> None:
    message = citizen_message(_answered(), dataclasses.replace(SETTINGS, training=True))
    assert message is not None
    assert "lapor.go.id" not in message.text
    assert "LAP-2026-000123" in message.text


def test_the_tracking_link_follows_the_setting() -> None:
    settings = dataclasses.replace(SETTINGS, tracking_url="https://lapor.example.id/cek?no={tracking_id}")
    message = citizen_message(_answered(tracking_id="LAP 1/2"), settings)
    assert message is not None
    assert "https://lapor.example.id/cek?no=LAP%201%2F2" in message.text


def test_a_long_answer_is_cut_at_a_word() -> None:
    long_text = "Perbaikan jalan dijadwalkan bersama saluran air. " * 30
    report = _answered(responses=(AgencyResponse("r", NOW, "Dinas PU", long_text),))
    message = citizen_message(report, SETTINGS)
    assert message is not None
    answer = message.text.split("):\n", 1)[1].split("\n", 1)[0]
    assert len(answer) <= ANSWER_CHARS and answer.endswith("…")
    assert not answer[:-1].endswith(" ")


def test_whatsapp_and_sms_links_carry_the_whole_message() -> None:
    message = citizen_message(_answered(), SETTINGS)
    assert message is not None and message.mobile == "6281234567890"
    whatsapp = urlsplit(message.whatsapp_url or "")
    assert (whatsapp.scheme, whatsapp.netloc, whatsapp.path) == ("https", "wa.me", "/6281234567890")
    assert parse_qs(whatsapp.query)["text"] == [message.text]
    sms = message.sms_url or ""
    assert sms.startswith("sms:+6281234567890?body=")
    assert unquote(sms.split("?body=", 1)[1]) == message.text
    # Everything that could end the URL or the query early is escaped.
    assert " " not in sms and "\n" not in sms and "&" not in sms.split("?body=", 1)[1]


def test_a_landline_gets_a_message_to_copy_but_no_links() -> None:
    report = stored_report(
        content=valid_content(reporter=dataclasses.replace(valid_content().reporter, phone="0721123456"))
    )
    message = citizen_message(report, SETTINGS)
    assert message is not None and message.mobile is None
    assert message.whatsapp_url is None and message.sms_url is None


def test_no_message_for_an_anonymous_reporter_or_one_without_a_phone() -> None:
    anonymous = stored_report(content=valid_content(anonymous=True))
    no_phone = stored_report(
        content=valid_content(reporter=dataclasses.replace(valid_content().reporter, phone=None))
    )
    assert unavailable(anonymous) is Unavailable.ANONYMOUS and citizen_message(anonymous, SETTINGS) is None
    assert unavailable(no_phone) is Unavailable.NO_PHONE and citizen_message(no_phone, SETTINGS) is None
    assert unavailable(stored_report()) is None


def test_the_core_side_needs_no_qt() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, lapor_desktop.reports.citizen_message, lapor_desktop.reports.monthly_recap, lapor_desktop.dates;"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'ui', 'sync'))])"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _on_hold(replies: tuple[object, ...] = ()) -> Report:
    from lapor_desktop.domain import ResponseRole

    return _answered(
        remote_status=RemoteStatus.ON_HOLD,
        responses=(
            AgencyResponse("r1", NOW + dt.timedelta(days=1), "Dinas PU", "Tim akan meninjau lokasi."),
            AgencyResponse(
                "q1",
                NOW + dt.timedelta(days=2),
                "Admin LAPOR!",
                "Mohon sebutkan titik lokasi jalan yang rusak dan lampirkan fotonya.",
                role=ResponseRole.LAPOR_ADMIN,
            ),
        ),
        replies=replies,
    )


def test_an_on_hold_question_asks_the_citizen_to_come_with_the_answer() -> None:
    message = citizen_message(_on_hold(), SETTINGS)
    assert message is not None
    text = message.text
    assert "Status: Ditunda" in text
    assert (
        "LAPOR! meminta keterangan tambahan: Mohon sebutkan titik lokasi jalan yang rusak dan lampirkan fotonya."
        in text
    )
    assert "Mohon datang ke Desa Way Huwi membawa jawaban atau keterangan tersebut" in text
    # The question is the news: not repeated as the newest answer.
    assert "Tanggapan terbaru" not in text
    assert text.endswith("Terima kasih.\nSiti Aminah\nDesa Way Huwi")


def test_an_answered_question_is_not_asked_again() -> None:
    from lapor_desktop.domain import Reply, ReplyState

    reply = Reply(
        id=1,
        client_id="00000000-0000-4000-8000-000000000001",
        report_id=7,
        text="Di depan SD Negeri 1, foto terlampir.",
        attachments=(),
        recorded_at=NOW + dt.timedelta(days=3),
        recorded_by="Siti Aminah",
        state=ReplyState.QUEUED,
    )
    message = citizen_message(_on_hold((reply,)), SETTINGS)
    assert message is not None
    assert "meminta keterangan tambahan" not in message.text
    assert "Keterangan tambahan dari Anda sudah kami catat dan teruskan ke LAPOR!" in message.text
