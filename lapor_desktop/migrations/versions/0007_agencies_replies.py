"""Contract 1.1: agencies, due dates, response roles and the reporter's replies.

Revision ID: 0007
Revises: 0006

Every new column is nullable or has a default, so reports stored before keep
working unchanged: their responses were all written by the agency (1.0 knew
no other author), which is the default of `author_role`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TS = sa.String(27)


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("agency_code", sa.String(64)))
        batch.add_column(sa.Column("handling_agency_code", sa.String(64)))
        batch.add_column(sa.Column("handling_agency_name", sa.Text))
        batch.add_column(sa.Column("due_at", _TS))
    op.create_index("ix_reports_due_at", "reports", ["due_at"], sqlite_where=sa.text("due_at IS NOT NULL"))
    with op.batch_alter_table("agency_responses") as batch:
        batch.add_column(sa.Column("author_role", sa.String(16), nullable=False, server_default="agency"))
        batch.add_column(sa.Column("client_id", sa.String(36)))
    op.create_table(
        "replies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(36), nullable=False, unique=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("refusal", sa.Text),
        sa.Column("waiting_note", sa.Text),
        sa.Column("sent_at", _TS),
        sa.Column("remote_id", sa.String(64)),
        sa.Column("send_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_attempt_at", _TS),
        sa.Column("next_attempt_at", _TS),
        sa.Column("last_error", sa.Text),
        sa.Column("claim_owner", sa.String(64)),
        sa.Column("claim_pid", sa.Integer),
        sa.Column("claim_expires_at", _TS),
    )
    op.create_index("ix_replies_report_id", "replies", ["report_id"])
    op.create_index("ix_replies_state_id", "replies", ["state", "id"])
    op.create_table(
        "reply_attachments",
        sa.Column("reply_id", sa.Integer, sa.ForeignKey("replies.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
    )
    op.create_index("ix_reply_attachments_sha256", "reply_attachments", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_reply_attachments_sha256", "reply_attachments")
    op.drop_table("reply_attachments")
    op.drop_index("ix_replies_state_id", "replies")
    op.drop_index("ix_replies_report_id", "replies")
    op.drop_table("replies")
    with op.batch_alter_table("agency_responses") as batch:
        batch.drop_column("client_id")
        batch.drop_column("author_role")
    op.drop_index("ix_reports_due_at", "reports")
    with op.batch_alter_table("reports") as batch:
        for column in ("due_at", "handling_agency_name", "handling_agency_code", "agency_code"):
            batch.drop_column(column)
