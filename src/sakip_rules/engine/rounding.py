"""Declared rounding of Decimal values (and of lists of them, element-wise)."""

from __future__ import annotations

from decimal import Decimal

from ..formula import ROUNDING

# The same modes the formula language's round() knows, by the same names.
MODES = ROUNDING

MODE_LABEL = {
    "half_up": "setengah ke atas",
    "half_even": "setengah ke genap",
    "half_down": "setengah ke bawah",
    "down": "dipotong",
    "up": "selalu ke atas (menjauhi nol)",
    "floor": "ke bawah",
    "ceiling": "ke atas",
}


def kuantum(places: int) -> Decimal:
    """The exponent template of ``places`` decimal places: 2 -> Decimal('0.01')."""
    return Decimal(1).scaleb(-places)


def bulatkan(value, places: int, mode: str = "half_up"):
    if isinstance(value, list):
        return [bulatkan(v, places, mode) for v in value]
    return value.quantize(kuantum(places), rounding=MODES[mode])


def presisi(value: Decimal) -> int:
    """Decimal places as written: 0.27 -> 2, 90.5 -> 1, 100 -> 0."""
    exp = value.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0
