"""YAML reading for rule and data files: exact decimals and line numbers.

PyYAML turns ``0.111`` into a binary float and silently keeps the last of two
duplicate keys; both are unacceptable for auditable figures. We compose the node
tree ourselves: floats become :class:`decimal.Decimal` from their source text,
duplicate keys are errors, and every value's line is remembered by its path so
that schema errors can name ``file:line``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .angka import masalah_angka, ringkas
from .errors import SakipError

class Located:
    """A loaded document with the line of every path in it."""

    def __init__(self, data: Any, lines: dict[tuple, int], file: str):
        self.data = data
        self.lines = lines
        self.file = file

    def line(self, path) -> int | None:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def jenis_yaml(value: Any) -> str:
    """The kind of a value read from YAML, as a message names it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, Decimal, float)):  # float: from JSON files read without parse_float
        return "angka"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, _dt.date):
        return "tanggal"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan"
    return "kosong" if value is None else "nilai lain"


def uraian_yaml(value: Any) -> str:
    """A value read from YAML as a message shows it (never a Python repr): ``angka 12``,
    ``teks "x"``, ``daftar berisi angka, teks``, ``pemetaan (kunci: nilai)``..."""
    jenis = jenis_yaml(value)
    if jenis == "angka":
        return f"angka {value}"
    if jenis == "teks":
        return f'teks "{value}"'
    if jenis == "tanggal":
        return f"tanggal {value.isoformat()}"
    if jenis == "daftar":
        return "daftar " + ("kosong" if not value else "berisi " + ", ".join(sorted({jenis_yaml(v) for v in value})))
    if jenis == "pemetaan":
        return "pemetaan (kunci: nilai)"
    return jenis


# libyaml's parser when present (same nodes and marks, several times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _construct(node: yaml.Node, path: tuple, lines: dict, file: str, seen: set) -> Any:
    # An alias (*name) is the same node met again; refusing it also refuses the
    # "billion laughs" file whose few lines expand to gigabytes.
    if id(node) in seen:
        raise SakipError(f"nilai yang ditulis di baris {node.start_mark.line + 1} dipakai lagi lewat alias YAML "
                         "(*nama); alias tidak didukung, tulis nilainya langsung",
                         file=file, line=node.start_mark.line + 1)
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SakipError("penggabungan YAML ('<<') tidak didukung; tulis kuncinya langsung",
                                 file=file, line=key_node.start_mark.line + 1)
            key = _construct(key_node, path + ("<key>",), {}, file, seen)
            if isinstance(key, bool) or key is None:
                raise SakipError(f"kunci '{key_node.value}' dibaca YAML sebagai {'ya/tidak' if key is not None else 'kosong'}; "
                                 "gunakan nama lain atau beri tanda kutip", file=file,
                                 line=key_node.start_mark.line + 1)
            if not isinstance(key, (str, int)):
                raise SakipError(f"kunci harus teks, bukan {key!r}", file=file,
                                 line=key_node.start_mark.line + 1)
            key = str(key)
            if key in out:
                raise SakipError(f"kunci '{key}' ditulis dua kali", file=file,
                                 line=key_node.start_mark.line + 1, key=key)
            out[key] = _construct(value_node, path + (key,), lines, file, seen)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), lines, file, seen) for i, item in enumerate(node.value)]
    # scalar
    tag = node.tag
    text = node.value
    if tag == "tag:yaml.org,2002:float":
        try:
            value = Decimal(text.replace("_", ""))
        except InvalidOperation:
            raise SakipError(f"angka '{text}' tidak dapat dibaca", file=file,
                             line=node.start_mark.line + 1) from None
        return _wajar(value, text, node, file)
    if tag == "tag:yaml.org,2002:int":
        clean = text.replace("_", "")
        try:
            number = int(clean, 10)
        except ValueError:
            try:
                number = int(clean, 0)
            except ValueError:
                raise SakipError(f"bilangan bulat '{text}' tidak dapat dibaca", file=file,
                                 line=node.start_mark.line + 1) from None
        _wajar(Decimal(number), text, node, file)
        return number
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            raise SakipError(f"tanggal '{text}' harus berbentuk YYYY-MM-DD", file=file,
                             line=node.start_mark.line + 1) from None
    if tag in ("tag:yaml.org,2002:str", "!"):
        return text
    raise SakipError(f"tag YAML {tag} tidak didukung", file=file, line=node.start_mark.line + 1)


def _wajar(value: Decimal, text: str, node: yaml.Node, file: str) -> Decimal:
    masalah = masalah_angka(value)
    if masalah:
        raise SakipError(f"angka '{ringkas(text)}' {masalah}", file=file, line=node.start_mark.line + 1)
    return value


def load_text(text: str, file: str) -> Located:
    """Parse one YAML document; errors name the file and line."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SakipError(f"YAML tidak valid: {problem}", file=file,
                         line=(mark.line + 1) if mark else None) from None
    if node is None:
        raise SakipError("berkas kosong", file=file)
    lines: dict[tuple, int] = {}
    data = _construct(node, (), lines, file, set())
    return Located(data, lines, file)


def load_file(path: Path | str, display: str | None = None) -> Located:
    path = Path(path)
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SakipError("berkas tidak ditemukan", file=shown) from None
    except UnicodeDecodeError:
        raise SakipError("berkas bukan teks UTF-8", file=shown) from None
    except OSError as exc:
        raise SakipError(f"berkas tidak dapat dibaca ({exc.strerror})", file=shown) from None
    return load_text(text, shown)
