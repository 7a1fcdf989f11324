from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync.training_server import RunningServer, add_token
from tests.support.training import ApiClient, running_training_server, sample_report


@dataclass
class Training:
    server: RunningServer
    token: str
    api: ApiClient

    @property
    def data_dir(self) -> Path:
        return self.server.data_dir

    def client_for(self, office: str) -> ApiClient:
        """An API client with a fresh token for another office."""
        return ApiClient(self.server.base_url, add_token(self.data_dir, office))

    def send(self, **overrides: object) -> str:
        """Send one report with this office's token; its tracking id."""
        response = self.api.post("/v1/reports", json=sample_report(**overrides))
        assert response.status_code == 201, response.text
        return response.json()["tracking_id"]

    def backdate(self, tracking_id: str, column: str, stamp: str) -> None:
        """Set when a report reached its status (`status_at`) or began its step (`step_started_at`).

        Test set-up for "completed three weeks ago": the store is a real SQLite file.
        """
        assert column in ("status_at", "step_started_at")
        with sqlite3.connect(self.data_dir / "training.sqlite3") as conn:
            conn.execute(f"UPDATE reports SET {column} = ? WHERE tracking_id = ?", (stamp, tracking_id))


@pytest.fixture
def training(tmp_path: Path) -> Iterator[Training]:
    with running_training_server(tmp_path) as (server, token):
        api = ApiClient(server.base_url, token)
        yield Training(server, token, api)
        api.close()


@pytest.fixture
def api(training: Training) -> ApiClient:
    return training.api
