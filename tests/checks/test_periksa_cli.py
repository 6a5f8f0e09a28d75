"""`sakip periksa TAHUN [--laporan FILE]`: exit codes as a gate, --json, and bad input."""

from __future__ import annotations

import json

import pytest

from sakip_rules.cli.main import main

from project_paths import DATA_DIR, RULES_DIR
from salinan import salin_data, ubah

TRANSKRIP = DATA_DIR / "laporan" / "2024.yaml"
COMMON = ["--rules", str(RULES_DIR), "--data", str(DATA_DIR)]


def test_default_uses_the_transcript_in_the_data_folder_and_fails_the_gate(capsys):
    code = main(["periksa", "2024", *COMMON])
    out = capsys.readouterr().out
    assert code == 1
    assert "11 galat, 11 peringatan, 2 info" in out
    assert "[GALAT] Tabel 3.11, baris Loksado, kolom Capaian (%)" in out
    assert "dinyatakan: 100%   dihitung: 99,92%" in out
    assert "Menurut aturan capaian (rules/rumus/capaian.yaml):" in out  # explanation shown
    # severity order: every GALAT before every PERINGATAN before every INFO
    levels = [line.split("]")[0].split("[")[1] for line in out.splitlines() if line[:1].isdigit() and "[" in line]
    assert levels == sorted(levels, key=["GALAT", "PERINGATAN", "INFO"].index)


def test_ringkas_hides_explanations(capsys):
    main(["periksa", "2024", "--ringkas", *COMMON])
    out = capsys.readouterr().out
    assert "Menurut aturan capaian (rules" not in out and "Dasar pemeriksaan" not in out and "[GALAT]" in out


def test_json_is_machine_readable_with_plain_decimals(capsys):
    code = main(["periksa", "2024", "--laporan", str(TRANSKRIP), "--json", *COMMON])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["ringkasan"] == {"galat": 11, "peringatan": 11, "info": 2}
    first = next(t for t in data["temuan"] if t["pemeriksaan"] == "hitung_ulang_capaian")
    assert first["tempat"] == "Tabel 3.11, baris Loksado, kolom Capaian (%)"
    assert (first["dinyatakan"], first["dihitung"]) == ("100%", "99,92%")
    assert (first["nilai_dinyatakan"], first["nilai_dihitung"]) == ("100", "99.92")
    assert first["tingkat"] == "galat" and first["baris"] > 0 and first["penjelasan"]
    assert data["sidik_jari_aturan"]
    assert len(data["pemeriksaan_dijalankan"]) == len(list((RULES_DIR / "pemeriksaan").glob("*.yaml"))) - 1


def test_data_only_run_passes_the_gate(capsys):
    code = main(["periksa", "2024", "--tanpa-laporan", *COMMON])
    out = capsys.readouterr().out
    assert code == 0
    assert "data saja (tanpa transkrip laporan)" in out
    assert "0 galat, 3 peringatan, 0 info" in out
    assert "Dilewati (memerlukan berkas laporan (--laporan))" in out


def test_without_a_transcript_in_the_folder_only_data_checks_run(capsys, tmp_path):
    data = salin_data(tmp_path, "laporan")
    code = main(["periksa", "2024", "--json", "--rules", str(RULES_DIR), "--data", str(data)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["laporan"] is None and out["ringkasan"]["peringatan"] == 3


def test_missing_transcript_file_is_a_usage_error(capsys, tmp_path):
    code = main(["periksa", "2024", "--laporan", str(tmp_path / "tidak-ada.yaml"), *COMMON])
    err = capsys.readouterr().err
    assert code == 2 and "tidak-ada.yaml' tidak ada" in err


def test_bad_transcript_gives_precise_messages_and_exit_2(capsys, tmp_path):
    text = TRANSKRIP.read_text(encoding="utf-8")
    text = text.replace('realisasi: "90,43", capaian: "99,92%", tautan: {indikator: ikm}}',
                        'realisasi: "90.43", capaian: "99,92%", tautan: {indikator: ikm}}', 1)
    text = text.replace("tempat: BAB IV butir 3", "tempat: BAB 4 butir 3", 1)
    path = tmp_path / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["periksa", "2024", "--laporan", str(path), *COMMON])
    err = capsys.readouterr().err
    assert code == 2
    assert "ditemukan 2 masalah" in err
    assert "angka tercetak '90.43' tidak dikenali" in err and "[tabel.Tabel 3.2.baris.2.realisasi]" in err
    assert "tempat 'BAB 4 butir 3' tidak sah" in err
    assert "Traceback" not in err


def test_transcript_of_another_kecamatan_is_refused(capsys, tmp_path):
    path = tmp_path / "2024.yaml"
    path.write_text(TRANSKRIP.read_text(encoding="utf-8").replace("kecamatan: Loksado", "kecamatan: Kalumpang", 1),
                    encoding="utf-8")
    code = main(["periksa", "2024", "--laporan", str(path), *COMMON])
    assert code == 2 and "Kecamatan Kalumpang" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["periksa", "20x4"], ["periksa", "2024", "--laporan", "a", "--tanpa-laporan"]])
def test_bad_arguments(capsys, args):
    assert main([*args, *COMMON]) == 2
    assert capsys.readouterr().err.startswith("sakip: ")


def test_default_transcript_of_another_kecamatan_is_set_aside(capsys, salinan_data):
    data = salinan_data
    ubah(data / "organisasi.yaml", "nama: Loksado\n", "nama: Kalumpang\n")
    code = main(["periksa", "2024", "--json", "--rules", str(RULES_DIR), "--data", str(data)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["laporan"] is None
    assert "milik Kecamatan Loksado, bukan Kalumpang" in out["catatan"]
