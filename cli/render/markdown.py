"""The markdown report: reads like the discussion section of an opinion."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from triable.engine.explain import lower_first
from triable.engine.library import Library
from triable.engine.model.report import (
    AuthorityRef,
    ClaimResult,
    Dispute,
    ElementResult,
    FactorResult,
    FactRef,
    Report,
)
from triable.engine.model.rubric import Authority
from triable.engine.vocab import (
    ElementStatus,
)

from ..printable import printable
from .wording import (
    DEFENSE_WORDS,
    LEANING_WORDS,
    OUTCOME_WORDS,
    STATUS_WORDS,
    TREATMENT_WORDS,
    DefenseGroup,
    authorities_of,
    balance_words,
    cite,
    cited_ids,
    claim_names,
    defendant_names,
    defense_groups,
    dismissed_claims,
    dispute_questions,
    episode_suffix,
    evidence_words,
    fact_groups,
    humanize,
    live_claims,
    material_words,
    outcome_words,
    paragraph_lines,
    paragraph_status,
    possessive,
    rule_name,
    score_words,
    sentence_start,
    side_name,
    unique_refs,
    value_words,
)

# --- markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>])")
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def esc(text: str) -> str:
    """Text that markdown shows as written (pins like ``*10`` must not turn into emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


class _Writer:
    def __init__(self, report: Report, authorities: Mapping[str, Authority]) -> None:
        self.report = report
        self.authorities = authorities
        self.names = defendant_names(report)
        self.claims = claim_names(report)
        self.questions = dispute_questions(report)
        self.non_movant = side_name(report, report.non_movant)
        self.movant = side_name(report, report.movant)
        self.lines: list[str] = []
        self.section = 0

    # -- small pieces

    def cites(self, refs: Iterable[AuthorityRef]) -> str:
        shown = []
        for ref in unique_refs(refs):
            c = cite(ref, self.authorities)
            name = f"*{esc(c.name)}*" if c.name and ref.id in self.authorities else esc(c.name)
            shown.append(f"{name}{c.sep}{esc(c.locator)}")
        return "; ".join(shown)

    def with_cites(self, sentence: str, refs: Iterable[AuthorityRef]) -> str:
        cited = self.cites(refs)
        body = esc(sentence.rstrip())
        return f"{body} ({cited})" if cited else body

    def facts(self, facts: Iterable[FactRef]) -> str:
        return "; ".join(f"{esc(f.text.rstrip('.'))} ({esc(f.cite)})" for f in facts)

    def side(self, side: str) -> str:
        return esc(sentence_start(side_name(self.report, side)))

    def para(self, text: str = "") -> None:
        self.lines.append(text)
        self.lines.append("")

    def item(self, text: str, depth: int = 1) -> None:
        self.lines.append(f"{'   ' * depth}- {text}")

    def end_list(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def heading(self, level: int, text: str) -> None:
        self.para(f"{'#' * level} {text}")

    def numbered(self, title: str) -> None:
        self.heading(2, f"{_ROMAN[self.section % len(_ROMAN)]}. {title}")
        self.section += 1

    # -- sections

    def write(self) -> str:
        r = self.report
        self.heading(1, esc(r.case))
        self.para(
            f"*{esc(r.court)}* — incident of {esc(r.incident_date)} — motion for summary "
            f"judgment by {esc(self.movant)} against {esc(self.non_movant)}"
        )
        self.outcomes()
        self.rule_56_1()
        self.dismissals()
        self.set_aside()
        self.flagged()
        self.standard()
        for _, group in live_claims(r):
            self.claim_group(group)
        self.defenses()
        return "\n".join(self.lines).rstrip() + "\n"

    def outcomes(self) -> None:
        rows = [
            row for _, group in live_claims(self.report) for c in group for row in [c, *c.episodes]
        ]
        if not rows:
            return
        table = "| Claim | Defendant | Outcome | Test |\n| --- | --- | --- | --- |"
        table += "".join(
            f"\n| {esc('' if c.episode else c.claim_name)} | "
            f"{esc(f'as to {c.episode.label}' if c.episode else c.defendant_name)} | "
            f"{esc(outcome_words(c))} | "
            f"{esc(c.test_name or '')} |"
            for c in rows
        )
        self.para(table)

    def rule_56_1(self) -> None:
        rule = self.report.rule_56_1
        self.numbered(esc(rule_name(rule)))
        self.para(
            f"**Treatment: {TREATMENT_WORDS[rule.treatment]}.** "
            f"{self.with_cites(rule.explanation, rule.pins)}"
        )
        if rule.deemed_admitted:
            self.para("Deemed admitted:")
            for fact in rule.deemed_admitted:
                self.item(esc(fact), 0)
            self.end_list()
        if rule.paragraphs:
            self.para("Paragraph by paragraph:")
            for p in rule.paragraphs:
                self.item(
                    f"**{esc(p.paragraph)}, {paragraph_status(p)}:** {esc(p.fact.text)} "
                    f"({esc(p.fact.cite)})",
                    0,
                )
                for line in paragraph_lines(p):
                    self.item(esc(line), 1)
                self.item(self.with_cites(p.explanation, p.authorities), 1)
            self.end_list()

    def dismissals(self) -> None:
        dismissed = dismissed_claims(self.report)
        self.numbered("Dismissals and concessions")
        if not dismissed:
            self.para("No claim was conceded or withdrawn.")
            return
        for claim in dismissed:
            self.item(esc(claim.explanation), 0)
        self.end_list()

    def set_aside(self) -> None:
        if not self.report.set_aside:
            return
        self.numbered("Evidence set aside")
        for entry in self.report.set_aside:
            fact = entry.fact
            self.item(
                f"{esc(sentence_start(evidence_words(fact.evidence)))} offered by "
                f"{esc(side_name(self.report, fact.offered_by))}: {self.facts([fact])}. "
                f"{self.with_cites(entry.reason, entry.authorities)}",
                0,
            )
        self.end_list()

    def flagged(self) -> None:
        if not self.report.flagged:
            return
        self.numbered("Evidence counted, but flagged")
        for entry in self.report.flagged:
            fact = entry.fact
            self.item(
                f"{esc(sentence_start(evidence_words(fact.evidence)))} offered by "
                f"{esc(side_name(self.report, fact.offered_by))}: {self.facts([fact])}. "
                f"{self.with_cites(entry.reason, entry.authorities)}",
                0,
            )
        self.end_list()

    def standard(self) -> None:
        self.numbered("Summary-judgment standard")
        for reason in self.report.standard:
            self.para(self.with_cites(reason.because, reason.authorities))

    def claim_group(self, group: list[ClaimResult]) -> None:
        self.numbered(esc(group[0].claim_name))
        for index, claim in enumerate(group):
            letter = chr(ord("A") + index % 26)
            self.heading(3, f"{letter}. Against {esc(claim.defendant_name)}")
            self.claim(claim)

    def claim(self, claim: ClaimResult) -> None:
        if claim.episodes:
            # Decided episode by episode, as a court decides each use of force.
            for part in claim.episodes:
                label = part.episode.label if part.episode else ""
                self.heading(4, f"As to {esc(label)}: {esc(outcome_words(part))}")
                self.claim(part)
            outcome = sentence_start(OUTCOME_WORDS[claim.outcome])
            self.para(f"**Conclusion.** {outcome}. {esc(claim.explanation)}")
            return
        self.para(
            f"**Issue.** Whether a reasonable jury, believing {esc(possessive(self.non_movant))} "
            f"evidence and drawing every justifiable inference in that favour, could find for "
            f"{esc(self.non_movant)} on {esc(lower_first(claim.claim_name))} against "
            f"{esc(claim.defendant_name)}."
        )
        rule = [
            self.with_cites(reason.because, reason.authorities) for reason in claim.chosen_because
        ]
        self.para("**Rule.** " + " ".join(rule))
        test = esc(claim.test_name or humanize(claim.test or ""))
        parts = "elements" if claim.elements and not claim.factors else "elements and factors"
        if not claim.elements:
            parts = "factors"
        nodes = "; ".join(esc(lower_first(n.label)) for n in [*claim.elements, *claim.factors])
        line = f"Test applied: **{test}** ({self.cites(claim.authorities)}); its {parts}: {nodes}."
        score = score_words(claim)
        if score:
            line += f" The factors are weighed: {esc(score)}."
        balance = balance_words(claim)
        if balance and claim.balance is not None:
            line += " " + self.with_cites(balance, claim.balance.authorities)
        self.para(line)
        self.para("**Application.**")
        for number, element in enumerate(claim.elements, 1):
            self.element(number, element)
        for number, factor in enumerate(claim.factors, len(claim.elements) + 1):
            self.factor(number, factor)
        self.para(f"**Conclusion.** {esc(claim.explanation)}")

    def node_heading(self, number: int, label: str, status: str, important: bool) -> None:
        flag = " (particularly important)" if important else ""
        self.para(f"{number}. ***{esc(label)}*** — {status}{flag}.")

    def element(self, number: int, element: ElementResult) -> None:
        self.node_heading(
            number, element.label, STATUS_WORDS[element.status], element.particularly_important
        )
        self.para(f"   {self.with_cites(element.explanation, element.authorities)}")
        for dispute in element.material_disputes:
            self.dispute(dispute)
        if element.status is not ElementStatus.NOT_REACHED:
            self.evidence(element.non_movant_facts, element.movant_facts, element.material_disputes)
        for trace in element.depends_on:
            holds = "holds" if trace.holds_for_non_movant else "does not hold"
            other = "holds" if trace.holds_for_movant else "does not hold"
            claim = self.claims.get(trace.claim, humanize(trace.claim))
            self.item(
                f"Depends on {esc(lower_first(claim))} against "
                f"{esc(self.names.get(trace.defendant, trace.defendant))}: {holds} on "
                f"{esc(possessive(self.non_movant))} facts, {other} on "
                f"{esc(possessive(self.movant))}."
            )
        immaterial = [self.questions.get(a, humanize(a)) for a in element.immaterial_disputes]
        if immaterial:
            self.item(
                "Disputed, but not material to this element: "
                + " ".join(esc(q) for q in immaterial)
            )
        if element.missing_evidence:
            missing = ", ".join(esc(humanize(a)) for a in element.missing_evidence)
            self.item(f"No admissible evidence on: {missing}.")
        self.end_list()

    def factor(self, number: int, factor: FactorResult) -> None:
        leaning = LEANING_WORDS[factor.leaning]
        if factor.movant_leaning != factor.leaning:
            leaning += f" (on {esc(possessive(self.movant))} facts, "
            leaning += f"{LEANING_WORDS[factor.movant_leaning]})"
        self.node_heading(number, factor.label, leaning, factor.particularly_important)
        self.para(f"   {self.with_cites(factor.explanation, factor.authorities)}")
        for dispute in factor.material_disputes:
            self.dispute(dispute, "how the factor leans")
        self.evidence(factor.non_movant_facts, factor.movant_facts, factor.material_disputes)
        self.end_list()

    def evidence(
        self, non_movant: list[FactRef], movant: list[FactRef], disputes: list[Dispute]
    ) -> None:
        for title, facts in fact_groups(self.report, non_movant, movant, disputes):
            if facts:
                self.item(f"{esc(title)}: {self.facts(facts)}.")

    def dispute(self, dispute: Dispute, what: str = "whether the element is met") -> None:
        self.item(f"**Material dispute: {esc(dispute.question)}**")
        for side, value in ((self.non_movant, dispute.non_movant), (self.movant, dispute.movant)):
            facts = self.facts(value.facts) or "no evidence"
            self.item(
                f"{esc(sentence_start(side))}: **{esc(value_words(value.value, self.names))}** — "
                f"{facts}.",
                2,
            )
        self.item(
            esc(material_words(dispute, self.movant, self.non_movant, what)),
            2,
        )

    def defenses(self) -> None:
        for group in defense_groups(self.report):
            self.defense_group(group)

    def defense_group(self, group: DefenseGroup) -> None:
        reached, unreached = group.reached, group.unreached
        self.numbered(esc(group.name))
        for defense in reached:
            claim = self.claims.get(defense.claim, humanize(defense.claim))
            self.heading(
                3,
                f"{esc(self.names.get(defense.defendant, defense.defendant))} — "
                f"{esc(lower_first(claim))}{esc(episode_suffix(defense))}: "
                f"{DEFENSE_WORDS[defense.outcome]}",
            )
            self.para(self.with_cites(defense.explanation, defense.authorities))
            if defense.clearly_established_by:
                self.para(f"Clearly established by: {self.cites(defense.clearly_established_by)}.")
            for dispute in defense.material_disputes:
                self.dispute(dispute, "whether the defense can be decided as a matter of law")
            self.end_list()
            for number, prong in enumerate(defense.prongs, 1):
                self.node_heading(number, prong.label, STATUS_WORDS[prong.status], False)
                self.para(f"   {self.with_cites(prong.explanation, prong.authorities)}")
                for dispute in prong.material_disputes:
                    sides = "; ".join(
                        f"{esc(possessive(name))} answer {esc(value_words(v.value, self.names))}"
                        f" ({esc('; '.join(f.cite for f in v.facts)) or 'no evidence'})"
                        for name, v in (
                            (self.non_movant, dispute.non_movant),
                            (self.movant, dispute.movant),
                        )
                    )
                    self.item(f"Material dispute: {esc(dispute.question)} — {sides}.")
                self.end_list()
        if unreached:
            self.para("Not reached:")
            for defense in unreached:
                self.item(esc(defense.explanation), 0)
            self.end_list()


def authority_table(reports: Sequence[Report], authorities: Mapping[str, Authority]) -> list[str]:
    lines = ["## Table of authorities", ""]
    for authority_id in cited_ids(reports):
        found = authorities.get(authority_id)
        if found is not None:
            lines.append(f"- *{esc(found.name)}*, {esc(found.citation)} — `{authority_id}`")
    return [*lines, ""]


def render(reports: Sequence[Report], library: Library | None = None) -> str:
    """The reports as markdown; with ``library``, short-form citations and a table of them."""
    authorities = authorities_of(library)
    parts = [_Writer(report, authorities).write() for report in reports]
    text = "\n---\n\n".join(parts)
    if authorities:
        text += "\n" + "\n".join(authority_table(reports, authorities))
    return printable(text)
