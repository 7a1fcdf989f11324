"""*Pengaturan › Data penduduk*: OpenSID's population export in, its date and count shown, cleared on request.

The import reads the file and replaces the stored residents on the services'
writer thread, reporting the rows read as it goes; the page stays usable. A
file that is refused leaves the data as it was and says why; an export older
than the stored one is used only when the operator confirms. What was
imported, skipped (with the reasons) and replaced is shown in the box. The
residents' names and NIKs are never shown here or logged: only counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.dates import format_date, format_instant
from lapor_desktop.offices.timezone import zone_of_region
from ui.changes import RESIDENTS, Changes
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR
from ui.i18n import current_language
from ui.labels import date_source_label, skip_reason_labels

if TYPE_CHECKING:
    from lapor_desktop.penduduk.service import ImportSummary
    from lapor_desktop.penduduk.store import ClearOutcome, ImportRecord, PendudukStatus
    from ui.services import Services


def ask_export_file(parent: QWidget | None) -> Path | None:
    """The operator's choice of an OpenSID export, or None when cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("PendudukBox", "Impor data penduduk dari OpenSID"),
        str(Path.home()),
        QCoreApplication.translate(
            "PendudukBox", "Ekspor penduduk OpenSID (*.zip *.xlsx *.csv);;Semua berkas (*)"
        ),
    )
    return Path(chosen) if chosen else None


def _number(value: int) -> str:
    """2.431 in Bahasa Indonesia, 2,431 in English."""
    english = current_language() == "en"
    return QLocale(QLocale.Language.English if english else QLocale.Language.Indonesian).toString(value)


class PendudukBox(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Data penduduk"), parent)
        self.setObjectName("pendudukBox")
        self.services = services
        self._residents = 0
        self._has_data = False
        self._busy = False
        self.status_label = QLabel()
        self.status_label.setObjectName("pendudukStatus")
        self.status_label.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Ekspor dari OpenSID: menu OpenDK › Sinkronisasi › Penduduk › Unduh "
                "(berkas penduduk_<tanggal>_opendk.zip; .xlsx atau .csv-nya juga bisa). Formulir laporan "
                "memakainya untuk mengisi nama dan alamat pelapor dari NIK atau nama."
            )
        )
        hint.setObjectName("fieldHint")
        hint.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Impor data penduduk…"))
        self.import_button.setObjectName("pendudukImport")
        self.import_button.clicked.connect(lambda: self.choose_and_import())
        self.clear_button = QPushButton(self.tr("Hapus data penduduk…"))
        self.clear_button.setObjectName("pendudukClear")
        self.clear_button.clicked.connect(self.clear)
        self.progress = QProgressBar()
        self.progress.setObjectName("pendudukProgress")
        self.progress.setRange(0, 0)  # the export does not say how many rows it holds
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.result_label = QLabel()
        self.result_label.setObjectName("pendudukResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.status_label)
        column.addWidget(hint)
        column.addLayout(buttons)
        column.addWidget(self.result_label)
        services.changed.connect(self._changed)
        self.reload()

    # -- what is stored ----------------------------------------------------------------------------

    def reload(self) -> None:
        service = self.services.penduduk()
        self.services.run_background(service.status, self._show_status, self._status_failed)

    def _changed(self, changes: Changes) -> None:
        if changes.residents:
            self.reload()

    def _show_status(self, status: PendudukStatus) -> None:
        self._residents = status.residents
        record = status.last_import
        self._has_data = record is not None or status.residents > 0
        self.clear_button.setEnabled(self._has_data and not self._busy)
        if record is None:
            self.status_label.setText(
                self.tr("Belum ada data penduduk. Formulir tidak menawarkan nama dan alamat pelapor.")
            )
            return
        self.status_label.setText(
            self.tr("%1 penduduk hidup, %2. Berkas %3, diimpor %4.")
            .replace("%1", _number(status.residents))
            .replace("%2", self._date_of(record))
            .replace("%3", record.source_name)
            .replace("%4", self._imported_at(record))
        )

    def _date_of(self, record: ImportRecord) -> str:
        if record.export_date is None:
            return self.tr("tanggal data tidak diketahui")
        return (
            self.tr("data per %1 (%2)")
            .replace("%1", format_date(record.export_date))
            .replace("%2", date_source_label(record.date_source))
        )

    def _imported_at(self, record: ImportRecord) -> str:
        office = self.services.settings().office
        return format_instant(record.imported_at, zone_of_region(office.region_code if office else None))

    def _status_failed(self, error: Exception) -> None:
        self.status_label.setText(
            getattr(error, "message", "") or self.tr("Data penduduk tidak dapat dibaca.")
        )

    # -- import ------------------------------------------------------------------------------------

    def choose_and_import(self, path: Path | None = None) -> None:
        chosen = path or ask_export_file(self)
        if chosen is not None:
            self.start_import(chosen)

    def start_import(self, path: Path, *, allow_older: bool = False) -> None:
        self._set_busy(True)
        self._say(self.tr("Membaca %1…").replace("%1", path.name))
        service = self.services.penduduk()
        self.services.run_write(
            lambda progress: service.import_file(path, allow_older=allow_older, progress=progress),
            self._imported,
            lambda error: self._import_failed(path, error),
            changes=RESIDENTS,
            on_progress=lambda rows: self._say(self.tr("%n baris dibaca…", "", int(rows))),
        )

    def _imported(self, summary: ImportSummary) -> None:
        self._set_busy(False)
        record = summary.record
        lines = [
            self.tr("Diimpor %1 penduduk dari %2 baris, %3.")
            .replace("%1", _number(record.imported))
            .replace("%2", _number(record.rows))
            .replace("%3", self._date_of(record))
        ]
        if summary.replaced:
            lines.append(
                self.tr("Data sebelumnya (%1 penduduk) diganti.").replace("%1", _number(summary.replaced))
            )
        skipped = record.skipped
        if skipped.total:
            reasons = "; ".join(
                f"{_number(skipped.of(reason))} {label}"
                for reason, label in skip_reason_labels().items()
                if skipped.of(reason)
            )
            lines.append(
                self.tr("Dilewati %1 baris: %2.").replace("%1", _number(skipped.total)).replace("%2", reasons)
            )
        lines.extend(summary.warnings)
        self._say("\n".join(lines))

    def _import_failed(self, path: Path, error: Exception) -> None:
        from lapor_desktop.penduduk.reader import ExportRefused
        from lapor_desktop.penduduk.store import OlderExport, PendudukFault

        self._set_busy(False)
        kept = self.tr("Data penduduk yang sudah ada tidak berubah.")
        if isinstance(error, OlderExport):
            if self._confirm_older(error):
                self.start_import(path, allow_older=True)
            else:
                self._say(self.tr("Impor dibatalkan.") + " " + kept)
            return
        if isinstance(error, ExportRefused | PendudukFault):
            self._say(f"{error.message} {kept}", error=True)
        else:
            self._say(self.tr("Impor gagal karena kesalahan yang tidak terduga.") + " " + kept, error=True)

    def _confirm_older(self, error: Any) -> bool:
        text = (
            self.tr(
                "Berkas ini berisi data per %1, lebih lama daripada data penduduk yang sudah ada (per %2). "
                "Penduduk yang lahir atau pindah datang sesudahnya tidak akan ditawarkan lagi.\n\n"
                "Tetap pakai berkas ini?"
            )
            .replace("%1", format_date(error.file_date))
            .replace("%2", format_date(error.stored_date))
        )
        return self._ask("pendudukOlder", self.tr("Data lebih lama"), text, self.tr("Pakai berkas ini"))

    # -- clear -------------------------------------------------------------------------------------

    def clear(self) -> None:
        text = self.tr(
            "Hapus semua data penduduk (%1 penduduk)? Formulir laporan tidak lagi menawarkan nama dan "
            "alamat pelapor sampai data diimpor lagi. Laporan yang sudah dibuat tidak berubah."
        ).replace("%1", _number(self._residents))
        if not self._ask("pendudukClearConfirm", self.tr("Hapus data penduduk"), text, self.tr("Hapus")):
            return
        self._set_busy(True)
        service = self.services.penduduk()
        self.services.run_write(
            lambda _progress: service.clear(), self._cleared, self._clear_failed, changes=RESIDENTS
        )

    def _cleared(self, outcome: ClearOutcome) -> None:
        self._set_busy(False)
        self._say(self.tr("Data penduduk dihapus (%1 penduduk).").replace("%1", _number(outcome.deleted)))

    def _clear_failed(self, error: Exception) -> None:
        self._set_busy(False)
        message = getattr(error, "message", "") or self.tr("Data penduduk tidak dapat dihapus.")
        self._say(message, error=True)

    # -- bits --------------------------------------------------------------------------------------

    def _ask(self, name: str, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName(name)
        confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is confirm

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.import_button.setEnabled(not busy)
        self.clear_button.setEnabled(not busy and self._has_data)
        self.progress.setVisible(busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {ERROR_COLOUR if error else HINT_COLOUR};")
        self.result_label.show()
