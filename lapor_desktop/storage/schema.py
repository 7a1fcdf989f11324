"""The database schema as SQLAlchemy 2.x mapped classes.

The schema itself only ever changes through the Alembic revisions in
`lapor_desktop/migrations/versions`; these classes must match the head revision
(a test compares them).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from lapor_desktop.timestamps import from_text, to_text


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes stored as fixed-width text (sorts as time)."""

    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> str | None:
        return None if value is None else to_text(value)

    def process_result_value(self, value: str | None, dialect: object) -> dt.datetime | None:
        return None if value is None else from_text(value)


class IsoDate(TypeDecorator[dt.date]):
    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: dt.date | None, dialect: object) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: object) -> dt.date | None:
        return None if value is None else dt.date.fromisoformat(value)


class Base(DeclarativeBase):
    pass


class OutboxColumns:
    """What the outbox keeps of anything it sends (reports since revision 0002, replies since 0007):
    attempts, the next try, the last error, and the claim of the process sending it."""

    send_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    claim_owner: Mapped[str | None] = mapped_column(String(64))
    claim_pid: Mapped[int | None] = mapped_column(Integer)
    claim_expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class ReportRow(OutboxColumns, Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(36), unique=True)
    local_ref: Mapped[str] = mapped_column(String(60), unique=True)
    state: Mapped[str] = mapped_column(String(16))
    classification: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    category_code: Mapped[str] = mapped_column(String(64), default="")
    incident_date: Mapped[dt.date | None] = mapped_column(IsoDate)
    region_code: Mapped[str] = mapped_column(String(20), default="")
    location_address: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    reporter_name: Mapped[str] = mapped_column(Text, default="")
    reporter_nik: Mapped[str | None] = mapped_column(String(16))
    reporter_phone: Mapped[str | None] = mapped_column(String(20))
    reporter_email: Mapped[str | None] = mapped_column(Text)
    reporter_address: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str] = mapped_column(String(32))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    recorded_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    tracking_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    received_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    remote_status: Mapped[str | None] = mapped_column(String(32))
    fix_messages: Mapped[str | None] = mapped_column(Text)  # JSON object: field path -> message
    fix_summary: Mapped[str | None] = mapped_column(Text)
    # Outbox bookkeeping (revision 0002): the columns of `OutboxColumns`, declared there.
    # Search keys of the reporter's NIK and phone (revision 0006, `reports.contact_keys`).
    reporter_nik_key: Mapped[str | None] = mapped_column(String(16))
    reporter_phone_key: Mapped[str | None] = mapped_column(String(20))
    # Contract 1.1 (revision 0007): the agency the report asks for (content, sent to a 1.1 server),
    # the agency LAPOR! says handles it and when its current step is due.
    agency_code: Mapped[str | None] = mapped_column(String(64))
    handling_agency_code: Mapped[str | None] = mapped_column(String(64))
    handling_agency_name: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    attachments: Mapped[list[ReportAttachmentRow]] = relationship(
        back_populates="report",
        order_by="ReportAttachmentRow.position",
        cascade="all, delete-orphan",
    )

    __table_args__ = (
        Index("ix_reports_state_id", "state", "id"),
        Index("ix_reports_remote_status_id", "remote_status", "id"),
        Index("ix_reports_category_id", "category_code", "id"),
        Index("ix_reports_recorded_at_id", "recorded_at", "id"),
        Index("ix_reports_title_id", "title", "id"),
        # Revision 0005: only reports being sent carry a claim.
        Index("ix_reports_claim_owner", "claim_owner", sqlite_where=text("claim_owner IS NOT NULL")),
        Index("ix_reports_reporter_nik_key", "reporter_nik_key"),
        Index("ix_reports_reporter_phone_key", "reporter_phone_key"),
        # Revision 0007: the overdue filter reads only reports with a due date.
        Index("ix_reports_due_at", "due_at", sqlite_where=text("due_at IS NOT NULL")),
    )


class AttachmentRow(Base):
    """One stored blob, named by the SHA-256 of its bytes."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ReportAttachmentRow(Base):
    __tablename__ = "report_attachments"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(200))

    report: Mapped[ReportRow] = relationship(back_populates="attachments")
    blob: Mapped[AttachmentRow] = relationship(lazy="joined")


class PendingBlobRow(Base):
    """A blob being written outside a transaction; recovery removes it if its writer died."""

    __tablename__ = "pending_blobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    pid: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class LocalRefCounterRow(Base):
    __tablename__ = "local_ref_counters"

    prefix: Mapped[str] = mapped_column(String(40), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    operator: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)


class StatusHistoryRow(Base):
    """When each remote status of a sent report was first seen."""

    __tablename__ = "remote_status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(32))
    first_seen_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class SyncStateRow(Base):
    """Small named values the sync keeps between runs (pull cursor, auth pause)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AgencyResponseRow(Base):
    __tablename__ = "agency_responses"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    response_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    author: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # Revision 0007 (contract 1.1): who wrote it; a reporter's reply carries its client_id.
    author_role: Mapped[str] = mapped_column(String(16), default="agency", server_default="agency")
    client_id: Mapped[str | None] = mapped_column(String(36))


class ReplyRow(OutboxColumns, Base):
    """A reporter's reply recorded at this office (revision 0007), with the outbox's bookkeeping."""

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(36), unique=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    recorded_by: Mapped[str] = mapped_column(String(120))
    state: Mapped[str] = mapped_column(String(16))
    refusal: Mapped[str | None] = mapped_column(Text)
    waiting_note: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    remote_id: Mapped[str | None] = mapped_column(String(64))  # the receipt's reply_id

    __table_args__ = (Index("ix_replies_state_id", "state", "id"),)


class ReplyAttachmentRow(Base):
    __tablename__ = "reply_attachments"

    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(200))


# -- kecamatan review and paket transfer (revision 0003) ------------------------------------


class KnownOfficeRow(Base):
    """Another office this one trusts: a desa's kecamatan, or a kecamatan's desa."""

    __tablename__ = "known_offices"

    region_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    signing_key: Mapped[str] = mapped_column(String(64), unique=True)  # Ed25519 public key, hex
    encryption_key: Mapped[str] = mapped_column(String(64))  # X25519 public key, hex
    trusted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ReportOriginRow(Base):
    """At a kecamatan: which desa a report came from, by which paket, and where its review stands."""

    __tablename__ = "report_origins"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    origin_code: Mapped[str] = mapped_column(String(20))
    # The desa's hand-over this copy came from: a report returned and sent again gets a new one.
    handover_id: Mapped[str] = mapped_column(String(36))
    paket_id: Mapped[str] = mapped_column(String(36))
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    review_state: Mapped[str] = mapped_column(String(16))
    review_note: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(String(36))  # the other report's client_id
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(String(120))

    __table_args__ = (Index("ix_report_origins_origin_state", "origin_code", "review_state"),)


class HandoverRow(Base):
    """At a desa: a report handed to the kecamatan in a paket, and what the kecamatan answered."""

    __tablename__ = "handovers"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    # Kept when the same hand-over is exported again (a lost paket); new after a return.
    handover_id: Mapped[str] = mapped_column(String(36))
    recipient_code: Mapped[str] = mapped_column(String(20))
    paket_id: Mapped[str] = mapped_column(String(36))  # the last paket that carried it
    handed_over_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))  # None, sent, returned, duplicate
    note: Mapped[str | None] = mapped_column(Text)
    settled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class PaketRow(Base):
    """Every paket this office wrote or imported (an import is recorded once)."""

    __tablename__ = "pakets"

    paket_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" or "in"
    kind: Mapped[str] = mapped_column(String(16))  # "reports" or "reply"
    peer_code: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    processed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    reports: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


# -- population register from OpenSID (revision 0004) ---------------------------------------
# Written and read through stdlib sqlite3 by `lapor_desktop.penduduk.store`; mapped here so the
# schema test keeps the migration honest.


class ResidentRow(Base):
    """A living resident from the desa's OpenSID export: only what the report form fills in."""

    __tablename__ = "residents"

    nik: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)  # casefolded, single-spaced: for prefix search
    birth_date: Mapped[str | None] = mapped_column(String(10))
    address: Mapped[str | None] = mapped_column(Text)
    dusun: Mapped[str | None] = mapped_column(Text)
    rt: Mapped[str | None] = mapped_column(String(10))
    rw: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (Index("ix_residents_name_key", "name_key"),)


class ResidentImportRow(Base):
    """The one import the residents came from (id is always 1)."""

    __tablename__ = "resident_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    export_date: Mapped[str | None] = mapped_column(String(10))
    export_date_source: Mapped[str] = mapped_column(String(16))
    source_name: Mapped[str] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(16))
    rows: Mapped[int] = mapped_column(Integer)
    imported: Mapped[int] = mapped_column(Integer)
    skipped_not_living: Mapped[int] = mapped_column(Integer)
    skipped_no_nik: Mapped[int] = mapped_column(Integer)
    skipped_invalid_nik: Mapped[int] = mapped_column(Integer)
    skipped_no_name: Mapped[int] = mapped_column(Integer)
    skipped_duplicate: Mapped[int] = mapped_column(Integer)
