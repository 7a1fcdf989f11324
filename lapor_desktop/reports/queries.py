"""Read-only report lists: paged, filtered, searched, on the stdlib sqlite3 driver.

Lists are what the first screen and `report list` need, so this path avoids
SQLAlchemy's import (~0.4 s) and its per-row overhead. Pages are found by key
(the last row's sort value and id), never by OFFSET, so page 500 costs what
page 1 does. Full-text search walks the FTS5 index backwards by rowid (= report
id = newest first) and stops at the page size instead of sorting all matches.

Search text is read in this order (see `search_plan`):
- a NIK or phone number, in any common writing, is looked up exactly in its
  own indexed key (`contact_keys`): those numbers are not in the full-text index;
- otherwise every word must match: whole words, except the last, which is a
  prefix (as the operator types) once it has `PREFIX_MIN` characters. An exact
  term streams from the index and stops at the page; a prefix makes FTS5 merge
  the doclists of every word it starts, so a one- or two-letter prefix (which
  starts nearly every word) would cost 100-250 ms on 500,000 reports. A shorter
  last word is a whole word; when it is no word at all, the list shows the
  matches of the words before it (the operator is still typing).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.domain import SETTLED_STATUSES, Classification, RemoteStatus, ReportState, ReviewState
from lapor_desktop.reports.contact_keys import ContactKind, ContactLookup, contact_lookup
from lapor_desktop.storage.pragmas import FallbackConnection, connect
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
_WORD_CHARS = re.compile(r"\w+")
PREFIX_MIN = 3
_CONTACT_COLUMN = {ContactKind.NIK: "r.reporter_nik_key", ContactKind.PHONE: "r.reporter_phone_key"}
_FTS_SOURCE = "report_fts JOIN reports r ON r.id = report_fts.rowid"
_STATES = {member.value: member for member in ReportState}
_CLASSIFICATIONS = {member.value: member for member in Classification}
_REMOTE_STATUSES = {member.value: member for member in RemoteStatus}


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


@dataclass(frozen=True)
class SearchPlan:
    """How a search text is looked up: a NIK or phone key, or FTS5 queries.

    `matches` are tried in order; the first that matches any report is used
    (one query, or two when the last word is too short to be a prefix).
    """

    contact: ContactLookup | None = None
    matches: tuple[str, ...] = ()


def _quoted(words: list[str]) -> list[str]:
    return ['"' + w.replace('"', '""') + '"' for w in words]


def search_plan(text: str) -> SearchPlan:
    contact = contact_lookup(text)
    if contact is not None:
        return SearchPlan(contact=contact)
    words = [w for w in _TOKEN.findall(text) if _WORD_CHARS.search(w)]
    if not words:
        return SearchPlan()
    last = words[-1]
    tokens = list(_WORD_CHARS.finditer(last))
    if len(tokens[-1].group()) >= PREFIX_MIN:
        return SearchPlan(matches=(" AND ".join([*_quoted(words[:-1]), _quoted([last])[0] + "*"]),))
    whole = " AND ".join(_quoted(words))
    # Without the short fragment: the words before it, or the start of the same word (`.../2026/2`).
    rest = [*words[:-1], last[: tokens[-1].start()]] if len(tokens) > 1 else words[:-1]
    rest = [w for w in rest if _WORD_CHARS.search(w)]
    return SearchPlan(matches=(whole, " AND ".join(_quoted(rest))) if rest else (whole,))


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query when one query says it all (tests, simple callers)."""
    matches = search_plan(text).matches
    return matches[0] if matches else None


def _local_day_start(day: dt.date, tz: dt.tzinfo | None) -> str:
    start = dt.datetime.combine(day, dt.time.min)
    return to_text(start.replace(tzinfo=tz) if tz is not None else start.astimezone())


class ReportQueries:
    """Reads on one connection. `any_thread`: used by one thread at a time, not always the one that
    opened it (a worker pool's); `interrupt` may then be called from any thread."""

    def __init__(
        self, db_path: Path, *, tz: dt.tzinfo | None = None, shared: bool = False, any_thread: bool = False
    ) -> None:
        """`tz` is the zone whose calendar days the date filters mean (the office's; else the PC's).
        `shared`: the window's reads, beside its writer (see `storage.pragmas.connect`)."""
        self._db_path = db_path
        self.tz = tz
        self._shared = shared
        self._any_thread = any_thread
        self._connection: sqlite3.Connection | None = None

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = connect(str(self._db_path), pooled=self._any_thread, shared=self._shared)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def close_if_fallback(self) -> None:
        """Close the connection if it was opened the fallback way on a full or read-only disk (see
        `storage.pragmas.connect`): kept open it could shut out the writer, or miss its later writes."""
        if isinstance(self._connection, FallbackConnection):
            self.close()

    def interrupt(self) -> None:
        """Stop the query running now on this connection (it raises `sqlite3.OperationalError`)."""
        connection = self._connection
        if connection is not None:
            connection.interrupt()

    def _search(self, flt: ReportFilter, clauses: list[str], params: list[object]) -> str:
        """Add the search's clause (first) and return the rows' source: FTS5 joined, or the table."""
        plan = search_plan(flt.search)
        if plan.contact is not None:
            clauses.insert(0, f"{_CONTACT_COLUMN[plan.contact.kind]} = ?")
            params.insert(0, plan.contact.key)
            return "reports r"
        if not plan.matches:
            return "reports r"
        clauses.insert(0, "report_fts MATCH ?")
        params.insert(0, self._first_matching(plan.matches))
        return _FTS_SOURCE

    def _first_matching(self, matches: tuple[str, ...]) -> str:
        for match in matches[:-1]:
            found = self.connection.execute(
                "SELECT 1 FROM report_fts WHERE report_fts MATCH ? LIMIT 1", (match,)
            ).fetchone()
            if found is not None:
                return match
        return matches[-1]

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
        source = self._search(flt, clauses, params)
        op = "<" if descending else ">"
        direction = "DESC" if descending else "ASC"
        # With FTS5, ordering by its rowid lets it seek and walk the index in rowid order.
        id_column = "report_fts.rowid" if source == _FTS_SOURCE else "r.id"
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
        source = self._search(flt, clauses, params)
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
        # Members by value from dicts: a page builds 200 rows, and Enum(value) is the slow way.
        return ListRow(
            id=r[0],
            local_ref=r[1],
            state=_STATES[r[2]],
            classification=_CLASSIFICATIONS[r[3]] if r[3] else None,
            title=r[4],
            category_code=r[5],
            reporter_name=r[6],
            anonymous=bool(r[7]),
            recorded_at=from_text(r[8]),
            remote_status=_REMOTE_STATUSES[r[9]] if r[9] else None,
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
