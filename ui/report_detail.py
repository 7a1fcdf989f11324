"""One report in full: its fields, what happened to it, and the paper for the citizen.

For a report LAPOR! sent back (`needs_fix`), the server's reasons are shown under
the fields they concern and "Perbaiki" opens it in the form. At a kecamatan, a
desa's report that is not approved only shows, with where its review stands:
it is decided in the review queue, never edited here. The page reloads
itself when data changes (a sync brought a new status or answer).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain import (
    TERMINAL_STATUSES,
    AttachmentRef,
    AuditEntry,
    Report,
    ReportState,
    ReviewState,
)
from lapor_desktop.offices.settings import Paper
from lapor_desktop.reports.agencies import agency_name, load_agencies
from lapor_desktop.reports.categories import category_tree
from ui.attachments_widget import AttachmentTile, format_size, request_thumbnail
from ui.changes import NOTHING, Changes
from ui.citizen_message_dialog import NotifyButton
from ui.document_actions import PaperKind, ReportPaper, print_conversation
from ui.form_fields import ERROR_COLOUR, HINT_COLOUR, ErrorLabel
from ui.labels import channel_label, classification_label, field_label, list_state_label, remote_status_label
from ui.office_time import format_when
from ui.paper_button import PaperButton
from ui.receipt import format_date, mask_nik
from ui.report_actions import unqueue
from ui.timeline import TimelineWidget, timeline_entries

if TYPE_CHECKING:
    from lapor_desktop.app import App
    from ui.reply_dialog import ReplyDialog
    from ui.services import Services

_STATE_COLOURS = {
    ReportState.DRAFT: "#5f6368",
    ReportState.QUEUED: "#1a73e8",
    ReportState.SENT: "#188038",
    ReportState.NEEDS_FIX: ERROR_COLOUR,
}


class _ValueGrid(QGridLayout):
    """Label / value rows; each value may carry a red message (the server's reason to fix it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setColumnStretch(1, 1)
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(3)
        self._row = 0
        self.values: dict[str, QLabel] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: list[QLabel] = []

    def add_full(self, widget: QWidget) -> None:
        self.addWidget(widget, self._row, 0, 1, 3)
        self._row += 1

    def add(self, path: str, label: str, extra: QWidget | None = None) -> QLabel:
        name = QLabel(label)
        name.setStyleSheet(f"color: {HINT_COLOUR};")
        self.addWidget(name, self._row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        value = QLabel()
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addWidget(value, self._row, 1, Qt.AlignmentFlag.AlignTop)
        if extra is not None:
            self.addWidget(extra, self._row, 2, Qt.AlignmentFlag.AlignTop)
        error = ErrorLabel()
        self.addWidget(error, self._row + 1, 1)
        self._row += 2
        self.values[path] = value
        self.errors[path] = error
        self.labels.append(name)
        return value


class ReportDetailPage(QWidget):
    edit_requested = Signal(int)
    back_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._report_id: int | None = None
        self._report: Report | None = None
        self._audit: list[AuditEntry] = []
        self._nik_revealed = False
        self._review_state: ReviewState | None = None
        self._build()
        services.changed.connect(self._reload_if_shown)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Kembali"))
        self.back_button.setShortcut(Qt.Key.Key_Escape)
        self.back_button.clicked.connect(self.back_requested.emit)
        top.addWidget(self.back_button)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.heading, 1)
        self.state_chip = QLabel()
        top.addWidget(self.state_chip)
        outer.addLayout(top)

        self.fix_banner = QFrame()
        self.fix_banner.setStyleSheet(
            "QFrame { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; }"
            " QLabel { border: none; background: transparent; }"
        )
        banner_layout = QHBoxLayout(self.fix_banner)
        self.fix_text = QLabel()
        self.fix_text.setWordWrap(True)
        banner_layout.addWidget(self.fix_text, 1)
        self.fix_button = QPushButton(self.tr("Perbaiki"))
        self.fix_button.clicked.connect(self._request_edit)
        banner_layout.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)
        self.fix_banner.hide()
        outer.addWidget(self.fix_banner)

        self.hold_banner = QFrame()
        self.hold_banner.setObjectName("holdBanner")
        self.hold_banner.setStyleSheet(
            "QFrame#holdBanner { background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; }"
            " QLabel { border: none; background: transparent; color: #3c2f00; }"
        )
        hold_layout = QHBoxLayout(self.hold_banner)
        self.hold_text = QLabel()
        self.hold_text.setWordWrap(True)
        self.hold_text.setTextFormat(Qt.TextFormat.PlainText)
        self.hold_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hold_layout.addWidget(self.hold_text, 1)
        self.hold_reply_button = QPushButton(self.tr("Catat tanggapan pelapor"))
        self.hold_reply_button.clicked.connect(self.record_reply)
        hold_layout.addWidget(self.hold_reply_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hold_banner.hide()
        outer.addWidget(self.hold_banner)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)
        self.review_note = QLabel()
        self.review_note.setObjectName("reviewNote")
        self.review_note.setWordWrap(True)
        self.review_note.setStyleSheet("color: #3c2f00; background: #fff4e5; padding: 6px;")
        self.review_note.hide()
        outer.addWidget(self.review_note)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        columns.addLayout(right, 2)
        outer.addWidget(scroll, 1)

        self.grids: list[_ValueGrid] = []
        report_box, grid = self._box(self.tr("Laporan"))
        for path in ("classification", "title", "body", "category_code", "incident_date", "channel"):
            grid.add(path, field_label(path))
        grid.add("recorded", self.tr("Dicatat"))
        grid.add("tracking_id", self.tr("Nomor pelacakan LAPOR!"))
        grid.add("remote_status", self.tr("Status LAPOR!"))
        grid.add("agency_code", field_label("agency_code"))
        grid.add("agency", self.tr("Ditangani oleh"))
        grid.add("due_at", self.tr("Tenggat tahap ini"))
        left.addWidget(report_box)
        location_box, grid = self._box(self.tr("Lokasi kejadian"))
        for path in ("location.region_code", "location.address", "location.coordinates"):
            grid.add(path, field_label(path) if path != "location.coordinates" else self.tr("Koordinat"))
        left.addWidget(location_box)
        reporter_box, grid = self._box(self.tr("Pelapor"))
        self.reporter_note = QLabel()
        self.reporter_note.setWordWrap(True)
        self.reporter_note.setStyleSheet("color: #3c2f00; background: #fff4e5; padding: 4px;")
        grid.add_full(self.reporter_note)
        self.reveal_nik = QPushButton(self.tr("Tampilkan NIK lengkap"))
        self.reveal_nik.clicked.connect(self._toggle_nik)
        for path in ("reporter.name", "reporter.nik", "reporter.phone", "reporter.email", "reporter.address"):
            grid.add(path, field_label(path), self.reveal_nik if path == "reporter.nik" else None)
        grid.add("privacy", self.tr("Privasi"))
        grid.add("consent", field_label("consent"))
        left.addWidget(reporter_box)
        attachments_box, grid = self._box(self.tr("Lampiran"))
        grid.add("attachments", self.tr("Berkas"))
        tiles = QWidget()
        self._tiles_row = QHBoxLayout(tiles)
        self._tiles_row.setContentsMargins(0, 4, 0, 0)
        self._tiles_row.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.attachment_tiles: list[AttachmentTile] = []
        grid.add_full(tiles)
        left.addWidget(attachments_box)
        left.addStretch(1)
        width = max(max((label.sizeHint().width() for label in g.labels), default=0) for g in self.grids)
        for g in self.grids:
            g.setColumnMinimumWidth(0, width)

        history = QGroupBox(self.tr("Riwayat dan percakapan"))
        history_layout = QVBoxLayout(history)
        conversation = QHBoxLayout()
        self.reply_button = QPushButton(self.tr("Catat tanggapan pelapor"))
        self.reply_button.setToolTip(
            self.tr("Catat jawaban atau keterangan warga untuk LAPOR!; terkirim pada sinkron berikutnya.")
        )
        self.reply_button.clicked.connect(self.record_reply)
        conversation.addWidget(self.reply_button)
        self.print_conversation_button = QPushButton(self.tr("Cetak tanggapan"))
        self.print_conversation_button.setToolTip(
            self.tr("Cetak atau simpan PDF percakapan dengan LAPOR! untuk diserahkan kepada pelapor.")
        )
        self.print_conversation_button.clicked.connect(self._print_conversation)
        conversation.addWidget(self.print_conversation_button)
        conversation.addStretch(1)
        history_layout.addLayout(conversation)
        self.timeline = TimelineWidget()
        history_layout.addWidget(self.timeline)
        right.addWidget(history)
        right.addStretch(1)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Ubah draf"))
        self.edit_button.clicked.connect(self._request_edit)
        buttons.addWidget(self.edit_button)
        self.unqueue_button = QPushButton(self.tr("Tarik kembali menjadi draf"))
        self.unqueue_button.setToolTip(
            self.tr("Keluarkan laporan ini dari antrean kirim agar isinya dapat diubah.")
        )
        self.unqueue_button.clicked.connect(self._unqueue)
        buttons.addWidget(self.unqueue_button)
        buttons.addStretch(1)
        usual = self._usual_paper
        self.print_receipt_button = PaperButton(self.tr("Cetak tanda terima"), usual)
        self.print_receipt_button.paper_chosen.connect(self._print_receipt)
        buttons.addWidget(self.print_receipt_button)
        self.pdf_receipt_button = PaperButton(self.tr("Simpan PDF tanda terima…"), usual)
        self.pdf_receipt_button.paper_chosen.connect(self._save_receipt)
        buttons.addWidget(self.pdf_receipt_button)
        self.print_responses_button = PaperButton(self.tr("Cetak jawaban instansi"), usual)
        self.print_responses_button.paper_chosen.connect(self._print_responses)
        buttons.addWidget(self.print_responses_button)
        self.pdf_responses_button = PaperButton(self.tr("Simpan PDF jawaban instansi…"), usual)
        self.pdf_responses_button.paper_chosen.connect(self._save_responses)
        buttons.addWidget(self.pdf_responses_button)
        self.notify_button = NotifyButton(self._services, self)
        buttons.addWidget(self.notify_button)
        outer.addLayout(buttons)
        self._set_actions_enabled(False)

    def _box(self, title: str) -> tuple[QGroupBox, _ValueGrid]:
        box = QGroupBox(title)
        grid = _ValueGrid(box)
        self.grids.append(grid)
        return box, grid

    def _value(self, path: str) -> QLabel:
        for grid in self.grids:
            if path in grid.values:
                return grid.values[path]
        raise KeyError(path)

    def _error(self, path: str) -> ErrorLabel | None:
        for grid in self.grids:
            if path in grid.errors:
                return grid.errors[path]
        return None

    # -- public ------------------------------------------------------------------------------------

    def report(self) -> Report | None:
        return self._report

    def show_report(self, report_id: int) -> None:
        if report_id != self._report_id:
            self._report = None
            self._nik_revealed = False
            self._set_actions_enabled(False)
            self.heading.setText(self.tr("Memuat laporan…"))
        self._report_id = report_id
        self._load(report_id)

    # -- loading -----------------------------------------------------------------------------------

    def _load(self, report_id: int) -> None:
        def work(app: App) -> tuple[Report, list[AuditEntry], ReviewState | None]:
            from lapor_desktop.kecamatan.review import ReviewService

            review_state = ReviewService(app).review_state(report_id)
            return app.reports.get(report_id), app.reports.audit_trail(report_id), review_state

        self._services.run(
            work,
            lambda result: self._loaded(report_id, *result),
            lambda error: self._failed(report_id, error),
            changes=NOTHING,
        )

    def _reload_if_shown(self, changes: Changes) -> None:
        if (
            self._report_id is not None
            and self.isVisible()
            and (changes.reports or changes.review or changes.replies)
        ):
            self._load(self._report_id)

    def _failed(self, report_id: int, error: Exception) -> None:
        if report_id != self._report_id:
            return
        self.heading.setText(self.tr("Laporan tidak dapat dibuka"))
        self.message.setText(str(error))
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.show()

    def _loaded(
        self, report_id: int, report: Report, audit: list[AuditEntry], review_state: ReviewState | None
    ) -> None:
        if report_id != self._report_id:
            return  # the operator moved on to another report meanwhile
        self._report = report
        self._audit = audit
        self._review_state = review_state
        self.message.hide()
        self._fill(report)
        zone = self._services.zone
        self.timeline.set_entries(timeline_entries(report, audit, zone), zone)
        self._set_actions_enabled(True)

    def _fill(self, report: Report) -> None:
        content = report.content
        self.heading.setText(self.tr("Laporan %1").replace("%1", report.local_ref))
        colour = _STATE_COLOURS[report.state]
        self.state_chip.setText(list_state_label(report.state, self._review_state))
        self.state_chip.setStyleSheet(
            f"color: white; background: {colour}; border-radius: 9px; padding: 2px 10px; font-weight: bold;"
        )
        self._set("classification", classification_label(content.classification))
        self._set("title", content.title)
        self._set("body", content.body)
        self._set("category_code", category_tree(self._services.data_dir).path_label(content.category_code))
        self._set(
            "incident_date",
            format_date(content.incident_date) if content.incident_date else self.tr("Tidak diketahui"),
        )
        self._set("channel", channel_label(content.channel))
        self._set(
            "recorded",
            self.tr("%1 oleh %2")
            .replace("%1", format_when(report.recorded_at, self._services.zone))
            .replace("%2", report.recorded_by),
        )
        self._set(
            "tracking_id",
            report.tracking_id or self.tr("Belum ada (diberikan setelah laporan terkirim)"),
        )
        self._set("remote_status", remote_status_label(report.remote_status) or "—")
        self._show_handling(report)
        location = content.location
        self._set("location.region_code", location.region_code)
        self._set("location.address", location.address or "")
        if location.latitude is not None and location.longitude is not None:
            self._set("location.coordinates", f"{location.latitude:g}, {location.longitude:g}")
        else:
            self._set("location.coordinates", "")
        reporter = content.reporter
        self._set("reporter.name", reporter.name)
        self._show_nik()
        self._set("reporter.phone", reporter.phone or "")
        self._set("reporter.email", reporter.email or "")
        self._set("reporter.address", reporter.address or "")
        self.reporter_note.setVisible(content.anonymous)
        self.reporter_note.setText(
            self.tr(
                "Laporan anonim: identitas pelapor tidak diteruskan ke instansi dan tidak ditampilkan ke publik."
            )
        )
        privacy = []
        if content.anonymous:
            privacy.append(self.tr("Anonim"))
        if content.confidential:
            privacy.append(self.tr("Rahasia (isi tidak dipublikasikan)"))
        self._set("privacy", ", ".join(privacy) or self.tr("Biasa"))
        self._set("consent", self.tr("Ya") if content.consent else self.tr("Belum"))
        self._set(
            "attachments",
            "\n".join(f"{ref.filename} ({format_size(ref.size)})" for ref in content.attachments)
            or self.tr("Tidak ada"),
        )
        self._show_attachment_tiles(content.attachments)
        self._show_fix_messages(report)
        editable = report.state in (ReportState.DRAFT, ReportState.NEEDS_FIX)
        decided_in_review = self._show_review_note()
        self.edit_button.setVisible(report.state is ReportState.DRAFT and not decided_in_review)
        self.unqueue_button.setVisible(report.state is ReportState.QUEUED and not decided_in_review)
        self.fix_button.setEnabled(editable and not decided_in_review)

    def _show_handling(self, report: Report) -> None:
        """The agency asked for, the one LAPOR! named, the step's due date, and LAPOR!'s question."""
        agencies = load_agencies(self._services.data_dir)
        asked = report.content.agency_code
        self._set("agency_code", agency_name(asked, agencies) if asked else self.tr("Tidak dipilih"))
        self._set(
            "agency",
            report.agency.name if report.agency is not None else self.tr("Belum ditentukan LAPOR!"),
        )
        due = self._value("due_at")
        overdue = report.overdue(dt.datetime.now(dt.UTC))
        if report.due_at is None:
            due.setText("—")
        elif overdue:
            due.setText(
                self.tr("%1 (lewat tenggat)").replace("%1", format_when(report.due_at, self._services.zone))
            )
        else:
            due.setText(format_when(report.due_at, self._services.zone))
        due.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;" if overdue else "")
        question = report.question
        if question is not None:
            text = self.tr("LAPOR! meminta keterangan tambahan: %1").replace("%1", question.text)
            if not report.awaiting_reply:
                text += "\n" + self.tr("Tanggapan pelapor sudah dicatat; lihat percakapan di samping.")
            self.hold_text.setText(text)
        self.hold_banner.setVisible(question is not None)
        self.hold_reply_button.setVisible(report.awaiting_reply)

    def _show_review_note(self) -> bool:
        """Where a desa's report stands in the kecamatan's review; True while it may not be edited here."""
        notes = {
            ReviewState.AWAITING: self.tr(
                "Laporan dari desa ini menunggu tinjauan. Putuskan di Tinjauan desa: setujui, kembalikan "
                "ke desa, atau tandai duplikat."
            ),
            ReviewState.RETURNED: self.tr(
                "Laporan ini sudah dikembalikan ke desa untuk diperbaiki. Desa mengirimnya lagi lewat paket."
            ),
            ReviewState.DUPLICATE: self.tr(
                "Laporan ini ditandai sebagai duplikat laporan lain, jadi tidak dikirim."
            ),
        }
        note = notes.get(self._review_state) if self._review_state is not None else None
        self.review_note.setText(note or "")
        self.review_note.setVisible(note is not None)
        return note is not None

    def _show_attachment_tiles(self, refs: tuple[AttachmentRef, ...]) -> None:
        """Thumbnails of what is attached; kept as they are when a reload brings the same files."""
        if [tile.ref.sha256 for tile in self.attachment_tiles] == [ref.sha256 for ref in refs]:
            return
        for tile in self.attachment_tiles:
            tile.deleteLater()
        self.attachment_tiles = [AttachmentTile(ref, removable=False) for ref in refs]
        for tile in self.attachment_tiles:
            self._tiles_row.addWidget(tile)
            tile.open_requested.connect(lambda sha256, refs=list(refs): self._open_viewer(refs, sha256))

            def deliver(image: QImage | None, tile: AttachmentTile = tile) -> None:
                if tile in self.attachment_tiles:  # not replaced by another report's files meanwhile
                    tile.set_thumbnail(image)

            request_thumbnail(self._services, tile.ref, deliver)

    def _open_viewer(self, refs: list[AttachmentRef], sha256: str) -> None:
        from ui.photo_viewer import open_viewer

        open_viewer(self._services, refs, sha256, self)

    def _set(self, path: str, text: str) -> None:
        label = self._value(path)
        label.setText(text or "—")

    def _show_nik(self) -> None:
        nik = self._report.content.reporter.nik if self._report is not None else None
        self.reveal_nik.setVisible(bool(nik))
        if not nik:
            self._set("reporter.nik", "")
            return
        self._set("reporter.nik", nik if self._nik_revealed else mask_nik(nik))
        self.reveal_nik.setText(
            self.tr("Sembunyikan NIK") if self._nik_revealed else self.tr("Tampilkan NIK lengkap")
        )

    def _toggle_nik(self) -> None:
        self._nik_revealed = not self._nik_revealed
        self._show_nik()

    def _show_fix_messages(self, report: Report) -> None:
        for grid in self.grids:
            for error in grid.errors.values():
                error.show_message(None)
        if report.state is not ReportState.NEEDS_FIX:
            self.fix_banner.hide()
            return
        unplaced: list[str] = []
        for path, message in report.fix_messages.items():
            target = self._error_for(path)
            if target is None:
                unplaced.append(f"{field_label(path)}: {message}")
            else:
                target.show_message(
                    message if path in self._placeable() else f"{field_label(path)}: {message}"
                )
        parts = [self.tr("LAPOR! mengembalikan laporan ini untuk diperbaiki.")]
        if report.fix_summary:
            parts.append(report.fix_summary)
        parts.extend(unplaced)
        parts.append(
            self.tr("Bagian yang perlu diperbaiki ditandai merah. Tekan “Perbaiki” untuk mengubahnya.")
        )
        self.fix_text.setText("\n".join(parts))
        self.fix_banner.show()

    def _placeable(self) -> set[str]:
        return {path for grid in self.grids for path in grid.errors}

    def _error_for(self, path: str) -> ErrorLabel | None:
        if path in ("location.latitude", "location.longitude"):
            return self._error("location.coordinates")
        if path.startswith("attachments"):
            return self._error("attachments")
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            found = self._error(".".join(parts[:end]))
            if found is not None:
                return found
        return None

    def _set_actions_enabled(self, enabled: bool) -> None:
        has_responses = enabled and self._report is not None and bool(self._report.responses)
        self.print_receipt_button.setEnabled(enabled)
        self.pdf_receipt_button.setEnabled(enabled)
        self.print_responses_button.setEnabled(has_responses)
        self.pdf_responses_button.setEnabled(has_responses)
        tip = "" if has_responses else self.tr("Belum ada jawaban dari instansi.")
        self.print_responses_button.setToolTip(tip)
        self.pdf_responses_button.setToolTip(tip)
        self.notify_button.set_report(self._report if enabled else None)
        self.print_conversation_button.setEnabled(
            enabled and self._report is not None and self._report.state is ReportState.SENT
        )
        self.reply_button.setEnabled(enabled and self._can_reply())
        self.reply_button.setToolTip(
            ""
            if self.reply_button.isEnabled()
            else self.tr("Tanggapan pelapor dapat dicatat setelah laporan mendapat nomor pelacakan LAPOR!")
        )
        if not enabled:
            self.hold_banner.hide()
            self.fix_banner.hide()
            self.edit_button.hide()
            self.unqueue_button.hide()

    # -- actions -------------------------------------------------------------------------------------

    def _request_edit(self) -> None:
        if self._report is not None:
            self.edit_requested.emit(self._report.id)

    def _can_reply(self) -> bool:
        report = self._report
        return (
            report is not None
            and report.state is ReportState.SENT
            and bool(report.tracking_id)
            and report.remote_status not in TERMINAL_STATUSES
        )

    def record_reply(self) -> ReplyDialog | None:
        """*Catat tanggapan pelapor*: the dialog, modal; the page reloads when the reply is stored."""
        if self._report is None or not self._can_reply():
            return None
        from ui.reply_dialog import ReplyDialog  # SQLAlchemy's rules: not on the window's first frame

        dialog = ReplyDialog(self._services, self._report, self)
        dialog.open()
        return dialog

    def _print_conversation(self) -> None:
        if self._report is not None:
            print_conversation(self, self._services, self._report.id)

    def _usual_paper(self) -> Paper:
        return self._services.settings().paper  # read at each click: Pengaturan may have changed it

    def _unqueue(self) -> None:
        if self._report is not None:
            unqueue(self._services, self._report.id, self)  # the page reloads on the change

    def _print_receipt(self, paper: Paper) -> None:
        if self._report is not None:
            ReportPaper(self._services.data_dir, PaperKind.RECEIPT).print(self._report, self, paper)

    def _save_receipt(self, paper: Paper) -> None:
        if self._report is not None:
            ReportPaper(self._services.data_dir, PaperKind.RECEIPT).save_pdf(self._report, self, paper)

    def _print_responses(self, paper: Paper) -> None:
        if self._report is not None:
            ReportPaper(self._services.data_dir, PaperKind.ANSWER).print(self._report, self, paper)

    def _save_responses(self, paper: Paper) -> None:
        if self._report is not None:
            ReportPaper(self._services.data_dir, PaperKind.ANSWER).save_pdf(self._report, self, paper)
