"""Bahasa Indonesia names of the domain's values, for text the core writes (exports, summaries).

The window uses `ui/labels.py`, which holds the same words as translatable Qt
texts; keep the two in step.
"""

from __future__ import annotations

CLASSIFICATION_LABELS = {
    "complaint": "Pengaduan",
    "aspiration": "Aspirasi",
    "information_request": "Permintaan informasi",
}

STATE_LABELS = {
    "draft": "Draf",
    "queued": "Menunggu dikirim",
    "sent": "Terkirim",
    "needs_fix": "Perlu diperbaiki",
}

REMOTE_STATUS_LABELS = {
    "pending_verification": "Belum terverifikasi",
    "verified": "Terverifikasi",
    "in_progress": "Sedang ditindaklanjuti",
    "completed": "Selesai",
    "rejected": "Tidak dapat diproses",
    "archived": "Diarsipkan",
}
