"""`sakip capaian TAHUN`: Tabel 3.2."""

from __future__ import annotations

from ...engine import serialize
from ...engine.capaian import HasilCapaian, evaluasi_capaian
from ..context import add_common, dataset_of, rules_of, tahun
from ..render import angka, dump_json, persen, table


def register(sub) -> None:
    p = sub.add_parser("capaian", help="Tabel capaian kinerja (Tabel 3.2) satu tahun")
    p.add_argument("tahun", type=tahun, help="tahun pengukuran, mis. 2024")
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk mesin")
    add_common(p)
    p.set_defaults(handler=run)


def nilai_satuan(value, satuan: str | None) -> str:
    return persen(value) if satuan == "persen" and value is not None else angka(value)


def render_tabel(hasil: HasilCapaian) -> str:
    rows = []
    for i, h in enumerate(hasil.indikator, 1):
        rows.append([f"{i}.", h.rule.sasaran, h.rule.nama, nilai_satuan(h.target, h.rule.satuan),
                     nilai_satuan(h.nilai_realisasi, h.rule.satuan), persen(h.nilai_capaian),
                     h.kategori.label if h.kategori and h.kategori.baris else "–"])
    lines = [f"Capaian Kinerja Kecamatan {hasil.kecamatan} Tahun {hasil.tahun}", "",
             table(rows, ["No.", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian", "Kategori"],
                   ("left", "left", "left", "right", "right", "right", "left"),
                   (None, 28, 34, None, None, None, None)), ""]
    if hasil.rata_rata is not None:
        lines.append(f"Rata-rata capaian: {persen(hasil.rata_rata.nilai)} — "
                     f"{hasil.kategori.label if hasil.kategori else '–'}")
    for nama, alasan in hasil.dikeluarkan:
        lines.append(f"Tidak dihitung dalam rata-rata: {nama} ({alasan})")
    for h in hasil.indikator:
        for c in h.catatan:
            if h.capaian is not None:
                lines.append(f"Catatan {h.rule.nama}: {c}")
    lines.append(f"Sidik jari aturan: {hasil.fingerprint[:16]}…")
    return "\n".join(lines)


def run(args) -> int:
    rules = rules_of(args)
    ds = dataset_of(args)
    hasil = evaluasi_capaian(rules, ds, args.tahun)
    print(dump_json(serialize.capaian(hasil)) if args.json else render_tabel(hasil))
    return 0
