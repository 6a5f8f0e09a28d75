"""`sakip db {upgrade,status}`: create or upgrade the database schema; show where it is."""

from __future__ import annotations

from ..context import add_db


def register(sub) -> None:
    p = sub.add_parser("db", help="basis data: buat/tingkatkan skema, lihat status")
    aksi = p.add_subparsers(dest="aksi", metavar="AKSI", required=True, parser_class=type(p))
    q = aksi.add_parser("upgrade", help="buat atau tingkatkan skema basis data ke revisi terbaru")
    add_db(q, kecamatan=False)
    q.set_defaults(handler=run_upgrade)
    q = aksi.add_parser("status", help="alamat, revisi skema, isi basis data")
    add_db(q, kecamatan=False)
    q.set_defaults(handler=run_status)


def run_upgrade(args) -> int:
    from ...store.config import url_db, url_tersamar
    from ...store.koneksi import buka_engine
    from ...store.migrations import REVISI_TERKINI

    url = url_db(args.db)
    engine, berubah = buka_engine(url)
    engine.dispose()
    kata = "ditingkatkan ke" if berubah else "sudah pada"
    print(f"Basis data {url_tersamar(url)} {kata} revisi {REVISI_TERKINI}.")
    return 0


def run_status(args) -> int:
    from sqlalchemy import func, select

    from ...store import schema as s
    from ...store.config import url_tersamar
    from ...store.koneksi import transaksi_baca
    from ...store.migrations import revisi_sekarang
    from ...store.service import Store

    with Store.buka(args.db, seed=False) as store:
        with transaksi_baca(store.engine) as conn:
            rev = revisi_sekarang(conn)
            n = {t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                 for t in (s.kecamatan, s.pengguna, s.dokumen_rencana, s.impor, s.kiriman)}
        print(f"Basis data: {url_tersamar(store.url)} ({store.engine.dialect.name}), revisi {rev}")
        print(f"Kecamatan: {n['kecamatan']} ({', '.join(store.daftar_kecamatan()) or '-'}); "
              f"pengguna: {n['pengguna']}; dokumen rencana: {n['dokumen_rencana']}; "
              f"impor: {n['impor']}; kiriman: {n['kiriman']}")
    return 0
