"""Name resolution and static type checking (compile time).

Resolves every name to an input/step name or a comprehension variable, checks functions,
arities, fields of known records and obvious type mistakes, annotates every node with its
static type and registers it in the node table (``node.nid``).
"""

from __future__ import annotations

import difflib

from .errors import FormulaError, error_at, fragment
from .nodes import (BoolChain, Call, Chain, Comp, Compare, Cond, Field, ListLit, Name, Neg,
                    Node, Not, Num, Pow, Str)
from .runtime import MAX_EXPONENT, MAX_PLACES, ROUNDING, VERBS, places_valid
from .types import ANY, BOOL, NUMBER, TEXT, ListOf, Record, Type, join

BUILTINS = ("abs", "count", "max", "mean", "min", "round", "sum")
AGGREGATES = frozenset({"count", "sum", "mean", "min", "max"})
ROUND_MODE_NAMES = tuple(ROUNDING)


def kind_of_type(t: Type) -> str | None:
    """Coarse kind of a static type, or None for ANY."""
    if t == NUMBER:
        return "angka"
    if t == TEXT:
        return "teks"
    if t == BOOL:
        return "nilai logika"
    if isinstance(t, ListOf):
        return "daftar"
    if isinstance(t, Record):
        return "rekaman"
    return None


def _strip_neg_literal(node: Node):
    """Value of a numeric literal, possibly negated (``-3``), else None."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Neg) and isinstance(node.operand, Num):
        return -node.operand.value
    return None


class Checker:
    def __init__(self, source: str, names: dict[str, Type], functions: dict):
        self.source = source
        self.names = names
        self.functions = functions
        self.nodes: list[Node] = []
        self.free_names: set[str] = set()
        self.functions_used: set[str] = set()

    # ------------------------------------------------------------------ utilities
    def err(self, pos, main, detail=None) -> FormulaError:
        return error_at(self.source, pos, main, detail)

    def frag(self, node: Node) -> str:
        return fragment(self.source, node.pos, node.end)

    def register(self, node: Node) -> None:
        node.nid = len(self.nodes)
        self.nodes.append(node)

    @staticmethod
    def _listing(items, limit=30) -> str:
        items = list(items)
        text = ", ".join(items[:limit])
        if len(items) > limit:
            text += ", …"
        return text

    def _suggest(self, word, candidates) -> str:
        close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
        return f"; mungkin maksudnya '{close[0]}'?" if close else ""

    # ------------------------------------------------------------------ entry
    def check(self, node: Node, scope: dict[str, Comp]) -> Type:
        self.register(node)
        method = getattr(self, "c_" + type(node).__name__)
        t = method(node, scope)
        node.type = t
        return t

    # ------------------------------------------------------------------ leaves
    def c_Num(self, node, scope):
        return NUMBER

    def c_Str(self, node, scope):
        return TEXT

    def c_Bool(self, node, scope):
        return BOOL

    def c_Name(self, node: Name, scope):
        comp = scope.get(node.name)
        if comp is not None:
            node.binding = comp
            return comp.var_type
        if node.name in self.names:
            self.free_names.add(node.name)
            return self.names[node.name]
        local = [v for v in reversed(list(scope))]
        available = local + [n for n in self.names if n not in scope]
        if available:
            detail = "yang tersedia: " + self._listing(available)
            detail += self._suggest(node.name, available)
        else:
            detail = "tidak ada nama yang tersedia"
        raise self.err(node.pos, f"nama '{node.name}' tidak dikenal", detail)

    # ------------------------------------------------------------------ structures
    def c_ListLit(self, node: ListLit, scope):
        elem: Type | None = None
        for item in node.items:
            t = self.check(item, scope)
            elem = t if elem is None else join(elem, t)
        return ListOf(elem if elem is not None else ANY)

    def c_Field(self, node: Field, scope):
        t = self.check(node.obj, scope)
        obj_frag = self.frag(node.obj)
        if isinstance(t, Record):
            if node.name in t.fields:
                return t.fields[node.name]
            available = list(t.fields)
            detail = ("yang tersedia: " + self._listing(available) +
                      self._suggest(node.name, available)) if available else "rekaman ini tidak punya field"
            raise self.err(node.name_pos, f"field '{node.name}' tidak ada pada '{obj_frag}'",
                           detail)
        if isinstance(t, ListOf):
            raise self.err(node.name_pos, f"tidak dapat mengambil field '{node.name}' dari "
                                          f"daftar '{obj_frag}'",
                           f"gunakan [x.{node.name} for x in {obj_frag}]")
        if t in (NUMBER, TEXT, BOOL):
            raise self.err(node.name_pos, f"tidak dapat mengambil field '{node.name}' dari "
                                          f"{t.describe()} '{obj_frag}'")
        return ANY

    # ------------------------------------------------------------------ arithmetic
    def _arith_type(self, op: str, ta: Type, tb: Type, pos: int, frag: str) -> Type:
        verb = VERBS[op]
        for t in (ta, tb):
            bad = t in (TEXT, BOOL) or isinstance(t, Record)
            if isinstance(t, ListOf) and (t.elem in (TEXT, BOOL) or
                                          isinstance(t.elem, (Record, ListOf))):
                bad = True
            if bad:
                raise self.err(pos, f"tidak dapat {verb} {ta.describe()} dengan "
                                    f"{tb.describe()}: '{frag}'")
        if isinstance(ta, ListOf) or isinstance(tb, ListOf):
            return ListOf(NUMBER)
        if ta == NUMBER and tb == NUMBER:
            return NUMBER
        return ANY

    def c_Chain(self, node: Chain, scope):
        acc = self.check(node.first, scope)
        for step in node.steps:
            self.register(step)
            right = self.check(step.right, scope)
            acc = self._arith_type(step.op, acc, right, step.col,
                                   fragment(self.source, step.pos, step.end))
            step.type = acc
        return acc

    def c_Step(self, node, scope):  # pragma: no cover - steps are checked by c_Chain
        raise AssertionError("Step checked outside its Chain")

    def c_Pow(self, node: Pow, scope):
        tb = self.check(node.base, scope)
        te = self.check(node.exp, scope)
        result = self._arith_type("^", tb, te, node.col, self.frag(node))
        value = _strip_neg_literal(node.exp)
        if value is not None:
            if value != value.to_integral_value():
                raise self.err(node.exp.pos, f"pangkat harus bilangan bulat: "
                                             f"'{self.frag(node.exp)}'")
            if abs(value) > MAX_EXPONENT:
                raise self.err(node.exp.pos, f"pangkat terlalu besar: '{self.frag(node.exp)}' "
                                             f"(maksimum {MAX_EXPONENT})")
        return result

    def c_Neg(self, node: Neg, scope):
        t = self.check(node.operand, scope)
        if t in (TEXT, BOOL) or isinstance(t, Record) or (
                isinstance(t, ListOf) and kind_of_type(t.elem) not in (None, "angka")):
            raise self.err(node.pos, f"tidak dapat menegatifkan {t.describe()}: "
                                     f"'{self.frag(node)}'")
        if isinstance(t, ListOf):
            return ListOf(NUMBER)
        return t if t == NUMBER else ANY

    # ------------------------------------------------------------------ logic
    def _need_bool(self, operand: Node, t: Type, what: str) -> None:
        if t != ANY and t != BOOL:
            raise self.err(operand.pos, f"{what} harus bernilai logika (benar/salah), bukan "
                                        f"{t.describe()}: '{self.frag(operand)}'")

    def c_Not(self, node: Not, scope):
        t = self.check(node.operand, scope)
        self._need_bool(node.operand, t, "operand 'not'")
        return BOOL

    def c_BoolChain(self, node: BoolChain, scope):
        for operand in node.operands:
            t = self.check(operand, scope)
            self._need_bool(operand, t, f"operand '{node.op}'")
        return BOOL

    def c_Cond(self, node: Cond, scope):
        tc = self.check(node.cond, scope)
        self._need_bool(node.cond, tc, "kondisi 'if'")
        ta = self.check(node.then, scope)
        tb = self.check(node.other, scope)
        return join(ta, tb)

    @staticmethod
    def _compatible(ta: Type, tb: Type) -> bool:
        ka, kb = kind_of_type(ta), kind_of_type(tb)
        return ka is None or kb is None or ka == kb

    def c_Compare(self, node: Compare, scope):
        ta = self.check(node.left, scope)
        tb = self.check(node.right, scope)
        op = node.op
        if op in ("in", "not in"):
            if not (tb == ANY or isinstance(tb, ListOf)):
                raise self.err(node.right.pos, f"operator '{op}' membutuhkan daftar di sebelah "
                                               f"kanan, bukan {tb.describe()}: "
                                               f"'{self.frag(node.right)}'")
            elem = tb.elem if isinstance(tb, ListOf) else ANY
            if not self._compatible(ta, elem):
                raise self.err(node.col, f"tidak dapat membandingkan {ta.describe()} dengan "
                                         f"{elem.describe()}: '{self.frag(node)}'")
            return BOOL
        if op in ("==", "!="):
            if not self._compatible(ta, tb):
                raise self.err(node.col, f"tidak dapat membandingkan {ta.describe()} dengan "
                                         f"{tb.describe()}: '{self.frag(node)}'")
            return BOOL
        ka, kb = kind_of_type(ta), kind_of_type(tb)
        orderable = ("angka", "teks", None)
        if ka not in orderable or kb not in orderable or (ka and kb and ka != kb):
            raise self.err(node.col, f"tidak dapat membandingkan {ta.describe()} dengan "
                                     f"{tb.describe()} memakai '{op}': '{self.frag(node)}'")
        return BOOL

    # ------------------------------------------------------------------ comprehension
    def c_Comp(self, node: Comp, scope):
        t_iter = self.check(node.iterable, scope)
        if isinstance(t_iter, ListOf):
            node.var_type = t_iter.elem
        elif t_iter == ANY:
            node.var_type = ANY
        else:
            raise self.err(node.iterable.pos, f"hanya daftar yang dapat diulang dengan 'for', "
                                              f"bukan {t_iter.describe()}: "
                                              f"'{self.frag(node.iterable)}'")
        inner = dict(scope)
        inner.pop(node.var, None)
        inner[node.var] = node
        if node.filter is not None:
            tf = self.check(node.filter, inner)
            self._need_bool(node.filter, tf, "syarat 'if'")
        te = self.check(node.elem, inner)
        return ListOf(te)

    # ------------------------------------------------------------------ calls
    def c_Call(self, node: Call, scope):
        name = node.fname
        if name in BUILTINS:
            self.functions_used.add(name)
            return self._builtin(node, scope)
        fn = self.functions.get(name)
        if fn is not None:
            self.functions_used.add(name)
            return self._external(node, fn, scope)
        available = list(BUILTINS) + sorted(self.functions)
        raise self.err(node.col, f"fungsi '{name}' tidak dikenal",
                       "yang tersedia: " + self._listing(available) +
                       self._suggest(name, available))

    def _elem_type(self, t: Type) -> Type:
        return t.elem if isinstance(t, ListOf) else ANY

    def _need_list(self, node: Call, arg: Node, t: Type) -> None:
        if not (t == ANY or isinstance(t, ListOf)):
            raise self.err(arg.pos, f"{node.fname} membutuhkan daftar, bukan {t.describe()}: "
                                    f"'{self.frag(arg)}'")

    def _need_numbers(self, node: Call, where: Node, elem: Type) -> None:
        if kind_of_type(elem) not in (None, "angka"):
            raise self.err(where.pos, f"{node.fname} membutuhkan daftar angka, bukan daftar "
                                      f"{elem.describe()}: '{self.frag(where)}'")

    def _arity(self, node: Call, expected: str, given: int) -> FormulaError:
        return self.err(node.col, f"fungsi '{node.fname}' membutuhkan {expected} argumen, "
                                  f"diberi {given}: '{self.frag(node)}'")

    def _builtin(self, node: Call, scope):
        name = node.fname
        if node.kwargs:
            kw = node.kwargs[0]
            raise self.err(kw.pos, f"fungsi bawaan '{name}' tidak menerima argumen bernama "
                                   f"('{kw.name}:')")
        if node.gen is not None:
            if name not in AGGREGATES:
                raise self.err(node.gen.pos, f"bentuk 'for' di dalam '{name}(...)' tidak "
                                             f"didukung; hanya untuk count, sum, mean, min, max")
            t = self.check(node.gen, scope)
            elem_node = node.gen.elem
            if name == "count":
                if elem_node.type == BOOL:
                    raise self.err(elem_node.pos, "count menghitung banyaknya elemen, bukan "
                                                  "nilai benar; tulis syaratnya sesudah 'if'",
                                   f"misalnya count({node.gen.var} for {node.gen.var} in "
                                   f"{self.frag(node.gen.iterable)} if ...)")
                return NUMBER
            self._need_numbers(node, elem_node, self._elem_type(t))
            return NUMBER
        args = node.args
        types = [self.check(a, scope) for a in args]
        if name in ("count", "sum", "mean"):
            if len(args) != 1:
                raise self._arity(node, "1", len(args))
            self._need_list(node, args[0], types[0])
            if name != "count":
                self._need_numbers(node, args[0], self._elem_type(types[0]))
            return NUMBER
        if name in ("min", "max"):
            if not args:
                raise self._arity(node, "minimal 1", 0)
            if len(args) == 1:
                t = types[0]
                if not (t == ANY or isinstance(t, ListOf)):
                    raise self.err(args[0].pos, f"{name} membutuhkan sebuah daftar atau minimal "
                                                f"dua angka: '{self.frag(node)}'")
                self._need_numbers(node, args[0], self._elem_type(t))
                return NUMBER
            for arg, t in zip(args, types):
                if kind_of_type(t) not in (None, "angka"):
                    raise self.err(arg.pos, f"argumen {name} harus angka, bukan "
                                            f"{t.describe()}: '{self.frag(arg)}'")
            return NUMBER
        if name == "abs":
            if len(args) != 1:
                raise self._arity(node, "1", len(args))
            t = types[0]
            if isinstance(t, ListOf):
                self._need_numbers(node, args[0], t.elem)
                return ListOf(NUMBER)
            if kind_of_type(t) not in (None, "angka"):
                raise self.err(args[0].pos, f"abs membutuhkan angka, bukan {t.describe()}: "
                                            f"'{self.frag(args[0])}'")
            return t
        if name == "round":
            if len(args) not in (2, 3):
                raise self._arity(node, "2 atau 3", len(args))
            t = types[0]
            if isinstance(t, ListOf):
                self._need_numbers(node, args[0], t.elem)
                result: Type = ListOf(NUMBER)
            elif kind_of_type(t) not in (None, "angka"):
                raise self.err(args[0].pos, f"round membutuhkan angka, bukan {t.describe()}: "
                                            f"'{self.frag(args[0])}'")
            else:
                result = t
            places = args[1]
            if kind_of_type(types[1]) not in (None, "angka"):
                raise self.err(places.pos, f"tempat desimal harus angka, bukan "
                                           f"{types[1].describe()}: '{self.frag(places)}'")
            value = _strip_neg_literal(places)
            if value is not None and not places_valid(value):
                raise self.err(places.pos, f"tempat desimal harus bilangan bulat 0 sampai "
                                           f"{MAX_PLACES}: '{self.frag(places)}'")
            if len(args) == 3:
                mode = args[2]
                if kind_of_type(types[2]) not in (None, "teks"):
                    raise self.err(mode.pos, f"mode pembulatan harus teks, bukan "
                                             f"{types[2].describe()}: '{self.frag(mode)}'")
                if isinstance(mode, Str) and mode.value not in ROUND_MODE_NAMES:
                    raise self.err(mode.pos, f"mode pembulatan '{mode.value}' tidak dikenal",
                                   "yang tersedia: " + ", ".join(ROUND_MODE_NAMES))
            return result
        raise AssertionError(name)  # pragma: no cover

    def _external(self, node: Call, fn, scope):
        name = node.fname
        params = tuple(fn.params)
        if node.gen is not None:
            raise self.err(node.gen.pos, f"fungsi '{name}' tidak menerima bentuk 'for'")
        if len(node.args) > len(params):
            raise self.err(node.col, f"fungsi '{name}' menerima paling banyak {len(params)} "
                                     f"argumen ({', '.join(params) or 'tanpa parameter'}), "
                                     f"diberi {len(node.args)}")
        given: dict[str, Node] = {p: a for p, a in zip(params, node.args)}
        for kw in node.kwargs:
            if kw.name not in params:
                raise self.err(kw.pos, f"fungsi '{name}' tidak punya parameter '{kw.name}'",
                               "parameternya: " + (", ".join(params) or "tidak ada") +
                               self._suggest(kw.name, params))
            if kw.name in given:
                raise self.err(kw.pos, f"parameter '{kw.name}' diberi dua kali")
            given[kw.name] = kw.value
        missing = [p for p in params if p not in given]
        if missing:
            raise self.err(node.col, f"fungsi '{name}' kurang argumen: {', '.join(missing)}")
        for arg in node.args:
            self.check(arg, scope)
        for kw in node.kwargs:
            self.check(kw.value, scope)
        node.ordered = [given[p] for p in params]
        node.external = True
        returns = getattr(fn, "returns", ANY) or ANY
        return returns


def check(source: str, root: Node, names: dict[str, Type], functions: dict) -> Checker:
    checker = Checker(source, names, functions)
    checker.check(root, {})
    return checker


__all__ = ["check", "Checker", "BUILTINS", "AGGREGATES", "ROUND_MODE_NAMES", "kind_of_type",
           "MAX_EXPONENT", "VERBS"]
