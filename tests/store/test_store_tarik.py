"""Withdrawing a value reported by mistake: evaluations stop seeing it, the history keeps every
version, only who may report a value may withdraw it, and a refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from sakip_rules.errors import UsageError
from sakip_rules.store import AksesDitolak, migrations
from sakip_rules.store import schema as s
from sakip_rules.store.validasi import NilaiDitolak


@pytest.fixture
def admin(store):
    return store.tambah_pengguna(None, "Admin Kecamatan", "admin", kecamatan="loksado")


@pytest.fixture
def op_halunuk(store, admin):
    return store.tambah_pengguna(admin, "Operator Halunuk", "operator_desa", kecamatan="loksado", desa="halunuk")


def _laba(store, bumdes, tahun, bulan, **kw):
    return [r.jumlah for r in store.dataset("loksado", **kw).laba_bumdes
            if (r.bumdes, r.tahun, r.bulan) == (bumdes, tahun, bulan)]


def test_tarik_lalu_lapor_lagi(store, admin, jam, hitung_baris):
    k1 = store.lapor_laba(admin, "serati", 2024, 3, D("150000"), saluran="cli")
    sebelum = jam()
    jam.maju(seconds=60)
    k2 = store.tarik(admin, kunci_nilai="laba serati 2024-03", alasan="salah bulan", saluran="cli")
    assert (k2.status, k2.menggantikan, k2.nilai_lama, k2.nilai) == ("ditarik", k1.id, "Rp 150.000", "(ditarik)")
    assert _laba(store, "serati", 2024, 3) == []  # no longer counted
    assert _laba(store, "serati", 2024, 3, per=sebelum) == [D("150000")]  # as it stood before
    rekap = store.rekap_laba("loksado", 2024)
    assert 3 not in dict((b.kode, p) for b, p in rekap["bumdes"])["serati"]
    # withdrawing again changes nothing
    n = hitung_baris(store, "kiriman")
    k3 = store.tarik(admin, kunci_nilai="laba serati 2024-03", alasan="lagi", saluran="cli")
    assert (k3.status, k3.id) == ("sama", k2.id) and hitung_baris(store, "kiriman") == n
    # a new report corrects the withdrawal; the same value as before is a real change now
    k4 = store.lapor_laba(admin, "serati", 2024, 3, D("150000"), saluran="bot")
    assert (k4.status, k4.menggantikan, k4.nilai_lama) == ("koreksi", k2.id, "(ditarik)")
    assert _laba(store, "serati", 2024, 3) == [D("150000")]
    riwayat = store.riwayat(admin, kunci_nilai="laba serati 2024-03")
    assert [(k.id, k.status) for k in riwayat] == [(k4.id, "koreksi"), (k2.id, "ditarik"), (k1.id, "baru")]


def test_tarik_nilai_dari_folder_dan_jenis_lain(store, admin):
    # a value seeded from the data folder, and a kecamatan-level value
    assert _laba(store, "sumber_rahmat", 2024, 11) == [D("734400")]
    store.tarik(admin, kunci_nilai="laba sumber_rahmat 2024-11", alasan="salah BUMDes", saluran="cli")
    assert _laba(store, "sumber_rahmat", 2024, 11) == []
    k = store.tarik(admin, kunci_nilai="ikm 2024 semester 2", alasan="survei diulang", saluran="cli")
    assert k.status == "ditarik"
    assert not [x for x in store.dataset("loksado").ikm if (x.tahun, x.semester) == (2024, 2)]


def test_tarik_dengan_nomor_kiriman(store, admin, hitung_baris):
    k1 = store.lapor_laba(admin, "serati", 2024, 5, D("1000"), saluran="bot")
    k2 = store.lapor_laba(admin, "serati", 2024, 5, D("2000"), saluran="bot")
    n = hitung_baris(store, "kiriman")
    with pytest.raises(NilaiDitolak, match=f"#{k1.id} sudah digantikan oleh kiriman #{k2.id}"):
        store.tarik(admin, kiriman_id=k1.id, alasan="x", saluran="bot")
    assert hitung_baris(store, "kiriman") == n
    k3 = store.tarik(admin, kiriman_id=k2.id, alasan="x", saluran="bot")
    assert k3.status == "ditarik"
    # a second tap on the same button: nothing more happens
    assert store.tarik(admin, kiriman_id=k2.id, alasan="x", saluran="bot").status == "sama"
    with pytest.raises(NilaiDitolak, match="tidak ada di kecamatan ini"):
        store.tarik(admin, kiriman_id=10**9, alasan="x", saluran="bot")
    for salah in (0, -5, 2**31, 10**30, True, "12"):
        with pytest.raises(UsageError, match="tidak sah"):
            store.tarik(admin, kiriman_id=salah, alasan="x", saluran="bot")


def test_hanya_yang_boleh_melapor_yang_boleh_menarik(store, admin, op_halunuk, hitung_baris):
    auditor = store.tambah_pengguna(admin, "Auditor", "auditor", kecamatan="loksado")
    n = hitung_baris(store, "kiriman")
    with pytest.raises(AksesDitolak, match="tidak boleh mengirim data"):
        store.tarik(auditor, kunci_nilai="laba serati 2024-01", alasan="x", saluran="cli")
    with pytest.raises(AksesDitolak, match="hanya boleh mengirim data desanya sendiri"):
        store.tarik(op_halunuk, kunci_nilai="laba serati 2024-01", alasan="x", saluran="bot")
    with pytest.raises(AksesDitolak, match="dikirim oleh admin atau operator kecamatan"):
        store.tarik(op_halunuk, kunci_nilai="ikm 2024 semester 2", alasan="x", saluran="bot")
    assert hitung_baris(store, "kiriman") == n
    k = store.tarik(op_halunuk, kunci_nilai="laba sumber_rahmat 2024-01", alasan="salah", saluran="bot")
    assert k.status == "ditarik" and k.dicatat_oleh == "Operator Halunuk"
    pilihan = store.dapat_ditarik(op_halunuk)
    assert pilihan and all(p.kunci_nilai.startswith("laba sumber_rahmat ") for p in pilihan)
    assert "laba sumber_rahmat 2024-01" not in {p.kunci_nilai for p in pilihan}
    with pytest.raises(AksesDitolak):
        store.dapat_ditarik(auditor)


@pytest.mark.parametrize("kw,pesan", [
    ({"kunci_nilai": "laba serati 2024-03", "alasan": "  "}, "alasan"),
    ({"kunci_nilai": "laba serati 2024-03", "alasan": "x" * 501}, "terlalu panjang"),
    ({"alasan": "x"}, "tepat satu"),
    ({"kunci_nilai": "laba serati 2024-03", "kiriman_id": 1, "alasan": "x"}, "tepat satu"),
    ({"kunci_nilai": "laba serati 2019-03", "alasan": "x"}, "belum ada nilai"),
    ({"kunci_nilai": "laba serati 2024-03", "alasan": "x", "saluran": "pos"}, "saluran"),
])
def test_masukan_salah_tidak_mengubah_apa_pun(store, admin, hitung_baris, kw, pesan):
    n = hitung_baris(store)
    kw = {"saluran": "cli", **kw}
    with pytest.raises((UsageError, NilaiDitolak), match=pesan):
        store.tarik(admin, **kw)
    assert hitung_baris(store) == n


def test_migrasi_0001_ke_0002(db_kosong):
    engine = create_engine(db_kosong)
    try:
        assert migrations.upgrade(engine, revisi="0001") is True
        assert migrations.upgrade(engine) is True  # 0001 -> 0002 on an existing schema
        with engine.connect() as conn:
            assert migrations.revisi_sekarang(conn) == migrations.REVISI_TERKINI == "0002"
            beda = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), s.metadata)
        assert beda == []
    finally:
        engine.dispose()


def test_dua_penarikan_bersamaan_hanya_satu_tercatat(store, admin, hitung_baris):
    import threading

    store.lapor_laba(admin, "serati", 2024, 6, D("5000"), saluran="cli")
    n = hitung_baris(store, "kiriman")
    hasil, galat = [], []
    mulai = threading.Barrier(4)

    def tarik():
        mulai.wait()
        try:
            hasil.append(store.tarik(admin, kunci_nilai="laba serati 2024-06", alasan="x", saluran="bot").status)
        except Exception as exc:  # noqa: BLE001 - the assertion below shows it
            galat.append(exc)

    utas = [threading.Thread(target=tarik) for _ in range(4)]
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    assert galat == [] and sorted(hasil) == ["ditarik", "sama", "sama", "sama"]
    assert hitung_baris(store, "kiriman") == n + 1


def test_kiriman_menyebut_penarikan_dan_alasannya(store, admin):
    """A client decides on ``ditarik`` (never on the display text) and shows ``keterangan``, the
    reason, for a withdrawn version; a report or a correction is not withdrawn."""
    k1 = store.lapor_laba(admin, "serati", 2024, 4, D("2500"), saluran="cli")
    assert (k1.ditarik, k1.keterangan) == (False, "")
    k2 = store.tarik(admin, kunci_nilai="laba serati 2024-04", alasan="BUMDes tidak  beroperasi", saluran="cli")
    assert (k2.ditarik, k2.keterangan) == (True, "BUMDes tidak beroperasi")
    k3 = store.tarik(admin, kunci_nilai="laba serati 2024-04", alasan="lagi", saluran="bot")  # "sama"
    assert (k3.status, k3.ditarik, k3.keterangan) == ("sama", True, "BUMDes tidak beroperasi")
    k4 = store.lapor_laba(admin, "serati", 2024, 4, D("2500"), saluran="cli")
    assert (k4.status, k4.ditarik) == ("koreksi", False)
    riwayat = store.riwayat(admin, kunci_nilai="laba serati 2024-04")
    assert [(k.id, k.ditarik, k.keterangan) for k in riwayat] == [
        (k4.id, False, ""), (k2.id, True, "BUMDes tidak beroperasi"), (k1.id, False, "")]
    # a value from the data folder says which file it came from
    dari_folder = store.riwayat(admin, kunci_nilai="laba sumber_rahmat 2024-11")[0]
    assert not dari_folder.ditarik and dari_folder.keterangan.endswith("laba_bumdes.yaml")


def test_penolakan_menarik_menyebut_nama_desa(store, op_halunuk):
    """As for a report: the desa by its name, not its code."""
    with pytest.raises(AksesDitolak, match="bukan desa Hulu Banyu\\.$"):
        store.tarik(op_halunuk, kunci_nilai="laba serati 2024-01", alasan="x", saluran="bot")


def test_kiriman_desa_lain_tidak_terlihat_lewat_nomornya(store, admin, op_halunuk):
    """A submission named by its number is shown to a desa operator only when it is of their own
    desa (the scope of riwayat), whoever asks for it."""
    serati = store.riwayat(admin, kunci_nilai="laba serati 2024-01", batas=1)[0]
    sendiri = store.riwayat(admin, kunci_nilai="laba sumber_rahmat 2024-01", batas=1)[0]
    assert store.kiriman_dan_kini(admin, serati.id)[0].id == serati.id
    assert store.kiriman_dan_kini(op_halunuk, serati.id) is None
    assert store.kiriman_dan_kini(op_halunuk, sendiri.id)[0].id == sendiri.id
    ikm = store.riwayat(admin, kunci_nilai="ikm 2024 semester 2", batas=1)[0]
    assert store.kiriman_dan_kini(op_halunuk, ikm.id) is None  # a kecamatan value
