"""The built-in functions of check formulas: exact answers at any size, messages an auditor can read."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sakip_rules.engine.periksa import periksa
from sakip_rules.engine.periksa.fungsi import (f_atau_kosong, f_nomor_bulan, f_pembilang_persen, f_rentang_bulan,
                                               f_sama_presisi, f_sama_teks, f_satu)
from sakip_rules.engine.rounding import bulatkan
from sakip_rules.errors import DataError
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


@pytest.mark.parametrize("call,expected", [
    (lambda: f_sama_presisi([D("99.92"), D("1")], D("1")), "nilai yang dinyatakan harus angka, bukan daftar (99,92; 1)"),
    (lambda: f_sama_presisi("99%", D("1")), 'nilai yang dinyatakan harus angka, bukan teks "99%"'),
    (lambda: f_sama_teks("a", D("1.5")), 'sama_teks membandingkan dua teks, bukan teks "a" dan angka 1,5'),
    (lambda: f_rentang_bulan(["Maret"]), 'nomor bulan harus angka, bukan teks "Maret"'),
    (lambda: f_rentang_bulan([D("13")]), "nomor bulan harus bilangan bulat 1 sampai 12, bukan 13"),
    (lambda: f_rentang_bulan([D("1.5")]), "nomor bulan harus bilangan bulat 1 sampai 12, bukan 1,5"),
    (lambda: f_nomor_bulan(D("3")), "angka 3 bukan nama bulan"),
])
def test_messages_show_values_as_an_auditor_reads_them(call, expected):
    with pytest.raises(DataError) as exc:
        call()
    assert exc.value.message == expected
    assert "Decimal" not in exc.value.message and "'" not in exc.value.message.replace("'-'", "")


def test_rentang_bulan_of_month_numbers():
    assert f_rentang_bulan([D(1), D(2), D(7), D(8), D(9)]) == "Januari–Februari dan Juli–September"
    assert f_rentang_bulan([]) == "tidak ada bulan"
