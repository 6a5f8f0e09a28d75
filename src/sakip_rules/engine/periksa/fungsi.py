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

from ...angka import _KAMUS_BULAN, daftar_kata, nama_bulan, presisi
from ...errors import DataError
from ...report.model import label_nilai
from ...rules.fungsi_pemeriksaan import TANDA_FUNGSI, Jenis, pelaksana
from ...rules.pemeriksaan import FungsiAturan, label_data
from ...tampilan import nilai_satuan
from ..calc import hitung
from ..capaian import golongkan
from ..rounding import bulatkan
from .rekaman import AsalNilai, Rekaman
from .tampil import gabung, tampil


@dataclass
class KonteksJalan:
    """The engine side of one check item's evaluation (a ``rules.fungsi_pemeriksaan.Pelaksana``)."""

    rules: Any
    bacaan: list[AsalNilai] = field(default_factory=list)
    hitungan: list[Any] = field(default_factory=list)  # HasilHitung of rule calls
    golongan: list[Any] = field(default_factory=list)  # Golongan of scale lookups

    def panggil(self, nama: str, args: tuple):
        # every argument is checked here against its declared kind, once for all functions, so
        # that no implementation meets a value it cannot take (and no Python error reaches a reader)
        for (param, jenis), value in zip(TANDA_FUNGSI[nama].parameter.items(), args):
            if not jenis.menerima(value):
                raise DataError(salah_argumen(nama, param, jenis, value))
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


# --------------------------------------------------------------------------- arguments in messages

BATAS_URAIAN = 5  # items of a list a message shows


def uraian_nilai(x) -> str:
    """A value a formula computed, as an auditor reads it in a message: never a Python repr.

    Not ``yamlio.uraian_yaml``: that one names a value as the rule author wrote it in YAML
    (``true/false``, ``angka 1.5``, ``daftar berisi teks``); this one shows a computed value in
    Indonesian (``angka 1,5``, the places of records, the items of a list)."""
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
        if not x:
            return "daftar kosong"
        shown = list(x[:BATAS_URAIAN])  # a whole table would bury the message
        if all(isinstance(v, Mapping) for v in shown):  # places contain commas: ';' between records
            isi, jenis = "; ".join(tampil(v) for v in shown), "daftar rekaman"
        else:
            isi, jenis = tampil(shown), "daftar"
        return f"{jenis} ({isi})" if len(x) == len(shown) else f"{jenis} {len(x)} butir ({isi}; …)"
    return "nilai lain"


def salah_argumen(fungsi: str, param: str, jenis: Jenis, value) -> str:
    """Why an argument does not fit its parameter: the function, the parameter, what was given."""
    if value is None:
        return (f"fungsi {fungsi}: parameter {param} tidak diketahui (tercetak '-' atau kosong), "
                f"padahal harus {jenis.nama}")
    return f"fungsi {fungsi}: parameter {param} harus {jenis.nama}, bukan {uraian_nilai(value)}"


# --------------------------------------------------------------------------- the built-in functions
# Their arguments have the kinds TANDA_FUNGSI declares: KonteksJalan.panggil checked them.

def f_ada(nilai) -> bool:
    return nilai is not None and not (isinstance(nilai, str) and not nilai.strip())


def f_sama_presisi(dinyatakan, dihitung) -> bool:
    return bulatkan(dihitung, presisi(dinyatakan)) == dinyatakan


def f_sama_dipotong(dinyatakan, dihitung) -> bool:
    return bulatkan(dihitung, presisi(dinyatakan), "down") == dinyatakan


def f_sama_tercetak(a, b) -> bool:
    p = min(presisi(a), presisi(b))
    return bulatkan(a, p) == bulatkan(b, p)


def f_presisi(nilai) -> Decimal:
    return Decimal(presisi(nilai))


def f_bulatkan_seperti(nilai, contoh) -> Decimal:
    return bulatkan(nilai, presisi(contoh))


def normal_teks(t: str) -> str:
    return " ".join(t.casefold().split()).strip(" .,;:")


def f_sama_teks(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return normal_teks(a) == normal_teks(b)


def f_satu(daftar, apa):
    if not daftar:
        raise DataError(f"{apa} tidak ditemukan")
    if len(daftar) > 1:
        raise DataError(f"{apa} ditemukan {len(daftar)} kali, padahal harus tepat satu")
    return daftar[0]


def f_atau_kosong(daftar, apa):
    if len(daftar) > 1:
        raise DataError(f"{apa} ditemukan {len(daftar)} kali, padahal paling banyak satu")
    return daftar[0] if daftar else None


def f_unik(daftar) -> list:
    out, seen = [], set()
    for x in daftar:
        key = normal_teks(x) if isinstance(x, str) else x
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def f_sel(rekaman, nama):
    try:
        return rekaman[nama]
    except KeyError:
        raise DataError(f"kolom '{nama}' tidak ada pada {getattr(rekaman, 'tempat', 'rekaman ini')}") from None


def f_ada_kolom(rekaman, nama) -> bool:
    return nama in rekaman


def f_isi(rekaman, nama):
    return rekaman[nama] if nama in rekaman else None


def f_judul_kolom(rekaman, nama) -> str:
    if not isinstance(rekaman, Rekaman):
        return label_nilai(nama)
    asal = rekaman.asal(nama)
    if asal is not None and asal.judul:
        return asal.judul
    if rekaman.sumber_data is not None:  # a data field not logged as a value read (a code, a list)
        return label_data(rekaman.sumber_data, nama)
    return label_nilai(nama)


def f_kosong():
    return None


def f_sambung(daftar) -> str:
    return "".join(tampil(x) for x in daftar or [])


BATAS_DERET = 1000  # a typo of a year (2024 for 24) must not build a list of thousands


def f_deret(awal, akhir) -> list:
    if akhir - awal > BATAS_DERET:
        raise DataError(f"deret memerlukan dua bilangan bulat yang berdekatan (paling jauh {BATAS_DERET}), "
                        f"bukan {tampil(awal)} dan {tampil(akhir)}")
    return [Decimal(k) for k in range(int(awal), int(akhir) + 1)]


def f_sel_tahun(rekaman, awalan, tahun):
    return f_sel(rekaman, f"{awalan}_{int(tahun)}")


def f_pembilang_persen(persen, penyebut):
    """The integer k (0 ≤ k ≤ penyebut) nearest to persen × penyebut / 100 whose k / penyebut × 100,
    rounded half-up to the printed decimals of persen, is persen; None when there is none.

    The candidates are computed, never searched: k / n × 100 rounds to p exactly when it lies in
    the half-open interval [p − h, p + h) with h half a unit of the last printed digit, so every
    solution lies within n·h/100 of c = p·n/100, and the integers nearest to c are the only ones
    that can be the nearest solution. A denominator of 6.000.000.000 costs what 6 does."""
    p, n = persen, penyebut  # n is a whole number (its declared kind)
    if n <= 0:
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
    if nama.casefold() not in _KAMUS_BULAN:
        raise DataError(f"{uraian_nilai(nama)} bukan nama bulan")
    return Decimal(_KAMUS_BULAN[nama.casefold()])


def _nomor_bulan(x: Decimal) -> int:
    if x != x.to_integral_value() or not 1 <= x <= 12:
        raise DataError(f"nomor bulan harus bilangan bulat 1 sampai 12, bukan {tampil(x)}")
    return int(x)


def f_rentang_bulan(daftar) -> str:
    nomor = sorted({_nomor_bulan(x) for x in daftar or []})
    if not nomor:
        return "tidak ada bulan"
    runs: list[list[int]] = []
    for n in nomor:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return daftar_kata([nama_bulan(r[0]) if len(r) == 1 else f"{nama_bulan(r[0])}–{nama_bulan(r[-1])}"
                           for r in runs])


def f_kategori(nilai):
    k = pelaksana()
    return _label(k.rules.skala[k.rules.pengukuran.skala_kategori], nilai)


def f_golongan(skala, nilai):
    rules = pelaksana().rules
    if skala not in rules.skala:
        raise DataError(f"skala '{skala}' tidak ada; yang ada: {', '.join(sorted(rules.skala))}")
    return _label(rules.skala[skala], nilai)


def _label(skala, nilai) -> str:
    """The row label of ``nilai`` on ``skala``; the row is kept for the explanation."""
    g = golongkan(skala, nilai)
    pelaksana().golongan.append(g)
    if g.baris is None:
        raise DataError(f"nilai {tampil(nilai)} tidak masuk baris mana pun pada skala '{skala.id}'")
    return g.label


def _indikator(kode: str):
    rule = pelaksana().rules.indikator(kode)
    if rule is None:
        raise DataError(f"indikator '{kode}' tidak ada dalam set aturan")
    return rule


def f_polaritas(indikator) -> str:
    return _indikator(indikator).polaritas


def f_satuan(indikator) -> str:
    return _indikator(indikator).satuan


def f_angka_indikator(nilai, indikator) -> str:
    return nilai_satuan(nilai, _indikator(indikator).satuan)


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
    "nama_nilai": label_nilai,
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
