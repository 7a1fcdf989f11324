"""Importing a paket at either office: verify it, then give it to the side it is for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desktop.kecamatan.desa_side import DesaTransfer
from lapor_desktop.kecamatan.kecamatan_side import KecamatanTransfer
from lapor_desktop.kecamatan.paket import KIND_REPORTS, PaketRejected, opened_paket
from lapor_desktop.kecamatan.transfer import ImportSummary
from lapor_desktop.offices.keys import TrustStore, own_identity
from lapor_desktop.offices.settings import OfficeKind

if TYPE_CHECKING:
    from lapor_desktop.app import App


def import_paket(app: App, path: Path) -> ImportSummary:
    """Verify and apply a paket; a refused one raises PaketRejected and changes nothing.

    A desa's reports go to its kecamatan's review queue; a kecamatan's reply goes to the desa.
    """
    own = own_identity(app.data_dir)
    with opened_paket(Path(path), app.data_dir, TrustStore(app.db)) as contents:
        if contents.envelope.kind == KIND_REPORTS:
            if own.kind is not OfficeKind.KECAMATAN:
                raise PaketRejected("Paket laporan hanya dapat diimpor oleh kantor kecamatan.")
            return KecamatanTransfer(app).import_reports(contents)
        if own.kind is not OfficeKind.DESA:
            raise PaketRejected("Paket balasan kecamatan hanya dapat diimpor oleh kantor desa.")
        return DesaTransfer(app).import_reply(contents)
