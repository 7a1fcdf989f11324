"""The trainer's page: reports arriving live, the LAPOR! and agency side of each, tokens, faults.

Plain HTML forms, and a few lines of script that refresh the report list and
an open report's conversation every 3 seconds, so the trainer sees a
trainee's reply arrive. The HTML is in `views`.

The page is for the trainer's own laptop only. It answers a request only
when both hold:
- it comes from this laptop: a loopback peer address, or the address the
  server was bound to when that is a specific one (a connection from the
  laptop to its own LAN address shows that address as its peer);
- its `Host` names this laptop exactly: `localhost`, a loopback IP literal,
  or the bound address, each with an optional port. A DNS-rebinding web
  page sends its own name (`127.0.0.1.attacker.example` included) and is
  refused, so it cannot read the trainees' tokens.
Every form also carries a per-run key, so a foreign web page cannot post to it.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs

from .deadlines import Deadlines
from .faults import current_fault, set_fault
from .http_io import ApiError, Reply, StartResponse, read_body, send, utc_now
from .reference import ReferenceSource
from .store import STATUSES, Store, StoredReport, UnknownReport
from .views import (
    STYLE,
    Clock,
    Lists,
    action_forms,
    esc,
    faults_section,
    report_facts,
    report_href,
    report_state,
    report_table,
    tokens_section,
)

FORM_LIMIT = 64 * 1024
REPORT_PAGE = re.compile(r"^/laporan/([^/]+)$")
REPORT_FRAGMENT = re.compile(r"^/fragmen/laporan/([^/]+)$")
PAGE_LIMIT = 300
PORT_RE = re.compile(r"^[0-9]{1,5}$")
WILDCARD_HOSTS = ("", "0.0.0.0", "::")

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

# Refreshes every element that names a fragment to load; forms are never inside one.
REFRESH_SCRIPT = """(function () {
  var boxes = document.querySelectorAll("[data-segarkan]");
  if (!boxes.length) { return; }
  var stamp = document.getElementById("waktu-segar");
  function refresh() {
    boxes.forEach(function (box) {
      fetch(box.getAttribute("data-segarkan"), {cache: "no-store"})
        .then(function (reply) { if (!reply.ok) { throw new Error(reply.status); } return reply.text(); })
        .then(function (text) {
          box.innerHTML = text;
          if (stamp) { stamp.textContent = new Date().toLocaleTimeString("id-ID"); }
        })
        .catch(function () { if (stamp) { stamp.textContent = "gagal memuat, mencoba lagi"; } });
    });
  }
  setInterval(refresh, 3000);
})();
"""


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _same_address(text: str, bind_host: str) -> bool:
    if bind_host in WILDCARD_HOSTS:
        return False
    ours = _address(bind_host)
    theirs = _address(text)
    if ours is not None and theirs is not None:
        return ours == theirs
    return text.lower() == bind_host.lower()


def is_local_peer(remote_addr: str, bind_host: str) -> bool:
    address = _address(remote_addr)
    return (address is not None and address.is_loopback) or _same_address(remote_addr, bind_host)


def split_host(header: str) -> str | None:
    """The name in a `Host` header without its port; None when the header is malformed."""
    value = header.strip()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and PORT_RE.match(rest[1:]))):
            return None
        return name
    name, colon, port = value.partition(":")
    if colon and not PORT_RE.match(port):
        return None
    return name


def is_local_host(header: str, bind_host: str) -> bool:
    name = split_host(header)
    if not name:
        return False
    if name.lower() == "localhost":
        return True
    address = _address(name)
    # Only a literal address counts: "127.0.0.1.attacker.example" is a name, not an IP.
    return (address is not None and address.is_loopback) or _same_address(name, bind_host)


class TrainerPage:
    def __init__(
        self,
        store: Store,
        categories: ReferenceSource,
        agencies: ReferenceSource,
        deadlines: Deadlines | None = None,
        *,
        bind_host: str = "127.0.0.1",
    ) -> None:
        self.store = store
        self.categories = categories
        self.agencies = agencies
        self.deadlines = deadlines or Deadlines()
        self.bind_host = bind_host
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
        if not is_local_peer(environ.get("REMOTE_ADDR", ""), self.bind_host) or not is_local_host(
            environ.get("HTTP_HOST", ""), self.bind_host
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
                return self._fragment(self.report_table())
            if path == "/aset/segarkan.js":
                return Reply(
                    200, REFRESH_SCRIPT.encode(), "text/javascript; charset=utf-8", list(SECURITY_HEADERS)
                )
            match = REPORT_FRAGMENT.match(path)
            if match:
                return self._fragment(self.report_state(self._report(match[1])))
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

    def _fragment(self, html_text: str) -> Reply:
        return Reply(200, html_text.encode("utf-8"), "text/html; charset=utf-8", list(SECURITY_HEADERS))

    def _key_field(self) -> str:
        return f'<input type="hidden" name="kunci" value="{esc(self.form_key)}">'

    def _lists(self) -> Lists:
        return Lists(self.categories.current(), self.agencies.current())

    def _clock(self) -> Clock:
        return Clock(self.agencies.current().region, self.deadlines, utc_now())

    def _problems(self) -> str:
        problems = [source.problem for source in (self.categories, self.agencies) if source.problem]
        return "".join(f'<p class="galat">{esc(problem)}</p>' for problem in problems)

    def index(self, environ: dict[str, Any]) -> Reply:
        host = environ.get("HTTP_HOST", "127.0.0.1:8080")
        port = environ.get("SERVER_PORT") or "8080"
        clock = self._clock()
        content = f"""
<h1>Server Pelatihan LAPOR!</h1>
<p class="catatan">Tiruan layanan SP4N-LAPOR! (API {esc("1.1")}) untuk pelatihan di {esc(clock.region.name)}.
Laporan yang dikirim ke sini tidak diteruskan ke LAPOR! yang sebenarnya. Alamat API untuk aplikasi peserta:
<code>http://&lt;alamat IP laptop ini&gt;:{esc(port)}/api</code>
(di laptop ini: <code>http://{esc(host)}/api</code>). Waktu ditampilkan dalam {esc(clock.region.zone_name)}.</p>
{self._problems()}
<h2>Laporan masuk</h2>
<p class="catatan">Diperbarui otomatis setiap 3 detik. Terakhir: <span id="waktu-segar">-</span>.
Baris biru: pelapor baru saja menanggapi. Klik nomor pelacakan untuk menunda, meneruskan ke instansi,
menjawab, atau mengubah status.</p>
<div id="laporan" data-segarkan="/fragmen/laporan">{self.report_table()}</div>
{tokens_section(self.store.list_tokens(), self._key_field(), clock)}
{faults_section(current_fault(self.store), self._key_field())}
"""
        return self._page(200, "Laporan masuk", content, refresh_script=True)

    def report_table(self) -> str:
        reports = self.store.reports(PAGE_LIMIT)
        latest = self.store.latest_roles([report.id for report in reports])
        return report_table(reports, self.store.count_reports(), latest, self._lists(), self._clock())

    def _report(self, tracking_id: str) -> StoredReport:
        report = self.store.report(tracking_id)
        if report is None:
            raise UnknownReport(tracking_id)
        return report

    def report_state(self, report: StoredReport) -> str:
        responses = self.store.responses([report.id])[report.id]
        return report_state(report, responses, self.store.status_history(report.id), self._clock())

    def detail(self, tracking_id: str, error: str = "", status: int = 200) -> Reply:
        report = self._report(tracking_id)
        lists = self._lists()
        responses = self.store.responses([report.id])[report.id]
        fragment = "/fragmen" + report_href(report.tracking_id)
        body = f"""
<p><a href="/">&larr; Kembali ke daftar laporan</a></p>
<h1>Laporan {esc(report.tracking_id)}</h1>
{f'<p class="galat">{esc(error)}</p>' if error else ""}
<p class="catatan">Status dan percakapan diperbarui otomatis setiap 3 detik. Terakhir:
<span id="waktu-segar">-</span>.</p>
<div id="keadaan" data-segarkan="{esc(fragment)}">{self.report_state(report)}</div>
{action_forms(report, responses, lists, self._key_field())}
<h2>Data laporan</h2>
{report_facts(report, lists, self._clock())}
"""
        return self._page(status, f"Laporan {report.tracking_id}", body, refresh_script=True)

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
        if action in REPORT_ACTIONS:
            tracking_id = form.get("tracking_id", "")
            try:
                REPORT_ACTIONS[action](self, tracking_id, form)
            except ValueError as problem:
                return self.detail(tracking_id, str(problem), 400)
            return self._redirect(report_href(tracking_id))
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

    def _set_status(self, tracking_id: str, form: dict[str, str]) -> None:
        status = form.get("status", "")
        if status not in STATUSES or status == "on_hold":
            raise ValueError("Pilih status yang tersedia; untuk menunda laporan pakai formulir Tunda.")
        self.store.set_status(tracking_id, status)

    def _answer(self, tracking_id: str, form: dict[str, str]) -> None:
        status = form.get("status") or None
        if status not in (None, "in_progress", "completed"):
            raise ValueError("Pilih status sesudah jawaban yang tersedia.")
        self.store.add_response(tracking_id, form.get("author", ""), form.get("text", ""), "agency", status)

    def _hold(self, tracking_id: str, form: dict[str, str]) -> None:
        self.store.hold(tracking_id, form.get("question", ""))

    def _pass_on(self, tracking_id: str, form: dict[str, str]) -> None:
        agency = self.agencies.current().find(form.get("agency_code", ""))
        if agency is None:
            raise ValueError("Pilih instansi dari daftar.")
        self.store.pass_on(tracking_id, agency["code"], agency["name"], form.get("note", ""))

    def _redirect(self, location: str) -> Reply:
        return Reply(303, headers=[("Location", location), *SECURITY_HEADERS])


REPORT_ACTIONS = {
    "status": TrainerPage._set_status,
    "tanggapan": TrainerPage._answer,
    "tunda": TrainerPage._hold,
    "teruskan": TrainerPage._pass_on,
}
