"""Capaian, polarity and the missing-is-not-zero average, on the shipped rules."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from sakip_rules.engine.capaian import evaluasi_capaian, hitung_capaian
from sakip_rules.errors import UsageError


@pytest.mark.parametrize("target,realisasi,expected", [
    ("10", "8", "120.00"), ("10", "10", "100.00"), ("10", "12", "80.00"), ("10", "25", "0.00"),
    ("4", "4.5", "87.50"),
])
def test_negative_polarity(rules, target, realisasi, expected):
    assert hitung_capaian(rules, D(target), D(realisasi), "negatif").nilai == D(expected)


def test_positive_polarity_above_100(rules):
    assert hitung_capaian(rules, D(86), D("88.75"), "positif").nilai == D("103.20")


def test_zero_target_is_a_clear_error(rules):
    from sakip_rules.errors import DataError

    with pytest.raises(DataError) as exc:
        hitung_capaian(rules, D(0), D(1), "positif")
    assert "nol" in exc.value.message


def test_missing_indicator_left_out_of_average(rules, loksado):
    ds = dataclasses.replace(loksado, ikm=[])
    hasil = evaluasi_capaian(rules, ds, 2024)
    ikm = next(h for h in hasil.indikator if h.rule.id == "ikm")
    assert ikm.realisasi is None and ikm.capaian is None
    assert hasil.rata_rata.nilai == D("100.00")  # mean of the two with data, not (100+100+0)/3
    assert [n for n, _ in hasil.dikeluarkan] == [ikm.rule.nama]
    assert "belum ada" in hasil.dikeluarkan[0][1]


def test_year_without_plan(rules, loksado):
    with pytest.raises(UsageError) as exc:
        evaluasi_capaian(rules, loksado, 2031)
    assert "2031" in exc.value.message


def test_year_with_plan_but_no_data(rules, loksado):
    hasil = evaluasi_capaian(rules, loksado, 2025)
    assert hasil.rata_rata is None
    assert all(h.capaian is None for h in hasil.indikator)
    assert {h.target for h in hasil.indikator} == {D("0.36"), D("100"), D("91")}


def test_ikm_data_outside_the_declared_ranges_is_refused(rules):
    from sakip_rules.engine.calc import hitung
    from sakip_rules.errors import DataError

    ikm = rules.indikator("ikm")
    with pytest.raises(DataError) as exc:
        hitung(ikm, {"jawaban": [[D(4), D(5)]] + [[D(3)]] * 8})
    assert "di luar rentang [1, 4]" in exc.value.message and "ikm.yaml" in exc.value.message
    with pytest.raises(DataError) as exc:
        hitung(ikm, {"jawaban": [[D(3)]] * 8})
    assert "9 butir" in exc.value.message
    with pytest.raises(DataError) as exc:
        hitung(ikm, diberikan={"ikm": D("120")})
    assert "di luar rentang [25, 100]" in exc.value.message


def test_zero_budget_is_named_not_called_unreported(rules, loksado):
    from sakip_rules.engine.anggaran import tabel_efisiensi

    dpa = loksado.dpa[2024]
    subs = tuple(dataclasses.replace(s, anggaran=D(0)) if s.mendukung else s for s in dpa.sub_kegiatan)
    ds = dataclasses.replace(loksado, dpa={**loksado.dpa, 2024: dataclasses.replace(dpa, sub_kegiatan=subs)})
    tabel = tabel_efisiensi(rules, ds, evaluasi_capaian(rules, ds, 2024))
    catatan = {r.catatan for r in tabel.baris if r.sub_kegiatan}
    assert catatan and all("anggaran sub kegiatan pendukung dalam DPA nol" in c for c in catatan)


def test_comparison_row_that_cannot_be_computed_names_its_kecamatan(rules, loksado):
    from sakip_rules.engine.pembanding import tabel_pembanding
    from sakip_rules.errors import DataError

    rusak = [dataclasses.replace(p, target=D(0)) if i == 0 else p for i, p in enumerate(loksado.pembanding)]
    ds = dataclasses.replace(loksado, pembanding=rusak)
    with pytest.raises(DataError) as exc:
        tabel_pembanding(rules, ds, evaluasi_capaian(rules, ds, rusak[0].tahun))
    assert f"pembanding Kecamatan {rusak[0].kecamatan}" in exc.value.message and "nol" in exc.value.message


def test_an_indicator_that_cannot_be_computed_leaves_the_others_in_tabel_3_2(rules, loksado):
    nonaktif = tuple(dataclasses.replace(b, aktif=False) for b in loksado.kecamatan.bumdes)
    ds = dataclasses.replace(loksado, kecamatan=dataclasses.replace(loksado.kecamatan, bumdes=nonaktif))
    hasil = evaluasi_capaian(rules, ds, 2024)
    assert [h.nilai_capaian for h in hasil.indikator] == [D("100.00"), None, D("99.92")]
    assert hasil.rata_rata.nilai == D("99.96")
    (nama, alasan), = hasil.dikeluarkan
    assert "persentase_bumdes_baik.yaml:54" in alasan and "pembagian dengan nol" in alasan
