"""What an operation changed, so that each view refreshes only for what it shows (after Anki's `OpChanges`).

Every write through `Services.run` declares its `Changes` (or derives them from
its result); `Services.changed` carries them to the views:

| listener | refreshes when |
| --- | --- |
| *Kotak keluar* list, the outbox counts (navigation, status bar) | a queued or needs-fix report changed (`touches_outbox`) |
| *Semua laporan* list | any report changed (`reports`) |
| the report detail, when shown | any report, reply or review decision changed |
| the outbox counts, too | a citizen's reply was recorded or changed state (`replies`) |
| the report form's resident offer, *Pengaturan › Data penduduk* | the population register was imported or cleared (`residents`) |

So an autosave of a draft refreshes *Semua laporan* but not the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lapor_desktop.domain import ReportState

OUTBOX_STATES = frozenset({ReportState.QUEUED, ReportState.NEEDS_FIX})


@dataclass(frozen=True)
class Changes:
    # The states of the reports written, before and after: a report that moved from draft to
    # queued touches both lists it leaves and enters.
    reports: frozenset[ReportState] = field(default_factory=frozenset)
    review: bool = False  # a kecamatan review decision (approved, returned, duplicate)
    residents: bool = False  # the population register from OpenSID (imported, cleared)
    replies: bool = False  # a citizen's reply recorded, sent, refused or handed over

    @classmethod
    def of_reports(cls, states: Iterable[ReportState], *, review: bool = False) -> Changes:
        return cls(reports=frozenset(states), review=review)

    def __bool__(self) -> bool:
        return bool(self.reports) or self.review or self.residents or self.replies

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            reports=self.reports | other.reports,
            review=self.review or other.review,
            residents=self.residents or other.residents,
            replies=self.replies or other.replies,
        )

    @property
    def touches_outbox(self) -> bool:
        return bool(self.reports & OUTBOX_STATES) or self.replies


NOTHING = Changes()
RESIDENTS = Changes(residents=True)
REPLIES = Changes(replies=True)
# Paket transfers and sync may touch any report in any state, and any reply.
EVERY_REPORT = Changes(reports=frozenset(ReportState), review=True, replies=True)
