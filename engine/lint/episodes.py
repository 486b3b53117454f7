"""A case's episodes: every fact and expected holding that names one names one it lists."""

from collections.abc import Iterator, Mapping

from .context import CaseContext, present_entries
from .registry import Issue, Subject, rule
from .values import did_you_mean


@rule("R026", Subject.CASE)
def unknown_episode(ctx: CaseContext) -> Iterator[Issue]:
    """A fact or an expected holding names an episode the case's ``episodes`` do not list.

    Fails: ``episode: pepper_spary``; passes: ``episode: pepper_spray`` with
    ``episodes: {pepper_spray: {label: the pepper spray}}``.
    """
    known = ctx.case.episodes or {}
    for fact_id, fact in present_entries(ctx.case.facts):
        if fact.episode is not None and fact.episode not in known:
            yield Issue(
                f"fact '{fact_id}' names episode '{fact.episode}', which the case does not "
                f"list{_hint(fact.episode, known)}",
                ("facts", fact_id, "episode"),
            )
    expected = ctx.case.expected
    if expected is None:
        return
    for part, holdings in (("claims", expected.claims), ("defenses", expected.defenses)):
        for index, holding in enumerate(holdings or []):
            episode = getattr(holding, "episode", None)
            if holding is not None and episode is not None and episode not in known:
                yield Issue(
                    f"expected holding names episode '{episode}', which the case does not "
                    f"list{_hint(episode, known)}",
                    ("expected", part, index, "episode"),
                )


def _hint(episode: str, known: Mapping[str, object]) -> str:
    if not known:
        return "; add it under 'episodes:' with its label"
    return did_you_mean(episode, known) or f"; the case lists {', '.join(sorted(known))}"


@rule("R035", Subject.FACT_VALUE)
def case_wide_in_one_episode(
    ctx: CaseContext, fact_id: str, attribute_id: str, value: object
) -> Iterator[Issue]:
    """A fact that speaks to one episode sets an attribute that is the same for every
    episode of a case (the crime, say): the other episodes will not see it.

    Fails: ``crime_severity: minor`` in a fact with ``episode: kicks``. Passes: the same
    value in a fact that names no episode.
    """
    facts = ctx.case.facts or {}
    fact = facts.get(fact_id)
    attribute = ctx.library.attributes.get(attribute_id)
    if fact is None or fact.episode is None or attribute is None or not attribute.case_wide:
        return
    yield Issue(
        f"'{attribute_id}' is the same for every episode of a case, but fact '{fact_id}' "
        f"speaks only to episode '{fact.episode}', which alone would see it; state it in a "
        "fact that names no episode",
        ("facts", fact_id, "establishes", attribute_id),
        key=True,
    )
