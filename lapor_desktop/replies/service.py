"""Recording the reporter's replies: the one service the CLI and the window call (`app.replies`).

A citizen answers LAPOR!'s question (or the agency's answer) through the
office that recorded the report. The reply is kept like a report: its own
`client_id` (the idempotency key on the wire), its attachments stored
content-addressed, one transaction, and queued for the outbox, which sends
it exactly once. A reply LAPOR! refuses keeps its text and says why; the
operator records a new one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lapor_desktop.domain import (
    TERMINAL_STATUSES,
    AttachmentRef,
    RemoteStatus,
    Reply,
    ReplyState,
    ReportState,
)
from lapor_desktop.errors import ValidationFailed
from lapor_desktop.labels import REMOTE_STATUS_LABELS
from lapor_desktop.offices.settings import Settings
from lapor_desktop.replies.mapping import replies_of_report, reply_attachments, reply_of
from lapor_desktop.replies.routing import VIA_KECAMATAN_NOTE, report_through_kecamatan
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.service import NotFound, OfficeNotSet, ReportService
from lapor_desktop.reports.validation import MAX_ATTACHMENTS
from lapor_desktop.storage.database import Database
from lapor_desktop.storage.schema import ReplyAttachmentRow, ReplyRow, ReportRow
from lapor_desktop.timestamps import utcnow

MIN_TEXT, MAX_TEXT = 5, 2000
MAX_RECORDED_BY = 120
_INSERT_LINK = insert(ReplyAttachmentRow.__table__)


class ReplyRefused(ValidationFailed):
    """A reply that cannot be recorded as given; `fields` says why (``text``, ``attachments``, ``report``)."""

    default_summary = "Tanggapan pelapor belum dapat dicatat; perbaiki kolom berikut."


class ReplyNotFound(LookupError):
    def __init__(self, reply_id: int) -> None:
        super().__init__(f"Tanggapan {reply_id} tidak ditemukan.")


def normalize_text(text: str) -> str:
    """The reply as stored and sent: line ends unified, trimmed (the contract counts after trimming)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_problem(text: str) -> str | None:
    """Why this (normalised) text is not a reply LAPOR! takes, or None."""
    if len(text) < MIN_TEXT:
        return f"Isi tanggapan terlalu pendek: minimal {MIN_TEXT} karakter (sekarang {len(text)})."
    if len(text) > MAX_TEXT:
        return f"Isi tanggapan terlalu panjang: maksimal {MAX_TEXT:,} karakter (sekarang {len(text):,}).".replace(
            ",", "."
        )
    return None


def report_problem(state: str, tracking_id: str | None, remote_status: str | None) -> str | None:
    """Why a report in this state cannot take a reply, or None."""
    if state != ReportState.SENT.value or not tracking_id:
        return (
            "Tanggapan pelapor hanya dapat dicatat untuk laporan yang sudah diterima LAPOR! "
            "(sudah punya nomor pelacakan)."
        )
    if remote_status is not None and RemoteStatus(remote_status) in TERMINAL_STATUSES:
        label = REMOTE_STATUS_LABELS[RemoteStatus(remote_status)]
        return (
            f"Laporan ini sudah ditutup LAPOR! ({label}); tanggapan tidak dapat diterima lagi. "
            "Bila masalahnya masih ada, catat sebagai laporan baru."
        )
    return None


def insert_reply(
    session: Session,
    *,
    report_id: int,
    client_id: str,
    text: str,
    recorded_at: dt.datetime,
    recorded_by: str,
    attachments: Sequence[AttachmentRef],
) -> ReplyRow:
    """Store a queued reply and its attachment links in the caller's transaction (blob rows exist)."""
    row = ReplyRow(
        client_id=client_id,
        report_id=report_id,
        text=text,
        recorded_at=recorded_at,
        recorded_by=recorded_by,
        state=ReplyState.QUEUED.value,
    )
    session.add(row)
    session.flush()
    if attachments:
        session.connection().execute(
            _INSERT_LINK,
            [
                {"reply_id": row.id, "position": i, "sha256": ref.sha256, "filename": ref.filename}
                for i, ref in enumerate(attachments)
            ],
        )
    return row


class ReplyService:
    def __init__(self, db: Database, reports: ReportService, settings: Callable[[], Settings]) -> None:
        self._db = db
        self._reports = reports
        self._settings = settings

    def record(
        self,
        report_id: int,
        text: str,
        attachment_paths: Sequence[Path] = (),
        *,
        recorded_by: str | None = None,
    ) -> Reply:
        """Record a reply and queue it for the outbox; `ReplyRefused` (nothing stored) when it cannot be."""
        operator = (recorded_by if recorded_by is not None else self._settings().operator or "").strip()
        if not operator:
            raise OfficeNotSet()
        text = normalize_text(text)
        problems: dict[str, str] = {}
        problem = text_problem(text)
        if problem:
            problems["text"] = problem
        if len(attachment_paths) > MAX_ATTACHMENTS:
            problems["attachments"] = (
                f"Terlalu banyak lampiran: maksimal {MAX_ATTACHMENTS} (sekarang {len(attachment_paths)})."
            )
        if len(operator) > MAX_RECORDED_BY:
            problems["recorded_by"] = (
                f"Nama petugas pencatat terlalu panjang (maksimal {MAX_RECORDED_BY} karakter)."
            )
        with self._db.transaction() as session:
            row = self._report(session, report_id)
            problem = report_problem(row.state, row.tracking_id, row.remote_status)
        if problem:
            problems["report"] = problem
        if problems:
            raise ReplyRefused(problems)
        # Files are read and stored only once the rest is known good: a refused reply leaves nothing behind.
        refs = tuple(self._import(attachment_paths))
        now = utcnow()
        with self._db.transaction() as session:
            report = self._report(session, report_id)
            problem = report_problem(report.state, report.tracking_id, report.remote_status)
            if problem:  # closed meanwhile (a sync in another window)
                raise ReplyRefused({"report": problem})
            self._reports.check_blobs(session, refs)
            row = insert_reply(
                session,
                report_id=report_id,
                client_id=str(uuid.uuid4()),
                text=text,
                recorded_at=now,
                recorded_by=operator,
                attachments=refs,
            )
            if report_through_kecamatan(session, report_id):
                row.waiting_note = VIA_KECAMATAN_NOTE
            self._reports.settle_intents(session, refs)
            record_audit(session, report, operator, "reply_recorded", None, None, row.client_id)
            report.updated_at = now
            return reply_of(row, refs)

    def for_report(self, report_id: int) -> tuple[Reply, ...]:
        with self._db.transaction() as session:
            self._report(session, report_id)
            return replies_of_report(session, report_id)

    def get(self, reply_id: int) -> Reply:
        with self._db.transaction() as session:
            row = session.get(ReplyRow, reply_id)
            if row is None:
                raise ReplyNotFound(reply_id)
            return reply_of(row, reply_attachments(session, [row.id]).get(row.id, ()))

    def get_by_client_id(self, client_id: str) -> Reply:
        with self._db.transaction() as session:
            found = session.scalar(select(ReplyRow.id).where(ReplyRow.client_id == client_id))
        if found is None:
            raise LookupError(f"Tanggapan {client_id} tidak ditemukan.")
        return self.get(found)

    # -- internals ---------------------------------------------------------------------

    def _import(self, paths: Sequence[Path]):  # type: ignore[no-untyped-def]
        from lapor_desktop.attachments.processing import AttachmentRejected

        try:
            return self._reports.import_attachments(paths)
        except AttachmentRejected as error:
            raise ReplyRefused({"attachments": str(error)}) from error
        except OSError as error:
            raise ReplyRefused(
                {"attachments": f"Berkas lampiran tidak dapat dibaca: {error.strerror}."}
            ) from error

    @staticmethod
    def _report(session: Session, report_id: int) -> ReportRow:
        row = session.get(ReportRow, report_id)
        if row is None:
            raise NotFound(report_id)
        return row
