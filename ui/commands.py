"""Command-line commands that need Qt's layout engine: the citizen's paper as PDF.

    lapor-desktop report receipt ID [--paper a4|a5|80mm|58mm] --out FILE.pdf [--answer]
    lapor-desktop report tanggapan ID [--paper a4|a5|80mm|58mm] --out FILE.pdf

The same PDFs as the window's *Simpan PDF*, laid out by QTextDocument. They
need a QGuiApplication but no window: one is made when none exists, on the
``offscreen`` platform on Linux (no display needed; fonts come from
fontconfig as usual). Windows and macOS keep their own platform, which needs
no display either and is where their fonts are found.

Registered from the composition root; Qt is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

_APPLICATION: Any = None  # the QGuiApplication made here, kept alive for the process


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = _actions_of(commands, "report")
    receipt = report.add_parser(
        "receipt", help="simpan tanda terima (atau jawaban instansi) sebagai PDF untuk dicetak"
    )
    receipt.add_argument("id", metavar="ID", help="nomor urut laporan (lihat report list)")
    receipt.add_argument("--paper", help="a4, a5, 80mm atau 58mm (bawaan: kertas yang diatur di Pengaturan)")
    receipt.add_argument("--out", required=True, metavar="BERKAS", help="berkas PDF yang dibuat")
    receipt.add_argument("--answer", action="store_true", help="jawaban instansi, bukan tanda terima")
    receipt.set_defaults(handler=cmd_report_receipt)
    conversation = report.add_parser(
        "tanggapan",
        help="simpan tanggapan (percakapan dengan LAPOR! berisi pertanyaan, jawaban instansi, tanggapan pelapor) "
        "sebagai PDF untuk dicetak",
    )
    conversation.add_argument("id", metavar="ID", help="nomor urut laporan (lihat report list)")
    conversation.add_argument(
        "--paper", help="a4, a5, 80mm atau 58mm (bawaan: kertas yang diatur di Pengaturan)"
    )
    conversation.add_argument("--out", required=True, metavar="BERKAS", help="berkas PDF yang dibuat")
    conversation.set_defaults(handler=cmd_report_tanggapan)


def _actions_of(commands: argparse._SubParsersAction, name: str) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The sub-command group of an existing command (`report`), so `receipt` sits beside `report show`."""
    parser = commands.choices[name]
    # argparse offers no public way back to a parser's sub-commands.
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def gui_application() -> Any:
    """The running QGuiApplication, or a new one (offscreen on Linux) for layout and fonts."""
    global _APPLICATION
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    argv = ["lapor-desktop"]
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        argv += ["-platform", "offscreen"]  # overrides QT_QPA_PLATFORM: a command never needs a display
    _APPLICATION = QGuiApplication(argv)
    return _APPLICATION


def _output_path(text: str) -> Path:
    from lapor_desktop.cli.output import CliError

    out = Path(text).expanduser()
    if out.is_dir():
        raise CliError(f"--out menunjuk ke folder, bukan berkas: {out}. Tulis nama berkas PDF-nya.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"Folder tujuan tidak ada: {folder}. Buat dulu foldernya atau pilih folder lain.")
    if not os.access(folder, os.W_OK):
        raise CliError(f"Folder tujuan tidak dapat ditulisi: {folder}. Pilih folder lain.")
    return out


def _report_id(text: str) -> int:
    from lapor_desktop.cli.output import CliError

    if not text.isdigit():
        raise CliError(f"ID laporan harus berupa angka, bukan {text!r}. Lihat nomor urutnya di report list.")
    return int(text)


def _paper(args: argparse.Namespace) -> Any:
    from lapor_desktop.cli.output import CliError
    from lapor_desktop.offices.settings import SettingsError, load_settings, parse_paper

    try:
        return parse_paper(args.paper) if args.paper is not None else load_settings(args.data_dir).paper
    except SettingsError as exc:
        raise CliError(str(exc), fields={"paper": str(exc)}) from exc


def _load_report(args: argparse.Namespace, report_id: int) -> Any:
    from lapor_desktop.app import open_app

    with open_app(args.data_dir) as app:
        return app.reports.get(report_id)


def _emit_pdf(out: Path, document: str, report: Any, paper: Any, rendered: Any) -> None:
    from lapor_desktop.cli.output import emit

    emit(
        {
            "path": str(out),
            "document": document,
            "local_ref": report.local_ref,
            "paper": paper.value,
            "pages": rendered.pages,
            "width_mm": round(rendered.width_mm, 1),
            "height_mm": round(rendered.height_mm, 1),
        }
    )


def cmd_report_receipt(args: argparse.Namespace) -> None:
    from lapor_desktop.cli.output import CliError
    from lapor_desktop.offices.settings import load_settings

    report_id = _report_id(args.id)
    paper = _paper(args)
    out = _output_path(args.out)
    report = _load_report(args, report_id)
    if args.answer and not report.responses:
        raise CliError(
            f"Laporan {report.local_ref} belum punya jawaban instansi; belum ada yang dapat dicetak."
        )

    gui_application()
    from ui.document_parts import reference_names
    from ui.receipt import write_receipt_pdf, write_responses_pdf

    writer = write_responses_pdf if args.answer else write_receipt_pdf
    settings = load_settings(args.data_dir)
    try:
        rendered = writer(report, settings, out, paper, names=reference_names(args.data_dir))
    except OSError as exc:
        raise CliError(f"PDF tidak dapat disimpan di {out}: {exc.strerror or exc}.") from exc
    _emit_pdf(out, "answer" if args.answer else "receipt", report, paper, rendered)


def cmd_report_tanggapan(args: argparse.Namespace) -> None:
    from lapor_desktop.cli.output import CliError
    from lapor_desktop.offices.settings import load_settings

    report_id = _report_id(args.id)
    paper = _paper(args)
    out = _output_path(args.out)
    report = _load_report(args, report_id)
    if not report.tracking_id and not report.responses:
        raise CliError(
            f"Laporan {report.local_ref} belum terkirim ke LAPOR! sehingga belum ada tanggapan yang dapat dicetak. "
            "Cetak tanda terimanya dengan report receipt."
        )

    gui_application()
    from ui.conversation_document import write_conversation_pdf
    from ui.document_parts import reference_names

    try:
        rendered = write_conversation_pdf(
            report, load_settings(args.data_dir), out, paper, names=reference_names(args.data_dir)
        )
    except OSError as exc:
        raise CliError(f"PDF tidak dapat disimpan di {out}: {exc.strerror or exc}.") from exc
    _emit_pdf(out, "tanggapan", report, paper, rendered)
