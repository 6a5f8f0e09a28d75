"""`sakip pembanding TAHUN`: capaian compared with other kecamatan (Tabel 3.5, 3.8, 3.11)."""

from __future__ import annotations

from ...engine.capaian import evaluasi_capaian
from ...engine.pembanding import tabel_pembanding
from ..context import add_common, dataset_of, rules_of, tahun
from ...tampilan import dump_json, nilai_satuan, persen, table


def register(sub) -> None:
    p = sub.add_parser("pembanding", help="perbandingan capaian dengan kecamatan lain (Tabel 3.5, 3.8, 3.11)")
    p.add_argument("tahun", type=tahun)
    p.add_argument("--indikator", help="hanya satu indikator")
    p.add_argument("--json", action="store_true")
    add_common(p)
    p.set_defaults(handler=run)


def run(args) -> int:
    rules = rules_of(args)
    ds = dataset_of(args, rules)
    hasil = evaluasi_capaian(rules, ds, args.tahun)
    tabel = tabel_pembanding(rules, ds, hasil)
    if args.indikator:
        if args.indikator not in tabel:
            from ...errors import UsageError
            raise UsageError(f"indikator '{args.indikator}' tidak dikenal; yang ada: {', '.join(tabel)}")
        tabel = {args.indikator: tabel[args.indikator]}
    if args.json:
        print(dump_json({k: [{"kecamatan": r.kecamatan, "target": r.target, "realisasi": r.realisasi,
                              "capaian": r.capaian.nilai if r.capaian else None} for r in rows]
                         for k, rows in tabel.items()} | {"sidik_jari_aturan": rules.fingerprint}))
        return 0
    for ind, rows in tabel.items():
        rule = rules.indikator(ind)
        print(f"{rule.sasaran} — {rule.nama} ({args.tahun})")
        print(table([[i, r.kecamatan, nilai_satuan(r.target, rule.satuan), nilai_satuan(r.realisasi, rule.satuan),
                      persen(r.capaian.nilai if r.capaian else None)] for i, r in enumerate(rows, 1)],
                    ["No", "Kecamatan", "Target", "Realisasi", "Capaian"],
                    ("right", "left", "right", "right", "right")))
        print()
    return 0
