"""The one way the window runs background work: a `Runner`, threaded or inline, with progress."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from ui.operations import Runner


def _counting(progress: Callable[[object], None]) -> str:
    for step in range(5):
        progress((step, threading.current_thread().name))
    return "selesai"


@pytest.mark.parametrize("inline", [False, True])
def test_progress_arrives_on_the_ui_thread_in_order_before_the_result(qtbot, inline: bool) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(inline=inline)
    seen: list[object] = []
    ui_thread = threading.current_thread()

    def on_progress(value: object) -> None:
        assert threading.current_thread() is ui_thread
        seen.append(value)

    runner.run_with_progress(_counting, on_progress, lambda result: seen.append(result))
    qtbot.waitUntil(lambda: "selesai" in seen, timeout=5000)
    steps = [value[0] for value in seen[:-1]]  # type: ignore[index]
    assert steps == [0, 1, 2, 3, 4]
    workers = {value[1] for value in seen[:-1]}  # type: ignore[index]
    assert (workers == {ui_thread.name}) is inline  # inline runs the work where it is called


def test_a_failure_reaches_on_failure(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = Runner()
    errors: list[Exception] = []

    def broken(_progress: Callable[[object], None]) -> None:
        raise OSError("disk penuh")

    runner.run_with_progress(broken, lambda _value: None, None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "disk penuh"
