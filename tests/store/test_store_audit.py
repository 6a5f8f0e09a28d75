"""Adversarial input at the store's API: each case gets a precise message and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from sakip_rules.errors import DataError, UsageError
from sakip_rules.store import NilaiDitolak
from sakip_rules.store.users import admin_lokal

from bantu_store import hitung

ADMIN = admin_lokal("sekcam", "loksado")


@pytest.mark.parametrize("jumlah, pesan", [
    (D("9" * 45), "terlalu besar"),
    (D("1E+999999"), "terlalu besar"),
    (D("1.2345678901234567890123456789012"), "terlalu panjang"),
    (10 ** 40, "terlalu besar"),
])
def test_angka_raksasa_ditolak_dengan_jelas(store, jumlah, pesan):
    sebelum = hitung(store)
    for lapor in (lambda: store.lapor_laba(ADMIN, "serati", 2024, 3, jumlah, saluran="cli"),
                  lambda: store.lapor_anggaran(ADMIN, "evaluasi_kinerja", 2024, 3, jumlah, saluran="cli")):
        with pytest.raises(NilaiDitolak, match=pesan):
            lapor()
    with pytest.raises(NilaiDitolak, match=pesan):
        store.periksa_jumlah_laba(jumlah)
    assert hitung(store) == sebelum


@pytest.mark.parametrize("telegram_id", [10 ** 30, -5, 0])
def test_id_telegram_tidak_sah(store, telegram_id):
    sebelum = hitung(store, "pengguna")
    with pytest.raises(UsageError, match="id akun Telegram .* tidak sah"):
        store.tambah_pengguna(None, "Orang", "auditor", kecamatan="loksado", telegram_id=telegram_id)
    assert hitung(store, "pengguna") == sebelum


def test_nama_pengguna_panjang_atau_berbaris_ditolak(store):
    for nama, pesan in [("x" * 5000, "terlalu panjang"), ("Siti\nadmin", "karakter kendali")]:
        with pytest.raises(UsageError, match=pesan):
            store.tambah_pengguna(None, nama, "auditor", kecamatan="loksado")
    assert hitung(store, "pengguna") == 0


def test_nama_telegram_panjang_tetap_dapat_mendaftar(store):
    """A Telegram display name is cut to fit (on PostgreSQL a 200-character column)."""
    admin = store.tambah_pengguna(None, "A" * 100, "admin", kecamatan="loksado")
    token = store.buat_undangan(admin, "auditor")
    p = store.pakai_undangan(token, 777, "Nama\u200b " + "panjang " * 100)
    assert len(p.nama) <= 100 and "\u200b" not in p.nama and p.aktif


def test_cabut_dan_riwayat_dengan_angka_raksasa(store):
    with pytest.raises(UsageError, match="tidak ada di kecamatan"):
        store.cabut_pengguna(ADMIN, 10 ** 30)
    for batas in (0, -1, 10 ** 30):
        with pytest.raises(UsageError, match="batas riwayat harus 1 sampai"):
            store.riwayat(ADMIN, batas=batas)
    assert store.pengguna_telegram(10 ** 30) is None


@pytest.mark.parametrize("per", [dt.datetime(1, 1, 1, 0, 0),
                                 dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5)))])
def test_per_di_luar_rentang(store, per):
    with pytest.raises(UsageError, match="di luar rentang yang dapat dihitung"):
        store.dataset("loksado", per=per)


@pytest.mark.parametrize("nama, isi, pesan", [
    ("biner.csv", bytes(range(256)) * 8, "bukan CSV teks"),
    ("kode.csv", b"U1,U2\n\x81\x8d\x8f,1\n", "tidak dapat dibaca sebagai teks"),
    ("sel.csv", b"U1\n" + b"x" * 200_000 + b"\n", "CSV rusak atau tidak wajar"),
    ("digit.csv", ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + ",".join(["٣"] * 9) + "\n").encode(), "harus 1–4"),
    ("besar.csv", ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + ",".join(["9" * 5000] * 9) + "\n").encode(), "harus 1–4"),
    ("lebar.csv", ("U1,U2,U3,U4,U5,U6,U7,U8,U9" + ",x" * 200 + "\n").encode(), "paling banyak 100 kolom"),
])
def test_berkas_ikm_aneh(store, tmp_path, nama, isi, pesan):
    path = tmp_path / nama
    path.write_bytes(isi)
    sebelum = hitung(store)
    with pytest.raises(DataError, match=pesan) as info:
        store.impor_jawaban_ikm(ADMIN, path, 2024, 1)
    assert len(info.value.render()) < 5000  # the user's huge cell is not echoed whole
    assert hitung(store) == sebelum


def _xlsx(path, baris, **sel):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in baris:
        ws.append(r)
    for alamat, nilai in sel.items():
        ws[alamat] = nilai
    wb.save(path)
    return path


def test_xlsx_rumus_tanpa_hasil_dan_lembar_raksasa(store, tmp_path):
    judul = [f"U{i}" for i in range(1, 10)]
    sebelum = hitung(store)
    rumus = _xlsx(tmp_path / "rumus.xlsx", [judul, [3] * 8 + ["=1+2"]])
    with pytest.raises(DataError, match="sel I2 berisi rumus =1\\+2 tanpa hasil tersimpan"):
        store.impor_jawaban_ikm(ADMIN, rumus, 2024, 1)
    raksasa = _xlsx(tmp_path / "raksasa.xlsx", [judul], XFD1048576=1)
    with pytest.raises(DataError, match="mencakup 1048576 baris"):
        store.impor_jawaban_ikm(ADMIN, raksasa, 2024, 1)
    assert hitung(store) == sebelum


def test_rekap_laba_dengan_tanggal_di_sel(store, tmp_path):
    bulan = "JANUARI FEBRUARI MARET APRIL MEI JUNI JULI AGUSTUS SEPTEMBER OKTOBER NOPEMBER DESEMBER".split()
    judul = ["NO", "DESA", "NAMA BUMDES"] + [f"KEUNTUNGAN BULAN {b}" for b in bulan] + ["KET"]
    path = _xlsx(tmp_path / "rekap.xlsx", [judul, [1, "Halunuk", "Sumber Rahmat", dt.datetime(2024, 1, 3)]])
    with pytest.raises(DataError, match="berisi tanggal/waktu .* bukan jumlah rupiah"):
        store.impor_rekap_laba(ADMIN, path, 2024)


def test_ekspor_ke_folder_atau_tempat_mustahil(store, tmp_path):
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(DataError, match="ini folder"):
        store.ekspor_rekap_laba(2024, tmp_path / "folder.csv")
    (tmp_path / "berkas").write_text("bukan folder")
    with pytest.raises(DataError, match="tidak dapat ditulis"):
        store.ekspor_rekap_laba(2024, tmp_path / "berkas" / "rekap.csv")


@pytest.mark.parametrize("tahun, bulan, pesan", [
    (2024, 13, "bulan 13 tidak ada"),
    (2099, 1, "di masa depan"),
    (2010, 5, "di luar tahun rencana"),
])
def test_bulan_laba_diperiksa_sebelum_jumlahnya(store, tahun, bulan, pesan):
    """periksa_bulan_laba: the month check of lapor_laba, for a client that asks for the month
    first (the bot's guided flow); it refuses what lapor_laba refuses and stores nothing."""
    sebelum = hitung(store)
    with pytest.raises(NilaiDitolak, match=pesan):
        store.lapor_laba(ADMIN, "serati", tahun, bulan, D("1000"), saluran="cli")
    with pytest.raises(NilaiDitolak, match=pesan):
        store.periksa_bulan_laba("loksado", tahun, bulan)
    assert store.periksa_bulan_laba("loksado", 2024, 11) == (2024, 11)
    assert hitung(store) == sebelum


# Texts of Python, openpyxl or the OS (English) that must never reach an officer.
_BAHASA_PROGRAM = ("BadZipFile", "KeyError", "zip file", "field larger", "field limit", "Permission denied",
                   "No space", "No such file", "Error")


def _tanpa_bahasa_program(pesan: str) -> None:
    assert not [t for t in _BAHASA_PROGRAM if t in pesan], pesan


@pytest.mark.parametrize("nama, isi, pesan", [
    ("palsu.xlsx", b"PK\x03\x04bukan zip", "berkas XLSX tidak dapat dibaca: bukan berkas XLSX yang utuh; simpan "
                                           "ulang dari aplikasi lembar kerja"),
    ("kosong.xlsx", b"", "bukan berkas XLSX yang utuh"),
    ("sel.csv", b"U1\n" + b"x" * 200_000 + b"\n", "berkas CSV rusak atau tidak wajar: ada sel lebih panjang dari "
                                                   "131.072 karakter"),
    ("kutip.csv", b'U1,U2\n"1,' + b"x" * 200_000 + b"\n", "tanda kutip yang tidak ditutup"),
])
def test_berkas_rusak_dijelaskan_dalam_bahasa_indonesia(store, tmp_path, nama, isi, pesan):
    path = tmp_path / nama
    path.write_bytes(isi)
    sebelum = hitung(store)
    with pytest.raises(DataError) as info:
        store.impor_jawaban_ikm(ADMIN, path, 2024, 1)
    assert pesan in info.value.render()
    _tanpa_bahasa_program(info.value.render())
    assert hitung(store) == sebelum


def test_csv_dengan_akhir_baris_mac_lama_terbaca(store, tmp_path):
    """'CSV (Macintosh)' ends lines with CR only; it reads as rows, not as a parse error."""
    path = tmp_path / "mac.csv"
    path.write_bytes(b"\r".join([b"U1,U2,U3,U4,U5,U6,U7,U8,U9", b"3,3,3,3,3,3,3,3,3", b"4,4,4,4,4,4,4,4,4"]) + b"\r")
    k = store.impor_jawaban_ikm(ADMIN, path, 2024, 1)
    assert "2 responden" in k.nilai


def test_galat_sistem_berkas_dijelaskan_dalam_bahasa_indonesia(store, tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    from sakip_rules.store import berkas_tabel

    path = tmp_path / "jawaban.csv"
    path.write_text("U1\n3\n", encoding="utf-8")

    def ditolak(self):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", ditolak)
    with pytest.raises(DataError) as info:
        berkas_tabel.baca(path)
    assert "jawaban.csv: berkas tidak dapat dibaca: tidak ada izin untuk tempat itu" in info.value.render()
    _tanpa_bahasa_program(info.value.render())
    monkeypatch.undo()

    def penuh(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(berkas_tabel, "_tulis", penuh)
    with pytest.raises(DataError) as info:
        store.ekspor_rekap_laba(2024, tmp_path / "rekap.csv")
    assert "berkas tidak dapat ditulis: ruang disk penuh" in info.value.render()
    _tanpa_bahasa_program(info.value.render())
    assert berkas_tabel.alasan_os(OSError(errno.EXDEV, "x")) == f"kesalahan sistem berkas (kode {errno.EXDEV})"


def test_ekspor_tidak_membuat_folder_yang_salah_ketik(store, tmp_path):
    """A mistyped folder is refused, naming it; no folder is made (the file would be lost there)."""
    tujuan = tmp_path / "laporan-2024" / "bulanan" / "rekap.xlsx"
    with pytest.raises(DataError) as info:
        store.ekspor_rekap_laba(2024, tujuan)
    assert (f"berkas tidak dapat ditulis: folder {tujuan.parent} tidak ada; periksa ketikan jalurnya atau buat "
            "foldernya dulu") in info.value.render()
    assert not (tmp_path / "laporan-2024").exists()
    (tmp_path / "laporan-2024").mkdir()
    (tmp_path / "laporan-2024" / "bulanan").write_text("sebuah berkas")
    with pytest.raises(DataError, match="bulanan bukan folder"):
        store.ekspor_rekap_laba(2024, tujuan)
    assert (tmp_path / "laporan-2024" / "bulanan").read_text() == "sebuah berkas"
