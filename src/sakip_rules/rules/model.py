"""The rule objects a rule set is made of, as loaded and checked from YAML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from ..angka import format_angka
from ..errors import UsageError
from ..formula import Formula
from .interval import Interval, coverage
from .vocabulary import IKM_TINGKAT_NAMA


@dataclass(frozen=True)
class Dasar:
    """Provenance of a value: legal basis, local policy, or the project's interpretation."""

    jenis: str  # dasar_hukum | kebijakan_lokal | interpretasi
    acuan: str | None
    uraian: str | None
    diperiksa: dt.date

    LABEL = {"dasar_hukum": "Dasar hukum", "kebijakan_lokal": "Kebijakan lokal",
             "interpretasi": "Interpretasi"}

    def uraian_singkat(self) -> str:
        text = "; ".join(" ".join(t.split()) for t in (self.acuan, self.uraian) if t)
        return f"{self.LABEL[self.jenis]}: {text} (diperiksa {self.diperiksa:%d-%m-%Y})"


@dataclass(frozen=True)
class Masukan:
    nama: str
    deskripsi: str
    jenis: str
    sumber: str | None = None
    pilih: dict = field(default_factory=dict)
    pilihan: tuple[str, ...] = ()
    kolom: dict = field(default_factory=dict)
    rentang: Interval | None = None  # valid values (every number, for a list)
    banyak_butir: int | None = None  # valid list length


@dataclass(frozen=True)
class Parameter:
    nama: str
    nilai: Any
    teks: str  # as written, for explanations
    deskripsi: str
    dasar: tuple[Dasar, ...]


@dataclass(frozen=True)
class Pembulatan:
    tempat: int | str  # places, a parameter name, or "target"
    mode: str = "half_up"


@dataclass(frozen=True)
class Langkah:
    id: str
    deskripsi: str
    formula: Formula
    pembulatan: Pembulatan | None
    dapat_diberikan: bool
    dasar: tuple[Dasar, ...]
    line: int | None
    rentang: Interval | None = None  # valid values when the data gives this step


def ke_nilai(value):
    """Worked-example values as YAML gives them: ints become Decimal, recursively."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, list):
        return [ke_nilai(v) for v in value]
    if isinstance(value, dict):
        return {k: ke_nilai(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Contoh:
    """A worked example of a calculation rule; values as YAML gives them (see :func:`ke_nilai`)."""

    nama: str
    target: Decimal | None
    masukan: dict
    diberikan: dict
    parameter: dict
    harapan: dict
    line: int | None


@dataclass
class Perhitungan:
    """A calculation rule: a ``rumus`` or an ``indikator`` (which adds indicator metadata)."""

    jenis: str
    id: str
    nama: str
    deskripsi: str
    dasar: tuple[Dasar, ...]
    masukan: dict[str, Masukan]
    parameter: dict[str, Parameter]
    langkah: list[Langkah]
    hasil: str
    contoh: list[Contoh]
    file: str
    # indikator only
    sasaran: str | None = None
    satuan: str | None = None
    polaritas: str | None = None
    periode_pengukuran: str | None = None
    realisasi_tahunan: str | None = None
    sumber_data: str | None = None
    skala_tambahan: tuple[str, ...] = ()

    def cari_langkah(self, nama: str) -> Langkah | None:
        return self.langkah_per_id.get(nama)

    @cached_property
    def langkah_per_id(self) -> dict[str, Langkah]:
        return {s.id: s for s in self.langkah}

    @cached_property
    def parameter_bawaan(self) -> dict[str, Any]:
        return {k: p.nilai for k, p in self.parameter.items()}

    def kolom_dipakai(self, nama: str) -> frozenset[str] | None:
        """The fields of list input ``nama`` that the steps read; None when a step uses whole
        records. Data adapters build only these for evaluation (the explanation shows all)."""
        return self._kolom(nama, "fields_read")

    def kolom_berurutan(self, nama: str) -> frozenset[str] | None:
        """The fields of ``nama``'s records a step reads other than only counting or searching
        them (None: any); list fields not among them may be built unsorted."""
        return self._kolom(nama, "fields_in_order")

    def _kolom(self, nama: str, analysis: str) -> frozenset[str] | None:
        cache = self.__dict__.setdefault("_kolom_cache", {})
        key = (nama, analysis)
        if key not in cache:
            used: set[str] | None = set()
            for step in self.langkah:
                if nama in step.formula.free_names:
                    fields = getattr(step.formula, analysis)(nama)
                    if fields is None:
                        used = None
                        break
                    used |= fields
            cache[key] = None if used is None else frozenset(used)
        return cache[key]

    @cached_property
    def masukan_berbatas(self) -> tuple[Masukan, ...]:
        """Inputs that declare a valid range or list length (checked on every evaluation)."""
        return tuple(m for m in self.masukan.values() if m.rentang is not None or m.banyak_butir)

    @cached_property
    def perlu_target(self) -> bool:
        """Whether a step rounds to the target's precision (then the target must be known)."""
        return any(s.pembulatan is not None and s.pembulatan.tempat == "target" for s in self.langkah)


@dataclass(frozen=True)
class BarisSkala:
    rentang: Interval
    label: str
    kode: str | None
    warna: str | None
    tertulis: str | None
    line: int | None


@dataclass
class Skala:
    id: str
    nama: str
    deskripsi: str
    satuan: str | None
    domain: Interval
    resolusi: Decimal | None
    kebijakan_hit: str  # unik | pertama
    baris: list[BarisSkala]
    dasar: tuple[Dasar, ...]
    contoh: list[tuple[Decimal, str, int | None]]
    file: str

    def _baris_teks(self, i: int) -> str:
        b = self.baris[i]
        return f"baris {i + 1} '{b.label}' {b.rentang} (baris {b.line})"

    def masalah_cakupan(self) -> list[tuple[str, int | None, str]]:
        """Gaps, overlaps (for hit policy 'unik') and rows outside the domain: (kind, line, message)."""
        out = []
        for p in coverage(self.domain, [b.rentang for b in self.baris], self.resolusi):
            if p.kind == "celah":
                near = " dan ".join(self._baris_teks(i) for i in p.rows) or "tanpa baris"
                out.append((p.kind, self.baris[p.rows[0]].line if p.rows else None,
                            f"skala '{self.id}' memiliki celah {p.interval}: tidak ada baris untuk nilai ini "
                            f"(di antara {near})"))
            elif p.kind == "tumpang_tindih" and self.kebijakan_hit == "unik":
                a, b = p.rows
                out.append((p.kind, self.baris[b].line,
                            f"skala '{self.id}' tumpang tindih pada {p.interval}: {self._baris_teks(a)} "
                            f"dan {self._baris_teks(b)} sama-sama cocok (kebijakan_hit: unik)"))
            elif p.kind == "di_luar_domain":
                i = p.rows[0]
                out.append((p.kind, self.baris[i].line,
                            f"skala '{self.id}': {self._baris_teks(i)} keluar dari domain {self.domain}"))
        return out

    def golongkan(self, nilai: Decimal) -> tuple[int, BarisSkala] | None:
        """The matching row (index, row) for a value, or None when no row matches."""
        for lo, lo_closed, hi, hi_closed, hit in self._batas:  # 'unik' overlaps are refused at load
            if (lo < nilai or (lo_closed and lo == nilai)) and (nilai < hi or (hi_closed and nilai == hi)):
                return hit
        return None

    @cached_property
    def _batas(self) -> tuple:
        """Each row's bounds, unpacked once: classifying is on every evaluation's path."""
        return tuple((b.rentang.lo, b.rentang.lo_closed, b.rentang.hi, b.rentang.hi_closed, (i, b))
                     for i, b in enumerate(self.baris))


@dataclass
class Pengukuran:
    id: str
    nama: str
    deskripsi: str
    indikator: tuple[str, ...]
    rumus_capaian: str
    skala_kategori: str
    rumus_rata_rata: str
    rumus_realisasi_anggaran: str
    rumus_efisiensi: str
    rumus_rata_rata_efisiensi: str
    dasar: tuple[Dasar, ...]
    file: str


@dataclass
class RuleSet:
    """A whole, checked rule set. Nothing is evaluated with a half-loaded one."""

    folder: Path
    pengukuran: Pengukuran
    perhitungan: dict[str, Perhitungan]
    skala: dict[str, Skala]
    lainnya: dict[str, Any]  # other kinds (e.g. pemeriksaan) keyed by id
    fingerprint: str
    files: list[str]

    def indikator(self, id_: str) -> Perhitungan | None:
        rule = self.perhitungan.get(id_)
        return rule if rule and rule.jenis == "indikator" else None

    def rumus(self, id_: str) -> Perhitungan:
        return self.perhitungan[id_]

    def daftar_indikator(self) -> list[Perhitungan]:
        return [self.perhitungan[i] for i in self.pengukuran.indikator]


@dataclass(frozen=True)
class AturanIkm:
    """What the rule set says a survey looks like: how many unsur, which answers, which IKM values."""

    unsur: int
    skor_min: int
    skor_maks: int
    nilai_min: Decimal
    nilai_maks: Decimal

    def jumlah_mustahil(self, jumlah: Decimal, terisi: int) -> str | None:
        """Why ``jumlah`` cannot be the sum of ``terisi`` answers of one unsur (None: it can)."""
        lo, hi = terisi * self.skor_min, terisi * self.skor_maks
        if lo <= jumlah <= hi:
            return None
        return (f"{format_angka(jumlah)} tidak mungkin untuk {terisi} jawaban bernilai "
                f"{self.skor_min}–{self.skor_maks} (harus {lo}–{hi})")


def bentuk_survei(rule: Perhitungan) -> AturanIkm | None:
    """The survey shape ``rule`` declares when it takes the ``ikm`` source (else None): its
    answers input and its final value. The loader refused any such rule without banyak_butir, a
    closed whole-number answer range and a closed range on the final value, so the conversions
    here are exact."""
    masukan = next((m for m in rule.masukan.values() if m.sumber == "ikm"), None)
    if masukan is None:
        return None
    nilai = rule.cari_langkah(IKM_TINGKAT_NAMA["nilai"][0])
    return AturanIkm(masukan.banyak_butir, int(masukan.rentang.lo), int(masukan.rentang.hi),
                     nilai.rentang.lo, nilai.rentang.hi)


def aturan_ikm(rules: RuleSet) -> AturanIkm:
    """The survey shape of the rule set (every rule taking the ``ikm`` source declares the same
    one: the loader refuses rules that differ)."""
    for rule in rules.perhitungan.values():
        bentuk = bentuk_survei(rule)
        if bentuk is not None:
            return bentuk
    raise UsageError("aturan tidak memuat indikator dengan sumber ikm; kiriman IKM tidak dapat diperiksa")
