"""`sakip anggaran TAHUN` (Tabel 3.16) and `sakip efisiensi TAHUN` (Tabel 3.14, kiri)."""

from __future__ import annotations

from ...engine import serialize
from ...engine.anggaran import tabel_anggaran, tabel_efisiensi
from ...engine.capaian import evaluasi_capaian
from ..context import add_common, dataset_of, rules_of, tahun
from ...tampilan import angka, dump_json, persen, rupiah, table

_INDENT = {"program": "", "kegiatan": "  ", "sub_kegiatan": "    ", "total": ""}


def register(sub) -> None:
    p = sub.add_parser("anggaran", help="realisasi anggaran per program, kegiatan, sub kegiatan (Tabel 3.16)")
    p.add_argument("tahun", type=tahun)
    p.add_argument("--json", action="store_true")
    add_common(p)
    p.set_defaults(handler=run_anggaran)
    q = sub.add_parser("efisiensi", help="efisiensi anggaran per sasaran (Tabel 3.14, bagian kiri)")
    q.add_argument("tahun", type=tahun)
    q.add_argument("--json", action="store_true")
    add_common(q)
    q.set_defaults(handler=run_efisiensi)


def run_anggaran(args) -> int:
    rules = rules_of(args)
    ds = dataset_of(args, rules)
    t = tabel_anggaran(rules, ds, args.tahun)
    if args.json:
        print(dump_json(serialize.anggaran(t, rules.fingerprint)))
        return 0
    rows = [[_INDENT[b.tingkat] + b.nama, rupiah(b.anggaran), rupiah(b.realisasi),
             persen(b.persen.nilai if b.persen else None)] for b in t.baris + [t.total]]
    print(f"Realisasi Anggaran Kecamatan {ds.kecamatan.nama} Tahun {t.tahun}\n")
    print(table(rows, ["Program / Kegiatan / Sub Kegiatan", "Anggaran", "Realisasi", "%"],
                ("left", "right", "right", "right")))
    if t.belum_dilaporkan:
        print("\nRealisasi belum dilaporkan: " + "; ".join(t.belum_dilaporkan))
    print(f"Sidik jari aturan: {rules.fingerprint[:16]}…")
    return 0


def run_efisiensi(args) -> int:
    rules = rules_of(args)
    ds = dataset_of(args, rules)
    t = tabel_efisiensi(rules, ds, evaluasi_capaian(rules, ds, args.tahun))
    if args.json:
        print(dump_json(serialize.efisiensi(t, rules.fingerprint)))
        return 0
    rows = [[i, r.nama, persen(r.capaian), persen(r.persen_anggaran.nilai if r.persen_anggaran else None),
             angka(r.efisiensi.nilai if r.efisiensi else None)] for i, r in enumerate(t.baris, 1)]
    print(f"Efisiensi Anggaran per Sasaran Tahun {t.tahun}\n")
    print(table(rows, ["No.", "Indikator Kinerja Sasaran", "Capaian", "Realisasi Anggaran", "Efisiensi"],
                ("right", "left", "right", "right", "right")))
    print(f"\nRata-rata efisiensi: {angka(t.rata_rata.nilai) if t.rata_rata else '–'}")
    for nama, alasan in t.dikeluarkan:
        print(f"Tidak dihitung: {nama} ({alasan})")
    print(f"Sidik jari aturan: {rules.fingerprint[:16]}…")
    return 0
