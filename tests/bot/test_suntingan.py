"""Edited report commands that name another value: the value the message stored before is
withdrawn (through the store), or the reply says why it still counts; edited /cabut is refused."""

from decimal import Decimal

from botuji import ADMIN, BUDI, OPKEC, SITI, jumlah_kiriman, laba_tersimpan, tanpa_kiriman_baru
from test_lapor import csv_jawaban, ikm_tersimpan


async def test_laba_disunting_ke_bulan_lain_menarik_bulan_semula(bot):
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    assert "Tersimpan" in bot.teks(await bot.proses(asli))
    suntingan = bot.api.sunting(asli, "/laba 2024-12 500000")
    teks = bot.teks(await bot.proses(suntingan))
    assert "Sumber Rahmat Desember 2024: Rp 500.000" in teks, teks
    assert "Laba Sumber Rahmat Januari 2025 dari pesan sebelum diubah ditarik" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is None
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 12) == Decimal("500000")
    # the reason is in the history of the withdrawal
    siti = bot.store.pengguna_telegram(SITI.id)
    tarik = bot.store.riwayat(siti, kunci_nilai="laba sumber_rahmat 2025-01")[0]
    assert tarik.status == "ditarik" and tarik.dicatat_oleh == "Siti"
    assert tarik.keterangan == "pesan diubah: kini laba Sumber Rahmat Desember 2024"

    with tanpa_kiriman_baru(bot.store):
        # the same edit delivered again (a new update id, e.g. after a restart): the same answer
        teks = bot.teks(await bot.proses(dict(suntingan, update_id=suntingan["update_id"] + 1000)))
        assert "Januari 2025 dari pesan sebelum diubah ditarik" in teks and "Desember 2024" in teks, teks
        # edited once more, to the same text: found stored, nothing more withdrawn
        teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/laba 2024-12 500000")))
        assert "sudah tercatat" in teks and "ditarik" not in teks, teks

    # a second edit: the month of the first edit is withdrawn in its turn
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/laba 2024-11 500000")))
    assert "Laba Sumber Rahmat Desember 2024 dari pesan sebelum diubah ditarik" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 12) is None
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 11) == Decimal("500000")
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is None


async def test_dua_suntingan_dalam_satu_detik_keduanya_dilayani(bot):
    """Telegram's edit time has whole seconds: a second edit within the same second is still a
    new request, and the value of the first edit is withdrawn when the second names another."""
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    await bot.proses(asli)
    await bot.proses(bot.api.sunting(asli, "/laba 2024-12 500000"))
    kedua = bot.api.sunting(asli, "/laba 2024-11 400000", detik_sama=True)
    teks = bot.teks(await bot.proses(kedua))
    assert "November 2024: Rp 400.000" in teks and "Desember 2024 dari pesan sebelum diubah ditarik" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 11) == Decimal("400000")
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 12) is None
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is None
    with tanpa_kiriman_baru(bot.store):  # the second edit delivered again: nothing more
        teks = bot.teks(await bot.proses(dict(kedua, update_id=kedua["update_id"] + 1000)))
        assert "November 2024" in teks, teks


async def test_laba_disunting_jumlahnya_saja_adalah_koreksi_tanpa_penarikan(bot):
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    await bot.proses(asli)
    n = jumlah_kiriman(bot.store)
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/laba 2025-01 600000")))
    assert "koreksi" in teks and "ditarik" not in teks.lower(), teks
    assert jumlah_kiriman(bot.store) == n + 1


async def test_nilai_yang_sudah_diganti_orang_lain_tidak_ditarik(bot):
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    await bot.proses(asli)
    await bot.kirim(OPKEC, "/laba sumber_rahmat 2025-01 550000")  # a newer version since
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/laba 2024-12 500000")))
    assert "tidak ditarik" in teks and "tetap dihitung" in teks, teks
    assert "/tarik laba Sumber Rahmat Januari 2025" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("550000")
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 12) == Decimal("500000")


async def test_nilai_yang_bukan_dibuat_pesan_itu_tidak_ditarik(bot):
    """The message only repeated a value already stored (status 'sama'): it stays."""
    await bot.kirim(OPKEC, "/laba sumber_rahmat 2025-01 500000")
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    assert "sama" in bot.teks(await bot.proses(asli))
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/laba 2024-12 500000")))
    assert "tetap dihitung" in teks and "sudah tercatat sebelum pesan Anda" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("500000")


async def test_laba_disunting_menjadi_pertanyaan_menyebut_nilai_lama_masih_dihitung(bot):
    asli = bot.api.pesan_dari(SITI, "/laba 2025-01 500000")
    await bot.proses(asli)
    with tanpa_kiriman_baru(bot.store):
        teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/laba 2024-12 734.4")))
    assert "Maksud Anda" in teks or "lebih dari satu cara" in teks, teks
    assert "Laba Sumber Rahmat Januari 2025: Rp 500.000 dari pesan sebelum diubah masih dihitung" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("500000")


async def test_ikm_diketik_disunting_ke_semester_lain(bot):
    asli = bot.api.pesan_dari(OPKEC, "/ikm 2024 1 88,75")
    await bot.proses(asli)
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/ikm 2024 2 88,75")))
    assert "IKM semester I 2024 dari pesan sebelum diubah ditarik" in teks, teks
    assert not ikm_tersimpan(bot.store, 2024, 1)
    assert str(ikm_tersimpan(bot.store, 2024, 2)[-1].nilai) == "88.75"


async def test_keterangan_berkas_ikm_disunting_ke_semester_lain(bot):
    asli = bot.api.pesan_dari(OPKEC, dokumen=("skm.csv", csv_jawaban()), keterangan="/ikm 2024 1")
    assert "Tersimpan" in bot.teks(await bot.proses(asli))
    assert ikm_tersimpan(bot.store, 2024, 1)
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/ikm 2024 2")))
    assert "IKM semester I 2024 dari pesan sebelum diubah ditarik" in teks, teks
    assert not ikm_tersimpan(bot.store, 2024, 1)
    assert ikm_tersimpan(bot.store, 2024, 2)[-1].tingkat == "jawaban"
    # the caption edited to the same semester again: found stored, and that keeps its value
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, "/ikm 2024 2")))
    assert "ditarik" not in teks.lower() and ikm_tersimpan(bot.store, 2024, 2)


async def test_cabut_yang_disunting_tidak_dijalankan(bot):
    budi = bot.store.pengguna_telegram(BUDI.id)
    siti = bot.store.pengguna_telegram(SITI.id)
    asli = bot.api.pesan_dari(ADMIN, f"/cabut {budi.id}")
    assert "telah dicabut" in bot.teks(await bot.proses(asli))
    teks = bot.teks(await bot.proses(bot.api.sunting(asli, f"/cabut {siti.id}")))
    assert "Perubahan pesan /cabut tidak dijalankan" in teks and "telah dicabut" not in teks, teks
    assert bot.store.pengguna_telegram(SITI.id).aktif
    assert not bot.store.pengguna_telegram(BUDI.id).aktif
