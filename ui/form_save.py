"""When the report form saves: the protocol as a small state machine, free of Qt.

Saves run one at a time on the services' single writer thread, so they land in
the order the operator typed. The form tells the protocol what happened (an
edit, a timer, Ctrl+S, Ctrl+Enter, a job's result) and starts the save job the
protocol hands back, if any.

    IDLE ──save──▶ SAVING ──done──▶ IDLE
                     │ save           ▲ done (follow-up started: SAVING again)
                     ▼                │
               SAVING_WITH_FOLLOW_UP ─┘
    IDLE / SAVING / SAVING_WITH_FOLLOW_UP / FAILED ──queue──▶ QUEUING ──finished──▶ IDLE
    a save refused or failed for what is typed now ──▶ FAILED ──edit / reload──▶ IDLE

`dirty` (typing not yet stored) and `revision` (bumped by every edit and every
load) run beside the states: a save clears `dirty` only when nothing was typed
while it ran. In FAILED the autosave timers stop: a save refused for what is
typed helps nobody by failing again every few seconds; the next edit, or
Ctrl+S, tries again. Only a save that failed on the disk (full, read-only) is
also retried on a slow timer by the form (`FormSaver`), from FAILED as Ctrl+S
would, so the typing lands once there is room again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SaveState(StrEnum):
    IDLE = "idle"
    SAVING = "saving"
    SAVING_WITH_FOLLOW_UP = "saving_with_follow_up"  # typing or Ctrl+S came while a save ran
    QUEUING = "queuing"  # the queue job carries the latest content: no saves after it
    FAILED = "failed"  # what is typed now could not be saved; autosave waits for the next edit


_ALLOWED: dict[SaveState, frozenset[SaveState]] = {
    SaveState.IDLE: frozenset({SaveState.SAVING, SaveState.QUEUING}),
    SaveState.SAVING: frozenset(
        {SaveState.IDLE, SaveState.SAVING_WITH_FOLLOW_UP, SaveState.QUEUING, SaveState.FAILED}
    ),
    SaveState.SAVING_WITH_FOLLOW_UP: frozenset(
        {SaveState.IDLE, SaveState.SAVING, SaveState.QUEUING, SaveState.FAILED}
    ),
    SaveState.QUEUING: frozenset({SaveState.IDLE}),
    SaveState.FAILED: frozenset({SaveState.IDLE, SaveState.SAVING, SaveState.QUEUING}),
}


class TransitionError(RuntimeError):
    """The form asked for something the protocol does not allow from where it is (a bug)."""


@dataclass(frozen=True)
class SaveJob:
    """One save to run: the content as of `revision`; `explicit` for Ctrl+S (not an autosave)."""

    revision: int
    explicit: bool


class SaveProtocol:
    def __init__(self) -> None:
        self.state = SaveState.IDLE
        self.dirty = False
        self.revision = 0
        self._running: SaveJob | None = None  # the save job out on the writer thread
        self._follow_up_explicit = False  # only meaningful in SAVING_WITH_FOLLOW_UP

    # -- what the form asks ------------------------------------------------------------------

    @property
    def has_unsaved_changes(self) -> bool:
        return self.dirty or self._running is not None

    @property
    def save_running(self) -> bool:
        return self._running is not None

    def autosave_due(self) -> bool:
        """Whether an autosave timer should ask for a save (while one runs, it becomes the follow-up)."""
        return self.dirty and self.state not in (SaveState.QUEUING, SaveState.FAILED)

    # -- what happened -------------------------------------------------------------------------

    def edited(self) -> None:
        """The operator changed something."""
        self.revision += 1
        self.dirty = True
        if self.state is SaveState.FAILED:
            self._move(SaveState.IDLE)

    def loaded(self) -> None:
        """Other content was put into the form (a new or a stored report): nothing of it is unsaved."""
        self.revision += 1
        if self.state is SaveState.FAILED:
            self._move(SaveState.IDLE)

    def left(self) -> None:
        """The form leaves its report (after asking for a last save): no follow-up, nothing unsaved.

        A save still running stays counted until its result comes back.
        """
        self.dirty = False
        if self.state is SaveState.SAVING_WITH_FOLLOW_UP:
            self._move(SaveState.SAVING)
        elif self.state is SaveState.FAILED:
            self._move(SaveState.IDLE)

    def request_save(self, *, explicit: bool) -> SaveJob | None:
        """A timer, Ctrl+S or closing asks for a save: the job to start now, or None.

        While a save runs the request is kept as a follow-up (an explicit request stays
        explicit); while queuing it is dropped, as the queue job carries the content.
        """
        if self.state is SaveState.QUEUING:
            return None
        if self.state is SaveState.SAVING:
            self._move(SaveState.SAVING_WITH_FOLLOW_UP)
            self._follow_up_explicit = explicit
            return None
        if self.state is SaveState.SAVING_WITH_FOLLOW_UP:
            self._follow_up_explicit = self._follow_up_explicit or explicit
            return None
        return self._start(explicit)

    def save_refused(self, job: SaveJob) -> None:
        """The form found the draft unsaveable before starting `job` (problems shown in red)."""
        self._finish(job)
        self._move(SaveState.FAILED)

    def save_succeeded(self, job: SaveJob) -> SaveJob | None:
        """`job` is stored; returns the follow-up save to start now, if one is needed."""
        self._finish(job)
        if job.revision == self.revision:
            self.dirty = False
        if self.state is SaveState.QUEUING:
            return None
        if self.state is SaveState.SAVING_WITH_FOLLOW_UP and (self._follow_up_explicit or self.dirty):
            return self._start(self._follow_up_explicit)
        self._move(SaveState.IDLE)
        return None

    def save_failed(self, job: SaveJob) -> None:
        """`job` could not be stored. Its follow-up is dropped: the next edit or Ctrl+S tries again."""
        self._finish(job)
        if self.state is SaveState.QUEUING:
            return
        if job.revision == self.revision:
            self._move(SaveState.FAILED)
        else:  # typed on since: the autosave timers will try the newer content
            self._move(SaveState.IDLE)

    def queue_started(self) -> None:
        """Ctrl+Enter passed the checks and the queue job is out (after any save still running)."""
        self._move(SaveState.QUEUING)

    def queue_finished(self, *, queued: bool) -> None:
        """The queue job is back; once queued, everything typed is stored."""
        if self.state is not SaveState.QUEUING:
            raise TransitionError(f"{self.state}: no queue job runs")
        if queued:
            self.dirty = False
        self._move(SaveState.IDLE)

    # -- inside ------------------------------------------------------------------------------------

    def _start(self, explicit: bool) -> SaveJob:
        job = SaveJob(revision=self.revision, explicit=explicit)
        self._running = job
        self._follow_up_explicit = False
        self._move(SaveState.SAVING)
        return job

    def _finish(self, job: SaveJob) -> None:
        if self._running != job:
            raise TransitionError(f"{job} is not the save that runs ({self._running})")
        self._running = None

    def _move(self, to: SaveState) -> None:
        if to not in _ALLOWED[self.state]:
            raise TransitionError(f"{self.state} -> {to}")
        self.state = to
