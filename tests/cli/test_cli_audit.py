"""`sakip` with hostile arguments: exit 2, one precise Indonesian message, nothing stored."""

from __future__ import annotations

import pytest

from sakip_rules.cli.main import EXIT_USAGE, main


@pytest.fixture(scope="module")
def induk(tmp_path_factory):
    """A seeded SQLite database with an operator desa and an auditor (copied per test)."""
    path = tmp_path_factory.mktemp("cli") / "induk.db"
    url = f"sqlite:///{path}"
    assert main(["pengguna", "tambah", "Siti", "--peran", "operator_desa", "--desa", "halunuk", "--db", url]) == 0
    assert main(["pengguna", "tambah", "Aud", "--peran", "auditor", "--db", url]) == 0
    return path


@pytest.fixture
def db(induk, tmp_path):
    path = tmp_path / "a.db"
    path.write_bytes(induk.read_bytes())
    return f"sqlite:///{path}"


def kiriman(db) -> int:
    from sakip_rules.store import Store
    from sakip_rules.store.users import admin_lokal

    with Store.buka(db) as s:
        return len(s.riwayat(admin_lokal("uji", "loksado"), batas=100_000))


def gagal(capsys, *argv) -> str:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    assert rc == EXIT_USAGE, (rc, out, err)
    assert "Traceback" not in err and "kesalahan internal" not in err, err
    return err


LAPOR = ["lapor", "laba", "--bumdes", "sumber_rahmat", "--bulan", "2024-11"]


@pytest.mark.parametrize("argv, potongan", [
    (LAPOR + ["--jumlah", "9" * 45], "terlalu besar"),
    (LAPOR + ["--jumlah", "9" * 40 + " rb"], "terlalu besar"),
    (LAPOR + ["--jumlah", "1,2345678901234567890123456789012 juta"], "terlalu panjang"),
    (LAPOR + ["--jumlah", "1e999999"], "karakter 'e' tidak dikenal"),
    (LAPOR + ["--jumlah", "NaN"], "bukan angka yang sah"),
    (LAPOR + ["--jumlah", "Infinity"], "bukan angka yang sah"),
    (LAPOR + ["--jumlah", "٣٤"], "karakter '٣' tidak dikenal"),
    (LAPOR + ["--jumlah", "7" * 10_000 + "x"], "'" + "7" * 40 + "…'"),  # echoed briefly, not whole
    (["lapor", "laba", "--bumdes", "sumber_rahmat", "--bulan", "2024-13", "--jumlah", "5"], "bulan 13 tidak ada"),
    (["lapor", "laba", "--bumdes", "sumber_rahmat", "--bulan", "0000-01", "--jumlah", "5"], "di luar rentang"),
    (["lapor", "anggaran", "--sub-kegiatan", "evaluasi_kinerja", "--bulan", "2024-03", "--jumlah",
      "99999999999999999999999999999"], "terlalu besar"),
    (["pengguna", "tambah", "X", "--peran", "auditor", "--telegram", "99999999999999999999999"], "tidak sah"),
    (["pengguna", "tambah", "X", "--peran", "auditor", "--telegram", "-5"], "tidak sah"),
    (["pengguna", "tambah", "x" * 5000, "--peran", "auditor"], "terlalu panjang"),
    (["pengguna", "cabut", "99999999999999999999999"], "tidak ada di kecamatan"),
    (["pengguna", "cabut", "²"], "'²' tidak terdaftar"),
    (["riwayat", "--batas", "0"], "batas riwayat harus 1 sampai"),
    (["riwayat", "--batas", "99999999999999999999999"], "batas riwayat harus 1 sampai"),
    (["capaian", "2024", "--per", "0001-01-01T00:00"], "di luar rentang yang dapat dihitung"),
    (["capaian", "2024", "--per", "9999-12-31T23:59-05:00"], "di luar rentang yang dapat dihitung"),
    (LAPOR + ["--jumlah", "5", "--sebagai", "Aud"], "tidak boleh mengirim data"),
    (["lapor", "laba", "--bumdes", "serati", "--bulan", "2024-11", "--jumlah", "5", "--sebagai", "Siti"],
     "hanya boleh mengirim data desanya sendiri"),
    (LAPOR + ["--jumlah", "5", "--sebagai", "tidak-ada"], "tidak terdaftar"),
])
def test_argumen_aneh(capsys, db, argv, potongan):
    sebelum = kiriman(db)
    err = gagal(capsys, *argv, "--db", db)
    assert potongan in err, err
    assert len(err) < 2000
    assert kiriman(db) == sebelum


def test_berkas_aneh(capsys, db, tmp_path):
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "biner.csv").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    sebelum = kiriman(db)
    for argv, potongan in [
        (["impor", "ikm", str(tmp_path / "biner.csv")], "bukan CSV teks"),
        (["impor", "laba", str(tmp_path / "biner.csv")], "bukan CSV teks"),
        (["impor", "ikm", str(tmp_path / "folder.csv")], "berkas tidak ada"),
        (["impor", "ikm", str(tmp_path / "kosong.xlsx")], "XLSX tidak dapat dibaca"),
        (["ekspor", "laba", str(tmp_path / "folder.csv")], "ini folder"),
        (["ekspor", "laba", str(tmp_path / "biner.csv" / "x.csv")], "tidak dapat ditulis"),
    ]:
        tambahan = ["--tahun", "2024"] + (["--semester", "1"] if argv[1] == "ikm" and argv[0] == "impor" else [])
        err = gagal(capsys, *argv, *tambahan, "--db", db)
        assert potongan in err, (argv, err)
    assert kiriman(db) == sebelum
    assert (tmp_path / "biner.csv").read_bytes() == bytes(range(256)) * 8  # never overwritten


@pytest.mark.parametrize("per", ["20241231", "2024-W52", "2024-366", "2024-12-31x", "2024-12-31T25:00"])
def test_per_accepts_only_the_documented_forms(capsys, per):
    assert main(["capaian", "2024", "--per", per]) == 2
    assert "tanggal" in capsys.readouterr().err
