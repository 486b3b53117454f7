"""Claims: which world each side's record makes, whether the claim holds in the
non-movant's, and the claim's part of the report."""

import itertools
from dataclasses import dataclass
from functools import partial

from .assessment import Assessment
from .elements import balance_result, element_results, factor_results
from .explain import authority_refs, dismissed_words, join_clauses, join_labels, lower_first
from .law import Selection, elements_of
from .model.case import Dismissal
from .model.report import BalanceResult, ClaimResult, ElementResult, FactorResult, Reason
from .model.rubric import ClaimRubric, ElementsTest, FactorsTest
from .record import Candidates, Version
from .vocab import ClaimOutcome, ElementStatus
from .world import World

#: Enough to resolve every open party question of a realistic record; beyond it the
#: first combinations in a fixed order are tried, so the answer stays deterministic.
MAX_RESOLUTIONS = 256


@dataclass(frozen=True)
class ClaimDecision:
    """A claim against one defendant decided: dismissed, or judged in the non-movant's
    world (None where dismissed)."""

    claim: str
    defendant: str
    rubric: ClaimRubric
    outcome: ClaimOutcome
    dismissal: Dismissal | None = None
    non_movant: World | None = None
    selection: Selection | None = None


@dataclass(frozen=True)
class ExplainedClaim:
    decision: ClaimDecision
    result: ClaimResult
    #: The movant's world, where the claim was judged.
    movant: World | None = None


def decide_claim(assessment: Assessment, claim_id: str, defendant: str) -> ClaimDecision:
    rubric = assessment.law.library.claims[claim_id]
    dismissal = assessment.dismissal(claim_id, defendant)
    if dismissal is not None:
        return ClaimDecision(claim_id, defendant, rubric, ClaimOutcome.DISMISSED, dismissal)
    world = resolve(assessment, assessment.record.non_movant, rubric, defendant, favour=True)
    selection = world.select(rubric, defendant)
    holds = selection is not None and world.holds(claim_id, defendant)
    outcome = ClaimOutcome.DENIED if holds else ClaimOutcome.GRANTED
    return ClaimDecision(claim_id, defendant, rubric, outcome, None, world, selection)


def explain_claim(assessment: Assessment, decision: ClaimDecision) -> ExplainedClaim:
    rubric, defendant = decision.rubric, decision.defendant
    name = assessment.name(defendant)
    claim_result = partial(
        ClaimResult,
        claim=decision.claim,
        claim_name=rubric.name,
        defendant=defendant,
        defendant_name=name,
    )
    if decision.dismissal is not None:
        reason = decision.dismissal.reason.value
        result = claim_result(
            outcome=decision.outcome,
            reason=reason,
            explanation=(
                f"{rubric.name} against {name} is {dismissed_words(decision.dismissal.reason)} "
                f"({decision.dismissal.cite}); it is not evaluated."
            ),
        )
        return ExplainedClaim(decision, result)
    nm = decision.non_movant
    assert nm is not None
    m = resolve(assessment, assessment.record.movant, rubric, defendant, favour=False)
    selection = decision.selection
    if selection is None:
        standards = join_labels([s.name for s in rubric.standards])
        result = claim_result(
            outcome=decision.outcome,
            authorities=authority_refs(rubric.cites),
            explanation=(
                f"Summary judgment granted on {rubric.name} against {name}: the record "
                f"does not establish the facts that decide which standard governs ({standards})."
            ),
        )
        return ExplainedClaim(decision, result, m)
    standard, choice, test = selection
    elements = list(rubric.elements.items())
    if isinstance(test, ElementsTest):
        elements += list(test.elements.items())
    element_parts = element_results(assessment, elements, nm, m, defendant, decision.claim)
    factors: list[FactorResult] = []
    score = movant_score = threshold = None
    balance: BalanceResult | None = None
    balance_fails = False
    if isinstance(test, FactorsTest):
        factors = factor_results(assessment, test, nm, m, defendant, decision.claim)
        score = nm.score(test, defendant, decision.claim)
        movant_score = m.score(test, defendant, decision.claim)
        if test.threshold is not None:
            threshold = float(test.threshold)
        balance = balance_result(assessment, test, nm, m, defendant, decision.claim)
        balance_fails = not nm.balance(test, defendant, decision.claim)[0]
    failing = [e.id for e in element_parts if e.status is ElementStatus.NOT_MET]
    if balance_fails:
        failing.append(test.id)
    holds = decision.outcome is ClaimOutcome.DENIED
    result = claim_result(
        outcome=decision.outcome,
        standard=standard.id,
        test=test.id,
        test_name=test.name,
        chosen_because=(
            Reason(
                rule=standard.id,
                because=standard.because,
                authorities=authority_refs(standard.cites),
            ),
            Reason(rule=test.id, because=choice.because, authorities=authority_refs(choice.cites)),
        ),
        elements=element_parts,
        factors=factors,
        score=score,
        movant_score=movant_score,
        threshold=threshold,
        failing=failing,
        authorities=authority_refs(itertools.chain(standard.cites, test.cites)),
        explanation=_sentence(
            assessment,
            rubric.name,
            test.name,
            name,
            holds,
            element_parts,
            factors,
            (score, threshold, balance),
            {element_id: element.not_met for element_id, element in elements},
        ),
        balance=balance,
    )
    return ExplainedClaim(decision, result, m)


def _sentence(
    assessment: Assessment,
    claim_name: str,
    test_name: str,
    defendant_name: str,
    holds: bool,
    elements: list[ElementResult],
    factors: list[FactorResult],
    weighed: tuple[float | None, float | None, BalanceResult | None],
    not_met: dict[str, str],
) -> str:
    """The claim's outcome in one sentence, in the rubric's own words: what a failing
    requirement's ``not_met`` says, or the rule that struck the balance."""
    score, threshold, balance = weighed
    head = f"on the {claim_name.lower()} claim against {defendant_name} ({test_name})"
    if holds:
        disputed = [e.label for e in elements if e.status is ElementStatus.GENUINE_DISPUTE]
        disputed += [f.label for f in factors if f.material_disputes]
        disputed = [lower_first(x) for x in disputed]
        if balance is not None and balance.material_disputes:
            questions = " ".join(d.question for d in balance.material_disputes)
            disputed.append(
                f"the facts the rule striking the balance of factors reads ({questions})"
            )
        everywhere = all(e.status is ElementStatus.UNDISPUTED_MET for e in elements) and (
            balance is None or balance.holds_for_movant
        )
        if disputed:
            tail = (
                f"; a reasonable jury could find for {assessment.non_movant}, and genuine "
                f"disputes of material fact remain on {_count(len(disputed))}: "
                f"{join_clauses(disputed)}."
            )
        elif everywhere:
            tail = "; every requirement holds even on the movant's version."
        else:
            tail = (
                f"; a reasonable jury could find for {assessment.non_movant}, and no fact in "
                "dispute would change that."
            )
        return f"Summary judgment denied {head}{tail}"
    reasons = [
        lower_first(not_met[e.id].rstrip("."))
        for e in elements
        if e.status is ElementStatus.NOT_MET
    ]
    if balance is not None and not balance.holds_for_non_movant:
        reasons.append(
            "no reasonable factfinder could strike the balance of factors for "
            f"{assessment.non_movant}: {lower_first(balance.because.rstrip('.'))}"
        )
    elif score is not None and threshold is not None and score < threshold:
        reasons.append(
            f"the balance of factors falls short (score {score:g}, below the rubric's "
            f"threshold {threshold:g})"
        )
    return (
        f"Summary judgment granted {head}: even crediting {assessment.non_movant}'s evidence, "
        f"{join_clauses(reasons)}."
    )


# --- resolving open versions -------------------------------------------------------------


def resolve(
    assessment: Assessment,
    candidates: Candidates,
    rubric: ClaimRubric,
    defendant: str,
    favour: bool,
) -> World:
    """The world most (or, not ``favour``-ing, least) favourable to the non-movant on the
    claim, among the versions a record leaves open on what the claim reads."""
    base = {a: versions[0] for a, versions in candidates.items()}
    reads = assessment.law.claim_reads[rubric.id]
    open_attrs = sorted(a for a, versions in candidates.items() if len(versions) > 1 and a in reads)
    if not open_attrs:
        return assessment.world(base, not favour)
    best: tuple[tuple[int, float], World] | None = None
    choices = itertools.product(*(candidates[a] for a in open_attrs))
    for choice in itertools.islice(choices, MAX_RESOLUTIONS):
        chosen: dict[str, Version] = dict(base)
        chosen.update(zip(open_attrs, choice, strict=True))
        world = assessment.world(chosen, not favour)
        strength = _strength(world, rubric, defendant)
        if best is None or (strength > best[0] if favour else strength < best[0]):
            best = (strength, world)
            if strength == _extreme(world, rubric, defendant, favour):
                break  # no later choice can do better, and ties keep the first
    assert best is not None
    return best[1]


def _strength(world: World, rubric: ClaimRubric, defendant: str) -> tuple[int, float]:
    """How far the claim gets in ``world``: whether it holds, then how many of its elements
    are met plus the balance of its factors."""
    selection = world.select(rubric, defendant)
    if selection is None:
        return (0, 0.0)
    holds = world.holds(rubric.id, defendant)
    needed = elements_of(rubric, selection.test)
    met = (
        len(needed) if holds else sum(world.truth(c, defendant, rubric.id) is True for c in needed)
    )
    count = float(met)
    if isinstance(selection.test, FactorsTest):
        count += world.score(selection.test, defendant, rubric.id)
    return (int(holds), count)


def _extreme(
    world: World, rubric: ClaimRubric, defendant: str, favour: bool
) -> tuple[int, float] | None:
    """The strongest (or weakest) a world can be for the claim under the test it selects:
    every element met and every factor leaning the plaintiff's way, or none."""
    selection = world.select(rubric, defendant)
    if selection is None:
        return None
    test = selection.test
    weights = (
        float(sum(f.weight for f in test.factors.values()))
        if isinstance(test, FactorsTest)
        else 0.0
    )
    if not favour:
        return (0, -weights)
    return (1, len(elements_of(rubric, test)) + weights)


_COUNTS = {1: "one point", 2: "two points", 3: "three points", 4: "four points"}


def _count(n: int) -> str:
    return _COUNTS.get(n, f"{n} points")
