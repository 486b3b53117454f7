"""Conditions in rubric files: the attributes they read and the claims they name."""

from collections.abc import Iterator

from ..model.conditions import AttributeTest, ClaimHolds, ClearlyEstablished
from ..vocab import AttributeType
from .context import LibraryContext
from .registry import Issue, Subject, YamlPath, rule
from .values import check_value, did_you_mean, yaml11_word


@rule("R001", Subject.ATTRIBUTE_TEST)
def unknown_attribute(ctx: LibraryContext, test: AttributeTest, at: YamlPath) -> Iterator[Issue]:
    """A condition reads an attribute the vocabulary does not declare.

    Fails: ``{attr: injury_severty, at_least: minor_lasting}``.
    Passes: ``{attr: injury_severity, at_least: minor_lasting}``.
    """
    attributes = ctx.library.attributes
    if test.attr not in attributes:
        yield Issue(
            f"unknown attribute '{test.attr}'{did_you_mean(test.attr, attributes)}; "
            "conditions read only attributes declared in the vocabulary",
            (*at, "attr"),
            refers_to="attributes",
        )


def _comparison_problem(ctx: LibraryContext, test: AttributeTest) -> str | None:
    """Why the kind of comparison does not fit the attribute's type."""
    kind = ctx.library.attributes[test.attr].type
    op, _ = test.comparison()
    name = test.attr
    if kind is AttributeType.PARTY:
        if op not in ("includes", "excludes"):
            return (
                f"'{name}' names defendants: compare it with 'includes: the_defendant' or "
                f"'excludes: the_defendant', not '{op}'"
            )
    elif op in ("includes", "excludes"):
        return f"'{op}' is for party attributes; '{name}' is {kind.value}"
    elif kind is AttributeType.BOOLEAN and op in ("at_least", "at_most"):
        return f"'{name}' is a boolean attribute: compare it with 'is' or 'is_not', not '{op}'"
    return None


def _compares_a_value(ctx: LibraryContext, test: AttributeTest) -> bool:
    """Declared, compared in a way that fits, and not a party (whose values are roles)."""
    attribute = ctx.library.attributes.get(test.attr)
    return (
        attribute is not None
        and attribute.type is not AttributeType.PARTY
        and _comparison_problem(ctx, test) is None
    )


@rule("R002", Subject.ATTRIBUTE_TEST)
def comparison_misfits(ctx: LibraryContext, test: AttributeTest, at: YamlPath) -> Iterator[Issue]:
    """A condition compares an attribute in a way its type does not allow, or with a
    value it cannot take.

    Fails: ``{attr: injury_severity, at_least: mnor_lasting}``; ``{attr: force_applied_by,
    is: ramos}``. Passes: ``{attr: force_applied_by, includes: the_defendant}``.
    """
    if test.attr not in ctx.library.attributes:
        return
    op, value = test.comparison()
    problem = _comparison_problem(ctx, test)
    if problem:
        yield Issue(problem, (*at, op), key=True)
    elif _compares_a_value(ctx, test) and not yaml11_word(ctx.library, test.attr, value):
        problem = check_value(ctx.library, test.attr, value, None)
        if problem:
            yield Issue(problem, (*at, op))


@rule("S005", Subject.ATTRIBUTE_TEST)
def yaml11_comparison(ctx: LibraryContext, test: AttributeTest, at: YamlPath) -> Iterator[Issue]:
    """A condition compares a boolean attribute with ``yes``, ``no``, ``on`` or ``off``."""
    if _compares_a_value(ctx, test):
        op, value = test.comparison()
        word = yaml11_word(ctx.library, test.attr, value)
        if word:
            yield Issue(f"{test.attr}: {word}", (*at, op))


@rule("R012", Subject.CLAIM_REFERENCE)
def unknown_claim_reference(
    ctx: LibraryContext, ref: ClaimHolds, at: YamlPath, in_defense: bool
) -> Iterator[Issue]:
    """A condition asks whether a claim holds, but names no claim the library defines, or
    says ``the_claim`` outside a defense (where it means the claim the defense answers)."""
    if ref.claim == "the_claim":
        if not in_defense:
            yield Issue(
                "'the_claim' means the claim a defense is raised against; outside a defense "
                "test name the claim",
                (*at, "claim"),
            )
    elif ref.claim not in ctx.library.claims:
        yield Issue(
            f"unknown claim '{ref.claim}'{did_you_mean(ref.claim, ctx.library.claims)}",
            (*at, "claim"),
            refers_to="claim",
        )


@rule("R012", Subject.CLEARLY_ESTABLISHED)
def clearly_established_outside_defense(
    ctx: LibraryContext, node: ClearlyEstablished, at: YamlPath, in_defense: bool
) -> Iterator[Issue]:
    """``clearly_established`` is measured against the precedents a defense test lists, so
    it means nothing in a claim's test."""
    if not in_defense:
        yield Issue(
            "clearly_established means something only inside a defense test, "
            "which lists the precedents it is measured against",
            (*at, "clearly_established"),
            key=True,
        )
