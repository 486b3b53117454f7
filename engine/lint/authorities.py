"""Cites in rubric files against the authority registry."""

from collections.abc import Iterator

from ..model.base import Cite
from .context import LibraryContext
from .registry import Issue, Subject, YamlPath, rule
from .values import did_you_mean


def pin_message(cite: Cite, pins: set[str]) -> str:
    listed = ", ".join(sorted(pins))
    return (
        f"'{cite}': {cite.authority} lists no proposition at pin '{cite.pin}' (pins: {listed}); "
        "cite a listed pin or add the proposition to the registry"
    )


@rule("R003", Subject.CITE)
def unknown_authority(ctx: LibraryContext, cite: Cite, at: YamlPath) -> Iterator[Issue]:
    """A rubric cites an authority id the registry does not hold.

    Fails: ``cites: [usavge_2013 at 595]``; passes: ``cites: [usavage_2013 at 595]``.
    """
    authorities = ctx.library.authorities
    if cite.authority not in authorities:
        yield Issue(
            f"unknown authority '{cite.authority}'{did_you_mean(cite.authority, authorities)}; "
            "add it to the authority registry or fix the id",
            at,
            refers_to="authorities",
        )


@rule("R005", Subject.CITE)
def pin_not_listed(ctx: LibraryContext, cite: Cite, at: YamlPath) -> Iterator[Issue]:
    """A cite's pin is not among the pins of its authority's propositions, so the report
    could not say what the authority holds there.

    Fails: ``usavage_2013 at 999``; passes: ``usavage_2013 at 595``.
    """
    authority = ctx.library.authorities.get(cite.authority)
    if authority is not None and cite.pin not in authority.pins():
        yield Issue(pin_message(cite, authority.pins()), at, refers_to="authorities")


@rule("R004", Subject.LIBRARY)
def uncited_authority(ctx: LibraryContext) -> Iterator[Issue]:
    """An authority in the registry that no rubric cites: dead weight, or a cite forgotten."""
    for doc in ctx.documents:
        if doc.kind != "authorities":
            continue
        for ident in doc.model.authorities:
            if ident not in ctx.cited:
                yield Issue(
                    f"authority '{ident}' is cited by no rubric; cite it or remove it",
                    ("authorities", ident),
                    key=True,
                    refers_to="any",
                    file=doc.path,
                )
