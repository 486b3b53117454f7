"""Elements and factors: each one's status in the two worlds, the evidence behind it and
its sentence, in the rubric's own words."""

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from .assessment import Assessment
from .conditions import THE_CLAIM, named_attributes, named_claims, turns_on_claims
from .disputes import search
from .explain import authority_refs, shown_value
from .model.conditions import Condition
from .model.report import (
    BalanceResult,
    DependencyTrace,
    Dispute,
    ElementResult,
    FactorResult,
    FactRef,
)
from .model.rubric import DefenseTest, Element, Factor, FactorsTest
from .vocab import ElementStatus, Leaning
from .world import World


def element_results(
    assessment: Assessment,
    elements: Iterable[tuple[str, Element]],
    nm: World,
    m: World,
    defendant: str,
    claim: str,
    defense: DefenseTest | None = None,
) -> list[ElementResult]:
    """Each element in order; after a prerequisite that is not met, the rest are not
    reached."""
    results: list[ElementResult] = []
    blocked_by: str | None = None
    for element_id, element in elements:
        result = _element(
            assessment, element_id, element, nm, m, (defendant, claim, defense), blocked_by
        )
        results.append(result)
        if element.prerequisite and result.status is ElementStatus.NOT_MET and not blocked_by:
            blocked_by = element.not_met
    return results


def _element(
    assessment: Assessment,
    element_id: str,
    element: Element,
    nm: World,
    m: World,
    question: tuple[str, str, DefenseTest | None],
    blocked_by: str | None,
) -> ElementResult:
    defendant, claim, defense = question
    condition = element.holds_when
    named = named_attributes(condition)
    material: list[Dispute] = []
    immaterial: list[str] = []
    missing: list[str] = []
    numbers = False
    if blocked_by:
        status = ElementStatus.NOT_REACHED
    elif nm.truth(condition, defendant, claim, defense) is not True:
        status = ElementStatus.NOT_MET
        missing = [a for a in named if a not in nm.values]
    else:
        status = (
            ElementStatus.UNDISPUTED_MET
            if m.truth(condition, defendant, claim, defense) is True
            else ElementStatus.GENUINE_DISPUTE
        )
        if status is ElementStatus.GENUINE_DISPUTE and element.question_of_law:
            # The court answers it on the non-movant's facts (Tolan); a dispute that would
            # change the answer belongs to the defense as a whole (see ``law_disputes``).
            status = ElementStatus.MET
        else:
            material, immaterial = search(assessment, condition, nm, m, question, status)
            if (
                status is ElementStatus.GENUINE_DISPUTE
                and not material
                and turns_on_claims(condition)
            ):
                # Met on the non-movant's version only because a balance there needs but one
                # consideration for him: what is material is what a factfinder weighing the
                # balance would decide otherwise on the movant's answer. Only a claim strikes
                # a balance, so a condition that asks about none is answered alike.
                weighed = nm.weighed_as_the_movant_s()
                if weighed.truth(condition, defendant, claim, defense) is True:
                    material, immaterial = search(
                        assessment, condition, weighed, m, question, status
                    )
        numbers = status is ElementStatus.GENUINE_DISPUTE and any(
            len(d.movant.facts) > len(d.non_movant.facts) for d in material
        )
    sj = assessment.law.library.summary_judgment
    cites = [element.cites]
    if status is ElementStatus.GENUINE_DISPUTE:
        cites.append(sj.no_credibility_weighing.cites)
    if numbers:
        cites.append(sj.sheer_numbers.cites)
    values, questions, nm_facts, m_facts = _evidence(assessment, named, nm, m)
    return ElementResult(
        id=element_id,
        label=element.label,
        status=status,
        particularly_important=element.particularly_important,
        values=values,
        questions=questions,
        non_movant_facts=nm_facts,
        movant_facts=m_facts,
        material_disputes=material,
        immaterial_disputes=immaterial,
        missing_evidence=missing,
        depends_on=_dependencies(assessment, condition, nm, m, defendant, claim),
        authorities=authority_refs(itertools.chain(*cites)),
        explanation=_sentence(assessment, element, status, material, missing, numbers, blocked_by),
    )


def _sentence(
    assessment: Assessment,
    element: Element,
    status: ElementStatus,
    material: list[Dispute],
    missing: list[str],
    numbers: bool,
    blocked_by: str | None,
) -> str:
    sj = assessment.law.library.summary_judgment
    if status is ElementStatus.NOT_REACHED:
        return f"Not reached, since an earlier requirement fails: {blocked_by}"
    if status is ElementStatus.UNDISPUTED_MET:
        return f"Met without genuine dispute: {element.met}"
    if status is ElementStatus.MET:
        return (
            f"Met, as a question of law answered on {_possessive(assessment.non_movant)} "
            f"version of the facts: {element.met}"
        )
    if status is ElementStatus.NOT_MET:
        sentence = f"Not met even on {assessment.non_movant}'s evidence: {element.not_met}"
        if missing:
            questions = [assessment.law.attributes[a].question for a in missing]
            sentence += (
                f" No admissible evidence answers: {' '.join(questions)} {sj.no_evidence.because}"
            )
        return sentence
    cited_nm = _cite_list({f.cite for d in material for f in d.non_movant.facts})
    cited_m = _cite_list({f.cite for d in material for f in d.movant.facts})
    sentence = (
        f"Genuine dispute: crediting {assessment.non_movant}'s evidence{cited_nm}, "
        f"{element.met.rstrip('.')}; {assessment.movant}' evidence{cited_m} is to the contrary. "
        f"{sj.no_credibility_weighing.because}"
    )
    if numbers:
        sentence += f" {sj.sheer_numbers.because}"
    return sentence


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _cite_list(cites: set[str]) -> str:
    """Cites as a sentence lists them after the evidence they back, or nothing."""
    return f" ({'; '.join(sorted(cites))})" if cites else ""


def _dependencies(
    assessment: Assessment,
    condition: Condition,
    nm: World,
    m: World,
    defendant: str,
    claim: str,
) -> list[DependencyTrace]:
    """Whether each claim the condition names holds in each world, against whom it names."""
    traces = []
    for ref in named_claims(condition):
        target = claim if ref.claim == THE_CLAIM else ref.claim
        if target not in assessment.law.library.claims:
            continue
        against_this_one = ref.against == "the_defendant"
        anyone = assessment.defendants if ref.against == "another_defendant" else assessment.actors
        for other in anyone:
            if (other == defendant) is against_this_one:
                traces.append(
                    DependencyTrace(
                        claim=target,
                        defendant=other,
                        holds_for_non_movant=nm.holds(target, other),
                        holds_for_movant=m.holds(target, other),
                    )
                )
    return traces


def _evidence(
    assessment: Assessment, named: list[str], nm: World, m: World
) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[FactRef], list[FactRef]]:
    """What each world says on the attributes a condition names, and the facts behind it."""
    values = {
        a: {"non_movant": shown_value(nm.values.get(a)), "movant": shown_value(m.values.get(a))}
        for a in named
    }
    questions = {}
    for a in named:
        attribute = assessment.law.attributes[a]
        questions[a] = attribute.question + (f" ({attribute.unit})" if attribute.unit else "")
    return (
        values,
        questions,
        _facts_behind(assessment, nm, named),
        _facts_behind(assessment, m, named),
    )


def _facts_behind(assessment: Assessment, world: World, named: list[str]) -> list[FactRef]:
    versions = world.versions
    if len(named) == 1:  # one version's facts, already in the facts' order
        version = versions.get(named[0])
        return assessment.facts(() if version is None else version.facts, True)
    return assessment.facts(tuple(f for a in named if a in versions for f in versions[a].facts))


# --- factors -----------------------------------------------------------------------------


def factor_results(
    assessment: Assessment, test: FactorsTest, nm: World, m: World, defendant: str, claim: str
) -> list[FactorResult]:
    nm_holds = nm.balance(test, defendant, claim)[0]
    return [
        _factor(assessment, test, factor_id, factor, nm, m, defendant, claim, nm_holds)
        for factor_id, factor in test.factors.items()
    ]


def _factor(
    assessment: Assessment,
    test: FactorsTest,
    factor_id: str,
    factor: Factor,
    nm: World,
    m: World,
    defendant: str,
    claim: str,
    nm_holds: bool,
) -> FactorResult:
    lean_nm = nm.leaning(factor_id, test, defendant, claim)
    lean_m = m.leaning(factor_id, test, defendant, claim)
    conditions = [c for c in (factor.favors_plaintiff_when, factor.favors_defendant_when) if c]
    named = sorted({a for c in conditions for a in named_attributes(c)})
    values, questions, nm_facts, m_facts = _evidence(assessment, named, nm, m)

    def flips(world: World) -> bool:
        """The factor leans otherwise, and the balance with it."""
        return (
            world.leaning(factor_id, test, defendant, claim) is not lean_nm
            and world.balance(test, defendant, claim)[0] != nm_holds
        )

    material: list[Dispute] = []
    if lean_nm is not lean_m:
        _add_disputes(assessment, conditions, nm, m, defendant, claim, flips, material)
    sentence = {
        Leaning.PLAINTIFF: factor.plaintiff,
        Leaning.DEFENDANT: factor.defendant,
        Leaning.NEUTRAL: factor.neutral,
    }[lean_nm]
    if lean_nm is not lean_m:
        side = "neither side" if lean_m is Leaning.NEUTRAL else "the " + lean_m.value
        sentence += f" On {assessment.movant}' version it would favour {side}."
    return FactorResult(
        id=factor_id,
        label=factor.label,
        leaning=lean_nm,
        movant_leaning=lean_m,
        weight=float(factor.weight),
        particularly_important=factor.particularly_important,
        values=values,
        questions=questions,
        non_movant_facts=nm_facts,
        movant_facts=m_facts,
        material_disputes=material,
        authorities=authority_refs(factor.cites),
        explanation=sentence,
    )


def balance_result(
    assessment: Assessment, test: FactorsTest, nm: World, m: World, defendant: str, claim: str
) -> BalanceResult | None:
    """The rule that struck the balance on the non-movant's facts, for a test that states
    its rules (None for one weighed against a threshold), and the disputes on what the
    rules read that would strike it otherwise."""
    holds, key = nm.balance(test, defendant, claim)
    if key == "threshold":
        return None
    movant_holds, movant_key = m.balance(test, defendant, claim)
    material: list[Dispute] = []
    if movant_holds != holds:

        def flips(world: World) -> bool:
            return world.balance(test, defendant, claim)[0] != holds

        conditions = [stated.holds_when for _, stated in test.stated_rules()]
        _add_disputes(assessment, conditions, nm, m, defendant, claim, flips, material)
    rule = getattr(test, key)
    return BalanceResult(
        rule=key,
        holds_for_non_movant=holds,
        holds_for_movant=movant_holds,
        because=rule.rule,
        authorities=authority_refs(rule.cites),
        movant_rule=None if movant_key == key else movant_key,
        material_disputes=material,
    )


def _add_disputes(
    assessment: Assessment,
    conditions: list[Condition],
    nm: World,
    m: World,
    defendant: str,
    claim: str,
    flips: Callable[[World], bool],
    material: list[Dispute],
) -> None:
    """Add to ``material`` each genuine dispute on what ``conditions`` read whose other
    answer ``flips`` the result, once per attribute."""
    for condition in conditions:
        found, _ = search(
            assessment,
            condition,
            nm,
            m,
            (defendant, claim, None),
            ElementStatus.GENUINE_DISPUTE,
            flips,
        )
        listed = {d.attribute for d in material}
        material += [d for d in found if d.attribute not in listed]
