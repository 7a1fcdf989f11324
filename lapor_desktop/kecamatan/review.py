"""The kecamatan's review queue: reports imported from its desa, awaiting a decision.

Each imported report is a draft at the kecamatan with a `report_origins` row.
Staff can approve it (it is queued, so the kecamatan's outbox sends it to
LAPOR! with the desa's `client_id`), return it to the desa with a note, or
mark it as a duplicate of another report. Returns and duplicates reach the
desa in a reply paket (`KecamatanTransfer.export_reply`), as do the tracking ids
of the reports sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from lapor_desktop.domain import Report, ReportState, ReviewState
from lapor_desktop.errors import ValidationFailed
from lapor_desktop.kecamatan.kecamatan_side import KecamatanTransfer
from lapor_desktop.kecamatan.transfer import ExportSummary
from lapor_desktop.offices.keys import TrustStore
from lapor_desktop.offices.settings import OfficeKind
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.mapping import report_of
from lapor_desktop.reports.validation import validate_for_queue
from lapor_desktop.storage.schema import ReportOriginRow, ReportRow
from lapor_desktop.timestamps import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lapor_desktop.app import App

MAX_NOTE = 2000


class ReviewError(Exception):
    """A review step that cannot be done (message in Bahasa Indonesia)."""


@dataclass(frozen=True)
class DesaQueue:
    region_code: str
    name: str
    awaiting: int
    approved: int
    returned: int
    duplicate: int


@dataclass(frozen=True)
class ReviewItem:
    report_id: int
    client_id: str
    local_ref: str
    title: str
    category_code: str
    origin_code: str
    recorded_at: dt.datetime
    imported_at: dt.datetime
    review_state: ReviewState
    review_note: str | None
    state: ReportState
    tracking_id: str | None


class ReviewService:
    def __init__(self, app: App) -> None:
        self._app = app

    def _operator(self) -> str:
        return self._app.settings().operator or ""

    def review_state(self, report_id: int) -> ReviewState | None:
        """A desa's report at the kecamatan: where the review stands; None for the office's own reports.

        Only an approved report may be edited or queued here (`ReportService` enforces it).
        """
        with self._app.db.transaction() as session:
            origin = session.get(ReportOriginRow, report_id)
            return None if origin is None else ReviewState(origin.review_state)

    def desa_queues(self) -> list[DesaQueue]:
        """Every known desa (trusted, or seen in an imported paket) with its review counts."""
        names = {o.region_code: o.name for o in TrustStore(self._app.db).all() if o.kind is OfficeKind.DESA}
        counts: dict[str, dict[ReviewState, int]] = {code: {} for code in names}
        with self._app.db.transaction() as session:
            for code, state, n in session.execute(
                select(ReportOriginRow.origin_code, ReportOriginRow.review_state, func.count()).group_by(
                    ReportOriginRow.origin_code, ReportOriginRow.review_state
                )
            ):
                counts.setdefault(code, {})[ReviewState(state)] = int(n)
        return [
            DesaQueue(
                region_code=code,
                name=names.get(code, code),
                awaiting=by_state.get(ReviewState.AWAITING, 0),
                approved=by_state.get(ReviewState.APPROVED, 0),
                returned=by_state.get(ReviewState.RETURNED, 0),
                duplicate=by_state.get(ReviewState.DUPLICATE, 0),
            )
            for code, by_state in sorted(counts.items())
        ]

    def items(
        self, desa_code: str | None = None, review_states: tuple[ReviewState, ...] = (ReviewState.AWAITING,)
    ) -> list[ReviewItem]:
        with self._app.db.transaction() as session:
            query = (
                select(ReportRow, ReportOriginRow)
                .join(ReportOriginRow, ReportOriginRow.report_id == ReportRow.id)
                .order_by(ReportRow.recorded_at, ReportRow.id)
            )
            if desa_code:
                query = query.where(ReportOriginRow.origin_code == desa_code)
            if review_states:
                query = query.where(ReportOriginRow.review_state.in_([s.value for s in review_states]))
            return [
                ReviewItem(
                    report_id=row.id,
                    client_id=row.client_id,
                    local_ref=row.local_ref,
                    title=row.title,
                    category_code=row.category_code,
                    origin_code=origin.origin_code,
                    recorded_at=row.recorded_at,
                    imported_at=origin.imported_at,
                    review_state=ReviewState(origin.review_state),
                    review_note=origin.review_note,
                    state=ReportState(row.state),
                    tracking_id=row.tracking_id,
                )
                for row, origin in session.execute(query).all()
            ]

    def _awaiting(self, session: Session, report_id: int) -> tuple[ReportRow, ReportOriginRow]:
        row = session.get(ReportRow, report_id)
        origin = None if row is None else session.get(ReportOriginRow, report_id)
        if row is None or origin is None:
            raise ReviewError(f"Laporan {report_id} bukan laporan kiriman desa yang menunggu tinjauan.")
        if origin.review_state != ReviewState.AWAITING:
            raise ReviewError(
                f"Laporan {row.local_ref} sudah ditinjau ({review_state_label(ReviewState(origin.review_state))})."
            )
        return row, origin

    def _settle(self, origin: ReportOriginRow, state: ReviewState, note: str | None) -> None:
        origin.review_state = state.value
        origin.review_note = note
        origin.reviewed_at = utcnow()
        origin.reviewed_by = self._operator()

    def approve(self, report_id: int) -> Report:
        """Queue the report for LAPOR! (its content must pass the same checks as any queued report)."""
        with self._app.db.transaction() as session:
            row, origin = self._awaiting(session, report_id)
            lifecycle.check(row, ReportState.QUEUED)
            errors = validate_for_queue(report_of(row).content, today=utcnow().astimezone().date())
            if errors:
                raise ValidationFailed(errors)
            lifecycle.move(session, row, ReportState.QUEUED, action="approved", operator=self._operator())
            row.next_attempt_at = None
            row.last_error = None
            self._settle(origin, ReviewState.APPROVED, None)
            session.flush()
            return report_of(row)

    def return_to_desa(self, report_id: int, note: str) -> None:
        note = note.strip()
        if not note:
            raise ReviewError("Tulis catatan untuk desa: apa yang perlu diperbaiki pada laporan ini.")
        if len(note) > MAX_NOTE:
            raise ReviewError(f"Catatan terlalu panjang: maksimal {MAX_NOTE} karakter.")
        with self._app.db.transaction() as session:
            row, origin = self._awaiting(session, report_id)
            self._settle(origin, ReviewState.RETURNED, note)
            self._audit(session, row, "returned_to_desa", None, None, note)

    def mark_duplicate(self, report_id: int, of_report_id: int, note: str = "") -> None:
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise ReviewError(f"Catatan terlalu panjang: maksimal {MAX_NOTE} karakter.")
        if report_id == of_report_id:
            raise ReviewError("Sebuah laporan tidak dapat menjadi duplikat dirinya sendiri.")
        with self._app.db.transaction() as session:
            row, origin = self._awaiting(session, report_id)
            other = session.get(ReportRow, of_report_id)
            if other is None:
                raise ReviewError(f"Laporan {of_report_id} (yang digandakan) tidak ditemukan.")
            self._settle(origin, ReviewState.DUPLICATE, note or None)
            origin.duplicate_of = other.client_id
            self._audit(session, row, "marked_duplicate", None, None, f"duplikat dari {other.local_ref}")

    def write_reply(self, desa_code: str, target: Path) -> ExportSummary:
        return KecamatanTransfer(self._app).export_reply(desa_code, target)

    def _audit(
        self,
        session: Session,
        row: ReportRow,
        action: str,
        before: ReportState | None,
        after: ReportState | None,
        detail: str | None,
    ) -> None:
        record_audit(session, row, self._operator(), action, before, after, detail)


_STATE_LABELS = {
    ReviewState.AWAITING: "menunggu tinjauan",
    ReviewState.APPROVED: "disetujui",
    ReviewState.RETURNED: "dikembalikan ke desa",
    ReviewState.DUPLICATE: "ditandai duplikat",
}


def review_state_label(state: ReviewState) -> str:
    return _STATE_LABELS[state]
