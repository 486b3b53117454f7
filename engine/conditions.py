"""Conditions compiled to small functions of a world, with three-valued logic.

A value no admissible fact establishes is unknown (None): ``all`` and ``any`` follow
Kleene's rules, so an unknown never counts as proof of anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from .model.conditions import (
    AllOf,
    AnyOf,
    AttributeTest,
    ClaimHolds,
    ClearlyEstablished,
    Condition,
    NotOf,
)
from .model.rubric import Attribute
from .vocab import AttributeType

Truth = bool | None

#: The claim a defense is being considered for; only meaningful inside a defense.
THE_CLAIM = "the_claim"


class Context(Protocol):
    @property
    def values(self) -> dict[str, Any]: ...

    defendant: str
    claim: str | None

    def claim_holds(self, claim: str, against: str) -> bool: ...

    def clearly_established(self) -> Truth: ...


Compiled = Callable[[Context], Truth]


@dataclass(frozen=True)
class ClaimReference:
    claim: str
    against: str


def compile_condition(condition: Condition, attributes: dict[str, Attribute]) -> Compiled:
    if isinstance(condition, AllOf):
        return _all_of([compile_condition(c, attributes) for c in condition.all])
    if isinstance(condition, AnyOf):
        return _any_of([compile_condition(c, attributes) for c in condition.any])
    if isinstance(condition, NotOf):
        inner = compile_condition(condition.not_, attributes)
        return lambda ctx: _not(inner(ctx))
    if isinstance(condition, ClaimHolds):
        claim, against = condition.claim, condition.against

        def holds(ctx: Context) -> Truth:
            target = ctx.claim if claim == THE_CLAIM else claim
            if target is None:
                return None
            return ctx.claim_holds(target, against)

        return holds
    if isinstance(condition, ClearlyEstablished):
        return lambda ctx: ctx.clearly_established()
    assert isinstance(condition, AttributeTest)
    return _compile_attribute_test(condition, attributes[condition.attr])


def _compile_attribute_test(test: AttributeTest, attribute: Attribute) -> Compiled:
    name = test.attr
    op, expected = test.comparison()
    if attribute.type is AttributeType.PARTY:
        want = op == "includes"

        def party(ctx: Context) -> Truth:
            value = ctx.values.get(name)
            if value is None:
                return None
            return (ctx.defendant in value) is want

        return party
    if attribute.type is AttributeType.ORDINAL:
        levels = {level: i for i, level in enumerate(attribute.levels or [])}
        rank = levels[expected]
        compare = _ORDERED[op]

        def ordinal(ctx: Context) -> Truth:
            value = ctx.values.get(name)
            if value is None:
                return None
            return compare(levels[value], rank)

        return ordinal
    compare = _ORDERED[op]

    def scalar(ctx: Context) -> Truth:
        value = ctx.values.get(name)
        if value is None:
            return None
        return compare(value, expected)

    return scalar


_ORDERED: dict[str, Callable[[Any, Any], bool]] = {
    "is": lambda a, b: a == b,
    "is_not": lambda a, b: a != b,
    "at_least": lambda a, b: a >= b,
    "at_most": lambda a, b: a <= b,
}


def _all_of(parts: list[Compiled]) -> Compiled:
    def all_of(ctx: Context) -> Truth:
        unknown = False
        for part in parts:
            value = part(ctx)
            if value is False:
                return False
            if value is None:
                unknown = True
        return None if unknown else True

    return all_of


def _any_of(parts: list[Compiled]) -> Compiled:
    def any_of(ctx: Context) -> Truth:
        unknown = False
        for part in parts:
            value = part(ctx)
            if value is True:
                return True
            if value is None:
                unknown = True
        return None if unknown else False

    return any_of


def _not(value: Truth) -> Truth:
    return None if value is None else not value


def walk(condition: Condition) -> Iterator[Condition]:
    """Every condition inside ``condition``, itself included."""
    yield condition
    if isinstance(condition, AllOf):
        for c in condition.all:
            yield from walk(c)
    elif isinstance(condition, AnyOf):
        for c in condition.any:
            yield from walk(c)
    elif isinstance(condition, NotOf):
        yield from walk(condition.not_)


def attributes_read(condition: Condition) -> set[str]:
    return {c.attr for c in walk(condition) if isinstance(c, AttributeTest)}


def claims_read(condition: Condition) -> list[ClaimReference]:
    return [
        ClaimReference(c.claim, c.against) for c in walk(condition) if isinstance(c, ClaimHolds)
    ]


def reads_clearly_established(condition: Condition) -> bool:
    return any(isinstance(c, ClearlyEstablished) for c in walk(condition))
