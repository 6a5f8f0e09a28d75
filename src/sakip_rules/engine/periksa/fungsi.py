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
from decimal import Decimal
from typing import Any, Callable

from ...angka import _KAMUS_BULAN, nama_bulan, presisi
from ...errors import DataError
from ...rules.fungsi_pemeriksaan import PELAKSANA, TANDA_FUNGSI
from ...rules.pemeriksaan import FungsiAturan
from ..calc import hitung
from ..capaian import golongkan
from ..rounding import bulatkan
from .rekaman import AsalNilai
from .tampil import gabung, kalimat_daftar, tampil


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


def _konteks() -> KonteksJalan:
    k = PELAKSANA.get(None)
    if k is None:
        raise DataError("fungsi ini hanya dapat dipakai saat pemeriksaan dijalankan")
    return k


# --------------------------------------------------------------------------- the built-in functions

def _perlu_angka(x, apa: str) -> Decimal:
    if x is None:
        raise DataError(f"{apa} tidak diketahui (tercetak '-' atau kosong)")
    if isinstance(x, bool) or not isinstance(x, Decimal):
        raise DataError(f"{apa} harus angka, bukan {x!r}")
    return x


def _perlu_daftar(daftar, fungsi: str):
    if not isinstance(daftar, (list, tuple)):
        raise DataError(f"{fungsi}() memerlukan daftar, bukan {daftar!r}")
    return daftar


def _perlu_rekaman(rekaman, fungsi: str):
    if not isinstance(rekaman, Mapping):
        raise DataError(f"{fungsi}() memerlukan rekaman, bukan {rekaman!r}")
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
        raise DataError(f"sama_teks membandingkan teks, bukan {a!r} dan {b!r}")
    return normal_teks(a) == normal_teks(b)


def f_satu(daftar):
    _perlu_daftar(daftar, "satu")
    if len(daftar) != 1:
        raise DataError("tidak ada yang cocok" if not daftar else
                        f"ada {len(daftar)} yang cocok, padahal harus tepat satu")
    return daftar[0]


def f_atau_kosong(daftar):
    _perlu_daftar(daftar, "atau_kosong")
    if len(daftar) > 1:
        raise DataError(f"ada {len(daftar)} yang cocok, padahal paling banyak satu")
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


def f_kosong():
    return None


def f_sambung(daftar) -> str:
    return "".join(tampil(x) for x in daftar or [])


def f_deret(awal, akhir) -> list:
    a = _perlu_angka(awal, "awal deret")
    b = _perlu_angka(akhir, "akhir deret")
    if a != a.to_integral_value() or b != b.to_integral_value() or b - a > 1000:
        raise DataError(f"deret memerlukan dua bilangan bulat yang berdekatan, bukan {a} dan {b}")
    return [Decimal(k) for k in range(int(a), int(b) + 1)]


def f_sel_tahun(rekaman, awalan, tahun):
    t = _perlu_angka(tahun, "tahun")
    return f_sel(rekaman, f"{awalan}_{int(t)}")


def f_pembilang_persen(persen, penyebut):
    p = _perlu_angka(persen, "persentase")
    n = _perlu_angka(penyebut, "penyebut")
    if n != n.to_integral_value() or n <= 0:
        raise DataError(f"penyebut harus bilangan bulat positif, bukan {n}")
    places = presisi(p)
    for k in range(int(n) + 1):
        if bulatkan(Decimal(k) / n * 100, places) == p:
            return Decimal(k)
    return None


def f_nomor_bulan(nama) -> Decimal:
    if not isinstance(nama, str) or nama.casefold() not in _KAMUS_BULAN:
        raise DataError(f"'{nama}' bukan nama bulan")
    return Decimal(_KAMUS_BULAN[nama.casefold()])


def f_rentang_bulan(daftar) -> str:
    nomor = sorted({int(x) for x in daftar or []})
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
    k = _konteks()
    return _label(k.rules.skala[k.rules.pengukuran.skala_kategori], _perlu_angka(nilai, "capaian"))


def f_golongan(skala, nilai):
    rules = _konteks().rules
    if not isinstance(skala, str) or skala not in rules.skala:
        raise DataError(f"skala '{tampil(skala)}' tidak ada; yang ada: {', '.join(sorted(rules.skala))}")
    return _label(rules.skala[skala], _perlu_angka(nilai, "nilai"))


def _label(skala, nilai) -> str:
    """The row label of ``nilai`` on ``skala``; the row is kept for the explanation."""
    g = golongkan(skala, nilai)
    _konteks().golongan.append(g)
    if g.baris is None:
        raise DataError(f"nilai {tampil(nilai)} tidak masuk baris mana pun pada skala '{skala.id}'")
    return g.label


def _indikator(kode):
    rule = _konteks().rules.indikator(kode) if isinstance(kode, str) else None
    if rule is None:
        raise DataError(f"indikator '{kode}' tidak ada dalam set aturan")
    return rule


def f_polaritas(indikator) -> str:
    return _indikator(indikator).polaritas


def f_satuan(indikator) -> str:
    return _indikator(indikator).satuan


def f_nama_indikator(indikator) -> str:
    return _indikator(indikator).nama


def f_parameter_aturan(aturan, nama):
    rule = _konteks().rules.perhitungan.get(aturan)
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
    "nama_indikator": f_nama_indikator,
    "parameter_aturan": f_parameter_aturan,
}

if PELAKSANAAN.keys() != TANDA_FUNGSI.keys():  # a signature without implementation, or the reverse
    raise ImportError("fungsi pemeriksaan tanpa pasangan: "
                      + ", ".join(sorted(PELAKSANAAN.keys() ^ TANDA_FUNGSI.keys())))
