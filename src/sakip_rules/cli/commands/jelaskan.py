"""`sakip jelaskan INDIKATOR TAHUN`: why a number is what it is."""

from __future__ import annotations

from ...engine.capaian import evaluasi_capaian, evaluasi_indikator
from ...engine.explain import jelaskan_indikator, jelaskan_rata_rata
from ..context import add_common, dataset_of, rules_of, tahun


def register(sub) -> None:
    p = sub.add_parser("jelaskan", help="penjelasan perhitungan satu indikator (atau 'rata-rata')")
    p.add_argument("indikator", help="id indikator, mis. ikm, rasio_desa_maju, persentase_bumdes_baik, rata-rata")
    p.add_argument("tahun", type=tahun)
    add_common(p)
    p.set_defaults(handler=run)


def run(args) -> int:
    rules = rules_of(args)
    ds = dataset_of(args)
    if args.indikator in ("rata-rata", "rata_rata"):
        print(jelaskan_rata_rata(evaluasi_capaian(rules, ds, args.tahun)))
    else:
        evaluasi_capaian(rules, ds, args.tahun)  # same year checks as the table
        print(jelaskan_indikator(evaluasi_indikator(rules, ds, args.indikator, args.tahun), rules.fingerprint))
    return 0
