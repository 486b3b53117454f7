"""The loaded law: every rubric document gathered and indexed by id."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model.rubric import (
    Attribute,
    Authority,
    ClaimRubric,
    DefenseTest,
    ElementsTest,
    FactorsTest,
    SummaryJudgmentRubric,
)

AnyTest = ElementsTest | FactorsTest | DefenseTest


@dataclass(frozen=True)
class Library:
    authorities: dict[str, Authority]
    attributes: dict[str, Attribute]
    summary_judgment: SummaryJudgmentRubric
    tests: dict[str, AnyTest]
    claims: dict[str, ClaimRubric]
    #: Where each id came from, for messages; not part of the law.
    origins: dict[str, str] = field(default_factory=dict, compare=False)

    def claim_order(self, claim_id: str) -> int:
        return list(self.claims).index(claim_id) if claim_id in self.claims else len(self.claims)
