"""Reading commands: the same answers as the core, rendered for Telegram."""

import io

import pytest
from botuji import ADMIN, AUDITOR, BUDI, CAMAT, OPKEC, SITI
from fakebot import PNG_MAGIC

from sakip_rules.tampilan import tabel_capaian
from sakip_rules.engine.capaian import evaluasi_capaian

SEMUA = [ADMIN, CAMAT, OPKEC, SITI, BUDI, AUDITOR]


@pytest.mark.parametrize("orang", SEMUA, ids=lambda o: o.nama)
async def test_capaian_2024_sama_dengan_inti(bot, rules, orang):
    calls = await bot.kirim(orang, "/capaian 2024")
    pesan = bot.pesan(calls, "sendMessage")
    assert len(pesan) == 1
    html = pesan[0].param["text"]
    assert html.startswith("<pre>Capaian Kinerja Kecamatan Loksado Tahun 2024")
    inti = tabel_capaian(evaluasi_capaian(rules, bot.store.dataset("loksado"), 2024))
    assert pesan[0].hasil["text"].startswith(inti)  # what the user sees == the core's table
    assert "99,97%" in inti and "Sangat Tinggi" in inti


async def test_capaian_tahun_bawaan_dan_salah(bot):
    teks = bot.teks(await bot.kirim(CAMAT, "/capaian"))
    assert "Tahun 2025" in teks  # the clock says 2025
    teks = bot.teks(await bot.kirim(CAMAT, "/capaian 1990"))
    assert "⚠️" in teks and "1990" in teks
    teks = bot.teks(await bot.kirim(CAMAT, "/capaian duaribu"))
    assert "bukan bilangan" in teks
    teks = bot.teks(await bot.kirim(CAMAT, "/capaian 2024 2025"))
    assert "satu tahun" in teks


async def test_jelaskan_ikm(bot):
    teks = bot.teks(await bot.kirim(AUDITOR, "/jelaskan ikm 2024"))
    assert "90,43" in teks and "32,590" in teks
    teks = bot.teks(await bot.kirim(AUDITOR, "/jelaskan rata-rata 2024"))
    assert "99,97" in teks
    teks = bot.teks(await bot.kirim(AUDITOR, "/jelaskan bukan_indikator 2024"))
    assert "tidak dikenal" in teks and "ikm" in teks


async def test_jelaskan_dengan_tombol(bot):
    calls = await bot.kirim(CAMAT, "/jelaskan")
    pesan = bot.pesan(calls, "sendMessage")[-1]
    data = dict((d, t) for t, d in pesan.tombol)
    assert "j:ikm:2025" in data and all(len(d.encode()) <= 64 for d in data)
    calls = await bot.tekan(CAMAT, pesan, "j:ikm:2024")
    assert [c.metode for c in calls][0] == "answerCallbackQuery"
    assert "90,43" in bot.teks(calls)


async def test_rekap_bumdes_teks_dan_excel(bot):
    calls = await bot.kirim(CAMAT, "/rekap_bumdes 2024")
    teks = bot.teks(bot.pesan(calls, "sendMessage"))
    assert "Sumber Rahmat" in teks and "734.400" in teks
    assert "Belum lapor" in teks and "Serati" in teks  # Serati reported only January and February
    dok = bot.pesan(calls, "sendDocument")
    assert len(dok) == 1
    nama, isi, _ = dok[0].berkas["document"]
    assert nama == "rekap_bumdes_loksado_2024.xlsx" and isi[:2] == b"PK"
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(isi)).active  # the store's export: Gambar 3.6 layout
    baris = {r[2]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert baris["SUMBER RAHMAT"][3 + 10] == 734400  # November
    assert baris["SERATI"][3 + 2] == "Rp."  # March: not reported (an empty "Rp." cell, not zero)


def isi_xlsx(isi: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(isi)).active.iter_rows(values_only=True))


async def test_rekap_bumdes_excel_adalah_ekspor_penyimpanan(bot, tmp_path, monkeypatch):
    """The workbook is the store's own export (as `sakip ekspor laba` writes it), so an inactive
    BUMDes that has values stays in it, marked "tidak aktif"."""
    from dataclasses import replace

    from sakip_rules.store import rencana
    from sakip_rules.store.koneksi import tulis

    ds = bot.store.dataset("loksado")
    kec = replace(ds.kecamatan, bumdes=tuple(replace(b, aktif=b.kode != "serati") for b in ds.kecamatan.bumdes))
    tulis(bot.store.engine, lambda c: rencana.simpan_rencana(c, replace(ds, kecamatan=kec), sumber="uji",
                                                             saluran="cli", oleh="uji", waktu=bot.store.jam()))
    sementara = tmp_path / "sementara"
    sementara.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(sementara))
    calls = await bot.kirim(CAMAT, "/rekap_bumdes 2024")
    assert not list(sementara.iterdir())  # the temporary file is deleted
    _nama, isi, _ = bot.pesan(calls, "sendDocument")[0].berkas["document"]
    dikirim = isi_xlsx(isi)
    inti = bot.store.ekspor_rekap_laba(2024, tmp_path / "inti.xlsx", kecamatan="loksado").read_bytes()
    assert dikirim == isi_xlsx(inti)
    serati = next(r for r in dikirim if r[2] == "SERATI")
    assert serati[3:5] == (150000, 200000) and serati[-1] == "tidak aktif"


async def test_rekap_bumdes_membaca_data_sekali_dan_excel_di_thread(bot, monkeypatch):
    """The bot reads the data once, for the recap of who is late, the names and the workbook
    alike, and builds the workbook off the event loop."""
    import threading

    import bot.handlers.baca as baca

    dibaca, thread = [], []
    dataset, ekspor = bot.store.dataset, baca.ekspor_rekap_laba
    monkeypatch.setattr(bot.store, "dataset", lambda *a, **kw: dibaca.append(a) or dataset(*a, **kw))

    def ekspor_dicatat(*a, **kw):
        thread.append(threading.current_thread())
        return ekspor(*a, **kw)

    monkeypatch.setattr(baca, "ekspor_rekap_laba", ekspor_dicatat)
    calls = await bot.kirim(CAMAT, "/rekap_bumdes 2024")
    assert bot.pesan(calls, "sendDocument")
    assert len(dibaca) == 1
    assert thread and thread[0] is not threading.main_thread()


async def test_grafik_mengirim_png(bot):
    calls = await bot.kirim(CAMAT, "/grafik 2024")
    foto = bot.pesan(calls, "sendPhoto")
    assert len(foto) == 3
    for f in foto:
        _nama, isi, _ = f.berkas["photo"]
        assert isi.startswith(PNG_MAGIC) and len(isi) > 5000
    assert "Target dan realisasi 2024" in foto[0].param["caption"]


async def test_riwayat(bot):
    await bot.kirim(SITI, "/laba 2025-01 734.400")
    await bot.kirim(OPKEC, "/laba serati 2025-01 50.000")
    teks = bot.teks(await bot.kirim(SITI, "/riwayat"))
    assert "Sumber Rahmat Januari 2025" in teks and "Rp 734.400" in teks
    assert "Serati" not in teks  # an operator desa sees its own desa only
    teks = bot.teks(await bot.kirim(AUDITOR, "/riwayat laba"))
    # channels in words, not the store's codes (bot, cli, impor)
    assert "Serati" in teks and "Sumber Rahmat" in teks and "melalui Telegram" in teks
    assert "melalui impor data" in teks and "melalui bot" not in teks and "melalui cli" not in teks
    teks = bot.teks(await bot.kirim(AUDITOR, "/riwayat gaji"))
    assert "jenis 'gaji' tidak dikenal" in teks


def test_setiap_saluran_punya_nama():
    from sakip_rules.store import SALURAN

    from bot.pesan import NAMA_SALURAN

    assert set(NAMA_SALURAN) == set(SALURAN)  # a new channel of the store cannot show as a code


@pytest.mark.parametrize("perintah", ["/rekap_bumdes 2024 2025", "/grafik 2024 lagi"])
async def test_argumen_lebih_dari_satu_tahun_ditunjukkan(bot, perintah):
    calls = await bot.kirim(CAMAT, perintah)
    assert "satu tahun" in bot.teks(calls)
    assert not bot.pesan(calls, ("sendPhoto", "sendDocument"))


async def test_rekap_hanya_bulan_yang_sudah_lewat_dan_tahun_rencana(bot):
    rekap = bot.store.rekap_laba("loksado", 2025)  # the clock: 10 February 2025
    assert list(rekap["belum_lapor"]) == [1]  # February is not over yet: not due
    teks = bot.teks(await bot.kirim(CAMAT, "/rekap_bumdes 2019"))
    assert "tidak ada rencana" in teks and "2019" in teks
