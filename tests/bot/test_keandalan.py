"""Failures on the way back to the user never lose a submission; no traceback reaches anyone."""

import asyncio
import logging
from decimal import Decimal

from botuji import ADMIN, CAMAT, SITI, jumlah_kiriman, laba_tersimpan, tanpa_kiriman_baru
from telegram import Update

from bot.handlers.galat import MAAF


async def test_429_ditunggu_lalu_terkirim(bot):
    bot.api.suntik("sendMessage", "429")
    calls = await bot.kirim(SITI, "/laba 2025-01 734.400")
    kirim = [c for c in bot.api.panggilan if c.metode == "sendMessage"]
    assert [c.galat for c in kirim] == ["429", None]
    assert kirim[1].waktu - kirim[0].waktu >= 1.0  # retry_after was honoured
    assert "Tersimpan" in bot.teks(calls)
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")
    assert not bot.layanan.pengirim.tak_terkirim


async def test_respons_hilang_setelah_terkirim(bot):
    sebelum = jumlah_kiriman(bot.store)
    bot.api.suntik("sendMessage", "hilang")
    calls = await bot.kirim(SITI, "/laba 2025-01 734.400")
    # the reply was delivered, its response lost, so it was sent again: seen twice, stored once
    assert [("Tersimpan" in c.teks) for c in bot.pesan(calls, "sendMessage")] == [True, True]
    assert jumlah_kiriman(bot.store) == sebelum + 1
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")


async def test_timeout_diulang(bot):
    bot.api.suntik("sendMessage", "timeout")
    calls = await bot.kirim(SITI, "/laba 2025-01 734.400")
    assert len(bot.pesan(calls, "sendMessage")) == 1
    assert [c.galat for c in bot.api.panggilan if c.metode == "sendMessage"] == ["timeout", None]


async def test_403_dicatat_tanpa_kehilangan_kiriman(bot):
    bot.api.suntik("sendMessage", "403")
    calls = await bot.kirim(SITI, "/laba 2025-01 734.400")
    assert bot.pesan(calls, "sendMessage") == []
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")  # stored before replying, kept
    gagal = list(bot.layanan.pengirim.tak_terkirim)
    assert len(gagal) == 1 and gagal[0].chat_id == SITI.id and gagal[0].alasan.startswith("403")
    assert "Tersimpan" in gagal[0].ringkas


async def test_semua_percobaan_gagal_tetap_tersimpan(bot):
    bot.api.suntik("sendMessage", "timeout", "jaringan", "timeout")
    calls = await bot.kirim(SITI, "/laba 2025-01 734.400")
    assert bot.pesan(calls, "sendMessage") == []
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("734400")
    assert bot.layanan.pengirim.tak_terkirim[-1].alasan.startswith("jaringan")
    # the officer sends it again: "already recorded", nothing duplicated
    with tanpa_kiriman_baru(bot.store):
        teks = bot.teks(await bot.kirim(SITI, "/laba 2025-01 734.400"))
        assert "sudah tercatat" in teks


async def test_429_saat_konfirmasi_tombol(bot):
    calls = await bot.kirim(SITI, "/laba")
    m1 = bot.pesan(calls, "sendMessage")[-1]
    await bot.tekan(SITI, m1, "lm:sumber_rahmat:2025-01")
    calls = await bot.kirim(SITI, "600.000")
    konfirmasi = bot.pesan(calls, "sendMessage")[-1]
    bot.api.suntik("editMessageText", "hilang")
    calls = await bot.tekan(SITI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"])
    assert laba_tersimpan(bot.store, "sumber_rahmat", 2025, 1) == Decimal("600000")
    # the retried edit found the message already edited: treated as done, nothing repeated
    assert "Tersimpan" in bot.api.pesan[(SITI.id, konfirmasi.hasil["message_id"])]["text"]
    assert not bot.layanan.pengirim.tak_terkirim


async def test_kesalahan_internal_dijawab_sopan(bot, monkeypatch, caplog):
    def rusak(*a, **kw):
        raise RuntimeError("rahasia internal: koneksi db putus")

    monkeypatch.setattr(bot.store, "dataset", rusak)
    with caplog.at_level(logging.ERROR):
        teks = bot.teks(await bot.kirim(CAMAT, "/capaian 2024"))
    assert teks == MAAF
    assert "rahasia" not in teks and "Traceback" not in teks and "RuntimeError" not in teks
    assert any("rahasia internal" in (r.exc_text or "") or r.exc_info for r in caplog.records)
    # from a button too: the query is answered, the user told
    calls = await bot.kirim(CAMAT, "/jelaskan")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    calls = await bot.tekan(CAMAT, pesan, "j:ikm:2024")
    assert "answerCallbackQuery" in [c.metode for c in calls]
    assert bot.teks(calls) == MAAF


async def test_pesan_panjang_dipecah(bot):
    admin = bot.store.pengguna_telegram(ADMIN.id)
    for i in range(160):
        bot.store.tambah_pengguna(admin, f"Petugas Dengan Nama Yang Cukup Panjang Nomor {i:03d} <&>", "auditor",
                                  kecamatan="loksado")
    calls = await bot.kirim(ADMIN, "/pengguna")
    pesan = bot.pesan(calls, "sendMessage")
    assert len(pesan) >= 3  # the fake refused nothing: each part within 4096 characters, valid HTML
    semua = "\n".join(p.hasil["text"] for p in pesan)
    assert "Nomor 000 <&>" in semua and "Nomor 159 <&>" in semua


async def test_urutan_per_chat_dan_chat_lain_tidak_tertahan(bot):
    """Updates of one chat are answered in order; a 429 in one chat does not hold up another."""
    app = bot.app
    bot.api.jeda["sendMessage"] = 0.01
    bot.api.suntik("sendMessage", "429", chat_id=SITI.id)  # SITI's first reply waits 1 s
    await app.start()
    try:
        bulan = [3, 4, 5, 6, 7, 8]
        for m in bulan:
            await app.update_queue.put(Update.de_json(
                bot.api.pesan_dari(SITI, f"/laba 2024-{m:02d} {m}00.000"), app.bot))
        await app.update_queue.put(Update.de_json(bot.api.pesan_dari(CAMAT, "/capaian 2024"), app.bot))
        for _ in range(400):
            if len(bot.api.terkirim(SITI.id, "sendMessage")) == len(bulan):
                break
            await asyncio.sleep(0.01)
    finally:
        await app.stop()
    siti = [c.teks for c in bot.api.terkirim(SITI.id, "sendMessage")]
    assert len(siti) == len(bulan)
    for teks, m in zip(siti, bulan):
        assert f"{m}00.000" in teks, siti
    camat = bot.api.terkirim(CAMAT.id, "sendMessage")[0]
    pertama_siti = bot.api.terkirim(SITI.id, "sendMessage")[0]
    assert camat.waktu < pertama_siti.waktu  # not stuck behind SITI's 429 wait


async def test_tabel_panjang_dipecah_dengan_pre_seimbang(buat_bot, tmp_path):
    """A kecamatan with many BUMDes: the Gambar 3.6 recap (<pre>) is longer than one message."""
    import yaml

    from botuji import PENGGUNA, jam
    from salinan import salin_data
    from sakip_rules.store import Store

    folder = salin_data(tmp_path)
    org = yaml.safe_load((folder / "organisasi.yaml").read_text(encoding="utf-8"))
    desa = [d["kode"] for d in org["desa"]]
    org["bumdes"] += [{"kode": f"uji_{i:02d}", "nama": f"BUMDes Uji Nomor {i:02d}", "desa": desa[i % len(desa)],
                       "aktif": True} for i in range(60)]
    (folder / "organisasi.yaml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    besar = Store.buka(f"sqlite:///{tmp_path / 'besar.db'}", seed=False, jam=jam)
    try:
        besar.impor_folder(None, folder)
        for orang, nama, peran, kode_desa in PENGGUNA:
            besar.tambah_pengguna(None, nama, peran, kecamatan="loksado", desa=kode_desa, telegram_id=orang.id)
        bot = await buat_bot(store_=besar)
        calls = await bot.kirim(CAMAT, "/rekap_bumdes 2024")
        pesan = bot.pesan(calls, "sendMessage")
        assert len(pesan) >= 3  # each part accepted by the fake: <= 4096 characters, valid HTML
        for p in pesan:
            assert p.param["text"].count("<pre>") == p.param["text"].count("</pre>")
        dengan_tabel = [p for p in pesan if "<pre>" in p.param["text"]]
        assert len(dengan_tabel) >= 2  # the table itself was split...
        assert dengan_tabel[1].param["text"].startswith("<pre>")  # ...and goes on in a new <pre>
        semua = "\n".join(p.hasil["text"] for p in pesan)
        assert "BUMDes Uji Nomor 00" in semua and "BUMDes Uji Nomor 59" in semua and "Belum lapor" in semua
        assert bot.pesan(calls, "sendDocument")
    finally:
        besar.tutup()
