"""A case's parties and what it asserts against them: claims, dismissals, defenses."""

from collections.abc import Iterator

from ..model.case import (
    UNIDENTIFIED_OFFICER,
    AssertedClaim,
    Defendant,
    Dismissal,
    NonParty,
    RaisedDefense,
)
from .context import CaseContext
from .registry import Issue, Subject, YamlPath, rule
from .values import did_you_mean


@rule("R011", Subject.ASSERTED_CLAIM)
def unknown_claim(ctx: CaseContext, i: int, asserted: AssertedClaim) -> Iterator[Issue]:
    """A case asserts a claim no claim rubric defines.

    Fails: ``claims: [{claim: excesive_force, against: [roe]}]``
    Passes: ``claims: [{claim: excessive_force, against: [roe]}]``
    """
    yield from _unknown_claim(ctx, asserted.claim, ("claims", i, "claim"))


@rule("R011", Subject.ASSERTED_CLAIM)
def unknown_accused(ctx: CaseContext, i: int, asserted: AssertedClaim) -> Iterator[Issue]:
    """A claim is asserted against someone the case does not list under ``defendants``."""
    yield from _unknown_defendants(ctx, asserted.against, ("claims", i, "against"))


@rule("R011", Subject.DISMISSAL)
def unknown_dismissed_claim(ctx: CaseContext, i: int, dismissal: Dismissal) -> Iterator[Issue]:
    """A dismissal names a claim no claim rubric defines."""
    if dismissal.claim is not None:
        yield from _unknown_claim(ctx, dismissal.claim, ("dismissals", i, "claim"))


@rule("R011", Subject.DISMISSAL)
def unknown_dismissed_defendant(ctx: CaseContext, i: int, dismissal: Dismissal) -> Iterator[Issue]:
    """A dismissal names a defendant the case does not list."""
    if dismissal.defendant is not None and dismissal.defendant not in ctx.defendants:
        yield Issue(
            f"unknown defendant '{dismissal.defendant}'"
            f"{did_you_mean(dismissal.defendant, ctx.defendants)}",
            ("dismissals", i, "defendant"),
        )


@rule("R011", Subject.RAISED_DEFENSE)
def unknown_defense(ctx: CaseContext, i: int, raised: RaisedDefense) -> Iterator[Issue]:
    """A case raises a defense no defense test defines (a claim's test is not a defense)."""
    test = ctx.library.tests.get(raised.defense)
    if test is None or test.form != "defense":
        yield Issue(
            f"unknown defense '{raised.defense}'{did_you_mean(raised.defense, ctx.defenses)}",
            ("defenses", i, "defense"),
            refers_to="test",
        )


@rule("R011", Subject.RAISED_DEFENSE)
def unknown_raiser(ctx: CaseContext, i: int, raised: RaisedDefense) -> Iterator[Issue]:
    """A defense is raised by someone the case does not list under ``defendants``."""
    yield from _unknown_defendants(ctx, raised.raised_by, ("defenses", i, "raised_by"))


@rule("R019", Subject.RAISED_DEFENSE)
def defense_without_claim(ctx: CaseContext, i: int, raised: RaisedDefense) -> Iterator[Issue]:
    """A defendant raises a defense although no claim is asserted against them, so the
    defense answers nothing and the report will not show it.

    Fails: ``defenses: [{defense: qualified_immunity, raised_by: [roe, poe]}]`` where the
    claims name only roe. Passes: every defendant who raises it faces a claim.
    """
    if ctx.accused is None:
        return
    for j, name in enumerate(raised.raised_by):
        if name in ctx.defendants and name not in ctx.accused:
            yield Issue(
                f"'{name}' raises {raised.defense} but no claim is asserted against "
                f"{name}; assert the claim or drop {name} from raised_by",
                ("defenses", i, "raised_by", j),
            )


@rule("R018", Subject.DEFENDANT)
def defendant_without_claim(ctx: CaseContext, ident: str, _: Defendant) -> Iterator[Issue]:
    """A case lists a defendant no claim is asserted against: a misspelt id in a claim's
    ``against``, or a party the report will never mention.

    Fails: ``defendants: {roe: ..., poe: ...}`` with ``claims: [{..., against: [roe]}]``.
    Passes: each defendant appears in some claim's ``against``.
    """
    if ctx.accused is not None and ident not in ctx.accused:
        yield Issue(
            f"no claim is asserted against defendant '{ident}'; add '{ident}' to a claim's "
            "'against' or remove the defendant",
            ("defendants", ident),
            key=True,
        )


def _unknown_defendants(ctx: CaseContext, names: list[str], at: YamlPath) -> Iterator[Issue]:
    for j, name in enumerate(names):
        if name in ctx.non_parties and name not in ctx.defendants:
            yield Issue(
                f"'{name}' is a non-party: nothing is asserted or decided against a non-party; "
                f"move '{name}' to the case's defendants to name them here",
                (*at, j),
            )
        elif name not in ctx.defendants:
            yield Issue(f"unknown defendant '{name}'{did_you_mean(name, ctx.defendants)}", (*at, j))


@rule("R025", Subject.DEFENDANT)
def defendant_named_as_nobody(ctx: CaseContext, ident: str, _: Defendant) -> Iterator[Issue]:
    """A defendant's id is the reserved value that stands, in a fact, for an officer nobody
    has identified; the two could not be told apart.

    Fails: ``defendants: {unidentified_officer: {name: John Doe, role: Officer}}``.
    Passes: ``defendants: {john_doe: {name: John Doe, role: Officer}}``.
    """
    if ident == UNIDENTIFIED_OFFICER:
        yield Issue(
            f"'{UNIDENTIFIED_OFFICER}' is reserved for an officer a fact cannot name; give "
            "this defendant another id, such as john_doe",
            ("defendants", ident),
            key=True,
        )


def _unknown_claim(ctx: CaseContext, claim: str, at: YamlPath) -> Iterator[Issue]:
    claims = ctx.library.claims
    if claim not in claims:
        yield Issue(f"unknown claim '{claim}'{did_you_mean(claim, claims)}", at, refers_to="claim")


@rule("R025", Subject.NON_PARTY)
def non_party_named_as_nobody(ctx: CaseContext, ident: str, _: NonParty) -> Iterator[Issue]:
    """A non-party's id is the reserved value for an officer nobody has identified.

    Fails: ``non_parties: {unidentified_officer: {name: John Doe, role: Officer}}``.
    """
    if ident == UNIDENTIFIED_OFFICER:
        yield Issue(
            f"'{UNIDENTIFIED_OFFICER}' is reserved for an officer a fact cannot name; give "
            "this non-party another id, such as officer_doe",
            ("non_parties", ident),
            key=True,
        )


@rule("R029", Subject.NON_PARTY)
def non_party_also_defendant(ctx: CaseContext, ident: str, _: NonParty) -> Iterator[Issue]:
    """One id listed both as a defendant and as a non-party: a party value naming it could
    mean either.

    Fails: ``defendants: {roe: ...}`` with ``non_parties: {roe: ...}``.
    Passes: a non-party whose id no defendant has.
    """
    if ident in ctx.defendants:
        yield Issue(
            f"'{ident}' is listed both as a defendant and as a non-party; keep one: a "
            "defendant if a claim is asserted against them, else a non-party",
            ("non_parties", ident),
            key=True,
        )
