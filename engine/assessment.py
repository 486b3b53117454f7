"""What deciding one case needs at hand: the law, the case, its record and its parties."""

from dataclasses import dataclass, field
from typing import Any

from .explain import FactRefs, party_label
from .law import Law
from .model.case import UNIDENTIFIED_OFFICER, Case, Dismissal, parties_named
from .record import Record, Version
from .world import AnswerBook, World

#: How a report names the officer nobody has identified.
UNIDENTIFIED_NAME = "an unidentified officer"


@dataclass(frozen=True)
class Assessment:
    law: Law
    case: Case
    record: Record
    #: The defendants, by name and then id: the order reports list them in.
    defendants: tuple[str, ...] = field(init=False)
    #: Everyone whose acts may be another's violation: the defendants, the non-parties who
    #: acted for the state (an officer not sued), and an officer nobody has identified where
    #: a fact names one (Figueroa v. Mazza). No claim is decided against any but defendants.
    actors: tuple[str, ...] = field(init=False)
    non_movant: str = field(init=False)
    movant: str = field(init=False)
    facts: FactRefs = field(init=False)
    #: What the worlds of this evaluation have decided, shared among them.
    answers: AnswerBook = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        names = {d: defendant.name for d, defendant in self.case.defendants.items()}
        ordered = tuple(sorted(names, key=lambda d: (names[d], d)))
        object.__setattr__(self, "defendants", ordered)
        unnamed = (UNIDENTIFIED_OFFICER,) if _names_unidentified(self.case) else ()
        others = {p: person.name for p, person in self.case.non_parties.items()}
        officers = tuple(
            sorted(
                (p for p in others if self.case.non_parties[p].state_actor and p not in names),
                key=lambda p: (others[p], p),
            )
        )
        object.__setattr__(self, "actors", ordered + officers + unnamed)
        object.__setattr__(self, "non_movant", party_label(self.case, self.case.non_movant.value))
        movant = party_label(self.case, self.case.motion.movant.value)
        object.__setattr__(self, "movant", movant)
        object.__setattr__(self, "facts", FactRefs(self.case, self.record.rank))

    def name(self, defendant: str) -> str:
        if defendant == UNIDENTIFIED_OFFICER:
            return UNIDENTIFIED_NAME
        if defendant in self.case.defendants:
            return self.case.defendants[defendant].name
        return self.case.non_parties[defendant].name

    def world(self, versions: dict[str, Version], movant_version: bool = False) -> World:
        values: dict[str, Any] = {a: v.value for a, v in versions.items()}
        return World(
            self.law,
            values,
            self.actors,
            self.case.incident_date,
            versions,
            movant_version,
            self.defendants,
            self.answers,
        )

    def dismissal(self, claim: str, defendant: str) -> Dismissal | None:
        return next((d for d in self.case.dismissals if d.covers(claim, defendant)), None)

    def asserted_pairs(self) -> list[tuple[str, str]]:
        """Each (claim, defendant) the case asserts: claims in the library's order, then
        defendants in the report's."""
        order = self.law.claim_order
        asserted = {(c.claim, d) for c in self.case.claims for d in c.against}
        claims = sorted(
            {claim for claim, _ in asserted}, key=lambda c: (order.get(c, len(order)), c)
        )
        return [(c, d) for c in claims for d in self.defendants if (c, d) in asserted]


def _names_unidentified(case: Case) -> bool:
    return any(
        UNIDENTIFIED_OFFICER in parties_named(value)
        for fact in case.facts.values()
        for value in fact.establishes.values()
    )
