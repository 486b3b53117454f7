"""Conditions evaluated with three-valued logic.

A value no admissible fact establishes is unknown (None): ``all`` and ``any`` follow
Kleene's rules, so an unknown never counts as proof of anything.
"""

from collections.abc import Iterator
from typing import Any, NamedTuple, Protocol

from .model.case import AtLeast, ByParty
from .model.conditions import (
    AllOf,
    AnyOf,
    AttributeTest,
    ClaimHolds,
    ClearlyEstablished,
    Condition,
    NotOf,
)
from .model.rubric import Attribute, DefenseTest
from .vocab import AttributeType

Truth = bool | None

#: The claim a defense is being considered for; only meaningful inside a defense.
THE_CLAIM = "the_claim"


class Question(NamedTuple):
    """Who a condition is asked about: the defendant, the claim at hand (if any) and the
    defense being considered (if any)."""

    defendant: str
    claim: str | None = None
    defense: DefenseTest | None = None


class Holder(Protocol):
    """What a condition asks of the world it is evaluated in, beyond attribute values."""

    values: dict[str, Any]
    attributes: dict[str, Attribute]
    defendants: tuple[str, ...]
    named: tuple[str, ...]

    def knows_claim(self, claim_id: str) -> bool: ...

    def holds(self, claim_id: str, defendant: str) -> bool: ...

    def clearly_established(self, question: Question) -> Truth: ...


def truth(condition: Condition, world: Holder, question: Question) -> Truth:
    """Whether ``condition`` holds in ``world`` for ``question``. Compounds stop at the
    first part that decides them, in the order written."""
    match condition:
        # The most frequent kind first: every other kind ends in attribute tests.
        case AttributeTest():
            return _compare(condition, world, question.defendant)
        case AllOf(all=parts):
            return _kleene(parts, world, question, decisive=False)
        case AnyOf(any=parts):
            return _kleene(parts, world, question, decisive=True)
        case NotOf(not_=inner):
            answer = truth(inner, world, question)
            return None if answer is None else not answer
        case ClaimHolds(claim=claim, against=against):
            return _claim_holds(claim, against, world, question)
        case ClearlyEstablished():
            return world.clearly_established(question)
    raise AssertionError(f"not a condition: {condition!r}")


def any_holds(conditions: Iterator[Condition], world: Holder, question: Question) -> Truth:
    """Whether any of ``conditions`` holds, by Kleene's rules."""
    return _kleene(conditions, world, question, decisive=True)


def _kleene(parts: Any, world: Holder, question: Question, decisive: bool) -> Truth:
    unknown = False
    for part in parts:
        answer = truth(part, world, question)
        if answer is None:
            unknown = True
        elif answer is decisive:
            return decisive
    return None if unknown else not decisive


def _compare(test: AttributeTest, world: Holder, defendant: str) -> Truth:
    value = world.values.get(test.attr)
    if isinstance(value, ByParty):
        value = value.of(defendant)  # this person's own value; none: the record is silent
    if value is None:
        return None
    attribute = world.attributes[test.attr]
    op, expected = test.comparison()
    if attribute.type is AttributeType.PARTY:
        return (defendant in value) if op == "includes" else (defendant not in value)
    levels = attribute.levels  # an ordinal's, lowest first: no other kind has levels
    if levels is not None:
        if isinstance(value, AtLeast):
            if value.at_least not in levels:
                return None  # lint reports it; an unknown floor proves nothing
            return _compare_floor(
                op, levels.index(str(value.at_least)), levels.index(expected), levels
            )
        value, expected = levels.index(value), levels.index(expected)
    match op:
        case "is":
            return bool(value == expected)
        case "is_not":
            return bool(value != expected)
        case "at_least":
            return bool(value >= expected)
        case "at_most":
            return bool(value <= expected)
    raise AssertionError(f"unknown comparison {op!r}")


def _compare_floor(op: str, floor: int, expected: int, levels: list[str]) -> Truth:
    """A comparison with a level known only from below: decided where every level from the
    floor up gives the same answer, else unknown."""
    answers = {_ordered(op, level, expected) for level in range(floor, len(levels))}
    return answers.pop() if len(answers) == 1 else None


def _ordered(op: str, value: int, expected: int) -> bool:
    match op:
        case "is":
            return value == expected
        case "is_not":
            return value != expected
        case "at_least":
            return value >= expected
        case "at_most":
            return value <= expected
    raise AssertionError(f"unknown comparison {op!r}")


def _claim_holds(claim: str, against: str, world: Holder, question: Question) -> Truth:
    if claim == THE_CLAIM:
        if question.claim is None:
            return None
        claim = question.claim
    if not world.knows_claim(claim):
        return False
    if against == "the_defendant":
        return world.holds(claim, question.defendant)
    others = world.named if against == "another_defendant" else world.defendants
    return any(other != question.defendant and world.holds(claim, other) for other in others)


def walk(condition: Condition) -> Iterator[Condition]:
    """Every condition inside ``condition``, itself included, in the order written."""
    pending = [condition]
    while pending:
        current = pending.pop()
        yield current
        match current:
            case AllOf(all=parts) | AnyOf(any=parts):
                pending.extend(reversed(parts))
            case NotOf(not_=inner):
                pending.append(inner)


def named_attributes(condition: Condition) -> list[str]:
    """The attributes ``condition`` itself tests, sorted."""
    return sorted({c.attr for c in walk(condition) if isinstance(c, AttributeTest)})


def named_claims(condition: Condition) -> list[ClaimHolds]:
    return [c for c in walk(condition) if isinstance(c, ClaimHolds)]


def turns_on_claims(condition: Condition) -> bool:
    """Whether ``condition`` asks whether a claim holds, itself or through the precedents
    that could clearly establish the law."""
    return any(isinstance(c, ClaimHolds | ClearlyEstablished) for c in walk(condition))
