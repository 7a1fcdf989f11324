"""Training mode: a complete, separate office for practice, beside the real one.

Practice data lives in ``DATA_DIR/training/``: its own ``lapor.db``,
attachments, settings and token (the token store keys its keyring entry by
data dir, so the two tokens never meet). The real data dir holds only one
marker of practice: ``training: true`` in its settings says that the
training office is the active one. Callers turn the data dir they were given
into the active one with `active_data_dir`; nothing a trainee does in
practice writes into the real dir, and leaving training can delete every
trace of it in one call.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from lapor_desktop.offices.settings import Office, Settings, check_server_url, load_settings, same_server
from lapor_desktop.offices.settings import save_settings as _save_settings
from lapor_desktop.offices.token_store import clear_token, save_token

log = logging.getLogger(__name__)

TRAINING_DIRNAME = "training"
DEMO_FILENAME = "lampung_selatan.json"

# What a reset keeps: the practice office's own configuration, so practice goes on.
_KEPT_ON_RESET = frozenset({"settings.json", "server-token", "categories.json"})


class TrainingError(ValueError):
    """A training-mode request that cannot be done (message in Bahasa Indonesia)."""


def training_dir(base: Path) -> Path:
    return base / TRAINING_DIRNAME


def is_training_dir(path: Path) -> bool:
    """Whether `path` is the practice office of its parent (and not a real office)."""
    return path.name == TRAINING_DIRNAME and load_settings(path).training


def base_data_dir(data_dir: Path) -> Path:
    """The real data dir that `data_dir` belongs to (itself unless it is a training dir)."""
    return data_dir.parent if is_training_dir(data_dir) else data_dir


def active_data_dir(base: Path) -> Path:
    """The data dir the app and the CLI should open: the practice office while training is on."""
    if is_training_dir(base):
        return base
    if load_settings(base).training:
        return training_dir(base)
    return base


@dataclass(frozen=True)
class TrainingSetup:
    server_url: str | None
    token: str | None = None
    office: Office | None = None
    operator: str | None = None
    kecamatan_identity: str | None = None


def enter_training(base: Path, setup: TrainingSetup) -> Path:
    """Turn practice on; returns the practice data dir.

    The practice office takes the office and operator the trainer's profile
    gives, else those of the real office (so the receipts look familiar); the
    server must not be the real office's server, so that nothing practised
    can ever reach LAPOR! itself.
    """
    real = load_settings(base)
    server_url = check_server_url(setup.server_url) if setup.server_url else None
    if server_url is not None and real.server_url is not None and same_server(server_url, real.server_url):
        raise TrainingError(
            "Alamat server latihan sama dengan alamat server LAPOR! sungguhan. "
            "Gunakan alamat server latihan dari pelatih."
        )
    target = training_dir(base)
    target.mkdir(parents=True, exist_ok=True)
    current = load_settings(target)
    practice = Settings(
        office=setup.office or current.office or real.office,
        operator=setup.operator or current.operator or real.operator,
        server_url=server_url or current.server_url,
        training=True,
        language=real.language,
    )
    _save_settings(target, practice)
    if setup.token:
        save_token(target, setup.token)
    if setup.kecamatan_identity is not None:
        save_kecamatan_identity(target, setup.kecamatan_identity)
    # The marker last: a crash before it leaves the real office active and untouched.
    _save_settings(base, replace(real, training=True))
    log.info("training mode on")
    return target


def leave_training(base: Path, *, discard: bool = True) -> None:
    """Back to the real service; with `discard`, no practice data, setting or token is left."""
    real = load_settings(base)
    if real.training:
        _save_settings(base, replace(real, training=False))
    if discard:
        discard_training_data(base)
    log.info("training mode off (practice data %s)", "deleted" if discard else "kept")


def discard_training_data(base: Path) -> None:
    target = training_dir(base)
    if not target.exists():
        return
    clear_token(target)  # the keyring entry is outside the folder
    shutil.rmtree(target)


def reset_training(base: Path) -> Path:
    """Delete the practice reports and attachments, keep the practice server and token.

    The caller must have closed every connection to the practice database
    first (Windows cannot delete an open file).
    """
    target = training_dir(base)
    if not is_training_dir(target):
        raise TrainingError("Tidak ada data latihan untuk diatur ulang.")
    for entry in target.iterdir():
        if entry.name in _KEPT_ON_RESET:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    log.info("training data reset")
    return target


def save_office_setup(
    data_dir: Path,
    *,
    office: Office,
    operator: str,
    server_url: str | None,
    token: str | None,
    training: bool,
) -> Path:
    """What the setup guide saves, routed to the right office; returns the data dir now active.

    A guide opened on the real office that chooses practice writes the
    practice office instead; one opened on the practice office that chooses
    the real service switches back (keeping the practice data) and writes the
    real office.
    """
    base = base_data_dir(data_dir)
    if training:
        return enter_training(
            base, TrainingSetup(server_url=server_url, token=token, office=office, operator=operator)
        )
    if is_training_dir(data_dir):
        leave_training(base, discard=False)
    real = load_settings(base)
    _save_settings(
        base, replace(real, office=office, operator=operator, server_url=server_url, training=False)
    )
    if token:
        save_token(base, token)
    return base


# -- the kecamatan's identity -----------------------------------------------------------

KECAMATAN_IDENTITY_FILENAME = "kecamatan-identity.txt"


def save_kecamatan_identity(data_dir: Path, identity: str) -> None:
    """Keep the kecamatan's public identity block as given by the profile.

    Opaque text until `lapor_desktop.offices.keys` parses it; an empty text
    removes it.
    """
    from lapor_desktop.storage.atomic import write_atomic

    path = data_dir / KECAMATAN_IDENTITY_FILENAME
    if not identity.strip():
        path.unlink(missing_ok=True)
        return
    write_atomic(path, identity.strip().encode("utf-8") + b"\n")


def load_kecamatan_identity(data_dir: Path) -> str | None:
    try:
        return (data_dir / KECAMATAN_IDENTITY_FILENAME).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


# -- demo data ------------------------------------------------------------------------------


def demo_reports() -> list[dict[str, object]]:
    """The demo reports of Lampung Selatan desa, in the CLI's report JSON form."""
    from lapor_desktop.resources import resource_path

    document = json.loads(resource_path("demo", DEMO_FILENAME).read_text(encoding="utf-8"))
    return list(document["reports"])


def load_demo_data(app: object) -> int:
    """Record the demo reports through the report service; practice offices only.

    `app` is an open `lapor_desktop.app.App` on a training data dir. Returns
    how many reports were recorded.
    """
    from lapor_desktop.app import App
    from lapor_desktop.reports.json_form import content_from_json

    assert isinstance(app, App)
    if not is_training_dir(app.data_dir):
        raise TrainingError(
            "Data contoh hanya boleh dimuat dalam mode latihan, agar tidak tercampur dengan laporan warga."
        )
    count = 0
    for entry in demo_reports():
        content, _paths, queue = content_from_json(entry)
        app.reports.create(content, queue=queue)
        count += 1
    return count
