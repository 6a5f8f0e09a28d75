"""Evaluation semantics of the formula language: exact Decimal results, every operator and
built-in, comprehensions, element-wise arithmetic, run-time errors."""

from __future__ import annotations

import decimal
import threading
from decimal import Decimal as D

import pytest

from sakip_rules.errors import RuleError, SakipError
from sakip_rules.formula import (ANY, BOOL, NUMBER, TEXT, ExternalFunction, FormulaError, ListOf,
                                 Record, compile_formula, formula_context)


def ev(source, env=None, names=None, functions=None):
    env = env or {}
    if names is None:
        names = list(env)
    return compile_formula(source, names, functions).evaluate(env)


def err(source, env=None, names=None, functions=None) -> FormulaError:
    with pytest.raises(FormulaError) as info:
        ev(source, env, names, functions)
    return info.value


# ----------------------------------------------------------------------------- exactness

def test_multiplication_is_exact_decimal():
    result = ev("jumlah_nrr * penimbang", {"jumlah_nrr": D("32.590"), "penimbang": D("0.111")})
    assert result == D("3.617490")
    assert str(result) == "3.617490"           # exponent kept: no float round trip
    assert type(result) is D


def test_literals_parse_straight_to_decimal():
    assert str(ev("100.00")) == "100.00"
    assert str(ev("0.1 + 0.2")) == "0.3"        # would be 0.30000000000000004 via float
    assert ev("12") == D(12) and type(ev("12")) is D


def test_precedence_and_associativity():
    assert ev("1 + 2 * 3") == 7
    assert ev("(1 + 2) * 3") == 9
    assert ev("10 - 4 - 3") == 3                # left-associative
    assert ev("12 / 3 / 2") == 2
    assert ev("2 ^ 3 ^ 2") == 512               # right-associative
    assert ev("-2 ^ 2") == -4                   # ^ binds tighter than unary minus
    assert ev("2 ^ -1") == D("0.5")
    assert ev("-3 * -2") == 6
    assert ev("- - 5") == 5


def test_division_is_exact_when_finite_and_28_digits_otherwise():
    assert ev("1 / 4") == D("0.25")
    assert ev("1 / 3") == D("0.3333333333333333333333333333")


def test_ints_from_env_become_decimals():
    result = ev("a / b", {"a": 1, "b": 8})
    assert result == D("0.125") and type(result) is D
    assert type(ev("x", {"x": 5})) is D


def test_result_does_not_depend_on_callers_decimal_context():
    f = compile_formula("a / b + c * d", ["a", "b", "c", "d"])
    env = {"a": D(1), "b": D(3), "c": D("12345678.9"), "d": D(3)}
    expected = f.evaluate(env)
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        ctx.rounding = decimal.ROUND_DOWN
        ctx.traps[decimal.DivisionByZero] = False
        assert f.evaluate(env) == expected
        assert decimal.getcontext().prec == 5          # caller's context left alone
        with pytest.raises(FormulaError):
            f.evaluate({**env, "b": D(0)})
    assert expected == D("0.3333333333333333333333333333") + D("37037036.7")


def test_formula_context_and_evaluate_many_give_the_same_results():
    f = compile_formula("x * 2 + 1", {"x": NUMBER})
    envs = [{"x": D(i) / 7} for i in range(50)]
    plain = [f.evaluate(e) for e in envs]
    with formula_context():
        inside = [f.evaluate(e) for e in envs]
    assert plain == inside == f.evaluate_many(envs)


def test_concurrent_threads_get_correct_results():
    f = compile_formula("sum([x for x in xs if x > 0]) / count(xs)", {"xs": ListOf(NUMBER)})
    env = {"xs": [D(1), D(-1), D(3)]}
    expected = D(4) / D(3)
    bad = []

    def work():
        for _ in range(3000):
            if f.evaluate(env) != expected:
                bad.append(1)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert bad == []


# ----------------------------------------------------------------------------- operators

@pytest.mark.parametrize("source, expected", [
    ("1 == 1.0", True), ("1 != 2", True), ("1 < 2", True), ("2 <= 2", True),
    ("3 > 2", True), ("3 >= 4", False), ('"a" < "b"', True), ('"a" == "a"', True),
    ("true == true", True), ("[1, 2] == [1, 2]", True), ("3 in [1, 2, 3]", True),
    ("4 not in [1, 2, 3]", True), ('"Maju" in ["Maju", "Mandiri"]', True),
    ('"Lain" in ["Maju", "Mandiri"]', False), ("true and false", False),
    ("true or false", True), ("not false", True), ("not 1 == 2", True),
    ("1 < 2 and 2 < 3 or false", True),
])
def test_comparison_and_boolean_operators(source, expected):
    assert ev(source) is expected


def test_boolean_operators_short_circuit():
    # the right operand would fail (division by zero / non-boolean) if it were evaluated
    assert ev("x == 0 or 1 / x > 1", {"x": D(0)}) is True
    assert ev("x != 0 and 1 / x > 1", {"x": D(0)}) is False
    assert ev("false and y", {"y": D(5)}) is False


def test_membership_with_names_and_none():
    assert ev("s in pilihan", {"s": "b", "pilihan": ["a", "b"]}) is True
    assert ev("s not in pilihan", {"s": "c", "pilihan": ("a", "b")}) is True
    assert ev('s in ["a", "b"]', {"s": None}) is False
    assert ev("x == y", {"x": None, "y": None}) is True
    assert ev("x != 1", {"x": None}) is True


def test_conditional_and_else_if_chain():
    src = 'if x >= 90 then "A" else if x >= 75 then "B" else if x >= 50 then "C" else "D"'
    f = compile_formula(src, {"x": NUMBER})
    assert [f.evaluate({"x": D(v)}) for v in (95, 90, 80, 50, 10)] == ["A", "A", "B", "C", "D"]


def test_conditional_evaluates_only_the_chosen_branch():
    assert ev("if x == 0 then 0 else 1 / x", {"x": D(0)}) == 0
    # a name used only in the branch not taken need not be present
    f = compile_formula("if ada then nilai else 0", ["ada", "nilai"])
    assert f.evaluate({"ada": False}) == 0


def test_capaian_rule_from_the_domain():
    src = ('if polaritas == "positif" then realisasi / target * 100 '
           'else max(0, (2 * target - realisasi) / target * 100)')
    for names in (["polaritas", "realisasi", "target"],
                  {"polaritas": TEXT, "realisasi": NUMBER, "target": NUMBER}):
        f = compile_formula(src, names)
        capaian = lambda p, r, t: f.evaluate({"polaritas": p, "realisasi": r, "target": t})  # noqa
        assert round(capaian("positif", D("90.43"), D("90.5")), 2) == D("99.92")
        assert capaian("positif", D("88.75"), D(86)).quantize(D("0.01")) == D("103.20")
        assert capaian("negatif", D(8), D(10)) == D(120)
        assert capaian("negatif", D(25), D(10)) == 0


# ----------------------------------------------------------------------------- element-wise

def test_elementwise_arithmetic():
    assert ev("[1, 2, 3] * 2") == [D(2), D(4), D(6)]
    assert ev("10 - [1, 2]") == [D(9), D(8)]
    assert ev("[1, 2] + [10, 20]") == [D(11), D(22)]
    assert ev("[1, 2] / [4, 8]") == [D("0.25"), D("0.25")]
    assert ev("[2, 3] ^ 2") == [D(4), D(9)]
    assert ev("-xs", {"xs": [1, D("2.5")]}) == [D(-1), D("-2.5")]
    assert ev("xs * k", {"xs": (1, 2), "k": D("0.5")}) == [D("0.5"), D("1.0")]


def test_elementwise_length_mismatch_names_both_lengths():
    e = err("a + b", {"a": [1, 2], "b": [1, 2, 3]})
    assert "panjang daftar tidak sama: 2 dan 3" in e.message
    assert e.column == 3


def test_elementwise_errors_name_the_element():
    e = err("xs / 2", {"xs": [1, "x"]})
    assert "elemen ke-2" in e.message and "teks" in e.message
    e = err("xs / ys", {"xs": [1, 1], "ys": [1, 0]})
    assert e.message.startswith("pembagian dengan nol: 'ys' bernilai 0 (elemen ke-2)")


# ----------------------------------------------------------------------------- functions

def test_count_sum_mean_min_max():
    xs = {"xs": [D(3), 1, D("2.5")]}
    assert ev("count(xs)", xs) == 3
    assert ev("sum(xs)", xs) == D("6.5")
    assert ev("mean(xs)", xs) == D("6.5") / 3
    assert ev("min(xs)", xs) == 1
    assert ev("max(xs)", xs) == 3
    assert ev("sum([])") == 0 and type(ev("sum([])")) is D
    assert ev("count([])") == 0
    assert ev("min(3, 1, 2)") == 1
    assert ev("max(0, -5)") == 0
    assert ev("max(a, b)", {"a": D("2.0"), "b": D(2)}) == 2


def test_mean_of_domain_rule():
    assert round(ev("mean(daftar)", {"daftar": [100, 100, D("99.92")]}), 2) == D("99.97")


@pytest.mark.parametrize("source", ["mean([])", "min([])", "max(xs)"])
def test_empty_aggregates_are_errors(source):
    e = err(source, {"xs": []} if "xs" in source else None)
    assert "daftar kosong" in e.message
    assert e.column == 1


def test_mean_of_empty_message():
    assert err("mean(xs)", {"xs": []}).message.startswith("rata-rata dari daftar kosong: 'xs'")


def test_abs():
    assert ev("abs(-3)") == 3
    assert ev("abs(x)", {"x": D("-0.50")}) == D("0.50")
    assert ev("abs([-1, 2])") == [D(1), D(2)]


@pytest.mark.parametrize("mode, a, b", [
    ("half_up", "90.43", "-3"), ("half_even", "90.42", "-2"), ("half_down", "90.42", "-2"),
    ("down", "90.42", "-2"), ("up", "90.43", "-3"), ("floor", "90.42", "-3"),
    ("ceiling", "90.43", "-2"),
])
def test_round_modes(mode, a, b):
    assert ev(f'round(90.425, 2, "{mode}")') == D(a)
    assert ev(f'round(-2.5, 0, "{mode}")') == D(b)
    assert ev("round(x, 2, m)", {"x": D("90.425"), "m": mode}) == D(a)


def test_round_default_is_half_up_and_keeps_places():
    assert ev("round(90.425, 2)") == D("90.43")
    assert str(ev("round(x, 2)", {"x": D("1")})) == "1.00"
    assert str(ev("round(-0.001, 2)")) == "0.00"          # never "-0.00"
    assert ev("round([1.005, 2.555], 2)") == [D("1.01"), D("2.56")]


def test_round_places_from_a_name():
    x = D("1.23456")
    assert ev("round(x, p)", {"x": x, "p": D(3)}) == D("1.235")
    assert ev("round(x, p)", {"x": x, "p": 3}) == D("1.235")
    assert ev("round(x, p)", {"x": x, "p": D("2.0")}) == D("1.23")
    assert ev("round(x, p)", {"x": x, "p": None}) is x          # None: no rounding


def test_round_bad_places_or_mode_at_run_time():
    assert "tempat desimal harus bilangan bulat 0 sampai 20" in err(
        "round(x, p)", {"x": D(1), "p": D("2.5")}).message
    assert "tempat desimal" in err("round(x, p)", {"x": D(1), "p": D(21)}).message
    e = err("round(x, 2, m)", {"x": D(1), "m": "banker"})
    assert "mode pembulatan 'banker' tidak dikenal" in e.message and "half_even" in e.message


# ----------------------------------------------------------------------------- comprehensions

DESA = [{"nama": "A", "status": "Maju"}, {"nama": "B", "status": "Berkembang"},
        {"nama": "C", "status": "Mandiri"}, {"nama": "D", "status": "Tertinggal"}]


def test_count_with_filter_from_the_domain():
    src = 'count(d for d in desa if d.status in ["Maju", "Mandiri"]) / count(desa)'
    assert ev(src, {"desa": DESA}) == D("0.5")
    typed = {"desa": ListOf(Record({"nama": TEXT, "status": TEXT}))}
    assert compile_formula(src, typed).evaluate({"desa": DESA}) == D("0.5")


def test_list_comprehension_with_and_without_filter():
    assert ev("[x * 2 for x in xs]", {"xs": [1, 2, 3]}) == [D(2), D(4), D(6)]
    assert ev("[x for x in xs if x > 1]", {"xs": [1, 2, 3]}) == [D(2), D(3)]
    assert ev("[d.nama for d in desa if d.status == \"Maju\"]", {"desa": DESA}) == ["A"]


def test_aggregates_over_comprehensions():
    bumdes = [{"laba": 10}, {"laba": D("2.5")}, {"laba": -1}]
    assert ev("sum(b.laba for b in bumdes)", {"bumdes": bumdes}) == D("11.5")
    assert ev("sum(b.laba for b in bumdes if b.laba > 0)", {"bumdes": bumdes}) == D("12.5")
    assert ev("mean(b.laba for b in bumdes)", {"bumdes": bumdes}) == D("11.5") / 3
    assert ev("min(b.laba for b in bumdes)", {"bumdes": bumdes}) == -1
    assert ev("max(b.laba for b in bumdes)", {"bumdes": bumdes}) == 10
    assert ev("count(b for b in bumdes)", {"bumdes": bumdes}) == 3


def test_nested_comprehension():
    bumdes = [{"laba": [1, -1]}, {"laba": [-1, -2]}, {"laba": []}, {"laba": [5]}]
    src = "count(b for b in bumdes if count(x for x in b.laba if x > 0) >= 1)"
    assert ev(src, {"bumdes": bumdes}) == 2
    assert ev("[[x * y for x in xs] for y in xs]", {"xs": [1, 2]}) == [[D(1), D(2)],
                                                                        [D(2), D(4)]]


def test_loop_variable_scope_and_shadowing():
    # the loop variable hides the outer name only inside the comprehension
    assert ev("sum([x for x in xs]) + x", {"xs": [1, 2], "x": D(10)}) == 13
    with pytest.raises(FormulaError) as info:
        compile_formula("[x for x in xs] + [x]", ["xs"])
    assert "nama 'x' tidak dikenal" in info.value.message


def test_comprehension_reads_outer_names():
    assert ev("count(d for d in ds if d.n > batas)",
              {"ds": [{"n": 1}, {"n": 5}, {"n": 9}], "batas": D(4)}) == 2


def test_comprehension_errors_at_run_time():
    e = err("[d for d in x]", {"x": {"a": 1}})
    assert "hanya daftar yang dapat diulang" in e.message and e.column == 13
    e = err("sum(b.laba for b in bumdes)", {"bumdes": [{"laba": 1}, {"laba": "x"}]})
    assert "sum membutuhkan angka, bukan teks" in e.message
    e = compile_formula("sum(xs)", {"xs": ListOf(NUMBER)})
    with pytest.raises(FormulaError) as info:
        e.evaluate({"xs": [1, True]})
    assert "nilai logika" in info.value.message


# ----------------------------------------------------------------------------- run-time errors

def test_division_by_zero_names_the_fragment_and_column():
    e = err("realisasi / target", {"realisasi": D(1), "target": D(0)})
    assert e.message == "pembagian dengan nol: 'target' bernilai 0 (kolom 13)"
    assert e.column == 13
    e = err("x / (y - y)", {"x": D(1), "y": D(3)}, names={"x": NUMBER, "y": NUMBER})
    assert e.message.startswith("pembagian dengan nol: 'y - y' bernilai 0")
    assert e.column == 6
    assert err("1 / 0").column == 5


def test_type_errors_at_run_time():
    e = err("x + 1", {"x": "a"})
    assert e.message == "tidak dapat menjumlahkan teks dengan angka: 'x + 1' (kolom 3)"
    assert "tidak dapat membandingkan angka dengan teks" in err('x == "a"', {"x": D(1)}).message
    assert "tidak dapat membandingkan angka dengan teks" in err('x in ["a"]', {"x": D(1)}).message
    assert "harus bernilai logika" in err("if x then 1 else 2", {"x": D(1)}).message
    assert "harus bernilai logika" in err("true and x", {"x": "ya"}).message
    assert "tidak dapat membandingkan nilai logika dengan angka" in err("x > 1",
                                                                          {"x": True}).message


def test_typed_names_are_checked_when_read():
    f = compile_formula("x * 2", {"x": NUMBER})
    with pytest.raises(FormulaError) as info:
        f.evaluate({"x": "12"})
    assert info.value.message == "'x' harus angka, bukan teks (kolom 1)"
    with pytest.raises(FormulaError) as info:
        f.evaluate({"x": None})
    assert "kosong" in info.value.message
    g = compile_formula("d.n + 1", {"d": Record({"n": NUMBER})})
    with pytest.raises(FormulaError) as info:
        g.evaluate({"d": {"n": "satu"}})
    assert "'d.n' harus angka" in info.value.message


def test_floats_are_rejected_everywhere():
    for source, env in [("x + 1", {"x": 0.5}), ("x", {"x": 1.5}), ("d.a", {"d": {"a": 0.1}}),
                        ("xs", {"xs": [1, 2.5]}), ("sum(xs)", {"xs": [0.5]}),
                        ("[x for x in xs]", {"xs": [0.5]})]:
        e = err(source, env)
        assert "float" in e.message and "tidak diterima" in e.message, source
    e = err("x + 1", {"x": 0.5})
    assert e.message.startswith("nilai float 0.5 pada 'x' tidak diterima (kolom 1)")
    f = compile_formula("x", {"x": NUMBER})
    with pytest.raises(FormulaError):
        f.evaluate({"x": 2.0})


def test_unsupported_value_types_are_rejected():
    e = err("x", {"x": object()})
    assert "tidak didukung" in e.message


def test_missing_name_and_field():
    e = err("x + 1", {}, names=["x"])
    assert e.message == "nilai untuk 'x' tidak tersedia (kolom 1)"
    e = err("d.status", {"d": {"nama": "A"}})
    assert e.message == "field 'status' tidak ada pada 'd' (kolom 3); yang tersedia: nama"
    e = err("d.a", {"d": [1]})
    assert "tidak dapat mengambil field 'a' dari daftar" in e.message
    with pytest.raises(FormulaError):
        compile_formula("x", ["x"]).evaluate(["not", "a", "mapping"])


def test_power_limits_at_run_time():
    assert "pangkat harus bilangan bulat" in err("x ^ y", {"x": D(2), "y": D("0.5")}).message
    e = err("x ^ y", {"x": D(2), "y": D(101)})
    assert "pangkat terlalu besar" in e.message and e.column == 5
    assert "pembagian dengan nol" in err("0 ^ -1").message
    assert "pembagian dengan nol" in err("x ^ -1", {"x": D(0)}, names={"x": NUMBER}).message
    assert "tidak terdefinisi" in err("0 ^ 0").message
    assert ev("x ^ 100", {"x": D(2)}) == D(2) ** 100


def test_overflow_is_a_formula_error():
    e = err("((10 ^ 100) ^ 100) ^ 100")
    assert e.message.startswith("hasil terlalu besar")
    assert e.column == 20


def test_fast_and_checked_code_agree():
    cases = [
        ("a * b + c", {"a": D("1.5"), "b": 2, "c": D(-1)}),
        ('if s == "x" then [1, 2] * a else abs(a - 10)', {"s": "x", "a": D(3)}),
        ('if s == "x" then [1, 2] * a else abs(a - 10)', {"s": "y", "a": D(3)}),
        ("count(d for d in ds if d.v > 1) + sum(d.v for d in ds)", {"ds": [{"v": 1}, {"v": 2}]}),
        ("round(mean(xs), 2) + max(xs) - min(1, 2, 3)", {"xs": [1, 2, D("2.345")]}),
        ("not (a < 2) or a in [1, 2, 3]", {"a": D(2)}),
    ]
    for source, env in cases:
        f = compile_formula(source, list(env))
        with formula_context():
            assert f._fast(env) == f._checked(env), source


# ----------------------------------------------------------------------------- external functions

def _capaian(target, realisasi):
    return realisasi / target * 100


FUNCS = {
    "capaian": ExternalFunction(("target", "realisasi"), _capaian, "capaian (%)"),
    "rusak": ExternalFunction((), lambda: 1 / 0),
    "pecahan": ExternalFunction((), lambda: 0.5),
    "bulat": ExternalFunction(("x",), lambda x: 7, returns=NUMBER),
}


def test_external_function_positional_and_keyword():
    env = {"t": D("90.5"), "r": D("90.43")}
    a = ev("round(capaian(t, r), 2)", env, functions=FUNCS)
    b = ev("round(capaian(realisasi: r, target: t), 2)", env, functions=FUNCS)
    c = ev("round(capaian(t, realisasi: r), 2)", env, functions=FUNCS)
    assert a == b == c == D("99.92")
    assert ev("bulat(1) + 1", functions=FUNCS) == 8


def test_external_function_failures():
    e = err("rusak()", functions=FUNCS)
    assert e.message.startswith("fungsi 'rusak' gagal: ZeroDivisionError")
    assert "float" in err("pecahan()", functions=FUNCS).message


def test_external_function_sakip_errors_pass_through():
    def impl(x):
        raise RuleError("aturan saling memanggil", key="capaian")
    funcs = {"aturan": ExternalFunction(("x",), impl)}
    with pytest.raises(RuleError) as info:
        ev("aturan(1) + 1", functions=funcs)
    assert info.value.key == "capaian"


def test_external_function_may_use_its_own_decimal_context():
    def impl(x):
        decimal.getcontext().prec = 3          # must not disturb the formula context
        return x / 3
    f = compile_formula("f(1) + 1 / 3", [], {"f": ExternalFunction(("x",), impl)})
    assert f.evaluate({}) == D("0.333") + D(1) / D(3)
    assert compile_formula("1 / 3", []).evaluate({}) == D(1) / D(3)


def test_types_other_than_errors_never_leak():
    # a handful of hostile environments: every failure is a FormulaError (a SakipError)
    f = compile_formula("a / b + count(c) + d.e", ["a", "b", "c", "d"])
    envs = [{}, {"a": "x"}, {"a": 1, "b": 0}, {"a": 1, "b": 1, "c": 5},
            {"a": 1, "b": 1, "c": [], "d": 3}, {"a": 1, "b": 1, "c": [], "d": {}},
            {"a": [1], "b": [1, 2]}, {"a": 1, "b": 1, "c": "abc", "d": {"e": 1}}, None, 7]
    for env in envs:
        with pytest.raises(SakipError):
            f.evaluate(env)
    assert f.evaluate({"a": 1, "b": 2, "c": [1], "d": {"e": 1}}) == D("2.5")


def test_any_typed_names_accept_every_kind_of_value():
    f = compile_formula("x", {"x": ANY})
    assert f.evaluate({"x": "teks"}) == "teks"
    assert f.evaluate({"x": True}) is True
    assert f.evaluate({"x": None}) is None
    assert f.evaluate({"x": (1, D(2))}) == [D(1), D(2)]
    rec = {"a": 1}
    assert f.evaluate({"x": rec}) is rec
    assert compile_formula("x", {"x": BOOL}).evaluate({"x": False}) is False
