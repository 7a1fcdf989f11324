"""The trainer's page: received reports live, tokens, and the agency's side.

Plain HTML forms, a few lines of script to refresh the report table. The
page is for the trainer's own laptop only: it answers only requests from a
loopback address with a loopback `Host` (so neither a trainee on the room's
Wi-Fi nor a DNS-rebinding web page can read the tokens), and every form
carries a per-run key (so a foreign web page cannot post to it). All report
text is escaped on output.
"""

from __future__ import annotations

import datetime as dt
import hmac
import html
import json
import re
import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs, quote

from lapor_desktop.labels import CLASSIFICATION_LABELS, REMOTE_STATUS_LABELS

from .categories import CategorySource
from .faults import MODES, current_fault, set_fault
from .http_io import ApiError, Reply, StartResponse, read_body, send
from .store import STATUSES, Store, StoredReport, UnknownReport

FORM_LIMIT = 64 * 1024
REPORT_PAGE = re.compile(r"^/laporan/([^/]+)$")
PAGE_LIMIT = 300

SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
]

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1d2733; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 2px solid #c8102e; padding-bottom: 0.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
code { background: #f3f5f7; padding: 0.1rem 0.3rem; word-break: break-all; }
.catatan { color: #55606e; font-size: 0.9rem; }
.galat { background: #fde8e8; border: 1px solid #c8102e; padding: 0.6rem; }
.isi { white-space: pre-wrap; background: #fafbfc; border: 1px solid #d0d7de; padding: 0.6rem; }
form.sebaris { display: inline; }
label { display: block; margin-top: 0.5rem; }
textarea { width: 100%; max-width: 48rem; min-height: 6rem; }
"""

REFRESH_SCRIPT = """(function () {
  var box = document.getElementById("laporan");
  if (!box) { return; }
  var stamp = document.getElementById("waktu-segar");
  function refresh() {
    fetch("/fragmen/laporan", {cache: "no-store"})
      .then(function (reply) { if (!reply.ok) { throw new Error(reply.status); } return reply.text(); })
      .then(function (text) {
        box.innerHTML = text;
        if (stamp) { stamp.textContent = new Date().toLocaleTimeString("id-ID"); }
      })
      .catch(function () { if (stamp) { stamp.textContent = "gagal memuat, mencoba lagi"; } });
  }
  setInterval(refresh, 3000);
})();
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def local_time(stamp: str) -> str:
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    return moment.strftime("%d-%m-%Y %H:%M:%S")


def masked(value: str | None, keep: int) -> str:
    if not value:
        return "-"
    return "*" * max(len(value) - keep, 0) + value[-keep:]


def _is_loopback_address(address: str) -> bool:
    return address == "::1" or address.startswith("127.") or address.startswith("::ffff:127.")


def _is_loopback_host(host: str) -> bool:
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else name
    else:
        name = name.rsplit(":", 1)[0]
    return name in ("localhost", "::1") or name.startswith("127.")


class TrainerPage:
    def __init__(self, store: Store, categories: CategorySource) -> None:
        self.store = store
        self.categories = categories
        # Forms carry this key; it changes each run, which is fine for a page that reloads itself.
        self.form_key = secrets.token_urlsafe(18)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            reply = self.handle(environ)
        except UnknownReport:
            reply = self._page(
                404, "Laporan tidak ditemukan", "<p>Laporan tersebut tidak ada di server ini.</p>"
            )
        return send(environ, start_response, reply)

    def handle(self, environ: dict[str, Any]) -> Reply:
        if not _is_loopback_address(environ.get("REMOTE_ADDR", "")) or not _is_loopback_host(
            environ.get("HTTP_HOST", "")
        ):
            return self._page(
                403,
                "Akses ditolak",
                "<p>Halaman pelatih hanya dapat dibuka di laptop pelatih melalui "
                "<code>http://127.0.0.1</code>. Peserta cukup memakai alamat API di aplikasi.</p>",
            )
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if method in ("GET", "HEAD"):
            if path == "/":
                return self.index(environ)
            if path == "/fragmen/laporan":
                return Reply(
                    200, self.report_table().encode(), "text/html; charset=utf-8", list(SECURITY_HEADERS)
                )
            if path == "/aset/segarkan.js":
                return Reply(
                    200, REFRESH_SCRIPT.encode(), "text/javascript; charset=utf-8", list(SECURITY_HEADERS)
                )
            match = REPORT_PAGE.match(path)
            if match:
                return self.detail(match[1])
        elif method == "POST" and path.startswith("/aksi/"):
            return self.act(environ, path.removeprefix("/aksi/"))
        return self._page(404, "Halaman tidak ditemukan", '<p><a href="/">Kembali ke halaman utama</a></p>')

    # -- rendering -----------------------------------------------------------

    def _page(self, status: int, title: str, content: str, *, refresh_script: bool = False) -> Reply:
        script = '<script src="/aset/segarkan.js" defer></script>' if refresh_script else ""
        noscript = '<noscript><meta http-equiv="refresh" content="10"></noscript>' if refresh_script else ""
        document = (
            '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
            f"<title>{esc(title)} - Server Pelatihan LAPOR!</title>{noscript}"
            f"<style>{STYLE}</style>{script}</head><body>{content}</body></html>"
        )
        return Reply(status, document.encode("utf-8"), "text/html; charset=utf-8", list(SECURITY_HEADERS))

    def _key_field(self) -> str:
        return f'<input type="hidden" name="kunci" value="{esc(self.form_key)}">'

    def index(self, environ: dict[str, Any]) -> Reply:
        host = environ.get("HTTP_HOST", "127.0.0.1:8080")
        port = host.rsplit(":", 1)[1] if ":" in host and not host.endswith("]") else "80"
        fault = current_fault(self.store)
        mode_options = "".join(
            f'<option value="{esc(mode)}"{" selected" if mode == fault.mode else ""}>{esc(label)}</option>'
            for mode, label in MODES.items()
        )
        token_rows = "".join(
            "<tr>"
            f"<td>{esc(token.name)}</td><td><code>{esc(token.token)}</code></td>"
            f"<td>{esc(local_time(token.created_at))}</td>"
            f"<td>{'Aktif' if token.enabled else 'Nonaktif (403)'}</td>"
            f'<td><form class="sebaris" method="post" action="/aksi/token-aktif">{self._key_field()}'
            f'<input type="hidden" name="token_id" value="{token.id}">'
            f'<input type="hidden" name="aktif" value="{"0" if token.enabled else "1"}">'
            f'<button type="submit">{"Nonaktifkan" if token.enabled else "Aktifkan"}</button></form></td>'
            "</tr>"
            for token in self.store.list_tokens()
        )
        content = f"""
<h1>Server Pelatihan LAPOR!</h1>
<p class="catatan">Tiruan layanan LAPOR! untuk pelatihan. Laporan yang dikirim ke sini tidak diteruskan ke
LAPOR! yang sebenarnya. Alamat API untuk aplikasi peserta: <code>http://&lt;alamat IP laptop ini&gt;:{esc(port)}/api</code>
(di laptop ini: <code>http://{esc(host)}/api</code>).</p>

<h2>Laporan masuk</h2>
<p class="catatan">Diperbarui otomatis setiap 3 detik. Terakhir: <span id="waktu-segar">-</span>.
Klik nomor pelacakan untuk mengubah status atau menulis tanggapan.</p>
<div id="laporan">{self.report_table()}</div>

<h2>Token peserta</h2>
<table><thead><tr><th>Kantor</th><th>Token</th><th>Dibuat</th><th>Status</th><th></th></tr></thead>
<tbody>{token_rows or '<tr><td colspan="5">Belum ada token. Buat token untuk setiap peserta.</td></tr>'}</tbody>
</table>
<form method="post" action="/aksi/token">{self._key_field()}
<label>Nama kantor (desa atau kecamatan) <input name="nama" required maxlength="120"></label>
<button type="submit">Buat token</button></form>

<h2>Simulasi gangguan</h2>
<p class="catatan">Untuk melatih reaksi aplikasi saat layanan bermasalah. Pemeriksaan koneksi
(<code>/v1/ping</code>) tetap normal.</p>
<form method="post" action="/aksi/gangguan">{self._key_field()}
<label>Mode <select name="mode">{mode_options}</select></label>
<label>Retry-After (detik) <input name="retry_after" type="number" min="0" max="86400"
value="{fault.retry_after}"></label>
<button type="submit">Terapkan</button></form>
"""
        return self._page(200, "Laporan masuk", content, refresh_script=True)

    def report_table(self) -> str:
        names = {item["code"]: item["name"] for item in self.categories.current().items}
        reports = self.store.reports(PAGE_LIMIT)
        total = self.store.count_reports()
        rows = "".join(self._report_row(report, names) for report in reports)
        shown = f"{len(reports)} terbaru dari {total}" if total > len(reports) else str(total)
        return (
            f"<p>Jumlah laporan: <strong>{shown}</strong></p>"
            "<table><thead><tr><th>Nomor pelacakan</th><th>Kantor</th><th>Judul</th><th>Klasifikasi</th>"
            "<th>Kategori</th><th>Diterima</th><th>Status</th></tr></thead><tbody>"
            f"{rows or '<tr><td colspan=7>Belum ada laporan masuk.</td></tr>'}</tbody></table>"
        )

    def _report_row(self, report: StoredReport, names: dict[str, str]) -> str:
        return (
            "<tr>"
            f'<td><a href="/laporan/{quote(report.tracking_id)}">{esc(report.tracking_id)}</a></td>'
            f"<td>{esc(report.token_name)}</td><td>{esc(report.title)}</td>"
            f"<td>{esc(CLASSIFICATION_LABELS.get(report.classification, report.classification))}</td>"
            f"<td>{esc(names.get(report.category_code, report.category_code))}</td>"
            f"<td>{esc(local_time(report.received_at))}</td>"
            f"<td>{esc(REMOTE_STATUS_LABELS.get(report.status, report.status))}</td>"
            "</tr>"
        )

    def detail(self, tracking_id: str, error: str = "", status: int = 200) -> Reply:
        report = self.store.report(tracking_id)
        if report is None:
            raise UnknownReport(tracking_id)
        content = json.loads(report.content)
        names = {item["code"]: item["name"] for item in self.categories.current().items}
        reporter = content.get("reporter", {})
        location = content.get("location", {})
        who = "Dirahasiakan (anonim)" if content.get("anonymous") else reporter.get("name", "-")
        attachments = "".join(
            f"<li>{esc(item.get('filename', '-'))} ({esc(item.get('content_type', '-'))}, "
            f"<code>{esc(item.get('sha256', '')[:12])}</code>)</li>"
            for item in content.get("attachments", [])
        )
        history = "".join(
            f"<li>{esc(local_time(event.at))}: {esc(REMOTE_STATUS_LABELS.get(event.status, event.status))}</li>"
            for event in self.store.status_history(report.id)
        )
        responses = "".join(
            f"<li><strong>{esc(item.author)}</strong> ({esc(local_time(item.at))}):"
            f'<div class="isi">{esc(item.text)}</div></li>'
            for item in self.store.responses([report.id])[report.id]
        )
        status_options = "".join(
            f'<option value="{value}"{" selected" if value == report.status else ""}>{esc(label)}</option>'
            for value, label in REMOTE_STATUS_LABELS.items()
        )
        key = self._key_field()
        tid = esc(report.tracking_id)
        body = f"""
<p><a href="/">&larr; Kembali ke daftar laporan</a></p>
<h1>Laporan {tid}</h1>
{f'<p class="galat">{esc(error)}</p>' if error else ""}
<table>
<tr><th>Kantor</th><td>{esc(report.token_name)}</td></tr>
<tr><th>Judul</th><td>{esc(content.get("title", ""))}</td></tr>
<tr><th>Klasifikasi</th><td>{esc(CLASSIFICATION_LABELS.get(report.classification, report.classification))}</td></tr>
<tr><th>Kategori</th><td>{esc(names.get(report.category_code, report.category_code))}</td></tr>
<tr><th>Tanggal kejadian</th><td>{esc(content.get("incident_date", "-"))}</td></tr>
<tr><th>Lokasi</th><td>{esc(location.get("region_code", "-"))} {esc(location.get("address", ""))}</td></tr>
<tr><th>Pelapor</th><td>{esc(who)}; NIK {esc(masked(reporter.get("nik"), 4))};
telepon {esc(masked(reporter.get("phone"), 3))}</td></tr>
<tr><th>Rahasia</th><td>{"Ya" if content.get("confidential") else "Tidak"}</td></tr>
<tr><th>Dicatat oleh</th><td>{esc(content.get("recorded_by", "-"))}, {esc(content.get("recorded_at", "-"))}</td></tr>
<tr><th>Diterima</th><td>{esc(local_time(report.received_at))}</td></tr>
<tr><th>Status</th><td>{esc(REMOTE_STATUS_LABELS.get(report.status, report.status))}</td></tr>
<tr><th>client_id</th><td><code>{esc(report.client_id)}</code></td></tr>
</table>
<h2>Isi laporan</h2>
<div class="isi">{esc(content.get("body", ""))}</div>
<h2>Lampiran</h2><ul>{attachments or "<li>Tidak ada lampiran.</li>"}</ul>

<h2>Ubah status</h2>
<form method="post" action="/aksi/status">{key}
<input type="hidden" name="tracking_id" value="{tid}">
<label>Status baru <select name="status">{status_options}</select></label>
<button type="submit">Simpan status</button></form>
<p class="catatan">Riwayat status:</p><ul>{history}</ul>

<h2>Tanggapan instansi</h2>
<ul>{responses or "<li>Belum ada tanggapan.</li>"}</ul>
<form method="post" action="/aksi/tanggapan">{key}
<input type="hidden" name="tracking_id" value="{tid}">
<label>Instansi atau petugas <input name="author" required maxlength="200"
value="Dinas Komunikasi dan Informatika"></label>
<label>Isi tanggapan <textarea name="text" required maxlength="5000"></textarea></label>
<button type="submit">Kirim tanggapan</button></form>
"""
        return self._page(status, f"Laporan {report.tracking_id}", body)

    # -- actions -------------------------------------------------------------

    def act(self, environ: dict[str, Any], action: str) -> Reply:
        media = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        try:
            raw = read_body(environ, FORM_LIMIT)
        except ApiError:
            return self._page(413, "Formulir terlalu besar", "<p>Isi formulir terlalu besar.</p>")
        if media != "application/x-www-form-urlencoded":
            return self._page(400, "Formulir tidak dikenal", "<p>Kirim formulir dari halaman pelatih.</p>")
        form = {key: values[-1] for key, values in parse_qs(raw.decode("utf-8", "replace")).items()}
        if not hmac.compare_digest(form.get("kunci", ""), self.form_key):
            return self._page(
                403,
                "Formulir kedaluwarsa",
                '<p>Formulir ini berasal dari halaman lama. <a href="/">Muat ulang halaman pelatih</a> lalu coba lagi.</p>',
            )
        tracking_id = form.get("tracking_id", "")
        if action == "status":
            status = form.get("status", "")
            if status not in STATUSES:
                return self.detail(tracking_id, "Pilih status yang tersedia.", 400)
            self.store.set_status(tracking_id, status)
            return self._redirect(f"/laporan/{quote(tracking_id)}")
        if action == "tanggapan":
            try:
                self.store.add_response(tracking_id, form.get("author", ""), form.get("text", ""))
            except ValueError as problem:
                return self.detail(tracking_id, str(problem), 400)
            return self._redirect(f"/laporan/{quote(tracking_id)}")
        if action == "token":
            try:
                self.store.add_token(form.get("nama", "")[:120])
            except ValueError as problem:
                return self._page(
                    400, "Token belum dibuat", f'<p class="galat">{esc(problem)}</p><a href="/">Kembali</a>'
                )
            return self._redirect("/")
        if action == "token-aktif":
            try:
                self.store.set_token_enabled(int(form.get("token_id", "")), form.get("aktif") == "1")
            except (ValueError, LookupError):
                return self._page(
                    404, "Token tidak ditemukan", '<p>Token tidak ditemukan.</p><a href="/">Kembali</a>'
                )
            return self._redirect("/")
        if action == "gangguan":
            try:
                set_fault(self.store, form.get("mode", ""), int(form.get("retry_after") or 30))
            except ValueError as problem:
                return self._page(
                    400, "Mode gangguan", f'<p class="galat">{esc(problem)}</p><a href="/">Kembali</a>'
                )
            return self._redirect("/")
        return self._page(404, "Halaman tidak ditemukan", '<p><a href="/">Kembali ke halaman utama</a></p>')

    def _redirect(self, location: str) -> Reply:
        return Reply(303, headers=[("Location", location), *SECURITY_HEADERS])
