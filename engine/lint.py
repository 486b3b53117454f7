"""Cross-reference checks: findings about rubric and case files, located by YAML path.

Pure: findings name a file and a path inside it; the CLI turns paths into lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .library import Library
from .model.case import Case, OneOf
from .vocab import AttributeType, EvidenceKind

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    file: str
    at: YamlPath = ()
    key: bool = False
    severity: Literal["error", "warning"] = "error"


def check_value(library: Library, attribute_id: str, value: Any, defendants: set[str] | None) -> str | None:
    """Why ``value`` cannot be a value of the attribute, or None when it can."""
    attribute = library.attributes[attribute_id]
    kind = attribute.type
    if kind is AttributeType.BOOLEAN and not isinstance(value, bool):
        return f"'{attribute_id}' is a boolean attribute: write true or false"
    if kind is AttributeType.NUMBER and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"'{attribute_id}' is a number ({attribute.unit}): write a number"
    if kind is AttributeType.ORDINAL and value not in (attribute.levels or []):
        return (
            f"'{value}' is not a level of '{attribute_id}' (levels: "
            + ", ".join(attribute.levels or [])
            + ")"
        )
    if kind is AttributeType.PARTY:
        names = value.one_of if isinstance(value, OneOf) else value
        if not isinstance(names, list):
            return (
                f"'{attribute_id}' names defendants: write a list like [ramos] or "
                "{one_of: [ramos, knowles]} when the record does not say which"
            )
        if defendants is not None:
            unknown = [n for n in names if n not in defendants]
            if unknown:
                return f"unknown defendant '{unknown[0]}' in '{attribute_id}'"
    elif isinstance(value, OneOf | list):
        return f"'{attribute_id}' is a {kind} attribute, not a list of defendants"
    return None


def lint_case(case: Case, library: Library, file: str) -> list[Finding]:
    findings: list[Finding] = []

    def add(code: str, message: str, at: YamlPath, key: bool = False, warning: bool = False) -> None:
        findings.append(Finding(code, message, file, at, key, "warning" if warning else "error"))

    defendants = set(case.defendants)
    for i, asserted in enumerate(case.claims):
        if asserted.claim not in library.claims:
            add("R011", f"unknown claim '{asserted.claim}'{_hint(asserted.claim, library.claims)}", ("claims", i, "claim"))
        for j, name in enumerate(asserted.against):
            if name not in defendants:
                add("R011", f"unknown defendant '{name}'{_hint(name, defendants)}", ("claims", i, "against", j))
    for i, dismissal in enumerate(case.dismissals):
        if dismissal.claim is not None and dismissal.claim not in library.claims:
            add("R011", f"unknown claim '{dismissal.claim}'{_hint(dismissal.claim, library.claims)}", ("dismissals", i, "claim"))
        if dismissal.defendant is not None and dismissal.defendant not in defendants:
            add("R011", f"unknown defendant '{dismissal.defendant}'{_hint(dismissal.defendant, defendants)}", ("dismissals", i, "defendant"))
    for i, raised in enumerate(case.defenses):
        test = library.tests.get(raised.defense)
        if test is None or test.form != "defense":
            defenses = [t for t, v in library.tests.items() if v.form == "defense"]
            add("R011", f"unknown defense '{raised.defense}'{_hint(raised.defense, defenses)}", ("defenses", i, "defense"))
        for j, name in enumerate(raised.raised_by):
            if name not in defendants:
                add("R011", f"unknown defendant '{name}'{_hint(name, defendants)}", ("defenses", i, "raised_by", j))

    for fact_id, fact in case.facts.items():
        for attribute_id, value in fact.establishes.items():
            at = ("facts", fact_id, "establishes", attribute_id)
            if attribute_id not in library.attributes:
                add(
                    "R010",
                    f"fact '{fact_id}' establishes undeclared attribute '{attribute_id}'"
                    f"{_hint(attribute_id, library.attributes)}",
                    at,
                    key=True,
                )
                continue
            if library.attributes[attribute_id].from_case:
                add("R010", f"'{attribute_id}' comes from the case itself (plaintiff.status), not from facts", at, key=True)
                continue
            problem = check_value(library, attribute_id, value, defendants)
            if problem:
                add("R002", problem, at)
        for j, other in enumerate(fact.disputes):
            if other == fact_id:
                add("R014", f"fact '{fact_id}' disputes itself", ("facts", fact_id, "disputes", j))
            elif other not in case.facts:
                add("R013", f"fact '{fact_id}' disputes unknown fact '{other}'{_hint(other, case.facts)}", ("facts", fact_id, "disputes", j))
        for j, other in enumerate(fact.blatantly_contradicts):
            at = ("facts", fact_id, "blatantly_contradicts", j)
            if fact.evidence is not EvidenceKind.VIDEO:
                add("R016", f"only video evidence can blatantly contradict a version (fact '{fact_id}' is {fact.evidence.value})", at)
            if other == fact_id:
                add("R014", f"fact '{fact_id}' contradicts itself", at)
            elif other not in case.facts:
                add("R013", f"fact '{fact_id}' contradicts unknown fact '{other}'{_hint(other, case.facts)}", at)

    if case.expected is not None:
        asserted_pairs = {(c.claim, d) for c in case.claims for d in c.against}
        for i, exp in enumerate(case.expected.claims):
            at: YamlPath = ("expected", "claims", i)
            if exp.claim not in library.claims:
                add("R011", f"expected holding names unknown claim '{exp.claim}'{_hint(exp.claim, library.claims)}", (*at, "claim"))
            elif exp.defendant not in defendants:
                add("R011", f"expected holding names unknown defendant '{exp.defendant}'{_hint(exp.defendant, defendants)}", (*at, "defendant"))
            elif (exp.claim, exp.defendant) not in asserted_pairs:
                add("R011", f"expected holding for {exp.claim} against {exp.defendant}, which the case does not assert", at)
        for i, exp_d in enumerate(case.expected.defenses):
            at = ("expected", "defenses", i)
            if exp_d.defendant not in defendants:
                add("R011", f"expected holding names unknown defendant '{exp_d.defendant}'{_hint(exp_d.defendant, defendants)}", (*at, "defendant"))
            if exp_d.claim not in library.claims:
                add("R011", f"expected holding names unknown claim '{exp_d.claim}'{_hint(exp_d.claim, library.claims)}", (*at, "claim"))
            if exp_d.defense not in library.tests:
                add("R011", f"expected holding names unknown defense '{exp_d.defense}'", (*at, "defense"))
        for i, cite in enumerate(case.expected.decided_by):
            authority = library.authorities.get(cite.authority)
            if authority is None:
                add("R003", f"unknown authority '{cite.authority}'{_hint(cite.authority, library.authorities)}", ("expected", "decided_by", i))
    return findings


def _hint(word: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
