"""The rule schemas list some words the code also knows (rounding modes, data sources, check
families and levels, kinds of legal basis). The schema is what refuses a rule file; the code is
what runs it. These tests keep the two lists the same, so a word added on one side only fails
here instead of being refused by one and unknown to the other."""

from __future__ import annotations

import json
import pytest

from sakip_rules.angka import SEMESTER_ROMAWI
from sakip_rules.formula import ROUNDING
from sakip_rules.rules.loader import _JENIS_TYPE
from sakip_rules.rules.model import Dasar
from sakip_rules.rules.pemeriksaan import KELUARGA, TINGKAT
from sakip_rules.rules.vocabulary import SUMBER

from project_paths import ROOT

SCHEMAS = ROOT / "src" / "sakip_rules" / "rules" / "schemas"

# key holding the enum (last two keys of its path) -> the code's list of the same words
CODE = {
    ("pembulatan", "mode"): set(ROUNDING),
    ("masukan", "sumber"): set(SUMBER),
    ("masukan", "jenis"): set(_JENIS_TYPE),
    ("kolom", "additionalProperties"): set(_JENIS_TYPE),
    ("pilih", "semester"): set(SEMESTER_ROMAWI),
    ("dasar_item", "jenis"): set(Dasar.LABEL),
    ("", "keluarga"): set(KELUARGA),
    ("", "tingkat"): set(TINGKAT),
    ("harapan", "tingkat"): set(TINGKAT),
}

# Words only the schema needs: the code compares them to literals where it uses them.
SCHEMA_ONLY = {("", "satuan"), ("", "polaritas"), ("", "kebijakan_hit")}


def _enums(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum":
                yield path, value
            else:
                yield from _enums(value, path + (key,))
    elif isinstance(node, list):
        for item in node:
            yield from _enums(item, path)


_KEYWORDS = ("properties", "items", "additionalProperties", "$defs")


def _key(path: tuple) -> tuple:
    """The last two keys of a schema path that are rule-file words ("" for the top level);
    a keyword counts only as the last key (``kolom: {additionalProperties: {enum}}``)."""
    words = [p for p in path[:-1] if p not in _KEYWORDS] + [path[-1]]
    return tuple(([""] + words)[-2:])


@pytest.mark.parametrize("schema", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_schema_enums_match_the_code(schema):
    for path, values in _enums(json.loads(schema.read_text(encoding="utf-8"))):
        key = _key(path)
        if key in SCHEMA_ONLY:
            continue
        assert key in CODE, f"{schema.name}: enum at {'/'.join(map(str, path))} has no counterpart listed here"
        assert set(values) == CODE[key], f"{schema.name}: {'/'.join(map(str, path))}"


def test_every_schema_states_the_legal_basis_the_same_way():
    copies = {p.name: json.loads(p.read_text(encoding="utf-8"))["$defs"]["dasar_item"]
              for p in SCHEMAS.glob("*.json")}
    assert len(copies) == 5
    first = next(iter(copies.values()))
    assert all(c == first for c in copies.values()), sorted(copies)


def _tempat(node):
    """Every ``pembulatan.tempat`` definition in a schema."""
    if isinstance(node, dict):
        tempat = (node.get("pembulatan") or {}).get("properties", {}).get("tempat")
        if tempat is not None:
            yield tempat
        for value in node.values():
            yield from _tempat(value)
    elif isinstance(node, list):
        for item in node:
            yield from _tempat(item)


def test_decimal_places_in_the_schemas_are_the_formula_limit():
    """A literal in the schema (JSON has no constants) pinned to formula.MAX_PLACES, which the
    loader and the engine check parameters and given values against."""
    from sakip_rules.formula import MAX_PLACES

    found = 0
    for schema in sorted(SCHEMAS.glob("*.json")):
        for tempat in _tempat(json.loads(schema.read_text(encoding="utf-8"))):
            (bulat,) = [t for t in tempat["anyOf"] if t.get("type") == "integer"]
            assert (bulat["minimum"], bulat["maximum"]) == (0, MAX_PLACES), schema.name
            assert f"0–{MAX_PLACES}" in tempat["description"], schema.name
            found += 1
    assert found == 2  # indikator.json and rumus.json
