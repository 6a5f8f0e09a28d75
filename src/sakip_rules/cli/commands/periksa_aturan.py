"""`sakip periksa-aturan [DIR]`: schema, names, scale coverage and worked examples."""

from __future__ import annotations

import sys
from pathlib import Path

from ...engine.periksa_aturan import periksa_aturan
from ...rules.paths import default_rules_dir


def register(sub) -> None:
    p = sub.add_parser("periksa-aturan", help="periksa satu set aturan (skema, nama, skala, contoh)")
    p.add_argument("folder", nargs="?", type=Path, default=None, help="folder aturan (bawaan: rules/)")
    p.set_defaults(handler=run)


def run(args) -> int:
    folder = args.folder or default_rules_dir()
    hasil = periksa_aturan(folder)
    if hasil.ok:
        r = hasil.rules
        print(f"Aturan {folder}: {len(r.files)} berkas, {len(r.perhitungan)} rumus/indikator, "
              f"{hasil.skala_diperiksa} skala tanpa celah dan tumpang tindih, "
              f"{hasil.contoh_lulus} contoh sesuai.")
        print(f"Sidik jari aturan (sha256): {r.fingerprint}")
        return 0
    print(f"Aturan {folder}: {len(hasil.temuan)} masalah", file=sys.stderr)
    for t in hasil.temuan:
        print(f"  {t}", file=sys.stderr)
    return 1
