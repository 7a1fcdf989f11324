from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync.training_server import RunningServer, add_token
from tests.support.training import ApiClient, running_training_server


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


@pytest.fixture
def training(tmp_path: Path) -> Iterator[Training]:
    with running_training_server(tmp_path) as (server, token):
        api = ApiClient(server.base_url, token)
        yield Training(server, token, api)
        api.close()


@pytest.fixture
def api(training: Training) -> ApiClient:
    return training.api
