"""Declared rounding of Decimal values (and of lists of them, element-wise)."""

from __future__ import annotations

from decimal import InvalidOperation

from ..angka import format_angka
from ..errors import DataError
from ..formula import ROUNDING, quantize

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


def bulatkan(value, places: int, mode: str = "half_up"):
    """``value`` (or each element of a list) rounded as round() in formulas does: never "-0"."""
    if isinstance(value, list):
        return [bulatkan(v, places, mode) for v in value]
    try:
        return quantize(value, places, MODES[mode])
    except InvalidOperation:
        raise DataError(f"hasil pembulatan {format_angka(value)} ke {places} desimal melebihi 28 digit") from None
