"""The log file and the support zip carry no NIK, phone number, e-mail or token."""

from __future__ import annotations

import logging
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.support.logs import (
    BACKUP_COUNT,
    LOG_FILENAME,
    log_files,
    make_support_zip,
    redact,
    redact_emails,
    redact_private_keys,
    remove_logging,
    setup_logging,
)

NIK = "1801014501900001"
SECRETS = (NIK, "081234567890", "+6281234567890", "0812-3456-7890", "siti@example.co.id", "s3cr3t-t0ken")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"NIK {NIK} ditolak", "NIK [NIK] ditolak"),
        ('{"nik": "1801014501900001"}', '{"nik": "[NIK]"}'),
        ("telepon 081234567890.", "telepon [TELEPON]."),
        ("hp +6281234567890", "hp [TELEPON]"),
        ("hp 0812-3456-7890 dan 0812 3456 789", "hp [TELEPON] dan [TELEPON]"),
        ("surel siti@example.co.id", "surel [EMAIL]"),
        ("Authorization: Bearer abc.DEF-123_x", "Authorization: Bearer [TOKEN]"),
        ("GET /x?token=s3cr3t-t0ken&a=1", "GET /x?token=[TOKEN]&a=1"),
        ('{"token": "s3cr3t-t0ken"}', '{"token": "[TOKEN]"}'),
        ("server_token=abc", "server_token=[TOKEN]"),
        ("NIK 1801 0145 0190 0001 ditolak", "NIK [NIK] ditolak"),
        ("nik 18.01.01.450190.0001", "nik [NIK]"),
        ("nik 180101-450190-0001.", "nik [NIK]."),
        ("token peserta trn_Zk3v9QyTq1wB-_x7LmN0pR2sU4dE6fGh", "token peserta [TOKEN]"),
        ("GET /v1/ping (trn_not-a-real-token)", "GET /v1/ping ([TOKEN])"),
        ("-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n-----END PRIVATE KEY-----", None),
        ("a@b.com.x@y.org dan c@d.id", "[EMAIL][EMAIL] dan [EMAIL]"),
    ],
)
def test_redact(text: str, expected: str | None) -> None:
    if expected is None:  # a private key: its markers stay, its body goes
        expected = "-----BEGIN PRIVATE KEY-----[KUNCI-DISAMARKAN]-----END PRIVATE KEY-----"
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sent 25 reports in 1.234 s",
        "2026-11-29 06:55:01,123 INFO sync: batch of 50",
        "tracking LPR-2026-0001234, local ref 18.01.01.2001/2026/00001",
        "sha256 9f2c4e1a7b3d",
        "HTTP 503 after 12345 ms",
        "pulled 12 changes, cursor c-1234567890 in 2026-11-29 06:55:01",
        "waitress serving on http://127.0.0.1:8080/api",
        "trn_ids = [1, 2]",
        "9876543210987654321 is a long count, not a NIK",
    ],
)
def test_ordinary_lines_stay_readable(text: str) -> None:
    assert redact(text) == text


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "logs"
    path = setup_logging(directory)
    assert path is not None
    yield directory
    remove_logging(path)


def test_the_log_file_is_redacted_whatever_was_logged(log_dir: Path) -> None:
    log = logging.getLogger("lapor_desktop.test")
    log.warning("reporter %s phone %s email %s", NIK, "081234567890", "siti@example.co.id")
    try:
        raise ValueError(f"bad token=s3cr3t-t0ken for +6281234567890 nik {NIK}")
    except ValueError:
        log.exception("sync failed")
    text = (log_dir / LOG_FILENAME).read_text(encoding="utf-8")
    assert "sync failed" in text and "ValueError" in text and "[NIK]" in text
    for secret in SECRETS:
        assert secret not in text


def test_setup_is_idempotent(log_dir: Path) -> None:
    setup_logging(log_dir)
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "lapor_log_file", None)]
    assert len(handlers) == 1


def test_the_log_rotates(log_dir: Path) -> None:
    log = logging.getLogger("lapor_desktop.test")
    line = "x" * 1000
    for _ in range(6_500):  # ~6.5 MB through a 1 MB file with 5 backups
        log.info(line)
    files = log_files(log_dir)
    assert len(files) == BACKUP_COUNT + 1
    assert all(f.stat().st_size <= 1_100_000 for f in files)


def test_support_zip_redacts_again(log_dir: Path, office_dir: Path) -> None:
    # A log written before redaction existed (or by another tool) is cleaned in the zip too.
    (log_dir / f"{LOG_FILENAME}.1").write_text(
        f"old line nik {NIK} hp 081234567890 Bearer s3cr3t-t0ken siti@example.co.id\n", encoding="utf-8"
    )
    logging.getLogger("lapor_desktop.test").warning("fresh line")
    target = make_support_zip(log_dir.parent / "dukungan.zip", log_directory=log_dir, data_dir=office_dir)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert "sistem.json" in names
        assert f"log/{LOG_FILENAME}" in names and f"log/{LOG_FILENAME}.1" in names
        everything = "".join(archive.read(n).decode("utf-8") for n in names)
    assert "fresh line" in everything and "old line" in everything
    assert '"region_code": "18.01.01.2001"' in everything
    for secret in SECRETS:
        assert secret not in everything


def test_an_unwritable_log_dir_does_not_stop_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a dir", encoding="utf-8")
    assert setup_logging(blocker / "logs") is None


# The e-mail rule as one regular expression: the meaning `redact` keeps, at a cost
# quadratic in the length of a run of letters or digits (tried from each of its positions).
QUADRATIC_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
QUADRATIC_KEY = re.compile(r"(-----BEGIN [A-Z ]*PRIVATE KEY-----).*?(-----END [A-Z ]*PRIVATE KEY-----)", re.S)


def test_emails_and_keys_are_found_as_the_single_patterns_find_them() -> None:
    """Thousands of short tricky strings: the same matches as the one-pattern rules, glued or not."""
    rng = random.Random(20261129)
    for _ in range(20_000):
        text = "".join(rng.choice("ab1._%+-@ ,Xy") for _ in range(rng.randint(0, 24)))
        assert redact_emails(text) == QUADRATIC_EMAIL.sub("[EMAIL]", text), text
    pieces = ["-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----"]
    pieces += ["-----END EC PRIVATE KEY-----", "-----END PUBLIC KEY-----", "MC4CAQAw", "\n"]
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert redact_private_keys(text) == QUADRATIC_KEY.sub(r"\1[KUNCI-DISAMARKAN]\2", text), text


LONG = 10_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x" * LONG, "x" * LONG),  # the one-pattern e-mail rule read the rest of the run from each "x"
        ("x" * LONG + "@", "x" * LONG + "@"),
        ("x" * LONG + "@desa.go.id", "[EMAIL]"),
        ("a@" * (LONG // 2), "a@" * (LONG // 2)),
        ("a@" + "b-" * (LONG // 2) + ".id", "[EMAIL]"),
        ("siti@" + "a." * (LONG // 2) + "x", "siti@" + "a." * (LONG // 2) + "x"),
        ("7" * LONG, "7" * LONG),
        ("1 " * LONG, "[NIK] " * (LONG // 16) + "1 " * (LONG % 16)),
        ("-----BEGIN PRIVATE KEY-----" * (LONG // 27), "-----BEGIN PRIVATE KEY-----" * (LONG // 27)),
        ("token" + " " * LONG + "x", "token" + " " * LONG + "x"),
        ("trn_" * (LONG // 4), "[TOKEN]"),
    ],
    ids=[
        "letters",
        "letters-at",
        "long-email",
        "many-at",
        "long-domain",
        "no-tld",
        "digits",
        "spaced-digits",
        "key-begins",
        "token-spaces",
        "trn-run",
    ],
)
def test_long_tricky_lines_are_redacted_right(text: str, expected: str) -> None:
    assert redact(text) == expected


HUNDRED_KB = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "x" * HUNDRED_KB + "@x",
        "1" * HUNDRED_KB + "@x",
        "a-" * (HUNDRED_KB // 2) + "@x",
        "a@" * (HUNDRED_KB // 2) + "x",
        "-----BEGIN PRIVATE KEY-----" * (HUNDRED_KB // 27),
        "bearer" + " " * HUNDRED_KB + "!",
        "token " * (HUNDRED_KB // 6),
        "0 " * (HUNDRED_KB // 2),
    ],
    ids=["letters", "digits", "dashes", "ats", "key-begins", "bearer-spaces", "token-words", "zeros"],
)
def test_hundred_kilobyte_adversarial_lines_are_redacted(text: str) -> None:
    """Lines the one-pattern rules took minutes over (quadratic); linear rules finish at once."""
    # "0 0 0 ...": every sixteen spaced digits are a NIK (50,000 digits: 3,125 of them).
    expected = "[NIK] " * (HUNDRED_KB // 32) if text.startswith("0 ") else text
    assert redact(text) == expected
