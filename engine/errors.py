"""Typed errors for input a user must fix; the CLI catches the base type once."""

from typing import NamedTuple


class Location(NamedTuple):
    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path


class TriableError(Exception):
    """Something in the user's input or invocation that the user can fix."""

    exit_code = 2

    def __init__(self, code: str, message: str, where: Location | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.where = where

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.code} {self.message}"


class UnusableInput(TriableError):
    """A file that cannot be read or parsed at all."""


class InvalidDocument(TriableError):
    """A file that parses but does not fit its schema; carries every finding."""

    def __init__(self, findings: list[TriableError]) -> None:
        first = findings[0]
        super().__init__(first.code, first.message, first.where)
        self.findings = findings

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self.findings)


class UsageError(TriableError):
    """A command line that asks for something impossible."""
