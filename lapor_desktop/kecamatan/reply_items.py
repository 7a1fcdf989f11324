"""The items of a reply paket: what a kecamatan tells a desa about each report it handed over.

One item per report the kecamatan decided: sent to LAPOR! (with what LAPOR!
said about it), returned to the desa with a note, or a duplicate of another
report. Each is a typed value here and a JSON object in the paket's manifest.

Beside them (format version 2, manifest key ``replies``): what became of each
reporter's reply the desa handed over, once LAPOR! took it or refused it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lapor_desktop.domain import AgencyRef, AgencyResponse, RemoteStatus, ReplyState, ResponseRole
from lapor_desktop.kecamatan.paket import PaketRejected
from lapor_desktop.reports.remote_status import RemoteFacts
from lapor_desktop.timestamps import from_text, to_text

MAX_NOTE = 2000
_UUID_LENGTH = 36
MAX_REF = 60
MAX_TRACKING_ID = 64


class ReplyOutcome(StrEnum):
    """What the kecamatan did with a handed-over report (also the desa's `handovers.outcome`)."""

    SENT = "sent"
    RETURNED = "returned"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class SentItem:
    client_id: str
    handover_id: str
    facts: RemoteFacts


@dataclass(frozen=True)
class ReturnedItem:
    client_id: str
    handover_id: str
    note: str


@dataclass(frozen=True)
class DuplicateItem:
    client_id: str
    handover_id: str
    note: str
    duplicate_of_ref: str  # the other report's number at the kecamatan, or ""


ReplyItem = SentItem | ReturnedItem | DuplicateItem


def outcome_of(item: ReplyItem) -> ReplyOutcome:
    if isinstance(item, SentItem):
        return ReplyOutcome.SENT
    if isinstance(item, ReturnedItem):
        return ReplyOutcome.RETURNED
    return ReplyOutcome.DUPLICATE


def item_to_json(item: ReplyItem) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "client_id": item.client_id,
        "handover_id": item.handover_id,
        "outcome": outcome_of(item).value,
    }
    if isinstance(item, SentItem):
        facts = item.facts
        entry.update(
            tracking_id=facts.tracking_id,
            received_at=to_text(facts.received_at) if facts.received_at else None,
            remote_status=facts.status.value if facts.status else None,
            status_updated_at=to_text(facts.status_updated_at) if facts.status_updated_at else None,
            agency={"code": facts.agency.code, "name": facts.agency.name} if facts.agency else None,
            due_at=to_text(facts.due_at) if facts.due_at else None,
            responses=[
                {
                    "id": r.id,
                    "at": to_text(r.at),
                    "author": r.author,
                    "text": r.text,
                    "author_role": r.role.value,
                    "client_id": r.client_id,
                }
                for r in facts.responses
            ],
        )
    elif isinstance(item, ReturnedItem):
        entry.update(note=item.note)
    else:
        entry.update(note=item.note, duplicate_of_ref=item.duplicate_of_ref)
    return entry


def parse_item(raw: object, index: int) -> ReplyItem:
    """One manifest entry as a typed item; a malformed one refuses the whole paket (`PaketRejected`)."""
    where = f"Balasan ke-{index + 1} dalam paket"
    if not isinstance(raw, dict):
        raise PaketRejected(f"{where} tidak dapat dibaca.")
    client_id, handover_id, outcome = raw.get("client_id"), raw.get("handover_id"), raw.get("outcome")
    if not isinstance(client_id, str) or not isinstance(handover_id, str):
        raise PaketRejected(f"{where}: pengenal laporan tidak valid.")
    if outcome not in tuple(ReplyOutcome):
        raise PaketRejected(f"{where}: jenis balasan {str(outcome)[:20]!r} tidak dikenal.")
    try:
        if outcome == ReplyOutcome.SENT:
            return SentItem(client_id, handover_id, _parse_facts(raw))
        note = raw.get("note") or ""
        if not isinstance(note, str) or len(note) > MAX_NOTE:
            raise ValueError("note")
        if outcome == ReplyOutcome.RETURNED:
            return ReturnedItem(client_id, handover_id, note)
        return DuplicateItem(client_id, handover_id, note, str(raw.get("duplicate_of_ref") or "")[:MAX_REF])
    except (KeyError, TypeError, ValueError) as exc:
        raise PaketRejected(f"{where} tidak valid ({exc}).") from exc


def _parse_facts(raw: dict[str, Any]) -> RemoteFacts:
    tracking_id = raw["tracking_id"]
    if not isinstance(tracking_id, str) or not tracking_id or len(tracking_id) > MAX_TRACKING_ID:
        raise ValueError("tracking_id")
    status = raw.get("remote_status")
    return RemoteFacts(
        tracking_id=tracking_id,
        received_at=from_text(raw["received_at"]) if raw.get("received_at") else None,
        status=RemoteStatus(status) if status else None,
        status_updated_at=from_text(raw["status_updated_at"]) if raw.get("status_updated_at") else None,
        responses=tuple(
            AgencyResponse(
                id=str(r["id"]),
                at=from_text(r["at"]),
                author=str(r["author"]),
                text=str(r["text"]),
                # A kecamatan on an app before contract 1.1 names no role: an agency's answer then.
                role=ResponseRole(r.get("author_role") or ResponseRole.AGENCY.value),
                client_id=str(r["client_id"])[:_UUID_LENGTH] if r.get("client_id") else None,
            )
            for r in raw.get("responses") or []
        ),
        agency=_parse_agency(raw.get("agency")),
        due_at=from_text(raw["due_at"]) if raw.get("due_at") else None,
    )


def _parse_agency(raw: object) -> AgencyRef | None:
    """The agency LAPOR! passed the report to (absent from a kecamatan on an app before 1.1)."""
    if raw is None:
        return None
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("code"), str)
        or not isinstance(raw.get("name"), str)
    ):
        raise ValueError("agency")
    return AgencyRef(code=raw["code"][:MAX_REF], name=raw["name"][:MAX_NOTE])


# -- the reporter's replies (version 2) -------------------------------------------------------


@dataclass(frozen=True)
class ReplyOutcomeItem:
    """What LAPOR! did with a reply the desa handed over: took it (sent) or refused it, and why."""

    client_id: str
    state: ReplyState  # SENT or REFUSED
    sent_at: dt.datetime | None = None
    refusal: str = ""


def reply_outcome_to_json(item: ReplyOutcomeItem) -> dict[str, Any]:
    entry: dict[str, Any] = {"client_id": item.client_id, "outcome": item.state.value}
    if item.state is ReplyState.SENT:
        entry["sent_at"] = to_text(item.sent_at) if item.sent_at else None
    else:
        entry["refusal"] = item.refusal
    return entry


def parse_reply_outcome(raw: object, index: int) -> ReplyOutcomeItem:
    """One reply outcome of a manifest; a malformed one refuses the whole paket (`PaketRejected`)."""
    where = f"Kabar tanggapan pelapor ke-{index + 1} dalam paket"
    if not isinstance(raw, dict):
        raise PaketRejected(f"{where} tidak dapat dibaca.")
    client_id, outcome = raw.get("client_id"), raw.get("outcome")
    if not isinstance(client_id, str) or not client_id or len(client_id) > _UUID_LENGTH:
        raise PaketRejected(f"{where}: pengenal tanggapan tidak valid.")
    try:
        if outcome == ReplyState.SENT.value:
            sent_at = raw.get("sent_at")
            return ReplyOutcomeItem(client_id, ReplyState.SENT, from_text(sent_at) if sent_at else None)
        refusal = raw.get("refusal")
        if outcome != ReplyState.REFUSED.value or not isinstance(refusal, str) or len(refusal) > MAX_NOTE:
            raise ValueError("outcome")
        return ReplyOutcomeItem(client_id, ReplyState.REFUSED, refusal=refusal.strip())
    except (TypeError, ValueError) as exc:
        raise PaketRejected(f"{where} tidak valid ({exc}).") from exc
