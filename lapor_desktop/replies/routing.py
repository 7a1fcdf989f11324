"""Which road a reply takes to LAPOR!: this office's own outbox, or a paket to the kecamatan.

LAPOR! takes a reply only under the token that sent its report (anything else
is `404 not_found`). A report this desa handed to its kecamatan, which sent it,
is held under the kecamatan's token: its replies can only go the same way, in
a paket, and the desa's own outbox leaves them alone. Every other reply goes
through the outbox.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from lapor_desktop.kecamatan.reply_items import ReplyOutcome
from lapor_desktop.storage.schema import HandoverRow, ReplyRow

VIA_KECAMATAN_NOTE = (
    "Laporan ini dikirim lewat kecamatan, jadi tanggapannya juga diserahkan lewat kecamatan: "
    "buat paket untuk kecamatan (Ekspor paket)."
)


def through_kecamatan() -> ColumnElement[bool]:
    """A `ReplyRow` clause: its report reached LAPOR! through the kecamatan (a hand-over answered `sent`)."""
    return exists(
        select(HandoverRow.report_id).where(
            HandoverRow.report_id == ReplyRow.report_id, HandoverRow.outcome == ReplyOutcome.SENT.value
        )
    ).correlate_except(HandoverRow)


def report_through_kecamatan(session: Session, report_id: int) -> bool:
    handover = session.get(HandoverRow, report_id)
    return handover is not None and handover.outcome == ReplyOutcome.SENT.value
