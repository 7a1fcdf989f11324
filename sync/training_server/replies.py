"""`POST /v1/reports/{tracking_id}/replies`: a reply from the reporter (contract 1.1).

The order in which a reply is judged, each step answering only when the
ones before it passed:

1. `404 not_found`: no report with this tracking id was sent with this token
   (another office's report is not found either, so a tracking id tells
   nothing about other offices).
2. Idempotency on the reply's `client_id`, per token like a report's: the
   same content (the same JSON value after parsing, sent to the same report)
   answers `200` with the first `ReplyReceipt` and `replayed: true`, even if
   the report has closed since; other content is `409 idempotency_conflict`.
3. `422 validation_failed` with `fields` (text 5 to 2,000 characters after
   trimming, the attachments as for a report, no other properties).
4. `422 report_closed`: the report is rejected or archived, or was
   completed more than 10 working days ago (`deadlines`).
5. `422 missing_attachments` with `error.missing`.

An accepted reply is `201`. It is stored among the report's responses with
`author_role: reporter` and its `client_id`, counts as a change for the
status pull, and takes an `on_hold` report back to `pending_verification`
(a new 3-working-day verification step). A reply to a completed report is
shown to the trainer, who may move the report back to `in_progress`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .deadlines import Deadlines, parse_stamp
from .http_io import ApiError, Outcome, utc_now
from .labels import status_label
from .reference import Region
from .reply_rules import CheckedReply
from .report_rules import missing_attachments_error, validation_error
from .store import Intake, StoredReport, StoredResponse, Token


def reply_receipt(reply: StoredResponse, tracking_id: str, replayed: bool) -> dict[str, Any]:
    return {
        "client_id": reply.client_id,
        "tracking_id": tracking_id,
        "reply_id": reply.id,
        "received_at": reply.at,
        "replayed": replayed,
    }


def not_found(tracking_id: str) -> ApiError:
    return ApiError(404, "not_found", f"Laporan {tracking_id[:40]} tidak ditemukan untuk kantor ini.")


class ReplyDesk:
    def __init__(self, deadlines: Deadlines, region: Callable[[], Region]) -> None:
        self.deadlines = deadlines
        self.region = region

    def admit(self, intake: Intake, token: Token, tracking_id: str, checked: CheckedReply) -> Outcome:
        report = intake.report_for(token.id, tracking_id)
        if report is None:
            return Outcome.failed(not_found(tracking_id))
        if checked.client_id is not None and "client_id" not in checked.problems:
            earlier = intake.find_reply(token.id, checked.client_id)
            if earlier is not None:
                reply, replied_to = earlier
                if replied_to == report.tracking_id and reply.content == checked.canonical:
                    return Outcome(200, reply_receipt(reply, replied_to, replayed=True))
                return Outcome.failed(
                    ApiError(
                        409,
                        "idempotency_conflict",
                        f"client_id ini sudah dipakai untuk tanggapan {reply.id} pada laporan {replied_to} "
                        "dengan isi yang berbeda. Tanggapan tidak disimpan dua kali.",
                    )
                )
        if checked.problems:
            return Outcome.failed(validation_error(checked.problems, "tanggapan"))
        closed = self._closed(report)
        if closed is not None:
            return Outcome.failed(closed)
        missing = intake.missing_attachments(checked.attachment_shas)
        if missing:
            return Outcome.failed(missing_attachments_error(missing, "tanggapan"))
        assert checked.client_id is not None
        reply = intake.insert_reply(report, token.id, checked.client_id, checked.text, checked.canonical)
        return Outcome(201, reply_receipt(reply, report.tracking_id, replayed=False))

    def _closed(self, report: StoredReport) -> ApiError | None:
        region = self.region()
        if not self.deadlines.closed_for_replies(report.status, report.status_at, utc_now(), region):
            return None
        label = status_label(report.status)
        if report.status == "completed":
            until = self.deadlines.replies_until(report.status_at, region)
            completed = parse_stamp(report.status_at).astimezone(region.zone)
            why = (
                f"selesai pada {completed:%d-%m-%Y} dan batas tanggapan 10 hari kerja berakhir "
                f"{until:%d-%m-%Y} pukul {until:%H.%M} {region.zone_name}"
            )
        else:
            why = f"berstatus {label}"
        return ApiError(
            422,
            "report_closed",
            f"Laporan {report.tracking_id} sudah ditutup ({why}); tanggapan pelapor tidak dapat diterima lagi. "
            "Bila masalahnya masih ada, catat sebagai laporan baru.",
        )
