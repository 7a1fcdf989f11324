"""SQLite storage: schema (SQLAlchemy ORM), engine set-up and migrations."""
