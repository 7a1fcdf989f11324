"""Processes that crash tests SIGKILL, forked from a warm server instead of started cold.

A fresh interpreter spends most of a second importing SQLAlchemy, Pillow and
requests before it does anything, and a crash test starts a dozen. The
standard library's forkserver imports them once, in a single-threaded server
process, and forks every child from it: each child is still a separate process
with its own SQLite connections and file descriptors, killed with SIGKILL like
the app would be, but it starts in milliseconds. POSIX only.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any

PRELOAD = [
    "lapor_desktop.app",
    "lapor_desktop.reports.service",
    "lapor_desktop.attachments.processing",
    "lapor_desktop.__main__",
    "lapor_desktop.cli.main",
    "sync.engine",
    "sync.commands",
    "tests.support.crash",
]
CHILD_TIMEOUT_S = 60.0  # only a hang guard: a child that does not answer by then has failed


def start(target: Callable[..., Any], *args: Any) -> BaseProcess:
    """`target(*args)` in a forked child; `.kill()` sends SIGKILL."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    process = context.Process(target=target, args=args, daemon=True)
    process.start()
    return process


def pipe() -> tuple[Any, Any]:
    """(receiving end, sending end) for a child to report what it has committed."""
    return multiprocessing.get_context("forkserver").Pipe(duplex=False)
