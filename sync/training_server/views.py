"""The trainer page's HTML: lists, a report's conversation, and the forms that act on it.

Every value that comes from a trainee, a reference list or the store goes
through `esc`; attribute values are quoted. Times show in the kabupaten's
own zone the way people write them ("29 Nov 2026, 12.42 WIB"), never as
raw RFC 3339.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from urllib.parse import quote

from .deadlines import Deadlines, parse_stamp
from .faults import MODES, Fault
from .labels import ROLE_LABELS, classification_label, status_choices, status_label
from .reference import ReferenceList, Region
from .store import LAPOR_ADMIN, StatusEvent, StoredReport, StoredResponse, Token

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
PASS_ON_NOTE = (
    "Laporan Anda telah diverifikasi dan diteruskan kepada instansi yang berwenang untuk ditindaklanjuti."
)

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1d2733; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 2px solid #c8102e; padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin-bottom: 0.3rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
code { background: #f3f5f7; padding: 0.1rem 0.3rem; word-break: break-all; }
.catatan { color: #55606e; font-size: 0.9rem; }
.galat { background: #fde8e8; border: 1px solid #c8102e; padding: 0.6rem; }
.perhatian { background: #fff4d6; border: 1px solid #d9a300; padding: 0.6rem; }
.isi { white-space: pre-wrap; background: #fafbfc; border: 1px solid #d0d7de; padding: 0.6rem; }
.terlambat { color: #b00020; font-weight: 600; }
.baru { background: #e7f3ff; font-weight: 600; }
.lencana { display: inline-block; border-radius: 0.6rem; padding: 0 0.5rem; font-size: 0.8rem; color: #fff; }
.peran-lapor_admin { background: #c8102e; }
.peran-agency { background: #1f6feb; }
.peran-reporter { background: #2e7d32; }
ol.percakapan { list-style: none; padding-left: 0; }
ol.percakapan > li { border-left: 4px solid #d0d7de; margin: 0.6rem 0; padding: 0.2rem 0.7rem; }
ol.percakapan > li.status { color: #55606e; font-size: 0.9rem; }
.aksi { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
.aksi form { border: 1px solid #d0d7de; padding: 0.6rem 0.8rem; }
form.sebaris { display: inline; }
label { display: block; margin-top: 0.5rem; }
textarea { width: 100%; min-height: 5rem; box-sizing: border-box; }
select, input[type=text] { max-width: 100%; }
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def masked(value: str | None, keep: int) -> str:
    if not value:
        return "-"
    return "*" * max(len(value) - keep, 0) + value[-keep:]


def report_href(tracking_id: str) -> str:
    return "/laporan/" + quote(tracking_id, safe="")


@dataclass(frozen=True)
class Clock:
    """Human times in the kabupaten's zone, and how far a deadline is."""

    region: Region
    deadlines: Deadlines
    now: dt.datetime

    def local(self, stamp: str) -> dt.datetime:
        return parse_stamp(stamp).astimezone(self.region.zone)

    def time(self, stamp: str) -> str:
        """`29 Nov 2026, 12.42 WIB`."""
        if not stamp:
            return "-"
        moment = self.local(stamp)
        return (
            f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H.%M} {self.region.zone_name}"
        )

    def date(self, text: str) -> str:
        """A contract date (`2026-11-20`) as `20 Nov 2026`."""
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return text
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

    def due(self, stamp: str | None) -> str:
        """A deadline with the working days left, or how late it is; HTML."""
        if stamp is None:
            return "-"
        moment = self.local(stamp)
        today = self.now.astimezone(self.region.zone).date()
        shown = f"{DAYS[moment.weekday()]}, {moment.day} {MONTHS[moment.month - 1]} {moment.year}"
        calendar = self.deadlines.calendar
        if moment.date() < today:
            late = calendar.working_days_between(moment.date(), today)
            return f'<span class="terlambat">{esc(shown)} (terlambat {late} hari kerja)</span>'
        left = calendar.working_days_between(today, moment.date())
        rest = "hari ini terakhir" if left == 0 else f"sisa {left} hari kerja"
        return f"{esc(shown)} ({rest})"


@dataclass(frozen=True)
class Lists:
    categories: ReferenceList
    agencies: ReferenceList

    def category(self, code: str) -> str:
        """A leaf with its parent: `Pembangunan dan Infrastruktur › Infrastruktur`."""
        item = self.categories.find(code)
        if item is None:
            return code
        parent = self.categories.find(item.get("parent_code", ""))
        return f"{parent['name']} › {item['name']}" if parent else item["name"]

    def agency(self, code: str | None) -> str:
        if not code:
            return "-"
        item = self.agencies.find(code)
        return item["name"] if item else code


def _options(choices: list[tuple[str, str]], selected: str | None) -> str:
    return "".join(
        f'<option value="{esc(value)}"{" selected" if value == selected else ""}>{esc(label)}</option>'
        for value, label in choices
    )


def badge(role: str) -> str:
    return f'<span class="lencana peran-{esc(role)}">{esc(ROLE_LABELS.get(role, role))}</span>'


# -- the list of reports -------------------------------------------------------------------


def report_table(
    reports: list[StoredReport], total: int, latest: dict[int, str], lists: Lists, clock: Clock
) -> str:
    rows = "".join(_report_row(report, latest.get(report.id), lists, clock) for report in reports)
    shown = f"{len(reports)} terbaru dari {total}" if total > len(reports) else str(total)
    return (
        f"<p>Jumlah laporan: <strong>{shown}</strong></p>"
        "<table><thead><tr><th>Nomor pelacakan</th><th>Kantor</th><th>Judul</th><th>Kategori</th>"
        "<th>Instansi</th><th>Diterima</th><th>Status</th><th>Batas tahap ini</th><th>Tanggapan terakhir</th>"
        "</tr></thead><tbody>"
        f"{rows or '<tr><td colspan=9>Belum ada laporan masuk.</td></tr>'}</tbody></table>"
    )


def _report_row(report: StoredReport, latest_role: str | None, lists: Lists, clock: Clock) -> str:
    if report.handling_agency_code:
        agency = esc(report.handling_agency_name or report.handling_agency_code)
    elif report.agency_code:
        agency = f'<span class="catatan">diminta: {esc(lists.agency(report.agency_code))}</span>'
    else:
        agency = "-"
    fresh = latest_role == "reporter"
    latest = "Tanggapan pelapor" if fresh else (ROLE_LABELS.get(latest_role, "") if latest_role else "")
    return (
        f"<tr{' class=baru' if fresh else ''}>"
        f'<td><a href="{esc(report_href(report.tracking_id))}">{esc(report.tracking_id)}</a></td>'
        f"<td>{esc(report.token_name)}</td><td>{esc(report.title)}</td>"
        f"<td>{esc(lists.category(report.category_code))}</td><td>{agency}</td>"
        f"<td>{esc(clock.time(report.received_at))}</td>"
        f"<td>{esc(status_label(report.status))}</td>"
        f"<td>{clock.due(clock.deadlines.due_at(report.status, report.step_started_at, clock.region))}</td>"
        f"<td>{esc(latest) or '-'}</td>"
        "</tr>"
    )


def tokens_section(tokens: list[Token], key_field: str, clock: Clock) -> str:
    rows = "".join(
        "<tr>"
        f"<td>{esc(token.name)}</td><td><code>{esc(token.token)}</code></td>"
        f"<td>{esc(clock.time(token.created_at))}</td>"
        f"<td>{'Aktif' if token.enabled else 'Nonaktif (403)'}</td>"
        f'<td><form class="sebaris" method="post" action="/aksi/token-aktif">{key_field}'
        f'<input type="hidden" name="token_id" value="{token.id}">'
        f'<input type="hidden" name="aktif" value="{"0" if token.enabled else "1"}">'
        f'<button type="submit">{"Nonaktifkan" if token.enabled else "Aktifkan"}</button></form></td>'
        "</tr>"
        for token in tokens
    )
    return f"""
<h2>Token peserta</h2>
<table><thead><tr><th>Kantor</th><th>Token</th><th>Dibuat</th><th>Status</th><th></th></tr></thead>
<tbody>{rows or '<tr><td colspan="5">Belum ada token. Buat token untuk setiap peserta.</td></tr>'}</tbody>
</table>
<form method="post" action="/aksi/token">{key_field}
<label>Nama kantor (desa atau kecamatan) <input name="nama" required maxlength="120"></label>
<button type="submit">Buat token</button></form>
"""


def faults_section(fault: Fault, key_field: str) -> str:
    return f"""
<h2>Simulasi gangguan</h2>
<p class="catatan">Untuk melatih reaksi aplikasi saat layanan bermasalah. Pemeriksaan koneksi
(<code>/v1/ping</code>) tetap normal.</p>
<form method="post" action="/aksi/gangguan">{key_field}
<label>Mode <select name="mode">{_options(list(MODES.items()), fault.mode)}</select></label>
<label>Retry-After (detik) <input name="retry_after" type="number" min="0" max="86400"
value="{fault.retry_after}"></label>
<button type="submit">Terapkan</button></form>
"""


# -- one report ----------------------------------------------------------------------------


def report_facts(report: StoredReport, lists: Lists, clock: Clock) -> str:
    content = json.loads(report.content)
    reporter = content.get("reporter", {})
    location = content.get("location", {})
    who = "Dirahasiakan (anonim)" if content.get("anonymous") else reporter.get("name", "-")
    incident = content.get("incident_date")
    recorded = f"{content.get('recorded_by', '-')}, {clock.time(content.get('recorded_at', ''))}"
    return f"""<table>
<tr><th>Kantor</th><td>{esc(report.token_name)}</td></tr>
<tr><th>Judul</th><td>{esc(content.get("title", ""))}</td></tr>
<tr><th>Klasifikasi</th><td>{esc(classification_label(report.classification))}</td></tr>
<tr><th>Kategori</th><td>{esc(lists.category(report.category_code))}</td></tr>
<tr><th>Instansi yang diminta pelapor</th><td>{esc(lists.agency(report.agency_code))}</td></tr>
<tr><th>Tanggal kejadian</th><td>{esc(clock.date(incident) if incident else "-")}</td></tr>
<tr><th>Lokasi</th><td>{esc(location.get("region_code", "-"))} {esc(location.get("address", ""))}</td></tr>
<tr><th>Pelapor</th><td>{esc(who)}; NIK {esc(masked(reporter.get("nik"), 4))};
telepon {esc(masked(reporter.get("phone"), 3))}</td></tr>
<tr><th>Rahasia</th><td>{"Ya" if content.get("confidential") else "Tidak"}</td></tr>
<tr><th>Dicatat oleh</th><td>{esc(recorded)}</td></tr>
<tr><th>Diterima LAPOR!</th><td>{esc(clock.time(report.received_at))}</td></tr>
</table>
<h2>Isi laporan</h2>
<div class="isi">{esc(content.get("body", ""))}</div>
<h2>Lampiran</h2><ul>{attachment_items(content.get("attachments", [])) or "<li>Tidak ada lampiran.</li>"}</ul>
"""


def attachment_items(attachments: list[dict[str, str]]) -> str:
    return "".join(
        f"<li>{esc(item.get('filename', '-'))} ({esc(item.get('content_type', '-'))}, "
        f"<code>{esc(str(item.get('sha256', ''))[:12])}</code>)</li>"
        for item in attachments
    )


def report_state(
    report: StoredReport,
    responses: list[StoredResponse],
    history: list[StatusEvent],
    clock: Clock,
) -> str:
    """What changes while the trainer watches: status, agency, deadline, and the conversation."""
    due = clock.deadlines.due_at(report.status, report.step_started_at, clock.region)
    agency = report.handling_agency_name or "Belum diteruskan ke instansi"
    hint = ""
    if report.status == "completed" and responses and responses[-1].role == "reporter":
        hint = (
            '<p class="perhatian">Pelapor menanggapi laporan yang sudah selesai. Bila tanggapannya menyatakan '
            "masalahnya belum selesai, kembalikan laporan ke <strong>Sedang ditindaklanjuti</strong> "
            "(formulir Ubah status di bawah).</p>"
        )
    elif report.status == "on_hold":
        hint = '<p class="perhatian">Laporan ditunda: menunggu keterangan tambahan dari pelapor.</p>'
    return f"""<table>
<tr><th>Status</th><td><strong>{esc(status_label(report.status))}</strong>
 sejak {esc(clock.time(report.status_at))}</td></tr>
<tr><th>Instansi yang menangani</th><td>{esc(agency)}</td></tr>
<tr><th>Batas tahap ini</th><td>{clock.due(due)}</td></tr>
<tr><th>Terakhir berubah</th><td>{esc(clock.time(report.updated_at))}</td></tr>
</table>
{hint}
<h2>Percakapan dan riwayat</h2>
<ol class="percakapan">{conversation(responses, history, clock)}</ol>
"""


def conversation(responses: list[StoredResponse], history: list[StatusEvent], clock: Clock) -> str:
    """Responses, replies and status moves in the order they happened."""
    # Ordered by the store's change sequence, which is commit order: a response and the
    # status it brought share one change, the response first. Some 1.0 responses have no
    # change recorded; they go by time.
    entries: list[tuple[float, str, int, str]] = [
        (
            event.seq,
            event.at,
            1,
            f'<li class="status">{esc(clock.time(event.at))}: status menjadi '
            f"<strong>{esc(status_label(event.status))}</strong></li>",
        )
        for event in history
    ]
    for item in responses:
        files = attachment_items(item.attachments())
        entries.append(
            (
                item.change_seq if item.change_seq is not None else float("inf"),
                item.at,
                0,
                f"<li>{badge(item.role)} <strong>{esc(item.author)}</strong>, {esc(clock.time(item.at))}"
                f'<div class="isi">{esc(item.text)}</div>'
                f"{f'<ul>{files}</ul>' if files else ''}</li>",
            )
        )
    entries.sort(key=lambda entry: entry[:3])
    return "".join(entry[3] for entry in entries) or "<li>Belum ada tanggapan.</li>"


def action_forms(report: StoredReport, responses: list[StoredResponse], lists: Lists, key_field: str) -> str:
    tid = esc(report.tracking_id)
    hidden = f'{key_field}<input type="hidden" name="tracking_id" value="{tid}">'
    agency_choices = [(item["code"], item["name"]) for item in lists.agencies.items]
    chosen_agency = report.handling_agency_code or report.agency_code
    answer_author = report.handling_agency_name or lists.agency(report.agency_code)
    answer_author = "" if answer_author == "-" else answer_author
    next_status = "in_progress" if report.status == "verified" else ""
    after_answer = [
        ("", "Tidak berubah"),
        ("in_progress", status_label("in_progress")),
        ("completed", "Selesai"),
    ]
    statuses = [choice for choice in status_choices() if choice[0] != "on_hold"]
    agency_names = "".join(f'<option value="{esc(name)}">' for _, name in agency_choices)
    return f"""
<h2>Tindakan LAPOR! dan instansi</h2>
<div class="aksi">
<form method="post" action="/aksi/tunda">{hidden}
<h3>Tunda dan minta keterangan</h3>
<p class="catatan">Status menjadi <em>Ditunda</em>; pertanyaan ini tampil di aplikasi peserta.
Tanggapan pelapor mengembalikannya ke <em>Belum terverifikasi</em>.</p>
<label>Pertanyaan untuk pelapor <textarea name="question" required maxlength="2000"></textarea></label>
<button type="submit">Tunda laporan</button></form>

<form method="post" action="/aksi/teruskan">{hidden}
<h3>Teruskan ke instansi</h3>
<p class="catatan">Laporan yang belum diverifikasi menjadi <em>Terverifikasi</em>; instansi punya
5 hari kerja untuk menjawab.</p>
<label>Instansi <select name="agency_code">{_options(agency_choices, chosen_agency)}</select></label>
<label>Catatan untuk pelapor (boleh kosong)
<textarea name="note" maxlength="2000">{esc(PASS_ON_NOTE)}</textarea></label>
<button type="submit">Teruskan</button></form>

<form method="post" action="/aksi/tanggapan">{hidden}
<h3>Jawab sebagai instansi</h3>
<label>Instansi atau petugas <input type="text" name="author" required maxlength="200" list="daftar-instansi"
value="{esc(answer_author)}"></label>
<datalist id="daftar-instansi">{agency_names}</datalist>
<label>Isi jawaban <textarea name="text" required maxlength="5000"></textarea></label>
<label>Status sesudah jawaban <select name="status">{_options(after_answer, next_status)}</select></label>
<button type="submit">Kirim jawaban</button></form>

<form method="post" action="/aksi/status">{hidden}
<h3>Ubah status</h3>
<label>Status baru <select name="status">{_options(statuses, report.status)}</select></label>
<button type="submit">Simpan status</button></form>
</div>
<p class="catatan">Pertanyaan dan catatan ditulis atas nama {esc(LAPOR_ADMIN)}.</p>
"""
