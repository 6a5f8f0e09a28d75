"""Errors that reach users. Every message is Indonesian and names where the problem is."""

from __future__ import annotations


class SakipError(Exception):
    """Base of every error shown to a user as a one-line (or few-line) message."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 key: str | None = None):
        self.message = message
        self.file = file
        self.line = line
        self.key = key
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "")
            if self.key:
                where += f" [{self.key}]"
            where += ": "
        elif self.key:
            where = f"[{self.key}] "
        return where + self.message


class RuleError(SakipError):
    """A rule file is malformed or inconsistent."""


class DataError(SakipError):
    """A data file or a submitted value is malformed or inconsistent."""


class UsageError(SakipError):
    """A command-line argument or bot argument makes no sense."""


class ErrorList(SakipError):
    """Several problems found at once; all are reported, nothing is used."""

    def __init__(self, errors: list[SakipError]):
        self.errors = list(errors)
        super().__init__("\n".join(e.render() for e in self.errors))

    def render(self) -> str:
        return "\n".join(e.render() for e in getattr(self, "errors", []))
