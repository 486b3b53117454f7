"""Claim rubrics: the standards and tests they choose, and the claims they depend on."""

from collections.abc import Iterator
from typing import Any

from ..model.conditions import ClaimHolds
from ..model.rubric import ClaimRubric, DefenseTest, Standard, TestChoice
from .context import LibraryContext
from .cycles import cycles, path_back
from .registry import Issue, Subject, YamlPath, rule
from .values import did_you_mean, walk


@rule("R008", Subject.STANDARD)
def standard_never_reached(
    ctx: LibraryContext, claim: ClaimRubric, s: int, standard: Standard
) -> Iterator[Issue]:
    """A standard after one with no ``when``: the earlier one always applies."""
    earlier = next((x for x in claim.standards[:s] if x.when is None), None)
    if earlier is not None:
        yield Issue(
            f"standard '{standard.id}' is never reached: standard "
            f"'{earlier.id}' before it has no 'when', so it always applies",
            ("standards", s),
        )


@rule("R012", Subject.TEST_CHOICE)
def choice_unknown_or_defense(
    ctx: LibraryContext, standard: Standard, at: YamlPath, choice: TestChoice
) -> Iterator[Issue]:
    """A claim chooses a test the library does not define, or a defense (which cases
    raise; claims choose elements or factors tests)."""
    test = ctx.library.tests.get(choice.test)
    if test is None:
        yield Issue(
            f"unknown test '{choice.test}'{did_you_mean(choice.test, ctx.library.tests)}",
            (*at, "test"),
            refers_to="test",
        )
    elif isinstance(test, DefenseTest):
        yield Issue(
            f"'{choice.test}' is a defense; a claim chooses an elements or factors "
            "test (a case raises defenses)",
            (*at, "test"),
        )


@rule("R008", Subject.TEST_CHOICE)
def choice_never_reached(
    ctx: LibraryContext, standard: Standard, at: YamlPath, choice: TestChoice
) -> Iterator[Issue]:
    """A test choice after one with no ``when``: the earlier one always applies."""
    c = at[-1]
    assert isinstance(c, int)
    if any(x.when is None for x in standard.tests[:c]):
        yield Issue(
            f"the choice of '{choice.test}' is never reached: a choice before it has "
            "no 'when', so it always applies",
            at,
        )


@rule("R008", Subject.LIBRARY)
def unchosen_test(ctx: LibraryContext) -> Iterator[Issue]:
    """An elements or factors test that no claim's standards choose, so no case reaches
    it. (Defenses are reached from cases, which raise them.)"""
    library = ctx.library
    chosen = {c.test for claim in library.claims.values() for s in claim.standards for c in s.tests}
    for test_id, test in library.tests.items():
        if isinstance(test, DefenseTest) or test_id in chosen:
            continue
        yield Issue(
            f"test '{test_id}' is chosen by no claim, so no case can reach it; add it to a "
            "claim's standards or remove it",
            ("id",),
            refers_to="claim",
            file=library.origins.get(test_id, ""),
        )


@rule("R007", Subject.LIBRARY)
def claims_in_a_cycle(ctx: LibraryContext) -> Iterator[Issue]:
    """Claims that need each other's outcome, directly or through other claims, are never
    decided. Fails: failure to intervene needs retaliation, which needs failure to
    intervene."""
    edges = _dependencies(ctx)
    for component in cycles(edges):
        start = min(component)
        path = path_back(start, edges, component)
        file, at = edges[start][path[1]]
        yield Issue(
            "claims depend on each other in a cycle: "
            + " → ".join(path)
            + "; a claim cannot need its own outcome",
            at,
            file=file,
        )


def _dependencies(ctx: LibraryContext) -> dict[str, dict[str, tuple[str, YamlPath]]]:
    """Each claim's claims it reads, with where it first reads each."""
    library = ctx.library
    files = {doc.model.id: doc.path for doc in ctx.documents if doc.kind in ("claim", "test")}
    edges: dict[str, dict[str, tuple[str, YamlPath]]] = {}
    for claim_id, claim in library.claims.items():
        out: dict[str, tuple[str, YamlPath]] = {}
        sources: list[tuple[str, Any]] = [(files.get(claim_id, ""), claim)]
        for standard in claim.standards:
            for choice in standard.tests:
                test = library.tests.get(choice.test)
                if test is not None and not isinstance(test, DefenseTest):
                    sources.append((files.get(test.id, ""), test))
        for file, model in sources:
            for node, at in walk(model):
                if isinstance(node, ClaimHolds) and node.claim in library.claims:
                    out.setdefault(node.claim, (file, (*at, "claim")))
        edges[claim_id] = out
    return edges
