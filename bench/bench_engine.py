"""National-scale benchmark of the rules engine (issue "Rules core").

A synthetic country: ~7.300 kecamatan, ~84.000 desa, one BUMDes per desa with 12 monthly
profits, an IKM survey (per-unsur NRR) per kecamatan. Every kecamatan-year is evaluated end to
end (`evaluasi_capaian`: three IKU, capaian, kategori, average) and compared with a hand-written
pure-Python computation of the same numbers with the same Decimal arithmetic, measured in the
same run. Both results are checked equal. Prints the time per kecamatan-year, the ratio, and the
cold-start time of `sakip capaian 2024`.

    python bench/bench_engine.py [--kecamatan 7300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sakip_rules.data.model import (Bumdes, Dataset, Desa, IndikatorRenstra, Kecamatan, LabaBumdes,  # noqa: E402
                                    PerjanjianKinerja, Renstra, StatusDesa, SurveiIkm)
from sakip_rules.engine.capaian import evaluasi_capaian  # noqa: E402
from sakip_rules.rules import load_rules  # noqa: E402

TAHUN = 2024
STATUSES = ["Sangat Tertinggal", "Tertinggal", "Berkembang", "Berkembang", "Maju", "Mandiri"]


def synthetic(n_kecamatan: int, seed: int = 7) -> list[Dataset]:
    rnd = random.Random(seed)
    out = []
    renstra = Renstra(2024, 2026, "t", (
        IndikatorRenstra("rasio_desa_maju", 1, "s1", "n1", "rasio", 2023, Decimal("0.18"),
                         {2024: Decimal("0.27")}),
        IndikatorRenstra("persentase_bumdes_baik", 2, "s2", "n2", "persen", 2023, Decimal("63.64"),
                         {2024: Decimal("100")}),
        IndikatorRenstra("ikm", 3, "s3", "n3", "nilai", 2023, Decimal("89.9"), {2024: Decimal("90.5")}),
    ))
    for k in range(n_kecamatan):
        n_desa = 11 + (k % 2)  # 7.300 kecamatan × 11,5 ≈ 84.000 desa
        desa = tuple(Desa(f"d{k}-{i}", f"Desa {i}") for i in range(n_desa))
        bumdes = tuple(Bumdes(f"b{k}-{i}", f"BUMDes {i}", d.kode, aktif=rnd.random() > 0.1)
                       for i, d in enumerate(desa))
        laba = [LabaBumdes(b.kode, TAHUN, m, Decimal(rnd.randrange(0, 2_000_000, 100)))
                for b in bumdes for m in range(1, 13) if rnd.random() > 0.15]
        status = [StatusDesa(TAHUN, d.kode, rnd.choice(STATUSES)) for d in desa]
        nrr = tuple(Decimal(rnd.randrange(300, 400)) / 100 for _ in range(9))
        target = Decimal(rnd.choice(["0.27", "0.36", "0.45"]))
        pk = PerjanjianKinerja(TAHUN, "awal", dt.date(2024, 1, 31),
                               {"rasio_desa_maju": target, "persentase_bumdes_baik": Decimal("100"),
                                "ikm": Decimal("90.5")}, {})
        out.append(Dataset(Kecamatan(f"k{k}", f"Kecamatan {k}", "Kabupaten", desa, bumdes), renstra, [pk],
                           status_desa=status, laba_bumdes=laba,
                           ikm=[SurveiIkm(TAHUN, 2, "nrr", nrr=nrr)]))
    return out


Q2 = Decimal("0.01")
Q3 = Decimal("0.001")
HUNDRED = Decimal(100)


def _kategori(x: Decimal) -> str:
    if x > 90:
        return "Sangat Tinggi"
    if x > 75:
        return "Tinggi"
    if x > 65:
        return "Sedang"
    if x > 50:
        return "Rendah"
    return "Sangat Rendah"


def baseline(ds: Dataset, tahun: int):
    """The same numbers by hand: what a careful programmer would write without rules, with the
    same data semantics (a later report of a month supersedes an earlier one; a desa without a
    status leaves the ratio out of the average rather than counting as not maju)."""
    pk = ds.pk_berlaku(tahun)
    status = {s.desa: s.status for s in ds.status_desa if s.tahun == tahun}
    r1 = None
    if all(d.kode in status for d in ds.kecamatan.desa):
        maju = sum(1 for d in ds.kecamatan.desa if status[d.kode] in ("Maju", "Mandiri"))
        places = Decimal(1).scaleb(pk.target["rasio_desa_maju"].as_tuple().exponent)
        r1 = (Decimal(maju) / Decimal(len(ds.kecamatan.desa))).quantize(places, ROUND_HALF_UP)
    per: dict[str, dict[int, Decimal]] = {}
    for r in ds.laba_bumdes:
        if r.tahun == tahun:
            per.setdefault(r.bumdes, {})[r.bulan] = r.jumlah
    aktif = [b for b in ds.kecamatan.bumdes if b.aktif]
    baik = sum(1 for b in aktif if sum(1 for x in per.get(b.kode, {}).values() if x > 0) >= 1)
    r2 = (Decimal(baik) / Decimal(len(aktif)) * HUNDRED).quantize(Q2, ROUND_HALF_UP)
    s = [x for x in ds.ikm if x.tahun == tahun and x.semester == 2][-1]
    r3 = ((sum(s.nrr, Decimal(0)) * Decimal("0.111")).quantize(Q3, ROUND_HALF_UP) * 25).quantize(Q2, ROUND_HALF_UP)
    caps = [None if r is None else (r / pk.target[i] * HUNDRED).quantize(Q2, ROUND_HALF_UP)
            for r, i in ((r1, "rasio_desa_maju"), (r2, "persentase_bumdes_baik"), (r3, "ikm"))]
    known = [c for c in caps if c is not None]
    avg = (sum(known, Decimal(0)) / len(known)).quantize(Q2, ROUND_HALF_UP)
    return [r1, r2, r3], caps, [None if c is None else _kategori(c) for c in caps], avg, _kategori(avg)


def engine(rules, ds: Dataset, tahun: int):
    h = evaluasi_capaian(rules, ds, tahun)
    return ([i.nilai_realisasi for i in h.indikator], [i.nilai_capaian for i in h.indikator],
            [i.kategori.label for i in h.indikator], h.nilai_rata_rata, h.kategori.label)


def timed(fn, datasets, rules=None) -> tuple[float, list]:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        results = [fn(rules, ds, TAHUN) if rules else fn(ds, TAHUN) for ds in datasets]
        return time.perf_counter() - start, results
    finally:
        gc.enable()


def cold_start() -> float:
    cmd = [sys.executable, "-m", "sakip_rules.cli.main", "capaian", "2024", "--rules", str(ROOT / "rules"),
           "--data", str(ROOT / "data" / "loksado")]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kecamatan", type=int, default=7300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-cold-start", action="store_true")
    args = ap.parse_args()
    rules = load_rules(ROOT / "rules")
    t0 = time.perf_counter()
    data = synthetic(args.kecamatan)
    n_desa = sum(len(d.kecamatan.desa) for d in data)
    print(f"data sintetis: {len(data)} kecamatan, {n_desa} desa, {n_desa} BUMDes, "
          f"{sum(len(d.laba_bumdes) for d in data)} laporan laba bulanan ({time.perf_counter() - t0:.1f} s)")
    eng, base = [], []
    for _ in range(args.repeat):  # interleaved so both see the same machine state
        tb, rb = timed(baseline, data)
        te, re_ = timed(engine, data, rules)
        assert rb == re_, "engine and baseline disagree"
        base.append(tb)
        eng.append(te)
    b, e = min(base), min(eng)
    print(f"baseline tulisan tangan: {b:.2f} s total, {b / len(data) * 1e6:.0f} µs per kecamatan-tahun")
    print(f"mesin aturan:            {e:.2f} s total, {e / len(data) * 1e6:.0f} µs per kecamatan-tahun "
          f"(median {statistics.median(eng):.2f} s)")
    print(f"rasio mesin / baseline:  {e / b:.2f}× (sasaran ≤ 1,5×); semua kecamatan < 10 s: {'ya' if e < 10 else 'tidak'}")
    if not args.no_cold_start:
        print(f"cold start `sakip capaian 2024` (berkas): {cold_start():.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
