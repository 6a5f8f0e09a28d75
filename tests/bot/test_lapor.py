"""/ikm (typed and uploaded), /status_desa, /anggaran: the kecamatan operator's submissions."""

import io

from botuji import ADMIN, AUDITOR, CAMAT, OPKEC, SITI, ditolak_semua, tanpa_kiriman_baru


def csv_jawaban(baris=10) -> bytes:
    kepala = ",".join(f"U{i}" for i in range(1, 10))
    isi = [",".join(str(3 + (r + u) % 2) for u in range(9)) for r in range(baris)]
    return ("\n".join([kepala, *isi]) + "\n").encode()


def xlsx_jawaban(baris=8) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["NO"] + [f"U{i}" for i in range(1, 10)])
    for r in range(baris):
        ws.append([r + 1] + [4 if (r + u) % 3 else 3 for u in range(9)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ikm_tersimpan(store, tahun, semester):
    return [s for s in store.dataset("loksado").ikm if (s.tahun, s.semester) == (tahun, semester)]


async def test_ikm_diketik(bot):
    teks = bot.teks(await bot.kirim(OPKEC, "/ikm 2024 1 88,75 responden 120"))
    assert "Tersimpan" in teks and "IKM semester I 2024" in teks and "88,75" in teks
    s = ikm_tersimpan(bot.store, 2024, 1)[-1]
    assert (s.tingkat, str(s.nilai), s.responden) == ("nilai", "88.75", 120)
    teks = bot.teks(await bot.kirim(ADMIN, "/ikm 2024 I jumlah_nrr 32,410"))
    assert "koreksi" in teks and "jumlah NRR 32,41" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/ikm 2024 1 nrr 3,5 3,6 3,7 3,5 3,6 3,7 3,5 3,6 3,7"))
    assert "Tersimpan" in teks and "NRR" in teks


async def test_ikm_salah(bot):
    await ditolak_semua(bot, OPKEC, [
        ("/ikm 2024 3 90", "semester '3'"),
        ("/ikm 2024 1 120", "di luar rentang"),
        ("/ikm 2024 1 nrr 3,5 3,6", "9 unsur"),
        ("/ikm 2024 1 90.431", "dapat dibaca lebih dari satu cara"),
        ("/ikm 2024 1 90,5 91", "satu angka"),
    ])
    assert "/ikm TAHUN SEMESTER" in bot.teks(await bot.kirim(OPKEC, "/ikm"))


async def test_ikm_unggah_csv_dengan_keterangan(bot):
    calls = await bot.kirim(OPKEC, dokumen=("skm_sem1.csv", csv_jawaban()), keterangan="/ikm 2024 1")
    assert [c.metode for c in calls if c.metode in ("getFile", "download")] == ["getFile", "download"]
    teks = bot.teks(calls)
    assert "Tersimpan" in teks and "skm_sem1.csv" in teks
    s = ikm_tersimpan(bot.store, 2024, 1)[-1]
    assert s.tingkat == "jawaban" and s.responden == 10


async def test_ikm_unggah_xlsx_setelah_perintah(bot):
    teks = bot.teks(await bot.kirim(OPKEC, "/ikm 2024 1"))
    assert "Kirim sekarang berkas" in teks
    teks = bot.teks(await bot.kirim(OPKEC, dokumen=("jawaban.xlsx", xlsx_jawaban())))
    assert "Tersimpan" in teks
    assert ikm_tersimpan(bot.store, 2024, 1)[-1].responden == 8


async def test_ikm_unggah_berkas_salah(bot):
    with tanpa_kiriman_baru(bot.store):
        teks = bot.teks(await bot.kirim(OPKEC, dokumen=("foto.pdf", b"%PDF-1.4"), keterangan="/ikm 2024 1"))
        assert "bukan CSV atau XLSX" in teks
        teks = bot.teks(await bot.kirim(OPKEC, dokumen=("x.csv", b"A,B\n1,2\n"), keterangan="/ikm 2024 1"))
        assert "U1" in teks and "⚠️" in teks
        rusak = csv_jawaban().replace(b"3,4,3", b"3,7,3", 1)
        teks = bot.teks(await bot.kirim(OPKEC, dokumen=("rusak.csv", rusak), keterangan="/ikm 2024 1"))
        assert "harus 1–4" in teks and "rusak.csv" in teks
        teks = bot.teks(await bot.kirim(OPKEC, dokumen=("tanpa.csv", csv_jawaban())))
        assert "untuk survei mana" in teks
    # a photo instead of a file
    teks = bot.teks(await bot.kirim(OPKEC, foto=True))
    assert "Foto tidak dapat dibaca" in teks


async def test_ikm_unggah_oleh_peran_lain_ditolak(bot):
    teks = bot.teks(await bot.kirim(SITI, dokumen=("a.csv", csv_jawaban()), keterangan="/ikm 2024 1"))
    assert "tidak tersedia untuk peran" in teks
    assert not [c for c in bot.api.panggilan if c.metode == "getFile"]


async def test_status_desa(bot):
    teks = bot.teks(await bot.kirim(OPKEC, "/status_desa ulang 2024 Maju"))
    assert "Tersimpan" in teks or "koreksi" in teks
    assert "Status desa Ulang 2024: Maju" in teks and "Nilai sebelumnya: Berkembang" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/status_desa Hulu Banyu 2024 Maju 0,7512"))
    assert "IDM 0,7512" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/status_desa halunuk 2024 sangat tertinggal"))
    assert "Sangat Tertinggal" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/status_desa halunuk 2024 idm 0,82"))
    assert "diturunkan dari IDM 0,82" in teks and "Mandiri" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/status_desa atlantis 2024 Maju"))
    assert "desa 'atlantis' tidak dikenal" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/status_desa halunuk 2024 Kaya"))
    assert "status desa 'Kaya' tidak dikenal" in teks
    assert "/status_desa DESA TAHUN" in bot.teks(await bot.kirim(OPKEC, "/status_desa"))


async def test_anggaran(bot):
    teks = bot.teks(await bot.kirim(OPKEC, "/anggaran pendampingan_desa 2024-12 1.000.000"))
    assert "Tersimpan" in teks and "Desember 2024" in teks and "Rp 1.000.000" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/anggaran evaluasi_kinerja 2024 1.400.000"))
    assert "koreksi" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/anggaran evaluasi_kinerja 2024 9.000.000"))
    assert "melebihi pagu" in teks
    teks = bot.teks(await bot.kirim(OPKEC, "/anggaran"))
    assert "/anggaran SUB_KEGIATAN" in teks


async def test_anggaran_bulan_dibaca_seperti_laba(bot):
    """/anggaran reads the month at the start as /laba does (the core's angka.bulan_di_awal)."""
    teks = bot.teks(await bot.kirim(OPKEC, "/anggaran evaluasi_kinerja Maret 2024 1.000.000"))
    assert "Maret 2024" in teks and "Rp 1.000.000" in teks, teks
    await ditolak_semua(bot, OPKEC, [
        ("/anggaran evaluasi_kinerja Novem 2024 1.000", "'novem' bukan nama bulan"),
        ("/anggaran evaluasi_kinerja Maret 2024", "jumlah realisasi belum ditulis"),
    ])


async def test_lapor_kecamatan_ditolak_untuk_peran_lain(bot):
    with tanpa_kiriman_baru(bot.store):
        for orang in (SITI, CAMAT, AUDITOR):
            for perintah in ("/ikm 2024 1 90", "/status_desa ulang 2024 Maju",
                             "/anggaran pendampingan_desa 2024-12 1.000"):
                teks = bot.teks(await bot.kirim(orang, perintah))
                if orang is SITI and perintah.startswith("/status_desa"):
                    # an operator desa has /status_desa for its own desa: the store refuses another desa
                    assert "hanya boleh mengirim data desanya sendiri, bukan desa Ulang" in teks, teks
                else:
                    assert "tidak tersedia untuk peran" in teks, (orang, perintah)


async def test_ikm_jumlah_responden_dibaca_seperti_angka_lain(bot):
    with tanpa_kiriman_baru(bot.store):
        for perintah, potongan in [
            ("/ikm 2024 1 90 responden 1.20", "tidak jelas"),  # was stored as 120
            ("/ikm 2024 1 90 responden 1.2", "tidak jelas"),
            ("/ikm 2024 1 90 responden banyak", "bukan bilangan bulat"),
        ]:
            teks = bot.teks(await bot.kirim(OPKEC, perintah))
            assert "⚠️" in teks and "jumlah responden" in teks and potongan in teks, (perintah, teks)
            assert "responden 120" in teks  # an example of what to write
    # a number read without doubt but impossible as a count of people: the store refuses it
    await ditolak_semua(bot, OPKEC, [
        ("/ikm 2024 1 90 responden 1,5", "jumlah responden harus bilangan bulat"),
        ("/ikm 2024 1 90 responden 0", "jumlah responden 0 tidak wajar"),
        ("/ikm 2024 1 90 responden -3", "jumlah responden -3 tidak wajar"),
        ("/ikm 2024 1 90 responden 10.000.000", "jumlah responden 10.000.000 tidak wajar"),
    ])
    teks = bot.teks(await bot.kirim(OPKEC, "/ikm 2024 1 88,75 responden 1.200"))
    assert "Tersimpan" in teks
    assert ikm_tersimpan(bot.store, 2024, 1)[-1].responden == 1200


async def test_berkas_dari_peran_lain_dijelaskan_tanpa_menyebut_perintah_ikm(bot):
    with tanpa_kiriman_baru(bot.store):
        for orang in (SITI, CAMAT, AUDITOR):
            teks = bot.teks(await bot.kirim(orang, dokumen=("laporan.pdf", b"%PDF-1.4")))
            assert "/ikm" not in teks, teks  # they never typed /ikm
            assert "Pengiriman berkas tidak tersedia untuk peran" in teks
            assert "jawaban survei IKM (CSV atau XLSX" in teks and "admin atau operator kecamatan" in teks
        assert "peran operator desa" in bot.teks(await bot.kirim(SITI, dokumen=("a.csv", csv_jawaban())))
        assert not [c for c in bot.api.panggilan if c.metode == "getFile"]


async def test_berkas_bukan_csv_tanpa_keterangan_dijelaskan(bot):
    """A PDF from a kecamatan operator: what the bot accepts, not 'for which survey?'."""
    teks = bot.teks(await bot.kirim(OPKEC, dokumen=("surat.pdf", b"%PDF-1.4")))
    assert "bukan CSV atau XLSX" in teks and "hanya menerima berkas jawaban survei IKM" in teks
    assert "untuk survei mana" not in teks


async def test_batal_menyebut_berkas_yang_ditunggu(bot):
    await bot.kirim(OPKEC, "/ikm 2024 1")
    teks = bot.teks(await bot.kirim(OPKEC, "/batal"))
    assert "Dibatalkan: menunggu berkas jawaban survei IKM semester 1 2024" in teks
    assert "Tidak ada yang disimpan" in teks
    # the wait is over: a file now needs its caption
    teks = bot.teks(await bot.kirim(OPKEC, dokumen=("jawaban.csv", csv_jawaban())))
    assert "untuk survei mana" in teks
    assert "Tidak ada isian yang sedang berjalan" in bot.teks(await bot.kirim(OPKEC, "/batal"))


async def test_batal_setelah_tunggu_berkas_kedaluwarsa(buat_bot):
    import datetime as dt

    from botuji import JAM

    kini = [JAM]
    bot = await buat_bot(sekarang=lambda: kini[0])
    await bot.kirim(OPKEC, "/ikm 2024 1")
    kini[0] = JAM + dt.timedelta(hours=3)  # longer than the flow limit
    assert "Tidak ada isian yang sedang berjalan" in bot.teks(await bot.kirim(OPKEC, "/batal"))


async def test_batal_di_dalam_isian_laba_juga_mengakhiri_tunggu_berkas(bot):
    await bot.kirim(OPKEC, "/ikm 2024 1")
    await bot.kirim(OPKEC, "/laba")
    teks = bot.teks(await bot.kirim(OPKEC, "/batal"))
    assert "Dibatalkan: isian /laba; menunggu berkas jawaban survei IKM semester 1 2024" in teks
    teks = bot.teks(await bot.kirim(OPKEC, dokumen=("jawaban.csv", csv_jawaban())))
    assert "untuk survei mana" in teks


async def test_operator_desa_mencatat_status_desanya_sendiri(bot):
    """The store lets an operator desa report the status of its own desa, and so does the bot
    (the roles of /status_desa are the store's): another desa is refused by the store."""
    teks = bot.teks(await bot.kirim(SITI, "/status_desa halunuk 2024 Maju"))
    assert "tidak tersedia untuk peran" not in teks
    assert ("Tersimpan" in teks or "sudah tercatat" in teks) and "Status desa Halunuk 2024" in teks, teks
    with tanpa_kiriman_baru(bot.store):
        teks = bot.teks(await bot.kirim(SITI, "/status_desa loksado 2024 Mandiri"))
        assert "hanya boleh mengirim data desanya sendiri, bukan desa Loksado" in teks
    bantuan = bot.teks(await bot.kirim(SITI, "/bantuan"))
    assert "/status_desa" in bantuan
    assert "/status_desa halunuk 2024 Maju" in bantuan and "loksado" not in bantuan  # her own desa only
    # a kecamatan operator (no desa of their own) sees the first desa of their kecamatan's data
    pertama = bot.store.dataset("loksado").kecamatan.desa[0].kode
    assert f"/status_desa {pertama} 2024" in bot.teks(await bot.kirim(OPKEC, "/bantuan"))


async def test_contoh_desa_dari_data_kecamatan_pengguna(bot):
    """The usage texts of /status_desa and /undang name a desa of the user's own kecamatan
    (their own desa for a desa operator), never a desa written into the bot."""
    pertama = bot.store.dataset("loksado").kecamatan.desa[0].kode
    assert pertama != "halunuk"  # the test would not tell a hard-coded example from the data
    assert f"<code>/status_desa {pertama} 2024 Maju</code>" in bot.teks(await bot.kirim(OPKEC, "/status_desa"))
    assert f"<code>/undang operator_desa {pertama}</code>" in bot.teks(await bot.kirim(ADMIN, "/undang"))
    assert f"/undang operator_desa {pertama}" in bot.teks(await bot.kirim(ADMIN, "/bantuan"))
    assert "<code>/status_desa halunuk 2024 Maju</code>" in bot.teks(await bot.kirim(SITI, "/status_desa"))


async def test_ikm_tanpa_nilai_menyebut_perintah_lengkap(bot):
    teks = bot.teks(await bot.kirim(OPKEC, "/ikm 2024 2"))
    assert "Kirim sekarang berkas" in teks and "<code>/ikm 2024 2 90,43</code>" in teks
    assert "atau tulis nilainya." not in teks
