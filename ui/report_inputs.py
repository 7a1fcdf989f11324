"""The report form's fields: one table, from which everything else about them follows.

Each row of the table names a field path of `ReportContent`, its caption, the
editor behind it, a hint, and the queuing rule that judges it as the operator
types. The order of the page, the tab order, filling the form from a report,
reading it back, the live checks and where a message goes all come from that
table; nothing else lists the paths.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import reduce
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import Channel, ReportContent
from lapor_desktop.reports import validation as rules
from lapor_desktop.reports.agencies import Agency, load_agencies, suggest_agency
from lapor_desktop.reports.categories import Category, load_categories
from ui.agency_picker import AgencyEditor
from ui.attachments_widget import AttachmentsWidget
from ui.category_picker import CategoryEditor
from ui.field_editors import (
    AttachmentsEditor,
    CheckEditor,
    ComboEditor,
    CoordinateEditor,
    DateEditor,
    FieldSpec,
    LongTextEditor,
    RadioEditor,
    TextEditor,
)
from ui.form_fields import Field, FieldGrid
from ui.labels import channel_labels, classification_explanations, classification_labels
from ui.live_checks import LiveChecks
from ui.resident_suggestions import ResidentFill
from ui.services import Services


def _stripped(value: str | None) -> str | None:
    return (value or "").strip() or None


def value_at(content: ReportContent, path: str) -> Any:
    return reduce(getattr, path.split("."), content)


def with_value(record: Any, path: str, value: Any) -> Any:
    """`record` with the field at dotted `path` replaced (frozen dataclasses all the way down)."""
    head, _, rest = path.partition(".")
    inner = with_value(getattr(record, head), rest, value) if rest else value
    return replace(record, **{head: inner})


PINNED_PATHS = frozenset({"consent"})  # laid out under the scrolling page (`ReportInputs.pinned`)


class ReportInputs(QWidget):
    """The sections of the form; `edited` fires when the operator (not a fill) changes anything."""

    edited = Signal()

    def __init__(self, services: Services, *, validation_delay_ms: int = 700) -> None:
        super().__init__()
        self._loading = False
        self.attachments = AttachmentsWidget(services)
        self._build_editors()
        self.residents = ResidentFill(
            services, self.nik_edit, self.name_edit, self.reporter_address_edit, self
        )
        sections = self._sections()
        self.specs = [spec for _title, specs in sections for spec in specs]
        self.fields: dict[str, Field] = {}
        self._lay_out(sections)
        self._category_codes: list[str] = []
        self._agencies: tuple[Agency, ...] = ()
        self.set_categories(load_categories(services.data_dir))
        self.set_agencies(load_agencies(services.data_dir))
        self.category.leaf_combo.currentIndexChanged.connect(self._suggest_agency)
        self.checks = LiveChecks(self.fields, validation_delay_ms, self)
        for spec in self.specs:
            spec.editor.connect(lambda spec=spec: self._changed(spec), lambda spec=spec: self._left(spec))

    # -- the table -----------------------------------------------------------------------------

    def _build_editors(self) -> None:
        self.classification = RadioEditor(classification_labels(), classification_explanations())
        self.classification_buttons = self.classification.buttons
        self.title_edit = self._line(rules.TITLE_MAX, self.tr("Ringkas, misalnya: Jalan Dusun II berlubang"))
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setPlaceholderText(
            self.tr("Apa yang terjadi, di mana, sejak kapan, siapa yang terdampak.")
        )
        self.body_edit.setMinimumHeight(140)
        self.body = LongTextEditor(self.body_edit, rules.BODY_MAX)
        self.body_counter = self.body.counter
        self.category = CategoryEditor(
            self.tr("— pilih kelompok —"), self.tr("— pilih kategori —"), self.tr("%1 (tidak ada di daftar)")
        )
        self.category_group_combo = self.category.group_combo
        self.category_combo = self.category.leaf_combo
        self.agency = AgencyEditor(
            self.tr("— tidak dipilih (LAPOR! yang menentukan) —"),
            self.tr("%1 (tidak ada di daftar)"),
            self.tr("Pilih instansi dari daftar, atau kosongkan isiannya."),
            self.tr("Disarankan dari kategori; boleh diganti atau dikosongkan."),
        )
        self.agency_combo = self.agency.combo
        self.date = DateEditor(
            self.tr("Tidak tahu"),
            self.tr("“%1” bukan tanggal yang ada. Tulis hari-bulan-tahun, misalnya 20-11-2026."),
            self.tr("Tulis tanggal kejadian, misalnya 20-11-2026, atau centang “Tidak tahu”."),
            self.tr("Pilih tanggal dari kalender"),
        )
        self.date_edit, self.date_unknown = self.date.date_edit, self.date.unknown
        self.channel_combo = QComboBox()
        self.channel = ComboEditor(self.channel_combo, Channel)
        self.channel.set_items([(label, value) for value, label in channel_labels().items()])
        self.region_edit = self._line(None, "18.01.01.2001")
        self.location_address_edit = self._line(rules.LOCATION_ADDRESS_MAX, self.tr("Dusun, RT/RW, patokan"))
        self.latitude_edit = self._line(None, self.tr("mis. -5,3612 (boleh kosong)"))
        self.longitude_edit = self._line(None, self.tr("mis. 105,3125 (boleh kosong)"))
        self.name_edit = self._line(rules.REPORTER_NAME_MAX, "")
        # Room for the spaces people type between digit groups.
        self.nik_edit = self._line(24, self.tr("16 angka sesuai KTP (boleh kosong)"))
        self.phone_edit = self._line(24, self.tr("mis. 081234567890 (boleh kosong)"))
        self.email_edit = self._line(254, "")
        self.reporter_address_edit = self._line(rules.REPORTER_ADDRESS_MAX, "")
        self.anonymous_check = QCheckBox(self.tr("Anonim"))
        self.confidential_check = QCheckBox(self.tr("Rahasia"))
        self.consent_check = QCheckBox(self.tr("Pelapor menyetujui pemrosesan data pribadinya"))

    @staticmethod
    def _line(max_length: int | None, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        if max_length is not None:
            edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        return edit

    def _sections(self) -> list[tuple[str, list[FieldSpec]]]:
        today = dt.date.today
        return [
            (
                self.tr("Laporan"),
                [
                    FieldSpec("classification", self.tr("Jenis laporan"), self.classification),
                    FieldSpec(
                        "title", self.tr("Judul"), TextEditor(self.title_edit), check=rules.check_title
                    ),
                    FieldSpec("body", self.tr("Isi laporan"), self.body, check=rules.check_body),
                    FieldSpec(
                        "category_code",
                        self.tr("Kategori"),
                        self.category,
                        check=lambda code: rules.check_category_code(
                            code, categories=self._category_codes or None
                        ),
                    ),
                    FieldSpec(
                        "agency_code",
                        self.tr("Instansi tujuan"),
                        self.agency,
                        self.tr(
                            "Boleh kosong. Ketik sebagian nama untuk mencari. LAPOR! yang memutuskan instansi "
                            "yang menangani."
                        ),
                    ),
                    FieldSpec(
                        "incident_date",
                        self.tr("Tanggal kejadian"),
                        self.date,
                        self.tr(
                            "Hari-bulan-tahun, misalnya 20-11-2026; tidak boleh setelah hari ini. Centang "
                            "“Tidak tahu” bila tanggalnya tidak diketahui."
                        ),
                        lambda date: rules.check_incident_date(date, today=today()),
                    ),
                    FieldSpec(
                        "channel",
                        self.tr("Saluran"),
                        self.channel,
                        self.tr("Cara warga menyampaikan laporan ini."),
                    ),
                ],
            ),
            (
                self.tr("Lokasi kejadian"),
                [
                    FieldSpec(
                        "location.region_code",
                        self.tr("Kode wilayah"),
                        TextEditor(self.region_edit),
                        self.tr("Kode Kemendagri desa/kelurahan tempat kejadian."),
                        lambda code: rules.check_region_code(rules.normalize_region_code(code)),
                    ),
                    FieldSpec(
                        "location.address",
                        self.tr("Alamat lokasi"),
                        TextEditor(self.location_address_edit, optional=True),
                        check=lambda text: rules.check_location_address(_stripped(text)),
                    ),
                    FieldSpec(
                        "location.latitude",
                        self.tr("Lintang"),
                        CoordinateEditor(
                            self.latitude_edit,
                            self.tr(
                                "Lintang harus berupa angka, misalnya -5,3612. Kosongkan jika tidak diketahui."
                            ),
                        ),
                        check=rules.check_latitude,
                    ),
                    FieldSpec(
                        "location.longitude",
                        self.tr("Bujur"),
                        CoordinateEditor(
                            self.longitude_edit,
                            self.tr(
                                "Bujur harus berupa angka, misalnya 105,3125. Kosongkan jika tidak diketahui."
                            ),
                        ),
                        check=rules.check_longitude,
                    ),
                ],
            ),
            (
                self.tr("Pelapor"),
                [
                    FieldSpec(
                        "reporter.name",
                        self.tr("Nama"),
                        TextEditor(self.name_edit),
                        check=rules.check_reporter_name,
                    ),
                    FieldSpec(
                        "reporter.nik",
                        self.tr("NIK"),
                        TextEditor(self.nik_edit, optional=True, shown_in=self.residents.nik_box),
                        check=lambda nik: rules.check_nik(
                            rules.normalize_nik(_stripped(nik) or "") or None, today=today()
                        ),
                    ),
                    FieldSpec(
                        "reporter.phone",
                        self.tr("Telepon"),
                        TextEditor(self.phone_edit, optional=True),
                        check=lambda phone: rules.check_phone(
                            rules.normalize_phone(_stripped(phone) or "") or None
                        ),
                    ),
                    FieldSpec(
                        "reporter.email",
                        self.tr("Email"),
                        TextEditor(self.email_edit, optional=True),
                        check=lambda email: rules.check_email(_stripped(email)),
                    ),
                    FieldSpec(
                        "reporter.address",
                        self.tr("Alamat"),
                        TextEditor(self.reporter_address_edit, optional=True),
                        check=lambda text: rules.check_reporter_address(_stripped(text)),
                    ),
                    FieldSpec(
                        "anonymous",
                        "",
                        CheckEditor(self.anonymous_check),
                        self.tr("Identitas pelapor disembunyikan dari instansi dan publik."),
                    ),
                    FieldSpec(
                        "confidential",
                        "",
                        CheckEditor(self.confidential_check),
                        self.tr("Isi laporan tidak dipublikasikan."),
                    ),
                ],
            ),
            (self.tr("Lampiran"), [FieldSpec("attachments", "", AttachmentsEditor(self.attachments))]),
            (
                self.tr("Persetujuan"),
                [
                    FieldSpec(
                        "consent",
                        "",
                        CheckEditor(self.consent_check),
                        self.tr(
                            "Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi: tanyakan kepada "
                            "pelapor apakah datanya boleh diproses dan diteruskan melalui LAPOR! ke instansi yang berwenang."
                        ),
                    )
                ],
            ),
        ]

    def _lay_out(self, sections: list[tuple[str, list[FieldSpec]]]) -> None:
        column = QVBoxLayout(self)
        grids: list[FieldGrid] = []
        # The citizen's consent is asked last, right before queuing: it sits under the page, beside
        # the buttons, so that it and what to read out stay in view however the page is scrolled.
        self.pinned = QFrame()
        self.pinned.setObjectName("consentBar")
        self.pinned.setFrameShape(QFrame.Shape.StyledPanel)
        for title, specs in sections:
            pinned = all(spec.path in PINNED_PATHS for spec in specs)
            box = self.pinned if pinned else QGroupBox(title)
            grid = FieldGrid(box)
            if not pinned:  # the bar under the page has no captions: its check box starts at its edge
                grids.append(grid)
            for spec in specs:
                editor = spec.editor
                field = grid.add_field(
                    spec.path,
                    spec.label,
                    editor.widget,
                    hint=spec.hint or None,
                    focus_widget=editor.focus,
                    bordered=editor.bordered,
                )
                if isinstance(editor, AttachmentsEditor):
                    field.error = editor.error  # one red line, the widget's own
                self.fields[spec.path] = field
            if not pinned:
                column.addWidget(box)
        column.addStretch(1)
        # One label column across the sections, so the fields line up down the page.
        width = max(grid.label_width() for grid in grids)
        for grid in grids:
            grid.setColumnMinimumWidth(0, width)

    def tab_chain(self) -> list[QWidget]:
        return [widget for spec in self.specs for widget in spec.editor.tab_chain()]

    def set_categories(self, categories: list[Category]) -> None:
        """The list to choose from (a refreshed one too): the category chosen stays chosen."""
        loading, self._loading = self._loading, True
        try:
            self.category.set_categories(categories)
            self._category_codes = self.category.leaf_codes()
        finally:
            self._loading = loading

    def set_agencies(self, agencies: tuple[Agency, ...]) -> None:
        """The agencies to choose from (a refreshed list too): the agency chosen stays chosen."""
        self._agencies = tuple(agencies)
        loading, self._loading = self._loading, True
        try:
            self.agency.set_agencies(agencies)
        finally:
            self._loading = loading

    def suggested_agency(self) -> Agency | None:
        """The agency the chosen category points to, for the place of the incident (else the office's)."""
        region = rules.normalize_region_code(self.region_edit.text()) or None
        return suggest_agency(self.category.value(), self._agencies, region)

    def _suggest_agency(self) -> None:
        if not self._loading:
            suggested = self.suggested_agency()
            self.agency.suggest(suggested.code if suggested is not None else None)

    # -- reading and filling -------------------------------------------------------------------

    def content(self) -> ReportContent:
        """What the fields hold now, as typed (the services normalise it before storing)."""
        return reduce(
            lambda content, spec: with_value(content, spec.path, spec.editor.value()),
            self.specs,
            ReportContent(),
        )

    def fill(self, content: ReportContent) -> None:
        """Show `content`; nothing counts as typed by the operator."""
        self._loading = True
        try:
            for spec in self.specs:
                spec.editor.set_value(value_at(content, spec.path))
            suggested = self.suggested_agency()
            self.agency.adopt(suggested.code if suggested is not None else None)
        finally:
            self._loading = False
        self.residents.reset()
        self.checks.clear()
        self.show_problems({})

    def queue_problems(self, today: dt.date) -> dict[str, str]:
        """Everything that stops this content from being queued: ``{field_path: message}``."""
        problems = rules.validate_for_queue(
            rules.normalize_content(self.content()), today=today, categories=self._category_codes or None
        )
        for spec in self.specs:
            unreadable = spec.editor.input_problem()
            if unreadable:
                problems[spec.path] = unreadable
        return problems

    # -- messages ----------------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> tuple[Field | None, list[str]]:
        """Each message under its field: the first field (page order) and the messages no field takes."""
        for field in self.fields.values():
            field.show_error(None)
        placed: dict[str, list[str]] = {}
        leftovers: list[str] = []
        for path, message in problems.items():
            owner = self._owner(path)
            if owner is None:
                leftovers.append(message)
            else:
                placed.setdefault(owner, []).append(message)
        for path, messages in placed.items():
            self.fields[path].show_error("\n".join(messages))
        first = next((self.fields[s.path] for s in self.specs if s.path in placed), None)
        return first, leftovers

    def _owner(self, path: str) -> str | None:
        """The field that shows a message for `path`: itself, or its closest known parent."""
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            candidate = ".".join(parts[:end])
            if candidate in self.fields:
                return candidate
        return None

    def _changed(self, spec: FieldSpec) -> None:
        if not self._loading:
            self.edited.emit()
            self.checks.changed(spec)

    def _left(self, spec: FieldSpec) -> None:
        if not self._loading:
            self.checks.left(spec)
