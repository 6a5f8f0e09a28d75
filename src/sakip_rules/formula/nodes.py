"""Syntax tree of a formula. Built by :mod:`.parser`, annotated by :mod:`.checker`.

Every node knows its span in the source (``pos``/``end``, 0-based offsets), the offset its
error messages point to (``col``), how many pairs of parentheses the author wrote around it
(``parens``, kept for :meth:`Formula.pretty`), its static type and its id (``nid``) in the
formula's node table.
"""

from __future__ import annotations

from decimal import Decimal

from .types import ANY, Type


class Node:
    __slots__ = ("pos", "end", "col", "parens", "type", "nid")
    children: tuple[str, ...] = ()

    def __init__(self, pos: int, end: int, col: int | None = None):
        self.pos = pos
        self.end = end
        self.col = pos if col is None else col
        self.parens = 0
        self.type: Type = ANY
        self.nid = -1

    def child_nodes(self):
        """Direct sub-nodes, in source order."""
        out = []
        for name in self.children:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, list):
                out.extend(v for v in value if v is not None)
            else:
                out.append(value)
        return out


class Num(Node):
    __slots__ = ("value", "text")

    def __init__(self, pos, end, value: Decimal, text: str):
        super().__init__(pos, end)
        self.value = value
        self.text = text


class Str(Node):
    __slots__ = ("value",)

    def __init__(self, pos, end, value: str):
        super().__init__(pos, end)
        self.value = value


class Bool(Node):
    __slots__ = ("value",)

    def __init__(self, pos, end, value: bool):
        super().__init__(pos, end)
        self.value = value


class Name(Node):
    """A name: a free input/step name, or a comprehension variable (``binding`` is the Comp)."""

    __slots__ = ("name", "binding")

    def __init__(self, pos, end, name: str):
        super().__init__(pos, end)
        self.name = name
        self.binding: Comp | None = None


class ListLit(Node):
    __slots__ = ("items",)
    children = ("items",)

    def __init__(self, pos, end, items: list[Node]):
        super().__init__(pos, end)
        self.items = items


class Field(Node):
    __slots__ = ("obj", "name", "name_pos")
    children = ("obj",)

    def __init__(self, pos, end, obj: Node, name: str, name_pos: int):
        super().__init__(pos, end, col=name_pos)
        self.obj = obj
        self.name = name
        self.name_pos = name_pos


class Neg(Node):
    __slots__ = ("operand",)
    children = ("operand",)

    def __init__(self, pos, end, operand: Node):
        super().__init__(pos, end)
        self.operand = operand


class Not(Node):
    __slots__ = ("operand",)
    children = ("operand",)

    def __init__(self, pos, end, operand: Node):
        super().__init__(pos, end)
        self.operand = operand


class Step(Node):
    """One ``op right`` link of an arithmetic chain; its span runs from the chain start."""

    __slots__ = ("op", "right")
    children = ("right",)

    def __init__(self, pos, end, op: str, op_pos: int, right: Node):
        super().__init__(pos, end, col=op_pos)
        self.op = op
        self.right = right


class Chain(Node):
    """``first op1 x1 op2 x2 ...`` for ``+ -`` or ``* /`` (left-associative, kept flat)."""

    __slots__ = ("first", "steps")
    children = ("first", "steps")

    def __init__(self, pos, end, first: Node, steps: list[Step]):
        super().__init__(pos, end)
        self.first = first
        self.steps = steps


class Pow(Node):
    __slots__ = ("base", "exp")
    children = ("base", "exp")

    def __init__(self, pos, end, base: Node, exp: Node, op_pos: int):
        super().__init__(pos, end, col=op_pos)
        self.base = base
        self.exp = exp


class Compare(Node):
    """``left op right`` with op one of ``== != < <= > >= in``, ``not in``."""

    __slots__ = ("op", "left", "right")
    children = ("left", "right")

    def __init__(self, pos, end, op: str, op_pos: int, left: Node, right: Node):
        super().__init__(pos, end, col=op_pos)
        self.op = op
        self.left = left
        self.right = right


class BoolChain(Node):
    """``a and b and c`` / ``a or b or c`` (short-circuit, kept flat)."""

    __slots__ = ("op", "operands")
    children = ("operands",)

    def __init__(self, pos, end, op: str, operands: list[Node]):
        super().__init__(pos, end)
        self.op = op
        self.operands = operands


class Cond(Node):
    __slots__ = ("cond", "then", "other")
    children = ("cond", "then", "other")

    def __init__(self, pos, end, cond: Node, then: Node, other: Node):
        super().__init__(pos, end)
        self.cond = cond
        self.then = then
        self.other = other


class Comp(Node):
    """``elem for var in iterable [if filter]`` -- a list comprehension, or (``in_call``)
    the single argument of an aggregate such as ``count(d for d in desa if ...)``."""

    __slots__ = ("elem", "var", "var_pos", "iterable", "filter", "in_call", "var_type")
    children = ("elem", "iterable", "filter")

    def __init__(self, pos, end, elem: Node, var: str, var_pos: int, iterable: Node,
                 filter: Node | None, in_call: bool):
        super().__init__(pos, end)
        self.elem = elem
        self.var = var
        self.var_pos = var_pos
        self.iterable = iterable
        self.filter = filter
        self.in_call = in_call
        self.var_type: Type = ANY


class KwArg:
    __slots__ = ("name", "pos", "value")

    def __init__(self, name: str, pos: int, value: Node):
        self.name = name
        self.pos = pos
        self.value = value


class Call(Node):
    """``f(a, b)``, ``f(target: x)`` or ``f(e for v in xs if c)`` (then ``gen`` is set)."""

    __slots__ = ("fname", "args", "kwargs", "gen", "ordered", "external")

    def __init__(self, pos, end, fname: str, args: list[Node], kwargs: list[KwArg],
                 gen: Comp | None):
        super().__init__(pos, end)
        self.fname = fname
        self.args = args
        self.kwargs = kwargs
        self.gen = gen
        self.ordered: list[Node] = []   # external calls: argument nodes in parameter order
        self.external = False

    def child_nodes(self):
        out = list(self.args)
        out.extend(kw.value for kw in self.kwargs)
        if self.gen is not None:
            out.append(self.gen)
        return out


def walk(root: Node):
    """All nodes under ``root`` (pre-order, iterative)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.child_nodes()))
