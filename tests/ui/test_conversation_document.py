"""The printed *Tanggapan*: the report, then LAPOR!'s questions, the agency's answers and the citizen's
replies in order, on A4 and thermal rolls; real PDFs read back and rendered to PNG."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from lapor_desktop.domain import (
    AgencyRef,
    AgencyResponse,
    AttachmentRef,
    RemoteStatus,
    Reply,
    ReplyState,
    Report,
    ReportState,
    ResponseRole,
    StatusChange,
)
from lapor_desktop.offices.settings import Office, OfficeKind, Paper
from tests.support.pdf import MM_PER_PT, assert_inside, pdf_text, pypdf
from tests.support.reports import RECORDED_AT, VALID_NIK, desa_settings, stored_report, valid_content
from ui.conversation_document import EntryKind, conversation_entries, write_conversation_pdf
from ui.document_parts import ReferenceNames

SETTINGS = desa_settings()
T0 = RECORDED_AT  # 29 November 2026, 10.15 WIB
NAMES = ReferenceNames(
    category_path=lambda code: {"jalan-rusak": "Infrastruktur › Jalan rusak"}.get(code, code),
    agency_name=lambda code: {"dinas-pu": "Dinas Pekerjaan Umum dan Penataan Ruang"}.get(code, code),
)
PHOTO = AttachmentRef("a" * 64, "jalan.jpg", "image/jpeg", 1234)


def _at(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def _reply(number: int, hours: float, state: ReplyState, text: str, **changes: object) -> Reply:
    reply = Reply(
        id=number,
        client_id=f"00000000-0000-4000-8000-{number:012d}",
        report_id=7,
        text=text,
        attachments=(),
        recorded_at=_at(hours),
        recorded_by="Siti Aminah",
        state=state,
    )
    return dataclasses.replace(reply, **changes)


def _on_hold(**changes: object) -> Report:
    """Sent, put on hold with a question, answered once (sent), asked again: the second question waits."""
    first = _reply(
        1, 30, ReplyState.SENT, "Lubangnya di depan SD Negeri 1, sekitar 2 meter.", sent_at=_at(31)
    )
    report = stored_report(
        state=ReportState.SENT,
        tracking_id="LAP-2026-000123",
        remote_status=RemoteStatus.ON_HOLD,
        content=valid_content(category_code="jalan-rusak", agency_code="dinas-pu"),
        agency=None,
        due_at=dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC),
        status_history=(
            StatusChange(RemoteStatus.PENDING_VERIFICATION, _at(1)),
            StatusChange(RemoteStatus.ON_HOLD, _at(25)),
            StatusChange(RemoteStatus.PENDING_VERIFICATION, _at(32)),
            StatusChange(RemoteStatus.ON_HOLD, _at(49)),
        ),
        responses=(
            AgencyResponse(
                "q1",
                _at(24),
                "Admin LAPOR!",
                "Di titik mana tepatnya jalan rusak?",
                role=ResponseRole.LAPOR_ADMIN,
            ),
            # The citizen's first reply as LAPOR! sent it back: printed once, as recorded here.
            AgencyResponse(
                "c1",
                _at(31),
                "Pelapor",
                "Lubangnya di depan SD Negeri 1, sekitar 2 meter.",
                role=ResponseRole.REPORTER,
                client_id=first.client_id,
            ),
            AgencyResponse(
                "q2",
                _at(48),
                "Admin LAPOR!",
                "Mohon lampirkan foto lokasi jalan yang rusak.",
                role=ResponseRole.LAPOR_ADMIN,
            ),
        ),
        replies=(first,),
    )
    return dataclasses.replace(report, **changes)


def _long_conversation() -> Report:
    """A report that went back and forth for weeks, with a refused reply and one still waiting."""
    responses = []
    replies = []
    history = [StatusChange(RemoteStatus.PENDING_VERIFICATION, _at(1))]
    for round_ in range(6):
        base = 24 * (round_ + 1) * 3
        responses.append(
            AgencyResponse(
                f"q{round_}",
                _at(base),
                "Admin LAPOR!",
                f"Pertanyaan ke-{round_ + 1}: mohon jelaskan lebih rinci keadaan jalan di Dusun II, "
                "termasuk panjang kerusakan, sejak kapan rusak, dan apakah sudah pernah diperbaiki.",
                role=ResponseRole.LAPOR_ADMIN,
            )
        )
        history.append(StatusChange(RemoteStatus.ON_HOLD, _at(base + 1)))
        replies.append(
            _reply(
                round_ + 1,
                base + 20,
                ReplyState.SENT,
                f"Jawaban ke-{round_ + 1}: kerusakan sepanjang kurang lebih 150 meter, sejak Januari 2026, "
                "belum pernah diperbaiki. Warga sudah menimbun dengan batu seadanya.",
                attachments=(PHOTO,) if round_ % 2 else (),
            )
        )
        history.append(StatusChange(RemoteStatus.PENDING_VERIFICATION, _at(base + 22)))
    history.append(StatusChange(RemoteStatus.IN_PROGRESS, _at(500)))
    responses.append(
        AgencyResponse(
            "a1",
            _at(520),
            "Dinas PU Lampung Selatan",
            "Perbaikan jalan Dusun II dijadwalkan pada anggaran perubahan 2027. Tim sudah meninjau lokasi.",
            role=ResponseRole.AGENCY,
        )
    )
    replies.append(
        _reply(
            20,
            530,
            ReplyState.REFUSED,
            "Kami menolak jadwal itu, jalan sudah memakan korban.",
            refusal="Laporan sudah ditutup oleh LAPOR! (report_closed).",
        )
    )
    replies.append(
        _reply(
            21,
            540,
            ReplyState.QUEUED,
            "Warga meminta perbaikan sementara sebelum musim hujan.",
            waiting_note="Server LAPOR! ini belum menerima tanggapan pelapor (API 1.0).",
        )
    )
    replies.append(_reply(22, 545, ReplyState.HANDED_OVER, "Foto terbaru kami serahkan lewat kecamatan."))
    return stored_report(
        state=ReportState.SENT,
        tracking_id="LAP-2026-000123",
        remote_status=RemoteStatus.IN_PROGRESS,
        content=valid_content(category_code="jalan-rusak", agency_code="dinas-pu"),
        agency=AgencyRef("dinas-pu-lamsel", "Dinas PU Lampung Selatan"),
        due_at=dt.datetime(2026, 12, 30, 2, 0, tzinfo=dt.UTC),
        status_history=tuple(history),
        responses=tuple(responses),
        replies=tuple(replies),
    )


def test_the_conversation_in_order_with_the_citizens_reply_once() -> None:
    entries = conversation_entries(_on_hold())
    assert [(e.kind, e.role) for e in entries] == [
        (EntryKind.STATUS, "Status"),
        (EntryKind.RESPONSE, "Admin LAPOR!"),
        (EntryKind.STATUS, "Status"),
        (EntryKind.REPLY, "Pelapor"),
        (EntryKind.STATUS, "Status"),
        (EntryKind.RESPONSE, "Admin LAPOR!"),
        (EntryKind.STATUS, "Status"),
    ]
    reply = entries[3]
    assert reply.text.startswith("Lubangnya") and reply.note == "Terkirim"
    assert entries[-1].text == "Status menjadi: Ditunda"


def test_tanggapan_on_a4(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "tanggapan.pdf"
    rendered = write_conversation_pdf(_on_hold(), SETTINGS, path, Paper.A4, names=NAMES, printed_at=_at(50))
    reader = pypdf.PdfReader(str(path))
    assert float(reader.pages[0].mediabox.width) * MM_PER_PT == pytest.approx(210, abs=0.5)
    assert rendered.pages == len(reader.pages)
    text = pdf_text(path)
    for part in (
        "DESA WAY HUWI",
        "TANGGAPAN ATAS LAPORAN",
        "18.01.01.2001/2026/00012",
        "LAP-2026-000123",
        "Jalan desa rusak parah",
        "Infrastruktur › Jalan rusak",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "belum ditetapkan LAPOR!",
        "Ditunda",
        "4 Desember 2026 pukul 17.00 WIB",  # the due date on the office's clock
        "LAPOR! meminta keterangan tambahan: Mohon lampirkan foto lokasi jalan yang rusak.",
        "Mohon datang ke kantor desa",
        "Di titik mana tepatnya jalan rusak?",
        "Admin LAPOR!",
        "Pelapor",
        "Keadaan: Terkirim",
        "Status menjadi: Ditunda",
        "Dicetak 1 Desember 2026 pukul 12.15 WIB",
        "Desa Way Huwi",
    ):
        assert part in text, part
    # The citizen's reply that came back from LAPOR! is printed once, as the office recorded it.
    assert text.count("Lubangnya di depan SD Negeri 1") == 1
    # The question came before the reply, the reply before the second question.
    assert (
        text.index("Di titik mana")
        < text.index("Lubangnya")
        < text.rindex("Mohon lampirkan foto lokasi jalan")
    )
    # Nothing personal beyond the name.
    assert VALID_NIK not in text.replace(" ", "") and "081234567890" not in text
    assert_inside(path, Paper.A4)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.A5, Paper.ROLL_80, Paper.ROLL_58])
def test_a_long_conversation_on_every_paper(qapp, tmp_path, paper: Paper) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"tanggapan-{paper.value}.pdf"
    rendered = write_conversation_pdf(
        _long_conversation(), SETTINGS, path, paper, names=NAMES, printed_at=_at(600)
    )
    reader = pypdf.PdfReader(str(path))
    width = {Paper.A4: 210, Paper.A5: 148, Paper.ROLL_80: 80, Paper.ROLL_58: 58}[paper]
    assert all(
        float(page.mediabox.width) * MM_PER_PT == pytest.approx(width, abs=0.5) for page in reader.pages
    )
    if paper in (Paper.ROLL_80, Paper.ROLL_58):
        assert rendered.pages == 1  # one strip, as long as the conversation
        assert 400 < rendered.height_mm < 2000
    compact = pdf_text(path).replace(" ", "")
    for part in (
        "Pertanyaanke-1",
        "Jawabanke-6",
        "Keadaan:Terkirim;1lampiran",
        "Ditolak:LaporansudahditutupolehLAPOR!(report_closed).",
        "Menunggudikirim(ServerLAPOR!inibelummenerimatanggapanpelapor(API1.0).)",
        "Diserahkankekecamatan",
        "Instansi",
        "DinasPULampungSelatan",
        "Sedangditindaklanjuti",
        "30Desember2026pukul09.00WIB",
    ):
        assert part in compact, part
    # Answered and in progress: no question box.
    assert "memintaketerangantambahan" not in compact
    text = pdf_text(path)
    assert text.index("Jawaban ke-6") < text.index("Perbaikan jalan Dusun II") < text.index("Kami menolak")
    assert_inside(path, paper)


def test_anonymous_reports_print_no_name(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = _on_hold(content=valid_content(anonymous=True, category_code="jalan-rusak"))
    path = tmp_path / "anon.pdf"
    write_conversation_pdf(report, SETTINGS, path, Paper.ROLL_58, names=NAMES)
    text = pdf_text(path)
    assert "Budi Santoso" not in text and "Nama pelapor" not in text
    assert "Instansi yang dituju" not in text  # it asked for none


def test_a_sent_report_without_answers_yet(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = stored_report(
        state=ReportState.SENT,
        tracking_id="LAP-2026-000124",
        remote_status=RemoteStatus.PENDING_VERIFICATION,
        status_history=(StatusChange(RemoteStatus.PENDING_VERIFICATION, _at(1)),),
    )
    path = tmp_path / "empty.pdf"
    write_conversation_pdf(report, SETTINGS, path, Paper.ROLL_80)
    text = pdf_text(path)
    assert "Belum ada tanggapan dari LAPOR! atau instansi." in text
    assert "Status menjadi: Belum terverifikasi" in text


def test_time_and_office_of_a_wita_kecamatan(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(
        SETTINGS, office=Office(OfficeKind.KECAMATAN, "Kecamatan Bontoala", "73.71.01")
    )
    path = tmp_path / "wita.pdf"
    write_conversation_pdf(_on_hold(), settings, path, Paper.A4)
    text = pdf_text(path)
    assert "4 Desember 2026 pukul 18.00 WITA" in text
    assert "Mohon datang ke kantor kecamatan" in text
    assert "KECAMATAN BONTOALA" in text


def _png(pdf: Path, out: Path, dpi: int = 110) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out)], check=True)
    return sorted(out.parent.glob(out.name + "*.png"))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("paper", [Paper.A4, Paper.ROLL_58])
def test_the_tanggapan_renders_to_an_image(qapp, tmp_path, paper: Paper) -> None:  # type: ignore[no-untyped-def]
    """Poppler draws every page: the PDF is whole, and there is ink across the page, not a blank strip."""
    from PySide6.QtGui import QImage

    path = tmp_path / "t.pdf"
    write_conversation_pdf(_long_conversation(), SETTINGS, path, paper, names=NAMES)
    pngs = _png(path, tmp_path / "page")
    assert pngs
    image = QImage(str(pngs[0]))
    assert not image.isNull()
    dark_rows = sum(
        1
        for y in range(0, image.height(), 4)
        if any(image.pixelColor(x, y).lightness() < 128 for x in range(0, image.width(), 3))
    )
    assert dark_rows > image.height() // 4 // 5  # text down the page, not only a header
