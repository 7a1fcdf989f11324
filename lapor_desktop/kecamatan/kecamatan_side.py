"""The kecamatan's side of a paket transfer: take in a desa's reports, write the reply.

An imported report becomes a draft here with a `report_origins` row that
puts it in the review queue (`review`); a report the kecamatan returned and
the desa sent again replaces the returned copy. The reply tells the desa what
became of each report it handed over.

Trust ends at the signer: a desa's paket may only carry that desa's own
reports. An item whose `client_id` names a report that came from another desa
(or that this kecamatan recorded itself) is refused on its own, never stored
over the other report, and counted `refused`, whatever that report's state:
the paket's signer learns nothing from it about what the other desa sent.
The same holds for the reporter's replies a paket carries (format version 2):
each is stored, queued for this office's outbox under its own `client_id`,
only under a report this kecamatan holds from the signer; any other is
refused and counted, the same whatever the reason.

A paket brings hundreds of reports at once: what each one is to this office
is found in a few set queries, and new reports are written with plain SQL on
the transaction's connection (`lifecycle.insert` and its neighbours), not a
unit of work per report; the blob files are synced each, their folders once.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from lapor_desktop.domain import (
    AgencyRef,
    AttachmentRef,
    RemoteStatus,
    ReplyState,
    ReportState,
    ReviewState,
)
from lapor_desktop.kecamatan.paket import (
    KIND_REPLY,
    KIND_REPORTS,
    IncomingReply,
    IncomingReport,
    PaketContents,
    PaketExportError,
    PaketRejected,
    listed_in,
    parse_reply_entry,
    parse_report_entry,
)
from lapor_desktop.kecamatan.reply_items import (
    DuplicateItem,
    ReplyItem,
    ReplyOutcomeItem,
    ReturnedItem,
    SentItem,
    item_to_json,
    reply_outcome_to_json,
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
from lapor_desktop.offices.keys import TrustStep, TrustStore
from lapor_desktop.offices.settings import OfficeKind
from lapor_desktop.replies.service import insert_reply
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.audit import record_audit
from lapor_desktop.reports.mapping import apply_content, content_columns, response_of
from lapor_desktop.reports.remote_status import RemoteFacts
from lapor_desktop.storage.database import driver_connection
from lapor_desktop.storage.schema import (
    AgencyResponseRow,
    PendingBlobRow,
    ReplyRow,
    ReportAttachmentRow,
    ReportOriginRow,
    ReportRow,
    StatusHistoryRow,
)
from lapor_desktop.timestamps import to_text, utcnow

if TYPE_CHECKING:
    import sqlite3

    from lapor_desktop.app import App

_CHUNK = 500  # values per IN (...): well under SQLite's limit of bound parameters
_INSERT_LINK = "INSERT INTO report_attachments (report_id, position, sha256, filename) VALUES (?, ?, ?, ?)"
_INSERT_ORIGIN = (
    "INSERT INTO report_origins (report_id, origin_code, handover_id, paket_id, imported_at, review_state) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_BLOB_ROW = (
    "INSERT OR IGNORE INTO attachments (sha256, content_type, size, created_at) VALUES (?, ?, ?, ?)"
)
_INSERT_INTENT = "INSERT INTO pending_blobs (sha256, pid, created_at) VALUES (?, ?, ?) RETURNING id"


class IntakeVerdict(StrEnum):
    """What an incoming report is to this kecamatan."""

    NEW = "new"
    RESUBMITTED = "resubmitted"  # returned to the desa, fixed there and handed over again
    ALREADY_PRESENT = "already_present"  # this desa's report, already here
    REFUSED = "refused"  # the id of a report that is not the sender's: not stored, nothing said


class KecamatanTransfer:
    def __init__(self, app: App) -> None:
        self._app = app
        self.trust = TrustStore(app.db)

    # -- a desa's reports ---------------------------------------------------------------------

    def import_reports(self, contents: PaketContents) -> ImportSummary:
        sender = contents.envelope.sender
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
        replies = [
            parse_reply_entry(entry, i, contents.attachment_sizes)
            for i, entry in enumerate(listed_in(contents, "replies"))
        ]
        if len({r.client_id for r in replies}) != len(replies):
            raise PaketRejected("Paket tidak valid: ada tanggapan pelapor yang tercantum dua kali.")
        plan, reply_plan = self._plan(incoming, replies, sender.region_code)
        needed = sorted(
            {
                ref.sha256
                for ref in [
                    *(
                        ref
                        for r in incoming
                        if plan[r.client_id] in (IntakeVerdict.NEW, IntakeVerdict.RESUBMITTED)
                        for ref in r.content.attachments
                    ),
                    *(
                        ref
                        for r in replies
                        if reply_plan[r.client_id].verdict is IntakeVerdict.NEW
                        for ref in r.attachments
                    ),
                ]
                if not self._app.blobs.exists(ref.sha256)
            }
        )
        intents = self._write_blobs(contents, needed)
        try:
            return self._store(contents, incoming, replies, intents)
        finally:
            self._drop_intents(intents)

    def _plan(
        self, incoming: list[IncomingReport], replies: list[IncomingReply], sender_code: str
    ) -> tuple[dict[str, IntakeVerdict], dict[str, _ReplyPlan]]:
        """What each incoming report and reply will be; refuses conflicts before any blob is written."""
        with self._app.db.transaction() as session:
            verdicts = _classify_all(driver_connection(session), incoming, sender_code)
            arriving = {cid for cid, verdict in verdicts.items() if verdict is IntakeVerdict.NEW}
            return verdicts, _classify_replies(session, replies, sender_code, arriving)

    def _write_blobs(self, contents: PaketContents, needed: list[str]) -> list[int]:
        """Record write intents, then write the blobs (see `recovery`): a crash leaves no orphan."""
        if not needed:
            return []
        with self._app.db.transaction() as session:
            connection = driver_connection(session)
            pid, stamp = os.getpid(), to_text(utcnow())
            intents = [connection.execute(_INSERT_INTENT, (sha, pid, stamp)).fetchone()[0] for sha in needed]
        try:
            # Every entry's SHA-256 was checked when the paket was opened (`opened_paket`).
            with self._app.blobs.writing_many(verified=True) as write:
                for sha256 in needed:
                    with contents.attachment_stream(sha256) as stream:
                        write(sha256, stream.read())
        except BaseException:
            self._drop_intents(intents)
            raise
        return intents

    def _drop_intents(self, intents: list[int]) -> None:
        if intents:
            with self._app.db.transaction() as session:
                session.execute(delete(PendingBlobRow).where(PendingBlobRow.id.in_(intents)))

    def _store(
        self,
        contents: PaketContents,
        incoming: list[IncomingReport],
        replies: list[IncomingReply],
        intents: list[int],
    ) -> ImportSummary:
        envelope = contents.envelope
        operator = operator_of(self._app)
        now = utcnow()
        counts = dict.fromkeys(IntakeVerdict, 0)
        with self._app.db.transaction() as session:
            connection = driver_connection(session)
            # Again: another process may have imported some since the plan.
            verdicts = _classify_all(connection, incoming, envelope.sender.region_code)
            taken_in = [
                r for r in incoming if verdicts[r.client_id] in (IntakeVerdict.NEW, IntakeVerdict.RESUBMITTED)
            ]
            self._ensure_blob_rows(connection, [ref for r in taken_in for ref in r.content.attachments])
            for report in incoming:
                verdict = verdicts[report.client_id]
                counts[verdict] += 1
                if verdict is IntakeVerdict.NEW:
                    _store_new(session, connection, report, contents, operator, now)
                elif verdict is IntakeVerdict.RESUBMITTED:
                    _store_resubmitted(session, report, contents, operator, now)
            # After the reports: a reply may answer a report that arrived in this very paket.
            reply_plan = _classify_replies(session, replies, envelope.sender.region_code, set())
            new_replies = [r for r in replies if reply_plan[r.client_id].verdict is IntakeVerdict.NEW]
            self._ensure_blob_rows(connection, [ref for r in new_replies for ref in r.attachments])
            reply_counts = dict.fromkeys(IntakeVerdict, 0)
            for reply in replies:
                reply_counts[reply_plan[reply.client_id].verdict] += 1
            for reply in new_replies:
                _store_reply(session, reply, reply_plan[reply.client_id].report_id, contents, operator, now)
            if intents:
                session.execute(delete(PendingBlobRow).where(PendingBlobRow.id.in_(intents)))
            log_incoming(session, contents, len(incoming), now)
        intents.clear()
        return ImportSummary(
            paket_id=envelope.paket_id,
            kind=KIND_REPORTS,
            sender_code=envelope.sender.region_code,
            sender_name=envelope.sender.name,
            imported=counts[IntakeVerdict.NEW],
            already_present=counts[IntakeVerdict.ALREADY_PRESENT],
            resubmitted=counts[IntakeVerdict.RESUBMITTED],
            refused=counts[IntakeVerdict.REFUSED],
            replies_imported=reply_counts[IntakeVerdict.NEW],
            replies_already_present=reply_counts[IntakeVerdict.ALREADY_PRESENT],
            replies_refused=reply_counts[IntakeVerdict.REFUSED],
        )

    def _ensure_blob_rows(self, connection: sqlite3.Connection, attachments: list[AttachmentRef]) -> None:
        refs = {ref.sha256: ref for ref in attachments}
        for ref in refs.values():
            if not self._app.blobs.exists(ref.sha256):
                raise PaketRejected(
                    f"Lampiran {ref.filename} tidak dapat disimpan; periksa ruang disk lalu ulangi."
                )
        stamp = to_text(utcnow())
        connection.executemany(
            _INSERT_BLOB_ROW, [(ref.sha256, ref.content_type, ref.size, stamp) for ref in refs.values()]
        )

    # -- the reply ---------------------------------------------------------------------------------

    def reply_items(self, desa_code: str) -> list[ReplyItem]:
        """What the kecamatan has to tell a desa: sent (tracking id and status), returned, duplicate."""
        items: list[ReplyItem] = []
        with self._app.db.transaction() as session:
            pairs = session.execute(
                select(ReportRow, ReportOriginRow)
                .join(ReportOriginRow, ReportOriginRow.report_id == ReportRow.id)
                .where(ReportOriginRow.origin_code == desa_code)
                .order_by(ReportRow.id)
            ).all()
            for row, origin in pairs:
                item = _reply_item(session, row, origin)
                if item is not None:
                    items.append(item)
        return items

    def reply_outcomes(self, desa_code: str) -> list[ReplyOutcomeItem]:
        """What LAPOR! did with the reporter's replies to this desa's reports: sent, or refused and why."""
        with self._app.db.transaction() as session:
            rows = session.scalars(
                select(ReplyRow)
                .join(ReportOriginRow, ReportOriginRow.report_id == ReplyRow.report_id)
                .where(
                    ReportOriginRow.origin_code == desa_code,
                    ReplyRow.state.in_((ReplyState.SENT.value, ReplyState.REFUSED.value)),
                )
                .order_by(ReplyRow.id)
            ).all()
            return [
                ReplyOutcomeItem(row.client_id, ReplyState(row.state), row.sent_at, row.refusal or "")
                for row in rows
            ]

    def export_reply(self, desa_code: str, target: Path) -> ExportSummary:
        own = own_office(self._app, OfficeKind.KECAMATAN)
        desa = self.trust.by_region(desa_code)
        if desa is None or desa.kind is not OfficeKind.DESA:
            raise PaketExportError(
                f"Desa {desa_code} belum dikenal kantor ini: percayai dulu identitas kantornya (office trust).",
                trust_step=TrustStep.TRUST_PEER,
                peer=f"Desa {desa_code}",
            )
        items = self.reply_items(desa_code)
        outcomes = self.reply_outcomes(desa_code)
        target = Path(target)
        now = utcnow()

        def record(written: WrittenPaket) -> None:
            with self._app.db.transaction() as session:
                log_outgoing(
                    session, written, kind=KIND_REPLY, peer_code=desa_code, reports=len(items), now=now
                )

        written = publish_paket(
            self._app,
            target,
            kind=KIND_REPLY,
            manifest={
                "sender_code": own.region_code,
                "items": [item_to_json(item) for item in items],
                "replies": [reply_outcome_to_json(outcome) for outcome in outcomes],
            },
            files=[],
            sender=own,
            recipient=desa,
            record=record,
        )
        return ExportSummary(
            written.paket_id,
            target,
            KIND_REPLY,
            desa.region_code,
            desa.name,
            len(items),
            0,
            written.bytes,
            written.sha256,
            replies=len(outcomes),
        )


def _classify_all(
    connection: sqlite3.Connection, incoming: list[IncomingReport], sender_code: str
) -> dict[str, IntakeVerdict]:
    """What each incoming report is to this office; refuses a report number another report holds.

    A report already here that did not come from the signer (recorded here, or another desa's) is
    REFUSED: never the signer's to overwrite or to ask about."""
    known: dict[str, tuple[str, str | None, str | None, str | None]] = {}
    holders: dict[str, str] = {}
    for start in range(0, len(incoming), _CHUNK):
        chunk = incoming[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for client_id, state, review_state, handover_id, origin_code in connection.execute(
            "SELECT r.client_id, r.state, o.review_state, o.handover_id, o.origin_code "
            f"FROM reports r LEFT JOIN report_origins o ON o.report_id = r.id WHERE r.client_id IN ({marks})",
            [r.client_id for r in chunk],
        ):
            known[client_id] = (state, review_state, handover_id, origin_code)
        holders.update(
            connection.execute(
                f"SELECT local_ref, client_id FROM reports WHERE local_ref IN ({marks})",
                [r.local_ref for r in chunk],
            ).fetchall()
        )
    return {
        report.client_id: _verdict(report, known.get(report.client_id), holders, sender_code)
        for report in incoming
    }


def _verdict(
    report: IncomingReport,
    stored: tuple[str, str | None, str | None, str | None] | None,
    holders: dict[str, str],
    sender_code: str,
) -> IntakeVerdict:
    if stored is None:
        if report.local_ref in holders:
            raise PaketRejected(
                f"Nomor laporan {report.local_ref} sudah dipakai laporan lain di kantor ini. Tidak ada yang "
                "diimpor; hubungi desa pengirim."
            )
        return IntakeVerdict.NEW
    state, review_state, handover_id, origin_code = stored
    if origin_code != sender_code:
        # Recorded here, or another desa's report: never the signer's to overwrite or to ask about.
        return IntakeVerdict.REFUSED
    if (
        review_state == ReviewState.RETURNED
        and handover_id != report.handover_id
        and state == ReportState.DRAFT.value
    ):
        return IntakeVerdict.RESUBMITTED
    return IntakeVerdict.ALREADY_PRESENT


@dataclass(frozen=True)
class _ReplyPlan:
    verdict: IntakeVerdict  # NEW, ALREADY_PRESENT or REFUSED
    report_id: int | None = None  # the report it answers, once stored here


def _classify_replies(
    session: Session, replies: list[IncomingReply], sender_code: str, arriving: set[str]
) -> dict[str, _ReplyPlan]:
    """What each incoming reply is here: new, already here, or refused (not under the signer's report).

    `arriving` names reports of this paket not stored yet (while planning): held from the signer then.
    """
    report_ids = sorted({r.report_client_id for r in replies})
    reply_ids = [r.client_id for r in replies]
    held: dict[str, tuple[int, str | None]] = {}
    stored: dict[str, int] = {}
    for start in range(0, max(len(report_ids), len(reply_ids)), _CHUNK):
        for client_id, report_id, origin_code in session.execute(
            select(ReportRow.client_id, ReportRow.id, ReportOriginRow.origin_code)
            .outerjoin(ReportOriginRow, ReportOriginRow.report_id == ReportRow.id)
            .where(ReportRow.client_id.in_(report_ids[start : start + _CHUNK]))
        ):
            held[client_id] = (report_id, origin_code)
        for client_id, report_id in session.execute(
            select(ReplyRow.client_id, ReplyRow.report_id).where(
                ReplyRow.client_id.in_(reply_ids[start : start + _CHUNK])
            )
        ):
            stored[client_id] = report_id
    plans: dict[str, _ReplyPlan] = {}
    for reply in replies:
        report_id, origin_code = held.get(reply.report_client_id, (None, None))
        ours = report_id is not None and origin_code == sender_code
        if reply.client_id in stored:
            same = ours and stored[reply.client_id] == report_id
            plans[reply.client_id] = _ReplyPlan(
                IntakeVerdict.ALREADY_PRESENT if same else IntakeVerdict.REFUSED, report_id
            )
        elif ours or (report_id is None and reply.report_client_id in arriving):
            plans[reply.client_id] = _ReplyPlan(IntakeVerdict.NEW, report_id)
        else:
            # Unknown here, recorded here, or another desa's: answered alike, so nothing leaks.
            plans[reply.client_id] = _ReplyPlan(IntakeVerdict.REFUSED)
    return plans


def _store_reply(
    session: Session,
    reply: IncomingReply,
    report_id: int | None,
    contents: PaketContents,
    operator: str,
    now: dt.datetime,
) -> None:
    """Queued for this office's outbox under the desa's `client_id`: LAPOR! gets it once, whoever sends."""
    assert report_id is not None  # classified NEW after the reports were stored
    insert_reply(
        session,
        report_id=report_id,
        client_id=reply.client_id,
        text=reply.text,
        recorded_at=reply.recorded_at,
        recorded_by=reply.recorded_by,
        attachments=reply.attachments,
    )
    report = session.get(ReportRow, report_id)
    assert report is not None
    record_audit(
        session,
        report,
        operator,
        "reply_imported",
        None,
        None,
        f"{reply.client_id}, paket {contents.envelope.paket_id}",
    )
    report.updated_at = now


def _store_new(
    session: Session,
    connection: sqlite3.Connection,
    report: IncomingReport,
    contents: PaketContents,
    operator: str,
    now: dt.datetime,
) -> None:
    envelope = contents.envelope
    report_id = lifecycle.insert(
        session,
        {
            "client_id": report.client_id,
            "local_ref": report.local_ref,
            "recorded_at": report.recorded_at,
            "recorded_by": report.recorded_by,
            **content_columns(report.content),
        },
        action="imported",
        operator=operator,
        at=now,
        detail=f"dari {envelope.sender.name} ({envelope.sender.region_code}), paket {envelope.paket_id}",
    )
    connection.executemany(
        _INSERT_LINK,
        [(report_id, i, ref.sha256, ref.filename) for i, ref in enumerate(report.content.attachments)],
    )
    connection.execute(
        _INSERT_ORIGIN,
        (
            report_id,
            envelope.sender.region_code,
            report.handover_id,
            envelope.paket_id,
            to_text(now),
            ReviewState.AWAITING.value,
        ),
    )


def _store_resubmitted(
    session: Session, report: IncomingReport, contents: PaketContents, operator: str, now: dt.datetime
) -> None:
    """The fixed copy replaces the returned one, back in the review queue (still a draft here)."""
    row = session.scalars(select(ReportRow).where(ReportRow.client_id == report.client_id)).one()
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
    origin.paket_id = contents.envelope.paket_id
    origin.imported_at = now
    origin.review_state = ReviewState.AWAITING.value
    origin.reviewed_at = None
    origin.reviewed_by = None
    record_audit(session, row, operator, "resubmitted", None, None, f"paket {contents.envelope.paket_id}")


def _reply_item(session: Session, row: ReportRow, origin: ReportOriginRow) -> ReplyItem | None:
    """The answer about one of the desa's reports, or None while it awaits a decision or sending."""
    if row.tracking_id is not None:
        history = session.scalars(
            select(StatusHistoryRow).where(StatusHistoryRow.report_id == row.id).order_by(StatusHistoryRow.id)
        ).all()
        responses = session.scalars(
            select(AgencyResponseRow).where(AgencyResponseRow.report_id == row.id)
        ).all()
        facts = RemoteFacts(
            tracking_id=row.tracking_id,
            received_at=row.received_at,
            status=RemoteStatus(row.remote_status) if row.remote_status else None,
            status_updated_at=history[-1].updated_at if history else None,
            responses=tuple(response_of(r) for r in responses),
            agency=(
                AgencyRef(row.handling_agency_code, row.handling_agency_name or row.handling_agency_code)
                if row.handling_agency_code
                else None
            ),
            due_at=row.due_at,
        )
        return SentItem(row.client_id, origin.handover_id, facts)
    if origin.review_state == ReviewState.RETURNED:
        return ReturnedItem(row.client_id, origin.handover_id, origin.review_note or "")
    if origin.review_state == ReviewState.DUPLICATE:
        other = session.scalar(select(ReportRow.local_ref).where(ReportRow.client_id == origin.duplicate_of))
        return DuplicateItem(row.client_id, origin.handover_id, origin.review_note or "", other or "")
    return None
