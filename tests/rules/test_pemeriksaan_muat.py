"""Report checks are refused whole at load when they are wrong with the rest of the rule set
(unknown rule or check, ``menggantikan`` cycles), when their example data has a shape the data
never has, and the places they read have one pattern with the transcript's table names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sakip_rules.cli.main import main
from sakip_rules.engine.periksa.jalan import Temuan
from sakip_rules.engine.periksa_aturan import periksa_aturan
from sakip_rules.report.model import RE_TABEL
from sakip_rules.rules.pemeriksaan import RE_SUMBER_TABEL, Harapan, baca_sumber, cocokkan_harapan

from project_paths import DATA_DIR, RULES_DIR
from salinan import baris_dengan, galat_aturan, ubah


# --------------------------------------------------------------------------- items only visible with the whole set

def test_a_check_calling_an_unknown_rule_is_refused_at_load_with_file_and_line(salinan_aturan):
    path = salinan_aturan / "pemeriksaan" / "hitung_ulang_efisiensi.yaml"
    ubah(path, "{aturan: efisiensi,", "{aturan: efisiensi_lama,")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file == "rules/pemeriksaan/hitung_ulang_efisiensi.yaml"
    assert e.line == baris_dengan(path, "aturan: efisiensi_lama")
    assert "aturan 'efisiensi_lama' tidak ada dalam set aturan" in e.message


def test_a_broken_rule_set_stops_sakip_periksa_before_any_check_runs(salinan_aturan, capsys):
    ubah(salinan_aturan / "pemeriksaan" / "hitung_ulang_efisiensi.yaml", "{aturan: efisiensi,", "{aturan: efisiensi_lama,")
    code = main(["periksa", "2024", "--rules", str(salinan_aturan), "--data", str(DATA_DIR)])
    captured = capsys.readouterr()
    assert code == 2
    assert "hitung_ulang_efisiensi.yaml" in captured.err and "efisiensi_lama" in captured.err
    assert "[GALAT]" not in captured.out and "Traceback" not in captured.err


def test_replacing_an_unknown_check_is_refused_at_load(salinan_aturan):
    path = salinan_aturan / "pemeriksaan" / "keterbandingan_perbandingan_tahun.yaml"
    ubah(path, "menggantikan: [keterbandingan_baseline_data]", "menggantikan: [keterbandingan_baseline_lama]")
    (e,) = galat_aturan(salinan_aturan)
    assert e.line == baris_dengan(path, "menggantikan:")
    assert "menggantikan 'keterbandingan_baseline_lama', padahal pemeriksaan itu tidak ada" in e.message


def test_a_check_replacing_itself_is_refused_at_load(salinan_aturan):
    path = salinan_aturan / "pemeriksaan" / "keterbandingan_perbandingan_tahun.yaml"
    ubah(path, "menggantikan: [keterbandingan_baseline_data]", "menggantikan: [keterbandingan_perbandingan_tahun]")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file.endswith("keterbandingan_perbandingan_tahun.yaml") and e.line == baris_dengan(path, "menggantikan:")
    assert "lingkaran (keterbandingan_perbandingan_tahun → keterbandingan_perbandingan_tahun)" in e.message


def test_two_checks_replacing_each_other_are_refused_at_load(salinan_aturan):
    other = salinan_aturan / "pemeriksaan" / "keterbandingan_baseline_data.yaml"
    ubah(other, "untuk_setiap:", "menggantikan: [keterbandingan_perbandingan_tahun]\nuntuk_setiap:")
    errors = galat_aturan(salinan_aturan)
    assert sorted(Path(e.file).name for e in errors) == ["keterbandingan_baseline_data.yaml",
                                                          "keterbandingan_perbandingan_tahun.yaml"]
    for e in errors:
        assert e.line and "lingkaran" in e.message and "tidak akan pernah dijalankan" in e.message
    assert any("keterbandingan_baseline_data → keterbandingan_perbandingan_tahun → keterbandingan_baseline_data"
               in e.message for e in errors)


def test_periksa_aturan_reports_load_problems_with_file_and_line(salinan_aturan):
    ubah(salinan_aturan / "pemeriksaan" / "keterbandingan_perbandingan_tahun.yaml",
         "menggantikan: [keterbandingan_baseline_data]", "menggantikan: [keterbandingan_perbandingan_tahun]")
    hasil = periksa_aturan(salinan_aturan)
    assert not hasil.ok and hasil.rules is None
    (t,) = hasil.temuan
    assert t.file.endswith("keterbandingan_perbandingan_tahun.yaml") and t.line and "lingkaran" in t.message


def test_a_value_of_the_check_named_dihitung_is_refused_at_load_not_overwritten(salinan_aturan):
    path = salinan_aturan / "pemeriksaan" / "hitung_ulang_rumus_ikm.yaml"
    ubah(path, "  menurut_aturan: ikm_dari_jumlah_nrr(s.pembilang)\n",
         "  menurut_aturan: ikm_dari_jumlah_nrr(s.pembilang)\n  dihitung: s.pembilang\n")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file == "rules/pemeriksaan/hitung_ulang_rumus_ikm.yaml"
    assert e.line == baris_dengan(path, "dihitung: s.pembilang / s.penyebut")
    assert e.message.startswith(f"nama 'dihitung' (nilai yang dihitung) sudah dipakai untuk nilai "
                                f"(baris {baris_dengan(path, 'dihitung: s.pembilang')})")


def test_a_parameter_named_dinyatakan_is_refused_at_load_not_overwritten(salinan_aturan):
    path = salinan_aturan / "pemeriksaan" / "konsistensi_capaian.yaml"
    ubah(path, "parameter:\n  batas_tercapai:", "parameter:\n  dinyatakan:\n    nilai: 1\n    deskripsi: Satu\n"
         "    dasar:\n      - {jenis: interpretasi, uraian: Satu, diperiksa: 2026-11-29}\n  batas_tercapai:")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file == "rules/pemeriksaan/konsistensi_capaian.yaml" and e.line == baris_dengan(path, "sel: capaian")
    assert (f"nama 'dinyatakan' (nilai yang dinyatakan) sudah dipakai untuk parameter "
            f"(baris {baris_dengan(path, '  dinyatakan:')})") in e.message


# --------------------------------------------------------------------------- example data has the data's shape

LABA = "bulanan: [{bulan: 1, laba: 150000}, {bulan: 2, laba: 200000}]"


@pytest.mark.parametrize("ganti,kunci,pesan", [
    ("bulanan: 5", "bulanan", "kolom 'bulanan' data 'bumdes' harus daftar bulan"),
    ("bulanan: [5]", "bulanan", "bukan daftar berisi angka"),
    ("bulanan: [{bulan: 13, laba: 1}]", "bulanan.0.bulan", "'bulan' harus nomor bulan 1 sampai 12, bukan 13"),
    ("bulanan: [{bulan: 1, untung: 1}]", "bulanan.0.untung", "hanya memuat bulan dan laba, bukan 'untung'"),
    ('bulanan: [{bulan: 1, laba: "satu juta"}]', "bulanan.0.laba", 'harus angka, bukan teks "satu juta"'),
    ("laba_tahunan: 5", "laba_tahunan", "sumber data 'bumdes' tidak memberikan kolom 'laba_tahunan'"),
    ("aktif: ya_tentu", "aktif", "kolom 'aktif' data 'bumdes' harus true atau false"),
])
def test_example_data_of_the_wrong_shape_is_refused_at_load(salinan_aturan, ganti, kunci, pesan):
    path = salinan_aturan / "pemeriksaan" / "kewajaran_laba_bumdes.yaml"
    if ganti.startswith(("bulanan", "laba_tahunan")):
        ubah(path, LABA, ganti if ganti.startswith("bulanan") else LABA + ", " + ganti)
    else:
        ubah(path, "{kode: se, nama: Serati, aktif: true,", "{kode: se, nama: Serati, " + ganti + ",")
    (e,) = galat_aturan(salinan_aturan)
    assert e.file == "rules/pemeriksaan/kewajaran_laba_bumdes.yaml"
    assert e.line == baris_dengan(path, "{kode: se, nama: Serati")
    assert e.key == f"contoh.0.data.bumdes.1.{kunci}"
    assert pesan in e.message and "internal" not in e.message


# --------------------------------------------------------------------------- places: one pattern, 'ringkasan' reserved

def test_check_places_use_the_transcript_table_pattern():
    for name in ("Tabel 3.2", "Tabel 3.14 (program)", "Gambar 3.6", "Lampiran PK", "Lampiran PK (program)"):
        assert RE_TABEL.match(name)
        assert baca_sumber(name).jenis == "tabel" and baca_sumber(name).nama == name
        assert (baca_sumber(name + " ringkasan").jenis, baca_sumber(name + " ringkasan").nama) == ("ringkasan", name)
    assert RE_TABEL.pattern[1:-1] in RE_SUMBER_TABEL.pattern  # one source, no copy


@pytest.mark.parametrize("name", ["Lampiran PK ringkasan", "Tabel 3.2 (ringkasan)", "Lampiran Rencana ringkasan"])
def test_ringkasan_is_reserved_in_table_names(name):
    assert not RE_TABEL.match(name)


def test_lampiran_pk_ringkasan_has_one_reading():
    s = baca_sumber("Lampiran PK ringkasan")
    assert (s.jenis, s.nama) == ("ringkasan", "Lampiran PK")


# --------------------------------------------------------------------------- expectations of examples

def _temuan(tidak_dapat: bool) -> Temuan:
    return Temuan("peringatan", "c", "n", "anggaran", "data: sub kegiatan A", None, None,
                  "tidak dapat diperiksa: x" if tidak_dapat else "Sub kegiatan A ...", [],
                  tidak_dapat_diperiksa=tidak_dapat)


def test_an_expectation_without_tidak_dapat_diperiksa_does_not_match_a_cannot_check_finding():
    h = Harapan("data: sub kegiatan A", None, None, "peringatan", None, None, frozenset({"tempat", "tingkat"}))
    problem = cocokkan_harapan([h], [_temuan(True)])
    assert problem and "tidak muncul" in problem and "tidak dapat diperiksa" in problem
    assert cocokkan_harapan([h], [_temuan(False)]) is None
    h_td = Harapan("data: sub kegiatan A", None, None, None, None, True, frozenset({"tempat", "tidak_dapat_diperiksa"}))
    assert cocokkan_harapan([h_td], [_temuan(True)]) is None
    assert cocokkan_harapan([h_td], [_temuan(False)]) is not None


def test_expectation_messages_have_no_python_reprs():
    h = Harapan("Tabel 3.2, baris IKM", "2", None, None, None, None, frozenset({"tempat", "dinyatakan"}))
    problem = cocokkan_harapan([h], [_temuan(False)])
    assert 'tempat "Tabel 3.2, baris IKM"; dinyatakan "2"' in problem
    assert "(dinyatakan –, dihitung –)" in problem and "None" not in problem and "'" not in problem


# --------------------------------------------------------------------------- the three capaian checks stay in step

def test_the_three_capaian_consistency_checks_share_places_condition_and_values():
    docs = {n: yaml.safe_load((RULES_DIR / "pemeriksaan" / f"{n}.yaml").read_text(encoding="utf-8"))
            for n in ("konsistensi_capaian", "konsistensi_capaian_dipotong", "konsistensi_capaian_presisi")}
    first = docs["konsistensi_capaian"]
    for name, d in docs.items():
        for key in ("membaca", "untuk_setiap", "jika", "nilai", "parameter", "sel", "dihitung"):
            assert d.get(key) == first.get(key), f"{name}: '{key}' berbeda dengan konsistensi_capaian"
    assert {d["tingkat"] for d in docs.values()} == {"galat", "peringatan", "info"}


def test_example_data_is_checked_against_the_fields_the_data_gives(rules, loksado):
    from sakip_rules.engine.periksa.sumber import sumber_dari_dataset
    from sakip_rules.rules.pemeriksaan import KOLOM_BULANAN, SUMBER_DATA, masalah_data_contoh

    data, alasan = sumber_dari_dataset(rules, loksado, 2024)
    assert set(SUMBER_DATA) == set(data) | set(alasan)
    for sumber, rows in data.items():
        for r in rows:
            assert set(r) == set(SUMBER_DATA[sumber].kolom), sumber
            plain = {k: (v if k != "bulanan" else [dict(m) for m in v]) for k, v in r.items()}
            assert masalah_data_contoh(sumber, plain) == [], sumber
            for m in plain.get("bulanan", []):
                assert set(m) == set(KOLOM_BULANAN)
