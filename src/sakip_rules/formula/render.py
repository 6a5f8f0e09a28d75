"""Human-readable text of a formula: ``pretty()`` (names kept) and ``render()`` (values)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .nodes import (Bool, BoolChain, Call, Chain, Comp, Compare, Cond, Field, ListLit, Name,
                    Neg, Node, Not, Num, Pow, Str)

PRETTY_OPS = {"*": "×", "/": "/", "+": "+", "-": "-", "^": "^", "==": "=", "!=": "≠",
              "<": "<", "<=": "≤", ">": ">", ">=": "≥", "in": "in", "not in": "not in"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Renderer:
    """``value_of(name_node, fields)`` returns the text for a free name (and the fields that
    were consumed), or None to keep the name; ``number`` formats numeric literals or None."""

    def __init__(self, value_of: Callable[[Name, list[str]], tuple[str, int] | None] | None = None,
                 number: Callable[[Num], str] | None = None):
        self.value_of = value_of
        self.number = number

    def text(self, node: Node) -> str:
        body = getattr(self, "r_" + type(node).__name__)(node)
        return "(" * node.parens + body + ")" * node.parens

    # leaves ---------------------------------------------------------------
    def r_Num(self, node: Num) -> str:
        return self.number(node) if self.number is not None else node.text

    def r_Str(self, node: Str) -> str:
        return _quote(node.value)

    def r_Bool(self, node: Bool) -> str:
        return "true" if node.value else "false"

    def r_Name(self, node: Name) -> str:
        if node.binding is None and self.value_of is not None:
            shown = self.value_of(node, [])
            if shown is not None:
                return shown[0]
        return node.name

    # structures -----------------------------------------------------------
    def r_ListLit(self, node: ListLit) -> str:
        return "[" + ", ".join(self.text(i) for i in node.items) + "]"

    def r_Field(self, node: Field) -> str:
        if self.value_of is not None:
            path: list[str] = []
            cur: Node = node
            while isinstance(cur, Field) and cur.parens == 0:
                path.append(cur.name)
                cur = cur.obj
            if isinstance(cur, Name) and cur.binding is None and cur.parens == 0:
                path.reverse()
                shown = self.value_of(cur, path)
                if shown is not None:
                    text, used = shown
                    return text + "".join("." + f for f in path[used:])
        return self.text(node.obj) + "." + node.name

    def r_Neg(self, node: Neg) -> str:
        return "-" + self.text(node.operand)

    def r_Not(self, node: Not) -> str:
        return "not " + self.text(node.operand)

    def r_Chain(self, node: Chain) -> str:
        parts = [self.text(node.first)]
        for step in node.steps:
            parts.append(PRETTY_OPS[step.op])
            parts.append(self.text(step.right))
        return " ".join(parts)

    def r_Pow(self, node: Pow) -> str:
        return f"{self.text(node.base)} ^ {self.text(node.exp)}"

    def r_Compare(self, node: Compare) -> str:
        return f"{self.text(node.left)} {PRETTY_OPS[node.op]} {self.text(node.right)}"

    def r_BoolChain(self, node: BoolChain) -> str:
        return f" {node.op} ".join(self.text(o) for o in node.operands)

    def r_Cond(self, node: Cond) -> str:
        return (f"if {self.text(node.cond)} then {self.text(node.then)} "
                f"else {self.text(node.other)}")

    def _comp_body(self, node: Comp) -> str:
        text = f"{self.text(node.elem)} for {node.var} in {self.text(node.iterable)}"
        if node.filter is not None:
            text += f" if {self.text(node.filter)}"
        return text

    def r_Comp(self, node: Comp) -> str:
        return "[" + self._comp_body(node) + "]"

    def r_Call(self, node: Call) -> str:
        if node.gen is not None:
            inner = self._comp_body(node.gen)
        else:
            parts = [self.text(a) for a in node.args]
            parts += [f"{kw.name}: {self.text(kw.value)}" for kw in node.kwargs]
            inner = ", ".join(parts)
        return f"{node.fname}({inner})"


def pretty(root: Node) -> str:
    return Renderer().text(root)


def render(root: Node, lookup: Callable[[Name, list[str]], tuple[Any, int]],
           fmt: Callable[[Any], str], number: Callable[[Num], str] | None = None) -> str:
    """``lookup(name_node, path)`` -> (value, fields used); the value is shown with ``fmt``."""

    def value_of(node: Name, path: list[str]):
        value, used = lookup(node, path)
        return str(fmt(value)), used

    return Renderer(value_of, number).text(root)


__all__ = ["pretty", "render", "PRETTY_OPS", "Renderer"]
