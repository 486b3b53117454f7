"""The loaded law: every rubric document gathered and indexed by id."""

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

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


class Library(NamedTuple):
    authorities: dict[str, Authority]
    attributes: dict[str, Attribute]
    summary_judgment: SummaryJudgmentRubric
    tests: dict[str, AnyTest]
    claims: dict[str, ClaimRubric]
    #: Where each id came from, for messages; not part of the law.
    origins: Mapping[str, str] = MappingProxyType({})
