"""`periksa` on the Loksado 2024 transcript: exactly the report's real inconsistencies, no false alarm."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from sakip_rules.engine.periksa import periksa
from sakip_rules.report import load_laporan

from project_paths import DATA_DIR

TRANSKRIP = DATA_DIR / "laporan" / "2024.yaml"

# (check id, place, severity, stated, computed) — the whole expected list, in output order.
DIHARAPKAN = [
    ("anggaran_sub_kegiatan_tanpa_pagu",
     "Tabel 3.13, baris Fasilitasi Kerja Sama Antardesa dan Kerja Sama Desa Dengan Pihak Ketiga", "galat",
     "Fasilitasi Kerja Sama Antardesa dan Kerja Sama Desa Dengan Pihak Ketiga", None),
    ("anggaran_sub_kegiatan_tidak_dilaporkan",
     "Tabel 2.2, baris Koordinasi Pendampingan Desa di Wilayahnya, kolom SUB KEGIATAN", "galat",
     "Koordinasi Pendampingan Desa di Wilayahnya", None),
    ("hitung_ulang_anggaran_program", "Tabel 3.14 (program), baris 6, kolom realisasi anggaran", "galat",
     "95,7%", "93,87%"),
    ("hitung_ulang_anggaran_program", "Tabel 3.14 (program), baris 9, kolom realisasi anggaran", "galat",
     "93%", "90,05%"),
    ("hitung_ulang_capaian", "Tabel 3.11, baris Loksado, kolom Capaian (%)", "galat", "100%", "99,92%"),
    ("hitung_ulang_rumus_ikm", "BAB III A.1.c paragraf 2 (hasil)", "galat", "90,43", "29.360,3603603603…"),
    ("konsistensi_capaian", "Tabel 3.11, baris Loksado, kolom Capaian (%)", "galat", "100%", "99,92%"),
    ("konsistensi_capaian_program",
     "Tabel 3.13, baris Penyusunan Dokumen Perencanaan Perangkat Daerah, kolom Capaian Kinerja Program", "galat",
     "100", "–"),
    ("konsistensi_status_target", "BAB III A.4 paragraf 2 (tercapai)", "galat", "tidak", "ya"),
    ("kosong_bukan_nol_rata_rata_efisiensi_program", "Tabel 3.14 (program), baris Rata-Rata, kolom efisiensi",
     "galat", "0,6", "1,09"),
    ("kosong_bukan_nol_rata_rata_efisiensi_program", "BAB III A.5 paragraf 1 (efisiensi)", "galat", "0,6", "1,09"),
    ("keterbandingan_perbandingan_tahun", "BAB III A.1.b.1) paragraf 2 (nilai tahun lalu)", "peringatan", "63,64%", None),
    ("kewajaran_laba_bumdes", "data: BUMDes Sarantas Berenar (desa Lumpangi), laba bulanan 2024", "peringatan",
     "6", "9"),
    ("kewajaran_laba_bumdes", "data: BUMDes Serati (desa Hulu Banyu), laba bulanan 2024", "peringatan", "2", "9"),
    ("konsistensi_capaian_dipotong", "BAB III A.1.c paragraf 2 (capaian)", "peringatan", "99%", "99,92%"),
    ("konsistensi_nama_indikator", "Tabel 3.14 (sasaran), baris 3, kolom Indikator Kinerja Sasaran", "peringatan",
     "Tingkat Kepuasan Pelayanan", "Indeks Kepuasan Masyarakat"),
    ("konsistensi_tujuan", "BAB II A.1 paragraf 1 (tujuan)", "peringatan",
     "Meningkatnya Kepuasan Masyarakat Terhadap Pelayanan Publik",
     "Meningkatkan Tata Kelola Pemerintahan yang baik dan bersih serta layanan publik yang berkualitas berbasis "
     "teknologi informasi"),
    ("konsistensi_tujuan", "BAB III A.1 paragraf 2 (tujuan)", "peringatan",
     "Meningkatnya Kepuasan Masyarakat Terhadap Pelayanan Publik",
     "Meningkatkan Tata Kelola Pemerintahan yang baik dan bersih serta layanan publik yang berkualitas berbasis "
     "teknologi informasi"),
] + [
    ("kosong_bukan_nol_ditulis_nol", f"Tabel 3.14 (program), baris {n}, kolom capaian kinerja program",
     "peringatan", "0%", "–") for n in (1, 2, 3, 4)
] + [
    ("konsistensi_capaian_presisi", "Tabel 3.14 (sasaran), baris 3, kolom capaian kinerja sasaran", "info",
     "99,9%", "99,92%"),
    ("konsistensi_capaian_presisi", "BAB IV butir 3 (capaian)", "info", "99,9%", "99,92%"),
]


@pytest.fixture(scope="module")
def hasil(rules, loksado):
    return periksa(rules, loksado, 2024, load_laporan(TRANSKRIP))


def _ringkas(h):
    return [(t.pemeriksaan, t.tempat, t.tingkat, t.dinyatakan, t.dihitung) for t in h.temuan]


def test_exactly_the_expected_findings(hasil):
    assert _ringkas(hasil) == DIHARAPKAN


def test_counts_and_gate(hasil):
    assert (hasil.jumlah("galat"), hasil.jumlah("peringatan"), hasil.jumlah("info")) == (11, 11, 2)
    assert hasil.ada_galat
    assert not any(t.tidak_dapat_diperiksa for t in hasil.temuan)


def test_every_check_examined_at_least_one_place(hasil, rules):
    from sakip_rules.engine.periksa import daftar_pemeriksaan
    ids = {c.id for c in daftar_pemeriksaan(rules)}
    assert set(hasil.diperiksa) == ids - {"keterbandingan_baseline_data"}
    assert hasil.dilewati == [("keterbandingan_baseline_data", "digantikan oleh keterbandingan_perbandingan_tahun")]
    kosong = [i for i, n in hasil.tempat_diperiksa.items() if n == 0]
    assert kosong == [], f"checks that examined nothing: {kosong}"
    assert hasil.tanpa_pemeriksaan == []  # every kind of transcribed statement is read by some check


def test_places_counted_are_those_the_condition_selects(hasil, rules):
    from sakip_rules.engine.periksa import SumberJalan, jalankan
    from sakip_rules.engine.periksa.sumber import rekaman_laporan

    assert (len(hasil.diperiksa), sum(hasil.tempat_diperiksa.values())) == (51, 494)  # docs/pemeriksaan.md
    check = rules.lainnya["kosong_bukan_nol_ditulis_nol"]  # jika: ada(b.capaian)
    counts = []
    for contoh in check.contoh[:2]:  # two rows with a capaian; one row whose capaian is '-'
        temuan, tempat = jalankan(check, rules, SumberJalan(contoh.laporan, {}), 2024,
                                  rekaman_laporan(contoh.laporan, None, 2024))
        counts.append((len(temuan), tempat))
    assert counts == [(1, 2), (0, 0)]


def test_consistent_statements_raise_no_alarm(hasil):
    places = {t.tempat for t in hasil.temuan}
    # Tabel 3.16's rounded percentages (96%, 91%, 75%, 86%) and the totals are right at printed precision.
    assert not any(p.startswith("Tabel 3.16") for p in places)
    # PK program budgets, Jumlah rows, Tabel 3.14 left half and its average, Tabel 3.2 average: consistent.
    assert not any(p.startswith(("Lampiran PK", "Tabel 3.4", "Tabel 3.7", "Tabel 3.10", "Tabel 2.2, baris TOTAL"))
                   for p in places)
    assert not any(p.startswith("Tabel 3.14 (sasaran)") and "indikator" not in p.lower()
                   and t.tingkat != "info" for t in hasil.temuan for p in [t.tempat])
    assert "Tabel 3.2, baris Rata-Rata Capaian, kolom Capaian" not in places
    # 1,05 / 0,6 in the text equal the table; 75% for 75,05% is a correct rounding.
    assert "Tabel 3.14 (program), baris 7, kolom realisasi anggaran" not in places


def test_recomputation_explains_with_the_rule_trace(hasil):
    t = next(t for t in hasil.temuan if t.pemeriksaan == "hitung_ulang_capaian")
    text = "\n".join(t.penjelasan)
    assert "Menurut aturan capaian (rules/rumus/capaian.yaml):" in text
    assert "90,43 / 90,5 × 100" in text and "99,9226519337…" in text and "= 99,92" in text
    assert "Tabel 3.11, baris Loksado, kolom Target: 90,5" in text
    assert t.nilai_dinyatakan == Decimal("100") and t.nilai_dihitung == Decimal("99.92")
    assert t.berkas == str(TRANSKRIP) and t.baris


def test_ikm_formula_finding_shows_the_ikm_rule(hasil):
    t = next(t for t in hasil.temuan if t.pemeriksaan == "hitung_ulang_rumus_ikm")
    text = "\n".join(t.penjelasan)
    assert "Menurut aturan ikm (rules/indikator/ikm.yaml):" in text
    assert "3,61749" in text and "90,425" in text
    assert "angka IKM-nya benar, rumus yang ditulis keliru" in t.pesan
    # the rule's formula is shown once, from the rule, in the explanation: the message does not restate it
    assert "rumus: ikm_skala_4 × 25" in text and "= 3,617 × 25 = 90,425" in text
    assert "× 25" not in t.pesan and "jumlah NRR 32,590 memberi IKM 90,43" in t.pesan


def test_missing_is_not_zero_finding_names_the_unknown_rows(hasil):
    t = next(t for t in hasil.temuan if t.pemeriksaan == "kosong_bukan_nol_rata_rata_efisiensi_program")
    assert "4 indikator" in t.pesan and "Skor Perencanaan Kinerja" in t.pesan and "1,09" in t.pesan


def test_data_only_run_warns_early(rules, loksado):
    h = periksa(rules, loksado, 2024)
    assert h.laporan is None
    assert [(t.pemeriksaan, t.tingkat) for t in h.temuan] == [
        ("keterbandingan_baseline_data", "peringatan"),
        ("kewajaran_laba_bumdes", "peringatan"),
        ("kewajaran_laba_bumdes", "peringatan"),
    ]
    assert not h.ada_galat
    assert "7 / 11" in h.temuan[0].pesan
    skipped = dict(h.dilewati)
    assert skipped["hitung_ulang_capaian"].startswith("memerlukan berkas laporan")


def test_report_differing_from_data_is_explained_with_the_jelaskan_trace(rules, loksado, tmp_path):
    doc = yaml.safe_load(TRANSKRIP.read_text(encoding="utf-8"))
    row = doc["tabel"]["Tabel 3.2"]["baris"][2]
    row["realisasi"], row["capaian"] = "90,53", "100,03%"
    path = tmp_path / "2024.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    h = periksa(rules, loksado, 2024, load_laporan(path))
    t = next(t for t in h.temuan if t.pemeriksaan == "konsistensi_laporan_data_iku"
             and t.tempat.endswith("kolom Realisasi (5)"))
    assert (t.dinyatakan, t.dihitung) == ("90,53", "90,43")
    text = "\n".join(t.penjelasan)
    assert "Penjelasan data:" in text
    assert "Indeks Kepuasan Masyarakat — tahun 2024" in text  # the `sakip jelaskan ikm 2024` trace
    assert "ikm_skala_4" in text and "32,590 × 0,111" in text


def _diperbaiki(tmp_path):
    """The Loksado transcript with every error-level inconsistency corrected."""
    doc = yaml.safe_load(TRANSKRIP.read_text(encoding="utf-8"))
    t = doc["tabel"]
    t["Tabel 3.11"]["baris"][0]["capaian"] = "99,92%"
    prog = t["Tabel 3.14 (program)"]
    for row in prog["baris"][:4]:
        row["capaian"], row["efisiensi"] = "-", "-"
    prog["baris"][5]["persen_realisasi"], prog["baris"][5]["efisiensi"] = "93,9%", "1,1"
    prog["baris"][8]["persen_realisasi"] = "90%"
    prog["ringkasan"][0]["efisiensi"] = "1,1"
    t["Tabel 3.14 (sasaran)"]["baris"][2]["indikator"] = "Indeks Kepuasan Masyarakat"
    t["Tabel 3.13"]["baris"][0]["capaian_program"] = "-"
    last = t["Tabel 3.13"]["baris"][-1]
    last["sub_kegiatan"] = "Koordinasi Pendampingan Desa di Wilayahnya"
    last["tautan"]["sub_kegiatan"] = "pendampingan_desa"
    keep = []
    for p in doc["pernyataan"]:
        if p["jenis"] == "rumus_ikm":
            continue
        if p["jenis"] == "status_target" and p["tempat"] == "BAB III A.4 paragraf 2":
            p["teks"]["tercapai"] = "ya"
        if p["jenis"] == "rata_rata_efisiensi" and "program" in p["tautan"]["tabel"]:
            p["angka"]["efisiensi"] = "1,1"
        if p["jenis"] in ("capaian", "kategori") and p["tempat"] == "BAB III A.1.c paragraf 2":
            p["angka"]["capaian"] = "99,92%"
        if p["jenis"] == "tujuan":
            p["teks"]["tujuan"] = t["Tabel 2.1"]["baris"][0]["tujuan"]
        keep.append(p)
    doc["pernyataan"] = keep
    path = tmp_path / "2024.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_corrected_report_passes_the_gate(rules, loksado, tmp_path):
    h = periksa(rules, loksado, 2024, load_laporan(_diperbaiki(tmp_path)))
    assert not h.ada_galat, _ringkas(h)
    assert [(t.pemeriksaan, t.tingkat) for t in h.temuan] == [
        ("keterbandingan_perbandingan_tahun", "peringatan"),
        ("kewajaran_laba_bumdes", "peringatan"),
        ("kewajaran_laba_bumdes", "peringatan"),
        ("konsistensi_capaian_presisi", "info"),
        ("konsistensi_capaian_presisi", "info"),
    ]


def test_year_outside_the_plan_is_refused_like_capaian(rules, loksado):
    from sakip_rules.errors import UsageError

    with pytest.raises(UsageError) as exc:
        periksa(rules, loksado, 2031)
    assert exc.value.message == ("tidak ada rencana (Renstra atau PK) untuk tahun 2031; "
                                 "tahun yang direncanakan: 2024–2026")


def test_one_indicator_that_cannot_be_computed_leaves_the_others_checked(rules, loksado):
    """With no active BUMDes the BUMDes indicator cannot be computed (Tabel 3.2 says why); the
    checks about the other indicators still run instead of all becoming "cannot be checked"."""
    import dataclasses

    nonaktif = tuple(dataclasses.replace(b, aktif=False) for b in loksado.kecamatan.bumdes)
    ds = dataclasses.replace(loksado, kecamatan=dataclasses.replace(loksado.kecamatan, bumdes=nonaktif))
    normal = periksa(rules, loksado, 2024, load_laporan(TRANSKRIP))
    h = periksa(rules, ds, 2024, load_laporan(TRANSKRIP))
    baru = {(t.pemeriksaan, t.tempat) for t in h.temuan} - {(t.pemeriksaan, t.tempat) for t in normal.temuan}
    assert baru and all("bumdes" in tempat.lower() for _, tempat in baru), baru  # only the BUMDes places
    assert not any("tidak dapat dievaluasi" in t.pesan for t in h.temuan)
