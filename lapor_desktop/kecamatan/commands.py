"""CLI for offline transfer and review: `office public-key|trust`, `paket ...`, `review ...`.

Registered in `lapor_desktop.__main__.COMMAND_MODULES` (``paket``, ``review``) and
called from `cli.main.build_parser` for the two ``office`` sub-commands. Every
handler imports what it needs when it runs, so building the parser stays cheap.
A refused paket exits with code 2 and the reason as JSON on stderr; nothing
was imported.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lapor_desktop.cli.output import EXIT_CONFIG, EXIT_INVALID, CliError, emit


def _translated(handler: Callable[[argparse.Namespace], Any]) -> Callable[[argparse.Namespace], Any]:
    """This feature's own errors become CLI errors with their Bahasa Indonesia message."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> Any:
        from lapor_desktop.offices.keys import OfficeKeyError

        try:
            return handler(args)
        except OfficeKeyError as exc:
            # The base class means keys or office missing (configuration); subclasses are bad input.
            code = EXIT_CONFIG if type(exc) is OfficeKeyError else EXIT_INVALID
            raise CliError(str(exc), code=code) from exc
        except Exception as exc:
            if "lapor_desktop.kecamatan.paket" in sys.modules:
                from lapor_desktop.kecamatan.paket import PaketExportError, PaketRejected

                if isinstance(exc, PaketRejected | PaketExportError):
                    raise CliError(str(exc)) from exc
            if "lapor_desktop.kecamatan.review" in sys.modules:
                from lapor_desktop.kecamatan.review import ReviewError

                if isinstance(exc, ReviewError):
                    raise CliError(str(exc)) from exc
            raise

    return run


def add_office_commands(office: Any) -> None:
    public_key = office.add_parser(
        "public-key", help="tampilkan profil publik kantor ini (untuk kantor lain)"
    )
    public_key.add_argument("--out", help="simpan juga ke berkas ini")
    public_key.set_defaults(handler=_translated(cmd_office_public_key))
    trust = office.add_parser("trust", help="percayai kantor lain dari berkas profilnya")
    trust.add_argument("file")
    trust.set_defaults(handler=_translated(cmd_office_trust))
    known = office.add_parser("known", help="daftar kantor yang dipercaya")
    known.set_defaults(handler=_translated(cmd_office_known))


def add_commands(commands: Any) -> None:
    paket = commands.add_parser(
        "paket", help="kirim/terima laporan lewat berkas (USB, WhatsApp)"
    ).add_subparsers(dest="action", metavar="AKSI", required=True)
    export = paket.add_parser("export", help="desa: masukkan laporan antrean ke paket untuk kecamatan")
    export.add_argument("--to", required=True, help="berkas paket yang dibuat")
    export.add_argument("--all-queued", action="store_true", help="semua laporan dalam antrean")
    export.add_argument("ids", nargs="*", type=int, metavar="ID")
    export.set_defaults(handler=_translated(cmd_paket_export))
    imported = paket.add_parser("import", help="impor paket dari desa (atau balasan dari kecamatan)")
    imported.add_argument("file")
    imported.set_defaults(handler=_translated(cmd_paket_import))
    reply = paket.add_parser("reply", help="kecamatan: buat paket balasan untuk satu desa")
    reply.add_argument("--desa", required=True, help="kode wilayah desa, mis. 18.01.01.2001")
    reply.add_argument("--to", required=True)
    reply.set_defaults(handler=_translated(cmd_paket_reply))

    review = commands.add_parser("review", help="kecamatan: tinjau laporan kiriman desa").add_subparsers(
        dest="action", metavar="AKSI", required=True
    )
    listing = review.add_parser("list", help="laporan yang menunggu tinjauan")
    listing.add_argument("--desa")
    listing.add_argument(
        "--state", default="awaiting_review", help="awaiting_review, approved, returned, duplicate"
    )
    listing.set_defaults(handler=_translated(cmd_review_list))
    approve = review.add_parser("approve", help="setujui: antrekan untuk LAPOR!")
    approve.add_argument("id", type=int)
    approve.set_defaults(handler=_translated(cmd_review_approve))
    back = review.add_parser("return", help="kembalikan ke desa dengan catatan")
    back.add_argument("id", type=int)
    back.add_argument("--note", required=True)
    back.set_defaults(handler=_translated(cmd_review_return))
    duplicate = review.add_parser("duplicate", help="tandai sebagai duplikat laporan lain")
    duplicate.add_argument("id", type=int)
    duplicate.add_argument("--of", type=int, required=True, dest="of_id")
    duplicate.add_argument("--note", default="")
    duplicate.set_defaults(handler=_translated(cmd_review_duplicate))


# -- office -------------------------------------------------------------------------------------


def cmd_office_public_key(args: argparse.Namespace) -> None:
    from lapor_desktop.offices.keys import identity_block
    from lapor_desktop.storage.atomic import write_atomic

    block = identity_block(args.data_dir)
    if args.out:
        write_atomic(Path(args.out), block.encode("utf-8"))
    sys.stdout.write(block)


def cmd_office_trust(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.offices.keys import OfficeKeyError, TrustStore, read_identity_file

    identity = read_identity_file(Path(args.file))
    with open_app(args.data_dir) as app:
        office = app.settings().office
        if office is None:
            raise OfficeKeyError("Kantor ini belum diatur: jalankan `office set` terlebih dahulu.")
        result = TrustStore(app.db).trust(office, identity)
    emit(
        {
            "trusted": {
                "kind": identity.kind.value,
                "name": identity.name,
                "region_code": identity.region_code,
                "fingerprint": identity.fingerprint,
            },
            "replaced": result.replaced,
            "unchanged": result.unchanged,
        }
    )


def cmd_office_known(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.offices.keys import TrustStore

    with open_app(args.data_dir) as app:
        offices = TrustStore(app.db).all()
    emit(
        [
            {"kind": o.kind.value, "name": o.name, "region_code": o.region_code, "fingerprint": o.fingerprint}
            for o in offices
        ]
    )


# -- paket ----------------------------------------------------------------------------------------


def cmd_paket_export(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.kecamatan.desa_side import DesaTransfer

    if args.all_queued == bool(args.ids):
        raise CliError("Pilih salah satu: --all-queued atau daftar ID laporan.")
    with open_app(args.data_dir) as app:
        summary = DesaTransfer(app).export_reports(
            Path(args.to), report_ids=list(args.ids), all_queued=args.all_queued
        )
    emit(summary.to_json())


def cmd_paket_import(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.kecamatan.paket_import import import_paket

    with open_app(args.data_dir) as app:
        summary = import_paket(app, Path(args.file))
    emit(summary.to_json())


def cmd_paket_reply(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.kecamatan.kecamatan_side import KecamatanTransfer

    with open_app(args.data_dir) as app:
        summary = KecamatanTransfer(app).export_reply(args.desa, Path(args.to))
    emit(summary.to_json())


# -- review ---------------------------------------------------------------------------------------


def cmd_review_list(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.domain import ReviewState
    from lapor_desktop.kecamatan.review import ReviewService
    from lapor_desktop.timestamps import to_wire

    choices = [state.value for state in ReviewState]
    names = [s for s in args.state.split(",") if s]
    unknown = [s for s in names if s not in choices]
    if unknown:
        raise CliError(f"Status tinjauan tidak dikenal: {', '.join(unknown)}. Pilihan: {', '.join(choices)}.")
    with open_app(args.data_dir) as app:
        items = ReviewService(app).items(args.desa, tuple(ReviewState(s) for s in names))
    emit(
        [
            {
                "id": i.report_id,
                "client_id": i.client_id,
                "local_ref": i.local_ref,
                "desa": i.origin_code,
                "title": i.title,
                "category_code": i.category_code,
                "recorded_at": to_wire(i.recorded_at),
                "review_state": i.review_state.value,
                "review_note": i.review_note,
                "state": i.state.value,
                "tracking_id": i.tracking_id,
            }
            for i in items
        ]
    )


def cmd_review_approve(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.kecamatan.review import ReviewService
    from lapor_desktop.reports.json_form import report_to_json

    with open_app(args.data_dir) as app:
        emit(report_to_json(ReviewService(app).approve(args.id)))


def cmd_review_return(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.domain import ReviewState
    from lapor_desktop.kecamatan.review import ReviewService

    with open_app(args.data_dir) as app:
        ReviewService(app).return_to_desa(args.id, args.note)
    emit({"id": args.id, "review_state": ReviewState.RETURNED.value})


def cmd_review_duplicate(args: argparse.Namespace) -> None:
    from lapor_desktop.app import open_app
    from lapor_desktop.domain import ReviewState
    from lapor_desktop.kecamatan.review import ReviewService

    with open_app(args.data_dir) as app:
        ReviewService(app).mark_duplicate(args.id, args.of_id, args.note)
    emit({"id": args.id, "review_state": ReviewState.DUPLICATE.value, "duplicate_of": args.of_id})
