"""Checking one submitted value against the kecamatan's organisation, plans and limits.

Each ``nilai_*`` function returns a :class:`NilaiBaru` (a value ready to store, with its
human key, canonical form and display text) or raises :class:`NilaiDitolak` with a precise
Indonesian message. Nothing here touches the database; the caller passes a :class:`Konteks`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any, Callable, Sequence

from ..angka import (SEMESTER_ROMAWI, format_angka, format_bulan, format_rupiah, masalah_angka, parse_bulan,
                     parse_semester, parse_tahun)
from ..data import model as m
from ..errors import UsageError
from ..rules.interval import INF, NINF
from .config import Batas
from .rencana import Rencana

JENIS = ("laba", "ikm", "status_desa", "anggaran")
#: Each kind as messages name it to people (the codes above are for keys and commands).
NAMA_JENIS = {"laba": "keuntungan BUMDes", "ikm": "survei IKM", "status_desa": "status desa",
              "anggaran": "realisasi anggaran"}


class NilaiDitolak(UsageError):
    """A submitted value is refused; nothing was stored."""


@dataclass(frozen=True)
class NilaiBaru:
    jenis: str
    kunci_nilai: str
    tahun: int
    nilai_kanonik: str
    tampilan: str
    bulan: int | None = None
    semester: int | None = None
    desa: str | None = None  # kode desa (for permissions and history filters)
    bumdes: str | None = None
    sub_kegiatan: str | None = None
    jumlah: Decimal | None = None
    status_desa: str | None = None
    idm: Decimal | None = None
    tingkat: str | None = None
    isi: str | None = None
    responden: int | None = None


@dataclass
class Konteks:
    rencana: Rencana
    sekarang: dt.datetime  # aware
    zona: dt.timezone
    batas: Batas
    skala_idm: Callable[[], Any]  # -> the status_idm Skala of the rule set
    ikm: Callable[[], Any]  # -> config.AturanIkm: unsur, answer and IKM ranges of the rule set
    # values already stored (latest per key) that a check needs, e.g. a year's budget months
    nilai_tersimpan: Callable[[str], dict[str, NilaiBaru]] | None = None

    @property
    def kini(self) -> dt.datetime:
        return self.sekarang.astimezone(self.zona)


def _normal(teks: str) -> str:
    return re.sub(r"[\s_\-.]+", " ", teks.strip().lower()).strip()


def kanonik_desimal(d: Decimal) -> str:
    n = d.normalize()
    return format(n, "f") if n != 0 else "0"


def _desimal(nilai: Any, apa: str) -> Decimal:
    if isinstance(nilai, bool) or not isinstance(nilai, (Decimal, int)):
        raise NilaiDitolak(f"{apa} harus angka Decimal, bukan {type(nilai).__name__}")
    d = Decimal(nilai)
    if not d.is_finite():
        raise NilaiDitolak(f"{apa} bukan angka yang terhingga")
    if d.is_zero():
        return d
    with localcontext() as ctx:
        ctx.prec = len(d.as_tuple().digits) + 2
        inti = d.normalize()  # exact here: trailing zeros of '1.500' do not count
    # the same bounds as numbers in rule and data files: stored values are computed on exactly
    masalah = masalah_angka(inti)
    if masalah:
        raise NilaiDitolak(f"{apa} {masalah}")
    return d


def _bulat(nilai: Any, apa: str) -> int:
    if isinstance(nilai, bool):
        raise NilaiDitolak(f"{apa} harus bilangan bulat, bukan {'ya' if nilai else 'tidak'}")
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, Decimal) and nilai.is_finite() and nilai == nilai.to_integral_value():
        return int(nilai)
    tertulis = format_angka(nilai) if isinstance(nilai, Decimal) and nilai.is_finite() else nilai
    raise NilaiDitolak(f"{apa} harus bilangan bulat, bukan {tertulis}")


def cocokkan_bumdes(kec: m.Kecamatan, teks: str, *, tepat: bool = False) -> m.Bumdes | None:
    """The BUMDes ``teks`` names: its code, name or name in the recap (a leading word
    "BUMDes" ignored); unless ``tepat``, also a unique part of its name or code."""
    t = _normal(teks)
    # the text as written first: a BUMDes may itself be named "BUMDes ..."
    calon = [c for c in (t, t[len("bumdes "):] if t.startswith("bumdes ") else "") if c]
    for c in calon:
        for b in kec.bumdes:
            if c in {_normal(b.kode), _normal(b.nama), _normal(b.nama_di_rekap or b.kode)}:
                return b
    if tepat:
        return None
    for c in calon:
        cocok = [b for b in kec.bumdes if c in _normal(b.nama) or c in _normal(b.kode)]
        if len(cocok) == 1:
            return cocok[0]
    return None


def cari_bumdes(k: Konteks, teks: str, *, tepat: bool = False) -> m.Bumdes:
    """:func:`cocokkan_bumdes`, or a message listing the kecamatan's BUMDes."""
    kec = k.rencana.kecamatan
    b = cocokkan_bumdes(kec, teks, tepat=tepat)
    if b is None:
        ada = ", ".join(f"{b.nama} ({b.kode})" for b in kec.bumdes) or "belum ada"
        raise NilaiDitolak(f"BUMDes '{teks}' tidak dikenal di Kecamatan {kec.nama}; yang ada: {ada}")
    return b


def _cocokkan(daftar, teks: str):
    """The item of ``daftar`` whose code or name is ``teks`` (case, spaces, _ - . ignored)."""
    t = _normal(teks)
    return next((x for x in daftar if t in {_normal(x.kode), _normal(x.nama)}), None)


def cari_desa(k: Konteks, teks: str) -> m.Desa:
    kec = k.rencana.kecamatan
    d = _cocokkan(kec.desa, teks)
    if d is None:
        ada = ", ".join(f"{d.nama} ({d.kode})" for d in kec.desa) or "belum ada"
        raise NilaiDitolak(f"desa '{teks}' tidak dikenal di Kecamatan {kec.nama}; yang ada: {ada}")
    return d


def cari_sub_kegiatan(k: Konteks, teks: str, tahun: int) -> m.SubKegiatan:
    dpa = k.rencana.dpa.get(tahun)
    if dpa is None:
        ada = ", ".join(str(t) for t in sorted(k.rencana.dpa)) or "belum ada"
        raise NilaiDitolak(f"tidak ada DPA tahun {tahun}; DPA yang tercatat: {ada}")
    sk = _cocokkan(dpa.sub_kegiatan, teks)
    if sk is None:
        ada = ", ".join(sk.kode for sk in dpa.sub_kegiatan)
        raise NilaiDitolak(f"sub kegiatan '{teks}' tidak ada di DPA {tahun}; yang ada: {ada}")
    return sk


def _periksa_tahun(k: Konteks, tahun: int, *, baseline: bool = False) -> None:
    tahun = _bulat(tahun, "tahun")
    if tahun > k.kini.year:
        raise NilaiDitolak(f"tahun {tahun} di masa depan")
    boleh = k.rencana.tahun_rencana() | (k.rencana.tahun_baseline() if baseline else set())
    if tahun not in boleh:
        raise NilaiDitolak(f"tahun {tahun} di luar tahun rencana {k.rencana.uraian_tahun_rencana()}")


def _periksa_bulan(k: Konteks, tahun: int, bulan: int) -> None:
    tahun, bulan = _bulat(tahun, "tahun"), _bulat(bulan, "bulan")
    if not 1 <= bulan <= 12:
        raise NilaiDitolak(f"bulan {bulan} tidak ada (harus 1 sampai 12)")
    if (tahun, bulan) > (k.kini.year, k.kini.month):
        raise NilaiDitolak(f"bulan {tahun}-{bulan:02d} di masa depan")
    if tahun not in k.rencana.tahun_rencana():
        raise NilaiDitolak(f"bulan {tahun}-{bulan:02d} di luar tahun rencana "
                           f"{k.rencana.uraian_tahun_rencana()}")


def _rupiah(jumlah: Any, apa: str) -> Decimal:
    d = _desimal(jumlah, "jumlah")
    if d < 0:
        raise NilaiDitolak(f"jumlah tidak boleh negatif ({format_rupiah(d)}) untuk {apa}")
    if d != d.quantize(Decimal("0.01")):
        raise NilaiDitolak(f"jumlah {format_angka(d)} untuk {apa} lebih dari dua angka desimal (sen)")
    return d


def jumlah_laba(batas: Batas, jumlah: Any) -> Decimal:
    """The amount checks of a monthly BUMDes profit that need no BUMDes or month, so that a
    client can refuse a bad amount before it offers choices (buttons) built from it."""
    d = _rupiah(jumlah, "keuntungan BUMDes")
    if d > batas.laba_bulanan_maks:
        raise NilaiDitolak(f"jumlah {format_rupiah(d)} tidak wajar untuk keuntungan bulanan satu "
                           f"BUMDes (batas {format_rupiah(batas.laba_bulanan_maks)} yang ditetapkan kecamatan); "
                           "periksa angka nolnya")
    return d


def nilai_laba(k: Konteks, bumdes: str, tahun: int, bulan: int, jumlah: Any, *,
               boleh_nonaktif: bool = False, tepat: bool = False) -> NilaiBaru:
    b = cari_bumdes(k, bumdes, tepat=tepat)
    _periksa_bulan(k, tahun, bulan)
    d = jumlah_laba(k.batas, jumlah)
    n = NilaiBaru(jenis="laba", kunci_nilai=f"laba {b.kode} {tahun}-{bulan:02d}", tahun=tahun,
                  bulan=bulan, desa=b.desa, bumdes=b.kode, jumlah=d,
                  nilai_kanonik=kanonik_desimal(d), tampilan=format_rupiah(d))
    # the value already stored may come again (an exported recap keeps inactive BUMDes that
    # have values): that changes nothing ("sama"); only a new or different value is refused
    if not b.aktif and not boleh_nonaktif and not _sudah_tersimpan(k, n):
        raise NilaiDitolak(f"BUMDes {b.nama} tercatat tidak aktif; laporan keuntungannya tidak diterima")
    return n


def _sudah_tersimpan(k: Konteks, n: NilaiBaru) -> bool:
    """Is exactly this value the current stored one of its key?"""
    row = _tersimpan(k, n.kunci_nilai).get(n.kunci_nilai)
    return row is not None and row.nilai_kanonik == n.nilai_kanonik


def nilai_status_desa(k: Konteks, desa: str, tahun: int, status: str | None,
                      idm: Any | None) -> NilaiBaru:
    ds = cari_desa(k, desa)
    _periksa_tahun(k, tahun, baseline=True)
    skor = None
    if idm is not None:
        skor = _desimal(idm, "skor IDM")
        skala = k.skala_idm()
        if skor not in skala.domain:
            raise NilaiDitolak(f"skor IDM {format_angka(skor)} di luar rentang skor IDM: harus "
                               f"{uraian_rentang(skala.domain)}")
    diturunkan = False
    if status is None or not str(status).strip():
        if skor is None:
            raise NilaiDitolak("isi status desa (mis. Maju) atau skor IDM-nya")
        hit = k.skala_idm().golongkan(skor)
        if hit is None:
            raise NilaiDitolak(f"skor IDM {format_angka(skor)} tidak masuk golongan status mana pun "
                               f"({k.skala_idm().file})")
        status, diturunkan = hit[1].label, True
    else:
        cocok = [s for s in m.STATUS_IDM if _normal(s) == _normal(str(status))]
        if not cocok:
            raise NilaiDitolak(f"status desa '{status}' tidak dikenal; pilih: {', '.join(m.STATUS_IDM)}")
        status = cocok[0]
        if skor is not None:
            _status_cocok_skor(k.skala_idm(), status, skor)
    tampil = status
    if skor is not None:
        tampil += f" ({'diturunkan dari ' if diturunkan else ''}IDM {format_angka(skor)})"
    return NilaiBaru(jenis="status_desa", kunci_nilai=f"status_desa {ds.kode} {tahun}", tahun=tahun,
                     desa=ds.kode, status_desa=status, idm=skor,
                     nilai_kanonik=f"{status}|{kanonik_desimal(skor) if skor is not None else ''}",
                     tampilan=tampil)


def _status_cocok_skor(skala, status: str, skor: Decimal) -> None:
    """A status sent with its IDM score must be the one the scale gives that score. The message
    is for a village officer: the scale row in words; its file and line are `sakip jelaskan`'s."""
    hit = skala.golongkan(skor)
    if hit is not None and hit[1].label != status:
        b = hit[1]
        raise NilaiDitolak(f"skor IDM {format_angka(skor)} termasuk status {b.label} "
                           f"({uraian_rentang(b.rentang)}), bukan {status}; kirim status resminya saja, "
                           "skornya saja, atau perbaiki salah satunya")


def uraian_rentang(r) -> str:
    """An interval (rules.interval.Interval) in words with Indonesian numbers: '(0.8155, 1]' ->
    'di atas 0,8155 sampai 1', '[0, 1]' -> 'dari 0 sampai 1', '(90, inf)' -> 'di atas 90'."""
    lo = None if r.lo == NINF else format_angka(r.lo)
    hi = None if r.hi == INF else format_angka(r.hi)
    if lo is None and hi is None:
        return "semua angka"
    if hi is None:
        return f"paling sedikit {lo}" if r.lo_closed else f"di atas {lo}"
    if lo is None:
        return f"paling banyak {hi}" if r.hi_closed else f"di bawah {hi}"
    return (f"dari {lo}" if r.lo_closed else f"di atas {lo}") + (f" sampai {hi}" if r.hi_closed
                                                                 else f" sampai di bawah {hi}")


def nilai_anggaran(k: Konteks, sub_kegiatan: str, tahun: int, bulan: int | None, jumlah: Any, *,
                   periksa_pagu: bool = True) -> NilaiBaru:
    """One budget realisation. ``periksa_pagu=False`` for a batch, which checks the pagu once
    on its final state (:func:`wajib_dalam_pagu`)."""
    _periksa_tahun(k, tahun)
    sk = cari_sub_kegiatan(k, sub_kegiatan, tahun)
    if bulan is not None:
        _periksa_bulan(k, tahun, bulan)
    d = _rupiah(jumlah, f"realisasi {sk.nama}")
    kunci = f"anggaran {sk.kode} {tahun}" + (f"-{bulan:02d}" if bulan is not None else "")
    n = NilaiBaru(jenis="anggaran", kunci_nilai=kunci, tahun=tahun, bulan=bulan, sub_kegiatan=sk.kode,
                  jumlah=d, nilai_kanonik=kanonik_desimal(d), tampilan=format_rupiah(d))
    if periksa_pagu:
        wajib_dalam_pagu(k, [n])
    return n


def wajib_dalam_pagu(k: Konteks, nilai: list[NilaiBaru]) -> None:
    """Budget realisations must stay within their sub kegiatan's pagu (unless ``batas`` allows
    more), judged on the state after ``nilai`` are stored: the stored values with all of them laid
    over. A year's total stands alone; the months of a year are summed. A change that does not
    raise the total is let through, so an over-pagu year can always be corrected downwards."""
    if k.batas.anggaran_melebihi_pagu:
        return
    bulanan: dict[tuple[str, int], dict[str, Decimal]] = {}
    for n in nilai:
        if n.jenis != "anggaran":
            continue
        sk = cari_sub_kegiatan(k, n.sub_kegiatan, n.tahun)
        if n.bulan is None:
            sebelum = _tersimpan(k, n.kunci_nilai).get(n.kunci_nilai)
            if n.jumlah > sk.anggaran and (sebelum is None or n.jumlah > sebelum.jumlah):
                _melebihi_pagu(sk, n.tahun, n.jumlah, "realisasi setahun")
        else:
            bulanan.setdefault((sk.kode, n.tahun), {})[n.kunci_nilai] = n.jumlah
    for (kode, tahun), baru in bulanan.items():
        sk = cari_sub_kegiatan(k, kode, tahun)
        sebelum = {kunci: r.jumlah for kunci, r in _tersimpan(k, f"anggaran {kode} {tahun}-").items()}
        total_sebelum = sum(sebelum.values(), Decimal(0))
        total = sum({**sebelum, **baru}.values(), Decimal(0))
        if total > sk.anggaran and total > total_sebelum:
            _melebihi_pagu(sk, tahun, total, "jumlah realisasi bulanan setahun (termasuk kiriman ini)")


def _tersimpan(k: Konteks, awalan: str) -> dict:
    """The current stored values whose key starts with ``awalan`` (none without a store)."""
    return k.nilai_tersimpan(awalan) if k.nilai_tersimpan else {}


def _melebihi_pagu(sk, tahun: int, total: Decimal, apa: str) -> None:
    raise NilaiDitolak(f"{apa} {format_rupiah(total)} melebihi pagu {format_rupiah(sk.anggaran)} "
                       f"sub kegiatan {sk.kode} ({sk.nama}) pada DPA {tahun}")


def _daftar(nilai: Any, apa: str, n: int) -> list:
    if isinstance(nilai, (str, bytes)) or not isinstance(nilai, Sequence):
        raise NilaiDitolak(f"{apa} harus daftar {n} nilai (satu per unsur)")
    if len(nilai) != n:
        raise NilaiDitolak(f"{apa} harus berisi {n} unsur, bukan {len(nilai)}")
    return list(nilai)


def _skor(k: Konteks, v: Any, dimana: str) -> int:
    lo, hi = k.ikm().skor_min, k.ikm().skor_maks
    ok = (not isinstance(v, bool) and isinstance(v, (int, Decimal)) and Decimal(v).is_finite()
          and Decimal(v) == Decimal(v).to_integral_value() and lo <= int(v) <= hi)
    if not ok:
        raise NilaiDitolak(f"nilai jawaban IKM harus {lo}–{hi}; {dimana} berisi {v}")
    return int(v)


def _dalam(d: Decimal, lo: Decimal, hi: Decimal, apa: str) -> Decimal:
    if not lo <= d <= hi:
        raise NilaiDitolak(f"{apa} {format_angka(d)} di luar rentang {format_angka(lo)}–{format_angka(hi)}")
    return d


def _u(i: int) -> str:
    return f"U{i + 1}"


def nilai_ikm(k: Konteks, tahun: int, semester: int, *, tingkat: str, jawaban=None, jumlah_unsur=None,
              terisi_unsur=None, nrr=None, jumlah_nrr=None, nilai=None, responden: int | None = None,
              jawaban_responden: list[list[int | None]] | None = None) -> NilaiBaru:
    """An IKM survey result at one level. ``jawaban`` is per unsur: the filled answers (1..4)."""
    semester = _bulat(semester, "semester")
    if semester not in SEMESTER_ROMAWI:
        raise NilaiDitolak(f"semester harus 1 atau 2, bukan {semester}")
    _periksa_tahun(k, tahun)
    if (tahun, 1 if semester == 1 else 7) > (k.kini.year, k.kini.month):
        raise NilaiDitolak(f"semester {SEMESTER_ROMAWI[semester]} {tahun} di masa depan (belum dimulai)")
    if tingkat not in m.TINGKAT_IKM:
        raise NilaiDitolak(f"tingkat data IKM '{tingkat}' tidak dikenal; pilih: {', '.join(m.TINGKAT_IKM)}")
    diberikan = {"jawaban": jawaban, "jumlah_unsur": jumlah_unsur, "terisi_unsur": terisi_unsur,
                 "nrr": nrr, "jumlah_nrr": jumlah_nrr, "nilai": nilai}
    perlu = {"jawaban": ("jawaban",), "unsur": ("jumlah_unsur", "terisi_unsur"), "nrr": ("nrr",),
             "jumlah_nrr": ("jumlah_nrr",), "nilai": ("nilai",)}[tingkat]
    for nama, v in diberikan.items():
        if nama in perlu and v is None:
            raise NilaiDitolak(f"untuk tingkat '{tingkat}' isi {' dan '.join(perlu)}")
        if nama not in perlu and v is not None:
            raise NilaiDitolak(f"tingkat '{tingkat}' hanya memakai {' dan '.join(perlu)}; "
                               f"'{nama}' tidak dipakai pada tingkat ini")
    aturan = k.ikm()
    n, lo, hi = aturan.unsur, aturan.skor_min, aturan.skor_maks
    isi: dict[str, Any] = {"tingkat": tingkat}
    if responden is not None:
        responden = _bulat(responden, "jumlah responden")
        if not 1 <= responden <= k.batas.ikm_responden_maks:
            raise NilaiDitolak(f"jumlah responden {format_angka(responden)} tidak wajar "
                               f"(1–{format_angka(k.batas.ikm_responden_maks)})")
    if tingkat == "jawaban":
        per_unsur = []
        for i, u in enumerate(_daftar(jawaban, "jawaban", n)):
            if isinstance(u, (str, bytes)) or not isinstance(u, Sequence):
                raise NilaiDitolak(f"jawaban unsur {_u(i)} harus daftar nilai {lo}–{hi}")
            skor = [_skor(k, v, f"unsur {_u(i)} jawaban ke-{j + 1}") for j, v in enumerate(u)]
            if not skor:
                raise NilaiDitolak(f"unsur {_u(i)} tidak punya satu pun jawaban terisi")
            per_unsur.append(skor)
        terbanyak = max(len(u) for u in per_unsur)
        if responden is not None and responden < terbanyak:
            raise NilaiDitolak(f"jumlah responden {responden} lebih kecil dari banyak jawaban satu unsur ({terbanyak})")
        isi["jawaban"] = per_unsur
        if jawaban_responden is not None:
            isi["jawaban_responden"] = jawaban_responden
        tampil = f"jawaban per responden ({responden or terbanyak} responden, {n} unsur)"
    elif tingkat == "unsur":
        jml = [_desimal(v, f"jumlah nilai unsur {_u(i)}")
               for i, v in enumerate(_daftar(jumlah_unsur, "jumlah_unsur", n))]
        trs = [_bulat(v, f"banyak jawaban unsur {_u(i)}")
               for i, v in enumerate(_daftar(terisi_unsur, "terisi_unsur", n))]
        for i, (j, t) in enumerate(zip(jml, trs)):
            if t < 1:
                raise NilaiDitolak(f"banyak jawaban unsur {_u(i)} harus paling sedikit 1, bukan {t}")
            if j != j.to_integral_value():
                raise NilaiDitolak(f"jumlah nilai unsur {_u(i)} harus bilangan bulat, bukan {format_angka(j)}")
            if (mustahil := aturan.jumlah_mustahil(j, t)) is not None:
                raise NilaiDitolak(f"jumlah nilai unsur {_u(i)} = {mustahil}")
        if responden is not None and responden < max(trs):
            raise NilaiDitolak(f"jumlah responden {responden} lebih kecil dari banyak jawaban satu unsur ({max(trs)})")
        isi["jumlah_unsur"], isi["terisi_unsur"] = [kanonik_desimal(j) for j in jml], trs
        tampil = f"jumlah nilai dan banyak jawaban per unsur ({n} unsur)"
    elif tingkat == "nrr":
        vals = [_dalam(_desimal(v, f"NRR unsur {_u(i)}"), Decimal(lo), Decimal(hi), f"NRR unsur {_u(i)}")
                for i, v in enumerate(_daftar(nrr, "nrr", n))]
        isi["nrr"] = [format(v, "f") for v in vals]
        tampil = "NRR per unsur: " + "; ".join(format_angka(v) for v in vals)
    elif tingkat == "jumlah_nrr":
        v = _dalam(_desimal(jumlah_nrr, "jumlah NRR"), Decimal(n * lo), Decimal(n * hi), "jumlah NRR")
        isi["jumlah_nrr"] = format(v, "f")
        tampil = f"jumlah NRR {format_angka(v)}"
    else:
        v = _dalam(_desimal(nilai, "nilai IKM"), aturan.nilai_min, aturan.nilai_maks, "nilai IKM")
        isi["nilai"] = format(v, "f")
        tampil = f"nilai IKM {format_angka(v)}"
    if responden is not None:
        isi["responden"] = responden
        if tingkat != "jawaban":
            tampil += f", {responden} responden"
    teks = json.dumps(isi, sort_keys=True, separators=(",", ":"))
    return NilaiBaru(jenis="ikm", kunci_nilai=f"ikm {tahun} semester {semester}", tahun=tahun,
                     semester=semester, tingkat=tingkat, isi=teks, responden=responden,
                     nilai_kanonik=teks, tampilan=tampil)


def survei_dari_isi(tahun: int, semester: int, isi: str, asal: m.Asal | None = None) -> m.SurveiIkm:
    data = json.loads(isi)
    dec = (lambda xs: tuple(Decimal(x) for x in xs))
    return m.SurveiIkm(
        tahun=tahun, semester=semester, tingkat=data["tingkat"],
        jawaban=tuple(tuple(u) for u in data["jawaban"]) if "jawaban" in data else None,
        jumlah_unsur=dec(data["jumlah_unsur"]) if "jumlah_unsur" in data else None,
        terisi_unsur=tuple(data["terisi_unsur"]) if "terisi_unsur" in data else None,
        nrr=dec(data["nrr"]) if "nrr" in data else None,
        jumlah_nrr=Decimal(data["jumlah_nrr"]) if "jumlah_nrr" in data else None,
        nilai=Decimal(data["nilai"]) if "nilai" in data else None,
        responden=data.get("responden"), asal=asal)


def kunci_dari_teks(rencana: Rencana, teks: str) -> str:
    """The value key a person writes the way messages name it (the inverse of
    :func:`label_kunci`): ``laba Sumber Rahmat November 2024``, ``laba sumber_rahmat 2024-3``,
    ``IKM semester II 2024``, ``ikm 2024 semester 2``, ``status desa Halunuk 2024``,
    ``realisasi anggaran forkopimcam Maret 2024``, ``anggaran forkopimcam tahun 2024``. A text that
    reads as none of these is returned as written (a key typed exactly)."""
    kata = teks.split()
    jenis = " ".join(kata[:2]).lower()
    try:
        if jenis.startswith("laba "):
            for n in (2, 1):  # the month as 'November 2024' or as '2024-11'
                if len(kata) > n + 1:
                    b = cocokkan_bumdes(rencana.kecamatan, " ".join(kata[1:-n]), tepat=True)
                    bulan = _bulan_atau_none(" ".join(kata[-n:]))
                    if b and bulan:
                        return f"laba {b.kode} {bulan[0]}-{bulan[1]:02d}"
        elif jenis.startswith("ikm "):
            sisa = [w for w in kata[1:] if w.lower() != "semester"]
            if len(sisa) == 2:
                tahun, semester = sisa if sisa[0].isdecimal() and len(sisa[0]) == 4 else sisa[::-1]
                return f"ikm {parse_tahun(tahun)} semester {parse_semester(semester)}"
        elif jenis == "status desa" or jenis.startswith("status_desa "):
            sisa = kata[2:] if jenis == "status desa" else kata[1:]
            d = _cocokkan(rencana.kecamatan.desa, " ".join(sisa[:-1])) if len(sisa) > 1 else None
            if d:
                return f"status_desa {d.kode} {parse_tahun(sisa[-1])}"
        elif jenis == "realisasi anggaran" or jenis.startswith("anggaran "):
            sisa = [w for w in (kata[2:] if jenis == "realisasi anggaran" else kata[1:]) if w.lower() != "tahun"]
            for n in (2, 1):
                if len(sisa) > n:
                    bulan = _bulan_atau_none(" ".join(sisa[-n:]))
                    kode = " ".join(sisa[:-n])
                    if bulan:
                        return f"anggaran {_kode_sub_kegiatan(rencana, kode, bulan[0])} {bulan[0]}-{bulan[1]:02d}"
            if len(sisa) > 1 and sisa[-1].isdecimal():
                tahun = parse_tahun(sisa[-1])
                return f"anggaran {_kode_sub_kegiatan(rencana, ' '.join(sisa[:-1]), tahun)} {tahun}"
    except UsageError:
        pass
    return teks


def _bulan_atau_none(teks: str) -> tuple[int, int] | None:
    try:
        return parse_bulan(teks)
    except UsageError:
        return None


def _kode_sub_kegiatan(rencana: Rencana, teks: str, tahun: int) -> str:
    dpa = rencana.dpa.get(tahun)
    sk = _cocokkan(dpa.sub_kegiatan, teks) if dpa else None
    return sk.kode if sk else teks


def label_kunci(rencana: Rencana, kunci_nilai: str) -> str:
    """'laba sumber_rahmat 2024-11' -> 'laba Sumber Rahmat November 2024', and so on."""
    bagian = kunci_nilai.split()
    try:
        jenis = bagian[0]
        if jenis == "laba":
            b = rencana.kecamatan.cari_bumdes(bagian[1])
            tahun, bulan = map(int, bagian[2].split("-"))
            return f"laba {b.nama if b else bagian[1]} {format_bulan(tahun, bulan)}"
        if jenis == "ikm":
            return f"IKM semester {SEMESTER_ROMAWI[int(bagian[3])]} {bagian[1]}"
        if jenis == "status_desa":
            d = rencana.kecamatan.cari_desa(bagian[1])
            return f"status desa {d.nama if d else bagian[1]} {bagian[2]}"
        if jenis == "anggaran":
            if "-" in bagian[2]:
                tahun, bulan = map(int, bagian[2].split("-"))
                return f"realisasi anggaran {bagian[1]} {format_bulan(tahun, bulan)}"
            return f"realisasi anggaran {bagian[1]} tahun {bagian[2]}"
    except (IndexError, ValueError, KeyError):
        pass
    return kunci_nilai
