"""Static types for compile-time checking of formulas.

The types are deliberately simple: ``ANY`` (unknown, checked at run time), ``NUMBER``
(``decimal.Decimal``; ``int`` accepted from the environment), ``TEXT`` (``str``), ``BOOL``
(``bool``), ``ListOf(elem)`` (``list``/``tuple``) and ``Record(fields)`` (any ``Mapping``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["Type", "ANY", "NUMBER", "TEXT", "BOOL", "ListOf", "Record", "join"]


class Type:
    """Base class of formula types."""

    __slots__ = ()

    def describe(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


class _Simple(Type):
    __slots__ = ("_code", "_label")

    def __init__(self, code: str, label: str):
        self._code = code
        self._label = label

    def describe(self) -> str:
        return self._label

    def __repr__(self) -> str:
        return self._code

    def __reduce__(self):
        return self._code  # pickled as the module-level singleton of that name


ANY = _Simple("ANY", "nilai apa pun")
NUMBER = _Simple("NUMBER", "angka")
TEXT = _Simple("TEXT", "teks")
BOOL = _Simple("BOOL", "nilai logika")


class ListOf(Type):
    """A list whose elements all have type ``elem``."""

    __slots__ = ("elem",)

    def __init__(self, elem: Type = ANY):
        if elem is None:
            elem = ANY
        if not isinstance(elem, Type):
            raise TypeError(f"ListOf membutuhkan Type, bukan {type(elem).__name__}")
        object.__setattr__(self, "elem", elem)

    def __setattr__(self, name, value):
        raise AttributeError("ListOf tidak dapat diubah")

    def __eq__(self, other):
        return isinstance(other, ListOf) and other.elem == self.elem

    def __hash__(self):
        return hash(("ListOf", self.elem))

    def __repr__(self):
        return f"ListOf({self.elem!r})"

    def __reduce__(self):
        return (ListOf, (self.elem,))

    def describe(self) -> str:
        return "daftar" if self.elem == ANY else f"daftar {self.elem.describe()}"


class Record(Type):
    """A record (a ``Mapping``) with known fields. Unknown fields are compile errors."""

    __slots__ = ("fields",)

    def __init__(self, fields: Mapping[str, Type]):
        checked = {}
        for key, value in dict(fields).items():
            if not isinstance(key, str):
                raise TypeError("nama field Record harus teks")
            if value is None:
                value = ANY
            if not isinstance(value, Type):
                raise TypeError(f"tipe field {key!r} harus Type, bukan {type(value).__name__}")
            checked[key] = value
        object.__setattr__(self, "fields", MappingProxyType(checked))

    def __setattr__(self, name, value):
        raise AttributeError("Record tidak dapat diubah")

    def __eq__(self, other):
        return isinstance(other, Record) and dict(other.fields) == dict(self.fields)

    def __hash__(self):
        return hash(("Record", tuple(sorted(self.fields.items(), key=lambda kv: kv[0]))))

    def __repr__(self):
        inner = ", ".join(f"{k!r}: {v!r}" for k, v in self.fields.items())
        return f"Record({{{inner}}})"

    def __reduce__(self):
        return (Record, (dict(self.fields),))

    def describe(self) -> str:
        return "rekaman"


def join(a: Type, b: Type) -> Type:
    """The most precise type covering both ``a`` and ``b``."""
    if a == b:
        return a
    if isinstance(a, ListOf) and isinstance(b, ListOf):
        return ListOf(join(a.elem, b.elem))
    return ANY
