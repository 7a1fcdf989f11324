"""Sending queued reports: attachments first, then batches of up to 50, exactly once.

Exactly once rests on the contract's idempotency: a report's `client_id` is
its key, and its wire JSON never changes once it has been on the wire (the
core refuses to unqueue it), so any resend after a timeout, a dropped
connection or a crash is answered with the original receipt. The receipt is
stored in the same transaction that marks the report sent.

A batch goes on the wire from a worker thread while this thread stores the
previous batch's receipts (and claims the next batch) in one transaction: the
server's work and the local commit overlap instead of adding up. A receipt held
only in memory when the process dies is not lost: the resend is answered with
it (`replayed`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from lapor_desktop.attachments.blobs import BlobStore
from lapor_desktop.domain import AttachmentRef, Report
from lapor_desktop.outbox.replies import OutgoingReply, ReplyOutboxStore
from lapor_desktop.outbox.store import OutboxStore, SentReceipt
from lapor_desktop.timestamps import utcnow
from sync.backoff import Backoff
from sync.client import MAX_BATCH, ApiClient, BatchItemOutcome
from sync.errors import (
    ApiError,
    AuthFailure,
    MissingAttachments,
    NotFound,
    PermanentForItem,
    Transient,
    fix_messages,
    fix_summary,
    reply_refusal,
)
from sync.wire import Receipt, reply_to_wire, report_to_wire

log = logging.getLogger(__name__)

# The contract allows 1 MiB of JSON per request after decompression; stay clear of it.
MAX_BATCH_JSON_BYTES = 900 * 1024
REPLY_CLAIM = 20

WAITING_FOR_1_1 = (
    "Server LAPOR! ini belum menerima tanggapan pelapor (API 1.0); tanggapan tetap tersimpan dan "
    "dikirim setelah server diperbarui."
)


class OutboxPaused(Exception):
    """401/403: stop sending until the settings change."""

    def __init__(self, error: AuthFailure) -> None:
        super().__init__(str(error))
        self.error = error


class GaveUpForNow(Exception):
    """A transient failure outlasted this pass's patience; the reports stay queued."""

    def __init__(self, error: Transient, retry_at: dt.datetime) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_at = retry_at


@dataclass
class SendStats:
    sent: int = 0
    replayed: int = 0  # receipts the server had already issued (a resend after a lost answer)
    needs_fix: int = 0
    uploaded: int = 0
    upload_skipped: int = 0
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    replies_sent: int = 0
    replies_refused: int = 0


Progress = Callable[[int, str], None]


class Outbox:
    def __init__(
        self,
        store: OutboxStore,
        blobs: BlobStore,
        client: ApiClient,
        *,
        backoff: Backoff | None = None,
        patience_s: float = 60.0,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
        replies: ReplyOutboxStore | None = None,
        agency: bool = True,
    ) -> None:
        self._store = store
        self._replies = replies
        self._agency = agency  # the server speaks 1.1: reports carry their agency_code
        self._blobs = blobs
        self._client = client
        self._backoff = backoff or Backoff()
        self._patience_s = patience_s
        self._cancel = cancel or threading.Event()
        self._progress = progress or (lambda done, message: None)
        self._known_remote: set[str] = set()
        # The next batch, claimed in the transaction that stored the last receipts.
        self._ahead: list[Report] = []
        # Receipts received and not stored yet: stored while the next batch is on the wire.
        self._unstored: list[tuple[Report, Receipt]] = []
        self._wire: ThreadPoolExecutor | None = None
        self.stats = SendStats()

    def send_all(self) -> SendStats:
        """Send every due queued report; raises OutboxPaused or GaveUpForNow to stop early."""
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lapor-outbox") as self._wire:
                while not self._cancel.is_set():
                    batch, self._ahead = self._ahead or self._store.claim(MAX_BATCH), []
                    if not batch:
                        break
                    self._send_batch(batch)
        finally:
            self._wire = None
            try:
                self._store_receipts(claim_ahead=False)
            finally:
                self._store.release_all()
        return self.stats

    # -- one batch -------------------------------------------------------------------

    def _send_batch(self, reports: list[Report]) -> None:
        reports = self._upload_attachments(reports)
        for chunk in _chunks_by_size(reports, agency=self._agency):
            self._submit(chunk)

    def _submit(self, chunk: list[tuple[Report, dict[str, object]]]) -> None:
        if not chunk:
            return
        reports = [report for report, _ in chunk]
        wire = [body for _, body in chunk]
        # The claim noted the reports without attachments already.
        self._store.note_attempt(r.id for r in reports if r.content.attachments)
        try:
            outcomes = self._retrying(self._posting(wire), reports)
        except PermanentForItem as error:
            # The request as a whole was refused (too large, unreadable): isolate the culprit.
            if len(chunk) > 1:
                middle = len(chunk) // 2
                self._submit(chunk[:middle])
                self._submit(chunk[middle:])
            else:
                self._needs_fix(reports[0], error)
            return
        missing = self._settle(reports, outcomes, missing_is_final=False)
        if missing:
            # The server lost or never got an attachment it was told about: upload and send once more.
            again = self._upload_attachments(missing, force_check=True)
            if again:
                wire_again = [report_to_wire(r, agency=self._agency) for r in again]
                outcomes = self._retrying(lambda: self._client.submit_batch(wire_again), again)
                self._settle(again, outcomes, missing_is_final=True)

    def _posting(self, wire: list[dict[str, object]]) -> Callable[[], list[BatchItemOutcome]]:
        """Put the batch on the wire now and store the last receipts meanwhile; the call answers.

        The first call returns the worker's answer (or raises its failure); a
        retry posts again from this thread.
        """
        assert self._wire is not None  # batches are sent by `send_all` only
        posted: Future[list[BatchItemOutcome]] | None = self._wire.submit(self._client.submit_batch, wire)
        self._store_receipts(claim_ahead=True)

        def answer() -> list[BatchItemOutcome]:
            nonlocal posted
            if posted is None:
                return self._client.submit_batch(wire)
            first, posted = posted, None
            return first.result()

        return answer

    def _settle(
        self, reports: list[Report], outcomes: list[BatchItemOutcome], *, missing_is_final: bool
    ) -> list[Report]:
        """Record each item's outcome; returns the reports the server lacks attachments for, to retry."""
        sent: list[tuple[Report, Receipt]] = []
        missing: list[Report] = []
        paused: AuthFailure | None = None
        for report, outcome in zip(reports, outcomes, strict=True):
            result = outcome.result
            if isinstance(result, Receipt):
                sent.append((report, result))
            elif isinstance(result, MissingAttachments) and not missing_is_final:
                missing.append(report)
                self._known_remote.difference_update(result.missing)
            elif isinstance(result, PermanentForItem | MissingAttachments | NotFound):
                self._needs_fix(report, result)
            elif isinstance(result, AuthFailure):
                paused = paused or result
            else:  # Transient for this item only
                delay = self._backoff.delay(0, result.retry_after)
                self._store.postpone(
                    [report.id], until=utcnow() + dt.timedelta(seconds=delay), error=str(result)
                )
                self.stats.failures.append(result.detail)
        self._unstored.extend(sent)
        if paused is not None:
            # The receipts the server gave are kept even when another item stops the pass.
            self._store_receipts(claim_ahead=False)
            raise OutboxPaused(paused)
        return missing

    def _store_receipts(self, *, claim_ahead: bool) -> None:
        """Store the receipts not stored yet in one transaction, claiming the next batch in it if none is."""
        sent, self._unstored = self._unstored, []
        ahead = MAX_BATCH if claim_ahead and not self._ahead and not self._cancel.is_set() else 0
        if not sent and not ahead:
            return
        stored = self._store.mark_all_sent(
            [
                SentReceipt(report.id, receipt.tracking_id, receipt.received_at, receipt.status)
                for report, receipt in sent
            ],
            claim_next=ahead,
        )
        self._ahead.extend(stored.claimed)
        marked = set(stored.marked)
        fresh = [(report, receipt) for report, receipt in sent if report.id in marked]
        if not fresh:
            return
        self.stats.sent += len(fresh)
        self.stats.replayed += sum(int(receipt.replayed) for _, receipt in fresh)
        last, receipt = fresh[-1]
        self._progress(
            self.stats.sent,
            f"{len(fresh)} laporan terkirim (terakhir {last.local_ref}: {receipt.tracking_id})",
        )

    def _needs_fix(self, report: Report, error: PermanentForItem | MissingAttachments | NotFound) -> None:
        if isinstance(error, PermanentForItem):
            messages, summary = fix_messages(error), fix_summary(error)
            if not messages and error.code == "unknown_category":
                messages = {"category_code": str(error)}
            if not messages and error.code == "unknown_agency":
                messages = {"agency_code": str(error)}
        elif isinstance(error, MissingAttachments):
            messages, summary = {"attachments": str(error)}, fix_summary(error)
        else:
            messages, summary = {}, str(error)
        if self._store.mark_needs_fix(report.id, messages=messages, summary=summary):
            self.stats.needs_fix += 1
            log.info("report %s needs a fix: %s", report.id, getattr(error, "code", "?"))

    # -- attachments -------------------------------------------------------------------

    def _upload_attachments(self, reports: list[Report], *, force_check: bool = False) -> list[Report]:
        """Make sure the server holds every attachment; returns the reports still sendable."""
        sendable: list[Report] = []
        for report in reports:
            try:
                self._ensure_held(
                    report.content.attachments,
                    lambda until, error, report=report: self._store.postpone(
                        [report.id], until=until, error=error
                    ),
                    force_check=force_check,
                )
            except PermanentForItem as error:  # hash_mismatch, payload_too_large
                self._needs_fix(report, error)
                continue
            except FileNotFoundError:
                self._store.mark_needs_fix(
                    report.id,
                    messages={"attachments": "Berkas lampiran hilang dari komputer ini; tambahkan lagi."},
                    summary="Berkas lampiran hilang dari komputer ini; tambahkan lagi lalu antrekan ulang.",
                )
                self.stats.needs_fix += 1
                continue
            sendable.append(report)
        return sendable

    def _ensure_held(
        self,
        refs: tuple[AttachmentRef, ...],
        postpone: Callable[[dt.datetime, str], None],
        *,
        force_check: bool = False,
    ) -> None:
        """Make sure the server holds these attachments: HEAD each, PUT the ones it lacks."""
        for ref in refs:
            if ref.sha256 in self._known_remote and not force_check:
                continue
            held = self._retry(lambda ref=ref: self._client.has_attachment(ref.sha256), postpone)
            if held:
                self.stats.upload_skipped += 1
            else:
                data = self._blobs.read(ref.sha256)
                self._retry(
                    lambda ref=ref, data=data: self._client.put_attachment(
                        ref.sha256, data, ref.content_type
                    ),
                    postpone,
                )
                self.stats.uploaded += 1
            self._known_remote.add(ref.sha256)

    # -- replies (contract 1.1) ------------------------------------------------------------

    def send_replies(self, *, speaks_replies: bool) -> None:
        """Send every due queued reply, exactly once; against a 1.0 server they wait, with a note."""
        if self._replies is None or not self._replies.any_queued():
            return
        if not speaks_replies:
            self._replies.set_waiting_note(WAITING_FOR_1_1)
            return
        self._replies.set_waiting_note(None)
        try:
            while not self._cancel.is_set():
                claimed = self._replies.claim(REPLY_CLAIM)
                if not claimed:
                    break
                for item in claimed:
                    if self._cancel.is_set():
                        break
                    self._send_reply(item)
        finally:
            self._replies.release_all()

    def _send_reply(self, item: OutgoingReply) -> None:
        replies = self._replies
        assert replies is not None
        reply = item.reply

        def postpone(until: dt.datetime, error: str) -> None:
            replies.postpone([reply.id], until=until, error=error)

        try:
            self._ensure_held(reply.attachments, postpone)
            body = reply_to_wire(reply)
            replies.note_attempt(reply.id)
            try:
                receipt = self._retry(lambda: self._client.submit_reply(item.tracking_id, body), postpone)
            except MissingAttachments as missing:
                # The server lost an attachment it was told about: upload again and send once more.
                self._known_remote.difference_update(missing.missing)
                self._ensure_held(reply.attachments, postpone, force_check=True)
                receipt = self._retry(lambda: self._client.submit_reply(item.tracking_id, body), postpone)
        except (PermanentForItem, MissingAttachments, NotFound) as error:
            if replies.refuse(reply.id, reply_refusal(error, item.tracking_id)):
                self.stats.replies_refused += 1
                log.info("reply %s refused: %s", reply.id, getattr(error, "code", "?"))
            return
        except FileNotFoundError:
            if replies.refuse(
                reply.id, "Berkas lampiran tanggapan hilang dari komputer ini; catat tanggapan baru."
            ):
                self.stats.replies_refused += 1
            return
        if replies.mark_sent(reply.id, remote_id=receipt.reply_id, received_at=receipt.received_at):
            self.stats.replies_sent += 1
            self.stats.replayed += int(receipt.replayed)
            self._progress(self.stats.sent, f"Tanggapan pelapor terkirim ({item.tracking_id})")

    # -- retries -------------------------------------------------------------------------

    def _retrying(self, call: Callable[[], object], reports: list[Report]):  # type: ignore[no-untyped-def]
        """Call, retrying transient failures with back-off while this pass's patience lasts."""
        ids = [r.id for r in reports]
        return self._retry(call, lambda until, error: self._store.postpone(ids, until=until, error=error))

    def _retry(self, call: Callable[[], object], postpone: Callable[[dt.datetime, str], None]):  # type: ignore[no-untyped-def]
        """`_retrying` for any item: `postpone(until, error)` keeps it queued when patience runs out."""
        deadline = time.monotonic() + self._patience_s
        attempt = 0
        while True:
            self.stats.requests += 1
            try:
                return call()
            except AuthFailure as error:
                raise OutboxPaused(error) from error
            except Transient as error:
                delay = self._backoff.delay(attempt, error.retry_after)
                attempt += 1
                self.stats.failures.append(error.detail)
                if self._cancel.is_set() or time.monotonic() + delay > deadline:
                    retry_at = utcnow() + dt.timedelta(seconds=delay)
                    postpone(retry_at, str(error))
                    raise GaveUpForNow(error, retry_at) from error
                log.info("transient failure (%s); retrying in %.1f s", error.kind.value, delay)
                self._cancel.wait(delay)
            except ApiError:
                raise


def _chunks_by_size(
    reports: list[Report], *, agency: bool = True
) -> list[list[tuple[Report, dict[str, object]]]]:
    """The reports with their wire JSON, in chunks that stay under the contract's request size."""
    items = [(report, report_to_wire(report, agency=agency)) for report in reports]
    if _json_size([wire for _, wire in items]) <= MAX_BATCH_JSON_BYTES:
        return [items] if items else []  # the usual batch: measured whole, once
    chunks: list[list[tuple[Report, dict[str, object]]]] = [[]]
    size = 0
    for report, wire in items:
        item = _json_size(wire) + 1
        if chunks[-1] and size + item > MAX_BATCH_JSON_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append((report, wire))
        size += item
    return [c for c in chunks if c]


def _json_size(value: object) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
