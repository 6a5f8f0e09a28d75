"""Evaluate one calculation rule (rumus or indikator) with a full trace.

Evaluation is on demand from the result step: a step whose value the data supplies
(``dapat_diberikan``) is taken as given and the steps that would have produced it
are not evaluated. Every evaluated or given step is traced in rule order, with the
formula, the formula filled with values, the value before and after rounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..errors import DataError
from ..formula import FormulaError
from ..rules.model import Langkah, Perhitungan
from .rounding import bulatkan, presisi


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


@dataclass
class HasilHitung:
    rule: Perhitungan
    nilai: Any
    mentah: Any  # the result before its own rounding
    jejak: list[JejakLangkah]
    nilai_nama: dict[str, Any]
    parameter: dict[str, Any]
    masukan: dict[str, Any] = field(default_factory=dict)


def hitung(rule: Perhitungan, masukan: dict[str, Any] | None = None, *,
           diberikan: dict[str, Any] | None = None, parameter: dict[str, Any] | None = None,
           target: Decimal | None = None, asal: dict[str, str] | None = None) -> HasilHitung:
    """Evaluate ``rule``; raise DataError (Indonesian) for missing data or a failing formula."""
    masukan = masukan or {}
    diberikan = diberikan or {}
    asal = asal or {}
    params = {k: p.nilai for k, p in rule.parameter.items()}
    params.update(parameter or {})
    env: dict[str, Any] = dict(params)
    if target is not None:
        env["target"] = target
    env.update(masukan)
    steps = {s.id: s for s in rule.langkah}
    traces: dict[str, JejakLangkah] = {}
    visiting: set[str] = set()

    def need(name: str):
        if name in env:
            return env[name]
        if name in diberikan and name in steps and steps[name].dapat_diberikan:
            env[name] = diberikan[name]
            traces[name] = JejakLangkah(name, steps[name].deskripsi, diberikan[name], diberikan[name],
                                        diberikan=True, asal=asal.get(name), langkah=steps[name])
            return env[name]
        if name in steps:
            if name in visiting:
                raise DataError(f"{rule.file}: langkah '{name}' bergantung pada dirinya sendiri")
            visiting.add(name)
            step = steps[name]
            for dep in sorted(step.formula.free_names):
                need(dep)
            try:
                raw = step.formula.evaluate(env)
            except FormulaError as exc:
                raise DataError(f"langkah '{name}' ({step.formula.source.strip()}): {exc.message}",
                                file=rule.file, line=step.line) from None
            value, places, mode = raw, None, None
            if step.pembulatan is not None:
                places = _places(rule, step, env)
                if places is not None:
                    mode = step.pembulatan.mode
                    value = bulatkan(raw, places, mode)
            env[name] = value
            traces[name] = JejakLangkah(name, step.deskripsi, raw, value, places, mode,
                                        langkah=step, env=env)
            visiting.discard(name)
            return value
        if name == "target":
            raise DataError(f"{rule.id}: target tahun ini belum ada, padahal pembulatan memerlukannya")
        if name in rule.masukan:
            raise DataError(f"data '{name}' ({rule.masukan[name].deskripsi}) belum tersedia")
        raise DataError(f"nama '{name}' tidak dikenal dalam {rule.file}")

    value = need(rule.hasil)
    ordered = [traces[s.id] for s in rule.langkah if s.id in traces]
    final = traces.get(rule.hasil)
    return HasilHitung(rule, value, final.mentah if final else value, ordered, env, params, masukan)


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
