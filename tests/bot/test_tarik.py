"""/tarik: an operator withdraws a value reported by mistake, with a confirming second tap."""

from botuji import AUDITOR, BUDI, CAMAT, OPKEC, SITI, jumlah_kiriman, laba_tersimpan, tanpa_kiriman_baru


def jawaban_tombol(panggilan) -> str:
    """The answers to button taps (the alert a late tap gets)."""
    return "\n".join(p.param.get("text") or "" for p in panggilan if p.metode == "answerCallbackQuery")


async def test_tarik_pilih_konfirmasi_dan_tarik(bot):
    await bot.kirim(SITI, "/laba sumber rahmat januari 2025 250000")
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is not None
    calls = await bot.kirim(SITI, "/tarik")
    daftar = bot.pesan(calls, "sendMessage")[-1]
    tombol = dict((d, t) for t, d in daftar.tombol)
    assert all(d.startswith("t:") and len(d.encode()) <= 64 for d in tombol)
    pilih = next(d for d, t in tombol.items() if "Januari 2025" in t)
    assert "Sumber Rahmat" in tombol[pilih] and "250.000" in tombol[pilih]
    # only Siti's own desa is offered, and the example of naming a value is one of hers
    assert all("Sumber Rahmat" in t for t in tombol.values())
    assert "mis. <code>/tarik laba Sumber Rahmat Januari 2025</code>" in daftar.teks and "Serati" not in daftar.teks

    n = jumlah_kiriman(bot.store)
    calls = await bot.tekan(SITI, daftar, pilih)
    tanya = bot.pesan(calls, "editMessageText")[-1]
    # the confirmation names the value, its amount and its submission
    assert "Tarik Laba Sumber Rahmat Januari 2025, Rp 250.000 (kiriman #" in tanya.teks
    assert jumlah_kiriman(bot.store) == n  # nothing yet
    data = dict((d, t) for t, d in tanya.tombol)
    ya = next(d for d in data if d.startswith("ty:"))
    teks = bot.teks(await bot.tekan(SITI, tanya, ya))
    assert "Ditarik" in teks and "Rp 250.000" in teks and "Januari 2025" in teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is None and jumlah_kiriman(bot.store) == n + 1
    # the same button again (on the message now showing the result): a late tap, answered with
    # what the store holds, and nothing changes
    teks = jawaban_tombol(await bot.tekan(SITI, tanya, ya))
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
    teks = bot.teks(await bot.tekan(SITI, daftar, f"ty:{budi.id}:1"))
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


async def pilih_lalu_tanya(bot, orang, potongan: str):
    """/tarik, then the button whose text holds ``potongan``: the confirmation."""
    daftar = bot.pesan(await bot.kirim(orang, "/tarik"), "sendMessage")[-1]
    pilih = next(d for t, d in daftar.tombol if potongan in t)
    return bot.pesan(await bot.tekan(orang, daftar, pilih), "editMessageText")[-1]


async def konfirmasi_januari(bot):
    """Siti reports January 2025 and asks to withdraw it: the confirmation, its first Ya and its Batal."""
    await bot.kirim(SITI, "/laba 2025-01 250000")
    tanya = await pilih_lalu_tanya(bot, SITI, "Januari 2025")
    ya = next(d for _, d in tanya.tombol if d.startswith("ty:"))
    batal = next(d for _, d in tanya.tombol if d.startswith("tb:"))
    return tanya, ya, batal


async def test_ya_terlambat_setelah_batal_tidak_menarik(bot):
    tanya, ya, batal = await konfirmasi_januari(bot)
    assert "tetap berlaku" in bot.teks(await bot.tekan(SITI, tanya, batal))
    n = jumlah_kiriman(bot.store)
    calls = await bot.tekan(SITI, tanya, ya)  # a tap already on its way when Batal was carried out
    assert "sudah diproses" in jawaban_tombol(calls) and "tetap berlaku" in jawaban_tombol(calls)
    assert not bot.pesan(calls) and jumlah_kiriman(bot.store) == n
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is not None


async def test_batal_terlambat_setelah_ya_tidak_mengaku_tetap_berlaku(bot):
    tanya, ya, batal = await konfirmasi_januari(bot)
    assert "Ditarik" in bot.teks(await bot.tekan(SITI, tanya, ya))
    calls = await bot.tekan(SITI, tanya, batal)
    assert not bot.pesan(calls)  # the result on screen stays
    assert "sudah ditarik" in jawaban_tombol(calls) and "tetap berlaku" not in jawaban_tombol(calls)


async def test_batal_memeriksa_penyimpanan_bila_hasil_ya_tidak_tampil(bot):
    """The bot could not replace the buttons with the result of Ya (network): the result comes
    as a new message, the buttons stay, and Batal then says the value is withdrawn."""
    tanya, ya, batal = await konfirmasi_januari(bot)
    bot.api.suntik("editMessageText", "timeout", "jaringan", "timeout")
    assert "Ditarik" in bot.teks(await bot.tekan(SITI, tanya, ya))
    teks = bot.teks(await bot.tekan(SITI, tanya, batal))
    assert "sudah ditarik" in teks and "tetap berlaku" not in teks and "Dibatalkan" not in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is None


async def test_tarik_dengan_nomor_menjangkau_nilai_lama(bot):
    """/tarik NOMOR reaches a value the menu of the ten newest does not offer."""
    budi = bot.store.pengguna_telegram(BUDI.id)
    terbaru = {k.id for k in bot.store.dapat_ditarik(budi)}
    lama = next(k for k in bot.store.dapat_ditarik(budi, 100) if k.id not in terbaru)
    calls = await bot.kirim(BUDI, f"/tarik {lama.id}")
    tanya = bot.pesan(calls, "sendMessage")[-1]
    assert f"{lama.nilai} (kiriman #{lama.id})?" in tanya.teks and "Tarik " in tanya.teks, tanya.teks
    alasan = dict(tanya.tombol)
    assert set(alasan) >= {"Ya, tarik: salah bulan/tahun", "Ya, tarik: salah BUMDes/desa",
                           "Ya, tarik: terkirim dua kali", "Batal"}
    teks = bot.teks(await bot.tekan(BUDI, tanya, alasan["Ya, tarik: terkirim dua kali"]))
    assert "Ditarik" in teks and "Alasan: terkirim dua kali" in teks
    tarik = bot.store.riwayat(budi, kunci_nilai=lama.kunci_nilai, batas=1)[0]
    assert tarik.status == "ditarik" and tarik.menggantikan == lama.id
    assert tarik.keterangan == "terkirim dua kali"


async def test_tarik_dengan_nama_nilai_dan_alasan_sendiri(bot):
    opkec = bot.store.pengguna_telegram(OPKEC.id)
    calls = await bot.kirim(OPKEC, "/tarik laba Serati Januari 2024 alasan BUMDes belum beroperasi")
    tanya = bot.pesan(calls, "sendMessage")[-1]
    assert "Tarik Laba Serati Januari 2024, Rp 150.000 (kiriman #" in tanya.teks, tanya.teks
    assert "Alasan: BUMDes belum beroperasi" in tanya.teks
    assert [t for t, _ in tanya.tombol] == ["Ya, tarik", "Batal"]
    teks = bot.teks(await bot.tekan(OPKEC, tanya, dict(tanya.tombol)["Ya, tarik"]))
    assert "Ditarik" in teks and "Serati Januari 2024" in teks
    assert laba_tersimpan(bot.store, "serati", 2024, 1) is None
    tarik = bot.store.riwayat(opkec, kunci_nilai="laba serati 2024-01", batas=1)[0]
    assert tarik.keterangan == "BUMDes belum beroperasi"


async def test_tarik_dengan_argumen_yang_tidak_ada_atau_sudah_ditarik(bot):
    with tanpa_kiriman_baru(bot.store):
        for perintah, potongan in [("/tarik 999999", "kiriman #999999 tidak ada"),
                                   ("/tarik 99999999999", "tidak ada"),
                                   ("/tarik laba Serati Januari 2030", "belum ada nilai"),
                                   ("/tarik 5 alasan", "tulis alasannya")]:
            teks = bot.teks(await bot.kirim(OPKEC, perintah))
            assert "⚠️" in teks and potongan in teks and "Traceback" not in teks, (perintah, teks)
        # a desa operator reaches only her own desa's values (the store's scope of /riwayat)
        budi = bot.store.dapat_ditarik(bot.store.pengguna_telegram(BUDI.id))[0]
        for perintah in (f"/tarik {budi.id}", "/tarik laba Siam Baralang Januari 2024"):
            calls = await bot.kirim(SITI, perintah)
            teks = bot.teks(calls)
            assert "⚠️" in teks and "Rp" not in teks, (perintah, teks)  # no value, no confirmation
            assert not any(p.tombol for p in bot.pesan(calls)), perintah
    tanya = bot.pesan(await bot.kirim(OPKEC, "/tarik laba Serati Januari 2024"), "sendMessage")[-1]
    await bot.tekan(OPKEC, tanya, tanya.tombol[0][1])
    teks = bot.teks(await bot.kirim(OPKEC, "/tarik laba Serati Januari 2024"))
    assert "sudah ditarik" in teks and "Tidak ada yang perlu ditarik" in teks, teks


async def test_tarik_nomor_yang_sudah_digantikan_menanyakan_nilai_sekarang(bot):
    await bot.kirim(SITI, "/laba 2025-01 250000")
    siti = bot.store.pengguna_telegram(SITI.id)
    pertama = bot.store.riwayat(siti, kunci_nilai="laba sumber_rahmat 2025-01", batas=1)[0]
    await bot.kirim(SITI, "/laba 2025-01 275000")
    tanya = bot.pesan(await bot.kirim(SITI, f"/tarik {pertama.id}"), "sendMessage")[-1]
    assert f"Kiriman #{pertama.id} sudah digantikan" in tanya.teks and "Rp 275.000" in tanya.teks


async def test_tombol_tarik_menyebut_jumlah_utuh_lebih_dulu(bot):
    await bot.kirim(OPKEC, "/anggaran sinkronisasi_program_pemberdayaan 2024-03 1.500.000")
    daftar = bot.pesan(await bot.kirim(OPKEC, "/tarik"), "sendMessage")[-1]
    teks = next(t for t, _ in daftar.tombol if "sinkronisasi" in t)
    assert teks.startswith("Rp 1.500.000 — ") and len(teks) <= 60 and teks.endswith("…"), teks
    assert all(len(t) <= 60 for t, _ in daftar.tombol)
    assert "/tarik NOMOR" in daftar.teks  # how to reach a value the list does not offer


def test_alasan_yang_tidak_pernah_dijawab_tidak_menumpuk():
    """Typed reasons wait in saved user data for a confirmation that may never be answered: only
    the newest are kept (bot.layanan.ingat), as the uploads an edit may refer to are."""
    from types import SimpleNamespace

    from bot.handlers.tarik import KUNCI_ALASAN
    from bot.layanan import DIINGAT, ingat

    context = SimpleNamespace(user_data={})
    for nomor in range(DIINGAT + 5):
        ingat(context, KUNCI_ALASAN, nomor, f"alasan {nomor}")
    ingat(context, KUNCI_ALASAN, 6, "alasan 6 lagi")  # named again: the newest
    kept = context.user_data[KUNCI_ALASAN]
    assert len(kept) == DIINGAT and 4 not in kept and 5 in kept and list(kept)[-1] == 6 and kept[6] == "alasan 6 lagi"
