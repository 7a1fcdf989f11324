"""Simulated outages the trainer can switch on, so trainees see the client's
reaction to the contract's transient errors (429, 503, 500) in class.

The mode lives in the store's settings, so the trainer page, Python code and
a restarted server all agree on it. `GET /v1/ping` is never affected: a
client must still find the service online to hit the fault.
"""

from __future__ import annotations

from dataclasses import dataclass

from .http_io import ApiError
from .store import Store

MODES = {
    "normal": "Normal (tanpa gangguan)",
    "rate_limited": "429 rate_limited: terlalu banyak permintaan",
    "unavailable": "503 unavailable: layanan sedang dipelihara",
    "internal": "500 internal: kesalahan server",
}
DEFAULT_RETRY_AFTER = 30


@dataclass(frozen=True)
class Fault:
    mode: str
    retry_after: int


def current_fault(store: Store) -> Fault:
    mode = store.setting("fault_mode", "normal")
    try:
        retry_after = int(store.setting("fault_retry_after", str(DEFAULT_RETRY_AFTER)))
    except ValueError:
        retry_after = DEFAULT_RETRY_AFTER
    return Fault(mode if mode in MODES else "normal", retry_after)


def set_fault(store: Store, mode: str, retry_after: int = DEFAULT_RETRY_AFTER) -> None:
    if mode not in MODES:
        raise ValueError(f"Mode gangguan '{mode}' tidak dikenal; pilih salah satu: {', '.join(MODES)}.")
    if not 0 <= retry_after <= 86400:
        raise ValueError("Retry-After harus antara 0 dan 86400 detik.")
    store.set_setting("fault_mode", mode)
    store.set_setting("fault_retry_after", str(retry_after))


def fault_error(fault: Fault) -> ApiError | None:
    if fault.mode == "rate_limited":
        error = ApiError(
            429,
            "rate_limited",
            f"Terlalu banyak permintaan. Silakan coba lagi setelah {fault.retry_after} detik.",
        )
    elif fault.mode == "unavailable":
        error = ApiError(
            503,
            "unavailable",
            f"Layanan LAPOR! sedang dalam pemeliharaan. Silakan coba lagi setelah {fault.retry_after} detik.",
        )
    elif fault.mode == "internal":
        return ApiError(500, "internal", "Terjadi kesalahan pada server. Silakan coba lagi nanti.")
    else:
        return None
    error.headers.append(("Retry-After", str(fault.retry_after)))
    return error
