"""The database file: pragmas, migrations, schema agreement, full-text index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lapor_desktop.app import open_app, prepare_data_dir
from lapor_desktop.storage import migrate
from lapor_desktop.storage.database import Database
from tests.support.reports import valid_content

# Rows written at each earlier revision, to prove an upgrade keeps them.
SAMPLE_AT_REVISION: dict[str, list[str]] = {
    "0001": [
        "INSERT INTO reports (id, client_id, local_ref, state, classification, title, body, category_code,"
        " region_code, reporter_name, anonymous, confidential, channel, consent, recorded_at, recorded_by,"
        " updated_at) VALUES (1, '11111111-1111-4111-8111-111111111111', '18.01.01.2001/2026/00001', 'queued',"
        " 'complaint', 'Jalan rusak di dusun', 'Jalan utama berlubang besar sejak musim hujan.', 'infrastruktur',"
        " '18.01.01.2001', 'Budi', 0, 0, 'datang_langsung', 1, '2026-11-01T01:00:00.000000Z', 'Siti',"
        " '2026-11-01T01:00:00.000000Z')",
        "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state)"
        " VALUES (1, '2026-11-01T01:00:00.000000Z', 'Siti', 'created', NULL, 'draft')",
    ],
    "0002": [
        "INSERT INTO reports (id, client_id, local_ref, state, classification, title, body, category_code,"
        " region_code, reporter_name, anonymous, confidential, channel, consent, recorded_at, recorded_by,"
        " updated_at, send_attempts, first_attempt_at, last_error) VALUES (1,"
        " '22222222-2222-4222-8222-222222222222', '18.01.01.2001/2026/00001', 'queued', 'complaint',"
        " 'Jalan rusak di dusun', 'Jalan utama berlubang besar sejak musim hujan.', 'infrastruktur',"
        " '18.01.01.2001', 'Budi', 0, 0, 'datang_langsung', 1, '2026-11-01T01:00:00.000000Z', 'Siti',"
        " '2026-11-01T01:00:00.000000Z', 1, '2026-11-01T02:00:00.000000Z', 'Server sedang sibuk.')",
        "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state)"
        " VALUES (1, '2026-11-01T01:00:00.000000Z', 'Siti', 'created', NULL, 'draft')",
        "INSERT INTO sync_state (key, value) VALUES ('pull_cursor:abc', 'c-42')",
    ],
    "0003": [
        "INSERT INTO reports (id, client_id, local_ref, state, classification, title, body, category_code,"
        " region_code, reporter_name, anonymous, confidential, channel, consent, recorded_at, recorded_by,"
        " updated_at) VALUES (1, '33333333-3333-4333-8333-333333333333', '18.01.01.2001/2026/00001', 'queued',"
        " 'complaint', 'Jalan rusak di dusun', 'Jalan utama berlubang besar sejak musim hujan.', 'infrastruktur',"
        " '18.01.01.2001', 'Budi', 0, 0, 'datang_langsung', 1, '2026-11-01T01:00:00.000000Z', 'Siti',"
        " '2026-11-01T01:00:00.000000Z')",
        "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state)"
        " VALUES (1, '2026-11-01T01:00:00.000000Z', 'Siti', 'created', NULL, 'draft')",
        "INSERT INTO handovers (report_id, handover_id, recipient_code, paket_id, handed_over_at)"
        " VALUES (1, 'h-1', '18.01.01', 'p-1', '2026-11-02T01:00:00.000000Z')",
    ],
    "0004": [
        "INSERT INTO reports (id, client_id, local_ref, state, classification, title, body, category_code,"
        " region_code, reporter_name, reporter_nik, reporter_phone, anonymous, confidential, channel, consent,"
        " recorded_at, recorded_by, updated_at, send_attempts, claim_owner, claim_pid, claim_expires_at) VALUES"
        " (1, '44444444-4444-4444-8444-444444444444', '18.01.01.2001/2026/00001', 'queued', 'complaint',"
        " 'Jalan rusak di dusun', 'Jalan utama berlubang besar sejak musim hujan.', 'infrastruktur',"
        " '18.01.01.2001', 'Budi', '1801011205850001', '+6281234567890', 0, 0, 'datang_langsung', 1,"
        " '2026-11-01T01:00:00.000000Z', 'Siti', '2026-11-01T01:00:00.000000Z', 0, '4242-abcdef', 4242,"
        " '2026-11-01T01:10:00.000000Z')",
        "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state)"
        " VALUES (1, '2026-11-01T01:00:00.000000Z', 'Siti', 'created', NULL, 'draft')",
        "INSERT INTO residents (nik, name, name_key) VALUES ('1801011205850001', 'Budi', 'budi')",
    ],
    "0005": [
        "INSERT INTO reports (id, client_id, local_ref, state, classification, title, body, category_code,"
        " region_code, reporter_name, reporter_nik, reporter_phone, anonymous, confidential, channel, consent,"
        " recorded_at, recorded_by, updated_at, send_attempts, claim_owner, claim_pid, claim_expires_at) VALUES"
        " (1, '55555555-5555-4555-8555-555555555555', '18.01.01.2001/2026/00001', 'queued', 'complaint',"
        " 'Jalan rusak di dusun', 'Jalan utama berlubang besar sejak musim hujan.', 'infrastruktur',"
        " '18.01.01.2001', 'Budi', '1801011205850001', '+6281234567890', 0, 0, 'datang_langsung', 1,"
        " '2026-11-01T01:00:00.000000Z', 'Siti', '2026-11-01T01:00:00.000000Z', 0, NULL, NULL,"
        " NULL)",
        "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state)"
        " VALUES (1, '2026-11-01T01:00:00.000000Z', 'Siti', 'created', NULL, 'draft')",
        "INSERT INTO residents (nik, name, name_key) VALUES ('1801011205850001', 'Budi', 'budi')",
    ],
    # Before contract 1.1: a sent report with an agency's response (1.0 knew no other author).
    "0006": [
        "INSERT INTO reports (id, client_id, local_ref, state, classification, title, body, category_code,"
        " region_code, reporter_name, anonymous, confidential, channel, consent, recorded_at, recorded_by,"
        " updated_at, tracking_id, remote_status) VALUES (1, '66666666-6666-4666-8666-666666666666',"
        " '18.01.01.2001/2026/00001', 'sent', 'complaint', 'Jalan rusak di dusun',"
        " 'Jalan utama berlubang besar sejak musim hujan.', 'infrastruktur', '18.01.01.2001', 'Budi', 0, 0,"
        " 'datang_langsung', 1, '2026-11-01T01:00:00.000000Z', 'Siti', '2026-11-01T01:00:00.000000Z',"
        " 'LPR-1', 'in_progress')",
        "INSERT INTO audit_log (report_id, at, operator, action, from_state, to_state)"
        " VALUES (1, '2026-11-01T01:00:00.000000Z', 'Siti', 'created', NULL, 'draft')",
        "INSERT INTO agency_responses (report_id, response_id, at, author, text)"
        " VALUES (1, 'r-1', '2026-11-03T01:00:00.000000Z', 'Dinas PUPR', 'Sedang ditinjau.')",
    ],
}


def revisions() -> list[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    return [r.revision for r in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


def test_static_head_matches_alembic_head():
    assert revisions()[-1] == migrate.HEAD_REVISION


def test_pragmas_on_every_connection(data_dir):
    db = Database(prepare_data_dir(data_dir))
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_migrates_empty_file_and_is_idempotent(data_dir):
    db_path = prepare_data_dir(data_dir)
    assert migrate.current_revision(db_path) == migrate.HEAD_REVISION
    assert migrate.ensure_schema(db_path, data_dir / "backups") is False
    assert not (data_dir / "backups").exists()  # nothing to back up for a new file


def test_orm_models_match_migrated_schema(data_dir):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from lapor_desktop.storage.schema import Base

    db = Database(prepare_data_dir(data_dir))
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    db.dispose()
    # FTS5 shadow tables are created by SQL, not by the ORM.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("report_fts"))]
    assert diff == []


@pytest.mark.parametrize("start", [r for r in SAMPLE_AT_REVISION])
def test_upgrade_from_every_earlier_revision_keeps_data(data_dir, start):
    db_path = data_dir / "lapor.db"
    migrate.upgrade(db_path, start)
    connection = sqlite3.connect(db_path)
    for statement in SAMPLE_AT_REVISION[start]:
        connection.execute(statement)
    connection.commit()
    connection.close()
    ran = migrate.ensure_schema(db_path, data_dir / "backups")
    assert migrate.current_revision(db_path) == migrate.HEAD_REVISION
    if start != migrate.HEAD_REVISION:
        assert ran and list((data_dir / "backups").glob("*.db"))
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT title FROM reports WHERE id = 1").fetchone() == (
        "Jalan rusak di dusun",
    )
    assert connection.execute("SELECT COUNT(*) FROM audit_log").fetchone() == (1,)
    hits = connection.execute("SELECT rowid FROM report_fts WHERE report_fts MATCH 'berlubang'").fetchall()
    assert hits == [(1,)]


def test_upgrade_to_0006_fills_the_nik_and_phone_keys_of_existing_reports(data_dir):
    db_path = data_dir / "lapor.db"
    migrate.upgrade(db_path, "0005")
    connection = sqlite3.connect(db_path)
    for statement in SAMPLE_AT_REVISION["0005"]:
        connection.execute(statement)
    connection.commit()
    connection.close()
    migrate.ensure_schema(db_path, data_dir / "backups")
    connection = sqlite3.connect(db_path)
    keys = connection.execute(
        "SELECT reporter_nik_key, reporter_phone_key FROM reports WHERE id = 1"
    ).fetchone()
    connection.close()
    assert keys == ("1801011205850001", "81234567890")


def test_every_earlier_revision_has_sample_data():
    """A new migration makes the revision before it one users upgrade from: it needs its sample rows."""
    assert list(SAMPLE_AT_REVISION) == revisions()[:-1]


def test_fts_follows_edits_and_deletes(app):
    report = app.reports.create(valid_content(title="Lampu jalan padam"))
    connection = sqlite3.connect(app.db_path, isolation_level=None)

    def hits(word: str) -> list[int]:
        return [
            r[0] for r in connection.execute("SELECT rowid FROM report_fts WHERE report_fts MATCH ?", (word,))
        ]

    assert hits("lampu") == [report.id]
    app.reports.update(report.id, valid_content(title="Jembatan gantung putus"))
    assert hits("lampu") == [] and hits("jembatan") == [report.id]
    app.reports.delete_draft(report.id)
    assert hits("jembatan") == []
    assert connection.execute("INSERT INTO report_fts(report_fts) VALUES ('integrity-check')") is not None


def test_second_open_does_not_import_alembic(office_dir):
    import subprocess
    import sys

    prepare_data_dir(office_dir)
    code = (
        "import sys; sys.path.insert(0, '.'); from pathlib import Path;"
        "from lapor_desktop.app import open_app;"
        f"open_app(Path({str(office_dir)!r})).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_data_survives_reopen(office_dir: Path):
    with open_app(office_dir) as app:
        report = app.reports.create(valid_content(), queue=True)
    with open_app(office_dir) as app:
        assert app.reports.get(report.id).content == report.content
