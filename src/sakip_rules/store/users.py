"""Users, roles, invitations and who may do what.

Roles (``PERAN``):
  admin               manages users and invitations of its kecamatan; submits and reads everything
  pimpinan            Camat / Sekcam: reads everything of its kecamatan; submits nothing
  operator_kecamatan  submits every kind of data of its kecamatan; reads everything
  operator_desa       submits only for its own desa and that desa's BUMDes; reads its kecamatan,
                      but the submission history only of its own desa
  auditor             reads everything (explanations, checks, history); submits nothing
Who may submit which kind of data is one table, :data:`HAK_KIRIM`: the store's permission check
(:func:`wajib_pengirim`) reads it, and so does every client that offers a command per kind (the bot).
Users are never deleted: revoking sets ``aktif`` false and records who and when.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Connection

from ..angka import daftar_kata
from ..errors import UsageError
from . import schema as s
from .validasi import NAMA_JENIS

PERAN = ("admin", "pimpinan", "operator_kecamatan", "operator_desa", "auditor")

#: A role as messages name it (the store's refusals and the bot alike).
NAMA_PERAN = {
    "admin": "admin",
    "pimpinan": "pimpinan (Camat/Sekcam)",
    "operator_kecamatan": "operator kecamatan",
    "operator_desa": "operator desa",
    "auditor": "auditor",
}

URAIAN_PERAN = {
    "admin": "admin (mengelola pengguna, mengirim dan membaca semua data)",
    "pimpinan": "pimpinan (Camat/Sekcam: membaca semua data)",
    "operator_kecamatan": "operator kecamatan (mengirim semua data kecamatan)",
    "operator_desa": "operator desa (mengirim data desa dan BUMDes-nya sendiri)",
    "auditor": "auditor (hanya membaca)",
}

#: Roles bound to one desa: they submit only data of their own desa (and its BUMDes), and see
#: only that desa's submission history.
PERAN_DESA = ("operator_desa",)

#: Who may submit each kind of data (the kinds of ``validasi.JENIS``). A role of PERAN_DESA
#: listed here submits that kind only for its own desa; kinds that belong to no desa (IKM, budget)
#: are kecamatan work.
HAK_KIRIM: dict[str, tuple[str, ...]] = {
    "laba": ("admin", "operator_kecamatan", "operator_desa"),
    "ikm": ("admin", "operator_kecamatan"),
    "status_desa": ("admin", "operator_kecamatan", "operator_desa"),
    "anggaran": ("admin", "operator_kecamatan"),
}

#: Roles that may submit some kind of data (and withdraw what they may submit).
PERAN_PENGIRIM = tuple(p for p in PERAN if any(p in peran for peran in HAK_KIRIM.values()))
#: Roles that see the whole kecamatan's data (every desa's history, the report checks).
PERAN_SEKECAMATAN = tuple(p for p in PERAN if p not in PERAN_DESA)
ID_ADMIN_LOKAL = 0
BERLAKU_UNDANGAN_JAM = 72  # how long an invitation lasts unless its maker says otherwise
# Ids are 64-bit integers in the database; a larger number would fail inside the driver.
ID_MAKS = 2 ** 63 - 1
# Short enough that "undangan dari <nama>" and "<nama> (2)" still fit the 200-character columns.
NAMA_MAKS = 100


class AksesDitolak(UsageError):
    """The user may not do this; the message says who may."""


@dataclass(frozen=True)
class Pengguna:
    id: int
    nama: str
    peran: str
    kecamatan: str
    desa: str | None
    telegram_id: int | None
    aktif: bool


def admin_lokal(nama: str, kecamatan: str) -> Pengguna:
    """The person at the machine's own command line: an admin, recorded by OS user name."""
    return Pengguna(id=ID_ADMIN_LOKAL, nama=nama, peran="admin", kecamatan=kecamatan, desa=None,
                    telegram_id=None, aktif=True)


def _pilih():
    p = s.pengguna
    return (select(p.c.id, p.c.nama, p.c.peran, s.kecamatan.c.kode.label("kecamatan"),
                   s.desa.c.kode.label("desa"), p.c.telegram_id, p.c.aktif)
            .select_from(p.join(s.kecamatan, s.kecamatan.c.id == p.c.kecamatan_id)
                         .outerjoin(s.desa, s.desa.c.id == p.c.desa_id)))


def _jadi(row) -> Pengguna | None:
    if row is None:
        return None
    return Pengguna(id=row.id, nama=row.nama, peran=row.peran, kecamatan=row.kecamatan,
                    desa=row.desa, telegram_id=row.telegram_id, aktif=bool(row.aktif))


def cari_id(conn: Connection, pid: int) -> Pengguna | None:
    if not id_pengguna_sah(pid):
        return None
    return _jadi(conn.execute(_pilih().where(s.pengguna.c.id == pid)).first())


def cari_telegram(conn: Connection, telegram_id: int) -> Pengguna | None:
    if not id_pengguna_sah(telegram_id):
        return None
    return _jadi(conn.execute(_pilih().where(s.pengguna.c.telegram_id == telegram_id)).first())


def cari_nama(conn: Connection, nama: str) -> Pengguna | None:
    return _jadi(conn.execute(_pilih().where(s.pengguna.c.nama == nama.strip())).first())


def daftar(conn: Connection, kecamatan_id: int) -> list[Pengguna]:
    q = _pilih().where(s.pengguna.c.kecamatan_id == kecamatan_id).order_by(s.pengguna.c.id)
    return [_jadi(r) for r in conn.execute(q)]


def terkini(conn: Connection, oleh: Pengguna | None) -> Pengguna:
    """The user as the database knows it now (a revoked user is refused even if cached)."""
    if oleh is None:
        raise AksesDitolak("pengguna tidak dikenal. Minta admin kecamatan mendaftarkan Anda "
                           "(`sakip pengguna tambah` atau tautan undangan dari `sakip pengguna undang`).")
    if oleh.id == ID_ADMIN_LOKAL:
        return oleh
    kini = cari_id(conn, oleh.id)
    if kini is None:
        raise AksesDitolak(f"pengguna '{oleh.nama}' tidak terdaftar. Minta admin kecamatan "
                           "mendaftarkan Anda.")
    if not kini.aktif:
        raise AksesDitolak(f"pengguna '{kini.nama}' sudah dicabut aksesnya; hubungi admin kecamatan.")
    return kini


def wajib_admin(oleh: Pengguna, tindakan: str) -> None:
    if oleh.peran != "admin":
        raise AksesDitolak(f"{tindakan} hanya boleh dilakukan admin; '{oleh.nama}' berperan "
                           f"{oleh.peran}.")


def peran_pengirim(jenis: str) -> tuple[str, ...]:
    """The roles that may submit data of kind ``jenis`` (a desa-bound role: for its own desa)."""
    if jenis not in HAK_KIRIM:
        raise UsageError(f"jenis data '{jenis}' tidak dikenal; pilih: {', '.join(HAK_KIRIM)}")
    return HAK_KIRIM[jenis]


def nama_peran(peran: str) -> str:
    return NAMA_PERAN.get(peran, peran)


def uraian_pengirim() -> str:
    """The roles that may submit, in words, read from :data:`HAK_KIRIM` (through PERAN_PENGIRIM)."""
    return daftar_kata([nama_peran(p) + (" (untuk desanya)" if p in PERAN_DESA else "")
                         for p in PERAN_PENGIRIM])


def bumdes_pelaporan(oleh: Pengguna, bumdes) -> list:
    """Of ``bumdes`` (a kecamatan's), the active ones whose monthly profit ``oleh`` reports:
    a desa operator those of their own desa, the other reporting roles all of them."""
    if oleh.peran not in HAK_KIRIM["laba"]:
        return []
    aktif = [b for b in bumdes if b.aktif]
    if oleh.peran in PERAN_DESA:
        return [b for b in aktif if b.desa == oleh.desa]
    return aktif


def wajib_pengirim(oleh: Pengguna, jenis: str | None, *, desa: str | None = None,
                   nama_desa: Callable[[str], str | None] | None = None) -> None:
    """May ``oleh`` submit data of kind ``jenis`` (:data:`HAK_KIRIM`), for ``desa`` when ``oleh``
    is bound to one desa? ``jenis`` None checks only that the role submits some kind (a first check
    before the value, and so its kind and desa, is known). ``nama_desa`` names a desa code in the
    message (the user's own desa and ``desa``); without it the role is named without a desa."""
    nama = (lambda kode: (nama_desa(kode) if nama_desa else None) or kode)
    if oleh.peran not in PERAN_PENGIRIM:
        raise AksesDitolak(f"'{oleh.nama}' berperan {oleh.peran} dan tidak boleh mengirim data; "
                           f"yang boleh: {uraian_pengirim()}.")
    if jenis is None:
        return
    terikat_desa = oleh.peran in PERAN_DESA
    if oleh.peran not in peran_pengirim(jenis) or (terikat_desa and desa is None):
        yang_boleh = " atau ".join(nama_peran(p) for p in peran_pengirim(jenis) if p not in PERAN_DESA)
        desa_sendiri = f" {nama(oleh.desa)}" if oleh.desa and nama_desa else ""
        raise AksesDitolak(f"data {NAMA_JENIS[jenis]} dikirim oleh {yang_boleh}; '{oleh.nama}' adalah "
                           f"{nama_peran(oleh.peran)}{desa_sendiri}.")
    if terikat_desa and desa != oleh.desa:
        raise AksesDitolak(f"'{oleh.nama}' adalah {nama_peran(oleh.peran)} {nama(oleh.desa)} dan hanya boleh "
                           f"mengirim data desanya sendiri, bukan desa {nama(desa)}.")


def periksa_peran(peran: str, desa: str | None) -> None:
    if peran not in PERAN:
        raise UsageError(f"peran '{peran}' tidak dikenal; pilih: {', '.join(PERAN)}")
    if peran in PERAN_DESA and not desa:
        raise UsageError(f"{peran} memerlukan desa: sebutkan kode desanya, mis. halunuk")
    if peran not in PERAN_DESA and desa:
        raise UsageError(f"desa hanya untuk peran {' atau '.join(PERAN_DESA)}, bukan {peran}")


def periksa_telegram_id(telegram_id: int | None) -> None:
    """A Telegram user id is a positive integer (negative ids are groups and channels)."""
    if telegram_id is None:
        return
    if isinstance(telegram_id, bool) or not isinstance(telegram_id, int) or not 0 < telegram_id <= ID_MAKS:
        raise UsageError(f"id akun Telegram '{telegram_id}' tidak sah; id pengguna Telegram adalah "
                         "bilangan bulat positif, mis. 123456789")


def id_pengguna_sah(pid: int) -> bool:
    """Could ``pid`` be a user id at all (so a lookup cannot overflow the database integer)?"""
    return not isinstance(pid, bool) and isinstance(pid, int) and 0 < pid <= ID_MAKS


def periksa_nama(nama: str) -> str:
    nama = nama.strip()
    if not nama:
        raise UsageError("nama pengguna tidak boleh kosong")
    if len(nama) > NAMA_MAKS:
        raise UsageError(f"nama pengguna terlalu panjang ({len(nama)} karakter; paling banyak {NAMA_MAKS})")
    if any(not ch.isprintable() for ch in nama):
        raise UsageError("nama pengguna berisi karakter kendali (mis. baris baru); tulis satu baris teks biasa")
    return nama


def tambah(conn: Connection, *, nama: str, peran: str, kecamatan_id: int, desa_id: int | None,
           telegram_id: int | None, oleh: str, waktu: dt.datetime) -> int:
    nama = periksa_nama(nama)
    periksa_telegram_id(telegram_id)
    if cari_nama(conn, nama) is not None:
        raise UsageError(f"nama pengguna '{nama}' sudah dipakai")
    if telegram_id is not None and cari_telegram(conn, telegram_id) is not None:
        raise UsageError(f"akun Telegram {telegram_id} sudah terdaftar sebagai "
                         f"'{cari_telegram(conn, telegram_id).nama}'")
    return conn.execute(insert(s.pengguna).values(
        nama=nama, peran=peran, kecamatan_id=kecamatan_id, desa_id=desa_id, telegram_id=telegram_id,
        aktif=True, dibuat_oleh=oleh, dibuat_pada=waktu)).inserted_primary_key[0]


def nama_bebas(conn: Connection, nama: str) -> str:
    """``nama``, or ``nama (2)``, ``nama (3)``... if already taken."""
    # a Telegram display name may be long or carry control characters; keep a clean, short one
    nama = "".join(ch if ch.isprintable() else " " for ch in nama)
    nama = " ".join(nama.split())[:NAMA_MAKS - 10].strip() or "pengguna"
    calon, n = nama, 1
    while cari_nama(conn, calon) is not None:
        n += 1
        calon = f"{nama} ({n})"
    return calon


def aktifkan(conn: Connection, pid: int, *, peran: str, desa_id: int | None) -> None:
    """Give a revoked user access again (the last revocation stays recorded on the row)."""
    conn.execute(update(s.pengguna).where(s.pengguna.c.id == pid).values(aktif=True, peran=peran, desa_id=desa_id))


def cabut(conn: Connection, pid: int, *, oleh: str, waktu: dt.datetime) -> None:
    conn.execute(update(s.pengguna).where(s.pengguna.c.id == pid)
                 .values(aktif=False, dicabut_oleh=oleh, dicabut_pada=waktu))


def sidik_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def buat_token() -> str:
    return secrets.token_urlsafe(18)  # 24 characters of [A-Za-z0-9_-], 144 bits


def simpan_undangan(conn: Connection, *, token: str, peran: str, kecamatan_id: int,
                    desa_id: int | None, oleh: str, waktu: dt.datetime, berlaku: dt.timedelta) -> None:
    conn.execute(insert(s.undangan).values(sidik_token=sidik_token(token), peran=peran,
                                           kecamatan_id=kecamatan_id, desa_id=desa_id, dibuat_oleh=oleh,
                                           dibuat_pada=waktu, kedaluwarsa=waktu + berlaku))


def ambil_undangan(conn: Connection, token: str, waktu: dt.datetime):
    """Mark the invitation used (atomically, so only one caller wins) and return its row."""
    u = s.undangan
    row = conn.execute(select(u).where(u.c.sidik_token == sidik_token(token.strip()))).first()
    if row is None:
        raise UsageError("kode undangan tidak dikenal; minta tautan baru kepada admin kecamatan")
    if row.dipakai_pada is not None:
        raise UsageError("kode undangan sudah dipakai; minta tautan baru kepada admin kecamatan")
    if row.kedaluwarsa < waktu:
        raise UsageError("kode undangan sudah kedaluwarsa; minta tautan baru kepada admin kecamatan")
    hasil = conn.execute(update(u).where(and_(u.c.id == row.id, u.c.dipakai_pada.is_(None)))
                         .values(dipakai_pada=waktu))
    if hasil.rowcount != 1:
        raise UsageError("kode undangan sudah dipakai; minta tautan baru kepada admin kecamatan")
    return row


def tandai_undangan(conn: Connection, undangan_id: int, pengguna_id: int) -> None:
    conn.execute(update(s.undangan).where(s.undangan.c.id == undangan_id).values(pengguna_id=pengguna_id))
