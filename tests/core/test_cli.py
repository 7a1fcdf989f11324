"""The command line as automation uses it: JSON in, JSON out, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lapor_desktop.__main__ import run_cli as run
from tests.support.cli import Cli
from tests.support.images import write_photo_jpeg, write_sparse_file
from tests.support.reports import valid_input_json

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(data_dir, capsys) -> Cli:
    c = Cli(data_dir, capsys)
    c("office", "set", "--name", "Desa Way Huwi", "--region-code", "18.01.01.2001")
    c("operator", "set", "Siti Aminah")
    return c


def test_add_list_show_queue_edit_round_trip(cli, tmp_path):
    photo = write_photo_jpeg(tmp_path / "jalan.jpg", (4000, 3000))
    added = cli("report", "add", "-", stdin=valid_input_json(attachments=[str(photo)]))
    assert added["state"] == "draft" and added["local_ref"].startswith("18.01.01.2001/")
    assert added["attachments"][0]["content_type"] == "image/jpeg"
    assert added["attachments"][0]["size"] < 1_000_000
    assert added["recorded_by"] == "Siti Aminah"
    listed = cli("report", "list")
    assert [r["id"] for r in listed] == [added["id"]]
    assert cli("report", "list", "--search", "jalan rusak")[0]["id"] == added["id"]
    assert cli("report", "list", "--state", "queued") == []
    edited = cli("report", "edit", str(added["id"]), "-", stdin={"title": "Jalan desa rusak berat"})
    assert edited["title"] == "Jalan desa rusak berat"
    assert edited["attachments"] == added["attachments"]  # kept: the patch named no files
    assert edited["reporter"]["nik"] == added["reporter"]["nik"]
    queued = cli("report", "queue", str(added["id"]))
    assert queued["state"] == "queued"
    shown = cli("report", "show", str(added["id"]))
    assert [a["action"] for a in shown["audit"]] == ["created", "edited", "queued"]
    error = cli("report", "edit", str(added["id"]), "-", stdin={"title": "Tidak boleh"}, expect=2)
    assert "tidak dapat diubah" in error["message"]


def test_add_with_queue_true(cli):
    assert cli("report", "add", "-", stdin=valid_input_json(queue=True))["state"] == "queued"


@pytest.mark.parametrize(
    ("stdin", "field"),
    [
        ("{not json", None),
        ("[1, 2", None),
        (valid_input_json(colour="red"), "colour"),
        (valid_input_json(reporter={"name": "Budi", "foo": 1}), "reporter.foo"),
        (valid_input_json(title=12), "title"),
        (valid_input_json(anonymous="yes"), "anonymous"),
        (valid_input_json(location={"region_code": "18.01.01.2001", "latitude": "abc"}), "location.latitude"),
        (valid_input_json(incident_date="2026-13-45"), "incident_date"),
        (valid_input_json(client_id="x"), "client_id"),
        (valid_input_json(title="🔥" * 151), "title"),
        (valid_input_json(queue=True, reporter={"name": "Budi", "nik": "180101120585000"}), "reporter.nik"),
        (valid_input_json(queue=True, reporter={"name": "Budi", "phone": "12345"}), "reporter.phone"),
        (valid_input_json(queue=True, body="terlalu pendek"), "body"),
    ],
)
def test_bad_input_is_refused_with_field_errors_and_changes_nothing(cli, stdin, field):
    error = cli("report", "add", "-", stdin=stdin, expect=2)
    assert error["message"]
    if field is not None:
        assert field in error["fields"], error
        assert all(isinstance(m, str) and m for m in error["fields"].values())
    assert cli.count() == 0


def test_emoji_in_a_normal_title_is_fine(cli):
    added = cli("report", "add", "-", stdin=valid_input_json(title="Jalan rusak 🚧 di dusun", queue=True))
    assert added["title"] == "Jalan rusak 🚧 di dusun"


def test_bad_attachments_are_refused_and_change_nothing(cli, tmp_path, data_dir):
    text_as_jpeg = tmp_path / "foto.jpg"
    text_as_jpeg.write_text("ini bukan foto")
    huge = write_sparse_file(tmp_path / "besar.jpg", 50 * 1024 * 1024)
    good = write_photo_jpeg(tmp_path / "baik.jpg", (1200, 900))
    for bad in (text_as_jpeg, huge):
        error = cli("report", "add", "-", stdin=valid_input_json(attachments=[str(good), str(bad)]), expect=2)
        assert "attachments" in error["fields"]
    error = cli(
        "report", "add", "-", stdin=valid_input_json(attachments=[str(tmp_path / "hilang.jpg")]), expect=2
    )
    assert "attachments" in error["fields"]
    assert cli.count() == 0
    assert list((data_dir / "attachments").glob("??/*")) == []


def test_missing_input_file_and_unknown_report(cli, tmp_path):
    assert "tidak ditemukan" in cli("report", "add", str(tmp_path / "nope.json"), expect=2)["message"]
    assert "tidak ditemukan" in cli("report", "show", "42", expect=2)["message"]


def test_office_validation(cli):
    error = cli("office", "set", "--name", "Desa", "--region-code", "18.01", expect=2)
    assert "18.01.01.2001" in error["message"]


def test_recording_before_office_is_set_is_a_config_error(data_dir, capsys):
    code = None
    sys.stdin = io.StringIO(json.dumps(valid_input_json()))
    try:
        run(["--data-dir", str(data_dir), "report", "add", "-"])
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.stdin = sys.__stdin__
    assert code == 1
    assert "office set" in json.loads(capsys.readouterr().err)["error"]["message"]


def test_real_process_exit_codes_and_env_data_dir(tmp_path):
    env = {**os.environ, "LAPOR_DESKTOP_DATA_DIR": str(tmp_path / "env-data"), "PYTHONPATH": str(REPO)}
    base = [sys.executable, "-m", "lapor_desktop"]
    ok = subprocess.run([*base, "report", "list"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0 and json.loads(ok.stdout) == []
    assert (tmp_path / "env-data" / "lapor.db").exists()
    bad = subprocess.run([*base, "report", "add", "-"], input="{", env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "JSON tidak valid" in json.loads(bad.stderr)["error"]["message"]


def test_report_list_does_not_import_heavy_modules(tmp_path):
    code = (
        "import sys, runpy; sys.argv = ['lapor-desktop', '--data-dir', sys.argv[1], 'report', 'list'];"
        "from lapor_desktop.__main__ import main; main(sys.argv[1:]);"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'PIL', 'requests', 'PySide6', 'sync.commands',"
        " 'lapor_desktop.backup.commands', 'lapor_desktop.penduduk.commands', 'lapor_desktop.kecamatan.commands')"
        " if m in sys.modules];"
        "print('HEAVY', heavy)"
    )

    def list_in_fresh_process() -> str:
        return subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "d")],
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    list_in_fresh_process()  # the first run migrates (alembic, sqlalchemy)
    assert "HEAVY []" in list_in_fresh_process()  # the fast path we care about


# -- many reports in one run ---------------------------------------------------------------------


def _add_many(cli: Cli, stdin: str | list[object], expect: int) -> tuple[dict, dict | None]:
    """`report add -` with several reports: the listed results (stdout) and the error (stderr), if any."""
    cli.capsys.readouterr()
    sys.stdin = io.StringIO(stdin if isinstance(stdin, str) else json.dumps(stdin))
    try:
        code = run(["--data-dir", str(cli.data_dir), "report", "add", "-"])
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.stdin = sys.__stdin__
    out, err = cli.capsys.readouterr()
    assert code == expect, (code, out, err)
    return json.loads(out), (json.loads(err)["error"] if err else None)


def test_add_many_stores_each_good_item_and_lists_why_the_others_were_refused(cli):
    items = [
        valid_input_json(title="Lampu jalan padam"),
        valid_input_json(title=12),
        valid_input_json(title="Jembatan putus", queue=True),
        "bukan objek",
        valid_input_json(queue=True, body="terlalu pendek"),
    ]
    listed, error = _add_many(cli, items, expect=2)
    assert (listed["stored"], listed["refused"]) == (2, 3)
    results = listed["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3, 4]
    stored = {r["index"]: r for r in results if "id" in r}
    assert set(stored) == {0, 2}
    assert stored[0]["state"] == "draft" and stored[2]["state"] == "queued"
    assert "title" in results[1]["errors"]
    assert "$" in results[3]["errors"]
    assert "body" in results[4]["errors"]
    assert all(r["message"] for r in results if "id" not in r)
    assert "3 dari 5" in error["message"]
    titles = {r["id"]: r["title"] for r in cli("report", "list")}
    assert titles == {stored[0]["id"]: "Lampu jalan padam", stored[2]["id"]: "Jembatan putus"}


def test_add_many_as_json_lines_refuses_a_broken_line_on_its_own(cli):
    lines = [
        json.dumps(valid_input_json(title="Air bersih tidak mengalir")),
        '{"title": "rusak",',
        "",
        json.dumps(valid_input_json(title="Sampah menumpuk di sungai")),
    ]
    listed, error = _add_many(cli, "\n".join(lines) + "\n", expect=2)
    assert [("id" in r) for r in listed["results"]] == [True, False, True]
    assert "JSON tidak valid (baris 2" in listed["results"][1]["message"]
    assert error is not None
    assert cli.count() == 2


def test_add_many_all_good_exits_0_and_an_empty_array_stores_nothing(cli):
    listed, error = _add_many(cli, [valid_input_json(), valid_input_json(queue=True)], expect=0)
    assert error is None and listed["stored"] == 2 and listed["refused"] == 0
    assert len({r["local_ref"] for r in listed["results"]}) == 2
    assert _add_many(cli, [], expect=0)[0] == {"stored": 0, "refused": 0, "results": []}
    listed, _error = _add_many(cli, [1, 2], expect=2)
    assert listed["refused"] == 2 and all("$" in r["errors"] for r in listed["results"])
    assert cli.count() == 2


def test_add_many_before_the_office_is_set_stops_with_a_config_error(data_dir, capsys):
    cli = Cli(data_dir, capsys)
    _listed, error = _add_many(cli, [valid_input_json(), valid_input_json()], expect=1)
    assert "office set" in error["message"]


# -- the parser: only the command named is built --------------------------------------------------


def test_every_command_module_adds_the_commands_the_composition_root_names_for_it():
    import argparse

    from lapor_desktop.__main__ import COMMAND_MODULES, load_command_module
    from lapor_desktop.cli.main import CORE_COMMANDS

    for name, declared in COMMAND_MODULES.items():
        parser = argparse.ArgumentParser()
        commands = parser.add_subparsers()
        for core in CORE_COMMANDS.values():  # a module may add to a core command (report receipt)
            core(commands)
        before = {n: _actions(p) for n, p in commands.choices.items()}
        load_command_module(name).add_commands(commands)
        touched = {n for n, p in commands.choices.items() if before.get(n) != _actions(p)}
        assert touched == set(declared), name


def _actions(parser) -> tuple[str, ...]:
    import argparse

    return tuple(
        choice
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for choice in action.choices
    )


def test_help_lists_every_command_and_a_command_help_its_actions(cli):
    from lapor_desktop.__main__ import COMMAND_MODULES
    from lapor_desktop.cli.main import CORE_COMMANDS

    def help_of(*args: str) -> str:
        cli.capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            run([*args, "--help"])
        assert exited.value.code == 0
        return cli.capsys.readouterr().out

    listed = help_of()
    for command in [*CORE_COMMANDS, *(n for names in COMMAND_MODULES.values() for n in names)]:
        assert f"    {command} " in listed, command
    report = help_of("--data-dir", str(cli.data_dir), "report")
    for action in ("add", "list", "show", "queue", "unqueue", "edit", "receipt"):
        assert f"    {action} " in report, action
    assert "--watch" in help_of("sync")


def test_a_mistyped_command_is_refused_with_every_choice(data_dir, capsys):
    with pytest.raises(SystemExit) as exited:
        run(["--data-dir", str(data_dir), "reprot", "list"])
    assert exited.value.code == 2
    message = capsys.readouterr().err
    assert "reprot" in message and "'report'" in message and "'penduduk'" in message


def test_the_named_command_is_found_after_the_global_options():
    from lapor_desktop.cli.main import named_command

    assert named_command(["--data-dir", "report", "list"]) == "list"  # report is the folder's name here
    assert named_command(["--data-dir=x", "report", "list"]) == "report"
    assert named_command(["--data", "x", "sync"]) == "sync"  # argparse's abbreviation
    assert named_command(["--version"]) is None
    assert named_command(["-h"]) is None


def test_report_list_finds_the_reporter_by_nik_or_phone(cli):
    added = cli("report", "add", "-", stdin=valid_input_json())
    cli("report", "add", "-", stdin=valid_input_json(reporter={"name": "Sri", "phone": "0813 1111 2222"}))
    for written in ("+62 812-3456-7890", "0812 3456 7890", "1801 0112 0585 0001"):
        assert [r["id"] for r in cli("report", "list", "--search", written)] == [added["id"]], written
    assert cli("report", "list", "--search", "1801011205") == []  # part of a NIK: not a word anywhere


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["server", "set", "--url", "x"], "argumen tidak dikenal: --url"),
        (["report", "show", "abc"], "argumen id: nilai 'abc' tidak sah (harus bilangan bulat)"),
        (["report", "reply"], "argumen berikut wajib diisi: id"),
        (["report", "list", "--limit", "banyak"], "argumen --limit: nilai 'banyak' tidak sah"),
        (["laporan"], "argumen PERINTAH: pilihan 'laporan' tidak ada"),
    ],
)
def test_a_command_line_argparse_refuses_is_told_in_bahasa_indonesia(data_dir, capsys, argv, said):
    with pytest.raises(SystemExit) as stopped:
        run(["--data-dir", str(data_dir), *argv])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("cara pakai: lapor-desktop")
    assert "kesalahan: " + said in err
    assert "usage" not in err and "error" not in err
    assert not (data_dir / "lapor.db").exists()  # nothing was touched


def test_help_is_in_bahasa_indonesia(data_dir, capsys):
    with pytest.raises(SystemExit) as stopped:
        run(["report", "reply", "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("cara pakai: lapor-desktop report reply")
    assert "argumen:" in out and "pilihan:" in out and "tampilkan bantuan ini lalu keluar" in out
    assert "usage" not in out and "options" not in out
