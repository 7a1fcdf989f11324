"""The report form: what the secretary fills in while the citizen sits across the desk.

Keyboard first (Tab through the fields, Ctrl+S saves the draft, Ctrl+Enter queues),
problems shown in red under the field as the operator types, and typing never lost:
the draft is saved by itself a few seconds after the last change (and at least every
`autosave_max_ms` while typing goes on), and on close through `save_now()`.

All saving runs on the services' single writer thread. The report being edited is a
`_Handle` shared with the queued jobs: the first autosave creates the report and stores
its id there, so a later job (another autosave, queuing) that was submitted before the
id came back still updates the same report instead of creating a second one.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import (
    EDITABLE_STATES,
    Channel,
    Classification,
    Location,
    Report,
    ReportContent,
    Reporter,
    ReportState,
)
from lapor_desktop.errors import FieldErrors
from lapor_desktop.offices.settings import OfficeKind
from lapor_desktop.reports.validation import (
    BODY_MAX,
    LOCATION_ADDRESS_MAX,
    REPORTER_ADDRESS_MAX,
    REPORTER_NAME_MAX,
    TITLE_MAX,
    check_body,
    check_category_code,
    check_email,
    check_incident_date,
    check_latitude,
    check_location_address,
    check_longitude,
    check_nik,
    check_phone,
    check_region_code,
    check_reporter_address,
    check_reporter_name,
    check_title,
    normalize_content,
    normalize_nik,
    normalize_phone,
    normalize_region_code,
    validate_draft,
    validate_for_queue,
)
from ui.attachments_widget import AttachmentsWidget
from ui.drafts import clear_unfinished, mark_unfinished
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR, Field, FieldGrid, hint_label
from ui.labels import channel_labels, classification_explanations, classification_labels

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from ui.services import Services

log = logging.getLogger(__name__)

_FORM_ORDER = (
    "classification",
    "title",
    "body",
    "category_code",
    "incident_date",
    "channel",
    "location.region_code",
    "location.address",
    "location.latitude",
    "location.longitude",
    "reporter.name",
    "reporter.nik",
    "reporter.phone",
    "reporter.email",
    "reporter.address",
    "anonymous",
    "confidential",
    "attachments",
    "consent",
)


@dataclass
class _Handle:
    """The report the form edits, shared with the jobs queued on the writer thread."""

    id: int | None = None
    marked: bool = False  # the unfinished-draft marker names this report


def _parse_coordinate(text: str) -> tuple[float | None, bool]:
    """``"-5,36"`` -> (-5.36, True); empty -> (None, True); not a number -> (None, False)."""
    text = text.strip().replace(",", ".")
    if not text:
        return None, True
    try:
        return float(text), True
    except ValueError:
        return None, False


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


class ReportFormPage(QWidget):
    saved = Signal(int)  # an explicit "Simpan draf" finished (autosaves only update the status line)
    queued = Signal(int)
    dirty_changed = Signal(bool)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        autosave_idle_ms: int = 3000,
        autosave_max_ms: int = 10_000,
        validation_delay_ms: int = 700,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._handle = _Handle()
        self._report: Report | None = None
        self._editable = True
        self._loading = False
        self._dirty = False
        self._revision = 0
        self._save_in_flight = False
        self._queuing = False  # a queue job is out: no saves after it (they would meet a queued report)
        self._save_again: bool | None = None  # None: no follow-up; else whether it is explicit
        self._autosave_failed_revision: int | None = None
        self._touched: set[str] = set()
        self._pending_checks: set[str] = set()
        self._category_codes: list[str] = []

        self._idle_timer = QTimer(self, singleShot=True, interval=autosave_idle_ms)
        self._idle_timer.timeout.connect(self._autosave)
        self._max_timer = QTimer(self, singleShot=True, interval=autosave_max_ms)
        self._max_timer.timeout.connect(self._autosave)
        self._check_timer = QTimer(self, singleShot=True, interval=validation_delay_ms)
        self._check_timer.timeout.connect(self._run_pending_checks)

        self._build()
        self._load_categories()
        self._connect_changes()
        QShortcut(
            QKeySequence("Ctrl+S"),
            self,
            self.save_draft,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(
                QKeySequence(keys),
                self,
                self.queue_report,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self.new_report()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        header.addWidget(self.heading, 1)
        self.save_status = QLabel()
        self.save_status.setStyleSheet(f"color: {HINT_COLOUR};")
        header.addWidget(self.save_status)
        outer.addLayout(header)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; padding: 8px; color: #3c2f00;"
        )
        self.banner.hide()
        outer.addWidget(self.banner)
        self.unqueue_button = QPushButton(self.tr("Tarik kembali menjadi draf"))
        self.unqueue_button.clicked.connect(self._unqueue)
        self.unqueue_button.hide()
        outer.addWidget(self.unqueue_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_body = QWidget()
        self.scroll.setWidget(self.form_body)
        self.stack.addWidget(self.scroll)
        self.fields: dict[str, Field] = {}
        self._grids: list[FieldGrid] = []
        body_layout = QVBoxLayout(self.form_body)
        body_layout.addWidget(self._build_report_section())
        body_layout.addWidget(self._build_location_section())
        body_layout.addWidget(self._build_reporter_section())
        body_layout.addWidget(self._build_attachments_section())
        body_layout.addWidget(self._build_consent_section())
        body_layout.addStretch(1)
        # One label column across the sections, so the fields line up down the page.
        width = max(grid.label_width() for grid in self._grids)
        for grid in self._grids:
            grid.setColumnMinimumWidth(0, width)

        self.confirmation = self._build_confirmation()
        self.stack.addWidget(self.confirmation)

        self.button_bar = QWidget()
        bar = QHBoxLayout(self.button_bar)
        bar.setContentsMargins(0, 6, 0, 0)
        self.form_message = QLabel()
        self.form_message.setWordWrap(True)
        self.form_message.setStyleSheet(f"color: {ERROR_COLOUR};")
        bar.addWidget(self.form_message, 1)
        self.save_button = QPushButton(self.tr("Simpan draf (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_draft)
        bar.addWidget(self.save_button)
        self.queue_button = QPushButton(self.tr("Antrekan untuk dikirim (Ctrl+Enter)"))
        self.queue_button.setDefault(True)
        self.queue_button.clicked.connect(self.queue_report)
        bar.addWidget(self.queue_button)
        outer.addWidget(self.button_bar)
        self._set_tab_order()

    def _section(self, title: str) -> tuple[QGroupBox, FieldGrid]:
        box = QGroupBox(title)
        grid = FieldGrid(box)
        self._grids.append(grid)
        return box, grid

    def _add(self, grid: FieldGrid, path: str, label: str, editor: QWidget, **options: object) -> Field:
        field = grid.add_field(path, label, editor, **options)  # type: ignore[arg-type]
        self.fields[path] = field
        return field

    def _build_report_section(self) -> QGroupBox:
        box, grid = self._section(self.tr("Laporan"))
        choices = QWidget()
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.classification_group = QButtonGroup(self)
        self.classification_buttons: dict[Classification, QRadioButton] = {}
        explanations = classification_explanations()
        for index, (value, label) in enumerate(classification_labels().items()):
            button = QRadioButton(label)
            self.classification_group.addButton(button, index)
            self.classification_buttons[value] = button
            column.addWidget(button)
            explanation = hint_label(explanations[value])
            explanation.setContentsMargins(24, 0, 0, 4)
            column.addWidget(explanation)
        first = self.classification_buttons[Classification.COMPLAINT]
        self._add(
            grid, "classification", self.tr("Jenis laporan"), choices, focus_widget=first, bordered=False
        )

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_MAX)
        self.title_edit.setPlaceholderText(self.tr("Ringkas, misalnya: Jalan Dusun II berlubang"))
        self._add(grid, "title", self.tr("Judul"), self.title_edit)

        body_box = QWidget()
        body_column = QVBoxLayout(body_box)
        body_column.setContentsMargins(0, 0, 0, 0)
        body_column.setSpacing(2)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setPlaceholderText(
            self.tr("Apa yang terjadi, di mana, sejak kapan, siapa yang terdampak.")
        )
        self.body_edit.setMinimumHeight(140)
        body_column.addWidget(self.body_edit)
        self.body_counter = QLabel()
        self.body_counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        body_column.addWidget(self.body_counter)
        self._add(grid, "body", self.tr("Isi laporan"), body_box, focus_widget=self.body_edit)

        self.category_combo = QComboBox()
        self.category_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_combo.setMinimumContentsLength(24)
        self._add(grid, "category_code", self.tr("Kategori"), self.category_combo)

        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        date_layout.addWidget(self.date_edit)
        self.date_unknown = QCheckBox(self.tr("Tidak tahu"))
        self.date_unknown.toggled.connect(lambda unknown: self.date_edit.setEnabled(not unknown))
        date_layout.addWidget(self.date_unknown)
        date_layout.addStretch(1)
        self._add(
            grid,
            "incident_date",
            self.tr("Tanggal kejadian"),
            date_row,
            focus_widget=self.date_edit,
            hint=self.tr("Boleh dikosongkan (centang “Tidak tahu”); tidak boleh setelah hari ini."),
        )

        self.channel_combo = QComboBox()
        for value, label in channel_labels().items():
            self.channel_combo.addItem(label, value.value)
        self._add(
            grid,
            "channel",
            self.tr("Saluran"),
            self.channel_combo,
            hint=self.tr("Cara warga menyampaikan laporan ini."),
        )
        return box

    def _build_location_section(self) -> QGroupBox:
        box, grid = self._section(self.tr("Lokasi kejadian"))
        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText("18.01.01.2001")
        self._add(
            grid,
            "location.region_code",
            self.tr("Kode wilayah"),
            self.region_edit,
            hint=self.tr("Kode Kemendagri desa/kelurahan tempat kejadian."),
        )
        self.location_address_edit = QLineEdit()
        self.location_address_edit.setMaxLength(LOCATION_ADDRESS_MAX)
        self.location_address_edit.setPlaceholderText(self.tr("Dusun, RT/RW, patokan"))
        self._add(grid, "location.address", self.tr("Alamat lokasi"), self.location_address_edit)
        self.latitude_edit = QLineEdit()
        self.latitude_edit.setPlaceholderText(self.tr("mis. -5,3612 (boleh kosong)"))
        self._add(grid, "location.latitude", self.tr("Lintang"), self.latitude_edit)
        self.longitude_edit = QLineEdit()
        self.longitude_edit.setPlaceholderText(self.tr("mis. 105,3125 (boleh kosong)"))
        self._add(grid, "location.longitude", self.tr("Bujur"), self.longitude_edit)
        return box

    def _build_reporter_section(self) -> QGroupBox:
        box, grid = self._section(self.tr("Pelapor"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(REPORTER_NAME_MAX)
        self._add(grid, "reporter.name", self.tr("Nama"), self.name_edit)
        self.nik_edit = QLineEdit()
        self.nik_edit.setMaxLength(24)  # room for the spaces people type between digit groups
        self.nik_edit.setPlaceholderText(self.tr("16 angka sesuai KTP (boleh kosong)"))
        self._add(grid, "reporter.nik", self.tr("NIK"), self.nik_edit)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(24)
        self.phone_edit.setPlaceholderText(self.tr("mis. 081234567890 (boleh kosong)"))
        self._add(grid, "reporter.phone", self.tr("Telepon"), self.phone_edit)
        self.email_edit = QLineEdit()
        self.email_edit.setMaxLength(254)
        self._add(grid, "reporter.email", self.tr("Email"), self.email_edit)
        self.reporter_address_edit = QLineEdit()
        self.reporter_address_edit.setMaxLength(REPORTER_ADDRESS_MAX)
        self._add(grid, "reporter.address", self.tr("Alamat"), self.reporter_address_edit)
        self.anonymous_check = QCheckBox(self.tr("Anonim"))
        self._add(
            grid,
            "anonymous",
            "",
            self.anonymous_check,
            hint=self.tr("Identitas pelapor disembunyikan dari instansi dan publik."),
        )
        self.confidential_check = QCheckBox(self.tr("Rahasia"))
        self._add(
            grid,
            "confidential",
            "",
            self.confidential_check,
            hint=self.tr("Isi laporan tidak dipublikasikan."),
        )
        return box

    def _build_attachments_section(self) -> QGroupBox:
        box, grid = self._section(self.tr("Lampiran"))
        self.attachments = AttachmentsWidget(self._services)
        field = self._add(
            grid,
            "attachments",
            "",
            self.attachments,
            focus_widget=self.attachments.add_button,
            bordered=False,
        )
        # The widget shows its own messages (refusals, limits): one red line, not two.
        field.error = self.attachments.error
        return box

    def _build_consent_section(self) -> QGroupBox:
        box, grid = self._section(self.tr("Persetujuan"))
        self.consent_check = QCheckBox(self.tr("Pelapor menyetujui pemrosesan data pribadinya"))
        self._add(
            grid,
            "consent",
            "",
            self.consent_check,
            hint=self.tr(
                "Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi: tanyakan kepada pelapor "
                "apakah datanya boleh diproses dan diteruskan ke instansi melalui LAPOR!."
            ),
        )
        return box

    def _build_confirmation(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.confirmation_title = QLabel(self.tr("Laporan sudah diantrekan untuk dikirim"))
        font = self.confirmation_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.confirmation_title.setFont(font)
        self.confirmation_title.setStyleSheet("color: #188038;")
        layout.addWidget(self.confirmation_title)
        self.confirmation_ref = QLabel()
        self.confirmation_ref.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ref_font = self.confirmation_ref.font()
        ref_font.setPointSizeF(ref_font.pointSizeF() * 1.6)
        ref_font.setBold(True)
        self.confirmation_ref.setFont(ref_font)
        self.confirmation_ref.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.confirmation_ref)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Laporan akan dikirim ke LAPOR! secara otomatis saat komputer terhubung ke internet. "
                    "Nomor pelacakan LAPOR! muncul di rincian laporan setelah terkirim. "
                    "Berikan tanda terima kepada pelapor."
                )
            )
        )
        layout.addSpacing(12)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Cetak tanda terima"))
        self.print_button.clicked.connect(self._print_receipt)
        buttons.addWidget(self.print_button)
        self.pdf_button = QPushButton(self.tr("Simpan PDF tanda terima…"))
        self.pdf_button.clicked.connect(self._save_receipt_pdf)
        buttons.addWidget(self.pdf_button)
        self.new_button = QPushButton(self.tr("Laporan baru"))
        self.new_button.clicked.connect(self.new_report)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.classification_buttons.values(),
            self.title_edit,
            self.body_edit,
            self.category_combo,
            self.date_edit,
            self.date_unknown,
            self.channel_combo,
            self.region_edit,
            self.location_address_edit,
            self.latitude_edit,
            self.longitude_edit,
            self.name_edit,
            self.nik_edit,
            self.phone_edit,
            self.email_edit,
            self.reporter_address_edit,
            self.anonymous_check,
            self.confidential_check,
            self.attachments.add_button,
            self.consent_check,
            self.save_button,
            self.queue_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _load_categories(self) -> None:
        try:
            from sync.categories import load_categories

            categories = [(c.code, c.name) for c in load_categories(self._services.data_dir)]
        except Exception:  # the form must open even when the list cannot be read
            log.exception("categories could not be loaded")
            categories = []
        self._category_codes = [code for code, _ in categories]
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("— pilih kategori —"), "")
        for code, name in categories:
            self.category_combo.addItem(name, code)

    # -- change tracking and live checks ------------------------------------------------------------

    def _connect_changes(self) -> None:
        text_fields: list[tuple[str, QLineEdit]] = [
            ("title", self.title_edit),
            ("location.region_code", self.region_edit),
            ("location.address", self.location_address_edit),
            ("location.latitude", self.latitude_edit),
            ("location.longitude", self.longitude_edit),
            ("reporter.name", self.name_edit),
            ("reporter.nik", self.nik_edit),
            ("reporter.phone", self.phone_edit),
            ("reporter.email", self.email_edit),
            ("reporter.address", self.reporter_address_edit),
        ]
        for path, edit in text_fields:
            edit.textChanged.connect(lambda _text, p=path: self._typed(p))
            edit.editingFinished.connect(lambda p=path: self._left(p))
        self.body_edit.textChanged.connect(lambda: self._typed("body"))
        self.body_edit.textChanged.connect(self._update_counter)
        self.classification_group.idToggled.connect(lambda _id, on: on and self._picked("classification"))
        self.category_combo.currentIndexChanged.connect(lambda _i: self._picked("category_code"))
        self.date_edit.dateChanged.connect(lambda _d: self._picked("incident_date"))
        self.date_unknown.toggled.connect(lambda _on: self._picked("incident_date"))
        self.channel_combo.currentIndexChanged.connect(lambda _i: self._picked("channel"))
        self.anonymous_check.toggled.connect(lambda _on: self._picked("anonymous"))
        self.confidential_check.toggled.connect(lambda _on: self._picked("confidential"))
        self.consent_check.toggled.connect(lambda _on: self._picked("consent"))
        self.attachments.changed.connect(lambda: self._picked("attachments"))

    def _typed(self, path: str) -> None:
        """Text changed: check after a pause in typing, or at once when a shown problem may be fixed."""
        if self._loading:
            return
        self._touched.add(path)
        self._content_changed()
        if self.fields[path].message:
            self._check_now(path)
        else:
            self._pending_checks.add(path)
            self._check_timer.start()

    def _left(self, path: str) -> None:
        if not self._loading and path in self._touched:
            self._pending_checks.discard(path)
            self._check_now(path)

    def _picked(self, path: str) -> None:
        """A choice (radio, list, date, check box): judged at once, nothing to wait for."""
        if self._loading:
            return
        self._touched.add(path)
        self._content_changed()
        self._check_now(path)

    def _run_pending_checks(self) -> None:
        for path in sorted(self._pending_checks):
            self._check_now(path)
        self._pending_checks.clear()

    def _check_now(self, path: str) -> None:
        # Attachments judge themselves as they are added (refusals, the limit): not overwritten here.
        if path in self.fields and path != "attachments":
            self.fields[path].show_error(self._field_problem(path))

    def _field_problem(self, path: str) -> str | None:
        """The queuing rule for one field, judged on what is typed now (without cross-field pairing)."""
        today = dt.date.today()
        match path:
            case "title":
                return check_title(self.title_edit.text())
            case "body":
                return check_body(self.body_edit.toPlainText())
            case "category_code":
                codes = self._category_codes or None
                return check_category_code(self.category_combo.currentData() or "", categories=codes)
            case "incident_date":
                return check_incident_date(self._incident_date(), today=today)
            case "location.region_code":
                return check_region_code(normalize_region_code(self.region_edit.text()))
            case "location.address":
                return check_location_address(self.location_address_edit.text().strip() or None)
            case "location.latitude" | "location.longitude":
                edit = self.latitude_edit if path == "location.latitude" else self.longitude_edit
                value, ok = _parse_coordinate(edit.text())
                if not ok:
                    return self._not_a_number(path)
                return check_latitude(value) if path == "location.latitude" else check_longitude(value)
            case "reporter.name":
                return check_reporter_name(self.name_edit.text())
            case "reporter.nik":
                return check_nik(normalize_nik(self.nik_edit.text().strip()) or None, today=today)
            case "reporter.phone":
                return check_phone(normalize_phone(self.phone_edit.text().strip()) or None)
            case "reporter.email":
                return check_email(self.email_edit.text().strip() or None)
            case "reporter.address":
                return check_reporter_address(self.reporter_address_edit.text().strip() or None)
        # Classification and consent: only queuing insists; choosing one clears the message.
        return None

    def _not_a_number(self, path: str) -> str:
        if path == "location.latitude":
            return self.tr("Lintang harus berupa angka, misalnya -5,3612. Kosongkan jika tidak diketahui.")
        return self.tr("Bujur harus berupa angka, misalnya 105,3125. Kosongkan jika tidak diketahui.")

    def _update_counter(self) -> None:
        count = len(self.body_edit.toPlainText().strip())
        self.body_counter.setText(f"{count}/{BODY_MAX}")
        colour = ERROR_COLOUR if count > BODY_MAX else HINT_COLOUR
        self.body_counter.setStyleSheet(f"color: {colour};")

    def _content_changed(self) -> None:
        if not self._editable:
            return
        self._revision += 1
        self._autosave_failed_revision = None
        self._set_dirty(True)
        self._idle_timer.start()
        if not self._max_timer.isActive():
            self._max_timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # -- reading the widgets ---------------------------------------------------------------------

    def _classification(self) -> Classification | None:
        for value, button in self.classification_buttons.items():
            if button.isChecked():
                return value
        return None

    def _incident_date(self) -> dt.date | None:
        if self.date_unknown.isChecked():
            return None
        date = self.date_edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def content(self) -> ReportContent:
        """What the form holds now, as typed (the services normalise it before storing)."""
        latitude, _ = _parse_coordinate(self.latitude_edit.text())
        longitude, _ = _parse_coordinate(self.longitude_edit.text())
        return ReportContent(
            classification=self._classification(),
            title=self.title_edit.text(),
            body=self.body_edit.toPlainText(),
            category_code=self.category_combo.currentData() or "",
            incident_date=self._incident_date(),
            location=Location(
                region_code=self.region_edit.text(),
                address=self.location_address_edit.text() or None,
                latitude=latitude,
                longitude=longitude,
            ),
            reporter=Reporter(
                name=self.name_edit.text(),
                nik=self.nik_edit.text() or None,
                phone=self.phone_edit.text() or None,
                email=self.email_edit.text() or None,
                address=self.reporter_address_edit.text() or None,
            ),
            anonymous=self.anonymous_check.isChecked(),
            confidential=self.confidential_check.isChecked(),
            channel=Channel(self.channel_combo.currentData()),
            consent=self.consent_check.isChecked(),
            attachments=self.attachments.attachments(),
        )

    def queue_problems(self) -> dict[str, str]:
        """Everything that stops this report from being queued: ``{field_path: message}``."""
        problems = validate_for_queue(
            normalize_content(self.content()),
            today=dt.date.today(),
            categories=self._category_codes or None,
        )
        for path, edit in (
            ("location.latitude", self.latitude_edit),
            ("location.longitude", self.longitude_edit),
        ):
            if not _parse_coordinate(edit.text())[1]:
                problems[path] = self._not_a_number(path)
        return problems

    # -- showing problems ------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str], *, focus: bool) -> None:
        """Show each message under its field (others above the buttons); optionally focus the first."""
        for field in self.fields.values():
            field.show_error(None)
        self.attachments.show_error(None)
        leftovers: list[str] = []
        attachment_messages: list[str] = []
        first: Field | None = None
        for path, message in problems.items():
            if path.startswith("attachments"):
                attachment_messages.append(message)
                continue
            field = self.fields.get(path) or self.fields.get(self._known_parent(path) or "")
            if field is None:
                leftovers.append(message)
                continue
            field.show_error(message)
        if attachment_messages:
            self.attachments.show_error("\n".join(attachment_messages))
        for path in _FORM_ORDER:
            if path in problems or (path == "attachments" and attachment_messages):
                first = self.fields[path]
                break
        if first is None:
            for path in problems:
                parent = self._known_parent(path)
                if parent is not None:
                    first = self.fields[parent]
                    break
        self.form_message.setText("\n".join(leftovers))
        if focus and first is not None:
            self.stack.setCurrentWidget(self.scroll)
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(first.editor, 50, 80)

    def _known_parent(self, path: str) -> str | None:
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            candidate = ".".join(parts[:end])
            if candidate in self.fields:
                return candidate
        return None

    # -- public interface ---------------------------------------------------------------------------

    def current_report_id(self) -> int | None:
        return self._handle.id

    def has_unsaved_changes(self) -> bool:
        return self._dirty or self._save_in_flight

    def new_report(self) -> None:
        """An empty form (office's region code filled in); the previous report is saved first."""
        self._leave_current()
        self._handle = _Handle()
        self._report = None
        settings = self._services.settings()
        self._fill(ReportContent(location=Location(region_code=self._default_region(settings))))
        self._set_editable(True, banner=None)
        self.heading.setText(self.tr("Laporan baru"))
        self.save_status.setText("")
        self.stack.setCurrentWidget(self.scroll)
        self.button_bar.show()
        self.classification_buttons[Classification.COMPLAINT].setFocus()
        self.scroll.verticalScrollBar().setValue(0)

    def edit_report(self, report_id: int) -> None:
        """Load a stored report into the form; only drafts and reports needing a fix can be changed."""
        self._leave_current()
        self._handle = _Handle(id=report_id)
        self._set_editable(False, banner=self.tr("Memuat laporan…"))
        handle = self._handle
        self._services.run(
            lambda app: app.reports.get(report_id),
            lambda report: handle is self._handle and self._show_loaded(report),
            lambda error: handle is self._handle and self._set_editable(False, banner=_first_line(error)),
            changes_data=False,
        )

    def save_draft(self) -> None:
        """Ctrl+S: save now, and count it as the operator's own save (no "continue draft?" offer)."""
        if not self._editable or self.stack.currentWidget() is not self.scroll:
            return
        self._idle_timer.stop()
        self._max_timer.stop()
        self._save(explicit=True)

    def save_now(self) -> None:
        """Flush the autosave and wait for it: for the window's closeEvent."""
        if self._editable and self._dirty:
            self._idle_timer.stop()
            self._max_timer.stop()
            self._save(explicit=False)
        for _ in range(3):
            self._services.wait()
            # Deliver the finished job's callback, which may start the follow-up save of newer typing.
            QCoreApplication.processEvents()
            if not self._save_in_flight:
                break

    def queue_report(self) -> None:
        """Ctrl+Enter: check the whole report; problems go next to the fields, else save and queue it."""
        if not self._editable or self.stack.currentWidget() is not self.scroll:
            return
        if self.attachments.is_busy():
            self.form_message.setText(self.tr("Tunggu sampai lampiran selesai diproses, lalu antrekan lagi."))
            return
        problems = self.queue_problems()
        if problems:
            self.show_problems(problems, focus=True)
            count = len(problems)
            self.save_status.setText(self.tr("%n bagian perlu diperbaiki sebelum diantrekan.", "", count))
            return
        self.show_problems({}, focus=False)
        self._idle_timer.stop()
        self._max_timer.stop()
        content = self.content()
        handle = self._handle
        data_dir = self._services.data_dir
        self._save_again = None
        self._queuing = True
        self._set_busy(True)

        def work(app: App) -> Report:
            if handle.id is None:
                report = app.reports.create(content, queue=True)
                handle.id = report.id
            else:
                app.reports.update(handle.id, content)
                report = app.reports.queue(handle.id)
            clear_unfinished(data_dir)
            handle.marked = False
            return report

        self._services.run(
            work, lambda report: self._queued(handle, report), lambda e: self._queue_failed(handle, e)
        )

    # -- saving ------------------------------------------------------------------------------------

    def _autosave(self) -> None:
        self._idle_timer.stop()
        self._max_timer.stop()
        if self._editable and self._dirty and self._autosave_failed_revision != self._revision:
            self._save(explicit=False)

    def _save(self, *, explicit: bool) -> None:
        if self._queuing:
            return  # the queue job carries the latest content already
        if self._save_in_flight:
            # One job at a time keeps saves in order; the newest typing goes in the follow-up.
            self._save_again = bool(self._save_again) or explicit
            return
        content = self.content()
        problems = validate_draft(normalize_content(content))
        if problems:
            self.show_problems(problems, focus=explicit)
            self.save_status.setText(
                self.tr("Draf belum dapat disimpan: perbaiki bagian yang ditandai merah.")
            )
            self._autosave_failed_revision = self._revision
            return
        handle = self._handle
        data_dir = self._services.data_dir
        revision = self._revision
        self._save_in_flight = True

        def work(app: App) -> Report:
            if handle.id is None:
                report = app.reports.create(content)
                handle.id = report.id
            else:
                report = app.reports.update(handle.id, content)
            if explicit:
                clear_unfinished(data_dir, report.id)
                handle.marked = False
            elif not handle.marked:
                mark_unfinished(data_dir, report.id)
                handle.marked = True
            return report

        self._services.run(
            work,
            lambda report: self._saved(handle, report, revision, explicit),
            lambda error: self._save_failed(handle, error, revision),
        )

    def _saved(self, handle: _Handle, report: Report, revision: int, explicit: bool) -> None:
        self._save_in_flight = False
        if handle is not self._handle:
            return
        self._report = report
        self.heading.setText(self.tr("Laporan %1").replace("%1", report.local_ref))
        if revision == self._revision:
            self._set_dirty(False)
        time = dt.datetime.now().strftime("%H.%M")
        if explicit:
            self.save_status.setText(self.tr("Draf disimpan pukul %1").replace("%1", time))
            self.saved.emit(report.id)
        else:
            self.save_status.setText(self.tr("Tersimpan otomatis pukul %1").replace("%1", time))
        again, self._save_again = self._save_again, None
        if again is not None and (again or self._dirty):
            self._save(explicit=again)

    def _save_failed(self, handle: _Handle, error: Exception, revision: int) -> None:
        self._save_in_flight = False
        self._save_again = None
        if handle is not self._handle:
            return
        # Not retried until the next change: a failing save every few seconds helps nobody.
        self._autosave_failed_revision = revision
        if isinstance(error, FieldErrors):
            self.show_problems(error.fields, focus=False)
        self.save_status.setText(self.tr("Draf belum tersimpan."))
        self.form_message.setText(_first_line(error))

    def _queued(self, handle: _Handle, report: Report) -> None:
        self._queuing = False
        self._set_busy(False)
        if handle is not self._handle:
            return
        self._report = report
        self._set_dirty(False)
        self.heading.setText(self.tr("Laporan %1").replace("%1", report.local_ref))
        self.save_status.setText("")
        self.confirmation_ref.setText(self.tr("Nomor laporan: %1").replace("%1", report.local_ref))
        self.stack.setCurrentWidget(self.confirmation)
        self.button_bar.hide()
        self.print_button.setFocus()
        self.queued.emit(report.id)

    def _queue_failed(self, handle: _Handle, error: Exception) -> None:
        self._queuing = False
        self._set_busy(False)
        if handle is not self._handle:
            return
        if isinstance(error, FieldErrors):
            self.show_problems(error.fields, focus=True)
        else:
            self.form_message.setText(_first_line(error))

    def _set_busy(self, busy: bool) -> None:
        # Typing during the queue job would be lost: the job carries the content as it was.
        self.form_body.setEnabled(not busy and self._editable)
        self.queue_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def _leave_current(self) -> None:
        """Save what is typed, and drop the "continue draft?" marker: leaving a report is deliberate."""
        self._idle_timer.stop()
        self._max_timer.stop()
        self._check_timer.stop()
        if self._editable and self._dirty:
            self._save(explicit=False)
        handle = self._handle
        data_dir = self._services.data_dir
        if handle.id is not None or self._save_in_flight:
            self._services.run(
                lambda _app: clear_unfinished(data_dir, handle.id) if handle.id is not None else None,
                changes_data=False,
            )
        self._set_dirty(False)
        self._save_again = None

    # -- loading --------------------------------------------------------------------------------------

    def _default_region(self, settings: object) -> str:
        office = getattr(settings, "office", None)
        if office is None:
            return ""
        return office.region_code if office.kind is OfficeKind.DESA else office.region_code + "."

    def _fill(self, content: ReportContent) -> None:
        self._loading = True
        try:
            self.classification_group.setExclusive(False)
            for value, button in self.classification_buttons.items():
                button.setChecked(value == content.classification)
            self.classification_group.setExclusive(True)
            self.title_edit.setText(content.title)
            self.body_edit.setPlainText(content.body)
            index = self.category_combo.findData(content.category_code)
            if index < 0 and content.category_code:
                self.category_combo.addItem(
                    self.tr("%1 (tidak ada di daftar)").replace("%1", content.category_code),
                    content.category_code,
                )
                index = self.category_combo.count() - 1
            self.category_combo.setCurrentIndex(max(index, 0))
            today = QDate.currentDate()
            date = content.incident_date
            limit = QDate(date.year, date.month, date.day) if date is not None else today
            self.date_edit.setMaximumDate(max(today, limit))
            self.date_edit.setDate(limit)
            self.date_unknown.setChecked(date is None)
            self.date_edit.setEnabled(date is not None)
            self.channel_combo.setCurrentIndex(max(self.channel_combo.findData(content.channel.value), 0))
            self.region_edit.setText(content.location.region_code)
            self.location_address_edit.setText(content.location.address or "")
            self.latitude_edit.setText(self._coordinate_text(content.location.latitude))
            self.longitude_edit.setText(self._coordinate_text(content.location.longitude))
            self.name_edit.setText(content.reporter.name)
            self.nik_edit.setText(content.reporter.nik or "")
            self.phone_edit.setText(content.reporter.phone or "")
            self.email_edit.setText(content.reporter.email or "")
            self.reporter_address_edit.setText(content.reporter.address or "")
            self.anonymous_check.setChecked(content.anonymous)
            self.confidential_check.setChecked(content.confidential)
            self.consent_check.setChecked(content.consent)
            self.attachments.set_attachments(content.attachments)
        finally:
            self._loading = False
        self._touched.clear()
        self._pending_checks.clear()
        self._revision += 1
        self._autosave_failed_revision = None
        self._update_counter()
        self.show_problems({}, focus=False)

    @staticmethod
    def _coordinate_text(value: float | None) -> str:
        return "" if value is None else f"{value:g}".replace(".", ",")

    def _show_loaded(self, report: Report) -> None:
        self._report = report
        self._fill(report.content)
        self.heading.setText(self.tr("Laporan %1").replace("%1", report.local_ref))
        self.save_status.setText("")
        self.stack.setCurrentWidget(self.scroll)
        self.button_bar.show()
        state = report.state
        if state is ReportState.NEEDS_FIX:
            summary = report.fix_summary or ""
            self._set_editable(
                True,
                banner=self.tr(
                    "LAPOR! meminta laporan ini diperbaiki. %1 Perbaiki bagian yang ditandai merah, "
                    "lalu antrekan lagi (Ctrl+Enter)."
                ).replace("%1", summary),
            )
            self.show_problems(report.fix_messages, focus=True)
        elif state in EDITABLE_STATES:
            self._set_editable(True, banner=None)
            self.title_edit.setFocus()
        elif state is ReportState.QUEUED:
            self._set_editable(
                False,
                banner=self.tr(
                    "Laporan ini sudah menunggu dikirim. Untuk mengubahnya, tarik kembali menjadi draf dulu."
                ),
            )
            self.unqueue_button.show()
        else:
            self._set_editable(
                False, banner=self.tr("Laporan ini sudah terkirim ke LAPOR! dan tidak dapat diubah lagi.")
            )

    def _set_editable(self, editable: bool, *, banner: str | None) -> None:
        self._editable = editable
        self.form_body.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.queue_button.setEnabled(editable)
        self.banner.setText(banner or "")
        self.banner.setVisible(bool(banner))
        self.unqueue_button.hide()

    def _unqueue(self) -> None:
        handle = self._handle
        if handle.id is None:
            return
        report_id = handle.id
        self._services.run(
            lambda app: app.reports.unqueue(report_id),
            lambda report: handle is self._handle and self._show_loaded(report),
            lambda error: QMessageBox.warning(self, self.tr("Tidak dapat diubah"), _first_line(error)),
        )

    # -- receipts -------------------------------------------------------------------------------------

    def _print_receipt(self) -> None:
        if self._report is not None:
            from ui.receipt import print_receipt

            print_receipt(self._report, self._services.settings(), self)

    def _save_receipt_pdf(self) -> None:
        if self._report is not None:
            from ui.receipt import save_receipt_pdf_dialog

            save_receipt_pdf_dialog(self._report, self._services.settings(), self)
