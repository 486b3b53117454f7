"""The summary-judgment computation: a case and the law in, a report out (no I/O)."""

from . import episodes
from .assessment import Assessment
from .claims import decide_claim, explain_claim
from .defenses import decide_defense, disposed, explain_defense, raised_defenses
from .disputes import immaterial_disputes
from .explain import authority_refs
from .law import Law
from .library import Library
from .model.case import Case, Rule561Posture
from .model.report import (
    ClaimResult,
    DefenseResult,
    ParagraphRuling,
    PartyRef,
    Reason,
    Report,
    Rule561Report,
    SetAsideFact,
)
from .model.rubric import DefenseTest, LocalRule, Ruling
from .record import Record, build_record


class Engine:
    """Evaluates cases against one library of rubrics."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.law = Law(library)

    def evaluate(self, case: Case) -> Report:
        """The report; a case with episodes is decided episode by episode, each on its own
        facts and the case-wide ones, and the claims over them."""
        if not case.episodes:
            return self._evaluate(case)
        reports = {
            e: self._evaluate(episodes.record_of(case, e)) for e, _ in episodes.in_order(case)
        }
        return episodes.combine(case, reports)

    def _evaluate(self, case: Case) -> Report:
        assessment = self._assess(case)
        claims = [
            explain_claim(assessment, decide_claim(assessment, claim, defendant))
            for claim, defendant in assessment.asserted_pairs()
        ]
        defenses = [
            explain_defense(assessment, defense, claim)
            for defense, raised_by in raised_defenses(assessment)
            for claim in claims
            if claim.decision.defendant in raised_by
        ]
        results = disposed([c.result for c in claims], defenses)
        return _report(assessment, results, defenses)

    def outcomes(
        self, case: Case, record: Record | None = None, claims: set[str] | None = None
    ) -> dict[tuple[str, ...], str]:
        """Each outcome alone, keyed (claim, defendant) and (claim, defendant, defense),
        for ``claims`` (all by default): the report's decisions without their explanations.
        Outcomes are decided in the non-movant's world alone; the movant's world only
        grades the disputes. A case with episodes is decided one episode at a time, and a
        defense's key ends with its episode."""
        if case.episodes and record is None:
            by_episode = {
                e: self.outcomes(episodes.record_of(case, e), None, claims)
                for e, _ in episodes.in_order(case)
            }
            return episodes.combine_outcomes(case, by_episode)
        assessment = self._assess(case, record)
        decisions = [
            decide_claim(assessment, claim, defendant)
            for claim, defendant in assessment.asserted_pairs()
            if claims is None or claim in claims
        ]
        out: dict[tuple[str, ...], str] = {
            (d.claim, d.defendant): d.outcome.value for d in decisions
        }
        for defense, raised_by in raised_defenses(assessment):
            for decision in decisions:
                if decision.defendant in raised_by:
                    key = (decision.claim, decision.defendant, defense.id)
                    out[key] = decide_defense(defense, decision).value
        return out

    def prongs(
        self, case: Case, defense: DefenseTest, claim: str, defendant: str
    ) -> dict[str, bool] | None:
        """Whether each prong of ``defense`` holds on the non-movant's facts, for ``claim``
        against ``defendant`` (a case decided episode by episode: one episode's record);
        None where the claim is dismissed."""
        decision = decide_claim(self._assess(case), claim, defendant)
        world = decision.non_movant
        if world is None:
            return None
        return {
            prong_id: world.truth(prong.holds_when, defendant, claim, defense) is True
            for prong_id, prong in defense.prongs.items()
        }

    def _assess(self, case: Case, record: Record | None = None) -> Assessment:
        if record is None:
            record = build_record(case, self.library)
        return Assessment(self.law, case, record)


def _report(
    assessment: Assessment, claims: list[ClaimResult], defenses: list[DefenseResult]
) -> Report:
    case, record = assessment.case, assessment.record
    material = {
        d.attribute
        for result in [*claims, *defenses]
        for part in [
            *getattr(result, "elements", ()),
            *getattr(result, "factors", ()),
            *getattr(result, "prongs", ()),
        ]
        for d in part.material_disputes
    }
    return Report(
        case=case.caption,
        court=case.court,
        docket=case.docket,
        incident_date=case.incident_date.isoformat(),
        plaintiff=case.plaintiff.name,
        defendants=[
            PartyRef(id=d, name=case.defendants[d].name, role=case.defendants[d].role)
            for d in assessment.defendants
        ],
        non_parties=[
            PartyRef(id=p, name=person.name, role=person.role)
            for p, person in sorted(case.non_parties.items(), key=lambda i: (i[1].name, i[0]))
        ],
        movant=case.motion.movant.value,
        non_movant=case.non_movant.value,
        standard=_standard(assessment),
        rule_56_1=_rule_56_1(assessment),
        set_aside=[
            SetAsideFact(
                fact=assessment.facts((s.fact,))[0],
                reason=s.reason,
                authorities=authority_refs(s.cites),
            )
            for s in record.set_aside
        ],
        flagged=[
            SetAsideFact(
                fact=assessment.facts((f.fact,))[0],
                reason=f.reason,
                authorities=authority_refs(f.cites),
            )
            for f in record.flagged
        ],
        claims=claims,
        defenses=defenses,
        immaterial_disputes=immaterial_disputes(assessment, material),
    )


def _standard(assessment: Assessment) -> list[Reason]:
    sj = assessment.law.library.summary_judgment
    return [
        Reason(rule=sj.id, because=sj.summary, authorities=authority_refs(sj.cites)),
        _reason("genuine_dispute", sj.genuine_dispute),
        _reason("favorable_inferences", sj.favorable_inferences),
        _reason("no_credibility_weighing", sj.no_credibility_weighing),
    ]


def _reason(rule: str, ruling: Ruling) -> Reason:
    return Reason(rule=rule, because=ruling.because, authorities=authority_refs(ruling.cites))


def _local_rule(assessment: Assessment, posture: Rule561Posture | None) -> LocalRule | None:
    """The district's rule the posture names, else the rubric's default."""
    sj = assessment.law.library.summary_judgment
    rule_id = (posture.rule if posture is not None else None) or sj.default_local_rule
    return sj.local_rules.get(rule_id) if rule_id is not None else None


def _paragraphs(assessment: Assessment) -> list[ParagraphRuling]:
    sj = assessment.law.library.summary_judgment
    facts = assessment.facts
    out = []
    for p in assessment.record.paragraphs:
        rulings = ([sj.paragraph_supported] if p.deems else []) + (
            [sj.paragraph_unsupported] if p.disregarded or not p.deems else []
        )
        out.append(
            ParagraphRuling(
                fact=facts((p.fact,))[0],
                paragraph=p.paragraph,
                deemed=p.deems,
                binds=list(p.deemed),
                disregarded=list(p.disregarded),
                record_support=facts(p.support) if p.support else [],
                explanation=" ".join(r.because for r in rulings),
                authorities=authority_refs(c for r in rulings for c in r.cites),
            )
        )
    return out


def _rule_56_1(assessment: Assessment) -> Rule561Report:
    posture = assessment.case.motion.rule_56_1
    local = _local_rule(assessment, posture)
    if posture is None:
        return _rule_56_1_not_stated(assessment, local)
    ruling = assessment.law.library.summary_judgment.rule_56_1[posture.treatment]
    deemed = list(assessment.record.deemed_admitted)
    explanation = ruling.because
    if deemed:
        explanation += f" {len(deemed)} of {assessment.movant}' facts are deemed admitted."
    cites = [*(local.cites.get(posture.treatment, []) if local else []), *ruling.cites]
    return Rule561Report(
        complied=posture.non_movant_complied,
        treatment=posture.treatment,
        deemed_admitted=deemed,
        authorities=list(dict.fromkeys(c.authority for c in cites)),
        pins=authority_refs(cites),
        explanation=explanation,
        rule=local.name if local else "",
        paragraphs=_paragraphs(assessment),
    )


def _rule_56_1_not_stated(assessment: Assessment, local: LocalRule | None) -> Rule561Report:
    ruling = assessment.law.library.summary_judgment.rule_56_1_not_stated
    return Rule561Report(
        complied=None,
        treatment=None,
        deemed_admitted=[],
        authorities=list(dict.fromkeys(c.authority for c in ruling.cites)),
        pins=authority_refs(ruling.cites),
        explanation=ruling.because,
        rule=local.name if local else "",
        paragraphs=_paragraphs(assessment),
    )
