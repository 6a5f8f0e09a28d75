"""The store's API for the CLI and the bot: users, submissions, imports, exports, reading.

Every write authorises (role, own desa), validates, and stores in one transaction: all of
it or none of it. Every message is Indonesian. The bot and the CLI call exactly these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import hashlib
import re
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection, Engine

from ..angka import bulan_sebelumnya
from ..data import model as m
from ..errors import DataError, SakipError, UsageError
from ..rules.model import AturanIkm, RuleSet, aturan_ikm
from . import berkas_tabel, exporting, importing, rencana, snapshot, submissions, users, validasi
from . import schema as s
from .config import baca_batas, sekarang, url_db, url_tersamar, zona_waktu
from .koneksi import buka_engine, transaksi_baca, tulis
from .submissions import Kiriman
from .users import AksesDitolak, Pengguna
from .validasi import JENIS, Konteks, NilaiBaru, NilaiDitolak

# The channels a value can arrive through, and how each reads for a village officer.
NAMA_SALURAN = {"cli": "komputer kecamatan", "bot": "Telegram", "impor": "impor data"}
SALURAN = tuple(NAMA_SALURAN)
NOMOR_KIRIMAN_MAKS = 2**31 - 1  # submission numbers are a 32-bit INTEGER column (PostgreSQL)
BATAS_RIWAYAT_MAKS = 1_000_000  # a LIMIT the database can take; far more than any history
KUNCI_ADVISORY_ISI_AWAL = 7_271_240_002


def nama_os() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some containers)
        return "pengguna-lokal"


def _sidik_berkas(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _tanpa_baris(keterangan: str) -> str:
    return re.sub(r":\d+$", "", keterangan or "")


@dataclasses.dataclass(frozen=True)
class HasilImporFolder:
    kecamatan: str  # the folder's kecamatan (kode)
    dokumen: int  # plan documents stored (new or changed)
    kiriman: list[Kiriman]  # one result per value written or found the same
    dilewati: list[Kiriman]  # the newest version of each value a person changed, left as it is


def _tanpa_nilai_orang(conn: Connection, kid: int, nilai: list[tuple[NilaiBaru, str]]
                       ) -> tuple[list[tuple[NilaiBaru, str]], list[Kiriman]]:
    """Split a folder's values into those it may write and those it must leave alone: a value
    whose newest version a person wrote after (or instead of) a folder import keeps that
    version, unless the folder has the very same value (then it is simply "sama")."""
    dijaga = submissions.kepala_bukan_impor_folder(conn, kid)
    tulis_ini, dilewati = [], []
    for n, ket in nilai:
        row = dijaga.get(n.kunci_nilai)
        if row is None or (not row.ditarik and row.nilai_kanonik == n.nilai_kanonik):
            tulis_ini.append((n, ket))
        else:
            dilewati.append(submissions.kiriman_id(conn, row.id))
    return tulis_ini, dilewati


def _desa_lingkup(conn: Connection, kid: int, siapa: Pengguna) -> int | None:
    """The desa whose values ``siapa`` sees (a desa operator: their own; -1 for a desa no longer
    in the organisation, so nothing), or None: the whole kecamatan."""
    if siapa.peran not in users.PERAN_DESA:
        return None
    return rencana.id_organisasi(conn, kid)[0].get(siapa.desa, -1)


def _nama_desa(r: rencana.Rencana, kode: str | None) -> str | None:
    """The desa's name for a message (its code when the organisation no longer has it)."""
    d = r.kecamatan.cari_desa(kode) if kode else None
    return d.nama if d else kode


def _catatan_anggaran_dijaga(k: Konteks, dilewati: list[Kiriman]) -> str:
    """For a folder refused over a pagu: the budget values a person changed, which count as
    they are stored, not as the folder has them (else the folder's own sum would not add up)."""
    dijaga = [f"{validasi.label_kunci(k.rencana, d.kunci_nilai)} "
              + ("ditarik" if d.ditarik else f"= {d.nilai}") + f" (kiriman #{d.id})"
              for d in dilewati if d.jenis == "anggaran"]
    if not dijaga:
        return ""
    return ("; nilai yang dikirim, dikoreksi, atau ditarik orang setelah impor folder tetap berlaku dan "
            "dihitung seperti tersimpan, bukan seperti di folder: " + "; ".join(dijaga))


class Store:
    """A database of submissions with history. Open with :meth:`buka`, close with :meth:`tutup`."""

    def __init__(self, engine: Engine, url: str, *, aturan: Path | str | None = None,
                 jam: Callable[[], dt.datetime] | None = None):
        self.engine = engine
        self.url = url
        self._folder_aturan = Path(aturan) if aturan else None
        self.jam = jam or sekarang
        self.batas = baca_batas()
        self.zona = zona_waktu()
        self._aturan = None
        self._rencana_cache: dict[int, rencana.Rencana] = {}

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def buka(cls, url: str | None = None, *, seed: bool = True, aturan: Path | str | None = None,
             jam: Callable[[], dt.datetime] | None = None) -> "Store":
        """Open (creating and migrating if needed) the database; seed Loksado into an empty one."""
        url = url_db(url)
        engine, _ = buka_engine(url)
        try:
            store = cls(engine, url, aturan=aturan, jam=jam)
        except BaseException:  # e.g. a bad limits file: close what was opened
            engine.dispose()
            raise
        if seed:
            try:
                store.isi_awal()
            except BaseException:
                store.tutup()
                raise
        return store

    def tutup(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.tutup()

    def sekarang(self) -> dt.datetime:
        waktu = self.jam()
        if waktu.tzinfo is None:
            raise ValueError("jam store harus memberi waktu berzona")
        return waktu

    def _lokal(self, k: Kiriman) -> Kiriman:
        return dataclasses.replace(k, dicatat_pada=k.dicatat_pada.astimezone(self.zona))

    # ------------------------------------------------------------------ context for checks
    def _rules(self) -> RuleSet:
        """The rule set, loaded on first need (most submissions do not need it)."""
        if self._aturan is None:
            from ..rules.loader import load_rules
            from ..rules.paths import default_rules_dir

            self._aturan = load_rules(self._folder_aturan or default_rules_dir())
        return self._aturan

    def _skala(self):
        aturan = self._rules()
        if "status_idm" not in aturan.skala:
            raise UsageError("aturan tidak memuat skala status_idm; status tidak dapat diturunkan dari IDM")
        return aturan.skala["status_idm"]

    def _ikm(self) -> AturanIkm:
        return aturan_ikm(self._rules())

    def _rencana(self, conn: Connection, kid: int, kode: str) -> rencana.Rencana:
        penanda = rencana.penanda_rencana(conn, kid)
        r = self._rencana_cache.get(kid)
        if r is None or r.penanda != penanda:
            r = self._rencana_cache[kid] = rencana.muat_rencana(conn, kid, kode)
        return r

    def _konteks(self, conn: Connection, kid: int, kode: str, waktu: dt.datetime) -> Konteks:
        def tersimpan(awalan: str) -> dict[str, Any]:
            return {r.kunci_nilai: r for r in snapshot.baris_terkini(conn, kid, awalan_kunci=awalan)}

        return Konteks(rencana=self._rencana(conn, kid, kode), sekarang=waktu, zona=self.zona,
                       batas=self.batas, skala_idm=self._skala, ikm=self._ikm, nilai_tersimpan=tersimpan)

    # ------------------------------------------------------------------ seeding and plan import
    def kosong(self) -> bool:
        with transaksi_baca(self.engine) as conn:
            return not rencana.daftar_kecamatan(conn)

    def isi_awal(self) -> bool:
        """Seed an empty database with the default data folder (Loksado). True if it did."""
        if not self.kosong():
            return False
        from ..data.folder import load_folder
        from ..data.paths import default_data_dir

        folder = default_data_dir()
        ds = load_folder(folder, self._rules())
        return self._impor_dataset(None, ds, sumber=str(folder), saluran="impor", hanya_bila_kosong=True) is not None

    def impor_folder(self, oleh: Pengguna | None, folder: Path | str, *, saluran: str = "impor",
                     kecamatan: str | None = None) -> "HasilImporFolder":
        """Import a data folder: organisation and plans (versioned) and realisations (as
        submissions). A value whose newest version a person wrote (a report, correction or
        withdrawal through cli/bot, or a file import) is left as it is and listed in
        ``dilewati``: re-importing the folder must not undo later work."""
        from ..data.folder import load_folder

        ds = load_folder(Path(folder), self._rules())
        if kecamatan is not None and kecamatan != ds.kecamatan.kode:
            raise UsageError(f"folder {folder} berisi data kecamatan {ds.kecamatan.kode}, bukan {kecamatan}")
        return self._impor_dataset(oleh, ds, sumber=str(folder), saluran=saluran)

    def _impor_dataset(self, oleh: Pengguna | None, ds: m.Dataset, *, sumber: str, saluran: str,
                       hanya_bila_kosong: bool = False):
        self._saluran(saluran)

        def kerja(conn: Connection):
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": KUNCI_ADVISORY_ISI_AWAL})
            if hanya_bila_kosong and rencana.daftar_kecamatan(conn):
                return None
            siapa = users.admin_lokal(nama_os(), ds.kecamatan.kode) if oleh is None else users.terkini(conn, oleh)
            users.wajib_admin(siapa, "impor data rencana")
            if siapa.id != users.ID_ADMIN_LOKAL and siapa.kecamatan != ds.kecamatan.kode:
                raise AksesDitolak(f"'{siapa.nama}' adalah admin kecamatan {siapa.kecamatan}, "
                                   f"bukan {ds.kecamatan.kode}")
            waktu = self.sekarang()
            kid, n_dok = rencana.simpan_rencana(conn, ds, sumber=sumber, saluran=saluran, oleh=siapa.nama,
                                                waktu=waktu)
            k = self._konteks(conn, kid, ds.kecamatan.kode, waktu)
            nilai: list[tuple[NilaiBaru, str]] = []
            galat: list[SakipError] = []

            def coba(fn, asal: m.Asal | None, *a, **kw):
                try:
                    nilai.append((fn(k, *a, **kw), _tanpa_baris(asal.keterangan) if asal else ""))
                except NilaiDitolak as exc:
                    galat.append(DataError(exc.message, file=asal.keterangan if asal else sumber))

            for r in ds.status_desa:
                coba(validasi.nilai_status_desa, r.asal, r.desa, r.tahun, r.status, r.idm)
            for r in ds.laba_bumdes:
                coba(validasi.nilai_laba, r.asal, r.bumdes, r.tahun, r.bulan, r.jumlah, boleh_nonaktif=True)
            for r in ds.ikm:
                coba(validasi.nilai_ikm, r.asal, r.tahun, r.semester, tingkat=r.tingkat,
                     jawaban=[list(u) for u in r.jawaban] if r.jawaban is not None else None,
                     jumlah_unsur=list(r.jumlah_unsur) if r.jumlah_unsur is not None else None,
                     terisi_unsur=list(r.terisi_unsur) if r.terisi_unsur is not None else None,
                     nrr=list(r.nrr) if r.nrr is not None else None, jumlah_nrr=r.jumlah_nrr,
                     nilai=r.nilai, responden=r.responden)
            for r in ds.realisasi_anggaran:
                coba(validasi.nilai_anggaran, r.asal, r.sub_kegiatan, r.tahun, r.bulan, r.jumlah, periksa_pagu=False)
            if galat:
                raise importing.galat_semua(galat)
            # the pagu bounds what the database holds afterwards: a value a person changed keeps
            # that person's version, so the folder's figure for it is left out before judging
            nilai, dilewati = _tanpa_nilai_orang(conn, kid, nilai)
            try:
                validasi.wajib_dalam_pagu(k, [n for n, _ in nilai])
            except NilaiDitolak as exc:
                raise DataError(exc.message + _catatan_anggaran_dijaga(k, dilewati), file=sumber) from None
            hasil = self._simpan_semua(conn, kid, siapa, nilai, saluran=saluran, waktu=waktu,
                                       jenis_impor="folder", berkas=sumber, sidik="")
            return HasilImporFolder(ds.kecamatan.kode, n_dok, hasil, dilewati)

        out = tulis(self.engine, kerja)
        if out is None:
            return None
        return HasilImporFolder(out.kecamatan, out.dokumen, [self._lokal(k) for k in out.kiriman],
                                [self._lokal(k) for k in out.dilewati])

    def _simpan_semua(self, conn: Connection, kid: int, oleh: Pengguna, nilai: list[tuple[NilaiBaru, str]],
                      *, saluran: str, waktu: dt.datetime, jenis_impor: str, berkas: str,
                      sidik: str) -> list[Kiriman]:
        desa_ids, bumdes_ids = rencana.id_organisasi(conn, kid)
        impor_id: list[int] = []

        def id_impor() -> int:
            if not impor_id:
                impor_id.append(conn.execute(insert(s.impor).values(
                    kecamatan_id=kid, jenis=jenis_impor, berkas=berkas[:500], sidik=sidik, saluran=saluran,
                    dicatat_oleh=oleh.nama, dicatat_pada=waktu)).inserted_primary_key[0])
            return impor_id[0]

        return [submissions.simpan(conn, kecamatan_id=kid, nilai=n, desa_id=desa_ids.get(n.desa),
                                   bumdes_id=bumdes_ids.get(n.bumdes), oleh=oleh, saluran=saluran,
                                   waktu=waktu, impor_id=id_impor, keterangan=ket)
                for n, ket in nilai]

    # ------------------------------------------------------------------ users
    def pengguna_telegram(self, telegram_id: int) -> Pengguna | None:
        with transaksi_baca(self.engine) as conn:
            return users.cari_telegram(conn, int(telegram_id))

    def pengguna_nama(self, nama: str) -> Pengguna | None:
        with transaksi_baca(self.engine) as conn:
            return users.cari_nama(conn, nama)

    def pengguna_id(self, pengguna_id: int) -> Pengguna | None:
        with transaksi_baca(self.engine) as conn:
            return users.cari_id(conn, pengguna_id)

    def _desa_id(self, conn: Connection, kid: int, desa: str | None) -> tuple[int | None, str | None]:
        if not desa:
            return None, None
        desa_ids, _ = rencana.id_organisasi(conn, kid)
        kode_kec = conn.execute(select(s.kecamatan.c.kode).where(s.kecamatan.c.id == kid)).scalar()
        k = self._konteks(conn, kid, kode_kec, self.sekarang())
        from .validasi import cari_desa

        d = cari_desa(k, desa)
        return desa_ids[d.kode], d.kode

    def tambah_pengguna(self, oleh: Pengguna | None, nama: str, peran: str, *, kecamatan: str,
                        desa: str | None = None, telegram_id: int | None = None) -> Pengguna:
        users.periksa_peran(peran, desa)

        def kerja(conn: Connection) -> Pengguna:
            if oleh is None:
                siapa = users.admin_lokal(nama_os(), kecamatan)
            else:
                siapa = users.terkini(conn, oleh)
                users.wajib_admin(siapa, "menambah pengguna")
                if siapa.id != users.ID_ADMIN_LOKAL and siapa.kecamatan != kecamatan:
                    raise AksesDitolak(f"'{siapa.nama}' adalah admin kecamatan {siapa.kecamatan} dan tidak "
                                       f"dapat menambah pengguna kecamatan {kecamatan}")
            kid = rencana.kecamatan_id(conn, kecamatan)
            desa_id, _ = self._desa_id(conn, kid, desa)
            pid = users.tambah(conn, nama=nama, peran=peran, kecamatan_id=kid, desa_id=desa_id,
                               telegram_id=telegram_id, oleh=siapa.nama, waktu=self.sekarang())
            return users.cari_id(conn, pid)

        return tulis(self.engine, kerja, coba=2)

    def buat_undangan(self, oleh: Pengguna, peran: str, *, desa: str | None = None,
                      berlaku_jam: int = users.BERLAKU_UNDANGAN_JAM) -> str:
        users.periksa_peran(peran, desa)
        if not 1 <= int(berlaku_jam) <= 24 * 30:
            raise UsageError("masa berlaku undangan harus 1 jam sampai 30 hari")
        token = users.buat_token()

        def kerja(conn: Connection) -> str:
            siapa = users.terkini(conn, oleh)
            users.wajib_admin(siapa, "membuat undangan")
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            desa_id, _ = self._desa_id(conn, kid, desa)
            users.simpan_undangan(conn, token=token, peran=peran, kecamatan_id=kid, desa_id=desa_id,
                                  oleh=siapa.nama, waktu=self.sekarang(),
                                  berlaku=dt.timedelta(hours=int(berlaku_jam)))
            return token

        return tulis(self.engine, kerja)

    def pakai_undangan(self, token: str, telegram_id: int, nama: str) -> Pengguna:
        def kerja(conn: Connection) -> Pengguna:
            ada = users.cari_telegram(conn, int(telegram_id))
            if ada is not None and ada.aktif:
                raise UsageError(f"akun Telegram ini sudah terdaftar sebagai '{ada.nama}' ({ada.peran})")
            waktu = self.sekarang()
            u = users.ambil_undangan(conn, token, waktu)
            if ada is None:
                pid = users.tambah(conn, nama=users.nama_bebas(conn, nama), peran=u.peran,
                                   kecamatan_id=u.kecamatan_id, desa_id=u.desa_id, telegram_id=int(telegram_id),
                                   oleh=f"undangan dari {u.dibuat_oleh}", waktu=waktu)
            elif rencana.kecamatan_id(conn, ada.kecamatan) == u.kecamatan_id:
                # a revoked user invited again comes back with the invitation's role and desa; the
                # invitation row records who let them back in and when
                pid = ada.id
                users.aktifkan(conn, pid, peran=u.peran, desa_id=u.desa_id)
            else:
                raise UsageError(f"akun Telegram ini terdaftar (dicabut) sebagai '{ada.nama}' di kecamatan "
                                 f"{ada.kecamatan}; undangan ini untuk kecamatan lain")
            users.tandai_undangan(conn, u.id, pid)
            return users.cari_id(conn, pid)

        return tulis(self.engine, kerja, coba=2)

    def cabut_pengguna(self, oleh: Pengguna, pengguna_id: int) -> Pengguna:
        def kerja(conn: Connection) -> Pengguna:
            siapa = users.terkini(conn, oleh)
            users.wajib_admin(siapa, "mencabut akses pengguna")
            target = users.cari_id(conn, int(pengguna_id))
            if target is None or (siapa.id != users.ID_ADMIN_LOKAL and target.kecamatan != siapa.kecamatan):
                raise UsageError(f"pengguna #{pengguna_id} tidak ada di kecamatan {siapa.kecamatan}")
            if target.id == siapa.id:
                raise UsageError("admin tidak dapat mencabut aksesnya sendiri; minta admin lain")
            if target.aktif:
                users.cabut(conn, target.id, oleh=siapa.nama, waktu=self.sekarang())
            return users.cari_id(conn, target.id)

        return tulis(self.engine, kerja)

    def daftar_pengguna(self, oleh: Pengguna) -> list[Pengguna]:
        with transaksi_baca(self.engine) as conn:
            siapa = users.terkini(conn, oleh)
            users.wajib_admin(siapa, "melihat daftar pengguna")
            return users.daftar(conn, rencana.kecamatan_id(conn, siapa.kecamatan))

    # ------------------------------------------------------------------ submissions
    @staticmethod
    def _saluran(saluran: str) -> None:
        if saluran not in SALURAN:
            raise UsageError(f"saluran '{saluran}' tidak dikenal; pilih: {', '.join(SALURAN)}")

    def _lapor(self, oleh: Pengguna, jenis: str, buat: Callable[[Konteks], NilaiBaru], *, saluran: str,
               kunci: str | None) -> Kiriman:
        self._saluran(saluran)
        if kunci is not None and not 0 < len(kunci) <= 200:
            raise UsageError("kunci idempoten harus 1–200 karakter")

        def kerja(conn: Connection) -> Kiriman:
            siapa = users.terkini(conn, oleh)
            # role first: an auditor (or a desa operator sending kecamatan data) is refused outright
            users.wajib_pengirim(siapa, jenis, desa=siapa.desa)
            if kunci:
                pertama = submissions.hasil_kunci(conn, kunci)
                if pertama is not None:
                    return pertama
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            waktu = self.sekarang()
            k = self._konteks(conn, kid, siapa.kecamatan, waktu)
            n = buat(k)
            if siapa.peran in users.PERAN_DESA:
                users.wajib_pengirim(siapa, jenis, desa=n.desa, nama_desa=partial(_nama_desa, k.rencana))
            desa_ids, bumdes_ids = rencana.id_organisasi(conn, kid)
            return submissions.simpan(conn, kecamatan_id=kid, nilai=n, desa_id=desa_ids.get(n.desa),
                                      bumdes_id=bumdes_ids.get(n.bumdes), oleh=siapa, saluran=saluran,
                                      waktu=waktu, kunci=kunci)

        return self._lokal(tulis(self.engine, kerja))

    def tarik(self, oleh: Pengguna, *, alasan: str, saluran: str, kunci_nilai: str | None = None,
              kiriman_id: int | None = None, kunci: str | None = None) -> Kiriman:
        """Withdraw a value reported by mistake (e.g. a month a BUMDes never reported): a new
        version marks it withdrawn, so evaluations no longer see it; every earlier version stays
        in the history. Name the value by its key (``laba serati 2024-03``) or as messages name it
        (``laba Serati Maret 2024``, :func:`validasi.kunci_dari_teks`), or by the submission that is
        its newest version (refused when a newer one exists, so nobody withdraws a value they have
        not seen). Only who may report the value may withdraw it."""
        self._saluran(saluran)
        alasan = " ".join((alasan or "").split())
        if not alasan:
            raise UsageError("sebutkan alasan penarikan, mis. 'salah bulan'")
        if len(alasan) > 500:
            raise UsageError(f"alasan penarikan terlalu panjang ({len(alasan)} karakter; paling banyak 500)")
        if (kunci_nilai is None) == (kiriman_id is None):
            raise UsageError("sebutkan tepat satu: kunci nilai (mis. 'laba serati 2024-03') atau nomor kiriman")
        if kiriman_id is not None and (isinstance(kiriman_id, bool) or not isinstance(kiriman_id, int)
                                       or not 0 < kiriman_id <= NOMOR_KIRIMAN_MAKS):
            raise UsageError(f"nomor kiriman {kiriman_id} tidak sah; lihat nomornya di riwayat")

        def kerja(conn: Connection) -> Kiriman:
            siapa = users.terkini(conn, oleh)
            users.wajib_pengirim(siapa, None)  # role first, as for reporting
            if kunci:
                pertama = submissions.hasil_kunci(conn, kunci)
                if pertama is not None:
                    return pertama
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            nama = None
            if kunci_nilai is not None:
                nama = self._kunci_nilai(conn, kid, siapa.kecamatan, kunci_nilai)
            if kiriman_id is not None:
                row = conn.execute(select(s.kiriman).where(s.kiriman.c.id == kiriman_id,
                                                           s.kiriman.c.kecamatan_id == kid)).first()
                if row is None:
                    raise NilaiDitolak(f"kiriman #{kiriman_id} tidak ada di kecamatan ini")
                nama = row.kunci_nilai
            lama = submissions.kepala(conn, kid, nama)
            if lama is None:
                raise NilaiDitolak(f"belum ada nilai '{nama}' yang dapat ditarik; lihat riwayat untuk kuncinya")
            desa_ids = rencana.id_organisasi(conn, kid)[0]
            desa_id = submissions.desa_id_kini(lama, submissions.desa_bumdes(conn, kid))
            desa = next((kode for kode, i in desa_ids.items() if i == desa_id), None)
            users.wajib_pengirim(siapa, lama.jenis, desa=desa,
                                 nama_desa=partial(_nama_desa, self._rencana(conn, kid, siapa.kecamatan)))
            sudah_ditarik = lama.ditarik and lama.menggantikan == kiriman_id  # a second tap: "sama"
            if kiriman_id is not None and lama.id != kiriman_id and not sudah_ditarik:
                raise NilaiDitolak(f"kiriman #{kiriman_id} sudah digantikan oleh kiriman #{lama.id}; "
                                   "lihat nilainya sekarang sebelum menariknya")
            return submissions.tarik(conn, lama, oleh=siapa, saluran=saluran, waktu=self.sekarang(),
                                     alasan=alasan, kunci=kunci)

        return self._lokal(tulis(self.engine, kerja))

    def dapat_ditarik(self, oleh: Pengguna, batas: int = 10) -> list[Kiriman]:
        """The newest current values ``oleh`` may withdraw (own desa for a desa operator),
        most recent first: what a withdrawal menu offers."""
        with transaksi_baca(self.engine) as conn:
            siapa = users.terkini(conn, oleh)
            users.wajib_pengirim(siapa, None)
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            desa_id = _desa_lingkup(conn, kid, siapa)
            bumdes_desa = submissions.desa_bumdes(conn, kid)
            rows = [r for r in snapshot.baris_terkini(conn, kid)
                    if desa_id is None or submissions.desa_id_kini(r, bumdes_desa) == desa_id]
            hasil = [submissions.kiriman_id(conn, r.id) for r in rows[::-1][:batas]]
        return [self._lokal(k) for k in hasil]

    def hasil_kunci(self, dasar: str) -> dict[str, Kiriman]:
        """What was recorded under idempotency key ``dasar`` and the keys derived from it
        (``dasar:…``), by key: e.g. what a chat message and its edits stored."""
        with transaksi_baca(self.engine) as conn:
            hasil = submissions.hasil_kunci_turunan(conn, dasar)
        return {k: self._lokal(v) for k, v in hasil.items()}

    def kiriman_dan_kini(self, oleh: Pengguna, nomor: int) -> tuple[Kiriman, Kiriman] | None:
        """Submission #``nomor`` of ``oleh``'s kecamatan and the newest version of its value (the
        same submission while nobody replaced or withdrew it); None if there is no such one, or
        if it is not ``oleh``'s to see (a desa operator sees their own desa, as in riwayat)."""
        if not 0 < nomor <= NOMOR_KIRIMAN_MAKS:
            return None
        with transaksi_baca(self.engine) as conn:
            siapa = users.terkini(conn, oleh)
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            kunci = submissions.kunci_nilai_id(conn, kid, nomor)
            if kunci is None:
                return None
            kepala = submissions.kepala(conn, kid, kunci)
            desa_id = _desa_lingkup(conn, kid, siapa)
            if desa_id is not None and submissions.desa_id_kini(kepala, submissions.desa_bumdes(conn, kid)) != desa_id:
                return None
            k = submissions.kiriman_id(conn, nomor)
            kini = submissions.kiriman_id(conn, kepala.id)
        return self._lokal(k), self._lokal(kini)

    def periksa_jumlah_laba(self, jumlah: Decimal) -> Decimal:
        """Refuse (NilaiDitolak) an amount no BUMDes month could store; stores nothing."""
        from .validasi import jumlah_laba

        return jumlah_laba(self.batas, jumlah)

    def periksa_bulan_laba(self, kecamatan: str, tahun: int, bulan: int) -> tuple[int, int]:
        """Refuse (NilaiDitolak) a month no BUMDes of ``kecamatan`` could report a profit for (not a
        month, in the future, outside the plan years): the check :meth:`lapor_laba` makes, for a
        client that asks for the month first and the amount later. Stores nothing."""
        from .validasi import _periksa_bulan

        with transaksi_baca(self.engine) as conn:
            kid = rencana.kecamatan_id(conn, kecamatan)
            _periksa_bulan(self._konteks(conn, kid, kecamatan, self.sekarang()), tahun, bulan)
        return tahun, bulan

    def lapor_laba(self, oleh: Pengguna, bumdes: str, tahun: int, bulan: int, jumlah: Decimal, *,
                   saluran: str, kunci: str | None = None) -> Kiriman:
        from .validasi import nilai_laba

        return self._lapor(oleh, "laba", lambda k: nilai_laba(k, bumdes, tahun, bulan, jumlah),
                           saluran=saluran, kunci=kunci)

    def lapor_ikm(self, oleh: Pengguna, tahun: int, semester: int, *, tingkat: str, jawaban=None,
                  jumlah_unsur=None, terisi_unsur=None, nrr=None, jumlah_nrr=None, nilai=None,
                  responden: int | None = None, saluran: str, kunci: str | None = None) -> Kiriman:
        """``jawaban`` (tingkat 'jawaban') is per unsur: the list of filled answers 1..4."""
        from .validasi import nilai_ikm

        return self._lapor(oleh, "ikm", lambda k: nilai_ikm(
            k, tahun, semester, tingkat=tingkat, jawaban=jawaban, jumlah_unsur=jumlah_unsur,
            terisi_unsur=terisi_unsur, nrr=nrr, jumlah_nrr=jumlah_nrr, nilai=nilai, responden=responden),
            saluran=saluran, kunci=kunci)

    def lapor_status_desa(self, oleh: Pengguna, desa: str, tahun: int, status: str | None = None,
                          idm: Decimal | None = None, *, saluran: str, kunci: str | None = None) -> Kiriman:
        from .validasi import nilai_status_desa

        return self._lapor(oleh, "status_desa", lambda k: nilai_status_desa(k, desa, tahun, status, idm),
                           saluran=saluran, kunci=kunci)

    def lapor_anggaran(self, oleh: Pengguna, sub_kegiatan: str, tahun: int, bulan: int | None,
                       jumlah: Decimal, *, saluran: str, kunci: str | None = None) -> Kiriman:
        """``bulan`` None records the year's total (it then supersedes the months' sum)."""
        from .validasi import nilai_anggaran

        return self._lapor(oleh, "anggaran", lambda k: nilai_anggaran(k, sub_kegiatan, tahun, bulan, jumlah),
                           saluran=saluran, kunci=kunci)

    # ------------------------------------------------------------------ file imports
    def impor_rekap_laba(self, oleh: Pengguna, path: Path, tahun: int, *, saluran: str = "impor"
                         ) -> list[Kiriman]:
        """The Gambar 3.6 recap (CSV or XLSX): every reported cell, all or nothing."""
        from .validasi import _normal, cocokkan_bumdes, nilai_laba

        self._saluran(saluran)
        path = Path(path)
        tabel = berkas_tabel.baca(path)
        sel = importing.baca_rekap_laba(tabel, tahun)
        sidik = _sidik_berkas(path)

        def kerja(conn: Connection) -> list[Kiriman]:
            siapa = users.terkini(conn, oleh)
            users.wajib_pengirim(siapa, "laba", desa=siapa.desa)
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            waktu = self.sekarang()
            k = self._konteks(conn, kid, siapa.kecamatan, waktu)
            desa_nama = {_normal(d.nama): d for d in k.rencana.kecamatan.desa}
            desa_nama.update({_normal(d.kode): d for d in k.rencana.kecamatan.desa})
            galat: list[SakipError] = []
            nilai: list[tuple[NilaiBaru, str]] = []
            baris_bumdes: dict[str, int] = {}
            baris_diperiksa: set[int] = set()
            baris_tanpa_bumdes: set[int] = set()
            for c in sel:
                if c.baris in baris_tanpa_bumdes:
                    continue  # its unknown BUMDes is reported once for the row, not once per month
                tempat = f"baris {c.baris} kolom {berkas_tabel.huruf_kolom(c.kolom)} ({c.judul})"
                try:
                    n = nilai_laba(k, c.nama_bumdes, tahun, c.bulan, c.jumlah, tepat=True)
                except NilaiDitolak as exc:
                    if cocokkan_bumdes(k.rencana.kecamatan, c.nama_bumdes, tepat=True) is None:
                        baris_tanpa_bumdes.add(c.baris)
                    galat.append(DataError(f"{tempat}: {exc.message}", file=tabel.nama))
                    continue
                pertama = baris_bumdes.setdefault(n.bumdes, c.baris)
                if pertama != c.baris:
                    if c.baris not in baris_diperiksa:
                        baris_diperiksa.add(c.baris)
                        galat.append(DataError(f"baris {c.baris}: BUMDes '{c.nama_bumdes}' sudah ada di baris "
                                               f"{pertama}", file=tabel.nama))
                    continue
                d = desa_nama.get(_normal(c.desa))
                if d is not None and d.kode != n.desa and c.baris not in baris_diperiksa:
                    baris_diperiksa.add(c.baris)
                    seharusnya = k.rencana.kecamatan.cari_desa(n.desa)
                    galat.append(DataError(f"baris {c.baris} kolom DESA: BUMDes {c.nama_bumdes} tercatat di desa "
                                           f"{seharusnya.nama if seharusnya else n.desa}, bukan {d.nama}",
                                           file=tabel.nama))
                try:
                    users.wajib_pengirim(siapa, "laba", desa=n.desa, nama_desa=partial(_nama_desa, k.rencana))
                except AksesDitolak as exc:
                    raise AksesDitolak(f"baris {c.baris}: {exc.message.rstrip('.')} (BUMDes {c.nama_bumdes}); "
                                       "tidak ada yang disimpan") from None
                nilai.append((n, ""))
            if galat:
                raise importing.galat_semua(galat)
            return self._simpan_semua(conn, kid, siapa, nilai, saluran=saluran, waktu=waktu,
                                      jenis_impor="laba", berkas=path.name, sidik=sidik)

        return [self._lokal(k) for k in tulis(self.engine, kerja)]

    def impor_jawaban_ikm(self, oleh: Pengguna, path: Path, tahun: int, semester: int, *,
                          saluran: str = "impor") -> Kiriman:
        """Survey answers, one row per respondent, columns U1..U9 (empty = unanswered)."""
        from .validasi import nilai_ikm

        self._saluran(saluran)
        path = Path(path)
        tabel = berkas_tabel.baca(path)
        a = self._ikm()
        jawab = importing.baca_jawaban_ikm(tabel, a.unsur, a.skor_min, a.skor_maks)
        per_unsur = [[r[u] for r in jawab if r[u] is not None] for u in range(a.unsur)]
        sidik = _sidik_berkas(path)

        def kerja(conn: Connection) -> Kiriman:
            siapa = users.terkini(conn, oleh)
            users.wajib_pengirim(siapa, "ikm")
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            waktu = self.sekarang()
            k = self._konteks(conn, kid, siapa.kecamatan, waktu)
            try:
                n = nilai_ikm(k, tahun, semester, tingkat="jawaban", jawaban=per_unsur,
                              responden=len(jawab), jawaban_responden=jawab)
            except NilaiDitolak as exc:
                raise DataError(exc.message, file=tabel.nama) from None
            return self._simpan_semua(conn, kid, siapa, [(n, "")], saluran=saluran, waktu=waktu,
                                      jenis_impor="ikm", berkas=path.name, sidik=sidik)[0]

        return self._lokal(tulis(self.engine, kerja))

    # ------------------------------------------------------------------ exports
    def kecamatan_tunggal(self, kecamatan: str | None = None) -> str:
        """``kecamatan`` if given, else the only kecamatan in the database."""
        if kecamatan:
            return kecamatan
        with transaksi_baca(self.engine) as conn:
            ada = rencana.daftar_kecamatan(conn)
        if len(ada) == 1:
            return ada[0]
        if not ada:
            raise UsageError("basis data belum berisi kecamatan mana pun; impor folder data dulu "
                             "(`sakip impor folder DIR`)")
        raise UsageError(f"basis data berisi beberapa kecamatan ({', '.join(ada)}); pilih satu dengan --kecamatan")

    def ekspor_rekap_laba(self, tahun: int, path: Path, *, kecamatan: str | None = None) -> Path:
        ds = self.dataset(self.kecamatan_tunggal(kecamatan))
        return exporting.ekspor_rekap_laba(ds, tahun, Path(path))

    def ekspor_jawaban_ikm(self, tahun: int, semester: int, path: Path, *, kecamatan: str | None = None) -> Path:
        kode = self.kecamatan_tunggal(kecamatan)
        with transaksi_baca(self.engine) as conn:
            kid = rencana.kecamatan_id(conn, kode)
            rows = snapshot.baris_terkini(conn, kid, jenis="ikm", awalan_kunci=f"ikm {tahun} semester {semester}")
        if not rows:
            raise UsageError(f"belum ada survei IKM semester {semester} tahun {tahun}")
        import json

        isi = json.loads(rows[-1].isi)
        if "jawaban_responden" not in isi:
            raise UsageError(f"survei IKM semester {semester} {tahun} tersimpan pada tingkat '{isi['tingkat']}' "
                             "tanpa jawaban per responden; tidak ada yang dapat diekspor")
        return exporting.ekspor_jawaban_ikm(isi["jawaban_responden"], self._ikm().unsur, Path(path))

    # ------------------------------------------------------------------ reading
    def kecamatan_dari(self, oleh: Pengguna) -> str:
        return oleh.kecamatan

    def label_kunci(self, kecamatan: str, kunci_nilai: str) -> str:
        """A value key for people: 'laba sumber_rahmat 2024-11' -> 'laba Sumber Rahmat November 2024'."""
        from .validasi import label_kunci

        with transaksi_baca(self.engine) as conn:
            kid = rencana.kecamatan_id(conn, kecamatan)
            return label_kunci(self._rencana(conn, kid, kecamatan), kunci_nilai)

    def kunci_nilai(self, kecamatan: str, teks: str) -> str:
        """The value key ``teks`` names, read the way :meth:`riwayat` and :meth:`tarik` read it
        ('anggaran forkopimcam tahun 2024' -> 'anggaran forkopimcam 2024'); a key stays itself.
        A client that shows the value (a heading) resolves it here, never on its own."""
        with transaksi_baca(self.engine) as conn:
            return self._kunci_nilai(conn, rencana.kecamatan_id(conn, kecamatan), kecamatan, teks)

    def _kunci_nilai(self, conn: Connection, kid: int, kode: str, teks: str) -> str:
        return validasi.kunci_dari_teks(self._rencana(conn, kid, kode), " ".join(teks.split()))

    def daftar_kecamatan(self) -> list[str]:
        with transaksi_baca(self.engine) as conn:
            return rencana.daftar_kecamatan(conn)

    def per_utc(self, per: dt.datetime | dt.date | None) -> dt.datetime | None:
        """``per`` as a UTC instant: a date means the end of that day in the local zone."""
        if per is None:
            return None
        if not isinstance(per, dt.datetime):
            per = dt.datetime.combine(per, dt.time.max, tzinfo=self.zona)
        elif per.tzinfo is None:
            per = per.replace(tzinfo=self.zona)
        try:
            return per.astimezone(dt.timezone.utc)
        except OverflowError:  # e.g. 0001-01-01T00:00 local is before year 1 in UTC
            raise UsageError(f"tanggal {per.date().isoformat()} {per:%H:%M} di luar rentang yang dapat "
                             "dihitung") from None

    def dataset(self, kecamatan: str, *, per: dt.datetime | dt.date | None = None) -> m.Dataset:
        """The kecamatan's data as recorded up to ``per`` (a date: the end of that day; a naive
        datetime: local time, SAKIP_ZONA_WAKTU), everything when None. Each realisation carries
        its Asal: submission id, who, when (local time) and channel."""
        per_utc = self.per_utc(per)
        sumber = f"basis data {url_tersamar(self.url)}"
        if per is not None:
            sumber += f", per {per_utc.astimezone(self.zona):%Y-%m-%d %H:%M} {self.zona.tzname(None)}"
        with transaksi_baca(self.engine) as conn:
            return snapshot.dataset(conn, kecamatan, per_utc, self.zona, sumber, rencana_terkini=self._rencana)

    def riwayat(self, oleh: Pengguna, *, jenis: str | None = None, kunci_nilai: str | None = None,
                batas: int = 20) -> list[Kiriman]:
        if jenis is not None and jenis not in JENIS:
            raise UsageError(f"jenis '{jenis}' tidak dikenal; pilih: {', '.join(JENIS)}")
        if isinstance(batas, bool) or not isinstance(batas, int) or not 1 <= batas <= BATAS_RIWAYAT_MAKS:
            raise UsageError(f"batas riwayat harus 1 sampai {BATAS_RIWAYAT_MAKS}, bukan {batas}")
        with transaksi_baca(self.engine) as conn:
            siapa = users.terkini(conn, oleh)
            kid = rencana.kecamatan_id(conn, siapa.kecamatan)
            desa_id = _desa_lingkup(conn, kid, siapa)
            if kunci_nilai:
                kunci_nilai = self._kunci_nilai(conn, kid, siapa.kecamatan, kunci_nilai)
            hasil = submissions.riwayat(conn, kid, jenis=jenis, kunci_nilai=kunci_nilai or None,
                                        desa_id=desa_id, batas=batas)
        return [self._lokal(k) for k in hasil]

    def _bulan_selesai(self, tahun: int) -> list[int]:
        """The months of ``tahun`` that have ended: a month's profit is due once it is over
        (the monthly reminder asks for last month, never for the current one)."""
        kini = self.sekarang().astimezone(self.zona)
        terakhir_tahun, terakhir_bulan = bulan_sebelumnya(kini.year, kini.month)
        if tahun < terakhir_tahun:
            return list(range(1, 13))
        if tahun > terakhir_tahun:
            return []
        return list(range(1, terakhir_bulan + 1))

    def rekap_laba(self, kecamatan: str, tahun: int, ds: m.Dataset | None = None) -> dict:
        """Each active BUMDes's profit per month of ``tahun`` and, per month already over, who has
        not reported. ``ds``: the kecamatan's data as the caller already read it (so what it shows
        besides comes from the same read); read here when not given."""
        ds = ds if ds is not None else self.dataset(kecamatan)
        ds.wajib_direncanakan(tahun)
        per = ds.laba_per_bulan(tahun)
        aktif = [b for b in ds.kecamatan.bumdes if b.aktif]
        return {
            "bumdes": [(b, dict(sorted(per.get(b.kode, {}).items()))) for b in aktif],
            "belum_lapor": {bl: [b for b in aktif if bl not in per.get(b.kode, {})]
                            for bl in self._bulan_selesai(tahun)},
        }

    def pimpinan_aktif(self, kecamatan: str) -> list[Pengguna]:
        """The kecamatan's active pimpinan (who receive the monthly summary)."""
        with transaksi_baca(self.engine) as conn:
            semua = users.daftar(conn, rencana.kecamatan_id(conn, kecamatan))
        return [p for p in semua if p.peran == "pimpinan" and p.aktif]

    def operator_desa_belum_lapor(self, kecamatan: str, tahun: int, bulan: int
                                  ) -> list[tuple[Pengguna, list[m.Bumdes]]]:
        ds = self.dataset(kecamatan)
        sudah = {r.bumdes for r in ds.laba_bumdes if (r.tahun, r.bulan) == (tahun, bulan)}
        with transaksi_baca(self.engine) as conn:
            semua = users.daftar(conn, rencana.kecamatan_id(conn, kecamatan))
        out = []
        for p in semua:
            if p.peran not in users.PERAN_DESA or not p.aktif:
                continue
            belum = [b for b in users.bumdes_pelaporan(p, ds.kecamatan.bumdes) if b.kode not in sudah]
            if belum:
                out.append((p, belum))
        return out
