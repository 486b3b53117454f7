"""Wording shared by the text, markdown and html reports, so that the three formats say
the same thing in the same words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from triable.engine.assessment import UNIDENTIFIED_NAME
from triable.engine.library import Library
from triable.engine.model.case import UNIDENTIFIED_OFFICER
from triable.engine.model.report import (
    AuthorityRef,
    ClaimResult,
    DefenseResult,
    Dispute,
    FactRef,
    ParagraphRuling,
    Report,
    Rule561Report,
)
from triable.engine.model.rubric import Authority
from triable.engine.vocab import (
    ClaimOutcome,
    CourtLevel,
    DefenseOutcome,
    ElementStatus,
    Leaning,
    Rule561Treatment,
)

OUTCOME_WORDS = {
    ClaimOutcome.GRANTED: "summary judgment granted",
    ClaimOutcome.GRANTED_IN_PART: "summary judgment granted in part",
    ClaimOutcome.DENIED: "summary judgment denied",
    ClaimOutcome.DISMISSED: "dismissed",
}
STATUS_WORDS = {
    ElementStatus.UNDISPUTED_MET: "met, undisputed",
    ElementStatus.MET: "met, as a matter of law",
    ElementStatus.GENUINE_DISPUTE: "genuine dispute",
    ElementStatus.NOT_MET: "not met",
    ElementStatus.NOT_REACHED: "not reached",
    ElementStatus.UNDETERMINED: "undetermined",
}
LEANING_WORDS = {
    Leaning.PLAINTIFF: "favours the plaintiff",
    Leaning.DEFENDANT: "favours the defendant",
    Leaning.NEUTRAL: "neutral",
}
DEFENSE_WORDS = {
    DefenseOutcome.GRANTED: "granted",
    DefenseOutcome.DENIED: "denied",
    DefenseOutcome.NOT_REACHED: "not reached",
    DefenseOutcome.UNDETERMINED: "undetermined",
}
TREATMENT_WORDS: dict[Rule561Treatment | None, str] = {
    None: "posture not stated",
    Rule561Treatment.DEEMED_ADMITTED: "facts deemed admitted",
    Rule561Treatment.ASSIDUOUS_REVIEW: "assiduous review of the record",
    Rule561Treatment.RESPONSES_CONSIDERED: "responses considered",
}


def rule_name(rule: Rule561Report) -> str:
    """The district's rule the report was decided under, as the rubric names it."""
    return rule.rule or "Local rule on statements of material facts"


def paragraph_status(paragraph: ParagraphRuling) -> str:
    if paragraph.deemed:
        return "deemed admitted in part" if paragraph.disregarded else "deemed admitted"
    return "disregarded"


def paragraph_lines(paragraph: ParagraphRuling) -> list[str]:
    """What a paragraph binds, what is disregarded, and the record it cites, line by line."""
    lines = []
    if paragraph.binds:
        lines.append("Binds: " + ", ".join(humanize(a) for a in paragraph.binds))
    if paragraph.disregarded:
        lines.append("Disregarded: " + ", ".join(humanize(a) for a in paragraph.disregarded))
    cited = "; ".join(f.cite for f in paragraph.record_support) or "none"
    lines.append(f"Record cited: {cited}")
    return lines


def material_words(dispute: Dispute, movant: str, non_movant: str, what: str) -> str:
    """Why a dispute is material: alone, or only together with others."""
    if dispute.together_with:
        others = ", ".join(humanize(a) for a in dispute.together_with)
        return (
            f"Material together with {others}: taking {possessive(movant)} answers to these "
            f"questions instead of {possessive(non_movant)}, and nothing else, changes {what}; "
            "no one of them does alone."
        )
    return (
        f"Material: taking {possessive(movant)} answer to this question instead of "
        f"{possessive(non_movant)}, and nothing else, changes {what}."
    )


class Cite(NamedTuple):
    """An authority as shown, in parts so that each format can style the name."""

    name: str
    sep: str
    locator: str

    def plain(self) -> str:
        return f"{self.name}{self.sep}{self.locator}"


_WESTLAW = re.compile(r"\b(\d{4} WL \d+)")
_REPORTER = re.compile(r"(?:^|, )(\d+ [A-Z].*?) (\d+)(?=,| \(|$)")
_FIRST_NUMBER = re.compile(r"\d+")


def _reporter_for(citation: str, pin: str) -> str | None:
    """The reporter (e.g. ``576 U.S.``) whose pages hold ``pin``: the nearest first page at or
    below it, since a parallel citation's pins belong to one reporter only."""
    number = _FIRST_NUMBER.match(pin)
    if number is None:
        return None
    page = int(number.group())
    starts = [(int(m.group(2)), m.group(1)) for m in _REPORTER.finditer(citation)]
    below = [(start, reporter) for start, reporter in starts if start <= page]
    return max(below)[1] if below else None


def authorities_of(library: Library | None) -> Mapping[str, Authority]:
    return library.authorities if library is not None else {}


def cite(ref: AuthorityRef, authorities: Mapping[str, Authority]) -> Cite:
    """``ref`` as a pinned short-form citation; its id when the registry is not at hand."""
    found = authorities.get(ref.id)
    if found is None:
        return Cite(ref.id, " ", f"at {ref.pin}")
    if found.level is CourtLevel.RULE:
        head, _, last = found.citation.rpartition(" ")
        if head and ref.pin.startswith(last):
            return Cite("", "", f"{head} {ref.pin}")
        return Cite("", "", f"{found.citation}, {ref.pin}")
    westlaw = _WESTLAW.search(found.citation)
    if westlaw:
        return Cite(found.name, ", ", f"{westlaw.group(1)}, at {ref.pin}")
    reporter = _reporter_for(found.citation, ref.pin)
    if reporter:
        return Cite(found.name, ", ", f"{reporter} at {ref.pin}")
    return Cite(found.name, " ", f"at {ref.pin}")


def unique_refs(refs: Iterable[AuthorityRef]) -> list[AuthorityRef]:
    """Each (id, pin) once, in first-seen order."""
    seen: dict[tuple[str, str], AuthorityRef] = {}
    for ref in refs:
        seen.setdefault((ref.id, ref.pin), ref)
    return list(seen.values())


def cited_ids(reports: Sequence[Report]) -> list[str]:
    """Every authority id the reports cite, sorted, for a table of authorities."""
    return sorted({ref.id for report in reports for ref in all_refs(report)})


def all_refs(report: Report) -> Iterable[AuthorityRef]:
    for reason in report.standard:
        yield from reason.authorities
    yield from report.rule_56_1.pins
    for item in [*report.set_aside, *report.flagged]:
        yield from item.authorities
    for claim in report.claims:
        yield from claim.authorities
        for reason in claim.chosen_because:
            yield from reason.authorities
        for node in [*claim.elements, *claim.factors]:
            yield from node.authorities
    for defense in report.defenses:
        yield from defense.authorities
        yield from defense.clearly_established_by
        for prong in defense.prongs:
            yield from prong.authorities


def side_name(report: Report, side: str) -> str:
    """A party to the motion by name: the plaintiff's own name, or "the defendants"."""
    return report.plaintiff if side == "plaintiff" else f"the {side}"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def fact_groups(
    report: Report, non_movant: list[FactRef], movant: list[FactRef], disputes: list[Dispute]
) -> list[tuple[str, list[FactRef]]]:
    """The facts behind a node that no dispute already shows, titled: those in both versions,
    then those only in the non-movant's, then only in the movant's."""
    shown = {f.id for d in disputes for f in (*d.non_movant.facts, *d.movant.facts)}
    in_movant = {f.id for f in movant}
    in_non_movant = {f.id for f in non_movant}
    other = "Other facts" if disputes else "Facts"
    groups = [
        (f"{other} in both versions", [f for f in non_movant if f.id in in_movant]),
        (
            f"{other} only in {possessive(side_name(report, report.non_movant))} version",
            [f for f in non_movant if f.id not in in_movant],
        ),
        (
            f"{other} only in {possessive(side_name(report, report.movant))} version",
            [f for f in movant if f.id not in in_non_movant],
        ),
    ]
    return [
        (title, kept)
        for title, facts in groups
        if (kept := [f for f in facts if f.id not in shown])
    ]


def defendant_names(report: Report) -> dict[str, str]:
    names = {UNIDENTIFIED_OFFICER: UNIDENTIFIED_NAME}
    names |= {p.id: p.name for p in report.non_parties}
    return names | {c.defendant: c.defendant_name for c in report.claims}


def claim_names(report: Report) -> dict[str, str]:
    return {c.claim: c.claim_name for c in report.claims}


def value_words(value: Any, names: Mapping[str, str]) -> str:
    """An attribute value as a student reads it."""
    if value is None:
        return "no evidence"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v).replace("_", " ")) for v in value) or "none"
    if isinstance(value, dict) and "at_least" in value:
        return "at least " + value_words(value["at_least"], names)
    if isinstance(value, dict) and "by_party" in value:
        return "; ".join(
            f"{names.get(p, humanize(p))}: {value_words(v, names)}"
            for p, v in value["by_party"].items()
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return names.get(str(value), str(value).replace("_", " "))


def humanize(identifier: str) -> str:
    return identifier.replace("_", " ")


_EVIDENCE_WORDS = {
    "unknown": "evidence of a kind the record does not state",
    "rule_56_1_statement": "statement of material facts",
}


def evidence_words(kind: str) -> str:
    """An evidence kind as a phrase: most are their id in words."""
    return _EVIDENCE_WORDS.get(kind) or humanize(kind)


def live_claims(report: Report) -> list[tuple[str, list[ClaimResult]]]:
    """The evaluated claims, grouped by claim in report order, each with its defendants."""
    groups: dict[str, list[ClaimResult]] = {}
    for claim in report.claims:
        if claim.outcome is not ClaimOutcome.DISMISSED:
            groups.setdefault(claim.claim, []).append(claim)
    return list(groups.items())


def episode_suffix(result: ClaimResult | DefenseResult) -> str:
    """ " — as to <episode>" for a result about one episode; empty otherwise."""
    return f" — as to {result.episode.label}" if result.episode else ""


def dismissed_claims(report: Report) -> list[ClaimResult]:
    return [c for c in report.claims if c.outcome is ClaimOutcome.DISMISSED]


class DefenseGroup(NamedTuple):
    """One defense's results across the claims and defendants it is raised for."""

    id: str
    name: str
    reached: list[DefenseResult]
    unreached: list[DefenseResult]


def defense_groups(report: Report) -> list[DefenseGroup]:
    """Each defense raised, in the report's order, under its own name."""
    by_id: dict[str, list[DefenseResult]] = {}
    for defense in report.defenses:
        by_id.setdefault(defense.defense, []).append(defense)
    return [
        DefenseGroup(
            id=defense_id,
            name=results[0].defense_name,
            reached=[d for d in results if d.outcome is not DefenseOutcome.NOT_REACHED],
            unreached=[d for d in results if d.outcome is DefenseOutcome.NOT_REACHED],
        )
        for defense_id, results in by_id.items()
    ]


def dispute_questions(report: Report) -> dict[str, str]:
    """The question behind every disputed attribute, for naming immaterial disputes."""
    questions = {d.attribute: d.question for d in report.immaterial_disputes}
    nodes = [n for claim in report.claims for n in [*claim.elements, *claim.factors]]
    nodes += [prong for defense in report.defenses for prong in defense.prongs]
    for node in nodes:
        for dispute in node.material_disputes:
            questions.setdefault(dispute.attribute, dispute.question)
    return questions


def outcome_words(claim: ClaimResult) -> str:
    """The claim's outcome as the court would enter it: a claim that survives on the merits
    but fails on a defense is one on which summary judgment is granted."""
    if claim.disposed_by is not None:
        return f"summary judgment granted ({claim.disposed_by.defense_name.lower()})"
    return OUTCOME_WORDS[claim.outcome]


_BALANCE_LEADS = {
    "for_jury_when": "The balance of factors is for the jury, by a rule the courts state",
    "judgment_for_defendant_when": "The balance of factors cannot be struck for the plaintiff, "
    "by a rule the courts state",
}


def balance_words(claim: ClaimResult) -> str | None:
    """Which of the test's stated rules struck the balance of factors, in a sentence."""
    balance = claim.balance
    if balance is None:
        return None
    rule = balance.because.rstrip()
    lead = _BALANCE_LEADS.get(balance.rule)
    if lead is not None:
        return f"{lead}: {rule[:1].lower()}{rule[1:]}"
    leaning = (
        "some consideration favours" if balance.holds_for_non_movant else "no consideration favours"
    )
    return f"No stated rule decides, and on the non-movant's facts {leaning} him: {rule}"


def score_words(claim: ClaimResult) -> str | None:
    if claim.score is None or claim.threshold is None:
        return None
    movant = "" if claim.movant_score is None else f"; on the movant's facts {claim.movant_score:g}"
    return f"score on the non-movant's facts {claim.score:g}{movant}; threshold {claim.threshold:g}"
