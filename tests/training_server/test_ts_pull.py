"""`GET /v1/reports?updated_since=&limit=` after changes made on the trainer page."""

from __future__ import annotations

import re
import shutil

import requests

from sync.training_server import add_token, start_in_thread
from tests.support.training import ApiClient, sample_report

from .conftest import Training
from .test_ts_basics import assert_error


class TrainerBrowser:
    """Posts the trainer page's forms the way a browser does: fields read from the HTML."""

    def __init__(self, page_url: str) -> None:
        self.page_url = page_url
        self.session = requests.Session()

    def form(self, path: str, action: str) -> dict[str, str]:
        page = self.session.get(self.page_url + path.lstrip("/"), timeout=10)
        assert page.status_code == 200
        match = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page.text, re.S)
        assert match, f"no form for {action}"
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', match[1]))
        return fields

    def submit(self, path: str, action: str, **values: str) -> requests.Response:
        fields = {**self.form(path, action), **values}
        return self.session.post(
            self.page_url + action.lstrip("/"), data=fields, allow_redirects=False, timeout=10
        )

    def set_status(self, tracking_id: str, status: str) -> None:
        response = self.submit(f"/laporan/{tracking_id}", "/aksi/status", status=status)
        assert response.status_code == 303
        assert response.headers["Location"] == f"/laporan/{tracking_id}"

    def respond(self, tracking_id: str, author: str, text: str) -> requests.Response:
        return self.submit(f"/laporan/{tracking_id}", "/aksi/tanggapan", author=author, text=text)


def pull(api: ApiClient, cursor: str | None = None, limit: int | None = None) -> dict:
    params: dict[str, str | int] = {}
    if cursor is not None:
        params["updated_since"] = cursor
    if limit is not None:
        params["limit"] = limit
    response = api.get("/v1/reports", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["next_cursor"], str) and body["next_cursor"]
    return body


def send(api: ApiClient, count: int) -> list[str]:
    results = api.post("/v1/reports/batch", json={"reports": [sample_report() for _ in range(count)]}).json()
    return [result["receipt"]["tracking_id"] for result in results["results"]]


def test_pull_follows_changes_made_on_the_trainer_page(training: Training, api: ApiClient) -> None:
    first, second, third = send(api, 3)
    start = pull(api)
    assert [item["tracking_id"] for item in start["items"]] == [first, second, third]
    cursor = start["next_cursor"]
    quiet = pull(api, cursor)
    assert quiet["items"] == []
    assert quiet["next_cursor"] == cursor

    browser = TrainerBrowser(training.server.page_url)
    browser.set_status(second, "verified")
    assert (
        browser.respond(first, "Dinas PUPR Kab. Lampung Selatan", "Sudah dijadwalkan perbaikan.").status_code
        == 303
    )
    browser.set_status(second, "in_progress")

    changed = pull(api, cursor)
    # Oldest change first; a report changed twice appears once, at its latest change.
    assert [item["tracking_id"] for item in changed["items"]] == [first, second]
    by_id = {item["tracking_id"]: item for item in changed["items"]}
    assert by_id[second]["status"] == "in_progress"
    assert by_id[second]["responses"] == []
    [response] = by_id[first]["responses"]
    assert response["author"] == "Dinas PUPR Kab. Lampung Selatan"
    assert response["text"] == "Sudah dijadwalkan perbaikan."
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", response["at"])
    assert response["id"]
    assert by_id[first]["updated_at"] == response["at"]
    assert pull(api, changed["next_cursor"])["items"] == []

    state = api.get(f"/v1/reports/{first}").json()
    assert state["responses"] == [response]


def test_unchanged_status_from_the_page_is_not_a_change(training: Training, api: ApiClient) -> None:
    [tracking_id] = send(api, 1)
    cursor = pull(api)["next_cursor"]
    TrainerBrowser(training.server.page_url).set_status(tracking_id, "pending_verification")
    assert pull(api, cursor)["items"] == []


def test_pull_pages_with_limit(api: ApiClient) -> None:
    sent = send(api, 7)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = pull(api, cursor, limit=3)
        if not page["items"]:
            break
        assert len(page["items"]) <= 3
        seen += [item["tracking_id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert seen == sent


def test_pull_shows_only_this_tokens_reports(training: Training, api: ApiClient) -> None:
    mine = send(api, 2)
    other = training.client_for("Desa Seberang")
    theirs = other.post("/v1/reports", json=sample_report()).json()["tracking_id"]
    assert [item["tracking_id"] for item in pull(api)["items"]] == mine
    assert [item["tracking_id"] for item in pull(other)["items"]] == [theirs]
    other.close()


def test_bad_cursor_and_limit_are_bad_request(api: ApiClient) -> None:
    for params in ({"updated_since": "bukan-cursor"}, {"updated_since": "djEuYWJjLnh5eg"}):
        assert_error(api.get("/v1/reports", params=params), 400, "bad_request")
    for limit in ("0", "201", "sepuluh", "-1"):
        assert_error(api.get("/v1/reports", params={"limit": limit}), 400, "bad_request")
    assert api.get("/v1/reports", params={"limit": "200"}).status_code == 200
    assert api.get("/v1/reports", params={"updated_since": ""}).status_code == 200


def test_cursor_from_a_wiped_server_starts_over(tmp_path) -> None:
    data_dir = tmp_path / "ruang"
    token = add_token(data_dir, "Desa A")
    with start_in_thread(data_dir) as server:
        api = ApiClient(server.base_url, token)
        send(api, 3)
        old_cursor = pull(api)["next_cursor"]
    shutil.rmtree(data_dir)
    token = add_token(data_dir, "Desa A")
    with start_in_thread(data_dir) as server:
        api = ApiClient(server.base_url, token)
        fresh = send(api, 1)
        assert [item["tracking_id"] for item in pull(api, old_cursor)["items"]] == fresh
