"""What the 1.1 contract added to a report, for the rows of an export or a recap, on stdlib sqlite3.

`ListRow` (the window's paged lists) names the category; an export and the
desa's recap also name the agency the report asked for, the one LAPOR! has
handling it, the due date of the current step, and whether LAPOR!'s question
still waits for the citizen. Read per page of ids, one query each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.domain import RemoteStatus, ReplyState, ResponseRole
from lapor_desktop.storage.pragmas import connect
from lapor_desktop.timestamps import from_text


@dataclass(frozen=True)
class RowDetails:
    requested_agency_code: str | None = None
    agency_name: str | None = None  # handling, as LAPOR! named it
    due_at: dt.datetime | None = None


NO_DETAILS = RowDetails()


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def row_details(db_path: Path, ids: Sequence[int]) -> dict[int, RowDetails]:
    if not ids:
        return {}
    connection = connect(str(db_path))
    try:
        rows = connection.execute(
            f"SELECT id, agency_code, handling_agency_name, due_at FROM reports WHERE id IN ({_marks(ids)})",
            list(ids),
        ).fetchall()
    finally:
        connection.close()
    return {
        report_id: RowDetails(requested, handling, from_text(due) if due else None)
        for report_id, requested, handling, due in rows
    }


def awaiting_reply_ids(db_path: Path, ids: Sequence[int]) -> frozenset[int]:
    """Of `ids`, the reports on hold whose question no reply has answered yet (`Report.awaiting_reply`)."""
    if not ids:
        return frozenset()
    connection = connect(str(db_path))
    try:
        held = [
            row[0]
            for row in connection.execute(
                f"SELECT id FROM reports WHERE remote_status = ? AND id IN ({_marks(ids)})",
                [RemoteStatus.ON_HOLD.value, *ids],
            )
        ]
        if not held:
            return frozenset()
        marks = _marks(held)
        questions = dict(
            connection.execute(
                f"SELECT report_id, MAX(at) FROM agency_responses WHERE author_role != ? AND report_id IN ({marks}) "
                "GROUP BY report_id",
                [ResponseRole.REPORTER.value, *held],
            ).fetchall()
        )
        answers: dict[int, list[str]] = {}
        for report_id, at in connection.execute(
            f"SELECT report_id, at FROM agency_responses WHERE author_role = ? AND report_id IN ({marks})",
            [ResponseRole.REPORTER.value, *held],
        ):
            answers.setdefault(report_id, []).append(at)
        for report_id, at in connection.execute(
            f"SELECT report_id, recorded_at FROM replies WHERE state != ? AND report_id IN ({marks})",
            [ReplyState.REFUSED.value, *held],
        ):
            answers.setdefault(report_id, []).append(at)
    finally:
        connection.close()

    def answered(report_id: int) -> bool:
        question = questions.get(report_id)
        after = [from_text(at) for at in answers.get(report_id, [])]
        return any(after) if question is None else any(at >= from_text(question) for at in after)

    return frozenset(report_id for report_id in held if not answered(report_id))
