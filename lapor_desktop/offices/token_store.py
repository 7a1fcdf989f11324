"""Where the server token lives: the OS keyring when there is one, else a 0600 file.

The token never goes into settings.json or logs.
"""

from __future__ import annotations

import os
from pathlib import Path

from lapor_desktop.storage.atomic import write_atomic

_SERVICE = "lapor-desktop"
_FILENAME = "server-token"


def _account(data_dir: Path) -> str:
    # One keyring entry per data dir, so a training database never sees the real token.
    import hashlib  # here, not at the top: the window's first frame imports this module (~4 ms)

    return "token-" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module when a real backend exists, else None."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    if getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def save_token(data_dir: Path, token: str) -> str:
    """Store the token; returns where ("keyring" or "file")."""
    keyring = _keyring()
    if keyring is not None:
        try:
            keyring.set_password(_SERVICE, _account(data_dir), token)
            (data_dir / _FILENAME).unlink(missing_ok=True)
            return "keyring"
        except Exception:  # a locked or broken keyring: fall back rather than lose the token
            pass
    write_atomic(data_dir / _FILENAME, token.encode("utf-8"), mode=0o600)
    return "file"


def load_token(data_dir: Path) -> str | None:
    path = data_dir / _FILENAME
    if path.exists():
        return path.read_text(encoding="utf-8").strip() or None
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(_SERVICE, _account(data_dir))
    except Exception:
        return None


def clear_token(data_dir: Path) -> None:
    (data_dir / _FILENAME).unlink(missing_ok=True)
    keyring = _keyring()
    if keyring is not None:
        try:
            keyring.delete_password(_SERVICE, _account(data_dir))
        except Exception:
            pass


def token_file_mode(data_dir: Path) -> int | None:
    path = data_dir / _FILENAME
    return os.stat(path).st_mode & 0o777 if path.exists() else None
