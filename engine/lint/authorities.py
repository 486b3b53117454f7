"""Cites in rubric files against the authority registry."""

from collections.abc import Iterator

from ..model.base import Cite
from ..model.rubric import DefenseTest
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


@rule("R027", Subject.LIBRARY)
def precedent_from_a_court_that_does_not_bind(ctx: LibraryContext) -> Iterator[Issue]:
    """A defense lists, as binding, a precedent from a court its ``clearly_established_only_by``
    does not name: such a decision can be shown as persuasive, but never clearly establishes
    the right (Camreta v. Greene; Pabon v. Wright, 459 F.3d at 255).

    Fails: ``{cite: golio_2006 at 265, weight: binding, ...}`` where only the Supreme Court
    and the Second Circuit bind. Passes: the same entry with ``weight: persuasive``.
    """
    for doc in ctx.documents:
        defense = doc.model
        if not isinstance(defense, DefenseTest) or defense.clearly_established_only_by is None:
            continue
        courts = defense.clearly_established_only_by.courts
        for i, precedent in enumerate(defense.clearly_established_by):
            authority = ctx.library.authorities.get(precedent.cite.authority)
            if precedent.weight != "binding" or authority is None:
                continue
            if not any(court.includes(authority) for court in courts):
                yield Issue(
                    f"'{precedent.cite.authority}' ({authority.court}) is listed as binding, but "
                    "only the courts under clearly_established_only_by can clearly establish "
                    "the right; mark it 'weight: persuasive'",
                    ("clearly_established_by", i, "weight"),
                    file=doc.path,
                )
