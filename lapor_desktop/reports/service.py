"""Recording reports: the one service the CLI and the GUI both call to change them."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from lapor_desktop.attachments.blobs import BlobStore
from lapor_desktop.domain import (
    EDITABLE_STATES,
    AttachmentRef,
    AuditEntry,
    Report,
    ReportContent,
    ReportState,
    ReviewState,
)
from lapor_desktop.errors import ValidationFailed
from lapor_desktop.offices.settings import Settings
from lapor_desktop.replies.mapping import replies_of_report
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.mapping import apply_content, content_columns, report_of
from lapor_desktop.reports.validation import normalize_content, validate_draft, validate_for_queue
from lapor_desktop.storage.database import Database
from lapor_desktop.storage.schema import (
    AgencyResponseRow,
    AttachmentRow,
    AuditRow,
    PendingBlobRow,
    ReportAttachmentRow,
    ReportOriginRow,
    ReportRow,
    StatusHistoryRow,
)
from lapor_desktop.timestamps import utcnow

# Plain SQL on the session's connection for what recording writes while the citizen waits
# (measured against a raw INSERT in bench_storage); the rest goes through the session.
_INSERT_LINK = "INSERT INTO report_attachments (report_id, position, sha256, filename) VALUES (?, ?, ?, ?)"
_NEXT_COUNTER = (
    "INSERT INTO local_ref_counters (prefix, last) VALUES (?, 1) "
    "ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last"
)


def _missing_blob(ref: AttachmentRef) -> ValidationFailed:
    return ValidationFailed({"attachments": f"Lampiran {ref.filename} tidak ditemukan; tambahkan lagi."})


class NotFound(LookupError):
    def __init__(self, report_id: int | str) -> None:
        super().__init__(f"Laporan {report_id} tidak ditemukan.")


class NotEditable(Exception):
    def __init__(self, report: ReportRow) -> None:
        super().__init__(
            f"Laporan {report.local_ref} berstatus '{report.state}' dan tidak dapat diubah lagi: "
            "hanya draf dan laporan yang perlu diperbaiki yang dapat diubah."
        )


class AlreadySending(Exception):
    def __init__(self, report: ReportRow) -> None:
        super().__init__(
            f"Laporan {report.local_ref} sudah mulai dikirim ke LAPOR! dan tidak dapat ditarik kembali; "
            "tunggu sampai terkirim."
        )


class AwaitingReview(Exception):
    """At a kecamatan: a desa's report is decided in the review queue, not edited or queued directly."""

    def __init__(self, report: ReportRow) -> None:
        super().__init__(
            f"Laporan {report.local_ref} berasal dari desa dan menunggu tinjauan: setujui, kembalikan, "
            "atau tandai duplikat di Tinjauan desa."
        )


class OfficeNotSet(Exception):
    def __init__(self) -> None:
        super().__init__(
            "Kantor dan operator belum diatur. Jalankan `lapor-desktop office set --name NAMA "
            "--region-code KODE` dan `lapor-desktop operator set NAMA` (atau isi lewat Pengaturan)."
        )


class ReportService:
    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        settings: Callable[[], Settings],
    ) -> None:
        self._db = db
        self._blobs = blobs
        self._settings = settings
        # Blobs this process wrote but no saved report names yet: sha256 -> pending row ids.
        self._pending: dict[str, list[int]] = {}

    # -- attachments ---------------------------------------------------------

    def import_attachments(self, paths: Iterable[Path]) -> list[AttachmentRef]:
        """Process every file first so that one bad file changes nothing, then store them."""
        from lapor_desktop.attachments.processing import process_file

        processed = [process_file(Path(p)) for p in paths]
        return [
            self._store_blob(item.sha256, item.data, item.content_type, item.filename) for item in processed
        ]

    def import_attachment(self, path: Path) -> AttachmentRef:
        return self.import_attachments([path])[0]

    def _store_blob(self, sha256: str, data: bytes, content_type: str, filename: str) -> AttachmentRef:
        # Record the intent before the file exists: if we die after writing it
        # but before a report names it, recovery knows the file is an orphan.
        with self._db.transaction() as session:
            pending = PendingBlobRow(sha256=sha256, pid=os.getpid(), created_at=utcnow())
            session.add(pending)
            session.flush()
            pending_id = pending.id
            if session.get(AttachmentRow, sha256) is None:
                session.add(
                    AttachmentRow(
                        sha256=sha256, content_type=content_type, size=len(data), created_at=utcnow()
                    )
                )
        self._blobs.write(sha256, data)
        self._pending.setdefault(sha256, []).append(pending_id)
        return AttachmentRef(sha256=sha256, filename=filename, content_type=content_type, size=len(data))

    def attachment_path(self, sha256: str) -> Path:
        return self._blobs.path_for(sha256)

    # -- recording -------------------------------------------------------------

    def create(self, content: ReportContent, *, queue: bool = False) -> Report:
        settings = self._settings()
        if settings.office is None or not settings.operator:
            raise OfficeNotSet()
        content = normalize_content(content)
        self._check(content, queue=queue)
        now = utcnow()
        state = ReportState.QUEUED if queue else ReportState.DRAFT
        client_id = str(uuid.uuid4())
        with self._db.write() as connection:
            local_ref = self._next_local_ref(connection, settings.office.region_code, now.year)
            report_id = lifecycle.insert(
                connection,
                {
                    "client_id": client_id,
                    "local_ref": local_ref,
                    "recorded_at": now,
                    "recorded_by": settings.operator,
                    **content_columns(content),
                },
                action="created",
                operator=settings.operator,
                at=now,
                queue=queue,
            )
            if content.attachments:
                self._check_stored_blobs(connection, content.attachments)
                connection.executemany(
                    _INSERT_LINK,
                    [(report_id, i, ref.sha256, ref.filename) for i, ref in enumerate(content.attachments)],
                )
                settled = [pid for ref in content.attachments for pid in self._pending.get(ref.sha256, [])]
                connection.executemany("DELETE FROM pending_blobs WHERE id = ?", [(pid,) for pid in settled])
        for ref in content.attachments:  # committed: the report names them now
            self._pending.pop(ref.sha256, None)
        return Report(
            id=report_id,
            client_id=client_id,
            local_ref=local_ref,
            state=state,
            content=content,
            recorded_at=now,
            recorded_by=settings.operator,
            updated_at=now,
        )

    def update(self, report_id: int, content: ReportContent) -> Report:
        content = normalize_content(content)
        self._check(content, queue=False)
        with self._db.transaction() as session:
            row = self._row(session, report_id)
            self._guard_review(session, row)
            if ReportState(row.state) not in EDITABLE_STATES:
                raise NotEditable(row)
            before = report_of(row).content
            apply_content(row, content)
            self._set_attachments(session, row, content.attachments)
            row.updated_at = utcnow()
            changed = sorted(
                f.name
                for f in dataclasses.fields(ReportContent)
                if getattr(before, f.name) != getattr(content, f.name)
            )
            self._audit(session, row, "edited", None, None, ", ".join(changed) or None)
            return self._load(session, row.id)

    def queue(self, report_id: int) -> Report:
        with self._db.transaction() as session:
            row = self._row(session, report_id)
            self._guard_review(session, row)
            lifecycle.check(row, ReportState.QUEUED)
            errors = validate_for_queue(report_of(row).content, today=self._today())
            if errors:
                raise ValidationFailed(errors)
            row.fix_messages = None
            row.fix_summary = None
            row.next_attempt_at = None
            row.last_error = None
            self._move(session, row, ReportState.QUEUED, "queued")
            return self._load(session, row.id)

    def unqueue(self, report_id: int) -> Report:
        """Take a queued report back to draft so it can be changed before it goes out."""
        with self._db.transaction() as session:
            row = self._row(session, report_id)
            lifecycle.check(row, ReportState.DRAFT)
            if row.state == ReportState.QUEUED.value and row.first_attempt_at is not None:
                raise AlreadySending(row)
            self._move(session, row, ReportState.DRAFT, "unqueued")
            return self._load(session, row.id)

    def delete_draft(self, report_id: int) -> None:
        with self._db.transaction() as session:
            row = self._row(session, report_id)
            self._guard_review(session, row)
            if row.state != ReportState.DRAFT.value:
                raise NotEditable(row)
            session.delete(row)

    # -- reading -----------------------------------------------------------------

    def get(self, report_id: int) -> Report:
        with self._db.transaction() as session:
            return self._load(session, report_id)

    def get_by_client_id(self, client_id: str) -> Report:
        with self._db.transaction() as session:
            found = session.scalar(select(ReportRow.id).where(ReportRow.client_id == client_id))
            if found is None:
                raise NotFound(client_id)
            return self._load(session, found)

    def audit_trail(self, report_id: int) -> list[AuditEntry]:
        with self._db.transaction() as session:
            self._row(session, report_id)
            rows = session.scalars(
                select(AuditRow).where(AuditRow.report_id == report_id).order_by(AuditRow.id)
            )
            return [
                AuditEntry(
                    at=a.at,
                    operator=a.operator,
                    action=a.action,
                    from_state=ReportState(a.from_state) if a.from_state else None,
                    to_state=ReportState(a.to_state) if a.to_state else None,
                    detail=a.detail,
                )
                for a in rows
            ]

    # -- internals -----------------------------------------------------------------

    def _today(self):  # type: ignore[no-untyped-def]
        return utcnow().astimezone().date()

    def _check(self, content: ReportContent, *, queue: bool) -> None:
        errors = validate_draft(content)
        if not errors and queue:
            errors = validate_for_queue(content, today=self._today())
        if errors:
            raise ValidationFailed(errors)

    @staticmethod
    def _guard_review(session: Session, row: ReportRow) -> None:
        origin = session.get(ReportOriginRow, row.id)
        if origin is not None and origin.review_state != ReviewState.APPROVED:
            raise AwaitingReview(row)

    def _row(self, session: Session, report_id: int) -> ReportRow:
        row = session.get(ReportRow, report_id)
        if row is None:
            raise NotFound(report_id)
        return row

    def _load(self, session: Session, report_id: int) -> Report:
        row = self._row(session, report_id)
        history = list(
            session.scalars(
                select(StatusHistoryRow)
                .where(StatusHistoryRow.report_id == report_id)
                .order_by(StatusHistoryRow.id)
            )
        )
        responses = list(
            session.scalars(
                select(AgencyResponseRow)
                .where(AgencyResponseRow.report_id == report_id)
                .order_by(AgencyResponseRow.at, AgencyResponseRow.response_id)
            )
        )
        return report_of(row, history, responses, replies=replies_of_report(session, report_id))

    def _next_local_ref(self, connection: sqlite3.Connection, region_code: str, year: int) -> str:
        prefix = f"{region_code}/{year}"
        number = connection.execute(_NEXT_COUNTER, (prefix,)).fetchone()[0]
        return f"{prefix}/{number:05d}"

    def _check_stored_blobs(self, connection: sqlite3.Connection, refs: tuple[AttachmentRef, ...]) -> None:
        """`check_blobs` on a plain connection: each blob has its row and its file."""
        for ref in refs:
            row = connection.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (ref.sha256,)).fetchone()
            if row is None or not self._blobs.exists(ref.sha256):
                raise _missing_blob(ref)

    def check_blobs(self, session: Session, refs: tuple[AttachmentRef, ...]) -> None:
        """In the transaction saving what names them: every blob is stored (also for replies)."""
        for ref in refs:
            if session.get(AttachmentRow, ref.sha256) is None or not self._blobs.exists(ref.sha256):
                raise _missing_blob(ref)

    def settle_intents(self, session: Session, refs: tuple[AttachmentRef, ...]) -> None:
        """The report now names these blobs: their write intents end in this same transaction."""
        settled = [pid for ref in refs for pid in self._pending.pop(ref.sha256, [])]
        if settled:
            session.execute(delete(PendingBlobRow).where(PendingBlobRow.id.in_(settled)))

    def _set_attachments(self, session: Session, row: ReportRow, refs: tuple[AttachmentRef, ...]) -> None:
        self.check_blobs(session, refs)
        wanted = [(ref.sha256, ref.filename) for ref in refs]
        if [(a.sha256, a.filename) for a in row.attachments] != wanted:
            row.attachments.clear()
            session.flush()
            for position, (sha256, filename) in enumerate(wanted):
                row.attachments.append(
                    ReportAttachmentRow(position=position, sha256=sha256, filename=filename)
                )
        self.settle_intents(session, refs)

    def _move(self, session: Session, row: ReportRow, to: ReportState, action: str) -> None:
        lifecycle.move(session, row, to, action=action, operator=self._settings().operator or "")

    def _audit(
        self,
        session: Session,
        row: ReportRow,
        action: str,
        from_state: ReportState | None,
        to_state: ReportState | None,
        detail: str | None = None,
    ) -> None:
        record_audit(session, row, self._settings().operator or "", action, from_state, to_state, detail)
