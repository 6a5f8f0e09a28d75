"""`sakip riwayat [KUNCI ...]`: the submissions of a value (or the latest ones), newest first."""

from __future__ import annotations

from ...store.validasi import JENIS
from ...tampilan import table
from ._basisdata import add_store_args, buka, pelaku


def register(sub) -> None:
    p = sub.add_parser("riwayat", help="riwayat kiriman satu nilai (semua koreksi), terbaru dahulu")
    p.add_argument("kunci", nargs="*", help="nilainya, mis. laba Sumber Rahmat November 2024; IKM semester II "
                                            "2024; status desa Halunuk 2024 (atau kuncinya: laba sumber_rahmat 2024-11)")
    p.add_argument("--jenis", choices=JENIS, help="hanya jenis ini")
    p.add_argument("--batas", type=int, default=20, help="paling banyak sekian kiriman (bawaan 20)")
    add_store_args(p)
    p.set_defaults(handler=run)


def _nilai(k) -> str:
    """The value column: a withdrawn version has no value, so it shows why it was withdrawn."""
    if k.ditarik and k.keterangan:
        return f"{k.nilai}, alasan: {k.keterangan}"
    return k.nilai


def run(args) -> int:
    teks = " ".join(args.kunci) or None
    with buka(args) as store:
        oleh = pelaku(store, args)
        # the heading labels the key the store reads from the text, not the text itself
        kunci = store.kunci_nilai(oleh.kecamatan, teks) if teks else None
        hasil = store.riwayat(oleh, jenis=args.jenis, kunci_nilai=kunci, batas=args.batas)
        if not hasil:
            print("Belum ada kiriman" + (f" untuk '{teks}'" if teks else "") + ".")
            return 0
        rows = [[f"#{k.id}", k.kunci_nilai, _nilai(k), k.status,
                 f"#{k.menggantikan}" if k.menggantikan else "", k.dicatat_oleh,
                 f"{k.dicatat_pada:%Y-%m-%d %H:%M}", k.saluran] for k in hasil]
        judul = store.label_kunci(oleh.kecamatan, kunci) if kunci else "kiriman terbaru"
        print(f"Riwayat {judul} (terbaru dahulu; waktu {store.zona.tzname(None)})\n")
        print(table(rows, ["Kiriman", "Kunci", "Nilai", "Status", "Menggantikan", "Oleh", "Pada", "Saluran"]))
    return 0
