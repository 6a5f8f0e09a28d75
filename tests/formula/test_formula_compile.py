"""Compile-time behaviour: syntax errors, name/field/function resolution with columns, static
types, the Formula attributes, pretty() and render()."""

from __future__ import annotations

import pickle
from decimal import Decimal as D

import pytest

from sakip_rules.errors import SakipError
from sakip_rules.formula import (ANY, BOOL, NUMBER, TEXT, ExternalFunction, Formula, FormulaError,
                                 ListOf, Record, compile_formula)


def cerr(source, names=(), functions=None, **kw) -> FormulaError:
    with pytest.raises(FormulaError) as info:
        compile_formula(source, names, functions, **kw)
    return info.value


def idn(value) -> str:
    """A small Indonesian number formatter, as the engine would pass to render()."""
    if isinstance(value, D):
        return str(value).replace(".", ",")
    return str(value)


# ----------------------------------------------------------------------------- errors & columns

def test_formula_error_is_a_sakip_error_with_column_and_source():
    e = cerr("target + targt", ["target", "realisasi"])
    assert isinstance(e, SakipError)
    assert e.column == 10
    assert e.source == "target + targt"
    assert e.message.startswith("nama 'targt' tidak dikenal (kolom 10); "
                                "yang tersedia: target, realisasi")
    assert "mungkin maksudnya 'target'?" in e.message
    assert e.pointer() == "target + targt\n         ^"
    located = e.located(file="rules/rumus/capaian.yaml", line=30, key="langkah[0].rumus")
    assert str(located).startswith("rules/rumus/capaian.yaml:30 [langkah[0].rumus]: nama 'targt'")


def test_unknown_name_with_no_names_available():
    assert cerr("x + 1").message == "nama 'x' tidak dikenal (kolom 1); tidak ada nama yang tersedia"


def test_unknown_function_lists_available_functions():
    e = cerr("summ(xs)", ["xs"])
    assert e.column == 1
    assert e.message.startswith("fungsi 'summ' tidak dikenal (kolom 1); yang tersedia: abs, "
                                "count, max, mean, min, round, sum")
    assert "mungkin maksudnya 'sum'?" in e.message
    e = cerr("1 + opn(x)", ["x"], {"capaian": ExternalFunction(("a",), lambda a: a)})
    assert e.column == 5 and "capaian" in e.message


def test_unknown_field_of_known_record_lists_fields():
    names = {"d": Record({"nama": TEXT, "status": TEXT})}
    e = cerr("d.stat == 1", names)
    assert e.column == 3
    assert e.message.startswith("field 'stat' tidak ada pada 'd' (kolom 3); "
                                "yang tersedia: nama, status")
    # also through a typed list in a comprehension
    typed = {"desa": ListOf(Record({"status": TEXT}))}
    e = cerr("count(x for x in desa if x.statsu == \"Maju\")", typed)
    assert "field 'statsu' tidak ada pada 'x'" in e.message and e.column == 28
    # on ANY the field is only checked at run time
    assert compile_formula("d.apa_saja", ["d"]).free_names == {"d"}


def test_field_access_on_non_records_is_a_compile_error():
    assert "dari daftar 'xs'" in cerr("xs.a", {"xs": ListOf(ANY)}).message
    assert "dari angka 'x'" in cerr("x.a", {"x": NUMBER}).message


@pytest.mark.parametrize("source, names, fragment", [
    ('"a" + 1', [], "tidak dapat menjumlahkan teks dengan angka"),
    ("x - 1", {"x": TEXT}, "tidak dapat mengurangkan teks dengan angka"),
    ("true * 2", [], "tidak dapat mengalikan nilai logika dengan angka"),
    ('1 == "1"', [], "tidak dapat membandingkan angka dengan teks"),
    ('x < "a"', {"x": NUMBER}, "tidak dapat membandingkan angka dengan teks"),
    ('1 in ["a"]', [], "tidak dapat membandingkan angka dengan daftar teks".replace(
        "daftar teks", "teks")),
    ("1 in 2", [], "membutuhkan daftar di sebelah kanan"),
    ("if 1 then 2 else 3", [], "kondisi 'if' harus bernilai logika"),
    ("1 and true", [], "operand 'and' harus bernilai logika"),
    ("not 3", [], "operand 'not' harus bernilai logika"),
    ("-\"a\"", [], "tidak dapat menegatifkan teks"),
    ("count(5)", [], "count membutuhkan daftar, bukan angka"),
    ('sum(["a"])', [], "sum membutuhkan daftar angka"),
    ("min(5)", [], "min membutuhkan sebuah daftar atau minimal dua angka"),
    ("max()", [], "membutuhkan minimal 1 argumen"),
    ("abs(1, 2)", [], "membutuhkan 1 argumen, diberi 2"),
    ("round(1)", [], "membutuhkan 2 atau 3 argumen, diberi 1"),
    ("round(1, 2.5)", [], "tempat desimal harus bilangan bulat 0 sampai 20"),
    ("round(1, 21)", [], "tempat desimal harus bilangan bulat 0 sampai 20"),
    ('round(1, 2, "bankers")', [], "mode pembulatan 'bankers' tidak dikenal"),
    ("round(1, 2, 3)", [], "mode pembulatan harus teks"),
    ("abs(x for x in xs)", {"xs": ListOf(NUMBER)}, "hanya untuk count, sum, mean, min, max"),
    ("count(x: 1)", [], "tidak menerima argumen bernama"),
    ("count(d.ok for d in ds)", {"ds": ListOf(Record({"ok": BOOL}))},
     "count menghitung banyaknya elemen"),
    ("[x for x in 5]", [], "hanya daftar yang dapat diulang"),
    ("2 ^ 0.5", [], "pangkat harus bilangan bulat"),
    ("2 ^ 1000000", [], "pangkat terlalu besar"),
    ("2 ^ -101", [], "pangkat terlalu besar"),
])
def test_static_errors(source, names, fragment):
    e = cerr(source, names)
    assert fragment in e.message
    assert e.column is not None and 1 <= e.column <= len(source)
    assert f"(kolom {e.column})" in e.message


def test_static_type_error_columns():
    assert cerr('"a" + 1').column == 5                   # the operator
    assert cerr("round(1, 2.5)").column == 10             # the offending argument
    assert cerr("if 1 then 2 else 3").column == 4         # the condition


@pytest.mark.parametrize("source, fragment, column", [
    ("1 +", "rumus berakhir sebelum selesai", 4),
    ("1 + )", "kurung ')' tidak punya pasangan pembuka", 5),
    ("(1 + 2", "kurung '(' belum ditutup", 1),
    ("[1, 2)", "kurung '[' (kolom 1) ditutup dengan ')'", 6),
    ('"abc', "teks belum ditutup", 1),
    ("'abc'", "tanda petik ganda", 1),
    ("1 < 2 < 3", "perbandingan tidak boleh berantai", 7),
    ("a = 1", "gunakan '=='", 3),
    ("2 ** 3", "gunakan '^'", 3),
    ("a && b", "gunakan 'and'", 3),
    ("a || b", "gunakan 'or'", 3),
    ("!a", "gunakan 'not'", 1),
    ("1 $ 2", "karakter '$' tidak dikenal", 3),
    ("nilaī + 1", "huruf 'ī' tidak dikenal", 5),
    ("1 2", "'2' tidak diharapkan di sini", 3),
    ("1e5", "'e5' tidak diharapkan di sini", 2),
    ("0,5", "',' tidak diharapkan di sini", 2),
    ("", "rumus kosong", None),
    ("   ", "rumus kosong", None),
    ("[x for if in xs]", "kata kunci 'if' tidak dapat dipakai sebagai nama", 8),
    ("f(a: 1, 2)", "argumen tanpa nama tidak boleh sesudah argumen bernama", 9),
    ("1" * 29, "angka terlalu panjang", 1),
])
def test_syntax_errors(source, fragment, column):
    e = cerr(source, ["a", "b", "nilai", "xs"], {"f": ExternalFunction(("a", "b"), min)})
    assert fragment in e.message
    assert e.column == column


def test_external_function_arity_and_names_checked_at_compile_time():
    funcs = {"capaian": ExternalFunction(("target", "realisasi"), lambda t, r: r)}
    assert "kurang argumen: realisasi" in cerr("capaian(1)", [], funcs).message
    assert "paling banyak 2 argumen" in cerr("capaian(1, 2, 3)", [], funcs).message
    e = cerr("capaian(1, realisai: 2)", [], funcs)
    assert "tidak punya parameter 'realisai'" in e.message and e.column == 12
    assert "mungkin maksudnya 'realisasi'?" in e.message
    assert "diberi dua kali" in cerr("capaian(1, target: 2)", [], funcs).message
    assert "tidak menerima bentuk 'for'" in cerr("capaian(x for x in [1])", [], funcs).message
    assert "bentrok dengan fungsi bawaan" in cerr(
        "1", [], {"sum": ExternalFunction((), lambda: 1)}).message


def test_bad_declared_names_are_rejected():
    assert "nama masukan tidak sah" in cerr("1", ["_rahasia"]).message
    assert "kata kunci" in cerr("1", ["if"]).message
    with pytest.raises(TypeError):
        compile_formula("1", "target")           # a bare string is not a list of names
    with pytest.raises(TypeError):
        compile_formula("1", {"x": "angka"})     # types must be Type objects
    with pytest.raises(ValueError):
        compile_formula("1", [], max_depth=0)


def test_external_function_dataclass_validates():
    f = ExternalFunction(["a", "b"], lambda a, b: a)
    assert f.params == ("a", "b") and f.description == "" and f.returns is ANY
    with pytest.raises(ValueError):
        ExternalFunction(("_a",), lambda a: a)
    with pytest.raises(TypeError):
        ExternalFunction("ab", lambda a: a)
    with pytest.raises(TypeError):
        ExternalFunction(("a",), 5)


# ----------------------------------------------------------------------------- formula object

def test_formula_attributes():
    funcs = {"capaian": ExternalFunction(("t", "r"), lambda t, r: r)}
    f = compile_formula("round(capaian(target, realisasi), 2) + count(d for d in desa if d.x)",
                        {"target": NUMBER, "realisasi": NUMBER, "desa": ANY, "tidak_dipakai": ANY},
                        funcs)
    assert isinstance(f, Formula)
    assert f.free_names == frozenset({"target", "realisasi", "desa"})
    assert f.functions_used == frozenset({"round", "capaian", "count"})
    assert f.type == ANY                 # the external function's result type is unknown
    assert compile_formula("count(d for d in desa if d.x)", ["desa"]).type == NUMBER
    assert f.source.startswith("round(")
    assert repr(f) == f"Formula({f.source!r})"


def test_static_result_types():
    assert compile_formula("1 < 2", []).type == BOOL
    assert compile_formula('"a"', []).type == TEXT
    assert compile_formula("[1, 2] * 2", []).type == ListOf(NUMBER)
    assert compile_formula("[d.a for d in ds]", {"ds": ListOf(Record({"a": TEXT}))}).type \
        == ListOf(TEXT)
    assert compile_formula("if c then 1 else \"x\"", {"c": BOOL}).type == ANY


def test_names_may_be_any_iterable():
    f = compile_formula("a + b", (n for n in ["a", "b"]))
    assert f.evaluate({"a": 1, "b": 2}) == 3


def test_formula_can_be_pickled():
    f = compile_formula("x * 2", {"x": NUMBER})
    g = pickle.loads(pickle.dumps(f))
    assert g.evaluate({"x": D("1.5")}) == D("3.0")
    assert g.names == {"x": NUMBER}


def test_compile_once_evaluate_many_times_with_different_envs():
    f = compile_formula("realisasi / anggaran * 100", {"realisasi": NUMBER, "anggaran": NUMBER})
    assert round(f.evaluate({"anggaran": 346373250, "realisasi": 318678250}), 2) == D("92.00")
    assert round(f.evaluate({"anggaran": 54740000, "realisasi": 41085000}), 2) == D("75.05")


# ----------------------------------------------------------------------------- pretty / render

def test_pretty_operators():
    f = compile_formula("a*b/c == d and d != e and e <= f and f >= g and a < b and a > b",
                        list("abcdefg"))
    assert f.pretty() == "a × b / c = d and d ≠ e and e ≤ f and f ≥ g and a < b and a > b"


@pytest.mark.parametrize("source, pretty", [
    ("jumlah_nrr*penimbang", "jumlah_nrr × penimbang"),
    ("a>=1 and b!=2 or not c<=3", "a ≥ 1 and b ≠ 2 or not c ≤ 3"),
    ("-(a+b)*(c-d)/e", "-(a + b) × (c - d) / e"),
    ("a==b", "a = b"),
    ("2^-1", "2 ^ -1"),
    ("[x^2 for x in xs if x not in [1,2]]", "[x ^ 2 for x in xs if x not in [1, 2]]"),
    ('count(d for d in desa if d.status in ["Maju","Mandiri"])/count(desa)',
     'count(d for d in desa if d.status in ["Maju", "Mandiri"]) / count(desa)'),
    ('if p=="positif" then 1 else if p == "x" then 2 else 3',
     'if p = "positif" then 1 else if p = "x" then 2 else 3'),
    ('round( x , 2 , "half_even" )', 'round(x, 2, "half_even")'),
    ("100.00 * x == true", "100.00 × x = true"),
    ('"say \\"hi\\""', '"say \\"hi\\""'),
])
def test_pretty_normalises_spacing_and_keeps_parentheses(source, pretty):
    names = ["a", "b", "c", "d", "e", "xs", "desa", "jumlah_nrr", "penimbang", "p", "x"]
    assert compile_formula(source, names).pretty() == pretty


def test_pretty_of_keyword_call():
    funcs = {"capaian": ExternalFunction(("target", "realisasi"), lambda t, r: r)}
    f = compile_formula("capaian(target:t,realisasi:r)", ["t", "r"], funcs)
    assert f.pretty() == "capaian(target: t, realisasi: r)"
    assert str(f) == f.pretty()


def test_render_replaces_free_names_with_formatted_values():
    f = compile_formula("jumlah_nrr * penimbang", {"jumlah_nrr": NUMBER, "penimbang": NUMBER})
    env = {"jumlah_nrr": D("32.590"), "penimbang": D("0.111")}
    assert f.render(env, idn) == "32,590 × 0,111"


def test_render_of_capaian_and_comprehension():
    src = ('if polaritas == "positif" then realisasi / target * 100 '
           'else max(0, (2 * target - realisasi) / target * 100)')
    f = compile_formula(src, ["polaritas", "realisasi", "target"])
    text = f.render({"polaritas": "negatif", "realisasi": 8, "target": D("10.5")}, idn)
    assert text == ("if negatif = \"positif\" then 8 / 10,5 × 100 "
                    "else max(0, (2 × 10,5 - 8) / 10,5 × 100)")
    g = compile_formula("count(d for d in desa if d.x > batas)", ["desa", "batas"])
    shown = g.render({"desa": [1, 2], "batas": D("0.5")}, lambda v: f"<{v}>")
    assert shown == "count(d for d in <[1, 2]> if d.x > <0.5>)"      # loop variable kept


def test_render_field_of_a_free_record_shows_the_field_value():
    f = compile_formula("bobot.nilai * 2", ["bobot"])
    assert f.render({"bobot": {"nilai": D("0.25")}}, idn) == "0,25 × 2"
    assert f.render({"bobot": {"nilai": D("0.25")}}, idn, literals=True) == "0,25 × 2"
    g = compile_formula("x * 0.5", ["x"])
    assert g.render({"x": 3}, idn) == "3 × 0.5"
    assert g.render({"x": 3}, idn, literals=True) == "3 × 0,5"


def test_render_missing_value_is_a_formula_error():
    f = compile_formula("a + b", ["a", "b"])
    with pytest.raises(FormulaError) as info:
        f.render({"a": 1}, str)
    assert info.value.message == "nilai untuk 'b' tidak tersedia (kolom 5)"
