"""The rules a report must meet: as a draft (to be stored) and to be queued (to be sent).

Two levels, on purpose:

- `validate_for_queue` enforces every limit of the LAPOR API contract (README
  "Limits" and the `ReportIn` schema) plus the checks the office can do better
  than the server (NIK structure, the citizen's consent). A report that passes
  is never rejected by a conforming server for its content. Only queuing runs
  it; the services raise `errors.ValidationFailed` with its result.
- `validate_draft` only protects storage: nothing the operator typed is ever
  lost, so a half-typed NIK, a short title or a future incident date may be
  saved as a draft. It rejects only what cannot be stored faithfully or is
  beyond the contract's upper limits: text longer than the contract allows,
  more than 5 attachments, coordinates that are not finite numbers (SQLite
  turns NaN into NULL), lone UTF-16 surrogates and NUL characters (not
  encodable as UTF-8 / cut off by some tools), and absurdly long NIK, phone,
  region or category values (more than `DRAFT_SHORT_FIELD_MAX` characters).

Normalisation happens at input, not here. `normalize_content` trims text,
turns blank optional fields into ``None``, turns CRLF into LF and strips the
separators people type inside numbers (spaces, dashes, dots, brackets in
"0812-3456 7890" or "3201.0112.3456.0001"). `report_json.content_from_json`
applies it; the GUI and the services apply it before storing. The validators
judge the stored value exactly as it will be sent, so a phone stored with
spaces is reported (with a message saying to remove them) rather than passed
and then refused by the server. `check_phone` and `check_nik` are strict in
the same way; an as-you-type caller passes ``normalize_phone(text)``.

All lengths are counted in Unicode code points after trimming (JSON Schema
counts code points; the README counts after trimming), so an emoji is one
character and a family emoji joined by zero-width joiners is several.

Field paths are the dotted paths of `ReportIn` the server uses in
``error.fields`` (``title``, ``location.region_code``, ``reporter.nik``,
``attachments.0.filename``); the local-only consent is ``consent``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Collection, Sequence

from lapor_desktop.domain import (
    CONTENT_TYPES,
    AttachmentRef,
    Classification,
    Location,
    ReportContent,
    Reporter,
)
from lapor_desktop.reports.nik import NIK_LENGTH, nik_problem, province_names

TITLE_MIN = 5
TITLE_MAX = 150
BODY_MIN = 20
BODY_MAX = 5000
REPORTER_NAME_MIN = 1
REPORTER_NAME_MAX = 120
REPORTER_ADDRESS_MAX = 300
LOCATION_ADDRESS_MAX = 300
RECORDED_BY_MAX = 120
EMAIL_MAX = 254
EMAIL_LOCAL_MAX = 64
NIK_DIGITS = NIK_LENGTH
PHONE_DIGITS_MIN = 8
PHONE_DIGITS_MAX = 13
LATITUDE_MIN = -90.0
LATITUDE_MAX = 90.0
LONGITUDE_MIN = -180.0
LONGITUDE_MAX = 180.0
MAX_ATTACHMENTS = 5
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_FILENAME_MAX = 200
BATCH_MAX = 50
JSON_BODY_MAX_BYTES = 1024 * 1024
# Drafts may hold half-typed codes and numbers, but not pasted garbage.
DRAFT_SHORT_FIELD_MAX = 64

REGION_CODE_PATTERN = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}")
PHONE_PATTERN = re.compile(r"(\+62|0)[0-9]{8,13}")
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
# A deliberately plain address form: what the office can type and the server's
# `format: email` checkers all accept; no quoted local parts, no IP literals.
EMAIL_PATTERN = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)

# Separators people type inside phone numbers and NIKs; stripped at input.
_NUMBER_SEPARATORS = re.compile(r"[\s\-.()/\u00a0]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_NEWLINE_TAB = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_CLASSIFICATION_NAMES = "pengaduan, aspirasi, atau permintaan informasi"


# --- normalisation at input ------------------------------------------------------------------------


def normalize_phone(value: str) -> str:
    """``"0812-3456 7890"`` -> ``"081234567890"``; other characters are kept for the validator to name."""
    return _NUMBER_SEPARATORS.sub("", value)


def normalize_nik(value: str) -> str:
    """``"3201 0112 3456 0001"`` -> ``"3201011234560001"``."""
    return _NUMBER_SEPARATORS.sub("", value)


def normalize_content(content: ReportContent) -> ReportContent:
    """The content as it is stored and sent.

    Text trimmed, blank optional fields as ``None``, numbers without separators.
    """
    location = content.location
    reporter = content.reporter
    return ReportContent(
        classification=content.classification,
        title=content.title.strip(),
        body=content.body.replace("\r\n", "\n").replace("\r", "\n").strip(),
        category_code=content.category_code.strip(),
        incident_date=content.incident_date,
        location=Location(
            region_code=normalize_region_code(location.region_code),
            address=_optional_text(location.address),
            latitude=location.latitude,
            longitude=location.longitude,
        ),
        reporter=Reporter(
            name=reporter.name.strip(),
            nik=_optional(reporter.nik, normalize_nik),
            phone=_optional(reporter.phone, normalize_phone),
            email=_optional_text(reporter.email),
            address=_optional_text(reporter.address),
        ),
        anonymous=content.anonymous,
        confidential=content.confidential,
        channel=content.channel,
        consent=content.consent,
        attachments=content.attachments,
        agency_code=_optional_text(content.agency_code),
    )


def normalize_region_code(value: str) -> str:
    return re.sub(r"\s", "", value)


def _optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _optional(value: str | None, normalize: Callable[[str], str]) -> str | None:
    if value is None:
        return None
    value = normalize(value.strip())
    return value or None


# --- per-field checks (usable as the operator types) ------------------------------------------------


def check_classification(value: Classification | str | None) -> str | None:
    if value is None or value == "":
        return f"Pilih klasifikasi laporan: {_CLASSIFICATION_NAMES}."
    if value not in {member.value for member in Classification}:
        return f"Klasifikasi tidak dikenal; pilih {_CLASSIFICATION_NAMES}."
    return None


def check_title(value: str) -> str | None:
    title = value.strip()
    if not title:
        return f"Judul wajib diisi (minimal {TITLE_MIN} karakter)."
    if bad := _bad_characters(title, _ANY_CONTROL):
        return f"Judul {bad} Judul harus satu baris tanpa tab."
    return _length_problem("Judul", title, TITLE_MIN, TITLE_MAX)


def check_body(value: str) -> str | None:
    body = value.strip()
    if not body:
        return f"Isi laporan wajib diisi (minimal {BODY_MIN} karakter)."
    # CR is part of a Windows line break; normalisation turns it into LF.
    if bad := _bad_characters(body.replace("\r", ""), _CONTROL_EXCEPT_NEWLINE_TAB):
        return f"Isi laporan {bad} Baris baru dan tab boleh dipakai."
    return _length_problem("Isi laporan", body, BODY_MIN, BODY_MAX)


def check_category_code(value: str, *, categories: Collection[str] | None = None) -> str | None:
    """``categories``: the known codes (the cached list), when the caller has them."""
    code = value.strip()
    if not code:
        return "Pilih kategori laporan."
    if bad := _bad_characters(code, _ANY_CONTROL):
        return f"Kode kategori {bad}"
    if categories is not None and code not in categories:
        return (
            f"Kategori '{code}' tidak dikenal. Pilih kategori dari daftar, atau perbarui daftar kategori "
            "saat terhubung ke internet."
        )
    return None


def check_incident_date(value: dt.date | None, *, today: dt.date | None = None) -> str | None:
    """Optional; not after ``today``, the client's date (the server checks against its own)."""
    if value is None:
        return None
    today = today or dt.date.today()
    if value > today:
        return (
            f"Tanggal kejadian ({value:%d-%m-%Y}) tidak boleh setelah hari ini ({today:%d-%m-%Y}). "
            "Periksa tanggalnya, atau kosongkan jika tidak diketahui."
        )
    return None


def check_region_code(value: str) -> str | None:
    code = value
    if not code.strip():
        return "Kode wilayah desa/kelurahan wajib diisi, misalnya 18.01.01.2001."
    if not REGION_CODE_PATTERN.fullmatch(code):
        return (
            "Kode wilayah harus berbentuk 2.2.2.4 angka dengan titik, misalnya 18.01.01.2001 "
            "(provinsi.kabupaten.kecamatan.desa)."
        )
    if code[:2] not in province_names():
        return f"Kode provinsi {code[:2]} pada kode wilayah tidak dikenal. Periksa kembali kode wilayahnya."
    return None


def check_location_address(value: str | None) -> str | None:
    return _optional_long_text("Alamat lokasi kejadian", value, LOCATION_ADDRESS_MAX)


def check_latitude(value: float | None) -> str | None:
    return _coordinate_problem("Lintang (latitude)", value, LATITUDE_MIN, LATITUDE_MAX)


def check_longitude(value: float | None) -> str | None:
    return _coordinate_problem("Bujur (longitude)", value, LONGITUDE_MIN, LONGITUDE_MAX)


def check_coordinates(latitude: float | None, longitude: float | None) -> dict[str, str]:
    """Each in range, and both or neither: one without the other is no position."""
    problems: dict[str, str] = {}
    if message := check_latitude(latitude):
        problems["location.latitude"] = message
    if message := check_longitude(longitude):
        problems["location.longitude"] = message
    if latitude is not None and longitude is None:
        problems["location.longitude"] = (
            "Bujur (longitude) wajib diisi karena lintang diisi; isi keduanya atau kosongkan keduanya."
        )
    if longitude is not None and latitude is None:
        problems["location.latitude"] = (
            "Lintang (latitude) wajib diisi karena bujur diisi; isi keduanya atau kosongkan keduanya."
        )
    return problems


def check_reporter_name(value: str) -> str | None:
    # Unlike title and body, the contract limits the name as sent, not after trimming.
    name = value
    if not name.strip():
        return (
            "Nama pelapor wajib diisi, juga untuk laporan anonim "
            "(pada laporan anonim nama tidak ditampilkan kepada instansi)."
        )
    if bad := _bad_characters(name, _ANY_CONTROL):
        return f"Nama pelapor {bad}"
    return _length_problem("Nama pelapor", name, REPORTER_NAME_MIN, REPORTER_NAME_MAX)


def check_nik(value: str | None, *, today: dt.date | None = None) -> str | None:
    """Optional; when given: 16 digits with a plausible structure (see `lapor_desktop.reports.nik`)."""
    if value is None or not value.strip():
        return None
    return nik_problem(value, today=today)


def check_phone(value: str | None) -> str | None:
    """Optional; when given: ``+62`` or ``0`` then 8 to 13 digits, exactly as it will be sent."""
    if value is None or not value.strip():
        return None
    if PHONE_PATTERN.fullmatch(value):
        return None
    compact = normalize_phone(value)
    if compact != value and PHONE_PATTERN.fullmatch(compact):
        return "Nomor telepon hanya boleh berisi angka: hapus spasi, tanda hubung, titik atau tanda kurung."
    if compact.startswith("62"):
        return (
            "Nomor telepon harus diawali +62 atau 0 (misalnya +6281234567890 atau 081234567890), "
            "bukan 62 saja."
        )
    prefix = "+62" if compact.startswith("+62") else "0" if compact.startswith("0") else None
    if prefix is None:
        return "Nomor telepon harus diawali +62 atau 0, misalnya 081234567890."
    rest = compact[len(prefix) :]
    if not rest.isascii() or not rest.isdigit():
        return "Nomor telepon hanya boleh berisi angka setelah +62 atau 0."
    which = "pendek" if len(rest) < PHONE_DIGITS_MIN else "panjang"
    return (
        f"Nomor telepon terlalu {which}: setelah {prefix} harus ada {PHONE_DIGITS_MIN} sampai "
        f"{PHONE_DIGITS_MAX} angka (sekarang {len(rest)})."
    )


def check_email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    email = value
    if len(email) > EMAIL_MAX:
        return f"Alamat email terlalu panjang: maksimal {EMAIL_MAX} karakter (sekarang {len(email)})."
    if not EMAIL_PATTERN.fullmatch(email) or len(email.partition("@")[0]) > EMAIL_LOCAL_MAX:
        return "Alamat email tidak sah. Contoh bentuk yang benar: nama@contoh.go.id (tanpa spasi)."
    return None


def check_reporter_address(value: str | None) -> str | None:
    return _optional_long_text("Alamat pelapor", value, REPORTER_ADDRESS_MAX)


def check_consent(consent: bool) -> str | None:
    if consent:
        return None
    return (
        "Persetujuan pelapor untuk pemrosesan data pribadinya (UU No. 27 Tahun 2022 tentang "
        "Pelindungan Data Pribadi) wajib ada sebelum laporan diantrekan. Tanyakan kepada pelapor, "
        "lalu centang persetujuan."
    )


def check_attachments(
    attachments: Sequence[AttachmentRef], *, max_attachments: int = MAX_ATTACHMENTS
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if len(attachments) > max_attachments:
        problems["attachments"] = (
            f"Terlalu banyak lampiran: maksimal {max_attachments} (sekarang {len(attachments)}). "
            f"Hapus {len(attachments) - max_attachments} lampiran."
        )
    seen: set[str] = set()
    for index, ref in enumerate(attachments):
        path = f"attachments.{index}"
        label = f"Lampiran ke-{index + 1}"
        if not SHA256_PATTERN.fullmatch(ref.sha256):
            problems[f"{path}.sha256"] = (
                f"{label} rusak (sidik SHA-256 tidak sah). Hapus lalu lampirkan ulang berkasnya."
            )
        elif ref.sha256 in seen:
            problems[f"{path}.sha256"] = f"{label} sama dengan lampiran sebelumnya. Hapus salah satunya."
        seen.add(ref.sha256)
        if ref.content_type not in CONTENT_TYPES:
            problems[f"{path}.content_type"] = f"{label} harus berupa foto JPEG, PNG, atau dokumen PDF."
        filename = ref.filename.strip()
        if not filename:
            problems[f"{path}.filename"] = f"{label} tidak memiliki nama berkas."
        elif bad := _bad_characters(filename, _ANY_CONTROL):
            problems[f"{path}.filename"] = f"Nama berkas {label.lower()} {bad}"
        elif len(filename) > ATTACHMENT_FILENAME_MAX:
            problems[f"{path}.filename"] = (
                f"Nama berkas {label.lower()} terlalu panjang: maksimal {ATTACHMENT_FILENAME_MAX} karakter "
                f"(sekarang {len(filename)})."
            )
        if ref.size > ATTACHMENT_MAX_BYTES:
            problems[f"{path}.size"] = (
                f"{label} terlalu besar: maksimal 5 MiB ({ATTACHMENT_MAX_BYTES} byte), "
                f"sekarang {ref.size} byte. Perkecil fotonya atau pilih berkas lain."
            )
    return problems


_FieldCheck = Callable[..., str | None]

_FIELD_CHECKS: dict[str, _FieldCheck] = {
    "classification": check_classification,
    "title": check_title,
    "body": check_body,
    "category_code": check_category_code,
    "incident_date": check_incident_date,
    "location.region_code": check_region_code,
    "location.address": check_location_address,
    "location.latitude": check_latitude,
    "location.longitude": check_longitude,
    "reporter.name": check_reporter_name,
    "reporter.nik": check_nik,
    "reporter.phone": check_phone,
    "reporter.email": check_email,
    "reporter.address": check_reporter_address,
    "consent": check_consent,
}
_NEEDS_TODAY = frozenset({"incident_date", "reporter.nik"})

FIELD_PATHS: tuple[str, ...] = tuple(_FIELD_CHECKS)


def check_field(path: str, value: object, *, today: dt.date | None = None) -> str | None:
    """The queuing rule for one field by its dotted path, for as-you-type feedback.

    Raises `KeyError` for a path that is not a single field (see `FIELD_PATHS`);
    attachments and the latitude/longitude pairing span several values and have
    `check_attachments` and `check_coordinates`.
    """
    check = _FIELD_CHECKS[path]
    if path in _NEEDS_TODAY:
        return check(value, today=today)
    return check(value)


# --- whole reports ----------------------------------------------------------------------------------


def validate_for_queue(
    content: ReportContent,
    *,
    today: dt.date,
    max_attachments: int = MAX_ATTACHMENTS,
    categories: Collection[str] | None = None,
) -> dict[str, str]:
    """Every rule a report must meet before it is queued for sending: ``{field_path: message}``.

    Empty when the report may be queued. ``today`` is the client's date (for
    the incident date and the NIK's birth century). ``categories``, when
    given, are the known category codes.

    Consent is required always, not only when a NIK, phone, e-mail or address
    is given: every report carries the reporter's name (the contract requires
    it, even for anonymous reports), and a full name is already personal data
    under UU 27/2022 (Pasal 4 ayat 3), so sending any report processes
    personal data.
    """
    problems: dict[str, str] = {}

    def put(path: str, message: str | None) -> None:
        if message:
            problems[path] = message

    put("classification", check_classification(content.classification))
    put("title", check_title(content.title))
    put("body", check_body(content.body))
    put("category_code", check_category_code(content.category_code, categories=categories))
    put("incident_date", check_incident_date(content.incident_date, today=today))
    put("location.region_code", check_region_code(content.location.region_code))
    put("location.address", check_location_address(content.location.address))
    problems.update(check_coordinates(content.location.latitude, content.location.longitude))
    put("reporter.name", check_reporter_name(content.reporter.name))
    put("reporter.nik", check_nik(content.reporter.nik, today=today))
    put("reporter.phone", check_phone(content.reporter.phone))
    put("reporter.email", check_email(content.reporter.email))
    put("reporter.address", check_reporter_address(content.reporter.address))
    problems.update(check_attachments(content.attachments, max_attachments=max_attachments))
    put("consent", check_consent(content.consent))
    return problems


def validate_draft(content: ReportContent) -> dict[str, str]:
    """Only what storage needs (see the module docstring): ``{field_path: message}``.

    Empty when the draft may be saved.
    """
    problems: dict[str, str] = {}
    texts: dict[str, tuple[str, str | None, int]] = {
        "title": ("Judul", content.title, TITLE_MAX),
        "body": ("Isi laporan", content.body, BODY_MAX),
        "category_code": ("Kode kategori", content.category_code, DRAFT_SHORT_FIELD_MAX),
        "location.region_code": ("Kode wilayah", content.location.region_code, DRAFT_SHORT_FIELD_MAX),
        "location.address": ("Alamat lokasi kejadian", content.location.address, LOCATION_ADDRESS_MAX),
        "reporter.name": ("Nama pelapor", content.reporter.name, REPORTER_NAME_MAX),
        "reporter.nik": ("NIK", content.reporter.nik, DRAFT_SHORT_FIELD_MAX),
        "reporter.phone": ("Nomor telepon", content.reporter.phone, DRAFT_SHORT_FIELD_MAX),
        "reporter.email": ("Alamat email", content.reporter.email, EMAIL_MAX),
        "reporter.address": ("Alamat pelapor", content.reporter.address, REPORTER_ADDRESS_MAX),
    }
    for path, (label, value, maximum) in texts.items():
        if value is None:
            continue
        if _LONE_SURROGATE.search(value):
            problems[path] = (
                f"{label} berisi karakter yang rusak (kode Unicode tidak sah). Ketik ulang bagian itu."
            )
        elif "\x00" in value:
            problems[path] = f"{label} berisi karakter NUL yang tidak dapat disimpan. Hapus karakter itu."
        elif len(trimmed := value.strip()) > maximum:
            problems[path] = (
                f"{label} terlalu panjang: maksimal {maximum} karakter (sekarang {len(trimmed)})."
            )
    for path, label, number in (
        ("location.latitude", "Lintang (latitude)", content.location.latitude),
        ("location.longitude", "Bujur (longitude)", content.location.longitude),
    ):
        if number is not None and not _is_finite_number(number):
            problems[path] = f"{label} harus berupa angka."
    if len(content.attachments) > MAX_ATTACHMENTS:
        problems["attachments"] = (
            f"Terlalu banyak lampiran: maksimal {MAX_ATTACHMENTS} (sekarang {len(content.attachments)})."
        )
    return problems


# --- helpers ---------------------------------------------------------------------------------------


def _length_problem(label: str, text: str, minimum: int, maximum: int) -> str | None:
    if len(text) < minimum:
        return f"{label} terlalu pendek: minimal {minimum} karakter (sekarang {len(text)})."
    if len(text) > maximum:
        return f"{label} terlalu panjang: maksimal {maximum} karakter (sekarang {len(text)})."
    return None


def _bad_characters(text: str, control: re.Pattern[str]) -> str | None:
    """A sentence fragment naming characters the server or storage would choke on, or ``None``."""
    if _LONE_SURROGATE.search(text):
        return "berisi karakter yang rusak (kode Unicode tidak sah); ketik ulang bagian itu."
    if control.search(text):
        return "berisi karakter kontrol yang tidak diizinkan; hapus karakter itu."
    return None


def _optional_long_text(label: str, value: str | None, maximum: int) -> str | None:
    if value is None:
        return None
    # Limited as sent (no trimming rule in the contract); normalisation trims at input.
    text = value
    if bad := _bad_characters(text.replace("\r", ""), _CONTROL_EXCEPT_NEWLINE_TAB):
        return f"{label} {bad}"
    if len(text) > maximum:
        return f"{label} terlalu panjang: maksimal {maximum} karakter (sekarang {len(text)})."
    return None


def _is_finite_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _coordinate_problem(label: str, value: float | None, minimum: float, maximum: float) -> str | None:
    if value is None:
        return None
    if not _is_finite_number(value):
        return f"{label} harus berupa angka."
    if not minimum <= value <= maximum:
        return f"{label} harus antara {minimum:g} dan {maximum:g} (sekarang {value:g})."
    return None
