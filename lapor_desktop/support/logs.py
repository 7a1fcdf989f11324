"""The log file for support, and the zip an operator sends when something goes wrong.

Logs go to a rotating file in the office's data dir (``DATA/logs``, so each
office, and each test, has its own; the user's log dir before a data dir is
known or when it cannot be written). Every line passes a
redaction step on its way to the file (NIK, phone numbers, e-mail addresses,
bearer and training tokens, ``token=`` values, private keys), whatever the
code that logged it wrote;
`make_support_zip` redacts again, so an older log written before a rule
existed leaves the office clean too.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import platform
import re
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

LOG_FILENAME = "lapor-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

# Every pattern below is linear in the line's length: a log line can be a 100 kB
# traceback or a pasted blob, and redaction runs on every line. No pattern has a
# nested or unbounded quantifier that a later failure can make it retry: each
# repetition is bounded or starts only where its run starts (a look-behind
# forbids starting inside the run), so the engine gives up on a position in
# constant time or after reading a run it will not read again.

# 16 digits, written together or in groups ("1801 0145 0190 0001", "18.01.01.450190.0001").
# (The look-behind follows the first digit so that the engine can skip to the next digit.)
_NIK = re.compile(r"[0-9](?<![0-9]{2})(?:[ .-]?[0-9]){15}(?![0-9])")
# +62 or 0, then 8 to 13 digits; spaces and dashes between digit groups are how people write them.
_PHONE = re.compile(r"(?<![0-9A-Za-z+])(?:\+62|62|0)(?:[ -]?[0-9]){8,13}(?![0-9])")
_EMAIL_LOCAL_RUN = re.compile(r"[A-Za-z0-9._%+-]+")
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
# A training-server token on its own ("trn_" and 32 URL-safe characters), wherever it was pasted.
_TRAINING_TOKEN = re.compile(r"trn_(?<![A-Za-z0-9_-]trn_)[A-Za-z0-9_-]{16,}")
_TOKEN_VALUE = re.compile(r"(?i)((?:token|api[_-]?key|password|secret)[\"']?\s*[=:]\s*[\"']?)[^\s\"'&,;}]+")
_KEY_BEGIN = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
_KEY_END = re.compile(r"-----END [A-Z ]*PRIVATE KEY-----")


def redact(text: str) -> str:
    """The text with personal data and secrets replaced by labels."""
    text = redact_private_keys(text)
    text = _BEARER.sub(r"\1[TOKEN]", text)
    text = _TRAINING_TOKEN.sub("[TOKEN]", text)
    text = _TOKEN_VALUE.sub(r"\1[TOKEN]", text)
    text = redact_emails(text)
    text = _NIK.sub("[NIK]", text)
    return _PHONE.sub("[TELEPON]", text)


def redact_private_keys(text: str) -> str:
    """A PEM private key between its BEGIN and END lines becomes a label.

    A BEGIN without an END after it ends the search: no later BEGIN can have
    one either (a lazy ``.*?`` would read to the end of the text once per BEGIN).
    """
    parts: list[str] = []
    done = 0
    while begin := _KEY_BEGIN.search(text, done):
        end = _KEY_END.search(text, begin.end())
        if end is None:
            break
        parts += [text[done : begin.end()], "[KUNCI-DISAMARKAN]", end.group()]
        done = end.end()
    return "".join(parts) + text[done:] if parts else text


def redact_emails(text: str) -> str:
    """Every ``local@domain.tld`` becomes ``[EMAIL]``.

    The same matches as ``[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}``
    in ``re.sub``, found in linear time: that pattern, tried at every position
    of a long run of letters or digits, reads the rest of the run each time
    (quadratic). Here each run of local-part characters is read once, and the
    domain is matched only right after an ``@`` that ends such a run.
    """
    if "@" not in text:
        return text
    parts: list[str] = []
    done = 0  # text[:done] is in parts; a match may not start before it
    for run in _EMAIL_LOCAL_RUN.finditer(text):
        start = max(run.start(), done)
        if start >= run.end() or not text.startswith("@", run.end()):
            continue
        domain = _EMAIL_DOMAIN.match(text, run.end() + 1)
        if domain is None:
            continue
        parts += [text[done:start], "[EMAIL]"]
        done = domain.end()
    return "".join(parts) + text[done:] if parts else text


class RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted record, tracebacks and arguments included."""

    def __init__(self, fmt: str) -> None:
        super().__init__(fmt)
        # The rotating handler formats each record twice (to measure it, then to write it).
        self._last: tuple[logging.LogRecord, str] | None = None

    def format(self, record: logging.LogRecord) -> str:
        if self._last is not None and self._last[0] is record:
            return self._last[1]
        text = redact(super().format(record))
        self._last = (record, text)
        return text


LOG_DIR_ENV = "LAPOR_DESKTOP_LOG_DIR"


def default_log_dir(data_dir: Path | None = None) -> Path:
    """LAPOR_DESKTOP_LOG_DIR (tests, portable installs), else `data_dir`/logs, else the user log dir.

    `data_dir` is the office's real data dir: its practice office logs there too.
    """
    import os

    from lapor_desktop.storage.paths import LOGS_DIRNAME, log_dir

    explicit = os.environ.get(LOG_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    return data_dir / LOGS_DIRNAME if data_dir is not None else log_dir()


def setup_logging(directory: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Attach the rotating, redacting file handler to the root logger; returns the log file.

    Idempotent. A log dir that cannot be written (a locked-down office PC)
    leaves the app running without a file rather than failing to start.
    """
    directory = directory or default_log_dir()
    path = directory / LOG_FILENAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "lapor_log_file", None) == path:
            return path
    try:
        from lapor_desktop.storage.permissions import private_dir, tighten

        private_dir(directory)
        tighten(directory, LOG_FILENAME)  # logs of an older install: owner-only too
        handler = _OwnerOnlyFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.lapor_log_file = path  # type: ignore[attr-defined]
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger(__name__).info("log started: lapor-desktop %s", _version())
    return path


class _OwnerOnlyFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are 0600 whatever the umask: even redacted, they tell what the office did."""

    def _open(self):  # type: ignore[no-untyped-def]
        import os

        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def remove_logging(path: Path) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "lapor_log_file", None) == path:
            root.removeHandler(handler)
            handler.close()


def _version() -> str:
    from lapor_desktop import __version__

    return __version__


def log_files(directory: Path) -> list[Path]:
    """The current log and its rotated predecessors, oldest first."""
    if not directory.exists():
        return []
    found = [p for p in directory.iterdir() if p.name.startswith(LOG_FILENAME) and p.is_file()]

    def age(path: Path) -> int:
        suffix = path.name[len(LOG_FILENAME) :].lstrip(".")
        return int(suffix) if suffix.isdigit() else 0

    return sorted(found, key=age, reverse=True)


def system_summary(
    data_dir: Path | None = None, *, extra: Mapping[str, object] | None = None
) -> dict[str, object]:
    """What support needs to know about this installation, without personal data or tokens.

    `extra`: what only the caller knows (the window adds its Qt version).
    """
    from lapor_desktop.offices.settings import load_settings

    summary: dict[str, object] = {
        "app_version": _version(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "made_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    summary.update(extra or {})
    if data_dir is not None:
        from lapor_desktop.offices.training import active_data_dir

        active = active_data_dir(data_dir)
        settings = load_settings(active)
        summary.update(
            {
                "training": settings.training,
                "office_kind": settings.office.kind.value if settings.office else None,
                "region_code": settings.office.region_code if settings.office else None,
                "server_url": settings.server_url,
                "language": settings.language,
                "report_counts": _report_counts(active),
            }
        )
    return summary


def _report_counts(data_dir: Path) -> dict[str, int]:
    import sqlite3

    from lapor_desktop.storage.paths import DB_FILENAME

    db_path = data_dir / DB_FILENAME
    if not db_path.exists():
        return {}
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return dict(connection.execute("SELECT state, COUNT(*) FROM reports GROUP BY state").fetchall())
    except sqlite3.Error:
        return {}
    finally:
        connection.close()


def make_support_zip(
    path: Path,
    *,
    log_directory: Path | None = None,
    data_dir: Path | None = None,
    extra: Mapping[str, object] | None = None,
) -> Path:
    """A zip for support: the redacted logs and a summary of the installation (`extra` added to it)."""
    directory = log_directory or default_log_dir()
    for handler in logging.getLogger().handlers:
        handler.flush()
    path.parent.mkdir(parents=True, exist_ok=True)
    summary = redact(json.dumps(system_summary(data_dir, extra=extra), ensure_ascii=False, indent=2))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sistem.json", summary + "\n")
        for log_file in log_files(directory):
            text = log_file.read_text(encoding="utf-8", errors="replace")
            archive.writestr(f"log/{log_file.name}", redact(text))
    return path
