"""The one lifecycle write path: `reports.lifecycle` moves and creates reports, and nothing else does."""

from __future__ import annotations

import ast
import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desktop.domain import ReportState, TransitionError
from lapor_desktop.reports import lifecycle
from lapor_desktop.reports.mapping import content_columns
from lapor_desktop.storage.schema import AuditRow, ReportRow
from tests.support.reports import valid_content

REPO = Path(__file__).resolve().parents[2]
LIFECYCLE = REPO / "lapor_desktop" / "reports" / "lifecycle.py"
SCANNED = ("lapor_desktop", "sync", "ui")
# Not the app's reports: Alembic revisions change the schema (and may rewrite stored data with
# it), and the training server is a stand-in for LAPOR! with its own database.
EXEMPT = (REPO / "lapor_desktop" / "migrations", REPO / "sync" / "training_server")
T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


# -- the function itself ------------------------------------------------------------------------


def _new_row(app, state: ReportState, tracking_id: str | None = None) -> int:
    report = app.reports.create(valid_content(), queue=state is not ReportState.DRAFT)
    if state in (ReportState.SENT, ReportState.NEEDS_FIX):
        with app.db.transaction() as session:
            row = session.get(ReportRow, report.id)
            lifecycle.move(session, row, state, action="setup", operator="test")
            row.tracking_id = tracking_id
    return report.id


def _audit(app, report_id: int) -> list[tuple[str, str, str | None, str | None, str | None]]:
    with app.db.transaction() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.report_id == report_id).order_by(AuditRow.id))
        return [(a.operator, a.action, a.from_state, a.to_state, a.detail) for a in rows]


def test_an_allowed_move_sets_the_state_updated_at_and_writes_the_audit_entry(app):
    report_id = _new_row(app, ReportState.QUEUED)
    with app.db.transaction() as session:
        row = session.get(ReportRow, report_id)
        left = lifecycle.move(
            session,
            row,
            ReportState.NEEDS_FIX,
            action="rejected_by_server",
            operator="sinkronisasi",
            detail="x",
            at=T0,
        )
    assert left is ReportState.QUEUED
    stored = app.reports.get(report_id)
    assert stored.state is ReportState.NEEDS_FIX
    assert stored.updated_at == T0
    assert _audit(app, report_id)[-1] == ("sinkronisasi", "rejected_by_server", "queued", "needs_fix", "x")
    assert app.reports.audit_trail(report_id)[-1].at == T0


def test_updated_at_defaults_to_now(app):
    report_id = _new_row(app, ReportState.QUEUED)
    before = dt.datetime.now(dt.UTC)
    with app.db.transaction() as session:
        lifecycle.move(
            session, session.get(ReportRow, report_id), ReportState.DRAFT, action="unqueued", operator="Siti"
        )
    stored = app.reports.get(report_id)
    assert before <= stored.updated_at <= dt.datetime.now(dt.UTC)
    assert app.reports.audit_trail(report_id)[-1].at == stored.updated_at


@pytest.mark.parametrize(
    ("start", "tracking_id", "wanted"),
    [
        (ReportState.DRAFT, None, ReportState.SENT),
        (ReportState.DRAFT, None, ReportState.DRAFT),
        (ReportState.SENT, "LPR-1", ReportState.NEEDS_FIX),  # on LAPOR!: final
        (ReportState.SENT, None, ReportState.QUEUED),
    ],
)
def test_a_refused_move_changes_nothing(app, start, tracking_id, wanted):
    report_id = _new_row(app, start, tracking_id)
    before = app.reports.get(report_id)
    trail = _audit(app, report_id)
    with pytest.raises(TransitionError), app.db.transaction() as session:
        row = session.get(ReportRow, report_id)
        lifecycle.move(session, row, wanted, action="bad", operator="test")
    assert app.reports.get(report_id) == before
    assert _audit(app, report_id) == trail


def test_a_handed_over_report_may_come_back_from_sent(app):
    report_id = _new_row(app, ReportState.SENT, tracking_id=None)
    with app.db.transaction() as session:
        row = session.get(ReportRow, report_id)
        lifecycle.move(session, row, ReportState.NEEDS_FIX, action="returned_by_kecamatan", operator="Siti")
    assert app.reports.get(report_id).state is ReportState.NEEDS_FIX


def test_the_move_rolls_back_with_the_callers_transaction(app):
    report_id = _new_row(app, ReportState.QUEUED)
    trail = _audit(app, report_id)
    with pytest.raises(RuntimeError), app.db.transaction() as session:
        lifecycle.move(
            session, session.get(ReportRow, report_id), ReportState.SENT, action="sent", operator="x"
        )
        raise RuntimeError("the caller's next step failed")
    assert app.reports.get(report_id).state is ReportState.QUEUED
    assert _audit(app, report_id) == trail


def _columns(client_id: str, local_ref: str) -> dict[str, object]:
    return {
        "client_id": client_id,
        "local_ref": local_ref,
        "recorded_at": T0,
        "recorded_by": "Desa",
        **content_columns(valid_content()),
    }


def test_insert_adds_a_draft_with_its_first_audit_entry(app):
    with app.db.transaction() as session:
        report_id = lifecycle.insert(
            session,
            _columns("00000000-0000-4000-8000-000000000001", "X/1"),
            action="imported",
            operator="Camat",
            at=T0,
            detail="dari desa",
        )
    stored = app.reports.get(report_id)
    assert (stored.state, stored.updated_at, stored.recorded_at) == (ReportState.DRAFT, T0, T0)
    assert _audit(app, report_id) == [("Camat", "imported", None, "draft", "dari desa")]


def test_insert_queued_records_both_moves(app):
    with app.db.transaction() as session:
        report_id = lifecycle.insert(
            session,
            _columns("00000000-0000-4000-8000-000000000002", "X/2"),
            action="created",
            operator="Siti",
            at=T0,
            queue=True,
        )
    assert app.reports.get(report_id).state is ReportState.QUEUED
    assert _audit(app, report_id) == [
        ("Siti", "created", None, "draft", None),
        ("Siti", "queued", "draft", "queued", None),
    ]


def test_insert_refuses_a_state_from_the_caller(app):
    columns = {**_columns("00000000-0000-4000-8000-000000000003", "X/3"), "state": "sent"}
    with pytest.raises(ValueError), app.db.transaction() as session:
        lifecycle.insert(session, columns, action="created", operator="Siti", at=T0)


# -- nothing else writes a report's state ------------------------------------------------------

_RAW_SQL = re.compile(
    r"\bUPDATE\s+[\"'`]?reports[\"'`]?\s+SET\b[^;]*?\bstate\s*="
    r"|\b(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+[\"'`]?reports[\"'`]?[\s(]",
    re.IGNORECASE | re.DOTALL,
)


def _mentions_report_row(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "ReportRow" for n in ast.walk(node))


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _statement_on_reports(call: ast.Call) -> str | None:
    """'insert' or 'update' when `call` builds such a statement on the reports table."""
    name = _call_name(call)
    kind = "insert" if name.endswith("insert") else "update" if name.endswith("update") else None
    if kind is None:
        return None
    if call.args and _mentions_report_row(call.args[0]):
        return kind  # insert(ReportRow), sqlite_insert(ReportRow.__table__), update(ReportRow)
    if isinstance(call.func, ast.Attribute) and _mentions_report_row(call.func.value):
        return kind  # ReportRow.__table__.update()
    return None


def _sets_state(node: ast.AST) -> bool:
    """A `.values(state=...)`, a dict with a "state" (or ReportRow.state) key, or ** we cannot see into."""
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and _call_name(n) == "values":
            if any(k.arg in ("state", None) for k in n.keywords):
                return True
        if isinstance(n, ast.Dict):
            for key in n.keys:
                if key is None:
                    return True
                if isinstance(key, ast.Constant) and key.value == "state":
                    return True
                if isinstance(key, ast.Attribute) and key.attr == "state":
                    return True
    return False


def state_writes(source: str) -> list[tuple[int, str]]:
    """Every place `source` writes a report's state, as (line, what)."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for statement in (n for n in ast.walk(tree) if isinstance(n, ast.stmt)):
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AugAssign | ast.AnnAssign):
            targets = [statement.target]
        else:
            targets = []
        for target in targets:
            for n in ast.walk(target):
                if (
                    isinstance(n, ast.Attribute)
                    and n.attr == "state"
                    and not (isinstance(n.value, ast.Name) and n.value.id in ("self", "cls"))
                ):
                    found.append((n.lineno, "assignment to .state"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name == "ReportRow":
                found.append((node.lineno, "ReportRow(...) constructed"))
            elif (
                name == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value == "state"
            ):
                found.append((node.lineno, "setattr(..., 'state', ...)"))
            kind = _statement_on_reports(node)
            if kind == "insert":
                found.append((node.lineno, "INSERT into reports"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _RAW_SQL.search(node.value):
            found.append((node.lineno, "raw SQL writing reports.state"))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            if _RAW_SQL.search(text):
                found.append((node.lineno, "raw SQL writing reports.state"))
    # An UPDATE on reports is fine (claims, attempts, postponing) unless the simple statement
    # that builds or runs it sets the state.
    for statement in (n for n in ast.walk(tree) if isinstance(n, ast.stmt)):
        if hasattr(statement, "body"):
            continue
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Call)
                and _statement_on_reports(node) == "update"
                and _sets_state(statement)
            ):
                found.append((node.lineno, "UPDATE of reports.state"))
                break
    return sorted(set(found))


def _modules() -> list[Path]:
    paths = [p for package in SCANNED for p in sorted((REPO / package).rglob("*.py"))]
    return [p for p in paths if p != LIFECYCLE and not any(p.is_relative_to(e) for e in EXEMPT)]


def test_no_module_but_lifecycle_writes_a_reports_state():
    offenders = [
        f"{path.relative_to(REPO)}:{line}: {what}"
        for path in _modules()
        for line, what in state_writes(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use lapor_desktop.reports.lifecycle.move/insert:\n" + "\n".join(offenders)


def test_the_scan_covers_the_packages():
    names = {str(p.relative_to(REPO)) for p in _modules()}
    assert {"lapor_desktop/outbox/store.py", "lapor_desktop/kecamatan/desa_side.py", "sync/pull.py"} <= names
    assert any(n.startswith("ui/") for n in names)


def test_the_scan_sees_the_writes_lifecycle_itself_makes():
    whats = {what for _, what in state_writes(LIFECYCLE.read_text(encoding="utf-8"))}
    # `move` assigns the ORM row's state; `insert` and `move_many` write it in plain SQL. (A Core
    # UPDATE is no longer among lifecycle's own writes: the snippets below keep that kind covered.)
    assert whats == {"assignment to .state", "raw SQL writing reports.state"}


@pytest.mark.parametrize(
    "snippet",
    [
        "row.state = ReportState.SENT.value",
        "row.state: str = 'sent'",
        "a, rows[0].state = 1, 'sent'",
        "setattr(row, 'state', 'sent')",
        "session.add(ReportRow(client_id=c, state='draft'))",
        "models.ReportRow(**columns)",
        "connection.execute(insert(ReportRow.__table__), params)",
        "stmt = sqlite_insert(ReportRow).values(x=1)",
        "session.execute(update(ReportRow).where(ReportRow.id == 1).values(state='sent'))",
        "session.execute(update(ReportRow).values({ReportRow.state: 'sent'}))",
        "session.execute(update(ReportRow), [{'id': 1, 'state': 'sent'}])",
        "session.execute(ReportRow.__table__.update().values(**changes))",
        "conn.execute('UPDATE reports SET updated_at = ?, state = ? WHERE id = ?', args)",
        "conn.execute(text(\"update reports set state='sent' where id=:id\"))",
        "conn.execute(f'UPDATE reports SET state = {value!r}')",
        "conn.execute('INSERT INTO reports (client_id, state) VALUES (?, ?)', args)",
    ],
)
def test_the_scan_catches_each_way_of_writing_the_state(snippet):
    assert state_writes(textwrap.dedent(snippet)), snippet


@pytest.mark.parametrize(
    "snippet",
    [
        "if row.state == ReportState.QUEUED.value: pass",
        "self.state = SaveState.IDLE",
        "origin.review_state = 'approved'",
        "session.execute(update(ReportRow).where(ReportRow.state == 'queued').values(next_attempt_at=t))",
        "emit({'state': report.state.value})",
        "Report(id=1, state=ReportState.DRAFT)",
        "conn.execute('UPDATE reports SET status = ?, change_seq = ? WHERE id = ?', args)",
        "conn.execute('SELECT state FROM reports')",
    ],
)
def test_the_scan_leaves_reading_and_other_states_alone(snippet):
    assert state_writes(textwrap.dedent(snippet)) == [], snippet
