"""Adversarial bot input: edited commands, forged buttons, odd numbers, hostile uploads."""

from decimal import Decimal

from botuji import ADMIN, ASING, AUDITOR, OPKEC, SITI, laba_tersimpan, tanpa_kiriman_baru

from bot.auth import BELUM_TERDAFTAR
from bot.handlers.galat import MAAF


async def test_perintah_yang_disunting_dicatat_sebagai_koreksi(bot):
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    assert "Tersimpan" in bot.teks(await bot.proses(asli))
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/laba 2025-01 600000")))
    # the edited value is stored (as a correction), not silently answered with the first one
    assert "koreksi" in teks and "Rp 600.000" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("600000")


async def test_tombol_palsu_untuk_bumdes_desa_lain_ditolak(bot):
    with tanpa_kiriman_baru(bot.store):
        pesan = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
        # Siti (desa Halunuk) forges the save button of Serati (another desa's BUMDes)
        teks = bot.teks(await bot.tekan(SITI, pesan, "lk:serati:2025-01:5000"))
        assert "hanya boleh mengirim data desanya sendiri" in teks


async def test_tombol_palsu_indeks_negatif_tidak_memilih_bumdes(bot):
    pesan = bot.pesan(await bot.kirim(OPKEC, "/laba"), "sendMessage")[-1]
    calls = await bot.tekan(OPKEC, pesan, "lb:#-1")
    assert "sudah berakhir" in bot.teks(calls)  # not the last BUMDes of the list


async def test_tombol_palsu_jumlah_raksasa_dijawab_jelas(bot):
    with tanpa_kiriman_baru(bot.store):
        pesan = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
        teks = bot.teks(await bot.tekan(SITI, pesan, "lk:sumber_rahmat:2025-01:1E+999999"))
        assert "terlalu besar" in teks and MAAF not in teks


async def test_auditor_menekan_tombol_simpan_ditolak(bot):
    with tanpa_kiriman_baru(bot.store):
        pesan = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
        teks = bot.teks(await bot.tekan(AUDITOR, pesan, "lk:sumber_rahmat:2025-01:5000"))
        calls = bot.api.terkirim(metode="answerCallbackQuery")
        assert "tidak tersedia untuk peran auditor" in (teks + " ".join(str(c.param) for c in calls))


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
    with tanpa_kiriman_baru(bot.store):
        for nama, isi, potongan in [
            ("biner.csv", bytes(range(256)) * 4, "bukan CSV teks"),
            ("kodepage.csv", b"U1,U2\n\x81\x8d,1\n", "tidak dapat dibaca sebagai teks"),
            ("panjang.csv", b"U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + b"9" * 5000 + b",1,1,1,1,1,1,1,1\n", "harus 1"),
            ("palsu.xlsx", b"PK\x03\x04bukan zip", "XLSX tidak dapat dibaca"),
        ]:
            teks = bot.teks(await bot.kirim(OPKEC, dokumen=(nama, isi), keterangan="/ikm 2024 1"))
            assert "⚠️" in teks and potongan in teks and MAAF not in teks, (nama, teks)
            assert len(teks) < 4000


async def test_teks_mirip_html_diloloskan_dengan_aman(bot):
    # the fake Bot API rejects (and the fixture fails on) any reply whose HTML is invalid
    for teks in ["/laba <b>serati</b> 2025-01 5 & 6", "/status_desa <i>x</i> 2024 Maju",
                 "/anggaran a&b<c 2024-11 1.000", "/laba 2025-01 " + "9" * 5000]:
        balas = bot.teks(await bot.kirim(OPKEC, teks))
        assert "⚠️" in balas and MAAF not in balas, (teks, balas)


async def test_tombol_palsu_bulan_tidak_sah_dijawab_tepat(bot):
    """Month data the core cannot read (a forged or stale button): a precise "tombol tidak
    berlaku", never the apology for an unexpected error; a readable month the store refuses
    (future) is refused with the store's reason when the button is pressed."""
    pesan = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
    with tanpa_kiriman_baru(bot.store):
        for data in ("lm:sumber_rahmat:202413", "lm:sumber_rahmat:2024-13", "lk:sumber_rahmat:202413:5000",
                     "lk:sumber_rahmat:bulan:5000", "lk:sumber_rahmat:2025-01:lima"):
            teks = bot.teks(await bot.tekan(SITI, pesan, data))
            assert "tombol ini tidak berlaku lagi" in teks and "/laba" in teks, (data, teks)
            assert data.split(":")[-1] not in teks and "202413" not in teks, (data, teks)  # no button data shown
            assert MAAF not in teks and "Traceback" not in teks, data
        teks = bot.teks(await bot.tekan(SITI, pesan, "lm:sumber_rahmat:2030-01"))
        assert "masa depan" in teks and "Ketik jumlah" not in teks and MAAF not in teks, teks
