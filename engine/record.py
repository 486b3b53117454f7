"""The admissible record and the two worlds the standard compares.

The non-movant's world credits its own admissible versions; the movant's world credits
the movant's. Where a side offers nothing on an attribute, the undisputed value, then a
third party's, then the other side's stands. Facts are never counted: one sworn version
is as good as five.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, NamedTuple

from .library import Library
from .model.base import Cite
from .model.case import Case, Fact, OneOf
from .vocab import AttributeType, EvidenceKind, Rule561Treatment, Side


class Version(NamedTuple):
    """One value of an attribute in a world, and the facts that establish it. A tuple:
    a record builds dozens, and worlds are told apart by which ones they hold."""

    value: Any
    facts: tuple[str, ...]


@dataclass(frozen=True)
class SetAside:
    fact: str
    reason: str
    cites: tuple[Cite, ...]


Candidates = dict[str, tuple[Version, ...]]


@dataclass(frozen=True)
class Record:
    facts: dict[str, Fact]
    admitted: frozenset[str]
    set_aside: tuple[SetAside, ...]
    deemed_admitted: tuple[str, ...]
    non_movant: Candidates
    movant: Candidates
    #: Each of the case's facts' place in ``fact_order``, worked out once.
    rank: dict[str, int]


def fact_ranks(case: Case) -> dict[str, int]:
    """Each fact's place in ``fact_order``."""
    ordered = sorted(case.facts, key=lambda f: fact_order(case, f))
    return {fid: i for i, fid in enumerate(ordered)}


def fact_order(case: Case, fact_id: str) -> tuple[str, str, str]:
    """An order of facts that no reordering of the file can change."""
    fact = case.facts[fact_id]
    return (fact.cite, fact.text, fact_id)


def build_record(case: Case, library: Library) -> Record:
    sj = library.summary_judgment
    admissible = set(sj.admissible)
    set_aside: dict[str, SetAside] = {}

    for fact_id, fact in case.facts.items():
        if fact.evidence not in admissible:
            ruling = sj.set_aside[fact.evidence]
            set_aside[fact_id] = SetAside(fact_id, ruling.because, tuple(ruling.cites))

    # Whether a video counts is decided by its admissibility alone, not by another video
    # contradicting it: otherwise the order of the file would decide which stands.
    inadmissible = set(set_aside)
    for fact_id, fact in case.facts.items():
        if fact_id in inadmissible or fact.evidence is not EvidenceKind.VIDEO:
            continue
        for contradicted in fact.blatantly_contradicts:
            if contradicted in case.facts and contradicted not in set_aside:
                ruling = sj.blatant_contradiction
                set_aside[contradicted] = SetAside(
                    contradicted, ruling.because, tuple(ruling.cites)
                )

    movant_side = Side(case.motion.movant.value)
    non_movant_side = Side(case.non_movant.value)
    deemed: list[str] = []
    if case.motion.rule_56_1.treatment is Rule561Treatment.DEEMED_ADMITTED:
        deemed = [
            fid
            for fid, fact in case.facts.items()
            if fid not in set_aside
            and fact.offered_by is movant_side
            and fact.rule_56_1_paragraph is not None
        ]
        deemed_attributes = {a for fid in deemed for a in case.facts[fid].establishes}
        ruling = sj.rule_56_1[Rule561Treatment.DEEMED_ADMITTED]
        for fid, fact in case.facts.items():
            if (
                fid not in set_aside
                and fact.offered_by is non_movant_side
                and deemed_attributes & set(fact.establishes)
            ):
                set_aside[fid] = SetAside(fid, ruling.because, tuple(ruling.cites))

    admitted = frozenset(fid for fid in case.facts if fid not in set_aside)
    side_of = {
        fid: (Side.UNDISPUTED if fid in deemed else case.facts[fid].offered_by) for fid in admitted
    }
    nm_tiers = (non_movant_side, Side.UNDISPUTED, Side.THIRD_PARTY, movant_side)
    m_tiers = (movant_side, Side.UNDISPUTED, Side.THIRD_PARTY, non_movant_side)
    by_attribute: dict[str, dict[Side, list[str]]] = {}
    rank = fact_ranks(case)
    for fid in sorted(side_of, key=rank.__getitem__):
        for name in case.facts[fid].establishes:
            by_attribute.setdefault(name, {}).setdefault(side_of[fid], []).append(fid)
    shared: dict[tuple[str, Side], tuple[Version, ...]] = {}
    return Record(
        facts=dict(case.facts),
        admitted=admitted,
        set_aside=tuple(sorted(set_aside.values(), key=lambda s: rank[s.fact])),
        deemed_admitted=tuple(sorted(deemed, key=rank.__getitem__)),
        non_movant=_world(case, library, by_attribute, nm_tiers, shared),
        movant=_world(case, library, by_attribute, m_tiers, shared),
        rank=rank,
    )


def _world(
    case: Case,
    library: Library,
    by_attribute: dict[str, dict[Side, list[str]]],
    tiers: tuple[Side, ...],
    shared: dict[tuple[str, Side], tuple[Version, ...]],
) -> Candidates:
    """``by_attribute``: each attribute's admitted facts by side, in ``fact_order``;
    ``shared``: versions already worked out for the other world: most attributes are
    undisputed, and both worlds credit the same facts for them."""
    world: Candidates = {}
    for attribute_id, attribute in library.attributes.items():
        if attribute.from_case == "plaintiff_status":
            world[attribute_id] = (Version(case.plaintiff.status.value, ()),)
    for attribute_id, sides in by_attribute.items():
        declared = library.attributes.get(attribute_id)
        if declared is None:
            continue
        for tier in tiers:
            if tier in sides:
                found = shared.get((attribute_id, tier))
                if found is None:
                    found = _versions(case, declared.type, attribute_id, sides[tier])
                    shared[(attribute_id, tier)] = found
                world[attribute_id] = found
                break
    return world


def _versions(
    case: Case, kind: AttributeType, attribute: str, fact_ids: list[str]
) -> tuple[Version, ...]:
    values = [(fid, case.facts[fid].establishes[attribute]) for fid in fact_ids]
    if kind is AttributeType.PARTY:
        return _party_versions(case, values)
    grouped: dict[Any, list[str]] = {}
    for fid, value in values:
        grouped.setdefault(value, []).append(fid)
    if len(grouped) == 1:  # the common case: every fact on this side agrees
        ((value, fids),) = grouped.items()
        return (Version(value, tuple(fids)),)
    return tuple(
        Version(value, tuple(fids))
        for value, fids in sorted(grouped.items(), key=lambda kv: (str(type(kv[0])), str(kv[0])))
    )


def _party_versions(case: Case, values: list[tuple[str, Any]]) -> tuple[Version, ...]:
    definite: set[str] = set()
    open_sets: list[list[str]] = []
    for _fid, value in values:
        if isinstance(value, OneOf):
            open_sets.append(value.one_of)
        elif isinstance(value, list):
            definite.update(value)
    facts = tuple(fid for fid, _ in values)
    choices = {frozenset(definite | set(pick)) for pick in itertools.product(*open_sets)}

    def by_names(value: frozenset[str]) -> list[str]:
        return sorted(case.defendants[d].name if d in case.defendants else d for d in value)

    return tuple(Version(v, facts) for v in sorted(choices, key=by_names))
