"""Bad input: each case gets a precise Indonesian message and stores nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from sakip_rules.errors import UsageError
from sakip_rules.store import NilaiDitolak
from sakip_rules.store.users import admin_lokal

ADMIN = admin_lokal("sekcam", "loksado")
SEMBILAN = [D("3.6")] * 9


def laba(*a, **kw):
    return lambda s: s.lapor_laba(ADMIN, *a, saluran="cli", **kw)


def ikm(*a, **kw):
    return lambda s: s.lapor_ikm(ADMIN, *a, saluran="cli", **kw)


def status(*a, **kw):
    return lambda s: s.lapor_status_desa(ADMIN, *a, saluran="cli", **kw)


def anggaran(*a, **kw):
    return lambda s: s.lapor_anggaran(ADMIN, *a, saluran="cli", **kw)


KASUS = [
    ("negatif", laba("serati", 2024, 3, D("-1000")), r"jumlah tidak boleh negatif \(-Rp 1.000\)"),
    ("tidak wajar", laba("serati", 2024, 3, D("5000000000")),
     r"jumlah Rp 5\.000\.000\.000 tidak wajar untuk keuntungan bulanan satu BUMDes \(batas Rp 1\.000\.000\.000"),
    ("sen berlebih", laba("serati", 2024, 3, D("1000.123")), "lebih dari dua angka desimal"),
    ("float", laba("serati", 2024, 3, 1000.5), "harus angka Decimal, bukan float"),
    ("bumdes tak dikenal", laba("xyz", 2024, 3, D("1000")),
     r"BUMDes 'xyz' tidak dikenal di Kecamatan Loksado; yang ada: Sumber Rahmat \(sumber_rahmat\)"),
    ("bulan masa depan", laba("serati", 2025, 4, D("1000")), "bulan 2025-04 di masa depan"),
    ("bulan di luar rencana", laba("serati", 2019, 5, D("1000")), "bulan 2019-05 di luar tahun rencana 2024–2026"),
    ("bulan 13", laba("serati", 2024, 13, D("1000")), "bulan 13 tidak ada"),
    ("ikm jawaban 5", ikm(2024, 2, tingkat="jawaban", jawaban=[[4, 3]] * 8 + [[4, 5]]),
     "nilai jawaban IKM harus 1–4; unsur U9 jawaban ke-2 berisi 5"),
    ("ikm unsur kosong", ikm(2024, 2, tingkat="jawaban", jawaban=[[4, 3]] * 8 + [[]]),
     "unsur U9 tidak punya satu pun jawaban"),
    ("ikm 8 unsur", ikm(2024, 2, tingkat="nrr", nrr=SEMBILAN[:8]), "nrr harus berisi 9 unsur, bukan 8"),
    ("ikm nrr di luar 1–4", ikm(2024, 2, tingkat="nrr", nrr=SEMBILAN[:8] + [D("4.2")]),
     "NRR unsur U9 4,2 di luar rentang 1–4"),
    ("ikm jumlah nrr", ikm(2024, 2, tingkat="jumlah_nrr", jumlah_nrr=D("40")), "jumlah NRR 40 di luar rentang 9–36"),
    ("ikm nilai", ikm(2024, 2, tingkat="nilai", nilai=D("101")), "nilai IKM 101 di luar rentang 25–100"),
    ("ikm unsur mustahil", ikm(2024, 2, tingkat="unsur", jumlah_unsur=[D(50)] * 9, terisi_unsur=[10] * 9),
     r"jumlah nilai unsur U1 = 50 tidak mungkin untuk 10 jawaban bernilai 1–4 \(harus 10–40\)"),
    ("ikm semester 3", ikm(2024, 3, tingkat="nilai", nilai=D("90")), "semester harus 1 atau 2"),
    ("ikm tingkat", ikm(2024, 2, tingkat="rata2", nilai=D("90")), "tingkat data IKM 'rata2' tidak dikenal"),
    ("ikm data lebih", ikm(2024, 2, tingkat="nilai", nilai=D("90"), nrr=SEMBILAN), "'nrr' tidak dipakai"),
    ("ikm data kurang", ikm(2024, 2, tingkat="nrr"), "untuk tingkat 'nrr' isi nrr"),
    ("ikm semester masa depan", ikm(2025, 2, tingkat="nilai", nilai=D("90")), "semester II 2025 di masa depan"),
    ("status tak dikenal", status("halunuk", 2024, "Maju Sekali"), "status desa 'Maju Sekali' tidak dikenal"),
    ("desa tak dikenal", status("atlantis", 2024, "Maju"), "desa 'atlantis' tidak dikenal"),
    ("idm di luar 0–1", status("halunuk", 2024, None, D("1.5")),
     "skor IDM 1,5 di luar rentang skor IDM: harus dari 0 sampai 1"),
    ("status kosong", status("halunuk", 2024), "isi status desa"),
    ("tahun di luar rencana", status("halunuk", 2019, "Maju"), "tahun 2019 di luar tahun rencana"),
    ("tahun masa depan", status("halunuk", 2026, "Maju"), "tahun 2026 di masa depan"),
    ("sub kegiatan tak dikenal", anggaran("bangun_jalan", 2024, 5, D("1000")),
     "sub kegiatan 'bangun_jalan' tidak ada di DPA 2024; yang ada: penyusunan_dokumen_perencanaan"),
    ("tanpa DPA", anggaran("forkopimcam", 2025, 1, D("1000")), "tidak ada DPA tahun 2025; DPA yang tercatat: 2024"),
    ("melebihi pagu", anggaran("evaluasi_kinerja", 2024, None, D("1500001")),
     r"realisasi setahun Rp 1\.500\.001 melebihi pagu Rp 1\.500\.000 sub kegiatan evaluasi_kinerja"),
    ("saluran", lambda s: s.lapor_laba(ADMIN, "serati", 2024, 3, D(1), saluran="email"), "saluran 'email' tidak dikenal"),
]


@pytest.mark.parametrize("fungsi, pesan", [k[1:] for k in KASUS], ids=[k[0] for k in KASUS])
def test_masukan_salah_ditolak_tanpa_menyimpan(store, jam, hitung_baris, fungsi, pesan):
    jam.t = dt.datetime(2025, 3, 15, 4, 0, tzinfo=dt.timezone.utc)  # "now" for future checks
    awal = hitung_baris(store)
    with pytest.raises(UsageError, match=pesan) as info:
        fungsi(store)
    assert info.value.render() == info.value.message  # a plain one-line message
    assert hitung_baris(store) == awal


def test_jumlah_bulanan_melebihi_pagu(store, hitung_baris):
    store.lapor_anggaran(ADMIN, "pendampingan_desa", 2024, 1, D("3000000"), saluran="cli")
    awal = hitung_baris(store)
    with pytest.raises(NilaiDitolak, match=r"jumlah realisasi bulanan setahun \(termasuk kiriman ini\) "
                                           r"Rp 5\.500\.000 melebihi pagu Rp 5\.000\.000"):
        store.lapor_anggaran(ADMIN, "pendampingan_desa", 2024, 2, D("2500000"), saluran="cli")
    assert hitung_baris(store) == awal
    # correcting January downwards makes room: the month's own old value is replaced, not added
    assert store.lapor_anggaran(ADMIN, "pendampingan_desa", 2024, 1, D("2500000"), saluran="cli").status == "koreksi"
    assert store.lapor_anggaran(ADMIN, "pendampingan_desa", 2024, 2, D("2500000"), saluran="cli").status == "baru"


def test_bumdes_nonaktif(store):
    from dataclasses import replace

    from sakip_rules.data.folder import load_folder
    from sakip_rules.store import rencana
    from sakip_rules.store.koneksi import tulis

    from bantu_store import ROOT

    ds = load_folder(ROOT / "data" / "loksado")
    kec = replace(ds.kecamatan, bumdes=tuple(replace(b, aktif=b.kode != "serati") for b in ds.kecamatan.bumdes))
    tulis(store.engine, lambda c: rencana.simpan_rencana(c, replace(ds, kecamatan=kec), sumber="uji",
                                                         saluran="cli", oleh="uji", waktu=store.jam()))
    with pytest.raises(NilaiDitolak, match="BUMDes Serati tercatat tidak aktif"):
        store.lapor_laba(ADMIN, "serati", 2024, 3, D("1000"), saluran="cli")


def test_status_diturunkan_dari_skala_idm(store):
    k = store.lapor_status_desa(ADMIN, "ulang", 2024, idm=D("0.7073"), saluran="cli")
    assert k.nilai == "Maju (diturunkan dari IDM 0,7073)"
    k = store.lapor_status_desa(ADMIN, "ulang", 2024, idm=D("0.7072"), saluran="cli")
    assert (k.status, k.nilai) == ("koreksi", "Berkembang (diturunkan dari IDM 0,7072)")
    k = store.lapor_status_desa(ADMIN, "ulang", 2023, "berkembang", saluran="cli")  # baseline year allowed
    assert k.nilai == "Berkembang" and k.status == "sama"
    ds = store.dataset("loksado")
    s = [x for x in ds.status_desa if (x.desa, x.tahun) == ("ulang", 2024)]
    assert [(x.status, x.idm) for x in s] == [("Berkembang", D("0.7072"))]


def test_ikm_semua_tingkat_diterima(store):
    jawaban = [[4, 3, 4], [3, 3]] + [[4]] * 7
    k = store.lapor_ikm(ADMIN, 2024, 1, tingkat="jawaban", jawaban=jawaban, responden=3, saluran="cli")
    assert k.nilai == "jawaban per responden (3 responden, 9 unsur)"
    k = store.lapor_ikm(ADMIN, 2024, 1, tingkat="unsur", jumlah_unsur=[D(11), D(6)] + [D(4)] * 7,
                        terisi_unsur=[3, 2] + [1] * 7, saluran="cli")
    assert k.status == "koreksi"
    ds = store.dataset("loksado")
    s1 = [s for s in ds.ikm if s.semester == 1]
    assert len(s1) == 1 and s1[0].tingkat == "unsur" and s1[0].terisi_unsur == (3, 2, 1, 1, 1, 1, 1, 1, 1)


@pytest.mark.parametrize("rentang, kata", [
    ("(0.8155, 1]", "di atas 0,8155 sampai 1"),
    ("[0, 0.4907]", "dari 0 sampai 0,4907"),
    ("[1, 2)", "dari 1 sampai di bawah 2"),
    ("(90, inf)", "di atas 90"),
    ("[90, inf)", "paling sedikit 90"),
    ("(-inf, 50]", "paling banyak 50"),
    ("(-inf, 50)", "di bawah 50"),
])
def test_rentang_skala_dalam_kata_untuk_petugas(rentang, kata):
    from sakip_rules.rules.interval import Interval
    from sakip_rules.store.validasi import uraian_rentang

    assert uraian_rentang(Interval.parse(rentang)) == kata
