"""The database commands through `sakip_rules.cli.main.main`, on both databases."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from sakip_rules.cli.main import main
from sakip_rules.store import Store

from bantu_store import rekap_asli, tulis_csv
from project_paths import DATA_DIR
from salinan import salin_data, ubah


@pytest.fixture
def sakip(capsys, db_url):
    def jalan(*args, kode=0):
        rc = main([*args, "--db", db_url])
        out, err = capsys.readouterr()
        assert rc == kode, (out, err)
        return out + err
    return jalan


def test_capaian_readme_dari_basis_data(sakip):
    out = sakip("capaian", "2024")
    assert "Capaian Kinerja Kecamatan Loksado Tahun 2024" in out
    assert "Rata-rata capaian: 99,97% — Sangat Tinggi" in out
    assert "90,43" in out and "99,92%" in out


def test_mesin_baru_tanpa_konfigurasi(monkeypatch, tmp_path, capsys):
    """A fresh machine: no SAKIP_DB, no database yet. The README's main command just works."""
    monkeypatch.delenv("SAKIP_DB", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["capaian", "2024"]) == 0
    assert "Rata-rata capaian: 99,97%" in capsys.readouterr().out
    berkas = tmp_path / "xdg" / "sakip-rules" / "sakip.sqlite3"
    assert berkas.exists()
    assert main(["db", "status"]) == 0
    out = capsys.readouterr().out
    assert str(berkas) in out and "revisi 0002" in out and "loksado" in out
    with Store.buka() as st:  # WAL mode is on
        with st.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_sakip_db_dari_lingkungan(monkeypatch, db_url, capsys):
    monkeypatch.setenv("SAKIP_DB", db_url)
    assert main(["lapor", "laba", "--bumdes", "serati", "--bulan", "2024-03", "--jumlah", "Rp 150.000"]) == 0
    assert "Tersimpan: laba Serati Maret 2024 = Rp 150.000 (kiriman #" in capsys.readouterr().out
    with Store.buka(db_url) as st:
        assert st.riwayat(st.pengguna_nama("x") or __import__("sakip_rules.store.users", fromlist=["x"])
                          .admin_lokal("x", "loksado"), kunci_nilai="laba serati 2024-03")


def test_lapor_pesan_baru_sama_koreksi(sakip):
    out = sakip("lapor", "laba", "--bumdes", "sumber_rahmat", "--bulan", "2024-11", "--jumlah", "Rp 734.400")
    assert re.fullmatch(r"Tidak ada perubahan: nilai sama dengan kiriman #\d+\n", out)
    out = sakip("lapor", "laba", "--bumdes", "Sumber Rahmat", "--bulan", "Nopember 2024", "--jumlah", "743.400")
    assert re.fullmatch(r"Koreksi tersimpan: laba Sumber Rahmat November 2024: Rp 734\.400 → Rp 743\.400 "
                        r"\(kiriman #\d+, menggantikan #\d+; keduanya disimpan\)\n", out)
    out = sakip("lapor", "laba", "--bumdes", "serati", "--bulan", "2024-03", "--jumlah", "0")
    assert re.fullmatch(r"Tersimpan: laba Serati Maret 2024 = Rp 0 \(kiriman #\d+\)\n", out)
    out = sakip("lapor", "ikm", "--tahun", "2024", "--semester", "I", "--nrr", "3,6; 3,5; 3,7; 3,6; 3,6; 3,6; 3,6; 3,6; 3,6")
    assert "Tersimpan: IKM semester I 2024 = NRR per unsur: 3,6; 3,5" in out
    out = sakip("lapor", "status-desa", "--desa", "ulang", "--tahun", "2024", "--idm", "0,7500")
    assert "Koreksi tersimpan: status desa Ulang 2024: Berkembang → Maju (diturunkan dari IDM 0,7500)" in out
    out = sakip("lapor", "anggaran", "--sub-kegiatan", "forkopimcam", "--tahun", "2024", "--jumlah", "Rp 17.000.000")
    assert "Koreksi tersimpan: realisasi anggaran forkopimcam tahun 2024: Rp 18.000.000 → Rp 17.000.000" in out
    out = sakip("lapor", "anggaran", "--sub-kegiatan", "forkopimcam", "--bulan", "2024-01", "--jumlah", "1.000.000")
    assert "Tersimpan: realisasi anggaran forkopimcam Januari 2024 = Rp 1.000.000" in out


def test_tarik_dari_baris_perintah(sakip):
    sakip("lapor", "laba", "--bumdes", "serati", "--bulan", "2024-03", "--jumlah", "Rp 150.000")
    out = sakip("tarik", "laba", "serati", "2024-03", "--alasan", "salah bulan")
    assert re.fullmatch(r"Ditarik: laba Serati Maret 2024 \(sebelumnya Rp 150\.000, kiriman #\d+\); penarikan "
                        r"tercatat sebagai kiriman #\d+, riwayat tetap menyimpan semuanya\n", out)
    assert re.fullmatch(r"Tidak ada perubahan: nilai ini sudah ditarik \(kiriman #\d+\)\n",
                        sakip("tarik", "laba", "serati", "2024-03", "--alasan", "salah bulan"))
    out = sakip("riwayat", "laba", "serati", "2024-03")
    assert "(ditarik)" in out and "ditarik" in out.split("(ditarik)")[1]
    assert "sebutkan kunci nilai" in sakip("tarik", "--alasan", "x", kode=2)
    assert "tidak keduanya" in sakip("tarik", "laba", "serati", "2024-03", "--kiriman", "5", "--alasan", "x", kode=2)
    assert "belum ada nilai 'laba serati 2019-03'" in sakip("tarik", "laba", "serati", "2019-03", "--alasan", "x",
                                                            kode=2)
    assert "--alasan" in sakip("tarik", "laba", "serati", "2024-03", kode=2)


@pytest.mark.parametrize("args, pesan", [
    (["--jumlah", "1.5"], "'1.5' dapat dibaca lebih dari satu cara. Maksud Anda 1,5 atau 1.500?"),
    (["--jumlah", "1,500"], "'1,500' dapat dibaca lebih dari satu cara"),
    (["--jumlah", "12a"], "'12a' bukan angka yang sah"),
    (["--jumlah", "-5000"], "jumlah tidak boleh negatif"),
    (["--jumlah", "Rp 5.000.000.000"], "tidak wajar untuk keuntungan bulanan satu BUMDes"),
    (["--bumdes", "xyz"], "BUMDes 'xyz' tidak dikenal"),
    (["--bulan", "2019-05"], "bulan 2019-05 di luar tahun rencana 2024–2026"),
    (["--bulan", "2999-01"], "tahun 2999 di luar rentang"),
    (["--bulan", "Brumaire 2024"], "'brumaire' bukan nama bulan"),
    (["--sebagai", "hantu"], "pengguna 'hantu' tidak terdaftar"),
])
def test_lapor_salah_keluar_2_tanpa_menyimpan(sakip, db_url, hitung_baris, args, pesan):
    awal = hitung_baris(db_url)
    opsi = {"--bumdes": "serati", "--bulan": "2024-03", "--jumlah": "1000"}
    tambahan = []
    for k, v in zip(args[::2], args[1::2]):
        if k in opsi:
            opsi[k] = v
        else:
            tambahan += [k, v]
    out = sakip("lapor", "laba", *[x for kv in opsi.items() for x in kv], *tambahan, kode=2)
    assert out.startswith("sakip: ") and pesan in out and "Traceback" not in out
    assert hitung_baris(db_url) == awal


def test_per_tanggal_sebelum_dan_sesudah_koreksi(sakip):
    sebelum = dt.datetime.now().astimezone(dt.timezone(dt.timedelta(hours=8))).replace(tzinfo=None)
    time.sleep(0.01)
    sakip("lapor", "ikm", "--tahun", "2024", "--semester", "2", "--nilai", "91,00")
    baru = sakip("capaian", "2024")
    lama = sakip("capaian", "2024", "--per", sebelum.isoformat())
    assert "91,00" in baru and "100,55%" in baru
    assert "90,43" in lama and "99,92%" in lama and "91,00" not in lama
    wita = dt.timezone(dt.timedelta(hours=8))
    hari_ini = sakip("capaian", "2024", "--per", dt.datetime.now(wita).date().isoformat())  # end of today
    assert "91,00" in hari_ini
    out = sakip("capaian", "2024", "--per", "2020-01-01", kode=2)
    assert "belum tercatat pada 2020-01-01 23:59 WITA" in out
    out = sakip("capaian", "2024", "--per", "31-12-2024", kode=2)
    assert "tanggal '31-12-2024' tidak dikenali" in out
    jelas = sakip("jelaskan", "ikm", "2024")
    assert re.search(r"91,00 \(kiriman #\d+, oleh \S+, pada \d{4}-\d\d-\d\d \d\d:\d\d, melalui cli\)", jelas)
    jelas = sakip("jelaskan", "ikm", "2024", "--per", sebelum.isoformat())
    assert "impor #1: data/loksado/realisasi/2024/ikm.yaml" in jelas
    for cmd in ("anggaran", "efisiensi", "pembanding"):
        assert sakip(cmd, "2024", "--per", sebelum.isoformat())


def test_data_folder_langsung_tanpa_per(capsys):
    assert main(["capaian", "2024", "--data", str(DATA_DIR)]) == 0
    assert "99,97%" in capsys.readouterr().out
    assert main(["capaian", "2024", "--data", str(DATA_DIR), "--per", "2024-12-31"]) == 2
    assert "--per hanya berlaku untuk basis data" in capsys.readouterr().err


def test_riwayat(sakip):
    sakip("lapor", "laba", "--bumdes", "serati", "--bulan", "2024-03", "--jumlah", "100.000")
    sakip("lapor", "laba", "--bumdes", "serati", "--bulan", "2024-03", "--jumlah", "120.000")
    out = sakip("riwayat", "laba", "serati", "2024-03")
    assert "Riwayat laba Serati Maret 2024 (terbaru dahulu; waktu WITA)" in out
    baris = [b for b in out.splitlines() if b.startswith("#")]
    assert len(baris) == 2
    assert "Rp 120.000" in baris[0] and "koreksi" in baris[0] and "cli" in baris[0]
    assert "Rp 100.000" in baris[1] and "baru" in baris[1]
    assert "Belum ada kiriman untuk 'laba serati 2024-04'" in sakip("riwayat", "laba", "serati", "2024-04")
    assert sakip("riwayat", "--jenis", "status_desa", "--batas", "3").count("status_desa ") == 3


def test_pengguna(sakip):
    out = sakip("pengguna", "tambah", "Admin Satu", "--peran", "admin")
    assert re.search(r"Pengguna terdaftar: #\d+ Admin Satu: admin", out)
    out = sakip("pengguna", "tambah", "Op Halunuk", "--peran", "operator_desa", "--desa", "halunuk",
                "--telegram", "123", "--sebagai", "Admin Satu")
    assert "operator desa" in out and "desa halunuk" in out and "Telegram 123" in out
    out = sakip("pengguna", "daftar")
    assert "Admin Satu" in out and "Op Halunuk" in out and "aktif" in out
    out = sakip("lapor", "laba", "--bumdes", "serati", "--bulan", "2024-03", "--jumlah", "1000",
                "--sebagai", "Op Halunuk", kode=2)
    assert "hanya boleh mengirim data desanya sendiri" in out
    out = sakip("lapor", "laba", "--bumdes", "sumber_rahmat", "--bulan", "2024-03", "--jumlah", "1000",
                "--sebagai", "Op Halunuk")
    assert "Koreksi tersimpan" in out
    assert "Op Halunuk" in sakip("riwayat", "laba", "sumber_rahmat", "2024-03")
    out = sakip("pengguna", "undang", "--peran", "auditor", "--berlaku-jam", "24")
    token = out.splitlines()[1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,32}", token) and f"/start {token}" in out
    out = sakip("pengguna", "cabut", "Op Halunuk")
    assert "Akses dicabut" in out and "kirimannya tetap tersimpan" in out
    assert "dicabut" in sakip("pengguna", "daftar")
    out = sakip("lapor", "laba", "--bumdes", "sumber_rahmat", "--bulan", "2024-03", "--jumlah", "1",
                "--sebagai", "Op Halunuk", kode=2)
    assert "sudah dicabut" in out
    out = sakip("pengguna", "tambah", "X", "--peran", "operator_desa", kode=2)
    assert "operator_desa memerlukan desa" in out


def test_impor_ekspor(sakip, tmp_path):
    path = tulis_csv(tmp_path / "rekap.csv", rekap_asli())
    out = sakip("impor", "laba", str(path), "--tahun", "2025")
    assert "Impor rekap.csv (tahun 2025) selesai: 56 nilai: 56 baru, 0 koreksi, 0 sama." in out
    out = sakip("impor", "laba", str(path), "--tahun", "2025")
    assert "56 nilai: 0 baru, 0 koreksi, 56 sama" in out
    keluar = tmp_path / "keluar.xlsx"
    assert f"ditulis ke {keluar}" in sakip("ekspor", "laba", str(keluar), "--tahun", "2025")
    assert "56 sama" in sakip("impor", "laba", str(keluar), "--tahun", "2025")
    rows = rekap_asli()
    rows[0][5] = "LABA"
    out = sakip("impor", "laba", str(tulis_csv(tmp_path / "salah.csv", rows)), "--tahun", "2025", kode=2)
    assert "ditemukan 2 masalah; tidak ada yang dihitung" in out or "masalah" in out
    assert "salah.csv: baris 2 kolom F: judul kolom 'LABA' tidak dikenal" in out

    jawab = tmp_path / "jawaban.csv"
    jawab.write_text("NO,U1,U2,U3,U4,U5,U6,U7,U8,U9\n1,4,4,3,4,4,4,3,4,4\n2,3,4,,4,3,4,4,4,3\n")
    out = sakip("impor", "ikm", str(jawab), "--tahun", "2024", "--semester", "2")
    assert "Impor jawaban.csv: Koreksi tersimpan: IKM semester II 2024: jumlah NRR 32,590 → jawaban per responden (2 responden, 9 unsur)" in out
    assert "2 responden" in sakip("jelaskan", "ikm", "2024")
    out = sakip("ekspor", "ikm", str(tmp_path / "j.xlsx"), "--tahun", "2024", "--semester", "2")
    assert "ditulis ke" in out
    assert "nilai sama" in sakip("impor", "ikm", str(tmp_path / "j.xlsx"), "--tahun", "2024", "--semester", "2")


def test_impor_folder_berversi(sakip):
    out = sakip("impor", "folder", str(DATA_DIR))
    assert "0 dokumen rencana baru/berubah" in out and "0 baru, 0 koreksi" in out


def test_db_upgrade(capsys, db_kosong):
    assert main(["db", "upgrade", "--db", db_kosong]) == 0
    assert "ditingkatkan ke revisi 0002" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", db_kosong]) == 0
    assert "sudah pada revisi 0002" in capsys.readouterr().out
    # `db upgrade` does not seed; the first data command does
    assert main(["db", "status", "--db", db_kosong]) == 0
    assert "Kecamatan: 0" in capsys.readouterr().out
    assert main(["capaian", "2024", "--db", db_kosong]) == 0
    assert "99,97%" in capsys.readouterr().out


def test_db_salah(capsys, tmp_path):
    assert main(["capaian", "2024", "--db", "mysql://x@y/z"]) == 2
    assert "tidak didukung" in capsys.readouterr().err
    assert main(["capaian", "2024", "--db", "postgresql://nobody@127.0.0.1:1/x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sakip: tidak dapat membuka basis data postgresql+psycopg://nobody@127.0.0.1:1/x")


def test_impor_folder_lagi_melewati_koreksi_dan_penarikan(sakip, db_url, hitung_baris):
    sakip("lapor", "laba", "--bumdes", "siam_baralang", "--bulan", "2024-05", "--jumlah", "123.456")
    sakip("tarik", "laba", "sumber_rahmat", "2024-01", "--alasan", "x")
    awal = hitung_baris(db_url)
    out = sakip("impor", "folder", str(DATA_DIR))
    assert "realisasi 88 nilai: 0 baru, 0 koreksi, 88 sama." in out
    assert "dilewati: 2 nilai yang sudah dikirim/dikoreksi/ditarik orang setelah impor folder" in out
    assert re.search(r"laba Siam Baralang Mei 2024: tetap Rp 123\.456 \(kiriman #\d+, oleh .+, melalui cli\)", out)
    assert "laba Sumber Rahmat Januari 2024: tetap ditarik" in out
    assert hitung_baris(db_url) == awal


def test_cabut_nama_yang_mirip_nomor(sakip, db_url):
    sakip("pengguna", "tambah", "Auditor", "--peran", "auditor")
    with Store.buka(db_url) as st:
        a = st.pengguna_nama("Auditor").id
    sakip("pengguna", "tambah", str(a), "--peran", "auditor")  # names that read as Auditor's id
    sakip("pengguna", "tambah", f"#{a}", "--peran", "auditor")
    with Store.buka(db_url) as st:
        b, c = st.pengguna_nama(str(a)).id, st.pengguna_nama(f"#{a}").id
    for teks, nama, nomor in ((str(a), str(a), b), (f"#{a}", f"#{a}", c)):
        out = sakip("pengguna", "cabut", teks, kode=2)
        assert (f"'{teks}' bisa berarti dua pengguna: yang bernama '{nama}' (#{nomor}) atau pengguna #{a} "
                f"('Auditor'); tidak ada yang dicabut. Sebutkan nomornya dengan tanda #") in out
    assert "dicabut" not in sakip("pengguna", "daftar")
    assert f"Akses dicabut: #{b} {a}:" in sakip("pengguna", "cabut", f"#{b}")
    assert f"Akses dicabut: #{a} Auditor:" in sakip("pengguna", "cabut", "Auditor")


def test_gagal_impor_berkata_tidak_ada_yang_disimpan(sakip, tmp_path):
    rows = rekap_asli()
    rows[0][5] = "LABA"
    rows[0][6] = "UNTUNG"
    out = sakip("impor", "laba", str(tulis_csv(tmp_path / "salah.csv", rows)), "--tahun", "2025", kode=2)
    assert "ditemukan 4 masalah; tidak ada yang disimpan:" in out and "dihitung" not in out


def test_gagal_baca_tetap_tidak_ada_yang_dihitung(capsys, salinan_data):
    folder = salinan_data
    (folder / "renstra.yaml").write_text("jenis: renstra\nperiode: x\nlain: 1\n", encoding="utf-8")
    assert main(["capaian", "2024", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "masalah; tidak ada yang dihitung:" in err and "disimpan" not in err


def test_lapor_status_bertentangan_dengan_idm(sakip, db_url, hitung_baris):
    awal = hitung_baris(db_url)
    out = sakip("lapor", "status-desa", "--desa", "halunuk", "--tahun", "2024", "--idm", "0,99",
                "--status", "Tertinggal", kode=2)
    assert "skor IDM 0,99 termasuk status Mandiri (di atas 0,8155 sampai 1), bukan Tertinggal" in out
    assert hitung_baris(db_url) == awal


@pytest.mark.parametrize("perintah", [["db", "status"], ["db", "upgrade"], ["capaian", "2024"]])
def test_db_bukan_basis_data_keluar_2(capsys, tmp_path, perintah):
    sampah = tmp_path / "sampah.sqlite3"
    sampah.write_bytes(b"ini bukan basis data\x00" * 300)
    for db in (str(sampah), str(tmp_path), "postgresql://u:pw@127.0.0.1:1/x"):
        assert main([*perintah, "--db", db]) == 2, db
        err = capsys.readouterr().err
        assert err.startswith("sakip: tidak dapat membuka basis data ") and "kesalahan internal" not in err
        assert ":pw@" not in err


def _kandangan(tmp_path):
    """The Loksado folder relabelled as another kecamatan."""
    folder = salin_data(tmp_path)
    ubah(folder / "organisasi.yaml", "  kode: loksado\n  nama: Loksado\n", "  kode: kandangan\n  nama: Kandangan\n")
    return folder


def test_impor_folder_ke_basis_data_kosong_hanya_berisi_folder_itu(capsys, db_kosong, tmp_path):
    assert main(["db", "upgrade", "--db", db_kosong]) == 0
    assert main(["impor", "folder", str(_kandangan(tmp_path)), "--db", db_kosong]) == 0
    capsys.readouterr()
    assert main(["db", "status", "--db", db_kosong]) == 0
    out = capsys.readouterr().out
    assert "kandangan" in out and "loksado" not in out


def test_impor_folder_kecamatan_kedua_dan_kecamatan_yang_salah(sakip, db_url, tmp_path, hitung_baris):
    folder = _kandangan(tmp_path)
    awal = hitung_baris(db_url)
    out = sakip("impor", "folder", str(folder), "--kecamatan", "loksado", kode=2)
    assert "berisi data kecamatan kandangan, bukan loksado" in out
    assert hitung_baris(db_url) == awal
    # a second kecamatan beside Loksado: saved, reported, and the command succeeds
    out = sakip("impor", "folder", str(folder))
    assert "Impor folder" in out and "--kecamatan" not in out
    assert "Kandangan" in sakip("capaian", "2024", "--kecamatan", "kandangan")


def test_ekspor_rekap_tahun_tanpa_rencana_ditolak(sakip, tmp_path):
    berkas = tmp_path / "r.csv"
    out = sakip("ekspor", "laba", str(berkas), "--tahun", "2030", kode=2)
    assert "tidak ada rencana" in out and not berkas.exists()


def test_riwayat_menyebut_alasan_penarikan(sakip):
    sakip("lapor", "laba", "--bumdes", "serati", "--bulan", "2024-03", "--jumlah", "Rp 150.000")
    sakip("tarik", "laba", "Serati", "Maret", "2024", "--alasan", "BUMDes belum beroperasi")
    baris = [b for b in sakip("riwayat", "laba", "serati", "2024-03").splitlines() if b.startswith("#")]
    assert "(ditarik), alasan: BUMDes belum beroperasi" in baris[0] and "ditarik" in baris[0]
    assert "alasan" not in baris[1] and "Rp 150.000" in baris[1]


def test_riwayat_judul_menyebut_kunci_yang_dibaca(sakip):
    """'anggaran forkopimcam tahun 2024' is the year's total: the heading names that value once,
    as the store reads the text, not the text mislabelled ('tahun tahun')."""
    out = sakip("riwayat", "anggaran", "forkopimcam", "tahun", "2024")
    assert "Riwayat realisasi anggaran forkopimcam tahun 2024 (terbaru dahulu" in out
    assert "tahun tahun" not in out and "anggaran forkopimcam 2024 " in out
    out = sakip("riwayat", "realisasi", "anggaran", "forkopimcam", "Januari", "2024")
    assert "Belum ada kiriman untuk 'realisasi anggaran forkopimcam Januari 2024'." in out


def test_ekspor_tidak_menimpa_berkas_yang_ada_tanpa_diminta(sakip, tmp_path):
    berkas = tmp_path / "rekap.csv"
    berkas.write_text("salinan yang sudah disunting\n")
    out = sakip("ekspor", "laba", str(berkas), "--tahun", "2024", kode=2)
    assert f"berkas {berkas} sudah ada dan tidak ditimpa" in out and "--timpa" in out, out
    assert berkas.read_text() == "salinan yang sudah disunting\n"
    assert f"ditulis ke {berkas}" in sakip("ekspor", "laba", str(berkas), "--tahun", "2024", "--timpa")
    assert "NO,DESA,NAMA BUMDES" in berkas.read_text(encoding="utf-8-sig")
    jawaban = tmp_path / "jawaban.csv"
    jawaban.write_text("x\n")
    out = sakip("ekspor", "ikm", str(jawaban), "--tahun", "2024", "--semester", "2", kode=2)
    assert "sudah ada dan tidak ditimpa" in out and jawaban.read_text() == "x\n"


def test_ekspor_ke_folder_yang_tidak_ada_ditolak(sakip, tmp_path):
    tujuan = tmp_path / "lapran" / "rekap.xlsx"  # a typo of an existing 'laporan'
    out = sakip("ekspor", "laba", str(tujuan), "--tahun", "2024", kode=2)
    assert f"folder {tujuan.parent} tidak ada" in out and "Traceback" not in out
    assert not tujuan.parent.exists()
