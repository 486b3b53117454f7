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


class Paragraph(NamedTuple):
    """One paragraph of a statement of material facts, as far as the record it cites
    supports it: what it binds (deemed) and what it asserts that the record does not show
    (disregarded)."""

    fact: str
    paragraph: str
    #: The record items the paragraph cites, in the facts' order.
    support: tuple[str, ...]
    #: Attributes the paragraph fixes in both worlds (only where the posture deems).
    deemed: tuple[str, ...]
    #: Attributes it asserts that no admissible item it cites establishes alike.
    disregarded: tuple[str, ...]
    #: Deemed admitted as far as supported: the posture deems, and it cites admissible
    #: record. False for a paragraph only reported for what it asserts unsupported.
    deems: bool = False


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
    #: Each paragraph deemed, or whose cited record leaves some of it unsupported.
    paragraphs: tuple[Paragraph, ...] = ()


def fact_ranks(case: Case) -> dict[str, int]:
    """Each fact's place in an order no reordering of the file can change: by cite, then
    text, then id (ids are unique, so no two tie). Its keys are the facts in that order."""
    ordered = sorted([(f.cite, f.text, fid) for fid, f in case.facts.items()])
    return {fid: i for i, (_, _, fid) in enumerate(ordered)}


def _is_party(library: Library) -> dict[str, bool]:
    """Every declared attribute, and whether it names parties."""
    return {a: attribute.type is AttributeType.PARTY for a, attribute in library.attributes.items()}


def _aside(fact_id: str, ruling: Any) -> SetAside:
    return SetAside(fact_id, ruling.because, tuple(ruling.cites))


def _testimony_set_aside(case: Case, library: Library, set_aside: dict[str, SetAside]) -> None:
    """What the standard sets aside for what a fact is, beyond its kind, in this order:
    hearsay offered for its truth; a later statement contradicting the same witness's
    earlier deposition, unexplained; what a record item of undisputed authenticity
    blatantly contradicts; the non-movant's own testimony, contradictory and incomplete,
    that nothing else corroborates. Each applies only where the rubric states it."""
    sj = library.summary_judgment
    facts = case.facts
    hearsay, sham = sj.hearsay, sj.sham_affidavit
    for fid, fact in facts.items():
        if fid in set_aside:
            continue
        if hearsay is not None and fact.hearsay_for_truth:
            set_aside[fid] = _aside(fid, hearsay)
        elif (
            sham is not None
            and fact.contradicts_own_deposition in facts
            and not fact.contradiction_explained
            and fact.evidence in sham.later
            and facts[fact.contradicts_own_deposition].evidence in sham.earlier
        ):
            set_aside[fid] = _aside(fid, sham)
    # Whether a record item counts is decided before it contradicts anything: otherwise
    # the order of the file would decide which of two contradicting items stands.
    contradiction = sj.blatant_contradiction
    contradicting = [
        fact
        for fid, fact in facts.items()
        if fact.blatantly_contradicts
        and fid not in set_aside
        and fact.evidence in contradiction.by
        and not fact.authenticity_disputed
    ]
    for fact in contradicting:
        for contradicted in fact.blatantly_contradicts:
            if contradicted in facts and contradicted not in set_aside:
                set_aside[contradicted] = _aside(contradicted, contradiction)
    incredible = sj.incredible_testimony
    if incredible is None:
        return
    movant_side = Side(case.motion.movant)
    flagged = {
        fid
        for fid, fact in facts.items()
        if fact.contradictory_and_incomplete
        and fid not in set_aside
        and fact.offered_by is Side(case.non_movant)
        and fact.evidence in incredible.testimony
    }
    others = [
        fact
        for fid, fact in facts.items()
        if fid not in set_aside and fid not in flagged and fact.offered_by is not movant_side
    ]
    for fid in sorted(flagged):
        own = facts[fid].establishes
        corroborated = any(
            name in other.establishes and other.establishes[name] == value
            for other in others
            for name, value in own.items()
        )
        if not corroborated:
            set_aside[fid] = _aside(fid, incredible)


def paragraph_support(
    facts: dict[str, Fact],
    deeming: bool,
    movant_side: Side,
    set_aside: dict[str, SetAside],
    rank: dict[str, int],
) -> tuple[list[Paragraph], dict[str, frozenset[str]]]:
    """Each paragraph of a statement of material facts against the record it cites: an
    attribute it asserts is supported where an admissible item it cites establishes the
    same value and none it cites another. Where the posture deems (``deeming``), the
    movant's supported paragraphs are deemed as far as supported. ``rank`` holds the facts
    in the facts' order. Returns the paragraphs to report and, for every fact that asserts
    something unsupported, the attributes it keeps."""
    found: list[Paragraph] = []
    kept: dict[str, frozenset[str]] = {}
    for fid in rank:  # its keys are the facts in the facts' order
        fact = facts[fid]
        if fact.rule_56_1_paragraph is None or fid in set_aside:
            continue
        if fact.record_support is not None:
            cited = tuple(sorted(set(fact.record_support) & rank.keys(), key=rank.__getitem__))
        elif fact.evidence is not EvidenceKind.RULE_56_1_STATEMENT:
            cited = (fid,)
        else:
            cited = ()
        support = [facts[s].establishes for s in cited if s not in set_aside]
        supported = frozenset(
            name
            for name, value in fact.establishes.items()
            if any(e.get(name) == value for e in support)
            and not any(name in e and e[name] != value for e in support)
        )
        disregarded = tuple(name for name in fact.establishes if name not in supported)
        if disregarded:
            kept[fid] = supported
        movants = deeming and fact.offered_by is movant_side
        deems = movants and bool(support)
        if movants or disregarded:
            deemed = tuple(n for n in fact.establishes if n in supported) if deems else ()
            found.append(
                Paragraph(fid, fact.rule_56_1_paragraph, cited, deemed, disregarded, deems)
            )
    return found, kept


def facts_weigh_facts(case: Case) -> bool:
    """Whether one fact can decide whether another counts, beyond a record item that
    blatantly contradicts: a paragraph and the record it cites, a later statement and the
    deposition it contradicts, testimony and what corroborates it. Then dropping one fact
    can change what another establishes, and only building the record again tells."""
    return any(
        (
            fact.rule_56_1_paragraph is not None
            and (
                fact.record_support is not None or fact.evidence is EvidenceKind.RULE_56_1_STATEMENT
            )
        )
        or fact.contradicts_own_deposition is not None
        or fact.contradictory_and_incomplete
        for fact in case.facts.values()
    )


def build_record(case: Case, library: Library) -> Record:
    sj = library.summary_judgment
    admissible = frozenset(sj.admissible)
    set_aside: dict[str, SetAside] = {}
    facts = case.facts

    flagged: list[SetAside] = []
    # Sorted, these put the facts in ``fact_ranks``' order (the first three fields are
    # unique, so the rest are never compared).
    ordered: list[tuple[str, str, str, Side, dict[str, Any]]] = []
    for fact_id, fact in facts.items():
        evidence = fact.evidence
        if evidence not in admissible:
            set_aside[fact_id] = _aside(fact_id, sj.set_aside[evidence])
        if evidence in sj.flagged:
            flagged.append(_aside(fact_id, sj.flagged[evidence]))
        ordered.append((fact.cite, fact.text, fact_id, fact.offered_by, fact.establishes))
    ordered.sort()
    rank = {fid: i for i, (_, _, fid, _, _) in enumerate(ordered)}
    _testimony_set_aside(case, library, set_aside)

    movant_side = Side(case.motion.movant)
    non_movant_side = Side(case.non_movant)
    posture = case.motion.rule_56_1
    deeming = posture is not None and posture.treatment is Rule561Treatment.DEEMED_ADMITTED
    paragraphs, kept = paragraph_support(facts, deeming, movant_side, set_aside, rank)
    for fid, supported in kept.items():
        if not supported:  # nothing it asserts is supported: it is disregarded whole
            set_aside[fid] = _aside(fid, sj.paragraph_unsupported)
    # A deemed paragraph fixes what it establishes, and only that, in both worlds: every
    # other version of those attributes goes, but a fact with other versions keeps them.
    deemed = [p.fact for p in paragraphs if p.deems]
    deemed_values: dict[str, list[tuple[str, Any]]] = {}
    for p in paragraphs:
        for name in p.deemed:
            deemed_values.setdefault(name, []).append((p.fact, facts[p.fact].establishes[name]))

    admitted = frozenset(facts.keys() - set_aside.keys())
    #: Each attribute's admitted (fact, value) pairs by side, in the facts' order.
    by_attribute: dict[str, dict[Side, list[tuple[str, Any]]]] = {}
    for _, _, fid, offered_by, establishes in ordered:
        if fid in set_aside:
            continue
        keeps = kept.get(fid)
        for name, value in establishes.items():
            if name in deemed_values or (keeps is not None and name not in keeps):
                continue
            by_attribute.setdefault(name, {}).setdefault(offered_by, []).append((fid, value))
    for name, pairs in deemed_values.items():
        by_attribute[name] = {Side.UNDISPUTED: pairs}
    nm_tiers = (non_movant_side, Side.UNDISPUTED, Side.THIRD_PARTY, movant_side)
    m_tiers = (movant_side, Side.UNDISPUTED, Side.THIRD_PARTY, non_movant_side)
    # A deemed paragraph binds both worlds, whoever disputes it. The movant's world is
    # still built as before: the standard protects the non-movant.
    refused = (
        _disputed_by(facts, admitted, non_movant_side, movant_side) - set(deemed),
        frozenset[str](),
    )
    non_movant, movant = _worlds(case, library, by_attribute, (nm_tiers, m_tiers), refused)
    return Record(
        facts=dict(facts),
        admitted=admitted,
        set_aside=tuple(sorted(set_aside.values(), key=lambda s: rank[s.fact])),
        deemed_admitted=tuple(deemed),
        non_movant=non_movant,
        movant=movant,
        rank=rank,
        flagged=tuple(
            sorted((f for f in flagged if f.fact not in set_aside), key=lambda f: rank[f.fact])
        ),
        paragraphs=tuple(paragraphs),
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
