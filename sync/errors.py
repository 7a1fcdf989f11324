"""Typed outcomes for every row of the contract's error table.

Failures are exceptions raised by `sync.client.ApiClient` (a call either
returns its typed result or raises one of these). In a batch answer the same
classes are used as plain values, one per failed item, so the outbox handles
a single POST and a batch item with the same code.

`str(error)` is always a Bahasa Indonesia sentence fit for the operator; the
technical `detail` is for logs and never holds a token or report content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from lapor_desktop import labels


@dataclass(frozen=True)
class ErrorDetail:
    """The `error` object of a conforming error body."""

    code: str
    message: str
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    missing: tuple[str, ...] = ()


class TransientKind(StrEnum):
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    TLS = "tls"
    REDIRECT = "redirect"
    NOT_JSON = "not_json"
    MALFORMED = "malformed"
    TRUNCATED = "truncated"
    SERVER_ERROR = "server_error"
    RATE_LIMITED = "rate_limited"
    UNAVAILABLE = "unavailable"
    UNEXPECTED_STATUS = "unexpected_status"


_TRANSIENT_TEXT: dict[TransientKind, str] = {
    TransientKind.TIMEOUT: "Server LAPOR! tidak menjawab tepat waktu. Pengiriman akan dicoba lagi otomatis.",
    TransientKind.CONNECTION: (
        "Server LAPOR! tidak dapat dihubungi. Periksa koneksi internet; pengiriman akan dicoba lagi otomatis."
    ),
    TransientKind.TLS: (
        "Sertifikat keamanan server tidak dapat diverifikasi. Jaringan ini mungkin meminta login "
        "(misalnya Wi-Fi umum) atau sedang dicegat. Data tidak dikirim; coba lagi di jaringan yang aman."
    ),
    TransientKind.REDIRECT: (
        "Jaringan mengalihkan ke halaman lain (misalnya halaman login Wi-Fi). Selesaikan login di "
        "peramban, lalu pengiriman akan dicoba lagi."
    ),
    TransientKind.NOT_JSON: (
        "Jawaban yang diterima bukan dari server LAPOR! (mungkin halaman login Wi-Fi atau proxy). "
        "Pengiriman akan dicoba lagi otomatis."
    ),
    TransientKind.MALFORMED: (
        "Jawaban server tidak sesuai format LAPOR! yang dikenal aplikasi ini. Pengiriman akan dicoba lagi otomatis; "
        "bila terus terjadi, periksa alamat server di Pengaturan."
    ),
    TransientKind.TRUNCATED: (
        "Koneksi terputus saat menerima jawaban server. Pengiriman akan dicoba lagi otomatis."
    ),
    TransientKind.SERVER_ERROR: (
        "Server LAPOR! sedang mengalami gangguan. Pengiriman akan dicoba lagi otomatis."
    ),
    TransientKind.RATE_LIMITED: (
        "Server LAPOR! sedang menerima terlalu banyak permintaan. Pengiriman akan dicoba lagi otomatis."
    ),
    TransientKind.UNAVAILABLE: (
        "Server LAPOR! sedang tidak tersedia (misalnya pemeliharaan). Pengiriman akan dicoba lagi otomatis."
    ),
    TransientKind.UNEXPECTED_STATUS: (
        "Server memberi jawaban yang tidak dikenal. Pengiriman akan dicoba lagi otomatis; "
        "bila terus terjadi, periksa alamat server di Pengaturan."
    ),
}


class ApiError(Exception):
    """Any failure of a call to the LAPOR API."""

    status: int | None = None

    def __init__(self, user_message: str, detail: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.detail = detail


class Transient(ApiError):
    """The connection or the server failed; the report is fine. Retry later.

    `retry_after` is the server's `Retry-After` in seconds when it sent one.
    """

    def __init__(
        self,
        kind: TransientKind,
        detail: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(_TRANSIENT_TEXT[kind], detail)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after
        self.code = code

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(kind={self.kind.value!r}, status={self.status!r}, "
            f"retry_after={self.retry_after!r}, detail={self.detail!r})"
        )


class MalformedResponse(Transient):
    """A body that is not JSON of the contract's shape: a portal page, a proxy page, a cut body."""

    def __init__(
        self,
        detail: str,
        *,
        kind: TransientKind = TransientKind.MALFORMED,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(kind, detail, status=status, retry_after=retry_after)


class AuthFailure(ApiError):
    """401 invalid_token or 403 forbidden: stop syncing; nothing is marked failed."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message
        super().__init__(explain_code(code, message), f"{status} {code}")


class PermanentForItem(ApiError):
    """The server refuses this report as it is: keep it and ask the operator to fix it."""

    def __init__(self, status: int, code: str, message: str, fields: Mapping[str, str] | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.fields: Mapping[str, str] = MappingProxyType(dict(fields or {}))
        super().__init__(explain_code(code, message), f"{status} {code} fields={sorted(self.fields)}")

    def __repr__(self) -> str:
        return f"PermanentForItem(status={self.status}, code={self.code!r}, fields={dict(self.fields)!r})"


class MissingAttachments(ApiError):
    """422 missing_attachments: upload the listed attachments, then send the report again."""

    def __init__(self, message: str, missing: tuple[str, ...]) -> None:
        self.status = 422
        self.code = "missing_attachments"
        self.message = message
        self.missing = missing
        super().__init__(explain_code(self.code, message), f"422 missing_attachments count={len(missing)}")


class NotFound(ApiError):
    """404 not_found: the server does not know this report."""

    def __init__(self, message: str) -> None:
        self.status = 404
        self.code = "not_found"
        self.message = message
        super().__init__(explain_code(self.code, message), "404 not_found")


# What a batch item or a single call can come back with when it failed.
ItemError = Transient | AuthFailure | PermanentForItem | MissingAttachments | NotFound

_PERMANENT_STATUSES = frozenset({400, 409, 413, 422})


def error_for_status(status: int, detail: ErrorDetail, retry_after: float | None = None) -> ItemError:
    """Map a conforming error answer to its typed outcome (the contract's error table).

    The status decides, as the table is keyed by status; the code only splits
    422 into missing attachments and the rest.
    """
    if status in (401, 403):
        return AuthFailure(status, detail.code, detail.message)
    if status == 404:
        return NotFound(detail.message)
    if status == 422 and detail.code == "missing_attachments":
        return MissingAttachments(detail.message, detail.missing)
    if status in _PERMANENT_STATUSES:
        return PermanentForItem(status, detail.code, detail.message, detail.fields)
    kind = {429: TransientKind.RATE_LIMITED, 503: TransientKind.UNAVAILABLE}.get(status)
    if kind is None:
        # A 5xx is the server's trouble; a status the table does not name (405, 408, 3xx ...)
        # says more about the path to the server than about the report: never blame the report.
        kind = TransientKind.SERVER_ERROR if status >= 500 else TransientKind.UNEXPECTED_STATUS
    return Transient(
        kind, f"{status} {detail.code}", status=status, retry_after=retry_after, code=detail.code
    )


# --- Bahasa explanations for the operator -----------------------------------

_CODE_TEXT: dict[str, str] = {
    "bad_request": (
        "Server menolak format laporan ini. Laporan tetap tersimpan; periksa isinya lalu kirim ulang, "
        "atau hubungi admin Diskominfo bila terus terjadi."
    ),
    "invalid_token": (
        "Server LAPOR! menolak token akses kantor ini (salah, sudah diganti, atau dicabut). Minta token "
        "baru kepada admin Diskominfo dan isi di Pengaturan. Tidak ada laporan yang gagal; pengiriman "
        "dilanjutkan setelah token diganti."
    ),
    "forbidden": "Server LAPOR! menolak akses. Pengiriman dihentikan; hubungi admin Diskominfo.",
    "not_found": "Server LAPOR! tidak mengenal laporan ini.",
    "idempotency_conflict": (
        "Laporan ini sudah pernah diterima server dengan isi yang berbeda, sehingga versi ini ditolak. "
        "Jangan kirim ulang; hubungi admin Diskominfo untuk memeriksanya."
    ),
    "payload_too_large": (
        "Laporan atau lampirannya terlalu besar (lampiran maksimal 5 MB per berkas). "
        "Kecilkan atau kurangi lampiran, lalu kirim ulang."
    ),
    "validation_failed": "Beberapa isian laporan perlu diperbaiki sebelum dikirim ulang.",
    "unknown_category": (
        "Kategori laporan tidak dikenal server. "
        "Perbarui daftar kategori, pilih kategori lain, lalu kirim ulang."
    ),
    "unknown_agency": (
        "Instansi tujuan laporan tidak dikenal server. "
        "Perbarui daftar instansi, pilih instansi lain atau kosongkan pilihannya, lalu kirim ulang."
    ),
    "report_closed": (
        "LAPOR! sudah menutup laporan ini (tidak dapat diproses, diarsipkan, atau selesai lebih dari "
        "10 hari kerja lalu); tanggapan pelapor tidak dapat diterima lagi. Bila masalahnya masih ada, "
        "catat sebagai laporan baru."
    ),
    "missing_attachments": (
        "Sebagian lampiran belum ada di server; lampiran akan diunggah lalu laporan dikirim ulang."
    ),
    "hash_mismatch": (
        "Lampiran berubah atau rusak saat dikirim (sidik SHA-256 tidak cocok). "
        "Lampirkan ulang berkas aslinya, lalu kirim ulang."
    ),
    "rate_limited": _TRANSIENT_TEXT[TransientKind.RATE_LIMITED],
    "unavailable": _TRANSIENT_TEXT[TransientKind.UNAVAILABLE],
    "internal": _TRANSIENT_TEXT[TransientKind.SERVER_ERROR],
}


def explain_code(code: str, server_message: str | None = None) -> str:
    """The Bahasa sentence for an error code of the contract.

    403 carries a message the operator must see ("show the message"), so it
    is appended for that code only; other server messages may be English or
    technical and the fields explain them better.
    """
    text = _CODE_TEXT.get(code)
    if text is None:
        text = f"Server menolak laporan ini (kode: {code}). Periksa isinya, lalu kirim ulang."
    if code == "forbidden" and server_message:
        text = f"{text} Pesan server: {server_message}"
    return text


_FORMAT_CODES = frozenset({"invalid", "invalid_format", "invalid_choice", "pattern", "format", "bad_format"})
_FUTURE_CODES = frozenset({"in_future", "future", "after_today", "not_after_today"})
_UNKNOWN_CODES = frozenset({"unknown", "unknown_category", "not_found"})

_SPECIFIC: dict[tuple[str, str], str] = {
    ("title", "too_short"): "Judul terlalu pendek (minimal 5 karakter).",
    ("title", "too_long"): "Judul terlalu panjang (maksimal 150 karakter).",
    ("body", "too_short"): "Isi laporan terlalu pendek (minimal 20 karakter).",
    ("body", "too_long"): "Isi laporan terlalu panjang (maksimal 5.000 karakter).",
    ("reporter.name", "too_long"): "Nama pelapor terlalu panjang (maksimal 120 karakter).",
    ("reporter.address", "too_long"): "Alamat pelapor terlalu panjang (maksimal 300 karakter).",
    ("location.address", "too_long"): "Alamat lokasi terlalu panjang (maksimal 300 karakter).",
    ("recorded_by", "too_long"): "Nama petugas pencatat terlalu panjang (maksimal 120 karakter).",
    ("attachments", "too_many"): "Lampiran terlalu banyak (maksimal 5 berkas per laporan).",
    ("attachments.filename", "too_long"): "Nama berkas lampiran terlalu panjang (maksimal 200 karakter).",
}
_SPECIFIC_FORMAT: dict[str, str] = {
    "reporter.nik": "NIK harus terdiri dari tepat 16 angka.",
    "reporter.phone": "Nomor telepon harus diawali +62 atau 0, diikuti 8 sampai 13 angka.",
    "reporter.email": "Alamat email tidak valid. Periksa penulisannya, misalnya nama@contoh.id.",
    "location.region_code": "Kode wilayah harus berupa kode desa Kemendagri, misalnya 18.01.01.2001.",
    "location.latitude": "Garis lintang harus di antara -90 dan 90.",
    "location.longitude": "Garis bujur harus di antara -180 dan 180.",
    "incident_date": "Tanggal kejadian harus berupa tanggal yang valid (TTTT-BB-HH).",
    "classification": "Klasifikasi harus pengaduan, aspirasi, atau permintaan informasi.",
    "attachments.content_type": "Jenis berkas lampiran harus JPEG, PNG, atau PDF.",
    "attachments.sha256": "Sidik lampiran tidak valid. Lampirkan ulang berkasnya.",
}


def _field_key(field_path: str) -> str:
    """`attachments[2].filename` and `attachments.2.filename` both become `attachments.filename`."""
    parts: list[str] = []
    for raw in field_path.replace("[", ".").replace("]", "").split("."):
        if raw and not raw.isdigit():
            parts.append(raw)
    return ".".join(parts)


def field_label(field_path: str) -> str:
    """The name of a server field path, from the project's label table (indices dropped)."""
    return labels.field_label(_field_key(field_path) or field_path)


def explain_field(field_path: str, code: str) -> str:
    """The Bahasa explanation of one `fields` entry, e.g. ("title", "too_short")."""
    key = _field_key(field_path)
    specific = _SPECIFIC.get((key, code))
    if specific:
        return specific
    if code in _FORMAT_CODES and key in _SPECIFIC_FORMAT:
        return _SPECIFIC_FORMAT[key]
    if code in _FUTURE_CODES and key == "incident_date":
        return "Tanggal kejadian tidak boleh setelah hari ini."
    if code in _UNKNOWN_CODES and key == "category_code":
        return "Kategori tidak dikenal server. Perbarui daftar kategori dan pilih kategori lain."
    if code in (*_UNKNOWN_CODES, "unknown_agency") and key == "agency_code":
        return "Instansi tujuan tidak dikenal server. Perbarui daftar instansi, pilih instansi lain atau kosongkan."
    label = field_label(field_path)
    generic = {
        "required": f"{label} wajib diisi.",
        "missing": f"{label} wajib diisi.",
        "empty": f"{label} wajib diisi.",
        "too_short": f"{label} terlalu pendek.",
        "too_long": f"{label} terlalu panjang.",
        "too_many": f"{label} terlalu banyak.",
        "out_of_range": f"{label} di luar rentang yang diizinkan.",
        "wrong_type": f"{label} berformat salah.",
        "not_allowed": f"{label} tidak diizinkan.",
        "invalid_choice": f"{label} bukan pilihan yang diizinkan.",
        "unknown_field": f"Isian '{field_path}' tidak dikenal server; perbarui aplikasi atau hubungi admin.",
        "unexpected": f"{label} tidak diizinkan.",
        "duplicate": f"{label} tercantum lebih dari sekali.",
    }.get(code)
    if generic:
        return generic
    if code in _FORMAT_CODES:
        return f"{label} tidak valid. Periksa kembali isinya."
    if code in _FUTURE_CODES:
        return f"{label} tidak boleh setelah hari ini."
    if code in _UNKNOWN_CODES:
        return f"{label} tidak dikenal server."
    return f"{label} perlu diperbaiki (kode: {code})."


def fix_messages(error: PermanentForItem) -> dict[str, str]:
    """Per-field Bahasa messages, keyed by the server's field path (for `Report.fix_messages`)."""
    return {path: explain_field(path, code) for path, code in error.fields.items()}


def fix_summary(error: PermanentForItem | MissingAttachments) -> str:
    """One Bahasa paragraph for `Report.fix_summary`: the code's sentence, then each field."""
    if isinstance(error, MissingAttachments) or not error.fields:
        return str(error)
    lines = [str(error)] + [f"- {text}" for text in fix_messages(error).values()]
    return "\n".join(lines)


def reply_refusal(error: PermanentForItem | MissingAttachments | NotFound, tracking_id: str) -> str:
    """Why LAPOR! refused a reporter's reply for good, for the operator (kept beside the reply's text)."""
    if isinstance(error, NotFound):
        return (
            f"LAPOR! tidak mengenal laporan {tracking_id} untuk kantor ini, sehingga tanggapan tidak diterima. "
            "Tanggapan tetap tersimpan; periksa nomor pelacakan bersama admin Diskominfo."
        )
    if isinstance(error, MissingAttachments):
        return "Lampiran tanggapan tidak sampai ke server LAPOR! dan ditolak. Catat tanggapan baru dengan lampirannya."
    if error.code == "idempotency_conflict":
        return (
            "Tanggapan ini sudah pernah diterima LAPOR! dengan isi yang berbeda, sehingga versi ini ditolak. "
            "Jangan kirim ulang; hubungi admin Diskominfo untuk memeriksanya."
        )
    if error.code in ("report_closed", "payload_too_large", "hash_mismatch") or not error.fields:
        return (
            explain_code(error.code, error.message)
            if error.code in _CODE_TEXT
            else (
                f"LAPOR! menolak tanggapan ini (kode: {error.code}). Tanggapan tetap tersimpan; catat tanggapan baru."
            )
        )
    lines = ["LAPOR! menolak isi tanggapan ini:"] + [f"- {text}" for text in fix_messages(error).values()]
    return "\n".join(lines)
