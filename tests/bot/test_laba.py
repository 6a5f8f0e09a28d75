"""/laba: one line, the guided flow, ambiguity, duplicates, corrections, restarts."""

from decimal import Decimal

from botuji import ADMIN, AUDITOR, BUDI, CAMAT, OPKEC, SITI, ditolak_semua, laba_tersimpan, tanpa_kiriman_baru


async def test_satu_baris_tersimpan(bot):
    calls = await bot.kirim(SITI, "/laba 2025-01 734400")
    teks = bot.teks(calls)
    assert "✅ Tersimpan" in teks and "Sumber Rahmat Januari 2025: Rp 734.400" in teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")
    k = bot.store.riwayat(bot.store.pengguna_telegram(SITI.id), batas=1)[0]
    assert (k.saluran, k.dicatat_oleh) == ("bot", "Siti")


async def test_bentuk_tulisan_yang_diterima(bot):
    for teks, bumdes, bulan, jumlah in [
        ("/laba sumber rahmat Januari 2025 Rp 734.400", "sumber_rahmat", 1, "734400"),
        ("/laba serati Nov 2024 150.000,-", "serati", 11, "150000"),
        ("/laba Sarantas Berenar 2024-03 1,2 juta", "sarantas_berenar", 3, "1200000"),
        ("/laba bumdes serati 12/2024 0", "serati", 12, "0"),
    ]:
        calls = await bot.kirim(OPKEC, teks)
        assert "Tersimpan" in bot.teks(calls), (teks, bot.teks(calls))
        tahun = 2025 if bulan == 1 else 2024
        assert laba_tersimpan(bot.store, bumdes, tahun, bulan) == Decimal(jumlah), teks


async def test_angka_salah_tidak_menyimpan_apa_pun(bot):
    await ditolak_semua(bot, SITI, [
        ("/laba 2025-01 tujuh ratus", "bukan angka yang sah"),
        ("/laba 2025-01", "jumlah keuntungan belum ditulis"),
        ("/laba bulan-lalu 100000", "tidak dikenali"),
        ("/laba 2025-13 100000", "tidak ada"),
        ("/laba 2026-01 100000", "masa depan"),
        ("/laba 2025-01 -5000", "negatif"),
        ("/laba 2025-01 5.000.000.000", "tidak wajar"),
    ])


async def test_angka_ambigu_ditanyakan_lalu_dipilih(bot):
    calls = await bot.kirim(SITI, "/laba 2025-01 734.4")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    assert "Maksud Anda" in pesan.teks
    pilihan = {t: d for t, d in pesan.tombol}
    assert "Rp 734.400" in pilihan and "Rp 734,40" in pilihan
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) is None  # nothing guessed
    calls = await bot.tekan(SITI, pesan, pilihan["Rp 734.400"])
    assert "Tersimpan" in bot.teks(calls)
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")
    # a double tap changes nothing
    with tanpa_kiriman_baru(bot.store):
        await bot.tekan(SITI, pesan, pilihan["Rp 734.400"])


async def test_update_ganda_tidak_mengubah_apa_pun(bot):
    update = bot.api.pesan_dari(SITI, "/laba 2025-01 500.000")
    pertama = await bot.proses(update)
    with tanpa_kiriman_baru(bot.store):
        kedua = await bot.proses(update)  # Telegram delivers the same update again
        assert "Tersimpan" in bot.teks(pertama)
        assert kedua == []  # not even a second reply
        # same chat and message, different update id (a redelivery after a restart): the key holds
        update2 = dict(update, update_id=update["update_id"] + 100)
        await bot.proses(update2)


async def test_nilai_sama_dan_koreksi(bot):
    teks = bot.teks(await bot.kirim(SITI, "/laba 2024-11 734.400"))  # as in the seed (Gambar 3.6)
    assert "sudah tercatat" in teks
    teks = bot.teks(await bot.kirim(SITI, "/laba 2024-11 743.400"))
    assert "koreksi" in teks and "Rp 734.400" in teks  # the old value is named
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 11) == Decimal("743400")
    riwayat = bot.store.riwayat(bot.store.pengguna_telegram(SITI.id), jenis="laba", batas=5)
    assert riwayat[0].status == "koreksi" and riwayat[0].menggantikan is not None


async def test_operator_desa_hanya_bumdes_desanya(bot):
    with tanpa_kiriman_baru(bot.store):
        teks = bot.teks(await bot.kirim(SITI, "/laba serati 2025-01 100.000"))
        assert "hanya boleh mengirim data desanya sendiri" in teks


async def test_peran_tanpa_hak_lapor_ditolak(bot):
    with tanpa_kiriman_baru(bot.store):
        for orang in (CAMAT, AUDITOR):
            teks = bot.teks(await bot.kirim(orang, "/laba 2025-01 100.000"))
            assert "tidak tersedia untuk peran" in teks
            teks = bot.teks(await bot.kirim(orang, "/laba"))
            assert "tidak tersedia untuk peran" in teks


async def test_beberapa_bumdes_ditanya_yang_mana(bot):
    calls = await bot.kirim(BUDI, "/laba 2025-01 250.000")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    assert "Untuk BUMDes mana" in pesan.teks
    tombol = dict(pesan.tombol)
    assert set(tombol) == {"Siam Baralang (Loksado)", "Hamaendi Makmer (Loksado)", "✖ Batal"}
    calls = await bot.tekan(BUDI, pesan, tombol["Hamaendi Makmer (Loksado)"])
    assert "Hamaendi Makmer Januari 2025: Rp 250.000" in bot.teks(calls)
    assert laba_tersimpan(bot.store, "hamaendi_makmer", 2025, 1) == Decimal("250000")


async def test_alur_tombol_lengkap(bot):
    calls = await bot.kirim(BUDI, "/laba")
    m1 = bot.pesan(calls, "sendMessage")[-1]
    assert "Pilih BUMDes" in m1.teks
    calls = await bot.tekan(BUDI, m1, dict(m1.tombol)["Siam Baralang (Loksado)"])
    edit = bot.pesan(calls, "editMessageText")[-1]
    assert "Pilih bulannya" in edit.teks
    bulan = dict(edit.tombol)
    assert list(bulan)[:4] == ["Feb 2025", "Jan 2025", "Des 2024", "Nov 2024"]
    calls = await bot.tekan(BUDI, m1, bulan["Jan 2025"])
    assert "Ketik jumlah" in bot.teks(calls)
    calls = await bot.kirim(BUDI, "Rp 1.250.000")
    konfirmasi = bot.pesan(calls, "sendMessage")[-1]
    assert "Periksa sebelum disimpan" in konfirmasi.teks and "Rp 1.250.000" in konfirmasi.teks
    assert laba_tersimpan(bot.store, "siam_baralang", 2025, 1) is None  # not before the confirmation
    calls = await bot.tekan(BUDI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"])
    assert "Tersimpan" in bot.teks(calls)
    assert bot.api.pesan[(BUDI.id, konfirmasi.hasil["message_id"])].get("reply_markup") is None
    assert laba_tersimpan(bot.store, "siam_baralang", 2025, 1) == Decimal("1250000")
    # after the flow, free text is not taken as an amount
    teks = bot.teks(await bot.kirim(BUDI, "500000"))
    assert "tidak saya kenali" in teks


async def test_alur_bulan_lain_salah_ketik_dan_batal(bot):
    calls = await bot.kirim(SITI, "/laba")
    m1 = bot.pesan(calls, "sendMessage")[-1]
    await bot.tekan(SITI, m1, dict(m1.tombol)["Bulan lain…"])
    teks = bot.teks(await bot.kirim(SITI, "bulan depan"))
    assert "tidak dikenali" in teks and "Ketik lagi" in teks
    teks = bot.teks(await bot.kirim(SITI, "Juli 2024"))
    assert "Juli 2024" in teks and "Ketik jumlah" in teks
    teks = bot.teks(await bot.kirim(SITI, "banyak"))
    assert "bukan angka yang sah" in teks and "Ketik lagi" in teks
    calls = await bot.kirim(SITI, "1.5")
    ambigu = bot.pesan(calls, "sendMessage")[-1]
    assert "Maksud Anda" in ambigu.teks
    teks = bot.teks(await bot.kirim(SITI, "/batal"))
    assert "Dibatalkan" in teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 7) == Decimal("640000")  # unchanged seed value


async def test_tombol_batal(bot):
    calls = await bot.kirim(SITI, "/laba")
    m1 = bot.pesan(calls, "sendMessage")[-1]
    calls = await bot.tekan(SITI, m1, "lx")
    assert "Dibatalkan" in bot.teks(calls)


async def test_mulai_ulang_di_tengah_alur_dilanjutkan(buat_bot):
    """With the persistence file, a restart between two steps resumes the flow."""
    bot1 = await buat_bot()
    calls = await bot1.kirim(SITI, "/laba")
    m1 = bot1.pesan(calls, "sendMessage")[-1]
    await bot1.tekan(SITI, m1, dict(m1.tombol)["Jan 2025"])
    await bot1.app.update_persistence()
    await bot1.app.shutdown()

    bot2 = await buat_bot()  # a new process on the same persistence file
    calls = await bot2.kirim(SITI, "812.500")
    konfirmasi = bot2.pesan(calls, "sendMessage")[-1]
    assert "Rp 812.500" in konfirmasi.teks and "Januari 2025" in konfirmasi.teks
    calls = await bot2.tekan(SITI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"])
    assert "Tersimpan" in bot2.teks(calls)
    assert laba_tersimpan(bot2.store, "sumber_rahmat", 2025, 1) == Decimal("812500")


async def test_mulai_ulang_tanpa_keadaan_diulang_dengan_bersih(buat_bot, tmp_path):
    """A crash loses the flow's state: typed text gets a clear hint, old buttons still work."""
    bot1 = await buat_bot(persistensi=tmp_path / "hilang.pickle")
    calls = await bot1.kirim(SITI, "/laba")
    m1 = bot1.pesan(calls, "sendMessage")[-1]
    await bot1.tekan(SITI, m1, dict(m1.tombol)["Jan 2025"])
    # crash: no update_persistence, no shutdown flush; the new process has another state file
    bot2 = await buat_bot(persistensi=tmp_path / "baru.pickle")
    teks = bot2.teks(await bot2.kirim(SITI, "812.500"))
    assert "mulai lagi" in teks and "/laba" in teks
    assert laba_tersimpan(bot2.store, "sumber_rahmat", 2025, 1) is None
    # the month buttons of the old message carry their data: the flow continues from there
    calls = await bot2.tekan(SITI, m1, "lm:sumber_rahmat:2025-01")
    assert [c.metode for c in calls if c.metode != "setMyCommands"] == ["answerCallbackQuery"]
    assert "Ketik jumlah" in bot2.api.pesan[(SITI.id, m1.hasil["message_id"])]["text"]
    calls = await bot2.kirim(SITI, "812.500")
    konfirmasi = bot2.pesan(calls, "sendMessage")[-1]
    await bot2.tekan(SITI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"])
    assert laba_tersimpan(bot2.store, "sumber_rahmat", 2025, 1) == Decimal("812500")


async def test_alur_kedaluwarsa_diulang(buat_bot):
    import datetime as dt

    from botuji import JAM

    kini = [JAM]
    bot = await buat_bot(sekarang=lambda: kini[0])
    calls = await bot.kirim(SITI, "/laba")
    m1 = bot.pesan(calls, "sendMessage")[-1]
    await bot.tekan(SITI, m1, dict(m1.tombol)["Jan 2025"])
    kini[0] = JAM + dt.timedelta(hours=5)
    teks = bot.teks(await bot.kirim(SITI, "100.000"))
    assert "sudah berakhir" in teks


async def test_admin_dan_operator_kecamatan_memilih_dari_semua_bumdes(bot):
    for orang in (ADMIN, OPKEC):
        calls = await bot.kirim(orang, "/laba")
        m1 = bot.pesan(calls, "sendMessage")[-1]
        assert len([t for t, d in m1.tombol if d.startswith("lb:")]) == 6


async def test_berkas_keadaan_rusak_tidak_menghalangi_mulai(buat_bot, tmp_path):
    berkas = tmp_path / "rusak.pickle"
    berkas.write_bytes(b"ini bukan pickle")
    bot = await buat_bot(persistensi=berkas)
    assert "Tersimpan" in bot.teks(await bot.kirim(SITI, "/laba 2025-01 100.000"))
    assert list(tmp_path.glob("rusak.pickle.rusak-*"))


def simpan_rencana(store, ubah_bumdes):
    """Re-import the plan with the BUMDes list changed (a new organisasi.yaml, as an admin would)."""
    from dataclasses import replace

    from sakip_rules.store import rencana
    from sakip_rules.store.koneksi import tulis

    ds = store.dataset("loksado")
    kec = replace(ds.kecamatan, bumdes=tuple(ubah_bumdes(list(ds.kecamatan.bumdes))))
    tulis(store.engine, lambda c: rencana.simpan_rencana(c, replace(ds, kecamatan=kec), sumber="uji",
                                                         saluran="cli", oleh="uji", waktu=store.jam()))


KODE_PANJANG = ("bumdes_" + "a" * 70, "bumdes_" + "b" * 70)  # too long for any button with its code


def tambah_bumdes_panjang(daftar):
    from dataclasses import replace

    contoh = next(b for b in daftar if b.desa == "loksado")
    return daftar + [replace(contoh, kode=k, nama=f"Panjang {k[7].upper()}", nama_di_rekap=None)
                     for k in KODE_PANJANG]


async def test_kode_bumdes_panjang_tidak_tertukar_setelah_urutan_berubah(bot):
    from bot.handlers.laba import sidik_bumdes

    simpan_rencana(bot.store, tambah_bumdes_panjang)
    calls = await bot.kirim(BUDI, "/laba")
    m1 = bot.pesan(calls, "sendMessage")[-1]
    tombol = dict(m1.tombol)
    assert tombol["Siam Baralang (Loksado)"] == "lb:siam_baralang"  # a code that fits is sent as is
    assert tombol["Panjang B (Loksado)"] == "lb:" + sidik_bumdes(KODE_PANJANG[1])
    assert all(len(d.encode()) <= 64 for d in tombol.values())
    # the plan is imported again with the BUMDes in another order: the old button still means B
    simpan_rencana(bot.store, lambda daftar: daftar[::-1])
    calls = await bot.tekan(BUDI, m1, tombol["Panjang B (Loksado)"])
    edit = bot.pesan(calls, "editMessageText")[-1]
    assert "Panjang B" in edit.teks and "Panjang A" not in edit.teks
    await bot.tekan(BUDI, m1, dict(edit.tombol)["Jan 2025"])
    calls = await bot.kirim(BUDI, "250.000")
    konfirmasi = bot.pesan(calls, "sendMessage")[-1]
    simpan_rencana(bot.store, lambda daftar: daftar[::-1])
    calls = await bot.tekan(BUDI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"])
    assert "Tersimpan" in bot.teks(calls) and "Panjang B Januari 2025" in bot.teks(calls)
    assert laba_tersimpan(bot.store, KODE_PANJANG[1], 2025, 1) == Decimal("250000")
    assert laba_tersimpan(bot.store, KODE_PANJANG[0], 2025, 1) is None


async def test_kode_bumdes_panjang_satu_baris_lalu_pilih(bot):
    simpan_rencana(bot.store, tambah_bumdes_panjang)
    calls = await bot.kirim(BUDI, "/laba 2025-01 125.000")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    tombol = dict(pesan.tombol)
    simpan_rencana(bot.store, lambda daftar: daftar[::-1])
    calls = await bot.tekan(BUDI, pesan, tombol["Panjang A (Loksado)"])
    assert "Panjang A Januari 2025: Rp 125.000" in bot.teks(calls)
    assert laba_tersimpan(bot.store, KODE_PANJANG[0], 2025, 1) == Decimal("125000")


async def test_tombol_bumdes_yang_tidak_dikenal_tidak_menyimpan(bot):
    simpan_rencana(bot.store, tambah_bumdes_panjang)
    calls = await bot.kirim(BUDI, "/laba 2025-01 125.000")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    data = dict(pesan.tombol)["Panjang A (Loksado)"]
    # the long-coded BUMDes is removed from the plan: its button names no BUMDes any more
    simpan_rencana(bot.store, lambda daftar: [b for b in daftar if b.kode not in KODE_PANJANG])
    with tanpa_kiriman_baru(bot.store):
        calls = await bot.tekan(BUDI, pesan, data)
        assert "sudah berakhir" in bot.teks(calls)
        for lama in (data, "lk:#0:202501:125000", "lb:#5"):  # '#<position>' buttons of older versions
            calls = await bot.tekan(BUDI, pesan, lama)
            jawab = [c.param.get("text") for c in calls if c.metode == "answerCallbackQuery"]
            assert jawab == ["BUMDes tidak dikenal"], lama


async def test_tombol_kedua_pada_pesan_yang_sudah_diedit_tidak_menyimpan_lagi(bot):
    """Two choices on one message: the second tap (already on its way when the first was stored
    and the bot edited the message) carries the edited message, and must store nothing."""
    calls = await bot.kirim(SITI, "/laba 2025-01 734.4")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    pilihan = dict(pesan.tombol)
    await bot.tekan(SITI, pesan, pilihan["Rp 734.400"])
    with tanpa_kiriman_baru(bot.store):
        await bot.tekan(SITI, pesan, pilihan["Rp 734,40"])
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")


def test_kunci_tombol_tanpa_waktu_edit():
    """A button's key: its message (never the message's edit time) and a hash of its own data."""
    import datetime as dt
    from types import SimpleNamespace

    from bot.pesan import kunci_pesan, kunci_tombol

    pesan = SimpleNamespace(chat_id=7, chat=SimpleNamespace(id=7), message_id=42, text="/laba 2025-01 250000",
                            caption=None, edit_date=dt.datetime(2025, 2, 10, tzinfo=dt.timezone.utc))
    a = kunci_tombol(SimpleNamespace(message=pesan, data="lk:siam_baralang:2025-01:250000"))
    assert a.startswith("tg:7:42:") and ":e" not in a
    assert kunci_tombol(SimpleNamespace(message=pesan, data="lk:siam_baralang:2025-01:250000")) == a
    assert kunci_tombol(SimpleNamespace(message=pesan, data="lk:hamaendi_makmer:2025-01:250000")) != a
    assert kunci_pesan(pesan).startswith("tg:7:42:e")
    # an edit within the same second with another text is another request
    assert kunci_pesan(SimpleNamespace(**{**vars(pesan), "text": "/laba 2025-01 260000"})) != kunci_pesan(pesan)


async def test_tombol_lain_pada_pesan_yang_gagal_diedit_adalah_pilihan_baru(bot):
    """The bot's edit that removes the buttons fails (network): the buttons stay, and a second,
    different button is a new choice, stored; a second tap of the same button stores nothing."""
    calls = await bot.kirim(BUDI, "/laba 2025-01 250.000")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    tombol = dict(pesan.tombol)
    bot.api.suntik("editMessageText", "timeout", "jaringan", "timeout")  # every attempt fails
    calls = await bot.tekan(BUDI, pesan, tombol["Siam Baralang (Loksado)"])
    # the result is not lost with the failed edit: it comes as a new message
    assert "Tersimpan" in bot.teks(calls) and "Siam Baralang Januari 2025: Rp 250.000" in bot.teks(calls)
    assert bot.api.pesan[(BUDI.id, pesan.hasil["message_id"])].get("reply_markup")  # buttons still shown
    with tanpa_kiriman_baru(bot.store):  # the same button again: the first result, nothing stored
        bot.api.suntik("editMessageText", "timeout", "jaringan", "timeout")
        teks = bot.teks(await bot.tekan(BUDI, pesan, tombol["Siam Baralang (Loksado)"]))
        assert "Siam Baralang" in teks and "Hamaendi" not in teks
    calls = await bot.tekan(BUDI, pesan, tombol["Hamaendi Makmer (Loksado)"])
    teks = bot.teks(calls)
    assert "Tersimpan" in teks and "Hamaendi Makmer Januari 2025: Rp 250.000" in teks and "Siam" not in teks
    assert laba_tersimpan(bot.store, "hamaendi_makmer", 2025, 1) == Decimal("250000")
    assert laba_tersimpan(bot.store, "siam_baralang", 2025, 1) == Decimal("250000")


async def test_pilihan_angka_ambigu_kedua_setelah_edit_gagal_adalah_koreksi(bot):
    calls = await bot.kirim(SITI, "/laba 2025-01 734.4")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    pilihan = dict(pesan.tombol)
    bot.api.suntik("editMessageText", "timeout", "jaringan", "timeout")
    assert "Rp 734.400" in bot.teks(await bot.tekan(SITI, pesan, pilihan["Rp 734.400"]))
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")
    teks = bot.teks(await bot.tekan(SITI, pesan, pilihan["Rp 734,40"]))
    assert "koreksi" in teks and "Rp 734,40" in teks and "Nilai sebelumnya: Rp 734.400" in teks, teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734.40")


async def test_tombol_terlambat_dijawab_tidak_berlaku(bot):
    """A save button pressed on a message the bot already replaced with the result."""
    calls = await bot.kirim(BUDI, "/laba 2025-01 250.000")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    tombol = dict(pesan.tombol)
    await bot.tekan(BUDI, pesan, tombol["Siam Baralang (Loksado)"])
    with tanpa_kiriman_baru(bot.store):
        calls = await bot.tekan(BUDI, pesan, tombol["Hamaendi Makmer (Loksado)"])
    jawab = [c.param for c in calls if c.metode == "answerCallbackQuery"]
    assert len(jawab) == 1 and "sudah diproses" in jawab[0]["text"] and jawab[0].get("show_alert")
    assert laba_tersimpan(bot.store, "hamaendi_makmer", 2025, 1) is None


async def test_bulan_diketik_diperiksa_saat_diketik(bot):
    """A future month (or one outside the plan years) is refused when typed, and the flow goes on."""
    calls = await bot.kirim(SITI, "/laba")
    m1 = bot.pesan(calls, "sendMessage")[-1]
    await bot.tekan(SITI, m1, dict(m1.tombol)["Bulan lain…"])
    with tanpa_kiriman_baru(bot.store):
        for bulan, potongan in [("Januari 2030", "masa depan"), ("Maret 2010", "di luar")]:
            teks = bot.teks(await bot.kirim(SITI, bulan))
            assert "⚠️" in teks and potongan in teks and "Ketik lagi" in teks, (bulan, teks)
            assert "Ketik jumlah" not in teks
    teks = bot.teks(await bot.kirim(SITI, "Januari 2025"))
    assert "Januari 2025" in teks and "Ketik jumlah" in teks
    konfirmasi = bot.pesan(await bot.kirim(SITI, "300.000"), "sendMessage")[-1]
    await bot.tekan(SITI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"])
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("300000")


async def test_bumdes_tak_dikenal_disebut_dengan_daftar_bumdes_petugas(bot):
    await ditolak_semua(bot, SITI, [
        ("/laba serat 2025-01 100", "BUMDes 'serat' tidak dikenal"),
        ("/laba serat 2025-01 100", "BUMDes yang dapat Anda laporkan: Sumber Rahmat."),
        ("/laba bumdes baru Nov 2024 Rp 150.000", "BUMDes 'bumdes baru' tidak dikenal"),
    ])
    await ditolak_semua(bot, BUDI, [
        ("/laba siam 2025-01 100", "BUMDes yang dapat Anda laporkan: Siam Baralang, Hamaendi Makmer."),
    ])
    # no month anywhere: the month is what is unknown
    await ditolak_semua(bot, SITI, [("/laba serat 100", "bulan 'serat' tidak dikenali")])


async def test_pesan_yang_disunting_di_tengah_isian(bot):
    """Officers fix typos by editing: an edited month or amount is read again (a new question or
    confirmation, nothing stored before Simpan); an edit of another message changes nothing; an
    edited message after the flow says it changed nothing stored."""
    lain = bot.api.pesan_dari(SITI, "halo")
    await bot.proses(lain)
    m1 = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
    await bot.tekan(SITI, m1, dict(m1.tombol)["Bulan lain…"])
    with tanpa_kiriman_baru(bot.store):
        bulan = bot.api.pesan_dari(SITI, "Juli 2024")
        assert "Juli 2024" in bot.teks(await bot.proses(bulan))
        teks = bot.teks(await bot.proses(bot.api.sunting(bulan, "Juni 2024")))
        assert "Juni 2024" in teks and "Ketik jumlah" in teks, teks
        jumlah = bot.api.pesan_dari(SITI, "125.000")
        calls = await bot.proses(jumlah)
        assert "Rp 125.000" in bot.pesan(calls, "sendMessage")[-1].teks
        calls = await bot.proses(bot.api.sunting(jumlah, "150.000"))
        konfirmasi = bot.pesan(calls, "sendMessage")[-1]
        assert "Periksa sebelum disimpan" in konfirmasi.teks and "Rp 150.000" in konfirmasi.teks
        assert "Juni 2024" in konfirmasi.teks
        teks = bot.teks(await bot.proses(bot.api.sunting(lain, "halo lagi")))
        assert "tidak dipakai" in teks and "Traceback" not in teks
    # the flow went on: Simpan of the newest confirmation stores the corrected amount and month
    teks = bot.teks(await bot.tekan(SITI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"]))
    assert "Sumber Rahmat Juni 2024: Rp 150.000" in teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 6) == Decimal("150000")
    with tanpa_kiriman_baru(bot.store):  # the flow is over: an edit changes nothing stored, and says so
        teks = bot.teks(await bot.proses(bot.api.sunting(jumlah, "175.000")))
        assert "tidak mengubah data yang sudah tersimpan" in teks
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2024, 6) == Decimal("150000")


async def test_perintah_baca_yang_disunting_di_tengah_isian(bot):
    """An edited reading command answers again, and does not disturb a /laba flow under way."""
    capaian = bot.api.pesan_dari(SITI, "/capaian 2023")
    await bot.proses(capaian)
    m1 = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
    await bot.tekan(SITI, m1, dict(m1.tombol)["Jan 2025"])
    teks = bot.teks(await bot.proses(bot.api.sunting(capaian, "/capaian 2024")))
    assert "Tahun 2024" in teks and "Traceback" not in teks
    konfirmasi = bot.pesan(await bot.kirim(SITI, "410.000"), "sendMessage")[-1]
    assert "Rp 410.000" in konfirmasi.teks
    await bot.tekan(SITI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"])
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("410000")


async def test_angka_ambigu_diperiksa_sekali_per_bacaan(bot, monkeypatch):
    """Each reading of an ambiguous amount is checked by the store once, and the buttons offer
    exactly the readings that check allowed (one line and the guided flow alike)."""
    diperiksa = []
    periksa = bot.store.periksa_jumlah_laba
    monkeypatch.setattr(bot.store, "periksa_jumlah_laba", lambda j: diperiksa.append(j) or periksa(j))
    with tanpa_kiriman_baru(bot.store):
        pesan = bot.pesan(await bot.kirim(SITI, "/laba 2025-01 734.4"), "sendMessage")[-1]
        assert [t for t, _ in pesan.tombol if t.startswith("Rp")] == ["Rp 734,40", "Rp 734.400"]
        assert sorted(diperiksa) == [Decimal("734.4"), Decimal("734400")]
        diperiksa.clear()
        m1 = bot.pesan(await bot.kirim(SITI, "/laba"), "sendMessage")[-1]
        await bot.tekan(SITI, m1, dict(m1.tombol)["Jan 2025"])
        pesan = bot.pesan(await bot.kirim(SITI, "734.4"), "sendMessage")[-1]
        assert [t for t, _ in pesan.tombol if t.startswith("Rp")] == ["Rp 734,40", "Rp 734.400"]
        assert sorted(diperiksa) == [Decimal("734.4"), Decimal("734400")]
