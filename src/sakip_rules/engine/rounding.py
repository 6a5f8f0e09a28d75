"""Declared rounding of Decimal values (and of lists of them, element-wise)."""

from __future__ import annotations

import decimal
from decimal import Decimal

MODES = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "half_down": decimal.ROUND_HALF_DOWN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
    "floor": decimal.ROUND_FLOOR,
    "ceiling": decimal.ROUND_CEILING,
}

MODE_LABEL = {
    "half_up": "setengah ke atas",
    "half_even": "setengah ke genap",
    "half_down": "setengah ke bawah",
    "down": "dipotong",
    "up": "selalu ke atas (menjauhi nol)",
    "floor": "ke bawah",
    "ceiling": "ke atas",
}


def bulatkan(value, places: int, mode: str = "half_up"):
    if isinstance(value, list):
        return [bulatkan(v, places, mode) for v in value]
    return value.quantize(Decimal(1).scaleb(-places), rounding=MODES[mode])


def presisi(value: Decimal) -> int:
    """Decimal places as written: 0.27 -> 2, 90.5 -> 1, 100 -> 0."""
    exp = value.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0
