"""The one table of names the operator reads for the domain's values and the report's field paths.

Texts are Bahasa Indonesia, as documents and messages written by the core and by
`sync` need them (exports, the dashboard, the server's refusals explained). The
window shows them through `ui/labels.py`, which looks each text up in the Qt
translation (context ``labels``): `_translatable` marks them for
`scripts/build_translations.py`, which has `pyside6-lupdate` read this file.
"""

from __future__ import annotations

from collections.abc import Callable

from lapor_desktop.domain import (
    Channel,
    Classification,
    RemoteStatus,
    ReplyState,
    ReportState,
    ResponseRole,
    ReviewState,
)
from lapor_desktop.offices.settings import Paper
from lapor_desktop.penduduk.kinds import DateSource, SkipReason


def _translatable(context: str, text: str) -> str:
    """Marks `text` for the interface's translation under `context`; the value is the text itself."""
    del context  # read by pyside6-lupdate, not at run time
    return text


TRANSLATION_CONTEXT = "labels"

CLASSIFICATION_LABELS: dict[Classification, str] = {
    Classification.COMPLAINT: _translatable("labels", "Pengaduan"),
    Classification.ASPIRATION: _translatable("labels", "Aspirasi"),
    Classification.INFORMATION_REQUEST: _translatable("labels", "Permintaan informasi"),
}

CLASSIFICATION_EXPLANATIONS: dict[Classification, str] = {
    Classification.COMPLAINT: _translatable(
        "labels", "Keluhan atas layanan publik yang tidak berjalan semestinya, misalnya jalan rusak."
    ),
    Classification.ASPIRATION: _translatable(
        "labels", "Usulan atau harapan warga untuk perbaikan layanan dan pembangunan."
    ),
    Classification.INFORMATION_REQUEST: _translatable(
        "labels", "Permintaan informasi publik kepada instansi pemerintah."
    ),
}

CHANNEL_LABELS: dict[Channel, str] = {
    Channel.DATANG_LANGSUNG: _translatable("labels", "Datang langsung"),
    Channel.MUSYAWARAH_DESA: _translatable("labels", "Musyawarah desa"),
    Channel.TELEPON: _translatable("labels", "Telepon"),
    Channel.SURAT: _translatable("labels", "Surat"),
}

STATE_LABELS: dict[ReportState, str] = {
    ReportState.DRAFT: _translatable("labels", "Draf"),
    ReportState.QUEUED: _translatable("labels", "Menunggu dikirim"),
    ReportState.SENT: _translatable("labels", "Terkirim"),
    ReportState.NEEDS_FIX: _translatable("labels", "Perlu diperbaiki"),
}

# In the lists, where a kecamatan's review says more than the report's own state (a desa's report
# imported at the kecamatan is a draft there until approved).
REVIEW_LABELS: dict[ReviewState, str] = {
    ReviewState.AWAITING: _translatable("labels", "Menunggu tinjauan"),
    ReviewState.RETURNED: _translatable("labels", "Dikembalikan"),  # to the desa, to be fixed
    ReviewState.DUPLICATE: _translatable("labels", "Duplikat"),
}
# At the desa: a report its kecamatan sent back to be fixed (its state is needs_fix).
RETURNED_BY_KECAMATAN = REVIEW_LABELS[ReviewState.RETURNED]
# In the kecamatan's dashboard and recap: a report handed over and not yet answered by LAPOR!.
HANDED_OVER = _translatable("labels", "Diserahkan ke kecamatan")

REMOTE_STATUS_LABELS: dict[RemoteStatus, str] = {
    RemoteStatus.PENDING_VERIFICATION: _translatable("labels", "Belum terverifikasi"),
    RemoteStatus.ON_HOLD: _translatable("labels", "Ditunda"),
    RemoteStatus.VERIFIED: _translatable("labels", "Terverifikasi"),
    RemoteStatus.IN_PROGRESS: _translatable("labels", "Sedang ditindaklanjuti"),
    RemoteStatus.COMPLETED: _translatable("labels", "Selesai"),
    RemoteStatus.REJECTED: _translatable("labels", "Tidak dapat diproses"),
    RemoteStatus.ARCHIVED: _translatable("labels", "Diarsipkan"),
}

# A reporter's reply recorded at this office.
REPLY_STATE_LABELS: dict[ReplyState, str] = {
    ReplyState.QUEUED: _translatable("labels", "Menunggu dikirim"),
    ReplyState.SENT: _translatable("labels", "Terkirim"),
    ReplyState.REFUSED: _translatable("labels", "Ditolak"),
    ReplyState.HANDED_OVER: HANDED_OVER,
}

# Who wrote a response LAPOR! lists for a report.
RESPONSE_ROLE_LABELS: dict[ResponseRole, str] = {
    ResponseRole.LAPOR_ADMIN: _translatable("labels", "Admin LAPOR!"),
    ResponseRole.AGENCY: _translatable("labels", "Instansi"),
    ResponseRole.REPORTER: _translatable("labels", "Pelapor"),
}

# The population register from OpenSID: why a row was not imported, where the data's date came from.
SKIP_REASON_LABELS: dict[SkipReason, str] = {
    SkipReason.NOT_LIVING: _translatable(
        "labels", "bukan penduduk hidup (meninggal, pindah, hilang; status_dasar bukan 1)"
    ),
    SkipReason.NO_NIK: _translatable("labels", "belum ber-NIK (NIK kosong, 0, atau NIK sementara)"),
    SkipReason.INVALID_NIK: _translatable("labels", "NIK tidak sah (bukan 16 angka atau susunannya salah)"),
    SkipReason.NO_NAME: _translatable("labels", "nama kosong"),
    SkipReason.DUPLICATE: _translatable("labels", "NIK ganda (yang dipakai: yang terakhir diubah)"),
}

DATE_SOURCE_LABELS: dict[DateSource, str] = {
    DateSource.FILE_NAME: _translatable("labels", "dari nama berkas"),
    DateSource.UPDATED_AT: _translatable("labels", "dari perubahan data penduduk terbaru (updated_at)"),
    DateSource.UNKNOWN: _translatable("labels", "tidak diketahui"),
}

PAPER_LABELS: dict[Paper, str] = {
    Paper.A4: _translatable("labels", "A4 (printer biasa)"),
    Paper.A5: _translatable("labels", "A5 (setengah A4)"),
    Paper.ROLL_80: _translatable("labels", "Struk 80 mm (printer thermal)"),
    Paper.ROLL_58: _translatable("labels", "Struk 58 mm (printer thermal kecil)"),
}

# Dotted field paths of the contract's `ReportIn` (as the server names them in `error.fields`),
# plus the local-only ones.
FIELD_LABELS: dict[str, str] = {
    "client_id": _translatable("labels", "ID laporan"),
    "classification": _translatable("labels", "Klasifikasi"),
    "title": _translatable("labels", "Judul"),
    "body": _translatable("labels", "Isi laporan"),
    "category_code": _translatable("labels", "Kategori"),
    "incident_date": _translatable("labels", "Tanggal kejadian"),
    "location": _translatable("labels", "Lokasi"),
    "location.region_code": _translatable("labels", "Kode wilayah"),
    "location.address": _translatable("labels", "Alamat lokasi kejadian"),
    "location.latitude": _translatable("labels", "Lintang (latitude)"),
    "location.longitude": _translatable("labels", "Bujur (longitude)"),
    "reporter": _translatable("labels", "Data pelapor"),
    "reporter.name": _translatable("labels", "Nama pelapor"),
    "reporter.nik": _translatable("labels", "NIK"),
    "reporter.phone": _translatable("labels", "Nomor telepon"),
    "reporter.email": _translatable("labels", "Email"),
    "reporter.address": _translatable("labels", "Alamat pelapor"),
    "anonymous": _translatable("labels", "Pilihan anonim"),
    "confidential": _translatable("labels", "Pilihan rahasia"),
    "channel": _translatable("labels", "Saluran"),
    "consent": _translatable("labels", "Persetujuan pelapor"),
    "recorded_at": _translatable("labels", "Waktu pencatatan"),
    "recorded_by": _translatable("labels", "Nama petugas pencatat"),
    "attachments": _translatable("labels", "Lampiran"),
    "agency_code": _translatable("labels", "Instansi tujuan"),
    "text": _translatable("labels", "Isi tanggapan"),
    "attachments.sha256": _translatable("labels", "Sidik lampiran"),
    "attachments.filename": _translatable("labels", "Nama berkas lampiran"),
    "attachments.content_type": _translatable("labels", "Jenis berkas lampiran"),
}

NOT_CHOSEN = _translatable("labels", "(belum dipilih)")
ATTACHMENT_N = _translatable("labels", "Lampiran ke-%1")


def _as_is(text: str) -> str:
    return text


def field_label(path: str, translate: Callable[[str], str] = _as_is) -> str:
    """``reporter.nik`` -> "NIK"; ``attachments.2.filename`` -> "Lampiran ke-3"; unknown paths as given.

    `translate` turns a text of this table into the interface language (the window passes Qt's).
    """
    if path in FIELD_LABELS:
        return translate(FIELD_LABELS[path])
    parts = path.split(".")
    if parts[0] == "attachments" and len(parts) >= 2 and parts[1].isdigit():
        return translate(ATTACHMENT_N).replace("%1", str(int(parts[1]) + 1))
    # A deeper path under a known field (a server sub-key): name the closest known parent.
    for end in range(len(parts) - 1, 0, -1):
        parent = ".".join(parts[:end])
        if parent in FIELD_LABELS:
            return translate(FIELD_LABELS[parent])
    return path
