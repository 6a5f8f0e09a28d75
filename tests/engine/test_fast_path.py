"""The engine's fast path (one compiled program per rule, records with only the fields the
formulas read) gives exactly what the step-by-step evaluation gives, and fails the same way."""

from __future__ import annotations

import dataclasses
import sys
from decimal import Decimal as D

import pytest

from project_paths import ROOT
from sakip_rules.engine import calc
from sakip_rules.engine.capaian import evaluasi_capaian, evaluasi_indikator
from sakip_rules.engine.explain import jelaskan_indikator
from sakip_rules.errors import DataError
from sakip_rules.rules.model import ke_nilai


def _trace(h):
    return [(j.id, j.mentah, j.nilai, j.tempat, j.mode, j.diberikan) for j in h.jejak]


def _examples(rules):
    for rule in rules.perhitungan.values():
        for c in rule.contoh:
            yield rule, c


def _run_examples(rules):
    out = []
    for rule, c in _examples(rules):
        h = calc.hitung(rule, ke_nilai(c.masukan), diberikan=ke_nilai(c.diberikan),
                        parameter=c.parameter, target=ke_nilai(c.target))
        out.append((rule.id, c.nama, h.nilai, h.mentah, _trace(h)))
    return out


def test_every_worked_example_same_on_both_paths(rules, monkeypatch):
    fast = _run_examples(rules)
    monkeypatch.setattr(calc, "compile_program", lambda steps: None)
    for rule in rules.perhitungan.values():
        rule.__dict__.pop("_rencana", None)  # rebuild the plans without programs
    try:
        assert _run_examples(rules) == fast
    finally:
        for rule in rules.perhitungan.values():
            rule.__dict__.pop("_rencana", None)
    assert len(fast) > 20


def _bench():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_engine
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return bench_engine


def test_synthetic_kecamatan_match_the_hand_written_computation(rules):
    bench = _bench()
    for ds in bench.synthetic(150, seed=11):
        assert bench.engine(rules, ds, 2024) == bench.baseline(ds, 2024), ds.kecamatan.kode


def test_a_failing_step_is_named_as_before(rules, loksado):
    nonaktif = tuple(dataclasses.replace(b, aktif=False) for b in loksado.kecamatan.bumdes)
    ds = dataclasses.replace(loksado, kecamatan=dataclasses.replace(loksado.kecamatan, bumdes=nonaktif))
    with pytest.raises(DataError) as exc:
        evaluasi_indikator(rules, ds, "persentase_bumdes_baik", 2024)
    assert "realisasi" in exc.value.message and "nol" in exc.value.message


def test_rounding_to_target_precision_is_traced(rules, loksado):
    h = evaluasi_indikator(rules, loksado, "rasio_desa_maju", 2024)
    last = h.realisasi.jejak[-1]
    assert (last.mentah, last.nilai, last.tempat, last.mode) == (D(3) / D(11), D("0.27"), 2, "half_up")


def test_formulas_get_only_the_fields_they_read_and_the_explanation_shows_all(rules, loksado, hasil_2024):
    h = next(i for i in hasil_2024.indikator if i.rule.id == "persentase_bumdes_baik")
    given = h.data.masukan["bumdes"]
    assert set(given[0]) == {"kode", "nama", "desa", "aktif", "laba"}  # no 'bulan': no formula reads it
    text = jelaskan_indikator(h, hasil_2024.fingerprint)
    assert "bulan: [7; 8; 9; 10; 11; 12]" in text  # Sarantas Berenar, reported from July


@pytest.fixture
def hasil_2024(rules, loksado):
    return evaluasi_capaian(rules, loksado, 2024)


def test_plan_check_matches_planned_years(loksado):
    years = loksado.tahun_rencana()
    for tahun in range(min(years) - 3, max(years) + 4):
        assert loksado.direncanakan(tahun) == (tahun in years)
