"""JSON Schema validation with messages an officer or auditor can act on.

Each error names file, line, the key path, and what was expected, in Indonesian.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jsonschema

from .errors import SakipError
from .yamlio import Located, jenis_yaml, uraian_yaml

# JSON Schema's type names in the words messages use for the value written (yamlio.jenis_yaml),
# so that "harus X, bukan Y" names both sides alike; a whole number has no value kind of its own.
_TYPE_NAMES = {t: jenis_yaml(v) for t, v in (("array", []), ("string", ""), ("number", 0),
                                             ("boolean", True), ("null", None))}
_TYPE_NAMES.update(object=uraian_yaml({}), integer="bilangan bulat")


def _types(expected) -> str:
    if isinstance(expected, list):
        return " atau ".join(_TYPE_NAMES.get(t, t) for t in expected)
    return _TYPE_NAMES.get(expected, str(expected))


def _message(err: jsonschema.ValidationError) -> str:
    v = err.validator
    if v == "required":
        missing = [k for k in err.validator_value if k not in (err.instance or {})]
        return "kunci wajib tidak ada: " + ", ".join(f"'{k}'" for k in missing)
    if v == "additionalProperties":
        allowed = sorted((err.schema.get("properties") or {}).keys())
        extra = sorted(set(err.instance) - set(allowed)) if isinstance(err.instance, dict) else []
        hint = f"; yang dikenal: {', '.join(allowed)}" if allowed else ""
        return "kunci tidak dikenal: " + ", ".join(f"'{k}'" for k in extra) + hint
    if v == "type":
        return f"harus {_types(err.validator_value)}, bukan {uraian_yaml(err.instance)}"
    if v == "enum":
        return "harus salah satu dari: " + ", ".join(str(x) for x in err.validator_value) + \
            f"; tertulis {uraian_yaml(err.instance)}"
    if v == "const":
        return f"harus {err.validator_value!r}"
    if v == "pattern":
        return f"bentuk tidak sesuai ({err.schema.get('description') or err.validator_value}); " \
               f"tertulis {uraian_yaml(err.instance)}"
    if v in ("minimum", "exclusiveMinimum"):
        return f"harus {'≥' if v == 'minimum' else '>'} {err.validator_value}; tertulis {err.instance}"
    if v in ("maximum", "exclusiveMaximum"):
        return f"harus {'≤' if v == 'maximum' else '<'} {err.validator_value}; tertulis {err.instance}"
    if v == "minItems":
        return f"daftar harus berisi sedikitnya {err.validator_value} butir"
    if v == "maxItems":
        return f"daftar paling banyak {err.validator_value} butir"
    if v == "minLength":
        return "teks tidak boleh kosong"
    if v == "uniqueItems":
        return "butir daftar tidak boleh berulang"
    if v in ("oneOf", "anyOf"):
        desc = err.schema.get("description")
        return f"bentuk tidak dikenali{': ' + desc if desc else ''}"
    if v == "propertyNames":
        return f"nama kunci tidak sah: {err.message}"
    return err.message


def _jsonable(value):
    """jsonschema knows int/float; our Decimals are numbers too."""
    return value


_TYPE_CHECKER = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "number",
    lambda checker, inst: (isinstance(inst, (int, float)) or type(inst).__name__ == "Decimal")
    and not isinstance(inst, bool),
).redefine(
    "string", lambda checker, inst: isinstance(inst, str)
).redefine(
    "object", lambda checker, inst: isinstance(inst, dict)
)
_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                          type_checker=_TYPE_CHECKER)


@lru_cache(maxsize=None)
def load_schema(package: str, name: str) -> dict:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def validate(doc: Located, schema: dict) -> list[SakipError]:
    """All schema errors of a document, each with file, line and key path."""
    validator = _Validator(schema)
    out = []
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        # With oneOf/anyOf, the most specific sub-error is the useful one.
        best = jsonschema.exceptions.best_match([err]) if err.context else err
        path = list(best.absolute_path)
        if best.validator == "additionalProperties" and isinstance(best.instance, dict):
            allowed = set((best.schema.get("properties") or {}).keys())
            extra = [k for k in best.instance if k not in allowed]
            if extra:
                path = path + [extra[0]]
        key = ".".join(str(p) for p in path) or None
        out.append(SakipError(_message(best), file=doc.file, line=doc.line(path), key=key))
    return out
