"""The runners: walk a case, a rubric library, or a library against its cases, in order,
and hand each part to the checks registered for it."""

from collections.abc import Sequence

from ..library import Library
from ..model.base import Cite
from ..model.case import Case
from ..model.conditions import AttributeTest, ClaimHolds, ClearlyEstablished
from ..model.rubric import ClaimRubric, DefenseTest
from .context import CaseContext, LibraryContext, present, present_entries
from .registry import Finding, RubricFile, Subject, visit
from .values import walk


def lint_case(case: Case, library: Library, file: str) -> list[Finding]:
    """Every cross-reference finding in one case file checked against ``library``. A case
    read only in part (None where a part did not validate) is checked as far as it goes."""
    ctx = CaseContext(case, library, file)
    found: list[Finding] = []
    for i, asserted in present(case.claims):
        found += visit(Subject.ASSERTED_CLAIM, file, ctx, i, asserted)
    for i, dismissal in present(case.dismissals):
        found += visit(Subject.DISMISSAL, file, ctx, i, dismissal)
    for i, raised in present(case.defenses):
        found += visit(Subject.RAISED_DEFENSE, file, ctx, i, raised)
    for fact_id, fact in present_entries(case.facts):
        for attribute_id, value in fact.establishes.items():
            found += visit(Subject.FACT_VALUE, file, ctx, fact_id, attribute_id, value)
        for j, other in enumerate(fact.disputes):
            found += visit(Subject.DISPUTE, file, ctx, fact_id, j, other)
        for j, other in enumerate(fact.blatantly_contradicts):
            found += visit(Subject.CONTRADICTION, file, ctx, fact_id, j, other)
    expected = case.expected
    if expected is not None:
        for i, exp in enumerate(expected.claims):
            found += visit(Subject.EXPECTED_CLAIM, file, ctx, i, exp)
        for i, exp_d in enumerate(expected.defenses):
            found += visit(Subject.EXPECTED_DEFENSE, file, ctx, i, exp_d)
        for i, cite in enumerate(expected.decided_by):
            found += visit(Subject.DECIDED_BY, file, ctx, i, cite)
    for ident, defendant in present_entries(case.defendants):
        found += visit(Subject.DEFENDANT, file, ctx, ident, defendant)
    for ident, non_party in present_entries(case.non_parties):
        found += visit(Subject.NON_PARTY, file, ctx, ident, non_party)
    found += visit(Subject.CASE, file, ctx)
    return found


def lint_library(
    library: Library, documents: Sequence[RubricFile], only: frozenset[str] | None = None
) -> list[Finding]:
    """Every cross-reference finding in a rubric library (or only those of the codes
    ``only``); ``library`` holds the first definition of each id, ``documents`` every file it
    was built from."""
    ctx = LibraryContext(library, documents)
    found = list(visit(Subject.RUBRIC_FILES, "", ctx, only=only))
    for doc in documents:
        in_defense = isinstance(doc.model, DefenseTest)
        for node, at in walk(doc.model):
            if isinstance(node, Cite):
                ctx.cited.add(node.authority)
                found += visit(Subject.CITE, doc.path, ctx, node, at, only=only)
            elif isinstance(node, AttributeTest):
                found += visit(Subject.ATTRIBUTE_TEST, doc.path, ctx, node, at, only=only)
            elif isinstance(node, ClaimHolds):
                found += visit(
                    Subject.CLAIM_REFERENCE, doc.path, ctx, node, at, in_defense, only=only
                )
            elif isinstance(node, ClearlyEstablished):
                found += visit(
                    Subject.CLEARLY_ESTABLISHED, doc.path, ctx, node, at, in_defense, only=only
                )
        if isinstance(doc.model, ClaimRubric):
            found += _lint_choices(ctx, doc.model, doc.path, only)
    found += visit(Subject.LIBRARY, "", ctx, only=only)
    return found


def _lint_choices(
    ctx: LibraryContext, claim: ClaimRubric, file: str, only: frozenset[str] | None
) -> list[Finding]:
    found: list[Finding] = []
    for s, standard in enumerate(claim.standards):
        found += visit(Subject.STANDARD, file, ctx, claim, s, standard, only=only)
        for c, choice in enumerate(standard.tests):
            at = ("standards", s, "tests", c)
            found += visit(Subject.TEST_CHOICE, file, ctx, standard, at, choice, only=only)
    return found


def lint_coverage(
    library: Library, documents: Sequence[RubricFile], cases: Sequence[Case]
) -> list[Finding]:
    """R015: claims no case asserts, defenses no case raises, tests no asserted claim chooses."""
    return list(visit(Subject.COVERAGE, "", LibraryContext(library, documents), cases))
