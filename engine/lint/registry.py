"""Findings, and the checks registered under their codes.

A check is a small generator registered under one finding code and the part of a file it
looks at (its subject); its docstring is that code's user documentation. A runner walks a
file in order and hands each part to the checks of its subject, in the order they were
registered, so findings come out in the order of the file.
"""

import inspect
from collections.abc import Callable, Iterable, Iterator
from enum import Enum, auto
from typing import Any, Literal, NamedTuple, Protocol

from .codes import CODES, WARNINGS

YamlPath = tuple[str | int, ...]
Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    code: str
    message: str
    file: str
    at: YamlPath = ()
    key: bool = False
    severity: Severity = "error"
    #: The kind of rubric file whose ids this finding looks up ("attributes", "authorities",
    #: "test", "claim", "summary_judgment", "any"), so a caller can hold it back when such a
    #: file failed to load and the finding would only echo that failure.
    refers_to: str | None = None


class Issue(NamedTuple):
    """What a check yields: the runner adds the code, its severity and the file."""

    message: str
    at: YamlPath = ()
    key: bool = False
    refers_to: str | None = None
    #: Only for checks over a whole library, whose findings land in different files.
    file: str | None = None


class RubricFile(Protocol):
    """A loaded rubric document as the library was built from it."""

    @property
    def path(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def model(self) -> Any: ...


class Subject(Enum):
    """The parts of a file a check can be handed."""

    # A case file, in the order its parts are walked.
    ASSERTED_CLAIM = auto()
    DISMISSAL = auto()
    RAISED_DEFENSE = auto()
    FACT_VALUE = auto()
    DISPUTE = auto()
    CONTRADICTION = auto()
    EXPECTED_CLAIM = auto()
    EXPECTED_DEFENSE = auto()
    DECIDED_BY = auto()
    DEFENDANT = auto()
    NON_PARTY = auto()
    CASE = auto()
    # A rubric library.
    RUBRIC_FILES = auto()
    CITE = auto()
    ATTRIBUTE_TEST = auto()
    CLAIM_REFERENCE = auto()
    CLEARLY_ESTABLISHED = auto()
    STANDARD = auto()
    TEST_CHOICE = auto()
    LIBRARY = auto()
    # A library against the cases that use it.
    COVERAGE = auto()


Check = Callable[..., Iterable[Issue]]


class Rule(NamedTuple):
    code: str
    subject: Subject
    check: Check


_RULES: dict[Subject, list[Rule]] = {subject: [] for subject in Subject}


def rule(code: str, subject: Subject) -> Callable[[Check], Check]:
    """Register a check under ``code``, to be handed each ``subject`` a runner walks."""
    if code not in CODES:
        raise ValueError(f"{code} is not a finding code; add it to CODES first")

    def register(check: Check) -> Check:
        _RULES[subject].append(Rule(code, subject, check))
        return check

    return register


def visit(
    subject: Subject, file: str, *args: Any, only: frozenset[str] | None = None
) -> Iterator[Finding]:
    """Every finding of the checks of ``subject`` on one part (``args``) of ``file``; only
    those of the codes ``only``, where it is given."""
    for code, _, check in _RULES[subject]:
        if only is not None and code not in only:
            continue
        severity: Severity = "warning" if code in WARNINGS else "error"
        for issue in check(*args):
            yield Finding(
                code,
                issue.message,
                issue.file or file,
                issue.at,
                issue.key,
                severity,
                issue.refers_to,
            )


def rules(code: str) -> list[Rule]:
    return [r for subject in Subject for r in _RULES[subject] if r.code == code]


def documentation(code: str) -> str:
    """What ``code`` means: its line in CODES, then the docstring of each of its checks."""
    parts = [CODES[code]]
    parts += [inspect.getdoc(r.check) or "" for r in rules(code)]
    return "\n\n".join(p for p in parts if p)
