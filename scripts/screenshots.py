"""Take the screenshots in docs/screenshots/ from the real windows, with demo data, at 1366x768.

Run: .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
(offscreen on a 1366x768 screen by itself; or under `xvfb-run -s "-screen 0 1366x768x24"` with
QT_QPA_PLATFORM=xcb). Everything happens on 127.0.0.1. The window is maximised, as on a laptop.

The demo office gets about 30 reports through the same paths the app uses:
`ReportService` records and queues them, a real sync against the project's
training server sends them (so tracking numbers are real), the trainer then
moves some along and answers a few, and a second sync brings that back. The
training server's category list lacks one category, so reports in it come
back as *Perlu diperbaiki* exactly as a real rejection would.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget, QWizard  # noqa: E402

from lapor_desktop.app import open_app, prepare_data_dir  # noqa: E402
from lapor_desktop.domain import Channel, Classification, Location, ReportContent, Reporter  # noqa: E402
from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings  # noqa: E402
from lapor_desktop.offices.token_store import save_token  # noqa: E402

REGION = "18.01.01.2001"
REJECTED_CATEGORY = "pertanahan"

DEMO = [
    # title, body, category, classification, reporter, anonymous, what to do
    ("Jalan Dusun II berlubang besar", "Jalan utama Dusun II berlubang besar sejak musim hujan dan membahayakan pengendara motor, terutama malam hari.", "infrastruktur", Classification.COMPLAINT, "Budi Santoso", False, "completed"),
    ("Lampu jalan Simpang Tiga padam", "Tiga lampu penerangan jalan di Simpang Tiga padam sejak dua minggu sehingga jalan gelap dan rawan.", "infrastruktur", Classification.COMPLAINT, "Sri Rahayu", False, "in_progress"),
    ("Posyandu Melati belum punya timbangan bayi", "Posyandu Melati di RT 03 memakai timbangan pinjaman yang sudah rusak; mohon pengadaan timbangan bayi.", "kesehatan", Classification.ASPIRATION, "Dewi Lestari", False, "verified"),
    ("Atap SD Negeri 2 bocor", "Atap dua ruang kelas SD Negeri 2 bocor, murid kelas 4 dan 5 belajar di teras saat hujan.", "pendidikan", Classification.COMPLAINT, "Agus Hidayat", False, "in_progress"),
    ("Dana PIP belum cair untuk 12 murid", "Dua belas murid penerima PIP di SD Negeri 1 belum menerima dana semester ini, orang tua sudah menanyakan ke sekolah.", "pendidikan", Classification.COMPLAINT, "Ratna Siregar", False, "pending_verification"),
    ("KTP elektronik belum jadi lebih dari tiga bulan", "Sejumlah warga Dusun I sudah merekam KTP-el lebih dari tiga bulan lalu namun kartu belum dicetak.", "administrasi_kependudukan", Classification.COMPLAINT, "Slamet Purnomo", False, "completed"),
    ("BLT Dana Desa tidak tepat sasaran", "Ada penerima BLT Dana Desa yang tergolong mampu, sementara dua keluarga miskin di RT 05 tidak terdata.", "bantuan_sosial", Classification.COMPLAINT, "Sutrisno Wibowo", True, "rejected"),
    ("Pupuk subsidi langka di kios resmi", "Petani Dusun III kesulitan mendapat pupuk urea bersubsidi di kios resmi menjelang musim tanam.", "pertanian", Classification.COMPLAINT, "Wayan Saputra", False, "in_progress"),
    ("Saluran irigasi Sawah Lor tersumbat", "Saluran irigasi Sawah Lor tersumbat lumpur dan sampah sehingga air tidak sampai ke petak sawah bagian hilir.", "pertanian", Classification.ASPIRATION, "Made Wijaya", False, "verified"),
    ("Sampah menumpuk di bantaran sungai", "Sampah rumah tangga menumpuk di bantaran sungai dekat jembatan desa dan menimbulkan bau.", "lingkungan_hidup", Classification.COMPLAINT, "Nur Handayani", False, "pending_verification"),
    ("Jadwal program padat karya desa", "Warga ingin mengetahui jadwal dan syarat ikut program padat karya tunai desa tahun ini.", "dana_desa", Classification.INFORMATION_REQUEST, "Joko Kurniawan", False, "completed"),
    ("Air PAMSIMAS tidak mengalir seminggu", "Air PAMSIMAS di Dusun Sukamaju tidak mengalir sejak seminggu; warga membeli air jeriken.", "energi_dan_air_bersih", Classification.COMPLAINT, "Fitri Nasution", False, "archived"),
    ("Balap liar setiap malam Minggu", "Balap liar di Jalan Merdeka setiap malam Minggu meresahkan warga dan membahayakan anak-anak.", "ketertiban_umum", Classification.COMPLAINT, "Bambang Irawan", True, "verified"),
    ("Tanggul sungai jebol di Kampung Baru", "Tanggul sungai di Kampung Baru jebol sepanjang lima meter, sawah dan dua rumah terendam.", "bencana", Classification.COMPLAINT, "Hendra Setiawan", False, "in_progress"),
    ("Pelayanan surat keterangan lambat", "Pengurusan surat keterangan usaha di kantor desa memakan waktu lebih dari seminggu.", "pelayanan_publik", Classification.ASPIRATION, "Lestari Pratama", False, "pending_verification"),
    ("Bidan desa jarang hadir di poskesdes", "Bidan desa jarang berada di poskesdes pada jam layanan sehingga ibu hamil harus ke puskesmas kecamatan.", "kesehatan", Classification.COMPLAINT, "Wati Harahap", False, "sent"),
    ("Jembatan gantung Dusun IV miring", "Jembatan gantung penghubung Dusun IV miring dan beberapa papan lantainya lapuk.", "infrastruktur", Classification.COMPLAINT, "Eko Santoso", False, "sent"),
    ("Permintaan data penerima bansos beras", "Warga meminta daftar penerima bantuan beras di desa untuk dipasang di papan pengumuman.", "bantuan_sosial", Classification.INFORMATION_REQUEST, "Yusuf Rahman", False, "sent"),
    ("Sengketa batas tanah warga RT 02", "Dua keluarga di RT 02 bersengketa soal batas tanah pekarangan dan meminta mediasi desa.", REJECTED_CATEGORY, Classification.COMPLAINT, "Andi Kurniawan", False, "sent"),
    ("Sertifikat tanah program PTSL belum dibagikan", "Sertifikat tanah hasil program PTSL tahun lalu belum dibagikan kepada dua puluh warga.", REJECTED_CATEGORY, Classification.COMPLAINT, "Siti Nurhaliza", False, "sent"),
    ("Genangan air di depan pasar desa", "Setiap hujan deras, jalan di depan pasar desa tergenang setinggi lutut karena selokan tersumbat.", "infrastruktur", Classification.COMPLAINT, "Rina Susanti", False, "queue"),
    ("Pembakaran sampah plastik di Gang Melati", "Warga Gang Melati membakar sampah plastik setiap sore dan asapnya mengganggu tetangga.", "lingkungan_hidup", Classification.COMPLAINT, "Ahmad Fauzi", False, "queue"),
    ("Usulan lampu jalan tenaga surya", "Warga mengusulkan lampu jalan tenaga surya di jalan menuju makam desa yang belum ada penerangan.", "energi_dan_air_bersih", Classification.ASPIRATION, "Sri Wahyuni", False, "queue"),
    ("Posyandu lansia butuh tensimeter", "Posyandu lansia Dusun II belum memiliki tensimeter digital sendiri.", "kesehatan", Classification.ASPIRATION, "Made Arini", False, "queue"),
    ("Kerusakan pintu air irigasi", "Pintu air irigasi utama rusak sehingga air tidak bisa diatur.", "pertanian", Classification.COMPLAINT, "Joko Susilo", False, "draft"),
    ("Anak putus sekolah di Dusun III", "Tiga anak usia SMP di Dusun III berhenti sekolah karena biaya transportasi.", "pendidikan", Classification.ASPIRATION, "Nur Aini", False, "draft"),
    ("Pungutan di luar ketentuan saat urus KK", "Warga diminta membayar biaya tambahan saat mengurus kartu keluarga di luar ketentuan.", "korupsi_pungli", Classification.COMPLAINT, "Yuliana Sari", True, "draft"),
    ("Lowongan kerja pabrik untuk warga desa", "Warga menanyakan informasi lowongan kerja di pabrik baru dekat desa.", "ketenagakerjaan", Classification.INFORMATION_REQUEST, "Bayu Pratama", False, "draft"),
    ("Kekerasan terhadap anak di lingkungan RT 04", "Ada dugaan kekerasan terhadap anak di lingkungan RT 04 yang perlu pendampingan.", "perlindungan_perempuan_anak", Classification.COMPLAINT, "Rudi Hartono", True, "queue"),
    ("Usulan perbaikan lapangan voli desa", "Pemuda desa mengusulkan perbaikan lapangan voli yang rusak untuk kegiatan olahraga.", "lainnya", Classification.ASPIRATION, "Dimas Saputra", False, "draft"),
]  # fmt: skip

RESPONSES = {
    "completed": "Perbaikan telah selesai dilaksanakan oleh dinas terkait. Terima kasih atas laporannya.",
    "in_progress": "Laporan sudah diteruskan ke dinas teknis dan dijadwalkan untuk survei lapangan minggu ini.",
    "rejected": "Laporan tidak dapat diproses karena data penerima bantuan sudah diverifikasi ulang oleh dinas sosial.",
}


def _content(
    title: str, body: str, category: str, classification: Classification, name: str, anonymous: bool
):  # type: ignore[no-untyped-def]
    # Anonymous reports still record the name (the law requires it); it is not shown to the agency.
    reporter = Reporter(name=name, phone="081234567890", address="Dusun II")
    return ReportContent(
        classification=classification,
        title=title,
        body=body,
        category_code=category,
        incident_date=dt.date.today() - dt.timedelta(days=3),
        location=Location(region_code=REGION, address="Desa Way Huwi"),
        reporter=reporter,
        anonymous=anonymous,
        channel=Channel.DATANG_LANGSUNG,
        consent=True,
    )


def _demo_photo(path: Path, variant: int) -> Path:
    """A plain drawing of a damaged road (a photo's stand-in, no one's real picture)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPolygonF

    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, 600)
    sky.setColorAt(0, QColor("#7fb3e0"))
    sky.setColorAt(1, QColor("#d9ecf7"))
    painter.fillRect(QRectF(0, 0, 1600, 600), sky)
    painter.fillRect(QRectF(0, 560, 1600, 640), QColor("#6f9d4a"))
    road = QPolygonF([QPointF(700, 560), QPointF(900, 560), QPointF(1500, 1200), QPointF(100, 1200)])
    painter.setBrush(QColor("#8a8a85"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(road)
    painter.setBrush(QColor("#4a3b2c"))
    for x, y, w, h in ((560, 820, 360, 120), (880, 1000, 280, 90))[: 1 + variant % 2]:
        painter.drawEllipse(QRectF(x + variant * 40, y, w, h))
    painter.setBrush(QColor("#2f6b2f"))
    for x in (120, 300, 1300, 1450):
        painter.drawEllipse(QRectF(x, 380 + (x % 7) * 10, 160, 200))
    painter.end()
    image.save(str(path), "JPEG", 85)
    return path


def build_demo(base: Path, server_dir: Path, server: object, token: str) -> Path:
    """The demo office's data dir, filled through the app's own services and a real sync."""
    from sync.engine import SyncEngine
    from sync.training_server import add_response, set_status

    data_dir = base / "demo-office"
    data_dir.mkdir(parents=True)
    save_settings(
        data_dir,
        Settings(
            office=Office(OfficeKind.DESA, "Desa Way Huwi", REGION),
            operator="Siti Aminah",
            server_url=server.base_url,  # type: ignore[attr-defined]
            training=True,
        ),
    )
    save_token(data_dir, token)
    plan: dict[int, str] = {}
    with open_app(data_dir) as app:
        to_send = [row for row in DEMO if row[6] not in ("queue", "draft")]
        later = [row for row in DEMO if row[6] in ("queue", "draft")]
        photos = tuple(
            app.reports.import_attachment(_demo_photo(base / f"foto-jalan-{n}.jpg", n)) for n in (1, 2)
        )
        for title, body, category, classification, name, anonymous, action in to_send:
            content = _content(title, body, category, classification, name, anonymous)
            if not plan:  # the first one (completed, answered) with the photos taken at the office
                content = dataclasses.replace(content, attachments=photos)
            report = app.reports.create(content, queue=True)
            plan[report.id] = action
        SyncEngine(app).run_once(progress=lambda _p: None, cancel=threading.Event())
        for report_id, action in plan.items():
            report = app.reports.get(report_id)
            if report.tracking_id is None or action == "sent":
                continue
            path = ["verified", "in_progress", action] if action in ("completed", "archived") else [action]
            for status in dict.fromkeys(path):
                set_status(server_dir, report.tracking_id, status)
            if action in RESPONSES:
                add_response(server_dir, report.tracking_id, "Dinas PUPR Kabupaten", RESPONSES[action])
        SyncEngine(app).run_once(progress=lambda _p: None, cancel=threading.Event())
        _conversation(app, server_dir, plan)
        for title, body, category, classification, name, anonymous, action in later:
            app.reports.create(
                _content(title, body, category, classification, name, anonymous), queue=action == "queue"
            )
    return data_dir


def _conversation(app, server_dir: Path, plan: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    """One report LAPOR! put on hold with a question, the citizen's reply sent, the report passed
    on to the agency with its due date: the conversation the detail page shows."""
    from sync.engine import SyncEngine
    from sync.training_server import hold_report, pass_on

    report_id = next(rid for rid, action in plan.items() if action == "pending_verification")
    tracking_id = app.reports.get(report_id).tracking_id
    hold_report(server_dir, tracking_id, CONVERSATION_QUESTION)
    SyncEngine(app).run_once(progress=lambda _p: None, cancel=threading.Event())
    app.replies.record(report_id, CONVERSATION_REPLY)
    SyncEngine(app).run_once(progress=lambda _p: None, cancel=threading.Event())
    pass_on(server_dir, tracking_id, "18.01-DISDIKBUD", "Diteruskan ke dinas pendidikan.")
    # A second report waits on hold: its question not yet answered by the citizen.
    waiting = [rid for rid, action in plan.items() if action == "pending_verification" and rid != report_id]
    hold_report(server_dir, app.reports.get(waiting[0]).tracking_id, HOLD_QUESTION)
    SyncEngine(app).run_once(progress=lambda _p: None, cancel=threading.Event())


CONVERSATION_QUESTION = (
    "Mohon sebutkan nama sekolah dan kelas murid yang belum menerima PIP, serta sejak kapan dana belum cair."
)
HOLD_QUESTION = "Mohon lengkapi lokasi persisnya (nama dusun dan RT) serta sejak kapan masalah ini terjadi."
HOLD_REPLY = "Dusun III RT 004, di depan balai dusun. Sudah sejak awal November, makin parah setelah hujan."
CONVERSATION_REPLY = (
    "SD Negeri 1 Way Huwi, murid kelas 3 sampai 6 (12 anak). Dana semester ganjil belum cair sejak Agustus; "
    "orang tua sudah bertanya ke sekolah dua kali."
)
SCREEN = (1366, 768)


def _settle(msecs: int = 300) -> None:
    app = QApplication.instance()
    assert app is not None
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.start(msecs)
    while deadline.isActive():
        app.processEvents()


def _save(widget: QWidget, out: Path, name: str) -> None:
    _settle()
    widget.grab().save(str(out / name))
    print(f"wrote {out / name}")


def _save_with_dialog(window: QWidget, dialog: QWidget, out: Path, name: str) -> None:
    """The window with a dialog over it, as the operator sees them."""
    from PySide6.QtGui import QPainter

    _settle()
    picture = window.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 70))
    corner = dialog.geometry().topLeft() - window.geometry().topLeft()
    painter.drawPixmap(corner, dialog.grab())
    painter.end()
    picture.save(str(out / name))
    print(f"wrote {out / name}")


def take_desa(out: Path, data_dir: Path) -> None:
    from ui.help_dialog import HelpDialog
    from ui.main_window import MainWindow
    from ui.navigation import Place
    from ui.photo_viewer import PhotoViewer
    from ui.services import Services

    services = Services(data_dir, prepare_data_dir(data_dir))
    window = MainWindow(services, auto_sync_ms=None)
    window.showMaximized()
    window.sync.start()
    _settle(200)
    window.sync.wait()
    _settle(500)
    _save(window, out, "main-all-reports.png")

    window.go_to(Place.OUTBOX)
    _save(window, out, "outbox.png")

    window.go_to(Place.NEW_REPORT)
    form = window.form_page()
    form.inputs.title_edit.setText("Jalan")
    form.queue_report()
    _save(window, out, "new-report-validation.png")

    rows = services.queries.connection.execute(
        "SELECT r.id FROM reports r JOIN agency_responses a ON a.report_id = r.id "
        "WHERE r.remote_status = 'completed' ORDER BY r.id LIMIT 1"
    ).fetchone()
    window.go_to(Place.ALL)  # the report is opened from Semua laporan
    window.open_report(int(rows[0]))
    services.wait()
    _settle(500)
    _save(window, out, "report-detail.png")

    detail = window.detail_page()
    conversation = services.queries.connection.execute(
        "SELECT report_id FROM replies ORDER BY id LIMIT 1"
    ).fetchone()
    window.open_report(int(conversation[0]))
    services.wait()
    _settle(500)
    bar = detail.findChild(QScrollArea).verticalScrollBar()
    bar.setValue(bar.maximum())  # the conversation, at the bottom of the timeline
    _save(window, out, "report-conversation.png")
    on_hold = services.queries.connection.execute(
        "SELECT r.id FROM reports r WHERE r.remote_status = 'on_hold' "
        "AND NOT EXISTS (SELECT 1 FROM replies p WHERE p.report_id = r.id) ORDER BY r.id LIMIT 1"
    ).fetchone()
    window.open_report(int(on_hold[0]))
    services.wait()
    _settle(500)
    detail.findChild(QScrollArea).verticalScrollBar().setValue(0)
    _save(window, out, "report-on-hold.png")
    dialog = detail.record_reply()
    assert dialog is not None
    dialog.text_edit.setPlainText(HOLD_REPLY)
    _settle(300)
    _save_with_dialog(window, dialog, out, "reply-dialog.png")
    dialog.reject()

    window.open_report(int(rows[0]))
    services.wait()
    _settle(300)
    detail.attachment_tiles[0].open_requested.emit(detail.attachment_tiles[0].ref.sha256)
    services.wait()
    viewer = window.findChild(PhotoViewer)
    assert viewer is not None
    _settle(500)
    _save_with_dialog(window, viewer, out, "photo-viewer.png")
    viewer.close()

    window.go_to(Place.SETTINGS)
    services.wait()
    _save(window, out, "settings.png")

    _form_agency(window, services, out)

    window.go_to(Place.NEW_REPORT)
    from tests.support.reports import valid_content

    form.inputs.fill(
        dataclasses.replace(
            valid_content(title="Saluran air di depan balai desa tersumbat sampah", incident_date=None),
            category_code="lingkungan_hidup",
            location=Location(region_code=REGION, address="Depan balai desa"),
        )
    )
    form.queue_report()
    services.wait()
    _save(window, out, "queued-confirmation.png")

    window.show_guide()
    guide = window.findChild(HelpDialog)
    assert guide is not None
    _save_with_dialog(window, guide, out, "help-guide.png")
    guide.close()
    _resident_offer(window, services, out)
    form.save_now()
    window.close()
    services.close()


def take_kecamatan(out: Path, base: Path, desa_dir: Path) -> None:
    """A kecamatan office that received the desa's queue in a paket and reviewed part of it."""
    from lapor_desktop.kecamatan.desa_side import DesaTransfer
    from lapor_desktop.kecamatan.paket_import import import_paket
    from lapor_desktop.kecamatan.review import ReviewService
    from lapor_desktop.offices.keys import TrustStore, identity_block, parse_identity_block
    from ui.main_window import MainWindow
    from ui.navigation import Place
    from ui.services import Services

    kecamatan_dir = base / "kecamatan-office"
    kecamatan_dir.mkdir()
    kecamatan = Office(OfficeKind.KECAMATAN, "Kecamatan Natar", REGION.rsplit(".", 1)[0])
    save_settings(kecamatan_dir, Settings(office=kecamatan, operator="Rudi Hartono"))
    desa_office = Office(OfficeKind.DESA, "Desa Way Huwi", REGION)
    with open_app(desa_dir) as desa, open_app(kecamatan_dir) as camat:
        TrustStore(desa.db).trust(desa_office, parse_identity_block(identity_block(kecamatan_dir)))
        TrustStore(camat.db).trust(kecamatan, parse_identity_block(identity_block(desa_dir)))
        for title, body, category, classification, name, anonymous, _action in DEMO[20:24]:
            desa.reports.create(_content(title, body, category, classification, name, anonymous), queue=True)
        paket = base / "paket-laporan.lapor"
        DesaTransfer(desa).export_reports(paket, all_queued=True)
        import_paket(camat, paket)
        review = ReviewService(camat)
        items = review.items(REGION)
        review.approve(items[0].report_id)
        review.return_to_desa(items[1].report_id, "Tambahkan foto lokasi dan alamat yang lebih jelas.")

    services = Services(kecamatan_dir, prepare_data_dir(kecamatan_dir))
    window = MainWindow(services, auto_sync_ms=None)
    window.showMaximized()
    _settle(500)
    window.go_to(Place.REVIEW)
    _save(window, out, "kecamatan-review.png")
    window.go_to(Place.DASHBOARD)
    _save(window, out, "kecamatan-dashboard.png")
    window.go_to(Place.ALL)
    _save(window, out, "kecamatan-all-reports.png")
    window.close()
    services.close()


def take_wizard(out: Path, fresh_dir: Path, server: object, token: str) -> None:
    from ui.services import Services
    from ui.setup_wizard import SetupWizard

    fresh = Services(fresh_dir, prepare_data_dir(fresh_dir))
    wizard = SetupWizard(fresh)
    wizard.show()
    wizard.office_page.name.setText("Desa Sukamaju")
    wizard.office_page.region.setText("18.01.01.2005")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.operator_page.name.setText("Siti Aminah")
    wizard.button(QWizard.WizardButton.NextButton).click()
    page = wizard.server_page
    page.url.setText(server.base_url)  # type: ignore[attr-defined]
    page.token.setText(token + "-salah-ketik")  # a token the server refuses: the third step says so
    page.connection.run()
    fresh.wait()
    _settle(800)
    _save(wizard, out, "setup-wizard.png")
    wizard.close()
    fresh.close()


def _screen_config(folder: Path) -> str:
    config = folder / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1], "logicalDpi": 96}
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def _form_agency(window: QWidget, services: object, out: Path) -> None:
    """The form with the category chosen in two steps and the agency it suggests, the list open."""
    from ui.navigation import Place

    window.go_to(Place.NEW_REPORT)  # type: ignore[attr-defined]
    form = window.form_page()  # type: ignore[attr-defined]
    form.new_report()
    inputs = form.inputs
    inputs.classification_buttons[Classification.COMPLAINT].setChecked(True)
    inputs.title_edit.setText("Jembatan Dusun IV miring dan papannya lapuk")
    inputs.body_edit.setPlainText(
        "Jembatan gantung penghubung Dusun IV miring ke hilir dan empat papan lantainya lapuk; "
        "anak sekolah melintas setiap pagi."
    )
    groups = inputs.category_group_combo
    groups.setCurrentIndex(groups.findData("pembangunan_infrastruktur"))
    inputs.category_combo.setCurrentIndex(inputs.category_combo.findData("infrastruktur"))
    _settle()
    form.scroll.ensureWidgetVisible(inputs.agency.note, 50, 200)
    _save(window, out, "form-agency.png")
    form.new_report()


def _resident_offer(window: QWidget, services: object, out: Path) -> None:
    """The form offering a resident from the desa's population data, at 1366x768 (a desa's laptop)."""
    from PySide6.QtTest import QTest

    from tests.support.opensid import generated_rows
    from tests.support.residents import SITI_NIK, write_register
    from ui.navigation import Place

    with tempfile.TemporaryDirectory(prefix="lapor-opensid-") as folder:
        export = write_register(Path(folder), extra=list(generated_rows(400, start=100)))
        services.penduduk().import_file(export)  # type: ignore[attr-defined]
    window.go_to(Place.NEW_REPORT)  # type: ignore[attr-defined]
    form = window.form_page()  # type: ignore[attr-defined]
    form.new_report()  # not the half-typed report of the validation shot
    inputs = form.inputs
    inputs.classification_buttons[Classification.COMPLAINT].setChecked(True)
    inputs.title_edit.setText("Air PAMSIMAS tidak mengalir")
    inputs.body_edit.setPlainText(
        "Air PAMSIMAS di RT 003 tidak mengalir sejak Senin; warga membeli air jeriken."
    )
    inputs.nik_edit.setFocus()
    QTest.keyClicks(inputs.nik_edit, SITI_NIK)  # typed, as the secretary does: the look-up runs on a worker
    services.wait()  # type: ignore[attr-defined]
    _settle()
    form.scroll.ensureWidgetVisible(inputs.residents.offer_frame, 50, 160)
    _save(window, out, "form-resident-offer.png")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lapor-shots-") as tmp:
        base = Path(tmp)
        if "QT_QPA_PLATFORM" not in os.environ:
            os.environ["QT_QPA_PLATFORM"] = _screen_config(base)
        qt_app = QApplication.instance() or QApplication(sys.argv)
        QCoreApplication.setApplicationName("LAPOR! Desa")
        from tests.support.training import running_training_server
        from ui.main import load_style

        qt_app.setStyleSheet(load_style())  # type: ignore[attr-defined]
        server_dir = base / "training-server"
        server_dir.mkdir()
        categories = json.loads((ROOT / "resources" / "categories.json").read_text(encoding="utf-8"))
        categories["items"] = [c for c in categories["items"] if c["code"] != REJECTED_CATEGORY]
        (server_dir / "categories.json").write_text(
            json.dumps(categories, ensure_ascii=False), encoding="utf-8"
        )
        with running_training_server(base, office="Desa Way Huwi") as (server, token):
            data_dir = build_demo(base, server_dir, server, token)
            take_desa(args.out, data_dir)
            take_kecamatan(args.out, base, data_dir)
            fresh_dir = base / "fresh-office"
            fresh_dir.mkdir()
            take_wizard(args.out, fresh_dir, server, token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
