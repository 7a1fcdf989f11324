"""The trainer page as LAPOR! and the agency: hold, pass on, answer, see the trainee's reply arrive."""

from __future__ import annotations

import json
import re

import requests

from sync.training_server import add_response, hold_report, pass_on, set_status
from tests.support.training import ApiClient, sample_reply, sample_report

from .conftest import Training
from .test_ts_pull import TrainerBrowser

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def page(training: Training, path: str = "") -> str:
    response = requests.get(training.server.page_url + path.lstrip("/"), timeout=10)
    assert response.status_code == 200, response.text
    return response.text


def state(api: ApiClient, tracking_id: str) -> dict:
    return api.get(f"/v1/reports/{tracking_id}").json()


def test_hold_with_a_question_from_the_page(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    browser = TrainerBrowser(training.server.page_url)
    question = "Mohon kirim foto lokasi dan sebutkan RT tempat jalan rusak."
    response = browser.submit(f"/laporan/{tracking_id}", "/aksi/tunda", question=question)
    assert response.status_code == 303
    body = state(api, tracking_id)
    assert body["status"] == "on_hold"
    assert body["responses"][-1]["author_role"] == "lapor_admin"
    assert body["responses"][-1]["text"] == question
    detail = page(training, f"laporan/{tracking_id}")
    assert "Ditunda" in detail and question in detail
    empty = browser.submit(f"/laporan/{tracking_id}", "/aksi/tunda", question="  ")
    assert empty.status_code == 400 and "pertanyaan" in empty.text


def test_pass_on_from_the_page_offers_the_requested_agency(training: Training, api: ApiClient) -> None:
    tracking_id = training.send(agency_code="18.01-DINKES")
    browser = TrainerBrowser(training.server.page_url)
    detail = page(training, f"laporan/{tracking_id}")
    assert "Dinas Kesehatan Kabupaten Lampung Selatan" in detail
    assert re.search(r'<option value="18\.01-DINKES" selected>', detail)
    response = browser.submit(
        f"/laporan/{tracking_id}", "/aksi/teruskan", agency_code="18.01-DINKES", note=""
    )
    assert response.status_code == 303
    body = state(api, tracking_id)
    assert body["status"] == "verified"
    assert body["agency"] == {"code": "18.01-DINKES", "name": "Dinas Kesehatan Kabupaten Lampung Selatan"}
    assert body["responses"] == []
    refused = browser.submit(f"/laporan/{tracking_id}", "/aksi/teruskan", agency_code="DINAS-KULINER")
    assert refused.status_code == 400 and "instansi" in refused.text


def test_answer_as_the_agency_and_move_the_status(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    pass_on(training.data_dir, tracking_id, "18.01-DPUPR")
    browser = TrainerBrowser(training.server.page_url)
    detail = page(training, f"laporan/{tracking_id}")
    # The answer form is filled with the agency handling the report.
    assert 'value="Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lampung Selatan"' in detail
    response = browser.submit(
        f"/laporan/{tracking_id}",
        "/aksi/tanggapan",
        author="Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lampung Selatan",
        text="Perbaikan dijadwalkan minggu depan.",
        status="in_progress",
    )
    assert response.status_code == 303
    body = state(api, tracking_id)
    assert body["status"] == "in_progress"
    assert body["responses"][-1]["author_role"] == "agency"
    bad = browser.submit(
        f"/laporan/{tracking_id}", "/aksi/tanggapan", author="X", text="Y", status="archived"
    )
    assert bad.status_code == 400


def test_the_status_form_does_not_hold_without_a_question(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    browser = TrainerBrowser(training.server.page_url)
    response = browser.submit(f"/laporan/{tracking_id}", "/aksi/status", status="on_hold")
    assert response.status_code == 400 and "Tunda" in response.text
    assert state(api, tracking_id)["status"] == "pending_verification"
    for value, label in (("rejected", "Tidak dapat diproses"), ("archived", "Diarsipkan")):
        assert f'<option value="{value}"' in response.text and label in response.text
    assert '<option value="on_hold"' not in response.text


def test_the_trainer_sees_the_trainees_reply_arrive(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    hold_report(training.data_dir, tracking_id, "Di RT berapa jalan yang rusak?")
    detail = page(training, f"laporan/{tracking_id}")
    fragment_path = f"fragmen/laporan/{tracking_id}"
    assert f'data-segarkan="/{fragment_path}"' in detail
    before = page(training, fragment_path)
    assert "Ditunda" in before and "RT 03, depan masjid" not in before

    body = sample_reply(text="RT 03, depan masjid Al-Ikhlas.")
    assert api.post(f"/v1/reports/{tracking_id}/replies", json=body).status_code == 201
    after = page(training, fragment_path)
    assert "RT 03, depan masjid Al-Ikhlas." in after
    assert "peran-reporter" in after and "Siti Aminah" in after
    assert "Belum terverifikasi" in after
    # The question, then the reply, then the status it brought back.
    assert (
        after.index("Di RT berapa") < after.index("RT 03, depan masjid") < after.rindex("Belum terverifikasi")
    )
    # The list marks the report whose reporter answered last.
    listing = page(training, "fragmen/laporan")
    assert re.search(rf"<tr class=baru>.*?{re.escape(tracking_id)}.*?Tanggapan pelapor", listing, re.S)


def test_the_conversation_reads_in_the_order_it_happened(training: Training, api: ApiClient) -> None:
    # All within a second or two: the order comes from the store, not from the clock.
    tracking_id = training.send()
    hold_report(training.data_dir, tracking_id, "Pertanyaan-satu")
    api.post(f"/v1/reports/{tracking_id}/replies", json=sample_reply(text="Jawaban-pelapor"))
    pass_on(training.data_dir, tracking_id, "18.01-DPUPR", note="Catatan-disposisi")
    add_response(training.data_dir, tracking_id, "Dinas PUPR", "Jawaban-instansi", status="in_progress")
    text = page(training, f"fragmen/laporan/{tracking_id}")
    markers = [
        "status menjadi <strong>Belum terverifikasi",
        "Pertanyaan-satu",
        "status menjadi <strong>Ditunda",
        "Jawaban-pelapor",
        "status menjadi <strong>Belum terverifikasi",
        "Catatan-disposisi",
        "status menjadi <strong>Terverifikasi",
        "Jawaban-instansi",
        "status menjadi <strong>Sedang ditindaklanjuti",
    ]
    position = 0
    for marker in markers:
        found = text.find(marker, position)
        assert found >= 0, marker
        position = found + 1


def test_a_reply_to_a_completed_report_prompts_the_trainer(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    add_response(training.data_dir, tracking_id, "Dinas PUPR", "Sudah ditambal.", status="completed")
    api.post(f"/v1/reports/{tracking_id}/replies", json=sample_reply(text="Tambalan lepas lagi."))
    assert "Pelapor menanggapi laporan yang sudah selesai" in page(training, f"fragmen/laporan/{tracking_id}")
    TrainerBrowser(training.server.page_url).set_status(tracking_id, "in_progress")
    assert state(api, tracking_id)["status"] == "in_progress"


def test_reply_attachments_are_listed(training: Training, api: ApiClient) -> None:
    import hashlib

    tracking_id = training.send()
    data = b"%PDF-1.4 surat keterangan RT"
    sha = hashlib.sha256(data).hexdigest()
    api.request("PUT", f"/v1/attachments/{sha}", data=data, headers={"Content-Type": "application/pdf"})
    ref = {"sha256": sha, "filename": "surat-rt.pdf", "content_type": "application/pdf"}
    api.post(f"/v1/reports/{tracking_id}/replies", json=sample_reply(attachments=[ref]))
    text = page(training, f"fragmen/laporan/{tracking_id}")
    assert "surat-rt.pdf" in text and sha[:12] in text


def test_times_are_human_and_in_the_kabupatens_zone(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    pass_on(training.data_dir, tracking_id, "18.01-BPBD")
    api.post(f"/v1/reports/{tracking_id}/replies", json=sample_reply())
    for path in ("", "fragmen/laporan", f"laporan/{tracking_id}", f"fragmen/laporan/{tracking_id}"):
        text = page(training, path)
        assert not ISO_STAMP.search(text), path
        assert re.search(
            r"\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}, \d{2}\.\d{2} WIB", text
        )
    detail = page(training, f"laporan/{tracking_id}")
    # The report's own times: recorded 28 Nov 2026 03:15 UTC is 10.15 WIB; the incident date in words.
    assert "28 Nov 2026, 10.15 WIB" in detail and "<td>20 Nov 2026</td>" in detail
    assert re.search(
        r"(Senin|Selasa|Rabu|Kamis|Jumat), \d{1,2} \w{3} \d{4} \((sisa \d hari kerja|hari ini terakhir)\)",
        detail,
    )


def test_no_raw_client_id_on_the_page(training: Training, api: ApiClient) -> None:
    report = sample_report()
    tracking_id = api.post("/v1/reports", json=report).json()["tracking_id"]
    detail = page(training, f"laporan/{tracking_id}")
    assert "client_id" not in detail and report["client_id"] not in detail


def test_everything_from_trainees_and_lists_is_escaped(training: Training) -> None:
    agencies = {
        "items": [{"code": "X<1>", "name": "Dinas " + XSS}, {"code": "DINSOS", "name": "Dinas Sosial"}]
    }
    (training.data_dir / "agencies.json").write_text(json.dumps(agencies), encoding="utf-8")
    categories = {
        "items": [
            {"code": "induk", "name": "Induk " + XSS},
            {"code": "daun", "name": "Daun " + XSS, "parent_code": "induk"},
        ]
    }
    (training.data_dir / "categories.json").write_text(json.dumps(categories), encoding="utf-8")
    office = training.client_for("Desa " + XSS)
    receipt = office.post(
        "/v1/reports",
        json=sample_report(category_code="daun", agency_code="X<1>", title="Judul " + XSS, recorded_by=XSS),
    ).json()
    tracking_id = receipt["tracking_id"]
    hold_report(training.data_dir, tracking_id, "Pertanyaan " + XSS)
    office.post(
        f"/v1/reports/{tracking_id}/replies",
        json=sample_reply(
            text="Jawaban " + XSS,
            attachments=[],
        ),
    )
    pass_on(training.data_dir, tracking_id, "X<1>", note="Catatan " + XSS)
    set_status(training.data_dir, tracking_id, "in_progress")
    for path in ("", "fragmen/laporan", f"laporan/{tracking_id}", f"fragmen/laporan/{tracking_id}"):
        text = page(training, path)
        assert "<script>alert" not in text and "<img src=x" not in text, path
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text, path
    assert 'value="X&lt;1&gt;"' in page(training, f"laporan/{tracking_id}")
    office.close()
