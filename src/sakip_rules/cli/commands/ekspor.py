"""`sakip ekspor {laba,ikm}`: the recap of BUMDes profit (Gambar 3.6) or IKM answers, as CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

from ..context import tahun
from ._basisdata import add_store_args, buka
from ...angka import parse_semester as semester
from ...errors import UsageError

_TIMPA = "tulis juga bila berkas keluaran sudah ada (tanpa ini, berkas yang ada tidak ditimpa)"


def register(sub) -> None:
    p = sub.add_parser("ekspor", help="ekspor rekap keuntungan BUMDes atau jawaban survei IKM")
    jenis = p.add_subparsers(dest="jenis", metavar="JENIS", required=True, parser_class=type(p))

    q = jenis.add_parser("laba", help="rekap keuntungan BUMDes setahun (tata letak Gambar 3.6)")
    q.add_argument("berkas", type=Path, help="berkas keluaran .csv atau .xlsx")
    q.add_argument("--tahun", type=tahun, required=True)
    q.add_argument("--timpa", action="store_true", help=_TIMPA)
    add_store_args(q, sebagai=False)
    q.set_defaults(handler=run_laba)

    q = jenis.add_parser("ikm", help="jawaban survei IKM per responden (bila tersimpan pada tingkat jawaban)")
    q.add_argument("berkas", type=Path)
    q.add_argument("--tahun", type=tahun, required=True)
    q.add_argument("--semester", type=semester, required=True)
    q.add_argument("--timpa", action="store_true", help=_TIMPA)
    add_store_args(q, sebagai=False)
    q.set_defaults(handler=run_ikm)


def _boleh_ditulis(args) -> None:
    """A file already there (another recap, someone's edited copy) is not overwritten unasked."""
    if args.berkas.is_file() and not args.timpa:
        raise UsageError(f"berkas {args.berkas} sudah ada dan tidak ditimpa; pakai nama lain, atau --timpa "
                         "untuk menimpanya")


def run_laba(args) -> int:
    _boleh_ditulis(args)
    with buka(args) as store:
        path = store.ekspor_rekap_laba(args.tahun, args.berkas, kecamatan=args.kecamatan)
    print(f"Rekap keuntungan BUMDes {args.tahun} ditulis ke {path}")
    return 0


def run_ikm(args) -> int:
    _boleh_ditulis(args)
    with buka(args) as store:
        path = store.ekspor_jawaban_ikm(args.tahun, args.semester, args.berkas, kecamatan=args.kecamatan)
    print(f"Jawaban survei IKM semester {args.semester} {args.tahun} ditulis ke {path}")
    return 0
