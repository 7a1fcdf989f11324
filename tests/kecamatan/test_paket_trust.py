"""Trust ends at the signer: a desa's paket carries only that desa's reports, a reply answers only
for reports handed to its signer, and no answer tells a desa whether another desa's report exists."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.domain import ReportState
from lapor_desktop.kecamatan.paket import KIND_REPORTS, report_entry, write_paket
from lapor_desktop.offices.keys import load_keys, own_identity
from tests.kecamatan.conftest import DESA2_CODE, DESA_CODE, Office, Offices, make_cli_office, queue_reports
from tests.support.reports import valid_content


@pytest.fixture
def desa_k(offices: Offices, capsys: pytest.CaptureFixture[str]) -> Office:
    """A second desa of the same kecamatan, trusted by it like the first."""
    k = make_cli_office(offices.root, capsys, "desa", "Desa Sidoharjo", DESA2_CODE)
    k.trust(offices.kecamatan)
    offices.kecamatan.trust(k)
    return k


def hand_over(offices: Offices, tmp_path: Path, n: int = 1) -> list[dict]:  # type: ignore[type-arg]
    """Desa Way Huwi hands `n` reports to the kecamatan, which imports them; their review items."""
    queue_reports(offices.desa.data_dir, n, seed=len(list(tmp_path.glob("*.lpk"))))
    path = tmp_path / f"dua-{uuid.uuid4().hex[:6]}.lpk"
    offices.desa.cli("paket", "export", "--to", str(path), "--all-queued")
    assert offices.kecamatan.cli("paket", "import", str(path))["imported"] == n
    return offices.kecamatan.cli("review", "list")  # type: ignore[return-value]


def client_id_at_kecamatan(offices: Offices, report_id: int) -> str:
    with open_app(offices.kecamatan.data_dir) as app:
        return app.reports.get(report_id).client_id


def forged(k: Office, kecamatan: Office, tmp_path: Path, client_id: str, title: str) -> Path:
    """A paket properly signed by desa K, whose one report carries `client_id` with K's content."""
    [report_id] = queue_reports(k.data_dir, 1, seed=99)
    with open_app(k.data_dir) as app:
        entry = report_entry(app.reports.get(report_id), str(uuid.uuid4()))
    entry["client_id"] = client_id
    entry["content"]["title"] = title
    target = tmp_path / f"k-{uuid.uuid4().hex[:6]}.lpk"
    write_paket(
        target,
        kind=KIND_REPORTS,
        manifest={"sender_code": k.code, "reports": [entry]},
        files=[],
        sender=own_identity(k.data_dir),
        sender_keys=load_keys(k.data_dir),
        recipient=own_identity(kecamatan.data_dir),
        scratch_dir=tmp_path / "scratch",
    )
    return target


def report_rows(office: Office) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(office.db_path)
    try:
        return connection.execute(
            "SELECT r.client_id, r.local_ref, r.title, r.state, o.origin_code, o.review_state, o.handover_id "
            "FROM reports r LEFT JOIN report_origins o ON o.report_id = r.id ORDER BY r.id"
        ).fetchall()
    finally:
        connection.close()


def counts(summary: dict) -> tuple[int, int, int, int]:  # type: ignore[type-arg]
    return summary["imported"], summary["resubmitted"], summary["already_present"], summary["refused"]


def test_another_desa_cannot_overwrite_a_returned_report(offices, desa_k, tmp_path):
    kecamatan = offices.kecamatan
    [item] = hand_over(offices, tmp_path)
    kecamatan.cli("review", "return", str(item["id"]), "--note", "Lengkapi alamat.")
    before = report_rows(kecamatan)
    victim = client_id_at_kecamatan(offices, item["id"])

    paket = forged(desa_k, kecamatan, tmp_path, victim, "Isi palsu dari desa lain")
    summary = kecamatan.cli("paket", "import", str(paket))
    assert counts(summary) == (0, 0, 0, 1)
    assert report_rows(kecamatan) == before  # content, origin and review state all as they were
    assert kecamatan.cli("review", "list") == []  # still returned to Way Huwi, not back in review

    # Way Huwi still gets its report back, and K hears nothing about it.
    reply = tmp_path / "balasan-dua.lpk"
    assert kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(reply))["reports"] == 1
    reply_k = tmp_path / "balasan-k.lpk"
    assert kecamatan.cli("paket", "reply", "--desa", DESA2_CODE, "--to", str(reply_k))["reports"] == 0
    offices.desa.cli("paket", "import", str(reply))
    with open_app(offices.desa.data_dir) as app:
        report = app.reports.get_by_client_id(victim)
        assert report.state is ReportState.NEEDS_FIX
        assert report.content.title != "Isi palsu dari desa lain"


def test_a_foreign_id_is_answered_the_same_whatever_became_of_it(offices, desa_k, tmp_path):
    """Awaiting review, returned, sent on, the kecamatan's own: K's paket gets one and the same answer."""
    kecamatan = offices.kecamatan
    awaiting, returned = hand_over(offices, tmp_path, 2)
    kecamatan.cli("review", "return", str(returned["id"]), "--note", "Foto buram.")
    with open_app(kecamatan.data_dir) as app:
        own = app.reports.create(valid_content(title="Laporan kecamatan sendiri"), queue=False)
    targets = [
        client_id_at_kecamatan(offices, awaiting["id"]),
        client_id_at_kecamatan(offices, returned["id"]),
        own.client_id,
    ]
    before = report_rows(kecamatan)
    answers = []
    for client_id in targets:
        summary = kecamatan.cli(
            "paket", "import", str(forged(desa_k, kecamatan, tmp_path, client_id, "Coba"))
        )
        answers.append(counts(summary))
    assert answers == [(0, 0, 0, 1)] * 3
    assert report_rows(kecamatan) == before

    # K's own report handed over twice is "already present" only because it is K's.
    [own_k] = queue_reports(desa_k.data_dir, 1, seed=5)
    first = tmp_path / "k-sendiri.lpk"
    desa_k.cli("paket", "export", "--to", str(first), str(own_k))
    assert counts(kecamatan.cli("paket", "import", str(first))) == (1, 0, 0, 0)
    assert counts(kecamatan.cli("paket", "import", str(first))) == (0, 0, 1, 0)


def test_a_reply_answers_only_for_reports_handed_to_its_signer(offices, tmp_path):
    desa, kecamatan = offices.desa, offices.kecamatan
    [item] = hand_over(offices, tmp_path)
    kecamatan.cli("review", "return", str(item["id"]), "--note", "Judul kurang jelas.")
    reply = tmp_path / "balasan.lpk"
    kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(reply))
    # As if the desa had handed this report to another kecamatan (a region code that changed).
    with sqlite3.connect(desa.db_path) as connection:
        connection.execute("UPDATE handovers SET recipient_code = '18.01.02'")
    result = desa.cli("paket", "import", str(reply))
    assert (result["returned"], result["unknown"]) == (0, 1)
    with sqlite3.connect(desa.db_path) as connection:
        assert connection.execute("SELECT state FROM reports").fetchall() == [(ReportState.SENT.value,)]
