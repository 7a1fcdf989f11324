"""Fill a migrated database with many realistic reports, fast.

Going through `ReportService` costs milliseconds per report; benchmarks and
list tests need 100,000. Raw sqlite3 INSERTs in one transaction take seconds,
and the FTS triggers of the schema keep the search index in step exactly as
they do for reports the app writes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from pathlib import Path

from lapor_desktop.reports.contact_keys import nik_key, phone_key
from lapor_desktop.storage.migrate import ensure_schema
from lapor_desktop.storage.pragmas import connect
from lapor_desktop.timestamps import to_text

REGION_CODE = "18.01.01.2001"

_SUBJECTS = (
    ("infrastruktur", "Jalan desa rusak", "Jalan di {place} berlubang besar dan tergenang saat hujan."),
    ("infrastruktur", "Jembatan gantung miring", "Jembatan penghubung {place} miring dan papannya lapuk."),
    ("infrastruktur", "Lampu jalan padam", "Lampu penerangan jalan umum di {place} padam sejak dua minggu."),
    ("kesehatan", "Posyandu kekurangan timbangan", "Posyandu {place} belum punya timbangan bayi yang layak."),
    (
        "kesehatan",
        "Bidan desa jarang hadir",
        "Bidan desa di {place} jarang ada di poskesdes pada jam layanan.",
    ),
    ("pendidikan", "Atap sekolah bocor", "Atap SD negeri di {place} bocor dan murid belajar di teras."),
    ("pendidikan", "Dana PIP belum cair", "Beberapa murid di {place} belum menerima dana PIP semester ini."),
    (
        "administrasi_kependudukan",
        "KTP elektronik belum jadi",
        "Warga {place} menunggu KTP-el lebih dari tiga bulan.",
    ),
    (
        "administrasi_kependudukan",
        "Akta kelahiran terlambat",
        "Pengurusan akta kelahiran anak di {place} belum selesai.",
    ),
    (
        "bantuan_sosial",
        "BLT tidak tepat sasaran",
        "Penerima BLT di {place} ada yang sudah mampu, warga miskin belum.",
    ),
    (
        "bantuan_sosial",
        "Bansos beras terlambat",
        "Penyaluran beras bantuan untuk {place} terlambat dua bulan.",
    ),
    (
        "pertanian",
        "Pupuk subsidi langka",
        "Petani di {place} kesulitan mendapat pupuk subsidi di kios resmi.",
    ),
    (
        "pertanian",
        "Saluran irigasi tersumbat",
        "Saluran irigasi sawah di {place} tersumbat sampah dan lumpur.",
    ),
    (
        "lingkungan_hidup",
        "Sampah menumpuk di sungai",
        "Sampah rumah tangga menumpuk di sungai dekat {place}.",
    ),
    (
        "lingkungan_hidup",
        "Pembakaran sampah plastik",
        "Asap pembakaran sampah plastik di {place} mengganggu warga.",
    ),
    (
        "ketertiban_umum",
        "Balap liar malam hari",
        "Balap liar di jalan {place} setiap malam Minggu meresahkan.",
    ),
    ("dana_desa", "Laporan dana desa tidak dipasang", "Baliho APBDes tidak dipasang di {place} tahun ini."),
    (
        "pelayanan_publik",
        "Pelayanan kantor desa lambat",
        "Surat keterangan di kantor desa untuk warga {place} lama selesai.",
    ),
    ("pertanahan", "Sengketa batas tanah", "Ada sengketa batas tanah warga di {place} yang belum ditengahi."),
    (
        "energi_dan_air_bersih",
        "Air bersih tidak mengalir",
        "Air PAMSIMAS di {place} tidak mengalir sejak seminggu.",
    ),
    ("bencana", "Tanggul sungai jebol", "Tanggul sungai di {place} jebol dan sawah warga terendam."),
    (
        "lainnya",
        "Permintaan informasi program desa",
        "Warga {place} ingin tahu jadwal program padat karya desa.",
    ),
)
_PLACES = (
    "Dusun I", "Dusun II", "Dusun III", "Dusun Sukamaju", "Dusun Karanganyar", "RT 01 RW 02",
    "RT 03 RW 01", "Kampung Baru", "dekat masjid Al-Ikhlas", "belakang balai desa", "Jalan Merdeka",
    "Simpang Tiga", "Pasar Desa", "Sawah Lor", "Gang Melati",
)  # fmt: skip
_FIRST = (
    "Budi", "Siti", "Agus", "Dewi", "Slamet", "Sri", "Wayan", "Made", "Rina", "Andi", "Yusuf",
    "Nur", "Ahmad", "Lestari", "Hendra", "Wati", "Joko", "Ratna", "Eko", "Fitri",
)  # fmt: skip
_LAST = (
    "Santoso", "Rahayu", "Hidayat", "Lestari", "Saputra", "Wijaya", "Susanti", "Purnomo", "Siregar",
    "Nasution", "Kurniawan", "Handayani", "Setiawan", "Pratama", "Harahap",
)  # fmt: skip
_STATES = (("draft", 8), ("queued", 7), ("needs_fix", 3), ("sent", 82))
_REMOTE = (
    ("pending_verification", 25), ("verified", 20), ("in_progress", 25), ("completed", 22),
    ("rejected", 5), ("archived", 3),
)  # fmt: skip
_CLASSIFICATIONS = ("complaint", "aspiration", "information_request")
_CHANNELS = ("datang_langsung", "musyawarah_desa", "telepon", "surat")
_INSERT = (
    "INSERT INTO reports (client_id, local_ref, state, classification, title, body, category_code, "
    "incident_date, region_code, location_address, reporter_name, reporter_nik, reporter_phone, anonymous, "
    "confidential, channel, consent, recorded_at, recorded_by, updated_at, tracking_id, received_at, "
    "remote_status, fix_messages, fix_summary, reporter_nik_key, reporter_phone_key) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def bulk_insert_reports(
    db_path: Path, n: int, *, seed: int = 0, start: dt.datetime | None = None, operator: str = "Siti Aminah"
) -> list[int]:
    """Insert `n` varied reports (oldest first, about one per 20 minutes) and return their ids.

    The database is migrated first if needed. Local refs continue the office's
    counter so reports created afterwards through `ReportService` do not clash.
    """
    ensure_schema(db_path, db_path.parent / "backups")
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    step = dt.timedelta(minutes=20)
    first = start if start is not None else now - step * n
    connection = connect(str(db_path))
    try:
        # The unique index on random client ids is written all over: keep it in memory.
        connection.execute("PRAGMA cache_size = -400000")
        connection.execute("BEGIN IMMEDIATE")
        counters: dict[str, int] = dict(connection.execute("SELECT prefix, last FROM local_ref_counters"))
        tracking_base = int(connection.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
        rows = []
        for i in range(n):
            recorded = first + step * i + dt.timedelta(seconds=rng.randrange(600))
            prefix = f"{REGION_CODE}/{recorded.year}"
            counters[prefix] = counters.get(prefix, 0) + 1
            category, subject, body = rng.choice(_SUBJECTS)
            place = rng.choice(_PLACES)
            state = _weighted(rng, _STATES)
            anonymous = rng.random() < 0.1
            name = "" if anonymous else f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            tracking_id = received = remote = fix_messages = fix_summary = None
            if state == "sent":
                tracking_id = f"LPR-{recorded.year}-{tracking_base + i + 1:06d}"
                received = to_text(recorded + dt.timedelta(hours=rng.randrange(1, 72)))
                remote = _weighted(rng, _REMOTE)
            elif state == "needs_fix":
                fix_messages = json.dumps(
                    {"body": "Isi laporan terlalu singkat: jelaskan apa, di mana, kapan."}
                )
                fix_summary = "Server LAPOR! menolak laporan ini: perbaiki isian yang ditandai."
            rows.append(
                (
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    f"{prefix}/{counters[prefix]:05d}",
                    state,
                    rng.choice(_CLASSIFICATIONS),
                    f"{subject} di {place}",
                    body.format(place=place) + " Mohon segera ditindaklanjuti oleh dinas terkait.",
                    category,
                    (recorded.date() - dt.timedelta(days=rng.randrange(30))).isoformat(),
                    REGION_CODE,
                    place,
                    name,
                    None if anonymous else f"1801{rng.randrange(10**11, 10**12):012d}",
                    None if anonymous else f"08{rng.randrange(10**9, 10**10)}",
                    anonymous,
                    rng.random() < 0.05,
                    rng.choice(_CHANNELS),
                    True,
                    to_text(recorded),
                    operator,
                    to_text(recorded + dt.timedelta(minutes=rng.randrange(1, 90))),
                    tracking_id,
                    received,
                    remote,
                    fix_messages,
                    fix_summary,
                )
            )
            rows[-1] += (nik_key(rows[-1][11]), phone_key(rows[-1][12]))
        before = int(connection.execute("SELECT COALESCE(MAX(id), 0) FROM reports").fetchone()[0])
        # The search index in one pass after the rows rather than a trigger run per row: the
        # same index, built several times faster.
        (trigger,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'reports_fts_insert'"
        ).fetchone()
        connection.execute("DROP TRIGGER reports_fts_insert")
        connection.executemany(_INSERT, rows)
        connection.execute(
            "INSERT INTO report_fts (rowid, title, body, reporter_name, local_ref) "
            "SELECT id, title, body, reporter_name, local_ref FROM reports WHERE id > ? ORDER BY id",
            (before,),
        )
        connection.execute(trigger)
        connection.executemany(
            "INSERT INTO local_ref_counters (prefix, last) VALUES (?, ?) "
            "ON CONFLICT(prefix) DO UPDATE SET last = excluded.last",
            list(counters.items()),
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    return list(range(before + 1, before + n + 1))
