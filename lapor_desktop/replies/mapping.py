"""Copying between stored reply rows and the domain `Reply`."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desktop.domain import AttachmentRef, Reply, ReplyState
from lapor_desktop.storage.schema import AttachmentRow, ReplyAttachmentRow, ReplyRow

_LINKS = ReplyAttachmentRow.__table__.c
_BLOBS = AttachmentRow.__table__.c


def reply_attachments(session: Session, reply_ids: Sequence[int]) -> dict[int, tuple[AttachmentRef, ...]]:
    """The attachments of these replies, in their order, by reply id."""
    found: dict[int, list[AttachmentRef]] = {}
    if not reply_ids:
        return {}
    for row in session.connection().execute(
        select(_LINKS.reply_id, _LINKS.sha256, _LINKS.filename, _BLOBS.content_type, _BLOBS.size)
        .join_from(ReplyAttachmentRow.__table__, AttachmentRow.__table__, _BLOBS.sha256 == _LINKS.sha256)
        .where(_LINKS.reply_id.in_(list(reply_ids)))
        .order_by(_LINKS.reply_id, _LINKS.position)
    ):
        found.setdefault(row.reply_id, []).append(
            AttachmentRef(
                sha256=row.sha256, filename=row.filename, content_type=row.content_type, size=row.size
            )
        )
    return {reply_id: tuple(refs) for reply_id, refs in found.items()}


def reply_of(row: ReplyRow, attachments: tuple[AttachmentRef, ...] = ()) -> Reply:
    return Reply(
        id=row.id,
        client_id=row.client_id,
        report_id=row.report_id,
        text=row.text,
        attachments=attachments,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        state=ReplyState(row.state),
        refusal=row.refusal,
        waiting_note=row.waiting_note,
        sent_at=row.sent_at,
    )


def replies_of_report(session: Session, report_id: int) -> tuple[Reply, ...]:
    """A report's replies, oldest first."""
    rows = list(
        session.scalars(
            select(ReplyRow)
            .where(ReplyRow.report_id == report_id)
            .order_by(ReplyRow.recorded_at, ReplyRow.id)
        )
    )
    attachments = reply_attachments(session, [row.id for row in rows])
    return tuple(reply_of(row, attachments.get(row.id, ())) for row in rows)
