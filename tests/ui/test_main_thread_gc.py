"""Cyclic garbage is collected on the UI thread while an office is open, whoever made it."""

from __future__ import annotations

import gc
import threading

from ui.main_thread_gc import MainThreadCollector


class Cycle:
    """An object in a reference cycle that writes down the thread that finalized it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def make_garbage_on_a_worker() -> None:
    def work() -> None:
        for _ in range(50):
            Cycle()
        # Enough allocations that Python's own collector would have run here, on this thread.
        _ = [[object()] for _ in range(50_000)]

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()


def test_garbage_made_on_a_worker_is_freed_on_the_ui_thread(qtbot, services):
    Cycle.freed_on.clear()
    assert not gc.isenabled()  # the open office's collector has it
    make_garbage_on_a_worker()
    assert Cycle.freed_on == []
    kept = [[] for _ in range(2 * gc.get_threshold()[0])]  # the youngest generation is now due
    qtbot.waitUntil(lambda: len(Cycle.freed_on) == 50, timeout=10_000)  # the UI thread's timer
    assert kept
    assert set(Cycle.freed_on) == {threading.main_thread().name}


def test_the_collector_is_given_back_when_the_last_office_closes(qapp):
    first, second = MainThreadCollector(), MainThreadCollector()
    enabled_before = gc.isenabled()  # True unless a test left an office open
    first.start()
    second.start()
    first.stop()
    assert not gc.isenabled()  # another is still open
    Cycle.freed_on.clear()
    make_garbage_on_a_worker()
    second.stop()  # collects what is left, here
    assert gc.isenabled() == enabled_before
    assert Cycle.freed_on and set(Cycle.freed_on) == {threading.main_thread().name}
