"""The functions check formulas may call: their signatures here, their implementations in the engine.

A check file is compiled when the rule set is loaded, so every function name, its parameters and
its result type must be known then (an unknown function or a wrong arity is a load-time error).
What a function *does* is evaluation, which belongs to :mod:`sakip_rules.engine.periksa`: the
compiled formulas call a late-bound stub (:class:`PanggilanTertunda`) that asks the
:class:`Pelaksana` the engine has installed in :data:`PELAKSANA` for the running check item.
This keeps the loading layer (``rules/``) free of any import of the engine.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Protocol

from ..errors import DataError
from ..formula import ANY, BOOL, NUMBER, TEXT, ExternalFunction, ListOf, Type

if TYPE_CHECKING:
    from .pemeriksaan import FungsiAturan


@dataclass(frozen=True)
class Jenis:
    """The kind of value a parameter of a built-in function takes. The engine checks every
    argument against it before the function runs, so a rule author's mistake reads as
    "parameter tahun harus bilangan bulat, bukan angka 2024,5", never as a Python error."""

    nama: str  # how a message names the kind
    cocok: Callable[[Any], bool] = field(compare=False)
    boleh_kosong: bool = False  # an unknown value ('-' or kosong) is accepted

    def atau_kosong(self) -> Jenis:
        return Jenis(f"{self.nama} atau kosong", self.cocok, True)

    def menerima(self, value) -> bool:
        return self.boleh_kosong if value is None else self.cocok(value)


def _angka(v) -> bool:
    return isinstance(v, Decimal)  # a formula's numbers are Decimal (it turns int into Decimal, refuses float)


def _bulat(v) -> bool:
    return _angka(v) and v.is_finite() and v == v.to_integral_value()


def _daftar(v) -> bool:
    return isinstance(v, (list, tuple))


APA_SAJA = Jenis("nilai apa saja", lambda v: True, True)
ANGKA = Jenis("angka", _angka)
BILANGAN_BULAT = Jenis("bilangan bulat", _bulat)
TEKS = Jenis("teks", lambda v: isinstance(v, str))
DAFTAR = Jenis("daftar", _daftar)
DAFTAR_ANGKA = Jenis("daftar angka", lambda v: _daftar(v) and all(_angka(x) for x in v))
# teks, angka, benar/salah or kosong: what can be compared for 'unik' (a record or list cannot)
DAFTAR_NILAI = Jenis("daftar teks atau angka",
                     lambda v: _daftar(v) and all(x is None or isinstance(x, (str, bool)) or _angka(x) for x in v))
REKAMAN = Jenis("rekaman", lambda v: isinstance(v, Mapping))


@dataclass(frozen=True)
class TandaFungsi:
    """What the compiler and the engine need to know of a function: its parameters with the kind
    of value each takes, its result type and its description."""

    parameter: dict[str, Jenis]
    hasil: Type
    deskripsi: str


_P = TandaFungsi
#: Functions every check may call (implemented by ``engine.periksa.fungsi.PELAKSANAAN``).
TANDA_FUNGSI: dict[str, TandaFungsi] = {
    "ada": _P({"nilai": APA_SAJA}, BOOL, "benar bila nilainya diketahui (tidak tercetak '-' dan tidak kosong)"),
    "sama_presisi": _P({"dinyatakan": ANGKA, "dihitung": ANGKA}, BOOL,
                       "hasil hitung, dibulatkan setengah ke atas ke banyak desimal yang tercetak, sama dengan "
                       "nilai yang dinyatakan"),
    "sama_dipotong": _P({"dinyatakan": ANGKA, "dihitung": ANGKA}, BOOL,
                        "hasil hitung, dipotong (bukan dibulatkan) ke banyak desimal yang tercetak, sama dengan "
                        "nilai yang dinyatakan"),
    "sama_tercetak": _P({"a": ANGKA, "b": ANGKA}, BOOL,
                        "dua nilai tercetak sama pada presisi yang lebih rendah di antara keduanya"),
    "presisi": _P({"nilai": ANGKA}, NUMBER, "banyak desimal yang tercetak"),
    "bulatkan_seperti": _P({"nilai": ANGKA, "contoh": ANGKA}, NUMBER,
                           "nilai dibulatkan setengah ke atas ke banyak desimal contoh"),
    "sama_teks": _P({"a": TEKS.atau_kosong(), "b": TEKS.atau_kosong()}, BOOL,
                    "dua teks sama tanpa membedakan huruf besar-kecil dan spasi berlebih"),
    "satu": _P({"daftar": DAFTAR, "apa": TEKS}, ANY,
               "satu-satunya anggota daftar; bila tidak ada atau lebih dari satu, tidak dapat diperiksa dengan "
               "menyebut 'apa' (teks: yang dicari, mis. \"capaian indikator ini di Tabel 3.2\")"),
    "atau_kosong": _P({"daftar": DAFTAR, "apa": TEKS}, ANY,
                      "satu-satunya anggota daftar, atau kosong bila daftar kosong; lebih dari satu: tidak dapat "
                      "diperiksa dengan menyebut 'apa'"),
    "unik": _P({"daftar": DAFTAR_NILAI}, ListOf(ANY),
               "anggota daftar tanpa ulangan (teks dibandingkan dengan sama_teks)"),
    "sel": _P({"rekaman": REKAMAN, "nama": TEKS}, ANY, "nilai kolom bernama 'nama' pada rekaman"),
    "ada_kolom": _P({"rekaman": REKAMAN, "nama": TEKS}, BOOL, "benar bila rekaman memiliki kolom bernama 'nama'"),
    "sel_tahun": _P({"rekaman": REKAMAN, "awalan": TEKS, "tahun": BILANGAN_BULAT}, ANY,
                    "nilai kolom '<awalan>_<tahun>' pada rekaman, mis. sel_tahun(r, \"target\", 2024) = "
                    "r.target_2024"),
    "isi": _P({"rekaman": REKAMAN, "nama": TEKS}, ANY,
              "nilai kolom bernama 'nama', atau kosong bila rekaman tidak memiliki kolom itu"),
    "judul_kolom": _P({"rekaman": REKAMAN, "nama": TEKS}, TEXT,
                      "nama kolom 'nama' seperti dibaca auditor: judul kolom tercetak di tabel, nama nilai "
                      "pernyataan (\"realisasi anggaran\"), atau nama kolom data (\"target PK\")"),
    "nama_nilai": _P({"nama": TEKS}, TEXT,
                     "nama sebuah nilai seperti dibaca auditor, mis. \"target akhir\" untuk target_akhir, "
                     "\"nilai tahun lalu\" untuk nilai_lalu (sama dengan nama nilai pernyataan di tempat temuan)"),
    "kosong": _P({}, ANY, "nilai yang belum diketahui"),
    "sambung": _P({"daftar": DAFTAR.atau_kosong()}, TEXT,
                  "isi daftar disambung menjadi satu teks (angka gaya Indonesia)"),
    "deret": _P({"awal": BILANGAN_BULAT, "akhir": BILANGAN_BULAT}, ListOf(NUMBER),
                "bilangan bulat dari awal sampai akhir"),
    "pembilang_persen": _P({"persen": ANGKA, "penyebut": BILANGAN_BULAT}, ANY,
                           "bilangan bulat k sehingga k / penyebut × 100, dibulatkan ke presisi persen, sama "
                           "dengan persen (bila beberapa, yang terdekat dengan persen × penyebut / 100); kosong "
                           "bila tidak ada"),
    "nomor_bulan": _P({"nama": TEKS}, NUMBER, "nomor bulan dari namanya (januari = 1)"),
    "rentang_bulan": _P({"daftar": DAFTAR_ANGKA.atau_kosong()}, TEXT,
                        "nomor bulan sebagai teks, mis. 'Januari–Februari'"),
    "gabung": _P({"daftar": DAFTAR.atau_kosong()}, TEXT, "daftar sebagai teks: 'a, b dan c'"),
    "kategori": _P({"nilai": ANGKA}, TEXT, "label kategori capaian menurut skala pengukuran"),
    "golongan": _P({"skala": TEKS, "nilai": ANGKA}, TEXT,
                   "label baris skala (rules/skala/, menurut id) yang memuat nilai"),
    "polaritas": _P({"indikator": TEKS}, TEXT, "polaritas indikator menurut aturannya"),
    "satuan": _P({"indikator": TEKS}, TEXT, "satuan indikator menurut aturannya"),
    "angka_indikator": _P({"nilai": ANGKA.atau_kosong(), "indikator": TEKS}, TEXT,
                          "nilai ditulis dengan satuan indikatornya: 100% untuk indikator bersatuan persen, "
                          "90,43 untuk yang lain"),
    "nama_indikator": _P({"indikator": TEKS}, TEXT, "nama indikator menurut aturannya"),
    "parameter_aturan": _P({"aturan": TEKS, "nama": TEKS}, ANY, "nilai parameter sebuah aturan"),
}


class Pelaksana(Protocol):
    """What the engine installs while one check item is evaluated."""

    def panggil(self, nama: str, args: tuple) -> Any:
        """Run the function ``nama`` of :data:`TANDA_FUNGSI`."""

    def panggil_aturan(self, fungsi: FungsiAturan, args: tuple) -> Any:
        """Run a rule of the rule set called as a function (``fungsi:`` of a check)."""


PELAKSANA: contextvars.ContextVar[Pelaksana] = contextvars.ContextVar("sakip_pemeriksaan")


def pelaksana() -> Pelaksana:
    p = PELAKSANA.get(None)
    if p is None:
        raise DataError("fungsi ini hanya dapat dipakai saat pemeriksaan dijalankan")
    return p


@dataclass(frozen=True)
class PanggilanTertunda:
    """The implementation a compiled formula holds: resolved when called, by the running engine."""

    nama: str

    def __call__(self, *args):
        return pelaksana().panggil(self.nama, args)


def fungsi_bawaan() -> dict[str, ExternalFunction]:
    """The functions of :data:`TANDA_FUNGSI` as the formula compiler takes them."""
    return {n: ExternalFunction(tuple(t.parameter), PanggilanTertunda(n), t.deskripsi, t.hasil)
            for n, t in TANDA_FUNGSI.items()}


__all__ = ["Jenis", "APA_SAJA", "ANGKA", "BILANGAN_BULAT", "TEKS", "DAFTAR", "DAFTAR_ANGKA", "DAFTAR_NILAI",
           "REKAMAN", "TandaFungsi", "TANDA_FUNGSI", "Pelaksana", "PELAKSANA", "pelaksana", "PanggilanTertunda",
           "fungsi_bawaan"]
