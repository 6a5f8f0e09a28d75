"""`sakip pengguna {tambah,daftar,cabut,undang}`: users and roles (admin only)."""

from __future__ import annotations

from ...errors import UsageError
from ...store.users import BERLAKU_UNDANGAN_JAM, ID_ADMIN_LOKAL, PERAN, URAIAN_PERAN
from ...tampilan import table
from ._basisdata import add_store_args, buka, kecamatan, pelaku, perintah_tulis


def register(sub) -> None:
    p = sub.add_parser("pengguna", help="kelola pengguna dan peran (admin)")
    aksi = p.add_subparsers(dest="aksi", metavar="AKSI", required=True, parser_class=type(p))

    q = aksi.add_parser("tambah", help="daftarkan pengguna")
    q.add_argument("nama")
    q.add_argument("--peran", required=True, choices=PERAN)
    q.add_argument("--desa", help="desa operator_desa (kode atau nama)")
    q.add_argument("--telegram", type=int, help="id akun Telegram (angka)")
    add_store_args(q)
    perintah_tulis(q, run_tambah)

    q = aksi.add_parser("daftar", help="daftar pengguna kecamatan")
    add_store_args(q)
    q.set_defaults(handler=run_daftar)

    q = aksi.add_parser("cabut", help="cabut akses pengguna (data kirimannya tetap)")
    q.add_argument("pengguna", help="id atau nama pengguna")
    add_store_args(q)
    perintah_tulis(q, run_cabut)

    q = aksi.add_parser("undang", help="buat kode undangan sekali pakai untuk bot Telegram")
    q.add_argument("--peran", required=True, choices=PERAN)
    q.add_argument("--desa", help="desa operator_desa (kode atau nama)")
    q.add_argument("--berlaku-jam", type=int, default=BERLAKU_UNDANGAN_JAM,
                   help=f"masa berlaku (jam, bawaan {BERLAKU_UNDANGAN_JAM})")
    add_store_args(q)
    perintah_tulis(q, run_undang)


def _baris(p) -> str:
    desa = f", desa {p.desa}" if p.desa else ""
    tg = f", Telegram {p.telegram_id}" if p.telegram_id else ""
    return f"#{p.id} {p.nama}: {URAIAN_PERAN[p.peran]}{desa}{tg}"


def run_tambah(args) -> int:
    with buka(args) as store:
        oleh = pelaku(store, args) if args.sebagai else None
        kode = oleh.kecamatan if oleh else kecamatan(store, args)
        p = store.tambah_pengguna(oleh, args.nama, args.peran, kecamatan=kode, desa=args.desa,
                                  telegram_id=args.telegram)
        print(f"Pengguna terdaftar: {_baris(p)}")
    return 0


def run_daftar(args) -> int:
    with buka(args) as store:
        hasil = store.daftar_pengguna(pelaku(store, args))
        if not hasil:
            print("Belum ada pengguna terdaftar.")
            return 0
        print(table([[f"#{p.id}", p.nama, p.peran, p.desa or "", p.telegram_id or "",
                      "aktif" if p.aktif else "dicabut"] for p in hasil],
                    ["Id", "Nama", "Peran", "Desa", "Telegram", "Status"]))
    return 0


def run_cabut(args) -> int:
    with buka(args) as store:
        oleh = pelaku(store, args)
        p = store.cabut_pengguna(oleh, _pengguna_dimaksud(store, oleh, args.pengguna))
        print(f"Akses dicabut: {_baris(p)} (kirimannya tetap tersimpan)")
    return 0


def _pengguna_dimaksud(store, oleh, teks: str) -> int:
    """The id of the user named by ``teks``: an exact name first, else an id ('7' or '#7').
    A name that is also the id of another user ('123', '#5') is refused: revoking the wrong
    person must not depend on which reading wins."""
    bernama = store.pengguna_nama(teks)
    angka = teks.strip().removeprefix("#")
    bernomor = store.pengguna_id(int(angka)) if angka.isdecimal() else None  # isdigit() takes '²'
    if bernomor and oleh.id != ID_ADMIN_LOKAL and bernomor.kecamatan != oleh.kecamatan:
        bernomor = None  # not this admin's to revoke, nor to name
    if bernama and bernomor and bernama.id != bernomor.id:
        raise UsageError(f"'{teks}' bisa berarti dua pengguna: yang bernama '{bernama.nama}' (#{bernama.id}) atau "
                         f"pengguna #{bernomor.id} ('{bernomor.nama}'); tidak ada yang dicabut. Sebutkan nomornya "
                         f"dengan tanda #, mis. '#{bernama.id}' atau '#{bernomor.id}'")
    if bernama:
        return bernama.id
    if angka.isdecimal():
        return int(angka)  # an unknown id: cabut_pengguna says it is not in the kecamatan
    raise UsageError(f"pengguna '{teks}' tidak terdaftar")


def run_undang(args) -> int:
    with buka(args) as store:
        token = store.buat_undangan(pelaku(store, args), args.peran, desa=args.desa,
                                    berlaku_jam=args.berlaku_jam)
    print(f"Kode undangan ({args.peran}, berlaku {args.berlaku_jam} jam, sekali pakai):\n{token}\n"
          f"Calon pengguna membuka bot lalu mengirim: /start {token}")
    return 0
