"""1.1 report states: on hold with a question, passed on to an agency, the agency's answer, `due_at`."""

from __future__ import annotations

import pytest

from sync.training_server import UnknownReport, add_response, hold_report, pass_on, set_status
from sync.training_server.deadlines import Deadlines
from sync.training_server.reference import DEFAULT_REGION
from tests.support.training import ApiClient

from .conftest import Training
from .test_ts_pull import pull

DEADLINES = Deadlines()


def state(api: ApiClient, tracking_id: str) -> dict:
    response = api.get(f"/v1/reports/{tracking_id}")
    assert response.status_code == 200, response.text
    return response.json()


def due(status: str, since: str) -> str | None:
    return DEADLINES.due_at(status, since, DEFAULT_REGION)


def test_a_new_report_is_due_for_verification_in_three_working_days(
    training: Training, api: ApiClient
) -> None:
    tracking_id = training.send()
    body = state(api, tracking_id)
    assert body["status"] == "pending_verification"
    assert body["agency"] is None
    assert body["due_at"] == due("pending_verification", body["updated_at"])


def test_on_hold_carries_lapors_question(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    cursor = pull(api)["next_cursor"]
    question = hold_report(training.data_dir, tracking_id, "Mohon lampirkan foto lokasi jalan yang rusak.")
    [changed] = pull(api, cursor)["items"]
    assert changed["status"] == "on_hold"
    assert changed["due_at"] is None
    assert changed["responses"][-1] == {
        "id": question.id,
        "at": question.at,
        "author": "Admin SP4N-LAPOR!",
        "author_role": "lapor_admin",
        "text": "Mohon lampirkan foto lokasi jalan yang rusak.",
    }
    with pytest.raises(ValueError):
        hold_report(training.data_dir, tracking_id, "   ")
    with pytest.raises(ValueError):
        set_status(training.data_dir, tracking_id, "on_hold")


def test_passing_on_verifies_and_names_the_agency(training: Training, api: ApiClient) -> None:
    tracking_id = training.send(agency_code="18.01-DPUPR")
    cursor = pull(api)["next_cursor"]
    pass_on(training.data_dir, tracking_id, "18.01-DPUPR", note="Diteruskan ke Dinas PUPR.")
    [changed] = pull(api, cursor)["items"]
    assert changed["status"] == "verified"
    assert changed["agency"] == {
        "code": "18.01-DPUPR",
        "name": "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lampung Selatan",
    }
    assert changed["due_at"] == due("verified", changed["updated_at"])
    assert changed["responses"][-1]["author_role"] == "lapor_admin"
    assert changed["responses"][-1]["text"] == "Diteruskan ke Dinas PUPR."
    # Passing it on again to the same agency changes nothing.
    pass_on(training.data_dir, tracking_id, "18.01-DPUPR")
    assert pull(api, pull(api, cursor)["next_cursor"])["items"] == []
    with pytest.raises(ValueError):
        pass_on(training.data_dir, tracking_id, "DINAS-TIDAK-ADA")
    with pytest.raises(UnknownReport):
        pass_on(training.data_dir, "LPR-2026-999999", "18.01-DPUPR")


def test_lapor_may_pass_it_on_to_another_agency_than_asked(training: Training, api: ApiClient) -> None:
    tracking_id = training.send(agency_code="18.01-DINKES")
    pass_on(training.data_dir, tracking_id, "18.01-RSUD-BOBBAZAR")
    assert state(api, tracking_id)["agency"]["code"] == "18.01-RSUD-BOBBAZAR"


def test_another_agency_gets_its_own_five_working_days(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    pass_on(training.data_dir, tracking_id, "18.01-DINSOS")
    training.backdate(tracking_id, "step_started_at", "2026-01-05T03:00:00Z")
    assert state(api, tracking_id)["due_at"] == "2026-01-12T16:59:59Z"
    pass_on(training.data_dir, tracking_id, "18.01-DPMD")
    body = state(api, tracking_id)
    assert body["status"] == "verified"
    assert body["due_at"] == due("verified", body["updated_at"])


def test_the_agencys_answer_ends_the_deadline(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    pass_on(training.data_dir, tracking_id, "18.01-DISDUKCAPIL")
    answer = add_response(
        training.data_dir,
        tracking_id,
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung Selatan",
        "KTP-el dapat diambil di kantor kecamatan mulai Senin.",
        status="in_progress",
    )
    body = state(api, tracking_id)
    assert body["status"] == "in_progress"
    assert body["due_at"] is None
    assert body["responses"][-1] == answer.wire()
    assert answer.wire()["author_role"] == "agency" and "client_id" not in answer.wire()
    with pytest.raises(ValueError):
        add_response(training.data_dir, tracking_id, "Dinas", "Teks", role="reporter")
    with pytest.raises(ValueError):
        add_response(training.data_dir, tracking_id, "Dinas", "Teks", status="on_hold")


def test_a_status_and_its_response_are_one_change(training: Training, api: ApiClient) -> None:
    tracking_id = training.send()
    cursor = pull(api)["next_cursor"]
    add_response(training.data_dir, tracking_id, "Dinas Sosial", "Sudah didata ulang.", status="completed")
    first = pull(api, cursor)
    assert [item["status"] for item in first["items"]] == ["completed"]
    assert pull(api, first["next_cursor"])["items"] == []
