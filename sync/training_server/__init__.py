"""The LAPOR training server: the whole API contract (1.1) on the trainer's laptop.

Trainees' apps send to it during a training session instead of the real
LAPOR!; the trainer watches reports arrive and plays the agency on a local
page. See `serve.py` for running it and `admin.py` for trainer actions.
"""

from __future__ import annotations

from .admin import (
    add_response,
    add_token,
    hold_report,
    list_tokens,
    pass_on,
    set_status,
    set_token_enabled,
    simulate_fault,
)
from .serve import RunningServer, serve, start_in_thread
from .store import STATUSES, Store, Token, UnknownReport

__all__ = [
    "STATUSES",
    "RunningServer",
    "Store",
    "Token",
    "UnknownReport",
    "add_response",
    "add_token",
    "hold_report",
    "list_tokens",
    "pass_on",
    "serve",
    "set_status",
    "set_token_enabled",
    "simulate_fault",
    "start_in_thread",
]
