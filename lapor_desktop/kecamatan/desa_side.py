"""The desa's side of a paket transfer: hand queued reports to the kecamatan, apply its reply.

A handed-over report moves queued -> sent with no tracking id and a
`handovers` row, so this office's own outbox never sends it; the reply brings
back what LAPOR! said about it, or returns it (sent -> needs_fix), or names it
a duplicate. Each step is one transaction. A reply answers only for reports
handed to its signer.

The reporter's replies to reports the kecamatan sent travel the same way
(see `replies.routing`): a paket carries the queued ones, which become
handed over here and are never put in a paket, or sent from here, again; the
kecamatan's reply paket says whether LAPOR! took each (sent) or refused it
(refused, with the reason).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from lapor_desktop.domain import ReplyState, ReportState
from lapor_desktop.kecamatan.paket import (
    ATTACHMENT_PREFIX,
    KIND_REPLY,
    KIND_REPORTS,
    PaketContents,
    PaketExportError,
    PaketRejected,
    listed_in,
    reply_entry,
    report_entry,
)
from lapor_desktop.kecamatan.reply_items import (
    DuplicateItem,
    ReplyItem,
    ReplyOutcome,
    ReplyOutcomeItem,
    ReturnedItem,
    SentItem,
    parse_item,
    parse_reply_outcome,
)
from lapor_desktop.kecamatan.transfer import (
    ExportSummary,
    ImportSummary,
    WrittenPaket,
    log_incoming,
    log_outgoing,
    operator_of,
    own_office,
    publish_paket,
)
from lapor_desktop.offices.keys import OfficeIdentity, TrustStep, TrustStore
from lapor_desktop.offices.settings import OfficeKind
from lapor_desktop.outbox.store import is_unclaimed
from lapor_desktop.replies.mapping import reply_attachments, reply_of
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.mapping import report_of
from lapor_desktop.reports.remote_status import merge_remote, move_reply
from lapor_desktop.storage.schema import HandoverRow, ReplyRow, ReportRow
from lapor_desktop.timestamps import utcnow

if TYPE_CHECKING:
    from lapor_desktop.app import App


class ReplyResult(StrEnum):
    """What one reply item changed at the desa."""

    SENT = "sent"
    RETURNED = "returned"
    DUPLICATE = "duplicate"
    UNCHANGED = "unchanged"  # already applied, or about an older hand-over
    UNKNOWN = "unknown"  # not a report this desa handed over


class DesaTransfer:
    def __init__(self, app: App) -> None:
        self._app = app
        self.trust = TrustStore(app.db)

    # -- hand-over -------------------------------------------------------------------------------

    def kecamatan(self) -> OfficeIdentity:
        """The kecamatan this desa hands its reports to (from the trust store)."""
        own = own_office(self._app, OfficeKind.DESA)
        found = self.trust.by_region(own.region_code.rsplit(".", 1)[0])
        if found is None:
            raise PaketExportError(
                "Kantor kecamatan belum dikenal. Minta identitas kantor kecamatan (berkas dari `office "
                "public-key`) lalu jalankan `office trust BERKAS`.",
                trust_step=TrustStep.TRUST_PEER,
                peer="Kantor kecamatan",
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
            return [row.id for row in rows if is_unclaimed(row, now)]

    def export_reports(
        self, target: Path, *, report_ids: list[int] | None = None, all_queued: bool = False
    ) -> ExportSummary:
        own = own_office(self._app, OfficeKind.DESA)
        recipient = self.kecamatan()
        ids = self.exportable() if all_queued else list(dict.fromkeys(report_ids or []))
        replies = self._collect_replies(recipient)
        if not ids and not replies.entries:
            raise PaketExportError(
                "Tidak ada laporan (atau tanggapan pelapor) dalam antrean untuk dimasukkan ke paket."
            )
        entries, blobs, handover_ids = self._collect(ids)
        blobs.update(replies.blobs)
        missing = [sha for sha, path in blobs.items() if not path.is_file()]
        if missing:
            raise PaketExportError(
                "Berkas lampiran sebagian laporan hilang dari folder data; buka laporannya dan tambahkan lagi."
            )
        target = Path(target)
        written = publish_paket(
            self._app,
            target,
            kind=KIND_REPORTS,
            manifest={"sender_code": own.region_code, "reports": entries, "replies": replies.entries},
            files=[(ATTACHMENT_PREFIX + sha, path) for sha, path in sorted(blobs.items())],
            sender=own,
            recipient=recipient,
            record=lambda written: self._mark_handed_over(
                ids, handover_ids, replies.reply_ids, written, recipient
            ),
        )
        return ExportSummary(
            paket_id=written.paket_id,
            path=target,
            kind=KIND_REPORTS,
            recipient_code=recipient.region_code,
            recipient_name=recipient.name,
            reports=len(entries),
            attachments=len(blobs),
            bytes=written.bytes,
            sha256=written.sha256,
            replies=len(replies.entries),
        )

    def exportable_replies(self) -> list[int]:
        """Ids of queued replies the next paket to the kecamatan would carry."""
        return self._collect_replies(self.kecamatan()).reply_ids

    def _collect_replies(self, kecamatan: OfficeIdentity) -> _OutgoingReplies:
        """The queued replies to reports this kecamatan sent, which only it can pass on to LAPOR!."""
        now = utcnow()
        with self._app.db.transaction() as session:
            rows = [
                (row, report_client_id)
                for row, report_client_id in session.execute(
                    _handover_replies(kecamatan.region_code).add_columns(ReportRow.client_id)
                )
                if is_unclaimed(row, now)
            ]
            attachments = reply_attachments(session, [row.id for row, _ in rows])
            found = _OutgoingReplies([], {}, [])
            for row, report_client_id in rows:
                reply = reply_of(row, attachments.get(row.id, ()))
                found.entries.append(reply_entry(reply, report_client_id))
                found.reply_ids.append(row.id)
                for ref in reply.attachments:
                    found.blobs[ref.sha256] = self._app.blobs.path_for(ref.sha256)
            return found

    def _collect(self, ids: list[int]) -> tuple[list[dict[str, Any]], dict[str, Path], dict[int, str]]:
        """The manifest entries, the blobs to carry, and each report's hand-over id."""
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
                problem = _ineligible(session, row, now)
                if problem:
                    raise PaketExportError(problem)
                handover = session.get(HandoverRow, row.id)
                # The same hand-over again (a lost paket) keeps its id; a new one gets a new id.
                reuse = handover is not None and row.state == ReportState.SENT.value
                handover_ids[row.id] = handover.handover_id if reuse and handover else str(uuid.uuid4())
                report = report_of(row)
                entries.append(report_entry(report, handover_ids[row.id]))
                for ref in report.content.attachments:
                    blobs[ref.sha256] = self._app.blobs.path_for(ref.sha256)
        return entries, blobs, handover_ids

    def _mark_handed_over(
        self,
        ids: list[int],
        handover_ids: dict[int, str],
        reply_ids: list[int],
        written: WrittenPaket,
        recipient: OfficeIdentity,
    ) -> None:
        operator = operator_of(self._app)
        now = utcnow()
        with self._app.db.transaction() as session:
            _hand_over_replies(session, reply_ids, recipient, written.paket_id, operator, now)
            for report_id in ids:
                row = session.get(ReportRow, report_id)
                problem = None if row is None else _ineligible(session, row, now)
                if row is None or problem:
                    # The outbox (another process) took it meanwhile: nothing of this paket is kept.
                    raise PaketExportError(problem or f"Laporan {report_id} tidak ditemukan.")
                if row.state == ReportState.QUEUED.value:
                    lifecycle.move(
                        session,
                        row,
                        ReportState.SENT,
                        action="handed_over",
                        operator=operator,
                        detail=(
                            f"diserahkan ke {recipient.name} ({recipient.region_code}) "
                            f"dalam paket {written.paket_id}"
                        ),
                        at=now,
                    )
                else:
                    record_audit(
                        session, row, operator, "handed_over_again", None, None, f"paket {written.paket_id}"
                    )
                _record_handover(session, row, handover_ids[row.id], recipient, written.paket_id, now)
            log_outgoing(
                session,
                written,
                kind=KIND_REPORTS,
                peer_code=recipient.region_code,
                reports=len(ids),
                now=now,
            )

    # -- the kecamatan's reply ---------------------------------------------------------------------

    def import_reply(self, contents: PaketContents) -> ImportSummary:
        envelope = contents.envelope
        raw = contents.manifest.get("items")
        if not isinstance(raw, list) or contents.manifest.get("sender_code") != envelope.sender.region_code:
            raise PaketRejected("Daftar balasan dalam paket tidak dapat dibaca.")
        items = [parse_item(item, i) for i, item in enumerate(raw)]
        outcomes = [parse_reply_outcome(entry, i) for i, entry in enumerate(listed_in(contents, "replies"))]
        operator = operator_of(self._app)
        now = utcnow()
        tally = dict.fromkeys(ReplyResult, 0)
        reply_tally = dict.fromkeys(ReplyState, 0)
        with self._app.db.transaction() as session:
            # Reply outcomes first: a reporter's response in a report's facts below also marks its
            # reply sent, and the kecamatan's own word on it (its sending time) comes first.
            for outcome in outcomes:
                moved = _apply_reply_outcome(session, outcome, envelope.sender, operator)
                if moved is not None:
                    reply_tally[moved] += 1
            for item in items:
                row = session.scalar(select(ReportRow).where(ReportRow.client_id == item.client_id))
                handover = None if row is None else session.get(HandoverRow, row.id)
                # Only the office the report was handed to may answer for it: a report handed to
                # another kecamatan is, to this reply, as unknown as an id never seen here.
                if row is None or handover is None or handover.recipient_code != envelope.sender.region_code:
                    tally[ReplyResult.UNKNOWN] += 1
                    continue
                tally[_apply_reply(session, row, handover, item, envelope.sender, operator, now)] += 1
            log_incoming(session, contents, len(items), now)
        return ImportSummary(
            paket_id=envelope.paket_id,
            kind=KIND_REPLY,
            sender_code=envelope.sender.region_code,
            sender_name=envelope.sender.name,
            imported=tally[ReplyResult.SENT] + tally[ReplyResult.RETURNED] + tally[ReplyResult.DUPLICATE],
            already_present=tally[ReplyResult.UNCHANGED],
            returned=tally[ReplyResult.RETURNED],
            sent=tally[ReplyResult.SENT],
            duplicates=tally[ReplyResult.DUPLICATE],
            unknown=tally[ReplyResult.UNKNOWN],
            replies_sent=reply_tally[ReplyState.SENT],
            replies_refused_by_lapor=reply_tally[ReplyState.REFUSED],
        )


@dataclass
class _OutgoingReplies:
    entries: list[dict[str, Any]]
    blobs: dict[str, Path]
    reply_ids: list[int]


def _handover_replies(kecamatan_code: str) -> Select[tuple[ReplyRow]]:
    """Queued replies to reports handed to this kecamatan and sent by it, never tried from here."""
    return (
        select(ReplyRow)
        .join(ReportRow, ReportRow.id == ReplyRow.report_id)
        .join(HandoverRow, HandoverRow.report_id == ReplyRow.report_id)
        .where(
            ReplyRow.state == ReplyState.QUEUED.value,
            ReplyRow.first_attempt_at.is_(None),
            HandoverRow.recipient_code == kecamatan_code,
            HandoverRow.outcome == ReplyOutcome.SENT.value,  # see `replies.routing`
        )
        .order_by(ReplyRow.id)
    )


def _hand_over_replies(
    session: Session,
    reply_ids: list[int],
    recipient: OfficeIdentity,
    paket_id: str,
    operator: str,
    now: dt.datetime,
) -> None:
    """queued -> handed over, each reply still as it was collected; otherwise no paket at all."""
    if not reply_ids:
        return
    still = {
        row.id: row
        for (row,) in session.execute(
            _handover_replies(recipient.region_code).where(ReplyRow.id.in_(reply_ids))
        )
        if is_unclaimed(row, now)
    }
    for reply_id in reply_ids:
        row = still.get(reply_id)
        if row is None:
            raise PaketExportError(
                "Sebuah tanggapan pelapor sedang diproses di jendela lain; coba buat paket lagi sebentar lagi."
            )
        move_reply(session, row.id, ReplyState.HANDED_OVER)
        report = session.get(ReportRow, row.report_id)
        assert report is not None  # a reply's report is deleted with it
        record_audit(
            session,
            report,
            operator,
            "reply_handed_over",
            None,
            None,
            f"{row.client_id} ke {recipient.name} ({recipient.region_code}) dalam paket {paket_id}",
        )


def _apply_reply_outcome(
    session: Session, outcome: ReplyOutcomeItem, kecamatan: OfficeIdentity, operator: str
) -> ReplyState | None:
    """handed over -> sent or refused, for a reply this desa handed to the paket's signer; else None."""
    found = session.execute(
        select(ReplyRow, HandoverRow.recipient_code)
        .join(HandoverRow, HandoverRow.report_id == ReplyRow.report_id)
        .where(ReplyRow.client_id == outcome.client_id)
    ).first()
    if found is None:
        return None
    row, recipient_code = found
    if recipient_code != kecamatan.region_code or row.state != ReplyState.HANDED_OVER.value:
        return None  # another office's word, or already applied
    report = session.get(ReportRow, row.report_id)
    assert report is not None
    if outcome.state is ReplyState.SENT:
        move_reply(session, row.id, ReplyState.SENT, sent_at=outcome.sent_at, refusal=None)
        record_audit(session, report, operator, "reply_sent_by_kecamatan", None, None, row.client_id)
    else:
        refusal = f"Ditolak LAPOR! (dikirim lewat {kecamatan.name}): {outcome.refusal}"
        move_reply(session, row.id, ReplyState.REFUSED, refusal=refusal)
        record_audit(session, report, operator, "reply_refused", None, None, outcome.refusal)
    return outcome.state


def _ineligible(session: Session, row: ReportRow, now: dt.datetime) -> str | None:
    """Why `row` cannot go into a paket, or None."""
    if row.state == ReportState.QUEUED.value:
        if row.first_attempt_at is not None:
            return (
                f"Laporan {row.local_ref} sudah mulai dikirim langsung ke LAPOR! dan tidak boleh diserahkan "
                "lagi lewat kecamatan (bisa tercatat dua kali); tunggu sinkronisasi berikutnya."
            )
        if not is_unclaimed(row, now):
            return f"Laporan {row.local_ref} sedang dikirim oleh proses lain; coba lagi sebentar lagi."
        return None
    handover = session.get(HandoverRow, row.id)
    if row.state == ReportState.SENT.value and row.tracking_id is None and handover and not handover.outcome:
        return None  # handed over before and not answered yet: the same hand-over again (lost paket)
    return (
        f"Laporan {row.local_ref} berstatus '{row.state}': hanya laporan dalam antrean (atau yang sudah "
        "diserahkan dan belum dijawab kecamatan) yang dapat dimasukkan ke paket."
    )


def _record_handover(
    session: Session,
    row: ReportRow,
    handover_id: str,
    recipient: OfficeIdentity,
    paket_id: str,
    now: dt.datetime,
) -> None:
    handover = session.get(HandoverRow, row.id)
    if handover is None:
        handover = HandoverRow(report_id=row.id)
        session.add(handover)
    handover.handover_id = handover_id
    handover.recipient_code = recipient.region_code
    handover.paket_id = paket_id
    handover.handed_over_at = now
    handover.outcome = None
    handover.note = None
    handover.settled_at = None


def _apply_reply(
    session: Session,
    row: ReportRow,
    handover: HandoverRow,
    item: ReplyItem,
    kecamatan: OfficeIdentity,
    operator: str,
    now: dt.datetime,
) -> ReplyResult:
    if isinstance(item, SentItem):
        return _apply_sent(session, row, handover, item, operator, now)
    # A return or duplicate only answers the hand-over it was about: an old reply imported again
    # after the desa fixed and re-sent the report must not send it back a second time.
    if handover.handover_id != item.handover_id or handover.outcome is not None:
        return ReplyResult.UNCHANGED
    if row.state != ReportState.SENT.value or row.tracking_id is not None:
        return ReplyResult.UNCHANGED
    if isinstance(item, ReturnedItem):
        return _apply_returned(session, row, handover, item, kecamatan, operator, now)
    return _apply_duplicate(session, row, handover, item, operator, now)


def _apply_sent(
    session: Session, row: ReportRow, handover: HandoverRow, item: SentItem, operator: str, now: dt.datetime
) -> ReplyResult:
    if row.state not in (ReportState.QUEUED.value, ReportState.SENT.value):
        return ReplyResult.UNCHANGED  # e.g. returned earlier and being fixed here: the facts wait
    learns_tracking_id = row.tracking_id is None
    touched = merge_remote(session, row, item.facts, operator=operator, now=now)
    if learns_tracking_id:
        record_audit(session, row, operator, "sent_by_kecamatan", None, None, item.facts.tracking_id)
    if handover.outcome != ReplyOutcome.SENT:
        handover.outcome = ReplyOutcome.SENT.value
        handover.settled_at = now
        row.updated_at = now
        touched = True
    return ReplyResult.SENT if touched else ReplyResult.UNCHANGED


def _apply_returned(
    session: Session,
    row: ReportRow,
    handover: HandoverRow,
    item: ReturnedItem,
    kecamatan: OfficeIdentity,
    operator: str,
    now: dt.datetime,
) -> ReplyResult:
    note = item.note.strip()
    lifecycle.move(
        session,
        row,
        ReportState.NEEDS_FIX,
        action="returned_by_kecamatan",
        operator=operator,
        detail=note or None,
        at=now,
    )
    row.fix_summary = (
        f"Dikembalikan oleh {kecamatan.name}: {note}"
        if note
        else f"Dikembalikan oleh {kecamatan.name} untuk diperbaiki."
    )
    row.fix_messages = None
    handover.outcome = ReplyOutcome.RETURNED.value
    handover.note = note
    handover.settled_at = now
    return ReplyResult.RETURNED


def _apply_duplicate(
    session: Session,
    row: ReportRow,
    handover: HandoverRow,
    item: DuplicateItem,
    operator: str,
    now: dt.datetime,
) -> ReplyResult:
    ref = item.duplicate_of_ref
    note = item.note.strip()
    handover.outcome = ReplyOutcome.DUPLICATE.value
    handover.note = (f"Duplikat dari laporan {ref}. " if ref else "Duplikat laporan lain. ") + note
    handover.settled_at = now
    row.updated_at = now
    record_audit(session, row, operator, "duplicate_at_kecamatan", None, None, handover.note.strip())
    return ReplyResult.DUPLICATE
