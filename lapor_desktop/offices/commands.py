"""`profile make|key|trust`, `setup --profile FILE` and `training on|off|reset|demo|status`.

Profiles and trust belong to the real data dir (`args.base_data_dir`), never
to the practice office. Imports stay inside the handlers. A refused profile,
key or CSV (bad signature, not a profile, malformed) exits 2 and changes
nothing; exit 1 is kept for an office not set up for the step (the signer
not trusted yet, the trainer's own key unreadable).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from lapor_desktop.cli.output import EXIT_CONFIG, EXIT_INVALID, CliError, emit


def add_commands(commands: Any) -> None:
    profile = commands.add_parser(
        "profile", help="profil kantor bertanda tangan untuk Bimtek"
    ).add_subparsers(dest="action", metavar="AKSI", required=True)
    make = profile.add_parser("make", help="buat satu profil per kantor dari CSV")
    make.add_argument("csv", help="CSV dengan judul kind,name,region_code,server_url,token,training")
    make.add_argument("--out", required=True, help="folder tujuan berkas .lapor-profile")
    make.set_defaults(handler=cmd_profile_make)
    key = profile.add_parser("key", help="tampilkan kunci publik pelatih (dibuat saat pertama dipakai)")
    key.add_argument("--out", help="simpan juga kunci publik ke berkas ini, untuk `profile trust`")
    key.set_defaults(handler=cmd_profile_key)
    trust = profile.add_parser("trust", help="percayai kunci pelatih dari berkas kunci atau berkas profil")
    trust.add_argument("file")
    trust.set_defaults(handler=cmd_profile_trust)
    show = profile.add_parser("show", help="periksa dan tampilkan isi profil (token disamarkan)")
    show.add_argument("file")
    show.set_defaults(handler=cmd_profile_show)

    setup = commands.add_parser("setup", help="atur kantor dari berkas profil bertanda tangan")
    setup.add_argument("--profile", required=True, help="berkas .lapor-profile dari pelatih")
    setup.add_argument("--operator", help="nama operator (bawaan: yang sudah diatur)")
    setup.add_argument(
        "--keep-training-data",
        action="store_true",
        help="profil sungguhan: jangan hapus data latihan saat beralih ke layanan sungguhan",
    )
    setup.set_defaults(handler=cmd_setup)

    training = commands.add_parser("training", help="mode latihan").add_subparsers(
        dest="action", metavar="AKSI", required=True
    )
    on = training.add_parser("on", help="nyalakan mode latihan (data terpisah)")
    on.add_argument("--server", help="alamat server latihan, misalnya http://192.168.1.10:8080/api")
    on.add_argument("--token")
    on.set_defaults(handler=cmd_training_on)
    off = training.add_parser("off", help="kembali ke layanan sungguhan dan hapus data latihan")
    off.add_argument("--keep-data", action="store_true", help="simpan data latihan")
    off.set_defaults(handler=cmd_training_off)
    reset = training.add_parser("reset", help="hapus laporan latihan, pertahankan server dan token latihan")
    reset.set_defaults(handler=cmd_training_reset)
    demo = training.add_parser("demo", help="muat data contoh desa Lampung Selatan ke mode latihan")
    demo.set_defaults(handler=cmd_training_demo)
    status = training.add_parser("status", help="mode yang aktif")
    status.set_defaults(handler=cmd_training_status)


def _profile_error(exc: Exception) -> CliError:
    """A refused profile or key file is bad input (exit 2); an office not set up for it is exit 1."""
    from lapor_desktop.offices.profiles import ProfileSetupError

    return CliError(str(exc), code=EXIT_CONFIG if isinstance(exc, ProfileSetupError) else EXIT_INVALID)


def cmd_profile_make(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.profiles import (
        ProfileError,
        fingerprint,
        make_profiles,
        raw_public_key,
        trainer_key,
    )

    try:
        key = trainer_key(args.base_data_dir)
        written = make_profiles(Path(args.csv), Path(args.out), key)
    except ProfileError as exc:
        raise _profile_error(exc) from exc
    emit(
        {
            "signer_fingerprint": fingerprint(raw_public_key(key)),
            "profiles": [str(path) for path in written],
        }
    )


def cmd_profile_key(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.profiles import (
        ProfileError,
        fingerprint,
        public_key_text,
        raw_public_key,
        trainer_key,
    )
    from lapor_desktop.storage.atomic import write_atomic

    args.base_data_dir.mkdir(parents=True, exist_ok=True)
    try:
        raw = raw_public_key(trainer_key(args.base_data_dir))
    except ProfileError as exc:
        raise _profile_error(exc) from exc
    text = public_key_text(raw)
    if args.out:
        write_atomic(Path(args.out), (text + "\n").encode("ascii"))
    emit({"public_key": text, "fingerprint": fingerprint(raw), "saved_to": args.out})


def cmd_profile_trust(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.profiles import ProfileError, trust_from_file

    try:
        trusted = trust_from_file(args.base_data_dir, Path(args.file))
    except ProfileError as exc:
        raise _profile_error(exc) from exc
    emit({"trusted": trusted.text, "fingerprint": trusted.fingerprint, "note": trusted.note})


def _profile_json(signed: Any) -> dict[str, Any]:
    body = signed.profile.to_json()
    body["token"] = "(ada)" if body["token"] else None
    body["signer_fingerprint"] = signed.fingerprint
    body["created_at"] = signed.created_at
    return body


def cmd_profile_show(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.profiles import ProfileError, is_trusted, read_profile

    try:
        signed = read_profile(Path(args.file))
    except ProfileError as exc:
        raise _profile_error(exc) from exc
    emit({**_profile_json(signed), "trusted": is_trusted(args.base_data_dir, signed.signer)})


def cmd_setup(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.profiles import ProfileError, apply_profile, read_profile
    from lapor_desktop.offices.settings import SettingsError, check_operator, load_settings

    try:
        operator = check_operator(args.operator) if args.operator else None
        signed = read_profile(Path(args.profile))
        args.base_data_dir.mkdir(parents=True, exist_ok=True)
        active = apply_profile(
            args.base_data_dir,
            signed,
            operator=operator,
            discard_training=not args.keep_training_data,
        )
    except SettingsError as exc:
        raise CliError(str(exc), fields={"operator": str(exc)}) from exc
    except ProfileError as exc:
        raise _profile_error(exc) from exc
    settings = load_settings(active)
    emit(
        {
            **_profile_json(signed),
            "data_dir": str(active),
            "operator": settings.operator,
            "needs_operator": not settings.operator,
        }
    )


def cmd_training_on(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.settings import SettingsError
    from lapor_desktop.offices.training import TrainingError, TrainingSetup, enter_training

    args.base_data_dir.mkdir(parents=True, exist_ok=True)
    try:
        target = enter_training(args.base_data_dir, TrainingSetup(server_url=args.server, token=args.token))
    except (SettingsError, TrainingError) as exc:
        raise CliError(str(exc), fields={"server_url": str(exc)}) from exc
    emit({"training": True, "data_dir": str(target)})


def cmd_training_off(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.training import leave_training

    leave_training(args.base_data_dir, discard=not args.keep_data)
    emit({"training": False, "data_dir": str(args.base_data_dir), "training_data_kept": args.keep_data})


def cmd_training_reset(args: argparse.Namespace) -> None:
    from lapor_desktop.app import prepare_data_dir
    from lapor_desktop.offices.training import TrainingError, reset_training

    try:
        target = reset_training(args.base_data_dir)
    except TrainingError as exc:
        raise CliError(str(exc), code=EXIT_CONFIG) from exc
    prepare_data_dir(target)
    emit({"training": True, "data_dir": str(target), "reset": True})


def cmd_training_demo(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.offices.training import TrainingError, is_training_dir, load_demo_data

    if not is_training_dir(args.data_dir):
        raise CliError(
            "Data contoh hanya untuk mode latihan. Nyalakan dulu: lapor-desktop training on --server URL",
            code=EXIT_CONFIG,
        )
    with open_app(args.data_dir) as app:
        try:
            count = load_demo_data(app)
        except TrainingError as exc:
            raise CliError(str(exc), code=EXIT_CONFIG) from exc
    emit({"loaded": count, "data_dir": str(args.data_dir)})


def cmd_training_status(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.settings import load_settings
    from lapor_desktop.offices.training import is_training_dir

    training = is_training_dir(args.data_dir)
    emit(
        {
            "training": training,
            "data_dir": str(args.data_dir),
            "server_url": load_settings(args.data_dir).server_url,
        }
    )
