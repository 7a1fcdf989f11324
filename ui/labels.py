"""Names the operator sees for the domain's enum values and field paths.

The tables hold Bahasa Indonesia source texts marked with `QT_TRANSLATE_NOOP`
(so `pyside6-lupdate` extracts them under the context ``labels``); the lookup
functions translate at call time, so a translator installed after import is
honoured. Pass ``translated=False`` for documents that must stay in Bahasa
Indonesia whatever the interface language (the citizen's receipt).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from lapor_desktop.domain import Channel, Classification, RemoteStatus, ReportState

_CONTEXT = "labels"

_CLASSIFICATIONS: dict[Classification, str] = {
    Classification.COMPLAINT: QT_TRANSLATE_NOOP("labels", "Pengaduan"),
    Classification.ASPIRATION: QT_TRANSLATE_NOOP("labels", "Aspirasi"),
    Classification.INFORMATION_REQUEST: QT_TRANSLATE_NOOP("labels", "Permintaan informasi"),
}

_CLASSIFICATION_EXPLANATIONS: dict[Classification, str] = {
    Classification.COMPLAINT: QT_TRANSLATE_NOOP(
        "labels", "Keluhan atas layanan publik yang tidak berjalan semestinya, misalnya jalan rusak."
    ),
    Classification.ASPIRATION: QT_TRANSLATE_NOOP(
        "labels", "Usulan atau harapan warga untuk perbaikan layanan dan pembangunan."
    ),
    Classification.INFORMATION_REQUEST: QT_TRANSLATE_NOOP(
        "labels", "Permintaan informasi publik kepada instansi pemerintah."
    ),
}

_CHANNELS: dict[Channel, str] = {
    Channel.DATANG_LANGSUNG: QT_TRANSLATE_NOOP("labels", "Datang langsung"),
    Channel.MUSYAWARAH_DESA: QT_TRANSLATE_NOOP("labels", "Musyawarah desa"),
    Channel.TELEPON: QT_TRANSLATE_NOOP("labels", "Telepon"),
    Channel.SURAT: QT_TRANSLATE_NOOP("labels", "Surat"),
}

_STATES: dict[ReportState, str] = {
    ReportState.DRAFT: QT_TRANSLATE_NOOP("labels", "Draf"),
    ReportState.QUEUED: QT_TRANSLATE_NOOP("labels", "Menunggu dikirim"),
    ReportState.SENT: QT_TRANSLATE_NOOP("labels", "Terkirim"),
    ReportState.NEEDS_FIX: QT_TRANSLATE_NOOP("labels", "Perlu diperbaiki"),
}

_REMOTE_STATUSES: dict[RemoteStatus, str] = {
    RemoteStatus.PENDING_VERIFICATION: QT_TRANSLATE_NOOP("labels", "Belum terverifikasi"),
    RemoteStatus.VERIFIED: QT_TRANSLATE_NOOP("labels", "Terverifikasi"),
    RemoteStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("labels", "Sedang ditindaklanjuti"),
    RemoteStatus.COMPLETED: QT_TRANSLATE_NOOP("labels", "Selesai"),
    RemoteStatus.REJECTED: QT_TRANSLATE_NOOP("labels", "Tidak dapat diproses"),
    RemoteStatus.ARCHIVED: QT_TRANSLATE_NOOP("labels", "Diarsipkan"),
}

# Dotted field paths of `ReportIn` (plus the local-only ones), as the server names them in `error.fields`.
_FIELDS: dict[str, str] = {
    "classification": QT_TRANSLATE_NOOP("labels", "Klasifikasi"),
    "title": QT_TRANSLATE_NOOP("labels", "Judul"),
    "body": QT_TRANSLATE_NOOP("labels", "Isi laporan"),
    "category_code": QT_TRANSLATE_NOOP("labels", "Kategori"),
    "incident_date": QT_TRANSLATE_NOOP("labels", "Tanggal kejadian"),
    "location": QT_TRANSLATE_NOOP("labels", "Lokasi"),
    "location.region_code": QT_TRANSLATE_NOOP("labels", "Kode wilayah"),
    "location.address": QT_TRANSLATE_NOOP("labels", "Alamat lokasi kejadian"),
    "location.latitude": QT_TRANSLATE_NOOP("labels", "Lintang (latitude)"),
    "location.longitude": QT_TRANSLATE_NOOP("labels", "Bujur (longitude)"),
    "reporter": QT_TRANSLATE_NOOP("labels", "Pelapor"),
    "reporter.name": QT_TRANSLATE_NOOP("labels", "Nama pelapor"),
    "reporter.nik": QT_TRANSLATE_NOOP("labels", "NIK"),
    "reporter.phone": QT_TRANSLATE_NOOP("labels", "Nomor telepon"),
    "reporter.email": QT_TRANSLATE_NOOP("labels", "Email"),
    "reporter.address": QT_TRANSLATE_NOOP("labels", "Alamat pelapor"),
    "anonymous": QT_TRANSLATE_NOOP("labels", "Anonim"),
    "confidential": QT_TRANSLATE_NOOP("labels", "Rahasia"),
    "channel": QT_TRANSLATE_NOOP("labels", "Saluran"),
    "consent": QT_TRANSLATE_NOOP("labels", "Persetujuan pelapor"),
    "attachments": QT_TRANSLATE_NOOP("labels", "Lampiran"),
}

_NOT_CHOSEN = QT_TRANSLATE_NOOP("labels", "(belum dipilih)")
_ATTACHMENT_N = QT_TRANSLATE_NOOP("labels", "Lampiran ke-%1")


def _text(source: str, translated: bool) -> str:
    return QCoreApplication.translate(_CONTEXT, source) if translated else source


def _table(table: dict, translated: bool) -> dict:  # type: ignore[type-arg]
    return {key: _text(value, translated) for key, value in table.items()}


def classification_labels(*, translated: bool = True) -> dict[Classification, str]:
    return _table(_CLASSIFICATIONS, translated)


def classification_explanations(*, translated: bool = True) -> dict[Classification, str]:
    return _table(_CLASSIFICATION_EXPLANATIONS, translated)


def channel_labels(*, translated: bool = True) -> dict[Channel, str]:
    return _table(_CHANNELS, translated)


def state_labels(*, translated: bool = True) -> dict[ReportState, str]:
    return _table(_STATES, translated)


def remote_status_labels(*, translated: bool = True) -> dict[RemoteStatus, str]:
    return _table(_REMOTE_STATUSES, translated)


def field_labels(*, translated: bool = True) -> dict[str, str]:
    return _table(_FIELDS, translated)


def _lookup(table: dict, enum: type, value: object, translated: bool) -> str:  # type: ignore[type-arg]
    if value is None or value == "":
        return ""
    try:
        return _text(table[enum(value)], translated)
    except ValueError:
        # A value a newer server knows and this app does not: show it rather than hide it.
        return str(value)


def classification_label(value: Classification | str | None, *, translated: bool = True) -> str:
    if value is None or value == "":
        return _text(_NOT_CHOSEN, translated)
    return _lookup(_CLASSIFICATIONS, Classification, value, translated)


def channel_label(value: Channel | str | None, *, translated: bool = True) -> str:
    return _lookup(_CHANNELS, Channel, value, translated)


def state_label(value: ReportState | str | None, *, translated: bool = True) -> str:
    return _lookup(_STATES, ReportState, value, translated)


def remote_status_label(value: RemoteStatus | str | None, *, translated: bool = True) -> str:
    return _lookup(_REMOTE_STATUSES, RemoteStatus, value, translated)


def field_label(path: str, *, translated: bool = True) -> str:
    """``reporter.nik`` -> "NIK"; ``attachments.2.filename`` -> "Lampiran ke-3"; unknown paths as given."""
    if path in _FIELDS:
        return _text(_FIELDS[path], translated)
    parts = path.split(".")
    if parts[0] == "attachments" and len(parts) >= 2 and parts[1].isdigit():
        return _text(_ATTACHMENT_N, translated).replace("%1", str(int(parts[1]) + 1))
    # A deeper path under a known field (a server sub-key): name the closest known parent.
    for end in range(len(parts) - 1, 0, -1):
        parent = ".".join(parts[:end])
        if parent in _FIELDS:
            return _text(_FIELDS[parent], translated)
    return path
