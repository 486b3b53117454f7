"""The law as data: authorities, attributes, tests, claims and the summary-judgment standard."""

import re
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, model_validator

from ..vocab import AttributeType, CourtLevel, EvidenceKind, Rule561Treatment
from .base import CiteRef, Frozen, Identifier, WrittenDate
from .conditions import Condition

Cites = Annotated[list[CiteRef], Field(min_length=1)]
Text = Annotated[str, Field(min_length=1)]


# --- authorities -------------------------------------------------------------------------


class Proposition(Frozen):
    pin: Text
    text: Text


class Authority(Frozen):
    name: Text
    citation: Text
    court: Text
    level: CourtLevel
    decided: WrittenDate
    propositions: list[Proposition] = Field(min_length=1)

    def pins(self) -> set[str]:
        return {p.pin for p in self.propositions}


class AuthorityRegistry(Frozen):
    kind: Literal["authorities"]
    authorities: dict[Identifier, Authority]


# --- attributes --------------------------------------------------------------------------


class Attribute(Frozen):
    type: AttributeType
    question: Text = Field(description="The plain question a student is asked.")
    levels: list[Identifier] | None = Field(
        None, description="Ordinal only: the levels, lowest first."
    )
    unit: str | None = Field(None, description="Number only: the unit, e.g. minutes.")
    meanings: dict[Identifier, Text] | None = Field(
        None, description="Ordinal only: a one-line plain definition of each level."
    )
    case_wide: StrictBool = Field(
        False,
        description=(
            "The same for every episode of a case (the crime, for instance), so a case "
            "establishes it once rather than for each use of force."
        ),
    )
    from_case: Literal["plaintiff_status"] | None = Field(
        None, description="Filled from the case file itself rather than from facts."
    )

    @model_validator(mode="after")
    def _shape_fits_type(self) -> "Attribute":
        if self.type is AttributeType.ORDINAL and not self.levels:
            raise ValueError("an ordinal attribute needs 'levels', lowest first")
        if self.type is not AttributeType.ORDINAL and self.levels is not None:
            raise ValueError(f"only ordinal attributes have 'levels' (this one is {self.type})")
        if self.type is AttributeType.NUMBER and not self.unit:
            raise ValueError("a number attribute needs a 'unit'")
        if self.type is not AttributeType.NUMBER and self.unit is not None:
            raise ValueError(f"only number attributes have a 'unit' (this one is {self.type})")
        if self.levels is not None and len(set(self.levels)) != len(self.levels):
            raise ValueError("levels must be distinct")
        if self.meanings is not None and set(self.meanings) != set(self.levels or []):
            raise ValueError(
                "'meanings' defines each level once, and only the levels: "
                + ", ".join(self.levels or [])
            )
        return self


class AttributeVocabulary(Frozen):
    kind: Literal["attributes"]
    attributes: dict[Identifier, Attribute]


# --- tests -------------------------------------------------------------------------------


class Element(Frozen):
    """Something that must hold (an element, or a prong of a defense)."""

    label: Text
    holds_when: Condition
    met: Text = Field(description="One sentence said when the element holds.")
    not_met: Text = Field(description="One sentence said when it does not.")
    cites: Cites
    particularly_important: StrictBool = False
    prerequisite: StrictBool = Field(
        False, description="When it fails, the elements after it are not reached."
    )
    question_of_law: StrictBool = Field(
        False,
        description="Decided by the court on the non-movant's version of the facts, never "
        "left to a jury as a genuine dispute; where the movant's version of a disputed fact "
        "would answer it otherwise, the dispute is material to the defense as a whole.",
    )


class Factor(Frozen):
    """One consideration in a weighed balance."""

    label: Text
    favors_plaintiff_when: Condition | None = None
    favors_defendant_when: Condition | None = None
    weight: StrictInt | StrictFloat = Field(1, gt=0)
    plaintiff: Text = Field(description="Sentence when the factor favours the plaintiff.")
    defendant: Text = Field(description="Sentence when it favours the defendant.")
    neutral: Text = Field(description="Sentence when it favours neither.")
    cites: Cites
    particularly_important: StrictBool = False

    @model_validator(mode="after")
    def _has_a_direction(self) -> "Factor":
        if self.favors_plaintiff_when is None and self.favors_defendant_when is None:
            raise ValueError("a factor needs favors_plaintiff_when, favors_defendant_when, or both")
        return self


class Precedent(Frozen):
    """An authority that clearly established a right for a pattern of conduct."""

    cite: CiteRef
    weight: Literal["binding", "persuasive"]
    conduct: Condition
    describes: Text = Field(description="The conduct the precedent covers, in plain words.")


class ElementsTest(Frozen):
    kind: Literal["test"]
    form: Literal["elements"]
    id: Identifier
    name: Text
    summary: Text
    cites: Cites
    elements: dict[Identifier, Element] = Field(min_length=1)


class StatedRule(Frozen):
    """A rule a court states for when a balance of factors is decided as a matter of law."""

    rule: Text = Field(description="The rule, in one or two plain sentences.")
    cites: Cites
    holds_when: Condition = Field(description="When the rule applies, on the non-movant's facts.")


class BalanceRule(Frozen):
    """The rule where no stated rule decides: whether, on the non-movant's version, a
    reasonable factfinder could strike the balance for him."""

    rule: Text = Field(description="The rule, in one or two plain sentences.")
    cites: Cites
    plaintiff_survives_when: Literal["any_factor_favors_plaintiff"] = Field(
        description="any_factor_favors_plaintiff: the balance is for the jury where any "
        "consideration favours the plaintiff on his version."
    )


#: The keys of a factors test's rules, in the order they are tried.
BALANCE_RULES = ("for_jury_when", "judgment_for_defendant_when", "otherwise")


class FactorsTest(Frozen):
    kind: Literal["test"]
    form: Literal["factors"]
    id: Identifier
    name: Text
    summary: Text
    cites: Cites
    factors: dict[Identifier, Factor] = Field(min_length=1)
    for_jury_when: StatedRule | None = Field(
        None,
        description="Tried first: where it holds on the non-movant's facts, the balance is "
        "for the jury, whatever the factors.",
    )
    judgment_for_defendant_when: StatedRule | None = Field(
        None,
        description="Tried next: where it holds, no reasonable factfinder could strike the "
        "balance for the plaintiff.",
    )
    otherwise: BalanceRule | None = Field(
        None, description="The rule where neither stated rule decides."
    )
    threshold: StrictInt | StrictFloat | None = Field(
        None,
        description="Instead of 'otherwise', in rubric files written before it: a reasonable "
        "jury could find for the plaintiff when the factors' score (weights for him less "
        "weights against him) reaches this. A number is not a rule of law: validate warns.",
    )

    def stated_rules(self) -> list[tuple[str, StatedRule]]:
        """The stated rules the test has, by key, in the order they are tried."""
        rules = [
            ("for_jury_when", self.for_jury_when),
            ("judgment_for_defendant_when", self.judgment_for_defendant_when),
        ]
        return [(key, rule) for key, rule in rules if rule is not None]

    def conditions(self) -> list[Condition]:
        """Every condition the test reads: its factors', then its stated rules'."""
        found = [
            c
            for f in self.factors.values()
            for c in (f.favors_plaintiff_when, f.favors_defendant_when)
            if c is not None
        ]
        return found + [rule.holds_when for _, rule in self.stated_rules()]

    @model_validator(mode="after")
    def _decides_every_balance(self) -> "FactorsTest":
        if (self.otherwise is None) == (self.threshold is None):
            raise ValueError(
                "a factors test needs 'otherwise', the rule where no stated rule decides "
                "(or, in older rubric files, a 'threshold' instead), and not both"
            )
        return self


SLOT = re.compile(r"\{([a-z_]+)\}")
"""A named slot in a defense's outcome wording, e.g. ``{defendant}``."""

_EVERY_OUTCOME = ("defense", "defendant", "claim", "non_movant", "incident_date")
DEFENSE_SLOTS: dict[str, tuple[str, ...]] = {
    "granted": (*_EVERY_OUTCOME, "failing", "failing_reasons"),
    "denied": _EVERY_OUTCOME,
    "disputed": _EVERY_OUTCOME,
    "not_reached": (*_EVERY_OUTCOME, "why"),
    "undetermined": (*_EVERY_OUTCOME, "range_start", "range_end", "decided"),
}
"""Each outcome sentence of a defense, and the slots the engine fills in it."""


class Court(Frozen):
    """A court whose decisions bind: a level, and where the level has several courts, which."""

    level: CourtLevel
    court: Text | None = None

    def includes(self, authority: "Authority") -> bool:
        return authority.level is self.level and self.court in (None, authority.court)


class BindingCourts(Frozen):
    """Whose decisions alone can clearly establish a right; others are shown as persuasive."""

    courts: list[Court] = Field(min_length=1)
    because: Text
    cites: Cites


def _with_slots(description: str, sentence: str) -> str:
    """A defense sentence's description, with the slots it may use."""
    return f"{description} Slots: " + ", ".join(f"{{{s}}}" for s in DEFENSE_SLOTS[sentence]) + "."


class DefenseTest(Frozen):
    kind: Literal["test"]
    form: Literal["defense"]
    id: Identifier
    name: Text
    summary: Text
    cites: Cites
    prongs: dict[Identifier, Element] = Field(
        min_length=1, description="All must hold for the defense to be denied."
    )
    clearly_established_by: list[Precedent] = Field(default=[])
    clearly_established_only_by: BindingCourts | None = Field(
        None,
        description="The courts whose decisions alone can clearly establish the right: a "
        "precedent of another court, or one marked persuasive, never counts.",
    )
    granted: Text = Field(
        description=_with_slots("The outcome when a prong fails.", "granted"),
    )
    denied: Text = Field(
        description=_with_slots(
            "The outcome when every prong is met on the non-movant's facts.", "denied"
        ),
    )
    disputed: Text = Field(
        description=_with_slots(
            "The outcome when facts material to a prong are genuinely disputed.", "disputed"
        ),
    )
    not_reached: Text = Field(
        description=_with_slots("The outcome when the claim does not survive.", "not_reached"),
    )
    undetermined: Text = Field(
        "{defense} cannot be decided for {defendant} on the {claim} claim: the incident "
        "date is known only as {incident_date} ({range_start} to {range_end}), and the "
        "answer changes within that range: it turns on law decided inside it, {decided}.",
        description=_with_slots(
            "The outcome when the answer changes within the range of dates an "
            "incident known only to its month or year may have happened on.",
            "undetermined",
        ),
    )

    @model_validator(mode="after")
    def _slots_are_known(self) -> "DefenseTest":
        # A misspelt slot would otherwise be printed, braces and all, in every report.
        for key, allowed in DEFENSE_SLOTS.items():
            unknown = [s for s in SLOT.findall(getattr(self, key)) if s not in allowed]
            if unknown:
                raise ValueError(
                    f"'{key}' has an unknown slot {{{unknown[0]}}}; it may use "
                    + ", ".join(f"{{{s}}}" for s in allowed)
                )
        return self


Test = Annotated[ElementsTest | FactorsTest | DefenseTest, Field(discriminator="form")]


# --- claims ------------------------------------------------------------------------------


class TestChoice(Frozen):
    test: Identifier
    when: Condition | None = Field(None, description="Omit for the test used otherwise.")
    because: Text
    cites: Cites


class Standard(Frozen):
    id: Identifier
    name: Text
    when: Condition | None = Field(None, description="Omit for the standard used otherwise.")
    because: Text
    cites: Cites
    tests: list[TestChoice] = Field(min_length=1)


class ClaimRubric(Frozen):
    kind: Literal["claim"]
    id: Identifier
    name: Text
    summary: Text
    cites: Cites
    standards: list[Standard] = Field(min_length=1, description="Tried in order.")
    elements: dict[Identifier, Element] = Field(
        default={}, description="Required whichever test applies."
    )


# --- the summary-judgment standard -------------------------------------------------------


class Ruling(Frozen):
    """A rule of the standard: what it says and where."""

    because: Text
    cites: Cites


class ContradictionRuling(Ruling):
    """Scott v. Harris's rule: the kinds of record item that may blatantly contradict a
    version, where nobody disputes the item's authenticity."""

    by: list[EvidenceKind] = Field(
        default=[EvidenceKind.VIDEO],
        min_length=1,
        description="Evidence kinds that can blatantly contradict a version.",
    )


class LaterTestimonyRuling(Ruling):
    """A later statement set aside for contradicting the same witness's earlier one."""

    later: list[EvidenceKind] = Field(
        min_length=1, description="Kinds of the later statement the ruling sets aside."
    )
    earlier: list[EvidenceKind] = Field(
        min_length=1, description="Kinds of the earlier testimony it must contradict."
    )


class TestimonyRuling(Ruling):
    """A ruling about a party's own testimony, of the kinds listed."""

    testimony: list[EvidenceKind] = Field(
        min_length=1, description="The evidence kinds that are a witness's own testimony."
    )


class LocalRule(Frozen):
    """A district's rule on statements of material facts, as a report names it."""

    name: Text = Field(description="How a report names the rule, e.g. 'Local Civil Rule 56.1'.")
    cites: dict[Rule561Treatment, list[CiteRef]] = Field(
        default={},
        description="The rule's provisions each treatment rests on, cited with its ruling.",
    )


class SummaryJudgmentRubric(Frozen):
    kind: Literal["summary_judgment"]
    id: Identifier
    name: Text
    summary: Text
    cites: Cites
    admissible: list[EvidenceKind] = Field(min_length=1)
    admissible_because: Ruling
    set_aside: dict[EvidenceKind, Ruling] = Field(
        description="Evidence kinds that cannot create a genuine dispute, each with why."
    )
    flagged: dict[EvidenceKind, Ruling] = Field(
        default={},
        description="Admissible evidence kinds the report points out, each with why.",
    )
    blatant_contradiction: ContradictionRuling
    hearsay: Ruling | None = Field(
        None, description="Why an out-of-court statement offered for its truth is set aside."
    )
    sham_affidavit: LaterTestimonyRuling | None = Field(
        None,
        description="Why a later affidavit contradicting the witness's own deposition, "
        "unexplained, is set aside.",
    )
    incredible_testimony: TestimonyRuling | None = Field(
        None,
        description="Why the non-movant's own uncorroborated testimony, contradictory and "
        "incomplete, is set aside.",
    )
    genuine_dispute: Ruling
    no_credibility_weighing: Ruling
    sheer_numbers: Ruling
    favorable_inferences: Ruling
    no_evidence: Ruling
    rule_56_1: dict[Rule561Treatment, Ruling]
    rule_56_1_not_stated: Ruling = Field(
        description="Why nothing is deemed admitted where a case does not state the posture."
    )
    local_rules: dict[Identifier, LocalRule] = Field(
        default={},
        description="The districts' rules on statements of material facts a case may name.",
    )
    default_local_rule: Identifier | None = Field(
        None, description="The rule a case's posture follows when it names none."
    )
    paragraph_supported: Ruling = Field(
        description="Why a deemed paragraph binds what the record it cites supports, and no more."
    )
    paragraph_unsupported: Ruling = Field(
        description="Why what a paragraph asserts that the record it cites does not support "
        "is disregarded."
    )

    @model_validator(mode="after")
    def _every_kind_has_a_place(self) -> "SummaryJudgmentRubric":
        both = set(self.admissible) & set(self.set_aside)
        if both:
            raise ValueError(f"evidence kinds both admissible and set aside: {sorted(both)}")
        missing = set(EvidenceKind) - set(self.admissible) - set(self.set_aside)
        if missing:
            raise ValueError(f"evidence kinds neither admissible nor set aside: {sorted(missing)}")
        not_admitted = set(self.flagged) - set(self.admissible)
        if not_admitted:
            raise ValueError(
                f"only admissible evidence kinds can be flagged: {sorted(not_admitted)}"
            )
        if self.default_local_rule is not None and self.default_local_rule not in self.local_rules:
            raise ValueError(
                f"default_local_rule '{self.default_local_rule}' is not in local_rules"
            )
        missing_561 = set(Rule561Treatment) - set(self.rule_56_1)
        if missing_561:
            raise ValueError(f"rule_56_1 needs a ruling for: {sorted(missing_561)}")
        return self


RubricDocument = Annotated[
    AuthorityRegistry | AttributeVocabulary | Test | ClaimRubric | SummaryJudgmentRubric,
    Field(discriminator="kind"),
]
