"""Adversarial bot input: edited commands, forged buttons, odd numbers, hostile uploads."""

import time
from decimal import Decimal

from botuji import ADMIN, ASING, AUDITOR, OPKEC, SITI, jumlah_kiriman

from bot.auth import BELUM_TERDAFTAR
from bot.handlers.galat import MAAF


def laba(store, bumdes, tahun, bulan):
    return next(per.get(bulan) for b, per in store.rekap_laba("loksado", tahun)["bumdes"] if b.kode == bumdes)


def suntingan(update: dict, teks: str, update_id: int) -> dict:
    """The update Telegram sends when the user edits the message of ``update``."""
    pesan = dict(update["message"], text=teks, edit_date=int(time.time()) + 5)
    pesan["entities"] = [{"type": "bot_command", "offset": 0, "length": len(teks.split()[0])}]
    return {"update_id": update_id, "edited_message": pesan}


async def test_perintah_yang_disunting_dicatat_sebagai_koreksi(bot):
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    assert "Tersimpan" in bot.teks(await bot.proses(asli))
    teks = bot.teks(await bot.proses(suntingan(asli, "/laba 2025-01 600000", asli["update_id"] + 1000)))
    # the edited value is stored (as a correction), not silently answered with the first one
    assert "koreksi" in teks and "Rp 600.000" in teks, teks
    assert laba(bot.store, "sumber_rahmat", 2025, 1) == Decimal("600000")


async def test_tombol_palsu_untuk_bumdes_desa_lain_ditolak(bot):
    sebelum = jumlah_kiriman(bot.store)
    pesan = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
    # Siti (desa Halunuk) forges the save button of Serati (another desa's BUMDes)
    teks = bot.teks(await bot.tekan(SITI, pesan, "lk:serati:202501:5000"))
    assert "hanya boleh mengirim data desanya sendiri" in teks
    assert jumlah_kiriman(bot.store) == sebelum


async def test_tombol_palsu_indeks_negatif_tidak_memilih_bumdes(bot):
    pesan = bot.pesan(await bot.kirim(OPKEC, "/laba"), "sendMessage")[-1]
    calls = await bot.tekan(OPKEC, pesan, "lb:#-1")
    assert "sudah berakhir" in bot.teks(calls)  # not the last BUMDes of the list


async def test_tombol_palsu_jumlah_raksasa_dijawab_jelas(bot):
    sebelum = jumlah_kiriman(bot.store)
    pesan = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
    teks = bot.teks(await bot.tekan(SITI, pesan, "lk:sumber_rahmat:202501:1E+999999"))
    assert "terlalu besar" in teks and MAAF not in teks
    assert jumlah_kiriman(bot.store) == sebelum


async def test_auditor_menekan_tombol_simpan_ditolak(bot):
    sebelum = jumlah_kiriman(bot.store)
    pesan = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
    teks = bot.teks(await bot.tekan(AUDITOR, pesan, "lk:sumber_rahmat:202501:5000"))
    calls = bot.api.terkirim(metode="answerCallbackQuery")
    assert "tidak tersedia untuk peran auditor" in (teks + " ".join(str(c.param) for c in calls))
    assert jumlah_kiriman(bot.store) == sebelum


async def test_cabut_nomor_aneh_dijawab_jelas(bot):
    for arg, potongan in [("99999999999999999999999", "tidak ada di kecamatan"),
                          ("²", "tulis nomor pengguna")]:
        teks = bot.teks(await bot.kirim(ADMIN, f"/cabut {arg}"))
        assert potongan in teks and MAAF not in teks, (arg, teks)


async def test_unggahan_orang_asing_tidak_diunduh(bot):
    teks = bot.teks(await bot.kirim(ASING, dokumen=("a.csv", b"U1\n1\n"), keterangan="/ikm 2024 1"))
    assert teks == BELUM_TERDAFTAR
    assert not [c for c in bot.api.panggilan if c.metode == "getFile"]


async def test_unggahan_biner_dan_rumit_dijawab_jelas(bot):
    sebelum = jumlah_kiriman(bot.store)
    for nama, isi, potongan in [
        ("biner.csv", bytes(range(256)) * 4, "bukan CSV teks"),
        ("kodepage.csv", b"U1,U2\n\x81\x8d,1\n", "tidak dapat dibaca sebagai teks"),
        ("panjang.csv", b"U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + b"9" * 5000 + b",1,1,1,1,1,1,1,1\n", "harus 1"),
        ("palsu.xlsx", b"PK\x03\x04bukan zip", "XLSX tidak dapat dibaca"),
    ]:
        teks = bot.teks(await bot.kirim(OPKEC, dokumen=(nama, isi), keterangan="/ikm 2024 1"))
        assert "⚠️" in teks and potongan in teks and MAAF not in teks, (nama, teks)
        assert len(teks) < 4000
    assert jumlah_kiriman(bot.store) == sebelum


async def test_teks_mirip_html_diloloskan_dengan_aman(bot):
    # the fake Bot API rejects (and the fixture fails on) any reply whose HTML is invalid
    for teks in ["/laba <b>serati</b> 2025-01 5 & 6", "/status_desa <i>x</i> 2024 Maju",
                 "/anggaran a&b<c 2024-11 1.000", "/laba 2025-01 " + "9" * 5000]:
        balas = bot.teks(await bot.kirim(OPKEC, teks))
        assert "⚠️" in balas and MAAF not in balas, (teks, balas)
