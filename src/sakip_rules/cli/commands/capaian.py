"""`sakip capaian TAHUN`: Tabel 3.2."""

from __future__ import annotations

from ...engine import serialize
from ...engine.capaian import evaluasi_capaian
from ..context import add_common, dataset_of, rules_of, tahun
from ...tampilan import dump_json, tabel_capaian


def register(sub) -> None:
    p = sub.add_parser("capaian", help="Tabel capaian kinerja (Tabel 3.2) satu tahun")
    p.add_argument("tahun", type=tahun, help="tahun pengukuran, mis. 2024")
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk mesin")
    add_common(p)
    p.set_defaults(handler=run)


def run(args) -> int:
    rules = rules_of(args)
    ds = dataset_of(args, rules)
    hasil = evaluasi_capaian(rules, ds, args.tahun)
    print(dump_json(serialize.capaian(hasil)) if args.json else tabel_capaian(hasil))
    return 0
