"""The kecamatan's review page on real data dirs: import a desa's paket, decide, reply."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.app import open_app, prepare_data_dir
from lapor_desktop.domain import ReportState
from tests.kecamatan.conftest import DESA_CODE, KECAMATAN_CODE, make_cli_office, queue_reports


@pytest.fixture
def kecamatan_page(qapp, tmp_path, capsys) -> Iterator[tuple[object, object, object]]:
    from ui.review_page import ReviewPage
    from ui.services import Services

    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    desa.trust(kecamatan)
    kecamatan.trust(desa)
    services = Services(kecamatan.data_dir, prepare_data_dir(kecamatan.data_dir), inline=True)
    page = ReviewPage(services)
    yield page, desa, kecamatan
    services.close()


def test_review_page_imports_and_decides(kecamatan_page, tmp_path):
    page, desa, kecamatan = kecamatan_page
    page.refresh()
    assert page.desa_list.count() == 1 and "0 menunggu" in page.desa_list.item(0).text()
    assert not page.approve_button.isEnabled()

    queue_reports(desa.data_dir, 3, photo_dir=tmp_path)
    paket = tmp_path / "paket.lpk"
    desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    page.actions.import_file(paket)
    text, error = page.actions.last_message
    assert not error and "3 laporan baru" in text
    assert "3 menunggu" in page.desa_list.item(0).text()
    assert page.table.rowCount() == 3 and page.approve_button.isEnabled()
    assert page.table.item(0, 0).text().startswith(DESA_CODE + "/")

    first = page.selected_item()
    page.approve_selected()
    assert page.table.rowCount() == 2
    page.table.selectRow(0)
    second = page.selected_item()
    page.return_selected("")  # a return needs a note
    assert page.actions.last_message[1] and "catatan" in page.actions.last_message[0]
    page.return_selected("Tambahkan foto lokasi.")
    page.table.selectRow(0)
    page.mark_selected_duplicate(first.report_id)
    assert page.table.rowCount() == 0 and "0 menunggu" in page.desa_list.item(0).text()

    with open_app(kecamatan.data_dir) as app:
        assert app.reports.get(first.report_id).state is ReportState.QUEUED
        assert app.reports.get(second.report_id).state is ReportState.DRAFT

    reply = tmp_path / "balasan.lpk"
    page.actions.export_reply(DESA_CODE, reply)
    assert reply.exists() and "2 jawaban" in page.actions.last_message[0]
    applied = desa.cli("paket", "import", str(reply))
    assert (applied["returned"], applied["duplicates"]) == (1, 1)


def test_review_page_reports_a_refused_paket(kecamatan_page, tmp_path):
    page, _desa, _kecamatan = kecamatan_page
    page.refresh()
    junk = tmp_path / "bukan.lpk"
    junk.write_bytes(b"bukan paket sama sekali")
    page.actions.import_file(junk)
    text, error = page.actions.last_message
    assert error and "bukan paket" in text


def test_desa_hands_over_its_queue_from_the_window(qapp, tmp_path, capsys):
    from ui.paket_dialogs import PaketActions
    from ui.services import Services

    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    services = Services(desa.data_dir, prepare_data_dir(desa.data_dir), inline=True)
    try:
        actions = PaketActions(services)
        profile = tmp_path / "profil-desa.txt"
        actions.save_profile(profile)
        assert "Sidik kunci" in actions.last_message[0] and profile.exists()
        actions.export_queued(tmp_path / "kosong.lapor")  # the kecamatan is not known yet
        text, error = actions.last_message
        assert error and "belum dikenal" in text
        # Window words for the window: what to click, not which command to type.
        assert "office trust" not in text and "public-key" not in text and "`" not in text
        assert "Pengaturan" in text and "Percayai kantor lain" in text
        actions.trust_file(kecamatan.identity_file())
        assert "Kecamatan Jati Agung (18.01.01) kini dikenal" in actions.last_message[0]
        ids = queue_reports(desa.data_dir, 2)
        actions.export_queued(tmp_path / "paket.lpk")
        text, error = actions.last_message
        assert not error and "2 laporan" in text and "Kecamatan Jati Agung" in text
        with open_app(desa.data_dir) as app:
            assert {app.reports.get(i).state for i in ids} == {ReportState.SENT}
    finally:
        services.close()


def test_the_camat_reads_a_report_in_full_before_deciding(qtbot, tmp_path, capsys):
    from ui.main_window import MainWindow
    from ui.navigation import Place
    from ui.services import Services

    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    desa.trust(kecamatan)
    kecamatan.trust(desa)
    queue_reports(desa.data_dir, 2, photo_dir=tmp_path)
    paket = tmp_path / "paket.lpk"
    desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    services = Services(kecamatan.data_dir, prepare_data_dir(kecamatan.data_dir), inline=True)
    try:
        window = MainWindow(services, auto_sync_ms=None)
        qtbot.addWidget(window)
        window.go_to(Place.REVIEW)
        review = window.pages.currentWidget()
        review.actions.import_file(paket)
        assert review.table.rowCount() == 2
        item = review.selected_item()

        qtbot.mouseClick(review.open_button, Qt.MouseButton.LeftButton)
        detail = window.detail_page()
        assert window.pages.currentWidget() is detail
        assert window.navigation.current_place() is Place.REVIEW
        assert detail.report().id == item.report_id
        assert detail.heading.text() == f"Laporan {item.local_ref}"
        assert len(detail.attachment_tiles) == 1  # the desa's photo came with the paket
        assert not detail.review_note.isHidden()
        assert detail.state_chip.text() == "Menunggu tinjauan"
        assert detail.edit_button.isHidden() and not detail.fix_button.isEnabled()  # decided, not edited

        detail.back_requested.emit()
        assert window.pages.currentWidget() is review
        assert review.table.rowCount() == 2

        window.go_to(Place.ALL)  # from the list too: the core says it awaits review, so no editing
        window.open_report(item.report_id)
        assert not detail.review_note.isHidden() and detail.edit_button.isHidden()

        review.table.selectRow(0)
        review.return_selected("Tambahkan foto lokasi.")
        window.open_report(item.report_id)
        assert "dikembalikan ke desa" in detail.review_note.text()
        assert detail.state_chip.text() == "Dikembalikan"  # not "Draf" (issue 12)
        second = review.selected_item()
        review.approve_selected()
        window.open_report(second.report_id)
        assert detail.review_note.isHidden()  # approved: the kecamatan's own to send now
        assert detail.state_chip.text() == "Menunggu dikirim"
    finally:
        services.close()


def test_a_returned_report_shows_as_returned_in_both_offices_lists(qapp, tmp_path, capsys):
    from ui.report_table_model import COL_STATE
    from ui.reports_page import ListKind, ReportsPage
    from ui.services import Services

    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    desa.trust(kecamatan)
    kecamatan.trust(desa)
    queue_reports(desa.data_dir, 3)
    paket = tmp_path / "paket.lapor"
    desa.cli("paket", "export", "--to", str(paket), "--all-queued")
    kecamatan.cli("paket", "import", str(paket))
    queue = kecamatan.cli("review", "list")
    ids = sorted(item["id"] for item in queue)
    kecamatan.cli("review", "return", str(ids[0]), "--note", "Lengkapi alamat lokasi kejadian.")
    kecamatan.cli("review", "duplicate", str(ids[1]), "--of", str(ids[2]))

    def states(data_dir):  # type: ignore[no-untyped-def]
        services = Services(data_dir, prepare_data_dir(data_dir), inline=True)
        try:
            page = ReportsPage(services, ListKind.ALL)
            model = page.model
            shown = {
                model.report_id(r): model.data(model.index(r, COL_STATE)) for r in range(model.rowCount())
            }
            page.deleteLater()
            return shown
        finally:
            services.close()

    at_kecamatan = states(kecamatan.data_dir)
    assert at_kecamatan == {
        ids[0]: "Dikembalikan",
        ids[1]: "Duplikat",
        ids[2]: "Menunggu tinjauan",
    }
    from lapor_desktop.kecamatan.dashboard import STATUS_LABELS, load_dashboard

    by_status = {STATUS_LABELS.get(s, s): n for s, n in load_dashboard(kecamatan.db_path).by_status}
    assert by_status == {"Menunggu tinjauan": 1, "Dikembalikan": 1, "Duplikat": 1}  # no "Draf"
    reply = tmp_path / "balasan.lapor"
    kecamatan.cli("paket", "reply", "--desa", DESA_CODE, "--to", str(reply))
    desa.cli("paket", "import", str(reply))
    assert "Dikembalikan" in states(desa.data_dir).values()
