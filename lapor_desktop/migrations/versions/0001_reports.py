"""Reports, attachments, audit trail, remote status history, full-text search.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(36), nullable=False, unique=True),
        sa.Column("local_ref", sa.String(60), nullable=False, unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("classification", sa.String(32)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("category_code", sa.String(64), nullable=False),
        sa.Column("incident_date", sa.String(10)),
        sa.Column("region_code", sa.String(20), nullable=False),
        sa.Column("location_address", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("reporter_name", sa.Text, nullable=False),
        sa.Column("reporter_nik", sa.String(16)),
        sa.Column("reporter_phone", sa.String(20)),
        sa.Column("reporter_email", sa.Text),
        sa.Column("reporter_address", sa.Text),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("confidential", sa.Boolean, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("consent", sa.Boolean, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("tracking_id", sa.String(64), unique=True),
        sa.Column("received_at", _TS),
        sa.Column("remote_status", sa.String(32)),
        sa.Column("fix_messages", sa.Text),
        sa.Column("fix_summary", sa.Text),
    )
    op.create_index("ix_reports_state_id", "reports", ["state", "id"])
    op.create_index("ix_reports_remote_status_id", "reports", ["remote_status", "id"])
    op.create_index("ix_reports_category_id", "reports", ["category_code", "id"])
    op.create_index("ix_reports_recorded_at_id", "reports", ["recorded_at", "id"])
    op.create_index("ix_reports_title_id", "reports", ["title", "id"])

    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("content_type", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "report_attachments",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
    )
    op.create_index("ix_report_attachments_sha256", "report_attachments", ["sha256"])
    op.create_table(
        "pending_blobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_index("ix_pending_blobs_sha256", "pending_blobs", ["sha256"])
    op.create_table(
        "local_ref_counters",
        sa.Column("prefix", sa.String(40), primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("operator", sa.String(120), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_state", sa.String(16)),
        sa.Column("to_state", sa.String(16)),
        sa.Column("detail", sa.Text),
    )
    op.create_index("ix_audit_log_report_id", "audit_log", ["report_id"])
    op.create_table(
        "remote_status_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("first_seen_at", _TS, nullable=False),
        sa.Column("updated_at", _TS),
    )
    op.create_index("ix_remote_status_history_report_id", "remote_status_history", ["report_id"])
    op.create_table(
        "agency_responses",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("response_id", sa.String(64), primary_key=True),
        sa.Column("at", _TS, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )

    # External-content FTS5 index kept in step by triggers. Its rowid is the
    # report id, so "newest matches" walk the index backwards and stop early
    # instead of sorting every match.
    op.execute(
        "CREATE VIRTUAL TABLE report_fts USING fts5("
        "title, body, reporter_name, local_ref, content='reports', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN "
        "INSERT INTO report_fts(rowid, title, body, reporter_name, local_ref) "
        "VALUES (new.id, new.title, new.body, new.reporter_name, new.local_ref); END"
    )
    op.execute(
        "CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN "
        "INSERT INTO report_fts(report_fts, rowid, title, body, reporter_name, local_ref) "
        "VALUES ('delete', old.id, old.title, old.body, old.reporter_name, old.local_ref); END"
    )
    op.execute(
        "CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, body, reporter_name, local_ref "
        "ON reports BEGIN "
        "INSERT INTO report_fts(report_fts, rowid, title, body, reporter_name, local_ref) "
        "VALUES ('delete', old.id, old.title, old.body, old.reporter_name, old.local_ref); "
        "INSERT INTO report_fts(rowid, title, body, reporter_name, local_ref) "
        "VALUES (new.id, new.title, new.body, new.reporter_name, new.local_ref); END"
    )


def downgrade() -> None:
    for trigger in ("reports_fts_update", "reports_fts_delete", "reports_fts_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS report_fts")
    for table in (
        "agency_responses",
        "remote_status_history",
        "audit_log",
        "local_ref_counters",
        "pending_blobs",
        "report_attachments",
        "attachments",
        "reports",
    ):
        op.drop_table(table)
