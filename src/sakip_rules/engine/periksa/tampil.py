"""Values in the text of a finding: Indonesian numbers, '–' for unknown, message templates filled in."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ...angka import daftar_kata, format_rupiah
from ...rules.pemeriksaan import Templat
from ..explain import fmt
from .rekaman import AsalNilai


def tampil(value) -> str:
    """A value in a message: Indonesian numbers, texts as they are, '–' for unknown."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return gabung(list(value))
    if isinstance(value, Mapping):
        return getattr(value, "tempat", None) or "rekaman"
    return fmt(value)


def gabung(daftar) -> str:
    """A list as text: 'a, b, dan c' ('–' when empty); numbers '3,6; 1,5; 2' (their decimal
    comma would make a comma list ambiguous)."""
    daftar = list(daftar or [])
    if not daftar:
        return "–"
    items = [tampil(x) for x in daftar]
    if all(isinstance(x, Decimal) for x in daftar):
        return "; ".join(items)
    return daftar_kata(items)


def tampil_format(value, format_: str | None) -> str:
    """A value in a message with an optional display format (``polos``: digits without grouping,
    for years; ``persen``: with %; ``rupiah``: with Rp); see ``rules.pemeriksaan.FORMAT_PESAN``."""
    if isinstance(value, (list, tuple)) and value and format_ in ("persen", "rupiah") \
            and all(isinstance(v, Decimal) for v in value):
        return "; ".join(tampil_format(v, format_) for v in value)
    if format_ is None or not isinstance(value, Decimal):
        return tampil(value)
    if format_ == "polos":
        return format(value, "f").replace(".", ",")
    if format_ == "persen":  # not angka.format_persen: it writes every digit, tampil shortens long fractions
        return tampil(value) + "%"
    return format_rupiah(value)


def tampil_seperti(value, asal: AsalNilai | None) -> str:
    """A computed value shown the way the stated value it is compared with was printed
    (with its % or Rp, a list of numbers too, or its unit word)."""
    if asal is not None and asal.satuan in ("persen", "rupiah"):
        return tampil_format(value, asal.satuan)
    if isinstance(value, Decimal) and asal is not None and asal.kata:
        return f"{tampil(value)} {asal.kata}"
    return tampil(value)


def isi_templat(templat: Templat, env: dict, dinyatakan_teks: str | None = None,
                asal: AsalNilai | None = None) -> str:
    """A check's message with its placeholders evaluated in ``env``; a bare ``{dinyatakan}``
    shows the stated value as printed, ``{x|seperti}`` shows x with the unit of the stated value
    (``asal``: where it was printed)."""
    out = []
    for b in templat.bagian:
        if isinstance(b, str):
            out.append(b)
            continue
        formula, format_ = b
        if formula.source.strip() == "dinyatakan" and dinyatakan_teks is not None and format_ is None:
            out.append(dinyatakan_teks)
        elif format_ == "seperti":
            out.append(tampil_seperti(formula.evaluate(env), asal))
        else:
            out.append(tampil_format(formula.evaluate(env), format_))
    return "".join(out)
