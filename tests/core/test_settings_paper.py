"""The paper and the tracking link kept with the office's settings; older settings files still load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lapor_desktop.offices.settings import (
    DEFAULT_TRACKING_URL,
    Paper,
    Settings,
    SettingsError,
    check_tracking_url,
    load_settings,
    parse_paper,
    save_settings,
    update_settings,
)


def test_a_settings_file_from_before_has_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        json.dumps(
            {
                "office": {"kind": "desa", "name": "Desa Way Huwi", "region_code": "18.01.01.2001"},
                "operator": "Siti Aminah",
                "server_url": None,
                "training": False,
                "language": "id",
            }
        ),
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.operator == "Siti Aminah"
    assert settings.paper is Paper.A4
    assert settings.tracking_url is None and settings.document_folder is None
    assert settings.tracking_link("LAP-1") == "https://www.lapor.go.id/laporan/detil/LAP-1"


def test_paper_and_link_survive_a_round_trip(tmp_path: Path) -> None:
    update_settings(tmp_path, paper=Paper.ROLL_58, tracking_url="https://lapor.example.id/l/{tracking_id}")
    raw = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert raw["paper"] == "58mm"
    settings = load_settings(tmp_path)
    assert settings.paper is Paper.ROLL_58
    assert settings.tracking_link("LAP-9") == "https://lapor.example.id/l/LAP-9"


def test_a_paper_this_version_does_not_know_falls_back_to_a4(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings())
    raw = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    raw["paper"] = "letter"
    (tmp_path / "settings.json").write_text(json.dumps(raw), encoding="utf-8")
    assert load_settings(tmp_path).paper is Paper.A4


@pytest.mark.parametrize(
    ("text", "paper"),
    [
        ("a4", Paper.A4),
        ("A5", Paper.A5),
        ("80mm", Paper.ROLL_80),
        ("80 mm", Paper.ROLL_80),
        ("58", Paper.ROLL_58),
    ],
)
def test_paper_names(text: str, paper: Paper) -> None:
    assert parse_paper(text) is paper


def test_an_unknown_paper_is_named_in_bahasa() -> None:
    with pytest.raises(
        SettingsError, match="Ukuran kertas tidak dikenal: '57mm'. Pilihan: a4, a5, 80mm, 58mm."
    ):
        parse_paper("57mm")


def test_tracking_link_pattern_checks() -> None:
    assert (
        check_tracking_url(" https://lapor.go.id/x/{tracking_id} ") == "https://lapor.go.id/x/{tracking_id}"
    )
    for bad in (
        "lapor.go.id/{tracking_id}",
        "https://lapor.go.id/laporan",
        "https://a/{tracking_id}/{tracking_id}",
    ):
        with pytest.raises(SettingsError):
            check_tracking_url(bad)
    assert "{tracking_id}" in DEFAULT_TRACKING_URL


def test_no_link_before_a_tracking_number_or_in_training() -> None:
    assert Settings().tracking_link(None) is None
    assert Settings(training=True).tracking_link("LAP-1") is None
