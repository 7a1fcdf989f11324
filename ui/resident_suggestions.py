"""The report form's help from the desa's population register (*Pengaturan › Data penduduk*).

A full, well-formed NIK typed into *NIK* offers its resident under the field
("Dari data penduduk desa, per 2 Desember 2026: SITI AMINAH, …"); Enter in the
field or the button fills the reporter's name and address. Three or more
letters typed into *Nama* open a list of residents whose name starts so;
choosing one fills NIK, name and address. Either way the operator may change
the fields afterwards, and the fill counts as the operator's typing (checked,
autosaved).

Only the reporter's fields are filled. The incident's place (*Alamat lokasi*)
is left alone: where a road is broken is seldom where the reporter lives.
Anonymous reports are filled the same way: the name is still recorded (the
contract requires it) and only hidden from the agency and the public.

Look-ups run on the services' background pool; each keystroke starts a new
turn and a result of an older turn is dropped. Only the operator's own typing
(`textEdited`) looks anything up: a report being loaded, or a fill, does not.
Nothing here logs what it finds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.dates import format_date
from lapor_desktop.penduduk.resident import Resident, prefix_key
from lapor_desktop.reports.nik import nik_problem
from lapor_desktop.reports.validation import normalize_nik
from ui.changes import Changes

if TYPE_CHECKING:
    from lapor_desktop.penduduk.service import PendudukService
    from ui.services import Services

MIN_NAME_CHARACTERS = 3
SUGGESTIONS = 10
NO_BREAK = "\u00a0"


@dataclass(frozen=True)
class Found:
    """Residents from the register, and the date of the export they came from."""

    residents: tuple[Resident, ...]
    export_date: dt.date | None


NOTHING_FOUND = Found((), None)


def _found(service: PendudukService, residents: list[Resident]) -> Found:
    if not residents:
        return NOTHING_FOUND
    record = service.last_import()
    return Found(tuple(residents), record.export_date if record else None)


def _by_nik(service: PendudukService, nik: str) -> Found:
    resident = service.find(nik)
    return _found(service, [resident] if resident else [])


def _by_name(service: PendudukService, typed: str) -> Found:
    return _found(service, service.suggest(typed, SUGGESTIONS))


class Latest:
    """Numbers the look-ups of one field: only the newest one's answer is shown."""

    def __init__(self) -> None:
        self.turn = 0

    def next(self) -> int:
        self.turn += 1
        return self.turn


def well_formed_nik(text: str) -> str | None:
    """The NIK in `text` (group spaces allowed) when it is complete and plausible."""
    nik = normalize_nik(text.strip())
    return nik if nik and nik_problem(nik) is None else None


class ResidentFill(QObject):
    """Watches *NIK* and *Nama*; `nik_box` (the NIK field with the offer under it) goes into the form."""

    def __init__(
        self,
        services: Services,
        nik_edit: QLineEdit,
        name_edit: QLineEdit,
        address_edit: QLineEdit,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.nik_edit = nik_edit
        self.name_edit = name_edit
        self.address_edit = address_edit
        self._nik_turns = Latest()
        self._name_turns = Latest()
        self._offer: Resident | None = None
        self._offer_date: dt.date | None = None
        self._filled_nik: str | None = None  # the NIK whose resident filled the fields last
        self._suggested = NOTHING_FOUND
        self._build_offer()
        self._build_completer()
        nik_edit.textEdited.connect(lambda _text: self.look_up_nik())
        nik_edit.textChanged.connect(self._nik_changed)
        nik_edit.returnPressed.connect(self.accept_offer)
        name_edit.textEdited.connect(lambda _text: self.suggest_names())
        services.changed.connect(self._register_changed)

    # -- widgets -------------------------------------------------------------------------------

    def _build_offer(self) -> None:
        self.nik_box = QWidget()
        column = QVBoxLayout(self.nik_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.nik_edit)
        self.offer_frame = QFrame()
        self.offer_frame.setObjectName("residentOffer")
        row = QHBoxLayout(self.offer_frame)
        row.setContentsMargins(8, 4, 4, 4)
        self.offer_label = QLabel()
        self.offer_label.setObjectName("residentOfferText")
        self.offer_label.setWordWrap(True)
        row.addWidget(self.offer_label, 1)
        self.fill_button = QPushButton(self.tr("Isi nama dan alamat (Enter)"))
        self.fill_button.setObjectName("residentFill")
        self.fill_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter in the NIK field does it
        self.fill_button.clicked.connect(self.accept_offer)
        row.addWidget(self.fill_button)
        column.addWidget(self.offer_frame)
        self.offer_frame.hide()

    def _build_completer(self) -> None:
        self.suggestion_model = QStandardItemModel(self)
        self.completer = QCompleter(self.suggestion_model, self)
        # Attached with setWidget, not QLineEdit.setCompleter: the list is ours to fill and show,
        # and choosing a row fills three fields rather than replacing the typed text.
        self.completer.setWidget(self.name_edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.completer.popup().setObjectName("residentSuggestions")
        self.completer.activated[QModelIndex].connect(self._suggestion_chosen)

    # -- the NIK offers its resident ----------------------------------------------------------------

    def look_up_nik(self) -> None:
        nik = well_formed_nik(self.nik_edit.text())
        if nik is None or nik == self._filled_nik:
            self._nik_turns.next()
            self._show_offer(NOTHING_FOUND)
        else:
            self._look_up(self._nik_turns, lambda service: _by_nik(service, nik), self._show_offer)

    def _look_up(
        self, turns: Latest, work: Callable[[PendudukService], Found], show: Callable[[Found], None]
    ) -> None:
        """`work` on the background pool; `show` gets its answer unless a newer look-up has started."""
        turn = turns.next()
        service = self._services.penduduk()
        self._services.run_background(
            lambda: work(service),
            lambda found: turn == turns.turn and show(found),
            lambda _error: turn == turns.turn and show(NOTHING_FOUND),
        )

    def _show_offer(self, found: Found) -> None:
        self._offer = found.residents[0] if found.residents else None
        self._offer_date = found.export_date
        if self._offer is None:
            if self._filled_nik is None:  # else the note on the fill stays
                self.offer_frame.hide()
            return
        self.offer_label.setText(self._offer_text(self._offer, found.export_date))
        self.fill_button.show()
        self._show_frame("offer")

    @property
    def offered(self) -> Resident | None:
        return self._offer

    def accept_offer(self) -> None:
        """Fill name and address from the offered resident (Enter in the NIK field, or the button)."""
        resident = self._offer
        if resident is None:
            return
        self._fill(resident, self._offer_date, nik=False)

    def _nik_changed(self, text: str) -> None:
        # Any change (typed, pasted, loaded) ends an offer or a note about another NIK.
        if self._filled_nik is not None and well_formed_nik(text) != self._filled_nik:
            self._filled_nik = None
            self.offer_frame.hide()
        if self._offer is not None and well_formed_nik(text) != self._offer.nik:
            self._offer = None
            self.offer_frame.hide()

    # -- a name suggests residents ---------------------------------------------------------------

    def suggest_names(self) -> None:
        typed = self.name_edit.text()
        if len(prefix_key(typed).strip()) < MIN_NAME_CHARACTERS:
            self._name_turns.next()
            self._show_suggestions(NOTHING_FOUND)
        else:
            self._look_up(self._name_turns, lambda service: _by_name(service, typed), self._show_suggestions)

    def _show_suggestions(self, found: Found) -> None:
        self._suggested = found
        self.suggestion_model.clear()
        for resident in found.residents:
            item = QStandardItem(self._suggestion_text(resident))
            item.setEditable(False)
            self.suggestion_model.appendRow(item)
        popup = self.completer.popup()
        if not found.residents or not self.name_edit.hasFocus():
            popup.hide()
            return
        self.completer.complete()
        popup.setCurrentIndex(QModelIndex())  # Enter keeps the typed name until a row is picked

    @property
    def suggestions(self) -> tuple[Resident, ...]:
        return self._suggested.residents

    def _suggestion_chosen(self, index: QModelIndex) -> None:
        row = self.completer.completionModel().mapToSource(index).row()  # type: ignore[attr-defined]
        if 0 <= row < len(self._suggested.residents):
            self._fill(self._suggested.residents[row], self._suggested.export_date, nik=True)

    # -- filling ---------------------------------------------------------------------------------

    def _fill(self, resident: Resident, export_date: dt.date | None, *, nik: bool) -> None:
        self._name_turns.next()  # a look-up still running must not reopen the list
        self._nik_turns.next()
        self.completer.popup().hide()
        self._offer = None
        self._filled_nik = resident.nik
        # setText, as typing would: the form checks and autosaves the fields; no new look-up starts.
        if nik:
            self.nik_edit.setText(resident.nik)
        self.name_edit.setText(resident.name)
        self.address_edit.setText(resident.formatted_address)
        self.offer_label.setText(self._filled_text(export_date))
        self.fill_button.hide()
        self._show_frame("filled")

    def _show_frame(self, state: str) -> None:
        self.offer_frame.setProperty("state", state)
        self.offer_frame.style().polish(self.offer_frame)  # the style sheet's [state=...] rules follow
        self.offer_frame.show()

    def reset(self) -> None:
        """Another report is shown: no offer, no list, nothing still coming."""
        self._nik_turns.next()
        self._name_turns.next()
        self._offer = None
        self._filled_nik = None
        self._suggested = NOTHING_FOUND
        self.completer.popup().hide()
        self.offer_frame.hide()

    def _register_changed(self, changes: Changes) -> None:
        if changes.residents:  # imported or cleared in Pengaturan: ask again for what is typed
            self.completer.popup().hide()
            self.look_up_nik()

    # -- texts -----------------------------------------------------------------------------------

    def _per(self, export_date: dt.date | None) -> str:
        if export_date is None:
            return self.tr("Dari data penduduk desa (tanggal data tidak diketahui)")
        return self.tr("Dari data penduduk desa, per %1").replace("%1", format_date(export_date))

    def _offer_text(self, resident: Resident, export_date: dt.date | None) -> str:
        # No-break spaces inside the name and each address part: a long line wraps after a comma,
        # never between "RT" and its number.
        parts = [resident.name, *resident.formatted_address.split(", ")]
        who = ", ".join(part.replace(" ", NO_BREAK) for part in parts if part)
        return f"{self._per(export_date)}: {who}"

    def _filled_text(self, export_date: dt.date | None) -> str:
        return self.tr("%1: nama dan alamat sudah diisi. Ubah bila perlu.").replace(
            "%1", self._per(export_date)
        )

    def _suggestion_text(self, resident: Resident) -> str:
        parts = [resident.name, resident.formatted_address]
        if resident.birth_date is not None:
            parts.append(self.tr("lahir %1").replace("%1", format_date(resident.birth_date)))
        return " · ".join(part for part in parts if part)
