"""`lapor-desktop backup ...`: create, verify, restore, list, snapshot.

Backups cover the real office (the data dir given, not the practice office
of training mode). Exit codes: 0 done; 2 refused (wrong passphrase, changed
or foreign backup, bad arguments), nothing changed; 1 a storage fault.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lapor_desktop.cli.output import EXIT_CONFIG, CliError, emit


def add_commands(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="cadangan: buat, periksa, pulihkan, daftar").add_subparsers(
        dest="action", metavar="AKSI", required=True
    )
    create = backup.add_parser("create", help="buat satu berkas cadangan terenkripsi (untuk flashdisk)")
    create.add_argument("--to", required=True, metavar="BERKAS", help="berkas cadangan yang dibuat")
    create.add_argument("--passphrase-file", metavar="BERKAS", help="berkas berisi kata sandi (satu baris)")
    create.set_defaults(handler=cmd_backup_create)
    verify = backup.add_parser("verify", help="periksa berkas cadangan tanpa mengubah data")
    verify.add_argument("file", metavar="BERKAS")
    verify.add_argument("--passphrase-file", metavar="BERKAS")
    verify.set_defaults(handler=cmd_backup_verify)
    restore = backup.add_parser("restore", help="pulihkan dari berkas cadangan atau folder snapshot")
    restore.add_argument("source", metavar="SUMBER", help="berkas cadangan atau folder snapshot")
    restore.add_argument("--passphrase-file", metavar="BERKAS")
    restore.add_argument(
        "--yes-other-office", action="store_true", help="pulihkan walau cadangan milik kantor lain"
    )
    restore.set_defaults(handler=cmd_backup_restore)
    listing = backup.add_parser("list", help="daftar snapshot otomatis dan cadangan terakhir")
    listing.set_defaults(handler=cmd_backup_list)
    snapshot = backup.add_parser("snapshot", help="ambil snapshot lokal sekarang")
    snapshot.add_argument("--if-due", action="store_true", help="hanya bila belum ada snapshot hari ini")
    snapshot.set_defaults(handler=cmd_backup_snapshot)


def cmd_backup_create(args: argparse.Namespace) -> None:
    from lapor_desktop.backup.external import create_backup

    data_dir: Path = args.base_data_dir
    target = Path(args.to).expanduser().resolve()
    if target.is_dir():
        raise CliError(f"--to harus nama berkas, bukan folder: {target}")
    if _inside(target, data_dir):
        raise CliError("Simpan cadangan di luar folder data (misalnya di flashdisk), bukan di dalamnya.")
    if not target.parent.is_dir():
        raise CliError(f"Folder tujuan tidak ada: {target.parent}")
    passphrase = _passphrase(args, confirm=True)
    created = _archive_errors(lambda: create_backup(data_dir, target, passphrase))
    out = {"file": str(created.path), "size": created.size, **_summary(created.manifest)}
    if created.damaged_attachments:
        out["damaged_attachments"] = list(created.damaged_attachments)
    emit(out)


def cmd_backup_verify(args: argparse.Namespace) -> None:
    from lapor_desktop.backup.external import verify_backup

    source = _existing_file(args.file)
    passphrase = _passphrase(args, confirm=False)
    verified = _archive_errors(lambda: verify_backup(source, passphrase))
    out = {"ok": True, "file": str(source), **_summary(verified.manifest)}
    if verified.damaged_attachments:
        out["damaged_attachments"] = list(verified.damaged_attachments)
    emit(out)


def cmd_backup_restore(args: argparse.Namespace) -> None:
    from lapor_desktop.backup.restore import restore_backup

    source = Path(args.source).expanduser().resolve()
    if not source.exists():
        raise CliError(f"Sumber cadangan tidak ditemukan: {source}")
    passphrase = None if source.is_dir() else _passphrase(args, confirm=False)
    restored = _archive_errors(
        lambda: restore_backup(
            source, args.base_data_dir, passphrase=passphrase, allow_other_office=args.yes_other_office
        )
    )
    emit(
        {
            "restored_from": str(source),
            "data_dir": str(args.base_data_dir),
            "set_aside": None if restored.set_aside is None else str(restored.set_aside),
            **_summary(restored.manifest),
        }
    )


def cmd_backup_list(args: argparse.Namespace) -> None:
    from lapor_desktop.backup.reminder import backup_reminder
    from lapor_desktop.backup.snapshots import list_snapshots
    from lapor_desktop.backup.state import load_state

    data_dir: Path = args.base_data_dir
    snapshots = []
    for snapshot in reversed(list_snapshots(data_dir)):
        entry: dict[str, Any] = {"path": str(snapshot.path), "taken_at": _wire(snapshot.taken_at)}
        try:
            manifest = snapshot.manifest()
            entry.update(reports=manifest.reports_total, attachments=len(manifest.attachments))
        except (OSError, ValueError):
            entry["damaged"] = True
        snapshots.append(entry)
    last = load_state(data_dir).last_external
    reminder = backup_reminder(data_dir)
    emit(
        {
            "snapshots": snapshots,
            "last_external": None
            if last is None
            else {"path": str(last.path), "at": _wire(last.at), "reports": last.reports},
            "reminder": None if reminder is None else reminder.message,
        }
    )


def cmd_backup_snapshot(args: argparse.Namespace) -> None:
    from lapor_desktop.backup.snapshots import take_snapshot, take_snapshot_if_due

    data_dir: Path = args.base_data_dir
    snapshot = take_snapshot_if_due(data_dir) if args.if_due else take_snapshot(data_dir)
    if snapshot is None:
        emit({"taken": False})
        return
    manifest = snapshot.manifest()
    emit({"taken": True, "path": str(snapshot.path), **_summary(manifest)})


def _summary(manifest: Any) -> dict[str, Any]:
    office = manifest.office
    return {
        "created_at": manifest.created_at,
        "office": None
        if office is None
        else {"kind": office.kind, "name": office.name, "region_code": office.region_code},
        "reports": manifest.reports_total,
        "reports_by_state": manifest.reports_by_state,
        "attachments": len(manifest.attachments),
        "database_sha256": manifest.database.sha256,
    }


def _archive_errors(action: Any) -> Any:
    """A refused backup (passphrase, damage, another office) is exit 2; storage faults pass through."""
    from lapor_desktop.backup.archive import ArchiveError
    from lapor_desktop.backup.external import NothingToBackUp

    try:
        return action()
    except NothingToBackUp as exc:
        raise CliError(str(exc), code=EXIT_CONFIG) from None
    except ArchiveError as exc:
        raise CliError(str(exc)) from None


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    from lapor_desktop.backup.archive import MIN_PASSPHRASE_LENGTH

    if args.passphrase_file:
        try:
            text = Path(args.passphrase_file).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CliError(f"Berkas kata sandi tidak ditemukan: {args.passphrase_file}") from None
        except (UnicodeDecodeError, OSError):
            raise CliError(f"Berkas kata sandi tidak terbaca: {args.passphrase_file}") from None
        passphrase = text.splitlines()[0] if text.strip() else ""
    else:
        if not sys.stdin.isatty():
            raise CliError(
                "Kata sandi cadangan diperlukan: jalankan di terminal, atau berikan --passphrase-file BERKAS."
            )
        import getpass

        passphrase = getpass.getpass("Kata sandi cadangan: ")
        if confirm and getpass.getpass("Ulangi kata sandi: ") != passphrase:
            raise CliError("Kedua kata sandi tidak sama; tidak ada yang dibuat.")
    if not passphrase:
        raise CliError("Kata sandi cadangan kosong.")
    if confirm and len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise CliError(f"Kata sandi cadangan minimal {MIN_PASSPHRASE_LENGTH} karakter.")
    return passphrase


def _existing_file(name: str) -> Path:
    path = Path(name).expanduser().resolve()
    if not path.is_file():
        raise CliError(f"Berkas cadangan tidak ditemukan: {path}")
    return path


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _wire(moment: Any) -> str:
    from lapor_desktop.timestamps import to_wire

    return to_wire(moment)
