"""The report: the public JSON contract (SPEC section 4, report_version 2).

Version 2 adds episodes: a claim decided over several uses of force carries each
episode's own result (``episodes``) and may be ``granted_in_part``; a defense names the
episode it was decided for; the report lists the case's episodes. A case with no episodes
reports them empty, and everything else as version 1 did."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..vocab import ClaimOutcome, DefenseOutcome, ElementStatus, Leaning, Rule561Treatment

#: Marks a field the JSON report leaves out while it is empty: a part added after
#: report_version 1 was published, so that reports without it read exactly as before.
OMIT_EMPTY = {"omit_empty": True}


@dataclass(frozen=True, slots=True, kw_only=True)
class Out:
    """A part of the report: immutable, since one part may be shared by several claims,
    defendants and reports. Fields are listed in the order the JSON report lists them."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorityRef(Out):
    id: str
    pin: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FactRef(Out):
    id: str
    text: str
    cite: str
    evidence: str
    offered_by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SideValue(Out):
    value: Any
    facts: Sequence[FactRef]


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispute(Out):
    attribute: str
    question: str
    non_movant: SideValue
    movant: SideValue
    #: Where no single attribute flips the element, the smallest set that does: the others.
    together_with: Sequence[str] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Reason(Out):
    """Why a rule was chosen or applied, with its sources."""

    rule: str
    because: str
    authorities: Sequence[AuthorityRef]


@dataclass(frozen=True, slots=True, kw_only=True)
class DependencyTrace(Out):
    claim: str
    defendant: str
    holds_for_non_movant: bool
    holds_for_movant: bool


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
class BalanceResult(Out):
    """The rule of a factors test that struck the balance on the non-movant's facts."""

    #: for_jury_when, judgment_for_defendant_when or otherwise (a rubric's key).
    rule: str
    #: Whether, by that rule, a reasonable factfinder could strike the balance for the
    #: non-movant.
    holds_for_non_movant: bool
    #: Whether it would be struck for the non-movant on the movant's version too.
    holds_for_movant: bool
    because: str
    authorities: Sequence[AuthorityRef]
    #: The rule that would decide on the movant's version, where it is another.
    movant_rule: str | None = None
    #: Disputed facts the stated rules read: the movant's version of any one (or, where none
    #: does alone, of the smallest set, each naming the others) would strike it otherwise.
    material_disputes: Sequence[Dispute] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EpisodeRef(Out):
    id: str
    label: str
    order: int | None = None
    time: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DisposedBy(Out):
    defense: str
    defense_name: str
    outcome: DefenseOutcome


@dataclass(frozen=True, slots=True, kw_only=True)
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
    #: The episode this result decides; None for a case with no episodes, or for the
    #: whole claim over several episodes, whose own results are then ``episodes``.
    episode: EpisodeRef | None = None
    episodes: Sequence["ClaimResult"] = ()
    #: A defense granted although the claim survives on the merits: the claim fails on it.
    disposed_by: DisposedBy | None = None
    #: For a factors test that states its rules: the rule that struck the balance.
    balance: BalanceResult | None = field(default=None, metadata=OMIT_EMPTY)


@dataclass(frozen=True, slots=True, kw_only=True)
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
    episode: EpisodeRef | None = None
    #: Why the defense cannot be decided at this stage, where that is why it is denied.
    reason: str | None = None
    #: Disputed facts that decide a question of law the defense asks: the movant's version
    #: of any one would answer it otherwise.
    material_disputes: Sequence[Dispute] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SetAsideFact(Out):
    fact: FactRef
    reason: str
    authorities: Sequence[AuthorityRef]


@dataclass(frozen=True, slots=True, kw_only=True)
class ParagraphRuling(Out):
    """One paragraph of a statement of material facts: what it binds, the record it cites,
    and what it asserts that that record does not support."""

    fact: FactRef
    paragraph: str
    #: True where the paragraph is deemed admitted as far as its record supports it.
    deemed: bool
    #: The attributes it fixes in both worlds.
    binds: Sequence[str]
    #: The attributes disregarded: no admissible item it cites establishes them alike.
    disregarded: Sequence[str]
    record_support: Sequence[FactRef]
    explanation: str
    authorities: Sequence[AuthorityRef]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule561Report(Out):
    #: Both None where the motion does not state the posture: nothing is deemed admitted.
    complied: bool | None
    treatment: Rule561Treatment | None
    deemed_admitted: Sequence[str]
    authorities: Sequence[str]
    pins: Sequence[AuthorityRef]
    explanation: str
    #: The district's rule on statements of material facts, as the report names it.
    rule: str = field(default="", metadata=OMIT_EMPTY)
    #: Each paragraph deemed, or whose cited record leaves part of it unsupported.
    paragraphs: Sequence[ParagraphRuling] = field(default=(), metadata=OMIT_EMPTY)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyRef(Out):
    id: str
    name: str
    role: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Report(Out):
    report_version: Literal[2] = 2
    case: str
    court: str
    docket: str | None = None
    incident_date: str
    plaintiff: str
    defendants: Sequence[PartyRef] = ()
    #: The people the record names who are not defendants (report_version 2, added later).
    non_parties: Sequence[PartyRef] = field(default=(), metadata=OMIT_EMPTY)
    movant: str
    non_movant: str
    standard: Sequence[Reason]
    rule_56_1: Rule561Report
    set_aside: Sequence[SetAsideFact]
    #: Admissible evidence the summary-judgment rubric points out (e.g. of a kind the record
    #: does not state), each with why.
    flagged: Sequence[SetAsideFact] = field(default=(), metadata=OMIT_EMPTY)
    claims: Sequence[ClaimResult]
    defenses: Sequence[DefenseResult]
    immaterial_disputes: Sequence[Dispute]
    episodes: Sequence[EpisodeRef] = ()
