"""Intervals in mathematical notation, e.g. ``"(75, 90]"`` or ``"(-inf, 50]"``.

Scales are written this way so that an auditor can see each bound and whether it
belongs to the row. Coverage of a domain is checked exactly: gaps and overlaps are
reported as intervals themselves, in the same notation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..angka import masalah_angka, ringkas

INF = Decimal("Infinity")
NINF = Decimal("-Infinity")

_PATTERN = re.compile(r"^\s*([\[(])\s*([^,\s]+)\s*,\s*([^\])\s]+)\s*([\])])\s*$")


class IntervalError(ValueError):
    pass


def _bound(text: str) -> Decimal:
    t = text.strip().lower()
    if t in ("inf", "+inf", "∞", "+∞"):
        return INF
    if t in ("-inf", "-∞"):
        return NINF
    try:
        value = Decimal(t)
    except InvalidOperation:
        raise IntervalError(f"batas '{text}' bukan angka") from None
    if not value.is_finite():
        raise IntervalError(f"batas '{text}' bukan angka")
    masalah = masalah_angka(value)
    if masalah:
        raise IntervalError(f"batas '{ringkas(text)}' {masalah}")
    return value


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    lo_closed: bool
    hi: Decimal
    hi_closed: bool

    @classmethod
    def parse(cls, text: str) -> "Interval":
        m = _PATTERN.match(text or "")
        if not m:
            raise IntervalError(
                f"'{text}' bukan interval; tulis seperti \"(75, 90]\", \"[0, 1]\" atau \"(90, inf)\"")
        lo_b, lo_t, hi_t, hi_b = m.groups()
        lo, hi = _bound(lo_t), _bound(hi_t)
        lo_closed, hi_closed = lo_b == "[", hi_b == "]"
        if (lo_closed and lo == NINF) or (hi_closed and hi == INF):
            raise IntervalError(f"'{text}': batas tak hingga harus terbuka, misalnya \"(-inf, 50]\"")
        if lo > hi or (lo == hi and not (lo_closed and hi_closed)):
            raise IntervalError(f"'{text}' kosong: batas bawah tidak lebih kecil dari batas atas")
        return cls(lo, lo_closed, hi, hi_closed)

    def __contains__(self, x: Decimal) -> bool:
        if x < self.lo or (x == self.lo and not self.lo_closed):
            return False
        if x > self.hi or (x == self.hi and not self.hi_closed):
            return False
        return True

    def __str__(self) -> str:
        def b(v: Decimal) -> str:
            if v == INF:
                return "inf"
            if v == NINF:
                return "-inf"
            return format(v, "f")
        return f"{'[' if self.lo_closed else '('}{b(self.lo)}, {b(self.hi)}{']' if self.hi_closed else ')'}"

    def snap(self, step: Decimal) -> "Interval | None":
        """The same set restricted to multiples of ``step``, as a closed interval (or None if empty)."""
        lo, hi = self.lo, self.hi
        if lo != NINF:
            k = (lo / step).to_integral_value(rounding="ROUND_CEILING")
            if k * step == lo and not self.lo_closed:
                k += 1
            lo = k * step
        if hi != INF:
            k = (hi / step).to_integral_value(rounding="ROUND_FLOOR")
            if k * step == hi and not self.hi_closed:
                k -= 1
            hi = k * step
        if lo > hi:
            return None
        return Interval(lo, lo != NINF, hi, hi != INF)


@dataclass(frozen=True)
class Problem:
    kind: str  # "celah" (gap), "tumpang_tindih" (overlap), "di_luar_domain"
    interval: Interval
    rows: tuple[int, ...]  # 0-based row indexes involved (neighbours for a gap)


def _start_key(iv: Interval):
    return (iv.lo, not iv.lo_closed)


def _before(a_hi: Decimal, a_closed: bool, b_lo: Decimal, b_closed: bool) -> bool:
    """True if a point set ending at (a_hi, a_closed) ends strictly before one starting at (b_lo, b_closed) begins,
    leaving something in between."""
    if a_hi < b_lo:
        return True
    if a_hi == b_lo:
        return not a_closed and not b_closed
    return False


def coverage(domain: Interval, rows: list[Interval], step: Decimal | None = None) -> list[Problem]:
    """Gaps, overlaps and out-of-domain parts of ``rows`` over ``domain``.

    With a ``step`` (resolution, e.g. 0.01) only multiples of it count: [25.00, 64.99]
    and [65.00, 76.60] then meet without a gap.
    """
    problems: list[Problem] = []
    if step is not None:
        snapped_domain = domain.snap(step)
        snapped = [r.snap(step) for r in rows]
    else:
        snapped_domain, snapped = domain, list(rows)
    indexed = [(iv, i) for i, iv in enumerate(snapped) if iv is not None]

    for iv, i in indexed:
        if snapped_domain is None:
            break
        if iv.lo < snapped_domain.lo or (iv.lo == snapped_domain.lo and iv.lo_closed and not snapped_domain.lo_closed) \
                or iv.hi > snapped_domain.hi or (iv.hi == snapped_domain.hi and iv.hi_closed and not snapped_domain.hi_closed):
            problems.append(Problem("di_luar_domain", rows[i], (i,)))

    # Overlaps: any two rows sharing a point.
    for a in range(len(indexed)):
        for b in range(a + 1, len(indexed)):
            ia, i = indexed[a]
            ib, j = indexed[b]
            lo, lo_closed = max((ia.lo, not ia.lo_closed), (ib.lo, not ib.lo_closed))
            lo_closed = not lo_closed
            hi_candidates = sorted([(ia.hi, ia.hi_closed), (ib.hi, ib.hi_closed)])
            hi, hi_closed = hi_candidates[0]
            if lo < hi or (lo == hi and lo_closed and hi_closed):
                problems.append(Problem("tumpang_tindih", Interval(lo, lo_closed, hi, hi_closed), (i, j)))

    # Gaps: sweep from the domain's start.
    if snapped_domain is None:
        return problems
    cur, cur_closed, cur_row = snapped_domain.lo, not snapped_domain.lo_closed, None
    # (cur, cur_closed) = "covered up to cur, including cur if cur_closed"
    started = False
    for iv, i in sorted(indexed, key=lambda t: _start_key(t[0])):
        if not started:
            # Coverage must begin at the domain's start.
            if _before(snapped_domain.lo, not snapped_domain.lo_closed, iv.lo, iv.lo_closed) or \
                    (iv.lo == snapped_domain.lo and snapped_domain.lo_closed and not iv.lo_closed):
                problems.append(Problem("celah", _gap(snapped_domain.lo, snapped_domain.lo_closed, iv.lo, iv.lo_closed, step), (i,)))
            started = True
            cur, cur_closed, cur_row = iv.hi, iv.hi_closed, i
            continue
        if _gap_between(cur, cur_closed, iv.lo, iv.lo_closed, step):
            problems.append(Problem("celah", _gap(cur, not cur_closed, iv.lo, iv.lo_closed, step), (cur_row, i)))
        if (iv.hi, iv.hi_closed) > (cur, cur_closed):
            cur, cur_closed, cur_row = iv.hi, iv.hi_closed, i
    if not started:
        problems.append(Problem("celah", snapped_domain, ()))
    elif (cur, cur_closed) < (snapped_domain.hi, snapped_domain.hi_closed):
        problems.append(Problem("celah", _gap(cur, not cur_closed, snapped_domain.hi, not snapped_domain.hi_closed, step, end=True),
                                (cur_row,)))
    return problems


def _gap_between(cur: Decimal, cur_closed: bool, lo: Decimal, lo_closed: bool, step: Decimal | None) -> bool:
    if step is not None:
        # Snapped: both ends are closed multiples; a gap exists if the next multiple is not covered.
        return lo > cur + step if cur_closed else lo > cur
    if lo > cur:
        return True
    return lo == cur and not cur_closed and not lo_closed


def _gap(lo: Decimal, lo_closed: bool, hi: Decimal, hi_next_closed: bool, step: Decimal | None, end: bool = False) -> Interval:
    """The interval strictly between covered parts. ``hi_next_closed`` says whether the next row includes ``hi``."""
    if step is not None:
        g_lo = lo if lo_closed else lo + step
        g_hi = hi if end else hi - step
        if end and not hi_next_closed:
            g_hi = hi
        return Interval(g_lo, g_lo != NINF, g_hi, g_hi != INF)
    hi_closed = not hi_next_closed
    if end:
        hi_closed = not hi_next_closed
    return Interval(lo, lo_closed and lo != NINF, hi, hi_closed and hi != INF)
