"""Pivots: the single changes to a record that would flip an outcome on their own.

Candidates are the what-if edits a trial could bring about: the movant winning one
disputed attribute, one admissible fact falling away, one attribute taking another of its
values. Each is run through ``Engine.evaluate``; to keep that cheap, a candidate is only
evaluated when it changes what the two worlds hold, only for the claims that read what it
changes, and only once per distinct pair of worlds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from . import episodes
from .conditions import walk
from .evaluate import Engine
from .model.case import Case, FactValue
from .model.conditions import AttributeTest, Condition
from .model.report import Out, Report
from .model.rubric import DefenseTest, ElementsTest, FactorsTest
from .record import Candidates, Record, build_record, facts_weigh_facts
from .vocab import AttributeType, DefenseOutcome, Rule561Treatment
from .whatif import (
    DropFact,
    Edit,
    SetValue,
    WinDispute,
    apply_edit,
    show_value,
)

PivotKind = Literal["dispute", "fact", "value"]
_KIND_ORDER = {"dispute": 0, "fact": 1, "value": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Flip(Out):
    """One outcome that comes out the other way."""

    claim: str
    defendant: str
    defense: str | None = None
    before: str
    after: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Pivot(Out):
    kind: PivotKind
    #: The attribute or fact the change is about.
    subject: str
    value: Any = None
    description: str
    flips: list[Flip]
    #: The episode whose record the change is made in, for a case decided episode by episode.
    episode: str | None = None


@dataclass(frozen=True)
class _Candidate:
    kind: PivotKind
    subject: str
    value: Any
    description: str
    edit: Edit


Signature = tuple[tuple[str, tuple[Any, ...]], ...]


def find_pivots(engine: Engine, case: Case, before: Report | None = None) -> list[Pivot]:
    """Every candidate change that flips a claim or defense outcome, most decisive first.
    A case with episodes is searched one episode at a time, each on its own record, and a
    change counts only for the defendants that episode concerns."""
    if case.episodes:
        return sorted(_by_episode(engine, case), key=_rank)
    library = engine.library
    before = before or engine.evaluate(case)
    baseline = _outcomes(before)
    record = build_record(case, library)
    # Every outcome is decided in the non-movant's world alone (a claim fails or holds
    # there; a defense prong is met or not there); the movant's world only grades the
    # disputes. So two records with the same non-movant world have the same outcomes.
    base_sig = _signature(record.non_movant)
    reads = _reads_by_claim(engine, case)

    results: dict[Signature, dict[tuple[str, ...], str]] = {}
    pivots: list[Pivot] = []
    for candidate in _candidates(engine, case, record.non_movant, record.movant, reads):
        if _leaves_non_movant_world(case, record, candidate.edit):
            continue
        changed_case = apply_edit(case, library, candidate.edit)
        changed_record = build_record(changed_case, library)
        sig = _signature(changed_record.non_movant)
        if sig == base_sig:
            continue
        if sig not in results:
            touched = {a for a, _ in set(sig) ^ set(base_sig)}
            affected = {c for c, attrs in reads.items() if attrs & touched}
            results[sig] = _outcomes_only(engine, changed_case, changed_record, affected)
        flips = [
            _flip(key, baseline[key], after)
            for key, after in results[sig].items()
            if key in baseline and _flipped(key, baseline[key], after)
        ]
        if flips:
            pivots.append(
                Pivot(
                    kind=candidate.kind,
                    subject=candidate.subject,
                    value=candidate.value,
                    description=candidate.description,
                    flips=flips,
                )
            )
    return sorted(pivots, key=_rank)


def _by_episode(engine: Engine, case: Case) -> Iterator[Pivot]:
    for episode, found in episodes.in_order(case):
        label = found.label if found else episode
        for pivot in find_pivots(engine, episodes.record_of(case, episode)):
            flips = [f for f in pivot.flips if episode in episodes.concerned(case, f.defendant)]
            if flips:
                yield replace(
                    pivot, flips=flips, episode=episode, description=f"{label}: {pivot.description}"
                )


def _leaves_non_movant_world(case: Case, record: Record, edit: Edit) -> bool:
    """True where the edit plainly cannot change the non-movant's world, so building the
    record again is not needed. Only the simple cases: with facts deemed admitted, or a
    video that sets versions aside, one fact can reach others, and the record decides."""
    posture = case.motion.rule_56_1
    if posture is not None and posture.treatment is Rule561Treatment.DEEMED_ADMITTED:
        return False
    if isinstance(edit, DropFact) and facts_weigh_facts(case):
        return False
    world = record.non_movant
    if isinstance(edit, DropFact):
        fact = case.facts[edit.fact]
        # A fact behind no version of the non-movant's world was outranked there.
        return not fact.blatantly_contradicts and not any(
            edit.fact in v.facts for a in fact.establishes for v in world.get(a, ())
        )
    if isinstance(edit, SetValue):
        current = world.get(edit.attribute, ())
        wanted = frozenset(edit.value) if isinstance(edit.value, list) else edit.value
        return len(current) == 1 and current[0].value == wanted
    return False


def _rank(pivot: Pivot) -> tuple[Any, ...]:
    reach = {f.claim for f in pivot.flips} | {f.defendant for f in pivot.flips}
    return (
        -len(pivot.flips),
        -len(reach),
        _KIND_ORDER[pivot.kind],
        pivot.subject,
        show_value(pivot.value) if pivot.value is not None else "",
    )


def _outcomes_only(
    engine: Engine, case: Case, record: Record, claims: set[str]
) -> dict[tuple[str, ...], str]:
    """The outcomes of ``claims`` (and their defenses), without explanations."""
    if not claims:
        return {}
    return engine.outcomes(case, record, claims)


def _outcomes(report: Report) -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {
        (c.claim, c.defendant): c.outcome.value for c in report.claims
    }
    out.update({(d.claim, d.defendant, d.defense): d.outcome.value for d in report.defenses})
    return out


def _flipped(key: tuple[str, ...], before: str, after: str) -> bool:
    if len(key) == 2:
        return before != after
    # A defense that stops (or starts) being reached does so because its claim flipped, and
    # that flip is already counted; a defense counts for itself only when it goes from
    # granted to denied or back.
    return {before, after} == {DefenseOutcome.GRANTED.value, DefenseOutcome.DENIED.value}


def _flip(key: tuple[str, ...], before: str, after: str) -> Flip:
    return Flip(
        claim=key[0],
        defendant=key[1],
        defense=key[2] if len(key) > 2 else None,
        before=before,
        after=after,
    )


def _signature(world: Candidates) -> Signature:
    return tuple(sorted((a, tuple(v.value for v in versions)) for a, versions in world.items()))


def _differing(base: tuple[Signature, Signature], other: tuple[Signature, Signature]) -> set[str]:
    touched: set[str] = set()
    for a, b in zip(base, other, strict=True):
        touched |= {k for k, _ in set(a) ^ set(b)}
    return touched


def _reads_by_claim(engine: Engine, case: Case) -> dict[str, frozenset[str]]:
    """For each claim still live against someone, every attribute its outcome or its
    defenses can turn on."""
    law = engine.law
    library = engine.library
    defenses = [
        test
        for raised in case.defenses
        if isinstance(test := library.tests.get(raised.defense), DefenseTest)
    ]
    out: dict[str, frozenset[str]] = {}
    for asserted in case.claims:
        live = [
            d
            for d in asserted.against
            if not any(x.covers(asserted.claim, d) for x in case.dismissals)
        ]
        if not live or asserted.claim not in library.claims:
            continue
        found = set(law.claim_reads[asserted.claim])
        for defense in defenses:
            for prong in defense.prongs.values():
                found |= law.reads(prong.holds_when, asserted.claim, defense)
        out[asserted.claim] = frozenset(found | out.get(asserted.claim, frozenset()))
    return out


def _candidates(
    engine: Engine,
    case: Case,
    non_movant: Candidates,
    movant: Candidates,
    reads: dict[str, frozenset[str]],
) -> Iterator[_Candidate]:
    library = engine.library
    movant_party = case.motion.movant
    read = set().union(*reads.values()) if reads else set()
    disputed: dict[str, set[Any]] = {}
    for name in sorted(read):
        nm_values = {v.value for v in non_movant.get(name, ())}
        m_values = {v.value for v in movant.get(name, ())}
        if nm_values and m_values and nm_values != m_values:
            disputed[name] = m_values
            question = library.attributes[name].question
            shown = " or ".join(sorted(show_value(v) for v in m_values))
            yield _Candidate(
                "dispute",
                name,
                None,
                f"the {movant_party.value} win the dispute over {name} ({question} — {shown})",
                WinDispute(name, movant_party),
            )
    record = build_record(case, library)
    for fact_id in sorted(record.admitted):
        fact = case.facts[fact_id]
        if not (fact.establishes or fact.blatantly_contradicts):
            continue
        yield _Candidate(
            "fact",
            fact_id,
            None,
            f"without fact {fact_id} ({fact.offered_by.value}; {fact.cite}): {fact.text}",
            DropFact(fact_id),
        )
    for attribute_id in sorted(read):
        attribute = library.attributes.get(attribute_id)
        if attribute is None or attribute.from_case:
            continue
        for value in _values(engine, case, attribute_id):
            if _as_world_value(attribute.type, value) in disputed.get(attribute_id, set()):
                continue  # the dispute candidate already supposes this
            yield _Candidate(
                "value",
                attribute_id,
                value,
                f"{attribute_id} = {show_value(value)} ({attribute.question})",
                SetValue(attribute_id, value),
            )


def _as_world_value(kind: AttributeType, value: FactValue) -> Any:
    return frozenset(value) if kind is AttributeType.PARTY and isinstance(value, list) else value


def _values(engine: Engine, case: Case, attribute_id: str) -> list[FactValue]:
    attribute = engine.library.attributes[attribute_id]
    if attribute.type is AttributeType.BOOLEAN:
        return [True, False]
    if attribute.type is AttributeType.ORDINAL:
        return list(attribute.levels or [])
    if attribute.type is AttributeType.PARTY:
        everyone = sorted(case.defendants)
        options: list[FactValue] = [[], *([d] for d in everyone)]
        if len(everyone) > 1:
            options.append(everyone)
        return options
    # A number matters only where a rubric compares it: either side of each bound.
    bounds: set[float] = set()
    for condition in _conditions(engine):
        for node in walk(condition):
            if isinstance(node, AttributeTest) and node.attr == attribute_id:
                _, bound = node.comparison()
                if isinstance(bound, int | float) and not isinstance(bound, bool):
                    bounds |= {bound - 1, bound, bound + 1}
    numbers: list[FactValue] = [int(b) if float(b).is_integer() else b for b in sorted(bounds)]
    return numbers


def _conditions(engine: Engine) -> Iterator[Condition]:
    """Every condition in the library."""
    library = engine.library
    for rubric in library.claims.values():
        yield from (e.holds_when for e in rubric.elements.values())
        for standard in rubric.standards:
            yield from (c for c in (standard.when, *(t.when for t in standard.tests)) if c)
    for test in library.tests.values():
        if isinstance(test, FactorsTest):
            yield from test.conditions()
        elif isinstance(test, ElementsTest):
            yield from (e.holds_when for e in test.elements.values())
        else:
            yield from (p.holds_when for p in test.prongs.values())
            yield from (p.conduct for p in test.clearly_established_by)
