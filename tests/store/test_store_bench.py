"""The store benchmark still runs (tiny sizes; no time is asserted)."""

from __future__ import annotations

import importlib.util

from bantu_store import ROOT


def test_bench_store_berjalan(capsys):
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    hasil = bench.main(["--kecamatan", "3", "--kiriman", "3", "--ulang", "1", "--tanpa-postgres"])
    assert hasil["nasional_sqlite"]["baris_kiriman"] > 3 * 200
    assert "kiriman/detik" in capsys.readouterr().out
