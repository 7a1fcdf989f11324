"""Outbox bookkeeping: send attempts, claims between processes, sync state.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("send_attempts", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("first_attempt_at", sa.String(27)))
        batch.add_column(sa.Column("next_attempt_at", sa.String(27)))
        batch.add_column(sa.Column("last_error", sa.Text))
        batch.add_column(sa.Column("claim_owner", sa.String(64)))
        batch.add_column(sa.Column("claim_pid", sa.Integer))
        batch.add_column(sa.Column("claim_expires_at", sa.String(27)))
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    with op.batch_alter_table("reports") as batch:
        for column in (
            "claim_expires_at",
            "claim_pid",
            "claim_owner",
            "last_error",
            "next_attempt_at",
            "first_attempt_at",
            "send_attempts",
        ):
            batch.drop_column(column)
