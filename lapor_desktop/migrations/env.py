"""Alembic environment: always run with a connection handed in by `storage.migrate`."""

from __future__ import annotations

from alembic import context

from lapor_desktop.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
