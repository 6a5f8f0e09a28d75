"""Review findings: folder re-import vs. later corrections, desa of moved BUMDes, import checks,
the limits file, a database that cannot be opened, inactive BUMDes round trip, status vs. IDM."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D

import openpyxl
import pytest
import yaml

from sakip_rules.data.folder import load_folder
from sakip_rules.errors import DataError, UsageError
from sakip_rules.store import AksesDitolak, Store, rencana
from sakip_rules.store.config import baca_batas
from sakip_rules.store.importing import JUDUL_REKAP
from sakip_rules.store.koneksi import tulis
from sakip_rules.store.users import admin_lokal
from sakip_rules.store.validasi import NilaiDitolak

from bantu_store import ROOT, rekap_asli, tulis_csv
from project_paths import DATA_DIR
from salinan import salin_data

ADMIN = admin_lokal("sekcam", "loksado")


def _laba(store, bumdes, tahun, bulan):
    return [r.jumlah for r in store.dataset("loksado").laba_bumdes
            if (r.bumdes, r.tahun, r.bulan) == (bumdes, tahun, bulan)]


def _ganti_organisasi(store, ubah_bumdes):
    """Record a new organisation version with ``ubah_bumdes(b)`` applied to every BUMDes."""
    ds = load_folder(DATA_DIR)
    kec = replace(ds.kecamatan, bumdes=tuple(ubah_bumdes(b) for b in ds.kecamatan.bumdes))
    tulis(store.engine, lambda c: rencana.simpan_rencana(c, replace(ds, kecamatan=kec), sumber="uji",
                                                         saluran="cli", oleh="uji", waktu=store.jam()))


# ---------------------------------------------------------------- 1. folder re-import
def test_impor_folder_lagi_tidak_menimpa_koreksi_dan_penarikan(store, jam, hitung_baris):
    koreksi = store.lapor_laba(ADMIN, "siam_baralang", 2024, 5, D("123456"), saluran="cli")
    tarik = store.tarik(ADMIN, kunci_nilai="laba sumber_rahmat 2024-01", alasan="x", saluran="cli")
    jam.maju(seconds=5)
    n = hitung_baris(store, "kiriman")
    h = store.impor_folder(None, DATA_DIR)
    assert hitung_baris(store, "kiriman") == n  # nothing written: nothing came back
    assert {k.status for k in h.kiriman} == {"sama"}
    assert {(k.kunci_nilai, k.id) for k in h.dilewati} == {("laba siam_baralang 2024-05", koreksi.id),
                                                           ("laba sumber_rahmat 2024-01", tarik.id)}
    assert _laba(store, "siam_baralang", 2024, 5) == [D("123456")]
    assert _laba(store, "sumber_rahmat", 2024, 1) == []


def test_impor_folder_mengoreksi_nilai_yang_terakhir_dari_folder(store, tmp_path, jam):
    folder = salin_data(tmp_path)
    berkas = folder / "realisasi" / "2024" / "laba_bumdes.yaml"
    data = yaml.safe_load(berkas.read_text(encoding="utf-8"))
    data["laba"]["sumber_rahmat"][2] = 810000  # folder-only history: a correction
    data["laba"]["siam_baralang"][5] = 999  # corrected by a person below: left alone
    berkas.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    orang = store.lapor_laba(ADMIN, "siam_baralang", 2024, 5, D("123456"), saluran="bot")
    sama = store.lapor_laba(ADMIN, "serati", 2024, 1, _laba(store, "serati", 2024, 1)[0], saluran="cli")
    assert sama.status == "sama"  # a person resending the folder's value writes nothing
    jam.maju(seconds=5)
    h = store.impor_folder(None, folder)
    koreksi = [k for k in h.kiriman if k.status == "koreksi"]
    assert [(k.kunci_nilai, k.nilai_lama, k.nilai) for k in koreksi] == [
        ("laba sumber_rahmat 2024-02", "Rp 800.000", "Rp 810.000")]
    assert [(k.kunci_nilai, k.id, k.nilai) for k in h.dilewati] == [
        ("laba siam_baralang 2024-05", orang.id, "Rp 123.456")]
    assert _laba(store, "sumber_rahmat", 2024, 2) == [D("810000")]


def test_impor_folder_sama_dengan_koreksi_orang_adalah_sama(store, jam):
    store.lapor_laba(ADMIN, "siam_baralang", 2024, 5, D("1"), saluran="cli")
    store.lapor_laba(ADMIN, "siam_baralang", 2024, 5, D("610000"), saluran="cli")  # back to the folder's
    jam.maju(seconds=5)
    h = store.impor_folder(None, DATA_DIR)
    assert not h.dilewati and {k.status for k in h.kiriman} == {"sama"}


# ---------------------------------------------------------------- 2. the desa of a moved BUMDes
def test_tarik_dan_riwayat_mengikuti_desa_bumdes_sekarang(store, hitung_baris):
    admin = store.tambah_pengguna(None, "Admin", "admin", kecamatan="loksado")
    op = store.tambah_pengguna(admin, "Op Halunuk", "operator_desa", kecamatan="loksado", desa="halunuk")
    lama = store.lapor_laba(admin, "serati", 2024, 3, D("5000"), saluran="cli")  # serati: hulu_banyu then
    # serati moves to halunuk, sumber_rahmat leaves it
    _ganti_organisasi(store, lambda b: replace(b, desa={"serati": "halunuk", "sumber_rahmat": "loksado"}
                                               .get(b.kode, b.desa)))
    riwayat = {k.kunci_nilai for k in store.riwayat(op, batas=10_000)}
    assert "laba serati 2024-03" in riwayat
    assert not any(k.startswith("laba sumber_rahmat ") for k in riwayat)
    assert "laba serati 2024-03" in {k.kunci_nilai for k in store.dapat_ditarik(op, batas=1000)}
    n = hitung_baris(store, "kiriman")
    with pytest.raises(AksesDitolak, match="hanya boleh mengirim data desanya sendiri"):
        store.tarik(op, kunci_nilai="laba sumber_rahmat 2024-01", alasan="x", saluran="bot")
    assert hitung_baris(store, "kiriman") == n
    k = store.tarik(op, kunci_nilai="laba serati 2024-03", alasan="salah", saluran="bot")
    assert (k.status, k.menggantikan) == ("ditarik", lama.id)
    # a desa's own (non-BUMDes) values stay with it
    assert "status_desa halunuk 2024" in {k.kunci_nilai for k in store.riwayat(op, batas=10_000)}


def test_desa_bumdes_pindah_sama_di_python_dan_sql(store):
    """"Whose desa is a value now" is written twice: desa_id_kini (Python, tarik and the withdrawal
    menu) and the history filter (SQL). After a BUMDes moves desa both give every desa the same rows."""
    from sqlalchemy import select

    from sakip_rules.store import schema as s
    from sakip_rules.store import submissions

    store.lapor_laba(ADMIN, "serati", 2024, 3, D("5000"), saluran="cli")  # serati: hulu_banyu then
    store.lapor_status_desa(ADMIN, "hulu_banyu", 2024, "Maju", saluran="cli")  # stays with hulu_banyu
    _ganti_organisasi(store, lambda b: replace(b, desa={"serati": "halunuk", "sumber_rahmat": "loksado"}
                                               .get(b.kode, b.desa)))
    with store.engine.connect() as conn:
        kid = rencana.kecamatan_id(conn, "loksado")
        desa_ids = rencana.id_organisasi(conn, kid)[0]
        bumdes_desa = submissions.desa_bumdes(conn, kid)
        semua = conn.execute(select(s.kiriman).where(s.kiriman.c.kecamatan_id == kid)).all()
        per_desa = {}
        for kode, did in desa_ids.items():
            sql = {k.id for k in submissions.riwayat(conn, kid, desa_id=did, batas=10 ** 6)}
            python = {r.id for r in semua if submissions.desa_id_kini(r, bumdes_desa) == did}
            assert sql == python, kode
            per_desa[kode] = {r.kunci_nilai for r in semua if r.id in sql}
    assert "laba serati 2024-03" in per_desa["halunuk"] and "laba serati 2024-03" not in per_desa["hulu_banyu"]
    assert "laba sumber_rahmat 2024-11" in per_desa["loksado"]
    assert "status_desa hulu_banyu 2024" in per_desa["hulu_banyu"]


# ---------------------------------------------------------------- 4, 5. recap and answers files
def _tolak(store, path, tahun, hitung_baris, potongan):
    n = hitung_baris(store)
    with pytest.raises(DataError) as e:
        store.impor_rekap_laba(ADMIN, path, tahun)
    assert potongan in str(e.value), str(e.value)
    assert hitung_baris(store) == n


def test_rekap_judul_tahun_lain_ditolak(store, tmp_path, hitung_baris):
    path = tmp_path / "r.csv"
    tulis_csv(path, rekap_asli(), judul=False)
    isi = path.read_text(encoding="utf-8")
    path.write_text("DATA BUMDES KECAMATAN LOKSADO TAHUN 2024\n" + isi, encoding="utf-8")
    _tolak(store, path, 2025, hitung_baris, "r.csv: baris 1 kolom A: judul berkas menyebut tahun 2024, "
                                           "tetapi impor ini untuk tahun 2025")
    assert len(store.impor_rekap_laba(ADMIN, path, 2024)) == 56  # the year it states is fine


@pytest.mark.parametrize("akhiran", [".csv", ".xlsx"])
def test_rekap_sel_di_luar_judul_ditolak(store, tmp_path, hitung_baris, akhiran):
    rows = rekap_asli()
    rows[3] = rows[3] + ["Rp. 5.000"]  # one cell too many, right of KET
    if akhiran == ".csv":
        path = tulis_csv(tmp_path / "r.csv", rows)
    else:
        wb = openpyxl.Workbook()
        for r in [["DATA BUMDES KECAMATAN LOKSADO"]] + rows:
            wb.active.append(r)
        path = tmp_path / "r.xlsx"
        wb.save(path)
    _tolak(store, path, 2025, hitung_baris, "baris 5 kolom Q: kolom berisi data tetapi tidak berjudul")


def test_rekap_ket_berisi_jumlah_ditolak(store, tmp_path, hitung_baris):
    rows = rekap_asli()
    assert rows[0][-1] == "KET"
    rows[2] = rows[2][:-1] + ["Rp. 880.000"]  # December landed in KET: a shifted row
    _tolak(store, tulis_csv(tmp_path / "r.csv", rows), 2025, hitung_baris,
           "baris 4 kolom P (KET): berisi jumlah Rp. 880.000, bukan keterangan")
    rows[2][-1] = "tidak aktif"
    assert len(store.impor_rekap_laba(ADMIN, tulis_csv(tmp_path / "s.csv", rows), 2025)) == 56


def test_jawaban_ikm_sel_di_luar_judul_ditolak(store, tmp_path, hitung_baris):
    path = tmp_path / "j.csv"
    path.write_text("NO,U1,U2,U3,U4,U5,U6,U7,U8,U9\n1,4,4,3,4,4,4,3,4,4\n2,3,4,4,3,4,4,4,3,4,4\n")
    n = hitung_baris(store)
    with pytest.raises(DataError, match="baris 3 kolom K: kolom berisi data tetapi tidak berjudul"):
        store.impor_jawaban_ikm(ADMIN, path, 2024, 2)
    assert hitung_baris(store) == n


# ---------------------------------------------------------------- 8. inactive BUMDes round trip
@pytest.mark.parametrize("akhiran", [".csv", ".xlsx"])
def test_ekspor_impor_bumdes_tidak_aktif(store, tmp_path, hitung_baris, akhiran):
    _ganti_organisasi(store, lambda b: replace(b, aktif=b.kode != "serati"))
    path = store.ekspor_rekap_laba(2024, tmp_path / f"r{akhiran}")
    n = hitung_baris(store)
    hasil = store.impor_rekap_laba(ADMIN, path, 2024)
    assert {k.status for k in hasil} == {"sama"} and any(k.kunci_nilai.startswith("laba serati ") for k in hasil)
    assert hitung_baris(store) == n
    # a different value for the inactive BUMDes is still refused, naming the cell
    rows = [JUDUL_REKAP, ["1", "HULU BANYU", "serati", "Rp. 1"] + ["Rp."] * 11 + ["tidak aktif"]]
    with pytest.raises(DataError, match=r"baris 3 kolom D \(KEUNTUNGAN BULAN JANUARI\): BUMDes Serati "
                                        "tercatat tidak aktif"):
        store.impor_rekap_laba(ADMIN, tulis_csv(tmp_path / "beda.csv", rows), 2024)
    assert hitung_baris(store) == n


# ---------------------------------------------------------------- 9. status vs. IDM score
def test_status_bertentangan_dengan_skor_idm_ditolak(store, hitung_baris):
    n = hitung_baris(store)
    with pytest.raises(NilaiDitolak) as e:
        store.lapor_status_desa(ADMIN, "halunuk", 2024, "Tertinggal", D("0.99"), saluran="cli")
    pesan = str(e.value)
    # the matching scale row in words and Indonesian numbers; file and line are for `sakip jelaskan`
    assert "skor IDM 0,99 termasuk status Mandiri (di atas 0,8155 sampai 1), bukan Tertinggal" in pesan
    assert "status_idm.yaml" not in pesan and "0.8155" not in pesan
    assert hitung_baris(store) == n
    k = store.lapor_status_desa(ADMIN, "halunuk", 2024, "mandiri", D("0.99"), saluran="cli")
    assert k.nilai == "Mandiri (IDM 0,99)"


# ---------------------------------------------------------------- 6. the limits file
def _batas(tmp_path, ubah=None, teks=None):
    raw = json.loads((ROOT / "src" / "sakip_rules" / "store" / "batas_wajar.json").read_text(encoding="utf-8"))
    if ubah:
        ubah(raw)
    path = tmp_path / "batas.json"
    path.write_text(teks if teks is not None else json.dumps(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize("ubah, teks, potongan", [
    (lambda r: r["anggaran"].update(boleh_melebihi_pagu="false"), None,
     '[anggaran.boleh_melebihi_pagu] harus true/false, bukan teks "false"'),
    (lambda r: r["laba_bumdes"].update(bulanan_maks="NaN"), None, "[laba_bumdes.bulanan_maks] bentuk tidak sesuai"),
    (None, '{"laba_bumdes": {"bulanan_maks": NaN}, "anggaran": {"boleh_melebihi_pagu": false}, '
           '"ikm": {"responden_maks": 5}}', "[laba_bumdes.bulanan_maks] bentuk tidak sesuai"),
    (lambda r: r["laba_bumdes"].update(bulanan_maks="-1"), None, 'tertulis teks "-1"'),
    (lambda r: r["laba_bumdes"].update(bulanan_maks=-1), None, "[laba_bumdes.bulanan_maks] harus ≥ 0"),
    (None, '{"laba_bumdes": {"bulanan_maks": 1e999}, "anggaran": {"boleh_melebihi_pagu": false}, '
           '"ikm": {"responden_maks": 5}}', "[laba_bumdes.bulanan_maks] angka 1E+999 terlalu besar"),
    (lambda r: r["laba_bumdes"].update(bulanan_maks="abc"), None, 'tertulis teks "abc"'),
    (lambda r: r["ikm"].update(responden_maks=0), None, "[ikm.responden_maks] harus ≥ 1"),
    (lambda r: r["ikm"].update(responden_maks=2.5), None, "[ikm.responden_maks] harus bilangan bulat"),
    (lambda r: r["ikm"].update(responden_maks=True), None, "[ikm.responden_maks] harus bilangan bulat"),
    (lambda r: r["anggaran"].update(boleh_melebihi_pagu_=True), None, "kunci tidak dikenal: 'boleh_melebihi_pagu_'"),
    (None, "{", "bukan JSON yang sah"),
])
def test_berkas_batas_tidak_sah(tmp_path, ubah, teks, potongan):
    path = _batas(tmp_path, ubah, teks)
    with pytest.raises(UsageError) as e:
        baca_batas(path)
    assert f"berkas batas kewajaran '{path}'" in str(e.value) and potongan in str(e.value), str(e.value)


def test_berkas_batas_sah(tmp_path):
    b = baca_batas(_batas(tmp_path, lambda r: r["laba_bumdes"].update(bulanan_maks=2500000.5)))
    assert b.laba_bulanan_maks == D("2500000.5") and b.anggaran_melebihi_pagu is False
    assert baca_batas().ikm_responden_maks == 1_000_000


# ---------------------------------------------------------------- 7. a database that cannot be opened
@pytest.mark.parametrize("jenis", ["bukan_basis_data", "folder", "server_mati"])
def test_basis_data_tidak_dapat_dibuka(tmp_path, jenis):
    if jenis == "bukan_basis_data":
        path = tmp_path / "sampah.sqlite3"
        path.write_bytes(b"bukan basis data\x00" * 500)
        url, potongan = f"sqlite:///{path}", "file is not a database"
    elif jenis == "folder":
        url, potongan = f"sqlite:///{tmp_path}", "unable to open database file"
    else:
        url, potongan = "postgresql://u:rahasia@127.0.0.1:1/x", "127.0.0.1"
    with pytest.raises(UsageError) as e:
        Store.buka(url)
    assert "tidak dapat membuka basis data" in str(e.value) and potongan in str(e.value)
    assert "rahasia" not in str(e.value)


def test_cocokkan_bumdes_satu_untuk_cli_dan_bot():
    from sakip_rules.data.model import Bumdes, Kecamatan
    from sakip_rules.store.validasi import cocokkan_bumdes

    kec = Kecamatan("k", "K", "Kab", (), (Bumdes("sumber_rahmat", "Sumber Rahmat", "halunuk"),
                                          Bumdes("b5", "BUMDes 5", "x"), Bumdes("b15", "BUMDes 15", "x")))
    assert cocokkan_bumdes(kec, "BUMDes Sumber Rahmat").kode == "sumber_rahmat"
    assert cocokkan_bumdes(kec, "BUMDES 5").kode == "b5"  # named "BUMDes ...": the text as written first
    assert cocokkan_bumdes(kec, "rahmat").kode == "sumber_rahmat"
    assert cocokkan_bumdes(kec, "rahmat", tepat=True) is None
    assert cocokkan_bumdes(kec, "bumdes") is None and cocokkan_bumdes(kec, "  ") is None
