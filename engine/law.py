"""The library indexed once for evaluation: what each claim's tests are and what they read."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from .conditions import THE_CLAIM, named_attributes, walk
from .library import AnyTest, Library
from .model.base import Cite
from .model.conditions import AttributeTest, ClaimHolds, ClearlyEstablished, Condition
from .model.rubric import (
    Attribute,
    ClaimRubric,
    DefenseTest,
    ElementsTest,
    FactorsTest,
    Standard,
    TestChoice,
)


class Selection(NamedTuple):
    """The standard and test that govern a claim, and the choice that picked the test."""

    standard: Standard
    choice: TestChoice
    test: AnyTest


class Precedent(NamedTuple):
    decided: date
    conduct: Condition
    cite: Cite


class DefenseIndex(NamedTuple):
    """What weighing a defense asks of its precedents in every world, found once."""

    #: The precedents that can clearly establish a right (see ``binding_precedents``).
    precedents: list[Precedent]
    #: The attributes the conduct of each precedent it lists reads, binding or not.
    precedent_reads: frozenset[str]


@dataclass(frozen=True)
class Law:
    library: Library
    #: Every attribute each claim's answer can turn on, through the claims it names.
    claim_reads: dict[str, frozenset[str]] = field(init=False)
    #: Each claim's place in the library, the order reports list claims in.
    claim_order: dict[str, int] = field(init=False)
    #: Each of the library's defenses, by id.
    defenses: dict[str, DefenseIndex] = field(init=False)

    def __post_init__(self) -> None:
        reads: dict[str, frozenset[str]] = {}
        for claim_id in self.library.claims:
            _claim_reads(self.library, claim_id, reads)
        object.__setattr__(self, "claim_reads", reads)
        object.__setattr__(self, "claim_order", {c: i for i, c in enumerate(self.library.claims)})
        defenses = {
            test_id: _defense_index(self.library, test)
            for test_id, test in self.library.tests.items()
            if isinstance(test, DefenseTest)
        }
        object.__setattr__(self, "defenses", defenses)

    @property
    def attributes(self) -> dict[str, Attribute]:
        return self.library.attributes

    def test(self, choice: TestChoice) -> AnyTest:
        return self.library.tests[choice.test]

    def reads(
        self, condition: Condition, claim: str | None = None, defense: DefenseTest | None = None
    ) -> frozenset[str]:
        """Attributes ``condition`` depends on, through the claims and precedents it names."""
        precedent_reads = frozenset() if defense is None else self._index(defense).precedent_reads
        return _reads(self.library, condition, claim, precedent_reads, self.claim_reads)

    def precedents(self, defense: DefenseTest) -> list[Precedent]:
        """The defense's precedents that can clearly establish a right (see
        ``binding_precedents``)."""
        return self._index(defense).precedents

    def _index(self, defense: DefenseTest) -> DefenseIndex:
        if self.library.tests.get(defense.id) is defense:
            return self.defenses[defense.id]
        return _defense_index(self.library, defense)  # a defense from outside the library


def _defense_index(library: Library, defense: DefenseTest) -> DefenseIndex:
    read = {a for p in defense.clearly_established_by for a in named_attributes(p.conduct)}
    return DefenseIndex(binding_precedents(library, defense), frozenset(read))


def binding_precedents(library: Library, defense: DefenseTest) -> list[Precedent]:
    """The defense's precedents that can clearly establish a right: binding by their
    weight, from a court whose decisions bind (where the defense names them), and known
    to the library. A persuasive precedent is shown, never counted."""
    binding = defense.clearly_established_only_by
    found = []
    for precedent in defense.clearly_established_by:
        authority = library.authorities.get(precedent.cite.authority)
        if authority is None or precedent.weight != "binding":
            continue
        if binding is not None and not any(c.includes(authority) for c in binding.courts):
            continue
        found.append(Precedent(authority.decided, precedent.conduct, precedent.cite))
    return found


def elements_of(rubric: ClaimRubric, test: AnyTest) -> list[Condition]:
    """What a claim needs under ``test``: its own elements', then the test's elements'."""
    own = [e.holds_when for e in rubric.elements.values()]
    if isinstance(test, ElementsTest):
        own += [e.holds_when for e in test.elements.values()]
    return own


def _reads(
    library: Library,
    condition: Condition,
    claim: str | None,
    precedent_reads: frozenset[str],
    claim_reads: dict[str, frozenset[str]],
) -> frozenset[str]:
    found: set[str] = set()
    for part in walk(condition):
        match part:
            case AttributeTest(attr=attribute):
                found.add(attribute)
            case ClaimHolds(claim=named):
                target = claim if named == THE_CLAIM else named
                if target:
                    found |= _claim_reads(library, target, claim_reads)
            case ClearlyEstablished():
                found |= precedent_reads
    return frozenset(found)


def _claim_reads(
    library: Library, claim_id: str, known: dict[str, frozenset[str]]
) -> frozenset[str]:
    if claim_id in known:
        return known[claim_id]
    known[claim_id] = frozenset()  # a cycle reads nothing more
    rubric = library.claims.get(claim_id)
    found: set[str] = set()
    if rubric is not None:
        for condition in _claim_conditions(library, rubric):
            found |= _reads(library, condition, None, frozenset(), known)
    known[claim_id] = frozenset(found)
    return known[claim_id]


def _claim_conditions(library: Library, rubric: ClaimRubric) -> Iterator[Condition]:
    for element in rubric.elements.values():
        yield element.holds_when
    for standard in rubric.standards:
        if standard.when is not None:
            yield standard.when
        for choice in standard.tests:
            if choice.when is not None:
                yield choice.when
            test = library.tests.get(choice.test)
            if isinstance(test, ElementsTest):
                for element in test.elements.values():
                    yield element.holds_when
            elif isinstance(test, FactorsTest):
                yield from test.conditions()
