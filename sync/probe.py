"""Is the LAPOR API reachable from here, right now?

Online means exactly one thing: `GET /v1/ping` answered 200 with JSON whose
`service` is `lapor-api`. A Wi-Fi login page (an HTML 200 or a redirect),
another service's JSON, a timeout or a refused connection all mean offline,
each with a Bahasa reason the operator can act on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from lapor_desktop.timestamps import utcnow

from .client import ApiClient
from .errors import ApiError, Transient, TransientKind

CLOCK_TOLERANCE_S = 5 * 60

ONLINE_REASON = "Server LAPOR! terhubung."

_PORTAL_REASON = (
    "Jaringan ini menampilkan halaman lain, bukan server LAPOR! (misalnya halaman login Wi-Fi). "
    "Buka peramban, selesaikan login, lalu coba lagi."
)
_NOT_LAPOR_REASON = (
    "Alamat server menjawab, tetapi yang menjawab bukan layanan LAPOR! yang dituju. "
    "Periksa alamat server di Pengaturan."
)
_REASONS: dict[TransientKind, str] = {
    TransientKind.TIMEOUT: (
        "Server LAPOR! tidak menjawab dalam batas waktu. Periksa koneksi internet, lalu coba lagi."
    ),
    TransientKind.CONNECTION: (
        "Server LAPOR! tidak dapat dihubungi. Periksa koneksi internet dan alamat server di Pengaturan."
    ),
    TransientKind.TLS: (
        "Sertifikat keamanan server tidak dapat diverifikasi. Jaringan ini mungkin meminta login "
        "(misalnya Wi-Fi umum) atau sedang dicegat. Jangan kirim data sebelum koneksi aman."
    ),
    TransientKind.REDIRECT: (
        "Jaringan ini mengalihkan ke halaman login (misalnya Wi-Fi umum). "
        "Buka peramban, selesaikan login, lalu coba lagi."
    ),
    TransientKind.NOT_JSON: _PORTAL_REASON,
    TransientKind.MALFORMED: _NOT_LAPOR_REASON,
    TransientKind.TRUNCATED: "Koneksi ke server LAPOR! terputus. Periksa koneksi internet, lalu coba lagi.",
}


@dataclass(frozen=True)
class Connectivity:
    online: bool
    reason: str
    server_time: dt.datetime | None = None
    clock_skew_s: float | None = None
    clock_warning: str | None = None
    api_version: str | None = None  # what the ping said; see `wire.speaks_replies`


def _offline_reason(error: ApiError) -> str:
    if isinstance(error, Transient):
        if error.kind in _REASONS:
            return _REASONS[error.kind]
        if error.status is not None:
            return (
                f"Server LAPOR! sedang bermasalah (kode {error.status}). "
                "Laporan tetap tersimpan dan akan dikirim nanti."
            )
    if error.status is not None:
        return (
            f"Server menjawab dengan kode {error.status}, bukan layanan LAPOR! yang dituju. "
            "Periksa alamat server di Pengaturan."
        )
    return _NOT_LAPOR_REASON


def _duration_text(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds >= 2 * 86400:
        return f"{round(seconds / 86400)} hari"
    if seconds >= 2 * 3600:
        return f"{round(seconds / 3600)} jam"
    return f"{round(seconds / 60)} menit"


def clock_warning(skew_s: float) -> str | None:
    """A Bahasa warning when the local clock is more than 5 minutes off (skew = local - server)."""
    if abs(skew_s) <= CLOCK_TOLERANCE_S:
        return None
    direction = "lebih cepat" if skew_s > 0 else "lebih lambat"
    return (
        f"Jam komputer ini {direction} sekitar {_duration_text(skew_s)} dibanding jam di server LAPOR! saat ini. "
        "Atur tanggal dan jam komputer (Pengaturan Tanggal & Waktu) agar waktu pencatatan laporan benar."
    )


def _timed_ping(client: ApiClient, now: Callable[[], dt.datetime]) -> tuple[dt.datetime, float, str]:
    """Ping once; the server's time, how far the local clock is ahead of it (seconds), its API version."""
    started_at = now()
    started = time.monotonic()
    ping = client.ping()
    # The server stamped its time somewhere during the round trip: compare
    # with the local time half-way through it.
    local = started_at + dt.timedelta(seconds=(time.monotonic() - started) / 2)
    return ping.server_time, (local - ping.server_time).total_seconds(), ping.api_version


def probe(client: ApiClient, *, now: Callable[[], dt.datetime] = utcnow) -> Connectivity:
    """Ping the server once and say whether we are online; never raises for network trouble."""
    try:
        server_time, skew, api_version = _timed_ping(client, now)
    except ApiError as error:
        return Connectivity(online=False, reason=_offline_reason(error))
    return Connectivity(
        online=True,
        reason=ONLINE_REASON,
        server_time=server_time,
        clock_skew_s=skew,
        clock_warning=clock_warning(skew),
        api_version=api_version,
    )


# -- Tes koneksi: is the address right, is it LAPOR!, does it take our token? -----------------------


class AccessStep(StrEnum):
    ADDRESS = "address"  # something answers at this address
    SERVICE = "service"  # what answers is the LAPOR API (`/v1/ping`)
    TOKEN = "token"  # the API accepts our token (an authenticated cheap read: `/v1/categories`)


class StepOutcome(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # not checked: an earlier step failed


@dataclass(frozen=True)
class StepResult:
    step: AccessStep
    outcome: StepOutcome
    message: str  # Bahasa Indonesia, for the operator


@dataclass(frozen=True)
class AccessCheck:
    steps: tuple[StepResult, ...]
    clock_warning: str | None = None

    @property
    def ok(self) -> bool:
        return all(step.outcome is StepOutcome.OK for step in self.steps)

    @property
    def failed(self) -> StepResult | None:
        return next((step for step in self.steps if step.outcome is StepOutcome.FAILED), None)


# The network never reached anything at this address.
_UNREACHED = frozenset({TransientKind.CONNECTION, TransientKind.TIMEOUT, TransientKind.TLS})
_ADDRESS_OK = "Alamat server dapat dihubungi."
_SERVICE_OK = "Yang menjawab adalah layanan LAPOR!, versi yang dikenal aplikasi ini."
_TOKEN_OK = "Token diterima server."
_NOT_CHECKED = "Belum diperiksa karena langkah sebelumnya gagal."
_NO_TOKEN = "Token belum diisi. Isi token dari admin LAPOR! kabupaten, lalu tekan Tes koneksi lagi."
_TOKEN_REFUSED = (
    "Token ditolak server: salah ketik, sudah diganti, atau dicabut. Salin lagi token dari "
    "admin LAPOR! kabupaten (tanpa spasi di awal atau akhir)."
)
_TOKEN_FORBIDDEN = (
    "Token dikenali, tetapi tidak diberi akses untuk mengirim laporan. Hubungi admin LAPOR! kabupaten."
)


def check_access(base_url: str, token: str | None, *, now: Callable[[], dt.datetime] = utcnow) -> AccessCheck:
    """Check the address, the service and the token one after the other; never raises for network trouble."""
    from .errors import AuthFailure

    try:
        client = ApiClient(base_url, token or None, connect_timeout=5.0, read_timeout=15.0)
    except ValueError:
        return _checked(_failed(AccessStep.ADDRESS, "Alamat server harus diawali http:// atau https://."))
    with client:
        try:
            _server_time, skew, _version = _timed_ping(client, now)
        except ApiError as error:
            if isinstance(error, Transient) and error.kind in _UNREACHED:
                return _checked(_failed(AccessStep.ADDRESS, _offline_reason(error)))
            return _checked(
                StepResult(AccessStep.ADDRESS, StepOutcome.OK, _ADDRESS_OK),
                _failed(AccessStep.SERVICE, _offline_reason(error)),
            )
        reached = (
            StepResult(AccessStep.ADDRESS, StepOutcome.OK, _ADDRESS_OK),
            StepResult(AccessStep.SERVICE, StepOutcome.OK, _SERVICE_OK),
        )
        if not token:
            return _checked(*reached, _failed(AccessStep.TOKEN, _NO_TOKEN), clock=clock_warning(skew))
        try:
            client.categories()
        except AuthFailure as error:
            message = _TOKEN_FORBIDDEN if error.status == 403 else _TOKEN_REFUSED
            return _checked(*reached, _failed(AccessStep.TOKEN, message), clock=clock_warning(skew))
        except ApiError as error:
            problem = _failed(AccessStep.TOKEN, f"Token belum dapat diperiksa. {error}")
            return _checked(*reached, problem, clock=clock_warning(skew))
    return AccessCheck(
        (*reached, StepResult(AccessStep.TOKEN, StepOutcome.OK, _TOKEN_OK)), clock_warning(skew)
    )


def _failed(step: AccessStep, message: str) -> StepResult:
    return StepResult(step, StepOutcome.FAILED, message)


def _checked(*done: StepResult, clock: str | None = None) -> AccessCheck:
    """The steps done, and the ones after them as not checked."""
    seen = {result.step for result in done}
    rest = [StepResult(step, StepOutcome.SKIPPED, _NOT_CHECKED) for step in AccessStep if step not in seen]
    return AccessCheck((*done, *rest), clock)
