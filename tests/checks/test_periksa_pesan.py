"""Findings are read by auditors and officers: no Python reprs, no code words, amounts with their unit."""

from __future__ import annotations

import re

import pytest

from sakip_rules.engine.periksa import daftar_pemeriksaan, jalankan_contoh, periksa
from sakip_rules.report import load_laporan

from project_paths import DATA_DIR

#: A Python repr or an identifier with an underscore (a column id, a data field, a rule id).
KODE = re.compile(r"Decimal\(|\bNone\b|\bTrue\b|\bFalse\b|\b[a-z]+_[a-z0-9_]+\b")


@pytest.fixture(scope="module")
def loksado_2024(rules, loksado):
    return periksa(rules, loksado, 2024, load_laporan(DATA_DIR / "laporan" / "2024.yaml"))


def _example_findings(rules):
    for c in daftar_pemeriksaan(rules):
        for contoh in c.contoh:
            yield from jalankan_contoh(c, rules, contoh)


def test_no_code_words_in_messages_or_places(rules, loksado_2024):
    bad = [(t.pemeriksaan, text) for t in [*loksado_2024.temuan, *_example_findings(rules)]
           for text in (t.tempat, t.pesan) if KODE.search(text)]
    assert bad == []


def test_loksado_messages_name_places_and_units(loksado_2024):
    by_check = {}
    for t in loksado_2024.temuan:
        by_check.setdefault(t.pemeriksaan, []).append(t)
    (status,) = by_check["konsistensi_status_target"]
    assert "target 100% belum tercapai, padahal realisasi 100% (Tabel 3.2)" in status.pesan
    (tidak_dilaporkan,) = by_check["anggaran_sub_kegiatan_tidak_dilaporkan"]
    assert "(pagu Rp 5.000.000)" in tidak_dilaporkan.pesan
    program = by_check["hitung_ulang_anggaran_program"]
    assert "realisasi Rp 186.705.800 dari pagu Rp 198.895.800" in program[0].pesan
    (lalu,) = by_check["keterbandingan_perbandingan_tahun"]
    assert lalu.tempat == "BAB III A.1.b.1) paragraf 2 (nilai tahun lalu)"


@pytest.mark.parametrize("check_id,fragment", [
    ("anggaran_pk_program", "berjumlah Rp 18.600.000 (Rp 13.600.000; Rp 5.000.000)"),
    ("anggaran_pk_program_data", "anggaran Program Pembinaan Rp 20.000.000, padahal pagu 2 sub kegiatannya di DPA "
                                 "berjumlah Rp 18.600.000"),
    ("anggaran_realisasi_melebihi_pagu", "Realisasi Sinergitas Rp 55.000.000 melebihi pagunya Rp 54.740.000"),
    ("hitung_ulang_anggaran_sasaran", "merealisasikan Rp 5.000.000 dari pagu Rp 5.000.000"),
    ("konsistensi_anggaran_total", "Teks menyebut realisasi anggaran Rp318.768.250, sedangkan baris TOTAL Tabel 3.16 "
                                   "menulis Rp 318.678.250"),
    ("konsistensi_laporan_data_iku", "Tabel 3.2 menulis Realisasi 90,53, sedangkan aturan indikator Indeks Kepuasan "
                                     "Masyarakat atas data yang terkumpul memberi 90,43"),
    ("konsistensi_laporan_data_anggaran", "Tabel 3.16 menulis Realisasi (Rp.) 41.085.000, sedangkan data (DPA dan "
                                          "realisasi) mencatat Rp 41.058.000"),
    ("hitung_ulang_banyak_program", "Teks menyebut 3 sub kegiatan,"),
    ("konsistensi_pembanding", "sedangkan Tabel 3.11 menulis 100,46%"),
    ("kewajaran_target_renstra_pk_data", "Target PK 2024 untuk IKM adalah 90"),
])
def test_example_messages_read_plainly(rules, check_id, fragment):
    check = rules.lainnya[check_id]
    messages = [t.pesan for c in check.contoh for t in jalankan_contoh(check, rules, c)]
    assert any(fragment in m for m in messages), messages
