"""deploy/salin_sqlite.py refuses what it cannot copy or check with one Indonesian line and a
non-zero exit, never a traceback, and never overwrites or leaves behind a file."""

import importlib.util
import sqlite3
import subprocess
import sys

import pytest

from project_paths import ROOT

SKRIP = ROOT / "deploy" / "salin_sqlite.py"


@pytest.fixture(scope="module")
def salin_sqlite():
    spec = importlib.util.spec_from_file_location("salin_sqlite", SKRIP)
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "sakip.sqlite3"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE t (x)")
        c.execute("INSERT INTO t VALUES (1)")
    return path


@pytest.fixture
def bukan_db(tmp_path):
    path = tmp_path / "catatan.txt"
    path.write_bytes(b"ini bukan basis data\n" * 200)
    return path


def _pesan(hasil) -> str:
    assert isinstance(hasil, str) and hasil.startswith("salin_sqlite.py: "), hasil
    assert "\n" not in hasil and "Traceback" not in hasil
    return hasil


def test_salin_dan_periksa_yang_sah(salin_sqlite, db, tmp_path):
    tujuan = tmp_path / "salinan.sqlite3"
    assert salin_sqlite.main(["salin", str(db), str(tujuan)]) == 0
    with sqlite3.connect(tujuan) as c:
        assert c.execute("SELECT x FROM t").fetchall() == [(1,)]
    assert salin_sqlite.main(["periksa", str(tujuan)]) == 0


def test_sumber_hilang_atau_bukan_basis_data(salin_sqlite, bukan_db, tmp_path):
    tujuan = tmp_path / "salinan.sqlite3"
    pesan = _pesan(salin_sqlite.main(["salin", str(tmp_path / "tidak-ada.sqlite3"), str(tujuan)]))
    assert "tidak-ada.sqlite3 tidak ada" in pesan
    pesan = _pesan(salin_sqlite.main(["salin", str(bukan_db), str(tujuan)]))
    assert f"berkas {bukan_db} bukan basis data SQLite" in pesan
    assert not tujuan.exists()  # nothing half-made is left behind
    assert f"berkas {bukan_db} bukan basis data SQLite" in _pesan(salin_sqlite.main(["periksa", str(bukan_db)]))
    assert "tidak ada" in _pesan(salin_sqlite.main(["periksa", str(tmp_path / "hilang")]))


def test_tujuan_yang_ada_tidak_ditimpa(salin_sqlite, db, tmp_path):
    tujuan = tmp_path / "lama.sqlite3"
    tujuan.write_bytes(b"cadangan kemarin")
    assert "sudah ada dan tidak ditimpa" in _pesan(salin_sqlite.main(["salin", str(db), str(tujuan)]))
    assert tujuan.read_bytes() == b"cadangan kemarin"
    pesan = _pesan(salin_sqlite.main(["salin", str(db), str(tmp_path / "tanpa-folder" / "x.sqlite3")]))
    assert "tidak dapat menyalin" in pesan and "folder tidak ada" in pesan


def test_sebagai_skrip_keluar_1_dengan_satu_baris(bukan_db, tmp_path):
    hasil = subprocess.run([sys.executable, str(SKRIP), "salin", str(bukan_db), str(tmp_path / "x.sqlite3")],
                           capture_output=True, text=True)
    assert hasil.returncode == 1
    assert hasil.stderr.strip() == f"salin_sqlite.py: berkas {bukan_db} bukan basis data SQLite"
    assert hasil.stdout == ""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")
def test_dua_cadangan_dalam_detik_yang_sama_keduanya_disimpan(db, tmp_path):
    """salin_sqlite.py never overwrites, so backup.sh names a second backup of the same second anew
    (a fixed `date` makes the two runs share their time stamp)."""
    import os

    bin_palsu = tmp_path / "bin"
    bin_palsu.mkdir()
    (bin_palsu / "date").write_text("#!/bin/sh\necho 20250101T000000Z\n")
    (bin_palsu / "date").chmod(0o755)
    cadangan = tmp_path / "cadangan"
    env = dict(os.environ, SAKIP_DB=f"sqlite:///{db}", SAKIP_CADANGAN=str(cadangan), PYTHON=sys.executable,
               PATH=f"{bin_palsu}{os.pathsep}{os.environ.get('PATH', '')}")
    hasil = [subprocess.run(["sh", str(ROOT / "deploy" / "backup.sh")], env=env, capture_output=True, text=True,
                            check=True).stdout.strip() for _ in range(2)]
    assert hasil == [str(cadangan / "sakip-20250101T000000Z.sqlite3"),
                     str(cadangan / "sakip-20250101T000000Z-2.sqlite3")]
    for h in hasil:
        with sqlite3.connect(h) as c:
            assert c.execute("SELECT x FROM t").fetchall() == [(1,)]
