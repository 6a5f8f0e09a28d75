"""`sakip periksa TAHUN [--laporan FILE]`: review a report (and the collected data) with the checks in rules/pemeriksaan/.

Without ``--laporan`` the transcript ``<data>/laporan/<TAHUN>.yaml`` is used when it exists;
``--tanpa-laporan`` runs only the checks on the collected data (what the bot does to warn early).
Exit code: 1 when there is at least one error-level finding (galat), else 0; 2 for bad input.
"""

from __future__ import annotations

from pathlib import Path

from ...engine.periksa import HasilPeriksa, periksa
from ...errors import UsageError
from ...report import load_laporan
from ...rules.pemeriksaan import KELUARGA, LABEL_TINGKAT
from ..context import add_common, dataset_of, rules_of, tahun
from ...tampilan import dump_json

EXIT_GALAT = 1


def register(sub) -> None:
    p = sub.add_parser("periksa", help="periksa laporan kinerja (dan data) dengan aturan di rules/pemeriksaan/")
    p.add_argument("tahun", type=tahun, help="tahun laporan, mis. 2024")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--laporan", metavar="FILE", type=Path, default=None,
                   help="transkrip laporan (bawaan: <folder data>/laporan/<TAHUN>.yaml bila ada)")
    g.add_argument("--tanpa-laporan", action="store_true",
                   help="hanya pemeriksaan atas data yang terkumpul, tanpa transkrip laporan")
    p.add_argument("--ringkas", action="store_true", help="tanpa penjelasan di bawah setiap temuan")
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk mesin")
    add_common(p)
    p.set_defaults(handler=run)


def _berkas_laporan(args) -> Path | None:
    if args.tanpa_laporan:
        return None
    if args.laporan is not None:
        if not args.laporan.is_file():
            raise UsageError(f"berkas laporan '{args.laporan}' tidak ada")
        return args.laporan
    from ...data.paths import default_data_dir
    folder = args.data or default_data_dir()
    bawaan = Path(folder) / "laporan" / f"{args.tahun}.yaml"
    return bawaan if bawaan.is_file() else None


def _tampil_berkas(path: Path) -> str:
    """A transcript path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def render_teks(h: HasilPeriksa, ringkas: bool = False) -> str:
    out = []
    sumber = f"laporan {h.laporan}" if h.laporan else "data saja (tanpa transkrip laporan)"
    out.append(f"Pemeriksaan Kecamatan {h.kecamatan} tahun {h.tahun} — {sumber}")
    out.append(f"{len(h.diperiksa)} pemeriksaan dijalankan atas {sum(h.tempat_diperiksa.values())} tempat: "
               f"{h.jumlah('galat')} galat, "
               f"{h.jumlah('peringatan')} peringatan, {h.jumlah('info')} info.")
    for i, t in enumerate(h.temuan, 1):
        out.append("")
        out.append(f"{i}. [{LABEL_TINGKAT[t.tingkat]}] {t.tempat}")
        out.append(f"   pemeriksaan: {t.pemeriksaan} ({KELUARGA[t.keluarga]})")
        if t.dinyatakan is not None or t.dihitung is not None:
            out.append(f"   dinyatakan: {t.dinyatakan if t.dinyatakan is not None else '–'}"
                       f"   dihitung: {t.dihitung if t.dihitung is not None else '–'}")
        out.append(f"   {t.pesan}")
        if t.berkas and t.baris:
            out.append(f"   transkrip: {t.berkas}:{t.baris}")
        if not ringkas:
            for line in t.penjelasan:
                out.append(f"     {line}" if line else "")
    if h.dilewati:
        out.append("")
        alasan: dict[str, list[str]] = {}
        for i, a in h.dilewati:
            alasan.setdefault(a, []).append(i)
        for a, ids in alasan.items():
            out.append(f"Dilewati ({a}): {len(ids)} pemeriksaan — {', '.join(ids)}")
    if h.tanpa_pemeriksaan:
        out.append(f"Pernyataan yang belum diperiksa pemeriksaan mana pun (jenis): {', '.join(h.tanpa_pemeriksaan)}")
    out.append(f"Sidik jari aturan: {h.fingerprint[:16]}…")
    return "\n".join(out)


def run(args) -> int:
    rules = rules_of(args)
    ds = dataset_of(args, rules)
    berkas = _berkas_laporan(args)
    laporan = load_laporan(berkas, _tampil_berkas(berkas)) if berkas is not None else None
    catatan = None
    if (laporan is not None and args.laporan is None and laporan.kecamatan
            and laporan.kecamatan.casefold() != ds.kecamatan.nama.casefold()):
        # the default transcript belongs to another kecamatan than the data (e.g. a database of
        # another kecamatan): check the data alone rather than refuse; an explicit --laporan is refused.
        catatan = (f"Transkrip bawaan {laporan.file} milik Kecamatan {laporan.kecamatan}, bukan "
                   f"{ds.kecamatan.nama}; hanya data yang diperiksa (pakai --laporan untuk transkrip lain).")
        laporan = None
    h = periksa(rules, ds, args.tahun, laporan)
    if args.json:
        data = h.ke_dict()
        data["catatan"] = catatan
        print(dump_json(data))
    else:
        print(render_teks(h, args.ringkas) + (f"\n{catatan}" if catatan else ""))
    return EXIT_GALAT if h.ada_galat else 0
