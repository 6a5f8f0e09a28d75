"""Every report check carries worked examples that pass and fail as declared (rules/pemeriksaan/)."""

from __future__ import annotations

import pytest

from sakip_rules.engine.periksa import daftar_pemeriksaan, jalankan_contoh
from sakip_rules.engine.periksa_aturan import periksa_aturan
from sakip_rules.rules.pemeriksaan import KELUARGA, TINGKAT, Pemeriksaan, cocokkan_harapan

from project_paths import RULES_DIR
from salinan import ubah


def _checks():
    from sakip_rules.rules import load_rules
    return daftar_pemeriksaan(load_rules(RULES_DIR))


CHECKS = _checks()
EXAMPLES = [(c.id, i) for c in CHECKS for i in range(len(c.contoh))]


def test_there_are_checks_of_every_family(rules):
    checks = daftar_pemeriksaan(rules)
    assert len(checks) >= 40
    assert {c.keluarga for c in checks} == set(KELUARGA)
    assert {c.tingkat for c in checks} == set(TINGKAT)


@pytest.mark.parametrize("check_id", [c.id for c in CHECKS])
def test_each_check_has_a_passing_and_a_failing_example(rules, check_id):
    check = rules.lainnya[check_id]
    assert isinstance(check, Pemeriksaan)
    assert any(not c.harapan for c in check.contoh), "no passing example"
    assert any(c.harapan for c in check.contoh), "no failing example"
    assert check.deskripsi and check.dasar


@pytest.mark.parametrize("check_id,index", EXAMPLES)
def test_example_gives_exactly_the_expected_findings(rules, check_id, index):
    check = rules.lainnya[check_id]
    contoh = check.contoh[index]
    temuan = jalankan_contoh(check, rules, contoh)
    assert cocokkan_harapan(contoh.harapan, temuan) is None, cocokkan_harapan(contoh.harapan, temuan)
    for t in temuan:
        assert t.pemeriksaan == check_id
        assert t.tingkat == (check.tingkat if not t.tidak_dapat_diperiksa else "peringatan")
        assert t.penjelasan and t.penjelasan[0].startswith(f"Pemeriksaan {check_id}")


def test_rules_check_runs_the_examples():
    hasil = periksa_aturan(RULES_DIR)
    assert hasil.ok, [str(t) for t in hasil.temuan]
    total = sum(len(c.contoh) for c in CHECKS)
    assert hasil.contoh_lulus >= total


def test_a_wrong_expectation_is_reported_with_file_and_line(rules, salinan_aturan):
    folder = salinan_aturan
    path = folder / "pemeriksaan" / "hitung_ulang_capaian.yaml"
    ubah(path, "dihitung: 99,92%", "dihitung: 99,93%")
    hasil = periksa_aturan(folder)
    assert not hasil.ok
    (problem,) = hasil.temuan
    assert problem.file == "rules/pemeriksaan/hitung_ulang_capaian.yaml"
    assert problem.line and "99,93%" in problem.message and "tidak muncul" in problem.message


def test_a_check_without_a_failing_example_is_refused(salinan_aturan):
    from sakip_rules.errors import ErrorList
    from sakip_rules.rules import load_rules
    folder = salinan_aturan
    path = folder / "pemeriksaan" / "hitung_ulang_rasio.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text.index("  - nama: Kepadatan 27 untuk 26,17")
    path.write_text(text[:cut] + text[cut:].replace("harapan:\n      - {tempat: BAB I paragraf 3 (hasil), dinyatakan: \"27\"}",
                                                     "harapan: []"), encoding="utf-8")
    with pytest.raises(ErrorList) as exc:
        load_rules(folder)
    assert "hitung_ulang_rasio.yaml" in str(exc.value)
    assert "sedikitnya satu contoh yang lulus" in str(exc.value)


def test_an_unknown_name_in_a_check_formula_fails_at_load_time(salinan_aturan):
    from sakip_rules.errors import ErrorList
    from sakip_rules.rules import load_rules
    folder = salinan_aturan
    ubah(folder / "pemeriksaan" / "hitung_ulang_jumlah.yaml", "dihitung: sum(s.bagian)", "dihitung: sum(s.bagain) + x")
    with pytest.raises(ErrorList) as exc:
        load_rules(folder)
    text = str(exc.value)
    assert "hitung_ulang_jumlah.yaml" in text and "dihitung" in text and "'x' tidak dikenal" in text


def test_a_check_calling_an_unknown_rule_is_reported_by_the_rules_check(salinan_aturan):
    folder = salinan_aturan
    ubah(folder / "pemeriksaan" / "hitung_ulang_efisiensi.yaml", "{aturan: efisiensi,", "{aturan: efisiensi_lama,")
    hasil = periksa_aturan(folder)
    assert any("efisiensi_lama" in t.message and t.file.endswith("hitung_ulang_efisiensi.yaml")
               for t in hasil.temuan)
