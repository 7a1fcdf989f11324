"""Fixtures for the window tests: real data dirs, real databases, real widgets."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.app import prepare_data_dir


@pytest.fixture(autouse=True)
def garbage_stays_on_this_thread() -> Iterator[None]:
    """A test's cyclic garbage is collected here, on the UI thread, when it ends.

    Otherwise a later test's worker thread (a list reader, the outbox's posting thread) might be
    the one to collect it and free a Qt widget off the UI thread (see `ui.main_thread_gc`).
    What survives is the session's (modules, caches) and is frozen, so each collection walks only
    one test's objects (a whole-heap collection would add ~90 ms to every test).
    """
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture
def db_path(office_dir: Path) -> Path:
    return prepare_data_dir(office_dir)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where PDFs go: apart from the office's data dir (which is under tmp_path too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def services(qapp: object, office_dir: Path, db_path: Path) -> Iterator[object]:
    """Services that run work inline (deterministic: callbacks have run when a call returns)."""
    from ui.services import Services

    opened = Services(office_dir, db_path, inline=True)
    yield opened
    opened.close()


@pytest.fixture
def threaded_services(qapp: object, office_dir: Path, db_path: Path) -> Iterator[object]:
    """Services with real worker threads, as in the running app."""
    from ui.services import Services

    opened = Services(office_dir, db_path)
    yield opened
    opened.close()


@pytest.fixture
def detail_page(qtbot, services):  # type: ignore[no-untyped-def]
    """The report detail page on screen, wide enough for its buttons."""
    from ui.report_detail import ReportDetailPage

    page = ReportDetailPage(services)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page
