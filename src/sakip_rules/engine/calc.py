"""Evaluate one calculation rule (rumus or indikator) with a full trace.

Evaluation is on demand from the result step: a step whose value the data supplies
(``dapat_diberikan``) is taken as given and the steps that would have produced it
are not evaluated. Every evaluated or given step is traced in rule order, with the
formula, the formula filled with values, the value before and after rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from typing import Any

from ..errors import DataError
from ..formula import FormulaError, in_formula_context
from ..rules.model import Langkah, Perhitungan
from .rounding import MODES, bulatkan, kuantum, presisi


@dataclass
class JejakLangkah:
    """One step of a trace. The filled-in formula is rendered only when someone reads it."""

    id: str
    deskripsi: str
    mentah: Any  # value before rounding
    nilai: Any  # value after rounding
    tempat: int | None = None
    mode: str | None = None
    diberikan: bool = False
    asal: str | None = None
    langkah: Langkah | None = None
    env: dict | None = None  # the evaluation's names; a step's inputs never change once set

    @property
    def rumus(self) -> str | None:
        """The formula with pretty operators; None when the value was given by data."""
        return None if self.diberikan or self.langkah is None else self.langkah.formula.pretty()

    def terisi(self, fmt) -> str | None:
        """The formula with every name replaced by its formatted value."""
        if self.diberikan or self.langkah is None:
            return None
        return self.langkah.formula.render(self.env, fmt)


class HasilHitung:
    """The result of one calculation: its value and, on demand, the trace of every step."""


    def __init__(self, rule, nilai, mentah, nilai_nama, parameter, masukan, steps, asal):
        self.rule = rule
        self.nilai = nilai
        self.mentah = mentah  # the result before its own rounding
        self.nilai_nama = nilai_nama
        self.parameter = parameter
        self.masukan = masukan
        self._steps = steps  # (step, raw, value, places, mode, given) in rule order
        self._asal = asal

    @cached_property
    def jejak(self) -> list[JejakLangkah]:
        env, asal = self.nilai_nama, self._asal
        return [JejakLangkah(step.id, step.deskripsi, raw, value, places, mode, given,
                             asal.get(step.id) if given else None, step, env)
                for step, raw, value, places, mode, given in self._steps]


_NOTHING_GIVEN: frozenset = frozenset()


def _plan(rule: Perhitungan, given: frozenset) -> tuple:
    """The steps needed for the result, in rule order, each with what evaluating it needs:
    (step, given?, compiled formula, rounding places or None, quantum, mode). A given step's
    upstream is not needed. Built once per rule and set of given names."""
    cache = rule.__dict__.setdefault("_rencana", {})
    plan = cache.get(given)
    if plan is None:
        ids = rule.langkah_per_id
        needed = {rule.hasil}
        chosen = []
        for step in reversed(rule.langkah):
            if step.id not in needed:
                continue
            is_given = step.dapat_diberikan and step.id in given
            if not is_given:
                needed.update(n for n in step.formula.free_names if n in ids)
            chosen.append((step, is_given))
        plan = cache[given] = tuple(_prepared(step, is_given) for step, is_given in reversed(chosen))
    return plan


def _prepared(step: Langkah, given: bool) -> tuple:
    if step.pembulatan is None:
        return step, given, step.formula.evaluate, None, None, None
    tempat, mode = step.pembulatan.tempat, step.pembulatan.mode
    quantum = kuantum(tempat) if isinstance(tempat, int) else None
    return step, given, step.formula.evaluate, tempat, quantum, mode


def hitung(rule: Perhitungan, masukan: dict[str, Any] | None = None, *,
           diberikan: dict[str, Any] | None = None, parameter: dict[str, Any] | None = None,
           target: Decimal | None = None, asal: dict[str, str] | None = None) -> HasilHitung:
    """Evaluate ``rule``; raise DataError (Indonesian) for missing data or a failing formula."""
    return in_formula_context(_hitung, rule, masukan, diberikan, parameter, target, asal)


def _hitung(rule, masukan, diberikan, parameter, target, asal) -> HasilHitung:
    params = rule.parameter_bawaan
    if parameter:
        params = {**params, **parameter}
    env: dict[str, Any] = dict(params)
    if target is not None:
        env["target"] = target
    if masukan:
        for declared in rule.masukan_berbatas:
            if declared.nama in masukan:
                _dalam_rentang(rule, declared.nama, masukan[declared.nama], declared.rentang,
                               declared.banyak_butir)
        env.update(masukan)
    steps = []
    raw = value = None
    for step, given, evaluate, tempat, quantum, mode in _plan(rule, frozenset(diberikan) if diberikan
                                                              else _NOTHING_GIVEN):
        if given:
            if step.rentang is not None:
                _dalam_rentang(rule, step.id, diberikan[step.id], step.rentang, None)
            raw = value = env[step.id] = diberikan[step.id]
            steps.append((step, raw, value, None, None, True))
            continue
        try:
            raw = evaluate(env)
        except FormulaError as exc:
            raise _failure(rule, step, env, exc) from None
        if tempat is None:
            value = env[step.id] = raw
            steps.append((step, raw, raw, None, None, False))
            continue
        if quantum is not None and type(raw) is Decimal:
            places = tempat
            value = raw.quantize(quantum, MODES[mode])
        else:
            places = _places(rule, step, env)
            value = raw if places is None else bulatkan(raw, places, mode)
        env[step.id] = value
        steps.append((step, raw, value, places, None if places is None else mode, False))
    return HasilHitung(rule, value, raw, env, params, masukan or {}, steps, asal or {})


def _dalam_rentang(rule: Perhitungan, name: str, value, rentang, banyak: int | None) -> None:
    """Data outside the range or length the rule declares is refused, naming the rule."""
    if banyak is not None and isinstance(value, list) and len(value) != banyak:
        raise DataError(f"'{name}' harus berisi {banyak} butir menurut {rule.file}, bukan {len(value)}")
    if rentang is None:
        return
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, (Decimal, int)) and not isinstance(v, bool) and v not in rentang:
            raise DataError(f"nilai {v} pada '{name}' di luar rentang {rentang} menurut {rule.file}")


def _failure(rule: Perhitungan, step: Langkah, env: dict, exc: FormulaError) -> DataError:
    """A missing input is named as missing data; anything else quotes the failing formula."""
    for name in sorted(step.formula.free_names):
        if name not in env:
            if name == "target":
                return DataError(f"{rule.id}: target tahun ini belum ada, padahal langkah '{step.id}' memerlukannya")
            if name in rule.masukan:
                return DataError(f"data '{name}' ({rule.masukan[name].deskripsi}) belum tersedia")
            return DataError(f"nama '{name}' belum bernilai pada langkah '{step.id}'", file=rule.file, line=step.line)
    return DataError(f"langkah '{step.id}' ({step.formula.source.strip()}): {exc.message}",
                     file=rule.file, line=step.line)


def _places(rule: Perhitungan, step: Langkah, env: dict) -> int | None:
    tempat = step.pembulatan.tempat
    if isinstance(tempat, int):
        return tempat
    if tempat == "target":
        if env.get("target") is None:
            raise DataError(f"langkah '{step.id}' dibulatkan ke presisi target, tetapi target belum ada",
                            file=rule.file, line=step.line)
        return presisi(env["target"])
    value = env.get(tempat)
    return None if value is None else int(value)
