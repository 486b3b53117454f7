"""A case's expected holdings: what they name, and whether the law's dates allow them."""

from collections.abc import Iterator

from ..model.base import Cite
from ..model.case import ExpectedClaim, ExpectedDefense
from ..model.conditions import ClearlyEstablished
from ..model.rubric import DefenseTest, Element
from ..vocab import DefenseOutcome, ElementStatus
from .authorities import pin_message
from .context import CaseContext
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
        yield Issue(_unknown_defendant(ctx, exp.defendant), (*at, "defendant"))
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
            _unknown_defendant(ctx, exp.defendant), ("expected", "defenses", i, "defendant")
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
    precedent the defense lists was decided after it.

    Fails: qualified immunity expected denied for a 2005 incident when the defense's only
    precedent dates from 2013. Passes: the same for a 2016 incident.
    """
    test = ctx.library.tests.get(exp.defense)
    incident = ctx.case.incident_date
    if not isinstance(test, DefenseTest) or incident is None:
        return
    reading = {pid for pid, prong in test.prongs.items() if _reads_clearly_established(prong)}
    if not reading or _earlier_precedents(ctx, test):
        return
    why = _why_too_late(ctx, test)
    at: YamlPath = ("expected", "defenses", i)
    if exp.outcome is DefenseOutcome.DENIED:
        yield Issue(
            f"expected {test.id} denied, but {why}; a right is clearly established only by "
            "law in place when the officer acted",
            (*at, "outcome"),
        )
    held = {ElementStatus.UNDISPUTED_MET, ElementStatus.GENUINE_DISPUTE, ElementStatus.MET}
    for prong, status in exp.prongs.items():
        if prong in reading and status in held:
            yield Issue(
                f"expected prong '{prong}' {status.value}, but {why}", (*at, "prongs", prong)
            )


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


def _unknown_defendant(ctx: CaseContext, name: str) -> str:
    if name in ctx.non_parties:
        return (
            f"expected holding names '{name}', a non-party: no claim or defense is decided "
            "for a non-party"
        )
    return f"expected holding names unknown defendant '{name}'{did_you_mean(name, ctx.defendants)}"
