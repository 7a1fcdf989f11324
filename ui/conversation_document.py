"""The printed *Tanggapan*: a report's conversation with LAPOR!, on paper for the citizen.

A citizen without internet follows their report at the desa office; this is
what they take home. It names the report (numbers, title, category as
parent › leaf, the agency asked for and the one handling it, the status and
the due date of the current step on the office's clock), then the
conversation in order: LAPOR!'s questions and the agency's answers (each
with its author's role), the citizen's replies as the office recorded them
with where each stands (waiting to be sent, sent, refused and why, handed to
the kecamatan), and each new status. A question still waiting for the
citizen is printed first, in a box, with what to do.

Laid out like the receipt (`ui.document_parts`) on A4, A5 and thermal rolls,
always in Bahasa Indonesia. The reporter's name is printed only when the
report is not anonymous; no NIK, phone or address is printed at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from lapor_desktop.domain import RemoteStatus, ReplyState, Report, ResponseRole
from lapor_desktop.labels import REMOTE_STATUS_LABELS, REPLY_STATE_LABELS, RESPONSE_ROLE_LABELS
from lapor_desktop.offices.settings import Paper, Settings
from ui.document_parts import (
    NO_NAMES,
    DocumentContext,
    ReferenceNames,
    document_context,
    header_html,
    printed_html,
    rows_html,
    tracking_block,
    with_qr,
    write_document_pdf,
)
from ui.document_parts import escape as _e
from ui.document_render import Document, RenderedPdf

HEADING = "TANGGAPAN ATAS LAPORAN"
FILE_PREFIX = "Tanggapan"
TERMINAL = frozenset({RemoteStatus.REJECTED, RemoteStatus.ARCHIVED, RemoteStatus.COMPLETED})


class EntryKind(IntEnum):
    """What a line of the conversation is; at the same instant, in this order."""

    RESPONSE = 0
    REPLY = 1
    STATUS = 2


@dataclass(frozen=True)
class Entry:
    """One step of the conversation, as printed: who (a role), when, what, and a note on where it stands."""

    kind: EntryKind
    at: dt.datetime
    role: str
    author: str
    text: str
    note: str = ""


def _status_label(status: RemoteStatus) -> str:
    return REMOTE_STATUS_LABELS.get(status, str(status))


def _reply_note(reply_state: ReplyState, refusal: str | None, waiting: str | None, files: int) -> str:
    parts = [REPLY_STATE_LABELS.get(reply_state, str(reply_state))]
    if reply_state is ReplyState.REFUSED and refusal:
        parts[0] += f": {refusal}"
    if reply_state is ReplyState.QUEUED and waiting:
        parts[0] += f" ({waiting})"
    if files:
        parts.append(f"{files} lampiran")
    return "; ".join(parts)


def conversation_entries(report: Report) -> list[Entry]:
    """The conversation in order: responses, the citizen's replies recorded here, each new status.

    A reporter's response that LAPOR! sent back for a reply recorded here (same client id) is that
    reply: it is printed once, as the office recorded it, with its state.
    """
    recorded = {reply.client_id for reply in report.replies}
    entries: list[Entry] = []
    for response in report.responses:
        if response.role is ResponseRole.REPORTER and response.client_id in recorded:
            continue
        role = RESPONSE_ROLE_LABELS.get(response.role, str(response.role))
        entries.append(Entry(EntryKind.RESPONSE, response.at, role, response.author.strip(), response.text))
    reporter = RESPONSE_ROLE_LABELS[ResponseRole.REPORTER]
    for reply in report.replies:
        note = _reply_note(reply.state, reply.refusal, reply.waiting_note, len(reply.attachments))
        entries.append(
            Entry(
                EntryKind.REPLY,
                reply.recorded_at,
                reporter,
                f"dicatat oleh {reply.recorded_by}",
                reply.text,
                note,
            )
        )
    for change in report.status_history:
        label = _status_label(change.status)
        entries.append(
            Entry(EntryKind.STATUS, change.first_seen_at, "Status", "", f"Status menjadi: {label}")
        )
    return sorted(entries, key=lambda entry: (entry.at, entry.kind))


def _report_rows(report: Report, ctx: DocumentContext, names: ReferenceNames) -> list[tuple[str, str]]:
    content = report.content
    rows: list[tuple[str, str]] = [
        ("Nomor laporan", f"<b>{_e(report.local_ref)}</b>"),
        ("Nomor pelacakan LAPOR!", f"<b>{_e(report.tracking_id)}</b>" if report.tracking_id else "belum ada"),
        ("Tanggal dicatat", _e(ctx.when(report.recorded_at))),
        ("Judul", f"<b>{_e(content.title)}</b>"),
    ]
    if content.category_code:
        rows.append(("Kategori", _e(names.category_path(content.category_code))))
    if content.agency_code:
        rows.append(("Instansi yang dituju", _e(names.agency_name(content.agency_code))))
    if report.agency is not None:
        rows.append(("Instansi yang menangani", _e(report.agency.name)))
    elif report.tracking_id:
        rows.append(("Instansi yang menangani", "belum ditetapkan LAPOR!"))
    if report.remote_status is not None:
        rows.append(("Status", f"<b>{_e(_status_label(report.remote_status))}</b>"))
    if report.due_at is not None and report.remote_status not in TERMINAL:
        rows.append(("Batas waktu tahap ini", _e(ctx.when(report.due_at))))
    if not content.anonymous and content.reporter.name.strip():
        rows.append(("Nama pelapor", _e(content.reporter.name)))
    return rows


def _question_box(report: Report, ctx: DocumentContext) -> str:
    """LAPOR!'s open question, first and framed: the reason the citizen holds this paper."""
    question = report.question
    if question is None or not report.awaiting_reply:
        return ""
    text = (
        f"<b>LAPOR! meminta keterangan tambahan:</b><br>{_e(question.text)}<br>"
        f'<span style="{ctx.size(0.9)}">({_e(ctx.when(question.at))})</span><br><br>'
        f"Mohon datang ke {_e(ctx.office_word)} membawa jawaban atau keterangan tersebut; "
        "petugas akan mencatat dan mengirimkannya ke LAPOR! untuk Anda."
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="6" style="border:2px solid #000000; '
        f'border-collapse:collapse; margin-top:10px;"><tr><td>{text}</td></tr></table>'
    )


def _entry_html(number: int, entry: Entry, ctx: DocumentContext) -> str:
    if entry.kind is EntryKind.STATUS:
        return (
            f'<p style="margin:6px 0 2px 0;"><i>{_e(entry.text)}</i> '
            f'<span style="{ctx.size(0.85)} color:{ctx.grey};">({_e(ctx.when(entry.at))})</span></p>'
        )
    who = f"<b>{number}. {_e(entry.role)}</b>"
    if entry.author and entry.author.casefold() != entry.role.casefold():
        who += f" &middot; {_e(entry.author)}"
    parts = [who, f'<span style="{ctx.size(0.85)} color:{ctx.grey};">{_e(ctx.when(entry.at))}</span>']
    parts.append(_e(entry.text))
    if entry.note:
        parts.append(f'<span style="{ctx.size(0.9)}"><i>Keadaan: {_e(entry.note)}</i></span>')
    body = "<br>".join(parts)
    if ctx.spec.narrow:
        return f'<hr/><p style="margin:2px 0 4px 0;">{body}</p>'
    return (
        '<table width="100%" cellspacing="0" cellpadding="6" '
        'style="border:1px solid #999999; border-collapse:collapse; margin-top:6px;">'
        f"<tr><td>{body}</td></tr></table>"
    )


def _conversation_html(report: Report, ctx: DocumentContext) -> str:
    entries = conversation_entries(report)
    if not any(entry.kind is not EntryKind.STATUS for entry in entries):
        return "<p>Belum ada tanggapan dari LAPOR! atau instansi.</p>" + "".join(
            _entry_html(0, entry, ctx) for entry in entries
        )
    parts: list[str] = []
    number = 0
    for entry in entries:
        if entry.kind is not EntryKind.STATUS:
            number += 1
        parts.append(_entry_html(number, entry, ctx))
    return "".join(parts)


def conversation_html(
    report: Report,
    settings: Settings,
    paper: Paper = Paper.A4,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> str:
    ctx = document_context(settings, paper)
    return "".join(
        [
            "<html><body>",
            header_html(ctx, HEADING),
            rows_html(ctx, _report_rows(report, ctx, names)),
            _question_box(report, ctx),
            f'<p style="margin-top:12px; {ctx.size(1.1)}"><b>Percakapan</b></p>',
            _conversation_html(report, ctx),
            tracking_block(report, ctx),
            f'<p style="margin-top:12px; color:{ctx.grey};">Tanggapan ini disalin dari LAPOR! dan dicetak oleh '
            f"petugas {_e(ctx.office_name)}.</p>",
            printed_html(ctx, printed_at or dt.datetime.now(dt.UTC)),
            "</body></html>",
        ]
    )


def conversation_document(
    report: Report,
    settings: Settings,
    paper: Paper,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> Document:
    body = conversation_html(report, settings, paper, names=names, printed_at=printed_at)
    return with_qr(report, settings, body, f"Tanggapan {report.local_ref}")


def write_conversation_pdf(
    report: Report,
    settings: Settings,
    path: Path,
    paper: Paper | None = None,
    *,
    names: ReferenceNames = NO_NAMES,
    printed_at: dt.datetime | None = None,
) -> RenderedPdf:
    """The *Tanggapan* as a PDF on `paper` (the office's usual paper when None), written whole."""
    return write_document_pdf(conversation_document, report, settings, path, paper, names, printed_at)
