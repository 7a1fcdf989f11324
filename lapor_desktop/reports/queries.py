"""Read-only report lists: paged, filtered, searched, on the stdlib sqlite3 driver.

Lists are what the first screen and `report list` need, so this path avoids
SQLAlchemy's import (~0.4 s) and its per-row overhead. Pages are found by key
(the last row's sort value and id), never by OFFSET, so page 500 costs what
page 1 does. Full-text search walks the FTS5 index backwards by rowid (= report
id = newest first) and stops at the page size instead of sorting all matches.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.domain import SETTLED_STATUSES, Classification, RemoteStatus, ReportState, ReviewState
from lapor_desktop.storage.pragmas import connect
from lapor_desktop.timestamps import from_text, to_text, utcnow

SORTABLE = ("id", "recorded_at", "local_ref", "title", "state", "category_code", "remote_status", "due_at")
_COLUMNS = (
    "r.id, r.local_ref, r.state, r.classification, r.title, r.category_code, r.reporter_name, "
    "r.anonymous, r.recorded_at, r.remote_status, r.tracking_id, r.updated_at, o.review_state, h.outcome, "
    "r.handling_agency_code, r.handling_agency_name, r.due_at"
)
# Where a kecamatan's review stands (at the kecamatan) and what it answered a hand-over (at the
# desa): one primary-key lookup each, for the rows of the page only.
_REVIEW_JOINS = "LEFT JOIN report_origins o ON o.report_id = r.id LEFT JOIN handovers h ON h.report_id = r.id"
_NULLABLE = frozenset({"remote_status", "due_at"})
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class ReportFilter:
    states: tuple[ReportState, ...] = ()
    remote_statuses: tuple[RemoteStatus, ...] = ()
    category_code: str | None = None
    recorded_from: dt.date | None = None  # local calendar days, inclusive
    recorded_to: dt.date | None = None
    search: str = ""
    # Past LAPOR!'s due date and not settled (completed, rejected, archived); `now` defaults to the clock.
    overdue: bool = False
    now: dt.datetime | None = None


@dataclass(frozen=True)
class ListRow:
    id: int
    local_ref: str
    state: ReportState
    classification: Classification | None
    title: str
    category_code: str
    reporter_name: str
    anonymous: bool
    recorded_at: dt.datetime
    remote_status: RemoteStatus | None
    tracking_id: str | None
    updated_at: dt.datetime
    review_state: ReviewState | None = None  # at a kecamatan: a desa's report under review
    returned_by_kecamatan: bool = False  # at a desa: needs a fix because the kecamatan sent it back
    agency_code: str | None = None  # the agency LAPOR! says handles it (1.1)
    agency_name: str | None = None
    due_at: dt.datetime | None = None  # when LAPOR!'s current step is due (1.1)


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: the last row's sort value and id."""

    value: object
    id: int


@dataclass(frozen=True)
class Page:
    rows: list[ListRow]
    next_key: PageKey | None


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query: every word must match, the last as a prefix."""
    words = [w.replace('"', '""') for w in _TOKEN.findall(text)]
    words = [w for w in words if re.search(r"\w", w)]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def _local_day_start(day: dt.date, tz: dt.tzinfo | None) -> str:
    start = dt.datetime.combine(day, dt.time.min)
    return to_text(start.replace(tzinfo=tz) if tz is not None else start.astimezone())


class ReportQueries:
    def __init__(self, db_path: Path, *, tz: dt.tzinfo | None = None, shared: bool = False) -> None:
        """`tz` is the zone whose calendar days the date filters mean (the office's; else the PC's).
        `shared`: the window's reads, beside its writer (see `storage.pragmas.connect`)."""
        self._db_path = db_path
        self.tz = tz
        self._shared = shared
        self._connection: sqlite3.Connection | None = None

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = connect(str(self._db_path), shared=self._shared)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _where(self, flt: ReportFilter) -> tuple[list[str], list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if flt.states:
            clauses.append(f"r.state IN ({','.join('?' * len(flt.states))})")
            params += [s.value for s in flt.states]
        if flt.remote_statuses:
            clauses.append(f"r.remote_status IN ({','.join('?' * len(flt.remote_statuses))})")
            params += [s.value for s in flt.remote_statuses]
        if flt.category_code:
            clauses.append("r.category_code = ?")
            params.append(flt.category_code)
        if flt.recorded_from:
            clauses.append("r.recorded_at >= ?")
            params.append(_local_day_start(flt.recorded_from, self.tz))
        if flt.recorded_to:
            clauses.append("r.recorded_at < ?")
            params.append(_local_day_start(flt.recorded_to + dt.timedelta(days=1), self.tz))
        if flt.overdue:
            settled = ",".join("?" * len(SETTLED_STATUSES))
            clauses.append(
                f"r.due_at < ? AND r.remote_status IS NOT NULL AND r.remote_status NOT IN ({settled})"
            )
            params += [to_text(flt.now or utcnow()), *sorted(s.value for s in SETTLED_STATUSES)]
        return clauses, params

    def page(
        self,
        flt: ReportFilter = ReportFilter(),
        *,
        sort: str = "id",
        descending: bool = True,
        after: PageKey | None = None,
        limit: int = 200,
    ) -> Page:
        if sort not in SORTABLE:
            raise ValueError(f"cannot sort by {sort!r}")
        clauses, params = self._where(flt)
        match = fts_query(flt.search)
        op = "<" if descending else ">"
        direction = "DESC" if descending else "ASC"
        if match is not None:
            source = "report_fts JOIN reports r ON r.id = report_fts.rowid"
            clauses.insert(0, "report_fts MATCH ?")
            params.insert(0, match)
            id_column = "report_fts.rowid"  # lets FTS5 seek and walk in rowid order
        else:
            source = "reports r"
            id_column = "r.id"
        if sort == "id":
            if after is not None:
                clauses.append(f"{id_column} {op} ?")
                params.append(after.id)
            order = f"{id_column} {direction}"
        else:
            # NULLs sort as '' so keyset comparisons stay total; NOT NULL columns
            # are compared bare so their (column, id) index serves the order.
            sort_expr = f"COALESCE(r.{sort}, '')" if sort in _NULLABLE else f"r.{sort}"
            if after is not None:
                clauses.append(f"({sort_expr}, r.id) {op} (?, ?)")
                params += [after.value, after.id]
            order = f"{sort_expr} {direction}, r.id {direction}"
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {_COLUMNS} FROM {source} {_REVIEW_JOINS} {where} ORDER BY {order} LIMIT ?"
        rows = [self._row(r) for r in self.connection.execute(sql, [*params, limit])]
        next_key = None
        if len(rows) == limit:
            last = rows[-1]
            value = getattr(last, sort) if sort != "id" else last.id
            if sort == "recorded_at":
                value = to_text(last.recorded_at)
            elif sort == "due_at":
                value = to_text(last.due_at) if last.due_at is not None else ""
            elif sort in ("state", "remote_status"):
                value = value.value if value is not None else ""  # type: ignore[union-attr]
            next_key = PageKey(value if value is not None else "", last.id)
        return Page(rows, next_key)

    def count(self, flt: ReportFilter = ReportFilter()) -> int:
        clauses, params = self._where(flt)
        match = fts_query(flt.search)
        if match is not None:
            source = "report_fts JOIN reports r ON r.id = report_fts.rowid"
            clauses.insert(0, "report_fts MATCH ?")
            params.insert(0, match)
        else:
            source = "reports r"
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return int(self.connection.execute(f"SELECT COUNT(*) FROM {source} {where}", params).fetchone()[0])

    def data_version(self) -> int:
        """SQLite's counter of commits made by other connections (other processes included) since
        this one opened: polling it tells a reader cheaply that someone else wrote."""
        return int(self.connection.execute("PRAGMA data_version").fetchone()[0])

    def counts_by_state(self) -> dict[ReportState, int]:
        found = dict(self.connection.execute("SELECT state, COUNT(*) FROM reports GROUP BY state").fetchall())
        return {state: int(found.get(state.value, 0)) for state in ReportState}

    def count_awaiting_reply(self) -> int:
        """Reports on hold whose question (LAPOR!'s newest response) has no reply yet: none recorded
        here since (a refused one does not count) and none arrived from LAPOR!."""
        return int(self.connection.execute(_AWAITING_REPLY_SQL).fetchone()[0])

    @staticmethod
    def _row(r: tuple) -> ListRow:  # type: ignore[type-arg]
        return ListRow(
            id=r[0],
            local_ref=r[1],
            state=ReportState(r[2]),
            classification=Classification(r[3]) if r[3] else None,
            title=r[4],
            category_code=r[5],
            reporter_name=r[6],
            anonymous=bool(r[7]),
            recorded_at=from_text(r[8]),
            remote_status=RemoteStatus(r[9]) if r[9] else None,
            tracking_id=r[10],
            updated_at=from_text(r[11]),
            review_state=ReviewState(r[12]) if r[12] else None,
            returned_by_kecamatan=r[13] == "returned" and r[2] == ReportState.NEEDS_FIX.value,
            agency_code=r[14],
            agency_name=r[15] or r[14],
            due_at=from_text(r[16]) if r[16] else None,
        )


# Timestamps are fixed-width UTC text, so they compare as time. A report without a question yet
# counts until any reply exists (the '' floor).
_QUESTION_AT = "COALESCE((SELECT MAX(q.at) FROM agency_responses q WHERE q.report_id = r.id AND q.author_role != 'reporter'), '')"
_AWAITING_REPLY_SQL = f"""
SELECT COUNT(*) FROM reports r
WHERE r.remote_status = 'on_hold'
  AND NOT EXISTS (SELECT 1 FROM replies p
                  WHERE p.report_id = r.id AND p.state != 'refused' AND p.recorded_at >= {_QUESTION_AT})
  AND NOT EXISTS (SELECT 1 FROM agency_responses a
                  WHERE a.report_id = r.id AND a.author_role = 'reporter' AND a.at >= {_QUESTION_AT})
"""
