"""A case's record as the summary-judgment standard reads it: statements of material facts
and the record they cite, the district's rule, and the marks that set testimony aside."""

from collections.abc import Iterator

from ..model.case import Fact
from ..record import SetAside, paragraph_support
from ..vocab import Rule561Treatment, Side
from .context import CaseContext, present_entries
from .registry import Issue, Subject, rule
from .values import did_you_mean


def _facts(ctx: CaseContext) -> list[tuple[str, Fact]]:
    return list(present_entries(ctx.case.facts))


@rule("R030", Subject.CASE)
def record_support_unknown(ctx: CaseContext) -> Iterator[Issue]:
    """A paragraph's ``record_support`` names a fact the case does not hold, or the fact
    itself, or is given on a fact that is no paragraph of a statement of material facts.

    Fails: ``record_support: [ramos_decl]`` where no fact has that id. Passes: it names
    ``ramos_key_broke_in_lock``, a fact of the case, on a fact with ``rule_56_1_paragraph``.
    """
    for fact_id, fact in _facts(ctx):
        support = fact.record_support or []
        if support and fact.rule_56_1_paragraph is None:
            yield Issue(
                f"fact '{fact_id}' names record support but is no paragraph of a statement of "
                "material facts; add rule_56_1_paragraph or drop record_support",
                ("facts", fact_id, "record_support"),
                key=True,
            )
        for j, other in enumerate(support):
            if other == fact_id:
                yield Issue(
                    f"paragraph '{fact_id}' cites itself as its record support; name the "
                    "declaration, deposition or document it cites",
                    ("facts", fact_id, "record_support", j),
                )
            elif other not in ctx.facts:
                yield Issue(
                    f"paragraph '{fact_id}' cites unknown fact '{other}'"
                    f"{did_you_mean(other, ctx.facts)}",
                    ("facts", fact_id, "record_support", j),
                )


@rule("R031", Subject.CASE)
def paragraph_unsupported(ctx: CaseContext) -> Iterator[Issue]:
    """Under a posture that deems the movant's statement admitted, a paragraph the record it
    cites does not support, in whole or in part: what is unsupported is disregarded, not
    deemed (Holtz v. Rockefeller & Co., 258 F.3d 62, 74).

    Fails (a warning): a paragraph establishing ``handcuffs_unreasonably_tight: false`` that
    is a ``rule_56_1_statement`` citing nothing. Passes: its ``record_support`` names a
    declaration establishing the same value.
    """
    posture = ctx.case.motion.rule_56_1 if ctx.case.motion else None
    if posture is None or posture.treatment is not Rule561Treatment.DEEMED_ADMITTED:
        return
    sj = ctx.library.summary_judgment
    if sj is None:
        return
    facts = dict(present_entries(ctx.case.facts))
    set_aside = {
        fid: SetAside(fid, "", ())
        for fid, fact in facts.items()
        if fact.evidence not in sj.admissible
    }
    rank = {
        fid: i
        for i, (_, _, fid) in enumerate(sorted((f.cite, f.text, fid) for fid, f in facts.items()))
    }
    movant = Side(ctx.case.motion.movant)
    paragraphs, _ = paragraph_support(facts, True, movant, set_aside, rank)
    for p in paragraphs:
        if not p.disregarded:
            continue
        what = ", ".join(p.disregarded)
        if p.deems:
            why = "the record it cites does not establish it alike, so that is disregarded"
        else:
            why = "it cites no admissible record, so it is disregarded"
        yield Issue(
            f"paragraph '{p.fact}' ({p.paragraph}) asserts {what}, but {why}, not deemed; "
            "name the record it cites in record_support",
            ("facts", p.fact, "establishes", p.disregarded[0]),
            key=True,
        )


@rule("R032", Subject.CASE)
def unknown_local_rule(ctx: CaseContext) -> Iterator[Issue]:
    """The posture names a district's rule the summary-judgment rubric does not list.

    Fails: ``rule: ndny_56_1``; passes: ``rule: ndny_local_rule_56_1`` (listed under the
    rubric's ``local_rules``).
    """
    posture = ctx.case.motion.rule_56_1 if ctx.case.motion else None
    sj = ctx.library.summary_judgment
    if posture is None or posture.rule is None or sj is None:
        return
    if posture.rule not in sj.local_rules:
        known = ", ".join(sorted(sj.local_rules)) or "none"
        yield Issue(
            f"'{posture.rule}' is not a local rule the summary-judgment rubric lists "
            f"(it lists: {known}){did_you_mean(posture.rule, sj.local_rules)}",
            ("motion", "rule_56_1", "rule"),
        )


@rule("R033", Subject.CASE)
def sham_affidavit_misfit(ctx: CaseContext) -> Iterator[Issue]:
    """``contradicts_own_deposition`` names something the sham-affidavit rule cannot reach:
    an unknown fact or the fact itself, an earlier statement that is no deposition, a later
    one that is no affidavit or declaration, or another side's testimony. Inconsistencies
    within deposition testimony are for the jury (Hayes v. N.Y.C. Dep't of Corr., 84 F.3d
    614, 619), so a deposition contradicting a deposition is never set aside.

    Fails: a deposition with ``contradicts_own_deposition: earlier_deposition``. Passes: a
    declaration by the same party with ``contradicts_own_deposition: his_deposition``.
    """
    sj = ctx.library.summary_judgment
    ruling = sj.sham_affidavit if sj is not None else None
    for fact_id, fact in _facts(ctx):
        earlier_id = fact.contradicts_own_deposition
        if earlier_id is None:
            continue
        at = ("facts", fact_id, "contradicts_own_deposition")
        earlier = ctx.facts.get(earlier_id)
        if earlier_id == fact_id:
            yield Issue(f"fact '{fact_id}' contradicts itself", at)
        elif earlier_id not in ctx.facts:
            yield Issue(
                f"fact '{fact_id}' contradicts unknown fact '{earlier_id}'"
                f"{did_you_mean(earlier_id, ctx.facts)}",
                at,
            )
        elif earlier is None:  # a fact that did not validate: its findings say why
            continue
        elif earlier.offered_by is not fact.offered_by:
            yield Issue(
                f"'{earlier_id}' is offered by {earlier.offered_by.value}, '{fact_id}' by "
                f"{fact.offered_by.value}: the rule reaches only a witness contradicting his "
                "own earlier deposition",
                at,
            )
        elif ruling is not None and fact.evidence not in ruling.later:
            yield Issue(
                f"'{fact_id}' is a {fact.evidence.value}: inconsistencies within a witness's "
                "testimony go to credibility, for the jury; only a later statement of these "
                "kinds is set aside: " + ", ".join(k.value for k in ruling.later),
                at,
            )
        elif ruling is not None and earlier.evidence not in ruling.earlier:
            yield Issue(
                f"'{earlier_id}' is a {earlier.evidence.value}; the earlier testimony a later "
                "statement contradicts must be one of: "
                + ", ".join(k.value for k in ruling.earlier),
                at,
            )


@rule("R034", Subject.CASE)
def mark_without_effect(ctx: CaseContext) -> Iterator[Issue]:
    """A mark on a fact that the standard gives no effect: ``contradictory_and_incomplete``
    on the movant's fact or on one that is not testimony (the narrow exception reaches only
    the non-movant's own testimony); ``blatantly_contradicts`` on a record item whose
    authenticity is disputed; ``contradiction_explained`` with nothing it explains.

    Fails (a warning): ``contradictory_and_incomplete: true`` on an officer's declaration
    where the officers move. Passes: on the plaintiff's deposition.
    """
    sj = ctx.library.summary_judgment
    incredible = sj.incredible_testimony if sj is not None else None
    movant = Side(ctx.case.motion.movant) if ctx.case.motion else None
    for fact_id, fact in _facts(ctx):
        if fact.contradictory_and_incomplete and (
            fact.offered_by is movant or fact.offered_by in (Side.UNDISPUTED, Side.THIRD_PARTY)
        ):
            yield Issue(
                f"only the non-movant's own testimony can be set aside as incredible; "
                f"'{fact_id}' is offered by {fact.offered_by.value}",
                ("facts", fact_id, "contradictory_and_incomplete"),
            )
        elif (
            fact.contradictory_and_incomplete
            and incredible is not None
            and fact.evidence not in incredible.testimony
        ):
            yield Issue(
                f"'{fact_id}' is a {fact.evidence.value}, not a witness's own testimony",
                ("facts", fact_id, "contradictory_and_incomplete"),
            )
        if fact.blatantly_contradicts and fact.authenticity_disputed:
            yield Issue(
                f"'{fact_id}' is disputed as to authenticity, so it blatantly contradicts "
                "nothing: what it shows is for the jury",
                ("facts", fact_id, "blatantly_contradicts"),
                key=True,
            )
        if fact.contradiction_explained and fact.contradicts_own_deposition is None:
            yield Issue(
                f"'{fact_id}' explains a contradiction but names no deposition it contradicts",
                ("facts", fact_id, "contradiction_explained"),
            )
