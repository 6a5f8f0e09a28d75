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


def test_shipped_indicators_run_as_one_program(rules, loksado, monkeypatch):
    """The fast path is really taken: a program that always fails would give the same
    numbers through the step-by-step path, only slower, and no other test would notice."""
    slow = []
    step_by_step = calc._step_by_step
    monkeypatch.setattr(calc, "_step_by_step", lambda rule, *a: slow.append(rule.id) or step_by_step(rule, *a))
    hasil = evaluasi_capaian(rules, loksado, 2024)
    assert hasil.rata_rata.nilai == D("99.97")
    for ds in _bench().synthetic(5, seed=3):
        evaluasi_capaian(rules, ds, 2024)
    assert slow == []


def test_places_from_a_parameter_in_the_program(rules):
    ikm = rules.indikator("ikm")
    for tempat, expected in ((D(3), D("3.617")), (D("3.0"), D("3.617")), (None, D("3.61749")), (D(1), D("3.6"))):
        h = calc.hitung(ikm, diberikan={"jumlah_nrr": D("32.590")}, parameter={"tempat_ikm_skala_4": tempat},
                        target=D("90.5"))
        assert h.nilai_nama["ikm_skala_4"] == expected
    with pytest.raises(DataError) as exc:
        calc.hitung(ikm, diberikan={"jumlah_nrr": D("32.590")}, parameter={"tempat_ikm_skala_4": D("2.5")},
                    target=D("90.5"))
    assert "tempat_ikm_skala_4" in exc.value.message and "bilangan bulat" in exc.value.message


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
    assert set(given[0]) == {"aktif", "laba"}  # no 'bulan', 'kode'...: no formula reads them
    text = jelaskan_indikator(h, hasil_2024.fingerprint)
    assert "bulan: [7; 8; 9; 10; 11; 12]" in text  # Sarantas Berenar, reported from July
    assert "nama: \"Sarantas Berenar\"" in text


def test_months_counted_only_are_not_sorted_but_shown_in_order(rules, loksado):
    """Profits only counted need no month order; the explanation still lists them by month."""
    late = dataclasses.replace(loksado, laba_bumdes=list(reversed(loksado.laba_bumdes)))
    h = evaluasi_indikator(rules, late, "persentase_bumdes_baik", 2024)
    assert h.nilai_realisasi == D("100.00")
    text = jelaskan_indikator(h, "x")
    assert "bulan: [7; 8; 9; 10; 11; 12]" in text


def test_a_rule_that_shows_the_months_gets_them_sorted(rules, loksado):
    rule = rules.indikator("persentase_bumdes_baik")
    from sakip_rules.engine.sources import Kolom, _catatan_bumdes
    late = dataclasses.replace(loksado, laba_bumdes=list(reversed(loksado.laba_bumdes)))
    per = late.laba_per_bulan(2024)
    ordered = _catatan_bumdes(late, per, Kolom(frozenset({"bulan"}), frozenset({"bulan"})))
    assert [r["bulan"] for r in ordered][1] == [D(m) for m in range(7, 13)]
    loose = _catatan_bumdes(late, per, Kolom(frozenset({"bulan"}), frozenset()))
    assert sorted(loose[1]["bulan"]) == ordered[1]["bulan"] and loose[1]["bulan"] != ordered[1]["bulan"]
    assert "laba" not in rule.kolom_berurutan("bumdes")


@pytest.fixture
def hasil_2024(rules, loksado):
    return evaluasi_capaian(rules, loksado, 2024)


def test_plan_check_matches_planned_years(loksado):
    years = loksado.tahun_rencana()
    for tahun in range(min(years) - 3, max(years) + 4):
        assert loksado.direncanakan(tahun) == (tahun in years)


def test_status_records_carry_the_fields_read(loksado):
    from sakip_rules.engine.sources import SEMUA_KOLOM, Kolom, _catatan_status
    by_desa = {s.desa: s for s in loksado.status_desa if s.tahun == 2024}
    desa = loksado.kecamatan.desa
    assert set(_catatan_status(desa, by_desa, Kolom(frozenset({"status"}), frozenset()))[0]) == {"status"}
    # a field no source gives is left for the formula to report, not taken for a missing status
    some = _catatan_status(desa, by_desa, Kolom(frozenset({"status", "idm", "luas"}), frozenset()))
    assert set(some[0]) == {"status", "idm"}
    assert set(_catatan_status(desa, by_desa, SEMUA_KOLOM)[0]) == {"kode", "nama", "status", "idm"}
    with pytest.raises(KeyError):
        _catatan_status(desa, {}, SEMUA_KOLOM)


def test_a_desa_without_status_is_named_and_the_ratio_left_out(rules, loksado):
    first = loksado.kecamatan.desa[0]
    ds = dataclasses.replace(loksado, status_desa=[s for s in loksado.status_desa
                                                   if not (s.tahun == 2024 and s.desa == first.kode)])
    h = evaluasi_indikator(rules, ds, "rasio_desa_maju", 2024)
    assert h.realisasi is None
    assert h.catatan == [f"Realisasi belum dapat dihitung: status desa tahun 2024 belum dicatat untuk: {first.nama}."]


def test_a_table_keeps_values_and_rebuilds_data_and_traces_when_read(rules, loksado, hasil_2024):
    """A table of a whole country keeps no inputs alive: the data and the calculations of a
    row are evaluated again when first read, and are what the explanation's view gives."""
    for h in hasil_2024.indikator:
        assert h._data is None  # nothing read yet
        alone = evaluasi_indikator(rules, loksado, h.rule.id, 2024)
        assert h.realisasi.nilai == h.nilai_realisasi == alone.nilai_realisasi
        assert _trace(h.realisasi) == _trace(alone.realisasi)
        assert _trace(h.capaian) == _trace(alone.capaian) and h.capaian.nilai == h.nilai_capaian
        assert h.data.keterangan == alone.data.keterangan
        # what a reader sees of each input (the formulas' own copy may hold uncopied month views)
        assert h.data.masukan.keys() == alone.data.masukan.keys() and h.data.diberikan == alone.data.diberikan
        assert all(h.data.untuk_dibaca(n) == alone.data.untuk_dibaca(n) for n in alone.data.masukan)
        assert h.kategori.label == alone.kategori.label and h.catatan == alone.catatan
    assert hasil_2024.rata_rata.nilai == hasil_2024.nilai_rata_rata == D("99.97")
    assert hasil_2024.rata_rata.masukan == {"daftar_capaian": [h.nilai_capaian for h in hasil_2024.indikator]}


def test_a_row_that_cannot_be_computed_is_not_evaluated_again(rules, loksado):
    nonaktif = tuple(dataclasses.replace(b, aktif=False) for b in loksado.kecamatan.bumdes)
    ds = dataclasses.replace(loksado, kecamatan=dataclasses.replace(loksado.kecamatan, bumdes=nonaktif))
    h = next(i for i in evaluasi_capaian(rules, ds, 2024).indikator if i.rule.id == "persentase_bumdes_baik")
    assert h.catatan[0].startswith("Tidak dapat dihitung:")
    assert h.realisasi is None and h.capaian is None and h.data.masukan == {}
    # the table's program failed and the step-by-step path named the step, as the explanation does
    with pytest.raises(DataError) as exc:
        evaluasi_indikator(rules, ds, "persentase_bumdes_baik", 2024)
    assert h.catatan == [f"Tidak dapat dihitung: {exc.value}"]


def test_a_capaian_that_cannot_be_computed_is_named_in_the_table(rules, loksado):
    """A target of 0 fails the capaian program; the table says which capaian and why."""
    pk = loksado.pk_berlaku(2024)
    nol = dataclasses.replace(pk, target={**pk.target, "rasio_desa_maju": D("0.00")})
    ds = dataclasses.replace(loksado, pk=[p for p in loksado.pk if p is not pk] + [nol])
    hasil = evaluasi_capaian(rules, ds, 2024)
    h = next(i for i in hasil.indikator if i.rule.id == "rasio_desa_maju")
    assert h.nilai_capaian is None and h.catatan[0].startswith("Tidak dapat dihitung: capaian tidak dapat dihitung")
    assert "nol" in h.catatan[0]
    assert [n for n, _ in hasil.dikeluarkan] == [h.rule.nama] and hasil.nilai_rata_rata is not None


def test_rounding_in_the_program_never_gives_negative_zero(rules):
    """The program rounds inline; like round() and the step-by-step path it writes 0, not -0,
    and an unrounded step (places left empty) keeps its value as computed."""
    from sakip_rules.formula import compile_formula, compile_program
    from sakip_rules.formula.runtime import ROUNDING, in_formula_context
    f = compile_formula("x * 1", names=["x"])
    program = compile_program([("y", f, 2, ROUNDING["half_up"], None),
                               ("z", f, ("p", lambda v: v), ROUNDING["half_up"], lambda raw, env: raw)])
    env = {"x": D("-0.001"), "p": None}
    values = in_formula_context(program, env)
    assert str(values[1]) == "0.00" and str(env["y"]) == "0.00"
    assert values[3] == D("-0.001")  # no places: not rounded
    env = {"x": D("-0.001"), "p": 1}
    assert str(in_formula_context(program, env)[3]) == "0.0"


def test_realisasi_and_capaian_of_a_usual_row_run_as_one_program(rules, loksado):
    from sakip_rules.engine.capaian import _tabel
    from sakip_rules.engine.sources import DataIndikator
    baris = _tabel(rules).baris
    assert baris["rasio_desa_maju"].dengan_capaian is not None
    assert baris["persentase_bumdes_baik"].dengan_capaian is not None
    ikm = baris["ikm"]
    assert ikm.dengan_capaian is None  # the answers declare a range: jalankan checks them
    given = DataIndikator(ikm.sumber, loksado, 2024)  # Loksado's survey gives the sum of NRR
    assert set(given.diberikan) == {"jumlah_nrr"} and ikm.program_untuk(given) is not None
    given.masukan = {"jawaban": [[D(4)]]}  # answers, whose declared range jalankan checks
    assert ikm.program_untuk(given) is None


def test_two_rules_in_one_program_only_where_their_names_do_not_meet(rules):
    from sakip_rules.formula.runtime import in_formula_context
    capaian, rata = rules.perhitungan["capaian"], rules.perhitungan["rata_rata_capaian"]
    shared = frozenset({"target"})
    # the average's result is passed on under the name the capaian reads
    program = calc.program_bersambung(rata, calc.rencana_langsung(rata), capaian, "realisasi", shared)
    env = {"daftar_capaian": [D("90"), D("91")], "target": D("90"), "polaritas": "positif"}
    assert in_formula_context(program, env) is not None
    assert env["rata_rata"] == env["realisasi"] == D("90.50") and env["capaian"] == D("100.56")
    # a rule followed by itself: every name meets
    assert calc.program_bersambung(capaian, calc.rencana_langsung(capaian), capaian, "realisasi", shared) is None
    # a second rule whose input declares a range is checked by jalankan, never fused
    ikm = rules.indikator("ikm")
    assert calc.program_bersambung(rata, calc.rencana_langsung(rata), ikm, "jawaban", shared) is None


def test_records_for_a_program_are_tuples_of_the_fields_read(rules, loksado):
    """The usual row's program gets each record as a tuple of the fields it reads (one field:
    the value); every other path, and every reader, gets dicts."""
    from sakip_rules.engine.sources import Kolom, _catatan_bumdes, _catatan_status, sumber_aturan, susunan_aturan
    rasio, bumdes = rules.indikator("rasio_desa_maju"), rules.indikator("persentase_bumdes_baik")
    assert susunan_aturan(rasio) == {"desa": ("status",)}
    assert susunan_aturan(bumdes) == {"bumdes": ("aktif", "laba")}
    assert susunan_aturan(rules.indikator("ikm")) == {}  # whole lists of answers: nothing to arrange
    assert all(k.susunan is None for _, _, k in sumber_aturan(rasio))
    by_desa = {s.desa: s for s in loksado.status_desa if s.tahun == 2024}
    desa = loksado.kecamatan.desa
    ((_, _, kolom),) = sumber_aturan(rasio, tersusun=True)
    assert _catatan_status(desa, by_desa, kolom) == [by_desa[d.kode].status for d in desa]
    two = Kolom(frozenset({"idm", "status"}), frozenset(), ("idm", "status"))
    assert _catatan_status(desa, by_desa, two)[0] == (by_desa[desa[0].kode].idm, by_desa[desa[0].kode].status)
    per = loksado.laba_per_bulan(2024)
    ((_, _, kolom),) = sumber_aturan(bumdes, tersusun=True)
    usual = _catatan_bumdes(loksado, per, kolom)
    assert [(a, list(laba)) for a, laba in usual] == [(b.aktif, list(per.get(b.kode, {}).values()))
                                                      for b in loksado.kecamatan.bumdes]
    ordered = _catatan_bumdes(loksado, per, Kolom(frozenset({"kode", "laba"}), frozenset({"laba"}), ("kode", "laba")))
    first = loksado.kecamatan.bumdes[0]
    assert ordered[0] == (first.kode, [per[first.kode][m] for m in sorted(per[first.kode])])


def test_an_adapters_fields_for_tuples_are_the_fields_of_its_records(rules, loksado):
    """``kolom_tersedia`` (what a record tuple may hold) names exactly the fields an adapter's
    records have: a field added to one and not the other would break the tuples."""
    from sakip_rules.engine.sources import _ADAPTERS, sumber_aturan
    for rule in (rules.indikator("rasio_desa_maju"), rules.indikator("persentase_bumdes_baik")):
        ((adapter, m, _),) = sumber_aturan(rule)
        assert set(adapter.lengkap(loksado, 2024, m)[0]) == adapter.kolom_tersedia, m.sumber
    assert _ADAPTERS["ikm"].kolom_tersedia == frozenset()  # no records
