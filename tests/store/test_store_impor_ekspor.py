"""Import of the real Gambar 3.6 recap and of IKM answers (CSV and XLSX), export round trip."""

from __future__ import annotations

import csv
from decimal import Decimal as D

import openpyxl
import pytest

from sakip_rules.engine.capaian import evaluasi_capaian
from sakip_rules.errors import DataError, SakipError
from sakip_rules.rules.loader import load_rules
from sakip_rules.store import AksesDitolak
from sakip_rules.store.importing import JUDUL_REKAP
from sakip_rules.store.users import admin_lokal

from bantu_store import ROOT, rekap_asli, tulis_csv, tulis_xlsx

ADMIN = admin_lokal("sekcam", "loksado")

def laba_tahun(ds, tahun):
    return {(r.bumdes, r.bulan): r.jumlah for r in ds.laba_bumdes if r.tahun == tahun}


@pytest.mark.parametrize("bentuk", ["csv", "csv;", "xlsx", "xlsx-angka"])
def test_impor_rekap_gambar_3_6(store, tmp_path, bentuk):
    rows = rekap_asli()
    if bentuk.startswith("csv"):
        path = tulis_csv(tmp_path / "rekap.csv", rows, pemisah=";" if bentuk == "csv;" else ",")
    else:
        path = tulis_xlsx(tmp_path / "rekap.xlsx", rows, angka=bentuk == "xlsx-angka")
    hasil = store.impor_rekap_laba(ADMIN, path, 2025)
    assert len(hasil) == 56 and {k.status for k in hasil} == {"baru"}
    ds = store.dataset("loksado")
    assert laba_tahun(ds, 2025) == laba_tahun(ds, 2024)  # the seed's 2024 is the same recap
    assert laba_tahun(ds, 2025)[("sumber_rahmat", 11)] == D("734400")
    assert ("serati", 3) not in laba_tahun(ds, 2025)  # "Rp." = not reported, not zero
    asal = {r.asal.keterangan for r in ds.laba_bumdes if r.tahun == 2025}
    assert asal == {f"impor #{ds.laba_bumdes[-1].asal.keterangan.split('#')[1].split(':')[0]}: {path.name}"}
    # the same file again changes nothing; one changed cell is one correction
    again = store.impor_rekap_laba(ADMIN, path, 2025)
    assert {k.status for k in again} == {"sama"}
    rows[1][13] = "Rp. 743.400"
    path2 = tulis_csv(tmp_path / "rekap2.csv", rows)
    hasil = store.impor_rekap_laba(ADMIN, path2, 2025)
    kor = [k for k in hasil if k.status == "koreksi"]
    assert [(k.kunci_nilai, k.nilai_lama, k.nilai) for k in kor] == \
        [("laba sumber_rahmat 2025-11", "Rp 734.400", "Rp 743.400")]


def _gagal(store, path, tahun, hitung_baris, pola):
    awal = hitung_baris(store)
    with pytest.raises(SakipError) as info:
        store.impor_rekap_laba(ADMIN, path, tahun)
    assert isinstance(info.value, DataError)
    teks = info.value.render()
    for p in pola:
        assert p in teks, teks
    assert hitung_baris(store) == awal
    return teks


def test_kolom_salah_menyebut_baris_dan_kolom(store, tmp_path, hitung_baris):
    rows = rekap_asli()
    hilang = [[c for j, c in enumerate(r) if j != 5] for r in rows]  # no MARET column
    _gagal(store, tulis_csv(tmp_path / "a.csv", hilang), 2025, hitung_baris,
           ["rekap", "kolom 'KEUNTUNGAN BULAN MARET' tidak ada"] if False else
           ["a.csv", "baris 2", "kolom 'KEUNTUNGAN BULAN MARET' tidak ada"])
    asing = [list(r) for r in rows]
    asing[0][5] = "LABA BERSIH"
    _gagal(store, tulis_csv(tmp_path / "b.csv", asing), 2025, hitung_baris,
           ["baris 2 kolom F: judul kolom 'LABA BERSIH' tidak dikenal", "KEUNTUNGAN BULAN MARET' tidak ada"])
    _gagal(store, tulis_csv(tmp_path / "c.csv", rows[1:], judul=False), 2025, hitung_baris,
           ["baris judul kolom tidak ditemukan", "NO, DESA, NAMA BUMDES"])
    (tmp_path / "d.txt").write_text("x")
    _gagal(store, tmp_path / "d.txt", 2025, hitung_baris, ["format '.txt' tidak didukung"])
    (tmp_path / "e.xlsx").write_text("bukan xlsx")
    _gagal(store, tmp_path / "e.xlsx", 2025, hitung_baris, ["berkas XLSX tidak dapat dibaca"])


def test_sel_salah_semua_atau_tidak_sama_sekali(store, tmp_path, hitung_baris):
    rows = rekap_asli()
    rows[3][4] = "Rp. 1.5"  # ambiguous
    rows[4][7] = "seratus ribu"  # not a number
    rows[5][2] = "BUMDES ENTAH"
    rows[6][14] = "Rp. 5.000.000.000"  # absurd
    teks = _gagal(store, tulis_csv(tmp_path / "r.csv", rows), 2025, hitung_baris, [
        "baris 5 kolom E (KEUNTUNGAN BULAN FEBRUARI): 'Rp. 1.5' dapat dibaca lebih dari satu cara",
        "baris 6 kolom H (KEUNTUNGAN BULAN MEI): 'seratus ribu' bukan angka",
    ])
    assert "BUMDES ENTAH" not in teks  # cell problems are reported first (the file was unreadable)
    rows = rekap_asli()
    rows[5][2] = "BUMDES ENTAH"
    rows[6][14] = "Rp. 5.000.000.000"
    rows[2][12] = "-Rp. 1.000"
    teks = _gagal(store, tulis_csv(tmp_path / "s.csv", rows), 2025, hitung_baris, [
        "baris 7 kolom D (KEUNTUNGAN BULAN JANUARI): BUMDes 'BUMDES ENTAH' tidak dikenal",
        "baris 8 kolom O (KEUNTUNGAN BULAN DESEMBER): jumlah Rp 5.000.000.000 tidak wajar",
        "baris 4 kolom M (KEUNTUNGAN BULAN OKTOBER): jumlah tidak boleh negatif",
    ])
    assert teks.count("BUMDES ENTAH") == 1  # one unknown BUMDes is one problem, not one per month
    rows = rekap_asli()
    rows.append(["7", "BEALUNUK", "SUMBER RAHMAT"] + ["Rp."] * 13)
    rows[-1][3] = "Rp. 1"
    _gagal(store, tulis_csv(tmp_path / "t.csv", rows), 2025, hitung_baris,
           ["baris 9: BUMDes 'SUMBER RAHMAT' sudah ada di baris 3"])
    rows = rekap_asli()
    rows[1][1] = "LOKSADO"  # Sumber Rahmat is in Halunuk, not Loksado
    _gagal(store, tulis_csv(tmp_path / "u.csv", rows), 2025, hitung_baris,
           ["baris 3 kolom DESA: BUMDes SUMBER RAHMAT tercatat di desa Halunuk, bukan Loksado"])


def test_rekap_bulan_masa_depan_ditolak(store, tmp_path, hitung_baris, jam):
    import datetime as dt

    jam.t = dt.datetime(2025, 6, 10, tzinfo=dt.timezone.utc)
    _gagal(store, tulis_csv(tmp_path / "r.csv", rekap_asli()), 2025, hitung_baris,
           ["baris 3 kolom J (KEUNTUNGAN BULAN JULI): bulan 2025-07 di masa depan"])


def test_operator_desa_tidak_boleh_impor_rekap_desa_lain(store, tmp_path, hitung_baris):
    admin = store.tambah_pengguna(None, "admin", "admin", kecamatan="loksado")
    op = store.tambah_pengguna(admin, "op", "operator_desa", kecamatan="loksado", desa="halunuk")
    awal = hitung_baris(store)
    with pytest.raises(AksesDitolak, match="baris 4: 'op' adalah operator desa Halunuk"):
        store.impor_rekap_laba(op, tulis_csv(tmp_path / "r.csv", rekap_asli()), 2025)
    assert hitung_baris(store) == awal
    sendiri = [r for r in rekap_asli() if r[0] in ("NO", "1")]
    assert len(store.impor_rekap_laba(op, tulis_csv(tmp_path / "s.csv", sendiri), 2025)) == 12


@pytest.mark.parametrize("akhiran", [".csv", ".xlsx"])
def test_ekspor_pulang_pergi(store, tmp_path, akhiran):
    path = store.ekspor_rekap_laba(2024, tmp_path / f"keluar{akhiran}")
    if akhiran == ".csv":
        with open(path, encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        assert rows[0] == JUDUL_REKAP
        assert rows[1][:3] == ["1", "HALUNUK", "SUMBER RAHMAT"] and rows[1][13] == "Rp. 734.400"
        assert rows[2][3] == "Rp."
    else:
        ws = openpyxl.load_workbook(path).active
        assert ws.cell(2, 1).value == "NO" and ws.cell(3, 14).value == 734400
    # importing the export of the same year changes nothing; into another year, the same values
    assert {k.status for k in store.impor_rekap_laba(ADMIN, path, 2024)} == {"sama"}
    if akhiran == ".xlsx":  # its title says TAHUN 2024: refused for 2025 until the title goes
        with pytest.raises(DataError, match="judul berkas menyebut tahun 2024, tetapi impor ini untuk tahun 2025"):
            store.impor_rekap_laba(ADMIN, path, 2025)
        wb = openpyxl.load_workbook(path)
        wb.active.delete_rows(1)
        wb.save(path)
    assert len(store.impor_rekap_laba(ADMIN, path, 2025)) == 56
    ds = store.dataset("loksado")
    assert laba_tahun(ds, 2025) == laba_tahun(ds, 2024)
    # sen survive the round trip
    store.lapor_laba(ADMIN, "serati", 2025, 3, D("1234.50"), saluran="cli")
    path = store.ekspor_rekap_laba(2025, tmp_path / f"sen{akhiran}")
    hasil = store.impor_rekap_laba(ADMIN, path, 2025)
    assert {k.status for k in hasil} == {"sama"} and len(hasil) == 57


def _jawaban(n=20):
    rows = []
    for i in range(n):
        rows.append([str(i + 1)] + [str(1 + (i * 7 + u * 3) % 4) if (i + u) % 11 else "" for u in range(9)])
    return rows


@pytest.mark.parametrize("akhiran", [".csv", ".xlsx"])
def test_impor_dan_ekspor_jawaban_ikm(store, tmp_path, akhiran):
    rows = [["NO"] + [f"U{u}" for u in range(1, 10)]] + _jawaban()
    path = tmp_path / f"jawaban{akhiran}"
    if akhiran == ".csv":
        tulis_csv(path, rows, judul=False)
    else:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append([int(c) if c.isdigit() else (c or None) for c in r])
        wb.save(path)
    k = store.impor_jawaban_ikm(ADMIN, path, 2024, 2)
    assert (k.status, k.nilai) == ("koreksi", "jawaban per responden (20 responden, 9 unsur)")
    ds = store.dataset("loksado")
    s = ds.ikm[-1]
    assert s.tingkat == "jawaban" and s.responden == 20
    assert s.jawaban[0] == tuple(int(r[1]) for r in rows[1:] if r[1])
    rules = load_rules(ROOT / "rules")
    ikm = next(i for i in evaluasi_capaian(rules, ds, 2024).indikator if i.rule.id == "ikm")
    assert ikm.nilai_realisasi is not None and D(25) <= ikm.nilai_realisasi <= D(100)
    out = store.ekspor_jawaban_ikm(2024, 2, tmp_path / f"keluar{akhiran}")
    assert store.impor_jawaban_ikm(ADMIN, out, 2024, 2).status == "sama"


def test_jawaban_ikm_salah(store, tmp_path, hitung_baris):
    awal = hitung_baris(store)
    rows = [["NO"] + [f"U{u}" for u in range(1, 10)]] + _jawaban()
    rows[6][3] = "5"
    rows[8][1] = "2,5"
    path = tulis_csv(tmp_path / "j.csv", rows, judul=False)
    with pytest.raises(DataError) as info:
        store.impor_jawaban_ikm(ADMIN, path, 2024, 2)
    assert "nilai jawaban IKM harus 1–4; baris 7 kolom U3 berisi 5" in info.value.render()
    assert "baris 9 kolom U1 berisi 2,5" in info.value.render()
    rows = [["NO", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "NILAI"]] + _jawaban()
    with pytest.raises(DataError) as info:
        store.impor_jawaban_ikm(ADMIN, tulis_csv(tmp_path / "k.csv", rows, judul=False), 2024, 2)
    assert "baris 1 kolom J: judul kolom 'NILAI' tidak dikenal" in info.value.render()
    assert "kolom U9 tidak ada" in info.value.render()
    kosong = [["NO"] + [f"U{u}" for u in range(1, 10)]] + [[str(i)] + [""] * 4 + ["3"] * 5 for i in range(3)]
    with pytest.raises(DataError, match="unsur U1 tidak punya satu pun jawaban"):
        store.impor_jawaban_ikm(ADMIN, tulis_csv(tmp_path / "l.csv", kosong, judul=False), 2024, 2)
    assert hitung_baris(store) == awal
    with pytest.raises(SakipError, match="tanpa jawaban per responden"):
        store.ekspor_jawaban_ikm(2024, 2, tmp_path / "x.csv")
