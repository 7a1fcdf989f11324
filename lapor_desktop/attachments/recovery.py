"""Put the attachment store back in step with the database after a crash.

A blob is written between two transactions (see `ReportService._store_blob`):
an intent row first, the file, then the report naming it. A process killed in
between leaves an intent whose writer is gone; here we clear such intents and
move blobs no report or reply names any more to the quarantine (see `quarantine`),
from which they are deleted only after a grace period and only when the
database is known healthy. A blob the database names again is taken back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, exists, select, text

from lapor_desktop.attachments.blobs import BlobStore
from lapor_desktop.attachments.quarantine import Quarantine
from lapor_desktop.storage.database import Database
from lapor_desktop.storage.schema import (
    AttachmentRow,
    PendingBlobRow,
    ReplyAttachmentRow,
    ReportAttachmentRow,
)
from lapor_desktop.support.processes import is_alive
from lapor_desktop.timestamps import utcnow

# An intent older than this is abandoned even if its pid was reused by another program.
_MAX_INTENT_AGE = dt.timedelta(days=1)


@dataclass(frozen=True)
class RecoveryResult:
    abandoned_intents: int
    quarantined_blobs: int
    returned_blobs: int
    purged_blobs: int
    removed_temp_files: int


def recover(db: Database, blobs: BlobStore) -> RecoveryResult:
    removed_temp = blobs.remove_stale_temp_files(is_alive)
    quarantine = Quarantine.beside(blobs.root)
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
        in_reply = exists().where(ReplyAttachmentRow.sha256 == AttachmentRow.sha256)
        intended = exists().where(PendingBlobRow.sha256 == AttachmentRow.sha256)
        orphans = list(session.scalars(select(AttachmentRow.sha256).where(~referenced, ~in_reply, ~intended)))
        known = set(session.scalars(select(AttachmentRow.sha256))) - set(orphans)
        still_intended = set(session.scalars(select(PendingBlobRow.sha256)))
        strays = blobs.stored_names() - known - still_intended - set(orphans)
        # Files move before the commit: while we hold the write lock nobody can
        # start re-using one of these blobs between our check and the move.
        for sha256 in [*orphans, *strays]:
            quarantine.put(blobs.path_for(sha256), sha256, now)
        if orphans:
            session.execute(delete(AttachmentRow).where(AttachmentRow.sha256.in_(orphans)))
        wanted_back = [sha for sha in quarantine.names() & known if not blobs.exists(sha)]
        for sha256 in wanted_back:
            quarantine.take_back(sha256, blobs.path_for(sha256))
    purged = 0
    expired = [sha for sha in quarantine.expired(now) if sha not in known]
    if expired and _healthy(db):
        purged = quarantine.purge(expired)
    return RecoveryResult(
        abandoned_intents=len(abandoned),
        quarantined_blobs=len(orphans) + len(strays),
        returned_blobs=len(wanted_back),
        purged_blobs=purged,
        removed_temp_files=removed_temp,
    )


def _healthy(db: Database) -> bool:
    """SQLite's own check: a database that fails it may have lost the rows naming these files."""
    with db.engine.connect() as connection:
        rows = connection.execute(text("PRAGMA quick_check")).scalars().all()
    return rows == ["ok"]
