"""The report form's save protocol, without Qt: every state, every event, and the stories behind them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ui.form_save import SaveJob, SaveProtocol, SaveState, TransitionError

ROOT = Path(__file__).resolve().parents[2]
IDLE, SAVING, FOLLOW_UP = SaveState.IDLE, SaveState.SAVING, SaveState.SAVING_WITH_FOLLOW_UP
QUEUING, FAILED = SaveState.QUEUING, SaveState.FAILED


def _typed() -> SaveProtocol:
    protocol = SaveProtocol()
    protocol.edited()
    return protocol


def _in(state: SaveState) -> tuple[SaveProtocol, SaveJob | None]:
    """A protocol in `state`, and the save job that runs there (if any)."""
    protocol = _typed()
    if state is IDLE:
        return protocol, None
    job = protocol.request_save(explicit=False)
    assert job is not None
    if state is FOLLOW_UP:
        protocol.edited()
        protocol.request_save(explicit=False)
    elif state is QUEUING:
        protocol.save_succeeded(job)
        protocol.queue_started()
        job = None
    elif state is FAILED:
        protocol.save_failed(job)
        job = None
    assert protocol.state is state
    return protocol, job


Event = Callable[[SaveProtocol, "SaveJob | None"], object]

EVENTS: dict[str, Event] = {
    "edited": lambda p, _j: p.edited(),
    "loaded": lambda p, _j: p.loaded(),
    "left": lambda p, _j: p.left(),
    "autosave": lambda p, _j: p.request_save(explicit=False),
    "ctrl_s": lambda p, _j: p.request_save(explicit=True),
    "save_succeeded": lambda p, j: p.save_succeeded(j or SaveJob(p.revision, False)),
    "save_failed": lambda p, j: p.save_failed(j or SaveJob(p.revision, False)),
    "queue_started": lambda p, _j: p.queue_started(),
    "queued": lambda p, _j: p.queue_finished(queued=True),
    "queue_failed": lambda p, _j: p.queue_finished(queued=False),
}

# (from, event) -> the state after it; None: not allowed from there (a bug in the form).
TRANSITIONS: dict[tuple[SaveState, str], SaveState | None] = {
    (IDLE, "edited"): IDLE,
    (IDLE, "loaded"): IDLE,
    (IDLE, "left"): IDLE,
    (IDLE, "autosave"): SAVING,
    (IDLE, "ctrl_s"): SAVING,
    (IDLE, "save_succeeded"): None,
    (IDLE, "save_failed"): None,
    (IDLE, "queue_started"): QUEUING,
    (IDLE, "queued"): None,
    (IDLE, "queue_failed"): None,
    (SAVING, "edited"): SAVING,
    (SAVING, "loaded"): SAVING,
    (SAVING, "left"): SAVING,
    (SAVING, "autosave"): FOLLOW_UP,
    (SAVING, "ctrl_s"): FOLLOW_UP,
    (SAVING, "save_succeeded"): IDLE,
    (SAVING, "save_failed"): FAILED,
    (SAVING, "queue_started"): QUEUING,
    (SAVING, "queued"): None,
    (SAVING, "queue_failed"): None,
    (FOLLOW_UP, "edited"): FOLLOW_UP,
    (FOLLOW_UP, "loaded"): FOLLOW_UP,
    (FOLLOW_UP, "left"): SAVING,
    (FOLLOW_UP, "autosave"): FOLLOW_UP,
    (FOLLOW_UP, "ctrl_s"): FOLLOW_UP,
    (FOLLOW_UP, "save_succeeded"): SAVING,  # the follow-up starts
    (FOLLOW_UP, "save_failed"): IDLE,  # typed on since: the timers try the newer content
    (FOLLOW_UP, "queue_started"): QUEUING,
    (FOLLOW_UP, "queued"): None,
    (FOLLOW_UP, "queue_failed"): None,
    (QUEUING, "edited"): QUEUING,
    (QUEUING, "loaded"): QUEUING,
    (QUEUING, "left"): QUEUING,
    (QUEUING, "autosave"): QUEUING,
    (QUEUING, "ctrl_s"): QUEUING,
    (QUEUING, "save_succeeded"): None,  # no save runs
    (QUEUING, "save_failed"): None,
    (QUEUING, "queue_started"): None,
    (QUEUING, "queued"): IDLE,
    (QUEUING, "queue_failed"): IDLE,
    (FAILED, "edited"): IDLE,
    (FAILED, "loaded"): IDLE,
    (FAILED, "left"): IDLE,
    (FAILED, "autosave"): SAVING,  # the form asks only when autosave_due(): see the failure story
    (FAILED, "ctrl_s"): SAVING,
    (FAILED, "save_succeeded"): None,
    (FAILED, "save_failed"): None,
    (FAILED, "queue_started"): QUEUING,
    (FAILED, "queued"): None,
    (FAILED, "queue_failed"): None,
}


def test_the_table_names_every_state_and_event() -> None:
    assert set(TRANSITIONS) == {(state, event) for state in SaveState for event in EVENTS}


@pytest.mark.parametrize(("start", "event"), sorted(TRANSITIONS))
def test_every_transition(start: SaveState, event: str) -> None:
    protocol, job = _in(start)
    expected = TRANSITIONS[(start, event)]
    if expected is None:
        with pytest.raises(TransitionError):
            EVENTS[event](protocol, job)
    else:
        EVENTS[event](protocol, job)
        assert protocol.state is expected


def test_a_save_stores_the_typing() -> None:
    protocol = _typed()
    assert protocol.has_unsaved_changes and protocol.autosave_due()
    job = protocol.request_save(explicit=False)
    assert job == SaveJob(revision=1, explicit=False)
    assert protocol.has_unsaved_changes  # until the writer is done
    assert protocol.save_succeeded(job) is None
    assert protocol.state is IDLE
    assert not protocol.has_unsaved_changes and not protocol.autosave_due()


def test_an_edit_during_a_save_is_saved_by_the_follow_up() -> None:
    protocol = _typed()
    first = protocol.request_save(explicit=False)
    assert first is not None
    protocol.edited()
    assert protocol.autosave_due()  # the timer asks; the request waits for the running save
    assert protocol.request_save(explicit=False) is None
    assert protocol.state is FOLLOW_UP
    follow_up = protocol.save_succeeded(first)
    assert follow_up == SaveJob(revision=2, explicit=False)
    assert protocol.dirty  # the first save held older content
    assert protocol.save_succeeded(follow_up) is None
    assert protocol.state is IDLE and not protocol.dirty


def test_an_edit_during_a_save_without_a_request_is_left_to_the_timers() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.edited()
    assert protocol.save_succeeded(job) is None
    assert protocol.state is IDLE and protocol.dirty and protocol.autosave_due()


def test_ctrl_s_during_a_save_stays_explicit_and_runs_even_without_new_typing() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.request_save(explicit=True)
    protocol.request_save(explicit=False)  # an autosave after it does not make it an autosave
    follow_up = protocol.save_succeeded(job)
    assert follow_up == SaveJob(revision=1, explicit=True)


def test_an_autosave_follow_up_without_new_typing_is_not_needed() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.request_save(explicit=False)
    assert protocol.save_succeeded(job) is None
    assert protocol.state is IDLE


def test_a_failed_autosave_waits_for_the_next_edit() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.save_failed(job)
    assert protocol.state is FAILED
    assert protocol.dirty and protocol.has_unsaved_changes
    assert not protocol.autosave_due()  # no failing save every few seconds
    protocol.edited()
    assert protocol.state is IDLE and protocol.autosave_due()


def test_ctrl_s_retries_a_failed_save_at_once() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.save_failed(job)
    retry = protocol.request_save(explicit=True)
    assert retry == SaveJob(revision=1, explicit=True)
    protocol.save_succeeded(retry)
    assert protocol.state is IDLE and not protocol.dirty


def test_a_failure_drops_the_follow_up_and_newer_typing_is_autosaved_later() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.edited()
    protocol.request_save(explicit=True)
    protocol.save_failed(job)
    assert protocol.state is IDLE  # not FAILED: what is typed now was never tried
    assert protocol.autosave_due()


def test_a_draft_refused_before_saving_is_failed_until_the_next_edit() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.save_refused(job)
    assert protocol.state is FAILED and not protocol.save_running
    assert not protocol.autosave_due()


def test_queue_during_a_save_waits_for_it_and_drops_the_follow_up() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.edited()
    protocol.request_save(explicit=False)
    protocol.queue_started()
    assert protocol.state is QUEUING
    assert protocol.request_save(explicit=True) is None  # the queue job carries the content
    assert not protocol.autosave_due()
    assert protocol.save_succeeded(job) is None  # the save ahead of it lands: no follow-up
    assert protocol.state is QUEUING and protocol.has_unsaved_changes
    protocol.queue_finished(queued=True)
    assert protocol.state is IDLE and not protocol.has_unsaved_changes


def test_a_save_failing_ahead_of_the_queue_job_leaves_it_queuing() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.queue_started()
    protocol.save_failed(job)
    assert protocol.state is QUEUING


def test_a_refused_queue_keeps_the_typing_unsaved() -> None:
    protocol = _typed()
    protocol.queue_started()
    protocol.queue_finished(queued=False)
    assert protocol.state is IDLE and protocol.dirty and protocol.autosave_due()


def test_leaving_a_report_keeps_the_running_save_counted_but_asks_for_nothing_more() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.edited()
    protocol.request_save(explicit=False)
    protocol.left()
    protocol.loaded()  # the next report
    assert protocol.state is SAVING and not protocol.dirty
    assert protocol.has_unsaved_changes  # closing still waits for it
    assert protocol.save_succeeded(job) is None
    assert not protocol.has_unsaved_changes


def test_an_old_reports_save_does_not_mark_the_new_reports_typing_saved() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    protocol.left()
    protocol.loaded()
    protocol.edited()  # typing in the next report
    protocol.request_save(explicit=False)
    follow_up = protocol.save_succeeded(job)
    assert protocol.dirty
    assert follow_up == SaveJob(revision=3, explicit=False)


def test_a_result_for_a_save_that_does_not_run_is_a_bug() -> None:
    protocol = _typed()
    job = protocol.request_save(explicit=False)
    assert job is not None
    with pytest.raises(TransitionError):
        protocol.save_succeeded(SaveJob(revision=job.revision + 1, explicit=False))


def test_the_protocol_needs_no_qt() -> None:
    script = "import sys\nimport ui.form_save\nprint([m for m in sys.modules if m.startswith('PySide6')])\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
