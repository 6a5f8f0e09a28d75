"""The transcript format: printed numbers read strictly, places checked, every problem with file:line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sakip_rules.engine.periksa import periksa
from sakip_rules.errors import ErrorList, UsageError
from sakip_rules.report import load_laporan
from sakip_rules.report.tercetak import AngkaTercetakTidakSah, baca_tercetak

from project_paths import DATA_DIR


@pytest.mark.parametrize("teks,nilai,tempat,satuan,kata", [
    ("99,92%", "99.92", 2, "persen", None),
    ("100%", "100", 0, "persen", None),
    ("92,00%", "92.00", 2, "persen", None),
    ("0,27", "0.27", 2, None, None),
    ("32,590", "32.590", 3, None, None),
    ("Rp 346.373.250", "346373250", 0, "rupiah", None),
    ("Rp346.373.250,00", "346373250.00", 2, "rupiah", None),
    ("Rp. 734.400", "734400", 0, "rupiah", None),
    ("346.373.250", "346373250", 0, None, None),
    ("12 Laporan", "12", 0, None, "Laporan"),
    ("6 Lembaga Kemasyarakatan", "6", 0, None, "Lembaga Kemasyarakatan"),
])
def test_printed_numbers_keep_their_precision(teks, nilai, tempat, satuan, kata):
    t = baca_tercetak(teks)
    assert t.nilai == Decimal(nilai) and str(t.nilai) == nilai
    assert (t.tempat_desimal, t.satuan, t.kata) == (tempat, satuan, kata)


@pytest.mark.parametrize("teks", ["-", "–", "-%", "Rp.", "Rp"])
def test_printed_unknown_is_none_not_zero(teks):
    assert baca_tercetak(teks).nilai is None


@pytest.mark.parametrize("teks,alasan", [
    ("90.43", "untuk desimal laporan mencetak koma, mis. '90,43'"),
    ("1.23.456", "setiap kelompok sesudah titik harus tiga angka"),
    ("1,2,3", "lebih dari satu koma"),
    ("Rp 5%", "rupiah dan persen sekaligus"),
    ("sembilan", "bukan angka"),
    ("", "kosong"),
])
def test_unknown_number_formats_are_refused_with_the_reason(teks, alasan):
    with pytest.raises(AngkaTercetakTidakSah) as exc:
        baca_tercetak(teks)
    assert alasan in exc.value.message


def test_loksado_transcript_reads(loksado):
    lap = load_laporan(DATA_DIR / "laporan" / "2024.yaml")
    assert (lap.kecamatan, lap.tahun) == ("Loksado", 2024)
    required = {"Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Lampiran PK (sasaran)", "Lampiran PK (program)",
                "Gambar 3.6", "Tabel 3.14 (sasaran)", "Tabel 3.14 (program)"} | {f"Tabel 3.{n}" for n in range(2, 17)
                                                                                if n != 14}
    assert required <= set(lap.tabel)
    t311 = lap.tabel["Tabel 3.11"]
    loks = t311.baris[0]
    assert loks.tempat(t311.cari_kolom("capaian")) == "Tabel 3.11, baris Loksado, kolom Capaian (%)"
    assert loks.sel["capaian"].teks == "100%" and loks.sel["capaian"].nilai == Decimal("100")
    serati = lap.tabel["Gambar 3.6"].baris[3]
    assert serati.sel["januari"].nilai == Decimal("150000") and serati.sel["maret"].nilai is None
    assert len(lap.pernyataan) > 50


def _tulis(tmp_path, body: str):
    head = ("laporan: {judul: Uji, kecamatan: Loksado, tahun: 2024, sumber: uji}\n"
            "bab: {III: Akuntabilitas Kinerja, IV: Penutup}\n")
    path = tmp_path / "laporan.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


TABEL_32 = """tabel:
  Tabel 3.2:
    judul: Capaian
    kolom:
      - {id: indikator, judul: Indikator}
      - {id: target, judul: Target, jenis: angka}
      - {id: realisasi, judul: Realisasi, jenis: angka}
      - {id: capaian, judul: Capaian, jenis: angka}
    kunci: indikator
    baris:
      - {indikator: IKM, target: "90,5", realisasi: "90,43", capaian: "99,92%", tautan: {indikator: ikm}}
"""


def _problems(path) -> list[str]:
    with pytest.raises(ErrorList) as exc:
        load_laporan(path, "laporan.yaml")
    return [e.render() for e in exc.value.errors]


def test_malformed_number_names_file_line_and_key(tmp_path):
    path = _tulis(tmp_path, TABEL_32.replace('realisasi: "90,43"', 'realisasi: "90.43"'))
    (msg,) = _problems(path)
    assert msg.startswith("laporan.yaml:13 [tabel.Tabel 3.2.baris.0.realisasi]: angka tercetak '90.43'")
    assert "'90,43'" in msg


def test_unquoted_yaml_number_is_refused(tmp_path):
    path = _tulis(tmp_path, TABEL_32.replace('target: "90,5"', "target: 90.5"))
    (msg,) = _problems(path)
    assert "laporan.yaml:13" in msg and "ditulis sebagai bilangan YAML" in msg and '"99,92%"' in msg


def test_unknown_column_is_named_with_the_known_ones(tmp_path):
    path = _tulis(tmp_path, TABEL_32.replace("capaian: \"99,92%\"", "capaian: \"99,92%\", kategori: Sangat Tinggi"))
    (msg,) = _problems(path)
    assert "kolom 'kategori' tidak ada di Tabel 3.2" in msg and "indikator, target, realisasi, capaian" in msg


@pytest.mark.parametrize("tempat,pesan", [
    ("BAB 3 paragraf 2", "tempat 'BAB 3 paragraf 2' tidak sah"),
    ("BAB III halaman 2", "tidak sah"),
    ("BAB V paragraf 1", "BAB V tidak ada dalam laporan ini (BAB yang ada: III, IV)"),
])
def test_malformed_or_unknown_text_place(tmp_path, tempat, pesan):
    path = _tulis(tmp_path, f"""tabel: {{}}
pernyataan:
  - jenis: capaian
    tempat: {tempat}
    kutipan: tercapai 99%
    angka: {{capaian: "99%"}}
""")
    (msg,) = _problems(path)
    assert "laporan.yaml:6 [pernyataan.0.tempat]" in msg and pesan in msg


def test_malformed_table_name_and_link_to_a_missing_table(tmp_path):
    path = _tulis(tmp_path, TABEL_32.replace("Tabel 3.2:", "Tabel Tiga:") + """pernyataan:
  - jenis: rata_rata_efisiensi
    tempat: BAB III A.5 paragraf 1
    kutipan: rata-rata efisiensinya adalah 1,05
    tautan: {tabel: Tabel 3.14}
    angka: {efisiensi: "1,05"}
""")
    msgs = _problems(path)
    assert any("nama tabel 'Tabel Tiga' tidak sah" in m for m in msgs)
    assert any("tautan ke 'Tabel 3.14', padahal tabel itu tidak ada dalam transkrip" in m
               and "[pernyataan.0.tautan.tabel]" in m for m in msgs)


def test_duplicate_row_places_are_refused(tmp_path):
    body = TABEL_32 + '      - {indikator: IKM, target: "90,5", realisasi: "90,43", capaian: "99,92%"}\n'
    (msg,) = _problems(_tulis(tmp_path, body))
    assert "baris 'IKM' sudah ada" in msg and "tambahkan kolom pada 'kunci'" in msg


def test_all_problems_are_reported_at_once(tmp_path):
    body = TABEL_32.replace('target: "90,5"', 'target: "9O,5"').replace('capaian: "99,92%"', 'capaian: "99;92%"')
    assert len(_problems(_tulis(tmp_path, body))) == 2


def test_unknown_link_code_is_a_precise_error(rules, loksado, tmp_path):
    path = _tulis(tmp_path, TABEL_32.replace("{indikator: ikm}", "{indikator: ikm_lama}"))
    with pytest.raises(ErrorList) as exc:
        periksa(rules, loksado, 2024, load_laporan(path, "laporan.yaml"))
    (e,) = exc.value.errors
    assert e.file == "laporan.yaml" and e.line == 13
    assert "tautan indikator 'ikm_lama' tidak ada di set aturan" in e.message


def test_report_of_another_year_is_refused(rules, loksado, tmp_path):
    path = _tulis(tmp_path, TABEL_32).read_text(encoding="utf-8").replace("tahun: 2024", "tahun: 2023")
    (tmp_path / "l2.yaml").write_text(path, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        periksa(rules, loksado, 2024, load_laporan(tmp_path / "l2.yaml"))
    assert "laporan tahun 2023, bukan tahun 2024" in exc.value.message


def test_missing_tables_are_findings_not_silent_passes(rules, loksado, tmp_path):
    h = periksa(rules, loksado, 2024, load_laporan(_tulis(tmp_path, TABEL_32), "laporan.yaml"))
    missing = [t for t in h.temuan if t.tidak_dapat_diperiksa]
    assert missing and all(t.tingkat == "peringatan" for t in missing)
    t = next(t for t in missing if t.pemeriksaan == "hitung_ulang_capaian" and t.tempat == "Tabel 3.11")
    assert t.pesan.startswith("tidak dapat diperiksa: laporan (laporan.yaml) tidak memuat Tabel 3.11")
    # the table that is there is still checked
    assert not any(t.pemeriksaan == "hitung_ulang_capaian" and t.tempat.startswith("Tabel 3.2") for t in h.temuan)
    assert not h.ada_galat


TABEL_316 = """tabel:
  Tabel 3.16:
    judul: Realisasi Anggaran
    kolom:
      - {id: sub_kegiatan, judul: Sub Kegiatan}
      - {id: anggaran, judul: Anggaran, jenis: angka}
      - {id: realisasi_anggaran, judul: Realisasi (Rp.), jenis: angka}
    kunci: sub_kegiatan
    baris:
      - {sub_kegiatan: A, anggaran: "5.000.000", realisasi_anggaran: "5.000.000"}
      - {sub_kegiatan: B, anggaran: "1.000.000", realisasi_anggaran: "-"}
    ringkasan:
      - {label: TOTAL, anggaran: "6.000.000", realisasi_anggaran: "5.000.000"}
"""


def test_a_value_that_cannot_be_evaluated_is_its_own_finding(rules, loksado, tmp_path):
    h = periksa(rules, loksado, 2024, load_laporan(_tulis(tmp_path, TABEL_316), "laporan.yaml"))
    sums = [t for t in h.temuan if t.pemeriksaan == "hitung_ulang_jumlah_anggaran" and t.tempat.startswith("Tabel 3.16")]
    (t,) = sums  # the Anggaran total is right; the Realisasi total cannot be checked
    assert t.tidak_dapat_diperiksa and t.tingkat == "peringatan"
    assert t.tempat == "Tabel 3.16, baris TOTAL, kolom Realisasi (Rp.)"
    assert "tidak dapat diperiksa" in t.pesan and "kosong" in t.pesan
    assert (t.berkas, t.baris) == ("laporan.yaml", 15)


@pytest.mark.parametrize("tautan,kunci,pesan", [
    ("{indikator: ikm, tabel: 3}", "tautan.tabel", "harus teks, bukan angka 3"),
    ("{indikator: [ikm, x]}", "tautan.indikator", "harus teks, bukan daftar"),
    ("{tahun: dua}", "tautan.tahun", "harus bilangan bulat"),
    ("{indikator: ikm, sasaran: s1}", "tautan.sasaran", "kunci tidak dikenal: 'sasaran'"),
    ("ikm", "tautan", "harus pemetaan"),
])
def test_row_links_are_typed_by_the_schema(tmp_path, tautan, kunci, pesan):
    path = _tulis(tmp_path, TABEL_32.replace("tautan: {indikator: ikm}", f"tautan: {tautan}"))
    errors = _errors(path)
    assert len(errors) == 1, [e.render() for e in errors]
    (e,) = errors
    assert (e.file, e.line) == ("laporan.yaml", 13)
    assert e.key == f"tabel.Tabel 3.2.baris.0.{kunci}" and pesan in e.message


def _errors(path):
    with pytest.raises(ErrorList) as exc:
        load_laporan(path, "laporan.yaml")
    return exc.value.errors


def test_a_number_in_a_text_column_is_named_as_written(tmp_path):
    body = TABEL_32.replace("{indikator: IKM,", "{indikator: 1.5,")
    (msg,) = _problems(_tulis(tmp_path, body))
    assert "kolom teks harus berisi teks seperti tercetak, bukan angka 1.5" in msg and "Decimal" not in msg


@pytest.mark.parametrize("name", ["Lampiran PK ringkasan", "Tabel 3.2 (ringkasan)"])
def test_a_table_name_may_not_use_the_reserved_word_ringkasan(tmp_path, name):
    (msg,) = _problems(_tulis(tmp_path, TABEL_32.replace("Tabel 3.2:", f"{name}:")))
    assert f"nama tabel '{name}' tidak sah" in msg and "kata 'ringkasan' dicadangkan" in msg


def test_statement_values_are_placed_in_plain_words(tmp_path):
    path = _tulis(tmp_path, """tabel: {}
pernyataan:
  - jenis: perbandingan_tahun
    tempat: BAB III A.1 paragraf 2
    kutipan: tahun lalu 63,64%
    angka: {nilai_lalu: "63,64%", realisasi_anggaran: "Rp 5.000"}
""")
    p = load_laporan(path, "laporan.yaml").pernyataan[0]
    assert p.tempat("nilai_lalu") == "BAB III A.1 paragraf 2 (nilai tahun lalu)"
    assert p.tempat("realisasi_anggaran") == "BAB III A.1 paragraf 2 (realisasi anggaran)"
