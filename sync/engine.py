"""One sync pass: probe, categories, send the outbox, pull statuses back.

The CLI (`lapor-desktop sync`) and the GUI's worker thread both call
`SyncEngine.run_once`; nothing here touches Qt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lapor_desktop.domain import ReplyState, ReportState
from lapor_desktop.offices.token_store import load_token
from lapor_desktop.outbox.replies import ReplyOutboxStore
from lapor_desktop.outbox.store import OutboxStore
from lapor_desktop.timestamps import from_text, to_text, utcnow
from sync.agencies import refresh_agencies
from sync.backoff import Backoff
from sync.categories import refresh_categories
from sync.client import ApiClient
from sync.errors import ApiError, AuthFailure, Transient
from sync.outbox import WAITING_FOR_1_1, GaveUpForNow, Outbox, OutboxPaused
from sync.probe import probe
from sync.pull import pull_changes
from sync.wire import speaks_replies

if TYPE_CHECKING:
    from lapor_desktop.app import App

log = logging.getLogger(__name__)

EXIT_DONE = 0
EXIT_CONFIG = 1
EXIT_TEMPFAIL = 75  # sysexits EX_TEMPFAIL: try again later

_AUTH_PAUSE_KEY = "auth_pause"
# Reference lists change rarely, and a desa pays for every byte: a pass asks for one only when it was
# never fetched, or for the stalest one when it is older than this (a conditional GET, usually a 304).
REFERENCE_MAX_AGE = dt.timedelta(hours=6)
_REFERENCE_KEY = "reference_checked:"


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "probe", "send", "pull", "done"
    done: int
    total: int
    message: str


@dataclass(frozen=True)
class SyncSummary:
    online: bool
    sent: int
    pending: int
    needs_fix: int
    updated: int
    message: str
    auth_problem: str | None = None
    config_problem: str | None = None
    clock_warning: str | None = None
    retry_after_s: float | None = None
    requests: int = 0
    uploaded: int = 0
    upload_skipped: int = 0
    replayed: int = 0
    replies_sent: int = 0
    replies_refused: int = 0
    replies_waiting: int = 0  # queued replies still to go (against a 1.0 server: all of them)
    api_version: str | None = None

    @property
    def exit_code(self) -> int:
        if self.auth_problem or self.config_problem:
            return EXIT_CONFIG
        return EXIT_TEMPFAIL if self.pending or self.replies_waiting else EXIT_DONE

    def to_json(self) -> dict[str, object]:
        return {
            "sent": self.sent,
            "pending": self.pending,
            "needs_fix": self.needs_fix,
            "updated": self.updated,
            "online": self.online,
            "message": self.message,
            "auth_problem": self.auth_problem,
            "config_problem": self.config_problem,
            "clock_warning": self.clock_warning,
            "uploaded": self.uploaded,
            "upload_skipped": self.upload_skipped,
            "replayed": self.replayed,
            "replies_sent": self.replies_sent,
            "replies_refused": self.replies_refused,
            "replies_waiting": self.replies_waiting,
            "api_version": self.api_version,
        }


def settings_fingerprint(server_url: str, token: str) -> str:
    """Identifies "these settings": an auth pause and the pull cursor belong to them."""
    return hashlib.sha256(f"{server_url}\n{token}".encode()).hexdigest()[:20]


class SyncEngine:
    def __init__(
        self,
        app: App,
        *,
        backoff: Backoff | None = None,
        patience_s: float = 60.0,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        client_factory: Callable[[str, str], ApiClient] | None = None,
    ) -> None:
        self._app = app
        self._store = OutboxStore(app.db)
        self._replies = ReplyOutboxStore(app.db)
        self._backoff = backoff or Backoff()
        self._patience_s = patience_s
        self._client_factory = client_factory or (
            lambda url, token: ApiClient(
                url, token, connect_timeout=connect_timeout, read_timeout=read_timeout
            )
        )

    def run_once(
        self,
        progress: Callable[[SyncProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> SyncSummary:
        report = progress or (lambda p: None)
        cancel = cancel or threading.Event()
        settings = self._app.settings()
        token = load_token(self._app.data_dir)
        if not settings.server_url or not token:
            return self._summary(
                online=False,
                message="Alamat server atau token belum diatur.",
                config_problem="Atur alamat server dan token: `lapor-desktop server set URL --token TOKEN` "
                "atau lewat Pengaturan.",
            )
        fingerprint = settings_fingerprint(settings.server_url, token)
        paused = self._auth_pause(fingerprint)
        if paused is not None:
            return self._summary(online=False, message=paused, auth_problem=paused)

        client = self._client_factory(settings.server_url, token)
        try:
            report(SyncProgress("probe", 0, 1, "Memeriksa koneksi ke LAPOR!..."))
            connectivity = probe(client)
            if not connectivity.online:
                return self._summary(online=False, message=connectivity.reason)
            version = connectivity.api_version
            self._refresh_reference_lists(client)

            queued = self._store.counts()[ReportState.QUEUED]
            outbox = Outbox(
                self._store,
                self._app.blobs,
                client,
                backoff=self._backoff,
                patience_s=self._patience_s,
                cancel=cancel,
                progress=lambda done, message: report(SyncProgress("send", done, queued, message)),
                replies=self._replies,
                agency=speaks_replies(version),
            )
            retry_after: float | None = None
            message = "Sinkronisasi selesai."
            try:
                outbox.send_all()
                outbox.send_replies(speaks_replies=speaks_replies(version))
            except OutboxPaused as paused_error:
                return self._pause(fingerprint, paused_error.error, outbox, connectivity.clock_warning)
            except GaveUpForNow as gave_up:
                message = f"Sebagian laporan atau tanggapan belum terkirim: {gave_up.error}"
                retry_after = gave_up.error.retry_after
            if not speaks_replies(version) and self._replies.counts()[ReplyState.QUEUED]:
                message = f"{message} {WAITING_FOR_1_1}"

            report(SyncProgress("pull", 0, 1, "Mengambil status dan tanggapan instansi..."))
            updated = 0
            try:
                updated = pull_changes(client, self._store, f"pull_cursor:{fingerprint}", cancel=cancel)
            except AuthFailure as error:
                return self._pause(fingerprint, error, outbox, connectivity.clock_warning)
            except Transient as error:
                message = f"Status laporan belum dapat diperbarui: {error}"
            except ApiError as error:
                message = f"Status laporan belum dapat diperbarui: {error}"
            summary = self._summary(
                online=True,
                message=message,
                sent=outbox.stats.sent,
                updated=updated,
                clock_warning=connectivity.clock_warning,
                retry_after_s=retry_after,
                requests=outbox.stats.requests,
                uploaded=outbox.stats.uploaded,
                upload_skipped=outbox.stats.upload_skipped,
                replayed=outbox.stats.replayed,
                replies_sent=outbox.stats.replies_sent,
                replies_refused=outbox.stats.replies_refused,
                api_version=version,
            )
            report(SyncProgress("done", 1, 1, summary.message))
            return summary
        finally:
            client.close()

    # -- reference lists ---------------------------------------------------------------

    def _refresh_reference_lists(self, client: ApiClient) -> None:
        """Categories and agencies: every list never fetched, else at most the stalest one past its age."""
        now = utcnow()
        lists = {"categories": refresh_categories, "agencies": refresh_agencies}
        checked = {name: self._store.get_state(_REFERENCE_KEY + name) for name in lists}
        due = [name for name, at in checked.items() if at is None]
        if not due:
            name, at = min(checked.items(), key=lambda item: item[1] or "")
            if at is not None and now - from_text(at) >= REFERENCE_MAX_AGE:
                due = [name]
        for name in due:
            result = lists[name](client, self._app.data_dir)
            if result.error is None:
                self._store.set_state(_REFERENCE_KEY + name, to_text(now))

    # -- auth pause ----------------------------------------------------------------------

    def _auth_pause(self, fingerprint: str) -> str | None:
        raw = self._store.get_state(_AUTH_PAUSE_KEY)
        if raw is None:
            return None
        pause = json.loads(raw)
        if pause.get("fingerprint") != fingerprint:
            self._store.set_state(_AUTH_PAUSE_KEY, None)  # the settings changed: try again
            return None
        return str(pause["message"])

    def _pause(self, fingerprint: str, error: AuthFailure, outbox: Outbox, clock: str | None) -> SyncSummary:
        message = f"{error} Pengiriman dihentikan sampai pengaturan server atau token diperbarui."
        self._store.set_state(_AUTH_PAUSE_KEY, json.dumps({"fingerprint": fingerprint, "message": message}))
        log.warning("sync paused: server answered %s", error.status)
        return self._summary(
            online=True, message=message, auth_problem=message, sent=outbox.stats.sent, clock_warning=clock
        )

    def _summary(
        self, *, online: bool, message: str, sent: int = 0, updated: int = 0, **extra: object
    ) -> SyncSummary:
        counts = self._store.counts()
        extra.setdefault("replies_waiting", self._replies.counts()[ReplyState.QUEUED])
        return SyncSummary(
            online=online,
            sent=sent,
            pending=counts[ReportState.QUEUED],
            needs_fix=counts[ReportState.NEEDS_FIX],
            updated=updated,
            message=message,
            **extra,  # type: ignore[arg-type]
        )
