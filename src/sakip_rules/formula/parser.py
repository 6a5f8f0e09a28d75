"""Source text -> syntax tree, with every limit enforced before anything recurses.

1. :func:`prescan` walks the text once, without recursion: length, unclosed strings and
   brackets, bracket nesting depth, names starting with ``_``, and common slips (``**``,
   ``=``, ``&&``, ``'teks'``, ``lambda``).
2. The lark LALR parser (iterative, grammar in ``grammar.lark``) builds a parse tree.
3. :func:`_tree_depth` measures the parse tree iteratively and rejects trees nested deeper
   than ``max_depth`` (e.g. ``- - - - x`` or ``not not not x``).
4. Only then is the tree converted (recursively, now bounded) into :mod:`.nodes`.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from .errors import FormulaError, error_at
from .nodes import (Bool, BoolChain, Call, Chain, Comp, Compare, Cond, Field, KwArg, ListLit,
                    Name, Neg, Node, Not, Num, Pow, Step, Str)

KEYWORDS = frozenset({"if", "then", "else", "and", "or", "not", "in", "for", "true", "false"})
MAX_LIST_ITEMS = 1000
MAX_NUMBER_DIGITS = 28

_FORBIDDEN_WORDS = {
    "lambda": "'lambda' tidak didukung: rumus tidak dapat membuat fungsi",
    "import": "'import' tidak didukung dalam rumus",
}

_TOKEN_TEXT = {
    "COMP_OP": "operator pembanding", "PLUS": "'+'", "MINUS": "'-'", "STAR": "'*'",
    "SLASH": "'/'", "LPAR": "'('", "RPAR": "')'", "NAME": "nama", "NUMBER": "angka",
    "STRING": "teks", "IF": "'if'", "THEN": "'then'", "ELSE": "'else'", "OR": "'or'",
    "AND": "'and'", "NOT": "'not'", "IN": "'in'", "CIRCUMFLEX": "'^'", "DOT": "'.'",
    "COMMA": "','", "TRUE": "'true'", "FALSE": "'false'", "LSQB": "'['", "RSQB": "']'",
    "FOR": "'for'", "COLON": "':'", "$END": "akhir rumus",
}
_TOKEN_ORDER = list(_TOKEN_TEXT)

_parser: Lark | None = None
_parser_lock = threading.Lock()


def _get_parser() -> Lark:
    global _parser
    if _parser is None:
        with _parser_lock:
            if _parser is None:
                text = resources.files(__package__).joinpath("grammar.lark").read_text("utf-8")
                _parser = Lark(text, parser="lalr", lexer="contextual", propagate_positions=True,
                               maybe_placeholders=False, keep_all_tokens=True)
    return _parser


# --------------------------------------------------------------------------- prescan

def _is_ident_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def prescan(source: str, max_depth: int) -> None:
    """Cheap single pass over the text; raises FormulaError on the first problem."""
    n = len(source)
    stack: list[tuple[str, int]] = []
    i = 0
    pairs = {")": "(", "]": "["}
    while i < n:
        ch = source[i]
        if ch == '"':
            j = i + 1
            while j < n:
                c = source[j]
                if c == "\\" and j + 1 < n and source[j + 1] in '"\\':
                    j += 2
                    continue
                if c == "\\":
                    raise error_at(source, j, "garis miring terbalik dalam teks hanya boleh "
                                              "sebagai \\\" atau \\\\")
                if c == '"' or c == "\n":
                    break
                j += 1
            if j >= n or source[j] != '"':
                raise error_at(source, i, "teks belum ditutup dengan tanda petik ganda (\")")
            i = j + 1
            continue
        if ch in "([":
            stack.append((ch, i))
            if len(stack) > max_depth:
                raise error_at(source, i, f"rumus terlalu bersarang: lebih dari {max_depth} "
                                          f"tingkat kurung")
        elif ch in ")]":
            if not stack:
                raise error_at(source, i, f"kurung '{ch}' tidak punya pasangan pembuka")
            opener, at = stack.pop()
            if opener != pairs[ch]:
                raise error_at(source, i, f"kurung '{opener}' (kolom {at + 1}) ditutup "
                                          f"dengan '{ch}'")
        elif ch == "_" and (i == 0 or not _is_ident_char(source[i - 1])):
            j = i
            while j < n and _is_ident_char(source[j]):
                j += 1
            raise error_at(source, i, f"nama tidak boleh diawali garis bawah: "
                                      f"'{source[i:j][:40]}'")
        elif ch.isalpha() and (i == 0 or not _is_ident_char(source[i - 1])):
            j = i
            while j < n and _is_ident_char(source[j]):
                j += 1
            word = source[i:j]
            if word in _FORBIDDEN_WORDS and not source[:i].rstrip().endswith("."):
                raise error_at(source, i, _FORBIDDEN_WORDS[word])
            i = j
            continue
        elif ch == "*" and i + 1 < n and source[i + 1] == "*":
            raise error_at(source, i, "gunakan '^' untuk pangkat, bukan '**'")
        elif ch == "=":
            if i + 1 < n and source[i + 1] == "=":
                i += 2
                continue
            prev = source[i - 1] if i else ""
            if prev not in "!<>":
                raise error_at(source, i, "gunakan '==' untuk membandingkan, bukan '='")
        elif ch == "!" and not (i + 1 < n and source[i + 1] == "="):
            raise error_at(source, i, "gunakan 'not' untuk ingkaran, bukan '!'")
        elif ch == "&":
            raise error_at(source, i, "gunakan 'and', bukan '&'")
        elif ch == "|":
            raise error_at(source, i, "gunakan 'or', bukan '|'")
        elif ch == "'":
            raise error_at(source, i, "teks harus diapit tanda petik ganda (\"), "
                                      "bukan petik tunggal (')")
        i += 1
    if stack:
        opener, at = stack[-1]
        raise error_at(source, at, f"kurung '{opener}' belum ditutup")


# --------------------------------------------------------------------------- lark errors

def _describe_expected(expected) -> str:
    names = [name for name in _TOKEN_ORDER if name in expected]
    shown = [_TOKEN_TEXT[name] for name in names[:8]]
    if len(names) > 8:
        shown.append("…")
    return ", ".join(shown)


def _syntax_error(source: str, exc: UnexpectedInput) -> FormulaError:
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream
        ch = source[pos] if pos is not None and pos < len(source) else "?"
        if ch.isalpha():
            return error_at(source, pos, f"huruf '{ch}' tidak dikenal",
                            "nama hanya boleh memakai huruf A-Z, angka 0-9 dan garis bawah")
        return error_at(source, pos, f"karakter '{ch}' tidak dikenal")
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        expected = _describe_expected(exc.expected or ())
        detail = f"yang diharapkan: {expected}" if expected else None
        if token.type == "$END":
            return error_at(source, len(source.rstrip()), "rumus berakhir sebelum selesai",
                            detail)
        if token.type == "COMP_OP" and "COMP_OP" not in (exc.expected or ()):
            return error_at(source, token.start_pos, f"perbandingan tidak boleh berantai: "
                                                     f"'{token.value}'",
                            "gunakan 'and', misalnya a < b and b < c")
        value = str(token.value)
        if len(value) > 30:
            value = value[:29] + "…"
        return error_at(source, token.start_pos, f"'{value}' tidak diharapkan di sini", detail)
    pos = getattr(exc, "pos_in_stream", None)
    return error_at(source, pos, "susunan rumus tidak sah")


# --------------------------------------------------------------------------- depth

_FLAT_TREES = frozenset({"number", "string", "true", "false", "name", "paren", "kwarg"})


def _tree_depth_check(source: str, tree: Tree, max_depth: int) -> None:
    stack: list[tuple[Tree, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data not in _FLAT_TREES:
            depth += 1
            if depth > max_depth:
                pos = getattr(node.meta, "start_pos", None)
                raise error_at(source, pos, f"rumus terlalu bersarang: lebih dari {max_depth} "
                                            f"tingkat")
        for child in node.children:
            if isinstance(child, Tree):
                stack.append((child, depth))


# --------------------------------------------------------------------------- conversion

class _Builder:
    def __init__(self, source: str):
        self.source = source

    # helpers -------------------------------------------------------------
    @staticmethod
    def _trees(tree: Tree) -> list[Tree]:
        return [c for c in tree.children if isinstance(c, Tree)]

    @staticmethod
    def _span(tree: Tree) -> tuple[int, int]:
        meta = tree.meta
        return meta.start_pos, meta.end_pos

    def build(self, tree: Tree) -> Node:
        method = getattr(self, "b_" + tree.data)
        return method(tree)

    def _check_var(self, token: Token) -> str:
        name = str(token)
        if name in KEYWORDS:
            raise error_at(self.source, token.start_pos,
                           f"kata kunci '{name}' tidak dapat dipakai sebagai nama")
        return name

    # leaves --------------------------------------------------------------
    def b_number(self, tree):
        token = tree.children[0]
        text = str(token)
        digits = text.replace(".", "").lstrip("0")
        if len(digits) > MAX_NUMBER_DIGITS:
            raise error_at(self.source, token.start_pos,
                           f"angka terlalu panjang: lebih dari {MAX_NUMBER_DIGITS} digit")
        return Num(token.start_pos, token.end_pos, Decimal(text), text)

    def b_string(self, tree):
        token = tree.children[0]
        raw = str(token)[1:-1]
        out = []
        i = 0
        while i < len(raw):
            if raw[i] == "\\" and i + 1 < len(raw):
                out.append(raw[i + 1])
                i += 2
            else:
                out.append(raw[i])
                i += 1
        return Str(token.start_pos, token.end_pos, "".join(out))

    def b_true(self, tree):
        start, end = self._span(tree)
        return Bool(start, end, True)

    def b_false(self, tree):
        start, end = self._span(tree)
        return Bool(start, end, False)

    def b_name(self, tree):
        token = tree.children[0]
        return Name(token.start_pos, token.end_pos, str(token))

    def b_paren(self, tree):
        inner = self.build(self._trees(tree)[0])
        inner.parens += 1
        return inner

    # compound ------------------------------------------------------------
    def b_list(self, tree):
        start, end = self._span(tree)
        items = [self.build(t) for t in self._trees(tree)]
        if len(items) > MAX_LIST_ITEMS:
            raise error_at(self.source, start, f"daftar terlalu panjang: {len(items)} elemen "
                                               f"(maksimum {MAX_LIST_ITEMS})")
        return ListLit(start, end, items)

    def _comp(self, tree, in_call: bool) -> Comp:
        parts = [c for c in tree.children
                 if isinstance(c, Tree) or (isinstance(c, Token) and c.type == "NAME")]
        if in_call:
            parts = parts[1:]          # drop the function name
        elem_tree, var_token, iter_tree = parts[0], parts[1], parts[2]
        filter_tree = parts[3] if len(parts) > 3 else None
        elem = self.build(elem_tree)
        iterable = self.build(iter_tree)
        filt = self.build(filter_tree) if filter_tree is not None else None
        var = self._check_var(var_token)
        end = (filt or iterable).end
        return Comp(elem.pos, end, elem, var, var_token.start_pos, iterable, filt, in_call)

    def b_listcomp(self, tree):
        start, end = self._span(tree)
        comp = self._comp(tree, in_call=False)
        comp.pos, comp.end, comp.col = start, end, start
        return comp

    def b_gencall(self, tree):
        start, end = self._span(tree)
        fname = tree.children[0]
        comp = self._comp(tree, in_call=True)
        call = Call(start, end, str(fname), [], [], comp)
        call.col = fname.start_pos
        return call

    def b_call(self, tree):
        start, end = self._span(tree)
        fname = tree.children[0]
        args: list[Node] = []
        kwargs: list[KwArg] = []
        for child in self._trees(tree):
            if child.data == "kwarg":
                name_token = child.children[0]
                value = self.build(self._trees(child)[0])
                kwargs.append(KwArg(str(name_token), name_token.start_pos, value))
            else:
                node = self.build(child)
                if kwargs:
                    raise error_at(self.source, node.pos, "argumen tanpa nama tidak boleh "
                                                          "sesudah argumen bernama")
                args.append(node)
        call = Call(start, end, str(fname), args, kwargs, None)
        call.col = fname.start_pos
        return call

    def _chain(self, tree):
        start, end = self._span(tree)
        children = tree.children
        first = self.build(children[0])
        steps = []
        for k in range(1, len(children), 2):
            op_token = children[k]
            right = self.build(children[k + 1])
            steps.append(Step(start, right.end, str(op_token), op_token.start_pos, right))
        return Chain(start, end, first, steps)

    b_add_chain = _chain
    b_mul_chain = _chain

    def b_neg(self, tree):
        start, end = self._span(tree)
        return Neg(start, end, self.build(self._trees(tree)[0]))

    def b_not_op(self, tree):
        start, end = self._span(tree)
        return Not(start, end, self.build(self._trees(tree)[0]))

    def b_pow(self, tree):
        start, end = self._span(tree)
        base_tree, exp_tree = self._trees(tree)
        op = next(c for c in tree.children if isinstance(c, Token) and c.value == "^")
        return Pow(start, end, self.build(base_tree), self.build(exp_tree), op.start_pos)

    def b_field(self, tree):
        start, end = self._span(tree)
        obj = self.build(self._trees(tree)[0])
        name_token = tree.children[-1]
        return Field(start, end, obj, str(name_token), name_token.start_pos)

    def b_compare(self, tree):
        start, end = self._span(tree)
        left_tree, op, right_tree = tree.children
        return Compare(start, end, str(op), op.start_pos, self.build(left_tree),
                       self.build(right_tree))

    def _member(self, tree, op: str):
        start, end = self._span(tree)
        left_tree, right_tree = self._trees(tree)
        first_kw = next(c for c in tree.children if isinstance(c, Token))
        return Compare(start, end, op, first_kw.start_pos, self.build(left_tree),
                       self.build(right_tree))

    def b_member(self, tree):
        return self._member(tree, "in")

    def b_not_member(self, tree):
        return self._member(tree, "not in")

    def _bool_chain(self, tree, op):
        start, end = self._span(tree)
        return BoolChain(start, end, op, [self.build(t) for t in self._trees(tree)])

    def b_and_chain(self, tree):
        return self._bool_chain(tree, "and")

    def b_or_chain(self, tree):
        return self._bool_chain(tree, "or")

    def b_cond(self, tree):
        start, end = self._span(tree)
        c, a, b = (self.build(t) for t in self._trees(tree))
        return Cond(start, end, c, a, b)


def parse(source: str, *, max_length: int, max_depth: int) -> Node:
    """Parse ``source`` into a syntax tree, or raise FormulaError."""
    if not isinstance(source, str):
        raise FormulaError(f"rumus harus berupa teks, bukan {type(source).__name__}")
    if len(source) > max_length:
        raise FormulaError(f"rumus terlalu panjang: {len(source)} karakter "
                           f"(maksimum {max_length})", source=source[:max_length])
    if not source.strip():
        raise FormulaError("rumus kosong", source=source)
    prescan(source, max_depth)
    try:
        tree = _get_parser().parse(source)
    except UnexpectedInput as exc:
        raise _syntax_error(source, exc) from None
    except LarkError:
        raise error_at(source, None, "susunan rumus tidak sah") from None
    if isinstance(tree, Token):      # defensive: a lone token is never produced by ?start
        raise error_at(source, 0, "susunan rumus tidak sah")
    _tree_depth_check(source, tree, max_depth)
    return _Builder(source).build(tree)
