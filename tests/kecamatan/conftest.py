"""Two (or three) real offices in their own data dirs, talking through paket files and the CLI."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lapor_desktop.storage.paths import DB_FILENAME
from tests.support.cli import Cli
from tests.support.images import write_plain_jpeg
from tests.support.reports import valid_content

DESA_CODE = "18.01.01.2001"
DESA2_CODE = "18.01.01.2002"
KECAMATAN_CODE = "18.01.01"
OTHER_KECAMATAN_CODE = "18.01.02"


@dataclass
class Office:
    data_dir: Path
    cli: Cli
    code: str

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    def identity_file(self) -> Path:
        path = self.data_dir.parent / f"profil-{self.code}.txt"
        self.cli("office", "public-key", "--out", str(path), raw=True)
        return path

    def trust(self, other: Office) -> dict[str, object]:
        return self.cli("office", "trust", str(other.identity_file()))  # type: ignore[return-value]


def make_cli_office(
    root: Path, capsys: pytest.CaptureFixture[str], kind: str, name: str, code: str
) -> Office:
    data_dir = root / f"{kind}-{code}"
    cli = Cli(data_dir, capsys)
    cli("office", "set", "--kind", kind, "--name", name, "--region-code", code)
    cli("operator", "set", "Operator " + name)
    return Office(data_dir, cli, code)


@dataclass
class Offices:
    desa: Office
    kecamatan: Office
    root: Path


@pytest.fixture
def offices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Offices:
    """A desa and its kecamatan that trust each other (profiles exchanged), as after set-up day."""
    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    desa.trust(kecamatan)
    kecamatan.trust(desa)
    return Offices(desa, kecamatan, tmp_path)


def queue_reports(data_dir: Path, n: int, *, photo_dir: Path | None = None, seed: int = 0) -> list[int]:
    """Record and queue `n` reports at an office (with one photo each when `photo_dir` is given)."""
    from lapor_desktop.app import open_app

    ids = []
    with open_app(data_dir) as app:
        for i in range(n):
            refs: tuple[object, ...] = ()
            if photo_dir is not None:
                photo = write_plain_jpeg(
                    photo_dir / f"foto-{seed}-{i}.jpg", (320, 240), seed=seed * 1000 + i + 3
                )
                refs = tuple(app.reports.import_attachments([photo]))
            content = valid_content(title=f"Jalan rusak nomor {seed}-{i}", attachments=refs)
            ids.append(app.reports.create(content, queue=True).id)
    return ids


def db_dump(db_path: Path) -> list[str]:
    """Every row of every table (and the schema), for "nothing changed" checks."""
    connection = sqlite3.connect(db_path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def blob_names(data_dir: Path) -> set[str]:
    root = data_dir / "attachments"
    return {p.name for p in root.glob("??/*")} if root.exists() else set()


@pytest.fixture
def snapshot() -> Iterator[object]:
    """Call with an Office to take its state; call the result to assert nothing changed since."""

    def take(office: Office):  # type: ignore[no-untyped-def]
        before = (db_dump(office.db_path), blob_names(office.data_dir))

        def unchanged() -> None:
            after = (db_dump(office.db_path), blob_names(office.data_dir))
            assert after[1] == before[1], "attachment files changed"
            assert after[0] == before[0], "database changed"

        return unchanged

    yield take
