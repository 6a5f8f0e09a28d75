"""Analysis and fusion used by the engine's fast path: which record fields a formula reads,
several formulas compiled into one program, and text membership hoisted out of loops."""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from sakip_rules.formula import (ANY, BOOL, NUMBER, TEXT, ExternalFunction, FormulaError, ListOf, Record,
                                 compile_formula, compile_program)


@pytest.mark.parametrize("source,expected", [
    ("count(d for d in desa if d.status in status_maju)", {"status"}),
    ("count(desa)", set()),
    ("count(d for d in desa)", set()),
    ("sum(d.x for d in desa if d.y) + count(desa)", {"x", "y"}),
    ("sum(count(z for z in d.laba if z > 0) for d in desa)", {"laba"}),
    ("count(b for b in desa if b.aktif and count(x for x in b.laba if x > 0) >= 1)", {"aktif", "laba"}),
    ("[d.x for d in desa]", {"x"}),
    ("1 + 2", set()),
])
def test_fields_read(source, expected):
    assert compile_formula(source, ["desa", "status_maju"]).fields_read("desa") == frozenset(expected)


@pytest.mark.parametrize("source", [
    "[d for d in desa]",             # records kept whole
    "max(d for d in desa)",          # elements compared whole
    "desa",                          # the list itself is the result
    "count(d for d in desa if d == d)",
])
def test_fields_read_whole_records(source):
    assert compile_formula(source, ["desa"]).fields_read("desa") is None


def test_shadowed_variable_is_tracked_by_binding():
    f = compile_formula("count(d for d in desa if count(d for d in d.anak) > 0)", ["desa"])
    assert f.fields_read("desa") == frozenset({"anak"})


@pytest.mark.parametrize("source,ordered", [
    ("count(b for b in desa if count(x for x in b.laba if x > 0) >= 1)", set()),   # counted
    ("count(b for b in desa if count(b.laba) > 2)", set()),
    ("count(b for b in desa if 3 in b.bulan)", set()),                              # searched
    ("sum(sum(b.laba) for b in desa)", {"laba"}),            # a sum may round: order kept
    ("[b.laba for b in desa]", {"laba"}),                    # shown as it is
    ("count(b for b in desa if count([x for x in b.laba]) > 0)", {"laba"}),
    ("count(b for b in desa if count(x for x in b.laba) > 0 and max(b.bulan) > 6)", {"bulan"}),
])
def test_fields_in_order(source, ordered):
    f = compile_formula(source, ["desa"])
    assert f.fields_in_order("desa") == frozenset(ordered)


def test_fields_in_order_whole_records():
    assert compile_formula("[d for d in desa]", ["desa"]).fields_in_order("desa") is None


def _steps(*items):
    names = {"a": NUMBER, "b": NUMBER, "xs": ListOf(NUMBER), "s1": ANY, "s2": ANY}
    return [(name, compile_formula(src, names), q, r, post) for name, src, q, r, post in items]


def test_program_runs_steps_in_order_with_rounding():
    program = compile_program(_steps(
        ("s1", "a / b", 2, ROUND_HALF_UP, None),
        ("s2", "s1 * 3", None, None, None),
    ))
    env = {"a": D(2), "b": D(3)}
    assert program(env) == (D(2) / D(3), D("0.67"), D("2.01"), D("2.01"))
    assert env["s1"] == D("0.67") and env["s2"] == D("2.01")


def test_program_rounding_never_gives_minus_zero_as_round_does():
    program = compile_program(_steps(("s1", "a - b", 2, ROUND_HALF_UP, None)))
    assert str(program({"a": D("0"), "b": D("0.001")})[1]) == "0.00"
    assert str(compile_formula("round(a - b, 2)", ["a", "b"]).evaluate({"a": D(0), "b": D("0.001")})) == "0.00"


def test_program_uses_post_for_values_quantize_cannot_take():
    calls = []

    def post(raw, env):
        calls.append(raw)
        return [x.quantize(D("0.1")) for x in raw]

    program = compile_program(_steps(("s1", "xs * 1", 1, ROUND_HALF_UP, post)))
    assert program({"xs": [D("1.25"), D("2")]}) == ([D("1.25"), D(2)], [D("1.2"), D("2.0")])
    assert len(calls) == 1


def _places_of(value):
    return int(value) if type(value) is D and value == int(value) else None


@pytest.mark.parametrize("places,expected,posted", [
    (D(2), D("0.67"), False),
    (D("1.0"), D("0.7"), False),       # a whole number written with a decimal point
    (None, "post", True),              # not a number of places: post decides
    (True, "post", True),
])
def test_program_places_from_the_environment(places, expected, posted):
    calls = []

    def post(raw, env):
        calls.append(raw)
        return "post"

    program = compile_program(_steps(("s1", "a / b", ("tempat", _places_of), ROUND_HALF_UP, post)))
    env = {"a": D(2), "b": D(3), "tempat": places}
    assert program(env)[1] == expected
    assert bool(calls) == posted


@pytest.mark.parametrize("env", [
    {"a": D(1), "b": D(0)},            # division by zero
    {"a": D(1)},                        # missing name
    {"a": "teks", "b": D(1)},           # wrong type
])
def test_program_reports_any_failure_as_none(env):
    program = compile_program(_steps(("s1", "a / b", None, None, None), ("s2", "s1 + 1", None, None, None)))
    assert program(dict(env)) is None


def test_program_failure_in_post_is_none():
    def post(raw, env):
        raise FormulaError("tidak bisa")

    program = compile_program(_steps(("s1", "a + b", None, None, post)))
    assert program({"a": D(1), "b": D(2)}) is None


def test_formulas_calling_external_functions_are_not_fused():
    fn = {"dobel": ExternalFunction(("x",), lambda x: x * 2)}
    steps = [("s1", compile_formula("dobel(a)", {"a": NUMBER}, fn), None, None, None)]
    assert compile_program(steps) is None


@pytest.mark.parametrize("members,status,expected", [
    (["Maju", "Mandiri"], ["Maju", "Berkembang", "Mandiri"], 2),
    ([], ["Maju"], 0),
])
def test_text_membership_inside_a_loop(members, status, expected):
    f = compile_formula("count(d for d in desa if d.status in daftar)", ["desa", "daftar"])
    not_f = compile_formula("count(d for d in desa if d.status not in daftar)", ["desa", "daftar"])
    desa = [{"status": s} for s in status]
    assert f.evaluate({"desa": desa, "daftar": members}) == expected
    assert not_f.evaluate({"desa": desa, "daftar": members}) == len(status) - expected


def test_text_membership_in_a_mixed_list_keeps_its_error():
    f = compile_formula("count(d for d in desa if d.status in daftar)", ["desa", "daftar"])
    with pytest.raises(FormulaError) as exc:
        f.evaluate({"desa": [{"status": "Berkembang"}], "daftar": [D(1), "Maju"]})
    assert "tidak dapat membandingkan teks dengan angka" in str(exc.value)


def test_text_membership_against_a_non_list_keeps_its_error():
    f = compile_formula("count(d for d in desa if d.status in daftar)", ["desa", "daftar"])
    with pytest.raises(FormulaError) as exc:
        f.evaluate({"desa": [{"status": "Maju"}], "daftar": "Maju"})
    assert "daftar" in str(exc.value)


def test_a_program_of_no_steps_returns_no_values():
    program = compile_program([])
    env = {"a": D(1)}
    assert program(env) == () and env == {"a": D(1)}


def test_generated_code_that_does_not_compile_is_raised_not_hidden(monkeypatch):
    import sakip_rules.formula.formula as formula_module

    monkeypatch.setattr(formula_module, "generate_program",
                        lambda steps, susunan=None: ("def _program(env):\n    return (,)\n", {}))
    with pytest.raises(SyntaxError):
        compile_program(_steps(("s1", "a + b", None, None, None)))


def test_ikm_given_its_final_value_runs_the_empty_program(rules):
    from sakip_rules.engine.calc import _plan, hitung

    ikm = rules.indikator("ikm")
    hasil = hitung(ikm, diberikan={"ikm": D("90.43")})
    assert hasil.nilai == D("90.43")
    assert _plan(ikm, frozenset({"ikm"})).program({}) == ()


_BUMDES = {"bumdes": ListOf(Record({"aktif": BOOL, "laba": ListOf(NUMBER)}))}


@pytest.mark.parametrize("source,expected", [
    ("count(b for b in bumdes if count(x for x in b.laba if x > 0) >= 1)", D(1)),  # counted as it is
    ("sum(sum(b.laba) for b in bumdes)", D(5)),
    ("sum(count(b.laba) for b in bumdes)", D(3)),
    ("[[x * 2 for x in b.laba] for b in bumdes]", [[D(10), D(0)], [D(0)]]),
    ("[b.laba == [5, 0] for b in bumdes]", [True, False]),
    ("count(b for b in bumdes if 5 in b.laba)", D(1)),
])
def test_a_dicts_values_are_a_list(source, expected):
    """The engine gives the months of a BUMDes as the values of its month dict, uncopied: to a
    formula they are the list of those values, in the fast path and in a fused program."""
    bumdes = [{"aktif": True, "laba": {1: D(5), 2: D(0)}.values()}, {"aktif": True, "laba": {3: D(0)}.values()}]
    f = compile_formula(source, _BUMDES)
    assert f.evaluate({"bumdes": bumdes}) == expected
    env = {"bumdes": bumdes}
    assert compile_program([("hasil", f, None, None, None)])(env) == (expected, expected)


def test_a_dicts_values_are_checked_like_a_list():
    bumdes = [{"aktif": True, "laba": {1: "lima"}.values()}]
    f = compile_formula("count(b for b in bumdes if count(x for x in b.laba if x > 0) >= 1)", _BUMDES)
    with pytest.raises(FormulaError, match="angka"):
        f.evaluate({"bumdes": bumdes})
    assert compile_program([("hasil", f, None, None, None)])({"bumdes": bumdes}) is None  # the slow path names it


def test_records_as_tuples_of_the_fields_read():
    """A program may get each record as a tuple of the fields its formulas read (one field: the
    value itself), as the engine gives them; records in another shape make it give up."""
    from sakip_rules.formula.runtime import in_formula_context
    f = compile_formula("count(b for b in bumdes if b.aktif and count(x for x in b.laba if x > 0) >= 1)", _BUMDES)
    as_dicts = [{"aktif": True, "laba": [D(5), D(0)]}, {"aktif": False, "laba": [D(1)]}, {"aktif": True, "laba": []}]
    as_tuples = [(r["aktif"], r["laba"]) for r in as_dicts]
    program = compile_program([("n", f, None, None, None)], {"bumdes": ("aktif", "laba")})
    assert in_formula_context(program, {"bumdes": as_tuples}) == (D(1), D(1))
    assert in_formula_context(program, {"bumdes": as_dicts}) is None
    assert in_formula_context(program, {"bumdes": [(True,)]}) is None
    status = compile_formula("count(d for d in desa if d.status in maju) + count(desa)",
                             {"desa": ListOf(Record({"status": TEXT})), "maju": ListOf(TEXT)})
    program = compile_program([("n", status, None, None, None)], {"desa": ("status",)})
    env = {"desa": ["Maju", "Berkembang", "Mandiri"], "maju": ["Maju", "Mandiri"]}
    assert in_formula_context(program, env) == (D(5), D(5))
    assert in_formula_context(program, {**env, "desa": [{"status": "Maju"}]}) is None


def test_a_record_of_one_untyped_field_is_not_taken_for_its_value():
    from sakip_rules.formula.runtime import in_formula_context
    f = compile_formula('count(d for d in desa if d.x == "a")', {"desa": ListOf(Record({"x": ANY}))})
    program = compile_program([("n", f, None, None, None)], {"desa": ("x",)})
    assert in_formula_context(program, {"desa": ["a", "b"]}) == (D(1), D(1))
    assert in_formula_context(program, {"desa": [{"x": "a"}]}) is None
