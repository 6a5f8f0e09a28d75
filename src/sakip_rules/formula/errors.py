"""The single error type of the formula language."""

from __future__ import annotations

from sakip_rules.errors import SakipError

__all__ = ["FormulaError", "fragment", "error_at"]


class FormulaError(SakipError):
    """A formula cannot be compiled or evaluated.

    Attributes:
        message: one Indonesian line, quoting the offending fragment and its column.
        column: 1-based position in ``source`` (counted over the whole text) or ``None``.
        source: the formula text, or ``None`` if unknown.
    """

    def __init__(self, message: str, *, column: int | None = None, source: str | None = None,
                 file: str | None = None, line: int | None = None, key: str | None = None):
        self.column = column
        self.source = source
        super().__init__(message, file=file, line=line, key=key)

    def located(self, *, file: str | None = None, line: int | None = None,
                key: str | None = None) -> "FormulaError":
        """A copy of this error that also names the rule file / line / key."""
        return FormulaError(self.message, column=self.column, source=self.source,
                            file=file if file is not None else self.file,
                            line=line if line is not None else self.line,
                            key=key if key is not None else self.key)

    def pointer(self) -> str:
        """Two lines: the formula and a caret under the column (empty if unknown)."""
        if self.source is None or self.column is None:
            return ""
        text = self.source
        offset = min(max(self.column - 1, 0), len(text))
        start = text.rfind("\n", 0, offset) + 1
        stop = text.find("\n", offset)
        if stop < 0:
            stop = len(text)
        line_text = text[start:stop]
        caret = "".join("\t" if ch == "\t" else " " for ch in line_text[:offset - start]) + "^"
        return f"{line_text}\n{caret}"

    def __reduce__(self):
        return (_rebuild, (self.message, self.column, self.source, self.file, self.line, self.key))


def _rebuild(message, column, source, file, line, key):
    return FormulaError(message, column=column, source=source, file=file, line=line, key=key)


def fragment(source: str, start: int, end: int, limit: int = 40) -> str:
    """The source text between two offsets, whitespace collapsed, shortened for messages."""
    text = " ".join(source[start:end].split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def error_at(source: str, pos: int | None, main: str, detail: str | None = None) -> FormulaError:
    """Build a FormulaError: ``main (kolom N); detail``."""
    column = None if pos is None else pos + 1
    message = main
    if column is not None:
        message += f" (kolom {column})"
    if detail:
        message += f"; {detail}"
    return FormulaError(message, column=column, source=source)
