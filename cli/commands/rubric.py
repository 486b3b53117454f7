"""`triable rubric list|show`: the legal tests, rendered from the rubric files themselves."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .options import RUBRICS_OPTION

if TYPE_CHECKING:
    from triable.engine.library import AnyTest, Library
    from triable.engine.model.base import Cite
    from triable.engine.model.conditions import Condition
    from triable.engine.model.rubric import ClaimRubric, Element

app = typer.Typer(
    help="List the legal tests, or show one as an outline with its authorities.",
    no_args_is_help=True,
)

WIDTH = 88


@app.command("list")
def list_command(rubrics: Path | None = RUBRICS_OPTION) -> None:
    """Every claim (its standards and tests) and every test (form, name, size)."""
    from .. import session

    typer.echo(render_list(session.library(rubrics)))


@app.command("show")
def show_command(
    name: str = typer.Argument(..., metavar="TEST_OR_CLAIM", help="A test or claim id."),
    rubrics: Path | None = RUBRICS_OPTION,
) -> None:
    """One test or claim as an outline: what it requires, in plain words, and its authorities.

    Example: triable rubric show handcuffing
    """
    from triable.engine.errors import UsageError
    from triable.engine.spelling import did_you_mean

    from .. import session

    library = session.library(rubrics)
    parts = []
    if name in library.tests:
        parts.append(render_test(library, library.tests[name]))
    if name in library.claims:
        parts.append(render_claim(library, library.claims[name]))
    if not parts:
        raise UsageError(
            "U008",
            f"no test or claim '{name}'{did_you_mean(name, [*library.tests, *library.claims])}; "
            "`triable rubric list` shows them all",
        )
    typer.echo("\n\n".join(parts))


# --- rendering (pure: library in, text out) ---------------------------------------------


def _size(test: AnyTest) -> str:
    if test.form == "elements":
        n, word = len(test.elements), "element"
    elif test.form == "factors":
        n, word = len(test.factors), "factor"
    else:
        n, word = len(test.prongs), "prong"
    return f"{n} {word}{'s' if n != 1 else ''}"


def render_list(library: Library) -> str:
    lines = ["Claims"]
    for claim in library.claims.values():
        lines.append(f"  {claim.id} — {claim.name}")
        for standard in claim.standards:
            tests = ", ".join(choice.test for choice in standard.tests)
            lines.append(f"    {standard.id} ({standard.name}): {tests}")
    lines += ["", "Tests"]
    width = max((len(t) for t in library.tests), default=0)
    for test_id, test in sorted(library.tests.items()):
        lines.append(f"  {test_id:<{width}}  {test.form:<8}  {_size(test):<11}  {test.name}")
    lines += ["", "Show one as an outline: triable rubric show TEST_OR_CLAIM"]
    return "\n".join(lines)


_RULE_HEADINGS = {
    "for_jury_when": "For the jury when",
    "judgment_for_defendant_when": "Judgment for the defendant when",
}


def _balance_rules(library: Library, test: Any) -> list[str]:
    """A factors test's stated rules, in the order they are tried, with their conditions."""
    lines: list[str] = []
    if test.stated_rules() or test.otherwise is not None:
        lines += ["", "How the balance is struck (the first rule that applies decides):"]
    for key, rule in test.stated_rules():
        lines += _wrap(f"{_RULE_HEADINGS[key]} {condition_words(library, rule.holds_when)}:", "  ")
        lines += _wrap(rule.rule, "     ")
        lines += _cites(library, rule.cites, "     ")
    if test.otherwise is not None:
        lines += _wrap(
            "Otherwise (where some consideration favours the plaintiff on his version, the "
            "balance is for the jury):",
            "  ",
        )
        lines += _wrap(test.otherwise.rule, "     ")
        lines += _cites(library, test.otherwise.cites, "     ")
    return lines


def render_test(library: Library, test: AnyTest) -> str:
    lines = [f"{test.name}  [{test.id}: {test.form}, {_size(test)}]"]
    if test.id in library.origins:
        lines.append(f"from {library.origins[test.id]}")
    lines += ["", *_wrap(test.summary, ""), "", "Authorities:"]
    lines += _cites(library, test.cites, "  ")
    if test.form == "elements":
        lines += ["", "Elements (all must hold):"]
        lines += _elements(library, test.elements)
    elif test.form == "factors":
        lines += _balance_rules(library, test)
        if test.threshold is not None:
            lines += [
                "",
                f"Factors (weighed: each favouring the plaintiff adds its weight, each favouring "
                f"the defendant subtracts it; a reasonable jury could find for the plaintiff at "
                f"a score of {test.threshold:g} or more):",
            ]
        else:
            lines += ["", "Factors (each favours the plaintiff, the defendant, or neither):"]
        for n, (factor_id, factor) in enumerate(test.factors.items(), 1):
            mark = "  [particularly important]" if factor.particularly_important else ""
            lines.append(f"  {n}. {factor.label}  ({factor_id}, weight {factor.weight:g}){mark}")
            if factor.favors_plaintiff_when is not None:
                lines += _wrap(
                    "Favours the plaintiff when "
                    + condition_words(library, factor.favors_plaintiff_when),
                    "     ",
                )
            if factor.favors_defendant_when is not None:
                lines += _wrap(
                    "Favours the defendant when "
                    + condition_words(library, factor.favors_defendant_when),
                    "     ",
                )
            lines += _cites(library, factor.cites, "     ")
    else:
        lines += ["", "Prongs (the defense is denied when all hold):"]
        lines += _elements(library, test.prongs)
        if test.clearly_established_by:
            lines += [
                "",
                "Precedents that clearly establish the right (if decided before the incident):",
            ]
            for precedent in test.clearly_established_by:
                authority = library.authorities.get(precedent.cite.authority)
                decided = f"decided {authority.decided.isoformat()}, " if authority else ""
                lines += _cites(library, [precedent.cite], "  - ")
                lines += _wrap(
                    f"({decided}{precedent.weight}) covers {precedent.describes}: "
                    + condition_words(library, precedent.conduct),
                    "    ",
                )
    return "\n".join(lines)


def _elements(library: Library, elements: dict[str, Element]) -> list[str]:
    lines = []
    for n, (element_id, element) in enumerate(elements.items(), 1):
        marks = [
            m
            for m, on in (
                ("particularly important", element.particularly_important),
                ("prerequisite: when it fails, the rest are not reached", element.prerequisite),
            )
            if on
        ]
        mark = f"  [{'; '.join(marks)}]" if marks else ""
        lines.append(f"  {n}. {element.label}  ({element_id}){mark}")
        lines += _wrap("Holds when " + condition_words(library, element.holds_when), "     ")
        lines += _cites(library, element.cites, "     ")
    return lines


def render_claim(library: Library, claim: ClaimRubric) -> str:
    lines = [f"{claim.name}  [claim {claim.id}]"]
    if claim.id in library.origins:
        lines.append(f"from {library.origins[claim.id]}")
    lines += ["", *_wrap(claim.summary, ""), "", "Authorities:"]
    lines += _cites(library, claim.cites, "  ")
    if claim.elements:
        lines += ["", "Required whichever test applies:"]
        lines += _elements(library, claim.elements)
    lines += ["", "Standards (the first that fits governs):"]
    for n, standard in enumerate(claim.standards, 1):
        lines.append(f"  {n}. {standard.name}  ({standard.id})")
        when = (
            "When " + condition_words(library, standard.when)
            if standard.when is not None
            else "Otherwise."
        )
        lines += _wrap(when, "     ")
        lines += _wrap(standard.because, "     ")
        lines += _cites(library, standard.cites, "     ")
        lines.append("     Tests (the first that fits applies):")
        for choice in standard.tests:
            test = library.tests.get(choice.test)
            title = test.name if test else "(not in the library)"
            lines.append(f"     - {choice.test}: {title}")
            lines += _wrap(
                ("When " + condition_words(library, choice.when) if choice.when else "Otherwise.")
                + " "
                + choice.because,
                "       ",
            )
            lines += _cites(library, choice.cites, "       ")
    lines += ["", "Each test in full: triable rubric show TEST"]
    return "\n".join(lines)


def _cites(library: Library, cites: list[Cite], indent: str) -> list[str]:
    lines = []
    for cite in cites:
        authority = library.authorities.get(cite.authority)
        if authority is None:
            lines.append(f"{indent}{cite} (not in the authority registry)")
            continue
        said = next((p.text for p in authority.propositions if p.pin == cite.pin), None)
        text = f"{cite}: {authority.name}, {authority.citation}, at {cite.pin}"
        if said:
            text += f" — {said}"
        lines += _wrap(text, indent, "    " + " " * len(indent))
    return lines


def _wrap(text: str, indent: str, subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_on_hyphens=False,
    ) or [indent]


# --- conditions in plain words ------------------------------------------------------------


def condition_words(library: Library, condition: Condition) -> str:
    """A rubric condition as a sentence built from the attributes' own questions."""
    from triable.engine.model.conditions import (
        AllOf,
        AnyOf,
        AttributeTest,
        ClaimHolds,
        NotOf,
    )

    def words(node: Any, nested: bool) -> str:
        if isinstance(node, AllOf | AnyOf):
            head = "all of" if isinstance(node, AllOf) else "any of"
            parts = node.all if isinstance(node, AllOf) else node.any
            inner = "; ".join(words(p, True) for p in parts)
            return f"{head} ({inner})" if nested else f"{head}: {inner}"
        if isinstance(node, NotOf):
            return f"not ({words(node.not_, True)})"
        if isinstance(node, AttributeTest):
            return _attribute_words(library, node)
        if isinstance(node, ClaimHolds):
            if node.claim == "the_claim":
                name = "the claim the defense is raised against"
            else:
                rubric = library.claims.get(node.claim)
                name = f'the claim "{rubric.name if rubric else node.claim}"'
            whom = "the defendant" if node.against == "the_defendant" else "another defendant"
            return f"{name} holds against {whom}"
        return "a precedent listed below, decided before the incident, covers the conduct"

    return words(condition, False)


def _attribute_words(library: Library, test: Any) -> str:
    op, value = test.comparison()
    attribute = library.attributes.get(test.attr)
    question = f'"{attribute.question}"' if attribute else f"'{test.attr}'"
    if op in ("includes", "excludes"):
        verb = "includes" if op == "includes" else "does not include"
        return f"{question} {verb} the defendant"
    if isinstance(value, bool):
        shown = "yes" if value else "no"
    elif attribute is not None and attribute.unit:
        shown = f"{value:g} {attribute.unit}"
    else:
        shown = str(value)
    verb = {"is": "is", "is_not": "is not", "at_least": "is at least", "at_most": "is at most"}[op]
    return f"{question} {verb} {shown}"
