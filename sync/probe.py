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


def probe(client: ApiClient, *, now: Callable[[], dt.datetime] = utcnow) -> Connectivity:
    """Ping the server once and say whether we are online; never raises for network trouble."""
    started_at = now()
    started = time.monotonic()
    try:
        ping = client.ping()
    except ApiError as error:
        return Connectivity(online=False, reason=_offline_reason(error))
    # The server stamped its time somewhere during the round trip: compare
    # with the local time half-way through it.
    local = started_at + dt.timedelta(seconds=(time.monotonic() - started) / 2)
    skew = (local - ping.server_time).total_seconds()
    return Connectivity(
        online=True,
        reason=ONLINE_REASON,
        server_time=ping.server_time,
        clock_skew_s=skew,
        clock_warning=clock_warning(skew),
    )
