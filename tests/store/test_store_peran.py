"""Users, roles and invitations: who may submit what, and refusals store nothing."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from sakip_rules.errors import UsageError
from sakip_rules.store import AksesDitolak, Pengguna


@pytest.fixture
def admin(store):
    return store.tambah_pengguna(None, "Admin Kecamatan", "admin", kecamatan="loksado")


@pytest.fixture
def op_halunuk(store, admin):
    return store.tambah_pengguna(admin, "Operator Halunuk", "operator_desa", kecamatan="loksado",
                                 desa="Halunuk", telegram_id=5001)


def test_tambah_dan_cari_pengguna(store, admin, op_halunuk):
    assert admin.peran == "admin" and admin.desa is None and admin.aktif
    assert op_halunuk.desa == "halunuk" and op_halunuk.kecamatan == "loksado"
    assert store.pengguna_telegram(5001) == op_halunuk
    assert store.pengguna_nama("Operator Halunuk") == op_halunuk
    assert store.pengguna_telegram(42) is None and store.pengguna_nama("siapa") is None
    assert [p.nama for p in store.daftar_pengguna(admin)] == ["Admin Kecamatan", "Operator Halunuk"]
    with pytest.raises(UsageError, match="sudah dipakai"):
        store.tambah_pengguna(admin, "Operator Halunuk", "auditor", kecamatan="loksado")
    with pytest.raises(UsageError, match="sudah terdaftar"):
        store.tambah_pengguna(admin, "Lain", "auditor", kecamatan="loksado", telegram_id=5001)
    with pytest.raises(UsageError, match="memerlukan desa"):
        store.tambah_pengguna(admin, "Lain", "operator_desa", kecamatan="loksado")
    with pytest.raises(UsageError, match="peran 'raja' tidak dikenal"):
        store.tambah_pengguna(admin, "Lain", "raja", kecamatan="loksado")
    with pytest.raises(UsageError, match="desa 'atlantis' tidak dikenal"):
        store.tambah_pengguna(admin, "Lain", "operator_desa", kecamatan="loksado", desa="atlantis")


def test_operator_desa_hanya_untuk_desanya(store, op_halunuk, hitung_baris):
    k = store.lapor_laba(op_halunuk, "sumber_rahmat", 2024, 11, D("750000"), saluran="bot")
    assert k.status == "koreksi" and k.dicatat_oleh == "Operator Halunuk"
    k = store.lapor_status_desa(op_halunuk, "halunuk", 2024, "Maju", D("0.7200"), saluran="bot")
    assert k.status == "koreksi"
    awal = hitung_baris(store)
    with pytest.raises(AksesDitolak, match="operator desa Halunuk.*bukan desa Hulu Banyu"):
        store.lapor_laba(op_halunuk, "serati", 2024, 3, D("1000"), saluran="bot")
    with pytest.raises(AksesDitolak, match="bukan desa Loksado"):
        store.lapor_status_desa(op_halunuk, "loksado", 2024, "Maju", saluran="bot")
    with pytest.raises(AksesDitolak, match="admin atau operator kecamatan"):
        store.lapor_ikm(op_halunuk, 2024, 2, tingkat="nilai", nilai=D("90"), saluran="bot")
    with pytest.raises(AksesDitolak, match="admin atau operator kecamatan"):
        store.lapor_anggaran(op_halunuk, "forkopimcam", 2024, 5, D("1000"), saluran="bot")
    with pytest.raises(AksesDitolak, match="hanya boleh dilakukan admin"):
        store.buat_undangan(op_halunuk, "auditor")
    with pytest.raises(AksesDitolak):
        store.tambah_pengguna(op_halunuk, "X", "auditor", kecamatan="loksado")
    with pytest.raises(AksesDitolak):
        store.daftar_pengguna(op_halunuk)
    assert hitung_baris(store) == awal
    # its history shows only its own desa
    r = store.riwayat(op_halunuk, batas=500)
    assert r and {k.kunci_nilai.split()[1] for k in r} <= {"sumber_rahmat", "halunuk"}


@pytest.mark.parametrize("peran", ["auditor", "pimpinan"])
def test_pembaca_tidak_boleh_mengirim(store, admin, peran, hitung_baris):
    p = store.tambah_pengguna(admin, f"Pembaca {peran}", peran, kecamatan="loksado")
    awal = hitung_baris(store)
    with pytest.raises(AksesDitolak, match=f"berperan {peran} dan tidak boleh mengirim"):
        store.lapor_laba(p, "serati", 2024, 3, D("1000"), saluran="bot")
    with pytest.raises(AksesDitolak):
        store.lapor_ikm(p, 2024, 2, tingkat="nilai", nilai=D("1000"), saluran="bot")  # refused before the value
    assert hitung_baris(store) == awal
    assert store.riwayat(p, batas=3)  # reading is allowed
    assert store.kecamatan_dari(p) == "loksado"


def test_pengguna_tidak_dikenal_dan_dicabut(store, admin, op_halunuk, hitung_baris):
    palsu = Pengguna(id=9999, nama="Penyusup", peran="admin", kecamatan="loksado", desa=None,
                     telegram_id=1, aktif=True)
    awal = hitung_baris(store)
    with pytest.raises(AksesDitolak, match="tidak terdaftar"):
        store.lapor_laba(palsu, "serati", 2024, 3, D("1000"), saluran="bot")
    with pytest.raises(AksesDitolak, match="tidak dikenal"):
        store.lapor_laba(None, "serati", 2024, 3, D("1000"), saluran="bot")
    dicabut = store.cabut_pengguna(admin, op_halunuk.id)
    assert dicabut.aktif is False
    # the cached (still "aktif") object is refused too: the store checks the database
    with pytest.raises(AksesDitolak, match="sudah dicabut"):
        store.lapor_laba(op_halunuk, "sumber_rahmat", 2024, 3, D("1000"), saluran="bot")
    assert hitung_baris(store)["kiriman"] == awal["kiriman"]
    with pytest.raises(UsageError, match="tidak dapat mencabut aksesnya sendiri"):
        store.cabut_pengguna(admin, admin.id)


def test_undangan_sekali_pakai(store, admin, jam):
    token = store.buat_undangan(admin, "operator_desa", desa="hulu_banyu")
    assert len(token) <= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    p = store.pakai_undangan(token, 7001, "Budi")
    assert (p.peran, p.desa, p.telegram_id, p.nama) == ("operator_desa", "hulu_banyu", 7001, "Budi")
    assert store.lapor_laba(p, "serati", 2024, 3, D("1000"), saluran="bot").status == "baru"
    with pytest.raises(UsageError, match="sudah dipakai"):
        store.pakai_undangan(token, 7002, "Ani")
    with pytest.raises(UsageError, match="tidak dikenal"):
        store.pakai_undangan("bukan-token", 7002, "Ani")
    # a name already taken gets a suffix; a Telegram account cannot register twice
    t2 = store.buat_undangan(admin, "auditor", berlaku_jam=1)
    with pytest.raises(UsageError, match="sudah terdaftar"):
        store.pakai_undangan(t2, 7001, "Budi lagi")
    assert store.pakai_undangan(t2, 7003, "Budi").nama == "Budi (2)"
    t3 = store.buat_undangan(admin, "auditor", berlaku_jam=1)
    jam.maju(hours=2)
    with pytest.raises(UsageError, match="kedaluwarsa"):
        store.pakai_undangan(t3, 7004, "Citra")
    with pytest.raises(UsageError, match="desa hanya untuk peran operator_desa"):
        store.buat_undangan(admin, "auditor", desa="halunuk")


def test_pengguna_yang_dicabut_dapat_diundang_lagi(store, admin, op_halunuk, hitung_baris):
    store.cabut_pengguna(admin, op_halunuk.id)
    assert not store.pengguna_telegram(5001).aktif
    token = store.buat_undangan(admin, "operator_desa", desa="hulu_banyu")
    p = store.pakai_undangan(token, 5001, "Nama Baru")
    assert (p.id, p.aktif, p.peran, p.desa, p.nama) == (op_halunuk.id, True, "operator_desa", "hulu_banyu",
                                                         "Operator Halunuk")
    # an active account is still refused a second registration
    with pytest.raises(UsageError, match="sudah terdaftar"):
        store.pakai_undangan(store.buat_undangan(admin, "auditor"), 5001, "x")


def test_hak_kirim_satu_tabel_yang_dibaca_penyimpanan(store, admin, op_halunuk, hitung_baris, monkeypatch):
    """Who may submit which kind is one table (users.HAK_KIRIM); the store's own check reads it."""
    from sakip_rules.store import JENIS, users

    assert set(users.HAK_KIRIM) == set(JENIS)
    assert users.PERAN_PENGIRIM == ("admin", "operator_kecamatan", "operator_desa")
    assert users.peran_pengirim("status_desa") == ("admin", "operator_kecamatan", "operator_desa")
    with pytest.raises(UsageError, match="jenis data 'gaji' tidak dikenal"):
        users.peran_pengirim("gaji")
    awal = hitung_baris(store)
    # the table changed: the store refuses what it allowed a moment ago
    monkeypatch.setitem(users.HAK_KIRIM, "status_desa", ("admin", "operator_kecamatan"))
    with pytest.raises(AksesDitolak, match="data status desa dikirim oleh admin atau operator kecamatan"):
        store.lapor_status_desa(op_halunuk, "halunuk", 2024, "Maju", saluran="bot")
    # a desa-bound role never sends data that belongs to no desa, whatever the table says
    monkeypatch.setitem(users.HAK_KIRIM, "ikm", ("admin", "operator_kecamatan", "operator_desa"))
    with pytest.raises(AksesDitolak, match="data survei IKM dikirim oleh admin atau operator kecamatan"):
        store.lapor_ikm(op_halunuk, 2024, 2, tingkat="nilai", nilai=D("90"), saluran="bot")
    assert hitung_baris(store) == awal


def test_pesan_peran_dibaca_dari_tabel_hak_kirim(store, admin, monkeypatch):
    """The roles a refusal lists come from the permission table, the kinds by their readable
    names, and the desa-bound roles from PERAN_DESA: no second copy to drift."""
    from sakip_rules.store import JENIS, users
    from sakip_rules.store.validasi import NAMA_JENIS

    assert set(NAMA_JENIS) == set(JENIS)
    auditor = store.tambah_pengguna(admin, "Aud", "auditor", kecamatan="loksado")
    with pytest.raises(AksesDitolak) as e:
        store.lapor_laba(auditor, "serati", 2024, 3, D("1000"), saluran="bot")
    assert e.value.message == ("'Aud' berperan auditor dan tidak boleh mengirim data; yang boleh: admin, "
                               "operator kecamatan, dan operator desa (untuk desanya).")
    monkeypatch.setattr(users, "PERAN_PENGIRIM", ("admin", "operator_desa"))
    assert users.uraian_pengirim() == "admin dan operator desa (untuk desanya)"
    monkeypatch.setattr(users, "PERAN_DESA", ("operator_desa", "auditor"))
    with pytest.raises(UsageError, match="auditor memerlukan desa"):
        users.periksa_peran("auditor", None)
    with pytest.raises(UsageError, match="desa hanya untuk peran operator_desa atau auditor, bukan admin"):
        users.periksa_peran("admin", "halunuk")
