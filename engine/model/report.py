"""The report: the public JSON contract (SPEC section 4, report_version 1)."""

from collections.abc import Mapping, Sequence
from functools import partial
from operator import itemgetter
from typing import Any, ClassVar, Literal, Self, dataclass_transform, get_origin

try:  # the getter namedtuple's fields use
    from _collections import _tuplegetter
except ImportError:  # pragma: no cover - an interpreter without it

    def _tuplegetter(index: int, doc: str | None) -> Any:
        return property(itemgetter(index), doc=doc)


from ..vocab import ClaimOutcome, DefenseOutcome, ElementStatus, Leaning, Rule561Treatment


@dataclass_transform(kw_only_default=True, frozen_default=True)
class _Layout(type):
    """Lays a report part out from its annotations: a tuple of its fields, each read through
    a C-level getter, and a keyword-only ``__new__`` that builds that tuple in one call (a
    report has hundreds of parts; filling slots one by one cost more than the rest of
    building them)."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> "_Layout":
        own = [
            n
            for n, kind in namespace.get("__annotations__", {}).items()
            if not n.startswith("_") and get_origin(kind) is not ClassVar
        ]
        defaults = {n: namespace.pop(n) for n in own if n in namespace}
        inherited: tuple[str, ...] = next(
            (f for b in bases if isinstance(f := getattr(b, "fields", None), tuple)), ()
        )
        fields = (*inherited, *own)
        namespace["__slots__"] = ()
        for index, n in enumerate(own, start=len(inherited)):
            namespace[n] = _tuplegetter(index, None)
        if fields:
            scope: dict[str, Any] = {f"_default_{n}": v for n, v in defaults.items()}
            scope["_tuple_new"] = tuple.__new__
            params = ", ".join(f"{n}=_default_{n}" if n in defaults else n for n in fields)
            values = ", ".join(fields)
            exec(f"def __new__(cls, *, {params}):\n    return _tuple_new(cls, ({values},))", scope)
            namespace["__new__"] = scope["__new__"]
        cls = super().__new__(mcs, name, bases, namespace)
        type.__setattr__(cls, "fields", fields)
        if fields:
            type.__setattr__(cls, "make", partial(namespace["__new__"], cls))
        return cls


class Out(tuple, metaclass=_Layout):  # type: ignore[type-arg]
    """A part of the report. Parts are plain immutable objects, not validated models: the
    engine's output is trusted, a report has hundreds of parts, and parts are shared
    between claims, defendants and reports (so nothing may change one once built).
    Defaults are shared too. A part is a tuple underneath, for speed alone: compare and
    read parts by their fields."""

    __slots__ = ()
    #: The fields, in the order the JSON report lists them.
    fields: ClassVar[tuple[str, ...]]
    #: How parts are built: ``Part.make(field=...)`` takes the fields by keyword, as a call
    #: of the class would, and is typed as the class so that type checking sees the same
    #: signature. It hands the keywords straight to the generated ``__new__``; calling a
    #: class packs them into a dict and unpacks them again, half the cost of a part.
    make: ClassVar[type[Self]]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # A part equals only a part of its own kind. Another tuple gets a definite answer, not
    # NotImplemented: Python would then ask the tuple, which compares item by item.
    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return tuple.__eq__(self, other)  # type: ignore[arg-type]
        return False if isinstance(other, tuple) else NotImplemented

    def __ne__(self, other: object) -> bool:
        if type(other) is type(self):
            return tuple.__ne__(self, other)  # type: ignore[arg-type]
        return True if isinstance(other, tuple) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), tuple(getattr(self, n) for n in self.fields)))


def _rebuild(cls: type[Out], values: tuple[Any, ...]) -> Out:
    return cls(**dict(zip(cls.fields, values, strict=True)))


class AuthorityRef(Out):
    id: str
    pin: str


class FactRef(Out):
    id: str
    text: str
    cite: str
    evidence: str
    offered_by: str


class SideValue(Out):
    value: Any
    facts: Sequence[FactRef]


class Dispute(Out):
    attribute: str
    question: str
    non_movant: SideValue
    movant: SideValue
    #: Where no single attribute flips the element, the smallest set that does: the others.
    together_with: Sequence[str] = ()


class Reason(Out):
    """Why a rule was chosen or applied, with its sources."""

    rule: str
    because: str
    authorities: Sequence[AuthorityRef]


class DependencyTrace(Out):
    claim: str
    defendant: str
    holds_for_non_movant: bool
    holds_for_movant: bool


class ElementResult(Out):
    id: str
    label: str
    status: ElementStatus
    particularly_important: bool
    values: Mapping[str, Mapping[str, Any]]
    questions: Mapping[str, str]
    non_movant_facts: Sequence[FactRef]
    movant_facts: Sequence[FactRef]
    material_disputes: Sequence[Dispute]
    immaterial_disputes: Sequence[str]
    missing_evidence: Sequence[str]
    depends_on: Sequence[DependencyTrace]
    authorities: Sequence[AuthorityRef]
    explanation: str


class FactorResult(Out):
    id: str
    label: str
    leaning: Leaning
    movant_leaning: Leaning
    weight: float
    particularly_important: bool
    values: Mapping[str, Mapping[str, Any]]
    questions: Mapping[str, str]
    non_movant_facts: Sequence[FactRef]
    movant_facts: Sequence[FactRef]
    material_disputes: Sequence[Dispute]
    authorities: Sequence[AuthorityRef]
    explanation: str


class ClaimResult(Out):
    claim: str
    claim_name: str
    defendant: str
    defendant_name: str
    outcome: ClaimOutcome
    reason: str | None = None
    standard: str | None = None
    test: str | None = None
    test_name: str | None = None
    chosen_because: Sequence[Reason] = ()
    elements: Sequence[ElementResult] = ()
    factors: Sequence[FactorResult] = ()
    score: float | None = None
    movant_score: float | None = None
    threshold: float | None = None
    failing: Sequence[str] = ()
    authorities: Sequence[AuthorityRef] = ()
    explanation: str


class DefenseResult(Out):
    defense: str
    defense_name: str
    defendant: str
    claim: str
    outcome: DefenseOutcome
    prongs: Sequence[ElementResult]
    clearly_established_by: Sequence[AuthorityRef]
    authorities: Sequence[AuthorityRef]
    explanation: str


class SetAsideFact(Out):
    fact: FactRef
    reason: str
    authorities: Sequence[AuthorityRef]


class Rule561Report(Out):
    complied: bool
    treatment: Rule561Treatment
    deemed_admitted: Sequence[str]
    authorities: Sequence[str]
    pins: Sequence[AuthorityRef]
    explanation: str


class PartyRef(Out):
    id: str
    name: str
    role: str


class Report(Out):
    report_version: Literal[1] = 1
    case: str
    court: str
    docket: str | None = None
    incident_date: str
    plaintiff: str
    defendants: Sequence[PartyRef] = ()
    movant: str
    non_movant: str
    standard: Sequence[Reason]
    rule_56_1: Rule561Report
    set_aside: Sequence[SetAsideFact]
    claims: Sequence[ClaimResult]
    defenses: Sequence[DefenseResult]
    immaterial_disputes: Sequence[Dispute]
