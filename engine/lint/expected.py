"""A case's expected holdings: what they name, and whether the law's dates allow them."""

from collections.abc import Iterator

from ..model.base import Cite
from ..model.case import ExpectedClaim, ExpectedDefense
from ..model.conditions import AllOf, AnyOf, ClearlyEstablished, Condition, NotOf
from ..model.rubric import DefenseTest, Element
from ..vocab import DefenseOutcome, ElementStatus
from .authorities import pin_message
from .context import CaseContext, whole
from .registry import Issue, Subject, YamlPath, rule
from .values import did_you_mean, walk


@rule("R011", Subject.EXPECTED_CLAIM)
def expected_claim_unknown(ctx: CaseContext, i: int, exp: ExpectedClaim) -> Iterator[Issue]:
    """An expected holding names a claim or defendant the case does not have, or a pair
    the case does not assert."""
    at: YamlPath = ("expected", "claims", i)
    claims = ctx.library.claims
    if exp.claim not in claims:
        yield Issue(
            f"expected holding names unknown claim '{exp.claim}'{did_you_mean(exp.claim, claims)}",
            (*at, "claim"),
            refers_to="claim",
        )
    elif exp.defendant not in ctx.defendants:
        yield Issue(
            f"expected holding names unknown defendant '{exp.defendant}'"
            f"{did_you_mean(exp.defendant, ctx.defendants)}",
            (*at, "defendant"),
        )
    elif (exp.claim, exp.defendant) not in ctx.asserted_pairs:
        yield Issue(
            f"expected holding for {exp.claim} against {exp.defendant}, "
            "which the case does not assert",
            at,
        )


@rule("R011", Subject.EXPECTED_DEFENSE)
def expected_defense_defendant(ctx: CaseContext, i: int, exp: ExpectedDefense) -> Iterator[Issue]:
    """An expected defense holding names a defendant the case does not list."""
    if exp.defendant not in ctx.defendants:
        yield Issue(
            f"expected holding names unknown defendant '{exp.defendant}'"
            f"{did_you_mean(exp.defendant, ctx.defendants)}",
            ("expected", "defenses", i, "defendant"),
        )


@rule("R011", Subject.EXPECTED_DEFENSE)
def expected_defense_claim(ctx: CaseContext, i: int, exp: ExpectedDefense) -> Iterator[Issue]:
    """An expected defense holding names a claim no claim rubric defines."""
    claims = ctx.library.claims
    if exp.claim not in claims:
        yield Issue(
            f"expected holding names unknown claim '{exp.claim}'{did_you_mean(exp.claim, claims)}",
            ("expected", "defenses", i, "claim"),
            refers_to="claim",
        )


@rule("R011", Subject.EXPECTED_DEFENSE)
def expected_defense_unknown(ctx: CaseContext, i: int, exp: ExpectedDefense) -> Iterator[Issue]:
    """An expected defense holding names a defense no defense test defines."""
    if not isinstance(ctx.library.tests.get(exp.defense), DefenseTest):
        yield Issue(
            f"expected holding names unknown defense '{exp.defense}'"
            f"{did_you_mean(exp.defense, ctx.defenses)}",
            ("expected", "defenses", i, "defense"),
            refers_to="test",
        )


@rule("R009", Subject.EXPECTED_DEFENSE)
def expected_before_the_law(ctx: CaseContext, i: int, exp: ExpectedDefense) -> Iterator[Issue]:
    """An expected holding needs law clearly established before the incident, but every
    precedent the defense lists was decided after it, and the prong that asks for one cannot
    hold without it: it has no other route (such as Hope v. Pelzer's obvious case), or, on
    the non-movant's facts, that route does not hold either.

    Fails: qualified immunity expected denied for a 2005 incident when the defense's only
    precedent dates from 2013, and the plaintiff's account shows no obviously unlawful force.
    Passes: the same for a 2016 incident; or for the 2005 incident where the plaintiff's
    account shows force the prong's obvious-case route reads.
    """
    test = ctx.library.tests.get(exp.defense)
    incident = ctx.case.incident_date
    if not isinstance(test, DefenseTest) or incident is None:
        return
    reading = {pid for pid, prong in test.prongs.items() if _reads_clearly_established(prong)}
    if not reading or _earlier_precedents(ctx, test):
        return
    failing = _failing_without_precedent(ctx, exp, test, reading)
    if not failing:
        return
    why = _why_too_late(ctx, test)
    at: YamlPath = ("expected", "defenses", i)
    if exp.outcome is DefenseOutcome.DENIED:
        prongs = ", ".join(f"'{p}'" for p in sorted(failing))
        yield Issue(
            f"expected {test.id} denied, but {why}; a right is clearly established only by "
            f"law in place when the officer acted, and {prongs} cannot hold without it here",
            (*at, "outcome"),
        )
    held = {ElementStatus.UNDISPUTED_MET, ElementStatus.GENUINE_DISPUTE, ElementStatus.MET}
    for prong, status in exp.prongs.items():
        if prong in failing and status in held:
            yield Issue(
                f"expected prong '{prong}' {status.value}, but {why}", (*at, "prongs", prong)
            )


def _failing_without_precedent(
    ctx: CaseContext, exp: ExpectedDefense, test: DefenseTest, reading: set[str]
) -> set[str]:
    """The prongs among ``reading`` that cannot hold with no precedent to count: those that
    need one whatever the facts, and, where the case can be decided, those whose other
    route does not hold on the non-movant's facts. A prong whose other route the case
    cannot be decided on is given the benefit of the doubt."""
    failing = {p for p in reading if not _possible(test.prongs[p].holds_when)}
    other_routes = reading - failing
    if other_routes:
        truths = _prongs_on_the_facts(ctx, exp, test)
        if truths is not None:
            failing |= {p for p in other_routes if not truths.get(p, False)}
    return failing


def _possible(condition: Condition) -> bool:
    """Whether ``condition`` can hold when no precedent clearly established anything."""
    return _can(condition, True)


def _can(condition: Condition, hold: bool) -> bool:
    """Whether ``condition`` can come out ``hold`` with no precedent to count; any other
    part can come out either way."""
    match condition:
        case ClearlyEstablished():
            return not hold
        case AllOf(all=parts):
            return all(_can(p, True) for p in parts) if hold else any(_can(p, False) for p in parts)
        case AnyOf(any=parts):
            return any(_can(p, True) for p in parts) if hold else all(_can(p, False) for p in parts)
        case NotOf(not_=inner):
            return _can(inner, not hold)
        case _:
            return True


def _prongs_on_the_facts(
    ctx: CaseContext, exp: ExpectedDefense, test: DefenseTest
) -> dict[str, bool] | None:
    """Each prong on the non-movant's facts, where the case and the library are whole and
    every reference the engine follows resolves; None otherwise."""
    from ..episodes import record_of
    from ..evaluate import Engine

    case, library = ctx.case, ctx.library
    if library.summary_judgment is None or not whole(case) or exp.claim not in library.claims:
        return None
    if exp.defendant not in ctx.defendants:
        return None
    if (exp.claim, exp.defendant) not in ctx.asserted_pairs:
        return None
    declared = library.attributes
    for fact in case.facts.values():
        if any(a not in declared or declared[a].from_case for a in fact.establishes):
            return None
        if any(d not in case.facts for d in [*fact.disputes, *fact.blatantly_contradicts]):
            return None
    if case.episodes:
        if exp.episode is None or exp.episode not in case.episodes:
            return None
        case = record_of(case, exp.episode)
    return Engine(library).prongs(case, test, exp.claim, exp.defendant)


def _earlier_precedents(ctx: CaseContext, test: DefenseTest) -> bool:
    authorities = ctx.library.authorities
    return any(
        (a := authorities.get(p.cite.authority)) is not None
        and a.decided < ctx.case.incident_date.end
        for p in test.clearly_established_by
    )


def _why_too_late(ctx: CaseContext, test: DefenseTest) -> str:
    incident = ctx.case.incident_date.isoformat()
    authorities = ctx.library.authorities
    if not test.clearly_established_by:
        return f"{test.id} lists no precedent decided before the incident ({incident})"
    later = ", ".join(
        f"{p.cite.authority} ({authorities[p.cite.authority].decided.isoformat()})"
        for p in test.clearly_established_by
        if p.cite.authority in authorities
    )
    return f"every precedent {test.id} lists was decided after the incident ({incident}): {later}"


def _reads_clearly_established(element: Element) -> bool:
    return any(isinstance(node, ClearlyEstablished) for node, _ in walk(element.holds_when))


@rule("R003", Subject.DECIDED_BY)
def decided_by_unknown(ctx: CaseContext, i: int, cite: Cite) -> Iterator[Issue]:
    """The authority said to decide the expected holdings is not in the registry."""
    authorities = ctx.library.authorities
    if cite.authority not in authorities:
        yield Issue(
            f"unknown authority '{cite.authority}'{did_you_mean(cite.authority, authorities)}",
            ("expected", "decided_by", i),
            refers_to="authorities",
        )


@rule("R005", Subject.DECIDED_BY)
def decided_by_pin(ctx: CaseContext, i: int, cite: Cite) -> Iterator[Issue]:
    """The pin of the authority said to decide the expected holdings is not listed."""
    authority = ctx.library.authorities.get(cite.authority)
    if authority is not None and cite.pin not in authority.pins():
        yield Issue(
            pin_message(cite, authority.pins()),
            ("expected", "decided_by", i),
            refers_to="authorities",
        )
