"""*Kabari pelapor*: a short message telling the citizen how their report stands.

Written in Bahasa Indonesia whatever language the window uses, as it goes to
the citizen: the report's number, the LAPOR! tracking number and link once
known, the status, and the newest answer of the agency. When LAPOR! has put the
report on hold with a question no reply has answered yet, the message says
so first ("LAPOR! meminta keterangan tambahan: ...") and asks the citizen to
come to the office with the answer. It is offered only to
a reporter who gave a phone number and did not ask to stay anonymous; the
window shows it for copying or opens it as a WhatsApp link or an SMS, which
need a mobile number in international form (``6281234567890``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from lapor_desktop.dates import format_date
from lapor_desktop.domain import AgencyResponse, RemoteStatus, Report, ReportState, ResponseRole
from lapor_desktop.labels import REMOTE_STATUS_LABELS
from lapor_desktop.offices.settings import Settings
from lapor_desktop.offices.timezone import zone_of_region
from lapor_desktop.reports.excerpt import excerpt
from lapor_desktop.reports.validation import normalize_phone

ANSWER_CHARS = 400
COUNTRY_CODE = "62"
WHATSAPP_URL = "https://wa.me/{number}?text={text}"
SMS_URL = "sms:+{number}?body={text}"  # RFC 5724

_STATE_PHRASES = {
    ReportState.DRAFT: "sedang kami catat",
    ReportState.QUEUED: "sudah kami catat dan menunggu dikirim ke LAPOR!",
    ReportState.NEEDS_FIX: "sedang kami lengkapi sebelum dikirim lagi ke LAPOR!",
    ReportState.SENT: "sudah terkirim ke LAPOR!",
}


class Unavailable(StrEnum):
    """Why there is no message to send: the window names the reason in its own language."""

    ANONYMOUS = "anonymous"
    NO_PHONE = "no_phone"


@dataclass(frozen=True)
class CitizenMessage:
    text: str
    phone: str  # as the reporter gave it
    mobile: str | None  # ``6281234567890``; None for a number WhatsApp and SMS cannot reach (a landline)

    @property
    def whatsapp_url(self) -> str | None:
        if self.mobile is None:
            return None
        return WHATSAPP_URL.format(number=self.mobile, text=quote(self.text, safe=""))

    @property
    def sms_url(self) -> str | None:
        if self.mobile is None:
            return None
        return SMS_URL.format(number=self.mobile, text=quote(self.text, safe=""))


def mobile_number(phone: str | None) -> str | None:
    """``0812-3456-7890``, ``+62 812 3456 7890`` or ``6281234567890`` -> ``6281234567890``.

    None for what is not an Indonesian mobile number (those start with 8 after the
    country code or the leading 0): WhatsApp and SMS cannot reach a landline.
    """
    digits = normalize_phone(phone or "")
    for prefix in ("+" + COUNTRY_CODE, COUNTRY_CODE, "0"):
        if digits.startswith(prefix):
            national = digits[len(prefix) :]
            break
    else:
        return None
    if not (national.isascii() and national.isdigit()) or not national.startswith("8"):
        return None
    if not 8 <= len(national) <= 13:
        return None
    return COUNTRY_CODE + national


def unavailable(report: Report) -> Unavailable | None:
    content = report.content
    if content.anonymous:
        return Unavailable.ANONYMOUS
    if not (content.reporter.phone or "").strip():
        return Unavailable.NO_PHONE
    return None


def citizen_message(report: Report, settings: Settings) -> CitizenMessage | None:
    """The message for the reporter of `report`; None when it may not be sent (see `unavailable`)."""
    if unavailable(report) is not None:
        return None
    phone = (report.content.reporter.phone or "").strip()
    return CitizenMessage(compose(report, settings), phone, mobile_number(phone))


def compose(report: Report, settings: Settings) -> str:
    content = report.content
    office = settings.office.name if settings.office is not None else "kantor desa"
    lines = [
        f"Yth. Bapak/Ibu {content.reporter.name.strip()},",
        f"berikut kabar laporan Anda “{content.title.strip()}” yang dicatat di {office}.",
        "",
        f"Nomor laporan: {report.local_ref}",
        f"Nomor pelacakan: {report.tracking_id or 'belum ada, diberikan setelah laporan terkirim'}",
        f"Status: {status_phrase(report)}",
    ]
    question = report.question if report.awaiting_reply else None
    newest = newest_answer(report)
    if question is not None:
        lines += [
            "",
            f"LAPOR! meminta keterangan tambahan: {question.text.strip()}",
            "",
            f"Mohon datang ke {office} membawa jawaban atau keterangan tersebut (dan dokumen atau foto "
            "pendukung bila ada), agar kami catat dan kirimkan ke LAPOR! secepatnya. Tanpa jawaban Anda, laporan "
            "belum dapat diproses lebih lanjut.",
        ]
    elif report.remote_status is RemoteStatus.ON_HOLD and report.replies:
        lines += [
            "",
            "Keterangan tambahan dari Anda sudah kami catat dan teruskan ke LAPOR! dan kami kabari lagi bila ada "
            "perkembangan.",
        ]
    if question is None and newest is not None:
        zone = zone_of_region(settings.office.region_code if settings.office else None)
        lines += [
            "",
            f"Tanggapan terbaru ({newest.author.strip()}, {format_date(zone.local(newest.at).date())}):",
            excerpt(newest.text, ANSWER_CHARS),
        ]
    link = settings.tracking_link(report.tracking_id)
    if link is not None:
        lines += ["", f"Pantau laporan Anda di LAPOR! melalui {link}"]
    lines += ["", "Terima kasih.", settings.operator or report.recorded_by, office]
    return "\n".join(lines)


def status_phrase(report: Report) -> str:
    """What a citizen understands of where the report is: LAPOR!'s status once it has one."""
    if report.state is ReportState.SENT and report.remote_status is not None:
        return REMOTE_STATUS_LABELS[report.remote_status]
    phrase = _STATE_PHRASES[report.state]
    return phrase[0].upper() + phrase[1:]


def newest_answer(report: Report) -> AgencyResponse | None:
    """The newest word of LAPOR! or the agency; the citizen's own reply coming back is not news to them."""
    answers = [r for r in report.responses if r.role is not ResponseRole.REPORTER]
    return max(answers, key=lambda response: response.at, default=None)
