"""Python code generation from the checked syntax tree (never from the user's text).

Two functions are generated for each formula, in one module of source (and a third kind
fuses formulas):

``_fast(env)``
    Straight-line code with inline Decimal arithmetic wherever the static types guarantee
    ``Decimal`` operands, and a cheap ``type(x) is D`` guard elsewhere (falling back to a
    checked helper). Raw Python errors (``KeyError``, ``DivisionByZero``...) are caught at the
    function boundary, which then re-runs ``_checked`` to find the node at fault.

``_checked(env)``
    The same evaluation order, but every operation goes through a helper of
    :mod:`.runtime` that knows its node id, so every failure names its column.

``_program(env)`` (:func:`generate_program`)
    Several formulas of one rule in a row, each followed by its declared rounding, in one
    function; any failure returns None and the caller evaluates them one by one.

What the generated source may contain: the helper names of :data:`runtime.HELPERS`, constant
names ``_k<N>`` (values created here, e.g. ``Decimal('0.111')``, or the engine's rounding
function), local names ``env``, ``t<N>``, ``rs<N>``, ``vs<N>``, ``p<N>``, ``n_<name>`` and
``v<N>_<name>`` where ``<name>`` matched ``[A-Za-z][A-Za-z0-9_]*``, and ``repr()`` of names
used as mapping keys. Nothing else.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager, nullcontext

from .nodes import (Bool, BoolChain, Call, Chain, Comp, Compare, Cond, Field, ListLit, Name,
                    Neg, Node, Not, Num, Pow, Str, walk)
from .runtime import CONTEXT, K0, QUANTUM, ROUNDING
from .types import ANY, BOOL, NUMBER, TEXT, ListOf, Record, Type

_SAFE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

# static type -> (exact Python type tested inline, conforming helper)
_PY_TYPE = {NUMBER: "D", TEXT: "str", BOOL: "bool"}


def _guard_info(t: Type):
    if t in _PY_TYPE:
        helper = {NUMBER: "_as_number", TEXT: "_as_text", BOOL: "_as_bool"}[t]
        return _PY_TYPE[t], helper
    if isinstance(t, ListOf):
        return "list", "_as_list"
    if isinstance(t, Record):
        return "dict", "_as_record"
    return None


class ConstPool:
    """Constants shared by the generated functions, exposed to them as globals ``_k<N>``."""

    def __init__(self):
        self.values: dict[str, object] = {}
        self._index: dict[tuple, str] = {}

    def add(self, value) -> str:
        key = (type(value).__name__, repr(value)) if not callable(value) else ("fn", id(value))
        name = self._index.get(key)
        if name is None:
            name = f"_k{len(self.values)}"
            self.values[name] = value
            self._index[key] = name
        return name


def _const_members(node: Node):
    """For ``x in [..literals..]``: (python type name, tuple of values), else None."""
    if not isinstance(node, ListLit) or not node.items:
        return None
    if all(isinstance(i, Str) for i in node.items):
        return "str", tuple(i.value for i in node.items)
    if all(isinstance(i, Num) for i in node.items):
        return "D", tuple(i.value for i in node.items)
    return None


def _members_key(name: Name) -> str:
    """Key in ``CodeGen.loaded`` of the hoisted text set of a free name (never a name)."""
    return name.name + " in"


class CodeGen:
    def __init__(self, pool: ConstPool, functions: dict, checked: bool, base_level: int,
                 susunan: dict[str, tuple[str, ...]] | None = None):
        self.pool = pool
        self.functions = functions
        self.checked = checked
        self.lines: list[str] = []
        self.level = base_level
        self.counter = 0
        self.loaded: dict[str, str] = {}
        self.comp_vars: dict[int, str] = {}
        self.counted_only: Node | None = None  # the iterable of the loop being counted
        # input name -> the fields of its records, in the order a record tuple holds them (a
        # record of one field is that field's value); see generate_program
        self.susunan = susunan or {}
        self.comp_susunan: dict[int, tuple[str, ...]] = {}  # comprehension -> its records' fields

    # ------------------------------------------------------------------ plumbing
    def emit(self, line: str) -> None:
        self.lines.append("    " * self.level + line)

    @contextmanager
    def block(self):
        saved = self.loaded
        self.loaded = dict(saved)
        self.level += 1
        try:
            yield
        finally:
            self.level -= 1
            self.loaded = saved

    def tmp(self) -> str:
        self.counter += 1
        return f"t{self.counter}"

    def const(self, value) -> str:
        return self.pool.add(value)

    @staticmethod
    def key(name: str) -> str:
        if not _SAFE_NAME.match(name):           # defence in depth; the grammar ensures it
            raise ValueError(f"unsafe name {name!r}")
        return repr(name)

    def conform(self, var: str, t: Type, nid: int, elem: bool = False) -> None:
        """Make ``var`` hold a value of static type ``t`` (fast mode: inline guard)."""
        if self.checked:
            extra = ", True" if elem else ""
            self.emit(f"{var} = _conform({nid}, {var}, {self.const(t)}{extra})")
            return
        info = _guard_info(t)
        if info is None:
            return
        pytype, helper = info
        extra = ", True" if elem else ""
        if self.counted_only is not None and nid == self.counted_only.nid:
            # only counted: a dict's values are iterated as they are (runtime.DICT_VALUES)
            self.emit(f"if type({var}) is not {pytype} and type({var}) is not _VALUES: "
                      f"{var} = {helper}({nid}, {var}{extra})")
            return
        self.emit(f"if type({var}) is not {pytype}: {var} = {helper}({nid}, {var}{extra})")

    def escape(self, var: str, node: Node) -> str:
        """A value leaving the formula's control (list element, function argument)."""
        if self.checked:
            t = self.tmp()
            self.emit(f"{t} = _canon({node.nid}, {var})")
            return t
        if node.type in (NUMBER, TEXT, BOOL):
            return var
        t = self.tmp()
        self.emit(f"{t} = {var} if type({var}) in _CANON else _canon({node.nid}, {var})")
        return t

    def boolean(self, var: str, node: Node) -> str:
        """Ensure ``var`` (the value of ``node``) is a bool."""
        if self.checked:
            t = self.tmp()
            self.emit(f"{t} = _truth({node.nid}, {var})")
            return t
        if node.type == BOOL:
            return var
        t = self.tmp()
        self.emit(f"{t} = {var} if type({var}) is bool else _truth({node.nid}, {var})")
        return t

    # ------------------------------------------------------------------ entry
    def gen(self, node: Node) -> str:
        return getattr(self, "g_" + type(node).__name__)(node)

    def function(self, root: Node) -> str:
        self.emit(f"return {self.result(root)}")
        return "\n".join(self.lines)

    def result(self, root: Node) -> str:
        """Emit the code of ``root``; return the expression of its value as a formula value."""
        result = self.gen(root)
        if self.checked:
            return f"_out({result}, {root.nid})"
        if root.type in (NUMBER, TEXT, BOOL):
            return result
        return f"{result} if type({result}) is D else _out({result}, {root.nid})"

    # ------------------------------------------------------------------ leaves
    def g_Num(self, node: Num) -> str:
        return self.const(node.value)

    def g_Str(self, node: Str) -> str:
        return self.const(sys.intern(node.value))

    def g_Bool(self, node: Bool) -> str:
        return "True" if node.value else "False"

    def g_Name(self, node: Name) -> str:
        if node.binding is not None:
            return self.comp_vars[id(node.binding)]
        var = self.loaded.get(node.name)
        if var is not None:
            return var
        key = self.key(node.name)
        var = "n_" + node.name
        if self.checked:
            self.emit(f"{var} = _load(env, {key}, {node.nid}, {self.const(node.type)})")
        else:
            self.emit(f"{var} = env[{key}]")
            self.conform(var, node.type, node.nid)
        self.loaded[node.name] = var
        return var

    # ------------------------------------------------------------------ structures
    def g_ListLit(self, node: ListLit) -> str:
        items = [self.escape(self.gen(item), item) for item in node.items]
        t = self.tmp()
        self.emit(f"{t} = [{', '.join(items)}]")
        return t

    def g_Field(self, node: Field) -> str:
        obj = self.gen(node.obj)
        key = self.key(node.name)
        t = self.tmp()
        if self.checked:
            self.emit(f"{t} = _field({node.nid}, {obj}, {key}, {self.const(node.type)})")
            return t
        fields = self.comp_susunan.get(id(node.obj.binding)) if isinstance(node.obj, Name) else None
        if fields is None:
            self.emit(f"{t} = {obj}[{key}]")
        elif len(fields) == 1:
            self.emit(f"{t} = {obj}")
            if node.type not in _PY_TYPE and not isinstance(node.type, ListOf):
                # no guard below tells the value from a record in another shape
                self.emit(f"if type({t}) is dict: raise _NotInShape")
        else:
            self.emit(f"{t} = {obj}[{fields.index(node.name)}]")
        self.conform(t, node.type, node.nid)
        return t

    # ------------------------------------------------------------------ arithmetic
    def g_Neg(self, node: Neg) -> str:
        if isinstance(node.operand, Num):
            return self.const(CONTEXT.subtract(K0, node.operand.value))
        a = self.gen(node.operand)
        t = self.tmp()
        if self.checked or isinstance(node.operand.type, ListOf):
            self.emit(f"{t} = _neg({node.nid}, {a})")
        elif node.operand.type == NUMBER:
            self.emit(f"{t} = _K0 - {a}")
        else:
            self.emit(f"{t} = _K0 - {a} if type({a}) is D else _neg({node.nid}, {a})")
        return t

    def _binary(self, nid: int, op: str, a: str, ta: Type, b: str, tb: Type) -> str:
        if op not in ("+", "-", "*", "/"):          # defence in depth: emitted verbatim
            raise ValueError(f"unexpected operator {op!r}")
        t = self.tmp()
        if self.checked or isinstance(ta, ListOf) or isinstance(tb, ListOf):
            self.emit(f"{t} = _arith({nid}, {op!r}, {a}, {b})")
            return t
        guards = [f"type({v}) is D" for v, ty in ((a, ta), (b, tb)) if ty != NUMBER]
        if not guards:
            self.emit(f"{t} = {a} {op} {b}")
        else:
            self.emit(f"{t} = {a} {op} {b} if {' and '.join(guards)} else "
                      f"_arith({nid}, {op!r}, {a}, {b})")
        return t

    def g_Chain(self, node: Chain) -> str:
        acc = self.gen(node.first)
        acc_type = node.first.type
        for step in node.steps:
            right = self.gen(step.right)
            acc = self._binary(step.nid, step.op, acc, acc_type, right, step.right.type)
            acc_type = step.type
        return acc

    def g_Pow(self, node: Pow) -> str:
        base = self.gen(node.base)
        exp_node = node.exp
        literal = None
        if isinstance(exp_node, Num):
            literal = exp_node.value
        elif isinstance(exp_node, Neg) and isinstance(exp_node.operand, Num):
            literal = -exp_node.operand.value
        if (not self.checked and literal is not None and node.base.type == NUMBER
                and literal == literal.to_integral_value() and literal >= 0):
            t = self.tmp()
            # 0 ^ 0 raises InvalidOperation -> checked re-run; negative exponents use _arith
            self.emit(f"{t} = {base} ** {self.const(int(literal))}")
            return t
        exp = self.gen(exp_node)
        t = self.tmp()
        self.emit(f"{t} = _arith({node.nid}, '^', {base}, {exp})")
        return t

    # ------------------------------------------------------------------ comparisons
    def g_Compare(self, node: Compare) -> str:
        op = node.op
        if op not in ("==", "!=", "<", "<=", ">", ">=", "in", "not in"):
            raise ValueError(f"unexpected operator {op!r}")   # emitted verbatim below
        a = self.gen(node.left)
        ta = node.left.type
        t = self.tmp()
        if op in ("in", "not in"):
            negate = op == "not in"
            members = _const_members(node.right)
            if members is not None:
                pytype, values = members
                as_tuple = self.const(values)
                if self.checked:
                    self.emit(f"{t} = _member({node.nid}, {a}, {as_tuple}, {negate})")
                    return t
                as_set = self.const(frozenset(values))
                exact = (pytype == "str" and ta == TEXT) or (pytype == "D" and ta == NUMBER)
                if exact:
                    self.emit(f"{t} = {a} {op} {as_set}")
                elif pytype == "str":
                    # a str is never equal to a non-str canonical value: check type on a miss
                    miss = f"not {t}" if not negate else t
                    self.emit(f"{t} = {a} {op} {as_set}")
                    self.emit(f"if {miss} and type({a}) is not str: "
                              f"{t} = _member({node.nid}, {a}, {as_tuple}, {negate})")
                else:
                    self.emit(f"{t} = {a} {op} {as_set} if type({a}) is D else "
                              f"_member({node.nid}, {a}, {as_tuple}, {negate})")
                return t
            b = self.gen(node.right)
            free = isinstance(node.right, Name) and node.right.binding is None
            texts = self.loaded.get(_members_key(node.right)) if free and not self.checked else None
            if texts is not None:
                is_text = "" if ta == TEXT else f" and type({a}) is str"  # a TEXT value is guarded already
                self.emit(f"{t} = {a} {op} {texts} if {texts} is not None{is_text} "
                          f"else _member({node.nid}, {a}, {b}, {negate})")
            else:
                self.emit(f"{t} = _member({node.nid}, {a}, {b}, {negate})")
            return t
        b = self.gen(node.right)
        tb = node.right.type
        if self.checked:
            self.emit(f"{t} = _compare({node.nid}, {op!r}, {a}, {b})")
            return t
        if op in ("==", "!="):
            allowed = (NUMBER, TEXT, BOOL)
        else:
            allowed = (NUMBER, TEXT)
        known = [ty for ty in (ta, tb) if ty != ANY]
        if known and all(ty in allowed for ty in known) and len(set(map(repr, known))) == 1:
            pytype = _PY_TYPE[known[0]]
            guards = [f"type({v}) is {pytype}" for v, ty in ((a, ta), (b, tb)) if ty == ANY]
        elif not known:
            guards = [f"type({a}) is D", f"type({b}) is D"]
        else:
            self.emit(f"{t} = _compare({node.nid}, {op!r}, {a}, {b})")
            return t
        if guards:
            self.emit(f"{t} = {a} {op} {b} if {' and '.join(guards)} else "
                      f"_compare({node.nid}, {op!r}, {a}, {b})")
        else:
            self.emit(f"{t} = {a} {op} {b}")
        return t

    # ------------------------------------------------------------------ logic
    def g_Not(self, node: Not) -> str:
        a = self.boolean(self.gen(node.operand), node.operand)
        t = self.tmp()
        self.emit(f"{t} = not {a}")
        return t

    def g_BoolChain(self, node: BoolChain) -> str:
        t = self.tmp()
        first = node.operands[0]
        self.emit(f"{t} = {self.boolean(self.gen(first), first)}")
        test = t if node.op == "and" else f"not {t}"
        for operand in node.operands[1:]:
            self.emit(f"if {test}:")
            with self.block():
                self.emit(f"{t} = {self.boolean(self.gen(operand), operand)}")
        return t

    def g_Cond(self, node: Cond) -> str:
        branches = [(node.cond, node.then)]
        other: Node = node.other
        while isinstance(other, Cond):          # else-if chains are emitted flat
            branches.append((other.cond, other.then))
            other = other.other
        t = self.tmp()
        if len(branches) == 1:
            cond, then = branches[0]
            c = self.boolean(self.gen(cond), cond)
            self.emit(f"if {c}:")
            with self.block():
                self.emit(f"{t} = {self.gen(then)}")
            self.emit("else:")
            with self.block():
                self.emit(f"{t} = {self.gen(other)}")
            return t
        pending = self.tmp()
        self.emit(f"{pending} = True")
        for index, (cond, then) in enumerate(branches):
            if index == 0:
                self._branch(cond, then, t, pending)
            else:
                self.emit(f"if {pending}:")
                with self.block():
                    self._branch(cond, then, t, pending)
        self.emit(f"if {pending}:")
        with self.block():
            self.emit(f"{t} = {self.gen(other)}")
        return t

    def _branch(self, cond: Node, then: Node, t: str, pending: str) -> None:
        c = self.boolean(self.gen(cond), cond)
        self.emit(f"if {c}:")
        with self.block():
            self.emit(f"{t} = {self.gen(then)}")
            self.emit(f"{pending} = False")

    # ------------------------------------------------------------------ comprehensions
    def _hoist(self, comp: Comp, include_elem: bool = True) -> None:
        """Read the free names used inside the loop once, before it starts."""
        parts = [comp.filter] if comp.filter is not None else []
        if include_elem:
            parts.append(comp.elem)
        for part in parts:
            for sub in walk(part):
                if isinstance(sub, Name) and sub.binding is None:
                    self.gen(sub)
                elif (not self.checked and isinstance(sub, Compare) and sub.op in ("in", "not in")
                      and isinstance(sub.right, Name) and sub.right.binding is None):
                    # a list of texts tested inside the loop becomes a set once, before it
                    key = _members_key(sub.right)
                    if key not in self.loaded:
                        texts = self.tmp()
                        self.emit(f"{texts} = _text_members({self.gen(sub.right)})")
                        self.loaded[key] = texts

    def _loop_head(self, comp: Comp) -> str:
        """Emit ``for var in iterable:`` (caller opens the block); returns the loop variable."""
        it = self.gen(comp.iterable)
        if self.checked or not isinstance(comp.iterable.type, ListOf):
            checked_it = self.tmp()
            if self.checked:
                self.emit(f"{checked_it} = _iterate({comp.iterable.nid}, {it})")
            else:
                self.emit(f"{checked_it} = {it} if type({it}) is list else "
                          f"_iterate({comp.iterable.nid}, {it})")
            it = checked_it
        var = f"v{comp.nid}_{comp.var}"
        if not _SAFE_NAME.match(var):
            raise ValueError(f"unsafe name {var!r}")
        self.comp_vars[id(comp)] = var
        if (not self.checked and isinstance(comp.iterable, Name) and comp.iterable.binding is None
                and comp.iterable.name in self.susunan):
            self.comp_susunan[id(comp)] = self.susunan[comp.iterable.name]
        self.emit(f"for {var} in {it}:")
        return var

    def _loop_filter(self, comp: Comp):
        """Inside the loop: conform the variable, evaluate the filter. Returns a context
        manager for the (possibly filtered) body."""
        var = self.comp_vars[id(comp)]
        fields = self.comp_susunan.get(id(comp))
        if fields is None:
            self.conform(var, comp.var_type, comp.nid, elem=True)
        elif len(fields) > 1:  # a record in another shape: the program gives up (returns None)
            self.emit(f"if type({var}) is not tuple or len({var}) != {len(fields)}: raise _NotInShape")
        if comp.filter is None:
            return nullcontext()
        f = self.boolean(self.gen(comp.filter), comp.filter)
        self.emit(f"if {f}:")
        return self.block()

    def g_Comp(self, node: Comp) -> str:
        acc = self.tmp()
        self._hoist(node)
        self.emit(f"{acc} = []")
        self._loop_head(node)
        with self.block():
            with self._loop_filter(node):
                value = self.escape(self.gen(node.elem), node.elem)
                self.emit(f"{acc}.append({value})")
        return acc

    # ------------------------------------------------------------------ calls
    def g_Call(self, node: Call) -> str:
        if node.external:
            return self._external(node)
        if node.gen is not None:
            return self._gen_call(node)
        return getattr(self, "b_" + node.fname)(node)

    def _external(self, node: Call) -> str:
        args = [self.escape(self.gen(a), a) for a in node.ordered]
        impl = self.const(self.functions[node.fname].impl)
        t = self.tmp()
        packed = "(" + "".join(f"{a}, " for a in args) + ")"
        self.emit(f"{t} = _call({node.nid}, {self.key(node.fname)}, {impl}, {packed})")
        if node.type != ANY:
            self.conform(t, node.type, node.nid)
        return t

    def _gen_call(self, node: Call) -> str:
        comp = node.gen
        name = node.fname
        t = self.tmp()
        if name not in ("count", "sum") or (self.checked and name == "sum"):
            lst = self.g_Comp(comp)
            helper = {"count": "_count", "sum": "_sum", "mean": "_mean", "min": "_minimum",
                      "max": "_maximum"}[name]
            self.emit(f"{t} = {helper}({node.nid}, {lst})")
            return t
        if name == "count":
            # the expression before 'for' is not evaluated: count counts elements
            if comp.filter is None:
                it = self.gen(comp.iterable)
                if self.checked:
                    self.emit(f"{t} = _count({node.nid}, _iterate({comp.iterable.nid}, {it}))")
                else:
                    self.emit(f"{t} = D(len({it})) if type({it}) is list else "
                              f"_count({node.nid}, _iterate({comp.iterable.nid}, {it}))")
                return t
            n = self.tmp()
            self._hoist(comp, include_elem=False)
            self.emit(f"{n} = 0")
            self.counted_only = comp.iterable
            try:
                self._loop_head(comp)
            finally:
                self.counted_only = None
            with self.block():
                with self._loop_filter(comp):
                    self.emit(f"{n} += 1")
            self.emit(f"{t} = _N[{n}] if {n} < _NN else D({n})")  # counts are mostly small
            return t
        # sum
        self._hoist(comp)
        self.emit(f"{t} = _K0")
        self._loop_head(comp)
        with self.block():
            with self._loop_filter(comp):
                value = self.gen(comp.elem)
                if comp.elem.type == NUMBER:
                    self.emit(f"{t} = {t} + {value}")
                else:
                    self.emit(f"{t} = {t} + {value} if type({value}) is D else "
                              f"_sum_add({node.nid}, {t}, {value})")
        return t

    def b_count(self, node: Call) -> str:
        arg = node.args[0]
        x = self.gen(arg)
        t = self.tmp()
        if self.checked:
            self.emit(f"{t} = _count({node.nid}, {x})")
        else:
            self.emit(f"{t} = D(len({x})) if type({x}) is list else _count({node.nid}, {x})")
        return t

    def _simple(self, node: Call, helper: str) -> str:
        x = self.gen(node.args[0])
        t = self.tmp()
        self.emit(f"{t} = {helper}({node.nid}, {x})")
        return t

    def _of_numbers(self, node: Call, helper: str, fast: str) -> str:
        """``fast`` (an expression of ``{x}``) for a list holding only Decimals, else the
        helper, which converts or names the bad element."""
        if self.checked:
            return self._simple(node, helper)
        x = self.gen(node.args[0])
        t = self.tmp()
        self.emit(f"{t} = {fast.format(x=x)} if type({x}) is list and {x} and _ONLY_D >= set(map(type, {x})) "
                  f"else {helper}({node.nid}, {x})")
        return t

    def b_sum(self, node: Call) -> str:
        return self._of_numbers(node, "_sum", "sum({x}, _K0)")

    def b_mean(self, node: Call) -> str:
        return self._of_numbers(node, "_mean", "sum({x}, _K0) / D(len({x}))")

    def _min_max(self, node: Call, which: str) -> str:
        if len(node.args) == 1:
            return self._simple(node, "_minimum" if which == "min" else "_maximum")
        acc = self.gen(node.args[0])
        acc_type = node.args[0].type
        cmp = "<" if which == "min" else ">"
        for arg in node.args[1:]:
            b = self.gen(arg)
            t = self.tmp()
            if self.checked or isinstance(acc_type, ListOf) or isinstance(arg.type, ListOf):
                self.emit(f"{t} = _{which}2({node.nid}, {acc}, {b})")
            else:
                guards = [f"type({v}) is D" for v, ty in ((acc, acc_type), (b, arg.type))
                          if ty != NUMBER]
                pick = f"{b} if {b} {cmp} {acc} else {acc}"
                if guards:
                    self.emit(f"{t} = ({pick}) if {' and '.join(guards)} else "
                              f"_{which}2({node.nid}, {acc}, {b})")
                else:
                    self.emit(f"{t} = {pick}")
            acc, acc_type = t, NUMBER
        return acc

    def b_min(self, node: Call) -> str:
        return self._min_max(node, "min")

    def b_max(self, node: Call) -> str:
        return self._min_max(node, "max")

    def b_abs(self, node: Call) -> str:
        arg = node.args[0]
        x = self.gen(arg)
        t = self.tmp()
        if not self.checked and arg.type == NUMBER:
            self.emit(f"{t} = {x}.copy_abs()")
        else:
            self.emit(f"{t} = _abs({node.nid}, {x})")
        return t

    def b_round(self, node: Call) -> str:
        x_node, places_node = node.args[0], node.args[1]
        mode_node = node.args[2] if len(node.args) == 3 else None
        x = self.gen(x_node)
        fast_ok = (not self.checked and x_node.type == NUMBER and isinstance(places_node, Num)
                   and (mode_node is None or isinstance(mode_node, Str)))
        t = self.tmp()
        if fast_ok:
            places = int(places_node.value)
            mode = "half_up" if mode_node is None else mode_node.value
            q = self.const(QUANTUM[places])
            r = self.const(ROUNDING[mode])
            self.emit(f"{t} = {x}.quantize({q}, {r})")
            self.emit(f"if not {t}: {t} = {t}.copy_abs()")
            return t
        p = self.gen(places_node)
        m = self.gen(mode_node) if mode_node is not None else self.const("half_up")
        self.emit(f"{t} = _round({node.nid}, {x}, {p}, {m})")
        return t


def generate(root: Node, functions: dict, pure: bool) -> tuple[str, dict]:
    """Python source defining ``_fast`` and ``_checked``, and the constants it needs.

    ``pure``: the formula calls no external function, so it may run inside the private
    ``contextvars.Context`` of :data:`runtime.run_pure` (cheaper than switching contexts).
    """
    pool = ConstPool()
    fast = CodeGen(pool, functions, checked=False, base_level=2).function(root)
    checked = CodeGen(pool, functions, checked=True, base_level=1).function(root)
    if pure:
        enter = ("    if _gc() is not _CTX:\n"
                 "        try:\n"
                 "            return _RUN(_fast, env)\n"
                 "        except RuntimeError:\n"
                 "            return _in_ctx(_fast, env)\n")
    else:
        enter = ("    if _gc() is not _CTX:\n"
                 "        return _in_ctx(_fast, env)\n")
    source = (
        "def _fast(env):\n"
        f"{enter}"
        "    try:\n"
        f"{fast}\n"
        "    except _NodeError as e:\n"
        "        raise (_recover(env, e) if e.relocate else _translate(e)) from None\n"
        "    except _Passthrough as e:\n"
        "        raise e.error from None\n"
        "    except Exception as e:\n"
        "        raise _recover(env, e) from None\n"
        "\n"
        "def _checked(env):\n"
        f"{checked}\n"
    )
    return source, pool.values


def generate_program(steps: list[tuple[str, Node, object, object, object]],
                     susunan: dict[str, tuple[str, ...]] | None = None) -> tuple[str, dict]:
    """Python source of ``_program(env)``: several pure formulas evaluated in order, each
    value stored in ``env`` under its name before the next formula runs, in one function.

    ``susunan``: for inputs (lists of records) whose records the formulas only read fields of,
    the fields of a record in order: the caller gives each record as a tuple of those fields,
    or, for one field, as that field's value (no record object made per row of a country).

    ``steps``: ``(name, root, places, rounding, post)``. After a formula, the value is
    ``runtime.quantize(raw, places, rounding)`` for a number when ``places`` is given,
    otherwise ``post(raw, env)`` when ``post`` is given, otherwise ``raw``. ``places`` is an
    int, or ``(env name, places_of)``: the places are ``places_of(env.get(name))`` when that
    is an int (e.g. a parameter holding the places), else ``post`` decides (no rounding, or an
    error). Returns ``(raw, value, ...)`` for every step, or None on any failure: the caller
    then evaluates the formulas one by one, whose errors name the step and column.
    """
    pool = ConstPool()
    lines = ["def _program(env):",
             "    if _gc() is not _CTX:",
             "        return _in_ctx(_program, env)",
             "    try:"]
    out = []
    for i, (name, root, places, rounding, post) in enumerate(steps):
        gen = CodeGen(pool, {}, checked=False, base_level=2, susunan=susunan)
        raw, value = f"rs{i}", f"vs{i}"
        gen.emit(f"{raw} = {gen.result(root)}")
        slow = f"{pool.add(post)}({raw}, env)" if post is not None else raw
        # runtime.quantize written out (it runs on every evaluation): more places than _Q
        # holds, or 28 digits exceeded, raise and send the caller to the step-by-step path
        if places is None:
            gen.emit(f"{value} = {slow}")
        else:
            if isinstance(places, tuple):
                source, places_of = places
                p = f"p{i}"
                gen.emit(f"{p} = {pool.add(places_of)}(env.get({gen.key(source)}))")
                gen.emit(f"if type({p}) is int and type({raw}) is D:")
            elif not isinstance(places, int) or isinstance(places, bool):
                raise ValueError(f"places must be an int, not {places!r}")
            else:
                p = str(places)
                gen.emit(f"if type({raw}) is D:")
            gen.emit(f"    {value} = {raw}.quantize(_Q[{p}], {pool.add(rounding)})")
            gen.emit(f"    if not {value}: {value} = {value}.copy_abs()  # never -0")
            gen.emit("else:")
            gen.emit(f"    {value} = {slow}")
        gen.emit(f"env[{gen.key(name)}] = {value}")
        lines.extend(gen.lines)
        out.extend((raw, value))
    lines += [f"        return ({', '.join(out)},)",
              "    except Exception:",
              "        return None"]
    return "\n".join(lines) + "\n", pool.values


__all__ = ["generate", "generate_program", "ConstPool", "CodeGen"]
