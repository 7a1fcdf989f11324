"""`penduduk import|find|status|clear`: the desa's population register from OpenSID.

Exit codes, as for every command: 0 success; 2 bad input (a file that is not
an OpenSID population export, an export older than the stored one, a
malformed NIK), nothing changed; 1 a fault of the database or the folder.
``penduduk find`` exits 1 when no living resident has that NIK (or nothing
was imported yet), as ``grep`` does when nothing matches: scripts can tell
"not there" (1) from "not a NIK" (2). Error messages never repeat a NIK or a
name. Handlers import what they need when they run.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lapor_desktop.cli.output import EXIT_CONFIG, EXIT_INVALID, CliError, emit

EXIT_NOT_FOUND = 1
_KEPT_NOTE = "Data penduduk yang sudah ada tidak berubah."


def add_commands(commands: Any) -> None:
    penduduk = commands.add_parser(
        "penduduk", help="data penduduk desa dari OpenSID (untuk mengisi NIK, nama, alamat pelapor)"
    ).add_subparsers(dest="action", metavar="AKSI", required=True)
    imported = penduduk.add_parser(
        "import",
        help="impor ekspor OpenSID penduduk_<tgl>_opendk.zip (atau .xlsx/.csv-nya); mengganti data lama",
    )
    imported.add_argument("file", help="berkas dari OpenSID: OpenDK > Sinkronisasi > Penduduk > Unduh")
    imported.add_argument(
        "--allow-older", action="store_true", help="pakai juga berkas yang lebih lama daripada data yang ada"
    )
    imported.set_defaults(handler=_translated(cmd_import))
    find = penduduk.add_parser(
        "find", help="cari penduduk hidup menurut NIK (kode keluar 1: tidak ditemukan; 2: NIK tidak sah)"
    )
    find.add_argument("nik")
    find.set_defaults(handler=_translated(cmd_find))
    status = penduduk.add_parser("status", help="jumlah penduduk tersimpan dan tanggal datanya")
    status.set_defaults(handler=_translated(cmd_status))
    clear = penduduk.add_parser("clear", help="hapus semua data penduduk dan padatkan basis data")
    clear.set_defaults(handler=_translated(cmd_clear))


def _translated(handler: Callable[[argparse.Namespace], None]) -> Callable[[argparse.Namespace], None]:
    """This feature's errors as CLI errors: a refused file is bad input, a database fault is not."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> None:
        from lapor_desktop.penduduk.reader import ExportRefused
        from lapor_desktop.penduduk.store import PendudukFault

        try:
            handler(args)
        except ExportRefused as exc:
            raise CliError(f"{exc.message} {_KEPT_NOTE}", code=EXIT_INVALID) from exc
        except PendudukFault as exc:
            raise CliError(f"{exc.message} {_KEPT_NOTE}", code=EXIT_CONFIG) from exc

    return run


def _service(args: argparse.Namespace) -> Any:
    from lapor_desktop.app import prepare_data_dir
    from lapor_desktop.penduduk.service import PendudukService
    from lapor_desktop.penduduk.store import PendudukFault, translated_faults

    try:
        with translated_faults():
            db_path = prepare_data_dir(args.data_dir)
    except OSError as exc:
        raise PendudukFault(
            "Folder data tidak dapat dibuat atau dibuka. Periksa izin dan ruang disk."
        ) from exc
    return PendudukService(db_path)


def cmd_import(args: argparse.Namespace) -> None:
    with _service(args) as service:
        summary = service.import_file(Path(args.file), allow_older=args.allow_older)
    emit(
        {
            **_record_json(summary.record),
            "replaced": summary.replaced,
            "warnings": list(summary.warnings),
        }
    )


def cmd_find(args: argparse.Namespace) -> None:
    from lapor_desktop.reports.nik import nik_problem

    nik = args.nik.strip()
    problem = nik_problem(nik)
    if problem is not None:
        raise CliError(problem, code=EXIT_INVALID, fields={"nik": problem})
    with _service(args) as service:
        status = service.status()
        resident = service.find(nik)
    record = status.last_import
    if record is None:
        raise CliError(
            "Belum ada data penduduk desa. Impor dulu: lapor-desktop penduduk import BERKAS.",
            code=EXIT_NOT_FOUND,
        )
    if resident is None:
        per = f" (per {record.export_date.isoformat()})" if record.export_date else ""
        raise CliError(
            f"Tidak ditemukan: tidak ada penduduk hidup dengan NIK itu dalam data penduduk desa{per}.",
            code=EXIT_NOT_FOUND,
        )
    emit(
        {
            "nik": resident.nik,
            "name": resident.name,
            "birth_date": resident.birth_date.isoformat() if resident.birth_date else None,
            "address": resident.formatted_address,
            "address_parts": {
                "alamat": resident.address,
                "dusun": resident.dusun,
                "rt": resident.rt,
                "rw": resident.rw,
            },
            "export_date": record.export_date.isoformat() if record.export_date else None,
        }
    )


def cmd_status(args: argparse.Namespace) -> None:
    with _service(args) as service:
        status = service.status()
    if status.last_import is None:
        emit(
            {
                "residents": status.residents,
                "imported_at": None,
                "export_date": None,
                "message": "Belum ada data penduduk. Impor dengan: lapor-desktop penduduk import BERKAS.",
            }
        )
        return
    emit({"residents": status.residents, **_record_json(status.last_import)})


def cmd_clear(args: argparse.Namespace) -> None:
    with _service(args) as service:
        outcome = service.clear()
    emit(
        {
            "deleted": outcome.deleted,
            "compacted": True,
            "database_bytes_before": outcome.bytes_before,
            "database_bytes_after": outcome.bytes_after,
        }
    )


def _record_json(record: Any) -> dict[str, Any]:
    from lapor_desktop.labels import DATE_SOURCE_LABELS, SKIP_REASON_LABELS
    from lapor_desktop.timestamps import to_wire

    skipped = record.skipped
    return {
        "imported": record.imported,
        "rows": record.rows,
        "skipped": {"total": skipped.total, **{r.value: skipped.of(r) for r in SKIP_REASON_LABELS}},
        "skip_reasons": {r.value: label for r, label in SKIP_REASON_LABELS.items()},
        "export_date": record.export_date.isoformat() if record.export_date else None,
        "export_date_source": record.date_source.value,
        "export_date_note": DATE_SOURCE_LABELS[record.date_source],
        "source": record.source_name,
        "format": record.source_format.value,
        "imported_at": to_wire(record.imported_at),
    }
