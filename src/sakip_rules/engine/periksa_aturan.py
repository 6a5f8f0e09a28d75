"""`sakip periksa-aturan`: prove a rule set is well-formed, complete and does what its examples say.

Loading already checks schemas and names. Here we add what needs evaluation:
every scale covers its domain with no gap and no overlap (naming the exact interval
and rows), and every worked example (``contoh``) gives its expected values: the results of
calculation rules, and the findings of report checks (``rules/pemeriksaan/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import DataError, ErrorList, SakipError
from ..rules.loader import load_rules
from ..rules.model import Perhitungan, RuleSet, Skala, ke_nilai
from ..rules.pemeriksaan import Pemeriksaan, cocokkan_harapan
from .calc import hitung
from .periksa import jalankan_contoh


@dataclass
class Temuan:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass
class HasilPeriksaAturan:
    rules: RuleSet | None
    temuan: list[Temuan]
    contoh_lulus: int
    skala_diperiksa: int

    @property
    def ok(self) -> bool:
        return not self.temuan


def periksa_skala(skala: Skala) -> tuple[list[Temuan], int]:
    """Coverage problems and failing examples of one scale, and the number of examples that pass."""
    out = [Temuan(skala.file, line, message) for _, line, message in skala.masalah_cakupan()]
    passed = 0
    for nilai, label, line in skala.contoh:
        hit = skala.golongkan(nilai)
        got = hit[1].label if hit else None
        if got != label:
            out.append(Temuan(skala.file, line, f"contoh nilai {nilai}: diharapkan '{label}', "
                                                f"hasil skala '{got or 'tidak ada baris'}'"))
        else:
            passed += 1
    return out, passed


def _same(expected, got) -> bool:
    if isinstance(expected, list):
        return isinstance(got, list) and len(expected) == len(got) and all(_same(e, g) for e, g in zip(expected, got))
    if isinstance(expected, (int, Decimal)) and not isinstance(expected, bool):
        return isinstance(got, Decimal) and Decimal(expected) == got
    return expected == got


def periksa_contoh(rule: Perhitungan) -> tuple[list[Temuan], int]:
    out, passed = [], 0
    for c in rule.contoh:
        try:
            result = hitung(rule, ke_nilai(c.masukan), diberikan=ke_nilai(c.diberikan),
                            parameter=c.parameter, target=ke_nilai(c.target))
        except DataError as exc:
            out.append(Temuan(rule.file, c.line, f"contoh '{c.nama}' gagal dihitung: {exc.message}"))
            continue
        wrong = []
        for name, expected in c.harapan.items():
            got = result.nilai_nama.get(name)
            if not _same(expected, got):
                wrong.append(f"{name} diharapkan {expected}, hasil {got}")
        if wrong:
            out.append(Temuan(rule.file, c.line, f"contoh '{c.nama}': " + "; ".join(wrong)))
        else:
            passed += 1
    return out, passed


def periksa_contoh_pemeriksaan(check: Pemeriksaan, rules: RuleSet) -> tuple[list[Temuan], int]:
    """The failing worked examples of a report check, and the number of examples that give exactly
    the expected findings (problems with the rest of the rule set were refused by load_rules)."""
    out, passed = [], 0
    for c in check.contoh:
        try:
            temuan = jalankan_contoh(check, rules, c)
        except SakipError as exc:
            out.append(Temuan(check.file, c.line, f"contoh '{c.nama}' gagal dijalankan: {exc.message}"))
            continue
        problem = cocokkan_harapan(c.harapan, temuan)
        if problem:
            out.append(Temuan(check.file, c.line, f"contoh '{c.nama}': {problem}"))
        else:
            passed += 1
    return out, passed


def periksa_aturan(folder: Path | str) -> HasilPeriksaAturan:
    try:
        rules = load_rules(folder)
    except ErrorList as exc:
        return HasilPeriksaAturan(None, [Temuan(e.file or str(folder), e.line,
                                               (f"[{e.key}] " if e.key else "") + e.message) for e in exc.errors], 0, 0)
    except SakipError as exc:
        return HasilPeriksaAturan(None, [Temuan(exc.file or str(folder), exc.line, exc.message)], 0, 0)
    temuan: list[Temuan] = []
    passed = 0
    for skala in rules.skala.values():
        t, n = periksa_skala(skala)
        temuan.extend(t)
        passed += n
    for rule in rules.perhitungan.values():
        t, n = periksa_contoh(rule)
        temuan.extend(t)
        passed += n
    for extra in rules.lainnya.values():
        if isinstance(extra, Pemeriksaan):
            t, n = periksa_contoh_pemeriksaan(extra, rules)
            temuan.extend(t)
            passed += n
    return HasilPeriksaAturan(rules, temuan, passed, len(rules.skala))
