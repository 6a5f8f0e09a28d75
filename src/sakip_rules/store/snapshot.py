"""A kecamatan's :class:`Dataset` as it stood at a moment: plan documents and submissions
recorded at or before ``per`` (everything when ``per`` is None), the newest version of each
value, each realisation carrying its provenance (who, when, channel, submission id).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..data import model as m
from . import schema as s
from .rencana import Rencana, id_organisasi, kecamatan_id, muat_rencana
from .validasi import survei_dari_isi


def baris_terkini(conn: Connection, kid: int, per: dt.datetime | None = None, *,
                  jenis: str | None = None, awalan_kunci: str | None = None) -> list:
    """The newest version of each value key (as of ``per``), in submission order; a value
    whose newest version withdraws it is left out (it was reported by mistake)."""
    t = s.kiriman
    q = select(t).where(t.c.kecamatan_id == kid)
    if per is not None:
        q = q.where(t.c.dicatat_pada <= per)
    if jenis:
        q = q.where(t.c.jenis == jenis)
    if awalan_kunci:
        q = q.where(t.c.kunci_nilai.startswith(awalan_kunci, autoescape=True))
    terkini: dict[str, object] = {}
    for row in conn.execute(q):
        lama = terkini.get(row.kunci_nilai)
        if lama is None or row.versi > lama.versi:
            terkini[row.kunci_nilai] = row
    return sorted((r for r in terkini.values() if not r.ditarik), key=lambda r: r.id)


def asal_baris(row, impor_berkas: dict[int, str], zona: dt.timezone) -> m.Asal:
    if row.impor_id is not None:
        ket = f"impor #{row.impor_id}: {row.keterangan or impor_berkas.get(row.impor_id, '')}".rstrip(": ")
    else:
        ket = f"kiriman #{row.id}" + (f" ({row.keterangan})" if row.keterangan else "")
    return m.Asal(saluran=row.saluran, keterangan=ket, dicatat_oleh=row.dicatat_oleh,
                  dicatat_pada=row.dicatat_pada.astimezone(zona), id_kiriman=row.id)


def dataset(conn: Connection, kode: str, per: dt.datetime | None, zona: dt.timezone,
            sumber: str, rencana_terkini: Callable[[Connection, int, str], Rencana] | None = None) -> m.Dataset:
    """``rencana_terkini`` may supply the (cached) latest plan when ``per`` is None."""
    kid = kecamatan_id(conn, kode)
    if per is None and rencana_terkini is not None:
        rencana = rencana_terkini(conn, kid, kode)
    else:
        rencana = muat_rencana(conn, kid, kode, per)
    desa_ids, bumdes_ids = id_organisasi(conn, kid)
    desa_kode = {v: k for k, v in desa_ids.items()}
    bumdes_kode = {v: k for k, v in bumdes_ids.items()}
    impor_berkas = dict(conn.execute(select(s.impor.c.id, s.impor.c.berkas)
                                     .where(s.impor.c.kecamatan_id == kid)).all())
    ds = m.Dataset(kecamatan=rencana.kecamatan, renstra=rencana.renstra, pk=list(rencana.pk),
                   dpa=dict(rencana.dpa), pembanding=list(rencana.pembanding), sumber=sumber)
    for row in baris_terkini(conn, kid, per):
        asal = asal_baris(row, impor_berkas, zona)
        if row.jenis == "laba":
            ds.laba_bumdes.append(m.LabaBumdes(bumdes=bumdes_kode[row.bumdes_id], tahun=row.tahun,
                                               bulan=row.bulan, jumlah=row.jumlah, asal=asal))
        elif row.jenis == "status_desa":
            ds.status_desa.append(m.StatusDesa(tahun=row.tahun, desa=desa_kode[row.desa_id],
                                               status=row.status_desa, idm=row.idm, asal=asal))
        elif row.jenis == "anggaran":
            ds.realisasi_anggaran.append(m.RealisasiAnggaran(sub_kegiatan=row.sub_kegiatan, tahun=row.tahun,
                                                             bulan=row.bulan, jumlah=row.jumlah, asal=asal))
        elif row.jenis == "ikm":
            ds.ikm.append(survei_dari_isi(row.tahun, row.semester, row.isi, asal))
    return ds

