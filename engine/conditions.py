"""Conditions compiled to small functions of a world, with three-valued logic.

A value no admissible fact establishes is unknown (None): ``all`` and ``any`` follow
Kleene's rules, so an unknown never counts as proof of anything.
"""

from collections.abc import Callable, Container, Iterable, Iterator, MutableMapping
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
from .vocab import AttributeType, Leaning

Truth = bool | None

#: The claim a defense is being considered for; only meaningful inside a defense.
THE_CLAIM = "the_claim"


class Holder(Protocol):
    """What a condition asks of the world it is evaluated in, beyond attribute values."""

    defendants: tuple[str, ...]

    def holds(self, claim_id: str, defendant: str) -> bool: ...

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
    condition: Condition,
    attributes: dict[str, Attribute],
    code: CompiledCode | None = None,
    claims: Container[str] = (),
) -> Compiled:
    """One straight-line Python function per condition: conditions are evaluated hundreds
    of times per case, and a tree of small closures spends most of that in calls. Source
    found in ``code`` is not compiled again; what is compiled is added to it. A claim not
    in ``claims`` never holds."""
    return _Generator(attributes, claims).function(condition, {} if code is None else code)


def compile_any(
    conditions: tuple[Condition, ...],
    attributes: dict[str, Attribute],
    code: CompiledCode | None = None,
    claims: Container[str] = (),
) -> Compiled:
    """Whether any of ``conditions`` holds, by Kleene's rules, as one function."""
    return _Generator(attributes, claims).any_of(conditions, {} if code is None else code)


#: values -> each factor's leaning, in the test's order.
Leanings = Callable[[dict[str, Any]], tuple[Leaning, ...]]


def compile_leanings(
    factors: list[tuple[Condition | None, Condition | None]],
    attributes: dict[str, Attribute],
    code: CompiledCode | None = None,
) -> Leanings:
    """One function for a balance of factors whose conditions read the values alone
    (``Shape.free``): the test is weighed in every world a case builds, and one call that
    answers every factor replaces a call per condition."""
    return _Generator(attributes, ()).leanings(factors, {} if code is None else code)


class _Generator:
    """Writes a condition as Python source, with Kleene's rules spelled out: a compound
    nested in another is a one-pass ``for`` loop, so that deciding it early is a ``break``
    instead of a call."""

    def __init__(self, attributes: dict[str, Attribute], claims: Container[str]) -> None:
        self.attributes = attributes
        self.claims = claims
        self.constants: dict[str, Any] = {"ONCE": (0,), "CLAIMS": claims}
        self.names = 0

    def function(self, condition: Condition, code: CompiledCode) -> Compiled:
        lines = ["def condition(v, d, w, c, df):"]
        if isinstance(condition, AllOf):
            lines += self._top(True, condition.all)
        elif isinstance(condition, AnyOf):
            lines += self._top(False, condition.any)
        else:
            result = self._name("r")
            lines += self._into(condition, result, 1)
            lines.append(f"    return {result}")
        fn: Compiled = self._exec(lines, code)["condition"]
        return fn

    def any_of(self, conditions: tuple[Condition, ...], code: CompiledCode) -> Compiled:
        lines = ["def condition(v, d, w, c, df):", *self._top(False, conditions)]
        fn: Compiled = self._exec(lines, code)["condition"]
        return fn

    def leanings(
        self, factors: list[tuple[Condition | None, Condition | None]], code: CompiledCode
    ) -> Leanings:
        self.constants.update(PLAINTIFF=Leaning.PLAINTIFF, DEFENDANT=Leaning.DEFENDANT)
        self.constants["NEUTRAL"] = Leaning.NEUTRAL
        lines = ["def leanings(v):"]
        leanings = []
        for pro, con in factors:
            sides = []
            for condition in (pro, con):
                side = self._name("r")
                lines += (
                    [f"    {side} = None"] if condition is None else self._into(condition, side, 1)
                )
                sides.append(side)
            p, q = sides
            leanings.append(
                f"PLAINTIFF if {p} is True and {q} is not True "
                f"else DEFENDANT if {q} is True and {p} is not True else NEUTRAL"
            )
        lines.append(f"    return ({''.join(f'{x}, ' for x in leanings)})")
        fn: Leanings = self._exec(lines, code)["leanings"]
        return fn

    def _exec(self, lines: list[str], code: CompiledCode) -> dict[str, Any]:
        source = "\n".join(lines)
        compiled = code.get(source)
        if compiled is None:
            compiled = code[source] = compile(source, "<condition>", "exec")
        namespace = dict(self.constants)
        exec(compiled, namespace)
        return namespace

    def _name(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def _constant(self, value: Any) -> str:
        name = self._name("k")
        self.constants[name] = value
        return name

    def _top(self, is_all: bool, parts: Iterable[Condition]) -> list[str]:
        """The outermost ``all``/``any`` returns as soon as it is decided."""
        decisive = "False" if is_all else "True"
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
            # The world's ``holds`` asked directly, for the defendant or each of the others:
            # a claim is asked about in every variant world a dispute search builds.
            if condition.claim == THE_CLAIM:
                lines = [f"{pad}if c is None:", f"{pad}    {result} = None"]
                lines += [
                    f"{pad}elif c not in CLAIMS:",
                    f"{pad}    {result} = False",
                    f"{pad}else:",
                ]
                claim, depth = "c", depth + 1
            elif condition.claim not in self.claims:
                return [f"{pad}{result} = False"]
            else:
                lines, claim = [], repr(condition.claim)
            pad = "    " * depth
            if condition.against == "the_defendant":
                return [*lines, f"{pad}{result} = w.holds({claim}, d)"]
            other = self._name("o")
            return [
                *lines,
                f"{pad}{result} = False",
                f"{pad}for {other} in w.defendants:",
                f"{pad}    if {other} != d and w.holds({claim}, {other}):",
                f"{pad}        {result} = True",
                f"{pad}        break",
            ]
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
