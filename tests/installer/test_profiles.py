"""Office profiles: made from a CSV, signed, refused when tampered with or signed by a stranger."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lapor_desktop.offices.profiles import (
    CSV_HEADER,
    OfficeProfile,
    ProfileError,
    UntrustedSigner,
    apply_profile,
    fingerprint,
    make_profiles,
    profiles_from_csv,
    raw_public_key,
    read_profile,
    trainer_key,
    trust_from_file,
    trust_key,
    write_profile,
)
from lapor_desktop.offices.settings import Office, OfficeKind, load_settings
from lapor_desktop.offices.token_store import load_token
from lapor_desktop.offices.training import active_data_dir, training_dir

CSV = (
    ",".join(CSV_HEADER)
    + "\n"
    + "desa,Desa Way Huwi,18.01.09.2001,http://127.0.0.1:8080/api,tok-way-huwi,true\n"
    + "desa,Desa Hajimena,18.01.07.2006,https://lapor.example.go.id/api,tok-hajimena,false\n"
    + "kecamatan,Kecamatan Natar,18.01.07,https://lapor.example.go.id/api/,,tidak\n"
)


@pytest.fixture
def trainer(tmp_path: Path) -> Path:
    return tmp_path / "trainer"


@pytest.fixture
def made(tmp_path: Path, trainer: Path) -> list[Path]:
    csv_path = tmp_path / "offices.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    return make_profiles(csv_path, tmp_path / "out", trainer_key(trainer))


def test_one_signed_profile_per_csv_row(made: list[Path], trainer: Path) -> None:
    assert [p.name for p in made] == [
        "18.01.09.2001-desa-way-huwi-latihan.lapor-profile",
        "18.01.07.2006-desa-hajimena.lapor-profile",
        "18.01.07-kecamatan-natar.lapor-profile",
    ]
    first, second, third = (read_profile(p) for p in made)
    assert first.profile == OfficeProfile(
        Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.09.2001"),
        "http://127.0.0.1:8080/api",
        "tok-way-huwi",
        True,
    )
    assert second.profile.training is False and second.profile.token == "tok-hajimena"
    assert third.profile.office.kind is OfficeKind.KECAMATAN
    assert third.profile.token is None
    assert third.profile.server_url == "https://lapor.example.go.id/api"
    # All signed by the trainer's key, which is made once and then reused.
    key = raw_public_key(trainer_key(trainer))
    assert {p.signer for p in (first, second, third)} == {key}
    assert first.fingerprint == fingerprint(key)
    if os.name == "posix":
        assert made[0].stat().st_mode & 0o777 == 0o600  # it holds the office's token
        assert (trainer / "trainer-signing-key.pem").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("server_url", "https://evil.example.com/api"),
        ("token", "stolen"),
        ("training", False),
        ("region_code", "18.01.09.2002"),
        ("kecamatan_identity", "lapor-office-key: other"),
    ],
)
def test_a_tampered_profile_is_refused(made: list[Path], field: str, value: object) -> None:
    document = json.loads(made[0].read_text(encoding="utf-8"))
    document[field] = value
    made[0].write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ProfileError, match="Tanda tangan profil tidak cocok"):
        read_profile(made[0])


def test_a_profile_re_signed_with_another_key_names_that_key(made: list[Path], tmp_path: Path) -> None:
    """An attacker may sign a profile with his own key: the signature holds, but nobody trusts it."""
    office = tmp_path / "office"
    trust_key(office, read_profile(made[0]).signer)
    forged = write_profile(
        tmp_path / "forged.lapor-profile",
        OfficeProfile(
            Office(OfficeKind.DESA, "Desa Way Huwi", "18.01.09.2001"),
            "https://evil.example.com/api",
            "x",
            False,
        ),
        trainer_key(tmp_path / "attacker"),
    )
    signed = read_profile(forged)
    with pytest.raises(UntrustedSigner) as refused:
        apply_profile(office, signed)
    assert refused.value.fingerprint == signed.fingerprint
    assert load_settings(office).server_url is None


def test_swapping_the_signer_field_breaks_the_signature(made: list[Path], tmp_path: Path) -> None:
    from lapor_desktop.offices.profiles import public_key_text

    document = json.loads(made[1].read_text(encoding="utf-8"))
    document["signer"] = public_key_text(raw_public_key(trainer_key(tmp_path / "other")))
    made[1].write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ProfileError, match="tidak cocok"):
        read_profile(made[1])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "bukan JSON"),
        ('{"format": "other"}', "bukan profil kantor"),
        ('{"format": "lapor-profile", "version": 9}', "Versi profil"),
        ('{"format": "lapor-profile", "version": 1, "name": "x"}', "tidak bertanda tangan"),
    ],
)
def test_files_that_are_not_profiles(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.lapor-profile"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        read_profile(path)


def test_csv_problems_are_all_reported_with_their_line(tmp_path: Path) -> None:
    text = (
        ",".join(CSV_HEADER)
        + "\n"
        + "desa,Desa A,18.01.09,http://x/api,t,true\n"  # a kecamatan code for a desa
        + "kota,Desa B,18.01.09.2001,http://x/api,t,true\n"
        + "desa,Desa C,18.01.09.2003,ftp://x,t,true\n"
        + "desa,Desa D,18.01.09.2004,http://x/api,t,mungkin\n"
        + "desa,Desa E,18.01.09.2005,http://x/api,t\n"
    )
    with pytest.raises(ProfileError) as problem:
        profiles_from_csv(text)
    message = str(problem.value)
    for line in ("Baris 2:", "Baris 3:", "Baris 4:", "Baris 5:", "Baris 6:"):
        assert line in message


def test_csv_header_must_match(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="Baris judul"):
        profiles_from_csv("name,kind,region_code,server_url,token,training\n")
    # Excel's BOM and an optional kecamatan_identity column are fine.
    profiles = profiles_from_csv(
        "\ufeff" + ",".join(CSV_HEADER) + ",kecamatan_identity\n"
        'desa,Desa A,18.01.09.2001,http://x/api,t,ya,"lapor-office-key\nline two"\n'
    )
    assert profiles[0].training is True
    assert profiles[0].kecamatan_identity == "lapor-office-key\nline two"


def test_applying_a_real_profile_sets_up_the_real_office(made: list[Path], tmp_path: Path) -> None:
    office = tmp_path / "office"
    signed = read_profile(made[1])
    trust_key(office, signed.signer)
    active = apply_profile(office, signed, operator="Siti Aminah")
    assert active == office
    settings = load_settings(office)
    assert settings.office == signed.profile.office
    assert settings.server_url == "https://lapor.example.go.id/api"
    assert settings.operator == "Siti Aminah"
    assert settings.training is False
    assert load_token(office) == "tok-hajimena"


def test_applying_a_training_profile_touches_only_the_practice_office(
    made: list[Path], tmp_path: Path
) -> None:
    office = tmp_path / "office"
    signed = read_profile(made[0])
    trust_key(office, signed.signer)
    active = apply_profile(office, signed)
    assert active == training_dir(office) == active_data_dir(office)
    practice = load_settings(active)
    assert practice.training is True
    assert practice.office == signed.profile.office
    assert practice.server_url == "http://127.0.0.1:8080/api"
    assert load_token(active) == "tok-way-huwi"
    real = load_settings(office)
    assert (real.office, real.server_url, real.training) == (None, None, True)
    assert load_token(office) is None


def test_trust_from_a_key_file_or_a_profile(made: list[Path], trainer: Path, tmp_path: Path) -> None:
    from lapor_desktop.offices.profiles import public_key_text, trusted_keys

    key_file = tmp_path / "trainer.key"
    key_file.write_text(public_key_text(raw_public_key(trainer_key(trainer))) + "\n", encoding="utf-8")
    office = tmp_path / "office"
    first = trust_from_file(office, key_file)
    again = trust_from_file(office, made[0])
    assert first.public_key == again.public_key
    assert len(trusted_keys(office)) == 1
    bad = tmp_path / "bad.key"
    bad.write_text("lapor-trainer-ed25519:AAAA\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="panjangnya"):
        trust_from_file(office, bad)


def test_a_desa_profile_carries_its_kecamatan_key_into_the_trust_store(trainer: Path, tmp_path: Path) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.offices.keys import TrustStore, ensure_keys, identity_block
    from lapor_desktop.offices.settings import Settings, save_settings

    kecamatan_dir = tmp_path / "kecamatan"
    kecamatan_dir.mkdir()
    save_settings(kecamatan_dir, Settings(office=Office(OfficeKind.KECAMATAN, "Kecamatan Natar", "18.01.07")))
    ensure_keys(kecamatan_dir)
    block = identity_block(kecamatan_dir)
    profile = OfficeProfile(
        Office(OfficeKind.DESA, "Desa Hajimena", "18.01.07.2006"),
        "https://lapor.example.go.id/api",
        "tok-hajimena",
        False,
        block,
    )
    path = tmp_path / "hajimena.lapor-profile"
    write_profile(path, profile, trainer_key(trainer))
    office = tmp_path / "office"
    signed = read_profile(path)
    trust_key(office, signed.signer)
    apply_profile(office, signed, operator="Siti Aminah")
    with open_app(office) as app:
        trusted = TrustStore(app.db).all()
    assert [(o.region_code, o.kind) for o in trusted] == [("18.01.07", "kecamatan")]

    # A key of a kecamatan the desa does not belong to is refused before anything changes.
    other = OfficeProfile(
        Office(OfficeKind.DESA, "Desa Lain", "18.02.01.2001"), "https://x.go.id/api", "t", False, block
    )
    write_profile(path, other, trainer_key(trainer))
    trust_key(tmp_path / "office2", read_profile(path).signer)
    with pytest.raises(ProfileError, match="Kunci kecamatan"):
        apply_profile(tmp_path / "office2", read_profile(path))
    assert not (tmp_path / "office2" / "settings.json").exists()
