"""The reporter's replies through pakets: a desa without a connection hands the citizen's reply to
its kecamatan like a report; the kecamatan sends it to LAPOR! (the training server) exactly once
under the reply's own client_id, and its reply paket tells the desa what became of it."""

from __future__ import annotations

import json
import struct
from collections import Counter
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.domain import RemoteStatus, ReplyState, ResponseRole
from lapor_desktop.kecamatan.paket import MAGIC, PLAIN_VERSION, VERSION, report_entry, write_paket
from lapor_desktop.kecamatan.paket_import import import_paket
from lapor_desktop.labels import REPLY_STATE_LABELS
from lapor_desktop.offices.keys import ensure_keys, own_identity
from lapor_desktop.replies.routing import VIA_KECAMATAN_NOTE
from lapor_desktop.storage.schema import ReplyRow
from sync.engine import SyncEngine
from sync.training_server import add_token, hold_report, pass_on, set_status
from tests.kecamatan.conftest import DESA2_CODE, DESA_CODE, Offices, make_cli_office, queue_reports
from tests.support.images import write_plain_jpeg
from tests.support.reports import valid_content
from tests.support.training import running_training_server

QUESTION = "Mohon jelaskan di RT berapa jalan yang rusak."
ANSWER = "Di RT 03, depan masjid; lubangnya makin lebar setelah hujan."
LATE = "Warga menambahkan: sudah ada pengendara yang jatuh di sana."


def header_version(paket: Path) -> int:
    data = paket.read_bytes()
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    return json.loads(data[len(MAGIC) + 4 : len(MAGIC) + 4 + length])["version"]


def reporter_client_ids(server) -> Counter[str]:
    """Every reporter's reply the training server holds, across all reports and tokens."""
    found: Counter[str] = Counter()
    for report in server.store.reports(limit=10_000):
        stored = server.store.report(report.tracking_id)
        found.update(
            r.client_id for r in server.store.responses([stored.id])[stored.id] if r.role == "reporter"
        )
    return found


def sync(office) -> object:
    with open_app(office.data_dir) as app:
        return SyncEngine(app).run_once()


def hand_over_and_send(offices: Offices, tmp_path: Path, server, n: int) -> list[str]:
    """Reports go desa -> paket -> kecamatan -> LAPOR!, and the answer back; returns their tracking ids."""
    desa, kecamatan = offices.desa, offices.kecamatan
    ids = queue_reports(desa.data_dir, n)
    paket = tmp_path / "laporan.lpk"
    desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    kecamatan.cli("paket", "import", str(paket))
    for item in kecamatan.cli("review", "list", "--desa", DESA_CODE):
        kecamatan.cli("review", "approve", str(item["id"]))
    assert sync(kecamatan).sent == n
    with open_app(desa.data_dir) as app:
        client_ids = [app.reports.get(i).client_id for i in ids]
    with open_app(kecamatan.data_dir) as app:
        tracking = [app.reports.get_by_client_id(c).tracking_id for c in client_ids]
    for tracking_id in tracking:
        hold_report(server.data_dir, tracking_id, QUESTION)
    assert sync(kecamatan).updated == n
    answer = tmp_path / "balasan-laporan.lpk"
    kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(answer))
    assert desa.cli("paket", "import", str(answer))["sent"] == n
    return ids


def test_replies_go_through_the_kecamatan_exactly_once_and_the_answer_comes_back(offices, tmp_path):
    desa, kecamatan = offices.desa, offices.kecamatan
    with running_training_server(tmp_path) as (server, kecamatan_token):
        kecamatan.cli("server", "set", server.base_url, "--token", kecamatan_token)
        desa.cli("server", "set", server.base_url, "--token", add_token(server.store, "Desa Way Huwi"))
        first, second = hand_over_and_send(offices, tmp_path, server, 2)

        photo = write_plain_jpeg(tmp_path / "lubang.jpg", (320, 240), seed=41)
        with open_app(desa.data_dir) as app:
            assert app.reports.get(first).remote_status is RemoteStatus.ON_HOLD
            taken = app.replies.record(first, ANSWER, [photo])
            refused_later = app.replies.record(second, LATE)
            # The report went to LAPOR! under the kecamatan's token: its reply must go the same way.
            assert taken.state is ReplyState.QUEUED and taken.waiting_note == VIA_KECAMATAN_NOTE
            tracking_second = app.reports.get(second).tracking_id

        # The desa is online for a moment: its own outbox leaves those replies for a paket.
        summary = sync(desa)
        assert (summary.replies_sent, summary.replies_refused, summary.replies_waiting) == (0, 0, 2)
        assert reporter_client_ids(server) == Counter()
        with open_app(desa.data_dir) as app:  # the sync's own note (server 1.1) does not hide why
            assert app.replies.get(taken.id).waiting_note == VIA_KECAMATAN_NOTE

        paket = tmp_path / "tanggapan.lpk"
        exported = desa.cli("paket", "export", "--to", str(paket), "--all-queued")
        assert (exported["reports"], exported["replies"], exported["attachments"]) == (0, 2, 1)
        assert header_version(paket) == VERSION
        shown = desa.cli("report", "show", str(first))["replies"]
        assert [(r["state"], r["state_label"]) for r in shown] == [
            ("handed_over", REPLY_STATE_LABELS[ReplyState.HANDED_OVER])
        ]
        assert shown[0]["state_label"] == "Diserahkan ke kecamatan"
        # Handed over once: never in a later paket, never sent from here.
        again = desa.cli("paket", "export", "--to", str(tmp_path / "lagi.lpk"), "--all-queued", expect=2)
        assert "Tidak ada laporan (atau tanggapan pelapor)" in again["message"]
        assert sync(desa).replies_waiting == 0

        imported = kecamatan.cli("paket", "import", str(paket))
        assert imported["replies"] == {
            "imported": 2,
            "already_present": 0,
            "refused": 0,
            "sent": 0,
            "refused_by_lapor": 0,
        }
        twice = kecamatan.cli("paket", "import", str(paket))
        assert (twice["replies"]["imported"], twice["replies"]["already_present"]) == (0, 2)
        with open_app(kecamatan.data_dir) as app:
            copy = app.replies.get_by_client_id(taken.client_id)
            assert copy.state is ReplyState.QUEUED and copy.text == ANSWER
            assert copy.recorded_by == "Operator Desa Way Huwi"
            assert [a.sha256 for a in copy.attachments] == [a.sha256 for a in taken.attachments]
            assert app.blobs.exists(copy.attachments[0].sha256)
            with app.db.transaction() as session:
                assert session.query(ReplyRow).count() == 2

        set_status(server.store, tracking_second, "rejected")  # closed before the kecamatan sends
        summary = sync(kecamatan)
        assert (summary.replies_sent, summary.replies_refused) == (1, 1)
        assert sync(kecamatan).replies_sent == 0
        # LAPOR! holds the reply once, under the client_id the desa gave it.
        assert reporter_client_ids(server) == Counter({taken.client_id: 1})
        desa.cli("paket", "export", "--to", str(tmp_path / "x.lpk"), "--all-queued", expect=2)
        assert reporter_client_ids(server) == Counter({taken.client_id: 1})

        with open_app(desa.data_dir) as app:
            first_report = app.reports.get(first)
        pass_on(server.data_dir, first_report.tracking_id, "18.01-DPUPR")  # LAPOR! passes it to an agency
        assert sync(kecamatan).updated == 1
        with open_app(kecamatan.data_dir) as app:
            at_kecamatan = app.reports.get_by_client_id(first_report.client_id)
            assert at_kecamatan.tracking_id == first_report.tracking_id
        answer = tmp_path / "balasan.lpk"
        replied = kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(answer))
        assert replied["replies"] == 2 and header_version(answer) == VERSION
        applied = desa.cli("paket", "import", str(answer))
        assert (applied["replies"]["sent"], applied["replies"]["refused_by_lapor"]) == (1, 1)
        assert desa.cli("paket", "import", str(answer))["replies"]["sent"] == 0  # twice changes nothing

        with open_app(desa.data_dir) as app:
            sent = app.replies.get(taken.id)
            assert sent.state is ReplyState.SENT and sent.sent_at is not None
            refused = app.replies.get(refused_later.id)
            assert refused.state is ReplyState.REFUSED and refused.text == LATE
            assert refused.refusal and "Kecamatan Jati Agung" in refused.refusal
            # The conversation reaches the desa as LAPOR! holds it: the citizen's reply is the reporter's.
            report = app.reports.get(first)
            echoed = [r for r in report.responses if r.role is ResponseRole.REPORTER]
            assert [r.client_id for r in echoed] == [taken.client_id]
            # As the kecamatan knows it from LAPOR!: status, the handling agency and its due date.
            assert report.remote_status is at_kecamatan.remote_status
            assert report.agency == at_kecamatan.agency and report.agency is not None
            assert report.agency.code == "18.01-DPUPR" and report.due_at == at_kecamatan.due_at
        assert desa.cli("report", "show", str(first))["replies"][0]["state_label"] == "Terkirim"


def make_paket(sender_dir: Path, recipient_dir: Path, target: Path, manifest: dict, files=()) -> Path:
    """A paket signed by `sender_dir`'s office, as any app writing this manifest would."""
    write_paket(
        target,
        kind="reports",
        manifest=manifest,
        files=list(files),
        sender=own_identity(sender_dir),
        sender_keys=ensure_keys(sender_dir),
        recipient=own_identity(recipient_dir),
        scratch_dir=sender_dir / "tmp",
    )
    return target


def reply_json(client_id: str, report_client_id: str) -> dict:
    return {
        "client_id": client_id,
        "report_client_id": report_client_id,
        "text": ANSWER,
        "recorded_at": "2025-03-01T02:00:00Z",
        "recorded_by": "Operator",
        "attachments": [],
    }


@pytest.fixture
def two_desas(offices: Offices, tmp_path: Path, capsys):
    other = make_cli_office(tmp_path, capsys, "desa", "Desa Sidosari", DESA2_CODE)
    other.trust(offices.kecamatan)
    offices.kecamatan.trust(other)
    return other


def test_a_desa_may_only_hand_over_replies_to_its_own_reports(offices, two_desas, tmp_path):
    desa, kecamatan, other = offices.desa, offices.kecamatan, two_desas
    queue_reports(desa.data_dir, 1)
    paket = tmp_path / "p.lpk"
    desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    kecamatan.cli("paket", "import", str(paket))
    [held] = kecamatan.cli("review", "list", "--desa", DESA_CODE)
    desa_client_id = held["client_id"]
    with open_app(kecamatan.data_dir) as app:
        own_client_id = app.reports.create(valid_content(), queue=False).client_id

    forged = make_paket(
        other.data_dir,
        kecamatan.data_dir,
        tmp_path / "palsu.lpk",
        {
            "sender_code": DESA2_CODE,
            "reports": [],
            "replies": [
                reply_json("00000000-0000-4000-8000-000000000001", desa_client_id),  # another desa's
                reply_json("00000000-0000-4000-8000-000000000002", own_client_id),  # the kecamatan's own
                reply_json("00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-0000000000ff"),
            ],
        },
    )
    result = kecamatan.cli("paket", "import", str(forged))
    # Every one refused alike: the signer learns nothing about which reports exist here.
    assert result["replies"]["refused"] == 3 and result["replies"]["imported"] == 0
    with open_app(kecamatan.data_dir) as app, app.db.transaction() as session:
        assert session.query(ReplyRow).count() == 0

    # The same reply under the right desa is taken; the forged copy of it later is still refused.
    genuine = make_paket(
        desa.data_dir,
        kecamatan.data_dir,
        tmp_path / "asli.lpk",
        {"sender_code": DESA_CODE, "reports": [], "replies": [reply_json(_uuid(7), desa_client_id)]},
    )
    assert kecamatan.cli("paket", "import", str(genuine))["replies"]["imported"] == 1
    copy = make_paket(
        other.data_dir,
        kecamatan.data_dir,
        tmp_path / "salinan.lpk",
        {"sender_code": DESA2_CODE, "reports": [], "replies": [reply_json(_uuid(7), desa_client_id)]},
    )
    assert kecamatan.cli("paket", "import", str(copy))["replies"] == {
        "imported": 0,
        "already_present": 0,
        "refused": 1,
        "sent": 0,
        "refused_by_lapor": 0,
    }
    # The kecamatan's answers about replies go only to the desa whose reports they answer.
    answer = tmp_path / "balasan-2.lpk"
    assert kecamatan.cli("paket", "reply", "--desa", DESA2_CODE, "--to", str(answer))["replies"] == 0


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def test_a_malformed_reply_refuses_the_whole_paket(offices, tmp_path, snapshot):
    desa, kecamatan = offices.desa, offices.kecamatan
    unchanged = snapshot(kecamatan)
    bad = reply_json(_uuid(1), _uuid(2)) | {"text": "ok"}
    paket = make_paket(
        desa.data_dir,
        kecamatan.data_dir,
        tmp_path / "p.lpk",
        {"sender_code": DESA_CODE, "reports": [], "replies": [bad]},
    )
    error = kecamatan.cli("paket", "import", str(paket), expect=2)
    assert "Tanggapan pelapor ke-1" in error["message"] and "terlalu pendek" in error["message"]
    unchanged()


def test_an_old_paket_without_replies_still_imports(offices, tmp_path):
    """A desa on an app before replies writes no `replies` and version 1: read as ever."""
    desa, kecamatan = offices.desa, offices.kecamatan
    [report_id] = queue_reports(desa.data_dir, 1)
    with open_app(desa.data_dir) as app:
        entry = report_entry(app.reports.get(report_id), _uuid(9))
    paket = make_paket(
        desa.data_dir,
        kecamatan.data_dir,
        tmp_path / "lama.lpk",
        {"sender_code": DESA_CODE, "reports": [entry]},
    )
    assert header_version(paket) == PLAIN_VERSION
    result = kecamatan.cli("paket", "import", str(paket))
    assert result["imported"] == 1 and result["replies"]["imported"] == 0
    # And a paket without replies is still written as version 1, which an older kecamatan reads.
    queue_reports(desa.data_dir, 1, seed=2)
    today = tmp_path / "baru.lpk"
    desa.cli("paket", "export", "--to", str(today), "--all-queued")
    assert header_version(today) == PLAIN_VERSION


def test_a_newer_paket_asks_to_update_the_app(offices, tmp_path, snapshot):
    desa, kecamatan = offices.desa, offices.kecamatan
    queue_reports(desa.data_dir, 1)
    paket = tmp_path / "p.lpk"
    desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    data = paket.read_bytes()
    newer = data.replace(b'"version": 1', b'"version": 9', 1)
    assert newer != data
    paket.write_bytes(newer)
    unchanged = snapshot(kecamatan)
    with open_app(kecamatan.data_dir) as app, pytest.raises(Exception, match="perbarui aplikasi"):
        import_paket(app, paket)
    unchanged()
