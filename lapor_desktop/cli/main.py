"""The command line: JSON in, JSON out, for automation and for support.

Exit codes: 0 success; 2 invalid input (field errors as JSON on stderr);
1 configuration or environment problems. Heavy modules are imported inside
the handlers, so `report list` starts without SQLAlchemy, Pillow or requests.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lapor_desktop.cli.output import EXIT_CONFIG, EXIT_INVALID, EXIT_OK, CliError, emit, fail
from lapor_desktop.cli.parser import Parser
from lapor_desktop.storage.paths import resolve_data_dir

NO_COMMAND = -1  # `run` found no sub-command: the entry point starts the window


class CommandModule(Protocol):
    """A module that adds its sub-commands; its handlers import what they need when they run."""

    def add_commands(self, commands: Any) -> None: ...


def read_text_input(source: str) -> str:
    try:
        return sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CliError(f"Berkas tidak ditemukan: {source}") from exc
    except UnicodeDecodeError as exc:
        raise CliError("Berkas masukan bukan teks UTF-8.") from exc


def _invalid_json(exc: json.JSONDecodeError, line_offset: int = 0) -> CliError:
    return CliError(f"JSON tidak valid (baris {exc.lineno + line_offset}, kolom {exc.colno}): {exc.msg}.")


def read_json_input(source: str) -> object:
    try:
        return json.loads(read_text_input(source))
    except json.JSONDecodeError as exc:
        raise _invalid_json(exc) from exc


@dataclass(frozen=True)
class ManyReports:
    """`report add` input holding several reports: a JSON array, or one JSON value per line."""

    items: list[object]


def read_reports_input(source: str) -> object:
    """One JSON value, or `ManyReports` for an array or JSON lines (a line that is not JSON is an item
    that will be refused on its own)."""
    text = read_text_input(source)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise _invalid_json(exc) from exc
        return ManyReports(_json_lines(text))
    return ManyReports(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class _BrokenLine:
    """A line of JSON lines that is not JSON: refused as its item, the other lines go on."""

    error: CliError


def _json_lines(text: str) -> list[object]:
    items: list[object] = []
    for number, line in enumerate(text.splitlines()):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                items.append(_BrokenLine(_invalid_json(exc, line_offset=number)))
    return items


# -- report ----------------------------------------------------------------------


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from lapor_desktop.app import open_app

    return open_app(args.data_dir)


def _content_and_files(obj: object):  # type: ignore[no-untyped-def]
    from lapor_desktop.reports.json_form import content_from_json

    return content_from_json(obj)


def cmd_report_add(args: argparse.Namespace) -> int | None:
    given = read_reports_input(args.file)
    with _open(args) as app:
        if isinstance(given, ManyReports):
            return _add_many(app, given.items)
        emit(_report_json(_add_one(app, given)))
    return None


def _add_one(app: Any, obj: object) -> Any:
    import dataclasses

    if isinstance(obj, _BrokenLine):
        raise obj.error
    content, paths, queue = _content_and_files(obj)
    refs = app.reports.import_attachments(Path(p) for p in paths)
    return app.reports.create(dataclasses.replace(content, attachments=tuple(refs)), queue=queue)


def _add_many(app: Any, items: list[object]) -> int:
    """Each report checked and stored on its own: one refused does not stop the others.

    The output lists every item by its 0-based position: its id, or why it was
    refused. A fault that would refuse every item alike (no office set, a full
    disk) stops the run: the items before it are listed, then the fault.
    """
    results: list[dict[str, Any]] = []
    refused = 0
    try:
        for index, obj in enumerate(items):
            try:
                report = _add_one(app, obj)
            except Exception as exc:
                error = _translate(exc)
                if error is None or error.code != EXIT_INVALID:
                    raise
                refused += 1
                results.append({"index": index, "message": error.message, "errors": error.fields or {}})
            else:
                results.append(
                    {
                        "index": index,
                        "id": report.id,
                        "local_ref": report.local_ref,
                        "state": report.state.value,
                    }
                )
    finally:
        emit({"stored": len(results) - refused, "refused": refused, "results": results})
    if refused:
        fail(
            CliError(
                f"{refused} dari {len(items)} laporan ditolak (lihat `results`: index dihitung dari 0); "
                "laporan lainnya tersimpan."
            )
        )
    return EXIT_OK


def cmd_report_edit(args: argparse.Namespace) -> None:
    import dataclasses

    from lapor_desktop.reports.json_form import content_to_json

    patch = read_json_input(args.file)
    if not isinstance(patch, dict):
        raise CliError("Masukan harus berupa objek JSON.")
    with _open(args) as app:
        current = app.reports.get(args.id)
        base = content_to_json(current.content)
        del base["attachments"]  # stored refs, not paths: kept unless the patch names new files
        merged = _deep_merge(base, patch)
        content, paths, queue = _content_and_files(merged)
        if "attachments" in patch:
            refs = tuple(app.reports.import_attachments(Path(p) for p in paths))
        else:
            refs = current.content.attachments
        report = app.reports.update(args.id, dataclasses.replace(content, attachments=refs))
        if queue:
            report = app.reports.queue(args.id)
        emit(_report_json(report))


def _deep_merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def cmd_report_queue(args: argparse.Namespace) -> None:
    with _open(args) as app:
        emit(_report_json(app.reports.queue(args.id)))


def cmd_report_unqueue(args: argparse.Namespace) -> None:
    with _open(args) as app:
        emit(_report_json(app.reports.unqueue(args.id)))


def cmd_report_show(args: argparse.Namespace) -> None:
    with _open(args) as app:
        report = app.reports.get(args.id)
        out = _report_json(report)
        out["audit"] = [
            {
                "at": entry.at.isoformat().replace("+00:00", "Z"),
                "operator": entry.operator,
                "action": entry.action,
                "from_state": entry.from_state,
                "to_state": entry.to_state,
                "detail": entry.detail,
            }
            for entry in app.reports.audit_trail(args.id)
        ]
        emit(out)


def cmd_report_reply(args: argparse.Namespace) -> None:
    """Record a reporter's reply to a sent report; it goes out with the next sync."""
    if (args.text is None) == (args.json is None) or (args.json is not None and args.attach):
        raise CliError("Isi tanggapan dengan --text TEKS atau --json BERKAS (salah satu saja).", fields={})
    if args.json is not None:
        text, paths = _reply_from_json(read_json_input(args.json))
    else:
        text, paths = args.text, list(args.attach or [])
    from lapor_desktop.reports.json_form import reply_to_json

    with _open(args) as app:
        emit(reply_to_json(app.replies.record(args.id, text, [Path(p) for p in paths])))


def _reply_from_json(obj: object) -> tuple[str, list[str]]:
    if not isinstance(obj, dict):
        raise CliError('Masukan harus berupa objek JSON, misalnya {"text": "...", "attachments": []}.')
    problems: dict[str, str] = {}
    unknown = sorted(set(obj) - {"text", "attachments"})
    for key in unknown:
        problems[key] = "Kolom tidak dikenal."
    text = obj.get("text")
    if not isinstance(text, str):
        problems["text"] = "Isi tanggapan wajib diisi (teks)."
    attachments = obj.get("attachments", [])
    if not isinstance(attachments, list) or not all(isinstance(p, str) and p.strip() for p in attachments):
        problems["attachments"] = 'Harus berupa daftar path berkas, misalnya ["foto.jpg"].'
    if problems:
        raise CliError("Data tanggapan tidak dapat dibaca; perbaiki kolom berikut.", fields=problems)
    assert isinstance(text, str) and isinstance(attachments, list)
    return text, attachments


def _report_json(report: Any) -> dict[str, Any]:
    from lapor_desktop.reports.json_form import report_to_json

    return report_to_json(report)


def cmd_report_list(args: argparse.Namespace) -> None:
    # Fast path: plain sqlite3 reads, no SQLAlchemy import.
    from lapor_desktop.app import prepare_data_dir
    from lapor_desktop.domain import ReportState
    from lapor_desktop.reports.queries import ReportFilter, ReportQueries
    from lapor_desktop.timestamps import to_wire

    states: tuple[ReportState, ...] = ()
    if args.state:
        try:
            states = tuple(ReportState(s) for s in args.state.split(","))
        except ValueError as exc:
            choices = ", ".join(s.value for s in ReportState)
            raise CliError(f"Status tidak dikenal: {args.state}. Pilihan: {choices}.") from exc
    queries = ReportQueries(prepare_data_dir(args.data_dir))
    try:
        page = queries.page(ReportFilter(states=states, search=args.search or ""), limit=args.limit)
    finally:
        queries.close()
    emit(
        [
            {
                "id": row.id,
                "local_ref": row.local_ref,
                "state": row.state.value,
                "classification": row.classification.value if row.classification else None,
                "title": row.title,
                "category_code": row.category_code,
                "reporter_name": None if row.anonymous else row.reporter_name,
                "anonymous": row.anonymous,
                "recorded_at": to_wire(row.recorded_at),
                "remote_status": row.remote_status.value if row.remote_status else None,
                "tracking_id": row.tracking_id,
            }
            for row in page.rows
        ]
    )


# -- office and operator ---------------------------------------------------------------


def cmd_office_set(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.settings import OfficeKind, SettingsError, check_office, update_settings

    try:
        office = check_office(OfficeKind(args.kind), args.name, args.region_code)
    except SettingsError as exc:
        raise CliError(str(exc), fields={"region_code": str(exc)}) from exc
    args.data_dir.mkdir(parents=True, exist_ok=True)
    settings = update_settings(args.data_dir, office=office)
    from lapor_desktop.offices.keys import ensure_keys

    ensure_keys(args.data_dir)  # paket signing and encryption keys, made once per office
    emit(
        {
            "office": {"kind": office.kind.value, "name": office.name, "region_code": office.region_code},
            "operator": settings.operator,
        }
    )


def cmd_operator_set(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.settings import SettingsError, check_operator, update_settings

    try:
        name = check_operator(args.name)
    except SettingsError as exc:
        raise CliError(str(exc), fields={"operator": str(exc)}) from exc
    args.data_dir.mkdir(parents=True, exist_ok=True)
    update_settings(args.data_dir, operator=name)
    emit({"operator": name})


def cmd_server_set(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.settings import SettingsError, check_server_url, update_settings
    from lapor_desktop.offices.token_store import save_token

    try:
        url = check_server_url(args.url)
    except SettingsError as exc:
        raise CliError(str(exc), fields={"server_url": str(exc)}) from exc
    args.data_dir.mkdir(parents=True, exist_ok=True)
    update_settings(args.data_dir, server_url=url)
    where = save_token(args.data_dir, args.token) if args.token else None
    emit({"server_url": url, "token_saved_in": where})


# -- wiring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandSource:
    """A module outside the CLI and the top-level commands it adds (or adds to, as `report receipt`).

    `load` imports the module (None when this build lacks it); it is called only
    when the command line names one of `names`, or asks for the full `--help`.
    """

    names: tuple[str, ...]
    load: Callable[[], CommandModule | None]


def _add_report(commands: Any) -> None:
    report = commands.add_parser("report", help="catat dan cari laporan").add_subparsers(
        dest="action", metavar="AKSI", required=True
    )
    add = report.add_parser(
        "add",
        help="catat laporan baru dari JSON (berkas atau - untuk stdin); larik JSON atau JSON per baris: "
        "banyak laporan, masing-masing diperiksa dan disimpan sendiri",
    )
    add.add_argument("file")
    add.set_defaults(handler=cmd_report_add)
    lst = report.add_parser("list", help="daftar laporan, terbaru dulu")
    lst.add_argument("--state", help="draft, queued, sent, needs_fix (pisahkan dengan koma)")
    lst.add_argument(
        "--search", help="cari di judul, isi, nama pelapor, nomor laporan; atau NIK / nomor telepon pelapor"
    )
    lst.add_argument("--limit", type=int, default=200)
    lst.set_defaults(handler=cmd_report_list)
    show = report.add_parser("show", help="tampilkan satu laporan dengan riwayatnya")
    show.add_argument("id", type=int)
    show.set_defaults(handler=cmd_report_show)
    reply = report.add_parser(
        "reply", help="catat tanggapan pelapor atas laporan terkirim (dikirim saat sinkronisasi)"
    )
    reply.add_argument("id", type=int)
    reply.add_argument("--text", help="isi tanggapan (5 sampai 2.000 karakter)")
    reply.add_argument("--attach", action="append", metavar="BERKAS", help="lampiran JPEG/PNG/PDF (maks. 5)")
    reply.add_argument(
        "--json", metavar="BERKAS", help='JSON {"text": ..., "attachments": [path]} atau - (stdin)'
    )
    reply.set_defaults(handler=cmd_report_reply)
    queue = report.add_parser("queue", help="antrekan laporan untuk dikirim")
    queue.add_argument("id", type=int)
    queue.set_defaults(handler=cmd_report_queue)
    unqueue = report.add_parser("unqueue", help="kembalikan laporan antrean ke draf")
    unqueue.add_argument("id", type=int)
    unqueue.set_defaults(handler=cmd_report_unqueue)
    edit = report.add_parser("edit", help="ubah draf atau laporan yang perlu diperbaiki (JSON sebagian)")
    edit.add_argument("id", type=int)
    edit.add_argument("file")
    edit.set_defaults(handler=cmd_report_edit)


def _add_office(commands: Any) -> None:
    office = commands.add_parser("office", help="data kantor").add_subparsers(
        dest="action", metavar="AKSI", required=True
    )
    office_set = office.add_parser("set", help="atur kantor desa/kecamatan")
    office_set.add_argument("--kind", choices=["desa", "kecamatan"], default="desa")
    office_set.add_argument("--name", required=True)
    office_set.add_argument("--region-code", required=True)
    office_set.set_defaults(handler=cmd_office_set)
    from lapor_desktop.kecamatan.commands import add_office_commands

    add_office_commands(office)  # public-key, trust, known


def _add_operator(commands: Any) -> None:
    operator = commands.add_parser("operator", help="operator yang mencatat").add_subparsers(
        dest="action", metavar="AKSI", required=True
    )
    operator_set = operator.add_parser("set", help="atur nama operator")
    operator_set.add_argument("name")
    operator_set.set_defaults(handler=cmd_operator_set)


def _add_server(commands: Any) -> None:
    server = commands.add_parser("server", help="server LAPOR!").add_subparsers(
        dest="action", metavar="AKSI", required=True
    )
    server_set = server.add_parser("set", help="atur alamat server dan token")
    server_set.add_argument("url")
    server_set.add_argument("--token")
    server_set.set_defaults(handler=cmd_server_set)


# The core's own commands, in the order `--help` lists them (before the sources').
CORE_COMMANDS: dict[str, Callable[[Any], None]] = {
    "report": _add_report,
    "office": _add_office,
    "operator": _add_operator,
    "server": _add_server,
}
_HELP = ("-h", "--help")
_DATA_DIR = "--data-dir"


def named_command(argv: Sequence[str]) -> str | None:
    """The top-level command argv names (its first positional), or None.

    Mirrors the top-level options: `--data-dir` (or an abbreviation of it, as
    argparse allows) takes the next word unless written with `=`.
    """
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if not word.startswith("-"):
            return word
        if "=" not in word and len(word) > 2 and _DATA_DIR.startswith(word):
            next(words, None)
    return None


def build_parser(
    sources: Sequence[CommandSource] = (), *, only: str | None = None
) -> argparse.ArgumentParser:
    """The parser with the core's commands plus the sources'; with `only`, that command alone.

    The composition root (`lapor_desktop.__main__`) hands in the sources that
    live elsewhere (sync, training server, profiles, paket), so the CLI never
    names a package above the core. A command line that names one command
    builds just that one: `report list` does not pay for forty other parsers.
    """
    parser = Parser(
        prog="lapor-desktop",
        description="LAPOR Desa: catat laporan warga tanpa internet, kirim ke SP4N-LAPOR! saat terhubung.",
    )
    parser.add_argument(
        _DATA_DIR, help="folder data (bawaan: folder data pengguna; atau LAPOR_DESKTOP_DATA_DIR)"
    )
    parser.add_argument("--version", action="store_true", help="tampilkan versi")
    # Listed for --help; the entry point runs the self-test before this parser is built.
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="uji mandiri instalasi ini (folder data sementara), lalu keluar",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name, add in CORE_COMMANDS.items():
        if only is None or only == name:
            add(commands)
    for source in sources:
        if only is not None and only not in source.names:
            continue
        module = source.load()
        if module is not None:
            module.add_commands(commands)
    return parser


def _parser_for(argv: Sequence[str], sources: Sequence[CommandSource]) -> argparse.ArgumentParser:
    """Only the named command's parser; every command for `--help` alone or a name nobody knows
    (argparse then lists them all); none when argv names no command (the window starts)."""
    named = named_command(argv)
    known = set(CORE_COMMANDS).union(*(source.names for source in sources))
    if named in known:
        return build_parser(sources, only=named)
    if named is None and not any(word in _HELP for word in argv):
        return build_parser((), only="")
    return build_parser(sources)


def _translate(exc: BaseException) -> CliError | None:
    """Known failures become a JSON error and an exit code; anything else is a bug and raises."""
    from lapor_desktop.attachments.processing import AttachmentRejected
    from lapor_desktop.domain import TransitionError
    from lapor_desktop.errors import FieldErrors

    if isinstance(exc, CliError):
        return exc
    if isinstance(exc, FieldErrors):
        return CliError(exc.summary, fields=exc.fields)
    if isinstance(exc, AttachmentRejected):
        return CliError(exc.message, fields={"attachments": exc.message})
    if isinstance(exc, TransitionError):
        return CliError(str(exc))
    if "sqlalchemy" in sys.modules:  # only then can the service's errors have been raised
        from lapor_desktop.reports.service import (
            AlreadySending,
            AwaitingReview,
            NotEditable,
            NotFound,
            OfficeNotSet,
        )

        if isinstance(exc, NotFound | NotEditable | AlreadySending | AwaitingReview):
            return CliError(str(exc))
        if isinstance(exc, OfficeNotSet):
            return CliError(str(exc), code=EXIT_CONFIG)
    return None


def _storage_error(exc: BaseException, data_dir: Path) -> CliError | None:
    """A full disk, a read-only folder, a corrupt or lost database: one line, exit 1, no traceback."""
    from lapor_desktop.storage.faults import classify

    fault = classify(exc, data_dir)
    return None if fault is None else CliError(fault.cli_line(data_dir), code=EXIT_CONFIG)


def run(argv: Sequence[str] | None = None, sources: Sequence[CommandSource] = ()) -> int:
    """Runs one command and returns its exit code, or `NO_COMMAND` when argv names none."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser_for(argv, sources).parse_args(argv)
    if args.version:
        from lapor_desktop import __version__

        emit({"version": __version__})
        return EXIT_OK
    if args.self_test:
        # The self-test renders the window and loads sync: only the entry point may run it.
        fail(CliError("--self-test hanya dapat dijalankan lewat perintah lapor-desktop.", code=EXIT_CONFIG))
    # Commands work on the active office (the practice one while training is on);
    # profile and training commands also need the real one.
    from lapor_desktop.offices.training import active_data_dir

    args.base_data_dir = resolve_data_dir(args.data_dir)
    args.data_dir = active_data_dir(args.base_data_dir)
    handler = getattr(args, "handler", None)
    if handler is None:
        return NO_COMMAND
    try:
        result = handler(args)
    except Exception as exc:
        error = _translate(exc) or _storage_error(exc, args.data_dir)
        if error is None:
            raise
        fail(error)
    return result if isinstance(result, int) else EXIT_OK
