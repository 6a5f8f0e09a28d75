"""/tarik: an operator withdraws a value reported by mistake, with a confirming second tap."""

from botuji import AUDITOR, BUDI, CAMAT, SITI, jumlah_kiriman, laba_tersimpan


async def test_tarik_pilih_konfirmasi_dan_tarik(bot):
    await bot.kirim(SITI, "/laba sumber rahmat januari 2025 250000")
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is not None
    calls = await bot.kirim(SITI, "/tarik")
    daftar = bot.pesan(calls, "sendMessage")[-1]
    tombol = dict((d, t) for t, d in daftar.tombol)
    assert all(d.startswith("t:") and len(d.encode()) <= 64 for d in tombol)
    pilih = next(d for d, t in tombol.items() if "Januari 2025" in t)
    assert "Sumber Rahmat" in tombol[pilih] and "250.000" in tombol[pilih]
    # only Siti's own desa is offered
    assert all("Sumber Rahmat" in t for t in tombol.values())

    n = jumlah_kiriman(bot.store)
    calls = await bot.tekan(SITI, daftar, pilih)
    tanya = bot.pesan(calls, "editMessageText")[-1]
    assert "Tarik kiriman #" in tanya.teks and jumlah_kiriman(bot.store) == n  # nothing yet
    data = dict((d, t) for t, d in tanya.tombol)
    ya = next(d for d in data if d.startswith("ty:"))
    teks = bot.teks(await bot.tekan(SITI, tanya, ya))
    assert "Ditarik" in teks and "Rp 250.000" in teks and "Januari 2025" in teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is None and jumlah_kiriman(bot.store) == n + 1
    # the same button again: already withdrawn, nothing changes
    teks = bot.teks(await bot.tekan(SITI, tanya, ya))
    assert "sudah ditarik" in teks and jumlah_kiriman(bot.store) == n + 1


async def test_batal_tidak_mengubah_apa_pun(bot):
    calls = await bot.kirim(BUDI, "/tarik")
    daftar = bot.pesan(calls, "sendMessage")[-1]
    pilih = daftar.tombol[0][1]
    tanya = bot.pesan(await bot.tekan(BUDI, daftar, pilih), "editMessageText")[-1]
    n = jumlah_kiriman(bot.store)
    batal = next(d for _, d in tanya.tombol if d.startswith("tb:"))
    assert "tetap berlaku" in bot.teks(await bot.tekan(BUDI, tanya, batal))
    assert jumlah_kiriman(bot.store) == n


async def test_tombol_palsu_untuk_desa_lain_ditolak(bot):
    calls = await bot.kirim(SITI, "/tarik")
    daftar = bot.pesan(calls, "sendMessage")[-1]
    budi = bot.store.dapat_ditarik(bot.store.pengguna_telegram(BUDI.id))[0]
    n = jumlah_kiriman(bot.store)
    teks = bot.teks(await bot.tekan(SITI, daftar, f"ty:{budi.id}"))
    assert "hanya boleh mengirim data desanya sendiri" in teks and jumlah_kiriman(bot.store) == n
    teks = bot.teks(await bot.tekan(SITI, daftar, "ty:abc"))
    assert "tombol rusak" in teks


async def test_pimpinan_dan_auditor_tidak_punya_tarik(bot):
    for orang in (CAMAT, AUDITOR):
        teks = bot.teks(await bot.kirim(orang, "/tarik"))
        assert "tidak tersedia" in teks


async def test_operator_desa_menarik_status_desanya(bot):
    """What the store lets an operator desa report (its own desa's status), it may withdraw."""
    await bot.kirim(SITI, "/status_desa halunuk 2024 Berkembang")
    daftar = bot.pesan(await bot.kirim(SITI, "/tarik"), "sendMessage")[-1]
    pilih = next(d for t, d in daftar.tombol if "Status desa Halunuk 2024" in t)
    tanya = bot.pesan(await bot.tekan(SITI, daftar, pilih), "editMessageText")[-1]
    ya = next(d for t, d in tanya.tombol if d.startswith("ty:"))
    teks = bot.teks(await bot.tekan(SITI, tanya, ya))
    assert "Ditarik" in teks and "Status desa Halunuk 2024" in teks
    assert "halunuk" not in {s.desa for s in bot.store.dataset("loksado").status_desa if s.tahun == 2024}
