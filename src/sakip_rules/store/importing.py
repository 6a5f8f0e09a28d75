"""Reading the two import layouts into checked rows; every problem names its row and column.

Rekap keuntungan BUMDes (LKjIP Gambar 3.6): optional title rows, then the header
``NO | DESA | NAMA BUMDES | KEUNTUNGAN BULAN JANUARI | … | KEUNTUNGAN BULAN DESEMBER | KET``
(``NOPEMBER`` and ``NOVEMBER`` both accepted), one row per BUMDes, cells like
``Rp. 734.400``; an empty cell or a bare ``Rp.`` means *not reported* (not zero).

Jawaban survei IKM: header ``U1 … U9`` (optionally a leading ``NO`` or ``RESPONDEN``), one
row per respondent, each answer 1–4, an empty cell = that question unanswered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..angka import parse_angka, parse_bulan, ringkas, tanpa_nilai
from ..errors import DataError, ErrorList, SakipError
from .berkas_tabel import Tabel, huruf_kolom, kosong


BATAS_GALAT = 50  # problems listed at most; the rest are counted


class GalatBerkas(ErrorList, DataError):
    """Every problem found in an imported file (each naming row and column); nothing stored."""


def galat_semua(galat: list[SakipError]) -> SakipError:
    """One problem as itself, several as one GalatBerkas."""
    if len(galat) == 1 and isinstance(galat[0], DataError):
        return galat[0]
    if len(galat) > BATAS_GALAT:
        sisa = len(galat) - BATAS_GALAT
        galat = galat[:BATAS_GALAT] + [DataError(f"… dan {sisa} masalah lain (tidak ditampilkan)")]
    return GalatBerkas(galat)

NAMA_BULAN_REKAP = ("JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS",
                    "SEPTEMBER", "OKTOBER", "NOPEMBER", "DESEMBER")
JUDUL_REKAP = ["NO", "DESA", "NAMA BUMDES"] + [f"KEUNTUNGAN BULAN {b}" for b in NAMA_BULAN_REKAP] + ["KET"]
_URAIAN_REKAP = "NO, DESA, NAMA BUMDES, KEUNTUNGAN BULAN JANUARI … KEUNTUNGAN BULAN DESEMBER, KET"
_BARIS_JUMLAH = {"jumlah", "total", "jumlah total"}


def _norm(v: Any) -> str:
    return re.sub(r"\s+", " ", str(v if v is not None else "")).strip().upper().rstrip(".:")


def _galat(tabel: Tabel, baris: int, kolom: int | None, judul: str | None, pesan: str) -> DataError:
    tempat = f"baris {baris}" + (f" kolom {huruf_kolom(kolom)}" if kolom is not None else "")
    if judul:
        tempat += f" ({judul})"
    return DataError(f"{tempat}: {pesan}", file=tabel.nama)


def _kolom_tanpa_judul(tabel: Tabel, judul: list, data: list[tuple[int, list]]) -> list[DataError]:
    """Data in a column without a header, also to the right of the last header cell (a CSV
    header row is only as wide as it is written): such a cell would be silently ignored, and
    a row with one cell too many would shift its months. Names the first row with such data."""
    lebar = max([len(judul)] + [len(r) for _, r in data])
    galat = []
    for j in range(lebar):
        if j < len(judul) and not kosong(judul[j]):
            continue
        no = next((no for no, r in data if j < len(r) and not kosong(r[j])), None)
        if no is not None:
            galat.append(_galat(tabel, no, j, None, "kolom berisi data tetapi tidak berjudul"))
    return galat


_TAHUN_JUDUL = re.compile(r"\bTAHUN(?:\s+ANGGARAN)?\s+(\d{4})\b")


def _tahun_judul(tabel: Tabel, no_kepala: int, tahun: int) -> list[DataError]:
    """A title row above the header that states another year than the one being imported."""
    for no, r in tabel.baris:
        if no >= no_kepala:
            break
        for j, v in enumerate(r):
            disebut = {int(x) for x in _TAHUN_JUDUL.findall(_norm(v))}
            if disebut and tahun not in disebut:
                return [_galat(tabel, no, j, None, f"judul berkas menyebut tahun "
                               f"{', '.join(map(str, sorted(disebut)))}, tetapi impor ini untuk tahun {tahun}; "
                               "periksa berkasnya atau tahun yang dipilih")]
    return []


def _bulan_judul(teks: str) -> int | None:
    m = re.fullmatch(r"(?:KEUNTUNGAN\s+)?(?:BULAN\s+)?([A-Z]+)", teks)
    if not m:
        return None
    try:
        return parse_bulan(f"{m.group(1)} 2000")[1]
    except SakipError:
        return None


@dataclass(frozen=True)
class SelLaba:
    baris: int
    kolom: int
    judul: str
    nama_bumdes: str
    desa: str
    bulan: int
    jumlah: Decimal


def _rupiah_sel(v: Any) -> Decimal | None:
    """A recap cell: None when not reported; raises SakipError when not a clean amount."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise DataError(f"berisi {v!r}, bukan jumlah rupiah")
    if isinstance(v, (dt.date, dt.time, dt.timedelta)):  # an XLSX cell formatted as a date
        raise DataError(f"berisi tanggal/waktu ({v}), bukan jumlah rupiah; ubah format selnya menjadi angka")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        d = Decimal(repr(v))
        return d.quantize(Decimal(1)) if d == d.to_integral_value() else d
    teks = str(v).strip()
    if not teks or tanpa_nilai(teks):
        return None
    return parse_angka(teks, "rupiah")


def _angka_rupiah(v: Any) -> bool:
    """Does a cell read as an amount (in KET it is then a December figure shifted one column)?"""
    try:
        return _rupiah_sel(v) is not None
    except SakipError:
        return False


def baca_rekap_laba(tabel: Tabel, tahun: int) -> list[SelLaba]:
    """All reported cells of a Gambar 3.6 recap for ``tahun``, or ErrorList naming every bad
    row and column."""
    kepala = next(((no, r) for no, r in tabel.baris if r and _norm(r[0]) == "NO"), None)
    if kepala is None:
        pertama = next((r for _, r in tabel.baris if any(not kosong(v) for v in r)), [])
        raise DataError(f"baris judul kolom tidak ditemukan (baris yang diawali 'NO'); kolom yang "
                        f"diharapkan: {_URAIAN_REKAP}; baris pertama berisi: "
                        f"{', '.join(str(v) for v in pertama if not kosong(v))[:200] or '(kosong)'}",
                        file=tabel.nama, line=1)
    no_kepala, judul = kepala
    data = [(no, r) for no, r in tabel.baris if no > no_kepala]
    galat: list[SakipError] = [*_tahun_judul(tabel, no_kepala, tahun), *_kolom_tanpa_judul(tabel, judul, data)]
    kolom: dict[str, int] = {}
    bulan_kolom: dict[int, int] = {}
    for j, v in enumerate(judul):
        t = _norm(v)
        if not t:
            continue
        nama = {"NO": "no", "DESA": "desa", "NAMA BUMDES": "bumdes", "BUMDES": "bumdes",
                "KET": "ket", "KETERANGAN": "ket"}.get(t)
        bulan = None if nama else _bulan_judul(t)
        if nama is None and bulan is None:
            galat.append(_galat(tabel, no_kepala, j, None, f"judul kolom '{v}' tidak dikenal; "
                                f"kolom yang diharapkan: {_URAIAN_REKAP}"))
            continue
        kunci = nama or f"bulan {bulan}"
        if kunci in kolom:
            galat.append(_galat(tabel, no_kepala, j, None, f"kolom '{v}' ganda (sudah ada di kolom "
                                f"{huruf_kolom(kolom[kunci])})"))
            continue
        kolom[kunci] = j
        if bulan:
            bulan_kolom[bulan] = j
    for wajib in ("no", "desa", "bumdes"):
        if wajib not in kolom:
            galat.append(_galat(tabel, no_kepala, None, None,
                                f"kolom '{ {'no': 'NO', 'desa': 'DESA', 'bumdes': 'NAMA BUMDES'}[wajib] }' tidak ada"))
    for b in range(1, 13):
        if b not in bulan_kolom:
            galat.append(_galat(tabel, no_kepala, None, None,
                                f"kolom 'KEUNTUNGAN BULAN {NAMA_BULAN_REKAP[b - 1]}' tidak ada"))
    if galat:
        raise galat_semua(galat)

    def sel(r, j):
        return r[j] if j < len(r) else None

    hasil: list[SelLaba] = []
    for no, r in data:
        if all(kosong(v) for v in r):
            continue
        nama = sel(r, kolom["bumdes"])
        if _norm(sel(r, kolom["no"])).lower() in _BARIS_JUMLAH or _norm(sel(r, kolom["desa"])).lower() in _BARIS_JUMLAH:
            continue
        if kosong(nama):
            galat.append(_galat(tabel, no, kolom["bumdes"], "NAMA BUMDES", "nama BUMDes kosong"))
            continue
        for b, j in sorted(bulan_kolom.items()):
            try:
                jumlah = _rupiah_sel(sel(r, j))
            except SakipError as exc:
                galat.append(_galat(tabel, no, j, _norm(judul[j]), exc.message))
                continue
            if jumlah is not None:
                hasil.append(SelLaba(no, j, _norm(judul[j]), str(nama).strip(),
                                     str(sel(r, kolom["desa"]) or "").strip(), b, jumlah))
        if "ket" in kolom and _angka_rupiah(sel(r, kolom["ket"])):
            galat.append(_galat(tabel, no, kolom["ket"], "KET", f"berisi jumlah {ringkas(str(sel(r, kolom['ket'])))}, "
                                "bukan keterangan; periksa apakah sel baris ini bergeser satu kolom"))
    if galat:
        raise galat_semua(galat)
    return hasil


def baca_jawaban_ikm(tabel: Tabel, banyak_unsur: int, skor_min: int, skor_maks: int) -> list[list[int | None]]:
    """The answers per respondent, per unsur (None: left empty), all or nothing."""
    isi = [(no, r) for no, r in tabel.baris if any(not kosong(v) for v in r)]
    if not isi:
        raise DataError("berkas kosong; baris pertama harus judul kolom U1 … U9", file=tabel.nama, line=1)
    no_kepala, judul = isi[0]
    galat: list[SakipError] = _kolom_tanpa_judul(tabel, judul, isi[1:])
    unsur_kolom: dict[int, int] = {}
    for j, v in enumerate(judul):
        t = _norm(v)
        if not t:
            continue
        if t in ("NO", "RESPONDEN", "NO RESPONDEN"):
            continue
        m = re.fullmatch(r"U(?:NSUR)?\s*(\d+)", t)
        if not m:
            galat.append(_galat(tabel, no_kepala, j, None, f"judul kolom '{v}' tidak dikenal; kolom yang "
                                f"diharapkan: U1 … U{banyak_unsur} (boleh diawali NO)"))
            continue
        u = int(m.group(1))
        if not 1 <= u <= banyak_unsur:
            galat.append(_galat(tabel, no_kepala, j, None, f"kolom '{v}': survei memiliki {banyak_unsur} "
                                f"unsur (U1 … U{banyak_unsur})"))
        elif u in unsur_kolom:
            galat.append(_galat(tabel, no_kepala, j, None, f"kolom '{v}' ganda (sudah ada di kolom "
                                f"{huruf_kolom(unsur_kolom[u])})"))
        else:
            unsur_kolom[u] = j
    hilang = [f"U{u}" for u in range(1, banyak_unsur + 1) if u not in unsur_kolom]
    if hilang:
        galat.append(_galat(tabel, no_kepala, None, None, f"kolom {', '.join(hilang)} tidak ada"))
    if galat:
        raise galat_semua(galat)
    responden: list[list[int | None]] = []
    for no, r in isi[1:]:
        jawab: list[int | None] = []
        for u in range(1, banyak_unsur + 1):
            j = unsur_kolom[u]
            v = r[j] if j < len(r) else None
            if kosong(v):
                jawab.append(None)
                continue
            skor = None
            if isinstance(v, int) and not isinstance(v, bool):
                skor = v
            elif isinstance(v, float) and v.is_integer():
                skor = int(v)
            elif isinstance(v, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", v):
                # ASCII digits only, as parse_angka: '٣' or a 5,000-digit string is no answer
                skor = int(v)
            if skor is None or not skor_min <= skor <= skor_maks:
                teks = ringkas(v.strip()) if isinstance(v, str) else v
                galat.append(DataError(f"nilai jawaban IKM harus {skor_min}–{skor_maks}; baris {no} "
                                       f"kolom U{u} berisi {teks}", file=tabel.nama))
                continue
            jawab.append(skor)
        if any(x is not None for x in jawab):
            responden.append(jawab)
    if galat:
        raise galat_semua(galat)
    if not responden:
        raise DataError("berkas tidak berisi satu pun jawaban", file=tabel.nama)
    return responden
