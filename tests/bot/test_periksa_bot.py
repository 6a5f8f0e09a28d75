"""/periksa: the core's data checks (early warnings) in the chat, for the roles that read them."""

from dataclasses import replace

import pytest
from botuji import ADMIN, AUDITOR, BUDI, CAMAT, OPKEC, SITI, tanpa_kiriman_baru
from fakebot import BATAS_TEKS, panjang_utf16, teks_tampak

from sakip_rules.engine.periksa import periksa

from bot.handlers.periksa import teks_periksa
from bot.render import potong


def tampak(bot, calls) -> str:
    """What the user sees (tags removed, entities decoded)."""
    return "\n".join(teks_tampak(p.teks) for p in bot.pesan(calls, "sendMessage"))


@pytest.mark.parametrize("orang", [CAMAT, AUDITOR], ids=lambda o: o.nama)
async def test_peringatan_data_loksado_2024(bot, orang):
    calls = await bot.kirim(orang, "/periksa 2024")
    pesan = bot.pesan(calls, "sendMessage")
    assert pesan and all(p.galat is None for p in pesan)
    teks = tampak(bot, calls)
    assert "Pemeriksaan data Kecamatan Loksado tahun 2024" in teks
    assert "0 galat, 3 peringatan, 0 info" in teks
    # the three data-only warnings of `sakip periksa 2024 --tanpa-laporan`
    assert "BUMDes Serati (desa Hulu Banyu), laba bulanan 2024" in teks
    assert "hanya berlaba 2 dari 12 bulan (Januari–Februari)" in teks
    assert "dinyatakan: 2   dihitung: 9" in teks
    assert "BUMDes Sarantas Berenar (desa Lumpangi), laba bulanan 2024" in teks
    assert "hanya berlaba 6 dari 12 bulan (Juli–Desember)" in teks
    assert "Baseline 2023 63,64% tidak dapat diperoleh dengan penyebut tahun 2024" in teks
    assert "7 / 11 × 100" in teks
    assert teks.count("PERINGATAN") == 3 and "GALAT —" not in teks and "Traceback" not in teks
    # one line per finding: place, stated vs computed, message; no explanation dump
    assert "Parameter pemeriksaan" not in teks and "Dasar pemeriksaan" not in teks


async def test_sama_dengan_inti_dan_urut_menurut_tingkat(bot, rules):
    h = periksa(rules, bot.store.dataset("loksado"), 2024)
    assert h.laporan is None  # a database dataset: data checks only
    teks = tampak(bot, await bot.kirim(AUDITOR, "/periksa 2024"))
    posisi = [teks.index(t.tempat) for t in h.temuan]
    assert posisi == sorted(posisi)
    assert [t.tingkat for t in h.temuan] == sorted((t.tingkat for t in h.temuan),
                                                   key=["galat", "peringatan", "info"].index)


@pytest.mark.parametrize("orang", [ADMIN, OPKEC], ids=lambda o: o.nama)
async def test_admin_dan_operator_kecamatan_boleh(bot, orang):
    teks = tampak(bot, await bot.kirim(orang, "/periksa 2024"))
    assert "3 peringatan" in teks and "tidak tersedia" not in teks


@pytest.mark.parametrize("orang", [SITI, BUDI], ids=lambda o: o.nama)
async def test_operator_desa_ditolak_dengan_sopan(bot, orang):
    with tanpa_kiriman_baru(bot.store):
        teks = bot.teks(await bot.kirim(orang, "/periksa 2024"))
        assert "Perintah /periksa tidak tersedia untuk peran operator desa" in teks
        assert "/bantuan" in teks and "Serati" not in teks


async def test_tahun_salah_dan_bawaan(bot):
    teks = bot.teks(await bot.kirim(CAMAT, "/periksa 1990"))
    assert "⚠️" in teks and "tahun 1990 di luar rentang 2000–2100" in teks
    teks = bot.teks(await bot.kirim(CAMAT, "/periksa duaribu"))
    assert "⚠️" in teks and "bukan bilangan" in teks
    teks = bot.teks(await bot.kirim(CAMAT, "/periksa 2024 2025"))
    assert "satu tahun" in teks
    teks = bot.teks(await bot.kirim(CAMAT, "/periksa"))
    assert "tahun 2025" in teks  # the tests' clock: 2025
    assert "Traceback" not in teks


async def test_menu_dan_bantuan(bot):
    for orang, ada in [(CAMAT, True), (AUDITOR, True), (OPKEC, True), (ADMIN, True), (SITI, False)]:
        await bot.kirim(orang, "/start")
        assert ("periksa" in bot.api.menu_chat(orang.id)) is ada, orang
        bantuan = bot.teks(await bot.kirim(orang, "/bantuan"))
        assert ("/periksa" in bantuan) is ada, orang
    assert "/periksa 2024" in bot.teks(await bot.kirim(AUDITOR, "/bantuan"))


async def test_batas_telegram_dan_html(bot, rules):
    """Every part within the fake's limits; a long result is split, nothing lost, markup escaped."""
    calls = await bot.kirim(CAMAT, "/periksa 2024")
    for p in bot.pesan(calls, "sendMessage"):
        assert p.galat is None and panjang_utf16(teks_tampak(p.teks)) <= panjang_utf16(p.teks) <= BATAS_TEKS
    # many findings (and text that needs escaping) split into valid messages
    h = periksa(rules, bot.store.dataset("loksado"), 2024)
    t0 = h.temuan[0]
    banyak = [replace(t0, tempat=f"Tabel <{i}> & baris", pesan=t0.pesan * 3) for i in range(60)]
    h.temuan = banyak
    html = teks_periksa(h)
    assert "&lt;0&gt; &amp; baris" in html
    bagian = potong(html)
    assert len(bagian) > 1
    uji = bot.layanan
    tanda = bot.api.tanda()
    await uji.pengirim.teks(bot.app.bot, CAMAT.id, html)
    terkirim = bot.api.sejak(tanda)
    assert len(terkirim) == len(bagian) and all(p.galat is None for p in terkirim)
    assert all(panjang_utf16(p.teks) <= BATAS_TEKS for p in terkirim)
    gabung = tampak(bot, terkirim)
    assert all(f"Tabel <{i}> & baris" in gabung for i in range(60))


async def test_balasan_tanpa_perintah_komputer(bot):
    """The reply points to chat commands (/jelaskan), never to the command line."""
    teks = tampak(bot, await bot.kirim(CAMAT, "/periksa 2024"))
    assert "sakip periksa" not in teks and "--" not in teks and "komputer" not in teks
    assert "/jelaskan ikm 2024" in teks
