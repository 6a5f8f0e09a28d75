"""Benchmark of the data store (issue "Data store"), each figure as a ratio against the
in-memory evaluation of the same data measured in the same run.

1. Baseline: ``evaluasi_capaian(rules, dataset, 2024)`` on Loksado's Dataset already in memory.
2. Submissions per second through the core (``Store.lapor_laba``: authorise, validate,
   compare with the stored value, append, commit) on SQLite (WAL, synchronous=FULL) and on
   PostgreSQL; ratio = time per submission / in-memory evaluation.
3. A national-scale store (default 4.300 kecamatan ≈ 1.000.000 submission rows, with
   organisations and plan documents), generated with bulk inserts (executemany on SQLite,
   COPY on PostgreSQL); then ``sakip capaian`` for one kecamatan: build its Dataset from the
   store (latest version of each value) and evaluate. Ratio = that / evaluating the same
   Dataset in memory. Reported warm (store open) and cold (open store + query + evaluate).

    python bench/bench_store.py [--kecamatan 4300] [--kiriman 300] [--tanpa-postgres]

PostgreSQL: $SAKIP_BENCH_POSTGRES_URL (a database that may be wiped), else a throwaway
server is started as in the tests (tests/store/pg_sementara.py) when initdb/pg_ctl exist.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "store"))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from sakip_rules.data.folder import load_folder  # noqa: E402
from sakip_rules.engine.capaian import evaluasi_capaian  # noqa: E402
from sakip_rules.rules.loader import load_rules  # noqa: E402
from sakip_rules.store import Store  # noqa: E402
from sakip_rules.store import schema as s  # noqa: E402
from sakip_rules.store.users import admin_lokal  # noqa: E402

TAHUN = 2024
RULES = load_rules(ROOT / "rules")


def median_waktu(fn, n: int) -> float:
    hasil = []
    for _ in range(n):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        hasil.append(time.perf_counter() - t0)
    return statistics.median(hasil)


def ms(x: float) -> str:
    return f"{x * 1000:.3f} ms"


# --------------------------------------------------------------------------- 2. submissions
def ukur_kiriman(url: str, n: int) -> float:
    """Seconds per submission (each one a correction, so each one writes and commits)."""
    with Store.buka(url) as st:
        oleh = admin_lokal("bench", "loksado")
        for i in range(10):  # warm up: caches, connection pool
            st.lapor_laba(oleh, "serati", TAHUN, 1 + i % 12, Decimal(1000 + i), saluran="cli")
        t0 = time.perf_counter()
        for i in range(n):
            k = st.lapor_laba(oleh, "serati", TAHUN, 1 + i % 12, Decimal(500000 + i), saluran="bot")
            assert k.status in ("baru", "koreksi")
        return (time.perf_counter() - t0) / n


# --------------------------------------------------------------------------- 3. national store
KOLOM_KIRIMAN = [c.name for c in s.kiriman.columns]


def _waktu_sqlite(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S.%f")


def isi_nasional(url: str, n_kec: int, seed: int = 11) -> tuple[int, str]:
    """Fill an empty, migrated store with n_kec Loksado-like kecamatan. Returns (rows, a kode)."""
    rnd = random.Random(seed)
    engine = create_engine(url)
    pg = engine.dialect.name == "postgresql"
    # the plan documents of Loksado, as stored, are the template of every kecamatan
    Store.buka(url).tutup()  # migrates and seeds Loksado (id 1)
    with engine.connect() as c:
        dok = c.execute(select(s.dokumen_rencana)).all()
        desa0 = c.execute(select(s.desa).order_by(s.desa.c.id)).all()
        bumdes0 = c.execute(select(s.bumdes).order_by(s.bumdes.c.id)).all()
        kab = c.execute(select(s.kabupaten.c.id)).scalar()
        sub = json.loads(next(d.isi for d in dok if d.jenis == "dpa"))["sub_kegiatan"]
        mulai_id = {t: (c.execute(select(func.max(t.c.id))).scalar() or 0) + 1
                    for t in (s.kecamatan, s.desa, s.bumdes, s.dokumen_rencana, s.kiriman)}
    waktu0 = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    baris = {t: [] for t in ("kecamatan", "desa", "bumdes", "dokumen_rencana", "kiriman")}
    ids = dict(mulai_id)
    kiriman_id = mulai_id[s.kiriman]
    contoh = None

    def w(t: dt.datetime):
        return t.replace(tzinfo=None) if pg else _waktu_sqlite(t)

    def d(x: Decimal):
        return x if pg else format(x, "f")

    for k in range(n_kec):
        kode = f"kec_{k:05d}"
        contoh = contoh or (kode if k == n_kec // 2 else None)
        kid = ids[s.kecamatan]
        ids[s.kecamatan] += 1
        baris["kecamatan"].append((kid, kab, kode, f"Kecamatan {k}", w(waktu0)))
        desa_id, bumdes_id = {}, {}
        for r in desa0:
            desa_id[r.kode] = ids[s.desa]
            baris["desa"].append((ids[s.desa], kid, r.kode, r.nama, r.urutan, True))
            ids[s.desa] += 1
        for r in bumdes0:
            bumdes_id[r.kode] = ids[s.bumdes]
            desa_kode = next(x.kode for x in desa0 if x.id == r.desa_id)
            baris["bumdes"].append((ids[s.bumdes], kid, desa_id[desa_kode], r.kode, r.nama, r.nama_di_rekap,
                                    r.urutan, True))
            ids[s.bumdes] += 1
        for r in dok:
            isi = r.isi
            if r.jenis == "organisasi":
                isi = isi.replace('"kode":"loksado","nama":"Loksado"', f'"kode":"{kode}","nama":"Kecamatan {k}"')
            baris["dokumen_rencana"].append((ids[s.dokumen_rencana], kid, r.jenis, r.kunci, 1, None, isi, r.sidik,
                                             r.sumber, "impor", "bench", w(waktu0)))
            ids[s.dokumen_rencana] += 1

        def kirim(jenis, kunci, tahun, *, bulan=None, semester=None, desa=None, bumdes=None, sub_kegiatan=None,
                  jumlah=None, status=None, tingkat=None, isi=None, kanonik, tampil, versi=1, ganti=None, jam=0):
            nonlocal kiriman_id
            row = dict(id=kiriman_id, kecamatan_id=kid, jenis=jenis, kunci_nilai=kunci, versi=versi,
                       menggantikan=ganti, desa_id=desa, bumdes_id=bumdes, sub_kegiatan=sub_kegiatan, tahun=tahun,
                       bulan=bulan, semester=semester, jumlah=d(jumlah) if jumlah is not None else None,
                       status_desa=status, idm=None, tingkat=tingkat, isi=isi, responden=None,
                       nilai_kanonik=kanonik, tampilan=tampil, keterangan="", pengguna_id=None,
                       dicatat_oleh=f"operator {k}", dicatat_pada=w(waktu0 + dt.timedelta(hours=jam)),
                       saluran="bot", impor_id=None, ditarik=False)
            baris["kiriman"].append(tuple(row[c] for c in KOLOM_KIRIMAN))
            kiriman_id += 1
            return row["id"]

        for b in bumdes0:  # 6 × 12 monthly profits, ~10 % corrected once
            for bl in range(1, 13):
                j = Decimal(rnd.randrange(0, 2_000_000, 100))
                kunci = f"laba {b.kode} {TAHUN}-{bl:02d}"
                i1 = kirim("laba", kunci, TAHUN, bulan=bl, bumdes=bumdes_id[b.kode], desa=None, jumlah=j,
                           kanonik=str(j), tampil=f"Rp {j}", jam=bl)
                if rnd.random() < 0.1:
                    j2 = j + 100
                    kirim("laba", kunci, TAHUN, bulan=bl, bumdes=bumdes_id[b.kode], jumlah=j2, kanonik=str(j2),
                          tampil=f"Rp {j2}", versi=2, ganti=i1, jam=bl + 1)
        for th in (2023, TAHUN):  # desa statuses
            for r in desa0:
                st_ = rnd.choice(["Berkembang", "Berkembang", "Maju", "Mandiri", "Tertinggal"])
                kirim("status_desa", f"status_desa {r.kode} {th}", th, desa=desa_id[r.kode], status=st_,
                      kanonik=f"{st_}|", tampil=st_)
        for sem in (1, 2):
            nrr = [f"{rnd.randrange(300, 400) / 100:.2f}" for _ in range(9)]
            isi = json.dumps({"nrr": nrr, "tingkat": "nrr"}, sort_keys=True, separators=(",", ":"))
            kirim("ikm", f"ikm {TAHUN} semester {sem}", TAHUN, semester=sem, tingkat="nrr", isi=isi,
                  kanonik=isi, tampil="NRR per unsur")
        for sk in sub:  # monthly budget realisation of every sub kegiatan
            pagu = Decimal(sk["anggaran"])
            for bl in range(1, 13):
                j = (pagu / 14).quantize(Decimal(1))
                kirim("anggaran", f"anggaran {sk['kode']} {TAHUN}-{bl:02d}", TAHUN, bulan=bl, sub_kegiatan=sk["kode"],
                      jumlah=j, kanonik=str(j), tampil=f"Rp {j}", jam=bl)

    tabel = {"kecamatan": s.kecamatan, "desa": s.desa, "bumdes": s.bumdes, "dokumen_rencana": s.dokumen_rencana,
             "kiriman": s.kiriman}
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for nama, rows in baris.items():
            kol = [c.name for c in tabel[nama].columns]
            if pg:
                with cur.copy(f"COPY {nama} ({', '.join(kol)}) FROM STDIN") as cp:
                    for r in rows:
                        cp.write_row(r)
            else:
                cur.executemany(f"INSERT INTO {nama} ({', '.join(kol)}) VALUES ({', '.join('?' * len(kol))})", rows)
        if pg:
            for nama in tabel:
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{nama}', 'id'), (SELECT max(id) FROM {nama}))")
        raw.commit()
        if pg:
            raw.autocommit = True
            raw.cursor().execute("ANALYZE")
        else:
            raw.cursor().execute("ANALYZE")
    finally:
        raw.close()
        engine.dispose()
    return len(baris["kiriman"]), contoh


def ukur_capaian(url: str, kode: str, ulang: int) -> dict:
    with Store.buka(url) as st:
        ds = st.dataset(kode)
        hasil_db = evaluasi_capaian(RULES, st.dataset(kode), TAHUN)
        hasil_mem = evaluasi_capaian(RULES, ds, TAHUN)
        assert [i.nilai_capaian for i in hasil_db.indikator] == [i.nilai_capaian for i in hasil_mem.indikator]
        mem = median_waktu(lambda: evaluasi_capaian(RULES, ds, TAHUN), ulang)
        hangat = median_waktu(lambda: evaluasi_capaian(RULES, st.dataset(kode), TAHUN), ulang)
        dataset_saja = median_waktu(lambda: st.dataset(kode), ulang)

    def dingin():
        with Store.buka(url) as st2:
            evaluasi_capaian(RULES, st2.dataset(kode), TAHUN)

    return {"mem": mem, "hangat": hangat, "dataset": dataset_saja, "dingin": median_waktu(dingin, max(3, ulang // 4)),
            "baris_kecamatan": len(ds.laba_bumdes) + len(ds.status_desa) + len(ds.ikm) + len(ds.realisasi_anggaran)}


def jumlah_kiriman(url: str) -> int:
    eng = create_engine(url)
    with eng.connect() as c:
        n = c.execute(select(func.count()).select_from(s.kiriman)).scalar()
    eng.dispose()
    return n


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kecamatan", type=int, default=4300, help="kecamatan sintetis (4.300 ≈ 1 juta kiriman)")
    ap.add_argument("--kiriman", type=int, default=300, help="kiriman yang diukur per basis data")
    ap.add_argument("--ulang", type=int, default=30, help="pengulangan tiap pengukuran (median)")
    ap.add_argument("--tanpa-postgres", action="store_true")
    args = ap.parse_args(argv)

    hasil: dict = {"tanggal": dt.datetime.now().isoformat(timespec="seconds"), "python": sys.version.split()[0]}
    loksado = load_folder(ROOT / "data" / "loksado")
    mem = median_waktu(lambda: evaluasi_capaian(RULES, loksado, TAHUN), args.ulang)
    print(f"Dasar: evaluasi capaian Loksado 2024 di memori: {ms(mem)} (median {args.ulang}x)")
    hasil["evaluasi_memori_s"] = mem

    tmp = Path(tempfile.mkdtemp(prefix="sakip-bench-"))
    basis: list[tuple[str, str]] = [("sqlite", f"sqlite:///{tmp}/kiriman.sqlite3")]
    server = None
    if not args.tanpa_postgres:
        pg = os.environ.get("SAKIP_BENCH_POSTGRES_URL")
        if not pg:
            import pg_sementara

            if pg_sementara.alasan_tidak_tersedia() is None:
                server = pg_sementara.ServerPg()
                pg = server.mulai()
            else:
                print(f"PostgreSQL dilewati: {pg_sementara.alasan_tidak_tersedia()}")
        if pg:
            basis.append(("postgresql", pg))
    try:
        for nama, url in basis:
            url_k = url if nama == "sqlite" else _db_baru(url, "sakip_bench_kiriman")
            per = ukur_kiriman(url_k, args.kiriman)
            print(f"Kiriman lewat inti, {nama}: {1 / per:,.0f} kiriman/detik ({ms(per)} per kiriman; "
                  f"{per / mem:.1f}× evaluasi di memori)")
            hasil[f"kiriman_{nama}"] = {"per_kiriman_s": per, "per_detik": 1 / per, "rasio": per / mem}
        for nama, url in basis:
            url_n = f"sqlite:///{tmp}/nasional.sqlite3" if nama == "sqlite" else _db_baru(url, "sakip_bench_nasional")
            t0 = time.perf_counter()
            n, kode = isi_nasional(url_n, args.kecamatan)
            isi_s = time.perf_counter() - t0
            total = jumlah_kiriman(url_n)
            u = ukur_capaian(url_n, kode, args.ulang)
            print(f"Basis data nasional, {nama}: {total:,} baris kiriman ({args.kecamatan:,} kecamatan; "
                  f"dibuat dalam {isi_s:.1f} s). Capaian satu kecamatan ({u['baris_kecamatan']} nilai terkini):")
            print(f"  di memori {ms(u['mem'])}; dari basis data {ms(u['hangat'])} "
                  f"({u['hangat'] / u['mem']:.1f}×; membangun Dataset {ms(u['dataset'])}); "
                  f"dingin (buka + baca + hitung) {ms(u['dingin'])} ({u['dingin'] / u['mem']:.1f}×)")
            hasil[f"nasional_{nama}"] = {"baris_kiriman": total, "kecamatan": args.kecamatan, "isi_s": isi_s,
                                         **{k: v for k, v in u.items()},
                                         "rasio_hangat": u["hangat"] / u["mem"], "rasio_dingin": u["dingin"] / u["mem"]}
    finally:
        if server:
            server.henti()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return hasil


def _db_baru(url: str, nama: str) -> str:
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{nama}"'))
    admin.dispose()
    return make_url(url).set(database=nama).render_as_string(hide_password=False)


if __name__ == "__main__":
    out = main()
    keluar = ROOT / "bench" / "out"
    keluar.mkdir(exist_ok=True)
    (keluar / "bench_store.json").write_text(json.dumps(out, indent=2, default=str))
