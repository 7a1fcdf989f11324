"""Office keys made at set-up, the public identity block, and who may trust whom."""

from __future__ import annotations

import os
import stat

import pytest

from lapor_desktop.offices.keys import (
    ENCRYPTION_KEY_FILE,
    SIGNING_KEY_FILE,
    IdentityRejected,
    keys_dir,
    parse_identity_block,
)
from tests.kecamatan.conftest import DESA_CODE, KECAMATAN_CODE, make_cli_office


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_office_set_makes_private_keys_once_with_owner_only_modes(tmp_path, capsys):
    office = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    folder = keys_dir(office.data_dir)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    before = {}
    for name in (SIGNING_KEY_FILE, ENCRYPTION_KEY_FILE):
        path = folder / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.stat().st_size == 32
        before[name] = path.read_bytes()
    assert not list(folder.glob(".*.tmp"))  # written atomically: no temp file left
    office.cli(
        "office",
        "set",
        "--kind",
        "kecamatan",
        "--name",
        "Kecamatan Jati Agung (baru)",
        "--region-code",
        KECAMATAN_CODE,
    )
    assert {name: (folder / name).read_bytes() for name in before} == before  # never replaced


def test_public_key_block_round_trips_and_detects_tampering(tmp_path, capsys):
    office = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    block = office.cli("office", "public-key", raw=True)
    assert block.startswith("-----BEGIN LAPOR OFFICE IDENTITY-----")
    assert "Kind: kecamatan" in block and f"Region-Code: {KECAMATAN_CODE}" in block
    identity = parse_identity_block(block)
    assert identity.name == "Kecamatan Jati Agung" and identity.fingerprint in block
    with pytest.raises(IdentityRejected, match="Tanda tangan identitas kantor tidak cocok"):
        parse_identity_block(block.replace("Kecamatan Jati Agung", "Kecamatan Palsu"))
    with pytest.raises(IdentityRejected, match="bukan identitas kantor"):
        parse_identity_block("halo")


def test_trust_pairs_desa_with_its_own_kecamatan_only(tmp_path, capsys):
    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    other_desa = make_cli_office(tmp_path, capsys, "desa", "Desa Sidoharjo", "18.01.01.2002")
    kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Jati Agung", KECAMATAN_CODE)
    far_kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Natar", "18.01.02")

    trusted = desa.trust(kecamatan)
    assert trusted["trusted"]["region_code"] == KECAMATAN_CODE and not trusted["replaced"]
    assert desa.trust(kecamatan)["unchanged"] is True
    error = desa.cli("office", "trust", str(other_desa.identity_file()), expect=2)
    assert "hanya dapat mempercayai kantor kecamatannya" in error["message"]
    error = desa.cli("office", "trust", str(far_kecamatan.identity_file()), expect=2)
    assert "bukan kecamatan desa ini" in error["message"]
    error = far_kecamatan.cli("office", "trust", str(desa.identity_file()), expect=2)
    assert "tidak berada di kecamatan ini" in error["message"]

    kecamatan.trust(desa)
    kecamatan.trust(other_desa)
    known = kecamatan.cli("office", "known")
    assert [o["region_code"] for o in known] == [DESA_CODE, "18.01.01.2002"]


def test_trust_refuses_a_file_that_is_not_a_profile(tmp_path, capsys):
    desa = make_cli_office(tmp_path, capsys, "desa", "Desa Way Huwi", DESA_CODE)
    junk = tmp_path / "bukan-profil.txt"
    junk.write_bytes(b"\x00" * 100_000)
    assert "terlalu besar" in desa.cli("office", "trust", str(junk), expect=2)["message"]
    junk.write_text("Kind: kecamatan\n", encoding="utf-8")
    assert "bukan identitas kantor" in desa.cli("office", "trust", str(junk), expect=2)["message"]
