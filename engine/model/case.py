"""A fact pattern: the parties, the motion, the record and the expected holdings."""

from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, model_validator

from ..vocab import (
    ClaimOutcome,
    DefenseOutcome,
    DismissalReason,
    ElementStatus,
    EvidenceKind,
    Party,
    PlaintiffStatus,
    Rule561Treatment,
    Side,
)
from .base import CiteRef, Frozen, Identifier, WrittenPeriod

Text = Annotated[str, Field(min_length=1)]


class OneOf(Frozen):
    """An open party value: exactly one of these defendants, the record does not say which."""

    one_of: list[Identifier] = Field(min_length=2)


class AtLeastOneOf(Frozen):
    """An open party value: one or more of these defendants, the record does not say which."""

    at_least_one_of: list[Identifier] = Field(min_length=2)


class AtLeast(Frozen):
    """An ordinal value known only from below: this level or a higher one."""

    #: A level; a number is let through so that lint can say that only levels have floors.
    at_least: str | StrictInt | StrictFloat


class ByParty(Frozen):
    """A value that differs from one person to another: each bystander's own time to step
    in, say. A condition asked about a person reads that person's value; about anyone the
    mapping leaves out, the record is silent."""

    by_party: dict[Identifier, StrictBool | StrictInt | StrictFloat | str] = Field(min_length=1)

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, str(v)) for k, v in self.by_party.items())))

    def of(self, party: str) -> Any:
        return self.by_party.get(party)


#: A party value naming someone who acted but is not a defendant: an officer nobody has
#: identified. It matches no defendant, yet the act it names happened.
UNIDENTIFIED_OFFICER = "unidentified_officer"

FactValue = (
    StrictBool
    | StrictInt
    | StrictFloat
    | str
    | list[Identifier]
    | OneOf
    | AtLeastOneOf
    | AtLeast
    | ByParty
)


def parties_named(value: object) -> list[str]:
    """Every party a party value names, whether definitely or as one of several choices."""
    if isinstance(value, OneOf):
        return list(value.one_of)
    if isinstance(value, AtLeastOneOf):
        return list(value.at_least_one_of)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, ByParty):
        return list(value.by_party)
    return []


class Plaintiff(Frozen):
    name: Text
    status: PlaintiffStatus


class Defendant(Frozen):
    name: Text
    role: Text


class NonParty(Frozen):
    """Someone the record names who is not a defendant: an officer not sued, a civilian.
    A fact's party value may name them (who used force, who was present); no claim is
    decided against them."""

    name: Text
    role: Text
    state_actor: StrictBool = Field(
        True,
        description="Whether they acted under color of state law (an officer, true) or as a "
        "private person (a civilian, false). Only a state actor's force can be the "
        "constitutional violation another failed to stop.",
    )


class AssertedClaim(Frozen):
    claim: Identifier
    against: list[Identifier] = Field(min_length=1)


class Dismissal(Frozen):
    """A claim conceded, withdrawn, abandoned or dismissed by the court: one claim, every
    claim against a defendant, or a pair."""

    claim: Identifier | None = None
    defendant: Identifier | None = None
    reason: DismissalReason
    cite: Text

    @model_validator(mode="after")
    def _names_something(self) -> "Dismissal":
        if self.claim is None and self.defendant is None:
            raise ValueError("a dismissal names a claim, a defendant, or both")
        return self

    def covers(self, claim: str, defendant: str) -> bool:
        return self.claim in (None, claim) and self.defendant in (None, defendant)


class RaisedDefense(Frozen):
    defense: Identifier
    raised_by: list[Identifier] = Field(min_length=1)
    cite: Text


class Rule561Posture(Frozen):
    non_movant_complied: StrictBool
    treatment: Rule561Treatment
    cite: Text | None = None
    rule: Identifier | None = Field(
        None,
        description="The district's rule on statements of material facts, one of the "
        "summary-judgment rubric's local_rules; none: its default_local_rule.",
    )

    @model_validator(mode="after")
    def _treatment_fits(self) -> "Rule561Posture":
        complied_treatment = Rule561Treatment.RESPONSES_CONSIDERED
        if self.non_movant_complied and self.treatment is not complied_treatment:
            raise ValueError(
                "when the non-movant complied with the local rule on statements of material "
                "facts the treatment is 'responses_considered'"
            )
        if not self.non_movant_complied and self.treatment is complied_treatment:
            raise ValueError(
                "when the non-movant did not comply, the court either deems the movant's "
                "facts admitted ('deemed_admitted') or reviews the record ('assiduous_review')"
            )
        return self


class Motion(Frozen):
    movant: Party
    cite: Text
    rule_56_1: Rule561Posture | None = Field(
        None,
        description="Left out where the record does not say: then nothing is deemed admitted.",
    )


class Episode(Frozen):
    """One use of force, or one event a claim is about. What happened in it (who used force,
    who was present, the kind of force and how long it lasted, what the plaintiff was doing,
    the injury) is established by the facts that name it."""

    label: Text
    order: int | None = Field(
        None, ge=1, description="Its place in time among the case's episodes: 1, 2, 3..."
    )
    time: Text | None = Field(None, description="When it happened, as the record says it.")


class Fact(Frozen):
    text: Text
    offered_by: Side
    cite: Text = Field(description="Record citation, e.g. 'Pl. Tr. 82:5-15'.")
    evidence: EvidenceKind
    establishes: dict[str, FactValue] = Field(
        default={}, description="Attribute values this fact proves if credited."
    )
    episode: Identifier | None = Field(
        None, description="The episode this fact speaks to; none: the whole case."
    )
    disputes: list[Identifier] = Field(default=[])
    blatantly_contradicts: list[Identifier] = Field(
        default=[],
        description="Versions this record item (of a kind the summary-judgment rubric "
        "lists: video, medical record, document...) blatantly contradicts.",
    )
    authenticity_disputed: StrictBool = Field(
        False, description="A party disputes that this record item is what it appears to be."
    )
    rule_56_1_paragraph: Text | None = Field(
        None, description="The paragraph of a statement of material facts stating this fact."
    )
    record_support: list[Identifier] | None = Field(
        None,
        min_length=1,
        description="The record items (fact ids) the paragraph cites; none: the fact is its "
        "own support, unless it is itself a statement of material facts.",
    )
    hearsay_for_truth: StrictBool = Field(
        False,
        description="An out-of-court statement offered for the truth of what it asserts, "
        "with no exception shown.",
    )
    contradicts_own_deposition: Identifier | None = Field(
        None,
        description="The same witness's earlier deposition (a fact id) this later statement "
        "contradicts.",
    )
    contradiction_explained: StrictBool = Field(
        False, description="The witness explains why the later statement differs."
    )
    contradictory_and_incomplete: StrictBool = Field(
        False,
        description="The witness's own testimony here is so contradictory and incomplete "
        "that, uncorroborated, no reasonable juror could credit it.",
    )


class ExpectedClaim(Frozen):
    claim: Identifier
    defendant: Identifier
    episode: Identifier | None = Field(
        None, description="The episode this holding is about; none: the claim as a whole."
    )
    outcome: ClaimOutcome
    standard: Identifier | None = None
    test: Identifier | None = None
    elements: dict[Identifier, ElementStatus] = Field(default={})


class ExpectedDefense(Frozen):
    defense: Identifier
    defendant: Identifier
    claim: Identifier
    episode: Identifier | None = None
    outcome: DefenseOutcome
    prongs: dict[Identifier, ElementStatus] = Field(default={})


class Expected(Frozen):
    source: Text = Field(description="Who decided these holdings: the court, or an authority.")
    decided_by: list[CiteRef] = Field(default=[])
    rule_56_1: Rule561Treatment | None = None
    claims: list[ExpectedClaim] = Field(default=[])
    defenses: list[ExpectedDefense] = Field(default=[])


class Case(Frozen):
    kind: Literal["case"]
    caption: Text
    court: Text
    docket: Text | None = None
    variant_of: str | None = Field(None, description="The case file this one varies.")
    note: str | None = None
    incident_date: WrittenPeriod
    plaintiff: Plaintiff
    defendants: dict[Identifier, Defendant] = Field(min_length=1)
    non_parties: dict[Identifier, NonParty] = Field(
        default={},
        description="People the record names who are not defendants; facts may name them.",
    )
    claims: list[AssertedClaim] = Field(min_length=1)
    dismissals: list[Dismissal] = Field(default=[])
    defenses: list[RaisedDefense] = Field(default=[])
    motion: Motion
    episodes: dict[Identifier, Episode] = Field(
        default={},
        description="Each use of force or event, decided one by one; none: one implicit episode.",
    )
    facts: dict[Identifier, Fact] = Field(default={})
    expected: Expected | None = None

    @property
    def non_movant(self) -> Party:
        return Party.PLAINTIFF if self.motion.movant is Party.DEFENDANTS else Party.DEFENDANTS
