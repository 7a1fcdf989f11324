"""Fixtures for the sync client tests: a real training server, a real fault proxy, real clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.client import ApiClient
from sync.training_server import RunningServer
from tests.support.fault_proxy import FaultProxy
from tests.support.training import running_training_server


@pytest.fixture
def training(tmp_path: Path) -> Iterator[tuple[RunningServer, str]]:
    with running_training_server(tmp_path) as pair:
        yield pair


@pytest.fixture
def server(training: tuple[RunningServer, str]) -> RunningServer:
    return training[0]


@pytest.fixture
def token(training: tuple[RunningServer, str]) -> str:
    return training[1]


@pytest.fixture
def client(server: RunningServer, token: str) -> Iterator[ApiClient]:
    with ApiClient(server.base_url, token, connect_timeout=5.0, read_timeout=15.0) as api:
        yield api


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy(server.base_url) as running:
        yield running


@pytest.fixture
def proxied(proxy: FaultProxy, token: str) -> Iterator[ApiClient]:
    """A client that reaches the training server through the fault proxy."""
    with ApiClient(proxy.base_url, token, connect_timeout=5.0, read_timeout=15.0) as api:
        yield api
