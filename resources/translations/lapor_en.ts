<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Tentang LAPOR! Desa</source>
        <translation>About LAPOR! Desa</translation>
    </message>
    <message>
        <source>LAPOR! Desa {0}</source>
        <translation>LAPOR! Desa {0}</translation>
    </message>
    <message>
        <source>Mencatat pengaduan, aspirasi dan permintaan informasi warga di kantor desa tanpa internet, lalu mengirimkannya ke SP4N-LAPOR! saat terhubung.</source>
        <translation>Records citizens&apos; complaints, aspirations and information requests at the village office without internet, and sends them to SP4N-LAPOR! when connected.</translation>
    </message>
    <message>
        <source>Latihan</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Sungguhan</source>
        <translation>Real service</translation>
    </message>
    <message>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Komponen</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Sistem</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Folder data</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Folder log</source>
        <translation>Log folder</translation>
    </message>
    <message>
        <source>Paket instalasi (PyInstaller)</source>
        <translation>Installed package (PyInstaller)</translation>
    </message>
    <message>
        <source>Kirim log…</source>
        <translation>Send log…</translation>
    </message>
    <message>
        <source>Buat berkas zip berisi catatan aplikasi untuk tim dukungan. NIK, nomor telepon dan token disamarkan.</source>
        <translation>Make a zip file with the application&apos;s log for the support team. NIK, phone numbers and tokens are masked.</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Simpan log untuk dukungan</source>
        <translation>Save log for support</translation>
    </message>
    <message>
        <source>Arsip zip (*.zip)</source>
        <translation>Zip archive (*.zip)</translation>
    </message>
    <message>
        <source>Log tidak dapat disimpan</source>
        <translation>The log could not be saved</translation>
    </message>
    <message>
        <source>Berkas tidak dapat ditulis ({0}). Pilih folder lain, misalnya Dokumen.</source>
        <translation>The file could not be written ({0}). Choose another folder, for example Documents.</translation>
    </message>
    <message>
        <source>Log tersimpan</source>
        <translation>Log saved</translation>
    </message>
    <message>
        <source>Log disimpan di {0}. Kirim berkas ini ke tim dukungan; NIK, nomor telepon, surel dan token sudah disamarkan.</source>
        <translation>The log was saved to {0}. Send this file to the support team; NIK, phone numbers, e-mail addresses and tokens are masked.</translation>
    </message>
</context>
<context>
    <name>AttachmentTile</name>
    <message>
        <source>Klik untuk melihat %1 lebih besar</source>
        <translation>Click to see %1 larger</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Hapus lampiran %1</source>
        <translation>Remove attachment %1</translation>
    </message>
</context>
<context>
    <name>AttachmentsWidget</name>
    <message>
        <source>Tambah lampiran…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>Foto (JPEG/PNG) atau dokumen PDF, paling banyak %1 berkas. Berkas juga dapat diseret ke sini. Foto diperkecil dan data lokasinya dihapus.</source>
        <translation>Photos (JPEG/PNG) or PDF documents, at most %1 files. Files can also be dragged here. Photos are made smaller and their location data is removed.</translation>
    </message>
    <message>
        <source>Pilih lampiran</source>
        <translation>Choose attachments</translation>
    </message>
    <message>
        <source>Foto dan PDF (*.jpg *.jpeg *.png *.pdf *.JPG *.JPEG *.PNG *.PDF);;Semua berkas (*)</source>
        <translation>Photos and PDF (*.jpg *.jpeg *.png *.pdf *.JPG *.JPEG *.PNG *.PDF);;All files (*)</translation>
    </message>
    <message>
        <source>Paling banyak %1 lampiran. Hapus salah satu lampiran untuk menambah yang lain.</source>
        <translation>At most %1 attachments. Remove one to add another.</translation>
    </message>
    <message>
        <source>Hanya %1 berkas pertama yang ditambahkan: paling banyak %2 lampiran.</source>
        <translation>Only the first %1 files were added: at most %2 attachments.</translation>
    </message>
    <message>
        <source>Berkas %1 sudah dilampirkan.</source>
        <translation>The file %1 is already attached.</translation>
    </message>
    <message>
        <source>Berkas %1 tidak dapat dilampirkan: %2</source>
        <translation>The file %1 cannot be attached: %2</translation>
    </message>
    <message>
        <source>%1 dari %2 lampiran</source>
        <translation>%1 of %2 attachments</translation>
    </message>
    <message>
        <source>memproses %1 berkas…</source>
        <translation>processing %1 file(s)…</translation>
    </message>
    <message>
        <source>Hanya berkas yang dapat dilampirkan, bukan folder.</source>
        <translation>Only files can be attached, not folders.</translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <source>Cadangan</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Buat cadangan ke flashdisk…</source>
        <translation>Back up to a USB stick…</translation>
    </message>
    <message>
        <source>Satu berkas terkunci kata sandi berisi semua laporan, lampiran dan pengaturan kantor.</source>
        <translation>One password-protected file holding every report, attachment and office setting.</translation>
    </message>
    <message>
        <source>Periksa berkas cadangan…</source>
        <translation>Check a backup file…</translation>
    </message>
    <message>
        <source>Pulihkan dari cadangan…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>Snapshot otomatis…</source>
        <translation>Automatic snapshots…</translation>
    </message>
    <message>
        <source>Matikan mode latihan dulu: pemulihan mengganti data kantor sungguhan.</source>
        <translation>Turn training mode off first: restoring replaces the real office data.</translation>
    </message>
    <message>
        <source>Belum pernah dicadangkan ke flashdisk.</source>
        <translation>Never backed up to a USB stick.</translation>
    </message>
    <message>
        <source>Cadangan ke flashdisk terakhir: {0} ({1} laporan), {2}</source>
        <translation>Last backup to a USB stick: {0} ({1} reports), {2}</translation>
    </message>
    <message numerus="yes">
        <source>Snapshot otomatis harian di komputer ini: %n tersimpan, terbaru {0}.</source>
        <translation>
            <numerusform>Daily automatic snapshots on this computer: %n kept, newest {0}.</numerusform>
            <numerusform>Daily automatic snapshots on this computer: %n kept, newest {0}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Snapshot otomatis diambil sekali sehari selama aplikasi terbuka; belum ada.</source>
        <translation>Automatic snapshots are taken once a day while the app is open; none yet.</translation>
    </message>
    <message>
        <source>Ruang tidak cukup untuk cadangan (di flashdisk tujuan atau di komputer ini). Kosongkan ruang atau pilih flashdisk lain, lalu ulangi.</source>
        <translation>Not enough space for the backup (on the target USB stick or on this computer). Free some space or choose another USB stick, then try again.</translation>
    </message>
    <message>
        <source>Tidak berhasil: {0}</source>
        <translation>Failed: {0}</translation>
    </message>
    <message>
        <source>Pilih nama berkas, bukan folder.</source>
        <translation>Choose a file name, not a folder.</translation>
    </message>
    <message>
        <source>Simpan cadangan di luar folder data (misalnya di flashdisk), bukan di dalamnya.</source>
        <translation>Keep the backup outside the data folder (for example on a USB stick), not inside it.</translation>
    </message>
    <message>
        <source>Folder tujuan tidak ada: {0}</source>
        <translation>The target folder does not exist: {0}</translation>
    </message>
    <message>
        <source>Membuat cadangan ke {0}…</source>
        <translation>Backing up to {0}…</translation>
    </message>
    <message>
        <source>Cadangan dibuat: {0} ({1:.1f} MB; {2}). Simpan kata sandinya di tempat aman, terpisah dari flashdisk.</source>
        <translation>Backup created: {0} ({1:.1f} MB; {2}). Keep its password somewhere safe, apart from the USB stick.</translation>
    </message>
    <message numerus="yes">
        <source>%n lampiran di komputer ini sudah rusak sebelum dicadangkan (disalin apa adanya).</source>
        <translation>
            <numerusform>%n attachment on this computer was already damaged before the backup (copied as it is).</numerusform>
            <numerusform>%n attachments on this computer were already damaged before the backup (copied as they are).</numerusform>
        </translation>
    </message>
    <message>
        <source>Memeriksa {0}…</source>
        <translation>Checking {0}…</translation>
    </message>
    <message>
        <source>Cadangan {0} baik: {1}. Semua isinya cocok dengan sidiknya; data di komputer ini tidak diubah.</source>
        <translation>Backup {0} is sound: {1}. All of its contents match their fingerprints; the data on this computer was not changed.</translation>
    </message>
    <message>
        <source>Cadangan kantor lain</source>
        <translation>Another office&apos;s backup</translation>
    </message>
    <message>
        <source>Tetap pulihkan</source>
        <translation>Restore anyway</translation>
    </message>
    <message>
        <source>berkas {0}, {1}</source>
        <translation>file {0}, {1}</translation>
    </message>
    <message>
        <source>snapshot otomatis {0}</source>
        <translation>automatic snapshot {0}</translation>
    </message>
    <message>
        <source>Jendela ditutup selama pemulihan dan dibuka lagi sesudahnya.</source>
        <translation>The window closes during the restore and opens again afterwards.</translation>
    </message>
    <message>
        <source>Pulihkan cadangan?</source>
        <translation>Restore the backup?</translation>
    </message>
    <message>
        <source>Pulihkan</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>BackupDialogs</name>
    <message>
        <source>Berkas cadangan LAPOR Desa (*.lapor);;Semua berkas (*)</source>
        <translation>LAPOR Desa backup files (*.lapor);;All files (*)</translation>
    </message>
    <message>
        <source>Kata sandi cadangan</source>
        <translation>Backup password</translation>
    </message>
    <message>
        <source>Cadangan dikunci dengan kata sandi ini. Catat dan simpan di tempat aman, terpisah dari flashdisk: tanpa kata sandi, cadangan tidak dapat dipulihkan oleh siapa pun.</source>
        <translation>The backup is locked with this password. Write it down and keep it somewhere safe, apart from the USB stick: without the password nobody can restore the backup.</translation>
    </message>
    <message>
        <source>Ketik kata sandi yang dipakai saat cadangan {0} dibuat.</source>
        <translation>Type the password used when backup {0} was made.</translation>
    </message>
    <message>
        <source>Tampilkan kata sandi</source>
        <translation>Show password</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>Lanjutkan</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Kata sandi belum diisi.</source>
        <translation>The password is empty.</translation>
    </message>
    <message>
        <source>Kata sandi minimal {0} karakter.</source>
        <translation>The password needs at least {0} characters.</translation>
    </message>
    <message>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>Simpan cadangan (pilih flashdisk)</source>
        <translation>Save the backup (choose a USB stick)</translation>
    </message>
    <message>
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>(kantor belum diatur)</source>
        <translation>(office not set up)</translation>
    </message>
    <message>
        <source>dibuat {0}, {1}, {2} laporan, {3} lampiran</source>
        <translation>made {0}, {1}, {2} reports, {3} attachments</translation>
    </message>
    <message>
        <source>Data kantor di {0} akan diganti dengan isi cadangan ({1}).

Data yang sekarang tidak dihapus: foldernya disisihkan di sebelahnya (nama berakhiran &quot;.disisihkan-…&quot;). Laporan yang dicatat sesudah cadangan ini dibuat tidak ada dalam data yang dipulihkan; laporan itu tetap ada di folder yang disisihkan.

Lanjutkan pemulihan?</source>
        <translation>The office data in {0} will be replaced with the contents of the backup ({1}).

The current data is not deleted: its folder is set aside next to it (its name ends in &quot;.disisihkan-…&quot;). Reports recorded after this backup was made are not in the restored data; they stay in the folder set aside.

Continue the restore?</translation>
    </message>
    <message>
        <source>Cadangan ini milik kantor lain: {0}, bukan {1}.

Bila dipulihkan, aplikasi ini menjadi kantor {0} dengan laporan-laporannya. Pulihkan hanya bila memang itu yang dimaksud (misalnya komputer ini menggantikan komputer kantor tersebut).</source>
        <translation>This backup belongs to another office: {0}, not {1}.

If it is restored, this app becomes office {0} with its reports. Restore only if that is what you mean (for example, this computer replaces that office&apos;s computer).</translation>
    </message>
    <message>
        <source>Memulihkan cadangan</source>
        <translation>Restoring the backup</translation>
    </message>
    <message>
        <source>Memulihkan data dari {0}…</source>
        <translation>Restoring the data from {0}…</translation>
    </message>
    <message>
        <source>Data dipulihkan: {0}.</source>
        <translation>Data restored: {0}.</translation>
    </message>
    <message>
        <source>Data sebelumnya disisihkan (tidak dihapus) di:
{0}</source>
        <translation>The previous data was set aside (not deleted) in:
{0}</translation>
    </message>
    <message>
        <source>Cadangan dipulihkan</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>Pemulihan tidak berhasil</source>
        <translation>The restore failed</translation>
    </message>
    <message>
        <source>Pemulihan tidak berhasil, tidak ada yang diubah: {0}</source>
        <translation>The restore failed, nothing was changed: {0}</translation>
    </message>
</context>
<context>
    <name>CitizenMessageDialog</name>
    <message>
        <source>Kabari pelapor</source>
        <translation>Notify the reporter</translation>
    </message>
    <message>
        <source>Pesan untuk %1, nomor %2</source>
        <translation>Message for %1, number %2</translation>
    </message>
    <message>
        <source>Periksa pesan ini dan ubah bila perlu, lalu salin atau kirim lewat WhatsApp atau SMS.</source>
        <translation>Check this message and edit it if needed, then copy it or send it by WhatsApp or SMS.</translation>
    </message>
    <message>
        <source>Nomor %1 bukan nomor HP, jadi pesan tidak dapat dikirim lewat WhatsApp atau SMS. Salin pesan ini untuk disampaikan dengan cara lain.</source>
        <translation>%1 is not a mobile number, so the message cannot be sent by WhatsApp or SMS. Copy it to pass it on another way.</translation>
    </message>
    <message>
        <source>Salin pesan</source>
        <translation>Copy message</translation>
    </message>
    <message>
        <source>Buka WhatsApp</source>
        <translation>Open WhatsApp</translation>
    </message>
    <message>
        <source>Kirim SMS</source>
        <translation>Send SMS</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pesan disalin. Tempelkan di aplikasi pesan (Ctrl+V).</source>
        <translation>Message copied. Paste it into a messaging app (Ctrl+V).</translation>
    </message>
    <message>
        <source>Pesan dibuka di aplikasi lain. Periksa, lalu kirim dari sana.</source>
        <translation>The message was opened in another app. Check it, then send it from there.</translation>
    </message>
    <message>
        <source>Tidak ada aplikasi di komputer ini yang dapat membukanya. Salin pesan dan kirim dari HP.</source>
        <translation>No app on this computer can open it. Copy the message and send it from a phone.</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <source>Tes koneksi</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Periksa alamat server, layanan LAPOR! dan token, satu per satu.</source>
        <translation>Check the server address, the LAPOR! service and the token, one by one.</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Layanan LAPOR!</source>
        <translation>LAPOR! service</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Isi alamat server dulu, lalu tekan Tes koneksi.</source>
        <translation>Fill in the server address first, then press Test connection.</translation>
    </message>
    <message>
        <source>Menghubungi server…</source>
        <translation>Contacting the server…</translation>
    </message>
    <message>
        <source>Koneksi baik: alamat, layanan LAPOR! dan token semuanya diterima.</source>
        <translation>Connection good: address, LAPOR! service and token all accepted.</translation>
    </message>
    <message>
        <source>Bermasalah di langkah “{0}”.</source>
        <translation>Problem at the step “{0}”.</translation>
    </message>
    <message>
        <source>Koneksi tidak dapat diperiksa. Coba lagi sebentar lagi.</source>
        <translation>The connection could not be checked. Try again in a moment.</translation>
    </message>
</context>
<context>
    <name>ConversationPrintDialog</name>
    <message>
        <source>Cetak tanggapan</source>
        <translation>Print conversation</translation>
    </message>
    <message>
        <source>Laporan %1 dengan percakapannya: pertanyaan dari LAPOR! beserta jawaban instansi, dan tanggapan pelapor.</source>
        <translation>Report %1 with its conversation: LAPOR!&apos;s questions with the agency&apos;s answers, and the reporter&apos;s replies.</translation>
    </message>
    <message>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Kertas</source>
        <translation>Paper</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Laporan per bulan</source>
        <translation>Reports per month</translation>
    </message>
    <message>
        <source>Laporan per desa</source>
        <translation>Reports per village</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Terlambat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Rekap PDF bulanan…</source>
        <translation>Monthly PDF summary…</translation>
    </message>
    <message>
        <source>Ekspor CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Ekspor Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>Bulan rekap</source>
        <translation>Summary month</translation>
    </message>
    <message>
        <source>Per status</source>
        <translation>By status</translation>
    </message>
    <message>
        <source>Per kategori</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>Melewati batas waktu layanan</source>
        <translation>Past the service deadline</translation>
    </message>
    <message>
        <source>{0} laporan tercatat.</source>
        <translation>{0} reports recorded.</translation>
    </message>
    <message>
        <source>Batas waktu layanan LAPOR! terlewati untuk {0} laporan.</source>
        <translation>The LAPOR! service deadline has passed for {0} report(s).</translation>
    </message>
    <message>
        <source>Tidak ada laporan yang melewati batas waktu layanan.</source>
        <translation>No report is past the service deadline.</translation>
    </message>
    <message>
        <source>{0} laporan diekspor ke {1}.</source>
        <translation>{0} reports exported to {1}.</translation>
    </message>
    <message>
        <source>Ekspor daftar laporan</source>
        <translation>Export the report list</translation>
    </message>
    <message>
        <source>Rekap tidak dapat disimpan: {0}</source>
        <translation>The summary could not be saved: {0}</translation>
    </message>
    <message>
        <source>Rekap disimpan di {0}.</source>
        <translation>Summary saved to {0}.</translation>
    </message>
    <message>
        <source>Simpan rekap bulanan</source>
        <translation>Save monthly summary</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Terjadi kesalahan di aplikasi. Laporan yang sudah tersimpan tetap aman.</source>
        <translation>Something went wrong in the app. Reports already saved are safe.</translation>
    </message>
    <message>
        <source>Jika pekerjaan tadi belum selesai, coba sekali lagi. Bila kesalahan ini muncul lagi, pilih Kirim log… dan kirim berkasnya ke pendamping desa atau tim dukungan.</source>
        <translation>If what you were doing did not finish, try once more. If this error comes back, choose Send log… and send the file to the village facilitator or the support team.</translation>
    </message>
    <message>
        <source>Kirim log…</source>
        <translation>Send log…</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Panduan singkat LAPOR! Desa</source>
        <translation>LAPOR! Desa quick guide</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ListExportButton</name>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Simpan daftar seperti yang tampil sekarang (dengan filternya), atau rekap bulanan.</source>
        <translation>Save the list as it is shown now (with its filters), or the monthly recap.</translation>
    </message>
    <message>
        <source>Daftar ini ke CSV…</source>
        <translation>This list to CSV…</translation>
    </message>
    <message>
        <source>Daftar ini ke Excel…</source>
        <translation>This list to Excel…</translation>
    </message>
    <message>
        <source>Rekap bulanan (PDF)…</source>
        <translation>Monthly recap (PDF)…</translation>
    </message>
    <message>
        <source>%1 laporan diekspor ke:
%2</source>
        <translation>%1 reports exported to:
%2</translation>
    </message>
    <message>
        <source>Daftar tidak dapat disimpan di %1: %2</source>
        <translation>The list could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>Ekspor daftar laporan</source>
        <translation>Export the report list</translation>
    </message>
    <message>
        <source>Rekap tidak dapat disimpan di %1: %2</source>
        <translation>The recap could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>Rekap bulanan disimpan di:
%1</source>
        <translation>Monthly recap saved in:
%1</translation>
    </message>
    <message>
        <source>Rekap bulanan</source>
        <translation>Monthly recap</translation>
    </message>
    <message>
        <source>Simpan rekap bulanan</source>
        <translation>Save the monthly recap</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Laporan baru</source>
        <translation>New report</translation>
    </message>
    <message>
        <source>Perbarui daftar kategori</source>
        <translation>Refresh the category list</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;Paket</source>
        <translation>&amp;Package</translation>
    </message>
    <message>
        <source>Serahkan antrean ke kecamatan (ekspor paket)…</source>
        <translation>Hand the queue to the sub-district (export package)…</translation>
    </message>
    <message>
        <source>Impor paket…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <source>Simpan identitas kantor ini…</source>
        <translation>Save this office&apos;s identity…</translation>
    </message>
    <message>
        <source>Percayai kantor lain…</source>
        <translation>Trust another office…</translation>
    </message>
    <message>
        <source>B&amp;antuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Panduan singkat</source>
        <translation>Quick guide</translation>
    </message>
    <message>
        <source>Tentang LAPOR! Desa</source>
        <translation>About LAPOR! Desa</translation>
    </message>
    <message>
        <source>Kirim log…</source>
        <translation>Send log…</translation>
    </message>
    <message>
        <source>Memperbarui daftar kategori…</source>
        <translation>Refreshing the category list…</translation>
    </message>
    <message>
        <source>Daftar kategori belum dapat diperbarui. Coba lagi nanti.</source>
        <translation>The category list could not be refreshed. Try again later.</translation>
    </message>
    <message>
        <source>LAPOR! Desa</source>
        <translation>LAPOR! Desa</translation>
    </message>
    <message>
        <source>Alamat server LAPOR! belum diisi, jadi laporan belum bisa dikirim.</source>
        <translation>The LAPOR! server address is not set yet, so reports cannot be sent.</translation>
    </message>
    <message>
        <source>Buka Pengaturan</source>
        <translation>Open Settings</translation>
    </message>
    <message>
        <source>Alamat server atau token belum diisi. Isi keduanya di Pengaturan.</source>
        <translation>The server address or the token is not filled in. Fill in both in Settings.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Laporan baru</source>
        <translation>New report</translation>
    </message>
    <message>
        <source>Kotak keluar</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>Semua laporan</source>
        <translation>All reports</translation>
    </message>
    <message>
        <source>Tinjauan desa</source>
        <translation>Village review</translation>
    </message>
    <message>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>{0} menunggu dikirim, {1} perlu diperbaiki</source>
        <translation>{0} waiting to be sent, {1} need a fix</translation>
    </message>
    <message numerus="yes">
        <source>%n pertanyaan LAPOR! menunggu jawaban pelapor</source>
        <translation>
            <numerusform>%n LAPOR! question waiting for the reporter&apos;s answer</numerusform>
            <numerusform>%n LAPOR! questions waiting for the reporter&apos;s answer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>NotifyButton</name>
    <message>
        <source>Kabari pelapor…</source>
        <translation>Notify the reporter…</translation>
    </message>
    <message>
        <source>Laporan anonim: pelapor tidak dikabari lewat pesan.</source>
        <translation>Anonymous report: the reporter is not sent messages.</translation>
    </message>
    <message>
        <source>Pelapor tidak memberi nomor telepon.</source>
        <translation>The reporter gave no phone number.</translation>
    </message>
    <message>
        <source>Pesan singkat tentang laporan ini untuk pelapor.</source>
        <translation>A short message about this report for the reporter.</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Kantor Anda</source>
        <translation>Your office</translation>
    </message>
    <message>
        <source>Nama kantor dan kode wilayahnya dicetak di tanda terima dan dikirim bersama setiap laporan.</source>
        <translation>The office name and its region code are printed on receipts and sent with every report.</translation>
    </message>
    <message>
        <source>Desa / kelurahan</source>
        <translation>Village (desa / kelurahan)</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Sub-district (kecamatan)</translation>
    </message>
    <message>
        <source>contoh: Desa Way Huwi</source>
        <translation>e.g. Desa Way Huwi</translation>
    </message>
    <message>
        <source>Jenis kantor</source>
        <translation>Office type</translation>
    </message>
    <message>
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <source>Kode wilayah</source>
        <translation>Region code</translation>
    </message>
    <message>
        <source>Kode Kemendagri empat bagian: provinsi.kabupaten.kecamatan.desa, misalnya 18.01.01.2001.</source>
        <translation>Kemendagri code in four parts: province.regency.district.village, for example 18.01.01.2001.</translation>
    </message>
    <message>
        <source>Kode Kemendagri tiga bagian: provinsi.kabupaten.kecamatan, misalnya 18.01.01.</source>
        <translation>Kemendagri code in three parts: province.regency.district, for example 18.01.01.</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Nama Anda dicatat pada setiap laporan yang Anda rekam.</source>
        <translation>Your name is recorded on every report you enter.</translation>
    </message>
    <message>
        <source>contoh: Siti Aminah</source>
        <translation>e.g. Siti Aminah</translation>
    </message>
    <message>
        <source>Nama operator</source>
        <translation>Operator name</translation>
    </message>
</context>
<context>
    <name>PaketActions</name>
    <message>
        <source>Paket LAPOR Desa (*.lapor *.lpk);;Semua berkas (*)</source>
        <translation>LAPOR Desa paket (*.lapor *.lpk);;All files (*)</translation>
    </message>
    <message>
        <source>Identitas kantor (*.identity *.txt);;Semua berkas (*)</source>
        <translation>Office identity (*.identity *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>Kantor itu</source>
        <translation>That office</translation>
    </message>
    <message>
        <source>{0} belum dikenal di komputer ini. Minta berkas identitas kantornya (di sana: menu Paket › Simpan identitas kantor ini…), lalu di sini buka Pengaturan › Percayai kantor lain… dan pilih berkas itu.</source>
        <translation>{0} is not known on this computer yet. Ask for its office identity file (there: menu Paket › Save this office&apos;s identity…), then here open Settings › Trust another office… and choose that file.</translation>
    </message>
    <message>
        <source>Paket ini dibuat untuk kunci kantor yang lama atau lain. Di Pengaturan, pilih Simpan identitas kantor ini…, kirim berkasnya ke {0}, lalu minta paket baru.</source>
        <translation>This paket was made for an old or different office key. In Settings, choose Save this office&apos;s identity…, send the file to {0}, then ask for a new paket.</translation>
    </message>
    <message>
        <source>Berkas ini bukan identitas kantor LAPOR Desa. Minta kantor pengirim menyimpan identitasnya lagi (menu Paket › Simpan identitas kantor ini…) dan mengirim berkas itu utuh.</source>
        <translation>This file is not a LAPOR Desa office identity. Ask the sending office to save its identity again (menu Paket › Save this office&apos;s identity…) and send that file whole.</translation>
    </message>
    <message>
        <source>Paket berisi {0} laporan ({1} lampiran, {2:.1f} MB) disimpan di {3}. Serahkan berkas ini ke {4}.</source>
        <translation>A package with {0} reports ({1} attachments, {2:.1f} MB) was saved to {3}. Hand this file to {4}.</translation>
    </message>
    <message>
        <source>Paket berisi {0} laporan dan {1} tanggapan pelapor ({2} lampiran, {3:.1f} MB) disimpan di {4}. Serahkan berkas ini ke {5}.</source>
        <translation>A package with {0} reports and {1} reporter replies ({2} attachments, {3:.1f} MB) was saved to {4}. Hand this file to {5}.</translation>
    </message>
    <message>
        <source>Simpan paket untuk kecamatan</source>
        <translation>Save package for the sub-district</translation>
    </message>
    <message>
        <source>Balasan dari {0}: {1} laporan terkirim ke LAPOR!, {2} dikembalikan untuk diperbaiki, {3} ditandai duplikat.</source>
        <translation>Reply from {0}: {1} reports sent to LAPOR!, {2} returned to be fixed, {3} marked as duplicates.</translation>
    </message>
    <message>
        <source>Paket dari {0}: {1} laporan baru menunggu tinjauan, {2} dikirim ulang, {3} sudah ada.</source>
        <translation>Package from {0}: {1} new reports awaiting review, {2} sent again, {3} already present.</translation>
    </message>
    <message>
        <source>Tanggapan pelapor: {0} baru, dikirim ke LAPOR! pada sinkronisasi berikutnya; {1} sudah ada.</source>
        <translation>Reporter replies: {0} new, sent to LAPOR! with the next sync; {1} already here.</translation>
    </message>
    <message>
        <source>{0} laporan ditolak: pengenalnya milik laporan yang bukan dari desa ini.</source>
        <translation>{0} reports refused: their ids belong to reports that are not from this desa.</translation>
    </message>
    <message>
        <source>{0} tanggapan pelapor ditolak: bukan untuk laporan desa ini yang dipegang kecamatan.</source>
        <translation>{0} reporter replies refused: they are not for this desa&apos;s reports held by the kecamatan.</translation>
    </message>
    <message>
        <source>Buka paket</source>
        <translation>Open package</translation>
    </message>
    <message>
        <source>Identitas kantor disimpan di {0}. Sidik kunci: {1} (bacakan lewat telepon saat kantor lain memasangnya).</source>
        <translation>Office identity saved to {0}. Key fingerprint: {1} (read it out by phone when the other office installs it).</translation>
    </message>
    <message>
        <source>Simpan identitas kantor ini</source>
        <translation>Save this office&apos;s identity</translation>
    </message>
    <message>
        <source>Buka identitas kantor lain</source>
        <translation>Open another office&apos;s identity</translation>
    </message>
    <message>
        <source>{0} ({1}) kini dikenal. Sidik kunci: {2}.</source>
        <translation>{0} ({1}) is now known. Key fingerprint: {2}.</translation>
    </message>
    <message>
        <source>Tanggapan pelapor: {0} terkirim ke LAPOR!, {1} ditolak (alasannya ada di laporan).</source>
        <translation>Reporter replies: {0} sent to LAPOR!, {1} refused (the reason is on the report).</translation>
    </message>
    <message>
        <source>Paket balasan untuk {0} ({1} jawaban) disimpan di {2}.</source>
        <translation>Reply package for {0} ({1} answers) saved to {2}.</translation>
    </message>
    <message>
        <source>Paket balasan untuk {0} ({1} jawaban, {2} kabar tanggapan pelapor) disimpan di {3}.</source>
        <translation>Reply package for {0} ({1} answers, {2} reporter reply updates) saved to {3}.</translation>
    </message>
    <message>
        <source>Simpan paket balasan</source>
        <translation>Save reply package</translation>
    </message>
</context>
<context>
    <name>PaperButton</name>
    <message>
        <source>Kertas: %1. Klik panah untuk memakai kertas lain kali ini.</source>
        <translation>Paper: %1. Click the arrow to use another paper this time.</translation>
    </message>
</context>
<context>
    <name>PendudukBox</name>
    <message>
        <source>Impor data penduduk dari OpenSID</source>
        <translation>Import population data from OpenSID</translation>
    </message>
    <message>
        <source>Ekspor penduduk OpenSID (*.zip *.xlsx *.csv);;Semua berkas (*)</source>
        <translation>OpenSID population export (*.zip *.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Data penduduk</source>
        <translation>Population data</translation>
    </message>
    <message>
        <source>Ekspor dari OpenSID: menu OpenDK › Sinkronisasi › Penduduk › Unduh (berkas penduduk_&lt;tanggal&gt;_opendk.zip; .xlsx atau .csv-nya juga bisa). Formulir laporan memakainya untuk mengisi nama dan alamat pelapor dari NIK atau nama.</source>
        <translation>Export from OpenSID: menu OpenDK › Sinkronisasi › Penduduk › Unduh (file penduduk_&lt;date&gt;_opendk.zip; its .xlsx or a .csv works too). The report form uses it to fill in the reporter&apos;s name and address from a NIK or a name.</translation>
    </message>
    <message>
        <source>Impor data penduduk…</source>
        <translation>Import population data…</translation>
    </message>
    <message>
        <source>Hapus data penduduk…</source>
        <translation>Delete population data…</translation>
    </message>
    <message>
        <source>Belum ada data penduduk. Formulir tidak menawarkan nama dan alamat pelapor.</source>
        <translation>No population data yet. The form does not offer reporters&apos; names and addresses.</translation>
    </message>
    <message>
        <source>%1 penduduk hidup, %2. Berkas %3, diimpor %4.</source>
        <translation>%1 living residents, %2. File %3, imported %4.</translation>
    </message>
    <message>
        <source>tanggal data tidak diketahui</source>
        <translation>date of the data unknown</translation>
    </message>
    <message>
        <source>data per %1 (%2)</source>
        <translation>data as of %1 (%2)</translation>
    </message>
    <message>
        <source>Data penduduk tidak dapat dibaca.</source>
        <translation>The population data cannot be read.</translation>
    </message>
    <message>
        <source>Membaca %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n baris dibaca…</source>
        <translation>
            <numerusform>%n row read…</numerusform>
            <numerusform>%n rows read…</numerusform>
        </translation>
    </message>
    <message>
        <source>Diimpor %1 penduduk dari %2 baris, %3.</source>
        <translation>Imported %1 residents from %2 rows, %3.</translation>
    </message>
    <message>
        <source>Data sebelumnya (%1 penduduk) diganti.</source>
        <translation>The previous data (%1 residents) was replaced.</translation>
    </message>
    <message>
        <source>Dilewati %1 baris: %2.</source>
        <translation>Skipped %1 rows: %2.</translation>
    </message>
    <message>
        <source>Data penduduk yang sudah ada tidak berubah.</source>
        <translation>The population data already stored is unchanged.</translation>
    </message>
    <message>
        <source>Impor dibatalkan.</source>
        <translation>Import cancelled.</translation>
    </message>
    <message>
        <source>Impor gagal karena kesalahan yang tidak terduga.</source>
        <translation>The import failed because of an unexpected error.</translation>
    </message>
    <message>
        <source>Berkas ini berisi data per %1, lebih lama daripada data penduduk yang sudah ada (per %2). Penduduk yang lahir atau pindah datang sesudahnya tidak akan ditawarkan lagi.

Tetap pakai berkas ini?</source>
        <translation>This file holds data as of %1, older than the population data already stored (as of %2). Residents born or moved in since then will no longer be offered.

Use this file anyway?</translation>
    </message>
    <message>
        <source>Data lebih lama</source>
        <translation>Older data</translation>
    </message>
    <message>
        <source>Pakai berkas ini</source>
        <translation>Use this file</translation>
    </message>
    <message>
        <source>Hapus semua data penduduk (%1 penduduk)? Formulir laporan tidak lagi menawarkan nama dan alamat pelapor sampai data diimpor lagi. Laporan yang sudah dibuat tidak berubah.</source>
        <translation>Delete all population data (%1 residents)? The report form will no longer offer reporters&apos; names and addresses until data is imported again. Reports already made do not change.</translation>
    </message>
    <message>
        <source>Hapus data penduduk</source>
        <translation>Delete population data</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Data penduduk dihapus (%1 penduduk).</source>
        <translation>Population data deleted (%1 residents).</translation>
    </message>
    <message>
        <source>Data penduduk tidak dapat dihapus.</source>
        <translation>The population data cannot be deleted.</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>‹ Sebelumnya</source>
        <translation>‹ Previous</translation>
    </message>
    <message>
        <source>Berikutnya ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <source>Buka di aplikasi lain…</source>
        <translation>Open in another application…</translation>
    </message>
    <message>
        <source>Buka berkas ini dengan aplikasi bawaan komputer (misalnya pembaca PDF).</source>
        <translation>Open this file with the computer&apos;s own application (a PDF reader, for example).</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lampiran: %1</source>
        <translation>Attachment: %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 dari %4</source>
        <translation>%1 · %2 · %3 of %4</translation>
    </message>
    <message>
        <source>Dokumen PDF: buka di aplikasi lain untuk membacanya.</source>
        <translation>PDF document: open it in another application to read it.</translation>
    </message>
    <message>
        <source>Memuat foto…</source>
        <translation>Loading the photo…</translation>
    </message>
    <message>
        <source>Foto ini tidak dapat ditampilkan.</source>
        <translation>This photo cannot be shown.</translation>
    </message>
</context>
<context>
    <name>PrintSettingsBox</name>
    <message>
        <source>Cetakan</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Kertas tanda terima</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <source>Alamat pelacakan LAPOR!</source>
        <translation>LAPOR! tracking address</translation>
    </message>
    <message>
        <source>Alamat halaman laporan di situs LAPOR! yang dibuka kode QR, dengan {tracking_id} di tempat nomor pelacakan. Kosongkan untuk memakai alamat bawaan.</source>
        <translation>The address of a report&apos;s page on the LAPOR! site, opened by the QR code, with {tracking_id} where the tracking number goes. Leave it empty to use the default address.</translation>
    </message>
    <message>
        <source>Tanda terima dicetak pada %1.</source>
        <translation>Receipts are printed on %1.</translation>
    </message>
    <message>
        <source>Alamat pelacakan kembali ke alamat bawaan.</source>
        <translation>The tracking address is back to the default.</translation>
    </message>
    <message>
        <source>Alamat pelacakan tersimpan.</source>
        <translation>Tracking address saved.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Profil kantor dari pelatih</source>
        <translation>Office profile from the trainer</translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Kode wilayah</source>
        <translation>Region code</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Sidik kunci pelatih</source>
        <translation>Trainer key fingerprint</translation>
    </message>
    <message>
        <source>Terapkan profil</source>
        <translation>Apply profile</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Profil {0} tidak dapat dipakai.</source>
        <translation>The profile {0} cannot be used.</translation>
    </message>
    <message>
        <source>MODE LATIHAN: data terpisah, hanya dikirim ke server latihan</source>
        <translation>TRAINING MODE: separate data, sent only to the training server</translation>
    </message>
    <message>
        <source>Layanan LAPOR! sungguhan</source>
        <translation>The real LAPOR! service</translation>
    </message>
    <message>
        <source>Tanda tangan profil cocok. Periksa isinya, lalu terapkan.</source>
        <translation>The profile&apos;s signature is valid. Check its contents, then apply it.</translation>
    </message>
    <message>
        <source>Tanda tangan profil cocok, tetapi kunci pelatih ini belum dipercaya komputer ini.</source>
        <translation>The profile&apos;s signature is valid, but this computer does not trust the trainer&apos;s key yet.</translation>
    </message>
    <message>
        <source>Sidik kunci {0} sama dengan yang ditunjukkan pelatih; percayai kunci ini.</source>
        <translation>The fingerprint {0} matches the one the trainer shows; trust this key.</translation>
    </message>
    <message>
        <source>Pilih berkas profil kantor</source>
        <translation>Choose an office profile file</translation>
    </message>
    <message>
        <source>Profil kantor (*{0});;Semua berkas (*)</source>
        <translation>Office profile (*{0});;All files (*)</translation>
    </message>
</context>
<context>
    <name>QueuedPage</name>
    <message>
        <source>Laporan sudah diantrekan untuk dikirim</source>
        <translation>The report is queued for sending</translation>
    </message>
    <message>
        <source>Cetak tanda terima</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>Simpan PDF tanda terima…</source>
        <translation>Save receipt as PDF…</translation>
    </message>
    <message>
        <source>Laporan baru</source>
        <translation>New report</translation>
    </message>
    <message>
        <source>Nomor laporan: %1</source>
        <translation>Report number: %1</translation>
    </message>
    <message>
        <source>Berikan tanda terima kepada pelapor.</source>
        <translation>Give the receipt to the reporter.</translation>
    </message>
    <message>
        <source>Laporan sudah terkirim ke LAPOR!</source>
        <translation>The report has been sent to LAPOR!</translation>
    </message>
    <message>
        <source>Nomor pelacakan: %1. Status dan jawaban instansi muncul di rincian laporan.</source>
        <translation>Tracking number: %1. Its status and the agency&apos;s answers appear in the report&apos;s details.</translation>
    </message>
    <message>
        <source>Laporan sudah diserahkan ke kecamatan</source>
        <translation>The report has been handed to the kecamatan</translation>
    </message>
    <message>
        <source>Kecamatan meneruskannya ke LAPOR! dan mengirim nomor pelacakannya bersama paket balasan.</source>
        <translation>The kecamatan passes it on to LAPOR! and sends its tracking number back with the reply paket.</translation>
    </message>
    <message>
        <source>LAPOR! meminta laporan ini diperbaiki</source>
        <translation>LAPOR! asks for this report to be fixed</translation>
    </message>
    <message>
        <source>Buka laporan ini dari Kotak keluar, perbaiki bagian yang ditandai, lalu antrekan lagi.</source>
        <translation>Open this report from the Outbox, fix the marked parts, then queue it again.</translation>
    </message>
    <message>
        <source>Laporan akan dikirim ke LAPOR! secara otomatis saat komputer terhubung ke internet. Nomor pelacakan muncul di rincian laporan setelah terkirim.</source>
        <translation>The report will be sent to LAPOR! automatically when the computer is connected to the internet. The tracking number appears in the report&apos;s details once it is sent.</translation>
    </message>
    <message>
        <source>Laporan sudah diantrekan</source>
        <translation>The report is queued</translation>
    </message>
    <message>
        <source>Alamat server LAPOR! belum diisi, jadi laporan ini belum bisa dikirim. Isi alamat server dan token di Pengaturan agar laporan yang menunggu bisa dikirim, atau serahkan lewat paket ke kecamatan (menu Paket).</source>
        <translation>The LAPOR! server address is not filled in yet, so this report cannot be sent yet. Fill in the server address and token in Settings so that waiting reports can be sent, or hand them to the kecamatan in a paket (menu Paket).</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>Catat tanggapan pelapor</source>
        <translation>Record the reporter&apos;s reply</translation>
    </message>
    <message>
        <source>Laporan %1: %2</source>
        <translation>Report %1: %2</translation>
    </message>
    <message>
        <source>Tanggapan pelapor</source>
        <translation>Reporter&apos;s reply</translation>
    </message>
    <message>
        <source>Tulis apa yang disampaikan pelapor, dengan kata-katanya sendiri.</source>
        <translation>Write what the reporter says, in their own words.</translation>
    </message>
    <message>
        <source>Lampiran (boleh kosong)</source>
        <translation>Attachments (optional)</translation>
    </message>
    <message>
        <source>Tambah foto atau PDF…</source>
        <translation>Add a photo or PDF…</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Foto (JPEG atau PNG) atau PDF, paling banyak %1 berkas, masing-masing paling besar 5 MB.</source>
        <translation>Photos (JPEG or PNG) or PDF, at most %1 files, each at most 5 MB.</translation>
    </message>
    <message>
        <source>Simpan dan antrekan</source>
        <translation>Save and queue</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>LAPOR! meminta keterangan tambahan: %1</source>
        <translation>LAPOR! asks for more information: %1</translation>
    </message>
    <message>
        <source>Jawaban terakhir dari %1: %2</source>
        <translation>Latest answer from %1: %2</translation>
    </message>
    <message>
        <source>Pilih foto atau PDF</source>
        <translation>Choose photos or a PDF</translation>
    </message>
    <message>
        <source>Foto atau PDF (%1)</source>
        <translation>Photos or PDF (%1)</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>ReportDetailPage</name>
    <message>
        <source>← Kembali</source>
        <translation>← Back</translation>
    </message>
    <message>
        <source>Perbaiki</source>
        <translation>Fix</translation>
    </message>
    <message>
        <source>Riwayat dan percakapan</source>
        <translation>History and conversation</translation>
    </message>
    <message>
        <source>Catat jawaban atau keterangan warga untuk LAPOR!; terkirim pada sinkron berikutnya.</source>
        <translation>Record the citizen&apos;s answer or information for LAPOR!; it is sent with the next sync.</translation>
    </message>
    <message>
        <source>Laporan dari desa ini menunggu tinjauan. Putuskan di Tinjauan desa: setujui, kembalikan ke desa, atau tandai duplikat.</source>
        <translation>This village report awaits review. Decide it under Village review: approve, return to the village, or mark as a duplicate.</translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Catat tanggapan pelapor</source>
        <translation>Record the reporter&apos;s reply</translation>
    </message>
    <message>
        <source>Dicatat</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Nomor pelacakan LAPOR!</source>
        <translation>LAPOR! tracking number</translation>
    </message>
    <message>
        <source>Status LAPOR!</source>
        <translation>LAPOR! status</translation>
    </message>
    <message>
        <source>Ditangani oleh</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>Tenggat tahap ini</source>
        <translation>Due date of this step</translation>
    </message>
    <message>
        <source>Lokasi kejadian</source>
        <translation>Incident location</translation>
    </message>
    <message>
        <source>Koordinat</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>Pelapor</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>Tampilkan NIK lengkap</source>
        <translation>Show full NIK</translation>
    </message>
    <message>
        <source>Privasi</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Cetak tanggapan</source>
        <translation>Print the conversation</translation>
    </message>
    <message>
        <source>Cetak atau simpan PDF percakapan dengan LAPOR! untuk diserahkan kepada pelapor.</source>
        <translation>Print or save as PDF the conversation with LAPOR!, to hand to the reporter.</translation>
    </message>
    <message>
        <source>Ubah draf</source>
        <translation>Edit draft</translation>
    </message>
    <message>
        <source>Tarik kembali menjadi draf</source>
        <translation>Take back to draft</translation>
    </message>
    <message>
        <source>Keluarkan laporan ini dari antrean kirim agar isinya dapat diubah.</source>
        <translation>Take this report out of the sending queue so that it can be changed.</translation>
    </message>
    <message>
        <source>Cetak tanda terima</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>Simpan PDF tanda terima…</source>
        <translation>Save receipt as PDF…</translation>
    </message>
    <message>
        <source>Cetak jawaban instansi</source>
        <translation>Print agency&apos;s answers</translation>
    </message>
    <message>
        <source>Simpan PDF jawaban instansi…</source>
        <translation>Save agency&apos;s answers as PDF…</translation>
    </message>
    <message>
        <source>Memuat laporan…</source>
        <translation>Loading the report…</translation>
    </message>
    <message>
        <source>Laporan tidak dapat dibuka</source>
        <translation>The report cannot be opened</translation>
    </message>
    <message>
        <source>Laporan %1</source>
        <translation>Report %1</translation>
    </message>
    <message>
        <source>Tidak diketahui</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>%1 oleh %2</source>
        <translation>%1 by %2</translation>
    </message>
    <message>
        <source>Belum ada (diberikan setelah laporan terkirim)</source>
        <translation>None yet (given once the report is sent)</translation>
    </message>
    <message>
        <source>Laporan anonim: identitas pelapor tidak diteruskan ke instansi dan tidak ditampilkan ke publik.</source>
        <translation>Anonymous report: the reporter&apos;s identity is not passed to the agency and not shown to the public.</translation>
    </message>
    <message>
        <source>Anonim</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>Rahasia (isi tidak dipublikasikan)</source>
        <translation>Confidential (contents not published)</translation>
    </message>
    <message>
        <source>Biasa</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>Tidak ada</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Tidak dipilih</source>
        <translation>Not chosen</translation>
    </message>
    <message>
        <source>Belum ditentukan LAPOR!</source>
        <translation>Not yet decided by LAPOR!</translation>
    </message>
    <message>
        <source>%1 (lewat tenggat)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>LAPOR! meminta keterangan tambahan: %1</source>
        <translation>LAPOR! asks for more information: %1</translation>
    </message>
    <message>
        <source>Tanggapan pelapor sudah dicatat; lihat percakapan di samping.</source>
        <translation>The reporter&apos;s reply has been recorded; see the conversation alongside.</translation>
    </message>
    <message>
        <source>Laporan ini sudah dikembalikan ke desa untuk diperbaiki. Desa mengirimnya lagi lewat paket.</source>
        <translation>This report was returned to the village to be fixed. The village sends it again in a paket.</translation>
    </message>
    <message>
        <source>Laporan ini ditandai sebagai duplikat laporan lain, jadi tidak dikirim.</source>
        <translation>This report is marked as a duplicate of another report, so it is not sent.</translation>
    </message>
    <message>
        <source>Sembunyikan NIK</source>
        <translation>Hide NIK</translation>
    </message>
    <message>
        <source>LAPOR! mengembalikan laporan ini untuk diperbaiki.</source>
        <translation>LAPOR! returned this report for correction.</translation>
    </message>
    <message>
        <source>Bagian yang perlu diperbaiki ditandai merah. Tekan “Perbaiki” untuk mengubahnya.</source>
        <translation>The parts to fix are marked in red. Press “Fix” to change them.</translation>
    </message>
    <message>
        <source>Belum ada jawaban dari instansi.</source>
        <translation>No answer from the agency yet.</translation>
    </message>
    <message>
        <source>Tanggapan pelapor dapat dicatat setelah laporan mendapat nomor pelacakan LAPOR!</source>
        <translation>A reporter&apos;s reply can be recorded once LAPOR! has given the report a tracking number</translation>
    </message>
</context>
<context>
    <name>ReportFormPage</name>
    <message>
        <source>Simpan draf (Ctrl+S)</source>
        <translation>Save draft (Ctrl+S)</translation>
    </message>
    <message>
        <source>Antrekan untuk dikirim (Ctrl+Enter)</source>
        <translation>Queue for sending (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Laporan baru</source>
        <translation>New report</translation>
    </message>
    <message>
        <source>Laporan yang sedang diisi belum tersimpan karena penyimpanan bermasalah. Laporan lain dapat dibuka setelah isian ini tersimpan.</source>
        <translation>The report being filled in is not saved yet because of a storage problem. Other reports can be opened once it is saved.</translation>
    </message>
    <message>
        <source>Memuat laporan…</source>
        <translation>Loading the report…</translation>
    </message>
    <message>
        <source>Tunggu sampai lampiran selesai diproses, lalu antrekan lagi.</source>
        <translation>Wait until the attachments are processed, then queue again.</translation>
    </message>
    <message numerus="yes">
        <source>%n bagian perlu diperbaiki sebelum diantrekan.</source>
        <translation>
            <numerusform>%n item needs fixing before queuing.</numerusform>
            <numerusform>%n items need fixing before queuing.</numerusform>
        </translation>
    </message>
    <message>
        <source>Draf belum dapat disimpan: perbaiki bagian yang ditandai merah.</source>
        <translation>The draft cannot be saved yet: fix the parts marked in red.</translation>
    </message>
    <message>
        <source>Laporan %1</source>
        <translation>Report %1</translation>
    </message>
    <message>
        <source>Draf disimpan pukul %1</source>
        <translation>Draft saved at %1</translation>
    </message>
    <message>
        <source>Tersimpan otomatis pukul %1</source>
        <translation>Saved automatically at %1</translation>
    </message>
    <message>
        <source>Belum tersimpan: isian tetap di layar dan disimpan otomatis begitu bisa.</source>
        <translation>Not saved yet: the entry stays on screen and is saved automatically as soon as possible.</translation>
    </message>
    <message>
        <source>Draf belum tersimpan.</source>
        <translation>The draft is not saved.</translation>
    </message>
</context>
<context>
    <name>ReportInputs</name>
    <message>
        <source>Ringkas, misalnya: Jalan Dusun II berlubang</source>
        <translation>Short, for example: Potholes on the Dusun II road</translation>
    </message>
    <message>
        <source>Apa yang terjadi, di mana, sejak kapan, siapa yang terdampak.</source>
        <translation>What happened, where, since when, who is affected.</translation>
    </message>
    <message>
        <source>%1 (tidak ada di daftar)</source>
        <translation>%1 (not in the list)</translation>
    </message>
    <message>
        <source>— pilih kelompok —</source>
        <translation>— choose a group —</translation>
    </message>
    <message>
        <source>— tidak dipilih (LAPOR! yang menentukan) —</source>
        <translation>— none (LAPOR! decides) —</translation>
    </message>
    <message>
        <source>Pilih instansi dari daftar, atau kosongkan isiannya.</source>
        <translation>Choose an agency from the list, or leave it empty.</translation>
    </message>
    <message>
        <source>Disarankan dari kategori; boleh diganti atau dikosongkan.</source>
        <translation>Suggested from the category; you may change it or leave it empty.</translation>
    </message>
    <message>
        <source>Tidak tahu</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>“%1” bukan tanggal yang ada. Tulis hari-bulan-tahun, misalnya 20-11-2026.</source>
        <translation>“%1” is not a date that exists. Write day-month-year, for example 20-11-2026.</translation>
    </message>
    <message>
        <source>Tulis tanggal kejadian, misalnya 20-11-2026, atau centang “Tidak tahu”.</source>
        <translation>Write the incident date, for example 20-11-2026, or tick “Unknown”.</translation>
    </message>
    <message>
        <source>Pilih tanggal dari kalender</source>
        <translation>Choose the date from a calendar</translation>
    </message>
    <message>
        <source>Dusun, RT/RW, patokan</source>
        <translation>Hamlet, RT/RW, landmark</translation>
    </message>
    <message>
        <source>mis. -5,3612 (boleh kosong)</source>
        <translation>e.g. -5.3612 (optional)</translation>
    </message>
    <message>
        <source>mis. 105,3125 (boleh kosong)</source>
        <translation>e.g. 105.3125 (optional)</translation>
    </message>
    <message>
        <source>16 angka sesuai KTP (boleh kosong)</source>
        <translation>16 digits as on the ID card (optional)</translation>
    </message>
    <message>
        <source>mis. 081234567890 (boleh kosong)</source>
        <translation>e.g. 081234567890 (optional)</translation>
    </message>
    <message>
        <source>Anonim</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>Rahasia</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <source>Pelapor menyetujui pemrosesan data pribadinya</source>
        <translation>The reporter agrees to the processing of their personal data</translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Jenis laporan</source>
        <translation>Report type</translation>
    </message>
    <message>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Isi laporan</source>
        <translation>Report text</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Instansi tujuan</source>
        <translation>Intended agency</translation>
    </message>
    <message>
        <source>Boleh kosong. Ketik sebagian nama untuk mencari. LAPOR! yang memutuskan instansi yang menangani.</source>
        <translation>Optional. Type part of a name to search. LAPOR! decides which agency handles the report.</translation>
    </message>
    <message>
        <source>Tanggal kejadian</source>
        <translation>Incident date</translation>
    </message>
    <message>
        <source>Hari-bulan-tahun, misalnya 20-11-2026; tidak boleh setelah hari ini. Centang “Tidak tahu” bila tanggalnya tidak diketahui.</source>
        <translation>Day-month-year, for example 20-11-2026; not after today. Tick “Unknown” when the date is not known.</translation>
    </message>
    <message>
        <source>Saluran</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Cara warga menyampaikan laporan ini.</source>
        <translation>How the citizen brought this report.</translation>
    </message>
    <message>
        <source>Lokasi kejadian</source>
        <translation>Incident location</translation>
    </message>
    <message>
        <source>Kode wilayah</source>
        <translation>Region code</translation>
    </message>
    <message>
        <source>Kode Kemendagri desa/kelurahan tempat kejadian.</source>
        <translation>Kemendagri code of the village where it happened.</translation>
    </message>
    <message>
        <source>Alamat lokasi</source>
        <translation>Location address</translation>
    </message>
    <message>
        <source>Lintang</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Lintang harus berupa angka, misalnya -5,3612. Kosongkan jika tidak diketahui.</source>
        <translation>Latitude must be a number, for example -5.3612. Leave it empty if unknown.</translation>
    </message>
    <message>
        <source>Bujur</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Bujur harus berupa angka, misalnya 105,3125. Kosongkan jika tidak diketahui.</source>
        <translation>Longitude must be a number, for example 105.3125. Leave it empty if unknown.</translation>
    </message>
    <message>
        <source>Pelapor</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Identitas pelapor disembunyikan dari instansi dan publik.</source>
        <translation>The reporter&apos;s identity is hidden from the agency and the public.</translation>
    </message>
    <message>
        <source>Isi laporan tidak dipublikasikan.</source>
        <translation>The report text is not published.</translation>
    </message>
    <message>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Persetujuan</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi: tanyakan kepada pelapor apakah datanya boleh diproses dan diteruskan melalui LAPOR! ke instansi yang berwenang.</source>
        <translation>Under Law No. 27 of 2022 on Personal Data Protection: ask the reporter whether their data may be processed and passed through LAPOR! to the responsible agency.</translation>
    </message>
    <message>
        <source>— pilih kategori —</source>
        <translation>— choose a category —</translation>
    </message>
</context>
<context>
    <name>ReportNotice</name>
    <message>
        <source>Tarik kembali menjadi draf</source>
        <translation>Take back to draft</translation>
    </message>
    <message>
        <source>LAPOR! meminta laporan ini diperbaiki. %1 Perbaiki bagian yang ditandai merah, lalu antrekan lagi (Ctrl+Enter).</source>
        <translation>LAPOR! asked for this report to be corrected. %1 Fix the parts marked in red, then queue it again (Ctrl+Enter).</translation>
    </message>
    <message>
        <source>Laporan ini sudah menunggu dikirim. Untuk mengubahnya, tarik kembali menjadi draf dulu.</source>
        <translation>This report is already waiting to be sent. To change it, take it back to draft first.</translation>
    </message>
    <message>
        <source>Laporan ini sudah terkirim ke LAPOR! dan tidak dapat diubah lagi.</source>
        <translation>This report has been sent to LAPOR! and can no longer be changed.</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>No. laporan</source>
        <translation>Report no.</translation>
    </message>
    <message>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status LAPOR!</source>
        <translation>LAPOR! status</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Pelapor</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Nomor pelacakan (dari LAPOR!): {0}</source>
        <translation>Tracking number (from LAPOR!): {0}</translation>
    </message>
    <message>
        <source>Ditangani: {0}</source>
        <translation>Handled by: {0}</translation>
    </message>
    <message>
        <source>Tenggat tahap ini: {0}</source>
        <translation>Due date of this step: {0}</translation>
    </message>
    <message>
        <source>Kecamatan mengembalikan laporan ini untuk diperbaiki, lalu diserahkan lagi.</source>
        <translation>The kecamatan returned this report to be fixed, then handed over again.</translation>
    </message>
    <message>
        <source>Dikembalikan ke desa untuk diperbaiki; desa menyerahkannya lagi lewat paket.</source>
        <translation>Returned to the desa to be fixed; the desa hands it over again in a paket.</translation>
    </message>
    <message>
        <source>(tanpa judul)</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>Anonim</source>
        <translation>Anonymous</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Kotak keluar</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>Semua laporan</source>
        <translation>All reports</translation>
    </message>
    <message>
        <source>Laporan di sini menunggu dikirim ke LAPOR! saat ada koneksi. Laporan berstatus Perlu diperbaiki harus disunting dulu, lalu dimasukkan ke antrean lagi.</source>
        <translation>Reports here wait to be sent to LAPOR! when there is a connection. Reports marked Needs a fix must be edited first, then queued again.</translation>
    </message>
    <message>
        <source>Semua laporan yang pernah dicatat di kantor ini. Klik dua kali untuk membuka.</source>
        <translation>All reports ever recorded at this office. Double-click to open.</translation>
    </message>
    <message>
        <source>Semua di kotak keluar</source>
        <translation>Everything in the outbox</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Semua status LAPOR!</source>
        <translation>All LAPOR! statuses</translation>
    </message>
    <message>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Semua tanggal</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>Cari judul, isi, nama pelapor, nomor laporan, atau NIK / nomor HP pelapor…</source>
        <translation>Search title, text, reporter name, report number, or the reporter&apos;s NIK / phone number…</translation>
    </message>
    <message>
        <source>Lewat tenggat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>7 hari terakhir</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>30 hari terakhir</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Tahun ini</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Pilih rentang tanggal…</source>
        <translation>Choose a date range…</translation>
    </message>
    <message>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Hapus filter</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Tarik kembali menjadi draf</source>
        <translation>Take back to draft</translation>
    </message>
    <message>
        <source>Keluarkan laporan yang dipilih dari antrean kirim agar isinya dapat diubah.</source>
        <translation>Take the chosen report out of the sending queue so that it can be changed.</translation>
    </message>
    <message>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Tidak ada laporan yang cocok dengan “{0}”. Periksa ejaan atau gunakan kata lain.</source>
        <translation>No report matches “{0}”. Check the spelling or try other words.</translation>
    </message>
    <message>
        <source>Tidak ada laporan yang cocok dengan filter ini. Klik “Hapus filter” untuk melihat semua.</source>
        <translation>No report matches these filters. Click “Clear filters” to see all.</translation>
    </message>
    <message>
        <source>Kotak keluar kosong: semua laporan yang siap sudah terkirim.</source>
        <translation>The outbox is empty: every ready report has been sent.</translation>
    </message>
    <message>
        <source>Belum ada laporan. Klik “Laporan baru” untuk mencatat laporan pertama.</source>
        <translation>No reports yet. Click “New report” to record the first one.</translation>
    </message>
    <message>
        <source>Daftar laporan tidak dapat dibaca.</source>
        <translation>The report list cannot be read.</translation>
    </message>
</context>
<context>
    <name>ResidentFill</name>
    <message>
        <source>Isi nama dan alamat (Enter)</source>
        <translation>Fill in name and address (Enter)</translation>
    </message>
    <message>
        <source>Dari data penduduk desa (tanggal data tidak diketahui)</source>
        <translation>From the village population data (date unknown)</translation>
    </message>
    <message>
        <source>Dari data penduduk desa, per %1</source>
        <translation>From the village population data, as of %1</translation>
    </message>
    <message>
        <source>%1: nama dan alamat sudah diisi. Ubah bila perlu.</source>
        <translation>%1: name and address filled in. Change them if needed.</translation>
    </message>
    <message>
        <source>lahir %1</source>
        <translation>born %1</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Tinjauan laporan desa</source>
        <translation>Review of village reports</translation>
    </message>
    <message>
        <source>Nomor laporan</source>
        <translation>Report number</translation>
    </message>
    <message>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Dicatat</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Lihat laporan</source>
        <translation>View report</translation>
    </message>
    <message>
        <source>Setujui dan antrekan</source>
        <translation>Approve and queue</translation>
    </message>
    <message>
        <source>Kembalikan ke desa…</source>
        <translation>Return to the village…</translation>
    </message>
    <message>
        <source>Tandai duplikat…</source>
        <translation>Mark as duplicate…</translation>
    </message>
    <message>
        <source>Impor paket…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <source>Buat paket balasan…</source>
        <translation>Make reply package…</translation>
    </message>
    <message>
        <source>Kenali desa baru…</source>
        <translation>Add a new village…</translation>
    </message>
    <message>
        <source>{0}
{1} · {2} menunggu</source>
        <translation>{0}
{1} · {2} waiting</translation>
    </message>
    <message>
        <source>{0} laporan dari {1} desa menunggu tinjauan.</source>
        <translation>{0} reports from {1} villages await review.</translation>
    </message>
    <message>
        <source>Belum ada desa yang dikenal. Kenali desa dengan profil kantornya, lalu impor paketnya.</source>
        <translation>No village is known yet. Add a village with its office profile, then import its package.</translation>
    </message>
    <message>
        <source>{0} disetujui dan masuk antrean untuk dikirim ke LAPOR! dari kecamatan.</source>
        <translation>{0} approved and queued to be sent to LAPOR! from the kecamatan.</translation>
    </message>
    <message>
        <source>{0} dikembalikan; catatan ikut dalam paket balasan berikutnya.</source>
        <translation>{0} returned; the note goes with the next reply package.</translation>
    </message>
    <message>
        <source>{0} ditandai sebagai duplikat.</source>
        <translation>{0} marked as a duplicate.</translation>
    </message>
    <message>
        <source>Kembalikan ke desa</source>
        <translation>Return to the village</translation>
    </message>
    <message>
        <source>Apa yang perlu diperbaiki desa?</source>
        <translation>What does the village need to fix?</translation>
    </message>
    <message>
        <source>Tidak ada laporan lain dalam daftar ini untuk dipilih.</source>
        <translation>There is no other report in this list to choose.</translation>
    </message>
    <message>
        <source>Tandai duplikat</source>
        <translation>Mark as duplicate</translation>
    </message>
    <message>
        <source>Laporan ini mengulang laporan:</source>
        <translation>This report repeats report:</translation>
    </message>
</context>
<context>
    <name>Safeguards</name>
    <message>
        <source>Buka Pengaturan › Cadangan untuk memulihkan dari cadangan terbaru; data yang sekarang disisihkan, tidak dihapus.</source>
        <translation>Open Settings › Backup to restore the newest backup; the current data is set aside, not deleted.</translation>
    </message>
    <message>
        <source>Yang tetap bisa: melihat daftar, mencari, membuka dan mencetak laporan. Isian formulir tetap di layar dan tersimpan otomatis begitu penyimpanan bisa ditulis lagi.</source>
        <translation>What still works: viewing the list, searching, opening and printing reports. The form&apos;s entry stays on screen and is saved automatically as soon as the storage can be written again.</translation>
    </message>
    <message>
        <source>Buat cadangan</source>
        <translation>Back up</translation>
    </message>
    <message>
        <source>{0}: perubahan belum tersimpan</source>
        <translation>{0}: changes not saved yet</translation>
    </message>
    <message>
        <source>Penyimpanan dapat ditulis lagi.</source>
        <translation>The storage can be written again.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server LAPOR!</source>
        <translation>LAPOR! server</translation>
    </message>
    <message>
        <source>Alamat dan token diberikan oleh admin LAPOR! kabupaten. Tanpa internet pun Anda tetap bisa mencatat laporan; laporan dikirim saat koneksi tersedia.</source>
        <translation>The address and token are given by the regency LAPOR! administrator. Even without internet you can record reports; they are sent when a connection is available.</translation>
    </message>
    <message>
        <source>Server LAPOR! sungguhan</source>
        <translation>Real LAPOR! server</translation>
    </message>
    <message>
        <source>Mode latihan (laporan tidak sampai ke instansi)</source>
        <translation>Training mode (reports do not reach any agency)</translation>
    </message>
    <message>
        <source>token dari admin LAPOR!</source>
        <translation>token from the LAPOR! administrator</translation>
    </message>
    <message>
        <source>Boleh dikosongkan dan diisi nanti di Pengaturan.</source>
        <translation>May be left empty and filled in later in Settings.</translation>
    </message>
    <message>
        <source>Tujuan</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Simpan perubahan</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Kantor dan operator</source>
        <translation>Office and operator</translation>
    </message>
    <message>
        <source>contoh: Siti Aminah</source>
        <translation>e.g. Siti Aminah</translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Kode wilayah</source>
        <translation>Region code</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Nama kantor dan kode wilayah diubah lewat Jalankan ulang panduan.</source>
        <translation>The office name and region code are changed with Run the guide again.</translation>
    </message>
    <message>
        <source>Server LAPOR!</source>
        <translation>LAPOR! server</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Bahasa tampilan</source>
        <translation>Display language</translation>
    </message>
    <message>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Jalankan ulang panduan</source>
        <translation>Run the setup guide again</translation>
    </message>
    <message>
        <source>Folder data: {0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <source>Alamat dan token diberikan oleh admin LAPOR! kabupaten.</source>
        <translation>The address and token come from the regency&apos;s LAPOR! admin.</translation>
    </message>
    <message>
        <source>Identitas kantor dan kantor yang dipercaya</source>
        <translation>Office identity and trusted offices</translation>
    </message>
    <message>
        <source>Simpan identitas kantor ini…</source>
        <translation>Save this office&apos;s identity…</translation>
    </message>
    <message>
        <source>Percayai kantor lain…</source>
        <translation>Trust another office…</translation>
    </message>
    <message>
        <source>Belum ada. Pilih Percayai kantor lain… untuk menambahkan.</source>
        <translation>None yet. Choose Trust another office… to add one.</translation>
    </message>
    <message>
        <source>Sidik kunci kantor ini</source>
        <translation>This office&apos;s key fingerprint</translation>
    </message>
    <message>
        <source>Desa dan kecamatan saling bertukar berkas identitas sekali saja, lalu paket di antara keduanya dapat dibuka dan diperiksa keasliannya. Cocokkan sidik kunci lewat telepon.</source>
        <translation>A desa and its kecamatan exchange identity files once; after that the pakets between them can be opened and checked for authenticity. Compare the key fingerprints by phone.</translation>
    </message>
    <message>
        <source>Kantor yang dipercaya</source>
        <translation>Trusted offices</translation>
    </message>
    <message>
        <source>Ubah jenis kantor, nama kantor, atau kode wilayah.</source>
        <translation>Change the office kind, office name or region code.</translation>
    </message>
    <message>
        <source>(belum diisi)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Sub-district (kecamatan)</translation>
    </message>
    <message>
        <source>Latihan: laporan tidak sampai ke instansi</source>
        <translation>Training: reports do not reach any agency</translation>
    </message>
    <message>
        <source>Sungguhan</source>
        <translation>Real</translation>
    </message>
    <message>
        <source>Tersimpan (isi hanya untuk mengganti)</source>
        <translation>Saved (fill in only to replace it)</translation>
    </message>
    <message>
        <source>Belum ada token: isi token dari admin LAPOR!</source>
        <translation>No token yet: fill in the token from the LAPOR! admin</translation>
    </message>
    <message>
        <source>(kantor belum diatur)</source>
        <translation>(office not set up yet)</translation>
    </message>
    <message>
        <source>Perubahan disimpan.</source>
        <translation>Changes saved.</translation>
    </message>
    <message>
        <source>Alamat server latihan sama dengan alamat server LAPOR! sungguhan. Gunakan alamat server latihan dari pelatih.</source>
        <translation>The practice server address is the real LAPOR! server&apos;s address. Use the practice server address from the trainer.</translation>
    </message>
    <message>
        <source>Jendela dibuka ulang dalam bahasa baru…</source>
        <translation>Reopening the window in the new language…</translation>
    </message>
    <message>
        <source>Pakai profil dari pelatih…</source>
        <translation>Use a profile from the trainer…</translation>
    </message>
    <message>
        <source>Atur kantor, server dan token dari berkas .lapor-profile.</source>
        <translation>Set the office, server and token from a .lapor-profile file.</translation>
    </message>
    <message>
        <source>Tentang aplikasi</source>
        <translation>About the application</translation>
    </message>
    <message>
        <source>Kirim log…</source>
        <translation>Send log…</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Panduan awal LAPOR! Desa</source>
        <translation>LAPOR! Desa setup guide</translation>
    </message>
    <message>
        <source>Lanjut</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pakai profil dari pelatih…</source>
        <translation>Use a profile from the trainer…</translation>
    </message>
</context>
<context>
    <name>SnapshotsDialog</name>
    <message>
        <source>Snapshot otomatis</source>
        <translation>Automatic snapshots</translation>
    </message>
    <message>
        <source>Salinan harian di komputer ini (7 hari terakhir dan 4 minggu terakhir). Salinan ini ikut hilang bila diska komputer rusak: buat juga cadangan ke flashdisk.</source>
        <translation>Daily copies on this computer (the last 7 days and the last 4 weeks). They are lost with the computer&apos;s disk if it fails: make a backup to a USB stick too.</translation>
    </message>
    <message>
        <source>Diambil</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>rusak</source>
        <translation>damaged</translation>
    </message>
    <message>
        <source>Pulihkan snapshot ini…</source>
        <translation>Restore this snapshot…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Belum ada snapshot. Snapshot pertama diambil tak lama setelah aplikasi dibuka.</source>
        <translation>No snapshots yet. The first one is taken shortly after the app opens.</translation>
    </message>
</context>
<context>
    <name>StorageFaultDialog</name>
    <message>
        <source>Penyimpanan penuh</source>
        <translation>Storage full</translation>
    </message>
    <message>
        <source>Disk gagal menulis</source>
        <translation>The disk failed to write</translation>
    </message>
    <message>
        <source>Folder data tidak dapat ditulis</source>
        <translation>The data folder cannot be written</translation>
    </message>
    <message>
        <source>Basis data laporan rusak</source>
        <translation>The report database is damaged</translation>
    </message>
    <message>
        <source>Basis data laporan hilang</source>
        <translation>The report database is missing</translation>
    </message>
    <message>
        <source>LAPOR! Desa: data tidak dapat dibuka</source>
        <translation>LAPOR! Desa: the data cannot be opened</translation>
    </message>
    <message>
        <source>Pulihkan cadangan terbaru…</source>
        <translation>Restore the newest backup…</translation>
    </message>
    <message>
        <source>Tidak ada snapshot otomatis di komputer ini. Pilih berkas cadangan dari flashdisk.</source>
        <translation>There are no automatic snapshots on this computer. Choose a backup file from a USB stick.</translation>
    </message>
    <message>
        <source>Pilih berkas cadangan…</source>
        <translation>Choose a backup file…</translation>
    </message>
    <message>
        <source>Coba lagi</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Laporan yang sudah tersimpan tetap aman. Setelah masalah disk diatasi, tekan Coba lagi.</source>
        <translation>Reports already saved stay safe. Once the disk problem is solved, press Try again.</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Folder data: {0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <source>Cadangan terbaru: snapshot otomatis {0}.</source>
        <translation>Newest backup: automatic snapshot {0}.</translation>
    </message>
    <message>
        <source>Cadangan terbaru: berkas {0} (kata sandinya diperlukan).</source>
        <translation>Newest backup: file {0} (its password is needed).</translation>
    </message>
    <message>
        <source>snapshot {0}</source>
        <translation>snapshot {0}</translation>
    </message>
    <message>
        <source>berkas {0}</source>
        <translation>file {0}</translation>
    </message>
    <message>
        <source>Pulihkan cadangan?</source>
        <translation>Restore the backup?</translation>
    </message>
    <message>
        <source>Pulihkan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Cadangan dipulihkan</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>Cadangan kantor lain</source>
        <translation>Another office&apos;s backup</translation>
    </message>
    <message>
        <source>Tetap pulihkan</source>
        <translation>Restore anyway</translation>
    </message>
    <message>
        <source>Pemulihan tidak berhasil, tidak ada yang diubah: {0}</source>
        <translation>The restore failed, nothing was changed: {0}</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Pengiriman terhenti karena kesalahan di aplikasi. Laporan tetap tersimpan; coba lagi nanti atau hubungi pendamping desa.</source>
        <translation>Sending stopped because of an error in the application. Reports remain saved; try again later or contact the village facilitator.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Kirim sekarang</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>Kirim laporan yang menunggu dan ambil kabar terbaru dari LAPOR!</source>
        <translation>Send waiting reports and fetch the latest news from LAPOR!</translation>
    </message>
    <message>
        <source>○ Belum diperiksa</source>
        <translation>○ Not checked yet</translation>
    </message>
    <message>
        <source>● Daring</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● Luring</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>Tidak ada laporan menunggu</source>
        <translation>No reports waiting</translation>
    </message>
    <message numerus="yes">
        <source>%n laporan menunggu dikirim</source>
        <translation>
            <numerusform>%n report waiting to be sent</numerusform>
            <numerusform>%n reports waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pertanyaan LAPOR! menunggu jawaban pelapor</source>
        <translation>
            <numerusform>%n LAPOR! question waiting for the reporter&apos;s answer</numerusform>
            <numerusform>%n LAPOR! questions waiting for the reporter&apos;s answer</numerusform>
        </translation>
    </message>
    <message>
        <source>Belum pernah tersinkron</source>
        <translation>Never synchronised</translation>
    </message>
    <message>
        <source>Sinkron terakhir: {0}</source>
        <translation>Last synchronised: {0}</translation>
    </message>
    <message>
        <source>Mengirim…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Menghubungi server LAPOR!…</source>
        <translation>Contacting the LAPOR! server…</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>Belum ada riwayat.</source>
        <translation>No history yet.</translation>
    </message>
</context>
<context>
    <name>TrainingActions</name>
    <message>
        <source>Memuat data contoh…</source>
        <translation>Loading sample data…</translation>
    </message>
    <message>
        <source>{0} laporan contoh dimuat.</source>
        <translation>{0} sample reports loaded.</translation>
    </message>
    <message>
        <source>Data contoh tidak dapat dimuat: {0}</source>
        <translation>The sample data could not be loaded: {0}</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Atur ulang data latihan</source>
        <translation>Reset training data</translation>
    </message>
    <message>
        <source>Semua laporan latihan di komputer ini akan dihapus. Server dan token latihan tetap, jadi latihan bisa dimulai lagi dari awal.</source>
        <translation>All training reports on this computer will be deleted. The training server and token stay, so practice can start again from the beginning.</translation>
    </message>
    <message>
        <source>Hapus laporan latihan</source>
        <translation>Delete training reports</translation>
    </message>
    <message>
        <source>Selesai latihan</source>
        <translation>Finish training</translation>
    </message>
    <message>
        <source>Semua laporan, pengaturan dan token latihan akan dihapus, lalu aplikasi beralih ke layanan LAPOR! sungguhan. Data kantor yang sungguhan tidak berubah.</source>
        <translation>All training reports, settings and the training token will be deleted, then the application switches to the real LAPOR! service. The office&apos;s real data does not change.</translation>
    </message>
    <message>
        <source>Hapus data latihan dan beralih</source>
        <translation>Delete training data and switch</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <source>MODE LATIHAN</source>
        <translation>TRAINING MODE</translation>
    </message>
    <message>
        <source>Isi data contoh</source>
        <translation>Load sample data</translation>
    </message>
    <message>
        <source>Muat sekitar 40 laporan rekaan dari desa-desa di Lampung Selatan.</source>
        <translation>Load about 40 made-up reports from villages in Lampung Selatan.</translation>
    </message>
    <message>
        <source>Atur ulang data latihan</source>
        <translation>Reset training data</translation>
    </message>
    <message>
        <source>Selesai latihan</source>
        <translation>Finish training</translation>
    </message>
    <message>
        <source>Hapus semua data latihan dan beralih ke layanan LAPOR! sungguhan.</source>
        <translation>Delete all training data and switch to the real LAPOR! service.</translation>
    </message>
    <message>
        <source>(belum diatur)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>Semua yang Anda catat di sini hanya latihan: laporan dikirim ke server latihan {0} dan tidak sampai ke instansi mana pun.</source>
        <translation>Everything you record here is practice: reports go to the training server {0} and never reach any agency.</translation>
    </message>
</context>
<context>
    <name>document_actions</name>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>PDF tidak tersimpan</source>
        <translation>PDF not saved</translation>
    </message>
    <message>
        <source>PDF tidak dapat disimpan di %1: %2</source>
        <translation>The PDF could not be saved in %1: %2</translation>
    </message>
    <message>
        <source>PDF disimpan di:
%1</source>
        <translation>PDF saved in:
%1</translation>
    </message>
    <message>
        <source>Tersimpan</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Buka folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Tanggapan tidak dapat dicetak</source>
        <translation>The conversation cannot be printed</translation>
    </message>
</context>
<context>
    <name>drafts</name>
    <message>
        <source>Lanjutkan draf?</source>
        <translation>Continue the draft?</translation>
    </message>
    <message>
        <source>Ada laporan yang belum selesai diketik: %1 (%2).</source>
        <translation>There is a report that was not finished: %1 (%2).</translation>
    </message>
    <message>
        <source>tanpa judul</source>
        <translation>untitled</translation>
    </message>
    <message>
        <source>Isinya tersimpan otomatis. Lanjutkan sekarang? Jika tidak, laporan tetap ada di daftar sebagai draf.</source>
        <translation>Its contents were saved automatically. Continue it now? If not, the report stays in the list as a draft.</translation>
    </message>
    <message>
        <source>Lanjutkan draf</source>
        <translation>Continue the draft</translation>
    </message>
    <message>
        <source>Nanti saja</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Pengaduan</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Aspirasi</source>
        <translation>Aspiration</translation>
    </message>
    <message>
        <source>Permintaan informasi</source>
        <translation>Information request</translation>
    </message>
    <message>
        <source>Keluhan atas layanan publik yang tidak berjalan semestinya, misalnya jalan rusak.</source>
        <translation>A complaint about a public service that does not work as it should, for example a damaged road.</translation>
    </message>
    <message>
        <source>Usulan atau harapan warga untuk perbaikan layanan dan pembangunan.</source>
        <translation>Citizens&apos; proposals or hopes for better services and development.</translation>
    </message>
    <message>
        <source>Permintaan informasi publik kepada instansi pemerintah.</source>
        <translation>A request for public information from a government agency.</translation>
    </message>
    <message>
        <source>Datang langsung</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Musyawarah desa</source>
        <translation>Village meeting</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Surat</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Draf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Menunggu dikirim</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Terkirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Perlu diperbaiki</source>
        <translation>Needs a fix</translation>
    </message>
    <message>
        <source>Menunggu tinjauan</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <source>Duplikat</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Belum terverifikasi</source>
        <translation>Not yet verified</translation>
    </message>
    <message>
        <source>Ditunda</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>Terverifikasi</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Sedang ditindaklanjuti</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Tidak dapat diproses</source>
        <translation>Cannot be processed</translation>
    </message>
    <message>
        <source>Diarsipkan</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Admin LAPOR!</source>
        <translation>LAPOR! admin</translation>
    </message>
    <message>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <source>Pelapor</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>bukan penduduk hidup (meninggal, pindah, hilang; status_dasar bukan 1)</source>
        <translation>not a living resident (died, moved away, missing; status_dasar is not 1)</translation>
    </message>
    <message>
        <source>belum ber-NIK (NIK kosong, 0, atau NIK sementara)</source>
        <translation>no NIK yet (empty, 0, or a temporary NIK)</translation>
    </message>
    <message>
        <source>NIK tidak sah (bukan 16 angka atau susunannya salah)</source>
        <translation>invalid NIK (not 16 digits, or its structure is wrong)</translation>
    </message>
    <message>
        <source>nama kosong</source>
        <translation>empty name</translation>
    </message>
    <message>
        <source>NIK ganda (yang dipakai: yang terakhir diubah)</source>
        <translation>duplicate NIK (the row changed last is used)</translation>
    </message>
    <message>
        <source>dari nama berkas</source>
        <translation>from the file name</translation>
    </message>
    <message>
        <source>dari perubahan data penduduk terbaru (updated_at)</source>
        <translation>from the newest change to a resident (updated_at)</translation>
    </message>
    <message>
        <source>tidak diketahui</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>A4 (printer biasa)</source>
        <translation>A4 (ordinary printer)</translation>
    </message>
    <message>
        <source>A5 (setengah A4)</source>
        <translation>A5 (half of A4)</translation>
    </message>
    <message>
        <source>Struk 80 mm (printer thermal)</source>
        <translation>80 mm roll (thermal printer)</translation>
    </message>
    <message>
        <source>Struk 58 mm (printer thermal kecil)</source>
        <translation>58 mm roll (small thermal printer)</translation>
    </message>
    <message>
        <source>ID laporan</source>
        <translation>Report ID</translation>
    </message>
    <message>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Isi laporan</source>
        <translation>Report text</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Tanggal kejadian</source>
        <translation>Incident date</translation>
    </message>
    <message>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Kode wilayah</source>
        <translation>Region code</translation>
    </message>
    <message>
        <source>Alamat lokasi kejadian</source>
        <translation>Incident address</translation>
    </message>
    <message>
        <source>Lintang (latitude)</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Bujur (longitude)</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Data pelapor</source>
        <translation>Reporter details</translation>
    </message>
    <message>
        <source>Pilihan anonim</source>
        <translation>Anonymity choice</translation>
    </message>
    <message>
        <source>Pilihan rahasia</source>
        <translation>Confidentiality choice</translation>
    </message>
    <message>
        <source>Nama pelapor</source>
        <translation>Reporter&apos;s name</translation>
    </message>
    <message>
        <source>Dikembalikan</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Diserahkan ke kecamatan</source>
        <translation>Handed to the kecamatan</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nomor telepon</source>
        <translation>Telephone number</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Alamat pelapor</source>
        <translation>Reporter&apos;s address</translation>
    </message>
    <message>
        <source>Saluran</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Persetujuan pelapor</source>
        <translation>Reporter&apos;s consent</translation>
    </message>
    <message>
        <source>Waktu pencatatan</source>
        <translation>Time recorded</translation>
    </message>
    <message>
        <source>Nama petugas pencatat</source>
        <translation>Name of the recording officer</translation>
    </message>
    <message>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Instansi tujuan</source>
        <translation>Intended agency</translation>
    </message>
    <message>
        <source>Isi tanggapan</source>
        <translation>Reply text</translation>
    </message>
    <message>
        <source>Sidik lampiran</source>
        <translation>Attachment fingerprint</translation>
    </message>
    <message>
        <source>Nama berkas lampiran</source>
        <translation>Attachment file name</translation>
    </message>
    <message>
        <source>Jenis berkas lampiran</source>
        <translation>Attachment file type</translation>
    </message>
    <message>
        <source>(belum dipilih)</source>
        <translation>(not chosen)</translation>
    </message>
    <message>
        <source>Lampiran ke-%1</source>
        <translation>Attachment %1</translation>
    </message>
</context>
<context>
    <name>list_exports</name>
    <message>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Isian belum tersimpan</source>
        <translation>Entry not saved yet</translation>
    </message>
    <message>
        <source>Laporan yang sedang diisi belum tersimpan karena penyimpanan penuh atau tidak dapat ditulis. Bila jendela ditutup sekarang, isian itu hilang. Kosongkan ruang disk dulu, lalu tunggu sampai tertulis &quot;Tersimpan otomatis&quot;.</source>
        <translation>The report being filled in is not saved yet because the storage is full or cannot be written. If the window closes now, that entry is lost. Free some disk space first, then wait until it says &quot;Saved automatically&quot;.</translation>
    </message>
    <message>
        <source>Jangan tutup</source>
        <translation>Don&apos;t close</translation>
    </message>
    <message>
        <source>Tutup dan buang isian</source>
        <translation>Close and discard the entry</translation>
    </message>
</context>
<context>
    <name>report_actions</name>
    <message>
        <source>Laporan tidak dapat ditarik kembali</source>
        <translation>The report cannot be taken back</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <source>Dicatat di kantor</source>
        <translation>Recorded at the office</translation>
    </message>
    <message>
        <source>oleh %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>Diantrekan untuk dikirim</source>
        <translation>Queued for sending</translation>
    </message>
    <message>
        <source>Ditarik kembali menjadi draf</source>
        <translation>Taken back to draft</translation>
    </message>
    <message>
        <source>LAPOR! meminta perbaikan</source>
        <translation>LAPOR! asked for a correction</translation>
    </message>
    <message>
        <source>Status di LAPOR! menjadi “%1”</source>
        <translation>Status on LAPOR! changed to “%1”</translation>
    </message>
    <message>
        <source>Tanggapan pelapor</source>
        <translation>Reporter&apos;s reply</translation>
    </message>
    <message>
        <source>LAPOR! meminta keterangan tambahan (%1)</source>
        <translation>LAPOR! asks for more information (%1)</translation>
    </message>
    <message>
        <source>Pesan dari LAPOR! (%1)</source>
        <translation>Message from LAPOR! (%1)</translation>
    </message>
    <message>
        <source>Tanggapan dari %1</source>
        <translation>Response from %1</translation>
    </message>
    <message>
        <source>Tanggapan pelapor dicatat oleh %1 · %2</source>
        <translation>Reporter&apos;s reply recorded by %1 · %2</translation>
    </message>
    <message>
        <source>Alasan penolakan: %1</source>
        <translation>Why it was refused: %1</translation>
    </message>
    <message>
        <source>%1
Lampiran: %2</source>
        <translation>%1
Attachments: %2</translation>
    </message>
    <message>
        <source>Ditangani: %1</source>
        <translation>Handled by: %1</translation>
    </message>
    <message>
        <source>Tenggat tahap ini: %1</source>
        <translation>Due date of this step: %1</translation>
    </message>
    <message>
        <source>Nomor pelacakan: %1</source>
        <translation>Tracking number: %1</translation>
    </message>
    <message>
        <source>Terkirim ke LAPOR!</source>
        <translation>Sent to LAPOR!</translation>
    </message>
</context>
</TS>
