"""The report: the public JSON contract (SPEC section 4, report_version 1)."""

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict

from ..vocab import ClaimOutcome, DefenseOutcome, ElementStatus, Leaning, Rule561Treatment


class Out(BaseModel):
    """Report parts. The engine builds them with ``build``: its output is trusted, and
    validating (or even ``model_construct``-ing) hundreds of small objects per case would
    cost more than the evaluation itself."""

    # Nothing validates a report on the way out; building validators at import would cost
    # more than evaluating a case.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @classmethod
    def build(cls, **values: Any) -> Self:
        """An instance from trusted values, unvalidated; missing fields take their defaults,
        shared between instances (the engine never mutates a report part once built)."""
        defaults = cls.__dict__.get("_defaults_cache")
        if defaults is None:
            defaults = {
                name: info.default
                for name, info in cls.model_fields.items()
                if not info.is_required()
            }
            type.__setattr__(cls, "_defaults_cache", defaults)
        instance = _new(cls)
        # ``values`` is this call's own dict, so it can be the instance's; the defaults
        # come first, as ``{**defaults, **values}`` would put them.
        if defaults:
            merged = defaults.copy()
            merged.update(values)
            _set_dict(instance, merged)
        else:
            _set_dict(instance, values)
        _set_fields_set(instance, set(values))
        _set_extra(instance, None)
        _set_private(instance, None)
        return instance


# BaseModel's slots, set through their descriptors: cheaper than ``object.__setattr__``
# by name, and as blind to the frozen model's ``__setattr__``.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


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
    facts: list[FactRef]


class Dispute(Out):
    attribute: str
    question: str
    non_movant: SideValue
    movant: SideValue
    #: Where no single attribute flips the element, the smallest set that does: the others.
    together_with: list[str] = []


class Reason(Out):
    """Why a rule was chosen or applied, with its sources."""

    rule: str
    because: str
    authorities: list[AuthorityRef]


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
    values: dict[str, dict[str, Any]]
    questions: dict[str, str] = {}
    non_movant_facts: list[FactRef]
    movant_facts: list[FactRef]
    material_disputes: list[Dispute]
    immaterial_disputes: list[str]
    missing_evidence: list[str]
    depends_on: list[DependencyTrace]
    authorities: list[AuthorityRef]
    explanation: str


class FactorResult(Out):
    id: str
    label: str
    leaning: Leaning
    movant_leaning: Leaning
    weight: float
    particularly_important: bool
    values: dict[str, dict[str, Any]]
    questions: dict[str, str] = {}
    non_movant_facts: list[FactRef]
    movant_facts: list[FactRef]
    material_disputes: list[Dispute]
    authorities: list[AuthorityRef]
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
    chosen_because: list[Reason] = []
    elements: list[ElementResult] = []
    factors: list[FactorResult] = []
    score: float | None = None
    movant_score: float | None = None
    threshold: float | None = None
    failing: list[str] = []
    authorities: list[AuthorityRef] = []
    explanation: str


class DefenseResult(Out):
    defense: str
    defense_name: str
    defendant: str
    claim: str
    outcome: DefenseOutcome
    prongs: list[ElementResult]
    clearly_established_by: list[AuthorityRef]
    authorities: list[AuthorityRef]
    explanation: str


class SetAsideFact(Out):
    fact: FactRef
    reason: str
    authorities: list[AuthorityRef]


class Rule561Report(Out):
    complied: bool
    treatment: Rule561Treatment
    deemed_admitted: list[str]
    authorities: list[str]
    pins: list[AuthorityRef]
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
    defendants: list[PartyRef] = []
    movant: str
    non_movant: str
    standard: list[Reason]
    rule_56_1: Rule561Report
    set_aside: list[SetAsideFact]
    claims: list[ClaimResult]
    defenses: list[DefenseResult]
    immaterial_disputes: list[Dispute]
