"""Search keys of the reporter's NIK and phone, indexed, outside the full-text index.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desktop.reports.contact_keys import nik_key, phone_key

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    op.add_column("reports", sa.Column("reporter_nik_key", sa.String(16)))
    op.add_column("reports", sa.Column("reporter_phone_key", sa.String(20)))
    connection = op.get_bind()
    stored = connection.exec_driver_sql(
        "SELECT id, reporter_nik, reporter_phone FROM reports "
        "WHERE reporter_nik IS NOT NULL OR reporter_phone IS NOT NULL"
    ).fetchall()
    keys = [
        {"id": report_id, "nik": nik_key(nik), "phone": phone_key(phone)} for report_id, nik, phone in stored
    ]
    update = sa.text("UPDATE reports SET reporter_nik_key = :nik, reporter_phone_key = :phone WHERE id = :id")
    for start in range(0, len(keys), _BATCH):
        connection.execute(update, keys[start : start + _BATCH])
    # After the fill: building an index once is cheaper than keeping it up while updating.
    op.create_index("ix_reports_reporter_nik_key", "reports", ["reporter_nik_key"])
    op.create_index("ix_reports_reporter_phone_key", "reports", ["reporter_phone_key"])


def downgrade() -> None:
    op.drop_index("ix_reports_reporter_phone_key", "reports")
    op.drop_index("ix_reports_reporter_nik_key", "reports")
    # SQLite's own DROP COLUMN (3.35+): a batch copy of the table would drop the FTS triggers.
    op.drop_column("reports", "reporter_phone_key")
    op.drop_column("reports", "reporter_nik_key")
