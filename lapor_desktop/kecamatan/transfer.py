"""What both sides of a paket transfer share: their results, the paket log, and publishing a paket file.

The desa side (`desa_side`) hands queued reports to its kecamatan and applies
the kecamatan's reply; the kecamatan side (`kecamatan_side`) takes a desa's
reports into its review queue and writes the reply; `paket_import` opens a
paket and gives it to the side it is for. The format and its checks are in
`paket`; see its docstring for why a handed-over report is `sent` at the desa.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from lapor_desktop.kecamatan.paket import PaketContents, PaketExportError, write_paket
from lapor_desktop.offices.keys import OfficeIdentity, ensure_keys, own_identity
from lapor_desktop.offices.settings import OfficeKind
from lapor_desktop.storage.atomic import fsync_dir
from lapor_desktop.storage.schema import PaketRow

if TYPE_CHECKING:
    from lapor_desktop.app import App


@dataclass(frozen=True)
class ExportSummary:
    paket_id: str
    path: Path
    kind: str
    recipient_code: str
    recipient_name: str
    reports: int
    attachments: int
    bytes: int
    sha256: str
    # Reporter's replies handed over (a desa's paket), or answers about them (a kecamatan's reply).
    replies: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "paket_id": self.paket_id,
            "file": str(self.path),
            "kind": self.kind,
            "recipient": {"region_code": self.recipient_code, "name": self.recipient_name},
            "reports": self.reports,
            "attachments": self.attachments,
            "replies": self.replies,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class ImportSummary:
    paket_id: str
    kind: str
    sender_code: str
    sender_name: str
    imported: int  # new reports (or, for a reply, answers applied)
    already_present: int
    resubmitted: int = 0
    returned: int = 0
    sent: int = 0
    duplicates: int = 0
    unknown: int = 0
    refused: int = 0  # items naming a report that is not the sender's (see `kecamatan_side`)
    # The reporter's replies: at the kecamatan, stored / already here / refused (not to the
    # signer's own reports); at the desa, what LAPOR! did with those it handed over.
    replies_imported: int = 0
    replies_already_present: int = 0
    replies_refused: int = 0
    replies_sent: int = 0
    replies_refused_by_lapor: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "paket_id": self.paket_id,
            "kind": self.kind,
            "sender": {"region_code": self.sender_code, "name": self.sender_name},
            "imported": self.imported,
            "already_present": self.already_present,
            "resubmitted": self.resubmitted,
            "returned": self.returned,
            "sent": self.sent,
            "duplicates": self.duplicates,
            "unknown": self.unknown,
            "refused": self.refused,
            "replies": {
                "imported": self.replies_imported,
                "already_present": self.replies_already_present,
                "refused": self.replies_refused,
                "sent": self.replies_sent,
                "refused_by_lapor": self.replies_refused_by_lapor,
            },
        }


def operator_of(app: App) -> str:
    return app.settings().operator or ""


def own_office(app: App, kind: OfficeKind) -> OfficeIdentity:
    """This office, which must be of `kind` for the step asked."""
    identity = own_identity(app.data_dir)
    if identity.kind is not kind:
        if kind is OfficeKind.DESA:
            raise PaketExportError(
                "Hanya kantor desa yang menyerahkan laporan dalam paket; kantor kecamatan membuat paket "
                "balasan untuk desa dari halaman Tinjauan."
            )
        raise PaketExportError("Paket balasan hanya dibuat oleh kantor kecamatan.")
    return identity


@dataclass(frozen=True)
class WrittenPaket:
    paket_id: str
    sha256: str
    bytes: int


def publish_paket(
    app: App,
    target: Path,
    *,
    kind: str,
    manifest: dict[str, Any],
    files: Iterable[tuple[str, Path]],
    sender: OfficeIdentity,
    recipient: OfficeIdentity,
    record: Callable[[WrittenPaket], None],
) -> WrittenPaket:
    """Write the paket under a temporary name, let `record` store what it changes, then give it its name.

    Only a recorded paket becomes a real file: a crash before the rename leaves
    the database changed without a paket, which writing it again repairs.
    """
    temp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        paket_id, sha256 = write_paket(
            temp,
            kind=kind,
            manifest=manifest,
            files=files,
            sender=sender,
            sender_keys=ensure_keys(app.data_dir),
            recipient=recipient,
            scratch_dir=app.data_dir / "tmp",
        )
        written = WrittenPaket(paket_id, sha256, temp.stat().st_size)
        record(written)
        os.replace(temp, target)
        fsync_dir(target.parent)
    finally:
        temp.unlink(missing_ok=True)
    return written


def log_outgoing(
    session: Session, written: WrittenPaket, *, kind: str, peer_code: str, reports: int, now: dt.datetime
) -> None:
    session.add(
        PaketRow(
            paket_id=written.paket_id,
            direction="out",
            kind=kind,
            peer_code=peer_code,
            created_at=now,
            processed_at=now,
            reports=reports,
            sha256=written.sha256,
        )
    )


def log_incoming(session: Session, contents: PaketContents, reports: int, now: dt.datetime) -> None:
    """Record an imported paket once (importing it again changes nothing)."""
    envelope = contents.envelope
    if session.get(PaketRow, envelope.paket_id) is None:
        session.add(
            PaketRow(
                paket_id=envelope.paket_id,
                direction="in",
                kind=envelope.kind,
                peer_code=envelope.sender.region_code,
                created_at=envelope.created_at,
                processed_at=now,
                reports=reports,
                sha256=contents.file_sha256,
            )
        )
