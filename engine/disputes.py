"""Disputes: which disagreements between the two worlds are material.

A dispute is material to a question when giving the movant's value of that one attribute
to the non-movant's world changes the answer; where no single attribute does but a few
together do, the smallest such set is material.
"""

import itertools
from collections.abc import Callable

from .assessment import Assessment
from .explain import dispute
from .model.conditions import Condition
from .model.report import Dispute
from .model.rubric import DefenseTest
from .record import Version
from .vocab import ElementStatus
from .world import World

MAX_MATERIAL_SET = 3

#: Whether a variant of the non-movant's world changes the answer asked about.
Flips = Callable[[World], bool]


def search(
    assessment: Assessment,
    condition: Condition,
    nm: World,
    m: World,
    question: tuple[str, str, DefenseTest | None],
    status: ElementStatus,
    flips: Flips | None = None,
) -> tuple[list[Dispute], list[str]]:
    """The disputes material to ``condition`` (for ``question``: defendant, claim and
    defense), and the disputed attributes it reads that are not. ``flips`` asks a
    different question of each variant than whether the condition still holds."""
    defendant, claim, defense = question
    if status not in (ElementStatus.GENUINE_DISPUTE, ElementStatus.UNDISPUTED_MET):
        return [], []
    reads = assessment.law.reads(condition, claim, defense)
    disputed = sorted(a for a in reads if differs(nm, m, a))
    if not disputed:
        return [], []
    if status is not ElementStatus.GENUINE_DISPUTE and flips is None:
        return [], disputed  # met on either version: nothing is material
    theirs = m.values

    def unsettled(attributes: tuple[str, ...]) -> bool:
        world = nm.replaced({a: theirs.get(a) for a in attributes})
        if flips is not None:
            return flips(world)
        return world.truth(condition, defendant, claim, defense) is not True

    material = tuple(a for a in disputed if unsettled((a,)))
    together: tuple[str, ...] | None = None
    if not material:
        material = together = _smallest_set(disputed, unsettled)
        if not material:
            return [], disputed
    disputes = [
        build_dispute(assessment, a, nm.versions.get(a), m.versions.get(a), together)
        for a in material
    ]
    return disputes, [a for a in disputed if a not in material]


def _smallest_set(
    disputed: list[str], unsettled: Callable[[tuple[str, ...]], bool]
) -> tuple[str, ...]:
    """The first few attributes that, flipped together, unsettle what none does alone."""
    for size in range(2, min(len(disputed), MAX_MATERIAL_SET) + 1):
        for attributes in itertools.combinations(disputed, size):
            if unsettled(attributes):
                return attributes
    return ()


#: What a world that has no value of an attribute says of it, unlike any value.
_SILENT = object()


def differs(nm: World, m: World, attribute: str) -> bool:
    """Whether two worlds disagree on an attribute, one of them perhaps silent on it."""
    return nm.values.get(attribute, _SILENT) != m.values.get(attribute, _SILENT)


def build_dispute(
    assessment: Assessment,
    attribute: str,
    nm: Version | None,
    m: Version | None,
    together: tuple[str, ...] | None = None,
) -> Dispute:
    others = [b for b in together if b != attribute] if together else None
    declared = assessment.law.attributes[attribute]
    return dispute(assessment.facts, attribute, declared, nm, m, others)


def immaterial_disputes(assessment: Assessment, material: set[str]) -> list[Dispute]:
    """The attributes the two sides' records disagree on that are material nowhere."""
    nm, m = assessment.record.non_movant, assessment.record.movant
    out = []
    for attribute in sorted(nm.keys() & m.keys()):
        nm_versions, m_versions = nm[attribute], m[attribute]
        if nm_versions is m_versions or attribute in material:
            continue  # both worlds credit the same facts, or it is listed where material
        if {v.value for v in nm_versions} == {v.value for v in m_versions}:
            continue
        out.append(build_dispute(assessment, attribute, nm_versions[0], m_versions[0]))
    return out
