"""Organisation and plan documents: stored as versioned documents, read back as of a time.

``simpan_rencana`` records a data folder's organisation, Renstra, every PK version, DPA
and comparison figures. A document whose canonical text is unchanged stores nothing; a
changed one becomes the next ``versi`` of its key (e.g. ``pk 2024 perubahan``), the earlier
version stays. A PK Perubahan is its own key, so the original and the Perubahan both stay
and ``Dataset.pk_berlaku`` picks the latest by its legal date.
The relational tables kabupaten/kecamatan/desa/bumdes mirror the latest organisation and
serve lookups, foreign keys and permissions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.engine import Connection

from ..data import model as m
from ..errors import UsageError
from . import dokumen as d
from . import schema as s
from .config import zona_waktu


def waktu_teks(waktu: dt.datetime, zona: dt.timezone) -> str:
    return f"{waktu.astimezone(zona):%Y-%m-%d %H:%M} {zona.tzname(None)}"


@dataclass
class Rencana:
    """The plan side of a kecamatan's Dataset, as it stood at some time."""

    kecamatan_id: int
    kecamatan: m.Kecamatan
    renstra: m.Renstra
    pk: list[m.PerjanjianKinerja] = field(default_factory=list)
    dpa: dict[int, m.Dpa] = field(default_factory=dict)
    pembanding: list[m.Pembanding] = field(default_factory=list)
    penanda: int = 0  # id of the newest document read (for caching)

    def tahun_rencana(self) -> set[int]:
        return m.tahun_rencana(self.renstra, self.pk)

    def tahun_baseline(self) -> set[int]:
        return {i.baseline_tahun for i in self.renstra.indikator}

    def uraian_tahun_rencana(self) -> str:
        return m.uraian_tahun(self.tahun_rencana())


def kecamatan_id(conn: Connection, kode: str) -> int:
    kid = conn.execute(select(s.kecamatan.c.id).where(s.kecamatan.c.kode == kode)).scalar()
    if kid is None:
        ada = conn.execute(select(s.kecamatan.c.kode).order_by(s.kecamatan.c.kode)).scalars().all()
        raise UsageError(f"kecamatan '{kode}' tidak ada di basis data; "
                         f"yang ada: {', '.join(ada) if ada else 'belum ada (basis data kosong)'}")
    return kid


def daftar_kecamatan(conn: Connection) -> list[str]:
    return list(conn.execute(select(s.kecamatan.c.kode).order_by(s.kecamatan.c.kode)).scalars())


def penanda_rencana(conn: Connection, kid: int) -> int:
    return conn.execute(select(func.max(s.dokumen_rencana.c.id))
                        .where(s.dokumen_rencana.c.kecamatan_id == kid)).scalar() or 0


def muat_rencana(conn: Connection, kid: int, kode: str, per: dt.datetime | None = None) -> Rencana:
    t = s.dokumen_rencana
    q = select(t.c.id, t.c.jenis, t.c.kunci, t.c.versi, t.c.isi, t.c.dicatat_pada) \
        .where(t.c.kecamatan_id == kid).order_by(t.c.kunci, t.c.versi)
    if per is not None:
        q = q.where(t.c.dicatat_pada <= per)
    terkini: dict[str, tuple] = {}
    for row in conn.execute(q):
        terkini[row.kunci] = row  # the highest versi wins
    if "organisasi" not in terkini or "renstra" not in terkini:
        pertama = conn.execute(select(func.min(t.c.dicatat_pada)).where(t.c.kecamatan_id == kid)).scalar()
        if per is not None and pertama is not None:
            z = zona_waktu()
            raise UsageError(f"data kecamatan '{kode}' belum tercatat pada {waktu_teks(per, z)}; "
                             f"data pertama dicatat {waktu_teks(pertama, z)}")
        raise UsageError(f"data rencana kecamatan '{kode}' (organisasi dan Renstra) belum diimpor")
    docs = {k: d.muat_dokumen(r.jenis, r.isi) for k, r in terkini.items()}
    rencana = Rencana(kecamatan_id=kid, kecamatan=docs["organisasi"], renstra=docs["renstra"],
                      penanda=max(r.id for r in terkini.values()))
    for k, r in sorted(terkini.items(), key=lambda kv: kv[1].id):
        if r.jenis == "pk":
            rencana.pk.append(docs[k])
        elif r.jenis == "dpa":
            rencana.dpa[docs[k].tahun] = docs[k]
        elif r.jenis == "pembanding":
            rencana.pembanding.extend(docs[k])
    rencana.pk.sort(key=lambda p: (p.tahun, p.tanggal))
    return rencana


def _upsert_organisasi(conn: Connection, kec: m.Kecamatan, waktu: dt.datetime) -> int:
    kab = conn.execute(select(s.kabupaten.c.id).where(s.kabupaten.c.nama == kec.kabupaten)).scalar()
    if kab is None:
        kab = conn.execute(insert(s.kabupaten).values(nama=kec.kabupaten, dicatat_pada=waktu)
                           ).inserted_primary_key[0]
    row = conn.execute(select(s.kecamatan).where(s.kecamatan.c.kode == kec.kode)).first()
    if row is None:
        kid = conn.execute(insert(s.kecamatan).values(kabupaten_id=kab, kode=kec.kode, nama=kec.nama,
                                                      dicatat_pada=waktu)).inserted_primary_key[0]
    else:
        kid = row.id
        if (row.nama, row.kabupaten_id) != (kec.nama, kab):
            conn.execute(update(s.kecamatan).where(s.kecamatan.c.id == kid)
                         .values(nama=kec.nama, kabupaten_id=kab))
    desa_ids: dict[str, int] = {}
    lama = {r.kode: r for r in conn.execute(select(s.desa).where(s.desa.c.kecamatan_id == kid))}
    for i, ds in enumerate(kec.desa):
        nilai = dict(nama=ds.nama, urutan=i, aktif=True)
        if ds.kode in lama:
            r = lama[ds.kode]
            desa_ids[ds.kode] = r.id
            if (r.nama, r.urutan, r.aktif) != (ds.nama, i, True):
                conn.execute(update(s.desa).where(s.desa.c.id == r.id).values(**nilai))
        else:
            desa_ids[ds.kode] = conn.execute(insert(s.desa).values(kecamatan_id=kid, kode=ds.kode, **nilai)
                                             ).inserted_primary_key[0]
    for kode, r in lama.items():
        if kode not in desa_ids and r.aktif:
            conn.execute(update(s.desa).where(s.desa.c.id == r.id).values(aktif=False))
    lama_b = {r.kode: r for r in conn.execute(select(s.bumdes).where(s.bumdes.c.kecamatan_id == kid))}
    baru_b = set()
    for i, b in enumerate(kec.bumdes):
        baru_b.add(b.kode)
        nilai = dict(nama=b.nama, nama_di_rekap=b.nama_di_rekap, urutan=i, aktif=b.aktif,
                     desa_id=desa_ids[b.desa])
        if b.kode in lama_b:
            r = lama_b[b.kode]
            if (r.nama, r.nama_di_rekap, r.urutan, r.aktif, r.desa_id) != tuple(nilai.values()):
                conn.execute(update(s.bumdes).where(s.bumdes.c.id == r.id).values(**nilai))
        else:
            conn.execute(insert(s.bumdes).values(kecamatan_id=kid, kode=b.kode, **nilai))
    for kode, r in lama_b.items():
        if kode not in baru_b and r.aktif:
            conn.execute(update(s.bumdes).where(s.bumdes.c.id == r.id).values(aktif=False))
    return kid


def _simpan_dokumen(conn: Connection, kid: int, jenis: str, kunci: str, obj, *, sumber: str,
                    saluran: str, oleh: str, waktu: dt.datetime) -> bool:
    teks = d.teks_kanonik(obj)
    sidik = d.sidik(teks)
    t = s.dokumen_rencana
    kepala = conn.execute(select(t.c.id, t.c.versi, t.c.sidik)
                          .where(and_(t.c.kecamatan_id == kid, t.c.kunci == kunci))
                          .order_by(t.c.versi.desc()).limit(1)).first()
    if kepala is not None and kepala.sidik == sidik:
        return False
    conn.execute(insert(t).values(kecamatan_id=kid, jenis=jenis, kunci=kunci,
                                  versi=(kepala.versi + 1) if kepala else 1,
                                  menggantikan=kepala.id if kepala else None, isi=teks, sidik=sidik,
                                  sumber=sumber[:500], saluran=saluran, dicatat_oleh=oleh,
                                  dicatat_pada=waktu))
    return True


def simpan_rencana(conn: Connection, ds: m.Dataset, *, sumber: str, saluran: str, oleh: str,
                   waktu: dt.datetime) -> tuple[int, int]:
    """Record the organisation and plans of ``ds``; returns (kecamatan id, documents stored)."""
    kid = _upsert_organisasi(conn, ds.kecamatan, waktu)
    docs: list[tuple[str, object]] = [("organisasi", ds.kecamatan), ("renstra", ds.renstra)]
    docs += [("pk", p) for p in ds.pk]
    docs += [("dpa", ds.dpa[t]) for t in sorted(ds.dpa)]
    per_tahun: dict[int, list[m.Pembanding]] = {}
    for p in ds.pembanding:
        per_tahun.setdefault(p.tahun, []).append(p)
    docs += [("pembanding", per_tahun[t]) for t in sorted(per_tahun)]
    n = 0
    for jenis, obj in docs:
        n += _simpan_dokumen(conn, kid, jenis, d.kunci_dokumen(jenis, obj), obj, sumber=sumber,
                             saluran=saluran, oleh=oleh, waktu=waktu)
    return kid, n


def id_organisasi(conn: Connection, kid: int) -> tuple[dict[str, int], dict[str, int]]:
    """(desa kode -> id, bumdes kode -> id) of a kecamatan."""
    desa = {r.kode: r.id for r in conn.execute(select(s.desa.c.kode, s.desa.c.id)
                                                 .where(s.desa.c.kecamatan_id == kid))}
    bumdes = {r.kode: r.id for r in conn.execute(select(s.bumdes.c.kode, s.bumdes.c.id)
                                                   .where(s.bumdes.c.kecamatan_id == kid))}
    return desa, bumdes
