"""Conditions compiled to small functions of a world, with three-valued logic.

A value no admissible fact establishes is unknown (None): ``all`` and ``any`` follow
Kleene's rules, so an unknown never counts as proof of anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from types import CodeType
from typing import Any, NamedTuple, Protocol

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


class Holder(Protocol):
    """What a condition asks of the world it is evaluated in, beyond attribute values."""

    def claim_holds(self, claim: str, against: str, defendant: str) -> bool: ...

    def clearly_established(
        self, defendant: str, claim: str | None, defense: DefenseTest | None
    ) -> Truth: ...


#: (values, defendant, world, claim, defense) -> truth.
Compiled = Callable[[dict[str, Any], str, Holder, "str | None", "DefenseTest | None"], Truth]


class ClaimReference(NamedTuple):
    claim: str
    against: str


#: Compiled code by the source it was compiled from. Compiling costs more than evaluating
#: a case, so a caller that checks one case per process can keep this between runs.
CompiledCode = MutableMapping[str, CodeType]


def compile_condition(
    condition: Condition, attributes: dict[str, Attribute], code: CompiledCode | None = None
) -> Compiled:
    """One straight-line Python function per condition: conditions are evaluated hundreds
    of times per case, and a tree of small closures spends most of that in calls. Source
    found in ``code`` is not compiled again; what is compiled is added to it."""
    return _Generator(attributes).function(condition, {} if code is None else code)


class _Generator:
    """Writes a condition as Python source, with Kleene's rules spelled out: a compound
    nested in another is a one-pass ``for`` loop, so that deciding it early is a ``break``
    instead of a call."""

    def __init__(self, attributes: dict[str, Attribute]) -> None:
        self.attributes = attributes
        self.constants: dict[str, Any] = {"ONCE": (0,)}
        self.names = 0

    def function(self, condition: Condition, code: CompiledCode) -> Compiled:
        lines = ["def condition(v, d, w, c, df):"]
        if isinstance(condition, AllOf | AnyOf):
            lines += self._top(condition)
        else:
            result = self._name("r")
            lines += self._into(condition, result, 1)
            lines.append(f"    return {result}")
        source = "\n".join(lines)
        compiled = code.get(source)
        if compiled is None:
            compiled = code[source] = compile(source, "<condition>", "exec")
        namespace = dict(self.constants)
        exec(compiled, namespace)
        fn: Compiled = namespace["condition"]
        return fn

    def _name(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def _constant(self, value: Any) -> str:
        name = self._name("k")
        self.constants[name] = value
        return name

    def _top(self, condition: AllOf | AnyOf) -> list[str]:
        """The outermost ``all``/``any`` returns as soon as it is decided."""
        decisive = "False" if isinstance(condition, AllOf) else "True"
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        unknown = self._name("u")
        lines = [f"    {unknown} = False"]
        for part in parts:
            lines += self._part(part, 1, f"return {decisive}", f"{unknown} = True", decisive)
        lines.append(
            f"    return None if {unknown} else {'True' if decisive == 'False' else 'False'}"
        )
        return lines

    def _part(
        self, part: Condition, depth: int, decide: str, unsure: str, decisive: str
    ) -> list[str]:
        pad = "    " * depth
        if isinstance(part, AttributeTest):
            value = self._name("x")
            test = self._test(part, value)
            if decisive == "False":
                test = f"not ({test})"
            return [
                f"{pad}{value} = v.get({part.attr!r})",
                f"{pad}if {value} is None:",
                f"{pad}    {unsure}",
                f"{pad}elif {test}:",
                f"{pad}    {decide}",
            ]
        result = self._name("r")
        return [
            *self._into(part, result, depth),
            f"{pad}if {result} is {decisive}:",
            f"{pad}    {decide}",
            f"{pad}elif {result} is None:",
            f"{pad}    {unsure}",
        ]

    def _into(self, condition: Condition, result: str, depth: int) -> list[str]:
        """Lines that leave ``condition``'s truth in the variable ``result``."""
        pad = "    " * depth
        if isinstance(condition, AllOf | AnyOf):
            is_all = isinstance(condition, AllOf)
            decisive = "False" if is_all else "True"
            parts = condition.all if isinstance(condition, AllOf) else condition.any
            lines = [f"{pad}{result} = {'True' if is_all else 'False'}", f"{pad}for _ in ONCE:"]
            for part in parts:
                lines += self._part(
                    part, depth + 1, f"{result} = {decisive}; break", f"{result} = None", decisive
                )
            return lines
        if isinstance(condition, NotOf):
            inner = self._name("r")
            return [
                *self._into(condition.not_, inner, depth),
                f"{pad}{result} = None if {inner} is None else not {inner}",
            ]
        if isinstance(condition, ClaimHolds):
            against = repr(condition.against)
            if condition.claim == THE_CLAIM:
                return [f"{pad}{result} = None if c is None else w.claim_holds(c, {against}, d)"]
            return [f"{pad}{result} = w.claim_holds({condition.claim!r}, {against}, d)"]
        if isinstance(condition, ClearlyEstablished):
            return [f"{pad}{result} = w.clearly_established(d, c, df)"]
        assert isinstance(condition, AttributeTest)
        value = self._name("x")
        return [
            f"{pad}{value} = v.get({condition.attr!r})",
            f"{pad}{result} = None if {value} is None else ({self._test(condition, value)})",
        ]

    def _test(self, test: AttributeTest, value: str) -> str:
        """A bool expression comparing the (known) value in ``value`` as ``test`` asks."""
        attribute = self.attributes[test.attr]
        op, expected = test.comparison()
        if attribute.type is AttributeType.PARTY:
            return f"d in {value}" if op == "includes" else f"d not in {value}"
        symbol = {"is": "==", "is_not": "!=", "at_least": ">=", "at_most": "<="}[op]
        if attribute.type is AttributeType.ORDINAL:
            levels = {level: i for i, level in enumerate(attribute.levels or [])}
            return f"{self._constant(levels)}[{value}] {symbol} {levels[expected]}"
        return f"{value} {symbol} {self._constant(expected)}"


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


class Shape(NamedTuple):
    """What a condition names, found in one walk of it."""

    #: The attributes it tests itself.
    attributes: frozenset[str]
    #: The claims it asks about.
    claims: tuple[ClaimReference, ...]
    #: Whether it asks if the law was clearly established (the defense's precedents).
    clearly_established: bool
    #: Whether its answer depends on the attribute values alone: it names no claim, no
    #: precedent and no party attribute, so no defendant, claim or defense.
    free: bool


def shape(condition: Condition, attributes: dict[str, Attribute]) -> Shape:
    tested: set[str] = set()
    claims: list[ClaimReference] = []
    clearly_established = party = False
    for c in walk(condition):
        if isinstance(c, AttributeTest):
            tested.add(c.attr)
            party = party or attributes[c.attr].type is AttributeType.PARTY
        elif isinstance(c, ClaimHolds):
            claims.append(ClaimReference(c.claim, c.against))
        elif isinstance(c, ClearlyEstablished):
            clearly_established = True
    free = not (claims or clearly_established or party)
    return Shape(frozenset(tested), tuple(claims), clearly_established, free)
