"""Every bad paket is refused with a clear message, and the kecamatan's data stays exactly as it was."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from lapor_desktop.app import open_app
from lapor_desktop.kecamatan.paket import KIND_REPORTS, MAGIC, read_envelope, report_entry, write_paket
from lapor_desktop.offices.keys import load_keys, own_identity
from tests.kecamatan.conftest import (
    DESA2_CODE,
    OTHER_KECAMATAN_CODE,
    make_cli_office,
    queue_reports,
)
from tests.support.images import write_sparse_file


@pytest.fixture
def good_paket(offices, tmp_path) -> Path:
    """A valid paket of 3 reports with photos, from the desa to the kecamatan."""
    queue_reports(offices.desa.data_dir, 3, photo_dir=tmp_path)
    path = tmp_path / "baik.lpk"
    offices.desa.cli("paket", "export", "--to", str(path), "--all-queued")
    return path


@pytest.fixture
def kecamatan_with_history(offices, tmp_path, good_paket):
    """The kecamatan already holds an earlier import, so "unchanged" covers real rows and files."""
    queue_reports(offices.desa.data_dir, 1, photo_dir=tmp_path, seed=7)
    earlier = tmp_path / "sebelumnya.lpk"
    offices.desa.cli("paket", "export", "--to", str(earlier), "--all-queued")
    offices.kecamatan.cli("paket", "import", str(earlier))
    return offices.kecamatan


def refused(office, path: Path, snapshot, *fragments: str) -> str:
    unchanged = snapshot(office)
    error = office.cli("paket", "import", str(path), expect=2)
    unchanged()
    for fragment in fragments:
        assert fragment in error["message"], error["message"]
    return error["message"]


def crafted(offices, tmp_path: Path, *, entries: list[dict], files: list[tuple[str, Path]]) -> Path:
    """A paket properly signed by the trusted desa, with whatever content a test needs."""
    desa = offices.desa.data_dir
    target = tmp_path / f"rakitan-{uuid.uuid4().hex[:6]}.lpk"
    write_paket(
        target,
        kind=KIND_REPORTS,
        manifest={"sender_code": offices.desa.code, "reports": entries},
        files=files,
        sender=own_identity(desa),
        sender_keys=load_keys(desa),
        recipient=own_identity(offices.kecamatan.data_dir),
        scratch_dir=tmp_path / "scratch",
    )
    return target


def desa_entries(offices, n: int) -> list[dict]:
    ids = queue_reports(offices.desa.data_dir, n)
    with open_app(offices.desa.data_dir) as app:
        return [report_entry(app.reports.get(i), str(uuid.uuid4())) for i in ids]


def test_truncated_paket(offices, kecamatan_with_history, good_paket, tmp_path, snapshot):
    cut = tmp_path / "terpotong.lpk"
    shutil.copy(good_paket, cut)
    with open(cut, "r+b") as handle:
        handle.truncate(cut.stat().st_size - 5000)
    refused(offices.kecamatan, cut, snapshot, "terpotong")
    with open(cut, "r+b") as handle:
        handle.truncate(40)  # cut inside the header
    refused(offices.kecamatan, cut, snapshot, "terpotong")


@pytest.mark.parametrize("where", ["body", "signature", "header"])
def test_altered_paket(offices, kecamatan_with_history, good_paket, tmp_path, snapshot, where):
    altered = tmp_path / "diubah.lpk"
    shutil.copy(good_paket, altered)
    envelope = read_envelope(good_paket)
    size = altered.stat().st_size
    offset = {
        "body": envelope.body_offset + (size - envelope.body_offset) // 2,
        "signature": size - 10,
        # The created_at digits: still a well-formed header, but no longer the one that was signed.
        "header": envelope.body_offset
        - len(envelope.header_bytes)
        + envelope.header_bytes.index(b"created_at")
        + 16,
    }[where]
    with open(altered, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x01]))
    refused(offices.kecamatan, altered, snapshot, "Tanda tangan paket tidak cocok")


def test_paket_for_another_kecamatan(offices, kecamatan_with_history, tmp_path, capsys, snapshot):
    other_desa = make_cli_office(tmp_path, capsys, "desa", "Desa Lain", OTHER_KECAMATAN_CODE + ".2001")
    other_kecamatan = make_cli_office(tmp_path, capsys, "kecamatan", "Kecamatan Lain", OTHER_KECAMATAN_CODE)
    other_desa.trust(other_kecamatan)
    queue_reports(other_desa.data_dir, 1)
    path = tmp_path / "salah-alamat.lpk"
    other_desa.cli("paket", "export", "--to", str(path), "--all-queued")
    refused(offices.kecamatan, path, snapshot, "ditujukan untuk kantor 18.01.02", "Tidak ada yang diimpor")


def test_signature_from_unknown_office(offices, kecamatan_with_history, tmp_path, capsys, snapshot):
    stranger = make_cli_office(tmp_path, capsys, "desa", "Desa Belum Dikenal", DESA2_CODE)
    stranger.trust(offices.kecamatan)  # it knows the kecamatan, the kecamatan does not know it
    queue_reports(stranger.data_dir, 1)
    path = tmp_path / "asing.lpk"
    stranger.cli("paket", "export", "--to", str(path), "--all-queued")
    refused(offices.kecamatan, path, snapshot, "tidak dikenal", "office trust")


def test_impostor_with_a_trusted_desa_code(offices, kecamatan_with_history, tmp_path, capsys, snapshot):
    # Same name and region code as the trusted desa, but other keys: a re-install nobody confirmed.
    impostor = make_cli_office(tmp_path / "palsu", capsys, "desa", "Desa Way Huwi", offices.desa.code)
    impostor.trust(offices.kecamatan)
    queue_reports(impostor.data_dir, 1)
    path = tmp_path / "palsu.lpk"
    impostor.cli("paket", "export", "--to", str(path), "--all-queued")
    refused(offices.kecamatan, path, snapshot, "tidak dikenal")


def test_zip_entry_with_path_traversal(offices, kecamatan_with_history, tmp_path, snapshot):
    payload = tmp_path / "muatan.bin"
    payload.write_bytes(b"pwned")
    path = crafted(offices, tmp_path, entries=desa_entries(offices, 1), files=[("../../x", payload)])
    refused(offices.kecamatan, path, snapshot, "nama terlarang", "../../x")
    assert not [p for p in tmp_path.parent.rglob("x") if p.is_file()]
    absolute = crafted(offices, tmp_path, entries=desa_entries(offices, 1), files=[("/etc/x", payload)])
    refused(offices.kecamatan, absolute, snapshot, "nama terlarang")


def test_attachment_not_matching_its_hash(offices, kecamatan_with_history, tmp_path, snapshot):
    payload = tmp_path / "bukan-foto"
    payload.write_bytes(b"\xff\xd8\xff\xe0 not the photo the manifest names")
    path = crafted(
        offices, tmp_path, entries=desa_entries(offices, 1), files=[("attachments/" + "ab" * 32, payload)]
    )
    refused(offices.kecamatan, path, snapshot, "tidak cocok")


def test_one_bad_report_refuses_the_whole_paket(offices, kecamatan_with_history, tmp_path, snapshot):
    entries = desa_entries(offices, 5)
    entries[3]["local_ref"] = "18.01.01.2002/2026/00001"  # another desa's number
    path = crafted(offices, tmp_path, entries=entries, files=[])
    refused(offices.kecamatan, path, snapshot, "Laporan ke-4", "bukan milik desa pengirim")
    entries = desa_entries(offices, 2)
    entries[1]["content"]["title"] = 12345
    path = crafted(offices, tmp_path, entries=entries, files=[])
    refused(offices.kecamatan, path, snapshot, "Laporan ke-2")


def test_two_gigabyte_file_is_refused_by_its_size(offices, kecamatan_with_history, tmp_path, snapshot):
    huge = write_sparse_file(tmp_path / "besar.lpk", 2 * 1024**3, head=MAGIC)
    message = refused(offices.kecamatan, huge, snapshot, "terlalu besar")
    assert "2.0 GB" in message


def test_file_that_is_not_a_paket(offices, kecamatan_with_history, tmp_path, snapshot):
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    refused(offices.kecamatan, photo, snapshot, "bukan paket")
    refused(offices.kecamatan, tmp_path / "tidak-ada.lpk", snapshot, "tidak ditemukan")


def test_desa_cannot_import_reports_paket_and_kecamatan_cannot_export_one(
    offices, good_paket, tmp_path, snapshot
):
    error = offices.kecamatan.cli(
        "paket", "export", "--to", str(tmp_path / "k.lpk"), "--all-queued", expect=2
    )
    assert "Hanya kantor desa" in error["message"]
    # The desa's own paket is addressed to the kecamatan, not to itself.
    refused(offices.desa, good_paket, snapshot, "ditujukan untuk kantor 18.01.01")
