"""Run-time support for compiled formulas: the decimal context and the checked helpers.

Generated code (see :mod:`.codegen`) calls only the helpers listed in :data:`HELPERS`. Every
helper accepts "raw" values as they come from the environment (``int`` is turned into
``Decimal``; ``float`` and unknown types are rejected) and reports problems by raising
:class:`NodeError` with the id of the syntax node at fault; :class:`~.formula.Formula` turns
that into a :class:`~.errors.FormulaError` with the column and the quoted fragment.
"""

from __future__ import annotations

import contextvars
import decimal
import operator
from collections.abc import Mapping
from contextlib import contextmanager
from decimal import Decimal

from sakip_rules.errors import SakipError

from .errors import FormulaError
from .types import ANY, BOOL, NUMBER, TEXT, ListOf, Record, Type

D = Decimal
NoneType = type(None)

ROUNDING = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "half_down": decimal.ROUND_HALF_DOWN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
    "floor": decimal.ROUND_FLOOR,
    "ceiling": decimal.ROUND_CEILING,
}
MAX_PLACES = 20
MAX_EXPONENT = 100
QUANTUM = tuple(Decimal(1).scaleb(-k) for k in range(MAX_PLACES + 1))
K0 = Decimal(0)
# Decimal(n) for small n: a count made Decimal in every loop of a country costs a lookup
SMALL_DECIMALS = tuple(Decimal(n) for n in range(256))


# --------------------------------------------------------------------------- context

class _FormulaContext(decimal.Context):
    """The context formulas run in. Its settings cannot be changed by accident: code that
    needs other settings must use ``decimal.localcontext()`` (which makes a plain copy)."""

    __slots__ = ()

    def __setattr__(self, name, value):
        raise AttributeError("konteks desimal rumus tidak boleh diubah; "
                             "gunakan decimal.localcontext() untuk pengaturan lain")


_SETTINGS = dict(prec=28, rounding=decimal.ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
                 capitals=1, clamp=0)
_TRAPS = (decimal.DivisionByZero, decimal.InvalidOperation, decimal.Overflow)

CONTEXT = _FormulaContext(traps=list(_TRAPS), flags=[], **_SETTINGS)


def _restore_context() -> None:
    """Put the formula context back to its settings (in case a trap was toggled)."""
    for signal in CONTEXT.traps:
        CONTEXT.traps[signal] = signal in _TRAPS
    for name, value in _SETTINGS.items():
        if getattr(CONTEXT, name) != value:
            decimal.Context.__setattr__(CONTEXT, name, value)


def run_in_context(fn, env):
    """Call ``fn(env)`` with the formula context as the thread's current context."""
    try:
        old = decimal.getcontext()
        decimal.setcontext(CONTEXT)
    except RecursionError:
        raise FormulaError("rumus tidak dapat dihitung: tumpukan panggilan terlalu dalam") from None
    try:
        return fn(env)
    finally:
        decimal.setcontext(old)


# A private contextvars.Context in which the decimal context is CONTEXT. Entering it with
# ``.run()`` is much cheaper than two ``decimal.setcontext`` calls. It is used only for
# formulas that call no external function (so no foreign code ever runs inside it, and no
# other context variable is read there). If it is already entered (nested evaluation,
# another thread at the same moment) ``.run`` raises RuntimeError and the caller falls back
# to :func:`run_in_context`.
_RUN_CONTEXT = contextvars.Context()
_RUN_CONTEXT.run(decimal.setcontext, CONTEXT)
run_pure = _RUN_CONTEXT.run


def in_formula_context(fn, *args):
    """``fn(*args)`` with the formula context current: one switch for many evaluations
    (cheaper than :func:`formula_context`). ``fn`` must not change ``decimal.getcontext()``."""
    old = decimal.getcontext()
    if old is CONTEXT:
        return fn(*args)
    decimal.setcontext(CONTEXT)
    try:
        return fn(*args)
    finally:
        decimal.setcontext(old)


@contextmanager
def formula_context():
    """Make the formula context current for a block of many evaluations.

    ``Formula.evaluate`` switches to the formula context by itself when needed (that costs
    about as much as one multiplication); inside this block it does not need to. Code inside
    the block must not change ``decimal.getcontext()`` (use ``decimal.localcontext()``).
    """
    _restore_context()
    old = decimal.getcontext()
    decimal.setcontext(CONTEXT)
    try:
        yield CONTEXT
    finally:
        decimal.setcontext(old)
        _restore_context()


# --------------------------------------------------------------------------- errors

class NodeError(Exception):
    """Internal: a problem at syntax node ``nid``. ``template`` is one of ours; its fields are
    filled by the Formula (``frag``, ``right``, ``arg``, ``iter``, ``name``) and ``params``."""

    def __init__(self, nid: int, template: str, at: str | None = None, detail: str | None = None,
                 relocate: bool = False, **params):
        super().__init__(template)
        self.nid = nid
        self.template = template
        self.at = at
        self.detail = detail
        # True for "bad input value" errors: the checked code names the input more precisely
        self.relocate = relocate
        self.params = params


class Passthrough(Exception):
    """Internal: a SakipError raised by an external function, re-raised unchanged."""

    def __init__(self, error: SakipError):
        super().__init__(error)
        self.error = error


# --------------------------------------------------------------------------- values

def kind(v) -> str:
    """Indonesian name of the kind of a run-time value."""
    t = type(v)
    if t is D or (t is not bool and isinstance(v, (int, Decimal))):
        return "angka"
    if t is bool:
        return "nilai logika"
    if isinstance(v, str):
        return "teks"
    if v is None:
        return "nilai kosong"
    if isinstance(v, (list, tuple, DICT_VALUES)):
        return "daftar"
    if isinstance(v, Mapping):
        return "rekaman"
    if isinstance(v, float):
        return "float"
    return f"nilai bertipe '{t.__name__}'"


def _show(v) -> str:
    text = repr(v) if not isinstance(v, Decimal) else str(v)
    return text if len(text) <= 40 else text[:39] + "…"


CANON_TYPES = frozenset({D, str, bool, NoneType, list, tuple, dict})
# A dict's values are a list to formulas: made one where they enter (canon); a loop that only
# counts iterates them as they are (codegen), sparing a copy per record (engine/sources.py).
DICT_VALUES = type({}.values())


def canon(nid, v):
    """A raw value as a formula value: int -> Decimal; float and unknown types rejected."""
    t = type(v)
    if t in CANON_TYPES:
        return v
    if t is int:
        return D(v)
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, float):
        raise NodeError(nid, "nilai float {value} pada '{frag}' tidak diterima", value=_show(v),
                        detail="gunakan Decimal atau bilangan bulat", relocate=True)
    if isinstance(v, Decimal):
        return D(v)
    if isinstance(v, int):
        return D(int(v))
    if isinstance(v, str):
        return str(v)
    if isinstance(v, (list, tuple, Mapping)):
        return v
    if t is DICT_VALUES:
        return list(v)
    raise NodeError(nid, "nilai bertipe '{tname}' pada '{frag}' tidak didukung",
                    tname=type(v).__name__, relocate=True)


def _subject(elem: bool) -> str:
    return "elemen '{iter}'" if elem else "'{frag}'"


def _wrong(nid, v, want: str, elem: bool):
    v = canon(nid, v)
    if v is None:
        raise NodeError(nid, _subject(elem) + " kosong (tidak ada nilai), padahal harus " + want)
    raise NodeError(nid, _subject(elem) + " harus " + want + ", bukan {kind}", kind=kind(v))


def as_number(nid, v, elem=False):
    if type(v) is D:
        return v
    if type(v) is int:
        return D(v)
    v2 = canon(nid, v)
    if type(v2) is D:
        return v2
    _wrong(nid, v, "angka", elem)


def as_text(nid, v, elem=False):
    if type(v) is str:
        return v
    v2 = canon(nid, v)
    if type(v2) is str:
        return v2
    _wrong(nid, v, "teks", elem)


def as_bool(nid, v, elem=False):
    if type(v) is bool:
        return v
    v2 = canon(nid, v)
    if type(v2) is bool:
        return v2
    _wrong(nid, v, "nilai logika (true/false)", elem)


def as_list(nid, v, elem=False):
    if type(v) is list or type(v) is tuple:
        return v
    v2 = canon(nid, v)
    if isinstance(v2, (list, tuple)):
        return v2
    _wrong(nid, v, "daftar", elem)


def as_record(nid, v, elem=False):
    if isinstance(v, Mapping):
        return v
    _wrong(nid, v, "rekaman", elem)


def conform(nid, v, t: Type, elem=False):
    """Check a raw value against a static type (checked mode)."""
    if t == NUMBER:
        return as_number(nid, v, elem)
    if t == TEXT:
        return as_text(nid, v, elem)
    if t == BOOL:
        return as_bool(nid, v, elem)
    if isinstance(t, ListOf):
        return as_list(nid, v, elem)
    if isinstance(t, Record):
        return as_record(nid, v, elem)
    return canon(nid, v)


def load(env, name: str, nid: int, t: Type = ANY):
    if not isinstance(env, Mapping):
        raise NodeError(nid, "nilai masukan harus berupa mapping (dict), bukan {tname}",
                        tname=type(env).__name__)
    try:
        v = env[name]
    except KeyError:
        raise NodeError(nid, "nilai untuk '{name}' tidak tersedia", name=name) from None
    return conform(nid, v, t)


def field(nid, obj, name: str, t: Type = ANY):
    obj = canon(nid, obj)
    if not isinstance(obj, Mapping):
        raise NodeError(nid, "tidak dapat mengambil field '{fname}' dari {kind}: '{obj}'",
                        fname=name, kind=kind(obj))
    try:
        v = obj[name]
    except KeyError:
        keys = [str(k) for k in obj.keys()]
        shown = ", ".join(keys[:30]) + (", …" if len(keys) > 30 else "")
        raise NodeError(nid, "field '{fname}' tidak ada pada '{obj}'", fname=name,
                        detail=("yang tersedia: " + shown) if keys else "rekaman ini kosong"
                        ) from None
    return conform(nid, v, t)


def out(v, nid=0, depth=0):
    """Normalise a final result (lists taken from the environment may hold raw values)."""
    t = type(v)
    if t is D or t is str or t is bool or v is None:
        return v
    v = canon(nid, v)
    if isinstance(v, (list, tuple)):
        if depth > 20:
            raise NodeError(nid, "daftar bersarang terlalu dalam pada '{frag}'")
        items = [x if type(x) is D or type(x) is str or type(x) is bool else out(x, nid, depth + 1)
                 for x in v]
        return items
    return v


# --------------------------------------------------------------------------- arithmetic

_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
VERBS = {"+": "menjumlahkan", "-": "mengurangkan", "*": "mengalikan", "/": "membagi",
          "^": "memangkatkan"}


def _suffix(index) -> str:
    return "" if index is None else f" (elemen ke-{index + 1})"


def _decimal_failure(nid, exc, index=None):
    if isinstance(exc, ZeroDivisionError):
        return NodeError(nid, "pembagian dengan nol: '{right}' bernilai 0" + _suffix(index),
                         at="right")
    if isinstance(exc, decimal.Overflow):
        return NodeError(nid, "hasil terlalu besar: '{frag}'" + _suffix(index))
    return NodeError(nid, "operasi tidak sah: '{frag}'" + _suffix(index))


def _power(nid, a: Decimal, b: Decimal, index=None):
    if b != b.to_integral_value():
        raise NodeError(nid, "pangkat harus bilangan bulat: '{right}' bernilai {value}"
                        + _suffix(index), at="right", value=str(b))
    if abs(b) > MAX_EXPONENT:
        raise NodeError(nid, "pangkat terlalu besar: '{right}' bernilai {value} (maksimum "
                        + str(MAX_EXPONENT) + ")" + _suffix(index), at="right", value=str(b))
    if not a:
        if b < 0:
            raise NodeError(nid, "pembagian dengan nol: '{frag}' (0 dipangkatkan bilangan "
                                 "negatif)" + _suffix(index))
        if not b:
            raise NodeError(nid, "0 ^ 0 tidak terdefinisi: '{frag}'" + _suffix(index))
    try:
        return a ** int(b)
    except decimal.DecimalException as exc:
        raise _decimal_failure(nid, exc, index) from None


def _scalar(nid, op, a, b, index=None):
    if type(a) is not D:
        a = canon(nid, a)
    if type(b) is not D:
        b = canon(nid, b)
    if type(a) is D and type(b) is D:
        if op == "^":
            return _power(nid, a, b, index)
        if op == "/" and not b:
            raise NodeError(nid, "pembagian dengan nol: '{right}' bernilai 0" + _suffix(index),
                            at="right")
        try:
            return _OPS[op](a, b)
        except decimal.DecimalException as exc:
            raise _decimal_failure(nid, exc, index) from None
    raise NodeError(nid, "tidak dapat " + VERBS[op] + " {ka} dengan {kb}: '{frag}'"
                    + _suffix(index), ka=kind(a), kb=kind(b))


def arith(nid, op, a, b):
    """``a op b`` for numbers, element-wise when a list is involved."""
    a = canon(nid, a)
    b = canon(nid, b)
    la = isinstance(a, (list, tuple))
    lb = isinstance(b, (list, tuple))
    if la and lb:
        if len(a) != len(b):
            raise NodeError(nid, "panjang daftar tidak sama: {n} dan {m} elemen: '{frag}'",
                            n=len(a), m=len(b))
        return [_scalar(nid, op, x, y, i) for i, (x, y) in enumerate(zip(a, b))]
    if la:
        return [_scalar(nid, op, x, b, i) for i, x in enumerate(a)]
    if lb:
        return [_scalar(nid, op, a, y, i) for i, y in enumerate(b)]
    return _scalar(nid, op, a, b)


def neg(nid, a):
    a = canon(nid, a)
    if type(a) is D:
        return K0 - a
    if isinstance(a, (list, tuple)):
        result = []
        for i, x in enumerate(a):
            x = canon(nid, x)
            if type(x) is not D:
                raise NodeError(nid, "tidak dapat menegatifkan {kind}: '{frag}'" + _suffix(i),
                                kind=kind(x))
            result.append(K0 - x)
        return result
    raise NodeError(nid, "tidak dapat menegatifkan {kind}: '{frag}'", kind=kind(a))


# --------------------------------------------------------------------------- logic

def truth(nid, v):
    if type(v) is bool:
        return v
    v = canon(nid, v)
    if type(v) is bool:
        return v
    raise NodeError(nid, "'{frag}' harus bernilai logika (benar/salah), bukan {kind}",
                    kind=kind(v))


def not_(nid, v):
    return not truth(nid, v)


def _kind_key(v):
    t = type(v)
    if t is D:
        return "angka"
    if t is str:
        return "teks"
    if t is bool:
        return "logika"
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return "daftar"
    return "rekaman"


def _equal(nid, a, b, index=None):
    ka, kb = _kind_key(a), _kind_key(b)
    if ka is None or kb is None:
        return a is b or a == b
    if ka != kb:
        raise NodeError(nid, "tidak dapat membandingkan {ka} dengan {kb}: '{frag}'"
                        + _suffix(index), ka=kind(a), kb=kind(b))
    return a == b


def compare(nid, op, a, b):
    a = canon(nid, a)
    b = canon(nid, b)
    if op == "==":
        return _equal(nid, a, b)
    if op == "!=":
        return not _equal(nid, a, b)
    if (type(a) is D and type(b) is D) or (type(a) is str and type(b) is str):
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    raise NodeError(nid, "tidak dapat membandingkan {ka} dengan {kb} memakai '{op}': '{frag}'",
                    ka=kind(a), kb=kind(b), op=op)


def text_members(seq):
    """The texts of a list holding only texts, as a set (for ``in`` inside a loop); else None."""
    if type(seq) is list and _ONLY_TEXTS >= set(map(type, seq)):
        return frozenset(seq)
    return None


_ONLY_TEXTS = frozenset((str,))


def member(nid, a, seq, negate=False):
    # Fast path: text in a list of texts (status in ["Maju", "Mandiri"]) needs no conversion.
    if type(a) is str and type(seq) is list and all(type(item) is str for item in seq):
        return (a not in seq) if negate else (a in seq)
    a = canon(nid, a)
    seq = canon(nid, seq)
    if not isinstance(seq, (list, tuple)):
        raise NodeError(nid, "operator 'in' membutuhkan daftar di sebelah kanan, bukan {kind}: "
                             "'{right}'", at="right", kind=kind(seq))
    found = False
    for item in seq:
        item = canon(nid, item)
        if _equal(nid, a, item):
            found = True
            break
    return not found if negate else found


def iterate(nid, v):
    v = canon(nid, v)
    if isinstance(v, (list, tuple)):
        return v
    raise NodeError(nid, "hanya daftar yang dapat diulang dengan 'for', bukan {kind}: '{frag}'",
                    kind=kind(v))


# --------------------------------------------------------------------------- functions

def _need_list(nid, fname, v):
    v = canon(nid, v)
    if isinstance(v, (list, tuple)):
        return v
    raise NodeError(nid, fname + " membutuhkan daftar, bukan {kind}: '{arg}'", kind=kind(v))


def _numbers(nid, fname, v):
    """The elements of list ``v`` as Decimals (or an error naming the bad element)."""
    if _ONLY_DECIMALS >= set(map(type, v)):
        return v
    result = []
    for i, x in enumerate(v):
        if type(x) is not D:
            x = canon(nid, x)
            if type(x) is not D:
                raise NodeError(nid, fname + " membutuhkan daftar angka; elemen ke-{i} berupa "
                                             "{kind}: '{arg}'", i=i + 1, kind=kind(x))
        result.append(x)
    return result


_ONLY_DECIMALS = frozenset((D,))


def count(nid, v):
    return D(len(_need_list(nid, "count", v)))


def total(nid, v):
    values = v if type(v) is list else _need_list(nid, "sum", v)
    values = _numbers(nid, "sum", values)
    try:
        return sum(values, K0)
    except decimal.DecimalException as exc:
        raise _decimal_failure(nid, exc) from None


def sum_add(nid, acc, x):
    """One step of ``sum(e for v in xs)`` when ``e`` is not statically a number."""
    x = canon(nid, x)
    if type(x) is not D:
        raise NodeError(nid, "sum membutuhkan angka, bukan {kind}: '{arg}'", kind=kind(x))
    try:
        return acc + x
    except decimal.DecimalException as exc:
        raise _decimal_failure(nid, exc) from None


def mean(nid, v):
    values = v if type(v) is list else _need_list(nid, "mean", v)
    values = _numbers(nid, "mean", values)
    if not values:
        raise NodeError(nid, "rata-rata dari daftar kosong: '{arg}'")
    try:
        return sum(values, K0) / D(len(values))
    except decimal.DecimalException as exc:
        raise _decimal_failure(nid, exc) from None


def minimum(nid, v):
    values = _numbers(nid, "min", _need_list(nid, "min", v))
    if not values:
        raise NodeError(nid, "min dari daftar kosong: '{arg}'")
    return min(values)


def maximum(nid, v):
    values = _numbers(nid, "max", _need_list(nid, "max", v))
    if not values:
        raise NodeError(nid, "max dari daftar kosong: '{arg}'")
    return max(values)


def _two_numbers(nid, fname, a, b):
    a = canon(nid, a)
    b = canon(nid, b)
    for x in (a, b):
        if type(x) is not D:
            raise NodeError(nid, "argumen " + fname + " harus angka, bukan {kind}: '{frag}'",
                            kind=kind(x))
    return a, b


def min2(nid, a, b):
    a, b = _two_numbers(nid, "min", a, b)
    return b if b < a else a


def max2(nid, a, b):
    a, b = _two_numbers(nid, "max", a, b)
    return b if b > a else a


def abs_(nid, v):
    v = canon(nid, v)
    if type(v) is D:
        return v.copy_abs()
    if isinstance(v, (list, tuple)):
        return [x.copy_abs() for x in _numbers(nid, "abs", v)]
    raise NodeError(nid, "abs membutuhkan angka, bukan {kind}: '{arg}'", kind=kind(v))


def places_valid(p) -> bool:
    """Whether ``p`` can be a number of decimal places: a whole number 0..MAX_PLACES."""
    if isinstance(p, bool) or not isinstance(p, (D, int)) or (type(p) is D and not p.is_finite()):
        return False
    return p == int(p) and 0 <= p <= MAX_PLACES


def quantize(x: Decimal, places: int, rounding: str) -> Decimal:
    """``x`` rounded to ``places`` decimals with a ``decimal.ROUND_*`` mode, never "-0.00".
    Raises ``decimal.InvalidOperation`` when the result would exceed the precision (28 digits).
    The one rounding of numbers: round() in formulas and the rounding rules declare."""
    # rounding passed by position: the keyword form costs twice as much, on every evaluation
    q = x.quantize(QUANTUM[places] if places <= MAX_PLACES else Decimal(1).scaleb(-places), rounding)
    return q.copy_abs() if not q else q


def _quantize(nid, x: Decimal, places: int, mode, index=None):
    try:
        return quantize(x, places, mode)
    except decimal.InvalidOperation:
        raise NodeError(nid, "hasil pembulatan '{arg}' melebihi 28 digit" + _suffix(index)
                        ) from None


def round_(nid, x, places, mode="half_up"):
    """``round(x, places, mode)``; ``places`` None means no rounding."""
    if places is None:
        return canon(nid, x)
    p = canon(nid, places)
    if type(p) is not D or not places_valid(p):
        shown = kind(p) if type(p) is not D else str(p)
        raise NodeError(nid, "tempat desimal harus bilangan bulat 0 sampai " + str(MAX_PLACES)
                        + ", bukan {shown}: '{places}'", shown=shown)
    places_i = int(p)
    m = canon(nid, mode)
    if type(m) is not str or m not in ROUNDING:
        raise NodeError(nid, "mode pembulatan {shown} tidak dikenal: '{frag}'",
                        shown=repr(m) if type(m) is str else kind(m),
                        detail="yang tersedia: " + ", ".join(ROUNDING))
    rounding = ROUNDING[m]
    x = canon(nid, x)
    if type(x) is D:
        return _quantize(nid, x, places_i, rounding)
    if isinstance(x, (list, tuple)):
        return [_quantize(nid, v, places_i, rounding, i)
                for i, v in enumerate(_numbers(nid, "round", x))]
    raise NodeError(nid, "round membutuhkan angka, bukan {kind}: '{arg}'", kind=kind(x))


def call_external(nid, name, impl, args):
    """Call an engine-provided function; its own SakipErrors pass through unchanged."""
    try:
        with decimal.localcontext():
            result = impl(*args)
    except SakipError as exc:
        raise Passthrough(exc) from None
    except Exception as exc:  # noqa: BLE001 - everything becomes a FormulaError
        text = f"{type(exc).__name__}: {exc}"
        if len(text) > 120:
            text = text[:119] + "…"
        raise NodeError(nid, "fungsi '{fname}' gagal: {err}", fname=name, err=text) from None
    if type(result) in CANON_TYPES:
        return result
    if isinstance(result, float):
        raise NodeError(nid, "fungsi '{fname}' menghasilkan float {value}, bukan Decimal",
                        fname=name, value=_show(result))
    return canon(nid, result)


class NotInShape(Exception):
    """A record not in the shape a program was compiled for (codegen ``susunan``): the program
    returns None and the caller evaluates with records as dicts."""


HELPERS = {
    "_canon": canon, "_as_number": as_number, "_as_text": as_text, "_as_bool": as_bool,
    "_as_list": as_list, "_as_record": as_record, "_conform": conform, "_load": load,
    "_field": field, "_out": out, "_arith": arith, "_neg": neg, "_truth": truth, "_not": not_,
    "_compare": compare, "_member": member, "_text_members": text_members, "_Q": QUANTUM, "_iterate": iterate,
    "_count": count,
    "_sum": total, "_sum_add": sum_add, "_mean": mean, "_minimum": minimum,
    "_maximum": maximum, "_min2": min2, "_max2": max2, "_abs": abs_, "_round": round_,
    "_call": call_external, "_CANON": CANON_TYPES, "_VALUES": DICT_VALUES,
    "_N": SMALL_DECIMALS, "_NN": len(SMALL_DECIMALS), "_K0": K0, "_CTX": CONTEXT,
    "_gc": decimal.getcontext, "_in_ctx": run_in_context, "_RUN": run_pure,
    "_NodeError": NodeError, "_NotInShape": NotInShape,
    "_Passthrough": Passthrough,
    # plain names used by generated fast paths
    "D": D, "type": type, "len": len, "str": str, "bool": bool, "list": list, "dict": dict, "int": int,
    "tuple": tuple, "set": set, "map": map, "sum": sum, "_ONLY_D": _ONLY_DECIMALS,
    "Exception": Exception, "RuntimeError": RuntimeError,
}
