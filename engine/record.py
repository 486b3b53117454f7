"""The admissible record and the two worlds the standard compares.

The non-movant's world credits its own admissible versions; the movant's world credits
the movant's. Where a side offers nothing on an attribute, the undisputed value, then a
third party's, then the other side's stands. Facts are never counted: one sworn version
is as good as five.
"""

import itertools
from collections.abc import Iterable
from typing import Any, NamedTuple

from .library import Library
from .model.base import Cite
from .model.case import AtLeastOneOf, Case, Fact, FactValue, OneOf
from .vocab import AttributeType, EvidenceKind, Rule561Treatment, Side

#: The most versions of one party attribute that one side's facts may leave open. Each
#: version is a world the engine weighs for every claim and defendant, and open choices
#: multiply: forty facts each naming one of two officers leave 2**40 combinations. Beyond
#: the limit the first versions in the report's order of names are kept, and
#: ``party_versions_exceeded`` names the attribute so that the case can be reported.
MAX_PARTY_VERSIONS = 64


class Version(NamedTuple):
    """One value of an attribute in a world, and the facts that establish it."""

    value: Any
    facts: tuple[str, ...]


class SetAside(NamedTuple):
    fact: str
    reason: str
    cites: tuple[Cite, ...]


Candidates = dict[str, tuple[Version, ...]]


class Record(NamedTuple):
    facts: dict[str, Fact]
    admitted: frozenset[str]
    set_aside: tuple[SetAside, ...]
    deemed_admitted: tuple[str, ...]
    non_movant: Candidates
    movant: Candidates
    #: Each of the case's facts' place in the facts' order, worked out once.
    rank: dict[str, int]
    #: Admitted facts of a kind the summary-judgment rubric points out.
    flagged: tuple[SetAside, ...] = ()


def fact_ranks(case: Case) -> dict[str, int]:
    """Each fact's place in an order no reordering of the file can change: by cite, then
    text, then id (ids are unique, so no two tie). Its keys are the facts in that order."""
    ordered = sorted([(f.cite, f.text, fid) for fid, f in case.facts.items()])
    return {fid: i for i, (_, _, fid) in enumerate(ordered)}


def _is_party(library: Library) -> dict[str, bool]:
    """Every declared attribute, and whether it names parties."""
    return {a: attribute.type is AttributeType.PARTY for a, attribute in library.attributes.items()}


def build_record(case: Case, library: Library) -> Record:
    sj = library.summary_judgment
    admissible = frozenset(sj.admissible)
    set_aside: dict[str, SetAside] = {}
    facts = case.facts

    videos: list[Fact] = []
    flagged: list[SetAside] = []
    # Sorted, these put the facts in ``fact_ranks``' order (the first three fields are
    # unique, so the rest are never compared).
    ordered: list[tuple[str, str, str, Side, dict[str, Any]]] = []
    for fact_id, fact in facts.items():
        evidence = fact.evidence
        if evidence not in admissible:
            ruling = sj.set_aside[evidence]
            set_aside[fact_id] = SetAside(fact_id, ruling.because, tuple(ruling.cites))
        elif evidence is EvidenceKind.VIDEO:
            videos.append(fact)
        if evidence in sj.flagged:
            ruling = sj.flagged[evidence]
            flagged.append(SetAside(fact_id, ruling.because, tuple(ruling.cites)))
        ordered.append((fact.cite, fact.text, fact_id, fact.offered_by, fact.establishes))
    ordered.sort()

    # Whether a video counts is decided by its admissibility alone, not by another video
    # contradicting it: otherwise the order of the file would decide which stands.
    for fact in videos:
        for contradicted in fact.blatantly_contradicts:
            if contradicted in facts and contradicted not in set_aside:
                ruling = sj.blatant_contradiction
                set_aside[contradicted] = SetAside(
                    contradicted, ruling.because, tuple(ruling.cites)
                )

    movant_side = Side(case.motion.movant)
    non_movant_side = Side(case.non_movant)
    deemed: list[str] = []
    posture = case.motion.rule_56_1
    if posture is not None and posture.treatment is Rule561Treatment.DEEMED_ADMITTED:
        deemed = [
            fid
            for fid, fact in facts.items()
            if fid not in set_aside
            and fact.offered_by is movant_side
            and fact.rule_56_1_paragraph is not None
        ]
        deemed_attributes = {a for fid in deemed for a in facts[fid].establishes}
        ruling = sj.rule_56_1[Rule561Treatment.DEEMED_ADMITTED]
        for fid, fact in facts.items():
            if (
                fid not in set_aside
                and fact.offered_by is non_movant_side
                and deemed_attributes & set(fact.establishes)
            ):
                set_aside[fid] = SetAside(fid, ruling.because, tuple(ruling.cites))

    admitted = frozenset(facts.keys() - set_aside.keys())
    deemed_set = set(deemed)
    #: Each attribute's admitted (fact, value) pairs by side, in the facts' order.
    by_attribute: dict[str, dict[Side, list[tuple[str, Any]]]] = {}
    rank: dict[str, int] = {}
    for fid_rank, (_, _, fid, offered_by, establishes) in enumerate(ordered):
        rank[fid] = fid_rank
        if fid in set_aside:
            continue
        side = Side.UNDISPUTED if fid in deemed_set else offered_by
        for name, value in establishes.items():
            by_attribute.setdefault(name, {}).setdefault(side, []).append((fid, value))
    nm_tiers = (non_movant_side, Side.UNDISPUTED, Side.THIRD_PARTY, movant_side)
    m_tiers = (movant_side, Side.UNDISPUTED, Side.THIRD_PARTY, non_movant_side)
    # A deemed-admitted fact binds both worlds, whoever disputes it. The movant's world is
    # still built as before: the standard protects the non-movant.
    refused = (
        _disputed_by(facts, admitted, non_movant_side, movant_side) - deemed_set,
        frozenset[str](),
    )
    non_movant, movant = _worlds(case, library, by_attribute, (nm_tiers, m_tiers), refused)
    return Record(
        facts=dict(facts),
        admitted=admitted,
        set_aside=tuple(sorted(set_aside.values(), key=lambda s: rank[s.fact])),
        deemed_admitted=tuple(sorted(deemed, key=rank.__getitem__)),
        non_movant=non_movant,
        movant=movant,
        rank=rank,
        flagged=tuple(
            sorted((f for f in flagged if f.fact not in set_aside), key=lambda f: rank[f.fact])
        ),
    )


def _disputed_by(
    facts: dict[str, Fact], admitted: frozenset[str], side: Side, other: Side
) -> frozenset[str]:
    """The other side's facts that one of ``side``'s admissible facts disputes. A world never
    takes such a fact, even for what its own side's facts leave unset: a disputed version is
    not the evidence of the side that disputes it (Tolan v. Cotton, 572 U.S. 650, 656-57)."""
    return frozenset(
        target
        for fid in admitted
        if facts[fid].offered_by is side
        for target in facts[fid].disputes
        if target in facts and facts[target].offered_by is other
    )


def _without(
    sides: dict[Side, list[tuple[str, Any]]], refused: frozenset[str]
) -> dict[Side, list[tuple[str, Any]]]:
    if not refused:
        return sides
    kept = {side: [(f, v) for f, v in pairs if f not in refused] for side, pairs in sides.items()}
    return {side: pairs for side, pairs in kept.items() if pairs}


def _worlds(
    case: Case,
    library: Library,
    by_attribute: dict[str, dict[Side, list[tuple[str, Any]]]],
    tiers: tuple[tuple[Side, ...], tuple[Side, ...]],
    refused: tuple[frozenset[str], frozenset[str]],
) -> tuple[Candidates, Candidates]:
    """Each world's versions of every attribute: its own side's, else the first tier that
    has any, less the facts that world's side disputes. Most attributes are undisputed, and
    then both worlds hold the same versions."""
    nm_tiers, m_tiers = tiers
    nm_refused, m_refused = refused
    nm_world: Candidates = {}
    m_world: Candidates = {}
    status = (Version(case.plaintiff.status.value, ()),)
    for attribute_id, attribute in library.attributes.items():
        if attribute.from_case == "plaintiff_status":
            nm_world[attribute_id] = m_world[attribute_id] = status
    is_party = _is_party(library)
    for attribute_id, sides in by_attribute.items():
        party = is_party.get(attribute_id)
        if party is None:  # not an attribute the library declares
            continue
        nm_sides, m_sides = _without(sides, nm_refused), _without(sides, m_refused)
        nm_side = next((tier for tier in nm_tiers if tier in nm_sides), None)
        m_side = next((tier for tier in m_tiers if tier in m_sides), None)
        found = None
        if nm_side is not None:
            found = nm_world[attribute_id] = _versions(case, party, nm_sides[nm_side])
        if m_side is not None:
            same = found is not None and m_side is nm_side and m_sides is nm_sides
            m_world[attribute_id] = (
                found if same and found is not None else _versions(case, party, m_sides[m_side])
            )
    return nm_world, m_world


def _versions(case: Case, party: bool, values: list[tuple[str, Any]]) -> tuple[Version, ...]:
    if party:
        return _party_versions(case, values)
    if len(values) == 1:
        fid, value = values[0]
        return (Version(value, (fid,)),)
    grouped: dict[Any, list[str]] = {}
    for fid, value in values:
        grouped.setdefault(value, []).append(fid)
    if len(grouped) == 1:
        return tuple(Version(value, tuple(fids)) for value, fids in grouped.items())
    return tuple(
        Version(value, tuple(fids))
        for value, fids in sorted(grouped.items(), key=lambda kv: (str(type(kv[0])), str(kv[0])))
    )


def _party_versions(case: Case, values: list[tuple[str, Any]]) -> tuple[Version, ...]:
    facts = tuple(fid for fid, _ in values)
    named = frozenset(d for _, value in values if isinstance(value, list) for d in value)
    open_choices = [c for _, value in values if (c := open_choice(value))]

    def by_names(parties: frozenset[str]) -> list[str]:
        return sorted(case.defendants[d].name if d in case.defendants else d for d in parties)

    choices = _party_choices(named, open_choices, by_names)
    return tuple(Version(parties, facts) for parties in choices)


def open_choice(value: Any) -> list[frozenset[str]]:
    """The sets of parties an open party value may add: one of them (``one_of``), or any
    that are not none (``at_least_one_of``, smallest first and at most as many as the
    engine weighs). Empty where the value is not open."""
    if isinstance(value, OneOf):
        return [frozenset((d,)) for d in value.one_of]
    if isinstance(value, AtLeastOneOf):
        options = sorted(set(value.at_least_one_of))
        subsets = (
            frozenset(c)
            for size in range(1, len(options) + 1)
            for c in itertools.combinations(options, size)
        )
        return list(itertools.islice(subsets, MAX_PARTY_VERSIONS + 1))
    return []


def _party_choices(
    named: frozenset[str], open_choices: Iterable[list[frozenset[str]]], order: Any
) -> list[frozenset[str]]:
    """The sets of parties the facts allow: those ``named`` and one of each open choice's
    sets. Built a choice at a time, so work grows with the distinct sets, not the
    combinations; at most ``MAX_PARTY_VERSIONS`` of them are kept, the first in ``order``."""
    reachable = {named}
    for options in open_choices:
        reachable = {parties | d for parties in reachable for d in options}
        if len(reachable) > MAX_PARTY_VERSIONS:
            reachable = set(sorted(reachable, key=order)[:MAX_PARTY_VERSIONS])
    return sorted(reachable, key=order)


def party_versions_exceeded(case: Case) -> list[str]:
    """The attributes on which one side's facts leave open more than ``MAX_PARTY_VERSIONS``
    sets of parties, so that the engine weighs only the first of them. Every fact counts,
    admissible or not: the bound is on what the file asks for."""
    by_side: dict[tuple[str, Side], list[FactValue]] = {}
    for fact in case.facts.values():
        for name, value in fact.establishes.items():
            by_side.setdefault((name, fact.offered_by), []).append(value)
    exceeded = set()
    for (name, _), values in by_side.items():
        open_choices = [c for v in values if (c := open_choice(v))]
        if open_choices and _too_many(open_choices):
            exceeded.add(name)
    return sorted(exceeded)


def _too_many(open_choices: list[list[frozenset[str]]]) -> bool:
    reachable: set[frozenset[str]] = {frozenset()}
    for options in open_choices:
        reachable = {parties | d for parties in reachable for d in options}
        if len(reachable) > MAX_PARTY_VERSIONS:
            return True
    return False
