"""Every command as every role: allowed roles get an answer from the core, the others a polite
refusal and no change to the data."""

import pytest
from botuji import ADMIN, AUDITOR, BUDI, CAMAT, OPKEC, SITI, jumlah_kiriman

from bot.auth import boleh

PERAN = {ADMIN: "admin", CAMAT: "pimpinan", OPKEC: "operator_kecamatan", SITI: "operator_desa",
         BUDI: "operator_desa", AUDITOR: "auditor"}

# command line, the command's name, a piece of the answer an allowed role gets
KASUS = [
    ("/capaian 2024", "capaian", "Capaian Kinerja"),
    ("/jelaskan ikm 2024", "jelaskan", "90,43"),
    ("/rekap_bumdes 2024", "rekap_bumdes", "Rekap keuntungan BUMDes"),
    ("/riwayat", "riwayat", "Riwayat"),
    ("/periksa 2024", "periksa", "Pemeriksaan data Kecamatan Loksado"),
    ("/bantuan", "bantuan", "Perintah untuk"),
    ("/laba 2024-06 321.000", "laba", None),
    ("/ikm 2024 1 88,5", "ikm", "IKM semester I 2024"),
    ("/status_desa ulang 2024 Maju", "status_desa", "Status desa Ulang 2024"),
    ("/anggaran pendampingan_desa 2024-12 1.000", "anggaran", "realisasi anggaran"),
    ("/undang pimpinan", "undang", "Tautan undangan"),
    ("/pengguna", "pengguna", "Pengguna"),
    ("/cabut 9999", "cabut", "tidak ada"),
]
MENGUBAH = {"laba", "ikm", "status_desa", "anggaran"}


@pytest.mark.parametrize("orang", list(PERAN), ids=lambda o: o.nama)
@pytest.mark.parametrize("teks, nama, potongan", KASUS, ids=[k[1] for k in KASUS])
async def test_perintah_per_peran(bot, orang, teks, nama, potongan):
    sebelum = jumlah_kiriman(bot.store)
    balas = bot.teks(await bot.kirim(orang, teks))
    assert "Traceback" not in balas and balas
    if boleh(PERAN[orang], nama):
        assert "tidak tersedia untuk peran" not in balas, balas
        if nama == "status_desa" and PERAN[orang] == "operator_desa":
            # the command is theirs (for their own desa); the store refuses desa Ulang
            assert "hanya boleh mengirim data desanya sendiri" in balas, balas
            assert jumlah_kiriman(bot.store) == sebelum
        elif potongan:
            assert potongan.lower() in balas.lower(), balas
        if nama == "laba":
            # one BUMDes: stored; several: asked which one (buttons)
            assert ("Tersimpan" in balas) if orang is SITI else ("Untuk BUMDes mana" in balas), balas
        if nama in MENGUBAH and "Tersimpan" in balas:
            assert jumlah_kiriman(bot.store) == sebelum + 1
    else:
        assert f"Perintah /{nama} tidak tersedia untuk peran" in balas, balas
        assert jumlah_kiriman(bot.store) == sebelum
