"""Put the attachment store back in step with the database after a crash.

A blob is written between two transactions (see `ReportService._store_blob`):
an intent row first, the file, then the report naming it. A process killed in
between leaves an intent whose writer is gone; here we remove what such a
writer left, plus blobs no report names any more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, exists, select

from lapor_desktop.attachments.blobs import BlobStore
from lapor_desktop.storage.database import Database
from lapor_desktop.storage.schema import AttachmentRow, PendingBlobRow, ReportAttachmentRow
from lapor_desktop.support.processes import is_alive
from lapor_desktop.timestamps import utcnow

# An intent older than this is abandoned even if its pid was reused by another program.
_MAX_INTENT_AGE = dt.timedelta(days=1)


@dataclass(frozen=True)
class RecoveryResult:
    abandoned_intents: int
    removed_blobs: int
    removed_temp_files: int


def recover(db: Database, blobs: BlobStore) -> RecoveryResult:
    removed_temp = blobs.remove_stale_temp_files(is_alive)
    now = utcnow()
    with db.transaction() as session:  # BEGIN IMMEDIATE: no writer can add an intent meanwhile
        abandoned = [
            p.id
            for p in session.scalars(select(PendingBlobRow))
            if not is_alive(p.pid) or now - p.created_at > _MAX_INTENT_AGE
        ]
        if abandoned:
            session.execute(delete(PendingBlobRow).where(PendingBlobRow.id.in_(abandoned)))
        referenced = exists().where(ReportAttachmentRow.sha256 == AttachmentRow.sha256)
        intended = exists().where(PendingBlobRow.sha256 == AttachmentRow.sha256)
        orphans = list(session.scalars(select(AttachmentRow.sha256).where(~referenced, ~intended)))
        known = set(session.scalars(select(AttachmentRow.sha256)))
        still_intended = set(session.scalars(select(PendingBlobRow.sha256)))
        strays = blobs.stored_names() - known - still_intended
        # Files go before the commit: while we hold the write lock nobody can
        # start re-using one of these blobs between our check and the unlink.
        for sha256 in [*orphans, *strays]:
            blobs.delete(sha256)
        if orphans:
            session.execute(delete(AttachmentRow).where(AttachmentRow.sha256.in_(orphans)))
    return RecoveryResult(len(abandoned), len(orphans) + len(strays), removed_temp)
