"""Unknown is never counted as known: a Tabel 3.14 row whose indicator is not found in Tabel 3.15 makes
the average "tidak dapat diperiksa" (naming the indicator), it never passes as a known row; rows are
matched by name and, where the transcript links them, by program."""

from __future__ import annotations

from sakip_rules.engine.periksa import periksa
from sakip_rules.report import load_laporan

from salinan import ubah

SKOR = ["Skor Perencanaan Kinerja", "Skor Pengukuran Kinerja", "Skor Pelaporan Kinerja",
        "Skor Evaluasi Akuntabilitas Kinerja Internal"]
CEK = ("kosong_bukan_nol_rata_rata_efisiensi_program", "kosong_bukan_nol_ditulis_nol")


def _periksa(rules, loksado, transkrip):
    return periksa(rules, loksado, 2024, load_laporan(transkrip))


def _temuan(hasil):
    return [t for t in hasil.temuan if t.pemeriksaan in CEK]


def test_loksado_the_zero_average_is_an_error(rules, loksado, salinan_data):
    hasil = _periksa(rules, loksado, salinan_data / "laporan" / "2024.yaml")
    galat = [t for t in _temuan(hasil) if t.tingkat == "galat"]
    assert [(t.tempat, t.dinyatakan, t.dihitung) for t in galat] == [
        ("Tabel 3.14 (program), baris Rata-Rata, kolom efisiensi", "0,6", "1,09"),
        ("BAB III A.5 paragraf 1 (efisiensi)", "0,6", "1,09")]


def test_renamed_rows_cannot_be_checked_and_say_which_indicator(rules, loksado, salinan_data):
    transkrip = salinan_data / "laporan" / "2024.yaml"
    for nama in SKOR:
        ubah(transkrip, f'indikator: {nama}, capaian: "0%"', f'indikator: {nama} (Skor), capaian: "0%"')
    hasil = _periksa(rules, loksado, transkrip)
    found = _temuan(hasil)
    # nothing passes: every place these checks look at is a "tidak dapat diperiksa", none is a silent pass
    assert all(t.tidak_dapat_diperiksa and t.tingkat == "peringatan" for t in found)
    rata = [t for t in found if t.pemeriksaan == "kosong_bukan_nol_rata_rata_efisiensi_program"]
    assert [t.tempat for t in rata] == ["Tabel 3.14 (program), baris Rata-Rata, kolom efisiensi",
                                        "BAB III A.5 paragraf 1 (efisiensi)"]
    for t in rata:
        assert t.pesan == ('tidak dapat diperiksa: indikator "Skor Perencanaan Kinerja (Skor)" (program yang sama) '
                           'di Tabel 3.15 tidak ditemukan')
    nol = [t for t in found if t.pemeriksaan == "kosong_bukan_nol_ditulis_nol"]
    assert [t.pesan for t in nol] == [f'tidak dapat diperiksa: indikator "{n} (Skor)" (program yang sama) di '
                                      f'Tabel 3.15 tidak ditemukan' for n in SKOR]
    assert hasil.jumlah("galat") == 9  # the two 0,6 errors are now "cannot be checked", never a pass


def test_a_row_linked_to_another_program_is_not_matched_by_name_alone(rules, loksado, salinan_data):
    transkrip = salinan_data / "laporan" / "2024.yaml"
    ubah(transkrip, 'indikator: Skor Perencanaan Kinerja, capaian: "0%", persen_realisasi: "100,0%", efisiensi: "0,0", '
                    'tautan: {program: penunjang_urusan}',
         'indikator: Skor Perencanaan Kinerja, capaian: "0%", persen_realisasi: "100,0%", efisiensi: "0,0", '
         'tautan: {program: pemerintahan_umum}')
    hasil = _periksa(rules, loksado, transkrip)
    baris1 = [t for t in _temuan(hasil) if t.tempat == "Tabel 3.14 (program), baris 1, kolom capaian kinerja program"]
    assert len(baris1) == 1 and baris1[0].tidak_dapat_diperiksa
    assert 'indikator "Skor Perencanaan Kinerja" (program yang sama) di Tabel 3.15 tidak ditemukan' in baris1[0].pesan
