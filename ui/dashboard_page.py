"""*Dasbor*: what a camat reads at a glance: reports by month and by desa, status, category, overdue.

Numbers come from `lapor_desktop.kecamatan.dashboard` and `overdue` (stdlib sqlite3,
milliseconds), read on the UI thread. Charts are drawn with QPainter
(`BarChart`), as QtCharts is not part of PySide6-Essentials. Exports (CSV,
XLSX, the monthly PDF rekap) run on the writer thread.

Constructible as ``DashboardPage(services, parent=None)``; ``refresh()`` reloads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.kecamatan.dashboard import Dashboard, DashboardFilter, load_dashboard
from lapor_desktop.kecamatan.overdue import RULE_LABELS, OverdueReport, overdue_reports
from lapor_desktop.reports.categories import category_names
from ui.changes import NOTHING
from ui.form_fields import scrolling
from ui.labels import dashboard_status_label
from ui.services import Services

BAR_COLOUR = QColor(30, 90, 160)
OVERDUE_ROWS = 10  # shown at once; more scroll inside the table
_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


class BarChart(QWidget):
    """Vertical bars with their value on top and a label below; readable without a legend."""

    def __init__(self, title: str, parent: QWidget | None = None, *, colour: QColor = BAR_COLOUR) -> None:
        super().__init__(parent)
        self.title = title
        self.colour = colour
        self.data: list[tuple[str, int]] = []
        self.bar_rects: list[QRectF] = []  # where the last paint put each bar (tests and tooltips)
        self.setMinimumSize(QSize(320, 220))

    def set_data(self, data: list[tuple[str, int]]) -> None:
        self.data = list(data)
        self.setToolTip("\n".join(f"{label}: {value}" for label, value in self.data))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        painter.fillRect(self.rect(), self.palette().base())
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(8, 4, width - 16, 22), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        self.bar_rects = []
        if not self.data:
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, "Belum ada data")
            painter.end()
            return
        top, bottom, left, right = 44.0, 38.0, 12.0, 12.0
        plot_height = max(10.0, height - top - bottom)
        slot = (width - left - right) / len(self.data)
        peak = max(value for _, value in self.data) or 1
        metrics = painter.fontMetrics()
        for index, (label, value) in enumerate(self.data):
            bar_height = plot_height * value / peak
            x = left + index * slot + slot * 0.15
            rect = QRectF(x, top + plot_height - bar_height, slot * 0.7, bar_height)
            self.bar_rects.append(rect)
            painter.fillRect(rect, self.colour)
            painter.drawText(
                QRectF(x - slot * 0.15, rect.top() - 18, slot, 16), Qt.AlignmentFlag.AlignHCenter, str(value)
            )
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            painter.drawText(
                QRectF(left + index * slot, top + plot_height + 4, slot, 30),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                shown,
            )
        painter.setPen(self.palette().mid().color())
        painter.drawLine(int(left), int(top + plot_height), int(width - right), int(top + plot_height))
        painter.end()


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{_MONTHS_SHORT[int(month) - 1]} {year[2:]}"


class DashboardPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("dashboardPage")
        self.board: Dashboard | None = None
        self.overdue: list[OverdueReport] = []
        self.last_message: tuple[str, bool] | None = None
        self.names: dict[str, str] = {}

        title = QLabel(self.tr("Dasbor"))
        title.setObjectName("pageTitle")
        self.total_label = QLabel()
        self.total_label.setObjectName("dashboardTotal")
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("dashboardOverdue")

        self.month_chart = BarChart(self.tr("Laporan per bulan"))
        self.month_chart.setObjectName("chartByMonth")
        self.desa_chart = BarChart(self.tr("Laporan per desa"))
        self.desa_chart.setObjectName("chartByDesa")
        self.status_table = self._table("dashboardStatus", (self.tr("Status"), self.tr("Jumlah")))
        self.category_table = self._table("dashboardCategory", (self.tr("Kategori"), self.tr("Jumlah")))
        self.overdue_table = self._table(
            "dashboardOverdueTable",
            (self.tr("Nomor"), self.tr("Judul"), self.tr("Keterangan"), self.tr("Terlambat")),
        )

        self.month_edit = QDateEdit(QDate.currentDate())
        self.month_edit.setObjectName("rekapMonth")
        self.month_edit.setDisplayFormat("MM/yyyy")
        rekap_button = QPushButton(self.tr("Rekap PDF bulanan…"))
        rekap_button.setObjectName("rekapPdf")
        rekap_button.clicked.connect(self._ask_rekap)
        csv_button = QPushButton(self.tr("Ekspor CSV…"))
        csv_button.setObjectName("exportCsv")
        csv_button.clicked.connect(lambda: self._ask_export("csv"))
        xlsx_button = QPushButton(self.tr("Ekspor Excel…"))
        xlsx_button.setObjectName("exportXlsx")
        xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))

        tools = QHBoxLayout()
        tools.addWidget(csv_button)
        tools.addWidget(xlsx_button)
        tools.addStretch(1)
        tools.addWidget(QLabel(self.tr("Bulan rekap")))
        tools.addWidget(self.month_edit)
        tools.addWidget(rekap_button)

        grid = QGridLayout()
        grid.addWidget(self.month_chart, 0, 0)
        grid.addWidget(self.desa_chart, 0, 1)
        grid.addWidget(self._boxed(self.tr("Per status"), self.status_table), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(
            self._boxed(self.tr("Per kategori"), self.category_table), 1, 1, Qt.AlignmentFlag.AlignTop
        )
        # The page scrolls as a whole; each table shows all its rows (the overdue list up to a screenful).
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.addLayout(grid)
        column.addWidget(self._boxed(self.tr("Melewati batas waktu layanan"), self.overdue_table))
        column.addStretch(1)
        scroll = scrolling(body)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.total_label)
        layout.addWidget(self.overdue_label)
        layout.addLayout(tools)
        layout.addWidget(scroll, 1)

    @staticmethod
    def _table(name: str, headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    @staticmethod
    def _boxed(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _office_names(self) -> dict[str, str]:
        """Desa names from the trust store (plain sqlite3 read; empty before migration 0003 data)."""
        import sqlite3

        connection = sqlite3.connect(self.services.db_path)
        try:
            names = dict(connection.execute("SELECT region_code, name FROM known_offices").fetchall())
        except sqlite3.Error:
            names = {}
        finally:
            connection.close()
        office = self.services.settings().office
        if office is not None:
            names[office.region_code] = office.name
        return names

    def refresh(self, today: dt.date | None = None) -> None:
        self.names = self._office_names()
        zone = self.services.zone
        self.board = load_dashboard(self.services.db_path, DashboardFilter(), tz=zone.tz)
        office_today = zone.local(dt.datetime.now(dt.UTC)).date()
        self.overdue = overdue_reports(self.services.db_path, today or office_today, tz=zone.tz)
        board = self.board
        self.total_label.setText(self.tr("{0} laporan tercatat.").format(board.total))
        self.overdue_label.setText(
            self.tr("Batas waktu layanan LAPOR! terlewati untuk {0} laporan.").format(len(self.overdue))
            if self.overdue
            else self.tr("Tidak ada laporan yang melewati batas waktu layanan.")
        )
        self.month_chart.set_data([(month_label(k), n) for k, n in board.by_month[-12:]])
        self.desa_chart.set_data([(self.names.get(code, code), n) for code, n in board.by_desa])
        self._fill(self.status_table, [(dashboard_status_label(s), str(n)) for s, n in board.by_status])
        categories = category_names(self.services.data_dir)
        self._fill(self.category_table, [(categories.get(c, c) or "-", str(n)) for c, n in board.by_category])
        self._fill(
            self.overdue_table,
            [(o.local_ref, o.title, RULE_LABELS[o.rule], str(o.late_by)) for o in self.overdue],
            most_rows=OVERDUE_ROWS,
        )

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]], *, most_rows: int | None = None) -> None:
        """Put `rows` in and make the table as tall as they are (up to `most_rows`, then it scrolls)."""
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeRowsToContents()
        shown = len(rows) if most_rows is None else min(len(rows), most_rows)
        height = sum(table.rowHeight(r) for r in range(shown)) or table.verticalHeader().defaultSectionSize()
        frame = 2 * table.frameWidth()
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + height + frame)
        table.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if most_rows is not None and len(rows) > most_rows
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    # -- exports ----------------------------------------------------------------------------------

    def _report(self, text: str, error: bool) -> None:
        self.last_message = (text, error)
        if self.isVisible():
            box = QMessageBox(
                QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
                "LAPOR Desa",
                text,
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.open()

    def export_list(self, kind: str, target: Path) -> None:
        from lapor_desktop.reports.exports import export_csv, export_xlsx
        from ui.document_parts import reference_names

        writer = export_csv if kind == "csv" else export_xlsx
        db_path = self.services.db_path
        names = reference_names(self.services.data_dir)
        self.services.run(
            lambda _app: writer(
                db_path, target, category_path=names.category_path, agency_name=names.agency_name
            ),
            lambda n: self._report(self.tr("{0} laporan diekspor ke {1}.").format(n, target), False),
            lambda error: self._report(str(error), True),
            changes=NOTHING,
        )

    def _ask_export(self, kind: str) -> None:
        pattern = "CSV (*.csv)" if kind == "csv" else "Excel (*.xlsx)"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Ekspor daftar laporan"), f"laporan.{kind}", pattern
        )
        if name:
            self.export_list(kind, Path(name))

    def export_rekap(self, year: int, month: int, target: Path) -> None:
        from ui.rekap_pdf import write_rekap_pdf

        office = self.services.settings().office
        name = office.name if office else "Kantor"
        code = office.region_code if office else ""
        names = self._office_names()
        # QTextDocument and QPdfWriter belong on the GUI thread: this runs here, and takes well under a second.
        try:
            write_rekap_pdf(
                self.services.db_path,
                target,
                year=year,
                month=month,
                office_name=name,
                region_code=code,
                names=names,
            )
        except OSError as error:
            self._report(self.tr("Rekap tidak dapat disimpan: {0}").format(error), True)
            return
        self._report(self.tr("Rekap disimpan di {0}.").format(target), False)

    def _ask_rekap(self) -> None:
        date = self.month_edit.date()
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan rekap bulanan"),
            f"rekap-{date.year()}-{date.month():02d}.pdf",
            "PDF (*.pdf)",
        )
        if name:
            self.export_rekap(date.year(), date.month(), Path(name))
