"""The outbox's claims found by index: a partial index over the few reports a process holds.

Revision ID: 0005
Revises: 0004

Releasing a pass's claims (`UPDATE ... WHERE claim_owner = ?`) scanned every
report, with the write lock held, once per sync pass. Only reports being sent
carry a claim, so the index holds a batch's worth of rows whatever the size
of the database.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_reports_claim_owner",
        "reports",
        ["claim_owner"],
        sqlite_where=sa.text("claim_owner IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_reports_claim_owner", "reports")
