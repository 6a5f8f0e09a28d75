"""Bahasa rumus SAKIP: ekspresi kecil, aman, dihitung eksak dengan ``decimal.Decimal``.

Formula language of the SAKIP rules (reference: ``docs/formula.md``)::

    from sakip_rules.formula import compile_formula, NUMBER
    f = compile_formula("jumlah_nrr * penimbang", {"jumlah_nrr": NUMBER, "penimbang": NUMBER})
    f.evaluate({"jumlah_nrr": Decimal("32.590"), "penimbang": Decimal("0.111")})
    # Decimal('3.617490')

The text is parsed by our own LALR grammar (``grammar.lark``), checked, and translated into
Python code built only from the checked syntax tree; user text is never given to ``eval``.
"""

from .checker import BUILTINS, ROUND_MODE_NAMES
from .errors import FormulaError
from .formula import ExternalFunction, Formula, compile_formula, compile_program
from .runtime import CONTEXT as DECIMAL_CONTEXT
from .runtime import ROUNDING
from .runtime import MAX_PLACES, formula_context, in_formula_context, places_valid, quantize
from .types import ANY, BOOL, NUMBER, TEXT, ListOf, Record, Type

__all__ = [
    "FormulaError", "compile_formula", "compile_program", "Formula", "ExternalFunction",
    "Type", "ANY", "NUMBER", "TEXT", "BOOL", "ListOf", "Record",
    "formula_context", "in_formula_context", "quantize", "places_valid", "MAX_PLACES", "DECIMAL_CONTEXT", "BUILTINS", "ROUND_MODE_NAMES", "ROUNDING",
]
