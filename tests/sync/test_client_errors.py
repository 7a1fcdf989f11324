"""The error table as a pure mapping, Retry-After parsing, and the operator's Bahasa texts."""

from __future__ import annotations

import datetime as dt

import pytest

from sync.client import parse_retry_after
from sync.errors import (
    AuthFailure,
    ErrorDetail,
    MissingAttachments,
    NotFound,
    PermanentForItem,
    Transient,
    TransientKind,
    error_for_status,
    explain_code,
    explain_field,
    fix_summary,
)


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (400, "bad_request", PermanentForItem),
        (401, "invalid_token", AuthFailure),
        (403, "forbidden", AuthFailure),
        (404, "not_found", NotFound),
        (409, "idempotency_conflict", PermanentForItem),
        (413, "payload_too_large", PermanentForItem),
        (422, "validation_failed", PermanentForItem),
        (422, "unknown_category", PermanentForItem),
        (422, "hash_mismatch", PermanentForItem),
        (422, "missing_attachments", MissingAttachments),
        (429, "rate_limited", Transient),
        (500, "internal", Transient),
        (502, "internal", Transient),
        (503, "unavailable", Transient),
        (504, "internal", Transient),
        (405, "bad_request", Transient),
        (408, "bad_request", Transient),
    ],
)
def test_every_row_of_the_table_maps_to_its_outcome(status: int, code: str, expected: type) -> None:
    detail = ErrorDetail(
        code=code, message="pesan server", missing=("a" * 64,) if code == "missing_attachments" else ()
    )
    outcome = error_for_status(status, detail, retry_after=9.0)
    assert type(outcome) is expected
    assert outcome.status == status
    if isinstance(outcome, Transient):
        assert outcome.retry_after == 9.0


def test_transient_kinds_by_status() -> None:
    detail = ErrorDetail(code="x", message="m")
    assert error_for_status(429, detail).kind is TransientKind.RATE_LIMITED  # type: ignore[union-attr]
    assert error_for_status(503, detail).kind is TransientKind.UNAVAILABLE  # type: ignore[union-attr]
    assert error_for_status(502, detail).kind is TransientKind.SERVER_ERROR  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), (" 7 ", 7.0), ("0", 0.0), ("-5", 0.0), ("", None), (None, None), ("soon", None)],
)
def test_retry_after_integer_header(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds


def test_retry_after_http_date_is_tolerated() -> None:
    now = dt.datetime(2026, 11, 29, 5, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("Sun, 29 Nov 2026 05:01:30 GMT", now=now) == 90.0


@pytest.mark.parametrize(
    ("field", "code", "text"),
    [
        ("title", "too_short", "Judul terlalu pendek (minimal 5 karakter)."),
        ("title", "too_long", "Judul terlalu panjang (maksimal 150 karakter)."),
        ("body", "too_short", "Isi laporan terlalu pendek (minimal 20 karakter)."),
        ("reporter.nik", "invalid_format", "NIK harus terdiri dari tepat 16 angka."),
        ("incident_date", "in_future", "Tanggal kejadian tidak boleh setelah hari ini."),
        ("attachments", "too_many", "Lampiran terlalu banyak (maksimal 5 berkas per laporan)."),
        ("attachments.2.content_type", "invalid_choice", "Jenis berkas lampiran harus JPEG, PNG, atau PDF."),
        ("reporter.name", "required", "Nama pelapor wajib diisi."),
        ("location.latitude", "out_of_range", "Lintang (latitude) di luar rentang yang diizinkan."),
        (
            "classification",
            "invalid_choice",
            "Klasifikasi harus pengaduan, aspirasi, atau permintaan informasi.",
        ),
    ],
)
def test_field_codes_become_bahasa_sentences(field: str, code: str, text: str) -> None:
    assert explain_field(field, code) == text


def test_unknown_field_codes_still_name_the_field() -> None:
    assert explain_field("reporter.phone", "kode_baru") == "Nomor telepon perlu diperbaiki (kode: kode_baru)."
    assert "tidak dikenal" in explain_field("channel", "unknown_field")


def test_every_contract_code_has_a_sentence() -> None:
    codes = [
        "bad_request",
        "invalid_token",
        "forbidden",
        "not_found",
        "idempotency_conflict",
        "payload_too_large",
        "validation_failed",
        "unknown_category",
        "missing_attachments",
        "hash_mismatch",
        "rate_limited",
        "unavailable",
        "internal",
    ]
    texts = {code: explain_code(code) for code in codes}
    assert len(set(texts.values())) >= len(codes) - 1  # internal and server-error share one sentence
    assert all(text.endswith(".") and "kode:" not in text for text in texts.values())
    assert "Pesan server: Kantor dinonaktifkan" in explain_code("forbidden", "Kantor dinonaktifkan")


def test_fix_summary_lists_each_field() -> None:
    error = PermanentForItem(422, "validation_failed", "m", {"title": "too_short", "body": "too_short"})
    summary = fix_summary(error)
    assert summary.splitlines()[0] == str(error)
    assert "- Judul terlalu pendek (minimal 5 karakter)." in summary
    assert "- Isi laporan terlalu pendek (minimal 20 karakter)." in summary
