"""Evaluate one calculation rule (rumus or indikator) with a full trace.

Evaluation is on demand from the result step: a step whose value the data supplies
(``dapat_diberikan``) is taken as given and the steps that would have produced it
are not evaluated. Every evaluated or given step is traced in rule order, with the
formula, the formula filled with values, the value before and after rounding.

The evaluated steps run as one compiled program per rule and set of given names; if it fails,
the steps run again one at a time so that the message names the failing step and column. The
trace is built only when it is read, from the values the program returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from typing import Any, Callable, Iterable

from ..angka import format_angka, presisi
from ..errors import DataError
from ..formula import (MAX_PLACES, FormulaError, compile_formula, compile_program, in_formula_context,
                       places_valid)
from ..rules.model import Langkah, Perhitungan
from .rounding import MODES, bulatkan


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

    def __init__(self, rule: Perhitungan, plan: "_Rencana", values: tuple, env: dict, parameter: dict | None,
                 masukan: dict | None, asal: dict | None):
        self.rule = rule
        self.nilai_nama = env
        self.masukan = masukan or {}
        self._parameter = parameter
        self._plan = plan
        self._values = values  # (raw, value) of every evaluated step, flat, in plan order
        self._asal = asal or {}
        if plan.hasil_diberikan:
            self.mentah = self.nilai = env[rule.hasil]
        else:
            self.mentah, self.nilai = values[-2], values[-1]  # the result before and after rounding

    @property
    def parameter(self) -> dict:
        """The parameters used: the rule's defaults with the caller's overrides."""
        return {**self.rule.parameter_bawaan, **self._parameter} if self._parameter else self.rule.parameter_bawaan

    @cached_property
    def jejak(self) -> list[JejakLangkah]:
        env, asal, values = self.nilai_nama, self._asal, iter(self._values)
        out = []
        for step, given in self._plan.langkah:
            if given:
                value = env[step.id]
                out.append(JejakLangkah(step.id, step.deskripsi, value, value, None, None, True,
                                        asal.get(step.id), step, env))
                continue
            raw, value = next(values), next(values)
            places = None if step.pembulatan is None else _places(self.rule, step, env)
            mode = None if places is None else step.pembulatan.mode
            out.append(JejakLangkah(step.id, step.deskripsi, raw, value, places, mode, False, None, step, env))
        return out


_NOTHING_GIVEN: frozenset = frozenset()


class _Rencana:
    """How to evaluate a rule when the data gives some steps: the steps the result needs, in
    rule order (a given step's upstream is not needed), and one compiled program for the
    evaluated ones. Built once per rule and set of given names."""

    __slots__ = ("langkah", "diberikan", "dihitung", "hasil_diberikan", "program")

    def __init__(self, rule: Perhitungan, given: frozenset):
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
        self.langkah = tuple(reversed(chosen))
        self.diberikan = tuple(step for step, is_given in self.langkah if is_given)
        self.dihitung = tuple(step for step, is_given in self.langkah if not is_given)
        self.hasil_diberikan = self.langkah[-1][1]
        self.program = compile_program([_program_step(rule, step) for step in self.dihitung])


def _program_step(rule: Perhitungan, step: Langkah) -> tuple:
    """(name, formula, places, rounding, post) for compile_program: the declared rounding.
    Places from the target or a parameter are worked out inside the program; anything unusual
    (no places, a bad value) goes to ``round_declared``, which rounds or names the problem."""
    if step.pembulatan is None:
        return step.id, step.formula, None, None, None
    tempat, mode = step.pembulatan.tempat, step.pembulatan.mode

    def round_declared(raw, env):
        places = _places(rule, step, env)
        return raw if places is None else bulatkan(raw, places, mode)

    if isinstance(tempat, int):
        places = tempat
    elif tempat == "target":
        places = ("target", presisi)
    else:
        places = (tempat, _tempat)
    return step.id, step.formula, places, MODES[mode], round_declared


_TEMPAT = {Decimal(k): k for k in range(MAX_PLACES + 1)}


def _tempat(value) -> int | None:
    """A parameter's Decimal value as places, when it is one (2.0 is 2); None otherwise."""
    return _TEMPAT.get(value) if type(value) is Decimal else None


def _plan(rule: Perhitungan, given: frozenset) -> _Rencana:
    cache = rule.__dict__.get("_rencana")
    if cache is None:
        cache = rule.__dict__["_rencana"] = {}
    plan = cache.get(given)
    if plan is None:
        plan = cache[given] = _Rencana(rule, given)
    return plan


def rencana_langsung(rule: Perhitungan, diberikan: frozenset = _NOTHING_GIVEN,
                     masukan: Iterable[str] | None = None) -> _Rencana | None:
    """The plan of ``rule`` when the data gives the steps named in ``diberikan`` and the inputs
    named in ``masukan`` (None: every input), if its program may be called directly: the program
    exists and :func:`jalankan` would check nothing first (no given step and no input present
    declares a range). For a caller that evaluates the rule for every row of a country and needs
    only the values left in ``env``: it puts the given values in ``env``, calls
    ``plan.program(env)``, and uses :func:`jalankan` when that returns None (jalankan then names
    the failing step). Else None."""
    ada = rule.masukan if masukan is None else masukan
    if any(m.nama in ada for m in rule.masukan_berbatas):
        return None
    plan = _plan(rule, diberikan)
    if plan.program is None or any(step.rentang is not None for step in plan.diberikan):
        return None
    return plan


def program_bersambung(pertama: Perhitungan, rencana: _Rencana, kedua: Perhitungan, menerima: str,
                       sama: frozenset, susunan: dict[str, tuple[str, ...]] | None = None
                       ) -> Callable[[dict], tuple | None] | None:
    """One program evaluating ``pertama`` by its direct plan ``rencana`` and then ``kedua`` with
    nothing given, in one ``env``: ``kedua``'s input ``menerima`` takes ``pertama``'s result,
    and the names in ``sama`` are read by both with the same value (e.g. an indicator then its
    capaian, sharing the target). For a caller keeping only the values; returns None on any
    failure, like every program, and is None itself where the two rules' names would meet in
    ``env`` or ``kedua`` cannot run directly (see :func:`rencana_langsung`). ``susunan``: records
    of ``pertama``'s inputs given as tuples of fields (``sources.susunan_aturan``)."""
    lanjut = rencana_langsung(kedua)
    if rencana is None or lanjut is None:
        return None
    names_a = {*pertama.parameter_bawaan, *pertama.masukan, *pertama.langkah_per_id, *sama}
    names_b = {*kedua.parameter_bawaan, *kedua.masukan, *kedua.langkah_per_id} - sama - {menerima}
    if names_a & names_b or (menerima != pertama.hasil and menerima in names_a):
        return None
    steps = [_program_step(pertama, step) for step in rencana.dihitung]
    if menerima != pertama.hasil:  # the result under the name kedua reads
        steps.append((menerima, compile_formula(pertama.hasil, [pertama.hasil]), None, None, None))
    steps += [_program_step(kedua, step) for step in lanjut.dihitung]
    return compile_program(steps, susunan)


def hitung(rule: Perhitungan, masukan: dict[str, Any] | None = None, *,
           diberikan: dict[str, Any] | None = None, parameter: dict[str, Any] | None = None,
           target: Decimal | None = None, asal: dict[str, str] | None = None) -> HasilHitung:
    """Evaluate ``rule``; raise DataError (Indonesian) for missing data or a failing formula."""
    return in_formula_context(hitung_dalam_konteks, rule, masukan, diberikan, parameter, target, asal)


def hitung_dalam_konteks(rule: Perhitungan, masukan: dict | None = None, diberikan: dict | None = None,
                         parameter: dict | None = None, target: Decimal | None = None,
                         asal: dict | None = None) -> HasilHitung:
    """:func:`hitung` for a caller already inside :func:`formula.in_formula_context` (the
    engine's loops: one context switch for a whole table)."""
    env: dict[str, Any] = dict(rule.parameter_bawaan)
    if parameter:
        env.update(parameter)
    if target is not None:
        env["target"] = target
    if masukan:
        env.update(masukan)
    plan, values = jalankan(rule, env, masukan, diberikan)
    return HasilHitung(rule, plan, values, env, parameter, masukan, asal)


def jalankan(rule: Perhitungan, env: dict, masukan: dict | None, diberikan: dict | None) -> tuple:
    """The evaluation itself, without a result object: ``env`` already holds the parameters,
    the target and ``masukan``; the given step values are added and every evaluated step's
    value stored. Returns ``(plan, values)`` for :class:`HasilHitung`; raises DataError."""
    if masukan:
        for declared in rule.masukan_berbatas:
            if declared.nama in masukan:
                _dalam_rentang(rule, declared.nama, masukan[declared.nama], declared.rentang,
                               declared.banyak_butir)
    if diberikan:
        plan = _plan(rule, frozenset(diberikan))
        for step in plan.diberikan:
            if step.rentang is not None:
                _dalam_rentang(rule, step.id, diberikan[step.id], step.rentang, None)
            env[step.id] = diberikan[step.id]
    else:
        plan = _plan(rule, _NOTHING_GIVEN)
    program = plan.program
    values = program(env) if program is not None else None
    if values is None:
        values = _step_by_step(rule, plan, env)
    return plan, values


def _step_by_step(rule: Perhitungan, plan: _Rencana, env: dict) -> tuple:
    """The evaluated steps one at a time: the path that names the failing step precisely."""
    values = []
    for step in plan.dihitung:
        try:
            raw = step.formula.evaluate(env)
        except FormulaError as exc:
            raise _failure(rule, step, env, exc) from None
        value = raw
        if step.pembulatan is not None:
            places = _places(rule, step, env)
            if places is not None:
                value = bulatkan(raw, places, step.pembulatan.mode)
        env[step.id] = value
        values += (raw, value)
    return tuple(values)


def _dalam_rentang(rule: Perhitungan, name: str, value, rentang, banyak: int | None) -> None:
    """Data outside the range or length the rule declares is refused, naming the rule."""
    if banyak is not None and isinstance(value, list) and len(value) != banyak:
        raise DataError(f"'{name}' harus berisi {banyak} butir menurut {rule.file}, bukan {len(value)}")
    if rentang is None:
        return
    if type(value) is list and value and all(type(v) is Decimal for v in value):
        # the usual input, a flat list of numbers: an interval holds all when it holds both ends
        if min(value) in rentang and max(value) in rentang:
            return
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, (Decimal, int)) and not isinstance(v, bool) and v not in rentang:
            raise DataError(f"nilai {format_angka(v)} pada '{name}' di luar rentang {rentang} menurut {rule.file}")


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
    if value is None:
        return None
    if not places_valid(value):
        shown = format_angka(value) if isinstance(value, Decimal) and value.is_finite() else value
        raise DataError(f"langkah '{step.id}' dibulatkan ke '{tempat}' desimal, tetapi '{tempat}' bernilai "
                        f"{shown}; harus bilangan bulat 0 sampai {MAX_PLACES} atau kosong",
                        file=rule.file, line=step.line)
    return int(value)
