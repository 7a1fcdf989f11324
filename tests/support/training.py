"""Running the project's training server in tests: a real HTTP server on 127.0.0.1.

Other suites (the sync client, the outbox) use this to test against the
contract end to end:

    from tests.support.training import running_training_server, sample_report

    def test_send(tmp_path):
        with running_training_server(tmp_path) as (server, token):
            ...  # point the client at server.base_url with token
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from sync.training_server import RunningServer, add_token, start_in_thread


@contextmanager
def running_training_server(
    base_dir: Path, *, office: str = "Desa Sukamaju", delay_s: float = 0.0
) -> Iterator[tuple[RunningServer, str]]:
    """A training server on a free port with its data in `base_dir/training-server`.

    Yields the server (`.base_url` ends in `/api`) and a token issued to `office`.
    """
    data_dir = Path(base_dir) / "training-server"
    token = add_token(data_dir, office)
    with start_in_thread(data_dir, delay_s=delay_s) as server:
        yield server, token


def sample_report(**overrides: Any) -> dict[str, Any]:
    """A `ReportIn` that the server accepts, with a fresh client_id."""
    report: dict[str, Any] = {
        "client_id": str(uuid.uuid4()),
        "classification": "complaint",
        "title": "Jalan desa rusak berlubang",
        "body": "Jalan utama Dusun II rusak dan berlubang sejak musim hujan, membahayakan pengendara.",
        "category_code": "infrastruktur",
        "incident_date": "2026-11-20",
        "location": {"region_code": "18.01.01.2001", "address": "Dusun II, RT 03"},
        "reporter": {"name": "Siti Aminah", "nik": "1801014501900001", "phone": "081234567890"},
        "anonymous": False,
        "confidential": False,
        "recorded_at": "2026-11-28T03:15:00Z",
        "recorded_by": "Sekretaris Desa",
        "attachments": [],
    }
    report.update(overrides)
    return report


def sample_reply(**overrides: Any) -> dict[str, Any]:
    """A `ReplyIn` (contract 1.1) that the server accepts, with a fresh client_id."""
    reply: dict[str, Any] = {
        "client_id": str(uuid.uuid4()),
        "text": "Jalan di Dusun II masih rusak, lubangnya bertambah besar setelah hujan kemarin.",
        "recorded_at": "2026-11-30T02:10:00Z",
        "recorded_by": "Sekretaris Desa",
    }
    reply.update(overrides)
    return reply


@dataclass
class ApiClient:
    """Bare HTTP access to the training API with one keep-alive session."""

    base_url: str
    token: str | None
    session: requests.Session = field(default_factory=requests.Session)

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra or {})
        return headers

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = self.headers(kwargs.pop("headers", None))
        return self.session.request(method, self.base_url + path, headers=headers, timeout=30, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def close(self) -> None:
        self.session.close()
