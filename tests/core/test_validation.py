from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from lapor_desktop.domain import AttachmentRef, Classification, Location, ReportContent, Reporter
from lapor_desktop.errors import ValidationFailed
from lapor_desktop.reports import validation as v
from tests.support.reports import valid_content

TODAY = dt.date(2026, 11, 29)


def with_location(**changes: object) -> ReportContent:
    base = valid_content()
    return dataclasses.replace(base, location=dataclasses.replace(base.location, **changes))


def with_reporter(**changes: object) -> ReportContent:
    base = valid_content()
    return dataclasses.replace(base, reporter=dataclasses.replace(base.reporter, **changes))


def queue_problems(content: ReportContent, **kwargs: object) -> dict[str, str]:
    return v.validate_for_queue(content, today=TODAY, **kwargs)  # type: ignore[arg-type]


def attachment(index: int, **changes: object) -> AttachmentRef:
    ref = AttachmentRef(
        sha256=f"{index:064x}", filename=f"foto-{index}.jpg", content_type="image/jpeg", size=120_000
    )
    return dataclasses.replace(ref, **changes)


# --- the whole report ---------------------------------------------------------------------------


def test_valid_report_may_be_queued() -> None:
    assert queue_problems(valid_content()) == {}


def test_minimal_report_without_optional_fields_may_be_queued() -> None:
    content = valid_content(
        incident_date=None,
        location=Location(region_code="31.71.01.1001"),
        reporter=Reporter(name="Siti"),
    )
    assert queue_problems(content) == {}


def test_empty_content_names_every_required_field() -> None:
    assert set(queue_problems(ReportContent())) == {
        "classification",
        "title",
        "body",
        "category_code",
        "location.region_code",
        "reporter.name",
        "consent",
    }


def test_empty_draft_may_be_saved() -> None:
    assert v.validate_draft(ReportContent()) == {}


# --- title ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Jala", "Judul terlalu pendek: minimal 5 karakter (sekarang 4)."),
        ("  Jal  ", "Judul terlalu pendek: minimal 5 karakter (sekarang 3)."),
        ("Jalan", None),
        ("   Jalan   ", None),
        ("x" * 150, None),
        ("  " + "x" * 150 + "  ", None),
        ("x" * 151, "Judul terlalu panjang: maksimal 150 karakter (sekarang 151)."),
        ("     ", "Judul wajib diisi (minimal 5 karakter)."),
        ("", "Judul wajib diisi (minimal 5 karakter)."),
    ],
)
def test_title_length_is_counted_after_trimming(title: str, message: str | None) -> None:
    assert v.check_title(title) == message
    assert queue_problems(valid_content(title=title)).get("title") == message


def test_title_counts_code_points_so_emoji_are_fine() -> None:
    assert v.check_title("🙂🙂🙂🙂🙂") is None
    assert v.check_title("🙂🙂🙂🙂") == "Judul terlalu pendek: minimal 5 karakter (sekarang 4)."
    # A family emoji is 3 people joined by 2 zero-width joiners: 5 code points.
    assert v.check_title("👨\u200d👩\u200d👧") is None
    assert v.check_title("🚧" * 150) is None
    assert v.check_title("🚧" * 151) == "Judul terlalu panjang: maksimal 150 karakter (sekarang 151)."


@pytest.mark.parametrize(
    "title", ["Jalan\nrusak", "Jalan\trusak", "Jalan\x00rusak", "Jalan\x1brusak", "Jalan\x85x"]
)
def test_title_rejects_any_control_character(title: str) -> None:
    message = v.check_title(title)
    assert message is not None and message.startswith("Judul berisi karakter kontrol")


def test_title_rejects_lone_surrogates() -> None:
    message = v.check_title("Jalan \ud83d rusak")
    assert message is not None and "rusak (kode Unicode tidak sah)" in message


# --- body -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "message"),
    [
        (19, "Isi laporan terlalu pendek: minimal 20 karakter (sekarang 19)."),
        (20, None),
        (5000, None),
        (5001, "Isi laporan terlalu panjang: maksimal 5000 karakter (sekarang 5001)."),
    ],
)
def test_body_length_bounds(length: int, message: str | None) -> None:
    assert queue_problems(valid_content(body="  " + "b" * length + "\n")).get("body") == message


def test_body_allows_newlines_and_tabs_but_no_other_control_characters() -> None:
    assert v.check_body("Baris pertama laporan.\n\tBaris kedua laporan.\r\nBaris ketiga.") is None
    message = v.check_body("Baris pertama laporan.\x07 Baris kedua laporan.")
    assert message is not None and message.startswith("Isi laporan berisi karakter kontrol")
    assert v.check_body("   \n\t ") == "Isi laporan wajib diisi (minimal 20 karakter)."


# --- classification, category, incident date ------------------------------------------------------


def test_classification_is_required() -> None:
    assert queue_problems(valid_content(classification=None))["classification"] == (
        "Pilih klasifikasi laporan: pengaduan, aspirasi, atau permintaan informasi."
    )
    for value in Classification:
        assert queue_problems(valid_content(classification=value)) == {}


def test_category_is_required_and_checked_against_known_codes_when_given() -> None:
    assert queue_problems(valid_content(category_code="  "))["category_code"] == "Pilih kategori laporan."
    assert queue_problems(valid_content(), categories={"infrastruktur", "kesehatan"}) == {}
    message = queue_problems(valid_content(), categories={"kesehatan"})["category_code"]
    assert message.startswith("Kategori 'infrastruktur' tidak dikenal.")


def test_incident_date_may_be_today_but_not_tomorrow() -> None:
    assert queue_problems(valid_content(incident_date=TODAY)) == {}
    message = queue_problems(valid_content(incident_date=TODAY + dt.timedelta(days=1)))["incident_date"]
    assert message.startswith("Tanggal kejadian (30-11-2026) tidak boleh setelah hari ini (29-11-2026).")
    assert queue_problems(valid_content(incident_date=None)) == {}


def test_future_incident_date_is_allowed_in_a_draft() -> None:
    assert v.validate_draft(valid_content(incident_date=TODAY + dt.timedelta(days=400))) == {}


# --- location -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("18.01.01.2001", True),
        ("96.01.01.2001", True),
        ("18.01.01.200", False),
        ("18.01.01", False),
        ("1801012001", False),
        ("18-01-01-2001", False),
        ("18.01.01.2001 ", False),
        ("18.01.01.2001\n", False),
        ("99.01.01.2001", False),
    ],
)
def test_region_code_pattern_and_province(code: str, ok: bool) -> None:
    assert ("location.region_code" not in queue_problems(with_location(region_code=code))) is ok


def test_region_code_messages() -> None:
    assert v.check_region_code("") == "Kode wilayah desa/kelurahan wajib diisi, misalnya 18.01.01.2001."
    assert v.check_region_code("99.01.01.2001") == (
        "Kode provinsi 99 pada kode wilayah tidak dikenal. Periksa kembali kode wilayahnya."
    )


def test_location_address_at_most_300() -> None:
    assert queue_problems(with_location(address="a" * 300)) == {}
    assert queue_problems(with_location(address="a" * 301))["location.address"] == (
        "Alamat lokasi kejadian terlalu panjang: maksimal 300 karakter (sekarang 301)."
    )


@pytest.mark.parametrize(
    ("latitude", "longitude", "problems"),
    [
        (-90.0, -180.0, set()),
        (90.0, 180.0, set()),
        (0, 0, set()),
        (None, None, set()),
        (-90.0001, 105.0, {"location.latitude"}),
        (90.5, 105.0, {"location.latitude"}),
        (-5.0, 180.01, {"location.longitude"}),
        (-5.0, -181.0, {"location.longitude"}),
        (-5.0, None, {"location.longitude"}),
        (None, 105.0, {"location.latitude"}),
        (float("nan"), 105.0, {"location.latitude"}),
        (-5.0, float("inf"), {"location.longitude"}),
    ],
)
def test_coordinates_range_and_pairing(
    latitude: float | None, longitude: float | None, problems: set[str]
) -> None:
    assert set(queue_problems(with_location(latitude=latitude, longitude=longitude))) == problems


def test_coordinate_messages() -> None:
    assert v.check_latitude(95.0) == "Lintang (latitude) harus antara -90 dan 90 (sekarang 95)."
    assert v.check_coordinates(-5.0, None) == {
        "location.longitude": (
            "Bujur (longitude) wajib diisi karena lintang diisi; isi keduanya atau kosongkan keduanya."
        )
    }


# --- reporter -------------------------------------------------------------------------------------


def test_reporter_name_is_required_even_when_anonymous() -> None:
    content = dataclasses.replace(with_reporter(name="  "), anonymous=True)
    assert queue_problems(content)["reporter.name"].startswith(
        "Nama pelapor wajib diisi, juga untuk laporan anonim"
    )
    assert queue_problems(dataclasses.replace(valid_content(), anonymous=True)) == {}


def test_reporter_name_bounds() -> None:
    assert queue_problems(with_reporter(name="A")) == {}
    assert queue_problems(with_reporter(name="A" * 120)) == {}
    assert queue_problems(with_reporter(name="A" * 121))["reporter.name"] == (
        "Nama pelapor terlalu panjang: maksimal 120 karakter (sekarang 121)."
    )


@pytest.mark.parametrize(
    ("nik", "ok"),
    [
        (None, True),
        ("", True),
        ("1801011205850001", True),
        ("3201014501900002", True),  # female, 05-01-1990
        ("180101120585000", False),  # 15 digits
        ("18010112058500011", False),  # 17 digits
        ("18010112O5850001", False),  # letter O
        ("0001011205850001", False),  # province 00
        ("9901011205850001", False),  # province 99
        ("1800011205850001", False),  # kabupaten 00
        ("1801001205850001", False),  # kecamatan 00
        ("1801013102990001", False),  # 31-02-99
        ("1801011205850000", False),  # serial 0000
        ("1801 0112 0585 0001", False),  # stored with spaces: normalise at input
    ],
)
def test_nik_when_given(nik: str | None, ok: bool) -> None:
    assert ("reporter.nik" not in queue_problems(with_reporter(nik=nik))) is ok


def test_nik_message_never_repeats_the_number() -> None:
    message = queue_problems(with_reporter(nik="1801013102990001"))["reporter.nik"]
    assert "1801013102990001" not in message and "310299" not in message


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        (None, None),
        ("", None),
        ("+6281234567890", None),
        ("081234567890", None),
        ("012345678", None),  # 0 + 8 digits
        ("+620123456789012", None),  # +62 + 13 digits
        (
            "01234567",
            "Nomor telepon terlalu pendek: setelah 0 harus ada 8 sampai 13 angka (sekarang 7).",
        ),
        (
            "+6212345678901234",
            "Nomor telepon terlalu panjang: setelah +62 harus ada 8 sampai 13 angka (sekarang 14).",
        ),
        (
            "6281234567890",
            "Nomor telepon harus diawali +62 atau 0 (misalnya +6281234567890 atau 081234567890), bukan 62 saja.",
        ),
        ("81234567890", "Nomor telepon harus diawali +62 atau 0, misalnya 081234567890."),
        (
            "0812-3456-7890",
            "Nomor telepon hanya boleh berisi angka: hapus spasi, tanda hubung, titik atau tanda kurung.",
        ),
        (
            "+62 812 3456 7890",
            "Nomor telepon hanya boleh berisi angka: hapus spasi, tanda hubung, titik atau tanda kurung.",
        ),
        ("0812345678ab", "Nomor telepon hanya boleh berisi angka setelah +62 atau 0."),
    ],
)
def test_phone_as_stored(phone: str | None, message: str | None) -> None:
    assert v.check_phone(phone) == message
    assert queue_problems(with_reporter(phone=phone)).get("reporter.phone") == message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "081234567890"),
        ("0812 3456 7890", "081234567890"),
        ("0812.3456.7890", "081234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("(0721) 123456", "0721123456"),
        (" 081234567890 ", "081234567890"),
    ],
)
def test_phone_typing_is_normalised_at_input_and_then_valid(typed: str, stored: str) -> None:
    assert v.normalize_phone(typed.strip()) == stored
    content = v.normalize_content(with_reporter(phone=typed))
    assert content.reporter.phone == stored
    assert queue_problems(content) == {}


def test_normalisation_keeps_62_without_plus_invalid() -> None:
    content = v.normalize_content(with_reporter(phone="62 812 3456 7890"))
    assert content.reporter.phone == "6281234567890"
    assert "reporter.phone" in queue_problems(content)


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        (None, True),
        ("budi@example.com", True),
        ("budi.santoso+lapor@desa-wayhuwi.go.id", True),
        ("BUDI@EXAMPLE.CO.ID", True),
        ("budi@", False),
        ("@example.com", False),
        ("budi@example", False),
        ("budi example@example.com", False),
        ("budi@@example.com", False),
        ("budi..s@example.com", False),
        (".budi@example.com", False),
        ("budi@-example.com", False),
        ("budi@example.c", False),
        ("b" * 65 + "@example.com", False),
        ("budi@" + "a" * 250 + ".com", False),
    ],
)
def test_email_when_given(email: str | None, ok: bool) -> None:
    assert ("reporter.email" not in queue_problems(with_reporter(email=email))) is ok


def test_reporter_address_at_most_300() -> None:
    assert queue_problems(with_reporter(address="Dusun II\nRT 03" + "a" * 286)) == {}
    assert queue_problems(with_reporter(address="a" * 301))["reporter.address"] == (
        "Alamat pelapor terlalu panjang: maksimal 300 karakter (sekarang 301)."
    )


# --- attachments and consent ----------------------------------------------------------------------


def test_five_attachments_are_fine_six_are_not() -> None:
    five = tuple(attachment(i) for i in range(5))
    assert queue_problems(valid_content(attachments=five)) == {}
    six = tuple(attachment(i) for i in range(6))
    assert queue_problems(valid_content(attachments=six)) == {
        "attachments": "Terlalu banyak lampiran: maksimal 5 (sekarang 6). Hapus 1 lampiran."
    }
    assert v.validate_draft(valid_content(attachments=six)) == {
        "attachments": "Terlalu banyak lampiran: maksimal 5 (sekarang 6)."
    }
    assert queue_problems(valid_content(attachments=five), max_attachments=3)["attachments"].startswith(
        "Terlalu banyak lampiran: maksimal 3 (sekarang 5)."
    )


def test_each_attachment_is_checked_by_its_path() -> None:
    refs = (
        attachment(0),
        attachment(1, sha256="ABC"),
        attachment(2, content_type="image/gif"),
        attachment(3, filename="x" * 201),
        attachment(4, size=v.ATTACHMENT_MAX_BYTES + 1),
    )
    problems = queue_problems(valid_content(attachments=refs))
    assert set(problems) == {
        "attachments.1.sha256",
        "attachments.2.content_type",
        "attachments.3.filename",
        "attachments.4.size",
    }
    assert (
        problems["attachments.2.content_type"]
        == "Lampiran ke-3 harus berupa foto JPEG, PNG, atau dokumen PDF."
    )
    boundary = (attachment(0, size=v.ATTACHMENT_MAX_BYTES, filename="x" * 200),)
    assert queue_problems(valid_content(attachments=boundary)) == {}


def test_the_same_attachment_twice_is_reported() -> None:
    problems = queue_problems(valid_content(attachments=(attachment(7), attachment(7, filename="lagi.jpg"))))
    assert problems == {
        "attachments.1.sha256": "Lampiran ke-2 sama dengan lampiran sebelumnya. Hapus salah satunya."
    }


def test_consent_is_required_to_queue_always() -> None:
    # Even with nothing but the (required) name: a full name is personal data under UU 27/2022.
    minimal = valid_content(reporter=Reporter(name="Budi Santoso"), consent=False)
    assert set(queue_problems(minimal)) == {"consent"}
    assert "UU No. 27 Tahun 2022" in queue_problems(minimal)["consent"]
    assert queue_problems(valid_content(consent=True)) == {}
    assert set(queue_problems(valid_content(consent=False))) == {"consent"}


def test_consent_is_not_required_for_a_draft() -> None:
    assert v.validate_draft(valid_content(consent=False)) == {}


# --- drafts ---------------------------------------------------------------------------------------


def test_draft_keeps_half_typed_values() -> None:
    half = valid_content(
        title="Jal",
        body="Pendek",
        classification=None,
        category_code="",
        location=Location(region_code="18.01", latitude=120.0),
        reporter=Reporter(name="", nik="180101120585", phone="0812", email="budi@"),
    )
    assert v.validate_draft(half) == {}
    assert set(queue_problems(half)) >= {"title", "body", "reporter.nik", "reporter.phone", "reporter.email"}


def test_draft_enforces_the_upper_limits_that_protect_storage() -> None:
    too_much = valid_content(
        title="t" * 151,
        body="b" * 5001,
        location=Location(region_code="1" * 65, address="a" * 301, latitude=float("nan"), longitude=1.0),
        reporter=Reporter(name="n" * 121, nik="1" * 65, phone="0" * 65, email="e" * 255, address="a" * 301),
    )
    assert set(v.validate_draft(too_much)) == {
        "title",
        "body",
        "location.region_code",
        "location.address",
        "location.latitude",
        "reporter.name",
        "reporter.nik",
        "reporter.phone",
        "reporter.email",
        "reporter.address",
    }
    assert v.validate_draft(valid_content(title="t" * 150, body="b" * 5000)) == {}
    assert v.validate_draft(valid_content(title="t" * 151))["title"] == (
        "Judul terlalu panjang: maksimal 150 karakter (sekarang 151)."
    )


def test_draft_rejects_characters_storage_cannot_keep() -> None:
    problems = v.validate_draft(valid_content(title="Jalan \ud800", body="Isi\x00laporan"))
    assert set(problems) == {"title", "body"}
    assert "NUL" in problems["body"]


# --- per-field checks and normalisation -----------------------------------------------------------


def test_check_field_dispatches_by_path() -> None:
    assert v.check_field("title", "Jal") == "Judul terlalu pendek: minimal 5 karakter (sekarang 3)."
    assert v.check_field("reporter.nik", "180101120585000", today=TODAY) == (
        "NIK harus terdiri atas tepat 16 angka (sekarang 15)."
    )
    assert v.check_field("incident_date", TODAY + dt.timedelta(days=1), today=TODAY) is not None
    assert v.check_field("location.region_code", "18.01.01.2001") is None
    assert v.check_field("consent", False) is not None
    for path in v.FIELD_PATHS:
        assert path.count(".") <= 1
    with pytest.raises(KeyError):
        v.check_field("attachments", ())


def test_every_field_check_agrees_with_validate_for_queue() -> None:
    content = valid_content()
    values = {
        "classification": content.classification,
        "title": content.title,
        "body": content.body,
        "category_code": content.category_code,
        "incident_date": content.incident_date,
        "location.region_code": content.location.region_code,
        "location.address": content.location.address,
        "location.latitude": content.location.latitude,
        "location.longitude": content.location.longitude,
        "reporter.name": content.reporter.name,
        "reporter.nik": content.reporter.nik,
        "reporter.phone": content.reporter.phone,
        "reporter.email": content.reporter.email,
        "reporter.address": content.reporter.address,
        "consent": content.consent,
    }
    assert set(values) == set(v.FIELD_PATHS)
    for path, value in values.items():
        assert v.check_field(path, value, today=TODAY) is None, path


def test_normalize_content_trims_and_empties_blank_optionals() -> None:
    typed = ReportContent(
        title="  Jalan desa rusak  ",
        body="Baris satu\r\nBaris dua\r\n",
        category_code=" infrastruktur ",
        location=Location(region_code=" 18.01.01.2001 ", address="   "),
        reporter=Reporter(
            name=" Budi ", nik="1801 0112-0585 0001", phone="  ", email=" budi@example.com ", address=""
        ),
    )
    normal = v.normalize_content(typed)
    assert normal.title == "Jalan desa rusak"
    assert normal.body == "Baris satu\nBaris dua"
    assert normal.category_code == "infrastruktur"
    assert normal.location == Location(region_code="18.01.01.2001")
    assert normal.reporter == Reporter(name="Budi", nik="1801011205850001", email="budi@example.com")
    assert v.normalize_content(normal) == normal


CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "lapor-api"


def schema_property(text: str, schema: str, prop: str) -> str:
    """The text of one property of one schema in openapi.yaml (inline or over several lines)."""
    section = re.search(rf"^    {schema}:\n(.*?)(?=^    \w|\Z)", text, re.M | re.S)
    assert section, schema
    found = re.search(rf"^( +){prop}:(.*?)(?=^\1\w|\Z)", section.group(1), re.M | re.S)
    assert found, (schema, prop)
    return found.group(2)


def number(text: str, keyword: str) -> float:
    found = re.search(rf"{keyword}: (-?[0-9]+)", text)
    assert found, (keyword, text)
    return float(found.group(1))


def test_limits_are_the_wire_contracts_limits() -> None:
    """Each limit the app checks (and the training server enforces) is the one openapi.yaml states."""
    if not (CONTRACT / "openapi.yaml").is_file():
        pytest.skip("the contract folder shared/lapor-api is not beside this checkout")
    spec = (CONTRACT / "openapi.yaml").read_text(encoding="utf-8")
    limits = {
        ("ReportIn", "title", "minLength"): v.TITLE_MIN,
        ("ReportIn", "title", "maxLength"): v.TITLE_MAX,
        ("ReportIn", "body", "minLength"): v.BODY_MIN,
        ("ReportIn", "body", "maxLength"): v.BODY_MAX,
        ("ReportIn", "recorded_by", "maxLength"): v.RECORDED_BY_MAX,
        ("ReportIn", "attachments", "maxItems"): v.MAX_ATTACHMENTS,
        ("Reporter", "name", "minLength"): v.REPORTER_NAME_MIN,
        ("Reporter", "name", "maxLength"): v.REPORTER_NAME_MAX,
        ("Reporter", "address", "maxLength"): v.REPORTER_ADDRESS_MAX,
        ("Location", "address", "maxLength"): v.LOCATION_ADDRESS_MAX,
        ("Location", "latitude", "minimum"): v.LATITUDE_MIN,
        ("Location", "latitude", "maximum"): v.LATITUDE_MAX,
        ("Location", "longitude", "minimum"): v.LONGITUDE_MIN,
        ("Location", "longitude", "maximum"): v.LONGITUDE_MAX,
        ("AttachmentRef", "filename", "maxLength"): v.ATTACHMENT_FILENAME_MAX,
    }
    for (schema, prop, keyword), limit in limits.items():
        assert number(schema_property(spec, schema, prop), keyword) == limit, (schema, prop, keyword)
    phone = schema_property(spec, "Reporter", "phone")
    assert f"[0-9]{{{v.PHONE_DIGITS_MIN},{v.PHONE_DIGITS_MAX}}}" in phone
    assert v.PHONE_PATTERN.pattern.replace("\\", "\\\\") in phone
    assert f'"^{v.REGION_CODE_PATTERN.pattern}$"'.replace("\\", "\\\\") in schema_property(
        spec, "Location", "region_code"
    )
    batch = spec[spec.index("/v1/reports/batch:") :]
    assert number(batch[batch.index("reports:") :], "maxItems") == v.BATCH_MAX
    readme = (CONTRACT / "README.md").read_text(encoding="utf-8")
    assert f"over 5 MiB ({v.ATTACHMENT_MAX_BYTES:,} bytes)" in readme
    assert (
        v.JSON_BODY_MAX_BYTES == 1024 * 1024 and "| JSON request body | 1 MiB after decompression |" in readme
    )


def test_validation_failed_carries_the_fields_and_a_summary() -> None:
    problems = queue_problems(valid_content(title="Jal", consent=False))
    error = ValidationFailed(problems)
    assert error.fields == problems
    assert error.summary == "Laporan belum memenuhi syarat; perbaiki kolom berikut."
    assert str(error).splitlines() == [
        "Laporan belum memenuhi syarat; perbaiki kolom berikut.",
        f"consent: {problems['consent']}",
        "title: Judul terlalu pendek: minimal 5 karakter (sekarang 3).",
    ]
    custom = ValidationFailed({"title": "x"}, summary="Laporan belum dapat diantrekan.")
    assert custom.summary == "Laporan belum dapat diantrekan."


def test_typed_dates_are_read_day_first_in_the_ways_people_write_them() -> None:
    from lapor_desktop.reports.dates import parse_typed_date

    day = dt.date(2026, 11, 20)
    for text in (
        "20-11-2026",
        "20/11/2026",
        "20.11.2026",
        " 20 - 11 - 2026 ",
        "20112026",
        "2026-11-20",
        "20 November 2026",
        "20 Nov 2026",
        "20 nopember 2026",
        "20-11-26",
    ):
        assert parse_typed_date(text) == day, text
    assert parse_typed_date("5-1-2026") == dt.date(2026, 1, 5)
    assert parse_typed_date("17 Agustus 1945") == dt.date(1945, 8, 17)
    for text in ("31-11-2026", "20-13-2026", "2026", "kemarin", "20-11", "0-0-0"):
        assert parse_typed_date(text) is None, text
    assert parse_typed_date("") is None
