"""`lapor-desktop --self-test`: proof that this installation (source or bundle) works end to end.

It opens a fresh temporary data dir, runs the migrations, records and reads
back one report, checks the bundled resources, the log redaction and the
profile signatures, and renders the main window offscreen (also in training
mode, with its banner). It prints one JSON object and exits 0 when every
check passed, 1 otherwise. Nothing outside the temporary dir is touched, no
network is used, and the user's data dir is never opened.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

NIK = "1801014501900001"
PHONE = "081234567890"
WINDOW_TIMEOUT_S = 20.0


@dataclass
class SelfTest:
    root: Path
    checks: list[dict[str, object]] = field(default_factory=list)

    def check(self, name: str, fn: Callable[[], object]) -> bool:
        started = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:  # every failure is reported, then the next check runs
            self.checks.append(
                {
                    "name": name,
                    "ok": False,
                    "error": f"{type(exc).__name__}: {exc}",
                    "trace": traceback.format_exc(limit=6),
                }
            )
            return False
        entry: dict[str, object] = {
            "name": name,
            "ok": True,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
        if detail is not None:
            entry["detail"] = detail
        self.checks.append(entry)
        return True

    @property
    def ok(self) -> bool:
        return all(c["ok"] for c in self.checks)


def _office_dir(root: Path) -> Path:
    from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings

    data_dir = root / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(
        data_dir,
        Settings(office=Office(OfficeKind.DESA, "Desa Uji Mandiri", "18.01.01.2001"), operator="Uji Mandiri"),
    )
    return data_dir


def _migrate(data_dir: Path) -> str:
    from lapor_desktop.app import prepare_data_dir
    from lapor_desktop.storage.migrate import HEAD_REVISION, current_revision

    db_path = prepare_data_dir(data_dir)
    revision = current_revision(db_path)
    if revision != HEAD_REVISION:
        raise AssertionError(f"schema at {revision}, expected {HEAD_REVISION}")
    return revision


def _write_and_read(data_dir: Path) -> dict[str, object]:
    import datetime as dt

    from lapor_desktop.app import open_app
    from lapor_desktop.domain import Classification, Location, ReportContent, Reporter, ReportState
    from lapor_desktop.reports.queries import ReportFilter, ReportQueries
    from lapor_desktop.storage.paths import DB_FILENAME

    content = ReportContent(
        classification=Classification.COMPLAINT,
        title="Uji mandiri: jalan desa berlubang",
        body="Laporan uji mandiri aplikasi: jalan utama dusun berlubang dan tergenang saat hujan.",
        category_code="infrastruktur",
        incident_date=dt.date(2026, 1, 15),
        location=Location(region_code="18.01.01.2001", address="Dusun I"),
        reporter=Reporter(name="Warga Uji", nik=NIK, phone=PHONE),
        consent=True,
    )
    with open_app(data_dir) as app:
        created = app.reports.create(content, queue=True)
        stored = app.reports.get(created.id)
    if stored.content != created.content or stored.state is not ReportState.QUEUED:
        raise AssertionError("the stored report differs from the one written")
    queries = ReportQueries(data_dir / DB_FILENAME)
    try:
        page = queries.page(ReportFilter(search="berlubang"), limit=10)
    finally:
        queries.close()
    if [row.id for row in page.rows] != [created.id]:
        raise AssertionError("the report is not found by the list search")
    return {"local_ref": created.local_ref}


def _resources() -> dict[str, object]:
    from lapor_desktop.resources import resource_path, resources_dir

    needed = [
        ("categories.json",),
        ("provinces.json",),
        ("style.qss",),
        ("translations", "lapor_en.qm"),
        ("demo", "lampung_selatan.json"),
    ]
    missing = ["/".join(parts) for parts in needed if not resource_path(*parts).is_file()]
    if missing:
        raise AssertionError(f"missing resources in {resources_dir()}: {', '.join(missing)}")
    return {"dir": str(resources_dir())}


def _logs(root: Path) -> None:
    import logging

    from lapor_desktop.support.logs import make_support_zip, remove_logging, setup_logging

    log_dir = root / "logs"
    path = setup_logging(log_dir)
    if path is None:
        raise AssertionError("log file could not be opened")
    try:
        logging.getLogger("lapor_desktop.self_test").warning(
            "self-test line: nik %s phone %s Authorization: Bearer abc.def", NIK, PHONE
        )
    finally:
        remove_logging(path)
    text = path.read_text(encoding="utf-8")
    if NIK in text or PHONE in text or "abc.def" in text:
        raise AssertionError("personal data reached the log file")
    import zipfile

    with zipfile.ZipFile(make_support_zip(root / "support.zip", log_directory=log_dir)) as archive:
        if not any(name.startswith("log/") for name in archive.namelist()):
            raise AssertionError("the support zip holds no log")


def _profiles(root: Path) -> None:
    from lapor_desktop.offices.profiles import (
        OfficeProfile,
        ProfileError,
        read_profile,
        trainer_key,
        write_profile,
    )
    from lapor_desktop.offices.settings import Office, OfficeKind

    key = trainer_key(root / "trainer")
    profile = OfficeProfile(
        Office(OfficeKind.DESA, "Desa Uji", "18.01.01.2001"), "http://127.0.0.1:9/api", "t0ken", True
    )
    path = write_profile(root / "uji.lapor-profile", profile, key)
    if read_profile(path).profile != profile:
        raise AssertionError("a signed profile does not read back")
    path.write_text(path.read_text(encoding="utf-8").replace("Desa Uji", "Desa Palsu"), encoding="utf-8")
    try:
        read_profile(path)
    except ProfileError:
        return
    raise AssertionError("a tampered profile was accepted")


def _sync_stack() -> dict[str, object]:
    import certifi

    import sync.client  # noqa: F401  (requests, urllib3 and the wire mapping import in the bundle)
    import sync.commands  # noqa: F401

    if not Path(certifi.where()).is_file():
        raise AssertionError("CA certificates are missing")
    return {"ca": Path(certifi.where()).name}


def _render_window(root: Path, data_dir: Path) -> dict[str, object]:
    # Offscreen whatever the session has: the self-test must run on a build server without a display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["lapor-desktop", "--self-test"])
    assert isinstance(app, QApplication)
    rendered = {"real": _render_once(app, data_dir, root / "window.png")}

    from lapor_desktop.app import prepare_data_dir
    from lapor_desktop.offices.training import TrainingSetup, active_data_dir, enter_training

    enter_training(data_dir, TrainingSetup(server_url="http://127.0.0.1:9/api"))
    training = active_data_dir(data_dir)
    prepare_data_dir(training)
    rendered["training"] = _render_once(app, training, root / "window-training.png")
    QCoreApplication.processEvents()
    return rendered


def _render_once(app: object, data_dir: Path, png: Path) -> dict[str, object]:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from lapor_desktop.storage.paths import DB_FILENAME
    from ui.main_window import MainWindow
    from ui.services import Services

    services = Services(data_dir, data_dir / DB_FILENAME, inline=True)
    window = MainWindow(services, auto_sync_ms=None)
    try:
        window.show()
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        expected = services.queries.counts_by_state()
        rows_expected = min(sum(expected.values()), 1)
        while time.monotonic() < deadline and window.all_page.model.rowCount() < rows_expected:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        rows = window.all_page.model.rowCount()
        if rows < rows_expected:
            raise AssertionError("the report list stayed empty")
        image = window.grab().toImage()
        if image.isNull() or image.width() < 200 or image.height() < 200:
            raise AssertionError("the main window did not render")
        image.save(str(png))
        banner = getattr(window, "training_banner", None)
        training = services.settings().training
        if training and banner is not None and not banner.isVisible():
            raise AssertionError("the MODE LATIHAN banner is not shown in training mode")
        return {"rows": rows, "size": [image.width(), image.height()], "title": window.windowTitle()}
    finally:
        window.close()
        services.close()
        window.deleteLater()
        QCoreApplication.processEvents()


def run_self_test(*, keep: bool = False, gui: bool = True) -> tuple[bool, dict[str, object]]:
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="lapor-self-test-"))
    test = SelfTest(root)
    try:
        data_dir = _office_dir(root)
        migrated = test.check("migrations", lambda: _migrate(data_dir))
        test.check("resources", _resources)
        if migrated:
            test.check("write_and_read_report", lambda: _write_and_read(data_dir))
        test.check("log_redaction", lambda: _logs(root))
        test.check("profile_signatures", lambda: _profiles(root))
        test.check("sync_stack", _sync_stack)
        if gui and migrated:
            test.check("main_window_offscreen", lambda: _render_window(root, data_dir))
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    from lapor_desktop import __version__

    result: dict[str, object] = {
        "ok": test.ok,
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "seconds": round(time.perf_counter() - started, 2),
        "checks": test.checks,
    }
    if keep:
        result["dir"] = str(root)
    return test.ok, result


def main(argv: list[str]) -> int:
    ok, result = run_self_test(keep="--keep" in argv, gui="--no-gui" not in argv)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    return 0 if ok else 1
