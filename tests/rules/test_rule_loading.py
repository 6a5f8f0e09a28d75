"""Strict rule files: schema errors with file:line:key, names checked at load time, whole-set refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from sakip_rules.engine.periksa_aturan import periksa_aturan
from sakip_rules.rules import load_rules

from project_paths import RULES_DIR
from salinan import baris_dengan, galat_aturan, ubah as edit


def test_shipped_rules_pass_the_rules_check():
    hasil = periksa_aturan(RULES_DIR)
    assert hasil.ok, [str(t) for t in hasil.temuan]
    assert hasil.contoh_lulus >= 30
    assert hasil.skala_diperiksa == 3


def test_fingerprint_changes_with_content(salinan_aturan):
    a = load_rules(salinan_aturan).fingerprint
    edit(salinan_aturan / "rumus" / "capaian.yaml", "Capaian dalam persen", "Capaian (persen)")
    assert load_rules(salinan_aturan).fingerprint != a


def test_unknown_key_names_file_line_and_key(salinan_aturan):
    f = salinan_aturan / "indikator" / "ikm.yaml"
    edit(f, "polaritas: positif", "polaritas: positif\nwarna_favorit: biru")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file.endswith("indikator/ikm.yaml")
    assert e.line == baris_dengan(f, "warna_favorit")
    assert e.key == "warna_favorit"
    assert "tidak dikenal" in e.message


def test_wrong_type_and_enum(salinan_aturan):
    f = salinan_aturan / "indikator" / "rasio_desa_maju.yaml"
    edit(f, "polaritas: positif", "polaritas: naik")
    (e,) = galat_aturan(salinan_aturan)
    assert e.line == baris_dengan(f, "polaritas: naik") and "positif" in e.message


def test_unknown_name_in_formula_fails_at_load(salinan_aturan):
    f = salinan_aturan / "rumus" / "capaian.yaml"
    edit(f, "if polaritas == \"positif\" then realisasi / target * 100",
         "if polaritas == \"positif\" then realisasi / targt * 100")
    (e,) = galat_aturan(salinan_aturan)
    assert "targt" in e.message and e.file.endswith("rumus/capaian.yaml")
    assert e.line == baris_dengan(f, "rumus: >")


def test_reference_to_unknown_rule(salinan_aturan):
    edit(salinan_aturan / "pengukuran.yaml", "skala_kategori: kategori_capaian", "skala_kategori: kategori_lain")
    (e,) = galat_aturan(salinan_aturan)
    assert "kategori_lain" in e.message and e.key == "skala_kategori"


def test_all_problems_reported_together(salinan_aturan):
    edit(salinan_aturan / "indikator" / "ikm.yaml", "polaritas: positif", "polaritas: naik")
    edit(salinan_aturan / "skala" / "status_idm.yaml", "kebijakan_hit: unik", "kebijakan_hit: semua")
    errs = galat_aturan(salinan_aturan)
    assert {Path(e.file).name for e in errs} == {"ikm.yaml", "status_idm.yaml"}


def test_duplicate_key_and_bad_yaml(salinan_aturan):
    f = salinan_aturan / "skala" / "status_idm.yaml"
    edit(f, "satuan: indeks", "satuan: indeks\nsatuan: rasio")
    (e,) = galat_aturan(salinan_aturan)
    assert "dua kali" in e.message and e.line == baris_dengan(f, "satuan: rasio")
    g = salinan_aturan / "rumus" / "efisiensi.yaml"
    g.write_text("jenis: rumus\n  id: [unclosed\n", encoding="utf-8")
    errs = galat_aturan(salinan_aturan)
    assert any(e.file.endswith("rumus/efisiensi.yaml") and e.line for e in errs)


def test_scale_with_gap_fails_the_rules_check_naming_the_gap(salinan_aturan):
    f = salinan_aturan / "skala" / "kategori_capaian.yaml"
    edit(f, 'rentang: "(90, inf)"', 'rentang: "[91, inf)"')
    hasil = periksa_aturan(salinan_aturan)
    assert not hasil.ok
    t, example = hasil.temuan  # the gap, and the worked example 90,01 that now falls into it
    assert "contoh nilai 90.01" in example.message
    assert "celah (90, 91)" in t.message
    assert "'Tinggi'" in t.message and "'Sangat Tinggi'" in t.message
    assert t.file.endswith("skala/kategori_capaian.yaml")


def test_failing_worked_example_is_reported(salinan_aturan):
    f = salinan_aturan / "rumus" / "capaian.yaml"
    edit(f, "harapan: {capaian: 99.92}", "harapan: {capaian: 99.93}")
    hasil = periksa_aturan(salinan_aturan)
    (t,) = hasil.temuan
    assert "99.93" in t.message and "99.92" in t.message and t.line == baris_dengan(f, "IKM Loksado 2024 (Tabel 3.9)")


def test_formula_cannot_run_code_from_a_rule_file(salinan_aturan, tmp_path):
    sentinel = tmp_path / "pwned"
    edit(salinan_aturan / "rumus" / "capaian.yaml", "rumus: >", f"rumus: __import__('os').system('touch {sentinel}') #")
    errs = galat_aturan(salinan_aturan)
    assert errs and not sentinel.exists()


def test_overlapping_unique_scale_is_refused_at_load(salinan_aturan):
    f = salinan_aturan / "skala" / "kategori_capaian.yaml"
    edit(f, 'rentang: "(90, inf)"', 'rentang: "[90, inf)"')
    (e,) = galat_aturan(salinan_aturan)
    assert "tumpang tindih pada [90, 90]" in e.message and e.file.endswith("kategori_capaian.yaml")
    assert e.line == baris_dengan(f, 'rentang: "(75, 90]"')  # the later of the two rows


def test_ikm_source_must_say_which_semester(salinan_aturan):
    f = salinan_aturan / "indikator" / "ikm.yaml"
    edit(f, "    pilih: {semester: 2}\n", "")
    (e,) = galat_aturan(salinan_aturan)
    assert "semester" in e.message and e.file.endswith("indikator/ikm.yaml")


@pytest.mark.parametrize("nilai", ["[1, 2]", "30", "2.5", "-3"])
def test_decimal_places_of_a_worked_example_are_checked(salinan_aturan, nilai):
    ikm = salinan_aturan / "indikator" / "ikm.yaml"
    edit(ikm, "parameter: {tempat_ikm_skala_4: null}", f"parameter: {{tempat_ikm_skala_4: {nilai}}}")
    errs = galat_aturan(salinan_aturan)
    assert any("tempat_ikm_skala_4' dipakai sebagai banyak desimal" in e.message
               and e.line == baris_dengan(ikm, "tempat_ikm_skala_4: " + nilai) for e in errs), errs


def test_decimal_places_given_at_evaluation_are_checked():
    from decimal import Decimal as D

    from sakip_rules.engine.calc import hitung
    from sakip_rules.errors import DataError

    ikm = load_rules(RULES_DIR).indikator("ikm")
    for nilai in (D("2.5"), D(-3), D(30)):
        with pytest.raises(DataError) as exc:
            hitung(ikm, diberikan={"jumlah_nrr": D("32.590")}, parameter={"tempat_ikm_skala_4": nilai})
        assert "harus bilangan bulat 0 sampai 20" in exc.value.message and exc.value.file.endswith("ikm.yaml")


def test_a_formula_put_in_pengukuran_must_take_what_the_engine_gives(salinan_aturan):
    edit(salinan_aturan / "pengukuran.yaml", "rumus_rata_rata: rata_rata_capaian", "rumus_rata_rata: efisiensi")
    errs = galat_aturan(salinan_aturan)
    assert any("rumus 'efisiensi' dipakai sebagai rumus_rata_rata" in e.message and "daftar_capaian" in e.message
               and e.file.endswith("pengukuran.yaml") for e in errs), errs


def test_a_file_that_is_not_yaml_is_the_only_error_named(salinan_aturan):
    (salinan_aturan / "skala" / "mutu_pelayanan_ikm.yaml").write_text("jenis: skala\nid: [tidak ditutup\n", encoding="utf-8")
    errs = galat_aturan(salinan_aturan)
    assert len(errs) == 1 and errs[0].file.endswith("skala/mutu_pelayanan_ikm.yaml"), errs


@pytest.mark.parametrize("tertulis, uraian", [("[rumus]", "daftar berisi teks"), ("{}", "pemetaan"),
                                              ("", "kosong")])
def test_a_kind_that_is_not_text_is_refused_naming_the_value(salinan_aturan, tertulis, uraian):
    f = salinan_aturan / "rumus" / "efisiensi.yaml"
    edit(f, "jenis: rumus", f"jenis: {tertulis}")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file.endswith("rumus/efisiensi.yaml") and e.line == baris_dengan(f, "jenis:") and e.key == "jenis"
    assert f"jenis {uraian}" in e.message and "tidak dikenal" in e.message and "kesalahan internal" not in e.message


@pytest.mark.parametrize("lama, baru, potongan, di", [
    ("    banyak_butir: 9\n", "", "memerlukan 'banyak_butir'", "  jawaban:"),
    ('    rentang: "[1, 4]"\n', "", "memerlukan 'rentang' nilai jawaban", "  jawaban:"),
    ('rentang: "[1, 4]"', 'rentang: "[0.5, 4.5]"', 'tertulis "[0.5, 4.5]"', 'rentang: "[0.5, 4.5]"'),
    ('rentang: "[1, 4]"', 'rentang: "(0, 4]"', "harus tertutup dengan batas bilangan bulat", 'rentang: "(0, 4]"'),
    ('    rentang: "[25, 100]"\n', "", "langkah 'ikm' diberikan sumber ikm", "id: ikm"),
    ('rentang: "[25, 100]"', 'rentang: "(25, 100]"', "'rentang' langkah 'ikm' harus tertutup", 'rentang: "(25, 100]"'),
    ("    jenis: daftar\n    # PermenPAN-RB 14/2017: sembilan unsur, setiap jawaban bernilai 1 sampai 4.\n"
     '    banyak_butir: 9\n    rentang: "[1, 4]"\n', "    jenis: catatan\n",
     "jenis masukan 'jawaban' harus 'daftar', bukan 'catatan'", "jenis: catatan"),
])
def test_the_survey_shape_the_store_needs_is_checked_at_load(salinan_aturan, lama, baru, potongan, di):
    f = salinan_aturan / "indikator" / "ikm.yaml"
    edit(f, lama, baru)
    (e,) = galat_aturan(salinan_aturan)
    assert potongan in e.message and e.file.endswith("indikator/ikm.yaml"), e
    lines = f.read_text(encoding="utf-8").splitlines()
    assert lines[e.line - 1].strip(" -") == di.strip(), e  # the line of the input or step concerned
    hasil = periksa_aturan(salinan_aturan)
    assert not hasil.ok


def test_the_store_reads_the_survey_shape_the_rules_declare(salinan_aturan):
    from decimal import Decimal as D

    from sakip_rules.rules.model import aturan_ikm

    f = salinan_aturan / "indikator" / "ikm.yaml"
    edit(f, "banyak_butir: 9", "banyak_butir: 10")
    edit(f, 'rentang: "[1, 4]"', 'rentang: "[1.0, 5]"')
    edit(f, 'rentang: "[25, 100]"', 'rentang: "[20, 100]"')
    a = aturan_ikm(load_rules(salinan_aturan))
    assert (a.unsur, a.skor_min, a.skor_maks, a.nilai_min, a.nilai_maks) == (10, 1, 5, D(20), D(100))
    assert type(a.skor_min) is int and type(a.skor_maks) is int


@pytest.mark.parametrize("berkas, setelah, tambahan, kunci, potongan", [
    ("rumus/capaian.yaml", "    jenis: teks\n", 'rentang: "[0, 1]"', "rentang", "masukan 'polaritas' jenis 'teks'"),
    ("indikator/persentase_bumdes_baik.yaml", "    jenis: daftar\n", 'rentang: "[0, 1]"', "rentang",
     "masukan 'bumdes' daftar catatan (dengan 'kolom')"),
    ("rumus/capaian.yaml", "    jenis: teks\n", "banyak_butir: 2", "banyak_butir",
     "'banyak_butir' hanya untuk masukan jenis 'daftar'; masukan 'polaritas' jenis 'teks'"),
    ("rumus/capaian.yaml", "    jenis: angka\n", "banyak_butir: 2", "banyak_butir",
     "'banyak_butir' hanya untuk masukan jenis 'daftar'; masukan 'target' jenis 'angka'"),
    ("rumus/capaian.yaml", "    jenis: angka\n", "pilih: {semester: 2}", "pilih",
     "'pilih' hanya untuk masukan dengan 'sumber: ikm' (memilih survei semester mana); masukan 'target' "
     "tanpa 'sumber'"),
    ("indikator/persentase_bumdes_baik.yaml", "    jenis: daftar\n", "pilih: {semester: 2}", "pilih",
     "masukan 'bumdes' sumber 'bumdes'"),
    ("rumus/capaian.yaml", "    jenis: angka\n", "kolom: {a: angka}", "kolom",
     "'kolom' hanya untuk masukan jenis 'daftar' (kolom setiap catatan); masukan 'target' jenis 'angka'"),
])
def test_range_and_length_only_where_they_can_apply(salinan_aturan, berkas, setelah, tambahan, kunci, potongan):
    f = salinan_aturan / berkas
    edit(f, setelah, setelah + "    " + tambahan + "\n")
    errs = galat_aturan(salinan_aturan)
    assert any(potongan in e.message and e.key.endswith(kunci) and e.file.endswith(berkas)
               and e.line == baris_dengan(f, tambahan) for e in errs), errs


def test_range_on_a_number_input_is_accepted(salinan_aturan):
    edit(salinan_aturan / "rumus" / "capaian.yaml", "    jenis: angka\n", '    jenis: angka\n    rentang: "[0, inf)"\n')
    assert str(load_rules(salinan_aturan).rumus("capaian").masukan["target"].rentang) == "[0, inf)"


def test_schema_messages_show_written_values_as_every_other_message_does(salinan_aturan):
    f = salinan_aturan / "indikator" / "ikm.yaml"
    edit(f, "pilih: {semester: 2}", "pilih: {semester: II}")
    edit(f, "satuan: nilai", "satuan: [nilai]")
    messages = {e.key: e.message for e in galat_aturan(salinan_aturan)}
    assert messages["masukan.jawaban.pilih.semester"] == 'harus salah satu dari: 1, 2; tertulis teks "II"'
    assert messages["satuan"].endswith("tertulis daftar berisi teks")


def test_schema_type_messages_name_dates_and_mappings_as_yaml_does(salinan_aturan):
    f = salinan_aturan / "indikator" / "ikm.yaml"
    edit(f, "nama: Indeks Kepuasan Masyarakat", "nama: 2024-01-31")
    edit(f, "sasaran: Meningkatnya kualitas pelayanan publik kecamatan", "sasaran: {a: b}")
    messages = {e.key: e.message for e in galat_aturan(salinan_aturan)}
    assert messages["nama"] == "harus teks, bukan tanggal 2024-01-31"
    assert messages["sasaran"] == "harus teks, bukan pemetaan (kunci: nilai)"


def test_two_ikm_rules_must_declare_one_survey_shape(salinan_aturan):
    """A second IKM indicator (e.g. for semester I) with another survey shape is refused: the
    store and the data folder check every survey against one shape."""
    asli = (salinan_aturan / "indikator" / "ikm.yaml").read_text(encoding="utf-8")
    kedua = salinan_aturan / "indikator" / "ikm_semester_1.yaml"
    kedua.write_text(asli.replace("jenis: indikator\nid: ikm\n", "jenis: indikator\nid: ikm_semester_1\n", 1)
                     .replace("pilih: {semester: 2}", "pilih: {semester: 1}"), encoding="utf-8")
    load_rules(salinan_aturan)  # the same shape: accepted
    edit(kedua, "banyak_butir: 9", "banyak_butir: 10")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file.endswith("ikm_semester_1.yaml") and e.line is not None
    assert "bentuk survei IKM berbeda dari" in e.message and "10 unsur" in e.message and "9 unsur" in e.message
