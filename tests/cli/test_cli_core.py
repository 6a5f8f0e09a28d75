"""The `sakip` commands of the rules core, run as a user would (files, exit codes, messages)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sakip_rules.cli.main import main

from project_paths import DATA_DIR, RULES_DIR
from salinan import salin_aturan, ubah

FILES = ["--rules", str(RULES_DIR), "--data", str(DATA_DIR)]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_capaian_table(capsys):
    code, out, err = run(capsys, "capaian", "2024", *FILES)
    assert code == 0, err
    for text in ["0,27", "100,00%", "90,5", "90,43", "99,92%", "Sangat Tinggi",
                 "Rata-rata capaian: 99,97% — Sangat Tinggi"]:
        assert text in out
    assert "Traceback" not in out + err


def test_capaian_json(capsys):
    code, out, _ = run(capsys, "capaian", "2024", "--json", *FILES)
    assert code == 0
    data = json.loads(out)
    rows = {r["indikator"]: r for r in data["indikator"]}
    assert rows["rasio_desa_maju"]["realisasi"] == "0.27"
    assert rows["ikm"]["realisasi"] == "90.43"
    assert rows["ikm"]["capaian"] == "99.92"
    assert rows["persentase_bumdes_baik"]["capaian"] == "100.00"
    assert data["rata_rata_capaian"] == "99.97"
    assert data["kategori_rata_rata"]["label"] == "Sangat Tinggi"
    assert len(data["sidik_jari_aturan"]) == 64


def test_jelaskan_ikm(capsys):
    code, out, _ = run(capsys, "jelaskan", "ikm", "2024", *FILES)
    assert code == 0
    for text in ["32,590 × 0,111", "3,61749", "3,617", "90,425", "90,43", "setengah ke atas",
                 "jumlah_nrr", "Peraturan Menteri PANRB Nomor 14 Tahun 2017", "99,92", "(90, inf)",
                 "Sangat Tinggi", "Sangat Baik (A)", "Sidik jari aturan"]:
        assert text in out, text


def test_jelaskan_rata_rata(capsys):
    code, out, _ = run(capsys, "jelaskan", "rata-rata", "2024", *FILES)
    assert code == 0 and "99,97" in out


def test_periksa_aturan_ok(capsys):
    code, out, _ = run(capsys, "periksa-aturan", str(RULES_DIR))
    assert code == 0 and "contoh sesuai" in out


def test_periksa_aturan_reports_gap(capsys, tmp_path):
    dst = salin_aturan(tmp_path)
    ubah(dst / "skala" / "kategori_capaian.yaml", 'rentang: "(75, 90]"', 'rentang: "[76, 90]"')
    code, out, err = run(capsys, "periksa-aturan", str(dst))
    assert code == 1
    assert "celah (75, 76)" in err and "kategori_capaian.yaml:" in err


def test_anggaran_and_efisiensi(capsys):
    code, out, _ = run(capsys, "anggaran", "2024", *FILES)
    assert code == 0 and "Rp 346.373.250" in out and "Rp 318.678.250" in out and "92,00%" in out
    code, out, _ = run(capsys, "efisiensi", "2024", *FILES)
    assert code == 0 and "1,045" in out and "1,107" in out and "Rata-rata efisiensi: 1,05" in out


def test_pembanding(capsys):
    code, out, _ = run(capsys, "pembanding", "2024", *FILES)
    assert code == 0 and "Kalumpang" in out and "103,20%" in out and "100,46%" in out


@pytest.mark.parametrize("argv,fragment", [
    (["capaian", "2031"], "tidak ada rencana"),
    (["capaian", "dua ribu"], "bukan bilangan"),
    (["jelaskan", "ikn", "2024"], "tidak dikenal"),
    (["capaian"], "argumen wajib"),
    (["capaian", "2024", "--salah"], "argumen tidak dikenal"),
    (["anggaran", "2025"], "tidak ada DPA"),
])
def test_bad_arguments_give_one_line_indonesian_messages(capsys, argv, fragment):
    code, out, err = run(capsys, *argv, *(FILES if len(argv) > 1 else []))
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_missing_rules_folder(capsys, tmp_path):
    code, _, err = run(capsys, "capaian", "2024", "--rules", str(tmp_path / "nope"), "--data", str(DATA_DIR))
    assert code == 2 and "tidak ada" in err


def test_console_script_runs_in_a_fresh_process():
    proc = subprocess.run([sys.executable, "-m", "sakip_rules.cli.main", "capaian", "2024", *FILES],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "99,97%" in proc.stdout
