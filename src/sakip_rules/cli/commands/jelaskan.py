"""`sakip jelaskan INDIKATOR TAHUN`: why a number is what it is."""

from __future__ import annotations

from ...engine.explain import jelaskan
from ..context import add_common, dataset_of, rules_of, tahun


def register(sub) -> None:
    p = sub.add_parser("jelaskan", help="penjelasan perhitungan satu indikator (atau 'rata-rata')")
    p.add_argument("indikator", help="id indikator, mis. ikm, rasio_desa_maju, persentase_bumdes_baik, rata-rata")
    p.add_argument("tahun", type=tahun)
    add_common(p)
    p.set_defaults(handler=run)


def run(args) -> int:
    rules = rules_of(args)
    print(jelaskan(rules, dataset_of(args, rules), args.indikator, args.tahun))
    return 0
