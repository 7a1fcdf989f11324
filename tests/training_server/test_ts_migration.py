"""A trainer's store from the 1.0 training server (last Bimtek) is brought forward in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sync.training_server import start_in_thread
from sync.training_server.cursor import encode_cursor
from sync.training_server.schema import SCHEMA_VERSION, V1, NewerStore
from sync.training_server.store import Store
from tests.support.training import ApiClient, sample_reply, sample_report

TOKEN = "trn_dari-bimtek-lalu-000000000000"
PENDING = sample_report(title="Lampu jalan mati di Dusun I")
DONE = sample_report(title="Sumur bor macet")


def canonical(value: dict) -> str:
    from sync.training_server.report_rules import canonical_json

    return canonical_json(value)


def make_1_0_store(data_dir: Path) -> None:
    """What the 1.0 server left behind: its schema, no user_version, WAL, two reports."""
    data_dir.mkdir(parents=True)
    (data_dir / "attachments").mkdir()
    conn = sqlite3.connect(data_dir / "training.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    for statement in V1:
        conn.execute(statement)
    conn.execute("INSERT INTO settings VALUES ('instance_id', 'abcdef012345')")
    conn.execute("INSERT INTO tokens VALUES (1, 'Desa Way Urang', ?, '2026-11-02T01:00:00Z', 1)", (TOKEN,))
    for report_id, report in ((1, PENDING), (2, DONE)):
        conn.execute(
            "INSERT INTO reports VALUES (?, 1, ?, ?, ?, 'complaint', ?, 'infrastruktur', "
            "'pending_verification', '2026-11-02T02:00:00Z', '2026-11-02T02:00:00Z', ?)",
            (
                report_id,
                report["client_id"],
                f"LPR-2026-00000{report_id}",
                canonical(report),
                report["title"],
                report_id,
            ),
        )
        conn.execute(
            "INSERT INTO changes (seq, report_id, kind, status, at) "
            "VALUES (?, ?, 'received', 'pending_verification', '2026-11-02T02:00:00Z')",
            (report_id, report_id),
        )
    conn.execute("INSERT INTO changes VALUES (3, 2, 'status', 'completed', '2026-11-03T04:00:00Z')")
    conn.execute("INSERT INTO changes VALUES (4, 2, 'response', NULL, '2026-11-03T04:00:05Z')")
    conn.execute(
        "INSERT INTO responses VALUES (1, 2, '2026-11-03T04:00:05Z', 'Dinas PUPR', 'Sudah diperbaiki.')"
    )
    conn.execute(
        "UPDATE reports SET status = 'completed', updated_at = '2026-11-03T04:00:05Z', change_seq = 4 WHERE id = 2"
    )
    conn.close()


def test_a_1_0_store_is_migrated_in_place(tmp_path: Path) -> None:
    data_dir = tmp_path / "bimtek"
    make_1_0_store(data_dir)
    old_cursor = encode_cursor("abcdef012345", 2)
    with start_in_thread(data_dir) as server:
        api = ApiClient(server.base_url, TOKEN)
        # A client's cursor from the last session still works: the instance and the sequence are kept.
        [changed] = api.get("/v1/reports", params={"updated_since": old_cursor}).json()["items"]
        assert changed["tracking_id"] == "LPR-2026-000002"
        assert changed["status"] == "completed"
        assert changed["agency"] is None and changed["due_at"] is None
        assert changed["responses"] == [
            {
                "id": "RSP-000001",
                "at": "2026-11-03T04:00:05Z",
                "author": "Dinas PUPR",
                "author_role": "agency",
                "text": "Sudah diperbaiki.",
            }
        ]
        pending = api.get("/v1/reports/LPR-2026-000001").json()
        # The verification step began when the report arrived: 3 working days later.
        assert pending["due_at"] == "2026-11-05T16:59:59Z"
        # Replays of old reports still replay; numbering continues.
        assert api.post("/v1/reports", json=PENDING).status_code == 200
        assert api.post("/v1/reports", json=sample_report()).json()["tracking_id"] == "LPR-2026-000003"
        # Old reports take replies: completed on 3 November, closed since 17 November.
        assert api.post("/v1/reports/LPR-2026-000001/replies", json=sample_reply()).status_code == 201
        closed = api.post("/v1/reports/LPR-2026-000002/replies", json=sample_reply())
        assert closed.status_code == 422 and closed.json()["error"]["code"] == "report_closed"
        api.close()

    conn = sqlite3.connect(data_dir / "training.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT status_at FROM reports WHERE id = 2").fetchone() == ("2026-11-03T04:00:00Z",)
    # The old response is placed in the conversation by the change that wrote it.
    assert conn.execute("SELECT change_seq, author_role FROM responses WHERE id = 1").fetchone() == (
        4,
        "agency",
    )
    conn.close()
    backup = sqlite3.connect(data_dir / "training-backup-v1.sqlite3")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 0
    assert backup.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 2
    assert [row[1] for row in backup.execute("PRAGMA table_info(responses)")] == [
        "id",
        "report_id",
        "at",
        "author",
        "text",
    ]
    backup.close()


def test_migration_runs_once_and_keeps_what_it_migrated(tmp_path: Path) -> None:
    data_dir = tmp_path / "bimtek"
    make_1_0_store(data_dir)
    with Store(data_dir) as store:
        first = [report.status_at for report in store.reports()]
    (data_dir / "training-backup-v1.sqlite3").unlink()
    with Store(data_dir) as store, Store(data_dir) as other:
        assert [report.status_at for report in store.reports()] == first
        assert other.count_reports() == 2
    # Nothing was migrated the second time, so no new backup was needed.
    assert not (data_dir / "training-backup-v1.sqlite3").exists()


def test_a_fresh_store_needs_no_backup(tmp_path: Path) -> None:
    with Store(tmp_path / "baru") as store:
        assert store.count_reports() == 0
    assert [path.name for path in (tmp_path / "baru").iterdir() if "backup" in path.name] == []


def test_a_store_from_a_newer_server_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "masa-depan"
    with Store(data_dir):
        pass
    conn = sqlite3.connect(data_dir / "training.sqlite3")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NewerStore, match="versi yang lebih baru"):
        Store(data_dir)


def test_migrated_content_is_untouched(tmp_path: Path) -> None:
    data_dir = tmp_path / "bimtek"
    make_1_0_store(data_dir)
    with Store(data_dir) as store:
        report = store.report("LPR-2026-000001")
        assert report is not None
        assert json.loads(report.content) == PENDING
        assert report.agency_code is None and report.handling_agency_code is None
