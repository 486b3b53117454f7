"""The terminal report: every claim against every defendant, element by element, with rich.

Colour follows the terminal: off when standard output is not a TTY or ``NO_COLOR`` is set, and
then the width is fixed so that the same report always gives the same bytes.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from triable.engine.explain import lower_first
from triable.engine.library import Library
from triable.engine.model.report import (
    AuthorityRef,
    ClaimResult,
    DefenseResult,
    Dispute,
    ElementResult,
    FactorResult,
    FactRef,
    Report,
)
from triable.engine.model.rubric import Authority
from triable.engine.vocab import ClaimOutcome, DefenseOutcome, ElementStatus, Leaning

from ..printable import printable
from .wording import (
    DEFENSE_WORDS,
    LEANING_WORDS,
    OUTCOME_WORDS,
    TREATMENT_WORDS,
    authorities_of,
    balance_words,
    cite,
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

PIPED_WIDTH = 100

OUTCOME_STYLE = {
    ClaimOutcome.GRANTED: "bold red",
    ClaimOutcome.GRANTED_IN_PART: "bold yellow",
    ClaimOutcome.DENIED: "bold green",
    ClaimOutcome.DISMISSED: "dim",
}


def _final(claim: ClaimResult) -> ClaimOutcome:
    """The outcome whose colour the claim takes: granted where a defense disposes of it."""
    return ClaimOutcome.GRANTED if claim.disposed_by is not None else claim.outcome


STATUS_STYLE = {
    ElementStatus.UNDISPUTED_MET: "green",
    ElementStatus.MET: "green",
    ElementStatus.GENUINE_DISPUTE: "yellow",
    ElementStatus.NOT_MET: "red",
    ElementStatus.NOT_REACHED: "dim",
    ElementStatus.UNDETERMINED: "yellow",
}
STATUS_BADGE = {
    ElementStatus.UNDISPUTED_MET: "MET",
    ElementStatus.MET: "MET (LAW)",
    ElementStatus.GENUINE_DISPUTE: "DISPUTED",
    ElementStatus.NOT_MET: "NOT MET",
    ElementStatus.NOT_REACHED: "NOT REACHED",
    ElementStatus.UNDETERMINED: "UNDETERMINED",
}
LEANING_STYLE = {Leaning.PLAINTIFF: "green", Leaning.DEFENDANT: "red", Leaning.NEUTRAL: "dim"}
LEANING_BADGE = {
    Leaning.PLAINTIFF: "PLAINTIFF",
    Leaning.DEFENDANT: "DEFENDANT",
    Leaning.NEUTRAL: "NEUTRAL",
}
DEFENSE_STYLE = {
    DefenseOutcome.GRANTED: "bold red",
    DefenseOutcome.DENIED: "bold green",
    DefenseOutcome.NOT_REACHED: "dim",
    DefenseOutcome.UNDETERMINED: "bold yellow",
}


def _terminal() -> tuple[bool, int]:
    """Whether to colour, and how wide to wrap, for the standard output at hand."""
    tty = sys.stdout.isatty()
    colour = tty and not os.environ.get("NO_COLOR")
    width = min(max(shutil.get_terminal_size((PIPED_WIDTH, 24)).columns, 60), 120)
    return colour, width if tty else PIPED_WIDTH


class _Writer:
    def __init__(self, report: Report, authorities: Mapping[str, Authority]) -> None:
        self.report = report
        self.authorities = authorities
        self.names = defendant_names(report)
        self.claims = claim_names(report)
        self.questions = dispute_questions(report)
        self.non_movant = side_name(report, report.non_movant)
        self.movant = side_name(report, report.movant)

    def cites(self, refs: Iterable[AuthorityRef]) -> str:
        return "; ".join(cite(ref, self.authorities).plain() for ref in unique_refs(refs))

    def sentence(self, text: str, refs: Iterable[AuthorityRef] = ()) -> Text:
        out = Text(text.rstrip())
        cited = self.cites(refs)
        if cited:
            out.append(f" [{cited}]", style="cyan")
        return out

    def fact(self, fact: FactRef) -> Text:
        return Text.assemble(fact.text.rstrip("."), " (", (fact.cite, "bold"), ")")

    def heading(self, text: str) -> Text:
        return Text(text, style="bold underline")

    # -- sections

    def renderables(self) -> list[RenderableType]:
        r = self.report
        out: list[RenderableType] = [
            Rule(Text(r.case, style="bold"), style="bold"),
            Text(f"{r.court} · incident of {r.incident_date}"),
            Text(f"Motion for summary judgment by {self.movant} against {self.non_movant}"),
            Text(""),
            *self.rule_56_1(),
            *self.dismissals(),
            *self.set_aside(),
            *self.flagged(),
            *self.summary(),
        ]
        for _, group in live_claims(r):
            for claim in group:
                out.extend(self.claim(claim))
        out.extend(self.defenses())
        return out

    def rule_56_1(self) -> list[RenderableType]:
        rule = self.report.rule_56_1
        out: list[RenderableType] = [
            self.heading(f"{rule_name(rule)}: {TREATMENT_WORDS[rule.treatment]}"),
            Padding(self.sentence(rule.explanation, rule.pins), (0, 0, 0, 2)),
        ]
        if rule.deemed_admitted:
            out.append(
                Padding(Text("Deemed admitted: " + "; ".join(rule.deemed_admitted)), (0, 0, 0, 2))
            )
        for p in rule.paragraphs:
            head = Text(f"{p.paragraph}, {paragraph_status(p)}: ")
            out.append(self.bullet(Text.assemble(head, self.fact(p.fact))))
            for line in paragraph_lines(p):
                out.append(Padding(Text(line), (0, 0, 0, 4)))
            out.append(Padding(self.sentence(p.explanation, p.authorities), (0, 0, 0, 4)))
        out.append(Text(""))
        return out

    def dismissals(self) -> list[RenderableType]:
        dismissed = dismissed_claims(self.report)
        if not dismissed:
            return []
        lines = [self.bullet(Text(c.explanation, style="dim")) for c in dismissed]
        return [self.heading("Dismissed, not evaluated"), *lines, Text("")]

    def set_aside(self) -> list[RenderableType]:
        if not self.report.set_aside:
            return []
        out: list[RenderableType] = [self.heading("Evidence set aside")]
        for entry in self.report.set_aside:
            who = side_name(self.report, entry.fact.offered_by)
            head = Text(f"{sentence_start(evidence_words(entry.fact.evidence))} offered by {who}: ")
            out.append(self.bullet(Text.assemble(head, self.fact(entry.fact))))
            out.append(Padding(self.sentence(entry.reason, entry.authorities), (0, 0, 0, 4)))
        out.append(Text(""))
        return out

    def flagged(self) -> list[RenderableType]:
        if not self.report.flagged:
            return []
        out: list[RenderableType] = [self.heading("Evidence counted, but flagged")]
        for entry in self.report.flagged:
            who = side_name(self.report, entry.fact.offered_by)
            head = Text(f"{sentence_start(evidence_words(entry.fact.evidence))} offered by {who}: ")
            out.append(self.bullet(Text.assemble(head, self.fact(entry.fact))))
            out.append(Padding(self.sentence(entry.reason, entry.authorities), (0, 0, 0, 4)))
        out.append(Text(""))
        return out

    def summary(self) -> list[RenderableType]:
        table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
        for column in ("Claim", "Defendant", "Outcome", "Test"):
            table.add_column(column)
        for _, group in live_claims(self.report):
            for claim in group:
                table.add_row(
                    claim.claim_name,
                    claim.defendant_name,
                    Text(outcome_words(claim), style=OUTCOME_STYLE[_final(claim)]),
                    claim.test_name or "",
                )
                for part in claim.episodes:
                    table.add_row(
                        "",
                        f"  as to {part.episode.label}" if part.episode else "",
                        Text(outcome_words(part), style=OUTCOME_STYLE[_final(part)]),
                        part.test_name or "",
                    )
        if not table.row_count:
            return []
        return [self.heading("Outcomes"), Padding(table, (0, 0, 0, 2)), Text("")]

    def claim(self, claim: ClaimResult) -> list[RenderableType]:
        outcome = Text(OUTCOME_WORDS[claim.outcome].upper(), style=OUTCOME_STYLE[claim.outcome])
        title = Text.assemble(
            (f"{claim.claim_name} — {claim.defendant_name}{episode_suffix(claim)}: ", "bold"),
            outcome,
        )
        out: list[RenderableType] = [Rule(title, align="left")]
        if claim.episodes:
            # Decided episode by episode: the whole claim's conclusion, then each episode.
            out += [Text.assemble(("Conclusion: ", "bold"), claim.explanation), Text("")]
            for part in claim.episodes:
                out.extend(self.claim(part))
            return out
        test = claim.test_name or humanize(claim.test or "")
        out.append(Text.assemble(("Test: ", "bold"), self.sentence(test, claim.authorities)))
        score = score_words(claim)
        if score:
            out.append(Text.assemble(("Weighed: ", "bold"), score))
        balance = balance_words(claim)
        if balance and claim.balance is not None:
            out.append(
                Text.assemble(
                    ("Balance: ", "bold"), self.sentence(balance, claim.balance.authorities)
                )
            )
        if claim.chosen_because:
            out.append(Text("Why this test:", style="bold"))
            out.extend(
                self.bullet(self.sentence(r.because, r.authorities)) for r in claim.chosen_because
            )
        nodes = Table.grid(padding=(0, 1))
        nodes.add_column(width=12, no_wrap=True)
        nodes.add_column(ratio=1)
        for element in claim.elements:
            nodes.add_row(*self.element(element))
        for factor in claim.factors:
            nodes.add_row(*self.factor(factor))
        kind = "Elements" if not claim.factors else "Elements and factors"
        if not claim.elements:
            kind = "Factors"
        out.extend([Text(f"{kind}:", style="bold"), Padding(nodes, (0, 0, 0, 2))])
        out.append(Text.assemble(("Conclusion: ", "bold"), claim.explanation))
        out.append(Text(""))
        return out

    def element(self, element: ElementResult) -> tuple[Text, Group]:
        badge = Text(STATUS_BADGE[element.status], style=STATUS_STYLE[element.status])
        label = Text(element.label, style="bold")
        if element.particularly_important:
            label.append(" (particularly important)", style="italic")
        body: list[RenderableType] = [
            label,
            self.sentence(element.explanation, element.authorities),
        ]
        body.extend(
            self.dispute(d, "whether the element is met") for d in element.material_disputes
        )
        if element.status is not ElementStatus.NOT_REACHED:
            body.extend(
                self.evidence(
                    element.non_movant_facts, element.movant_facts, element.material_disputes
                )
            )
        for trace in element.depends_on:
            claim = self.claims.get(trace.claim, humanize(trace.claim))
            holds = "holds" if trace.holds_for_non_movant else "does not hold"
            other = "holds" if trace.holds_for_movant else "does not hold"
            body.append(
                Text(
                    f"Depends on {lower_first(claim)} against "
                    f"{self.names.get(trace.defendant, trace.defendant)}: {holds} on "
                    f"{possessive(self.non_movant)} facts, {other} on {possessive(self.movant)}.",
                    style="dim",
                )
            )
        immaterial = [self.questions.get(a, humanize(a)) for a in element.immaterial_disputes]
        if immaterial:
            body.append(
                Text("Disputed but not material here: " + " ".join(immaterial), style="dim")
            )
        if element.missing_evidence:
            missing = ", ".join(humanize(a) for a in element.missing_evidence)
            body.append(Text(f"No admissible evidence on: {missing}.", style="red"))
        return badge, Group(*body, Text(""))

    def factor(self, factor: FactorResult) -> tuple[Text, Group]:
        badge = Text(LEANING_BADGE[factor.leaning], style=LEANING_STYLE[factor.leaning])
        label = Text(f"{factor.label} (weight {factor.weight:g})", style="bold")
        if factor.particularly_important:
            label.append(" (particularly important)", style="italic")
        body: list[RenderableType] = [label, self.sentence(factor.explanation, factor.authorities)]
        if factor.movant_leaning != factor.leaning:
            body.append(
                Text(
                    f"On {possessive(self.movant)} facts it "
                    f"{LEANING_WORDS[factor.movant_leaning]}.",
                    style="dim",
                )
            )
        body.extend(self.dispute(d, "how the factor leans") for d in factor.material_disputes)
        body.extend(
            self.evidence(factor.non_movant_facts, factor.movant_facts, factor.material_disputes)
        )
        return badge, Group(*body, Text(""))

    def dispute(self, dispute: Dispute, what: str) -> Group:
        lines: list[RenderableType] = [
            Text.assemble(("Material dispute: ", "bold yellow"), dispute.question)
        ]
        for side, value in ((self.non_movant, dispute.non_movant), (self.movant, dispute.movant)):
            shown = Text.assemble(
                (f"{sentence_start(side)}: ", "bold"),
                (value_words(value.value, self.names), "bold"),
                " — ",
            )
            facts = value.facts or []
            for index, fact in enumerate(facts):
                if index:
                    shown.append("; ")
                shown.append_text(self.fact(fact))
            if not facts:
                shown.append("no evidence")
            lines.append(self.bullet(shown))
        material = material_words(dispute, self.movant, self.non_movant, what)
        lines.append(Padding(Text(material, style="dim"), (0, 0, 0, 2)))
        return Group(*lines)

    def evidence(
        self, non_movant: list[FactRef], movant: list[FactRef], disputes: list[Dispute]
    ) -> list[RenderableType]:
        out: list[RenderableType] = []
        for title, facts in fact_groups(self.report, non_movant, movant, disputes):
            if facts:
                shown = Text(f"{title}: ", style="dim")
                for index, fact in enumerate(facts):
                    if index:
                        shown.append("; ")
                    shown.append_text(self.fact(fact))
                out.append(shown)
        return out

    def defenses(self) -> list[RenderableType]:
        out: list[RenderableType] = []
        for group in defense_groups(self.report):
            out.append(Rule(Text(group.name, style="bold"), align="left"))
            table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
            for column in ("Defendant", "Claim", "Outcome"):
                table.add_column(column, no_wrap=True)
            table.add_column("Why", ratio=1)
            for defense in [*group.reached, *group.unreached]:
                table.add_row(
                    self.names.get(defense.defendant, defense.defendant),
                    self.claims.get(defense.claim, humanize(defense.claim))
                    + episode_suffix(defense),
                    Text(DEFENSE_WORDS[defense.outcome], style=DEFENSE_STYLE[defense.outcome]),
                    self.sentence(defense.explanation),
                )
            out.append(Padding(table, (0, 0, 0, 2)))
            for defense in group.reached:
                out.extend(self.defense(defense))
        return out

    def defense(self, defense: DefenseResult) -> list[RenderableType]:
        title = (
            f"{self.names.get(defense.defendant, defense.defendant)} on "
            f"{lower_first(self.claims.get(defense.claim, humanize(defense.claim)))}"
            f"{episode_suffix(defense)}: "
        )
        out: list[RenderableType] = [
            Text(""),
            Text.assemble(
                (title, "bold"),
                (DEFENSE_WORDS[defense.outcome], DEFENSE_STYLE[defense.outcome]),
            ),
            Padding(self.sentence(defense.explanation, defense.authorities), (0, 0, 0, 2)),
        ]
        if defense.clearly_established_by:
            out.append(
                Padding(
                    Text.assemble(
                        ("Clearly established by: ", "bold"),
                        self.cites(defense.clearly_established_by),
                    ),
                    (0, 0, 0, 2),
                )
            )
        for dispute in defense.material_disputes:
            out.append(
                Padding(
                    self.dispute(dispute, "whether the defense can be decided as a matter of law"),
                    (0, 0, 0, 2),
                )
            )
        prongs = Table.grid(padding=(0, 1))
        prongs.add_column(width=12, no_wrap=True)
        prongs.add_column(ratio=1)
        for prong in defense.prongs:
            badge = Text(STATUS_BADGE[prong.status], style=STATUS_STYLE[prong.status])
            body: list[RenderableType] = [
                Text(prong.label, style="bold"),
                self.sentence(prong.explanation, prong.authorities),
            ]
            for dispute in prong.material_disputes:
                sides = "; ".join(
                    f"{possessive(side)} answer {value_words(v.value, self.names)} "
                    f"({'; '.join(f.cite for f in v.facts) or 'no evidence'})"
                    for side, v in (
                        (self.non_movant, dispute.non_movant),
                        (self.movant, dispute.movant),
                    )
                )
                body.append(self.bullet(Text(f"Disputed: {dispute.question} — {sides}")))
            prongs.add_row(badge, Group(*body))
        out.append(Padding(prongs, (0, 0, 0, 2)))
        return out

    @staticmethod
    def bullet(text: Text) -> RenderableType:
        row = Table.grid(padding=(0, 1))
        row.add_column(width=1, no_wrap=True)
        row.add_column(ratio=1)
        row.add_row("•", text)
        return Padding(row, (0, 0, 0, 2))


def render(
    reports: Sequence[Report],
    library: Library | None = None,
    *,
    colour: bool | None = None,
    width: int | None = None,
) -> str:
    """The reports for a terminal; ``colour`` and ``width`` default to what standard output is."""
    auto_colour, auto_width = _terminal()
    colour = auto_colour if colour is None else colour
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or auto_width,
        force_terminal=colour,
        no_color=not colour,
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    authorities = authorities_of(library)
    for index, report in enumerate(reports):
        if index:
            console.print()
        for renderable in _Writer(report, authorities).renderables():
            console.print(renderable)
    # Tables pad every line to the full width; the padding carries nothing.
    text = "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    # Coloured text carries its own escapes; what it shows from the files was made
    # printable when they were read.
    return text if colour else printable(text)
