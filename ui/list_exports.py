"""*Ekspor* on the list pages: the list as filtered now to CSV or Excel, and the desa's monthly recap PDF.

The lists go through the core's streaming exports (`reports.exports`) on the
writer thread; the recap is laid out by Qt on the UI thread (well under a
second for a month). Times and months are the office's (WIB/WITA/WIT). Each
file is suggested under a name of its own in the folder used last, and a
message says where it went.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from lapor_desktop.offices.settings import OfficeKind, Settings
from lapor_desktop.offices.timezone import zone_of_region
from lapor_desktop.reports.queries import ReportFilter
from ui.changes import NOTHING
from ui.document_actions import ask_save_path, confirm_saved, document_folder, remember_folder
from ui.document_parts import reference_names
from ui.services import Services

_PATTERNS = {"csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)"}


def _slug(text: str) -> str:
    """``Desa Way Huwi`` -> ``Desa-Way-Huwi``: safe in a file name on every system."""
    return re.sub(r"[^0-9A-Za-z.]+", "-", text).strip("-") or "kantor"


def ask_month(parent: QWidget | None, title: str) -> tuple[int, int] | None:
    """The month to recap, this month first; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    month = QDateEdit(QDate.currentDate())
    month.setObjectName("recapMonth")
    month.setDisplayFormat("MM/yyyy")
    month.setCalendarPopup(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(QCoreApplication.translate("list_exports", "Bulan"), month)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = month.date()
    return chosen.year(), chosen.month()


class ListExportButton(QPushButton):
    """*Ekspor ▾*: what the list shows now, as a file; and for a desa, the month's recap."""

    def __init__(
        self, services: Services, current_filter: Callable[[], ReportFilter], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listExport")
        self.services = services
        self._current_filter = current_filter
        self.last_message: tuple[str, bool] | None = None
        self.setText(self.tr("Ekspor"))
        self.setToolTip(
            self.tr("Simpan daftar seperti yang tampil sekarang (dengan filternya), atau rekap bulanan.")
        )
        menu = QMenu(self)
        self.csv_action = QAction(self.tr("Daftar ini ke CSV…"), menu)
        self.csv_action.triggered.connect(lambda: self.ask_export("csv"))
        self.xlsx_action = QAction(self.tr("Daftar ini ke Excel…"), menu)
        self.xlsx_action.triggered.connect(lambda: self.ask_export("xlsx"))
        self.recap_action = QAction(self.tr("Rekap bulanan (PDF)…"), menu)
        self.recap_action.triggered.connect(self.ask_recap)
        menu.addAction(self.csv_action)
        menu.addAction(self.xlsx_action)
        menu.addSeparator()
        menu.addAction(self.recap_action)
        menu.aboutToShow.connect(self._update_menu)
        self.setMenu(menu)
        self._update_menu()

    def _settings(self) -> Settings:
        return self.services.settings()

    def _update_menu(self) -> None:
        office = self._settings().office
        # A kecamatan's recap covers all its desa and lives on the Dasbor.
        self.recap_action.setVisible(office is None or office.kind is OfficeKind.DESA)

    def _office_slug(self) -> str:
        office = self._settings().office
        return _slug(office.name) if office is not None else "kantor"

    def _report(self, text: str, error: bool, path: Path | None = None) -> None:
        self.last_message = (text, error)
        if error:
            box = QMessageBox(
                QMessageBox.Icon.Warning, "LAPOR Desa", text, QMessageBox.StandardButton.Ok, self
            )
            box.setObjectName("exportFailed")
            box.open()
        elif path is not None:
            remember_folder(self.services.data_dir, path.parent)
            confirm_saved(self, path, text)

    # -- the list --------------------------------------------------------------------------------------

    def export_list(self, kind: str, target: Path) -> None:
        from lapor_desktop.reports.exports import export_csv, export_xlsx

        writer = export_csv if kind == "csv" else export_xlsx
        office = self._settings().office
        tz = zone_of_region(office.region_code if office else None).tz
        flt = self._current_filter()
        db_path = self.services.db_path
        names = reference_names(self.services.data_dir)

        def done(count: int) -> None:
            text = self.tr("%1 laporan diekspor ke:\n%2").replace("%1", str(count)).replace("%2", str(target))
            self._report(text, False, target)

        def failed(error: Exception) -> None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            text = (
                self.tr("Daftar tidak dapat disimpan di %1: %2")
                .replace("%1", str(target))
                .replace("%2", reason)
            )
            self._report(text, True)

        self.services.run(
            lambda _app: writer(
                db_path, target, flt, tz=tz, category_path=names.category_path, agency_name=names.agency_name
            ),
            done,
            failed,
            changes=NOTHING,
        )

    def ask_export(self, kind: str) -> None:
        name = f"Daftar-laporan-{self._office_slug()}-{dt.date.today():%Y-%m-%d}.{kind}"
        target = ask_save_path(
            self,
            document_folder(self._settings()) / name,
            self.tr("Ekspor daftar laporan"),
            _PATTERNS[kind],
        )
        if target is not None:
            self.export_list(kind, target)

    # -- the month's recap ------------------------------------------------------------------------------

    def export_recap(self, year: int, month: int, target: Path) -> None:
        from ui.rekap_pdf import write_desa_rekap_pdf

        try:
            write_desa_rekap_pdf(
                self.services.db_path,
                target,
                self._settings(),
                reference_names(self.services.data_dir).category_path,
                year=year,
                month=month,
            )
        except OSError as error:
            reason = error.strerror or str(error)
            self._report(
                self.tr("Rekap tidak dapat disimpan di %1: %2")
                .replace("%1", str(target))
                .replace("%2", reason),
                True,
            )
            return
        self._report(self.tr("Rekap bulanan disimpan di:\n%1").replace("%1", str(target)), False, target)

    def ask_recap(self) -> None:
        month = ask_month(self, self.tr("Rekap bulanan"))
        if month is None:
            return
        year, number = month
        name = f"Rekap-{self._office_slug()}-{year}-{number:02d}.pdf"
        target = ask_save_path(
            self, document_folder(self._settings()) / name, self.tr("Simpan rekap bulanan")
        )
        if target is not None:
            self.export_recap(year, number, target)
