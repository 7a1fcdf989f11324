"""The desa's population register, imported from OpenSID: only what the report form needs.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TS = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "residents",
        sa.Column("nik", sa.String(16), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("birth_date", sa.String(10)),
        sa.Column("address", sa.Text),
        sa.Column("dusun", sa.Text),
        sa.Column("rt", sa.String(10)),
        sa.Column("rw", sa.String(10)),
    )
    op.create_index("ix_residents_name_key", "residents", ["name_key"])
    op.create_table(
        "resident_import",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("imported_at", _TS, nullable=False),
        sa.Column("export_date", sa.String(10)),
        sa.Column("export_date_source", sa.String(16), nullable=False),
        sa.Column("source_name", sa.Text, nullable=False),
        sa.Column("source_format", sa.String(16), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("imported", sa.Integer, nullable=False),
        sa.Column("skipped_not_living", sa.Integer, nullable=False),
        sa.Column("skipped_no_nik", sa.Integer, nullable=False),
        sa.Column("skipped_invalid_nik", sa.Integer, nullable=False),
        sa.Column("skipped_no_name", sa.Integer, nullable=False),
        sa.Column("skipped_duplicate", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("resident_import")
    op.drop_index("ix_residents_name_key", "residents")
    op.drop_table("residents")
