"""What `triable new` asks, decided from the rubrics' own conditions.

A claim's standards and its test choices are conditioned on attribute values (the
plaintiff's status, the kind of force). Given the answers so far, a condition holds, fails
or is still open; a standard or test whose condition fails can no longer govern, so the
attributes only it reads are not asked. Those that decide between the tests still open are
asked first, so that each answer narrows what follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from triable.engine.conditions import THE_CLAIM, Question, truth
from triable.engine.model.conditions import AllOf, AnyOf, AttributeTest, ClaimHolds, NotOf
from triable.engine.model.rubric import ElementsTest, FactorsTest
from triable.engine.vocab import AttributeType

if TYPE_CHECKING:
    from triable.engine.conditions import Truth
    from triable.engine.library import Library
    from triable.engine.model.conditions import Condition
    from triable.engine.model.rubric import Attribute


class Plan(NamedTuple):
    #: Still open, and their answers decide which standard or test governs.
    choosers: list[str]
    #: Still open, and read by a standard or test that may yet govern.
    reads: list[str]

    def next(self, done: Iterable[str]) -> str | None:
        finished = set(done)
        return next((a for a in [*self.choosers, *self.reads] if a not in finished), None)


def plan(library: Library, claims: Iterable[str], known: Mapping[str, Any]) -> Plan:
    """The questions the claims' tests may still turn on, given the ``known`` answers."""
    choosers: set[str] = set()
    reads: set[str] = set()
    seen: set[str] = set()

    def visit(claim_id: str) -> None:
        rubric = library.claims.get(claim_id)
        if claim_id in seen or rubric is None:
            return
        seen.add(claim_id)
        for element in rubric.elements.values():
            follow(element.holds_when, reads)
        for standard in rubric.standards:
            if not choose(standard.when):
                continue
            for choice in standard.tests:
                if not choose(choice.when):
                    continue
                for condition in _test_conditions(library, choice.test):
                    follow(condition, reads)
                if _truth(library, choice.when, known) is True:
                    break
            if _truth(library, standard.when, known) is True:
                break

    def choose(condition: Condition | None) -> bool:
        """Whether what ``condition`` guards may still apply; what it asks is a chooser."""
        if _truth(library, condition, known) is False:
            return False
        follow(condition, choosers)
        return True

    def follow(condition: Condition | None, into: set[str]) -> None:
        found: set[str] = set()
        for claim_id in _open(library, condition, known, found):
            visit(claim_id)
        into |= found

    for claim_id in claims:
        visit(claim_id)
    order = [
        a for a, attr in library.attributes.items() if a not in known and attr.from_case is None
    ]
    return Plan([a for a in order if a in choosers], [a for a in order if a in reads - choosers])


def _test_conditions(library: Library, test_id: str) -> list[Condition]:
    test = library.tests.get(test_id)
    if isinstance(test, ElementsTest):
        return [e.holds_when for e in test.elements.values()]
    if isinstance(test, FactorsTest):
        return test.conditions()
    return []


def _open(
    library: Library, condition: Condition | None, known: Mapping[str, Any], found: set[str]
) -> list[str]:
    """Add to ``found`` the attributes in the parts of ``condition`` no answer has settled;
    return the claims those parts name."""
    if condition is None or _truth(library, condition, known) is not None:
        return []
    match condition:
        case AllOf(all=parts) | AnyOf(any=parts):
            return [c for part in parts for c in _open(library, part, known, found)]
        case NotOf(not_=inner):
            return _open(library, inner, known, found)
        case AttributeTest(attr=attr):
            found.add(attr)
        case ClaimHolds(claim=claim) if claim != THE_CLAIM:
            return [claim]
    return []


class _Answers:
    """The answers so far, as the engine's conditions read a world's values."""

    defendants: tuple[str, ...] = ()

    def __init__(self, library: Library, values: Mapping[str, Any]) -> None:
        self._library = library
        self.values = dict(values)

    @property
    def attributes(self) -> dict[str, Attribute]:
        return self._library.attributes

    def knows_claim(self, claim_id: str) -> bool:
        return False

    def holds(self, claim_id: str, defendant: str) -> bool:
        return False

    def clearly_established(self, question: Question) -> Truth:
        return None


def _truth(library: Library, condition: Condition | None, known: Mapping[str, Any]) -> Truth:
    """Whether ``condition`` holds on the answers so far; None while it is open. What it asks
    of a party, another claim or a precedent stays open: no answer here settles it."""
    match condition:
        case None:
            return True
        case AllOf(all=parts):
            found = [_truth(library, p, known) for p in parts]
            return False if False in found else None if None in found else True
        case AnyOf(any=parts):
            found = [_truth(library, p, known) for p in parts]
            return True if True in found else None if None in found else False
        case NotOf(not_=inner):
            answer = _truth(library, inner, known)
            return None if answer is None else not answer
        case AttributeTest(attr=attr):
            attribute = library.attributes.get(attr)
            if attr not in known or attribute is None or attribute.type is AttributeType.PARTY:
                return None
            return truth(condition, _Answers(library, known), Question(""))
    return None


# --- the words of a question ----------------------------------------------------------------


def hint(attribute: Attribute, defendants: Iterable[str]) -> str:
    kind = attribute.type
    if kind is AttributeType.BOOLEAN:
        return "true/false"
    if kind is AttributeType.ORDINAL:
        levels = "/".join(attribute.levels or [])
        return f"{levels}; ? defines each" if attribute.meanings else levels
    if kind is AttributeType.NUMBER:
        return f"a number of {attribute.unit}"
    return "comma list of " + ", ".join(defendants) + ", or none"


def definitions(attribute: Attribute) -> list[str]:
    """One line for each level, lowest first: its name and what it means."""
    levels = attribute.levels or []
    width = max((len(level) for level in levels), default=0)
    meanings = attribute.meanings or {}
    return [f"  {level.ljust(width)}  {meanings.get(level, '')}".rstrip() for level in levels]


def identifier(label: str, taken: Iterable[str]) -> str:
    """An id for ``label`` (lower-case words joined by underscores), unlike any ``taken``."""
    words = re.findall(r"[a-z0-9]+", label.lower())
    base = "_".join(words)[:40].strip("_") or "episode"
    if not base[0].isalpha():
        base = f"episode_{base}"
    used = set(taken)
    found, n = base, 1
    while found in used:
        n += 1
        found = f"{base}_{n}"
    return found
