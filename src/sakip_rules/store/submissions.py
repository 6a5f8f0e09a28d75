"""The append-only write of one submission, inside the caller's transaction.

For a value key (``laba sumber_rahmat 2024-11``) the newest stored row is compared with the
new value: the same canonical value is status ``sama`` and stores nothing; a different one
is inserted as the next ``versi`` naming the row it supersedes (``koreksi``); the first one
is ``baru``. A value reported by mistake is withdrawn by a next version marked ``ditarik``
(no value; the reason in ``keterangan``): evaluation then sees no value, the history keeps
every version, and a later report is a correction of the withdrawal. An idempotency key
(``tg:<chat>:<message>``) returns the first result of that key and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.engine import Connection

from . import schema as s
from .users import ID_ADMIN_LOKAL, Pengguna
from .validasi import NilaiBaru

TAMPILAN_DITARIK = "(ditarik)"


@dataclass(frozen=True)
class Kiriman:
    id: int
    jenis: str  # laba | ikm | status_desa | anggaran
    kunci_nilai: str  # e.g. "laba sumber_rahmat 2024-11"
    nilai: str  # as shown to people, e.g. "Rp 734.400"
    status: str  # baru | sama | koreksi | ditarik
    menggantikan: int | None
    dicatat_oleh: str
    dicatat_pada: dt.datetime
    saluran: str
    # the version withdraws the value (also for a "sama" answer to a second withdrawal); decide
    # on this, never on the display text ``nilai``
    ditarik: bool
    keterangan: str  # a withdrawal: its reason; a folder import: the file the value came from
    nilai_lama: str | None = None  # for a koreksi or a withdrawal: the value it supersedes


def _dari_baris(conn: Connection, row, status: str | None = None) -> Kiriman:
    status = status or ("ditarik" if row.ditarik else "baru" if row.versi == 1 else "koreksi")
    lama = None
    if status in ("koreksi", "ditarik") and row.menggantikan is not None:
        lama = conn.execute(select(s.kiriman.c.tampilan).where(s.kiriman.c.id == row.menggantikan)).scalar()
    return Kiriman(id=row.id, jenis=row.jenis, kunci_nilai=row.kunci_nilai, nilai=row.tampilan,
                   status=status, menggantikan=row.menggantikan if status != "sama" else None,
                   dicatat_oleh=row.dicatat_oleh, dicatat_pada=row.dicatat_pada, saluran=row.saluran,
                   ditarik=bool(row.ditarik), keterangan=row.keterangan or "", nilai_lama=lama)


def kiriman_id(conn: Connection, kid: int) -> Kiriman | None:
    row = conn.execute(select(s.kiriman).where(s.kiriman.c.id == kid)).first()
    return _dari_baris(conn, row) if row else None


def hasil_kunci(conn: Connection, kunci: str) -> Kiriman | None:
    """The first result recorded under an idempotency key, if any."""
    k = conn.execute(select(s.kunci_kiriman).where(s.kunci_kiriman.c.kunci == kunci)).first()
    if k is None:
        return None
    row = conn.execute(select(s.kiriman).where(s.kiriman.c.id == k.kiriman_id)).first()
    return _dari_baris(conn, row, k.status)


def hasil_kunci_turunan(conn: Connection, dasar: str) -> dict[str, Kiriman]:
    """The results recorded under idempotency key ``dasar`` and the keys derived from it
    (``dasar:…``, e.g. the edits of a chat message), by key."""
    t = s.kunci_kiriman
    turunan = t.c.kunci.like(_tanpa_wildcard(dasar) + ":%", escape="\\")
    kunci = conn.execute(select(t.c.kunci).where(or_(t.c.kunci == dasar, turunan)))
    return {k: hasil_kunci(conn, k) for k in kunci.scalars()}


def _tanpa_wildcard(teks: str) -> str:
    """``teks`` matched literally by LIKE (a key may hold '_' or '%')."""
    return teks.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def kunci_nilai_id(conn: Connection, kecamatan_id: int, kiriman_id: int) -> str | None:
    """The value key of submission ``kiriman_id`` if it belongs to the kecamatan."""
    t = s.kiriman
    return conn.execute(select(t.c.kunci_nilai).where(t.c.id == kiriman_id, t.c.kecamatan_id == kecamatan_id)).scalar()


def kepala(conn: Connection, kecamatan_id: int, kunci_nilai: str):
    t = s.kiriman
    return conn.execute(select(t).where(and_(t.c.kecamatan_id == kecamatan_id, t.c.kunci_nilai == kunci_nilai))
                        .order_by(t.c.versi.desc()).limit(1)).first()


def kepala_bukan_impor_folder(conn: Connection, kecamatan_id: int) -> dict:
    """Value key -> newest version, for every key whose newest version was not written by a
    data-folder import (a person's report, correction or withdrawal, or a file import)."""
    t, i = s.kiriman, s.impor
    terbaru = (select(t.c.kunci_nilai, func.max(t.c.versi).label("versi"))
               .where(t.c.kecamatan_id == kecamatan_id).group_by(t.c.kunci_nilai).subquery())
    q = (select(t).join(terbaru, and_(t.c.kunci_nilai == terbaru.c.kunci_nilai, t.c.versi == terbaru.c.versi))
         .outerjoin(i, i.c.id == t.c.impor_id)
         .where(t.c.kecamatan_id == kecamatan_id, or_(i.c.jenis.is_(None), i.c.jenis != "folder")))
    return {row.kunci_nilai: row for row in conn.execute(q)}


def desa_bumdes(conn: Connection, kecamatan_id: int) -> dict[int, int]:
    """BUMDes id -> id of the desa it belongs to now (the latest organisation)."""
    b = s.bumdes
    return dict(conn.execute(select(b.c.id, b.c.desa_id).where(b.c.kecamatan_id == kecamatan_id)).all())


def desa_id_kini(row, bumdes_desa: dict[int, int]) -> int | None:
    """The desa a stored value belongs to now: a BUMDes's values follow the BUMDes to its
    current desa (the row keeps the desa of when it was reported); other values keep theirs."""
    if row.bumdes_id is not None:
        return bumdes_desa.get(row.bumdes_id, row.desa_id)
    return row.desa_id


def simpan(conn: Connection, *, kecamatan_id: int, nilai: NilaiBaru, desa_id: int | None,
           bumdes_id: int | None, oleh: Pengguna, saluran: str, waktu: dt.datetime,
           kunci: str | None = None, impor_id: Callable[[], int] | None = None,
           keterangan: str = "") -> Kiriman:
    if kunci:
        pertama = hasil_kunci(conn, kunci)
        if pertama is not None:
            return pertama
    lama = kepala(conn, kecamatan_id, nilai.kunci_nilai)
    if lama is not None and not lama.ditarik and lama.nilai_kanonik == nilai.nilai_kanonik:
        hasil = _dari_baris(conn, lama, "sama")
    else:
        ket = keterangan[:500]
        values = dict(
            kecamatan_id=kecamatan_id, jenis=nilai.jenis, kunci_nilai=nilai.kunci_nilai,
            versi=(lama.versi + 1) if lama else 1, menggantikan=lama.id if lama else None,
            desa_id=desa_id, bumdes_id=bumdes_id, sub_kegiatan=nilai.sub_kegiatan, tahun=nilai.tahun,
            bulan=nilai.bulan, semester=nilai.semester, jumlah=nilai.jumlah, status_desa=nilai.status_desa,
            idm=nilai.idm, tingkat=nilai.tingkat, isi=nilai.isi, responden=nilai.responden,
            nilai_kanonik=nilai.nilai_kanonik, tampilan=nilai.tampilan[:500], keterangan=ket,
            pengguna_id=None if oleh.id == ID_ADMIN_LOKAL else oleh.id, dicatat_oleh=oleh.nama,
            dicatat_pada=waktu, saluran=saluran, impor_id=impor_id() if impor_id else None, ditarik=False)
        kid = conn.execute(insert(s.kiriman).values(**values)).inserted_primary_key[0]
        hasil = Kiriman(id=kid, jenis=nilai.jenis, kunci_nilai=nilai.kunci_nilai, nilai=nilai.tampilan,
                        status="koreksi" if lama else "baru", menggantikan=lama.id if lama else None,
                        dicatat_oleh=oleh.nama, dicatat_pada=waktu, saluran=saluran, ditarik=False,
                        keterangan=ket, nilai_lama=lama.tampilan if lama else None)
    _catat_kunci(conn, kunci, hasil, waktu)
    return hasil


def _catat_kunci(conn: Connection, kunci: str | None, hasil: Kiriman, waktu: dt.datetime) -> None:
    if kunci:
        conn.execute(insert(s.kunci_kiriman).values(kunci=kunci, kiriman_id=hasil.id, status=hasil.status,
                                                    dicatat_pada=waktu))


_IDENTITAS = ("kecamatan_id", "jenis", "kunci_nilai", "desa_id", "bumdes_id", "sub_kegiatan", "tahun",
              "bulan", "semester")


def tarik(conn: Connection, lama, *, oleh: Pengguna, saluran: str, waktu: dt.datetime, alasan: str,
          kunci: str | None = None) -> Kiriman:
    """Withdraw the value whose newest version is ``lama``; withdrawing it again is ``sama``."""
    if kunci:
        pertama = hasil_kunci(conn, kunci)
        if pertama is not None:
            return pertama
    if lama.ditarik:
        hasil = _dari_baris(conn, lama, "sama")
    else:
        values = {c: getattr(lama, c) for c in _IDENTITAS}
        values.update(versi=lama.versi + 1, menggantikan=lama.id, nilai_kanonik="", tampilan=TAMPILAN_DITARIK,
                      keterangan=alasan, pengguna_id=None if oleh.id == ID_ADMIN_LOKAL else oleh.id,
                      dicatat_oleh=oleh.nama, dicatat_pada=waktu, saluran=saluran, ditarik=True)
        kid = conn.execute(insert(s.kiriman).values(**values)).inserted_primary_key[0]
        hasil = Kiriman(id=kid, jenis=lama.jenis, kunci_nilai=lama.kunci_nilai, nilai=TAMPILAN_DITARIK,
                        status="ditarik", menggantikan=lama.id, dicatat_oleh=oleh.nama, dicatat_pada=waktu,
                        saluran=saluran, ditarik=True, keterangan=alasan, nilai_lama=lama.tampilan)
    _catat_kunci(conn, kunci, hasil, waktu)
    return hasil


def riwayat(conn: Connection, kecamatan_id: int, *, jenis: str | None = None,
            kunci_nilai: str | None = None, desa_id: int | None = None, batas: int = 20) -> list[Kiriman]:
    t = s.kiriman
    q = select(t).where(t.c.kecamatan_id == kecamatan_id)
    if jenis:
        q = q.where(t.c.jenis == jenis)
    if kunci_nilai:
        q = q.where(t.c.kunci_nilai == kunci_nilai)
    if desa_id is not None:  # as desa_id_kini: BUMDes values by the BUMDes's current desa
        bumdes_desa = select(s.bumdes.c.id).where(s.bumdes.c.desa_id == desa_id)
        q = q.where(or_(and_(t.c.bumdes_id.is_(None), t.c.desa_id == desa_id), t.c.bumdes_id.in_(bumdes_desa)))
    rows = conn.execute(q.order_by(t.c.id.desc()).limit(batas)).all()
    return [_dari_baris(conn, r) for r in rows]
