"""Episodes: a case's uses of force (or events), each decided on its own record.

A case that lists no episodes is one implicit episode. Otherwise each episode is decided on
the facts that name it together with the facts that name none (the case-wide ones: the
plaintiff's status, the crime, the motion's record as a whole).
"""

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from .explain import join_labels
from .model.case import Case, Episode, parties_named
from .model.report import ClaimResult, EpisodeRef, Report
from .vocab import ClaimOutcome

T = TypeVar("T")

#: The id of the one implicit episode of a case that lists none.
WHOLE_CASE = ""


def in_order(case: Case) -> list[tuple[str, Episode | None]]:
    """The case's episodes by their place in time (then id); one implicit episode if none."""
    if not case.episodes:
        return [(WHOLE_CASE, None)]
    ordered = sorted(
        case.episodes.items(),
        key=lambda item: (item[1].order is None, item[1].order or 0, item[0]),
    )
    return [(episode_id, episode) for episode_id, episode in ordered]


def record_of(case: Case, episode: str) -> Case:
    """The case as the court decides ``episode``: its own facts and the case-wide ones."""
    if episode == WHOLE_CASE:
        return case
    facts = {
        fact_id: fact for fact_id, fact in case.facts.items() if fact.episode in (None, episode)
    }
    kept = set(facts)
    # A dispute or contradiction of a fact from another episode means nothing here.
    facts = {
        fact_id: fact.model_copy(
            update={
                "disputes": [d for d in fact.disputes if d in kept],
                "blatantly_contradicts": [d for d in fact.blatantly_contradicts if d in kept],
            }
        )
        for fact_id, fact in facts.items()
    }
    return case.model_copy(update={"episodes": {}, "facts": facts, "expected": None})


def named_in(case: Case, episode: str) -> set[str]:
    """The defendants the facts of ``episode`` name in any party value, on either side's
    version: those whom a claim about this episode concerns."""
    if episode == WHOLE_CASE:
        return set(case.defendants)
    named: set[str] = set()
    for fact in case.facts.values():
        if fact.episode == episode:
            for value in fact.establishes.values():
                named.update(parties_named(value))
    return named & set(case.defendants)


def ref(case: Case, episode: str) -> EpisodeRef:
    found = case.episodes[episode]
    return EpisodeRef(id=episode, label=found.label, order=found.order, time=found.time)


def concerned(case: Case, defendant: str) -> list[str]:
    """The episodes a claim against ``defendant`` is about: those whose facts name them,
    or, where none does, every episode."""
    episodes = [e for e, _ in in_order(case)]
    named = [e for e in episodes if defendant in named_in(case, e)]
    return named or episodes


def combine(case: Case, by_episode: dict[str, Report]) -> Report:
    """One report from each episode's: a claim against a defendant is decided over the
    episodes it concerns, and survives where any of them does."""
    first = next(iter(by_episode.values()))
    claims = [_claim(case, c, by_episode) for c in first.claims]
    dismissed = {(c.claim, c.defendant) for c in claims if c.outcome is ClaimOutcome.DISMISSED}
    # A dismissed claim's defense is not reached whatever the episode: said once.
    defenses = [d for d in first.defenses if (d.claim, d.defendant) in dismissed]
    concerns = {d: concerned(case, d) for d in case.defendants}
    defenses += [
        replace(d, episode=ref(case, episode))
        for episode, report in by_episode.items()
        for d in report.defenses
        if (d.claim, d.defendant) not in dismissed and episode in concerns[d.defendant]
    ]
    return replace(
        first,
        rule_56_1=replace(
            first.rule_56_1,
            deemed_admitted=_unique(
                f for r in by_episode.values() for f in r.rule_56_1.deemed_admitted
            ),
            paragraphs=_unique_by(
                (p for r in by_episode.values() for p in r.rule_56_1.paragraphs),
                lambda p: p.fact.id,
            ),
        ),
        set_aside=_unique_by(
            (s for r in by_episode.values() for s in r.set_aside), lambda s: s.fact.id
        ),
        flagged=_unique_by(
            (f for r in by_episode.values() for f in r.flagged), lambda f: f.fact.id
        ),
        claims=claims,
        defenses=defenses,
        immaterial_disputes=_unique_by(
            (d for r in by_episode.values() for d in r.immaterial_disputes),
            lambda d: d.attribute,
        ),
        episodes=[ref(case, e) for e, _ in in_order(case)],
    )


def combine_outcomes(
    case: Case, by_episode: dict[str, dict[tuple[str, ...], str]]
) -> dict[tuple[str, ...], str]:
    """``combine`` for outcomes alone: a claim's over the episodes it concerns, and each
    defense's per episode, keyed with the episode last."""
    out: dict[tuple[str, ...], str] = {}
    first = next(iter(by_episode.values()))
    for key, outcome in first.items():
        if len(key) != 2:
            continue
        defendant = key[1]
        if outcome == ClaimOutcome.DISMISSED.value:
            out[key] = outcome
            continue
        parts = {ClaimOutcome(by_episode[e][key]) for e in concerned(case, defendant)}
        out[key] = _overall(parts).value
    dismissed = {k for k, v in out.items() if v == ClaimOutcome.DISMISSED.value}
    for key, outcome in first.items():
        if len(key) == 3 and key[:2] in dismissed:
            out[key] = outcome
    concerns = {d: concerned(case, d) for d in case.defendants}
    for episode, outcomes in by_episode.items():
        for key, outcome in outcomes.items():
            if len(key) == 3 and key[:2] not in dismissed and episode in concerns[key[1]]:
                out[(*key, episode)] = outcome
    return out


def _overall(outcomes: set[ClaimOutcome]) -> ClaimOutcome:
    if outcomes == {ClaimOutcome.DENIED}:
        return ClaimOutcome.DENIED
    if ClaimOutcome.DENIED in outcomes:
        return ClaimOutcome.GRANTED_IN_PART
    return ClaimOutcome.GRANTED


def _claim(case: Case, first: ClaimResult, by_episode: dict[str, Report]) -> ClaimResult:
    if first.outcome is ClaimOutcome.DISMISSED:
        return first
    results = [
        replace(_find(by_episode[e], first), episode=ref(case, e))
        for e in concerned(case, first.defendant)
    ]
    outcome = _overall({r.outcome for r in results})
    return ClaimResult(
        claim=first.claim,
        claim_name=first.claim_name,
        defendant=first.defendant,
        defendant_name=first.defendant_name,
        outcome=outcome,
        explanation=_why(first, results, outcome),
        episodes=results,
    )


def _why(first: ClaimResult, results: list[ClaimResult], outcome: ClaimOutcome) -> str:
    def labels(wanted: set[ClaimOutcome]) -> str:
        return join_labels([r.episode.label for r in results if r.episode and r.outcome in wanted])

    what = f"{first.claim_name} against {first.defendant_name}"
    if outcome is ClaimOutcome.DENIED:
        return f"{what} survives as to every episode it concerns: {labels({outcome})}."
    if outcome is ClaimOutcome.GRANTED:
        return f"{what} fails as to every episode it concerns: {labels({outcome})}."
    return (
        f"{what} survives as to {labels({ClaimOutcome.DENIED})}, and fails as to "
        f"{labels({ClaimOutcome.GRANTED})}."
    )


def _find(report: Report, wanted: ClaimResult) -> ClaimResult:
    return next(
        c for c in report.claims if (c.claim, c.defendant) == (wanted.claim, wanted.defendant)
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _unique_by(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    seen: dict[str, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())
