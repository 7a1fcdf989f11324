"""Desa -> paket -> kecamatan -> LAPOR! (training server) and back, with no report ever twice."""

from __future__ import annotations

from collections import Counter

from lapor_desktop.app import open_app
from lapor_desktop.domain import RemoteStatus, ReportState
from lapor_desktop.offices.token_store import save_token
from sync.engine import SyncEngine
from sync.training_server import add_token, set_status
from tests.kecamatan.conftest import DESA_CODE, queue_reports
from tests.support.offices import make_office
from tests.support.training import running_training_server


def server_client_ids(server) -> Counter[str]:
    """Every report the training server holds, across all tokens."""
    return Counter(report.client_id for report in server.store.reports(limit=10_000))


def point_at_server(office, server, token: str) -> None:
    office.cli("server", "set", server.base_url, "--token", token)


def test_round_trip_desa_paket_kecamatan_lapor_without_duplicates(offices, tmp_path):
    desa, kecamatan = offices.desa, offices.kecamatan
    ids = queue_reports(desa.data_dir, 4, photo_dir=tmp_path)
    draft_only = queue_reports(desa.data_dir, 1)[0]
    with open_app(desa.data_dir) as app:
        app.reports.unqueue(draft_only)  # a draft never goes into a paket
        client_ids = {app.reports.get(i).client_id for i in ids}

    paket = tmp_path / "usb" / "paket-way-huwi.lpk"
    paket.parent.mkdir()
    exported = desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    assert exported["reports"] == 4 and exported["attachments"] == 4
    assert (
        exported["recipient"]["region_code"] == kecamatan.code and paket.stat().st_size == exported["bytes"]
    )
    with open_app(desa.data_dir) as app:
        for report_id in ids:
            report = app.reports.get(report_id)
            # Handed over: left this office, so its own outbox never sends it.
            assert report.state is ReportState.SENT and report.tracking_id is None
            assert app.reports.audit_trail(report_id)[-1].action == "handed_over"

    first = kecamatan.cli("paket", "import", str(paket))
    assert (first["imported"], first["already_present"]) == (4, 0)
    again = kecamatan.cli("paket", "import", str(paket))
    assert (again["imported"], again["already_present"]) == (0, 4)

    queue = kecamatan.cli("review", "list", "--desa", DESA_CODE)
    assert {item["client_id"] for item in queue} == client_ids
    # The imported reports are found by their reporter's phone, as those recorded here are.
    by_phone = kecamatan.cli("report", "list", "--search", "+62 812 3456 7890")
    assert {item["id"] for item in by_phone} == {item["id"] for item in queue}
    assert all(item["local_ref"].startswith(DESA_CODE + "/") for item in queue)
    with open_app(kecamatan.data_dir) as app:
        imported = app.reports.get_by_client_id(queue[0]["client_id"])
        assert imported.recorded_by == "Operator Desa Way Huwi"
        assert len(imported.content.attachments) == 1
        assert app.blobs.exists(imported.content.attachments[0].sha256)

    by_ref = sorted(queue, key=lambda item: item["local_ref"])
    for item in by_ref[:2]:
        kecamatan.cli("review", "approve", str(item["id"]))
    kecamatan.cli("review", "return", str(by_ref[2]["id"]), "--note", "Lengkapi alamat lokasi kejadian.")
    kecamatan.cli("review", "duplicate", str(by_ref[3]["id"]), "--of", str(by_ref[0]["id"]))

    with running_training_server(tmp_path) as (server, kecamatan_token):
        desa_token = add_token(server.store, "Desa Way Huwi")
        point_at_server(kecamatan, server, kecamatan_token)
        point_at_server(desa, server, desa_token)
        with open_app(kecamatan.data_dir) as app:
            summary = SyncEngine(app).run_once()
        assert (summary.sent, summary.pending) == (2, 0)

        # The desa comes online later: its own outbox must not send what it handed over.
        with open_app(desa.data_dir) as app:
            summary = SyncEngine(app).run_once()
        assert (summary.sent, summary.pending) == (0, 0)
        held = server_client_ids(server)
        assert set(held) == {by_ref[0]["client_id"], by_ref[1]["client_id"]}
        assert max(held.values()) == 1

        sent_ref = by_ref[0]["client_id"]
        with open_app(kecamatan.data_dir) as app:
            tracking = app.reports.get_by_client_id(sent_ref).tracking_id
        set_status(server.store, tracking, "verified")
        with open_app(kecamatan.data_dir) as app:
            assert SyncEngine(app).run_once().updated == 1

        reply = tmp_path / "usb" / "balasan.lpk"
        replied = kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(reply))
        assert replied["reports"] == 4  # 2 sent, 1 returned, 1 duplicate
        applied = desa.cli("paket", "import", str(reply))
        assert (applied["sent"], applied["returned"], applied["duplicates"]) == (2, 1, 1)
        assert desa.cli("paket", "import", str(reply))["imported"] == 0  # a reply twice changes nothing

        with open_app(desa.data_dir) as app:
            sent = app.reports.get_by_client_id(sent_ref)
            assert sent.tracking_id == tracking and sent.remote_status is RemoteStatus.VERIFIED
            returned = app.reports.get_by_client_id(by_ref[2]["client_id"])
            assert returned.state is ReportState.NEEDS_FIX
            assert "Lengkapi alamat lokasi kejadian." in (returned.fix_summary or "")
            duplicate = app.reports.get_by_client_id(by_ref[3]["client_id"])
            assert duplicate.state is ReportState.SENT and duplicate.tracking_id is None

            # The desa fixes the returned report and, now online, sends it itself.
            import dataclasses

            from lapor_desktop.domain import Location

            fixed = dataclasses.replace(
                returned.content,
                location=Location(region_code=DESA_CODE, address="Dusun II RT 03, depan masjid"),
            )
            app.reports.update(returned.id, fixed)
            app.reports.queue(returned.id)
            summary = SyncEngine(app).run_once()
            assert summary.sent == 1

        # The old reply imported again must not send the fixed report back to needs_fix.
        desa.cli("paket", "import", str(reply))
        with open_app(desa.data_dir) as app:
            assert app.reports.get_by_client_id(by_ref[2]["client_id"]).state is ReportState.SENT

        # The kecamatan sends again: nothing new reaches LAPOR!.
        with open_app(kecamatan.data_dir) as app:
            assert SyncEngine(app).run_once().sent == 0
        held = server_client_ids(server)
        assert set(held) == {by_ref[i]["client_id"] for i in (0, 1, 2)}
        assert max(held.values()) == 1  # every client_id exactly once, across both tokens


def test_returned_report_resubmitted_by_paket_goes_back_to_review(offices, tmp_path):
    desa, kecamatan = offices.desa, offices.kecamatan
    [report_id] = queue_reports(desa.data_dir, 1)
    first = tmp_path / "1.lpk"
    desa.cli("paket", "export", "--to", str(first), str(report_id))
    kecamatan.cli("paket", "import", str(first))
    [item] = kecamatan.cli("review", "list")
    kecamatan.cli("review", "return", str(item["id"]), "--note", "Judul kurang jelas.")
    reply = tmp_path / "r.lpk"
    kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(reply))
    desa.cli("paket", "import", str(reply))

    with open_app(desa.data_dir) as app:
        report = app.reports.get(report_id)
        assert report.state is ReportState.NEEDS_FIX
        import dataclasses

        app.reports.update(
            report_id, dataclasses.replace(report.content, title="Jalan Dusun II berlubang besar")
        )
        app.reports.queue(report_id)
    second = tmp_path / "2.lpk"
    desa.cli("paket", "export", "--to", str(second), "--all-queued")
    result = kecamatan.cli("paket", "import", str(second))
    assert (result["imported"], result["resubmitted"], result["already_present"]) == (0, 1, 0)
    [again] = kecamatan.cli("review", "list")
    assert again["id"] == item["id"] and again["title"] == "Jalan Dusun II berlubang besar"
    # The first paket imported late is no step backwards.
    late = kecamatan.cli("paket", "import", str(first))
    assert late["already_present"] == 1
    assert kecamatan.cli("review", "list")[0]["title"] == "Jalan Dusun II berlubang besar"


def test_lost_paket_is_exported_again_with_the_same_handover(offices, tmp_path):
    desa, kecamatan = offices.desa, offices.kecamatan
    ids = queue_reports(desa.data_dir, 2)
    lost = tmp_path / "hilang.lpk"
    desa.cli("paket", "export", "--to", str(lost), "--all-queued")
    lost.unlink()  # the USB stick was lost
    # Nothing is queued any more: --all-queued finds nothing, but the ids can be exported again.
    refused = desa.cli("paket", "export", "--to", str(tmp_path / "x.lpk"), "--all-queued", expect=2)
    assert "Tidak ada laporan" in refused["message"]
    again = tmp_path / "lagi.lpk"
    assert desa.cli("paket", "export", "--to", str(again), *map(str, ids))["reports"] == 2
    assert kecamatan.cli("paket", "import", str(again))["imported"] == 2
    [one, _] = kecamatan.cli("review", "list")
    kecamatan.cli("review", "return", str(one["id"]), "--note", "Foto kurang jelas.")
    reply = tmp_path / "r.lpk"
    kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(reply))
    assert desa.cli("paket", "import", str(reply))["returned"] == 1


def test_report_already_sent_directly_is_not_exported(offices, tmp_path):
    desa = offices.desa
    with running_training_server(tmp_path) as (server, token):
        make_office(desa.data_dir, server.base_url, token, region_code=DESA_CODE)
        save_token(desa.data_dir, token)
        [report_id] = queue_reports(desa.data_dir, 1)
        with open_app(desa.data_dir) as app:
            assert SyncEngine(app).run_once().sent == 1
    error = desa.cli("paket", "export", "--to", str(tmp_path / "p.lpk"), str(report_id), expect=2)
    assert "berstatus 'sent'" in error["message"]
    assert not (tmp_path / "p.lpk").exists()
