"""Onboarding through an invite link, unknown users, the command menu per role, admin commands."""

import json
import re

from botuji import ADMIN, ASING, AUDITOR, BUDI, CAMAT, OPKEC, SITI, tanpa_kiriman_baru
from fakebot import Orang

from bot.auth import BELUM_TERDAFTAR

BARU = Orang(201, "Rina", "Wati")


def _token(teks: str) -> str:
    m = re.search(r"\?start=([A-Za-z0-9_-]+)", teks)
    assert m, teks
    return m.group(1)


async def test_pengguna_asing_ditolak_dengan_sopan(bot):
    with tanpa_kiriman_baru(bot.store):
        for perintah in ("/start", "/capaian 2024", "/laba 2025-01 100000", "/bantuan", "halo", "/tidakada"):
            calls = await bot.kirim(ASING, perintah)
            assert bot.teks(calls) == BELUM_TERDAFTAR, perintah
        calls = await bot.tekan(ASING, {"message_id": 1, "chat": {"id": ASING.id, "type": "private"}, "date": 0},
                                "lk:serati:2025-01:100000")
        assert [c.metode for c in calls] == ["answerCallbackQuery"]
        assert "belum terdaftar" in calls[0].param["text"]


async def test_undangan_admin_sampai_pengguna_baru_terdaftar(bot):
    calls = await bot.kirim(ADMIN, "/undang operator_desa serati")  # a BUMDes, not a desa
    assert "desa 'serati' tidak dikenal" in bot.teks(calls)
    calls = await bot.kirim(ADMIN, "/undang operator_desa hulu_banyu")
    teks = bot.teks(calls)
    assert "https://t.me/sakip_uji_bot?start=" in teks
    token = _token(teks)
    assert len(token) <= 64

    calls = await bot.kirim(BARU, f"/start {token}")
    teks = bot.teks(calls)
    assert "Selamat bergabung, Rina Wati" in teks
    assert "operator desa" in teks and "/laba" in teks and "/undang" not in teks
    baru = bot.store.pengguna_telegram(BARU.id)
    assert (baru.peran, baru.desa, baru.kecamatan) == ("operator_desa", "hulu_banyu", "loksado")
    menu = bot.api.menu_chat(BARU.id)
    assert "laba" in menu and "undang" not in menu and "ikm" not in menu

    # the same link again: already registered, welcomed back; another person: refused
    calls = await bot.kirim(BARU, f"/start {token}")
    assert "Selamat datang kembali" in bot.teks(calls)
    lain = Orang(202, "Lain")
    calls = await bot.kirim(lain, f"/start {token}")
    assert "sudah dipakai" in bot.teks(calls)
    assert bot.store.pengguna_telegram(lain.id) is None


async def test_undangan_tidak_dikenal(bot):
    calls = await bot.kirim(BARU, "/start bukanTokenYangAda123")
    teks = bot.teks(calls)
    assert "tidak dapat dipakai" in teks and "admin kecamatan" in teks
    assert bot.store.pengguna_telegram(BARU.id) is None


async def test_undang_tanpa_argumen_dan_peran_salah(bot):
    assert "Peran:" in bot.teks(await bot.kirim(ADMIN, "/undang"))
    teks = bot.teks(await bot.kirim(ADMIN, "/undang raja"))
    assert "peran 'raja' tidak dikenal" in teks
    teks = bot.teks(await bot.kirim(ADMIN, "/undang operator_desa"))
    assert "memerlukan desa" in teks


async def test_menu_per_peran(bot):
    harapan = {
        ADMIN: {"undang", "pengguna", "cabut", "laba", "ikm", "capaian"},
        CAMAT: {"capaian", "jelaskan", "rekap_bumdes", "grafik", "riwayat"},
        OPKEC: {"laba", "ikm", "status_desa", "anggaran", "capaian"},
        SITI: {"laba", "status_desa", "tarik", "capaian", "riwayat"},
        AUDITOR: {"capaian", "jelaskan", "riwayat"},
    }
    terlarang = {
        CAMAT: {"laba", "ikm", "undang", "status_desa"},
        OPKEC: {"undang", "cabut"},
        SITI: {"ikm", "anggaran", "undang", "periksa"},
        AUDITOR: {"laba", "ikm", "status_desa", "anggaran", "undang", "pengguna", "cabut", "batal"},
    }
    for orang, ada in harapan.items():
        await bot.kirim(orang, "/start")
        menu = set(bot.api.menu_chat(orang.id))
        assert ada <= menu, orang
        assert not (terlarang.get(orang, set()) & menu), orang
    # the menu is installed once per chat and role, not on every message
    n = len(bot.api.terkirim(metode="setMyCommands"))
    await bot.kirim(CAMAT, "/bantuan")
    assert len(bot.api.terkirim(metode="setMyCommands")) == n


async def test_bantuan_menurut_peran(bot):
    teks = bot.teks(await bot.kirim(AUDITOR, "/bantuan"))
    assert "/jelaskan" in teks and "/laba" not in teks
    teks = bot.teks(await bot.kirim(BUDI, "/bantuan"))
    assert "/laba" in teks and "contoh" in teks and "/undang" not in teks


async def test_pengguna_dan_cabut(bot):
    teks = bot.teks(await bot.kirim(ADMIN, "/pengguna"))
    assert "Siti" in teks and "operator desa" in teks and "#" in teks
    siti = bot.store.pengguna_telegram(SITI.id)
    calls = await bot.kirim(ADMIN, f"/cabut {siti.id}")
    assert "telah dicabut" in bot.teks(calls)
    hapus = [c for c in calls if c.metode == "deleteMyCommands"]
    assert hapus and json.loads(json.dumps(hapus[0].param["scope"]))["chat_id"] == SITI.id
    teks = bot.teks(await bot.kirim(SITI, "/laba 2025-01 100000"))
    assert "dicabut" in teks
    assert "DICABUT" in bot.teks(await bot.kirim(ADMIN, "/pengguna"))
    # mistakes
    assert "nomor pengguna" in bot.teks(await bot.kirim(ADMIN, "/cabut siti"))
    assert "tidak ada" in bot.teks(await bot.kirim(ADMIN, "/cabut 9999"))
    admin = bot.store.pengguna_telegram(ADMIN.id)
    assert "sendiri" in bot.teks(await bot.kirim(ADMIN, f"/cabut {admin.id}"))


async def test_masa_berlaku_undangan_dari_penyimpanan(bot, monkeypatch):
    """The invite message states the store's own validity, and the link indeed expires then."""
    import datetime as dt
    import inspect

    from botuji import JAM

    from sakip_rules.store import Store

    jam = inspect.signature(Store.buat_undangan).parameters["berlaku_jam"].default
    teks = bot.teks(await bot.kirim(ADMIN, "/undang auditor"))
    assert f"berlaku {jam} jam" in teks
    monkeypatch.setattr(bot.store, "jam", lambda: JAM + dt.timedelta(hours=jam, minutes=1))
    teks = bot.teks(await bot.kirim(BARU, f"/start {_token(teks)}"))
    assert "tidak dapat dipakai" in teks and bot.store.pengguna_telegram(BARU.id) is None


def test_peran_dari_inti():
    """Every role list of the bot comes from the core's table (HAK_KIRIM), which the store's own
    permission check reads: a command per kind of data has exactly the roles that may submit it."""
    from sakip_rules.store import JENIS, PERAN
    from sakip_rules.store.users import HAK_KIRIM, NAMA_PERAN, PERAN_PENGIRIM, PERAN_SEKECAMATAN, URAIAN_PERAN

    from bot.auth import PERINTAH

    peran = {p.nama: p.peran for p in PERINTAH}
    assert set(HAK_KIRIM) == set(JENIS)
    for jenis in JENIS:  # the commands are named after the kinds
        assert peran[jenis] is HAK_KIRIM[jenis], jenis
    assert peran["tarik"] is PERAN_PENGIRIM and peran["batal"] is PERAN_PENGIRIM
    assert peran["periksa"] is PERAN_SEKECAMATAN
    assert set(NAMA_PERAN) == set(PERAN) == set(URAIAN_PERAN)  # a new role cannot be missed here


async def test_undang_menjelaskan_peran(bot):
    from sakip_rules.store.users import URAIAN_PERAN

    teks = bot.teks(await bot.kirim(ADMIN, "/undang"))
    assert all(uraian in teks for uraian in URAIAN_PERAN.values())


async def test_pesan_inti_di_chat_tanpa_opsi_baris_perintah_atau_nama_berkas(bot):
    from botuji import SITI

    teks = bot.teks(await bot.kirim(ADMIN, "/undang operator_desa"))
    assert "--desa" not in teks and "mis. halunuk" in teks
    teks = bot.teks(await bot.kirim(SITI, "/laba 2025-01 5.000.000.000"))
    assert "tidak wajar" in teks and ".json" not in teks


async def test_pengguna_yang_dicabut_masuk_lagi_lewat_undangan_baru(bot):
    siti = bot.store.pengguna_telegram(SITI.id)
    await bot.kirim(ADMIN, f"/cabut {siti.id}")
    teks = bot.teks(await bot.kirim(ADMIN, "/undang operator_desa halunuk"))
    teks = bot.teks(await bot.kirim(SITI, f"/start {_token(teks)}"))
    assert "sudah terdaftar" not in teks and "tidak dapat dipakai" not in teks
    kembali = bot.store.pengguna_telegram(SITI.id)
    assert kembali.aktif and kembali.id == siti.id and kembali.desa == "halunuk"
    assert "Tersimpan" in bot.teks(await bot.kirim(SITI, "/laba sumber rahmat januari 2025 250000"))
