"""The core's label table (`lapor_desktop.labels`) in the interface language.

Each text is looked up at call time in the Qt translation under the context
``labels`` (so a translator installed after import is honoured). Pass
``translated=False`` for documents that must stay in Bahasa Indonesia whatever
the interface language (the citizen's receipt).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from lapor_desktop import labels as core
from lapor_desktop.domain import (
    Channel,
    Classification,
    RemoteStatus,
    ReplyState,
    ReportState,
    ResponseRole,
    ReviewState,
)
from lapor_desktop.offices.settings import Paper
from lapor_desktop.penduduk.kinds import DateSource, SkipReason

E = TypeVar("E", bound=StrEnum)


def _translate(source: str) -> str:
    return QCoreApplication.translate(core.TRANSLATION_CONTEXT, source)


def _text(source: str, translated: bool) -> str:
    return _translate(source) if translated else source


def _table(table: dict[E, str], translated: bool) -> dict[E, str]:
    return {key: _text(value, translated) for key, value in table.items()}


def classification_labels(*, translated: bool = True) -> dict[Classification, str]:
    return _table(core.CLASSIFICATION_LABELS, translated)


def classification_explanations(*, translated: bool = True) -> dict[Classification, str]:
    return _table(core.CLASSIFICATION_EXPLANATIONS, translated)


def channel_labels(*, translated: bool = True) -> dict[Channel, str]:
    return _table(core.CHANNEL_LABELS, translated)


def _lookup(table: dict[E, str], enum: type[E], value: object, translated: bool) -> str:
    if value is None or value == "":
        return ""
    try:
        return _text(table[enum(value)], translated)
    except ValueError:
        # A value a newer server knows and this app does not: show it rather than hide it.
        return str(value)


def classification_label(value: Classification | str | None, *, translated: bool = True) -> str:
    if value is None or value == "":
        return _text(core.NOT_CHOSEN, translated)
    return _lookup(core.CLASSIFICATION_LABELS, Classification, value, translated)


def channel_label(value: Channel | str | None, *, translated: bool = True) -> str:
    return _lookup(core.CHANNEL_LABELS, Channel, value, translated)


def state_label(value: ReportState | str | None, *, translated: bool = True) -> str:
    return _lookup(core.STATE_LABELS, ReportState, value, translated)


def remote_status_label(value: RemoteStatus | str | None, *, translated: bool = True) -> str:
    return _lookup(core.REMOTE_STATUS_LABELS, RemoteStatus, value, translated)


def reply_state_label(value: ReplyState | str | None, *, translated: bool = True) -> str:
    return _lookup(core.REPLY_STATE_LABELS, ReplyState, value, translated)


def response_role_label(value: ResponseRole | str | None, *, translated: bool = True) -> str:
    return _lookup(core.RESPONSE_ROLE_LABELS, ResponseRole, value, translated)


def paper_label(value: Paper | str, *, translated: bool = True) -> str:
    return _lookup(core.PAPER_LABELS, Paper, value, translated)


def skip_reason_labels(*, translated: bool = True) -> dict[SkipReason, str]:
    return _table(core.SKIP_REASON_LABELS, translated)


def date_source_label(value: DateSource | str, *, translated: bool = True) -> str:
    return _lookup(core.DATE_SOURCE_LABELS, DateSource, value, translated)


def field_label(path: str, *, translated: bool = True) -> str:
    """``reporter.nik`` -> "NIK"; ``attachments.2.filename`` -> "Lampiran ke-3"; unknown paths as given."""
    return core.field_label(path, _translate if translated else str)


def review_label(value: ReviewState, *, translated: bool = True) -> str:
    return _lookup(core.REVIEW_LABELS, ReviewState, value, translated)


def list_state_label(
    state: ReportState, review_state: ReviewState | None = None, returned_by_kecamatan: bool = False
) -> str:
    """A list's Status column: the review's word where it says more than the state (a desa's report
    awaiting review, returned or a duplicate at the kecamatan; returned by the kecamatan at the desa)."""
    if state is ReportState.DRAFT and review_state in core.REVIEW_LABELS:
        return review_label(review_state)  # type: ignore[arg-type]
    if state is ReportState.NEEDS_FIX and returned_by_kecamatan:
        return _translate(core.RETURNED_BY_KECAMATAN)
    return state_label(state)


def list_state_labels() -> list[str]:
    """Every text the Status column can show (for its width)."""
    return [
        *(state_label(s) for s in ReportState),
        *(review_label(r) for r in core.REVIEW_LABELS),
        _translate(core.RETURNED_BY_KECAMATAN),
    ]


def dashboard_status_label(status: str) -> str:
    """A status of the kecamatan's dashboard (`lapor_desktop.kecamatan.dashboard.STATUS_LABELS`)."""
    from lapor_desktop.kecamatan.dashboard import STATUS_LABELS

    text = STATUS_LABELS.get(status)
    return _translate(text) if text is not None else status
