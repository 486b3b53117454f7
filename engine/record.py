"""The admissible record and the two worlds the standard compares.

The non-movant's world credits its own admissible versions; the movant's world credits
the movant's. Where a side offers nothing on an attribute, the undisputed value, then a
third party's, then the other side's stands. Facts are never counted: one sworn version
is as good as five.
"""

import itertools
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


def fact_ranks(case: Case) -> dict[str, int]:
    """Each fact's place in an order no reordering of the file can change: by cite, then
    text, then id (ids are unique, so no two tie). Its keys are the facts in that order."""
    ordered = sorted([(f.cite, f.text, fid) for fid, f in case.facts.items()])
    return {fid: i for i, (_, _, fid) in enumerate(ordered)}


# Members of the enums read on every fact, looked up once: an enum class's attributes
# are found through its metaclass's ``__getattr__``, ten times slower than a global.
_UNDISPUTED = Side.UNDISPUTED
_THIRD_PARTY = Side.THIRD_PARTY
_PARTY = AttributeType.PARTY
_VIDEO = EvidenceKind.VIDEO
_DEEMED_ADMITTED = Rule561Treatment.DEEMED_ADMITTED
_SIDES = {side.value: side for side in Side}
_new_version = tuple.__new__  # Version's own ``__new__`` is a Python call; the record builds dozens


class Kinds(NamedTuple):
    """What the record needs of the library's attributes, worked out once per library."""

    #: The attributes the plaintiff's status answers.
    from_status: tuple[str, ...]
    #: Every declared attribute, and whether it names parties.
    party: dict[str, bool]
    #: The kinds of evidence the standard admits.
    admissible: frozenset[EvidenceKind]


def attribute_kinds(library: Library) -> Kinds:
    declared = library.attributes
    return Kinds(
        tuple(a for a, attribute in declared.items() if attribute.from_case == "plaintiff_status"),
        {a: attribute.type is _PARTY for a, attribute in declared.items()},
        frozenset(library.summary_judgment.admissible),
    )


def build_record(case: Case, library: Library, kinds: Kinds | None = None) -> Record:
    """``kinds``: ``attribute_kinds(library)``, where the caller keeps it."""
    sj = library.summary_judgment
    if kinds is None:
        kinds = attribute_kinds(library)
    admissible = kinds.admissible
    set_aside: dict[str, SetAside] = {}
    facts = case.facts

    videos: list[Fact] = []
    # Each fact's fields are read once, here: a model's every read goes through its
    # ``__getattr__`` hook. Sorted, these put the facts in ``fact_ranks``' order (the
    # first three fields are unique, so the rest are never compared).
    ordered: list[tuple[str, str, str, Side, dict[str, Any]]] = []
    for fact_id, fact in facts.items():
        evidence = fact.evidence
        if evidence not in admissible:
            ruling = sj.set_aside[evidence]
            set_aside[fact_id] = SetAside(fact_id, ruling.because, tuple(ruling.cites))
        elif evidence is _VIDEO:
            videos.append(fact)
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

    movant_side = _SIDES[case.motion.movant]
    non_movant_side = _SIDES[case.non_movant]
    deemed: list[str] = []
    if case.motion.rule_56_1.treatment is _DEEMED_ADMITTED:
        deemed = [
            fid
            for fid, fact in facts.items()
            if fid not in set_aside
            and fact.offered_by is movant_side
            and fact.rule_56_1_paragraph is not None
        ]
        deemed_attributes = {a for fid in deemed for a in facts[fid].establishes}
        ruling = sj.rule_56_1[_DEEMED_ADMITTED]
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
        side = _UNDISPUTED if fid in deemed_set else offered_by
        for name, value in establishes.items():
            sides = by_attribute.get(name)
            if sides is None:
                by_attribute[name] = {side: [(fid, value)]}
            else:
                pairs = sides.get(side)
                if pairs is None:
                    sides[side] = [(fid, value)]
                else:
                    pairs.append((fid, value))
    nm_tiers = (non_movant_side, _UNDISPUTED, _THIRD_PARTY, movant_side)
    m_tiers = (movant_side, _UNDISPUTED, _THIRD_PARTY, non_movant_side)
    non_movant, movant = _worlds(case, kinds, by_attribute, nm_tiers, m_tiers)
    return Record(
        facts=dict(facts),
        admitted=admitted,
        set_aside=tuple(sorted(set_aside.values(), key=lambda s: rank[s.fact])),
        deemed_admitted=tuple(sorted(deemed, key=rank.__getitem__)),
        non_movant=non_movant,
        movant=movant,
        rank=rank,
    )


def _worlds(
    case: Case,
    kinds: Kinds,
    by_attribute: dict[str, dict[Side, list[tuple[str, Any]]]],
    nm_tiers: tuple[Side, ...],
    m_tiers: tuple[Side, ...],
) -> tuple[Candidates, Candidates]:
    """Each world's versions of every attribute: its own side's, else the first tier that
    has any. Most attributes are undisputed, and then both worlds hold the same versions."""
    nm_world: Candidates = {}
    m_world: Candidates = {}
    if kinds.from_status:
        status = (_new_version(Version, (case.plaintiff.status.value, ())),)
        for attribute_id in kinds.from_status:
            nm_world[attribute_id] = m_world[attribute_id] = status
    declared = kinds.party
    for attribute_id, sides in by_attribute.items():
        party = declared.get(attribute_id)
        if party is None:  # not an attribute the library declares
            continue
        if len(sides) == 1:  # the common case: one side speaks to it, in both worlds
            for values in sides.values():
                found: tuple[Version, ...]
                if len(values) == 1 and not party:  # and through one fact: no call for it
                    fid, value = values[0]
                    found = (_new_version(Version, (value, (fid,))),)
                else:
                    found = _versions(case, party, values)
                nm_world[attribute_id] = m_world[attribute_id] = found
            continue
        nm_side = m_side = None
        for tier in nm_tiers:
            if tier in sides:
                nm_side = tier
                break
        for tier in m_tiers:
            if tier in sides:
                m_side = tier
                break
        assert nm_side is not None and m_side is not None
        found = nm_world[attribute_id] = _versions(case, party, sides[nm_side])
        m_world[attribute_id] = (
            found if m_side is nm_side else _versions(case, party, sides[m_side])
        )
    return nm_world, m_world


def _versions(case: Case, party: bool, values: list[tuple[str, Any]]) -> tuple[Version, ...]:
    if party:
        return _party_versions(case, values)
    if len(values) == 1:  # the common case: one fact
        fid, value = values[0]
        return (_new_version(Version, (value, (fid,))),)
    first = values[0][1]
    fids = []
    for fid, value in values:  # a loop: ``all`` over a generator costs a call per fact
        if value != first:
            break
        fids.append(fid)
    else:  # every fact on this side agrees
        return (_new_version(Version, (first, tuple(fids))),)
    grouped: dict[Any, list[str]] = {}
    for fid, value in values:
        grouped.setdefault(value, []).append(fid)
    return tuple(
        Version(value, tuple(fids))
        for value, fids in sorted(grouped.items(), key=lambda kv: (str(type(kv[0])), str(kv[0])))
    )


def _party_versions(case: Case, values: list[tuple[str, Any]]) -> tuple[Version, ...]:
    if len(values) == 1:  # the common case: one fact naming the parties outright
        fid, value = values[0]
        if isinstance(value, list):
            return (_new_version(Version, (frozenset(value), (fid,))),)
    definite: set[str] = set()
    open_sets: list[list[str]] = []
    fids = []
    for fid, value in values:  # one pass: the facts, the parties named, the open choices
        fids.append(fid)
        if isinstance(value, list):
            definite.update(value)
        elif isinstance(value, OneOf):
            open_sets.append(value.one_of)
    facts = tuple(fids)
    if not open_sets:  # the common case: the parties are named
        return (_new_version(Version, (frozenset(definite), facts)),)
    choices = {frozenset(definite | set(pick)) for pick in itertools.product(*open_sets)}

    def by_names(value: frozenset[str]) -> list[str]:
        return sorted(case.defendants[d].name if d in case.defendants else d for d in value)

    return tuple(Version(v, facts) for v in sorted(choices, key=by_names))
