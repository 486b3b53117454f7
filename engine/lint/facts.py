"""A case's record: what each fact establishes, and the facts it disputes or contradicts."""

from collections.abc import Iterator
from typing import Any

from ..model.case import Fact
from ..vocab import EvidenceKind
from .context import CaseContext
from .registry import Issue, Subject, YamlPath, rule
from .values import check_value, did_you_mean, form_misfit, yaml11_word


def _establishes(fact_id: str, attribute_id: str) -> YamlPath:
    return ("facts", fact_id, "establishes", attribute_id)


def _settable(ctx: CaseContext, attribute_id: str) -> bool:
    """Declared, and not one the case answers elsewhere (R010 says which)."""
    attribute = ctx.library.attributes.get(attribute_id)
    return attribute is not None and not attribute.from_case


@rule("R010", Subject.FACT_VALUE)
def undeclared_attribute(
    ctx: CaseContext, fact_id: str, attribute_id: str, value: Any
) -> Iterator[Issue]:
    """A fact establishes an attribute the vocabulary does not declare, or one the case
    answers elsewhere (the plaintiff's status).

    Fails: ``establishes: {handcufs_tight: true}``
    Passes: ``establishes: {handcuffs_unreasonably_tight: true}``
    """
    attribute = ctx.library.attributes.get(attribute_id)
    if attribute is None:
        yield Issue(
            f"fact '{fact_id}' establishes undeclared attribute '{attribute_id}'"
            f"{did_you_mean(attribute_id, ctx.library.attributes)}",
            _establishes(fact_id, attribute_id),
            key=True,
            refers_to="attributes",
        )
    elif attribute.from_case:
        yield Issue(
            f"'{attribute_id}' comes from the case itself (plaintiff.status), not from facts",
            _establishes(fact_id, attribute_id),
            key=True,
        )


@rule("S005", Subject.FACT_VALUE)
def yaml11_boolean(
    ctx: CaseContext, fact_id: str, attribute_id: str, value: Any
) -> Iterator[Issue]:
    """A boolean attribute given ``yes``, ``no``, ``on`` or ``off``, which YAML 1.2 reads
    as text. Fails: ``complained_of_tightness: yes``; passes: ``... true``."""
    if _settable(ctx, attribute_id):
        word = yaml11_word(ctx.library, attribute_id, value)
        if word:
            yield Issue(f"{attribute_id}: {word}", _establishes(fact_id, attribute_id))


@rule("R002", Subject.FACT_VALUE)
def value_misfits(ctx: CaseContext, fact_id: str, attribute_id: str, value: Any) -> Iterator[Issue]:
    """A fact gives an attribute a value of the wrong type, a level it does not have, or
    an unknown defendant.

    Fails: ``injury_severity: bruised``; passes: ``injury_severity: minor_lasting``.
    """
    if not _settable(ctx, attribute_id) or yaml11_word(ctx.library, attribute_id, value):
        return
    problem = check_value(ctx.library, attribute_id, value, ctx.defendants, ctx.non_parties)
    if problem:
        yield Issue(problem, _establishes(fact_id, attribute_id))


@rule("R024", Subject.FACT_VALUE)
def form_of_value_misfits(
    ctx: CaseContext, fact_id: str, attribute_id: str, value: Any
) -> Iterator[Issue]:
    """A value given in a form its attribute cannot take: a floor on an attribute whose
    values are not ordered levels, or a choice among defendants on one that names none.

    Fails: ``handcuffs_unreasonably_tight: {at_least: true}``. Passes: ``injury_severity:
    {at_least: minor_lasting}``, ``force_applied_by: {at_least_one_of: [ramos, knowles]}``.
    """
    if _settable(ctx, attribute_id):
        problem = form_misfit(ctx.library, attribute_id, value)
        if problem:
            yield Issue(problem, _establishes(fact_id, attribute_id))


@rule("R021", Subject.FACT_VALUE)
def attribute_nobody_reads(
    ctx: CaseContext, fact_id: str, attribute_id: str, value: Any
) -> Iterator[Issue]:
    """A fact establishes a declared attribute that no condition of any rubric reads, so
    it can change no outcome. Fails: a fact setting an attribute only the vocabulary
    mentions; passes: one a test's condition compares."""
    if _settable(ctx, attribute_id) and attribute_id not in ctx.read_attributes:
        yield Issue(
            f"no rubric reads '{attribute_id}', so what fact '{fact_id}' establishes about "
            "it changes no outcome",
            _establishes(fact_id, attribute_id),
            key=True,
            refers_to="any",
        )


@rule("R014", Subject.DISPUTE)
def disputes_itself(ctx: CaseContext, fact_id: str, j: int, other: str) -> Iterator[Issue]:
    """A fact lists itself under ``disputes``."""
    if other == fact_id:
        yield Issue(f"fact '{fact_id}' disputes itself", ("facts", fact_id, "disputes", j))


@rule("R013", Subject.DISPUTE)
def disputes_unknown(ctx: CaseContext, fact_id: str, j: int, other: str) -> Iterator[Issue]:
    """A fact disputes a fact id the case does not hold.

    Fails: ``disputes: [tigth]``; passes: ``disputes: [tight]``.
    """
    if other != fact_id and other not in ctx.facts:
        yield Issue(
            f"fact '{fact_id}' disputes unknown fact '{other}'{did_you_mean(other, ctx.facts)}",
            ("facts", fact_id, "disputes", j),
        )


@rule("R020", Subject.DISPUTE)
def dispute_without_substance(
    ctx: CaseContext, fact_id: str, j: int, other: str
) -> Iterator[Issue]:
    """A fact disputes another but establishes no attribute, so the engine has no version
    of its own to set against the other's and no dispute can come of it.

    Fails: a fact with ``disputes: [tight]`` and no ``establishes``. Passes: it
    establishes ``handcuffs_unreasonably_tight: false``.
    """
    fact = ctx.facts.get(fact_id)
    if fact is not None and not fact.establishes and other != fact_id and other in ctx.facts:
        yield Issue(
            f"fact '{fact_id}' disputes '{other}' but establishes nothing, so no dispute "
            "comes of it; say what it establishes",
            ("facts", fact_id, "disputes", j),
        )


@rule("R016", Subject.CONTRADICTION)
def contradiction_not_record(ctx: CaseContext, fact_id: str, j: int, other: str) -> Iterator[Issue]:
    """Only a record item of a kind the summary-judgment rubric lists under
    ``blatant_contradiction.by`` (video, medical record, photograph, document) can blatantly
    contradict a version (Scott v. Harris): testimony never can, since choosing between
    witnesses is for the jury.

    Fails: a deposition with ``blatantly_contradicts: [tight]``. Passes: a medical record
    or a video with it.
    """
    fact: Fact = ctx.facts[fact_id]
    sj = ctx.library.summary_judgment
    kinds = sj.blatant_contradiction.by if sj is not None else [EvidenceKind.VIDEO]
    if fact.evidence not in kinds:
        listed = ", ".join(k.value for k in kinds)
        yield Issue(
            f"only a record item of a kind the standard lists ({listed}) can blatantly "
            f"contradict a version (fact '{fact_id}' is {fact.evidence.value})",
            ("facts", fact_id, "blatantly_contradicts", j),
        )


@rule("R014", Subject.CONTRADICTION)
def contradicts_itself(ctx: CaseContext, fact_id: str, j: int, other: str) -> Iterator[Issue]:
    """A fact lists itself under ``blatantly_contradicts``."""
    if other == fact_id:
        yield Issue(
            f"fact '{fact_id}' contradicts itself",
            ("facts", fact_id, "blatantly_contradicts", j),
        )


@rule("R013", Subject.CONTRADICTION)
def contradicts_unknown(ctx: CaseContext, fact_id: str, j: int, other: str) -> Iterator[Issue]:
    """A fact blatantly contradicts a fact id the case does not hold."""
    if other != fact_id and other not in ctx.facts:
        yield Issue(
            f"fact '{fact_id}' contradicts unknown fact '{other}'{did_you_mean(other, ctx.facts)}",
            ("facts", fact_id, "blatantly_contradicts", j),
        )
