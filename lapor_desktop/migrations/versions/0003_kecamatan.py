"""Kecamatan review and paket transfer: known offices, report origins, hand-overs, paket log.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TS = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "known_offices",
        sa.Column("region_code", sa.String(20), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("signing_key", sa.String(64), nullable=False, unique=True),
        sa.Column("encryption_key", sa.String(64), nullable=False),
        sa.Column("trusted_at", _TS, nullable=False),
    )
    op.create_table(
        "report_origins",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("origin_code", sa.String(20), nullable=False),
        sa.Column("handover_id", sa.String(36), nullable=False),
        sa.Column("paket_id", sa.String(36), nullable=False),
        sa.Column("imported_at", _TS, nullable=False),
        sa.Column("review_state", sa.String(16), nullable=False),
        sa.Column("review_note", sa.Text),
        sa.Column("duplicate_of", sa.String(36)),
        sa.Column("reviewed_at", _TS),
        sa.Column("reviewed_by", sa.String(120)),
    )
    op.create_index("ix_report_origins_origin_state", "report_origins", ["origin_code", "review_state"])
    op.create_table(
        "handovers",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("handover_id", sa.String(36), nullable=False),
        sa.Column("recipient_code", sa.String(20), nullable=False),
        sa.Column("paket_id", sa.String(36), nullable=False),
        sa.Column("handed_over_at", _TS, nullable=False),
        sa.Column("outcome", sa.String(16)),
        sa.Column("note", sa.Text),
        sa.Column("settled_at", _TS),
    )
    op.create_table(
        "pakets",
        sa.Column("paket_id", sa.String(36), primary_key=True),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("peer_code", sa.String(20), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("processed_at", _TS, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pakets")
    op.drop_table("handovers")
    op.drop_index("ix_report_origins_origin_state", "report_origins")
    op.drop_table("report_origins")
    op.drop_table("known_offices")
