"""Moving reports between a desa and its kecamatan by paket: export, import, reply.

The format and its checks are in `paket`; this module decides what goes in a
paket and what an imported one changes, each side in one transaction. See
`paket`'s docstring for why a handed-over report is `sent` at the desa.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from lapor_desktop.domain import (
    RemoteStatus,
    ReportState,
    ReviewState,
    check_handover_return,
    check_transition,
)
from lapor_desktop.kecamatan.paket import (
    ATTACHMENT_PREFIX,
    KIND_REPLY,
    KIND_REPORTS,
    IncomingReport,
    PaketContents,
    PaketExportError,
    PaketRejected,
    opened_paket,
    parse_report_entry,
    report_entry,
    write_paket,
)
from lapor_desktop.offices.keys import OfficeIdentity, TrustStore, ensure_keys, own_identity
from lapor_desktop.offices.settings import OfficeKind
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.mapping import apply_content, content_columns, report_of
from lapor_desktop.storage.atomic import fsync_dir
from lapor_desktop.storage.schema import (
    AgencyResponseRow,
    AttachmentRow,
    HandoverRow,
    PaketRow,
    PendingBlobRow,
    ReportAttachmentRow,
    ReportOriginRow,
    ReportRow,
    StatusHistoryRow,
)
from lapor_desktop.support.processes import is_alive
from lapor_desktop.timestamps import from_text, to_text, utcnow

if TYPE_CHECKING:
    from lapor_desktop.app import App

AWAITING_REVIEW = ReviewState.AWAITING.value
APPROVED = ReviewState.APPROVED.value
RETURNED = ReviewState.RETURNED.value
DUPLICATE = ReviewState.DUPLICATE.value
REVIEW_STATES = tuple(state.value for state in ReviewState)


@dataclass(frozen=True)
class ExportSummary:
    paket_id: str
    path: Path
    kind: str
    recipient_code: str
    recipient_name: str
    reports: int
    attachments: int
    bytes: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            "paket_id": self.paket_id,
            "file": str(self.path),
            "kind": self.kind,
            "recipient": {"region_code": self.recipient_code, "name": self.recipient_name},
            "reports": self.reports,
            "attachments": self.attachments,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class ImportSummary:
    paket_id: str
    kind: str
    sender_code: str
    sender_name: str
    imported: int  # new reports (or, for a reply, answers applied)
    already_present: int
    resubmitted: int = 0
    returned: int = 0
    sent: int = 0
    duplicates: int = 0
    unknown: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "paket_id": self.paket_id,
            "kind": self.kind,
            "sender": {"region_code": self.sender_code, "name": self.sender_name},
            "imported": self.imported,
            "already_present": self.already_present,
            "resubmitted": self.resubmitted,
            "returned": self.returned,
            "sent": self.sent,
            "duplicates": self.duplicates,
            "unknown": self.unknown,
        }


def _operator(app: App) -> str:
    return app.settings().operator or ""


def _temp_target(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")


class PaketService:
    def __init__(self, app: App) -> None:
        self._app = app
        self.trust = TrustStore(app.db)

    # -- desa: reports to the kecamatan --------------------------------------------------------

    def _own(self, kind: OfficeKind) -> OfficeIdentity:
        identity = own_identity(self._app.data_dir)
        if identity.kind is not kind:
            if kind is OfficeKind.DESA:
                raise PaketExportError(
                    "Hanya kantor desa yang menyerahkan laporan dalam paket; kantor kecamatan membuat paket "
                    "balasan untuk desa dari halaman Tinjauan."
                )
            raise PaketExportError("Paket balasan hanya dibuat oleh kantor kecamatan.")
        return identity

    def kecamatan(self) -> OfficeIdentity:
        """The kecamatan this desa hands its reports to (from the trust store)."""
        own = self._own(OfficeKind.DESA)
        found = self.trust.by_region(own.region_code.rsplit(".", 1)[0])
        if found is None:
            raise PaketExportError(
                "Kantor kecamatan belum dikenal. Minta profil kantor kecamatan (berkas dari `office "
                "public-key`) lalu jalankan `office trust BERKAS` atau impor lewat Pengaturan."
            )
        return found

    def exportable(self) -> list[int]:
        """Ids of queued reports this desa could hand over now."""
        now = utcnow()
        with self._app.db.transaction() as session:
            rows = session.scalars(
                select(ReportRow).where(
                    ReportRow.state == ReportState.QUEUED.value, ReportRow.first_attempt_at.is_(None)
                )
            )
            return [row.id for row in rows if self._unclaimed(row, now)]

    @staticmethod
    def _unclaimed(row: ReportRow, now: dt.datetime) -> bool:
        if row.claim_owner is None:
            return True
        if row.claim_expires_at is not None and row.claim_expires_at < now:
            return True
        return row.claim_pid is None or not is_alive(row.claim_pid)

    def _eligible(self, session: Session, row: ReportRow, now: dt.datetime) -> str | None:
        """Why `row` cannot go into a paket, or None."""
        if row.state == ReportState.QUEUED.value:
            if row.first_attempt_at is not None:
                return (
                    f"Laporan {row.local_ref} sudah mulai dikirim langsung ke LAPOR! dan tidak boleh diserahkan "
                    "lagi lewat kecamatan (bisa tercatat dua kali); tunggu sinkronisasi berikutnya."
                )
            if not self._unclaimed(row, now):
                return f"Laporan {row.local_ref} sedang dikirim oleh proses lain; coba lagi sebentar lagi."
            return None
        handover = session.get(HandoverRow, row.id)
        if (
            row.state == ReportState.SENT.value
            and row.tracking_id is None
            and handover
            and not handover.outcome
        ):
            return None  # handed over before and not answered yet: the same hand-over again (lost paket)
        return (
            f"Laporan {row.local_ref} berstatus '{row.state}': hanya laporan dalam antrean (atau yang sudah "
            "diserahkan dan belum dijawab kecamatan) yang dapat dimasukkan ke paket."
        )

    def export_reports(
        self, target: Path, *, report_ids: list[int] | None = None, all_queued: bool = False
    ) -> ExportSummary:
        own = self._own(OfficeKind.DESA)
        recipient = self.kecamatan()
        keys = ensure_keys(self._app.data_dir)
        ids = self.exportable() if all_queued else list(dict.fromkeys(report_ids or []))
        if not ids:
            raise PaketExportError("Tidak ada laporan dalam antrean untuk dimasukkan ke paket.")
        now = utcnow()
        entries: list[dict[str, Any]] = []
        blobs: dict[str, Path] = {}
        handover_ids: dict[int, str] = {}
        with self._app.db.transaction() as session:
            rows = {
                row.id: row
                for row in session.scalars(
                    select(ReportRow)
                    .where(ReportRow.id.in_(ids))
                    .options(selectinload(ReportRow.attachments))
                )
            }
            for report_id in ids:
                row = rows.get(report_id)
                if row is None:
                    raise PaketExportError(f"Laporan {report_id} tidak ditemukan.")
                problem = self._eligible(session, row, now)
                if problem:
                    raise PaketExportError(problem)
                handover = session.get(HandoverRow, row.id)
                reuse = handover is not None and row.state == ReportState.SENT.value
                handover_ids[row.id] = handover.handover_id if reuse and handover else str(uuid.uuid4())
                report = report_of(row)
                entries.append(report_entry(report, handover_ids[row.id]))
                for ref in report.content.attachments:
                    blobs[ref.sha256] = self._app.blobs.path_for(ref.sha256)
        missing = [sha for sha, path in blobs.items() if not path.is_file()]
        if missing:
            raise PaketExportError(
                "Berkas lampiran sebagian laporan hilang dari folder data; buka laporannya dan tambahkan lagi."
            )
        target = Path(target)
        temp = _temp_target(target)
        try:
            paket_id, sha256 = write_paket(
                temp,
                kind=KIND_REPORTS,
                manifest={"sender_code": own.region_code, "reports": entries},
                files=[(ATTACHMENT_PREFIX + sha, path) for sha, path in sorted(blobs.items())],
                sender=own,
                sender_keys=keys,
                recipient=recipient,
                scratch_dir=self._app.data_dir / "tmp",
            )
            size = temp.stat().st_size
            self._mark_handed_over(ids, handover_ids, paket_id, recipient, sha256)
            # Only now is the paket a real file: a crash before this leaves the reports handed over
            # without a paket, which exporting them again by id repairs (same hand-over ids).
            os.replace(temp, target)
            fsync_dir(target.parent)
        finally:
            temp.unlink(missing_ok=True)
        return ExportSummary(
            paket_id=paket_id,
            path=target,
            kind=KIND_REPORTS,
            recipient_code=recipient.region_code,
            recipient_name=recipient.name,
            reports=len(entries),
            attachments=len(blobs),
            bytes=size,
            sha256=sha256,
        )

    def _mark_handed_over(
        self,
        ids: list[int],
        handover_ids: dict[int, str],
        paket_id: str,
        recipient: OfficeIdentity,
        sha256: str,
    ) -> None:
        operator = _operator(self._app)
        now = utcnow()
        with self._app.db.transaction() as session:
            for report_id in ids:
                row = session.get(ReportRow, report_id)
                problem = None if row is None else self._eligible(session, row, now)
                if row is None or problem:
                    # The outbox (another process) took it meanwhile: nothing of this paket is kept.
                    raise PaketExportError(problem or f"Laporan {report_id} tidak ditemukan.")
                if row.state == ReportState.QUEUED.value:
                    check_transition(ReportState.QUEUED, ReportState.SENT)
                    row.state = ReportState.SENT.value
                    row.updated_at = now
                    record_audit(
                        session,
                        row,
                        operator,
                        "handed_over",
                        ReportState.QUEUED,
                        ReportState.SENT,
                        f"diserahkan ke {recipient.name} ({recipient.region_code}) dalam paket {paket_id}",
                    )
                else:
                    record_audit(session, row, operator, "handed_over_again", None, None, f"paket {paket_id}")
                handover = session.get(HandoverRow, row.id)
                if handover is None:
                    session.add(
                        HandoverRow(
                            report_id=row.id,
                            handover_id=handover_ids[row.id],
                            recipient_code=recipient.region_code,
                            paket_id=paket_id,
                            handed_over_at=now,
                        )
                    )
                else:
                    handover.handover_id = handover_ids[row.id]
                    handover.recipient_code = recipient.region_code
                    handover.paket_id = paket_id
                    handover.handed_over_at = now
                    handover.outcome = None
                    handover.note = None
                    handover.settled_at = None
            session.add(
                PaketRow(
                    paket_id=paket_id,
                    direction="out",
                    kind=KIND_REPORTS,
                    peer_code=recipient.region_code,
                    created_at=now,
                    processed_at=now,
                    reports=len(ids),
                    sha256=sha256,
                )
            )

    # -- import (either side) ---------------------------------------------------------------------

    def import_paket(self, path: Path) -> ImportSummary:
        """Verify and apply a paket; a refused one raises PaketRejected and changes nothing."""
        own = own_identity(self._app.data_dir)
        with opened_paket(Path(path), self._app.data_dir, self.trust) as contents:
            kind = contents.envelope.kind
            if kind == KIND_REPORTS:
                if own.kind is not OfficeKind.KECAMATAN:
                    raise PaketRejected("Paket laporan hanya dapat diimpor oleh kantor kecamatan.")
                return self._import_reports(contents)
            if own.kind is not OfficeKind.DESA:
                raise PaketRejected("Paket balasan kecamatan hanya dapat diimpor oleh kantor desa.")
            return self._import_reply(contents)

    def _import_reports(self, contents: PaketContents) -> ImportSummary:
        envelope = contents.envelope
        sender = envelope.sender
        raw = contents.manifest.get("reports")
        if not isinstance(raw, list) or contents.manifest.get("sender_code") != sender.region_code:
            raise PaketRejected("Daftar laporan dalam paket tidak dapat dibaca.")
        incoming = [
            parse_report_entry(entry, i, sender.region_code, contents.attachment_sizes)
            for i, entry in enumerate(raw)
        ]
        if len({r.client_id for r in incoming}) != len(incoming) or len(
            {r.local_ref for r in incoming}
        ) != len(incoming):
            raise PaketRejected("Paket tidak valid: ada laporan yang tercantum dua kali.")
        plan = self._plan_reports(incoming)
        needed = sorted(
            {
                ref.sha256
                for r in incoming
                if plan[r.client_id] != "already_present"
                for ref in r.content.attachments
                if not self._app.blobs.exists(ref.sha256)
            }
        )
        intents = self._write_blobs(contents, needed)
        try:
            return self._store_reports(contents, incoming, intents)
        finally:
            self._drop_intents(intents)

    def _plan_reports(self, incoming: list[IncomingReport]) -> dict[str, str]:
        """What each incoming report will be: new, resubmitted or already_present; refuses conflicts."""
        plan: dict[str, str] = {}
        with self._app.db.transaction() as session:
            for report in incoming:
                plan[report.client_id] = self._classify(session, report)
        return plan

    @staticmethod
    def _classify(session: Session, report: IncomingReport) -> str:
        row = session.scalar(select(ReportRow).where(ReportRow.client_id == report.client_id))
        if row is None:
            taken = session.scalar(select(ReportRow.client_id).where(ReportRow.local_ref == report.local_ref))
            if taken is not None:
                raise PaketRejected(
                    f"Nomor laporan {report.local_ref} sudah dipakai laporan lain di kantor ini. Tidak ada yang "
                    "diimpor; hubungi desa pengirim."
                )
            return "new"
        origin = session.get(ReportOriginRow, row.id)
        if origin is None:
            return "already_present"  # recorded here, or already at this office by another way
        if (
            origin.review_state == RETURNED
            and origin.handover_id != report.handover_id
            and row.state == ReportState.DRAFT.value
        ):
            return "resubmitted"
        return "already_present"

    def _write_blobs(self, contents: PaketContents, needed: list[str]) -> list[int]:
        """Record write intents, then write the blobs (see `recovery`): a crash leaves no orphan."""
        if not needed:
            return []
        with self._app.db.transaction() as session:
            rows = [PendingBlobRow(sha256=sha, pid=os.getpid(), created_at=utcnow()) for sha in needed]
            session.add_all(rows)
            session.flush()
            intents = [row.id for row in rows]
        try:
            for sha256 in needed:
                with contents.attachment_stream(sha256) as stream:
                    self._app.blobs.write(sha256, stream.read())
        except BaseException:
            self._drop_intents(intents)
            raise
        return intents

    def _drop_intents(self, intents: list[int]) -> None:
        if intents:
            with self._app.db.transaction() as session:
                session.execute(delete(PendingBlobRow).where(PendingBlobRow.id.in_(intents)))

    def _store_reports(
        self, contents: PaketContents, incoming: list[IncomingReport], intents: list[int]
    ) -> ImportSummary:
        envelope = contents.envelope
        operator = _operator(self._app)
        now = utcnow()
        counts = {"new": 0, "resubmitted": 0, "already_present": 0}
        with self._app.db.transaction() as session:
            for report in incoming:
                verdict = self._classify(session, report)  # again: another process may have imported it
                counts[verdict] += 1
                if verdict == "already_present":
                    continue
                self._ensure_blob_rows(session, report)
                if verdict == "new":
                    row = ReportRow(
                        client_id=report.client_id,
                        local_ref=report.local_ref,
                        state=ReportState.DRAFT.value,
                        recorded_at=report.recorded_at,
                        recorded_by=report.recorded_by,
                        updated_at=now,
                        **content_columns(report.content),
                    )
                    session.add(row)
                    session.flush()
                    for position, ref in enumerate(report.content.attachments):
                        session.add(
                            ReportAttachmentRow(
                                report_id=row.id, position=position, sha256=ref.sha256, filename=ref.filename
                            )
                        )
                    session.add(
                        ReportOriginRow(
                            report_id=row.id,
                            origin_code=envelope.sender.region_code,
                            handover_id=report.handover_id,
                            paket_id=envelope.paket_id,
                            imported_at=now,
                            review_state=AWAITING_REVIEW,
                        )
                    )
                    record_audit(
                        session,
                        row,
                        operator,
                        "imported",
                        None,
                        ReportState.DRAFT,
                        f"dari {envelope.sender.name} ({envelope.sender.region_code}), paket {envelope.paket_id}",
                    )
                else:
                    row = session.scalars(
                        select(ReportRow).where(ReportRow.client_id == report.client_id)
                    ).one()
                    apply_content(row, report.content)
                    row.attachments.clear()
                    session.flush()
                    for position, ref in enumerate(report.content.attachments):
                        row.attachments.append(
                            ReportAttachmentRow(position=position, sha256=ref.sha256, filename=ref.filename)
                        )
                    row.updated_at = now
                    origin = session.get(ReportOriginRow, row.id)
                    assert origin is not None
                    origin.handover_id = report.handover_id
                    origin.paket_id = envelope.paket_id
                    origin.imported_at = now
                    origin.review_state = AWAITING_REVIEW
                    origin.reviewed_at = None
                    origin.reviewed_by = None
                    record_audit(
                        session, row, operator, "resubmitted", None, None, f"paket {envelope.paket_id}"
                    )
            if intents:
                session.execute(delete(PendingBlobRow).where(PendingBlobRow.id.in_(intents)))
            self._log_paket(session, contents, len(incoming), now)
        intents.clear()
        return ImportSummary(
            paket_id=envelope.paket_id,
            kind=KIND_REPORTS,
            sender_code=envelope.sender.region_code,
            sender_name=envelope.sender.name,
            imported=counts["new"],
            already_present=counts["already_present"],
            resubmitted=counts["resubmitted"],
        )

    def _ensure_blob_rows(self, session: Session, report: IncomingReport) -> None:
        for ref in report.content.attachments:
            if session.get(AttachmentRow, ref.sha256) is None:
                session.add(
                    AttachmentRow(
                        sha256=ref.sha256, content_type=ref.content_type, size=ref.size, created_at=utcnow()
                    )
                )
                session.flush()
            if not self._app.blobs.exists(ref.sha256):
                raise PaketRejected(
                    f"Lampiran {ref.filename} tidak dapat disimpan; periksa ruang disk lalu ulangi."
                )

    @staticmethod
    def _log_paket(session: Session, contents: PaketContents, reports: int, now: dt.datetime) -> None:
        envelope = contents.envelope
        if session.get(PaketRow, envelope.paket_id) is None:
            session.add(
                PaketRow(
                    paket_id=envelope.paket_id,
                    direction="in",
                    kind=envelope.kind,
                    peer_code=envelope.sender.region_code,
                    created_at=envelope.created_at,
                    processed_at=now,
                    reports=reports,
                    sha256=contents.file_sha256,
                )
            )

    # -- kecamatan: reply to a desa ---------------------------------------------------------------

    def reply_items(self, desa_code: str) -> list[dict[str, Any]]:
        """What the kecamatan has to tell a desa: sent (tracking id and status), returned, duplicate."""
        items: list[dict[str, Any]] = []
        with self._app.db.transaction() as session:
            pairs = session.execute(
                select(ReportRow, ReportOriginRow)
                .join(ReportOriginRow, ReportOriginRow.report_id == ReportRow.id)
                .where(ReportOriginRow.origin_code == desa_code)
                .order_by(ReportRow.id)
            ).all()
            for row, origin in pairs:
                item: dict[str, Any] = {"client_id": row.client_id, "handover_id": origin.handover_id}
                if row.tracking_id is not None:
                    history = session.scalars(
                        select(StatusHistoryRow)
                        .where(StatusHistoryRow.report_id == row.id)
                        .order_by(StatusHistoryRow.id)
                    ).all()
                    responses = session.scalars(
                        select(AgencyResponseRow).where(AgencyResponseRow.report_id == row.id)
                    ).all()
                    item.update(
                        outcome="sent",
                        tracking_id=row.tracking_id,
                        received_at=to_text(row.received_at) if row.received_at else None,
                        remote_status=row.remote_status,
                        status_updated_at=(
                            to_text(history[-1].updated_at) if history and history[-1].updated_at else None
                        ),
                        responses=[
                            {"id": r.response_id, "at": to_text(r.at), "author": r.author, "text": r.text}
                            for r in responses
                        ],
                    )
                elif origin.review_state == RETURNED:
                    item.update(outcome=RETURNED, note=origin.review_note or "")
                elif origin.review_state == DUPLICATE:
                    other = session.scalar(
                        select(ReportRow.local_ref).where(ReportRow.client_id == origin.duplicate_of)
                    )
                    item.update(
                        outcome=DUPLICATE, note=origin.review_note or "", duplicate_of_ref=other or ""
                    )
                else:
                    continue
                items.append(item)
        return items

    def export_reply(self, desa_code: str, target: Path) -> ExportSummary:
        own = self._own(OfficeKind.KECAMATAN)
        desa = self.trust.by_region(desa_code)
        if desa is None or desa.kind is not OfficeKind.DESA:
            raise PaketExportError(
                f"Desa {desa_code} belum dikenal kantor ini: percayai dulu profil kantornya."
            )
        items = self.reply_items(desa_code)
        target = Path(target)
        temp = _temp_target(target)
        now = utcnow()
        try:
            paket_id, sha256 = write_paket(
                temp,
                kind=KIND_REPLY,
                manifest={"sender_code": own.region_code, "items": items},
                files=[],
                sender=own,
                sender_keys=ensure_keys(self._app.data_dir),
                recipient=desa,
                scratch_dir=self._app.data_dir / "tmp",
            )
            size = temp.stat().st_size
            with self._app.db.transaction() as session:
                session.add(
                    PaketRow(
                        paket_id=paket_id,
                        direction="out",
                        kind=KIND_REPLY,
                        peer_code=desa_code,
                        created_at=now,
                        processed_at=now,
                        reports=len(items),
                        sha256=sha256,
                    )
                )
            os.replace(temp, target)
            fsync_dir(target.parent)
        finally:
            temp.unlink(missing_ok=True)
        return ExportSummary(
            paket_id, target, KIND_REPLY, desa.region_code, desa.name, len(items), 0, size, sha256
        )

    # -- desa: applying a reply ---------------------------------------------------------------------

    def _import_reply(self, contents: PaketContents) -> ImportSummary:
        envelope = contents.envelope
        raw = contents.manifest.get("items")
        if not isinstance(raw, list) or contents.manifest.get("sender_code") != envelope.sender.region_code:
            raise PaketRejected("Daftar balasan dalam paket tidak dapat dibaca.")
        items = [_reply_item(item, i) for i, item in enumerate(raw)]
        operator = _operator(self._app)
        now = utcnow()
        tally = {"sent": 0, "returned": 0, "duplicate": 0, "unchanged": 0, "unknown": 0}
        with self._app.db.transaction() as session:
            for item in items:
                row = session.scalar(select(ReportRow).where(ReportRow.client_id == item["client_id"]))
                handover = None if row is None else session.get(HandoverRow, row.id)
                if row is None or handover is None:
                    tally["unknown"] += 1
                    continue
                outcome = self._apply_reply(session, row, handover, item, envelope.sender, operator, now)
                tally[outcome] += 1
            self._log_paket(session, contents, len(items), now)
        applied = tally["sent"] + tally["returned"] + tally["duplicate"]
        return ImportSummary(
            paket_id=envelope.paket_id,
            kind=KIND_REPLY,
            sender_code=envelope.sender.region_code,
            sender_name=envelope.sender.name,
            imported=applied,
            already_present=tally["unchanged"],
            returned=tally["returned"],
            sent=tally["sent"],
            duplicates=tally["duplicate"],
            unknown=tally["unknown"],
        )

    @staticmethod
    def _apply_reply(
        session: Session,
        row: ReportRow,
        handover: HandoverRow,
        item: dict[str, Any],
        kecamatan: OfficeIdentity,
        operator: str,
        now: dt.datetime,
    ) -> str:
        outcome = item["outcome"]
        if outcome == "sent":
            touched = False
            if row.state == ReportState.QUEUED.value:
                row.state = ReportState.SENT.value
                record_audit(
                    session, row, operator, "sent", ReportState.QUEUED, ReportState.SENT, item["tracking_id"]
                )
                touched = True
            if row.state != ReportState.SENT.value:
                return "unchanged"  # e.g. returned earlier and being fixed here: the facts below still wait
            if row.tracking_id is None:
                row.tracking_id = item["tracking_id"]
                row.received_at = item["received_at"]
                record_audit(session, row, operator, "sent_by_kecamatan", None, None, item["tracking_id"])
                touched = True
            if item["remote_status"] and row.remote_status != item["remote_status"]:
                row.remote_status = item["remote_status"]
                session.add(
                    StatusHistoryRow(
                        report_id=row.id,
                        status=item["remote_status"],
                        first_seen_at=now,
                        updated_at=item["status_updated_at"],
                    )
                )
                touched = True
            known = set(
                session.scalars(
                    select(AgencyResponseRow.response_id).where(AgencyResponseRow.report_id == row.id)
                )
            )
            for response in item["responses"]:
                if response["id"] not in known:
                    session.add(
                        AgencyResponseRow(report_id=row.id, response_id=response["id"], **response["rest"])
                    )
                    touched = True
            if handover.outcome != "sent":
                handover.outcome = "sent"
                handover.settled_at = now
                touched = True
            if touched:
                row.updated_at = now
                return "sent"
            return "unchanged"
        # A return or duplicate only answers the hand-over it was about: an old reply imported again
        # after the desa fixed and re-sent the report must not send it back a second time.
        if handover.handover_id != item["handover_id"] or handover.outcome is not None:
            return "unchanged"
        if row.state != ReportState.SENT.value or row.tracking_id is not None:
            return "unchanged"
        note = item["note"].strip()
        if outcome == RETURNED:
            check_handover_return(ReportState(row.state), row.tracking_id)
            row.state = ReportState.NEEDS_FIX.value
            row.fix_summary = (
                f"Dikembalikan oleh {kecamatan.name}: {note}"
                if note
                else (f"Dikembalikan oleh {kecamatan.name} untuk diperbaiki.")
            )
            row.fix_messages = None
            row.updated_at = now
            handover.outcome = RETURNED
            handover.note = note
            handover.settled_at = now
            record_audit(
                session,
                row,
                operator,
                "returned_by_kecamatan",
                ReportState.SENT,
                ReportState.NEEDS_FIX,
                note or None,
            )
            return "returned"
        ref = item.get("duplicate_of_ref") or ""
        handover.outcome = DUPLICATE
        handover.note = (f"Duplikat dari laporan {ref}. " if ref else "Duplikat laporan lain. ") + note
        handover.settled_at = now
        row.updated_at = now
        record_audit(session, row, operator, "duplicate_at_kecamatan", None, None, handover.note.strip())
        return "duplicate"

    # -- reading ---------------------------------------------------------------------------------

    def handover_of(self, report_id: int) -> dict[str, Any] | None:
        with self._app.db.transaction() as session:
            row = session.get(HandoverRow, report_id)
            if row is None:
                return None
            return {
                "handover_id": row.handover_id,
                "recipient_code": row.recipient_code,
                "paket_id": row.paket_id,
                "handed_over_at": row.handed_over_at,
                "outcome": row.outcome,
                "note": row.note,
            }


def _reply_item(item: object, index: int) -> dict[str, Any]:
    where = f"Balasan ke-{index + 1} dalam paket"
    if not isinstance(item, dict):
        raise PaketRejected(f"{where} tidak dapat dibaca.")
    client_id, handover_id, outcome = item.get("client_id"), item.get("handover_id"), item.get("outcome")
    if not isinstance(client_id, str) or not isinstance(handover_id, str):
        raise PaketRejected(f"{where}: pengenal laporan tidak valid.")
    if outcome not in ("sent", RETURNED, DUPLICATE):
        raise PaketRejected(f"{where}: jenis balasan {str(outcome)[:20]!r} tidak dikenal.")
    parsed: dict[str, Any] = {"client_id": client_id, "handover_id": handover_id, "outcome": outcome}
    try:
        if outcome == "sent":
            tracking_id = item["tracking_id"]
            if not isinstance(tracking_id, str) or not tracking_id or len(tracking_id) > 64:
                raise ValueError("tracking_id")
            status = item.get("remote_status")
            parsed.update(
                tracking_id=tracking_id,
                received_at=from_text(item["received_at"]) if item.get("received_at") else None,
                remote_status=RemoteStatus(status).value if status else None,
                status_updated_at=from_text(item["status_updated_at"])
                if item.get("status_updated_at")
                else None,
                responses=[
                    {
                        "id": str(r["id"]),
                        "rest": {
                            "at": from_text(r["at"]),
                            "author": str(r["author"]),
                            "text": str(r["text"]),
                        },
                    }
                    for r in item.get("responses") or []
                ],
            )
        else:
            note = item.get("note") or ""
            if not isinstance(note, str) or len(note) > 2000:
                raise ValueError("note")
            parsed.update(note=note, duplicate_of_ref=str(item.get("duplicate_of_ref") or "")[:60])
    except (KeyError, TypeError, ValueError) as exc:
        raise PaketRejected(f"{where} tidak valid ({exc}).") from exc
    return parsed
