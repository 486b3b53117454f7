"""A rubric library against the cases given with it."""

from collections.abc import Iterator, Sequence

from ..model.case import Case
from ..model.rubric import DefenseTest
from .context import LibraryContext, present
from .registry import Issue, Subject, rule


@rule("R015", Subject.COVERAGE)
def unexercised_rubric(ctx: LibraryContext, cases: Sequence[Case]) -> Iterator[Issue]:
    """A claim no case given asserts, a defense no case raises, or a test no asserted claim
    can choose: nothing checks that it decides as the law does."""
    library = ctx.library
    asserted = {c.claim for case in cases for _, c in present(case.claims)}
    raised = {d.defense for case in cases for _, d in present(case.defenses)}
    reached = {
        choice.test
        for claim_id in asserted
        if claim_id in library.claims
        for standard in library.claims[claim_id].standards
        for choice in standard.tests
    }
    for doc in ctx.documents:
        model = doc.model
        if doc.kind == "claim" and model.id not in asserted:
            what = f"no case given asserts claim '{model.id}'"
        elif isinstance(model, DefenseTest) and model.id not in raised:
            what = f"no case given raises the defense '{model.id}'"
        elif doc.kind == "test" and not isinstance(model, DefenseTest) and model.id not in reached:
            what = f"no claim a case given asserts can choose test '{model.id}'"
        else:
            continue
        yield Issue(
            f"{what}; add a case that exercises it", ("id",), refers_to="any", file=doc.path
        )
