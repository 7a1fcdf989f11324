"""The main window: navigation on the left, one page at a time on the right, sync state below.

Only composition lives here. Every page is built the first time it is
needed: the form, the detail view and settings (which need the write side)
when opened, and the list the window starts on right after the window's
first paint, so the window is on screen before the list's widgets, model and
first query are, and the first screen never imports SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from lapor_desktop.domain import ReportState
from lapor_desktop.reports.queries import ReportFilter
from ui.changes import Changes
from ui.first_paint import after_first_paint
from ui.navigation import Navigation, Place
from ui.office_time import office_zone
from ui.restart import Restart
from ui.safeguards import Safeguards
from ui.services import Services
from ui.status_bar import NoticeBanner, SyncStatusBar
from ui.sync_worker import AUTO_SYNC_MS, SyncController

if TYPE_CHECKING:
    from ui.paket_dialogs import PaketActions
    from ui.report_detail import ReportDetailPage
    from ui.report_form import ReportFormPage
    from ui.reports_page import ReportsPage
    from ui.settings_page import SettingsPage
    from ui.training_banner import TrainingActions, TrainingBanner

SYNC_AFTER_QUEUE_MS = 1_500
PREFERRED_SIZE = (1280, 760)
# Room for the window frame's title bar and borders, which `resize` does not include.
FRAME_ALLOWANCE = (16, 48)
NAVIGATION_WIDTH = 210  # "Kotak keluar  (999+)" in bold 11 pt, with the item padding


def fitted_size(available: QSize) -> QSize:
    """The preferred size, shrunk to the screen: a 1366x768 laptop, or 150% scaling on a
    1920x1080 one, must still show the status bar and *Kirim sekarang* above the taskbar."""
    width = min(PREFERRED_SIZE[0], available.width() - FRAME_ALLOWANCE[0])
    height = min(PREFERRED_SIZE[1], available.height() - FRAME_ALLOWANCE[1])
    return QSize(width, height)


class MainWindow(QMainWindow):
    # Once, when the page the window starts on is on screen: the moment for work that
    # can wait (opening the write side, the log, the draft offer) so it never delays the list.
    first_page_ready = Signal()

    def __init__(
        self, services: Services, *, auto_sync_ms: int | None = AUTO_SYNC_MS, start_place: Place = Place.ALL
    ) -> None:
        super().__init__()
        self.services = services
        self.setObjectName("mainWindow")
        self._update_title()
        self.resize(fitted_size(self.screen().availableGeometry().size()))
        self._form: ReportFormPage | None = None
        self._detail: ReportDetailPage | None = None
        self._settings: SettingsPage | None = None
        self._kecamatan_pages: dict[Place, Any] = {}
        self._lists: dict[Place, ReportsPage] = {}
        self._return_place = Place.ALL
        self._detail_return = Place.ALL  # where the detail's "Kembali" leads
        self._pending_start: Place | None = None
        self.first_page_on_screen = False

        self.navigation = Navigation()
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.banner = NoticeBanner()
        # Built only for the practice office (see _update_training_banner).
        self.training_banner: TrainingBanner | None = None
        self.training_actions: TrainingActions | None = None
        self._paket: PaketActions | None = None
        self.pending_restart: Restart | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())  # holds the place of the start page until it is built
        # Whatever page is put on screen first (a place chosen, a report opened) wins over the start page.
        self.pages.currentChanged.connect(self._cancel_pending_start)

        right = QWidget()
        self._right_layout = QVBoxLayout(right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.addWidget(self.banner)
        self._right_layout.addWidget(self.pages, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        self.status = SyncStatusBar()
        self.status.zone = services.zone
        self.setStatusBar(self.status)
        self.sync = SyncController(services, self, auto_ms=auto_sync_ms)
        self.status.set_last_sync(self.sync.last_success)
        self.status.send_requested.connect(self.send_now)
        self._build_menu()
        self.sync.running_changed.connect(self.status.set_running)
        self.sync.progressed.connect(self.status.show_progress)
        self.sync.finished.connect(self._sync_finished)
        self.sync.failed.connect(self.status.show_message)
        self.banner.action_requested.connect(lambda: self.go_to(Place.SETTINGS))

        self.navigation.place_chosen.connect(lambda value: self.go_to(Place(value)))
        services.changed.connect(self._changed)
        services.failed.connect(self.status.show_message)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        self.update_counts()
        self._update_training_banner()
        self.safeguards = Safeguards(self)  # storage faults, daily snapshots, the backup reminder
        self._start_on(start_place)

    def _start_on(self, place: Place) -> None:
        """Highlight `place` now; build and show its page once the window is on screen."""
        if place in (Place.OUTBOX, Place.ALL):
            self._pending_start = self._return_place = place
            self.navigation.select(place)
        else:
            self.go_to(place)
        after_first_paint(self, self._finish_start)

    def _cancel_pending_start(self, _index: int) -> None:
        self._pending_start = None

    def _finish_start(self) -> None:
        if self._pending_start is None:  # someone already went elsewhere: that page is on screen
            self._first_page_shown()
            return
        page = self.list_page(self._pending_start)
        # Its rows are read off the UI thread: the first paint that counts is the one with them,
        # of the table or, for an empty list, of the message that replaces it.
        page.when_filled(lambda: after_first_paint(page.shown_body(), self._first_page_shown))

    def _first_page_shown(self) -> None:
        self.first_page_on_screen = True
        self.first_page_ready.emit()

    # -- places -------------------------------------------------------------------------

    def go_to(self, place: Place) -> None:
        if place is Place.NEW_REPORT:
            form = self.form_page()
            if not form.is_typing_new_report():  # after queuing, or a stored report open: a blank form
                form.new_report()
            self.pages.setCurrentWidget(form)
        elif place in (Place.OUTBOX, Place.ALL):
            self.pages.setCurrentWidget(self.list_page(place))
        elif place in (Place.REVIEW, Place.DASHBOARD):
            page = self.kecamatan_page(place)
            page.refresh()
            self.pages.setCurrentWidget(page)
        elif place is Place.SETTINGS:
            settings = self.settings_page()
            settings.reload()
            self.pages.setCurrentWidget(settings)
        if place in (Place.OUTBOX, Place.ALL):
            self._return_place = place
        self.navigation.select(place)

    def list_page(self, place: Place) -> ReportsPage:
        """The list page for OUTBOX or ALL, built on first use; the pending start page also becomes current."""
        page = self._lists.get(place)
        if page is None:
            from ui.reports_page import ListKind, ReportsPage

            # The outbox is read when first shown; the full list at once (it is the usual start page).
            page = ReportsPage(self.services, ListKind(place.value), lazy=place is Place.OUTBOX)
            page.open_requested.connect(self.open_report)
            self.pages.addWidget(page)
            self._lists[place] = page
        if self._pending_start is place:
            self._pending_start = None
            self.pages.setCurrentWidget(page)
        return page

    @property
    def outbox_page(self) -> ReportsPage:
        return self.list_page(Place.OUTBOX)

    @property
    def all_page(self) -> ReportsPage:
        return self.list_page(Place.ALL)

    def _focus_search(self) -> None:
        page = self.pages.currentWidget()
        if page in self._lists.values():
            page.search.setFocus()  # type: ignore[attr-defined]
            page.search.selectAll()  # type: ignore[attr-defined]

    def form_page(self) -> ReportFormPage:
        if self._form is None:
            from ui.report_form import ReportFormPage

            self._form = ReportFormPage(self.services)
            self._form.queued.connect(self._report_queued)
            self.pages.addWidget(self._form)
        return self._form

    def detail_page(self) -> ReportDetailPage:
        if self._detail is None:
            from ui.report_detail import ReportDetailPage

            self._detail = ReportDetailPage(self.services)
            self._detail.edit_requested.connect(self.edit_report)
            self._detail.back_requested.connect(lambda: self.go_to(self._detail_return))
            self.pages.addWidget(self._detail)
        return self._detail

    def kecamatan_page(self, place: Place) -> Any:
        if place not in self._kecamatan_pages:
            if place is Place.REVIEW:
                from ui.review_page import ReviewPage

                page: Any = ReviewPage(self.services)
                page.open_requested.connect(self._open_for_review)
            else:
                from ui.dashboard_page import DashboardPage

                page = DashboardPage(self.services)
            self._kecamatan_pages[place] = page
            self.pages.addWidget(page)
        return self._kecamatan_pages[place]

    def _build_menu(self) -> None:
        """Berkas (new report, categories, quit), Paket (the CLI's `paket` and identities), Bantuan."""
        berkas = self.menuBar().addMenu(self.tr("&Berkas"))
        new = berkas.addAction(self.tr("Laporan baru"), lambda: self.go_to(Place.NEW_REPORT))
        new.setShortcut(QKeySequence.StandardKey.New)
        berkas.addAction(self.tr("Perbarui daftar kategori"), self.refresh_categories)
        berkas.addSeparator()
        quit_action = berkas.addAction(self.tr("Keluar"), self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        menu = self.menuBar().addMenu(self.tr("&Paket"))
        menu.addAction(
            self.tr("Serahkan antrean ke kecamatan (ekspor paket)…"),
            lambda: self.paket_actions().choose_export_queued(),
        )
        menu.addAction(self.tr("Impor paket…"), lambda: self.paket_actions().choose_import())
        menu.addSeparator()
        menu.addAction(
            self.tr("Simpan identitas kantor ini…"), lambda: self.paket_actions().choose_save_profile()
        )
        menu.addAction(self.tr("Percayai kantor lain…"), lambda: self.paket_actions().choose_trust())

        bantuan = self.menuBar().addMenu(self.tr("B&antuan"))  # Alt+B is Berkas
        guide = bantuan.addAction(self.tr("Panduan singkat"), self.show_guide)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        bantuan.addAction(self.tr("Tentang LAPOR! Desa"), self.show_about)
        bantuan.addAction(self.tr("Kirim log…"), self.send_log)
        self._apply_office_kind()

    def show_guide(self) -> None:
        from ui.help_dialog import HelpDialog

        guide = self.findChild(HelpDialog) or HelpDialog(self)
        guide.show()
        guide.raise_()

    def refresh_categories(self) -> None:
        """Fetch the category list from the server now (a sync does it too), then show it everywhere."""
        from sync.categories import refresh_for_office

        data_dir = self.services.data_dir
        self.status.show_message(self.tr("Memperbarui daftar kategori…"))
        self.services.run_background(
            lambda: refresh_for_office(data_dir),
            lambda result: (self.status.show_message(result.message), self._categories_changed()),
            lambda _error: self.status.show_message(
                self.tr("Daftar kategori belum dapat diperbarui. Coba lagi nanti.")
            ),
        )

    def _categories_changed(self) -> None:
        """The cached lists may be new (a refresh, a sync): the form and the lists read them again."""
        from lapor_desktop.reports.agencies import load_agencies
        from lapor_desktop.reports.categories import load_categories
        from ui.report_table_model import category_paths

        categories = load_categories(self.services.data_dir)
        if self._form is not None:
            self._form.inputs.set_categories(categories)
            self._form.inputs.set_agencies(load_agencies(self.services.data_dir))
        paths = category_paths(self.services.data_dir)
        for page in self._lists.values():
            page.set_categories(
                [(c.code, paths.get(c.code, c.name)) for c in categories if c.code in paths], known=paths
            )

    def paket_actions(self) -> PaketActions:
        """The menu's file dialogs and paket work, built the first time the menu is used."""
        if self._paket is None:
            from ui.paket_dialogs import PaketActions

            self._paket = PaketActions(self.services, self)
            self._paket.message.connect(lambda text, _error: self.status.show_message(text))
            self._paket.show_messages(
                errors_only=True
            )  # an error says what to do: not only in the status bar
        return self._paket

    def _apply_office_kind(self) -> None:
        office = self.services.settings().office
        self.navigation.set_kecamatan(office is not None and office.kind.value == "kecamatan")

    def settings_page(self) -> SettingsPage:
        if self._settings is None:
            from ui.settings_page import SettingsPage

            self._settings = SettingsPage(self.services)
            self._settings.rerun_wizard_requested.connect(self.run_wizard)
            self._settings.saved.connect(self._settings_saved)
            self._settings.office_switched.connect(lambda: self.restart(Restart(reason="profile")))
            # The new language applies at once: the window is built again, on this page.
            self._settings.language_changed.connect(
                lambda _code: self.restart(Restart(reason="language", open_at=Place.SETTINGS.value))
            )
            self._settings.backup_box.restart_requested.connect(self.restart)  # restoring closes the window
            self._settings.backup_box.backup_created.connect(lambda _created: self.safeguards.backup_made())
            self.pages.addWidget(self._settings)
        return self._settings

    def open_report(self, report_id: int) -> None:
        self._show_detail(report_id, self._return_place)

    def _open_for_review(self, report_id: int) -> None:
        self._show_detail(report_id, Place.REVIEW)

    def _show_detail(self, report_id: int, back_to: Place) -> None:
        detail = self.detail_page()
        detail.show_report(report_id)
        self._detail_return = back_to
        self.pages.setCurrentWidget(detail)
        self.navigation.select(back_to)  # a report belongs to the page "Kembali" leads to

    def edit_report(self, report_id: int) -> None:
        form = self.form_page()
        form.edit_report(report_id)
        self.pages.setCurrentWidget(form)
        self.navigation.select(Place.NEW_REPORT)

    def run_wizard(self) -> None:
        from ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.services, self)
        wizard.saved.connect(self._settings_saved)
        wizard.finished.connect(self._wizard_finished)
        wizard.open()
        self.wizard = wizard

    def _settings_saved(self) -> None:
        self.services.zone = self.status.zone = office_zone(self.services.data_dir)  # a new region
        self.services.queries.tz = self.services.zone.tz
        self._update_title()
        self._apply_office_kind()
        self._update_training_banner()
        if self._settings is not None and self.sender() is not self._settings:
            self._settings.reload()
        self.banner.hide()

    def _wizard_finished(self, _result: int) -> None:
        """The guide (or a profile applied from it) may have switched between practice and the real office."""
        from lapor_desktop.offices.training import active_data_dir, base_data_dir

        if active_data_dir(base_data_dir(self.services.data_dir)) != self.services.data_dir:
            self.restart(Restart(reason="mode"))

    def _update_training_banner(self) -> None:
        from lapor_desktop.offices.training import is_training_dir

        # The practice office itself, not the real office's "practice is on" marker.
        training = is_training_dir(self.services.data_dir)
        if training and self.training_banner is None:
            self._build_training_banner()
        if self.training_banner is not None:
            self.training_banner.setVisible(training)
            self.training_banner.set_server(self.services.settings().server_url)

    def _build_training_banner(self) -> None:
        """Practice is unmistakable: an orange MODE LATIHAN band above every page."""
        from ui.training_banner import TrainingActions, TrainingBanner

        self.training_banner = TrainingBanner()
        self.training_actions = TrainingActions(self.services, self)
        self.training_actions.connect_banner(self.training_banner)
        self.training_actions.restart_requested.connect(self.restart)
        self.training_actions.message.connect(self.status.show_message)
        self._right_layout.insertWidget(0, self.training_banner)

    def restart(self, restart: object) -> None:
        """Close this window; the start-up loop runs `restart.then` and opens the active office."""
        assert isinstance(restart, Restart)
        self.pending_restart = restart
        self.close()

    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.services.data_dir, self).exec()

    def send_log(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.services.data_dir, self).choose_and_make_zip()

    def _update_title(self) -> None:
        settings = self.services.settings()
        title = self.tr("LAPOR! Desa")
        if settings.office is not None:
            title = f"{title} – {settings.office.name}"
        if settings.training:
            title = f"{title} [{self.tr('MODE LATIHAN')}]"
        self.setWindowTitle(title)

    # -- sync -----------------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if changes.touches_outbox:
            self.update_counts()

    def update_counts(self) -> None:
        # Index-only counts: cheaper than grouping every report by state.
        queries = self.services.queries
        queued = queries.count(ReportFilter(states=(ReportState.QUEUED,)))
        needs_fix = queries.count(ReportFilter(states=(ReportState.NEEDS_FIX,)))
        awaiting_reply = queries.count_awaiting_reply()
        self.navigation.set_outbox_counts(queued, needs_fix, awaiting_reply)
        self.status.set_waiting(queued, awaiting_reply)

    def send_now(self) -> None:
        if self.sync.is_running:
            return
        if not self.sync.has_server():
            self.banner.show_notice(
                self.tr("Alamat server LAPOR! belum diisi, jadi laporan belum bisa dikirim."),
                self.tr("Buka Pengaturan"),
            )
            return
        self.sync.start()

    def _report_queued(self, _report_id: int) -> None:
        if self.sync.has_server():
            QTimer.singleShot(SYNC_AFTER_QUEUE_MS, self.sync.start)

    def _sync_finished(self, summary: Any) -> None:
        self._categories_changed()  # each sync asks the server for the list
        online = bool(getattr(summary, "online", False))
        message = getattr(summary, "message", "") or ""
        self.status.set_connection(online, message)
        self.status.show_message(message)
        self.status.set_last_sync(self.sync.last_success)
        auth_problem = getattr(summary, "auth_problem", None)
        config_problem = getattr(summary, "config_problem", None)
        clock_warning = getattr(summary, "clock_warning", None)
        if auth_problem:
            text = auth_problem if isinstance(auth_problem, str) else message
            self.banner.show_notice(text, self.tr("Buka Pengaturan"), "error")
        elif config_problem:
            self.banner.show_notice(
                self.tr("Alamat server atau token belum diisi. Isi keduanya di Pengaturan."),
                self.tr("Buka Pengaturan"),
                "warning",
            )
        elif clock_warning:
            self.banner.show_notice(clock_warning, "", "warning")
        elif self.banner.property("kind") == "error":
            self.banner.hide()

    # -- start and close ------------------------------------------------------------------

    def offer_unfinished_draft(self) -> None:
        """At start: if the app stopped while a report was being typed, offer to continue it."""
        from ui.drafts import ask_to_continue

        report_id = ask_to_continue(self.services, self)
        if report_id is not None:
            self.edit_report(report_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._form is not None and not self._form.confirm_close():  # typing the disk could not take
            self.pending_restart = None
            event.ignore()
            return
        if self._form is not None:
            self._form.save_now()
        self.safeguards.stop()
        self.sync.shutdown(3_000)
        self.services.wait(5_000)
        for page in self._lists.values():
            page.model.wait(1_000)
        super().closeEvent(event)
