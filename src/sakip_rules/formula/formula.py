"""``compile_formula`` and the compiled ``Formula``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sakip_rules.errors import SakipError

from .checker import BUILTINS, check
from .codegen import generate, generate_program
from .errors import FormulaError, error_at, fragment
from .nodes import Call, Comp, Compare, Field, Name, Node, Pow, Step, walk
from .parser import KEYWORDS, parse
from .render import pretty as _pretty
from .render import render as _render
from .runtime import HELPERS, NodeError, Passthrough, canon, formula_context
from .types import ANY, Type

_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class ExternalFunction:
    """A function the engine lets formulas call, e.g. another rule.

    ``impl`` is called with the arguments in the order of ``params`` (keyword arguments in the
    formula are matched to ``params`` at compile time). Its result must be a formula value
    (``Decimal``/``int``, ``str``, ``bool``, ``None``, list, mapping); a ``float`` is an error.
    A :class:`~sakip_rules.errors.SakipError` it raises is passed through unchanged.
    ``returns`` (optional) is the static type of the result, for compile-time checking.
    """

    params: tuple[str, ...]
    impl: Callable[..., Any]
    description: str = ""
    returns: Type = ANY

    def __post_init__(self):
        if isinstance(self.params, str):
            raise TypeError("params harus berupa tuple nama, bukan satu teks")
        params = tuple(self.params)
        for p in params:
            if not isinstance(p, str) or not _NAME_RE.match(p) or p in KEYWORDS:
                raise ValueError(f"nama parameter tidak sah: {p!r}")
        if len(set(params)) != len(params):
            raise ValueError(f"nama parameter ganda: {params!r}")
        if not callable(self.impl):
            raise TypeError("impl harus dapat dipanggil")
        if self.returns is None:
            object.__setattr__(self, "returns", ANY)
        elif not isinstance(self.returns, Type):
            raise TypeError("returns harus berupa Type")
        object.__setattr__(self, "params", params)


class Formula:
    """A compiled formula. Build it with :func:`compile_formula`.

    Attributes: ``source``, ``free_names`` (input/step names it reads), ``functions_used``
    (built-in and external functions it calls), ``type`` (static result type), ``names``
    (the static type of each free name).
    """

    def __init__(self, source: str, root: Node, nodes: list[Node], declared: dict[str, Type],
                 functions: dict, free_names: set[str], functions_used: set[str],
                 max_length: int, max_depth: int):
        self.source = source
        self.free_names = frozenset(free_names)
        self.functions_used = frozenset(functions_used)
        self.type = root.type
        self.names = {n: declared[n] for n in declared if n in self.free_names}
        self._root = root
        self._nodes = nodes
        self._declared = declared
        self._functions = functions
        self._limits = (max_length, max_depth)
        self._fast: Callable[[Mapping[str, Any]], Any] | None = None
        self._checked: Callable[[Mapping[str, Any]], Any] | None = None
        self._python_source = ""

    def _bind(self, fast, checked, python_source: str) -> None:
        self._fast = fast
        self._checked = checked
        self._python_source = python_source
        # The generated function itself answers formula.evaluate(env): no extra call layer.
        self.evaluate = fast

    # ------------------------------------------------------------------ evaluation
    def evaluate(self, env: Mapping[str, Any]) -> Any:
        """Value of the formula for the names in ``env`` (exact Decimal arithmetic).

        Raises FormulaError (with column) on any problem: missing name, wrong type, division
        by zero, float input, empty mean... Runs in the formula decimal context (precision 28,
        traps on division by zero, invalid operation, overflow) whatever the caller's context.
        """
        return self._fast(env)

    def evaluate_many(self, envs: Iterable[Mapping[str, Any]]) -> list[Any]:
        """``[evaluate(env) for env in envs]``, entering the decimal context only once."""
        fast = self._fast
        with formula_context():
            return [fast(env) for env in envs]

    # ------------------------------------------------------------------ analysis
    def fields_read(self, name: str) -> frozenset[str] | None:
        """The fields this formula reads from the records of list input ``name``.

        ``None`` when a record may be used whole (kept, returned, compared), so a caller that
        builds the records must then supply every field. ``count(name)`` reads no field.
        """
        uses = self._field_uses(name)
        return None if uses is None else frozenset(uses)

    def fields_in_order(self, name: str) -> frozenset[str] | None:
        """The fields of ``name``'s records read other than only counted or searched (None:
        any field): for a list field, whether its order may show. A list that is only counted
        (``count(x for x in r.f if ...)``, ``count(r.f)``) or searched (``v in r.f``) gives
        the same result in any order, so a caller may build it unsorted."""
        uses = self._field_uses(name)
        return None if uses is None else frozenset(f for f, ordered in uses.items() if ordered)

    def _field_uses(self, name: str) -> dict[str, bool] | None:
        """Field -> whether its order may be observed, for the records of ``name``; None when
        a record may be used whole."""
        parent: dict[int, Node] = {}
        for node in walk(self._root):
            for child in node.child_nodes():
                parent[id(child)] = node
        fields: dict[str, bool] = {}
        for node in walk(self._root):
            if not isinstance(node, Name) or node.name != name or node.binding is not None:
                continue
            up = parent.get(id(node))
            if _counted(node, up):
                continue
            if not (isinstance(up, Comp) and up.iterable is node):
                return None
            counted = isinstance(parent.get(id(up)), Call) and parent[id(up)].fname == "count"
            for use in walk(up):
                if isinstance(use, Name) and use.binding is up:
                    if counted and use is up.elem:
                        continue  # count(v for v in xs if ...) never reads the element
                    field = parent.get(id(use))
                    if not (isinstance(field, Field) and field.obj is use):
                        return None
                    fields[field.name] = fields.get(field.name, False) or not _order_free(field, parent)
        return fields

    # ------------------------------------------------------------------ text
    def pretty(self) -> str:
        """Normalised text with pretty operators (× = ≠ ≤ ≥), names kept."""
        return _pretty(self._root)

    def render(self, env: Mapping[str, Any], fmt: Callable[[Any], str], *,
               literals: bool = False) -> str:
        """The expression with each free name replaced by ``fmt(value)`` (a field path on a
        free record, ``x.a.b``, shows the field's value). Comprehension variables stay names.
        Number literals are kept as written unless ``literals=True`` (then ``fmt`` too)."""
        if not isinstance(env, Mapping):
            raise FormulaError("nilai masukan harus berupa mapping (dict)", source=self.source)

        def lookup(node: Name, path: list[str]):
            try:
                value = env[node.name]
            except KeyError:
                raise error_at(self.source, node.pos,
                               f"nilai untuk '{node.name}' tidak tersedia") from None
            value = self._display_value(node, value)
            used = 0
            for name in path:
                if isinstance(value, Mapping) and name in value:
                    value = self._display_value(node, value[name])
                    used += 1
                else:
                    break
            return value, used

        number = (lambda n: str(fmt(n.value))) if literals else None
        return _render(self._root, lookup, fmt, number)

    def _display_value(self, node: Node, value):
        try:
            return canon(node.nid, value)
        except NodeError as exc:
            raise self._translate(exc) from None

    # ------------------------------------------------------------------ errors
    def _node_params(self, node: Node) -> dict[str, str]:
        src = self.source

        def frag(n: Node) -> str:
            return fragment(src, n.pos, n.end)

        params = {"frag": frag(node), "right": frag(node), "arg": frag(node),
                  "iter": frag(node), "obj": frag(node), "places": frag(node)}
        if isinstance(node, Step):
            params["right"] = frag(node.right)
        elif isinstance(node, Pow):
            params["right"] = frag(node.exp)
        elif isinstance(node, Compare):
            params["right"] = frag(node.right)
        elif isinstance(node, Comp):
            params["iter"] = frag(node.iterable)
        elif isinstance(node, Field):
            params["obj"] = frag(node.obj)
        elif isinstance(node, Call):
            if node.gen is not None:
                params["arg"] = frag(node.gen)
            elif node.args:
                params["arg"] = frag(node.args[0])
                if len(node.args) > 1:
                    params["places"] = frag(node.args[1])
        return params

    def _translate(self, exc: NodeError) -> FormulaError:
        if not 0 <= exc.nid < len(self._nodes):
            return FormulaError(f"kesalahan saat menghitung rumus: {exc.template}",
                                source=self.source)
        node = self._nodes[exc.nid]
        params = self._node_params(node)
        params.update({k: str(v) for k, v in exc.params.items()})
        try:
            main = exc.template.format(**params)
        except (KeyError, IndexError, ValueError):
            main = exc.template
        if exc.at == "right":
            pos = {Step: lambda n: n.right.pos, Pow: lambda n: n.exp.pos,
                   Compare: lambda n: n.right.pos}.get(type(node), lambda n: n.col)(node)
        elif isinstance(node, Comp):
            pos = node.iterable.pos
        else:
            pos = node.col
        return error_at(self.source, pos, main, exc.detail)

    def _recover(self, env, original: BaseException) -> BaseException:
        """The fast code failed with a raw Python error (or a bad input value): re-run the
        checked code, whose every step knows its node, to name the place precisely."""
        try:
            self._checked(env)
        except NodeError as exc:
            return self._translate(exc)
        except Passthrough as exc:
            return exc.error
        except SakipError as exc:
            return exc
        except Exception as exc:  # noqa: BLE001
            return self._unexpected(exc)
        if isinstance(original, NodeError):
            return self._translate(original)
        return self._unexpected(original)

    def _unexpected(self, exc: BaseException) -> FormulaError:
        if isinstance(exc, RecursionError):
            text = "rumus terlalu rumit untuk dihitung (rekursi terlalu dalam)"
        elif isinstance(exc, MemoryError):
            text = "memori tidak cukup untuk menghitung rumus"
        else:
            text = f"kesalahan tak terduga saat menghitung rumus ({type(exc).__name__})"
        return FormulaError(text, source=self.source)

    # ------------------------------------------------------------------ misc
    def __repr__(self) -> str:
        return f"Formula({self.source!r})"

    def __str__(self) -> str:
        return self.pretty()

    def __reduce__(self):
        max_length, max_depth = self._limits
        return (_recompile, (self.source, dict(self._declared), dict(self._functions),
                             max_length, max_depth))


def _recompile(source, names, functions, max_length, max_depth):
    return compile_formula(source, names, functions, max_length=max_length, max_depth=max_depth)


def _normalize_names(names) -> dict[str, Type]:
    if names is None or isinstance(names, (str, bytes)):
        raise TypeError("names harus berupa Mapping[str, Type] atau kumpulan nama")
    if isinstance(names, Mapping):
        items = list(names.items())
    else:
        items = [(n, ANY) for n in names]
    declared: dict[str, Type] = {}
    for name, t in items:
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise FormulaError(f"nama masukan tidak sah: {name!r}; nama harus diawali huruf dan "
                               f"hanya memuat huruf, angka dan garis bawah")
        if name in KEYWORDS:
            raise FormulaError(f"nama masukan '{name}' adalah kata kunci rumus")
        if t is None:
            t = ANY
        if not isinstance(t, Type):
            raise TypeError(f"tipe untuk {name!r} harus Type (ANY, NUMBER, ...), "
                            f"bukan {type(t).__name__}")
        declared[name] = t
    return declared


def _normalize_functions(functions) -> dict:
    if functions is None:
        return {}
    if not isinstance(functions, Mapping):
        raise TypeError("functions harus berupa Mapping[str, ExternalFunction]")
    out = {}
    for name, fn in functions.items():
        if not isinstance(name, str) or not _NAME_RE.match(name) or name in KEYWORDS:
            raise FormulaError(f"nama fungsi eksternal tidak sah: {name!r}")
        if name in BUILTINS:
            raise FormulaError(f"fungsi eksternal '{name}' bentrok dengan fungsi bawaan")
        if not isinstance(fn, ExternalFunction):
            raise TypeError(f"fungsi {name!r} harus ExternalFunction")
        out[name] = fn
    return out


def compile_formula(source: str, names, functions=None, *, max_length: int = 2000,
                    max_depth: int = 40) -> Formula:
    """Compile ``source`` once; evaluate the result many times.

    ``names``: ``Mapping[str, Type]`` or an iterable of names (all ``ANY``). A name the formula
    uses that is not listed is a compile-time FormulaError, as are unknown functions, unknown
    fields of a known ``Record``, wrong arities and obvious type mistakes.
    ``functions``: optional ``Mapping[str, ExternalFunction]``.
    ``max_length`` bounds the text, ``max_depth`` the nesting (brackets and expressions).
    """
    for label, value in (("max_length", max_length), ("max_depth", max_depth)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{label} harus bilangan bulat positif")
    declared = _normalize_names(names)
    funcs = _normalize_functions(functions)
    try:
        # a large custom max_depth lets nesting reach Python's own recursion limit first
        root = parse(source, max_length=max_length, max_depth=max_depth)
        checker = check(source, root, declared, funcs)
        formula = Formula(source, root, checker.nodes, declared, funcs, checker.free_names,
                          checker.functions_used, max_length, max_depth)
        pure = not any(name in funcs for name in checker.functions_used)
        python_source, constants = generate(root, funcs, pure)
        namespace: dict[str, Any] = {"__builtins__": {}}
        namespace.update(HELPERS)
        namespace.update(constants)
        namespace["_translate"] = formula._translate
        namespace["_recover"] = formula._recover
        code = compile(python_source, "<rumus>", "exec")
        exec(code, namespace)  # noqa: S102 - our own generated code, see codegen.py
    except (RecursionError, SyntaxError, MemoryError):
        raise FormulaError("rumus terlalu rumit: kurangi tingkat kurung atau perulangan "
                           "bersarang", source=source) from None
    formula._bind(namespace["_fast"], namespace["_checked"], python_source)
    return formula


def compile_program(steps, susunan: dict[str, tuple[str, ...]] | None = None
                    ) -> Callable[[dict], tuple | None] | None:
    """One Python function evaluating several compiled formulas in order (see
    :func:`codegen.generate_program`): ``steps`` are ``(name, formula, places, rounding,
    post)``. The function stores each value in ``env`` and returns ``(raw, value, ...)`` per
    step, or None on any failure (evaluate the formulas one by one to learn which and why).
    Returns None when a formula calls an external function (those run one by one). With no
    steps (the data gives the result) the function returns ``()``. Generated code that does
    not compile is a bug in codegen and is raised, not hidden behind the slow path.
    ``susunan``: records given as tuples of fields (see :func:`codegen.generate_program`); a
    list of records whose fields the formulas do not only read must not be named in it."""
    if not steps:
        return _no_steps
    if any(f._functions and f.functions_used & set(f._functions) for _, f, *_ in steps):
        return None
    try:
        python_source, constants = generate_program(
            [(name, f._root, places, rounding, post) for name, f, places, rounding, post in steps], susunan)
        namespace: dict[str, Any] = {"__builtins__": {}}
        namespace.update(HELPERS)
        namespace.update(constants)
        exec(compile(python_source, "<rumus>", "exec"), namespace)  # noqa: S102 - see codegen.py
    except (RecursionError, MemoryError):
        return None  # too deep to fuse: the formulas still run one by one
    return namespace["_program"]


def _no_steps(env: dict) -> tuple:
    """The program of a plan that evaluates nothing."""
    return ()



def _counted(node: Node, up: Node | None) -> bool:
    """``count(node)``: the built-in count of a list, not an external function."""
    return isinstance(up, Call) and up.fname == "count" and not up.external and up.args == [node]


def _order_free(node: Node, parent: dict[int, Node]) -> bool:
    """Whether the list ``node`` is only counted or searched, so its order cannot show."""
    up = parent.get(id(node))
    if _counted(node, up) or (isinstance(up, Compare) and up.op in ("in", "not in") and up.right is node):
        return True
    if isinstance(up, Comp) and up.iterable is node:
        call = parent.get(id(up))
        return isinstance(call, Call) and call.fname == "count" and not call.external and call.gen is up
    return False


__all__ = ["compile_formula", "compile_program", "Formula", "ExternalFunction"]
