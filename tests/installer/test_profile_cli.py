"""`profile make|key|trust|show` and `setup --profile` as a trainer and an operator type them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lapor_desktop.__main__ import run_cli as run
from lapor_desktop.offices.profiles import CSV_HEADER
from lapor_desktop.offices.settings import load_settings
from lapor_desktop.offices.token_store import load_token
from lapor_desktop.offices.training import training_dir


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str, expect: int = 0) -> dict:  # type: ignore[type-arg]
    try:
        code = run(["--data-dir", str(data_dir), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert code == expect, (out, err)
    return json.loads(out) if code == 0 else json.loads(err)["error"]


def test_trainer_to_office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trainer, office = tmp_path / "trainer", tmp_path / "office"
    csv_path = tmp_path / "offices.csv"
    csv_path.write_text(
        ",".join(CSV_HEADER)
        + "\ndesa,Desa Way Huwi,18.01.09.2001,http://127.0.0.1:8080/api,tok-latihan,true\n"
        + "desa,Desa Way Huwi,18.01.09.2001,https://lapor.example.go.id/api,tok-asli,false\n",
        encoding="utf-8",
    )
    key = _cli(capsys, trainer, "profile", "key", "--out", str(tmp_path / "trainer.key"))
    made = _cli(capsys, trainer, "profile", "make", str(csv_path), "--out", str(tmp_path / "profiles"))
    assert made["signer_fingerprint"] == key["fingerprint"]
    training_profile, real_profile = (Path(p) for p in made["profiles"])

    # Not trusted yet: refused with the fingerprint to compare.
    refused = _cli(capsys, office, "setup", "--profile", str(training_profile), expect=1)
    assert key["fingerprint"] in refused["message"]
    assert not (office / "settings.json").exists()

    shown = _cli(capsys, office, "profile", "show", str(training_profile))
    assert shown["token"] == "(ada)" and shown["trusted"] is False
    assert (
        _cli(capsys, office, "profile", "trust", str(tmp_path / "trainer.key"))["fingerprint"]
        == key["fingerprint"]
    )

    applied = _cli(capsys, office, "setup", "--profile", str(training_profile), "--operator", "Siti Aminah")
    assert applied["data_dir"] == str(training_dir(office))
    assert applied["needs_operator"] is False
    assert load_token(training_dir(office)) == "tok-latihan"
    assert _cli(capsys, office, "training", "status")["training"] is True

    # At the end of the Bimtek: the real profile, and nothing of practice is left.
    applied = _cli(capsys, office, "setup", "--profile", str(real_profile))
    assert applied["data_dir"] == str(office) and applied["needs_operator"] is True
    assert not training_dir(office).exists()
    settings = load_settings(office)
    assert (settings.server_url, settings.training) == ("https://lapor.example.go.id/api", False)
    assert load_token(office) == "tok-asli"


def test_a_tampered_profile_via_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trainer, office = tmp_path / "trainer", tmp_path / "office"
    csv_path = tmp_path / "offices.csv"
    csv_path.write_text(
        ",".join(CSV_HEADER) + "\ndesa,Desa Agom,18.01.01.2004,https://lapor.example.go.id/api,tok,false\n",
        encoding="utf-8",
    )
    profile = Path(
        _cli(capsys, trainer, "profile", "make", str(csv_path), "--out", str(tmp_path / "p"))["profiles"][0]
    )
    _cli(capsys, office, "profile", "trust", str(profile))
    document = json.loads(profile.read_text(encoding="utf-8"))
    document["server_url"] = "https://attacker.example.com/api"
    profile.write_text(json.dumps(document), encoding="utf-8")
    # A refused profile is bad input: exit 2, as for every other refused file.
    error = _cli(capsys, office, "setup", "--profile", str(profile), expect=2)
    assert "telah diubah" in error["message"]
    assert load_settings(office).server_url is None
    assert "telah diubah" in _cli(capsys, office, "profile", "show", str(profile), expect=2)["message"]


def test_a_bad_csv_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "offices.csv"
    csv_path.write_text(
        ",".join(CSV_HEADER) + "\ndesa,,18.01.01.2004,https://x/api,tok,false\n", encoding="utf-8"
    )
    error = _cli(
        capsys, tmp_path / "trainer", "profile", "make", str(csv_path), "--out", str(tmp_path / "p"), expect=2
    )
    assert "Baris 2" in error["message"]
    assert not (tmp_path / "p").exists()


def _signed_by_trusted_trainer(tmp_path: Path, capsys: pytest.CaptureFixture[str], office: Path) -> Path:
    csv_path = tmp_path / "offices.csv"
    csv_path.write_text(
        ",".join(CSV_HEADER) + "\ndesa,Desa Agom,18.01.01.2004,https://lapor.example.go.id/api,tok,false\n",
        encoding="utf-8",
    )
    made = _cli(capsys, tmp_path / "trainer", "profile", "make", str(csv_path), "--out", str(tmp_path / "p"))
    profile = Path(made["profiles"][0])
    _cli(capsys, office, "profile", "trust", str(profile))
    return profile


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("bukan json sama sekali", "bukan JSON"),
        ('{"format": "lapor-paket", "version": 1}', "bukan profil kantor"),  # a file of another kind
        ('{"format": "lapor-profile", "version": 1, "name": "x"}', "tidak bertanda tangan"),
        ('{"format": "lapor-profile", "version": 7}', "Versi profil"),
    ],
)
def test_refused_profiles_exit_2_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    office = tmp_path / "office"
    _signed_by_trusted_trainer(tmp_path, capsys, office)
    before = sorted(p.name for p in office.iterdir())
    bad = tmp_path / "salah.lapor-profile"
    bad.write_text(content, encoding="utf-8")
    for args in (("setup", "--profile", str(bad)), ("profile", "show", str(bad))):
        assert message in _cli(capsys, office, *args, expect=2)["message"]
    _cli(capsys, office, "profile", "trust", str(bad), expect=2)  # neither a profile nor a key
    assert sorted(p.name for p in office.iterdir()) == before
    assert (
        "tidak ditemukan"
        in _cli(capsys, office, "setup", "--profile", str(tmp_path / "tidak-ada"), expect=2)["message"]
    )


def test_a_profile_with_the_wrong_kind_of_kecamatan_key_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lapor_desktop.offices.keys import identity_block
    from lapor_desktop.offices.profiles import OfficeProfile, trainer_key, write_profile
    from lapor_desktop.offices.settings import Office, OfficeKind

    office = tmp_path / "office"
    profile = _signed_by_trusted_trainer(tmp_path, capsys, office)
    # A desa's own identity where its kecamatan's belongs: signed properly, refused for its content.
    other_desa = tmp_path / "desa-lain"
    _cli(
        capsys,
        other_desa,
        "office",
        "set",
        "--kind",
        "desa",
        "--name",
        "Desa Lain",
        "--region-code",
        "18.01.01.2005",
    )
    wrong = OfficeProfile(
        Office(OfficeKind.DESA, "Desa Agom", "18.01.01.2004"),
        "https://lapor.example.go.id/api",
        "tok",
        False,
        identity_block(other_desa),
    )
    write_profile(profile, wrong, trainer_key(tmp_path / "trainer"))
    error = _cli(capsys, office, "setup", "--profile", str(profile), expect=2)
    assert "Kunci kecamatan" in error["message"]
    assert load_settings(office).office is None


def test_an_office_not_set_up_for_a_profile_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Configuration, not the file: the signer is not trusted yet, or the trainer's own key is unreadable."""
    office = tmp_path / "office"
    profile = _signed_by_trusted_trainer(tmp_path, capsys, tmp_path / "elsewhere")
    assert "belum dipercaya" in _cli(capsys, office, "setup", "--profile", str(profile), expect=1)["message"]
    trainer = tmp_path / "trainer"
    (trainer / "trainer-signing-key.pem").write_text("bukan kunci", encoding="utf-8")
    assert "kunci pelatih" in _cli(capsys, trainer, "profile", "key", expect=1)["message"]
    csv_path = tmp_path / "offices.csv"
    assert (
        "kunci pelatih"
        in _cli(capsys, trainer, "profile", "make", str(csv_path), "--out", str(tmp_path / "q"), expect=1)[
            "message"
        ]
    )
