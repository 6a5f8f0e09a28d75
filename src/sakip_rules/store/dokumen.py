"""Plan documents (Kecamatan, Renstra, PerjanjianKinerja, Dpa, Pembanding) as canonical JSON.

Decimals are written as strings with their exact digits (the number of decimals of a
target matters to the rules), dates as ISO text; the same document always gives the same
text, so a re-import of unchanged data is recognised by its sha256 and stores nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import typing
from decimal import Decimal
from typing import Any

from ..data import model as m


def ke_json(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: ke_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Decimal):
        return format(obj, "f")
    if isinstance(obj, dt.datetime):
        return obj.isoformat()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [ke_json(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): ke_json(v) for k, v in obj.items()}
    return obj


def teks_kanonik(data: Any) -> str:
    return json.dumps(ke_json(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sidik(teks: str) -> str:
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(m))
    return _HINTS[cls]


def _dari(tipe: Any, nilai: Any) -> Any:
    if nilai is None:
        return None
    asal = typing.get_origin(tipe)
    args = typing.get_args(tipe)
    if asal in (typing.Union, types.UnionType):
        pilihan = [a for a in args if a is not type(None)]
        return _dari(pilihan[0], nilai)
    if dataclasses.is_dataclass(tipe):
        hints = _hints(tipe)
        return tipe(**{f.name: _dari(hints[f.name], nilai[f.name])
                       for f in dataclasses.fields(tipe) if f.name in nilai})
    if asal is tuple:
        isi = args[0] if args else Any
        return tuple(_dari(isi, v) for v in nilai)
    if asal is list:
        return [_dari(args[0], v) for v in nilai]
    if asal is dict:
        kunci, isi = args
        return {_dari(kunci, k): _dari(isi, v) for k, v in nilai.items()}
    if tipe is Decimal:
        return Decimal(nilai)
    if tipe is int:
        return int(nilai)
    if tipe is dt.date:
        return dt.date.fromisoformat(nilai)
    if tipe is dt.datetime:
        return dt.datetime.fromisoformat(nilai)
    return nilai


# Which dataclass each document kind holds.
JENIS_DOKUMEN = {
    "organisasi": m.Kecamatan,
    "renstra": m.Renstra,
    "pk": m.PerjanjianKinerja,
    "dpa": m.Dpa,
    "pembanding": list[m.Pembanding],
}


def kunci_dokumen(jenis: str, obj: Any) -> str:
    if jenis == "pk":
        return f"pk {obj.tahun} {obj.versi}"
    if jenis == "dpa":
        return f"dpa {obj.tahun}"
    if jenis == "pembanding":
        return f"pembanding {obj[0].tahun}"
    return jenis


def muat_dokumen(jenis: str, teks: str) -> Any:
    return _dari(JENIS_DOKUMEN[jenis], json.loads(teks))
