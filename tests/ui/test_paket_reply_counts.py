"""The paket dialogs' messages count the reporter's replies, at both offices (real data dirs, the
training server on 127.0.0.1, real widgets)."""

from __future__ import annotations

from lapor_desktop.app import open_app, prepare_data_dir
from sync.engine import SyncEngine
from sync.training_server import set_status
from tests.kecamatan.conftest import DESA_CODE, KECAMATAN_CODE, Offices, make_cli_office
from tests.kecamatan.test_paket_replies import ANSWER, LATE, hand_over_and_send
from tests.support.training import running_training_server


def actions_for(office):  # type: ignore[no-untyped-def]
    from ui.paket_dialogs import PaketActions
    from ui.services import Services

    services = Services(office.data_dir, prepare_data_dir(office.data_dir), inline=True)
    return services, PaketActions(services)


def test_paket_messages_count_the_replies(qapp, tmp_path, capsys):
    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    desa.trust(kecamatan)
    kecamatan.trust(desa)
    offices = Offices(desa, kecamatan, tmp_path)
    with running_training_server(tmp_path) as (server, token):
        kecamatan.cli("server", "set", server.base_url, "--token", token)
        first, second = hand_over_and_send(offices, tmp_path, server, 2)
        with open_app(desa.data_dir) as app:
            app.replies.record(first, ANSWER)
            app.replies.record(second, LATE)
            tracking_second = app.reports.get(second).tracking_id

        desa_services, at_desa = actions_for(desa)
        kecamatan_services, at_kecamatan = actions_for(kecamatan)
        try:
            paket = tmp_path / "tanggapan.lpk"
            at_desa.export_queued(paket)
            text, error = at_desa.last_message
            assert not error and "0 laporan dan 2 tanggapan pelapor" in text

            at_kecamatan.import_file(paket)
            text, error = at_kecamatan.last_message
            assert not error and "Tanggapan pelapor: 2 baru" in text and "0 sudah ada" in text

            set_status(server.store, tracking_second, "rejected")
            with open_app(kecamatan.data_dir) as app:
                summary = SyncEngine(app).run_once()
            assert (summary.replies_sent, summary.replies_refused) == (1, 1)

            answer = tmp_path / "balasan.lpk"
            at_kecamatan.export_reply(DESA_CODE, answer)
            text, error = at_kecamatan.last_message
            assert not error and "2 kabar tanggapan pelapor" in text

            at_desa.import_file(answer)
            text, error = at_desa.last_message
            assert not error and "Tanggapan pelapor: 1 terkirim ke LAPOR!, 1 ditolak" in text
        finally:
            desa_services.close()
            kecamatan_services.close()
