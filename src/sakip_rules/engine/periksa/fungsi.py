"""What the functions check formulas call do (their signatures: ``rules/fungsi_pemeriksaan.py``).

While one check item is evaluated the runner installs a :class:`KonteksJalan` in
``rules.fungsi_pemeriksaan.PELAKSANA``; the compiled formulas' late-bound calls land in
:meth:`KonteksJalan.panggil` (built-in functions, :data:`PELAKSANAAN`) and
:meth:`KonteksJalan.panggil_aturan` (rules of the rule set named by a check's ``fungsi:``).
The context also records what the explanation of a finding shows: the values read, the rule
calculations and the scale lookups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal, localcontext
from typing import Any, Callable

from ...angka import _KAMUS_BULAN, nama_bulan, presisi
from ...errors import DataError
from ...report.model import label_nilai
from ...rules.fungsi_pemeriksaan import TANDA_FUNGSI, pelaksana
from ...rules.pemeriksaan import FungsiAturan
from ..calc import hitung
from ..capaian import golongkan
from ..rounding import bulatkan
from .rekaman import AsalNilai, Rekaman
from .tampil import gabung, kalimat_daftar, tampil, tampil_format


@dataclass
class KonteksJalan:
    """The engine side of one check item's evaluation (a ``rules.fungsi_pemeriksaan.Pelaksana``)."""

    rules: Any
    bacaan: list[AsalNilai] = field(default_factory=list)
    hitungan: list[Any] = field(default_factory=list)  # HasilHitung of rule calls
    golongan: list[Any] = field(default_factory=list)  # Golongan of scale lookups

    def panggil(self, nama: str, args: tuple):
        return PELAKSANAAN[nama](*args)

    def panggil_aturan(self, fungsi: FungsiAturan, args: tuple):
        rule = self.rules.perhitungan.get(fungsi.aturan)
        if rule is None:
            raise DataError(f"aturan '{fungsi.aturan}' tidak ada")
        masukan, diberikan, target = {}, {}, None
        for name, value in zip(fungsi.parameter, args):
            if name == "target" and name not in rule.masukan:
                target = value
            elif name in rule.masukan:
                masukan[name] = value
            else:
                diberikan[name] = value
        h = hitung(rule, masukan, diberikan=diberikan, target=target)
        self.hitungan.append(h)
        return h.mentah if fungsi.mentah else h.nilai


# --------------------------------------------------------------------------- the built-in functions

def uraian_nilai(x) -> str:
    """A value as an auditor reads it in a message: never a Python repr."""
    if x is None:
        return "kosong"
    if isinstance(x, bool):
        return "benar/salah (" + ("benar" if x else "salah") + ")"
    if isinstance(x, Decimal):
        return f"angka {tampil(x)}"
    if isinstance(x, str):
        return f'teks "{x}"'
    if isinstance(x, Mapping):
        tempat = getattr(x, "tempat", None)
        return f"rekaman {tempat}" if tempat else "rekaman"
    if isinstance(x, (list, tuple)):
        return f"daftar ({tampil(list(x))})" if x else "daftar kosong"
    return f"nilai jenis {type(x).__name__}"


def _perlu_angka(x, apa: str) -> Decimal:
    if x is None:
        raise DataError(f"{apa} tidak diketahui (tercetak '-' atau kosong)")
    if isinstance(x, bool) or not isinstance(x, Decimal):
        raise DataError(f"{apa} harus angka, bukan {uraian_nilai(x)}")
    return x


def _perlu_bulat(x, apa: str, dari: int, sampai: int) -> int:
    d = _perlu_angka(x, apa)
    if d != d.to_integral_value() or not dari <= d <= sampai:
        raise DataError(f"{apa} harus bilangan bulat {dari} sampai {sampai}, bukan {tampil(d)}")
    return int(d)


def _perlu_teks(x, apa: str) -> str:
    if not isinstance(x, str):
        raise DataError(f"{apa} harus teks, bukan {uraian_nilai(x)}")
    return x


def _perlu_daftar(daftar, fungsi: str):
    if not isinstance(daftar, (list, tuple)):
        raise DataError(f"{fungsi}() memerlukan daftar, bukan {uraian_nilai(daftar)}")
    return daftar


def _perlu_rekaman(rekaman, fungsi: str):
    if not isinstance(rekaman, Mapping):
        raise DataError(f"{fungsi}() memerlukan rekaman, bukan {uraian_nilai(rekaman)}")
    return rekaman


def f_ada(nilai) -> bool:
    return nilai is not None and not (isinstance(nilai, str) and not nilai.strip())


def f_sama_presisi(dinyatakan, dihitung) -> bool:
    d = _perlu_angka(dinyatakan, "nilai yang dinyatakan")
    h = _perlu_angka(dihitung, "nilai hasil hitung")
    return bulatkan(h, presisi(d)) == d


def f_sama_dipotong(dinyatakan, dihitung) -> bool:
    d = _perlu_angka(dinyatakan, "nilai yang dinyatakan")
    h = _perlu_angka(dihitung, "nilai hasil hitung")
    return bulatkan(h, presisi(d), "down") == d


def f_sama_tercetak(a, b) -> bool:
    a = _perlu_angka(a, "nilai pertama")
    b = _perlu_angka(b, "nilai kedua")
    p = min(presisi(a), presisi(b))
    return bulatkan(a, p) == bulatkan(b, p)


def f_presisi(nilai) -> Decimal:
    return Decimal(presisi(_perlu_angka(nilai, "nilai")))


def f_bulatkan_seperti(nilai, contoh) -> Decimal:
    return bulatkan(_perlu_angka(nilai, "nilai"), presisi(_perlu_angka(contoh, "contoh")))


def normal_teks(t: str) -> str:
    return " ".join(t.casefold().split()).strip(" .,;:")


def f_sama_teks(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if not isinstance(a, str) or not isinstance(b, str):
        raise DataError(f"sama_teks membandingkan dua teks, bukan {uraian_nilai(a)} dan {uraian_nilai(b)}")
    return normal_teks(a) == normal_teks(b)


def f_satu(daftar, apa):
    _perlu_daftar(daftar, "satu")
    apa = _perlu_teks(apa, "uraian yang dicari (argumen kedua satu())")
    if not daftar:
        raise DataError(f"{apa} tidak ditemukan")
    if len(daftar) > 1:
        raise DataError(f"{apa} ditemukan {len(daftar)} kali, padahal harus tepat satu")
    return daftar[0]


def f_atau_kosong(daftar, apa):
    _perlu_daftar(daftar, "atau_kosong")
    apa = _perlu_teks(apa, "uraian yang dicari (argumen kedua atau_kosong())")
    if len(daftar) > 1:
        raise DataError(f"{apa} ditemukan {len(daftar)} kali, padahal paling banyak satu")
    return daftar[0] if daftar else None


def f_unik(daftar) -> list:
    out, seen = [], set()
    for x in _perlu_daftar(daftar, "unik"):
        key = normal_teks(x) if isinstance(x, str) else x
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def f_sel(rekaman, nama):
    _perlu_rekaman(rekaman, "sel")
    try:
        return rekaman[nama]
    except KeyError:
        raise DataError(f"kolom '{nama}' tidak ada pada {getattr(rekaman, 'tempat', 'rekaman ini')}") from None


def f_ada_kolom(rekaman, nama) -> bool:
    return nama in _perlu_rekaman(rekaman, "ada_kolom")


def f_isi(rekaman, nama):
    _perlu_rekaman(rekaman, "isi")
    return rekaman[nama] if nama in rekaman else None


def f_judul_kolom(rekaman, nama) -> str:
    _perlu_rekaman(rekaman, "judul_kolom")
    nama = _perlu_teks(nama, "nama kolom")
    asal = rekaman.asal(nama) if isinstance(rekaman, Rekaman) else None
    if asal is not None and asal.judul:
        return asal.judul
    return label_nilai(nama)


def f_kosong():
    return None


def f_sambung(daftar) -> str:
    return "".join(tampil(x) for x in daftar or [])


def f_deret(awal, akhir) -> list:
    a = _perlu_angka(awal, "awal deret")
    b = _perlu_angka(akhir, "akhir deret")
    if a != a.to_integral_value() or b != b.to_integral_value() or b - a > 1000:
        raise DataError(f"deret memerlukan dua bilangan bulat yang berdekatan, bukan {tampil(a)} dan {tampil(b)}")
    return [Decimal(k) for k in range(int(a), int(b) + 1)]


def f_sel_tahun(rekaman, awalan, tahun):
    t = _perlu_angka(tahun, "tahun")
    return f_sel(rekaman, f"{awalan}_{int(t)}")


def f_pembilang_persen(persen, penyebut):
    """The integer k (0 ≤ k ≤ penyebut) nearest to persen × penyebut / 100 whose k / penyebut × 100,
    rounded half-up to the printed decimals of persen, is persen; None when there is none.

    The candidates are computed, never searched: k / n × 100 rounds to p exactly when it lies in
    the half-open interval [p − h, p + h) with h half a unit of the last printed digit, so every
    solution lies within n·h/100 of c = p·n/100, and the integers nearest to c are the only ones
    that can be the nearest solution. A denominator of 6.000.000.000 costs what 6 does."""
    p = _perlu_angka(persen, "persentase")
    n = _perlu_angka(penyebut, "penyebut")
    if n != n.to_integral_value() or n <= 0:
        raise DataError(f"penyebut harus bilangan bulat positif, bukan {tampil(n)}")
    places = presisi(p)
    with localcontext() as ctx:
        ctx.prec = max(28, len(n.as_tuple().digits) + len(p.as_tuple().digits) + places + 8)
        c = p * n / 100
        base = c.to_integral_value(rounding=ROUND_FLOOR)
        candidates = sorted({base + d for d in (-1, 0, 1, 2)}, key=lambda k: (abs(k - c), k))
        for k in candidates:
            if 0 <= k <= n and bulatkan(k / n * 100, places) == p:
                return Decimal(int(k))
    return None


def f_nomor_bulan(nama) -> Decimal:
    if not isinstance(nama, str) or nama.casefold() not in _KAMUS_BULAN:
        raise DataError(f"{uraian_nilai(nama)} bukan nama bulan")
    return Decimal(_KAMUS_BULAN[nama.casefold()])


def f_rentang_bulan(daftar) -> str:
    nomor = sorted({_perlu_bulat(x, "nomor bulan", 1, 12) for x in _perlu_daftar(daftar or [], "rentang_bulan")})
    if not nomor:
        return "tidak ada bulan"
    runs: list[list[int]] = []
    for n in nomor:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return kalimat_daftar([nama_bulan(r[0]) if len(r) == 1 else f"{nama_bulan(r[0])}–{nama_bulan(r[-1])}"
                           for r in runs])


def f_kategori(nilai):
    k = pelaksana()
    return _label(k.rules.skala[k.rules.pengukuran.skala_kategori], _perlu_angka(nilai, "capaian"))


def f_golongan(skala, nilai):
    rules = pelaksana().rules
    if not isinstance(skala, str) or skala not in rules.skala:
        raise DataError(f"skala '{tampil(skala)}' tidak ada; yang ada: {', '.join(sorted(rules.skala))}")
    return _label(rules.skala[skala], _perlu_angka(nilai, "nilai"))


def _label(skala, nilai) -> str:
    """The row label of ``nilai`` on ``skala``; the row is kept for the explanation."""
    g = golongkan(skala, nilai)
    pelaksana().golongan.append(g)
    if g.baris is None:
        raise DataError(f"nilai {tampil(nilai)} tidak masuk baris mana pun pada skala '{skala.id}'")
    return g.label


def _indikator(kode):
    rule = pelaksana().rules.indikator(kode) if isinstance(kode, str) else None
    if rule is None:
        what = f"indikator '{kode}'" if isinstance(kode, str) else f"indikator {uraian_nilai(kode)}"
        raise DataError(f"{what} tidak ada dalam set aturan")
    return rule


def f_polaritas(indikator) -> str:
    return _indikator(indikator).polaritas


def f_satuan(indikator) -> str:
    return _indikator(indikator).satuan


def f_angka_indikator(nilai, indikator) -> str:
    if nilai is None:
        return tampil(None)
    d = _perlu_angka(nilai, "nilai indikator")
    return tampil_format(d, "persen") if _indikator(indikator).satuan == "persen" else tampil(d)


def f_nama_indikator(indikator) -> str:
    return _indikator(indikator).nama


def f_parameter_aturan(aturan, nama):
    rule = pelaksana().rules.perhitungan.get(aturan)
    if rule is None or nama not in rule.parameter:
        raise DataError(f"parameter '{nama}' tidak ada pada aturan '{aturan}'")
    return rule.parameter[nama].nilai


#: The implementation of every function of ``rules.fungsi_pemeriksaan.TANDA_FUNGSI``, by name.
PELAKSANAAN: dict[str, Callable] = {
    "ada": f_ada,
    "sama_presisi": f_sama_presisi,
    "sama_dipotong": f_sama_dipotong,
    "sama_tercetak": f_sama_tercetak,
    "presisi": f_presisi,
    "bulatkan_seperti": f_bulatkan_seperti,
    "sama_teks": f_sama_teks,
    "satu": f_satu,
    "atau_kosong": f_atau_kosong,
    "unik": f_unik,
    "sel": f_sel,
    "ada_kolom": f_ada_kolom,
    "sel_tahun": f_sel_tahun,
    "isi": f_isi,
    "judul_kolom": f_judul_kolom,
    "kosong": f_kosong,
    "sambung": f_sambung,
    "deret": f_deret,
    "pembilang_persen": f_pembilang_persen,
    "nomor_bulan": f_nomor_bulan,
    "rentang_bulan": f_rentang_bulan,
    "gabung": gabung,
    "kategori": f_kategori,
    "golongan": f_golongan,
    "polaritas": f_polaritas,
    "satuan": f_satuan,
    "angka_indikator": f_angka_indikator,
    "nama_indikator": f_nama_indikator,
    "parameter_aturan": f_parameter_aturan,
}

if PELAKSANAAN.keys() != TANDA_FUNGSI.keys():  # a signature without implementation, or the reverse
    raise ImportError("fungsi pemeriksaan tanpa pasangan: "
                      + ", ".join(sorted(PELAKSANAAN.keys() ^ TANDA_FUNGSI.keys())))
