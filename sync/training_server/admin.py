"""Trainer actions from Python (the CLI, tests, scripts), on a data dir or an open store.

With a data dir, each call opens the store, acts and closes it; this works
while the server runs (SQLite in WAL mode takes writers from several
processes), and the trainer page and the API see the change at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .faults import DEFAULT_RETRY_AFTER, set_fault
from .reference import agency_source
from .store import LAPOR_ADMIN, Store, StoredResponse, Token

StoreOrDir = Store | Path | str


@contextmanager
def _opened(target: StoreOrDir) -> Iterator[Store]:
    if isinstance(target, Store):
        yield target
    else:
        with Store(Path(target)) as store:
            yield store


def add_token(target: StoreOrDir, name: str) -> str:
    """Issue a trainee token for the office `name`; returns the token."""
    with _opened(target) as store:
        return store.add_token(name).token


def list_tokens(target: StoreOrDir) -> list[Token]:
    with _opened(target) as store:
        return store.list_tokens()


def set_token_enabled(target: StoreOrDir, token: str, enabled: bool) -> None:
    """Disable (API answers 403 forbidden) or re-enable a token."""
    with _opened(target) as store:
        found = store.find_token(token)
        if found is None:
            raise LookupError("Token tidak ditemukan.")
        store.set_token_enabled(found.id, enabled)


def set_status(target: StoreOrDir, tracking_id: str, status: str) -> bool:
    """Move a report to `status`; False when it already had it.

    Raises `UnknownReport` for an unknown tracking id, ValueError for an unknown
    status and for `on_hold` (use `hold_report`, which asks the reporter something).
    """
    with _opened(target) as store:
        return store.set_status(tracking_id, status)


def add_response(
    target: StoreOrDir,
    tracking_id: str,
    author: str,
    text: str,
    *,
    role: str = "agency",
    status: str | None = None,
) -> StoredResponse:
    """A response from the agency (or, with role "lapor_admin", from LAPOR!), optionally moving the status."""
    with _opened(target) as store:
        return store.add_response(tracking_id, author, text, role, status)


def hold_report(
    target: StoreOrDir, tracking_id: str, question: str, author: str = LAPOR_ADMIN
) -> StoredResponse:
    """Put a report on hold (ditunda) with LAPOR!'s question for the reporter."""
    with _opened(target) as store:
        return store.hold(tracking_id, question, author)


def pass_on(target: StoreOrDir, tracking_id: str, agency_code: str, note: str = "") -> None:
    """Pass a report on to an agency of the served list (verifying it when it was not yet)."""
    with _opened(target) as store:
        agency = agency_source(store.data_dir).current().find(agency_code)
        if agency is None:
            raise ValueError(f"Instansi '{agency_code}' tidak ada di daftar instansi.")
        store.pass_on(tracking_id, agency["code"], agency["name"], note)


def simulate_fault(target: StoreOrDir, mode: str, retry_after: int = DEFAULT_RETRY_AFTER) -> None:
    """Make the API (all but ping) answer 429/503/500; mode "normal" ends it."""
    with _opened(target) as store:
        set_fault(store, mode, retry_after)
