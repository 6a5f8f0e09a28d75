"""The built-in functions of check formulas: exact answers at any size, messages an auditor can read."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from sakip_rules.engine.periksa import jalankan_contoh, periksa, sumber_dari_contoh, sumber_dari_dataset
from sakip_rules.engine.periksa.fungsi import KonteksJalan, f_atau_kosong, f_pembilang_persen, f_rentang_bulan, f_satu
from sakip_rules.engine.periksa.rekaman import Rekaman
from sakip_rules.engine.rounding import bulatkan
from sakip_rules.errors import DataError
from sakip_rules.rules import load_rules
from sakip_rules.rules.fungsi_pemeriksaan import TANDA_FUNGSI, Jenis
from sakip_rules.report import load_laporan

from salinan import ubah


def _brute(p: D, n: int):
    """The old definition, by search: every k from 0 to n."""
    places = max(0, -p.as_tuple().exponent)
    return [k for k in range(n + 1) if bulatkan(D(k) / n * 100, places) == p]


def test_pembilang_persen_with_a_huge_denominator_is_exact():
    # 3.818.400.000 / 6.000.000.000 × 100 = 63,64 exactly; a search from 0 would never get there
    assert f_pembilang_persen(D("63.64"), D("6000000000")) == D("3818400000")
    # two integers round to 50 at 0 decimals around 3.000.000.000,5: the nearer (then smaller) one
    assert f_pembilang_persen(D("50"), D("6000000001")) == D("3000000000")
    assert f_pembilang_persen(D("63.64"), D("600000000000000")) == D("381840000000000")


@pytest.mark.parametrize("p", ["63.64", "100", "0", "33", "33.33", "66.67", "16.7", "83.3", "12.5", "101", "45"])
@pytest.mark.parametrize("n", [1, 2, 3, 6, 7, 11, 12, 40])
def test_pembilang_persen_finds_a_numerator_exactly_when_one_exists(p, n):
    found = f_pembilang_persen(D(p), D(n))
    solutions = _brute(D(p), n)
    if not solutions:
        assert found is None
    else:
        assert found in solutions


def test_a_huge_denominator_does_not_hang_sakip_periksa(rules, loksado, salinan_data):
    transkrip = salinan_data / "laporan" / "2024.yaml"
    ubah(transkrip, 'nilai: "100%", pembilang: "6", penyebut: "6"}', 'nilai: "100%", pembilang: "6", penyebut: "6.000.000.000"}')
    hasil = periksa(rules, loksado, 2024, load_laporan(transkrip))
    # 63,64% = 3.818.400.000 / 6.000.000.000: comparable, so the warning of Loksado's denominator 6 is gone
    assert not [t for t in hasil.temuan if t.pemeriksaan == "keterbandingan_perbandingan_tahun"]
    assert (hasil.jumlah("galat"), hasil.jumlah("peringatan")) == (11, 10)


def test_satu_says_what_was_searched():
    with pytest.raises(DataError) as exc:
        f_satu([], 'indikator "Skor Perencanaan" di Tabel 3.15')
    assert exc.value.message == 'indikator "Skor Perencanaan" di Tabel 3.15 tidak ditemukan'
    with pytest.raises(DataError) as exc:
        f_satu([D(1), D(2)], "capaian indikator ini di Tabel 3.2")
    assert exc.value.message == "capaian indikator ini di Tabel 3.2 ditemukan 2 kali, padahal harus tepat satu"
    assert f_satu([D(7)], "x") == D(7)
    assert f_atau_kosong([], "x") is None
    with pytest.raises(DataError, match="laporan laba ditemukan 2 kali, padahal paling banyak satu"):
        f_atau_kosong([D(1), D(2)], "laporan laba")


def _panggil(nama: str, *args):
    """A built-in function called as a check formula calls it: its arguments checked first."""
    return KonteksJalan(None).panggil(nama, args)


@pytest.mark.parametrize("call,expected", [
    (lambda: _panggil("sama_presisi", [D("99.92"), D("1")], D("1")),
     "fungsi sama_presisi: parameter dinyatakan harus angka, bukan daftar (99,92; 1)"),
    (lambda: _panggil("sama_presisi", "99%", D("1")),
     'fungsi sama_presisi: parameter dinyatakan harus angka, bukan teks "99%"'),
    (lambda: _panggil("sama_teks", "a", D("1.5")),
     "fungsi sama_teks: parameter b harus teks atau kosong, bukan angka 1,5"),
    (lambda: _panggil("rentang_bulan", ["Maret"]),
     'fungsi rentang_bulan: parameter daftar harus daftar angka atau kosong, bukan daftar (Maret)'),
    (lambda: _panggil("rentang_bulan", [D("13")]), "nomor bulan harus bilangan bulat 1 sampai 12, bukan 13"),
    (lambda: _panggil("rentang_bulan", [D("1.5")]), "nomor bulan harus bilangan bulat 1 sampai 12, bukan 1,5"),
    (lambda: _panggil("nomor_bulan", D("3")), "fungsi nomor_bulan: parameter nama harus teks, bukan angka 3"),
    (lambda: _panggil("nomor_bulan", "Brumaire"), 'teks "Brumaire" bukan nama bulan'),
])
def test_messages_show_values_as_an_auditor_reads_them(call, expected):
    with pytest.raises(DataError) as exc:
        call()
    assert exc.value.message == expected
    assert "Decimal" not in exc.value.message and "'" not in exc.value.message.replace("'-'", "")


REK = Rekaman({"idm_2024": D("0.7"), "nama": "Loksado"}, tempat="data: desa Loksado, status 2024")


@pytest.mark.parametrize("nama,args,expected", [
    # a list of records: 'unik' compares texts and numbers only (was "TypeError: unhashable type")
    ("unik", ([REK, REK],), "fungsi unik: parameter daftar harus daftar teks atau angka, bukan daftar rekaman "
                            "(data: desa Loksado, status 2024; data: desa Loksado, status 2024)"),
    ("sambung", (D("5"),), "fungsi sambung: parameter daftar harus daftar atau kosong, bukan angka 5"),
    ("sambung", ("abc",), 'fungsi sambung: parameter daftar harus daftar atau kosong, bukan teks "abc"'),
    ("sel", ("Loksado", "nama"), 'fungsi sel: parameter rekaman harus rekaman, bukan teks "Loksado"'),
    ("sel", (REK, ["nama"]), "fungsi sel: parameter nama harus teks, bukan daftar (nama)"),
    ("isi", (REK, D("1")), "fungsi isi: parameter nama harus teks, bukan angka 1"),
    ("ada_kolom", ([REK], "nama"), "fungsi ada_kolom: parameter rekaman harus rekaman, bukan daftar rekaman "
                                   "(data: desa Loksado, status 2024)"),
    ("gabung", ([D(k) for k in range(1, 8)],), None),  # any list: no error
    ("sama_teks", (list("abcdefg"), "a"), "fungsi sama_teks: parameter a harus teks atau kosong, bukan daftar 7 butir "
                                          "(a, b, c, d, dan e; …)"),
    ("judul_kolom", (REK, None), "fungsi judul_kolom: parameter nama tidak diketahui (tercetak '-' atau kosong), "
                                 "padahal harus teks"),
    # 2024,5 was read as idm_2024
    ("sel_tahun", (REK, "idm", D("2024.5")), "fungsi sel_tahun: parameter tahun harus bilangan bulat, "
                                             "bukan angka 2.024,5"),
    ("sel_tahun", (REK, "idm", None), "fungsi sel_tahun: parameter tahun tidak diketahui (tercetak '-' atau kosong), "
                                      "padahal harus bilangan bulat"),
    ("parameter_aturan", ("ikm", ["penimbang"]), "fungsi parameter_aturan: parameter nama harus teks, "
                                                 "bukan daftar (penimbang)"),
    ("deret", (D("1"), D("2.5")), "fungsi deret: parameter akhir harus bilangan bulat, bukan angka 2,5"),
    ("pembilang_persen", (D("50"), D("6.5")), "fungsi pembilang_persen: parameter penyebut harus bilangan bulat, "
                                              "bukan angka 6,5"),
    ("satu", ([D("1")], D("2")), "fungsi satu: parameter apa harus teks, bukan angka 2"),
    ("sama_tercetak", (D("1"), True), "fungsi sama_tercetak: parameter b harus angka, bukan benar/salah (benar)"),
])
def test_arguments_of_the_wrong_kind_are_named_not_python_errors(nama, args, expected):
    if expected is None:
        _panggil(nama, *args)
        return
    with pytest.raises(DataError) as exc:
        _panggil(nama, *args)
    assert exc.value.message == expected
    assert not re.search(r"Error|unhashable|Decimal|Rekaman\(|None", exc.value.message)


def test_a_wrong_argument_in_a_check_is_a_cannot_check_finding_in_indonesian(salinan_aturan):
    path = salinan_aturan / "pemeriksaan" / "konsistensi_tujuan.yaml"
    ubah(path, "unik([r.tujuan for r in renstra if ada(r.tujuan)])", "unik(renstra)")
    rules = load_rules(salinan_aturan)
    check = rules.lainnya["konsistensi_tujuan"]
    (t,) = jalankan_contoh(check, rules, check.contoh[0])
    assert t.tidak_dapat_diperiksa
    assert t.pesan == ("tidak dapat diperiksa: fungsi unik: parameter daftar harus daftar teks atau angka, bukan "
                       "daftar rekaman (Tabel 2.1, baris A; Tabel 2.1, baris B)")


def test_every_parameter_of_every_built_in_function_declares_its_kind():
    for nama, tanda in TANDA_FUNGSI.items():
        assert all(isinstance(j, Jenis) for j in tanda.parameter.values()), nama


def test_rentang_bulan_of_month_numbers():
    assert f_rentang_bulan([D(1), D(2), D(7), D(8), D(9)]) == "Januari–Februari dan Juli–September"
    assert f_rentang_bulan([]) == "tidak ada bulan"


@pytest.mark.parametrize("sumber,kolom,nilai,judul", [
    ("desa", "status", "Maju", "status IDM"),  # a text field: was "status"
    ("desa", "status", None, "status IDM"),
    ("desa", "idm", D("0.71"), "skor IDM"),
    ("sub_kegiatan", "mendukung", ["ikm"], "IKU yang didukung"),  # a list field: was "mendukung"
    ("sub_kegiatan", "anggaran", D("5000000"), "pagu"),
    ("indikator", "target_pk", D("90"), "target PK"),
    ("indikator", "nama", "Indeks Kepuasan Masyarakat", "nama"),
])
def test_judul_kolom_names_every_data_field_with_its_data_label(sumber, kolom, nilai, judul):
    (r,) = sumber_dari_contoh({sumber: [{kolom: nilai}]})[sumber]
    assert _panggil("judul_kolom", r, kolom) == judul


def test_judul_kolom_of_the_loksado_data(rules, loksado):
    data, _ = sumber_dari_dataset(rules, loksado, 2024)
    assert _panggil("judul_kolom", data["desa"][0], "status") == "status IDM"
    assert _panggil("judul_kolom", data["sub_kegiatan"][0], "mendukung") == "IKU yang didukung"


def test_nama_nilai_names_a_value_as_places_do():
    # the words of report.model.label_nilai, so a message and a place never name one value twice
    assert _panggil("nama_nilai", "target_akhir") == "target akhir"
    assert _panggil("nama_nilai", "nilai_lalu") == "nilai tahun lalu"
    assert _panggil("nama_nilai", "realisasi") == "realisasi"
    with pytest.raises(DataError, match="fungsi nama_nilai: parameter nama harus teks, bukan angka 1"):
        _panggil("nama_nilai", D("1"))
