"""`sakip tarik KUNCI --alasan TEKS`: withdraw a value reported by mistake (history keeps it)."""

from __future__ import annotations

from ...errors import UsageError
from ._basisdata import add_store_args, buka, pelaku, perintah_tulis, pesan_kiriman


def register(sub) -> None:
    p = sub.add_parser("tarik", help="tarik nilai yang salah dilaporkan (riwayat tetap menyimpannya)")
    p.add_argument("kunci", nargs="*", help="nilainya, mis. laba Serati Maret 2024 (atau kuncinya: laba serati 2024-03)")
    p.add_argument("--kiriman", type=int, metavar="NOMOR",
                   help="atau nomor kiriman yang menjadi nilai terkini, mis. 1234")
    p.add_argument("--alasan", required=True, help="mengapa ditarik, mis. 'salah bulan'")
    add_store_args(p)
    perintah_tulis(p, run)


def run(args) -> int:
    kunci = " ".join(args.kunci) or None
    if (kunci is None) == (args.kiriman is None):
        raise UsageError("sebutkan kunci nilai (mis. `sakip tarik laba serati 2024-03 --alasan ...`) "
                         "atau --kiriman NOMOR, tidak keduanya")
    with buka(args) as store:
        oleh = pelaku(store, args)
        k = store.tarik(oleh, kunci_nilai=kunci, kiriman_id=args.kiriman, alasan=args.alasan, saluran="cli")
        print(pesan_kiriman(store, oleh.kecamatan, k))
    return 0
