"""Words the trainer page and the API's messages use for statuses and authors.

The core's table (`lapor_desktop.labels`) names the statuses of contract 1.0;
`on_hold` (1.1) is named here until the core's table has it, and the core's
wording wins as soon as it does.
"""

from __future__ import annotations

from lapor_desktop.labels import CLASSIFICATION_LABELS, REMOTE_STATUS_LABELS

from .store import STATUSES

STATUS_LABELS = {"on_hold": "Ditunda", **REMOTE_STATUS_LABELS}
ROLE_LABELS = {"lapor_admin": "LAPOR!", "agency": "Instansi", "reporter": "Pelapor"}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def classification_label(value: str) -> str:
    return CLASSIFICATION_LABELS.get(value, value)


def status_choices() -> list[tuple[str, str]]:
    return [(status, status_label(status)) for status in STATUSES]
