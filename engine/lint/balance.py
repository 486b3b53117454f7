"""Factors tests: how each strikes its balance."""

from collections.abc import Iterator

from ..model.rubric import FactorsTest
from .context import LibraryContext
from .registry import Issue, Subject, rule


@rule("R028", Subject.LIBRARY)
def balance_by_count(ctx: LibraryContext) -> Iterator[Issue]:
    """A factors test weighs its factors against a ``threshold``: a number of factors to win
    by is not a rule of law, and no authority says where it comes from. Courts state when a
    balance is decided as a matter of law: summary judgment goes against the plaintiff only
    where, on his version, no reasonable factfinder could find the force unreasonable
    (Amnesty America v. Town of West Hartford, 361 F.3d at 123).

    Fails: ``threshold: 2``. Passes: ``otherwise: {rule: ..., cites: [...],
    plaintiff_survives_when: any_factor_favors_plaintiff}``, with ``for_jury_when`` and
    ``judgment_for_defendant_when`` for the rules a court states.
    """
    for doc in ctx.documents:
        test = doc.model
        if isinstance(test, FactorsTest) and test.threshold is not None:
            yield Issue(
                f"'{test.id}' decides its balance by a count of factors (threshold "
                f"{test.threshold:g}), which no authority states; give the rule a court states "
                "under 'otherwise', with its cites",
                ("threshold",),
                key=True,
                file=doc.path,
            )
