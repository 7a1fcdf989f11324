"""Ping, authentication, routing and the error shape."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import requests

from sync.training_server import set_token_enabled
from tests.support.training import ApiClient, sample_report

from .conftest import Training

RFC3339_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
PROTECTED = [
    ("GET", "/v1/categories"),
    ("GET", "/v1/agencies"),
    ("POST", "/v1/reports/LPR-2026-000001/replies"),
    ("GET", "/v1/reports"),
    ("POST", "/v1/reports"),
    ("POST", "/v1/reports/batch"),
    ("GET", "/v1/reports/LPR-2026-000001"),
    ("PUT", "/v1/attachments/" + "a" * 64),
]


def assert_error(response: requests.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    return error


def test_ping_needs_no_token_and_names_the_service(training: Training) -> None:
    response = requests.get(training.server.base_url + "/v1/ping", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["service"] == "lapor-api"
    assert body["api_version"] == "1.1"
    assert RFC3339_Z.match(body["server_time"])
    server_time = dt.datetime.fromisoformat(body["server_time"].replace("Z", "+00:00"))
    assert abs(server_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_base_url_has_the_api_prefix(training: Training) -> None:
    assert training.server.base_url.endswith("/api")
    assert training.server.base_url.startswith("http://127.0.0.1:")
    assert requests.get(training.server.page_url + "v1/ping", timeout=10).status_code == 404


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer "])
def test_every_endpoint_but_ping_needs_a_known_token(
    training: Training, method: str, path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = requests.request(
        method, training.server.base_url + path, headers=headers, json=sample_report(), timeout=10
    )
    assert_error(response, 401, "invalid_token")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_head_attachment_needs_a_token(training: Training) -> None:
    response = requests.head(training.server.base_url + "/v1/attachments/" + "a" * 64, timeout=10)
    assert response.status_code == 401


def test_disabled_token_is_forbidden_until_enabled_again(training: Training, api: ApiClient) -> None:
    set_token_enabled(training.data_dir, training.token, False)
    error = assert_error(api.get("/v1/categories"), 403, "forbidden")
    assert "Desa Sukamaju" in error["message"]
    assert api.get("/v1/ping").status_code == 200
    set_token_enabled(training.data_dir, training.token, True)
    assert api.get("/v1/categories").status_code == 200


def test_unknown_path_is_not_found(api: ApiClient) -> None:
    assert_error(api.get("/v1/nothing-here"), 404, "not_found")
    assert_error(api.get("/v2/ping"), 404, "not_found")


def test_wrong_method_gets_the_error_shape_and_allow(api: ApiClient) -> None:
    response = api.request("DELETE", "/v1/reports")
    assert_error(response, 405, "bad_request")
    assert set(response.headers["Allow"].split(", ")) == {"GET", "POST"}
    assert_error(api.get("/v1/reports/batch"), 405, "bad_request")
    replies = api.get("/v1/reports/LPR-2026-000001/replies")
    assert_error(replies, 405, "bad_request")
    assert replies.headers["Allow"] == "POST"
    assert_error(api.post("/v1/agencies", json={}), 405, "bad_request")
