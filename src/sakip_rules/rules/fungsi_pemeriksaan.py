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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import DataError
from ..formula import ANY, BOOL, NUMBER, TEXT, ExternalFunction, ListOf, Type

if TYPE_CHECKING:
    from .pemeriksaan import FungsiAturan


@dataclass(frozen=True)
class TandaFungsi:
    """What the compiler needs to know of a function: parameters, result type, description."""

    parameter: tuple[str, ...]
    hasil: Type
    deskripsi: str


#: Functions every check may call (implemented by ``engine.periksa.fungsi.PELAKSANAAN``).
TANDA_FUNGSI: dict[str, TandaFungsi] = {
    "ada": TandaFungsi(("nilai",), BOOL, "benar bila nilainya diketahui (tidak tercetak '-' dan tidak kosong)"),
    "sama_presisi": TandaFungsi(("dinyatakan", "dihitung"), BOOL,
                                "hasil hitung, dibulatkan setengah ke atas ke banyak desimal yang tercetak, sama "
                                "dengan nilai yang dinyatakan"),
    "sama_dipotong": TandaFungsi(("dinyatakan", "dihitung"), BOOL,
                                 "hasil hitung, dipotong (bukan dibulatkan) ke banyak desimal yang tercetak, sama "
                                 "dengan nilai yang dinyatakan"),
    "sama_tercetak": TandaFungsi(("a", "b"), BOOL,
                                 "dua nilai tercetak sama pada presisi yang lebih rendah di antara keduanya"),
    "presisi": TandaFungsi(("nilai",), NUMBER, "banyak desimal yang tercetak"),
    "bulatkan_seperti": TandaFungsi(("nilai", "contoh"), NUMBER,
                                    "nilai dibulatkan setengah ke atas ke banyak desimal contoh"),
    "sama_teks": TandaFungsi(("a", "b"), BOOL,
                             "dua teks sama tanpa membedakan huruf besar-kecil dan spasi berlebih"),
    "satu": TandaFungsi(("daftar", "apa"), ANY,
                        "satu-satunya anggota daftar; bila tidak ada atau lebih dari satu, tidak dapat diperiksa "
                        "dengan menyebut 'apa' (teks: yang dicari, mis. \"capaian indikator ini di Tabel 3.2\")"),
    "atau_kosong": TandaFungsi(("daftar", "apa"), ANY,
                               "satu-satunya anggota daftar, atau kosong bila daftar kosong; lebih dari satu: tidak "
                               "dapat diperiksa dengan menyebut 'apa'"),
    "unik": TandaFungsi(("daftar",), ListOf(ANY),
                        "anggota daftar tanpa ulangan (teks dibandingkan dengan sama_teks)"),
    "sel": TandaFungsi(("rekaman", "nama"), ANY, "nilai kolom bernama 'nama' pada rekaman"),
    "ada_kolom": TandaFungsi(("rekaman", "nama"), BOOL, "benar bila rekaman memiliki kolom bernama 'nama'"),
    "sel_tahun": TandaFungsi(("rekaman", "awalan", "tahun"), ANY,
                             "nilai kolom '<awalan>_<tahun>' pada rekaman, mis. sel_tahun(r, \"target\", 2024) = "
                             "r.target_2024"),
    "isi": TandaFungsi(("rekaman", "nama"), ANY,
                       "nilai kolom bernama 'nama', atau kosong bila rekaman tidak memiliki kolom itu"),
    "judul_kolom": TandaFungsi(("rekaman", "nama"), TEXT,
                               "nama kolom 'nama' seperti dibaca auditor: judul kolom tercetak di tabel, nama nilai "
                               "pernyataan (\"realisasi anggaran\"), atau nama kolom data (\"target PK\")"),
    "kosong": TandaFungsi((), ANY, "nilai yang belum diketahui"),
    "sambung": TandaFungsi(("daftar",), TEXT, "isi daftar disambung menjadi satu teks (angka gaya Indonesia)"),
    "deret": TandaFungsi(("awal", "akhir"), ListOf(NUMBER), "bilangan bulat dari awal sampai akhir"),
    "pembilang_persen": TandaFungsi(("persen", "penyebut"), ANY,
                                    "bilangan bulat k sehingga k / penyebut × 100, dibulatkan ke presisi persen, "
                                    "sama dengan persen; kosong bila tidak ada"),
    "nomor_bulan": TandaFungsi(("nama",), NUMBER, "nomor bulan dari namanya (januari = 1)"),
    "rentang_bulan": TandaFungsi(("daftar",), TEXT, "nomor bulan sebagai teks, mis. 'Januari–Februari'"),
    "gabung": TandaFungsi(("daftar",), TEXT, "daftar sebagai teks: 'a, b dan c'"),
    "kategori": TandaFungsi(("nilai",), TEXT, "label kategori capaian menurut skala pengukuran"),
    "golongan": TandaFungsi(("skala", "nilai"), TEXT, "label baris skala (rules/skala/, menurut id) yang memuat nilai"),
    "polaritas": TandaFungsi(("indikator",), TEXT, "polaritas indikator menurut aturannya"),
    "satuan": TandaFungsi(("indikator",), TEXT, "satuan indikator menurut aturannya"),
    "angka_indikator": TandaFungsi(("nilai", "indikator"), TEXT,
                                   "nilai ditulis dengan satuan indikatornya: 100% untuk indikator bersatuan "
                                   "persen, 90,43 untuk yang lain"),
    "nama_indikator": TandaFungsi(("indikator",), TEXT, "nama indikator menurut aturannya"),
    "parameter_aturan": TandaFungsi(("aturan", "nama"), ANY, "nilai parameter sebuah aturan"),
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
    return {n: ExternalFunction(t.parameter, PanggilanTertunda(n), t.deskripsi, t.hasil)
            for n, t in TANDA_FUNGSI.items()}


__all__ = ["TandaFungsi", "TANDA_FUNGSI", "Pelaksana", "PELAKSANA", "pelaksana", "PanggilanTertunda",
           "fungsi_bawaan"]
