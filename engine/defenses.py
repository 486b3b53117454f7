"""Defenses: each raised defense, per claim and defendant, decided on the non-movant's
facts, and its part of the report."""

import dataclasses
from dataclasses import replace
from typing import Any

from .assessment import Assessment
from .claims import ClaimDecision, ExplainedClaim
from .disputes import search
from .elements import element_results
from .explain import authority_refs, fill, join_clauses, join_labels, lower_first
from .model.base import Cite, Period
from .model.report import ClaimResult, DefenseResult, DisposedBy, Dispute, ElementResult
from .model.rubric import DefenseTest, Element
from .vocab import ClaimOutcome, DefenseOutcome, ElementStatus
from .world import World

#: Why a defense is denied although it could not be decided: facts material to it are
#: genuinely disputed, and they are for the jury.
MATERIAL_FACTS_DISPUTED = "facts_material_to_defense_disputed"


def raised_defenses(assessment: Assessment) -> list[tuple[DefenseTest, frozenset[str]]]:
    """Each defense the case raises that the library knows, by id, and who raises it."""
    found = []
    for raised in sorted(assessment.case.defenses, key=lambda r: r.defense):
        defense = assessment.law.library.tests.get(raised.defense)
        if isinstance(defense, DefenseTest):
            found.append((defense, frozenset(raised.raised_by)))
    return found


def decide_defense(defense: DefenseTest, claim: ClaimDecision) -> DefenseOutcome:
    """Reached only where the claim survives; denied where every prong is met on the
    non-movant's facts."""
    world = claim.non_movant
    if claim.outcome is not ClaimOutcome.DENIED or world is None:
        return DefenseOutcome.NOT_REACHED
    period = world.incident_date
    if period.exact:
        return _decided_on(defense, claim, world)
    first = _decided_on(defense, claim, world.on(Period(period.start, period.start, "")))
    last = _decided_on(defense, claim, world.on(Period(period.end, period.end, "")))
    return first if first is last else DefenseOutcome.UNDETERMINED


def _decided_on(defense: DefenseTest, claim: ClaimDecision, world: World) -> DefenseOutcome:
    if all(
        world.truth(prong.holds_when, claim.defendant, claim.claim, defense) is True
        for prong in defense.prongs.values()
    ):
        return DefenseOutcome.DENIED
    return DefenseOutcome.GRANTED


def explain_defense(
    assessment: Assessment, defense: DefenseTest, explained: ExplainedClaim
) -> DefenseResult:
    decision = explained.decision
    outcome = decide_defense(defense, decision)
    defendant, claim = decision.defendant, decision.claim
    incident_date = assessment.case.incident_date
    slots = {
        "defense": defense.name,
        "defendant": assessment.name(defendant),
        "claim": decision.rubric.name.lower(),
        "non_movant": assessment.non_movant,
        "incident_date": incident_date.isoformat(),
    }
    heading: dict[str, Any] = {"defense": defense.id, "defense_name": defense.name}
    heading |= {"defendant": defendant, "claim": claim}
    authorities = authority_refs(defense.cites)
    nm, m = decision.non_movant, explained.movant
    if outcome is DefenseOutcome.NOT_REACHED or nm is None or m is None:
        # The claim's state, which every defense shares; the sentence around it is the
        # defense's own, from its rubric.
        why = (
            "the claim is dismissed"
            if decision.outcome is ClaimOutcome.DISMISSED
            else "the claim fails on the merits"
        )
        return DefenseResult(
            **heading,
            outcome=DefenseOutcome.NOT_REACHED,
            prongs=[_unreached(prong_id, prong, why) for prong_id, prong in defense.prongs.items()],
            clearly_established_by=[],
            authorities=authorities,
            explanation=fill(defense.not_reached, slots | {"why": why}),
        )
    prongs = element_results(assessment, defense.prongs.items(), nm, m, defendant, claim, defense)
    established = [
        p.cite
        for p in assessment.law.precedents(defense)
        if p.decided < incident_date.start
        and nm.truth(p.conduct, defendant, claim, defense) is True
    ]
    disputes: list[Dispute] = []
    reason = None
    if outcome is DefenseOutcome.UNDETERMINED:
        inside = [
            p.cite
            for p in assessment.law.precedents(defense)
            if incident_date.start <= p.decided < incident_date.end
        ]
        explanation = _undetermined(defense, slots, incident_date, inside, assessment)
        prongs = [_if_undetermined(p, explanation) for p in prongs]
    elif outcome is DefenseOutcome.GRANTED:
        failing = [p.id for p in prongs if p.status is ElementStatus.NOT_MET]
        labels = join_labels([lower_first(defense.prongs[p].label) for p in failing])
        reasons = join_clauses(
            [lower_first(defense.prongs[p].not_met.rstrip(".")) for p in failing]
        )
        explanation = fill(defense.granted, slots | {"failing": labels, "failing_reasons": reasons})
    else:
        disputes = law_disputes(assessment, defense, prongs, nm, m, defendant, claim)
        if disputes or any(p.status is ElementStatus.GENUINE_DISPUTE for p in prongs):
            explanation = fill(defense.disputed, slots)
            reason = MATERIAL_FACTS_DISPUTED
        else:
            explanation = fill(defense.denied, slots)
    return DefenseResult(
        **heading,
        outcome=outcome,
        prongs=prongs,
        clearly_established_by=authority_refs(established),
        authorities=authorities,
        explanation=explanation,
        reason=reason,
        material_disputes=disputes,
    )


def law_disputes(
    assessment: Assessment,
    defense: DefenseTest,
    prongs: list[ElementResult],
    nm: World,
    m: World,
    defendant: str,
    claim: str,
) -> list[Dispute]:
    """The disputed facts on which a question of law the defense asks turns: met on the
    non-movant's version, it would not be on the movant's. Those facts are for the jury, so
    the defense cannot be granted now (Zellner v. Summerlin, 494 F.3d at 367-68)."""
    found: dict[str, Dispute] = {}
    for prong in prongs:
        if prong.status is not ElementStatus.MET:
            continue
        condition = defense.prongs[prong.id].holds_when
        material, _ = search(
            assessment,
            condition,
            nm,
            m,
            (defendant, claim, defense),
            ElementStatus.GENUINE_DISPUTE,
        )
        for dispute in material:
            found.setdefault(dispute.attribute, dispute)
    return list(found.values())


def disposed(claims: list[ClaimResult], defenses: list[DefenseResult]) -> list[ClaimResult]:
    """Each claim, marked where a defense is granted although it survives on the merits: it
    then fails on that defense."""
    granted = {(d.claim, d.defendant): d for d in defenses if d.outcome is DefenseOutcome.GRANTED}
    out = []
    for result in claims:
        defense = granted.get((result.claim, result.defendant))
        if defense is not None and result.outcome is ClaimOutcome.DENIED:
            by = DisposedBy(
                defense=defense.defense, defense_name=defense.defense_name, outcome=defense.outcome
            )
            result = dataclasses.replace(result, disposed_by=by)
        out.append(result)
    return out


def _unreached(prong_id: str, prong: Element, why: str) -> ElementResult:
    return ElementResult(
        id=prong_id,
        label=prong.label,
        status=ElementStatus.NOT_REACHED,
        particularly_important=prong.particularly_important,
        values={},
        questions={},
        non_movant_facts=[],
        movant_facts=[],
        material_disputes=[],
        immaterial_disputes=[],
        missing_evidence=[],
        depends_on=[],
        authorities=authority_refs(prong.cites),
        explanation=f"Not reached: {why}.",
    )


def _undetermined(
    defense: DefenseTest,
    slots: dict[str, str],
    incident: Period,
    inside: list[Cite],
    assessment: Assessment,
) -> str:
    """Why the defense cannot be decided: the precedents decided while the incident may
    have been happening, and the range itself."""
    authorities = assessment.law.library.authorities
    named = dict.fromkeys(c.authority for c in inside)
    decided = join_labels([f"{authorities[a].name} ({authorities[a].decided})" for a in named])
    more = {
        "range_start": incident.start.isoformat(),
        "range_end": incident.end.isoformat(),
        "decided": decided,
    }
    return fill(defense.undetermined, slots | more)


def _if_undetermined(prong: ElementResult, why: str) -> ElementResult:
    """A prong that fails on the range's first day and holds on its last is neither."""
    if prong.status is not ElementStatus.NOT_MET:
        return prong
    return replace(prong, status=ElementStatus.UNDETERMINED, explanation=f"Undetermined: {why}")
