"""The look-up service the report form will call from its worker thread."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from lapor_desktop.app import prepare_data_dir
from lapor_desktop.penduduk.kinds import DateSource
from lapor_desktop.penduduk.reader import ExportRefused
from lapor_desktop.penduduk.service import MAX_SUGGESTIONS, PendudukService
from tests.penduduk.conftest import BUDI_NIK, KARTO_NIK, SITI_NIK, first_register, resident_row
from tests.support.opensid import OpenSidRow, generated_rows, nik_for, write_opensid_zip


@pytest.fixture
def service(office_dir: Path) -> Iterator[PendudukService]:
    with PendudukService(prepare_data_dir(office_dir)) as opened:
        yield opened


def namesake_rows() -> list[OpenSidRow]:
    names = ["SITI AMINAH", "SITI  AMINAH BINTI ALI", "Siti Aisyah", "SITIYAH", "SUPARMI", "AMINAH SITI"]
    return [
        resident_row(name, nik_for(dt.date(1970 + i, 1, 1), 10 + i, female=True), id=str(10 + i))
        for i, name in enumerate(names)
    ]


def test_find_by_full_nik(service: PendudukService, tmp_path: Path) -> None:
    assert service.find(SITI_NIK) is None  # nothing imported yet
    service.import_file(write_opensid_zip(tmp_path, first_register()))

    siti = service.find(f" {SITI_NIK} ")
    assert siti is not None
    assert (siti.name, siti.birth_date) == ("SITI AMINAH", dt.date(1985, 3, 12))
    assert siti.formatted_address == "JL. MERPATI NO. 7, Dusun SUKAMAJU RT 003/RW 001"
    assert service.find(KARTO_NIK) is None  # died
    for not_a_nik in ("0", "", SITI_NIK[:15], SITI_NIK + "1", "0" + SITI_NIK[1:], "18010152038500x1"):
        assert service.find(not_a_nik) is None


def test_suggest_by_name_prefix(service: PendudukService, tmp_path: Path) -> None:
    service.import_file(write_opensid_zip(tmp_path, first_register() + namesake_rows()))

    def names(typed: str, limit: int = 10) -> list[str]:
        return [r.name for r in service.suggest(typed, limit)]

    assert names("siti") == ["Siti Aisyah", "SITI AMINAH", "SITI AMINAH", "SITI AMINAH BINTI ALI", "SITIYAH"]
    assert names("siti ") == ["Siti Aisyah", "SITI AMINAH", "SITI AMINAH", "SITI AMINAH BINTI ALI"]
    assert names("  SITI   AMINAH b") == ["SITI AMINAH BINTI ALI"]
    assert names("siti", limit=2) == ["Siti Aisyah", "SITI AMINAH"]
    assert names("") == [] and names("   ") == []
    assert names("zzz") == []
    assert names("BUDI")[0] == "BUDI SANTOSO"
    assert len(service.suggest("S", limit=1000)) <= MAX_SUGGESTIONS


def test_status_carries_the_date_of_the_data(service: PendudukService, tmp_path: Path) -> None:
    assert service.status().last_import is None
    service.import_file(write_opensid_zip(tmp_path, first_register(), day=dt.date(2026, 12, 2)))
    status = service.status()
    assert status.residents == 2
    assert status.last_import is not None
    assert (status.last_import.export_date, status.last_import.date_source) == (
        dt.date(2026, 12, 2),
        DateSource.FILE_NAME,
    )


def test_usable_from_worker_threads(service: PendudukService, tmp_path: Path) -> None:
    rows = list(generated_rows(500))
    service.import_file(write_opensid_zip(tmp_path, rows))
    niks = [row.nomor_nik for row in rows]

    def look_up(nik: str) -> tuple[str, str | None]:
        found = service.find(nik)
        return nik, None if found is None else found.nik

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(look_up, niks * 2))
    assert all(nik == found for nik, found in results)

    suggestions: list[int] = []
    worker = threading.Thread(target=lambda: suggestions.append(len(service.suggest("siti"))))
    worker.start()
    worker.join()
    assert suggestions and suggestions[0] > 0


def test_import_reports_progress_and_refusals(service: PendudukService, tmp_path: Path) -> None:
    seen: list[int] = []
    summary = service.import_file(
        write_opensid_zip(tmp_path, list(generated_rows(1200))), progress=seen.append
    )
    assert summary.record.imported == 1200 and seen[-1] == 1200

    bad = tmp_path / "bukan.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(ExportRefused):
        service.import_file(bad)
    assert service.status().residents == 1200


def test_clear_while_a_lookup_connection_is_open(service: PendudukService, tmp_path: Path) -> None:
    service.import_file(write_opensid_zip(tmp_path, first_register()))
    assert service.find(BUDI_NIK) is not None
    assert service.clear().deleted == 2
    assert service.find(BUDI_NIK) is None
    assert service.status().residents == 0
