"""History: new, same, correction, idempotency keys, evaluation as of a date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from sakip_rules.engine.capaian import evaluasi_capaian
from sakip_rules.engine.explain import jelaskan_indikator
from sakip_rules.engine.capaian import evaluasi_indikator
from sakip_rules.rules.loader import load_rules
from sakip_rules.store.users import admin_lokal

from bantu_store import ROOT

RULES = load_rules(ROOT / "rules")


@pytest.fixture
def admin():
    return admin_lokal("sekcam", "loksado")


def _laba(ds, bumdes, tahun, bulan):
    rows = [r for r in ds.laba_bumdes if (r.bumdes, r.tahun, r.bulan) == (bumdes, tahun, bulan)]
    assert len(rows) <= 1
    return rows[0] if rows else None


def test_baru_sama_koreksi(store, admin, hitung_baris):
    awal = hitung_baris(store, "kiriman")
    k1 = store.lapor_laba(admin, "serati", 2024, 3, D("150000"), saluran="cli")
    assert (k1.status, k1.menggantikan, k1.nilai) == ("baru", None, "Rp 150.000")
    assert k1.kunci_nilai == "laba serati 2024-03"
    k2 = store.lapor_laba(admin, "serati", 2024, 3, D("150000.00"), saluran="bot")
    assert (k2.status, k2.id) == ("sama", k1.id)
    assert hitung_baris(store, "kiriman") == awal + 1
    k3 = store.lapor_laba(admin, "Serati", 2024, 3, D("175000"), saluran="bot")
    assert (k3.status, k3.menggantikan, k3.nilai_lama, k3.nilai) == ("koreksi", k1.id, "Rp 150.000", "Rp 175.000")
    assert hitung_baris(store, "kiriman") == awal + 2
    # back to the first value is a correction too (the history keeps all three)
    k4 = store.lapor_laba(admin, "serati", 2024, 3, D("150000"), saluran="cli")
    assert k4.status == "koreksi" and k4.menggantikan == k3.id
    riwayat = store.riwayat(admin, kunci_nilai="laba serati 2024-03")
    assert [k.id for k in riwayat] == [k4.id, k3.id, k1.id]
    assert [k.status for k in riwayat] == ["koreksi", "koreksi", "baru"]
    assert _laba(store.dataset("loksado"), "serati", 2024, 3).jumlah == D("150000")


def test_kunci_idempoten_mengembalikan_hasil_pertama(store, admin, hitung_baris):
    awal = hitung_baris(store)
    k1 = store.lapor_laba(admin, "serati", 2024, 4, D("90000"), saluran="bot", kunci="tg:1:100")
    # redelivered update, even with a different value: the first result, nothing changes
    k2 = store.lapor_laba(admin, "serati", 2024, 4, D("90000"), saluran="bot", kunci="tg:1:100")
    k3 = store.lapor_laba(admin, "serati", 2024, 4, D("99999"), saluran="bot", kunci="tg:1:100")
    assert k1.status == "baru" and k2.id == k1.id == k3.id and k2.status == k3.status == "baru"
    assert hitung_baris(store)["kiriman"] == awal["kiriman"] + 1
    # a new message with the same value: "sama", and its redelivery says "sama" again
    k4 = store.lapor_laba(admin, "serati", 2024, 4, D("90000"), saluran="bot", kunci="tg:1:101")
    k5 = store.lapor_laba(admin, "serati", 2024, 4, D("90000"), saluran="bot", kunci="tg:1:101")
    assert (k4.status, k4.id) == (k5.status, k5.id) == ("sama", k1.id)
    # a correction, redelivered after yet another correction, still returns its own first result
    k6 = store.lapor_laba(admin, "serati", 2024, 4, D("95000"), saluran="bot", kunci="tg:1:102")
    store.lapor_laba(admin, "serati", 2024, 4, D("96000"), saluran="bot", kunci="tg:1:103")
    k6b = store.lapor_laba(admin, "serati", 2024, 4, D("95000"), saluran="bot", kunci="tg:1:102")
    assert (k6b.id, k6b.status, k6b.menggantikan) == (k6.id, "koreksi", k1.id)
    assert _laba(store.dataset("loksado"), "serati", 2024, 4).jumlah == D("96000")


def test_evaluasi_per_tanggal_sebelum_dan_sesudah_koreksi(store, admin, jam):
    sebelum = jam()
    jam.maju(days=2)
    k = store.lapor_ikm(admin, 2024, 2, tingkat="nilai", nilai=D("91.00"), saluran="cli")
    jam.maju(days=1)
    store.lapor_status_desa(admin, "halunuk", 2024, "Berkembang", saluran="cli")

    lama = evaluasi_capaian(RULES, store.dataset("loksado", per=sebelum), 2024)
    tengah = evaluasi_capaian(RULES, store.dataset("loksado", per=sebelum + dt.timedelta(days=2, hours=1)), 2024)
    kini = evaluasi_capaian(RULES, store.dataset("loksado"), 2024)

    def realisasi(h, ind):
        return next(i.nilai_realisasi for i in h.indikator if i.rule.id == ind)

    assert realisasi(lama, "ikm") == D("90.43") and realisasi(lama, "rasio_desa_maju") == D("0.27")
    assert realisasi(tengah, "ikm") == D("91.00") and realisasi(tengah, "rasio_desa_maju") == D("0.27")
    assert realisasi(kini, "ikm") == D("91.00") and realisasi(kini, "rasio_desa_maju") == D("0.18")
    # a date (not a time) means the end of that day, local time
    hari = (sebelum + dt.timedelta(days=2)).astimezone(store.zona).date()
    assert realisasi(evaluasi_capaian(RULES, store.dataset("loksado", per=hari), 2024), "ikm") == D("91.00")

    # the explanation names the submission used: who, when, channel, id
    teks = jelaskan_indikator(evaluasi_indikator(RULES, store.dataset("loksado"), "ikm", 2024), RULES.fingerprint)
    assert f"kiriman #{k.id}" in teks and "oleh sekcam" in teks and "melalui cli" in teks
    assert "nilai IKM akhir" in teks or "nilai" in teks
    teks_lama = jelaskan_indikator(evaluasi_indikator(RULES, store.dataset("loksado", per=sebelum), "ikm", 2024),
                                   RULES.fingerprint)
    assert "ikm.yaml" in teks_lama and f"kiriman #{k.id}" not in teks_lama


def test_per_sebelum_data_pertama(store):
    from sakip_rules.errors import UsageError

    with pytest.raises(UsageError, match="belum tercatat pada"):
        store.dataset("loksado", per=dt.date(2020, 1, 1))


def test_pk_perubahan_menggantikan_versi_awal_keduanya_disimpan(store, jam):
    """Plan data are versioned: a PK Perubahan supersedes the original; both stay."""
    from dataclasses import replace

    from sakip_rules.data.folder import load_folder
    from sakip_rules.store import rencana
    from sakip_rules.store.koneksi import tulis

    ds = load_folder(ROOT / "data" / "loksado")
    pk = ds.pk_berlaku(2024)
    awal = replace(pk, versi="awal", tanggal=dt.date(2024, 2, 1),
                   target={**pk.target, "ikm": D("90")})
    sebelum = jam()
    jam.maju(hours=1)
    ds2 = replace(ds, pk=[awal, pk])
    n = tulis(store.engine, lambda c: rencana.simpan_rencana(c, ds2, sumber="uji", saluran="cli",
                                                               oleh="penguji", waktu=jam()))[1]
    assert n == 1  # only the new version; unchanged documents store nothing
    baru = store.dataset("loksado")
    assert [p.versi for p in baru.pk] == ["awal", "perubahan"]
    assert baru.target("ikm", 2024)[0] == D("90.5")  # the Perubahan (latest date) applies
    assert [p.versi for p in store.dataset("loksado", per=sebelum).pk] == ["perubahan"]
    # the Perubahan itself revised: a new version of its key, the old one kept
    jam.maju(hours=1)
    ubah = replace(pk, target={**pk.target, "ikm": D("91")})
    tulis(store.engine, lambda c: rencana.simpan_rencana(c, replace(ds, pk=[awal, ubah]), sumber="uji",
                                                         saluran="cli", oleh="penguji", waktu=jam()))
    assert store.dataset("loksado").target("ikm", 2024)[0] == D("91")
    assert store.dataset("loksado", per=jam() - dt.timedelta(minutes=30)).target("ikm", 2024)[0] == D("90.5")


def test_riwayat_terbaru_dahulu_dan_batas(store, admin):
    for bulan, jumlah in [(5, 1), (6, 2), (7, 3)]:
        store.lapor_laba(admin, "serati", 2024, bulan, D(jumlah), saluran="cli")
    r = store.riwayat(admin, jenis="laba", batas=2)
    assert [k.kunci_nilai for k in r] == ["laba serati 2024-07", "laba serati 2024-06"]
    assert store.riwayat(admin, kunci_nilai="laba serati 2099-01") == []


def test_rekap_laba_dan_belum_lapor(store, admin):
    store.tambah_pengguna(admin, "op-halunuk", "operator_desa", kecamatan="loksado", desa="halunuk")
    rekap = store.rekap_laba("loksado", 2024)
    nama = {b.kode: bulan for b, bulan in rekap["bumdes"]}
    assert nama["sumber_rahmat"][11] == D("734400")
    assert set(nama["serati"]) == {1, 2}
    assert [b.kode for b in rekap["belum_lapor"][3]] == ["sarantas_berenar", "serati"]
    belum = store.operator_desa_belum_lapor("loksado", 2024, 3)
    assert belum == []  # halunuk's BUMDes reported March
    belum = store.operator_desa_belum_lapor("loksado", 2025, 1)
    assert [(p.nama, [b.kode for b in bs]) for p, bs in belum] == [("op-halunuk", ["sumber_rahmat"])]


def test_nama_bumdes_longgar_untuk_petugas(store, admin):
    k = store.lapor_laba(admin, "rahmat", 2024, 11, D("734400"), saluran="bot")  # a unique part of the name
    assert (k.status, k.kunci_nilai) == ("sama", "laba sumber_rahmat 2024-11")
    from sakip_rules.store import NilaiDitolak

    with pytest.raises(NilaiDitolak, match="BUMDes 'a' tidak dikenal"):  # several match: ask, never guess
        store.lapor_laba(admin, "a", 2024, 11, D("1"), saluran="bot")
    from sakip_rules.errors import UsageError

    with pytest.raises(UsageError, match="kunci idempoten"):
        store.lapor_laba(admin, "serati", 2024, 1, D("1"), saluran="bot", kunci="x" * 201)


@pytest.mark.parametrize("ditulis,kunci", [
    ("laba Sumber Rahmat November 2024", "laba sumber_rahmat 2024-11"),
    ("laba sumber_rahmat 2024-11", "laba sumber_rahmat 2024-11"),
    ("LABA  sumber rahmat  Nov 2024", "laba sumber_rahmat 2024-11"),
    ("IKM semester II 2024", "ikm 2024 semester 2"),
    ("ikm 2024 semester 2", "ikm 2024 semester 2"),
    ("status desa Halunuk 2024", "status_desa halunuk 2024"),
    ("status_desa halunuk 2024", "status_desa halunuk 2024"),
    ("realisasi anggaran forkopimcam 2024", "anggaran forkopimcam 2024"),
    ("anggaran Pelaksanaan Tugas Forum Koordinasi Pimpinan di Kecamatan Maret 2024", "anggaran forkopimcam 2024-03"),
])
def test_nilai_dapat_disebut_seperti_pesan_menyebutnya(loksado, ditulis, kunci):
    """What every confirmation shows ('laba Sumber Rahmat November 2024') names the value in
    riwayat and tarik too, as does the raw key."""
    from sakip_rules.store.rencana import Rencana
    from sakip_rules.store.validasi import kunci_dari_teks, label_kunci

    rencana = Rencana(0, loksado.kecamatan, loksado.renstra, loksado.pk, loksado.dpa)
    assert kunci_dari_teks(rencana, ditulis) == kunci
    assert kunci_dari_teks(rencana, label_kunci(rencana, kunci)) == kunci  # the inverse of the label


def test_riwayat_dengan_nama_nilai(store, admin):
    assert [k.kunci_nilai for k in store.riwayat(admin, kunci_nilai="laba Sumber Rahmat November 2024")] == [
        "laba sumber_rahmat 2024-11"]
    for teks in ("laba Entah November 2024", "ikm 2024 semester 3", "status desa Halunuk", "laba"):
        assert store.riwayat(admin, kunci_nilai=teks) == []


def test_tarik_dengan_nama_nilai(store, admin):
    k = store.tarik(admin, kunci_nilai="laba Serati Februari 2024", alasan="salah bulan", saluran="cli")
    assert k.status == "ditarik" and k.kunci_nilai == "laba serati 2024-02"


@pytest.mark.parametrize("ditulis, kunci", [
    ("anggaran forkopimcam tahun 2024", "anggaran forkopimcam 2024"),
    ("laba  Serati Maret 2024", "laba serati 2024-03"),
    ("laba serati 2024-03", "laba serati 2024-03"),  # a key stays itself
    ("laba Entah Maret 2024", "laba Entah Maret 2024"),  # nothing it names: as written
])
def test_store_membaca_nama_nilai_satu_cara(store, ditulis, kunci):
    """Store.kunci_nilai: the one reading of a value's name that riwayat and tarik use, for a
    client that shows the value (the CLI's riwayat heading)."""
    assert store.kunci_nilai("loksado", ditulis) == kunci
